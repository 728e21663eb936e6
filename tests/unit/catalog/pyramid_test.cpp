// Deep-zoom pyramids in the catalog: tile size and level count in the snapshot's media, tile
// bytes through the media reader. The pack is written by hand with SQL (test_pack.h).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;

namespace {

// write_small_pack's media 7 (4000 x 3000) gets a pyramid of 512 px tiles in 4 levels
// (4000, 2000, 1000, 500 wide) and a few of its tiles; media 8, on the same item, has none.
void add_pyramid(const std::filesystem::path& file) {
  sql::Database db(file, sql::Database::Mode::read_write_create);
  db.exec(R"sql(
    BEGIN;
    INSERT INTO media VALUES (8, 1, 1, 'images/plain.jpg', 800, 600);
    INSERT INTO media_blob VALUES (8, 'display', 'image/jpeg', 800, 600, CAST('PLAIN' AS BLOB));
    INSERT INTO media_pyramid VALUES (7, 512, 4);
    INSERT INTO media_tile VALUES (7, 0, 0, 0, 'image/jpeg', CAST('T000' AS BLOB)),
                                  (7, 0, 7, 5, 'image/jpeg', CAST('T075' AS BLOB)),
                                  (7, 2, 1, 0, 'image/png', CAST('T210' AS BLOB)),
                                  (7, 3, 0, 0, 'image/png', X'0089504E00FF00');
    COMMIT;
  )sql");
}

std::string as_string(const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); }

const catalog::MediaRef* find_media(const catalog::Snapshot& s, std::int64_t id) {
  for (const auto& item : s.items)
    for (const auto& m : item.media)
      if (m.id == id) return &m;
  return nullptr;
}

}  // namespace

TEST_SUITE("Deep-zoom pyramids in the catalog") {
  TEST_CASE("A media with a pyramid has its tile size and level count; one without has zeros") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    add_pyramid(dir / "p.db");
    const auto s = catalog::load_snapshot(dir / "p.db");
    const auto* with = find_media(*s, 7);
    const auto* without = find_media(*s, 8);
    REQUIRE(with);
    REQUIRE(without);
    CHECK(with->tile_size == 512);
    CHECK(with->tile_levels == 4);
    CHECK(with->width == 4000);  // the rest is as before
    CHECK(with->display_width == 2048);
    CHECK(without->tile_size == 0);
    CHECK(without->tile_levels == 0);
    CHECK(without->display_width == 800);
  }

  TEST_CASE("Packs before schema version 3 have no pyramids and no tiles") {
    test::TempDir dir;
    test::write_small_pack(dir / "v2.db", 2);
    const auto s = catalog::load_snapshot(dir / "v2.db");
    CHECK(s->pack.schema_version == 2);
    const auto* m = find_media(*s, 7);
    REQUIRE(m);
    CHECK(m->tile_size == 0);
    CHECK(m->tile_levels == 0);
    catalog::MediaReader reader(dir / "v2.db");
    CHECK(reader.read_tile(7, 0, 0, 0).empty());
    CHECK(as_string(reader.read(7, catalog::MediaVariant::display)) == "DISP");
  }

  TEST_CASE("read_tile returns the tile's bytes exactly; a missing tile reads empty") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    add_pyramid(dir / "p.db");
    catalog::MediaReader reader(dir / "p.db");
    CHECK(as_string(reader.read_tile(7, 0, 0, 0)) == "T000");
    CHECK(as_string(reader.read_tile(7, 0, 7, 5)) == "T075");
    CHECK(as_string(reader.read_tile(7, 2, 1, 0)) == "T210");
    // Binary bytes, NULs included, come back whole.
    CHECK(reader.read_tile(7, 3, 0, 0) == std::vector<std::uint8_t>{0x00, 0x89, 0x50, 0x4E, 0x00, 0xFF, 0x00});
    // Column and row are not interchangeable; every coordinate counts.
    CHECK(reader.read_tile(7, 0, 5, 7).empty());
    CHECK(reader.read_tile(7, 1, 0, 0).empty());
    CHECK(reader.read_tile(7, 2, 0, 1).empty());
    CHECK(reader.read_tile(8, 0, 0, 0).empty());   // no pyramid
    CHECK(reader.read_tile(99, 0, 0, 0).empty());  // no such media
    CHECK(reader.read_tile(7, -1, 0, 0).empty());
    // Tiles and variants are apart.
    CHECK(as_string(reader.read(7, catalog::MediaVariant::display)) == "DISP");
  }

  TEST_CASE("The reader sees tiles removed after it opened, and keeps working after a miss") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    add_pyramid(dir / "p.db");
    catalog::MediaReader reader(dir / "p.db");
    CHECK(as_string(reader.read_tile(7, 0, 0, 0)) == "T000");
    CHECK(reader.read_tile(7, 0, 1, 1).empty());
    {
      sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
      db.exec("DELETE FROM media_tile WHERE level = 0 AND col = 0");
    }
    CHECK(reader.read_tile(7, 0, 0, 0).empty());
    CHECK(as_string(reader.read_tile(7, 0, 7, 5)) == "T075");
    catalog::MediaReader moved(std::move(reader));
    CHECK(as_string(moved.read_tile(7, 2, 1, 0)) == "T210");
  }
}
