// packs::Installer: real packs, built and signed here, installed into a real content store in a
// temporary folder; what the result says is checked against the files.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "packs/builder.h"
#include "packs/installer.h"
#include "store/content_store.h"
#include "support/source_tree.h"
#include "trust/seal.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

// Two versions of the good pack signed by the museum's key, and a key nobody trusts. Built once
// (building makes tile pyramids); tests copy what they change.
struct Fixture {
  test::TempDir dir;
  trust::KeyFiles museum, stranger;
  fs::path v1, v2;

  Fixture() {
    fs::create_directories(dir / "keys");
    museum = trust::generate_key_pair(dir / "keys/museum", "Museum curators");
    stranger = trust::generate_key_pair(dir / "keys/stranger", "Someone else");
    v1 = build("1.2.3");
    v2 = build("2.0.0");
  }

  fs::path build(const std::string& version) {
    const fs::path src = dir / ("src-" + version), media = dir / ("media-" + version), out = dir / ("pack-" + version + ".db");
    test::write_good_tree(src, media);
    std::string toml = test::kPackToml;
    toml.replace(toml.find("1.2.3"), 5, version);
    test::write_text(src / "pack.toml", toml);
    packs::BuildOptions o;
    o.source_dir = src;
    o.output = out;
    o.media_dirs = {media};
    o.threads = 2;
    const auto r = packs::build_pack(o);
    std::string problems;
    for (const auto& p : r.problems) problems += p.str() + "\n";
    REQUIRE_MESSAGE(r.ok(), problems);
    trust::sign(out, trust::read_secret_key(museum.secret_file));
    return out;
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

// A writable copy of `pack` in `dir`.
fs::path copy_of(const fs::path& pack, const test::TempDir& dir, const std::string& name) {
  const fs::path out = dir / name;
  fs::copy_file(pack, out, fs::copy_options::overwrite_existing);
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  return out;
}

void flip_byte(const fs::path& file, std::uintmax_t at) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(at));
  const char c = static_cast<char>(f.get() ^ 0x20);
  f.seekp(static_cast<std::streamoff>(at));
  f.put(c);
  REQUIRE(f.good());
}

packs::InstallOptions museum_only() {
  packs::InstallOptions o;
  o.trusted = {fixture().museum.public_key};
  o.threads = 2;
  return o;
}

// Everything in the store's folder, with the state file's text: equal before and after means
// nothing changed.
std::string snapshot(const fs::path& dir) {
  if (!fs::exists(dir)) return "(no folder)";
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  std::string s;
  for (const auto& n : names) s += n + "\n";
  return s + "state:\n" + test::read_text(dir / "state");
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("Pack installer") {
  TEST_CASE("A signed pack installs as current; the next one keeps it as previous") {
    test::TempDir t;
    const fs::path content = t / "content";
    const packs::Installer installer{store::ContentStore(content)};
    std::vector<std::string> events;  // verification, then the copy
    packs::InstallOptions o = museum_only();
    o.progress = [&](const packs::Progress& p) {
      if (events.empty() || events.back() != p.stage) events.emplace_back(p.stage);
    };
    o.verified = [&](const std::vector<packs::Problem>& problems) {
      CHECK(problems.empty());
      events.emplace_back("verified");
    };

    const packs::InstallResult r = installer.install(fixture().v1, o);
    REQUIRE_MESSAGE(r.installed, r.summary());
    CHECK(r.refusal == packs::Refusal::none);
    CHECK(r.problems.empty());
    CHECK(r.id == "test.pack");
    CHECK(r.version == "1.2.3");
    CHECK(r.pack == fixture().v1);
    CHECK(r.file.parent_path() == content);
    CHECK(r.file.filename().string().starts_with("test.pack-1.2.3-"));
    REQUIRE(fs::is_regular_file(r.file));
    CHECK(test::read_text(r.file) == test::read_text(fixture().v1));
    CHECK(store::ContentStore(content).current() == r.file);
    CHECK(r.previous.empty());
    CHECK(r.error.empty());
    CHECK(r.note.empty());
    CHECK(r.summary() == "installed test.pack 1.2.3 as " + r.file.string());
    CHECK(events == std::vector<std::string>{"checking images", "verified", "copying"});

    const packs::InstallResult r2 = installer.install(fixture().v2, museum_only());
    REQUIRE_MESSAGE(r2.installed, r2.summary());
    CHECK(r2.version == "2.0.0");
    CHECK(r2.file != r.file);
    CHECK(r2.previous == r.file);
    const store::State state = store::ContentStore(content).state();
    CHECK(state.current == r2.file.filename().string());
    CHECK(state.previous == r.file.filename().string());

    // The current pack again: nothing to copy, nothing became previous.
    const packs::InstallResult again = installer.install(fixture().v2, museum_only());
    CHECK(again.installed);
    CHECK(again.file == r2.file);
    CHECK(again.previous.empty());
    CHECK(store::ContentStore(content).state() == state);
  }

  TEST_CASE("Unsigned, untrusted and tampered packs are refused, saying why, and the store is unchanged") {
    test::TempDir t;
    const fs::path content = t / "content";
    const packs::Installer installer{store::ContentStore(content)};
    REQUIRE(installer.install(fixture().v1, museum_only()).installed);
    const std::string before = snapshot(content);

    const fs::path unsigned_pack = copy_of(fixture().v2, t, "unsigned.db");
    trust::write_content_hash(unsigned_pack);  // clears the signature
    const fs::path stranger_pack = copy_of(fixture().v2, t, "stranger.db");
    trust::sign(stranger_pack, trust::read_secret_key(fixture().stranger.secret_file));
    const fs::path tampered = copy_of(fixture().v2, t, "tampered.db");
    flip_byte(tampered, fs::file_size(tampered) / 2);

    struct Case {
      fs::path pack;
      std::string why;
    };
    for (const Case& c : {Case{unsigned_pack, "not signed"}, Case{stranger_pack, fixture().stranger.public_key.id()},
                          Case{tampered, "problem"}}) {
      CAPTURE(c.pack);
      bool verified = false;
      packs::InstallOptions o = museum_only();
      o.verified = [&](const std::vector<packs::Problem>&) { verified = true; };
      const packs::InstallResult r = installer.install(c.pack, o);
      CHECK_FALSE(r.installed);
      CHECK(r.refusal == packs::Refusal::problems);
      CHECK(verified);
      CHECK(packs::has_errors(r.problems));
      CHECK_MESSAGE(contains(r.error, c.why), r.error);
      CHECK(r.file.empty());
      CHECK(r.summary() == c.pack.string() + ": not installed: " + r.error + "; the kiosk keeps its current pack");
      CHECK(snapshot(content) == before);
    }
    const packs::InstallResult u = installer.install(unsigned_pack, museum_only());
    CHECK(u.id == "test.pack");  // what it is, although refused
    CHECK(u.version == "2.0.0");
    CHECK(u.error == "1 problem found when verifying it: signature: not signed by any curator key");

    // Development: unsigned is a warning, and the pack goes in.
    packs::InstallOptions dev;
    dev.require_trusted = false;
    dev.threads = 2;
    const packs::InstallResult d = installer.install(unsigned_pack, dev);
    CHECK_MESSAGE(d.installed, d.summary());
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].warning);
    CHECK(d.problems[0].field == "signature");
  }

  TEST_CASE("Without trusted keys nothing is read when a trusted signature is required") {
    test::TempDir t;
    const fs::path content = t / "content";
    bool verified = false;
    packs::InstallOptions o;
    o.progress = [&](const packs::Progress&) { verified = true; };
    o.verified = [&](const std::vector<packs::Problem>&) { verified = true; };
    const packs::InstallResult r = packs::Installer(store::ContentStore(content)).install(fixture().v1, o);
    CHECK_FALSE(r.installed);
    CHECK(r.refusal == packs::Refusal::no_trusted_keys);
    CHECK(contains(r.error, "no trusted keys"));
    CHECK(r.id.empty());
    CHECK_FALSE(verified);
    CHECK_FALSE(fs::exists(content));
  }

  TEST_CASE("A pack that changes between verification and copy is refused by the copy's check") {
    test::TempDir t;
    const fs::path content = t / "content";
    const packs::Installer installer{store::ContentStore(content)};
    REQUIRE(installer.install(fixture().v1, museum_only()).installed);
    const std::string before = snapshot(content);

    SUBCASE("One byte changed") {
      const fs::path pack = copy_of(fixture().v2, t, "changing.db");
      packs::InstallOptions o = museum_only();
      o.verified = [&](const std::vector<packs::Problem>& problems) {
        REQUIRE(problems.empty());
        flip_byte(pack, fs::file_size(pack) / 2);
      };
      const packs::InstallResult r = installer.install(pack, o);
      CHECK_FALSE(r.installed);
      CHECK(r.refusal == packs::Refusal::store);
      CHECK_MESSAGE(contains(r.error, "the copy differs from the pack that was verified (did " + pack.string()), r.error);
      CHECK(r.version == "2.0.0");
    }
    SUBCASE("Replaced by another intact, signed pack") {
      const fs::path pack = copy_of(fixture().v2, t, "swapped.db");
      packs::InstallOptions o = museum_only();
      o.verified = [&](const std::vector<packs::Problem>&) { copy_of(fixture().v1, t, "swapped.db"); };
      const packs::InstallResult r = installer.install(pack, o);
      CHECK_FALSE(r.installed);
      CHECK(r.refusal == packs::Refusal::store);
      CHECK_MESSAGE(contains(r.error, "the copy differs from the pack that was verified"), r.error);
    }
    SUBCASE("Replaced by a file with no seal at all") {
      const fs::path pack = copy_of(fixture().v2, t, "replaced.db");
      packs::InstallOptions o = museum_only();
      o.verified = [&](const std::vector<packs::Problem>&) { test::write_text(pack, "not a pack any more"); };
      const packs::InstallResult r = installer.install(pack, o);
      CHECK_FALSE(r.installed);
      CHECK(r.refusal == packs::Refusal::store);
      CHECK_MESSAGE(contains(r.error, ".incoming-"), r.error);  // names the copy it read
    }
    CHECK(snapshot(content) == before);
  }

  TEST_CASE("The hash of the installed copy is remembered only in a memo folder that exists") {
    test::TempDir t;
    SUBCASE("The folder exists") {
      fs::create_directory(t / "state");
      packs::InstallOptions o = museum_only();
      o.hash_memo = t / "state/pack-hashes";
      const packs::InstallResult r = packs::Installer(store::ContentStore(t / "content")).install(fixture().v1, o);
      REQUIRE(r.installed);
      CHECK(r.note.empty());
      REQUIRE(fs::is_regular_file(o.hash_memo));
      const auto recalled = trust::HashMemo(o.hash_memo).recall(r.file);
      REQUIRE(recalled);
      CHECK(recalled->actual == trust::read_seal(r.file).actual);
      CHECK(test::read_text(o.hash_memo).find(r.file.string()) != std::string::npos);
    }
    SUBCASE("The folder does not exist: not created") {
      packs::InstallOptions o = museum_only();
      o.hash_memo = t / "state/pack-hashes";
      const packs::InstallResult r = packs::Installer(store::ContentStore(t / "content")).install(fixture().v1, o);
      CHECK(r.installed);
      CHECK(r.note.empty());
      CHECK_FALSE(fs::exists(t / "state"));
    }
    SUBCASE("The memo cannot be written: installed, with a note") {
      fs::create_directories(t / "state/pack-hashes");  // a folder where the file should be
      packs::InstallOptions o = museum_only();
      o.hash_memo = t / "state/pack-hashes";
      const packs::InstallResult r = packs::Installer(store::ContentStore(t / "content")).install(fixture().v1, o);
      CHECK(r.installed);
      CHECK_MESSAGE(contains(r.note, (t / "state/pack-hashes").string()), r.note);
      CHECK(contains(r.note, "the kiosk reads the pack in full before showing it"));
      CHECK(r.error.empty());
    }
  }

  TEST_CASE("Rollback swaps current and previous, and says why when there is no previous") {
    test::TempDir t;
    const fs::path content = t / "content";
    const packs::Installer installer{store::ContentStore(content)};

    packs::RollbackResult none = installer.rollback();
    CHECK_FALSE(none.ok);
    CHECK(none.error == content.string() + ": no content directory: nothing to roll back to");
    CHECK(none.current.empty());
    CHECK(none.summary() == "not rolled back: " + none.error + "; the kiosk keeps its current pack");

    const packs::InstallResult v1 = installer.install(fixture().v1, museum_only());
    REQUIRE(v1.installed);
    const std::string only_one = snapshot(content);
    const packs::RollbackResult no_previous = installer.rollback();
    CHECK_FALSE(no_previous.ok);
    CHECK(no_previous.error == (content / "state").string() + ": no previous pack to roll back to");
    CHECK(snapshot(content) == only_one);

    const packs::InstallResult v2 = installer.install(fixture().v2, museum_only());
    REQUIRE(v2.installed);
    const packs::RollbackResult back = installer.rollback();
    REQUIRE_MESSAGE(back.ok, back.error);
    CHECK(back.current == v1.file);
    CHECK(back.previous == v2.file);
    CHECK(back.error.empty());
    CHECK(back.summary() == "rolled back: current " + v1.file.string() + ", previous " + v2.file.string());
    CHECK(store::ContentStore(content).current() == v1.file);

    const packs::RollbackResult forth = installer.rollback();
    REQUIRE(forth.ok);
    CHECK(forth.current == v2.file);
    CHECK(store::ContentStore(content).current() == v2.file);
  }
}
