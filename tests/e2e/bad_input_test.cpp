// Bad input never crashes and never shows a blank screen: missing, corrupt, empty, foreign and
// newer-schema packs show the bilingual "temporarily unavailable" screen and log one line naming
// the file and the reason; a missing image shows a placeholder; CLI misuse exits 2.
#include <sqlite3.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "kiosk.h"

using namespace orpheus;
using namespace orpheus::e2e;

namespace {
void sql(const std::string& db, const std::string& statement) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, statement.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

int count_lines_with(const std::string& text, const std::string& needle) {
  int n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find(needle) != std::string::npos) ++n;
    start = end + 1;
  }
  return n;
}

void expect_unavailable(const std::string& pack, const std::string& reason_part) {
  const auto run = run_kiosk({R"({"state": "$DIR/state.json"})", R"({"screenshot": "$DIR/shot.png"})", R"({"quit": true})"}, pack);
  INFO("kiosk stderr:\n" << run.result.err);
  CHECK(run.result.exit_code == 0);
  const auto s = run.state("state.json");
  CHECK(s["screen"] == "unavailable");
  CHECK(s["reason"].get<std::string>().find(reason_part) != std::string::npos);
  // One log line names the file and the reason.
  CHECK(count_lines_with(run.result.err, "error catalog: " + pack) == 1);
  CHECK(contrast(run.screenshot("shot.png")) > 5.0);  // words on screen, not a blank
}
}  // namespace

TEST_SUITE("Bad input") {
  TEST_CASE("Unusable packs show the unavailable screen and name file and reason") {
    test::TempDir temp;
    const auto dir = temp.path().string();
    SUBCASE("missing") { expect_unavailable(dir + "/nope.db", "not found"); }
    SUBCASE("empty file") {
      std::ofstream(dir + "/empty.db").close();
      expect_unavailable(dir + "/empty.db", "");
    }
    SUBCASE("corrupt bytes") {
      std::ofstream out(dir + "/corrupt.db", std::ios::binary);
      for (int i = 0; i < 8192; ++i) out.put(static_cast<char>((i * 7919) & 0xFF));
      out.close();
      expect_unavailable(dir + "/corrupt.db", "");
    }
    SUBCASE("a foreign SQLite database") {
      sql(dir + "/foreign.db", "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
      expect_unavailable(dir + "/foreign.db", "");
    }
    SUBCASE("a newer schema") {
      std::filesystem::copy_file(ORPHEUS_DEMO_PACK, dir + "/newer.db");
      sql(dir + "/newer.db", "PRAGMA user_version = 99;");
      expect_unavailable(dir + "/newer.db", "99");
    }
  }

  TEST_CASE("A missing image shows a placeholder and the rest of the item") {
    test::TempDir temp;
    const auto dir = temp.path().string();
    const std::string pack = dir + "/pack.db";
    std::filesystem::copy_file(ORPHEUS_DEMO_PACK, pack);
    const auto snap = catalog::load_snapshot(pack);
    const auto& coll = snap->collections.front();
    const auto& item = snap->items[coll.items[0]];
    REQUIRE(!item.media.empty());
    sql(pack, "DELETE FROM media_blob WHERE media_id = " + std::to_string(item.media[0].id) + ";");
    const auto run = run_kiosk({R"({"t_ms": 100, "tap_target": "collection.)" + coll.slug + R"("})",
                                R"({"t_ms": 1000, "tap_target": "item.)" + item.slug + R"("})",
                                R"({"state": "$DIR/state.json"})", R"({"screenshot": "$DIR/item.png"})", R"({"quit": true})"},
                               pack);
    INFO("kiosk stderr:\n" << run.result.err);
    CHECK(run.result.exit_code == 0);
    CHECK(run.state("state.json")["screen"] == "item");
    CHECK(run.result.err.find("media " + std::to_string(item.media[0].id)) != std::string::npos);
    CHECK(contrast(run.screenshot("item.png")) > 10.0);
  }

  TEST_CASE("Command-line misuse exits 2 with usage") {
    test::use_headless_environment();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {ORPHEUS_KIOSK},
             {ORPHEUS_KIOSK, "--pack"},
             {ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "wide"},
             {ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--bogus"}}) {
      const auto r = test::run(args);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("usage: orpheus-kiosk") != std::string::npos);
    }
  }

  TEST_CASE("A bad replay script exits 2 naming file and line") {
    const auto run = run_kiosk({R"({"quit": true})", R"({"t_ms": "soon", "tap": [1, 2]})"});
    CHECK(run.result.exit_code == 2);
    CHECK(run.result.err.find("script.jsonl:2:") != std::string::npos);
  }

  TEST_CASE("A tap_target that is not on screen fails the replay with exit 3") {
    const auto run = run_kiosk({R"({"t_ms": 100, "tap_target": "no.such.thing"})", R"({"quit": true})"});
    CHECK(run.result.exit_code == 3);
    CHECK(run.result.err.find("no target 'no.such.thing'") != std::string::npos);
  }

  TEST_CASE("A state dump or screenshot that cannot be written fails the replay with exit 3, naming the file") {
    const auto run = run_kiosk({R"({"state": "$DIR/no/such/dir/s.json"})", R"({"screenshot": "$DIR/no/such/dir/s.png"})",
                                R"({"state": "$DIR/written.json"})", R"({"quit": true})"});
    CHECK(run.result.exit_code == 3);
    CHECK(run.result.err.find("cannot write the state dump " + run.dir + "/no/such/dir/s.json") != std::string::npos);
    CHECK(run.result.err.find("cannot write screenshot " + run.dir + "/no/such/dir/s.png") != std::string::npos);
    CHECK(run.state("written.json")["screen"] == "home");  // the replay went on
  }
}
