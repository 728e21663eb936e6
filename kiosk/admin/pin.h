#pragma once
// The technicians' PIN: stored only as an Argon2id hash (libsodium's crypto_pwhash_str, the
// "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string), never the PIN itself; and the pad's
// lockout: after 5 wrong PINs in a row the pad locks, for 30 s, then twice as long after every
// further wrong PIN (capped at 1 h), until a right one. Pure logic apart from libsodium; the
// clock is passed in (ms, any monotonic origin). No SDL/ImGui.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace orpheus::admin {

class PinError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A PIN is 4 to 12 ASCII digits. Returns the reason if not, e.g. "a PIN has 4 to 12 digits".
std::optional<std::string> check_pin_rules(std::string_view pin);

// Argon2id hash of the PIN with a fresh random salt (opslimit/memlimit: libsodium's
// INTERACTIVE, ~0.1 s and 64 MB on a small PC). Throws PinError for a PIN breaking the rules or
// when libsodium cannot allocate.
std::string hash_pin(std::string_view pin);

// True if `hash` looks like a hash hash_pin() makes (for the configuration checker).
bool is_pin_hash(std::string_view hash);

// Constant-time verification (libsodium). False for a malformed hash. Slow by design (~0.1 s):
// call it off the main thread.
bool verify_pin(const std::string& hash, std::string_view pin);

class PinLock {
 public:
  static constexpr int kFreeAttempts = 5;
  static constexpr double kFirstLockMs = 30'000;
  static constexpr double kMaxLockMs = 3'600'000;

  bool locked(double now_ms) const { return now_ms < locked_until_ms_; }
  double locked_until_ms() const { return locked_until_ms_; }
  int failures() const { return failures_; }  // wrong PINs in a row
  // A wrong PIN at now_ms; returns how long the pad is now locked for (0 if not).
  double failed(double now_ms);
  void succeeded();  // a right PIN clears the count

 private:
  int failures_ = 0;
  double locked_until_ms_ = 0;
};

// Reads a PIN for `orpheus-kiosk --hash-pin`: twice without echo when stdin is a terminal
// (prompts on stderr), once from a pipe. Returns the hash; throws PinError naming what is wrong
// (rules, mismatch, empty input).
std::string read_and_hash_pin();

}  // namespace orpheus::admin
