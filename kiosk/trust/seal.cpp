#include "trust/seal.h"

#include <fcntl.h>
#include <sodium.h>
#include <string.h>  // memmem (GNU)
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/fd.h"
#include "core/files.h"
#include "core/text.h"

namespace orpheus::trust {
namespace fs = std::filesystem;
namespace {

// 0x8F cannot start a UTF-8 sequence and is not ASCII, CR LF and ^Z catch a text-mode copy (as in
// PNG's signature), 0x01 is the seal's format version. No zero byte: the magic can never be
// mistaken for the zeroed fields of a seal.
constexpr std::array<std::uint8_t, kMagicSize> kMagic = {0x8F, 'O', 'r', 'p', 'h', 'e', 'u', 's',
                                                          'S',  'e', 'a', 'l', 0x01, '\r', '\n', 0x1A};
// Ed25519 signs this followed by the 32-byte content hash (the NUL is part of it).
constexpr std::string_view kSignContext{"orpheus-pack-v1\0", 16};
constexpr std::string_view kPublicPrefix = "orpheus-ed25519:";
constexpr std::string_view kSecretPrefix = "orpheus-ed25519-secret:";

// Offsets inside the seal.
constexpr std::size_t kHashAt = kMagicSize;
constexpr std::size_t kKeyAt = kHashAt + kHashSize;
constexpr std::size_t kSignatureAt = kKeyAt + kPublicKeySize;
constexpr std::size_t kFieldsSize = kSealSize - kMagicSize;  // 128: what the content hash reads as zeros
static_assert(kSignatureAt + kSignatureSize == kSealSize);
static_assert(kPublicKeySize == crypto_sign_PUBLICKEYBYTES && kSecretKeySize == crypto_sign_SECRETKEYBYTES &&
              kSignatureSize == crypto_sign_BYTES && kHashSize == crypto_generichash_BYTES);

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

void init_sodium() {
  static const bool ok = sodium_init() >= 0;  // thread-safe: a function-local static, and sodium_init is too
  if (!ok) throw TrustError("libsodium could not be initialised");
}

std::string describe_errno(int e) { return std::generic_category().message(e); }

[[noreturn]] void fail(const fs::path& file, const std::string& why) { throw TrustError(file.string() + ": " + why); }

template <std::size_t N>
bool all_zero(const std::array<std::uint8_t, N>& a) {
  return std::all_of(a.begin(), a.end(), [](std::uint8_t b) { return b == 0; });
}

// --- files ---------------------------------------------------------------------------------------

// core's descriptors, with this library's errors.
core::UniqueFd open_file(const fs::path& file, int flags, mode_t mode = 0) {
  core::UniqueFd fd = core::open_fd(file, flags, mode);
  if (!fd.valid()) fail(file, core::open_failure(errno));
  return fd;
}

struct stat fstat_or_fail(const core::UniqueFd& fd, const fs::path& file) {
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail(file, "cannot read its status: " + describe_errno(errno));
  return st;
}

void require_regular(const struct stat& st, const fs::path& file) {
  if (S_ISDIR(st.st_mode)) fail(file, "is a folder, not a file");
  if (!S_ISREG(st.st_mode)) fail(file, "is not a regular file");
}

// Opens a file that must be a regular one. FIFOs and devices are refused before opening (opening
// a FIFO for reading would block) and again after, on what was opened.
core::UniqueFd open_regular(const fs::path& file, int flags) {
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) require_regular(st, file);
  core::UniqueFd fd = open_file(file, flags | O_NONBLOCK);  // no effect on regular files
  require_regular(fstat_or_fail(fd, file), file);
  return fd;
}

// A whole file, opened and memory-mapped read-only; unmapped and closed on destruction. An
// empty file has no mapping. (If another process truncates the file while it is mapped, reading
// the lost pages raises SIGBUS: callers check copies they own, see store/content_store.h.)
class MappedFile {
 public:
  MappedFile(const fs::path& file, bool writable) : fd_(open_regular(file, writable ? O_RDWR : O_RDONLY)) {
    const struct stat st = fstat_or_fail(fd_, file);
    if (st.st_size < 0 || static_cast<std::uintmax_t>(st.st_size) > SIZE_MAX) fail(file, "too large to map");
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ == 0) return;
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_.get(), 0);
    if (p == MAP_FAILED) fail(file, "cannot read (mmap): " + describe_errno(errno));
    data_ = static_cast<const std::uint8_t*>(p);
    ::madvise(p, size_, MADV_SEQUENTIAL);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<std::uint8_t*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }
  const core::UniqueFd& fd() const { return fd_; }

 private:
  core::UniqueFd fd_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

void pwrite_all(const core::UniqueFd& fd, std::span<const std::uint8_t> data, std::uint64_t offset, const fs::path& file) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd.get(), data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(file, "cannot write: " + describe_errno(n < 0 ? errno : EIO));
    data = data.subspan(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
}

void fsync_or_fail(const core::UniqueFd& fd, const fs::path& file) {
  int r;
  do r = ::fsync(fd.get());
  while (r != 0 && errno == EINTR);
  if (r != 0) fail(file, "cannot flush to disk: " + describe_errno(errno));
}

// --- the seal ------------------------------------------------------------------------------------

// `bytes` is always a file mapping (MappedFile), read front to back in windows. Each window is
// given back to the kernel once read (it stays in the page cache), so checking a 1.4 GB pack
// keeps a few megabytes of it in this process, not all of it.
constexpr std::size_t kWindow = std::size_t{16} << 20;

void release(std::span<const std::uint8_t> bytes, std::size_t from, std::size_t to) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  from = from / page * page;  // whole pages only: the mapping starts on a page boundary
  to = to / page * page;
  if (to > from) ::madvise(const_cast<std::uint8_t*>(bytes.data()) + from, to - from, MADV_DONTNEED);
}

std::uint64_t find_magic(std::span<const std::uint8_t> bytes, std::uint64_t from) {
  for (std::size_t at = from; at < bytes.size(); at += kWindow) {
    const std::size_t end = std::min(bytes.size(), at + kWindow + kMagicSize - 1);  // a magic across the edge
    const void* hit = ::memmem(bytes.data() + at, end - at, kMagic.data(), kMagic.size());
    if (hit) return static_cast<std::uint64_t>(static_cast<const std::uint8_t*>(hit) - bytes.data());
    release(bytes, at, std::min(bytes.size(), at + kWindow));
  }
  return bytes.size();
}

void hash_range(crypto_generichash_state& state, std::span<const std::uint8_t> bytes, std::size_t from, std::size_t to) {
  for (std::size_t at = from; at < to; at += kWindow) {
    const std::size_t end = std::min(to, at + kWindow);
    crypto_generichash_update(&state, bytes.data() + at, end - at);
    release(bytes, at, end);
  }
}

// The recorded hash, signer and signature of the seal `seal` (its kSealSize bytes) found at
// byte `offset`; the actual hash is left for the caller.
Seal seal_fields(std::span<const std::uint8_t> seal, std::uint64_t offset) {
  Seal s;
  s.offset = offset;
  std::copy_n(seal.data() + kHashAt, kHashSize, s.recorded.begin());
  PublicKey key;
  std::copy_n(seal.data() + kKeyAt, kPublicKeySize, key.bytes.begin());
  if (!all_zero(key.bytes)) s.signer = key;
  std::copy_n(seal.data() + kSignatureAt, kSignatureSize, s.signature.begin());
  return s;
}

Seal scan(std::span<const std::uint8_t> bytes, const fs::path& file) {
  if (bytes.empty()) fail(file, "empty file: it has no seal");
  const std::uint64_t at = find_magic(bytes, 0);
  if (at == bytes.size()) fail(file, "has no seal: not a sealed Orpheus pack");
  // The magic has a single 0x8F, so two occurrences cannot overlap: search on after this one.
  if (const std::uint64_t again = find_magic(bytes, at + 1); again != bytes.size())
    fail(file, "has two seals (at bytes " + std::to_string(at) + " and " + std::to_string(again) +
                   "): a pack must have exactly one");
  if (bytes.size() - at < kSealSize)
    fail(file, "the seal at byte " + std::to_string(at) + " is cut short: the file ends " +
                   std::to_string(bytes.size() - at) + " bytes after it starts, a seal is " +
                   std::to_string(kSealSize));

  Seal s = seal_fields(bytes.subspan(at, kSealSize), at);
  static constexpr std::array<std::uint8_t, kFieldsSize> zeros{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kHashSize);
  hash_range(state, bytes, 0, at + kMagicSize);
  crypto_generichash_update(&state, zeros.data(), zeros.size());
  hash_range(state, bytes, at + kSealSize, bytes.size());
  crypto_generichash_final(&state, s.actual.data(), s.actual.size());
  return s;
}

std::array<std::uint8_t, kSignContext.size() + kHashSize> signed_message(const ContentHash& hash) {
  std::array<std::uint8_t, kSignContext.size() + kHashSize> m{};
  std::copy(kSignContext.begin(), kSignContext.end(), m.begin());
  std::copy(hash.begin(), hash.end(), m.begin() + kSignContext.size());
  return m;
}

bool verifies(const Seal& s) {
  if (!s.signer) return false;
  const auto m = signed_message(s.recorded);
  return crypto_sign_verify_detached(s.signature.data(), m.data(), m.size(), s.signer->bytes.data()) == 0;
}

// --- keys ----------------------------------------------------------------------------------------

// Decodes standard padded base64 into exactly `out.size()` bytes; on failure returns why.
std::optional<std::string> decode_base64(std::string_view text, std::span<std::uint8_t> out, const char* what) {
  std::vector<std::uint8_t> buf(text.size() + 1);
  std::size_t len = 0;
  const char* end = nullptr;
  const int r = sodium_base642bin(buf.data(), buf.size(), text.data(), text.size(), nullptr, &len, &end,
                                  sodium_base64_VARIANT_ORIGINAL);
  std::optional<std::string> why;
  if (text.empty())
    why = "the key is missing after the prefix";
  else if (r != 0 || end != text.data() + text.size())
    why = "the key is not valid base64";
  else if (len != out.size())
    why = "the key decodes to " + std::to_string(len) + " bytes; " + what + " has " + std::to_string(out.size());
  else
    std::copy_n(buf.begin(), out.size(), out.begin());
  sodium_memzero(buf.data(), buf.size());
  return why;
}

std::string encode_base64(std::span<const std::uint8_t> bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Parses "orpheus-ed25519:BASE64" (prefix optional); returns the reason on failure.
std::optional<std::string> parse_public(std::string_view text, PublicKey& key) {
  text = core::trim(text);
  if (text.starts_with(kSecretPrefix))
    return "this is a secret key, not a public key: a kiosk needs only the public key (the .pub file); "
           "keep the secret key off kiosks";
  if (text.starts_with(kPublicPrefix))
    text = core::trim(text.substr(kPublicPrefix.size()));
  else if (const auto colon = text.find(':'); colon != std::string_view::npos)
    return "unknown key type \"" + std::string(text.substr(0, std::min<std::size_t>(colon, 40))) +
           ":\" (expected orpheus-ed25519:)";
  return decode_base64(text, key.bytes, "an Ed25519 public key");
}

struct KeyFileText {
  std::string comment;
  std::string key_line;
  std::size_t line_number = 0;
};

// Reads a key file's one key line and its first comment; wipes what it read.
KeyFileText read_key_file(const fs::path& file, bool secret) {
  const core::UniqueFd fd = open_regular(file, O_RDONLY);
  const struct stat st = fstat_or_fail(fd, file);
  if (secret && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    fail(file, std::string("secret key file is accessible to others than its owner (mode ") + mode +
                   "): run chmod 600 " + file.string());
  }
  if (static_cast<std::uintmax_t>(st.st_size) > kMaxKeyFileBytes) fail(file, "too large to be a key file");

  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      sodium_memzero(text.data(), text.size());
      fail(file, "cannot read: " + describe_errno(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);

  KeyFileText out;
  bool have_comment = false;
  std::optional<std::string> error;
  std::size_t number = 0;
  for (std::size_t pos = 0; pos < text.size() && !error;) {
    const std::size_t eol = std::min(text.find('\n', pos), text.size());
    const std::string_view line = core::trim(std::string_view(text).substr(pos, eol - pos));
    pos = eol + 1;
    ++number;
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (!have_comment) out.comment = std::string(core::trim(line.substr(1)));
      have_comment = true;
    } else if (out.line_number != 0) {
      error = "line " + std::to_string(number) + ": a second key line (line " + std::to_string(out.line_number) +
              " is the first): a key file holds one key";
    } else {
      out.key_line = std::string(line);
      out.line_number = number;
    }
  }
  sodium_memzero(text.data(), text.size());
  if (error) {
    sodium_memzero(out.key_line.data(), out.key_line.size());
    fail(file, *error);
  }
  if (out.line_number == 0)
    fail(file, std::string("no key in the file (expected a line ") + (secret ? "orpheus-ed25519-secret:" : "orpheus-ed25519:") +
                   "BASE64)");
  return out;
}

// Creates `file` (never replacing one: with `overwrite` the old one is unlinked first, so the new
// file is a fresh inode with our mode rather than an old one that may be readable or hard-linked),
// writes `text`, fsyncs. Removes it again if anything fails.
void write_new_file(const fs::path& file, std::string_view text, mode_t mode, bool exact_mode, bool overwrite) {
  if (overwrite && ::unlink(file.c_str()) != 0 && errno != ENOENT)
    fail(file, "cannot replace: " + describe_errno(errno));
  core::UniqueFd fd = core::open_fd(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  if (!fd.valid()) {
    if (errno == EEXIST) fail(file, "already exists; not replacing a key file");
    fail(file, "cannot create: " + describe_errno(errno));
  }
  try {
    if (exact_mode && ::fchmod(fd.get(), mode) != 0) fail(file, "cannot set its mode: " + describe_errno(errno));
    pwrite_all(fd, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, 0, file);
    fsync_or_fail(fd, file);
    if (const int e = fd.close(); e != 0) fail(file, "cannot close: " + describe_errno(e));
  } catch (...) {
    ::unlink(file.c_str());
    throw;
  }
  (void)core::sync_folder(file.parent_path());  // the new entry made durable; best effort (some filesystems refuse)
}

}  // namespace

std::optional<ContentHash> parse_hash(std::string_view hex) {
  if (hex.size() != 2 * kHashSize) return std::nullopt;
  ContentHash h{};
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) return std::nullopt;
    h[i / 2] = static_cast<std::uint8_t>(h[i / 2] << 4 | v);
  }
  return h;
}

ContentHash hash_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TrustError(file.string() + ": cannot open: " + std::strerror(errno));
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kHashSize);
  std::vector<char> block(1 << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = in.gcount();
    if (got > 0) crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(block.data()), static_cast<std::size_t>(got));
  }
  if (in.bad()) throw TrustError(file.string() + ": read failed");
  ContentHash h{};
  crypto_generichash_final(&state, h.data(), h.size());
  return h;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (const std::uint8_t b : bytes) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

std::string PublicKey::id() const {
  std::array<std::uint8_t, crypto_generichash_BYTES> h{};
  crypto_generichash(h.data(), h.size(), bytes.data(), bytes.size(), nullptr, 0);
  return to_hex(std::span(h).first(8));
}

std::string PublicKey::text() const { return std::string(kPublicPrefix) + encode_base64(bytes); }

SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

PublicKey SecretKey::public_key() const {
  PublicKey k;
  crypto_sign_ed25519_sk_to_pk(k.bytes.data(), bytes_.data());
  return k;
}

PublicKey parse_public_key(std::string_view text) {
  init_sodium();
  PublicKey key;
  if (auto why = parse_public(text, key)) throw TrustError("not a public key: " + *why);
  return key;
}

PublicKey read_public_key(const fs::path& file) {
  init_sodium();
  const KeyFileText t = read_key_file(file, false);
  PublicKey key;
  if (auto why = parse_public(t.key_line, key)) fail(file, "line " + std::to_string(t.line_number) + ": " + *why);
  key.comment = t.comment;
  return key;
}

SecretKey read_secret_key(const fs::path& file) {
  init_sodium();
  KeyFileText t = read_key_file(file, true);
  struct Wipe {
    std::string& s;
    ~Wipe() { sodium_memzero(s.data(), s.size()); }
  } wipe{t.key_line};
  const std::string where = "line " + std::to_string(t.line_number) + ": ";
  std::string_view line = t.key_line;
  if (!line.starts_with(kSecretPrefix)) {
    if (line.starts_with(kPublicPrefix)) fail(file, where + "this is a public key, not a secret key");
    fail(file, where + "expected orpheus-ed25519-secret:BASE64");
  }
  line = core::trim(line.substr(kSecretPrefix.size()));
  std::array<std::uint8_t, kSecretKeySize> bytes{};
  const auto why = decode_base64(line, bytes, "an Ed25519 secret key");
  SecretKey key(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  if (why) fail(file, where + *why);

  // The secret key is seed | public key: a damaged file shows as halves that do not match.
  std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
  std::array<std::uint8_t, kSecretKeySize> again{};
  PublicKey derived;
  crypto_sign_ed25519_sk_to_seed(seed.data(), key.bytes().data());
  crypto_sign_seed_keypair(derived.bytes.data(), again.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  sodium_memzero(again.data(), again.size());
  if (!(derived == key.public_key())) fail(file, where + "the key is damaged: its public half does not match its secret half");
  return key;
}

KeyFiles generate_key_pair(const fs::path& base, const std::string& comment, bool overwrite) {
  init_sodium();
  if (base.filename().empty()) fail(base, "needs a file name to add .key and .pub to");
  if (comment.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
    fail(base, "the key comment must be a single line");
  KeyFiles out;
  out.secret_file = base;
  out.secret_file += ".key";
  out.public_file = base;
  out.public_file += ".pub";
  if (!overwrite) {
    for (const fs::path& f : {out.secret_file, out.public_file}) {
      std::error_code ec;
      if (fs::exists(fs::symlink_status(f, ec))) fail(f, "already exists; not replacing a key file");
    }
  }

  std::array<std::uint8_t, kSecretKeySize> sk{};
  crypto_sign_keypair(out.public_key.bytes.data(), sk.data());
  out.public_key.comment = comment;
  std::string header = comment.empty() ? std::string() : "# " + comment + "\n";

  std::string secret_text = header + std::string(kSecretPrefix) + encode_base64(sk) + "\n";
  sodium_memzero(sk.data(), sk.size());
  try {
    write_new_file(out.secret_file, secret_text, 0600, true, overwrite);
  } catch (...) {
    sodium_memzero(secret_text.data(), secret_text.size());
    throw;
  }
  sodium_memzero(secret_text.data(), secret_text.size());
  try {
    write_new_file(out.public_file, header + out.public_key.text() + "\n", 0644, false, overwrite);
  } catch (...) {
    ::unlink(out.secret_file.c_str());  // half a key pair is no use
    throw;
  }
  return out;
}

std::array<std::uint8_t, kSealSize> blank_seal() {
  std::array<std::uint8_t, kSealSize> s{};
  std::copy(kMagic.begin(), kMagic.end(), s.begin());
  return s;
}

Seal read_seal(const fs::path& pack) {
  init_sodium();
  const MappedFile f(pack, false);
  return scan(f.bytes(), pack);
}

ContentHash write_content_hash(const fs::path& pack) {
  init_sodium();
  const MappedFile f(pack, true);
  const Seal s = scan(f.bytes(), pack);
  std::array<std::uint8_t, kFieldsSize> fields{};  // the hash, then no key and no signature
  std::copy(s.actual.begin(), s.actual.end(), fields.begin());
  pwrite_all(f.fd(), fields, s.offset + kHashAt, pack);
  fsync_or_fail(f.fd(), pack);
  return s.actual;
}

void sign(const fs::path& pack, const SecretKey& key) {
  init_sodium();
  const MappedFile f(pack, true);
  Seal s = scan(f.bytes(), pack);
  if (all_zero(s.recorded))
    fail(pack, "its content hash was never recorded (an unfinished pack): nothing to sign");
  if (!s.intact())
    fail(pack, "changed since its content hash was recorded: refusing to sign a damaged or edited pack");
  const auto m = signed_message(s.recorded);
  crypto_sign_detached(s.signature.data(), nullptr, m.data(), m.size(), key.bytes().data());
  s.signer = key.public_key();
  if (!verifies(s))  // a secret key whose halves do not match signs what nobody can verify
    fail(pack, "cannot sign: the secret key is damaged (its public half does not match its secret half)");
  std::array<std::uint8_t, kPublicKeySize + kSignatureSize> fields{};
  std::copy(s.signer->bytes.begin(), s.signer->bytes.end(), fields.begin());
  std::copy(s.signature.begin(), s.signature.end(), fields.begin() + kPublicKeySize);
  pwrite_all(f.fd(), fields, s.offset + kKeyAt, pack);
  fsync_or_fail(f.fd(), pack);
}

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::trusted: return "trusted";
    case Verdict::unsigned_pack: return "unsigned";
    case Verdict::untrusted_key: return "untrusted key";
    case Verdict::bad_signature: return "bad signature";
    case Verdict::tampered: return "tampered";
    case Verdict::unsealed: return "unsealed";
  }
  return "unknown";
}

Check check(const fs::path& pack, std::span<const PublicKey> trusted) {
  try {
    return judge(pack, read_seal(pack), trusted);
  } catch (const TrustError& e) {
    return {Verdict::unsealed, e.what(), std::nullopt};
  } catch (const std::exception& e) {
    return {Verdict::unsealed, pack.string() + ": cannot check: " + e.what(), std::nullopt};
  }
}

Check judge(const fs::path& pack, Seal seal, std::span<const PublicKey> trusted) {
  init_sodium();
  Check c;
  const std::string name = pack.string();
  c.seal = std::move(seal);
  Seal& s = *c.seal;
  if (!s.intact()) {
    c.verdict = Verdict::tampered;
    c.reason = all_zero(s.recorded)
                   ? name + ": its content hash was never recorded: an unfinished pack, not a sealed one"
                   : name + ": the content changed after the pack was sealed (content hash mismatch): damaged or edited";
  } else if (!s.signer) {
    c.verdict = Verdict::unsigned_pack;
    c.reason = name + ": not signed by any curator key";
  } else if (!verifies(s)) {
    c.verdict = Verdict::bad_signature;
    c.reason = name + ": the signature does not verify with key " + s.signer->id() +
               " that it names: forged or damaged";
  } else if (const auto it = std::find(trusted.begin(), trusted.end(), *s.signer); it != trusted.end()) {
    c.verdict = Verdict::trusted;
    s.signer->comment = it->comment;
    c.reason = name + ": signed by key " + s.signer->id() + (it->comment.empty() ? "" : " (" + it->comment + ")") +
               ", which this kiosk trusts";
  } else {
    c.verdict = Verdict::untrusted_key;
    c.reason = name + ": signed by key " + s.signer->id() + ", which this kiosk does not trust";
  }
  return c;
}

// --- messages ----------------------------------------------------------------------------------

Signature sign_message(std::span<const std::uint8_t> message, const SecretKey& key) {
  init_sodium();
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.bytes().data());
  return sig;
}

bool verify_message(std::span<const std::uint8_t> message, const Signature& signature, const PublicKey& key) {
  init_sodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.bytes.data()) == 0;
}

std::string signature_text(const Signature& signature) { return encode_base64(signature); }

Signature parse_signature(std::string_view text) {
  Signature sig{};
  if (text.empty()) throw TrustError("the signature is missing");
  if (decode_base64(text, sig, "an Ed25519 signature"))
    throw TrustError("the signature is not " + std::to_string(kSignatureSize) + " bytes of base64");
  return sig;
}

// --- remembered hashes ---------------------------------------------------------------------------

std::optional<FileIdentity> identity_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const auto ns = [](const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
  return FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                      static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim)};
}

namespace {

constexpr std::string_view kMemoHeader = "# orpheus-hash-memo v1: hash seal-offset device inode size mtime-ns ctime-ns path";
constexpr std::size_t kMemoEntries = 64;  // the newest; a kiosk has a current and a previous pack

struct MemoEntry {
  ContentHash hash{};
  std::uint64_t offset = 0;
  FileIdentity identity;
  std::string path;
};

std::string memo_key(const fs::path& pack) {
  std::error_code ec;
  const fs::path abs = fs::absolute(pack, ec);
  return (ec ? pack : abs).lexically_normal().string();
}

// The memo's entries, oldest first; lines that do not parse are skipped (a damaged memo only
// costs hashing again).
std::vector<MemoEntry> read_memo(const fs::path& file) {
  std::vector<MemoEntry> entries;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string hex;
    MemoEntry e;
    fields >> hex >> e.offset >> e.identity.device >> e.identity.inode >> e.identity.size >> e.identity.mtime_ns >>
        e.identity.ctime_ns;
    if (!fields || hex.size() != 2 * kHashSize || fields.get() != ' ') continue;
    std::getline(fields, e.path);
    std::size_t len = 0;
    if (e.path.empty() ||
        sodium_hex2bin(e.hash.data(), e.hash.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
        len != kHashSize)
      continue;
    entries.push_back(std::move(e));
  }
  return entries;
}

void write_memo(const fs::path& file, const std::vector<MemoEntry>& entries) {
  std::string text = std::string(kMemoHeader) + "\n";
  const std::size_t skip = entries.size() > kMemoEntries ? entries.size() - kMemoEntries : 0;
  for (std::size_t i = skip; i < entries.size(); ++i) {
    const MemoEntry& e = entries[i];
    const FileIdentity& id = e.identity;
    text += to_hex(e.hash) + " " + std::to_string(e.offset) + " " + std::to_string(id.device) + " " +
            std::to_string(id.inode) + " " + std::to_string(id.size) + " " + std::to_string(id.mtime_ns) + " " +
            std::to_string(id.ctime_ns) + " " + e.path + "\n";
  }
  try {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    core::write_file_atomically(file, text);
  } catch (const std::exception& e) {
    throw TrustError(file.string() + ": cannot remember pack hashes: " + e.what());
  }
}

}  // namespace

std::optional<Seal> HashMemo::recall(const fs::path& pack) const {
  if (file_.empty()) return std::nullopt;
  try {
    const std::string key = memo_key(pack);
    const auto entries = read_memo(file_);
    const auto it = std::find_if(entries.rbegin(), entries.rend(), [&](const MemoEntry& e) { return e.path == key; });
    if (it == entries.rend() || identity_of(pack) != it->identity || it->offset + kSealSize > it->identity.size)
      return std::nullopt;
    const core::UniqueFd fd = open_regular(pack, O_RDONLY);
    std::array<std::uint8_t, kSealSize> bytes{};
    if (::pread(fd.get(), bytes.data(), bytes.size(), static_cast<off_t>(it->offset)) != static_cast<ssize_t>(kSealSize) ||
        !std::equal(kMagic.begin(), kMagic.end(), bytes.begin()))
      return std::nullopt;
    Seal s = seal_fields(bytes, it->offset);
    s.actual = it->hash;
    return s;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable now: the full check will say why
  }
}

void HashMemo::remember(const fs::path& pack, const FileIdentity& before, const Seal& seal) const {
  if (file_.empty()) return;
  const std::string key = memo_key(pack);
  if (key.find('\n') != std::string::npos) return;  // cannot be written as one line: never recalled
  auto entries = read_memo(file_);
  std::erase_if(entries, [&](const MemoEntry& e) { return e.path == key; });
  entries.push_back({seal.actual, seal.offset, before, key});
  write_memo(file_, entries);
}

void HashMemo::forget(const fs::path& pack) const {
  if (file_.empty()) return;
  const std::string key = memo_key(pack);
  auto entries = read_memo(file_);
  if (std::erase_if(entries, [&](const MemoEntry& e) { return e.path == key; }) == 0) return;
  try {
    write_memo(file_, entries);
  } catch (const TrustError&) {
    // best effort: if the entry stays, the next start recalls it and its check in the
    // background finds the file out again
  }
}

}  // namespace orpheus::trust
