#pragma once
// Content hashes and Ed25519 signatures of pack files (libsodium). No SQLite: a pack is
// treated as bytes. Every function may be called from any thread.
//
// The seal is 144 bytes stored once inside a pack file (the pack writer puts blank_seal() in a
// blob; SQLite keeps a small blob's bytes contiguous in the file):
//   magic (16) | content hash (32) | signer's public key (32) | signature (64)
// The content hash is BLAKE2b-256 of the whole file with the 128 bytes after the magic read as
// zeros: it covers every byte of the file except itself and the signature, so writing the hash
// and then signing change nothing that is hashed. The signature is Ed25519 over
// "orpheus-pack-v1\0" followed by the hash. A file with no seal, or with the magic twice, is
// refused: the seal must be unambiguous.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orpheus::trust {

inline constexpr std::size_t kHashSize = 32, kPublicKeySize = 32, kSecretKeySize = 64, kSignatureSize = 64;
inline constexpr std::size_t kMagicSize = 16;
inline constexpr std::size_t kSealSize = kMagicSize + kHashSize + kPublicKeySize + kSignatureSize;  // 144

using ContentHash = std::array<std::uint8_t, kHashSize>;
using Signature = std::array<std::uint8_t, kSignatureSize>;

// Any failure to read or write keys and packs; the message names the file and the reason.
class TrustError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string to_hex(std::span<const std::uint8_t> bytes);
// 64 lower- or upper-case hex digits -> hash; nullopt for anything else.
std::optional<ContentHash> parse_hash(std::string_view hex);

// BLAKE2b-256 of every byte of a file, read in blocks (the fleet's identity of a pack or patch
// file, seal and signature included). Throws TrustError naming the file.
ContentHash hash_file(const std::filesystem::path& file);

struct PublicKey {
  std::array<std::uint8_t, kPublicKeySize> bytes{};
  std::string comment;       // from the key file, e.g. "Regional Museum Plovdiv, curators"; informational
  std::string id() const;    // the first 16 hex digits of BLAKE2b-256(bytes): how messages name a key
  std::string text() const;  // "orpheus-ed25519:" + base64(bytes): what configuration files list
  bool operator==(const PublicKey& o) const { return bytes == o.bytes; }
};

// The secret half; its bytes are wiped when it is destroyed.
class SecretKey {
 public:
  SecretKey() = default;
  explicit SecretKey(const std::array<std::uint8_t, kSecretKeySize>& bytes) : bytes_(bytes) {}
  ~SecretKey();
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  const std::array<std::uint8_t, kSecretKeySize>& bytes() const { return bytes_; }
  PublicKey public_key() const;

 private:
  std::array<std::uint8_t, kSecretKeySize> bytes_{};
};

// "orpheus-ed25519:BASE64" (the prefix may be left out). Throws TrustError saying what is wrong.
PublicKey parse_public_key(std::string_view text);

// Key files are text: '#' comment lines (the first one's text becomes the comment), then one
// line "orpheus-ed25519:BASE64" (public, 32 bytes) or "orpheus-ed25519-secret:BASE64" (64 bytes).
PublicKey read_public_key(const std::filesystem::path& file);
// Refuses a secret key file that others than its owner may read (mode & 077), like ssh does, and
// one whose public half does not match its secret half (a damaged file).
SecretKey read_secret_key(const std::filesystem::path& file);

struct KeyFiles {
  std::filesystem::path secret_file, public_file;  // BASE.key (mode 0600), BASE.pub
  PublicKey public_key;
};
// Ed25519 over any message (other files than packs: the usage exports, channels), and the
// signature as standard padded base64. parse_signature throws TrustError saying what is wrong.
Signature sign_message(std::span<const std::uint8_t> message, const SecretKey& key);
bool verify_message(std::span<const std::uint8_t> message, const Signature& signature, const PublicKey& key);
std::string signature_text(const Signature& signature);
Signature parse_signature(std::string_view text);

// Makes a new key pair and writes BASE.key and BASE.pub. Refuses to replace existing files
// unless `overwrite` (then the old files are unlinked and new ones created, never written
// through). The secret file is created with mode 0600 before any byte is written. The comment
// must be one line.
KeyFiles generate_key_pair(const std::filesystem::path& base, const std::string& comment, bool overwrite = false);

// The seal as the pack writer stores it before the hash is known: magic, then zeros.
std::array<std::uint8_t, kSealSize> blank_seal();

struct Seal {
  std::uint64_t offset = 0;        // of the magic, in bytes from the start of the file
  ContentHash recorded{};          // as written at build time; all zeros if never written
  ContentHash actual{};            // of the file as it is now
  std::optional<PublicKey> signer; // nullopt: unsigned (public key bytes all zero). No comment, except
                                   // in a trusted Check: then the trusted list entry's comment
  Signature signature{};
  bool intact() const { return recorded == actual; }
};

// Reads the whole file (memory-mapped), finds the seal and hashes. Throws TrustError when the
// file cannot be read, has no seal, or has more than one.
Seal read_seal(const std::filesystem::path& pack);

// After a pack is written: records its content hash in the seal, in place, and fsyncs. Any
// signature is cleared (it would no longer match). Returns the hash.
ContentHash write_content_hash(const std::filesystem::path& pack);

// Signs the recorded hash, in place, and fsyncs. Refuses (TrustError) a pack that is not
// intact: signing a damaged or edited file would vouch for content nobody checked.
void sign(const std::filesystem::path& pack, const SecretKey& key);

enum class Verdict {
  trusted,        // intact and signed by one of the trusted keys
  unsigned_pack,  // intact, no signature
  untrusted_key,  // intact, validly signed, but by a key not in the trusted list
  bad_signature,  // intact, but the signature does not verify with the key it names
  tampered,       // the file changed since its hash was recorded (or it was never recorded)
  unsealed,       // no seal at all, or more than one: not a pack this kiosk can check
};
const char* to_string(Verdict v);

struct Check {
  Verdict verdict = Verdict::unsealed;
  std::string reason;           // one sentence for people, naming the key id where there is one
  std::optional<Seal> seal;     // absent when unsealed or unreadable
  bool trusted() const { return verdict == Verdict::trusted; }
};

// Never throws for a bad pack: an unreadable file is `unsealed` with the reason.
Check check(const std::filesystem::path& pack, std::span<const PublicKey> trusted);
// The verdict on a seal already read: by read_seal, or recalled from a HashMemo.
Check judge(const std::filesystem::path& pack, Seal seal, std::span<const PublicKey> trusted);

// --- remembered hashes -------------------------------------------------------------------------
// Hashing reads the whole pack: a second or more per gigabyte, before a kiosk can show it. A
// HashMemo keeps the hashes of packs already read in full, across restarts, for as long as the
// file stays as it was: same device, inode, size, modification time and change time (ctime,
// which every write or metadata change moves and no user can set back). Barring damage below
// the filesystem, an unchanged identity means unchanged bytes; the kiosk still reads the whole
// file again in the background after it is shown, and drops it if that finds a difference.

struct FileIdentity {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};
// Nullopt if `file` cannot be stat'ed or is not a regular file.
std::optional<FileIdentity> identity_of(const std::filesystem::path& file);

// A small text file of (hash, seal offset, identity, absolute path) lines, the newest 64 packs.
// Any thread, any number of processes: it is replaced atomically, and a lost update only costs
// a hash later. An empty file path remembers nothing.
class HashMemo {
 public:
  HashMemo() = default;
  explicit HashMemo(std::filesystem::path file) : file_(std::move(file)) {}
  const std::filesystem::path& file() const { return file_; }

  // The seal of `pack` with its actual hash taken from the memo, if the file has the identity it
  // had when remembered; reads only the seal's bytes from the pack. Never throws: a missing or
  // damaged memo, an unreadable pack, or no seal where it was, is a miss.
  std::optional<Seal> recall(const std::filesystem::path& pack) const;
  // Remembers `seal` (from read_seal) for `pack`, whose identity was `before` when reading began:
  // a change made meanwhile leaves an entry that no longer matches, never a wrong one. Throws
  // TrustError naming the memo when it cannot be written.
  void remember(const std::filesystem::path& pack, const FileIdentity& before, const Seal& seal) const;
  void forget(const std::filesystem::path& pack) const;  // best effort

 private:
  std::filesystem::path file_;
};

}  // namespace orpheus::trust
