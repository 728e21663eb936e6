#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "catalog/schema.h"
#include "catalog/search.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;

namespace {

bool has_table(sql::Database& db, const std::string& name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?1");
  st.bind(1, std::string_view(name));
  return st.step();
}

}  // namespace

TEST_SUITE("Schema") {
  TEST_CASE("An empty database is migrated to the latest version") {
    test::TempDir dir;
    sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
    CHECK(catalog::schema_version(db.get()) == 0);
    catalog::migrate(db.get());
    CHECK(catalog::schema_version(db.get()) == catalog::kSchemaVersion);
    for (const char* t : {"pack_info", "pack_language", "pack_text", "collection", "collection_text", "item",
                          "item_text", "item_metadata", "tag", "tag_text", "item_tag", "media", "media_text",
                          "media_blob", "item_search", "media_pyramid", "media_tile", "pack_seal", "timeline_entry",
                          "timeline_entry_text", "map", "map_tile", "map_place", "map_place_text", "map_line",
                          "narration", "narration_sentence", "narration_audio", "event", "event_text", "event_audience",
                          "event_occurrence", "schedule", "schedule_part"})
      CHECK_MESSAGE(has_table(db, t), t);
    auto strict = db.prepare("SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND strict = 1");
    REQUIRE(strict.step());
    CHECK(strict.int64(0) == 33);  // every table but the FTS5 one
  }

  TEST_CASE("Migration can stop at version 1, which has no search index") {
    test::TempDir dir;
    sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
    catalog::migrate(db.get(), 1);
    CHECK(catalog::schema_version(db.get()) == 1);
    CHECK(has_table(db, "item"));
    CHECK_FALSE(has_table(db, "item_search"));
  }

  TEST_CASE("Migration refuses to go backwards, past the latest, or from an unknown newer version") {
    test::TempDir dir;
    sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
    catalog::migrate(db.get());
    CHECK_THROWS_AS(catalog::migrate(db.get(), 1), std::runtime_error);
    CHECK_THROWS_AS(catalog::migrate(db.get(), catalog::kSchemaVersion + 1), std::runtime_error);
    db.exec("PRAGMA user_version = 9");
    CHECK_THROWS_WITH_AS(catalog::migrate(db.get()), doctest::Contains("newer"), std::runtime_error);
  }

  TEST_CASE("A failing migration step is rolled back as a whole") {
    test::TempDir dir;
    sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
    catalog::migrate(db.get(), 1);
    db.exec("CREATE TABLE item_search(x INTEGER)");  // in the way of version 2
    CHECK_THROWS_WITH_AS(catalog::migrate(db.get()), doctest::Contains("version 2"), std::runtime_error);
    CHECK(catalog::schema_version(db.get()) == 1);
    auto triggers = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'");
    REQUIRE(triggers.step());
    CHECK(triggers.int64(0) == 0);
  }

  TEST_CASE("Constraints reject impossible dates, places and wrong types") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
    db.exec("INSERT INTO item VALUES (9, 'ok', 1, 1, -300, -300, 42.0, 25.0, 'exact', 15.0)");  // the shape is right
    CHECK_THROWS_AS(db.exec("INSERT INTO item VALUES (10, 'x', 1, 1, -300, -400, NULL, NULL, 'exact', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO item VALUES (11, 'y', 1, 1, NULL, NULL, 91.0, 0.0, 'exact', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO item VALUES (12, 'z', 1, 'first', NULL, NULL, NULL, NULL, 'exact', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO item VALUES (13, 'w', 99, 1, NULL, NULL, NULL, NULL, 'exact', NULL)"), sql::Error);  // FK
    CHECK_THROWS_AS(db.exec("INSERT INTO item VALUES (14, 'v', 1, 1, -300, -300, NULL, NULL, 'maybe', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO item VALUES (15, 'u', 1, 1, NULL, NULL, 42.0, 25.0, 'exact', 0.0)"), sql::Error);
    // The map: one row, a region that is one, ranks 1..3, known layers, whole float pairs.
    db.exec("INSERT INTO map VALUES (1, 21.0, 39.8, 30.3, 44.6, 6131, 4275, 512, 5, 'GSHHG')");
    CHECK_THROWS_AS(db.exec("INSERT INTO map VALUES (2, 21.0, 39.8, 30.3, 44.6, 6131, 4275, 512, 5, '')"), sql::Error);
    CHECK_THROWS_AS(db.exec("DELETE FROM map; INSERT INTO map VALUES (1, 30.3, 39.8, 21.0, 44.6, 6131, 4275, 512, 5, '')"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO map_place VALUES (1, 'sofia', 1, 42.7, 23.3, 4)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO map_place VALUES (2, 'nowhere', 1, 95.0, 23.3, 1)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO map_place_text VALUES (7, 'bg', 'Никъде')"), sql::Error);  // FK
    CHECK_THROWS_AS(db.exec("INSERT INTO map_line VALUES (1, 'road', 1, 0.25, 0, 0, 1, 1, zeroblob(16))"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO map_line VALUES (2, 'shore', 1, 0.25, 0, 0, 1, 1, zeroblob(12))"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO map_line VALUES (3, 'shore', 1, 0, 0, 0, 1, 1, zeroblob(16))"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO map_tile VALUES (0, 0, 0, 'image/webp', x'00')"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO timeline_entry VALUES (1, 'p', 'period', 1, -300, -400, 'exact', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO timeline_entry VALUES (2, 'q', 'period', 1, 0, 10, 'exact', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO timeline_entry VALUES (3, 'r', 'era', 1, -10, 10, 'exact', NULL)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO media_blob VALUES (7, 'huge', 'image/jpeg', 1, 1, x'00')"), sql::Error);
  }

  TEST_CASE("Snapshot queries read media sizes from the covering index, not the blob pages") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    sql::Database db(dir / "p.db", sql::Database::Mode::read_only);
    auto plan = db.prepare("EXPLAIN QUERY PLAN SELECT media_id, variant, width, height FROM media_blob INDEXED BY media_blob_meta");
    REQUIRE(plan.step());
    CHECK(plan.text(3).find("COVERING INDEX media_blob_meta") != std::string::npos);
  }

  TEST_CASE("Migrating a version 1 file with data indexes its texts for search in any letter case") {
    test::TempDir dir;
    const auto file = dir / "v1.db";
    test::write_small_pack(file, 1);
    {
      sql::Database db(file, sql::Database::Mode::read_write_create);
      REQUIRE(catalog::schema_version(db.get()) == 1);
      db.exec("INSERT INTO item_text VALUES (2, 'en', 'Amphora', 'Café-au-lait coloured clay', '', '', '', '')");
      // SQLite's own case folding is ASCII-only: this is why search must go through FTS5.
      auto like = db.prepare("SELECT count(*) FROM item_text WHERE summary LIKE '%ЗЛАТО%'");
      REQUIRE(like.step());
      CHECK(like.int64(0) == 0);
    }
    {
      sql::Database db(file, sql::Database::Mode::read_write_create);
      catalog::migrate(db.get());
      CHECK(catalog::schema_version(db.get()) == catalog::kSchemaVersion);
    }
    catalog::ItemSearch search(file);
    CHECK(search.find("ЗЛАТО", "bg") == std::vector<std::int64_t>{1});
    CHECK(search.find("злато", "bg") == std::vector<std::int64_t>{1});
    CHECK(search.find("Злат", "bg") == std::vector<std::int64_t>{1});          // prefix while typing
    CHECK(search.find("панагюрище", "bg") == std::vector<std::int64_t>{1});    // place
    CHECK(search.find("ЗЛАТО", "en").empty());                                 // other language
    CHECK(search.find("cafe", "en") == std::vector<std::int64_t>{2});          // accents folded
    CHECK(search.find("  ", "bg").empty());
    CHECK(search.find("\"злато OR", "bg").empty());  // FTS syntax is quoted away, never an error
  }

  TEST_CASE("Texts added after migration are searchable too") {
    test::TempDir dir;
    const auto file = dir / "p.db";
    test::write_small_pack(file);
    {
      sql::Database db(file, sql::Database::Mode::read_write_create);
      db.exec("UPDATE item_text SET title = 'Сребърна амфора' WHERE item_id = 2 AND lang = 'bg'");
    }
    catalog::ItemSearch search(file);
    CHECK(search.find("СРЕБЪРНА", "bg") == std::vector<std::int64_t>{2});
    CHECK(search.find("Амфора", "bg") == std::vector<std::int64_t>{2});
  }

  TEST_CASE("Migrating a version 6 pack to 7 rebuilds media for events' pictures and keeps every reference") {
    test::TempDir dir;
    const auto file = dir / "v6.db";
    test::write_small_pack(file, 6);
    sql::Database db(file, sql::Database::Mode::read_write_create);  // foreign keys enforced
    db.exec("INSERT INTO media VALUES (8, 1, 1, 'images/side.jpg', 800, 600)");
    db.exec("INSERT INTO media_text VALUES (8, 'bg', 'Отстрани', '')");
    CHECK_THROWS_AS(db.exec("INSERT INTO media VALUES (9, NULL, 0, 'images/event.jpg', 10, 10)"), sql::Error);
    catalog::migrate(db.get());
    CHECK(catalog::schema_version(db.get()) == 7);
    // Dropping the old table cascaded to nothing: every row that referred to media is still there.
    auto count = db.prepare(
        "SELECT (SELECT count(*) FROM media), (SELECT count(*) FROM media_text), (SELECT count(*) FROM media_blob), "
        "(SELECT cover_media_id FROM collection WHERE id = 1)");
    REQUIRE(count.step());
    CHECK(count.int64(0) == 2);
    CHECK(count.int64(1) == 2);
    CHECK(count.int64(2) == 3);
    CHECK(count.int64(3) == 7);
    auto fk = db.prepare("PRAGMA foreign_keys");
    REQUIRE(fk.step());
    CHECK(fk.int64(0) == 1);  // enforced again after the rebuild
    CHECK_FALSE(db.prepare("PRAGMA foreign_key_check").step());
    // An event's own picture belongs to no item; references are still enforced.
    db.exec("INSERT INTO media VALUES (9, NULL, 0, 'images/event.jpg', 10, 10)");
    db.exec("INSERT INTO event VALUES (1, 'tour', 1, 1, 9)");
    db.exec("INSERT INTO event_occurrence VALUES (1, 0, 1000, 2000)");
    CHECK_THROWS_AS(db.exec("INSERT INTO media_text VALUES (99, 'bg', 'x', '')"), sql::Error);  // FK
    CHECK_THROWS_AS(db.exec("INSERT INTO media VALUES (10, 99, 0, 'x.jpg', 10, 10)"), sql::Error);  // FK
    CHECK_THROWS_AS(db.exec("INSERT INTO event_occurrence VALUES (1, 0, 3000, 3000)"), sql::Error);  // empty
    CHECK_THROWS_AS(db.exec("INSERT INTO event_audience VALUES (1, 'pets', 0)"), sql::Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO schedule VALUES (1, 1, 1, NULL, NULL)"), sql::Error);  // two owners
    CHECK_THROWS_AS(db.exec("INSERT INTO schedule VALUES (2, 1, NULL, 20, 10)"), sql::Error);   // until before from
    db.exec("INSERT INTO schedule VALUES (3, NULL, 1, 10, 20)");
    CHECK_THROWS_AS(db.exec("INSERT INTO schedule_part VALUES (3, 0, 0, 540, 780)"), sql::Error);     // no weekday
    CHECK_THROWS_AS(db.exec("INSERT INTO schedule_part VALUES (3, 1, 31, 780, 540)"), sql::Error);    // from >= to
    db.exec("INSERT INTO schedule_part VALUES (3, 2, 31, 540, 1440)");
  }

  TEST_CASE("Migrating a version 4 pack to 5 adds the map, empty, and keeps every item") {
    test::TempDir dir;
    const auto file = dir / "v4.db";
    test::write_small_pack(file, 4);
    sql::Database db(file, sql::Database::Mode::read_write_create);
    REQUIRE(catalog::schema_version(db.get()) == 4);
    CHECK_FALSE(has_table(db, "map"));
    catalog::migrate(db.get(), 5);
    CHECK(catalog::schema_version(db.get()) == 5);
    for (const char* t : {"map", "map_tile", "map_place", "map_place_text", "map_line"}) CHECK_MESSAGE(has_table(db, t), t);
    auto items = db.prepare("SELECT count(*), count(place_within_km), sum(latitude IS NOT NULL) FROM item");
    REQUIRE(items.step());
    CHECK(items.int64(0) == 2);
    CHECK(items.int64(1) == 0);  // no find-spot was approximate before
    CHECK(items.int64(2) == 1);
    auto map = db.prepare("SELECT (SELECT count(*) FROM map) + (SELECT count(*) FROM map_line)");
    REQUIRE(map.step());
    CHECK(map.int64(0) == 0);
  }
}
