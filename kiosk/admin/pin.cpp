#include "admin/pin.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace orpheus::admin {
namespace {

// sodium_init() is thread-safe and idempotent; the static only keeps it to one call.
void require_sodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw PinError("libsodium cannot be initialised");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Unpadded standard base64 of exactly `n` characters (crypto_pwhash_str's salt and hash).
bool is_b64(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '/';
  });
}

// A decimal number without sign or leading zero, 1 to 10 digits; consumes it from `s`.
bool take_number(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n == 0 || n > 10 || (n > 1 && s[0] == '0')) return false;
  s.remove_prefix(n);
  return true;
}

bool take(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// A line read from a file descriptor into a fixed buffer that is wiped when it goes away, so
// the PIN is never copied into a growing std::string.
class SecretLine {
 public:
  SecretLine() = default;
  ~SecretLine() { sodium_memzero(buf_.data(), buf_.size()); }
  SecretLine(const SecretLine&) = delete;
  SecretLine& operator=(const SecretLine&) = delete;

  // Reads up to a newline or end of input. False at end of input with nothing read.
  bool read(int fd) {
    size_ = 0;
    too_long_ = false;
    bool any = false;
    for (;;) {
      char c = 0;
      const ssize_t n = ::read(fd, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw PinError(std::string("cannot read the PIN: ") + std::strerror(errno));
      if (n == 0) break;
      any = true;
      if (c == '\n') break;
      if (size_ < buf_.size()) buf_[size_++] = c;
      else too_long_ = true;
      c = 0;
    }
    if (size_ > 0 && buf_[size_ - 1] == '\r') --size_;
    return any;
  }
  std::string_view view() const { return {buf_.data(), size_}; }
  bool too_long() const { return too_long_; }

 private:
  std::array<char, 64> buf_{};
  std::size_t size_ = 0;
  bool too_long_ = false;
};

// Echo off on the terminal at `fd` for its lifetime; the previous settings come back on every
// way out, exceptions included.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (tcgetattr(fd_, &saved_) != 0)
      throw PinError(std::string("cannot read the terminal settings: ") + std::strerror(errno));
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK | ECHONL);
    quiet.c_lflag |= ICANON;
    if (tcsetattr(fd_, TCSAFLUSH, &quiet) != 0)
      throw PinError(std::string("cannot turn off the terminal echo: ") + std::strerror(errno));
  }
  ~EchoOff() {
    while (tcsetattr(fd_, TCSADRAIN, &saved_) != 0 && errno == EINTR) {
    }
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int fd_;
  termios saved_{};
};

void say(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(2, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a prompt that cannot be shown does not stop a piped PIN
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Reads one line as a PIN; throws for no input or a PIN breaking the rules.
void read_pin(SecretLine& line) {
  if (!line.read(0) || line.view().empty()) throw PinError("no PIN given (empty input)");
  if (line.too_long()) throw PinError("a PIN has 4 to 12 digits");
  if (auto why = check_pin_rules(line.view())) throw PinError(*why);
}

}  // namespace

std::optional<std::string> check_pin_rules(std::string_view pin) {
  if (!std::all_of(pin.begin(), pin.end(), is_digit)) return "a PIN has only digits (0-9)";
  if (pin.size() < 4 || pin.size() > 12) return "a PIN has 4 to 12 digits";
  return std::nullopt;
}

std::string hash_pin(std::string_view pin) {
  if (auto why = check_pin_rules(pin)) throw PinError(*why);
  require_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw PinError("cannot hash the PIN: out of memory (Argon2id needs " +
                   std::to_string(crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20) + " MB)");
  std::string hash(out.data());
  if (!is_pin_hash(hash)) throw PinError("libsodium made an unexpected PIN hash: " + hash);
  return hash;
}

bool is_pin_hash(std::string_view hash) {
  // "$argon2id$v=19$m=65536,t=2,p=1$<22 chars salt>$<43 chars hash>", as crypto_pwhash_str makes
  // it: any cost parameters, one lane, 16-byte salt, 32-byte hash.
  std::string_view s = hash;
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (!take(s, crypto_pwhash_argon2id_STRPREFIX) || !take(s, "v=19$m=") || !take_number(s) ||
      !take(s, ",t=") || !take_number(s) || !take(s, ",p=1$"))
    return false;
  const std::size_t dollar = s.find('$');
  if (dollar == std::string_view::npos) return false;
  return is_b64(s.substr(0, dollar), 22) && is_b64(s.substr(dollar + 1), 43);
}

bool verify_pin(const std::string& hash, std::string_view pin) {
  if (!is_pin_hash(hash)) return false;
  require_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

double PinLock::failed(double now_ms) {
  ++failures_;
  if (failures_ < kFreeAttempts) return 0;
  // 30 s at the 5th wrong PIN, doubling after; the exponent is bounded so it cannot overflow.
  const int doublings = std::min(failures_ - kFreeAttempts, 30);
  const double lock_ms = std::min(std::ldexp(kFirstLockMs, doublings), kMaxLockMs);
  // Called while still locked (a caller's mistake): never end a running lock sooner.
  locked_until_ms_ = std::max(locked_until_ms_, now_ms + lock_ms);
  return locked_until_ms_ - now_ms;
}

void PinLock::succeeded() {
  failures_ = 0;
  locked_until_ms_ = 0;
}

std::string read_and_hash_pin() {
  SecretLine first;
  if (!isatty(0)) {
    read_pin(first);
    return hash_pin(first.view());
  }
  SecretLine second;
  {
    EchoOff quiet(0);
    say("PIN: ");
    try {
      read_pin(first);
    } catch (...) {
      say("\n");
      throw;
    }
    say("\nRepeat PIN: ");
    const bool got = second.read(0);
    say("\n");
    if (!got || second.view().empty()) throw PinError("no PIN given the second time (empty input)");
  }
  // Lengths differ: already a mismatch; same length: compare without an early exit.
  if (first.view().size() != second.view().size() ||
      sodium_memcmp(first.view().data(), second.view().data(), first.view().size()) != 0)
    throw PinError("the two PINs do not match");
  return hash_pin(first.view());
}

}  // namespace orpheus::admin
