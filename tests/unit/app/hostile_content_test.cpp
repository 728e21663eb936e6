// A crafted pack that passes the trust check (signed by a trusted key: a curator's machine taken
// over, or development mode) reaches the kiosk's snapshot load, which refuses it like any
// unreadable pack: the kiosk keeps its last good pack and takes the next good one.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "app/content_watch.h"
#include "packs/builder.h"
#include "store/content_store.h"
#include "support/source_tree.h"
#include "support/temp_dir.h"
#include "support/wait.h"
#include "trust/seal.h"

using namespace orpheus;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr auto kPoll = 20ms;

// A good pack and a copy with a view in place of a table, both signed by the trusted key.
struct SignedPacks {
  test::TempDir dir;
  trust::KeyFiles key;
  fs::path good, hostile;

  SignedPacks() {
    REQUIRE(test::build_good_pack(dir.path(), dir / "built/good.db").ok());
    fs::create_directories(dir / "keys");
    key = trust::generate_key_pair(dir / "keys/museum", "Museum curators");
    good = dir / "good.db";
    hostile = dir / "hostile.db";
    for (const auto& p : {good, hostile}) {
      fs::copy_file(dir / "built/good.db", p);
      fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(hostile.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    const int rc = sqlite3_exec(
        db, "DROP TABLE item_tag; CREATE VIEW item_tag AS SELECT 1 AS item_id, id AS tag_id, 0 AS ord FROM tag", nullptr,
        nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
    trust::write_content_hash(hostile);  // sealed again, as its crafter would: only signing remains
    for (const auto& p : {good, hostile}) trust::sign(p, trust::read_secret_key(key.secret_file));
  }
};

const SignedPacks& packs_() {
  static SignedPacks p;
  return p;
}

app::ContentPolicy strict() {
  app::ContentPolicy p;
  p.trusted = {packs_().key.public_key};
  p.require_trusted = true;
  return p;
}

fs::path install(store::ContentStore& s, const fs::path& pack, const std::string& name) {
  store::InstallOptions o;
  o.name = name;
  return s.install(pack, o);
}

}  // namespace

TEST_SUITE("Hostile content") {
  TEST_CASE("A signed pack with a crafted schema is refused, naming the file and the reason") {
    try {
      app::open_checked(packs_().hostile, strict());
      FAIL("the crafted pack was accepted");
    } catch (const catalog::LoadError& e) {
      CHECK(e.file() == packs_().hostile);
      CHECK(e.reason().find("its schema holds a view 'item_tag'") != std::string::npos);
    }
    CHECK(app::open_checked(packs_().good, strict()).snapshot);
  }

  TEST_CASE("A crafted current pack falls back to the previous one") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().good, "a.db");
    install(s, packs_().hostile, "h.db");
    app::ContentWatcher w(s, strict(), [] {}, kPoll);
    const auto shown = w.initial();
    CHECK(shown.file == dir / "content/a.db");
    CHECK(shown.snapshot);
  }

  TEST_CASE("A crafted pack installed while running is never taken; the next good one is") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().good, "a.db");
    std::atomic<int> wakes{0};
    app::ContentWatcher w(s, strict(), [&] { ++wakes; }, kPoll);
    CHECK(w.initial().file == dir / "content/a.db");
    install(s, packs_().hostile, "h.db");
    std::this_thread::sleep_for(10 * kPoll);
    CHECK_FALSE(w.ready());
    CHECK(wakes == 0);
    install(s, packs_().good, "b.db");
    REQUIRE(test::wait_until([&] { return w.ready(); }, 10s, 2ms));
    CHECK(w.take_ready()->file == dir / "content/b.db");
  }
}
