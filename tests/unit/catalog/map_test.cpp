// The map in the catalog (schema version 5): its frame, places and lines in the snapshot, its
// tiles through the media reader, and approximate find-spots. The pack is written by hand with
// SQL (test_pack.h), so the reader is tested on its own.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/map_rows.h"
#include "catalog/snapshot_texts.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;

namespace {

// A map of 1000 x 700 map pixels in 256-pixel tiles (3 levels), two places (Varna named in both
// languages), three lines in two detail levels stored out of order, and the rhyton's find-spot
// known to within 15 km.
void add_map(const std::filesystem::path& file) {
  sql::Database db(file, sql::Database::Mode::read_write_create);
  db.exec(R"sql(
    BEGIN;
    UPDATE item SET place_within_km = 15 WHERE id = 1;
    INSERT INTO map VALUES (1, 27.0, 42.2, 28.7, 43.6, 1000, 700, 256, 3, 'GSHHG 2.3.7');
    INSERT INTO map_tile VALUES (0, 0, 0, 'image/png', CAST('M000' AS BLOB)), (2, 0, 0, 'image/png', CAST('M200' AS BLOB));
    INSERT INTO map_place VALUES (1, 'varna', 2, 43.2141, 27.9147, 1), (2, 'burgas', 1, 42.5048, 27.4626, 2);
    INSERT INTO map_place_text VALUES (1, 'bg', 'Варна'), (1, 'en', 'Varna'), (2, 'bg', 'Бургас');
    COMMIT;
  )sql");
  auto line = db.prepare(
      "INSERT INTO map_line(id, layer, level, tolerance, x0, y0, x1, y1, points) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  const auto add = [&](std::int64_t id, const char* layer, int level, double tolerance, std::vector<float> xy) {
    const auto bytes = catalog::encode_map_points(xy);
    line.reset();
    line.bind(1, id).bind(2, std::string_view(layer)).bind(3, level).bind(4, tolerance);
    line.bind(5, 0.0).bind(6, 0.0).bind(7, 1000.0).bind(8, 700.0).bind(9, std::span<const std::uint8_t>(bytes)).step();
  };
  add(1, "shore", 1, 2.0, {0, 0, 10, 10});
  add(2, "river", 1, 0.25, {1.5f, 2.25f, 3, 4, 5, 6});
  add(3, "border", 1, 0.25, {100, 200, 300, 400});
}

std::string as_string(const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); }

}  // namespace

TEST_SUITE("The map in the catalog") {
  TEST_CASE("A snapshot has the map's frame, places with their names, and lines per detail level, finest first") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    add_map(dir / "p.db");
    const auto s = catalog::load_snapshot(dir / "p.db");
    const catalog::MapInfo& m = s->map;
    REQUIRE(m.present());
    CHECK(m.frame.region.west == 27.0);
    CHECK(m.frame.region.north == 43.6);
    CHECK(m.frame.width == 1000);
    CHECK(m.frame.height == 700);
    CHECK(m.tile_size == 256);
    CHECK(m.tile_levels == 3);
    CHECK(m.credit == "GSHHG 2.3.7");

    REQUIRE(m.places.size() == 2);
    CHECK(m.places[0].slug == "burgas");  // ord 1 first
    CHECK(m.places[0].rank == 2);
    CHECK(m.places[0].name.get("en", s->fallback()) == "Бургас");
    CHECK(m.places[1].slug == "varna");
    CHECK(m.places[1].latitude == 43.2141);
    CHECK(m.places[1].longitude == 27.9147);
    CHECK(m.places[1].rank == 1);
    CHECK(m.places[1].name.exact("en") == "Varna");

    REQUIRE(m.details.size() == 2);
    CHECK(m.details[0].tolerance == 0.25);
    CHECK(m.details[1].tolerance == 2.0);
    REQUIRE(m.details[0].lines.size() == 2);
    const catalog::MapLine& river = m.details[0].lines[0];
    CHECK(river.layer == catalog::MapLine::Layer::river);
    CHECK(river.xy == std::vector<float>{1.5f, 2.25f, 3, 4, 5, 6});
    CHECK(river.x1 == 1000.0f);
    CHECK(m.details[0].lines[1].layer == catalog::MapLine::Layer::border);
    REQUIRE(m.details[1].lines.size() == 1);
    CHECK(m.details[1].lines[0].layer == catalog::MapLine::Layer::shore);

    const catalog::Item* rhyton = s->find_item(1);
    REQUIRE(rhyton);
    CHECK(rhyton->within_km == 15.0);
    CHECK_FALSE(s->find_item(2)->within_km);

    // Place names and the credit are texts a screen shows: the font bake and verify see them.
    std::vector<std::string> seen;
    catalog::for_each_text(*s, [&](std::string_view text, const catalog::TextPlace& place) {
      if (place.owner == catalog::TextPlace::Owner::place || place.owner == catalog::TextPlace::Owner::map)
        seen.push_back(place.str() + "=" + std::string(text));
    });
    CHECK(seen == std::vector<std::string>{"place 'burgas'.name.bg=Бургас", "place 'varna'.name.bg=Варна",
                                           "place 'varna'.name.en=Varna", "map.credit=GSHHG 2.3.7"});
  }

  TEST_CASE("read_tile(kMapMedia) reads the map's tiles; item tiles are unaffected") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    add_map(dir / "p.db");
    catalog::MediaReader reader(dir / "p.db");
    CHECK(as_string(reader.read_tile(catalog::kMapMedia, 0, 0, 0)) == "M000");
    CHECK(as_string(reader.read_tile(catalog::kMapMedia, 2, 0, 0)) == "M200");
    CHECK(reader.read_tile(catalog::kMapMedia, 1, 0, 0).empty());
    CHECK(reader.read_tile(7, 0, 0, 0).empty());
  }

  TEST_CASE("A pack without a map, or older than version 5, has none") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    const auto s = catalog::load_snapshot(dir / "p.db");
    CHECK_FALSE(s->map.present());
    CHECK(s->map.details.empty());
    CHECK(s->map.places.empty());
    test::write_small_pack(dir / "v4.db", 4);
    const auto old = catalog::load_snapshot(dir / "v4.db");
    CHECK(old->pack.schema_version == 4);
    CHECK_FALSE(old->map.present());
    CHECK_FALSE(old->find_item(1)->within_km);
    CHECK(old->find_item(1)->latitude == 42.5);
    catalog::MediaReader reader(dir / "v4.db");
    CHECK(reader.read_tile(catalog::kMapMedia, 0, 0, 0).empty());
  }

  TEST_CASE("Line points are little-endian float32 pairs") {
    const std::vector<float> xy{0.0f, 1.0f, -2.5f, 8191.75f};
    const auto bytes = catalog::encode_map_points(xy);
    REQUIRE(bytes.size() == 16);
    CHECK(bytes[4] == 0x00);  // 1.0f = 0x3F800000, lowest byte first
    CHECK(bytes[6] == 0x80);
    CHECK(bytes[7] == 0x3F);
    CHECK(catalog::decode_map_points(bytes) == xy);
    CHECK(catalog::decode_map_points(std::vector<std::uint8_t>(12)).empty());  // not whole pairs
    CHECK(catalog::map_layer_named("river") == catalog::MapLine::Layer::river);
    CHECK_FALSE(catalog::map_layer_named("road"));
  }
}
