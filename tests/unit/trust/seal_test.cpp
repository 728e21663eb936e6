#include <doctest/doctest.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/long_run.h"
#include "support/temp_dir.h"
#include "trust/seal.h"

using namespace orpheus;
namespace fs = std::filesystem;
using trust::Verdict;
using Bytes = std::vector<std::uint8_t>;

namespace {

// One seed per run, printed by the tests that use it; ORPHEUS_TEST_SEED=N repeats a run.
std::uint64_t run_seed() {
  static const std::uint64_t seed = []() -> std::uint64_t {
    if (const char* s = std::getenv("ORPHEUS_TEST_SEED")) return std::stoull(s);
    std::random_device rd;
    return (std::uint64_t{rd()} << 32) ^ std::uint64_t{rd()};
  }();
  return seed;
}

// blank_seal(), kept: spans and iterators need one object, not two temporaries.
const std::array<std::uint8_t, trust::kSealSize>& blank() {
  static const auto seal = trust::blank_seal();
  return seal;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The TrustError message `f` throws, or "" if it throws nothing.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const trust::TrustError& e) {
    return e.what();
  }
  return {};
}

// Standard padded base64, written out here so the tests do not lean on the code they test.
std::string base64(std::span<const std::uint8_t> in) {
  static const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (i + 1 < in.size() ? std::uint32_t{in[i + 1]} << 8 : 0) |
                            (i + 2 < in.size() ? std::uint32_t{in[i + 2]} : 0);
    out += tbl[(v >> 18) & 63];
    out += tbl[(v >> 12) & 63];
    out += i + 1 < in.size() ? tbl[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? tbl[v & 63] : '=';
  }
  return out;
}

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
  Bytes b(n);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t v = rng();
    std::memcpy(b.data() + i, &v, 8);
  }
  for (; i < n; ++i) b[i] = static_cast<std::uint8_t>(rng());
  return b;
}

Bytes read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& file, const Bytes& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

void append(Bytes& to, std::span<const std::uint8_t> more) { to.insert(to.end(), more.begin(), more.end()); }

// Random bytes, a blank seal, random bytes.
fs::path sealed_file(const fs::path& file, std::mt19937_64& rng, std::size_t before = 5000, std::size_t after = 7000) {
  Bytes b = random_bytes(rng, before);
  append(b, trust::blank_seal());
  append(b, random_bytes(rng, after));
  write_bytes(file, b);
  return file;
}

// Changes bytes of a file in place, as an attacker with the USB stick would.
class Editor {
 public:
  explicit Editor(const fs::path& file) : fd_(::open(file.c_str(), O_RDWR | O_CLOEXEC)) { REQUIRE(fd_ >= 0); }
  ~Editor() { ::close(fd_); }
  Editor(const Editor&) = delete;
  Editor& operator=(const Editor&) = delete;
  std::uint8_t get(std::uint64_t at) const {
    std::uint8_t b = 0;
    REQUIRE(::pread(fd_, &b, 1, static_cast<off_t>(at)) == 1);
    return b;
  }
  void put(std::uint64_t at, std::uint8_t b) const { REQUIRE(::pwrite(fd_, &b, 1, static_cast<off_t>(at)) == 1); }
  void xor_byte(std::uint64_t at, std::uint8_t mask) const { put(at, static_cast<std::uint8_t>(get(at) ^ mask)); }

 private:
  int fd_;
};

trust::KeyFiles make_keys(const test::TempDir& dir, const std::string& name, const std::string& comment = "") {
  return trust::generate_key_pair(dir / name, comment.empty() ? name + " curators" : comment);
}

mode_t mode_of(const fs::path& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  INFO(sql << ": " << (err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
}

// A real SQLite pack-like file: a seal row inserted first (as the pack writer does), 1.5 MB of
// random blobs (a real pack has more, but every check() hashes the whole file and the tamper test
// makes ~24,000 of them), text rows in two languages with an index. Closed when this returns.
void make_sqlite_pack(const fs::path& file, std::mt19937_64& rng) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  exec(db, "CREATE TABLE pack_info(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
           "CREATE TABLE pack_seal(seal BLOB NOT NULL) STRICT;"
           "CREATE TABLE media(id INTEGER PRIMARY KEY, mime TEXT NOT NULL, bytes BLOB NOT NULL) STRICT;"
           "CREATE TABLE item_text(id INTEGER PRIMARY KEY, item INTEGER NOT NULL, lang TEXT NOT NULL,"
           "  title TEXT NOT NULL, body TEXT NOT NULL) STRICT;"
           "CREATE INDEX item_text_by_title ON item_text(lang, title);"
           "INSERT INTO pack_info VALUES ('title', 'Treasures of the Thracians'), ('version', '1.0.0');");
  exec(db, "BEGIN");
  const auto seal = trust::blank_seal();
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO pack_seal(seal) VALUES (?1)", -1, &st, nullptr) == SQLITE_OK);
  sqlite3_bind_blob(st, 1, seal.data(), static_cast<int>(seal.size()), SQLITE_TRANSIENT);
  REQUIRE(sqlite3_step(st) == SQLITE_DONE);
  sqlite3_finalize(st);

  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO media(mime, bytes) VALUES ('image/jpeg', ?1)", -1, &st, nullptr) ==
          SQLITE_OK);
  std::size_t total = 0;
  while (total < 1'500'000) {
    const Bytes blob = random_bytes(rng, 1000 + rng() % 120'000);
    total += blob.size();
    sqlite3_bind_blob(st, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);

  static const char* words[] = {"Panagyurishte", "Rogozen", "gold", "silver", "rhyton", "phiale", "amphora",
                                "Панагюрище", "златно", "съкровище", "ритон", "тракийски", "гробница", "конник"};
  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO item_text(item, lang, title, body) VALUES (?1, ?2, ?3, ?4)", -1, &st,
                             nullptr) == SQLITE_OK);
  for (int item = 0; item < 400; ++item) {
    for (const char* lang : {"bg", "en"}) {
      std::string title, body;
      for (int w = 0; w < 3; ++w) title += std::string(words[rng() % std::size(words)]) + " ";
      for (int w = 0; w < 25; ++w) body += std::string(words[rng() % std::size(words)]) + " ";
      sqlite3_bind_int(st, 1, item);
      sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 3, title.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 4, body.c_str(), -1, SQLITE_TRANSIENT);
      REQUIRE(sqlite3_step(st) == SQLITE_DONE);
      sqlite3_reset(st);
    }
  }
  sqlite3_finalize(st);
  exec(db, "COMMIT");
  REQUIRE(sqlite3_close(db) == SQLITE_OK);
}

// Opens read-only, as a kiosk does: integrity check, and the seal blob as SQLite sees it.
Bytes sqlite_seal_blob(const fs::path& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
  sqlite3_finalize(st);
  REQUIRE(sqlite3_prepare_v2(db, "SELECT seal FROM pack_seal", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(st, 0));
  Bytes blob(p, p + sqlite3_column_bytes(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return blob;
}

// What check() must say when byte `at` of a signed pack with its seal at `seal` is changed.
Verdict expected_after_change(std::uint64_t at, std::uint64_t seal) {
  if (at >= seal && at < seal + trust::kMagicSize) return Verdict::unsealed;  // the magic is gone
  if (at >= seal + trust::kMagicSize && at < seal + trust::kMagicSize + trust::kHashSize) return Verdict::tampered;
  if (at >= seal + trust::kMagicSize + trust::kHashSize && at < seal + trust::kSealSize) return Verdict::bad_signature;
  return Verdict::tampered;
}

}  // namespace

TEST_SUITE("Curator keys") {
  TEST_CASE("A generated key pair round-trips through its files") {
    test::TempDir dir;
    const auto keys = trust::generate_key_pair(dir / "plovdiv", "Regional Museum Plovdiv, curators");
    CHECK(keys.secret_file == dir / "plovdiv.key");
    CHECK(keys.public_file == dir / "plovdiv.pub");
    CHECK(mode_of(keys.secret_file) == 0600);
    CHECK(keys.public_key.comment == "Regional Museum Plovdiv, curators");

    const std::string pub_text = test::read_text(keys.public_file);
    CHECK(pub_text == "# Regional Museum Plovdiv, curators\n" + keys.public_key.text() + "\n");
    const std::string key_text = test::read_text(keys.secret_file);
    CHECK(key_text.starts_with("# Regional Museum Plovdiv, curators\norpheus-ed25519-secret:"));
    CHECK(key_text.size() == 36 + 23 + 88 + 1);  // comment line, prefix, base64 of 64 bytes, newline

    const trust::PublicKey pub = trust::read_public_key(keys.public_file);
    CHECK(pub == keys.public_key);
    CHECK(pub.comment == "Regional Museum Plovdiv, curators");
    const trust::SecretKey secret = trust::read_secret_key(keys.secret_file);
    CHECK(secret.public_key() == keys.public_key);

    CHECK(pub.text().starts_with("orpheus-ed25519:"));
    CHECK(pub.text().size() == 16 + 44);
    CHECK(trust::parse_public_key(pub.text()) == pub);
    CHECK(trust::parse_public_key("  " + pub.text().substr(16) + "\n") == pub);  // prefix may be left out
    CHECK(trust::parse_public_key("orpheus-ed25519: " + pub.text().substr(16)) == pub);

    CHECK(pub.id().size() == 16);
    CHECK(pub.id().find_first_not_of("0123456789abcdef") == std::string::npos);
    const auto other = make_keys(dir, "other");
    CHECK(other.public_key.id() != pub.id());
    CHECK_FALSE(other.public_key == pub);
  }

  TEST_CASE("Key files may carry comment lines, blank lines and CRLF; the first comment is kept") {
    test::TempDir dir;
    const auto keys = make_keys(dir, "a");
    test::write_text(dir / "hand.pub", "#   Sofia, National Archaeological Museum  \r\n# second comment\r\n\r\n" +
                                           keys.public_key.text() + "\r\n# after\r\n");
    const auto pub = trust::read_public_key(dir / "hand.pub");
    CHECK(pub == keys.public_key);
    CHECK(pub.comment == "Sofia, National Archaeological Museum");
    test::write_text(dir / "bare.pub", keys.public_key.text());  // no comment, no newline
    CHECK(trust::read_public_key(dir / "bare.pub").comment.empty());
    CHECK(trust::read_public_key(dir / "bare.pub") == keys.public_key);
  }

  TEST_CASE("A bad key file is refused with the file and the reason") {
    test::TempDir dir;
    const auto keys = make_keys(dir, "a");
    const std::string b64 = keys.public_key.text().substr(16);
    const auto public_error = [&](const std::string& name, const std::string& text) {
      test::write_text(dir / name, text);
      const std::string e = error_of([&] { trust::read_public_key(dir / name); });
      CHECK_MESSAGE(has(e, (dir / name).string() + ": "), e);
      return e;
    };
    CHECK(has(public_error("bad64.pub", "# c\norpheus-ed25519:!!not*base64!!\n"), "line 2: the key is not valid base64"));
    CHECK(has(public_error("space.pub", "orpheus-ed25519:" + b64.substr(0, 20) + " " + b64.substr(20)), "base64"));
    CHECK(has(public_error("short.pub", "orpheus-ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n"),
              "decodes to 31 bytes; an Ed25519 public key has 32"));
    CHECK(has(public_error("long.pub", "orpheus-ed25519:" + std::string(44, 'A') + "\n"),
              "decodes to 33 bytes"));
    CHECK(has(public_error("empty.pub", "orpheus-ed25519:\n"), "missing"));
    CHECK(has(public_error("none.pub", "# only a comment\n\n"), "no key in the file"));
    CHECK(has(public_error("zero.pub", ""), "no key in the file"));
    CHECK(has(public_error("two.pub", keys.public_key.text() + "\n" + keys.public_key.text() + "\n"),
              "line 2: a second key line"));
    CHECK(has(public_error("type.pub", "ssh-ed25519:" + b64), "unknown key type"));
    CHECK(has(public_error("secret.pub", test::read_text(keys.secret_file)), "this is a secret key"));

    ::chmod((dir / "a.pub").c_str(), 0600);
    std::string e = error_of([&] { trust::read_secret_key(dir / "a.pub"); });
    CHECK(has(e, (dir / "a.pub").string() + ": line 2: this is a public key, not a secret key"));

    test::write_text(dir / "bad.key", "orpheus-ed25519-secret:" + b64 + "\n");  // 32 bytes, not 64
    ::chmod((dir / "bad.key").c_str(), 0600);
    e = error_of([&] { trust::read_secret_key(dir / "bad.key"); });
    CHECK(has(e, (dir / "bad.key").string() + ": line 1: the key decodes to 32 bytes; an Ed25519 secret key has 64"));

    e = error_of([&] { trust::read_public_key(dir / "missing.pub"); });
    CHECK(e == (dir / "missing.pub").string() + ": file not found");
    e = error_of([&] { trust::read_public_key(dir.path()); });
    CHECK(has(e, "is a folder"));

    CHECK(has(error_of([] { trust::parse_public_key("orpheus-ed25519:@@@"); }), "not a public key: "));
    CHECK(has(error_of([&] { trust::parse_public_key(trust::PublicKey{}.text().replace(0, 16, "orpheus-ed25519-secret:")); }),
              "secret key"));
  }

  TEST_CASE("A secret key file others can read is refused with a hint to chmod 600") {
    test::TempDir dir;
    const auto keys = make_keys(dir, "a");
    for (const mode_t mode : {0644, 0640, 0604, 0660, 0601}) {
      REQUIRE(::chmod(keys.secret_file.c_str(), mode) == 0);
      const std::string e = error_of([&] { trust::read_secret_key(keys.secret_file); });
      CHECK_MESSAGE(has(e, keys.secret_file.string() + ": "), e);
      CHECK_MESSAGE(has(e, "chmod 600"), e);
    }
    for (const mode_t mode : {0600, 0400}) {
      REQUIRE(::chmod(keys.secret_file.c_str(), mode) == 0);
      CHECK(trust::read_secret_key(keys.secret_file).public_key() == keys.public_key);
    }
  }

  TEST_CASE("A secret key whose halves do not match is refused") {
    test::TempDir dir;
    const auto a = make_keys(dir, "a");
    const auto b = make_keys(dir, "b");
    // a's seed with b's public half: well-formed base64 of 64 bytes, but not one key.
    trust::SecretKey sa = trust::read_secret_key(a.secret_file);
    std::array<std::uint8_t, trust::kSecretKeySize> mixed = sa.bytes();
    std::copy(b.public_key.bytes.begin(), b.public_key.bytes.end(), mixed.begin() + 32);
    test::write_text(dir / "mixed.key", "orpheus-ed25519-secret:" + base64(mixed) + "\n");
    REQUIRE(::chmod((dir / "mixed.key").c_str(), 0600) == 0);
    const std::string e = error_of([&] { trust::read_secret_key(dir / "mixed.key"); });
    CHECK_MESSAGE(has(e, (dir / "mixed.key").string() + ": line 1: the key is damaged"), e);

    // Signing with such a key (made in memory) is refused too, and leaves the pack unsigned.
    std::mt19937_64 rng(1);
    const auto pack = sealed_file(dir / "p.db", rng);
    trust::write_content_hash(pack);
    const auto before = read_bytes(pack);
    CHECK(has(error_of([&] { trust::sign(pack, trust::SecretKey(mixed)); }), "the secret key is damaged"));
    CHECK(has(error_of([&] { trust::sign(pack, trust::SecretKey()); }), "the secret key is damaged"));
    CHECK(read_bytes(pack) == before);
  }

  TEST_CASE("Key generation does not replace existing files unless asked") {
    test::TempDir dir;
    const auto first = make_keys(dir, "k");
    const std::string key_text = test::read_text(first.secret_file), pub_text = test::read_text(first.public_file);

    std::string e = error_of([&] { make_keys(dir, "k"); });
    CHECK(e == first.secret_file.string() + ": already exists; not replacing a key file");
    CHECK(test::read_text(first.secret_file) == key_text);
    CHECK(test::read_text(first.public_file) == pub_text);

    // Only the public half there: still refused, and no secret file left behind.
    fs::remove(first.secret_file);
    e = error_of([&] { make_keys(dir, "k"); });
    CHECK(e == first.public_file.string() + ": already exists; not replacing a key file");
    CHECK_FALSE(fs::exists(first.secret_file));

    // With overwrite: a new pair, and the new secret file is 0600 even if the old one was not.
    test::write_text(first.secret_file, "old");
    REQUIRE(::chmod(first.secret_file.c_str(), 0644) == 0);
    const auto second = trust::generate_key_pair(dir / "k", "again", true);
    CHECK_FALSE(second.public_key == first.public_key);
    CHECK(mode_of(second.secret_file) == 0600);
    CHECK(trust::read_secret_key(second.secret_file).public_key() == second.public_key);
    CHECK(trust::read_public_key(second.public_file) == second.public_key);

    // A comment cannot smuggle in a second line.
    e = error_of([&] { trust::generate_key_pair(dir / "n", "one\norpheus-ed25519:AAAA"); });
    CHECK(has(e, "single line"));
    CHECK_FALSE(fs::exists(dir / "n.key"));
    // A folder that does not exist: the reason, and nothing half made.
    e = error_of([&] { trust::generate_key_pair(dir / "nope" / "k", "c"); });
    CHECK(has(e, (dir / "nope" / "k.key").string() + ": cannot create"));
  }

  TEST_CASE("Secret keys wipe themselves and copy cleanly") {
    test::TempDir dir;
    const auto keys = make_keys(dir, "a");
    const trust::SecretKey a = trust::read_secret_key(keys.secret_file);
    trust::SecretKey b;
    CHECK(std::all_of(b.bytes().begin(), b.bytes().end(), [](std::uint8_t x) { return x == 0; }));
    b = a;
    CHECK(b.public_key() == keys.public_key);
    const trust::SecretKey c(b);
    CHECK(c.bytes() == a.bytes());
  }
}

TEST_SUITE("Pack seals") {
  TEST_CASE("A blank seal is a 16-byte magic that is not text, then zeros") {
    const auto s = trust::blank_seal();
    static_assert(trust::kSealSize == 144);
    CHECK(s[0] >= 0x80);
    CHECK(std::all_of(s.begin(), s.begin() + 16, [](std::uint8_t b) { return b != 0; }));
    CHECK(std::all_of(s.begin() + 16, s.end(), [](std::uint8_t b) { return b == 0; }));
    CHECK(trust::to_hex(std::span(s).first(2)) == "8f4f");
    CHECK(std::string(trust::to_string(Verdict::unsigned_pack)) == "unsigned");
  }

  TEST_CASE("The seal's bytes are what seal.h documents, checked with libsodium directly") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed() + 5);
    const auto a = make_keys(dir, "a");
    const auto pack = sealed_file(dir / "pack.db", rng, 3000, 4000);
    const trust::ContentHash h = trust::write_content_hash(pack);
    trust::sign(pack, trust::read_secret_key(a.secret_file));
    const Bytes b = read_bytes(pack);
    REQUIRE(b.size() == 3000 + 144 + 4000);

    Bytes zeroed = b;  // the whole file, the 128 bytes after the magic read as zeros
    std::fill_n(zeroed.begin() + 3016, 128, 0);
    REQUIRE(sodium_init() >= 0);
    trust::ContentHash expect{};
    crypto_generichash(expect.data(), expect.size(), zeroed.data(), zeroed.size(), nullptr, 0);
    CHECK(h == expect);
    CHECK(std::equal(b.begin() + 3000, b.begin() + 3016, blank().begin()));
    CHECK(std::equal(expect.begin(), expect.end(), b.begin() + 3016));
    CHECK(std::equal(a.public_key.bytes.begin(), a.public_key.bytes.end(), b.begin() + 3048));
    Bytes message{'o', 'r', 'p', 'h', 'e', 'u', 's', '-', 'p', 'a', 'c', 'k', '-', 'v', '1', 0};
    append(message, expect);
    CHECK(crypto_sign_verify_detached(b.data() + 3080, message.data(), message.size(), a.public_key.bytes.data()) == 0);
    CHECK(std::equal(b.begin(), b.begin() + 3000, zeroed.begin()));  // nothing else was written
    CHECK(std::equal(b.begin() + 3144, b.end(), zeroed.begin() + 3144));

    std::array<std::uint8_t, 32> id_hash{};
    crypto_generichash(id_hash.data(), id_hash.size(), a.public_key.bytes.data(), 32, nullptr, 0);
    CHECK(a.public_key.id() == trust::to_hex(std::span(id_hash).first(8)));
  }

  TEST_CASE("Blank, hashed, signed: unfinished, unsigned, trusted only by the right key") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed());
    const auto a = make_keys(dir, "a"), b = make_keys(dir, "b");
    const auto pack = sealed_file(dir / "pack.db", rng);
    const std::string name = pack.string();
    const std::vector<trust::PublicKey> only_a{trust::read_public_key(a.public_file)};
    const std::vector<trust::PublicKey> only_b{trust::read_public_key(b.public_file)};
    const std::vector<trust::PublicKey> both{only_b[0], only_a[0]};

    trust::Seal s = trust::read_seal(pack);
    CHECK(s.offset == 5000);
    CHECK_FALSE(s.intact());
    CHECK_FALSE(s.signer.has_value());
    auto c = trust::check(pack, both);
    CHECK(c.verdict == Verdict::tampered);
    CHECK(c.reason == name + ": its content hash was never recorded: an unfinished pack, not a sealed one");
    CHECK(has(error_of([&] { trust::sign(pack, trust::read_secret_key(a.secret_file)); }), name + ": its content hash was never recorded"));

    const trust::ContentHash h = trust::write_content_hash(pack);
    s = trust::read_seal(pack);
    CHECK(s.recorded == h);
    CHECK(s.actual == h);
    CHECK(s.intact());
    CHECK_FALSE(s.signer.has_value());
    c = trust::check(pack, both);
    CHECK(c.verdict == Verdict::unsigned_pack);
    CHECK(c.reason == name + ": not signed by any curator key");
    REQUIRE(c.seal.has_value());
    CHECK(c.seal->recorded == h);
    // Recording the hash again changes nothing: the hash does not cover itself.
    CHECK(trust::write_content_hash(pack) == h);

    trust::sign(pack, trust::read_secret_key(a.secret_file));
    s = trust::read_seal(pack);
    CHECK(s.intact());
    CHECK(s.actual == h);  // the signature is not hashed either
    REQUIRE(s.signer.has_value());
    CHECK(*s.signer == a.public_key);

    c = trust::check(pack, only_a);
    CHECK(c.trusted());
    CHECK(c.reason == name + ": signed by key " + a.public_key.id() + " (a curators), which this kiosk trusts");
    REQUIRE(c.seal.has_value());
    CHECK(c.seal->signer->comment == "a curators");
    CHECK(trust::check(pack, both).trusted());

    c = trust::check(pack, only_b);
    CHECK(c.verdict == Verdict::untrusted_key);
    CHECK(c.reason == name + ": signed by key " + a.public_key.id() + ", which this kiosk does not trust");
    CHECK(trust::check(pack, {}).verdict == Verdict::untrusted_key);

    // Signing again with another key replaces the signer.
    trust::sign(pack, trust::read_secret_key(b.secret_file));
    CHECK(trust::check(pack, only_b).trusted());
    CHECK(trust::check(pack, only_a).verdict == Verdict::untrusted_key);

    // Recording the hash again clears the signature: the pack is unsigned, not broken.
    trust::write_content_hash(pack);
    CHECK(trust::check(pack, both).verdict == Verdict::unsigned_pack);
  }

  TEST_CASE("A changed signature or a swapped-in trusted key is a bad signature") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed() + 1);
    const auto a = make_keys(dir, "a"), b = make_keys(dir, "b");
    const std::vector<trust::PublicKey> both{a.public_key, b.public_key};
    const auto pack = sealed_file(dir / "pack.db", rng);
    trust::write_content_hash(pack);
    trust::sign(pack, trust::read_secret_key(a.secret_file));
    REQUIRE(trust::check(pack, both).trusted());
    const std::uint64_t sig_at = trust::read_seal(pack).offset + 80;
    const Editor ed(pack);
    for (const std::uint64_t i : {std::uint64_t{0}, std::uint64_t{31}, std::uint64_t{32}, std::uint64_t{63}}) {
      ed.xor_byte(sig_at + i, 0x40);
      const auto c = trust::check(pack, both);
      CHECK(c.verdict == Verdict::bad_signature);
      CHECK(c.reason == pack.string() + ": the signature does not verify with key " + a.public_key.id() +
                            " that it names: forged or damaged");
      ed.xor_byte(sig_at + i, 0x40);
    }
    REQUIRE(trust::check(pack, both).trusted());
    // a's signature under b's key (both trusted) must not pass as b's.
    for (std::size_t i = 0; i < trust::kPublicKeySize; ++i) ed.put(sig_at - 32 + i, b.public_key.bytes[i]);
    CHECK(trust::check(pack, both).verdict == Verdict::bad_signature);
    // A signature over another pack's hash, copied in with its key: the hash does not match.
    const auto other = sealed_file(dir / "other.db", rng);
    trust::write_content_hash(other);
    trust::sign(other, trust::read_secret_key(a.secret_file));
    const Bytes other_bytes = read_bytes(other);
    const auto other_seal = trust::read_seal(other).offset;
    const auto seal_at = sig_at - 80;
    for (std::size_t i = 48; i < trust::kSealSize; ++i) ed.put(seal_at + i, other_bytes[other_seal + i]);
    CHECK(trust::check(pack, both).verdict == Verdict::bad_signature);  // signs other's hash, not ours
    for (std::size_t i = 16; i < trust::kSealSize; ++i) ed.put(seal_at + i, other_bytes[other_seal + i]);
    CHECK(trust::check(pack, both).verdict == Verdict::tampered);  // other's hash is not ours
  }

  TEST_CASE("Signing refuses a file changed since its hash was recorded, and leaves it as it was") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed() + 2);
    const auto a = make_keys(dir, "a");
    const auto pack = sealed_file(dir / "pack.db", rng);
    trust::write_content_hash(pack);
    Editor(pack).xor_byte(12'000, 0x01);
    const Bytes before = read_bytes(pack);
    const std::string e = error_of([&] { trust::sign(pack, trust::read_secret_key(a.secret_file)); });
    CHECK(e == pack.string() + ": changed since its content hash was recorded: refusing to sign a damaged or edited pack");
    CHECK(read_bytes(pack) == before);
    const auto c = trust::check(pack, std::vector{a.public_key});
    CHECK(c.verdict == Verdict::tampered);
    CHECK(c.reason ==
          pack.string() + ": the content changed after the pack was sealed (content hash mismatch): damaged or edited");
  }

  TEST_CASE("No seal, two seals, a cut seal, an empty file, a folder or a missing file is unsealed, naming the file") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed() + 3);
    const auto a = make_keys(dir, "a");
    const std::vector<trust::PublicKey> keys{a.public_key};
    const auto unsealed = [&](const fs::path& file, const std::string& why) {
      const auto c = trust::check(file, keys);
      CHECK_MESSAGE(c.verdict == Verdict::unsealed, file);
      CHECK_FALSE(c.seal.has_value());
      CHECK_MESSAGE(c.reason == file.string() + ": " + why, c.reason);
      CHECK(error_of([&] { trust::read_seal(file); }) == c.reason);
      CHECK(error_of([&] { trust::write_content_hash(file); }) == c.reason);
    };
    write_bytes(dir / "plain.db", random_bytes(rng, 10'000));
    unsealed(dir / "plain.db", "has no seal: not a sealed Orpheus pack");
    write_bytes(dir / "empty.db", {});
    unsealed(dir / "empty.db", "empty file: it has no seal");
    unsealed(dir / "missing.db", "file not found");

    Bytes two = random_bytes(rng, 100);
    append(two, trust::blank_seal());
    append(two, random_bytes(rng, 50));
    append(two, trust::blank_seal());
    write_bytes(dir / "two.db", two);
    unsealed(dir / "two.db", "has two seals (at bytes 100 and 294): a pack must have exactly one");

    Bytes cut = random_bytes(rng, 100);
    append(cut, std::span(blank()).first(143));
    write_bytes(dir / "cut.db", cut);
    unsealed(dir / "cut.db",
             "the seal at byte 100 is cut short: the file ends 143 bytes after it starts, a seal is 144");

    // A seal alone is a whole file.
    write_bytes(dir / "alone.db", Bytes(blank().begin(), blank().end()));
    trust::write_content_hash(dir / "alone.db");
    trust::sign(dir / "alone.db", trust::read_secret_key(a.secret_file));
    CHECK(trust::check(dir / "alone.db", keys).trusted());

    auto c = trust::check(dir.path(), keys);
    CHECK(c.verdict == Verdict::unsealed);
    CHECK(c.reason == dir.path().string() + ": is a folder, not a file");
    REQUIRE(::mkfifo((dir / "fifo.db").c_str(), 0600) == 0);  // must not block
    c = trust::check(dir / "fifo.db", keys);
    CHECK(c.verdict == Verdict::unsealed);
    CHECK(c.reason == (dir / "fifo.db").string() + ": is not a regular file");
  }

  TEST_CASE("Checks run from several threads at once") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed() + 4);
    const auto a = make_keys(dir, "a");
    const auto pack = sealed_file(dir / "pack.db", rng, 200'000, 300'000);
    trust::write_content_hash(pack);
    trust::sign(pack, trust::read_secret_key(a.secret_file));
    const std::vector<trust::PublicKey> keys{a.public_key};
    std::atomic<int> trusted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 20; ++i) trusted += trust::check(pack, keys).trusted() ? 1 : 0;
      });
    for (auto& t : threads) t.join();
    CHECK(trusted == 80);
  }
}

TEST_SUITE("Tampering with a real SQLite pack") {
  TEST_CASE("No single changed byte, cut or addition anywhere in a signed SQLite pack is trusted") {
    const std::uint64_t seed = run_seed();
    MESSAGE("seed " << seed << " (ORPHEUS_TEST_SEED=" << seed << " repeats this run)");
    test::TempDir dir;
    std::mt19937_64 rng(seed);
    const auto keys = make_keys(dir, "curator");
    const std::vector<trust::PublicKey> trusted{make_keys(dir, "other").public_key, keys.public_key};
    const fs::path pack = dir / "pack.db";
    make_sqlite_pack(pack, rng);
    trust::write_content_hash(pack);
    trust::sign(pack, trust::read_secret_key(keys.secret_file));
    REQUIRE(trust::check(pack, trusted).trusted());

    // The seal written in place is what SQLite reads back, and the database is still sound;
    // opening it read-only, as a kiosk does, changes nothing.
    const Bytes original = read_bytes(pack);
    const std::uint64_t size = original.size();
    const std::uint64_t seal = trust::read_seal(pack).offset;
    MESSAGE("pack of " << size << " bytes, seal at byte " << seal);
    REQUIRE(size > 1'500'000);
    CHECK(sqlite_seal_blob(pack) == Bytes(original.begin() + static_cast<std::ptrdiff_t>(seal),
                                          original.begin() + static_cast<std::ptrdiff_t>(seal + trust::kSealSize)));
    REQUIRE(read_bytes(pack) == original);
    REQUIRE(trust::check(pack, trusted).trusted());

    // The header page, the seal and the bytes about it, the last page, and bytes anywhere; the
    // default suite takes the first and last 512 bytes, 256 about the seal and 200 anywhere (a
    // few seconds), the long run (test::long_run) 4096, 512 and 3,000 (minutes).
    const bool full = test::long_run();
    const std::uint64_t ends = full ? 4096 : 512, about_seal = full ? 512 : 256;
    std::set<std::uint64_t> positions;
    for (std::uint64_t i = 0; i < ends; ++i) positions.insert(i);
    for (std::uint64_t i = seal > about_seal ? seal - about_seal : 0;
         i < std::min(size, seal + trust::kSealSize + about_seal); ++i)
      positions.insert(i);
    for (std::uint64_t i = size - ends; i < size; ++i) positions.insert(i);
    for (int i = 0; i < (full ? 3000 : 200); ++i) positions.insert(rng() % size);

    // Two copies, one per core; each thread only changes its own.
    const fs::path copy = dir / "copy.db";
    fs::copy_file(pack, copy);
    const std::vector<std::uint64_t> all(positions.begin(), positions.end());
    struct Result {
      std::size_t checks = 0;
      std::vector<std::string> failures;
    };
    const auto sweep = [&](const fs::path& file, std::size_t part, Result& r) {
      const Editor ed(file);
      for (std::size_t k = part; k < all.size(); k += 2) {
        const std::uint64_t at = all[k];
        for (const std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0xFF}}) {
          ed.put(at, static_cast<std::uint8_t>(original[at] ^ mask));
          const auto c = trust::check(file, trusted);
          ed.put(at, original[at]);
          ++r.checks;
          const Verdict want = expected_after_change(at, seal);
          if (c.trusted() || c.verdict != want) {
            std::ostringstream s;
            s << "byte " << at << " ^ 0x" << std::hex << int{mask} << std::dec << ": " << trust::to_string(c.verdict)
              << " (expected " << trust::to_string(want) << "): " << c.reason;
            r.failures.push_back(s.str());
          }
        }
      }
    };
    const auto start = std::chrono::steady_clock::now();
    Result r0, r1;
    std::thread other([&] { sweep(copy, 1, r1); });
    sweep(pack, 0, r0);
    other.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::size_t checks = r0.checks + r1.checks;
    MESSAGE(checks << " single-byte changes at " << positions.size() << " positions checked in " << seconds << " s");
    CHECK(checks == 2 * positions.size());
    std::vector<std::string> failures = r0.failures;
    failures.insert(failures.end(), r1.failures.begin(), r1.failures.end());
    CHECK_MESSAGE(failures.empty(), failures.size() << " changes not caught, first: " << failures.front());
    REQUIRE(read_bytes(pack) == original);  // every byte restored
    REQUIRE(read_bytes(copy) == original);
    REQUIRE(trust::check(pack, trusted).trusted());

    // Cut short, at the end, inside the data, inside the seal, before it.
    const auto not_trusted_after = [&](const Bytes& bytes, Verdict want, const std::string& what) {
      write_bytes(copy, bytes);
      const auto c = trust::check(copy, trusted);
      CHECK_MESSAGE(c.verdict == want, what << ": " << trust::to_string(c.verdict) << ": " << c.reason);
      CHECK_FALSE(c.trusted());
    };
    const auto prefix = [&](std::uint64_t n) {
      return Bytes(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(n));
    };
    not_trusted_after(prefix(size - 1), Verdict::tampered, "last byte cut");
    not_trusted_after(prefix(size - 4096), Verdict::tampered, "last page cut");
    not_trusted_after(prefix(size / 2 > seal + 144 ? size / 2 : seal + 144), Verdict::tampered, "cut in half");
    not_trusted_after(prefix(seal + 144), Verdict::tampered, "cut right after the seal");
    not_trusted_after(prefix(seal + 100), Verdict::unsealed, "cut inside the seal");
    not_trusted_after(prefix(seal + 8), Verdict::unsealed, "cut inside the magic");
    not_trusted_after(prefix(seal), Verdict::unsealed, "cut before the seal");
    not_trusted_after({}, Verdict::unsealed, "emptied");

    // Added to.
    Bytes more = original;
    more.push_back(0);
    not_trusted_after(more, Verdict::tampered, "one zero byte appended");
    more.back() = 0x8F;
    not_trusted_after(more, Verdict::tampered, "one byte appended");
    more = original;
    append(more, Bytes(4096, 0));
    not_trusted_after(more, Verdict::tampered, "a zero page appended");
    more = original;
    append(more, std::span(blank()).first(trust::kMagicSize));
    not_trusted_after(more, Verdict::unsealed, "a second magic appended");
    more = original;
    append(more, std::span(original).subspan(seal, trust::kSealSize));
    not_trusted_after(more, Verdict::unsealed, "a copy of the signed seal appended");
    more = Bytes{0};
    append(more, original);
    not_trusted_after(more, Verdict::tampered, "one byte prepended");
    more = original;
    more.insert(more.begin() + static_cast<std::ptrdiff_t>(seal + trust::kSealSize), 0);
    not_trusted_after(more, Verdict::tampered, "one byte inserted after the seal");
    // Two adjacent bytes swapped somewhere in the data: same bytes, other order.
    more = original;
    const std::uint64_t at = seal + trust::kSealSize + 1000;
    std::swap(more[at], more[at + 1]);
    if (more[at] != more[at + 1]) not_trusted_after(more, Verdict::tampered, "two bytes swapped");

    // Restored exactly, it is trusted again.
    write_bytes(copy, original);
    CHECK(trust::check(copy, trusted).trusted());
  }
}

TEST_SUITE("Seal speed") {
  TEST_CASE("How fast read_seal hashes a 200 MB file (a measurement, not a limit)") {
    test::TempDir dir;
    std::mt19937_64 rng(7);
    const fs::path pack = dir / "big.db";
    {
      constexpr std::size_t kChunk = 8 << 20;
      std::ofstream out(pack, std::ios::binary);
      Bytes chunk = random_bytes(rng, kChunk);
      for (int i = 0; i < 25; ++i) {
        if (i == 12) std::copy(blank().begin(), blank().end(), chunk.begin() + 12345);
        out.write(reinterpret_cast<const char*>(chunk.data()), kChunk);
        if (i == 12) std::fill_n(chunk.begin() + 12345, trust::kSealSize, 0x55);
        chunk[static_cast<std::size_t>(i)] ^= 0x5A;  // no two chunks alike
      }
      REQUIRE(out.good());
    }
    const auto bytes = fs::file_size(pack);
    REQUIRE(bytes == 200ull << 20);
    trust::write_content_hash(pack);  // also brings the file into the page cache
    // Wall time, and this thread's CPU time (user + system: hashing, page faults), which other
    // work on the machine disturbs less.
    const auto cpu_now = [] {
      timespec ts{};
      ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    double best_wall = 1e9, best_cpu = 1e9;
    for (int i = 0; i < 5; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = cpu_now();
      const auto s = trust::read_seal(pack);
      best_cpu = std::min(best_cpu, cpu_now() - cpu_start);
      best_wall = std::min(best_wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      CHECK(s.intact());
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    MESSAGE("read_seal of " << mb << " MB (in the page cache), best of 5: " << best_wall * 1000 << " ms wall = "
                            << mb / best_wall << " MB/s; " << best_cpu * 1000 << " ms CPU = " << mb / best_cpu
                            << " MB/s");
  }

  TEST_CASE("A hash memo stands in for hashing while the file is unchanged, and never after") {
    test::TempDir dir;
    std::mt19937_64 rng(run_seed());
    const auto keys = make_keys(dir, "museum");
    const std::vector<trust::PublicKey> trusted{trust::read_public_key(keys.public_file)};
    const auto pack = sealed_file(dir / "pack.db", rng);
    trust::write_content_hash(pack);
    trust::sign(pack, trust::read_secret_key(keys.secret_file));
    const trust::HashMemo memo(dir / "state" / "pack-hashes");  // its folder is made when needed

    CHECK_FALSE(memo.recall(pack).has_value());  // no memo file yet
    const auto before = trust::identity_of(pack);
    REQUIRE(before.has_value());
    const trust::Seal full = trust::read_seal(pack);
    memo.remember(pack, *before, full);
    auto recalled = memo.recall(pack);
    REQUIRE(recalled.has_value());
    CHECK(recalled->offset == full.offset);
    CHECK(recalled->actual == full.actual);
    CHECK(recalled->recorded == full.recorded);
    CHECK(recalled->signer == full.signer);
    CHECK(recalled->signature == full.signature);
    CHECK(trust::judge(pack, *recalled, trusted).verdict == Verdict::trusted);
    // By the relative name too: entries are kept by absolute path.
    const fs::path cwd = fs::current_path();
    fs::current_path(dir.path());
    CHECK(memo.recall("pack.db").has_value());
    CHECK(memo.recall("./state/../pack.db").has_value());
    fs::current_path(cwd);

    // The memo is what recall believes: a remembered wrong hash makes the pack tampered, which
    // shows that recall does not read the file (and why the kiosk reads it again later).
    trust::Seal lie = full;
    lie.actual[0] ^= 1;
    memo.remember(pack, *before, lie);
    recalled = memo.recall(pack);
    REQUIRE(recalled.has_value());
    CHECK(recalled->actual == lie.actual);
    CHECK(trust::judge(pack, *recalled, trusted).verdict == Verdict::tampered);
    memo.remember(pack, *before, full);

    // Any write, even one that puts back the same bytes and the old modification time, is a miss.
    const Bytes bytes = read_bytes(pack);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a ctime the clock can tell apart
    { Editor(pack).put(10, bytes[10]); }
    timespec times[2] = {};
    times[0].tv_nsec = UTIME_OMIT;
    times[1].tv_sec = before->mtime_ns / 1'000'000'000;
    times[1].tv_nsec = before->mtime_ns % 1'000'000'000;
    REQUIRE(::utimensat(AT_FDCWD, pack.c_str(), times, 0) == 0);
    CHECK(trust::identity_of(pack)->mtime_ns == before->mtime_ns);
    CHECK_FALSE(memo.recall(pack).has_value());
    CHECK(trust::read_seal(pack).actual == full.actual);  // the bytes are the same: only the identity moved

    // Remembered again; a file replaced by a copy of itself (a new inode) is a miss too.
    memo.remember(pack, *trust::identity_of(pack), full);
    REQUIRE(memo.recall(pack).has_value());
    fs::copy_file(pack, dir / "copy.db");
    fs::rename(dir / "copy.db", pack);
    CHECK_FALSE(memo.recall(pack).has_value());

    // A seal no longer at the remembered offset is a miss, whatever the identity says.
    memo.remember(pack, *trust::identity_of(pack), full);
    trust::Seal moved = full;
    moved.offset += 1;
    memo.remember(pack, *trust::identity_of(pack), moved);
    CHECK_FALSE(memo.recall(pack).has_value());

    // forget(), and other packs kept apart.
    const auto other = sealed_file(dir / "other.db", rng);
    trust::write_content_hash(other);
    memo.remember(pack, *trust::identity_of(pack), full);
    memo.remember(other, *trust::identity_of(other), trust::read_seal(other));
    memo.forget(pack);
    CHECK_FALSE(memo.recall(pack).has_value());
    REQUIRE(memo.recall(other).has_value());
    CHECK(memo.recall(other)->actual == trust::read_seal(other).actual);

    // A damaged memo is a miss, never an error; the next remember rewrites it whole.
    test::write_text(memo.file(), "# orpheus-hash-memo v1\nnot hex 1 2 3\n" + std::string(300, 'z') + "\n\x01\x02\n");
    CHECK_FALSE(memo.recall(other).has_value());
    memo.remember(other, *trust::identity_of(other), trust::read_seal(other));
    CHECK(memo.recall(other).has_value());

    // Only the newest 64 packs are kept.
    for (int i = 0; i < 70; ++i) {
      const auto f = dir / ("many-" + std::to_string(i) + ".db");
      write_bytes(f, {1, 2, 3});
      memo.remember(f, *trust::identity_of(f), full);
    }
    CHECK_FALSE(memo.recall(other).has_value());
    std::ifstream in(memo.file());
    int lines = 0;
    for (std::string line; std::getline(in, line);) lines += line.empty() || line[0] == '#' ? 0 : 1;
    CHECK(lines == 64);

    // With no memo file (no state or cache folder), nothing is remembered and nothing fails.
    const trust::HashMemo none;
    none.remember(pack, *trust::identity_of(pack), full);
    CHECK_FALSE(none.recall(pack).has_value());
    // A memo that cannot be written says where.
    const trust::HashMemo unwritable(pack / "pack-hashes");  // under a file, not a folder
    CHECK(has(error_of([&] { unwritable.remember(pack, *trust::identity_of(pack), full); }), pack.string()));
  }
}
