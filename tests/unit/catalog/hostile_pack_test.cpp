// Packs crafted by someone hostile: real SQLite files, each a small good pack (test_pack.h) with
// one thing changed by SQL, read through the same paths as the kiosk and orpheus-pack
// (load_snapshot, MediaReader, ItemSearch: all through detail::open_pack and Mode::untrusted).
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/search.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

// The small good pack at `dir/name`, then `sql` run on it with foreign keys off (a crafter's
// connection is not ours).
fs::path crafted(const test::TempDir& dir, const std::string& sql, const std::string& name = "pack.db") {
  const fs::path file = dir / name;
  test::write_small_pack(file);
  sql::Database db(file, sql::Database::Mode::read_write_create);
  db.exec("PRAGMA foreign_keys = OFF");
  if (!sql.empty()) db.exec(sql);
  return file;
}

// What load_snapshot says about `file`; fails the test if it loads.
std::string refusal(const fs::path& file) {
  try {
    catalog::load_snapshot(file);
  } catch (const catalog::LoadError& e) {
    CHECK(e.file() == file);
    CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    return e.reason();
  }
  FAIL_CHECK("the crafted pack " << file << " loaded");
  return {};
}

int config(sql::Database& db, int op) {
  int value = -1;
  REQUIRE(sqlite3_db_config(db.get(), op, -1, &value) == SQLITE_OK);
  return value;
}

std::int64_t pragma(sql::Database& db, const std::string& name) {
  auto st = db.prepare("PRAGMA " + name);
  REQUIRE(st.step());
  return st.int64(0);
}

}  // namespace

TEST_SUITE("Hostile packs") {
  TEST_CASE("A pack's connection is read-only, defensive, distrusts the schema and runs no triggers or views") {
    test::TempDir dir;
    const fs::path file = crafted(dir, "");
    sql::Database db(file, sql::Database::Mode::untrusted);
    CHECK(config(db, SQLITE_DBCONFIG_DEFENSIVE) == 1);
    CHECK(config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA) == 0);
    CHECK(config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER) == 0);
    CHECK(config(db, SQLITE_DBCONFIG_ENABLE_VIEW) == 0);
    CHECK(config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION) == 0);
    CHECK(config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER) == 0);
    CHECK(sqlite3_limit(db.get(), SQLITE_LIMIT_LENGTH, -1) == sql::kUntrustedMaxLength);
    CHECK(sqlite3_limit(db.get(), SQLITE_LIMIT_ATTACHED, -1) == 0);
    CHECK(sqlite3_limit(db.get(), SQLITE_LIMIT_SQL_LENGTH, -1) <= 100'000);
    CHECK(sqlite3_limit(db.get(), SQLITE_LIMIT_EXPR_DEPTH, -1) <= 100);
    CHECK(pragma(db, "query_only") == 1);
    CHECK(pragma(db, "cell_size_check") == 1);
    CHECK(pragma(db, "mmap_size") == 0);
    CHECK_THROWS_WITH_AS(db.exec("UPDATE item SET slug = 'x'"), doctest::Contains("readonly"), sql::Error);
    CHECK_THROWS_AS(db.exec("SELECT load_extension('/nonexistent/evil.so')"), sql::Error);

    // Our own files (the usage journal) keep SQLite's defaults.
    sql::Database ours(file, sql::Database::Mode::read_only);
    CHECK(config(ours, SQLITE_DBCONFIG_TRUSTED_SCHEMA) == 1);
    CHECK(config(ours, SQLITE_DBCONFIG_ENABLE_TRIGGER) == 1);
    CHECK(sqlite3_limit(ours.get(), SQLITE_LIMIT_LENGTH, -1) > sql::kUntrustedMaxLength);
  }

  TEST_CASE("A name starting with file: is a file, not a URI choosing options") {
    test::TempDir dir;
    const fs::path file = crafted(dir, "", "file:pack.db?mode=memory");
    const fs::path here = fs::current_path();
    fs::current_path(dir.path());
    try {
      sql::Database db("file:pack.db?mode=memory", sql::Database::Mode::untrusted);
      auto st = db.prepare("SELECT count(*) FROM item");
      REQUIRE(st.step());
      CHECK(st.int64(0) == 2);  // the file's items: an in-memory database would have no table
    } catch (...) {
      fs::current_path(here);
      throw;
    }
    fs::current_path(here);
  }

  TEST_CASE("ATTACH is impossible on a pack's connection") {
    test::TempDir dir;
    const fs::path file = crafted(dir, ""), other = crafted(dir, "", "other.db");
    sql::Database db(file, sql::Database::Mode::untrusted);
    CHECK_THROWS_WITH_AS(db.exec("ATTACH DATABASE '" + other.string() + "' AS other"),
                         doctest::Contains("too many attached databases"), sql::Error);
    CHECK_THROWS_AS(db.exec("ATTACH DATABASE '" + (dir / "new.db").string() + "' AS created"), sql::Error);
    CHECK_FALSE(fs::exists(dir / "new.db"));
    sql::Database plain(file, sql::Database::Mode::read_only);  // the same ATTACH where it is allowed
    CHECK_NOTHROW(plain.exec("ATTACH DATABASE '" + other.string() + "' AS other"));
  }

  TEST_CASE("Triggers orpheus-pack never writes are refused by name; its own never run") {
    test::TempDir dir;
    SUBCASE("A foreign trigger on insert and on delete") {
      const fs::path file = crafted(dir, R"sql(
        CREATE TRIGGER steal AFTER INSERT ON item_text BEGIN DELETE FROM media_blob; END;
        CREATE TRIGGER noisy BEFORE DELETE ON item BEGIN SELECT RAISE(ABORT, 'the trigger ran'); END;
      )sql");
      const std::string why = refusal(file);
      CHECK(why.find("trigger 'noisy'") != std::string::npos);
      CHECK(why.find("crafted") != std::string::npos);
      CHECK_THROWS_WITH_AS(catalog::MediaReader{file}, doctest::Contains("trigger 'noisy'"), catalog::LoadError);
      CHECK_THROWS_WITH_AS(catalog::ItemSearch{file}, doctest::Contains("trigger 'noisy'"), catalog::LoadError);
      // Below open_pack, the connection itself: a write is refused before any trigger could run.
      sql::Database db(file, sql::Database::Mode::untrusted);
      CHECK_THROWS_WITH_AS(db.exec("DELETE FROM item"), doctest::Contains("readonly"), sql::Error);
    }
    SUBCASE("One of ours with another body") {
      const fs::path file = crafted(dir, R"sql(
        DROP TRIGGER item_text_search_insert;
        CREATE TRIGGER item_text_search_insert AFTER INSERT ON item_text BEGIN SELECT RAISE(ABORT, 'the trigger ran'); END;
      )sql");
      const std::string why = refusal(file);
      CHECK(why.find("trigger 'item_text_search_insert' is not the one orpheus-pack writes") != std::string::npos);
    }
  }

  TEST_CASE("A view in place of a table the kiosk reads is refused") {
    test::TempDir dir;
    const fs::path file = crafted(dir, R"sql(
      DROP TABLE item_tag;
      CREATE VIEW item_tag AS SELECT 1 AS item_id, id AS tag_id, abs(random() % 2) AS ord FROM tag;
    )sql");
    const std::string why = refusal(file);
    CHECK(why.find("view 'item_tag'") != std::string::npos);
    CHECK(why.find("no Orpheus pack has") != std::string::npos);
    // The connection refuses to read through it even where open_pack is not asked.
    sql::Database db(file, sql::Database::Mode::untrusted);
    CHECK_THROWS_WITH_AS(db.prepare("SELECT * FROM item_tag"), doctest::Contains("item_tag"), sql::Error);
    sql::Database plain(file, sql::Database::Mode::read_only);
    auto st = plain.prepare("SELECT count(*) FROM item_tag");
    REQUIRE(st.step());  // where views are on, it reads
    CHECK(st.int64(0) == 2);
  }

  TEST_CASE("A virtual table in place of ours is refused") {
    test::TempDir dir;
    SUBCASE("An FTS4 table as item_tag") {
      const std::string why = refusal(crafted(dir, R"sql(
        DROP TABLE item_tag;
        CREATE VIRTUAL TABLE item_tag USING fts4(item_id, tag_id, ord);
      )sql"));
      CHECK(why.find("virtual table 'item_tag'") != std::string::npos);
    }
    SUBCASE("The search index with another module") {
      const std::string why = refusal(crafted(dir, R"sql(
        DROP TABLE item_search;
        CREATE VIRTUAL TABLE item_search USING fts3(title, summary, description, period, place, item_id, lang);
      )sql"));
      CHECK(why.find("virtual table 'item_search' is not the one orpheus-pack writes") != std::string::npos);
    }
  }

  TEST_CASE("A schema calling a function SQLite does not trust where reading runs it is refused") {
    // json_valid() is not marked innocuous in SQLite 3.40: with a trusted schema it would run
    // whenever the column is read or the index used.
    test::TempDir dir;
    std::string sql;
    SUBCASE("In a generated column") { sql = "ALTER TABLE item ADD COLUMN evil INTEGER GENERATED ALWAYS AS (json_valid(slug)) VIRTUAL"; }
    SUBCASE("In an index expression") { sql = "CREATE INDEX evil ON item(json_valid(slug))"; }
    CAPTURE(sql);
    const fs::path file = crafted(dir, sql);
    const std::string why = refusal(file);
    CHECK(why.find("its schema calls a function a pack's schema may not use") != std::string::npos);
    CHECK(why.find("json_valid()") != std::string::npos);
    CHECK_THROWS_AS(catalog::MediaReader{file}, catalog::LoadError);
    // With SQLite's default (a trusted schema) the same file reads: the setting is what refuses it.
    sql::Database plain(file, sql::Database::Mode::read_only);
    auto st = plain.prepare("SELECT count(*) FROM item");
    REQUIRE(st.step());
    CHECK(st.int64(0) == 2);
  }

  TEST_CASE("CHECK and DEFAULT expressions run only on writes, which a pack's connection never makes") {
    test::TempDir dir;
    const fs::path file = crafted(dir, "CREATE TABLE extra(x TEXT CHECK (json_valid(x)), y TEXT DEFAULT (json_array()))");
    CHECK_NOTHROW(catalog::load_snapshot(file));
    // And a write would not run them either: the untrusted schema refuses it before the
    // read-only connection does.
    sql::Database db(file, sql::Database::Mode::untrusted);
    CHECK_THROWS_WITH_AS(db.exec("INSERT INTO extra(x) VALUES ('[1]')"), doctest::Contains("unsafe use of json_"), sql::Error);
  }

  TEST_CASE("A blob over the media cap is refused before it is read, naming the pack, the media and the limit") {
    test::TempDir dir;
    const fs::path file =
        crafted(dir, "UPDATE media_blob SET bytes = zeroblob(" + std::to_string(catalog::kMaxMediaBytes + 1) +
                         ") WHERE media_id = 7 AND variant = 'display'");
    CHECK_NOTHROW(catalog::load_snapshot(file));  // the snapshot reads no blob
    catalog::MediaReader reader(file);
    try {
      reader.read(7, catalog::MediaVariant::display);
      FAIL("a blob over the cap was read");
    } catch (const catalog::LoadError& e) {
      const std::string what = e.what();
      CHECK(what.find(file.string()) != std::string::npos);
      CHECK(what.find("media 7 (display)") != std::string::npos);
      CHECK(what.find("too big") != std::string::npos);
      CHECK(what.find("limit of " + std::to_string(catalog::kMaxMediaBytes) + " bytes") != std::string::npos);
    }
    const auto thumb = reader.read(7, catalog::MediaVariant::thumbnail);  // the rest still reads
    CHECK(std::string(thumb.begin(), thumb.end()) == "THMB");
    // One byte under the cap reads.
    sql::Database(file, sql::Database::Mode::read_write_create)
        .exec("UPDATE media_blob SET bytes = zeroblob(" + std::to_string(catalog::kMaxMediaBytes - 64) +
              ") WHERE media_id = 7 AND variant = 'display'");
    catalog::MediaReader again(file);
    CHECK(again.read(7, catalog::MediaVariant::display).size() == static_cast<std::size_t>(catalog::kMaxMediaBytes - 64));
  }

  TEST_CASE("Damaged pages give a clean error naming the pack, never a crash") {
    test::TempDir dir;
    const fs::path file = crafted(dir, "");
    const auto size = fs::file_size(file);
    REQUIRE(size >= 4 * 4096);
    {
      // Every page after the first (the header and the schema's root stay): its b-tree page
      // header flipped, and bytes in its middle.
      std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
      for (std::uintmax_t page = 4096; page < size; page += 4096)
        for (std::uintmax_t at : {page, page + 1, page + 5, page + 2048, page + 2049}) {
          f.seekg(static_cast<std::streamoff>(at));
          char c = 0;
          f.get(c);
          f.seekp(static_cast<std::streamoff>(at));
          f.put(static_cast<char>(c ^ 0x5A));
        }
    }
    const std::string why = refusal(file);
    CHECK_MESSAGE(why.find("damaged") != std::string::npos, why);
    // The media reader and the search fail as cleanly: on opening or on reading.
    try {
      catalog::MediaReader reader(file);
      CHECK_THROWS_AS(reader.read(7, catalog::MediaVariant::display), catalog::LoadError);
    } catch (const catalog::LoadError& e) {
      CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    }
    try {
      catalog::ItemSearch search(file);
      CHECK_THROWS(search.find("злато", "bg", 10));
    } catch (const catalog::LoadError& e) {
      CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    }
  }
}
