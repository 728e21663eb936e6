// The pack's map: its frame and detail levels, its lines cut, simplified and split (on made-up
// lines), and a real pack with a map of the coast from Varna to Burgas cut from GSHHG (skipped
// without Debian's gmt-gshhg-low), read back as the kiosk reads it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/map_rows.h"
#include "catalog/sqlite.h"
#include "geo/basemap.h"
#include "geo/simplify.h"
#include "media/deep_zoom.h"
#include "media/image.h"
#include "packs/builder.h"
#include "packs/inspect.h"
#include "packs/map_layers.h"
#include "packs/verify.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;
using packs::detail::GeoLine;
using Layer = catalog::MapLine::Layer;

namespace {

bool have_gshhg() {
  if (!packs::detail::missing_gshhg(geo::kGshhgDir)) return true;
  MESSAGE("skipped: no GSHHG in " << geo::kGshhgDir << " (apt-get install gmt-gshhg-high)");
  return false;
}

std::string all(const packs::BuildResult& r) {
  std::string s;
  for (const auto& p : r.problems) s += p.str() + "\n";
  return s;
}

// The distance from p to the nearest stored line of `layer` in `lines`.
double to_lines(geo::Point p, const std::vector<catalog::MapLine>& lines, Layer layer) {
  double best = INFINITY;
  for (const catalog::MapLine& l : lines) {
    if (l.layer != layer) continue;
    for (std::size_t i = 2; i + 1 < l.xy.size(); i += 2)
      best = std::min(best, geo::segment_distance({p.x, p.y}, {l.xy[i - 2], l.xy[i - 1]}, {l.xy[i], l.xy[i + 1]}));
  }
  return best;
}

// What every stored line must be: 2..kMaxLinePoints points inside the frame and its bounding box.
void check_shapes(const geo::MapFrame& frame, const std::vector<catalog::MapDetail>& details) {
  for (const catalog::MapDetail& d : details)
    for (const catalog::MapLine& l : d.lines) {
      REQUIRE(l.xy.size() >= 4);
      CHECK(l.xy.size() / 2 <= packs::detail::kMaxLinePoints);
      for (std::size_t i = 0; i + 1 < l.xy.size(); i += 2) {
        CHECK(l.xy[i] >= -1e-3f);
        CHECK(l.xy[i] <= frame.width + 1e-3f);
        CHECK(l.xy[i + 1] >= -1e-3f);
        CHECK(l.xy[i + 1] <= frame.height + 1e-3f);
        CHECK(l.xy[i] >= l.x0);
        CHECK(l.xy[i] <= l.x1);
        CHECK(l.xy[i + 1] >= l.y0);
        CHECK(l.xy[i + 1] <= l.y1);
      }
    }
}

// Every point of `lines` inside the frame lies within each level's tolerance of that level's
// lines of its layer, unless nothing of its line could show at that level: the line's extent is
// within the tolerance, or the point is so close to the frame's edge that the piece cut there is.
void check_error_bound(const geo::MapFrame& frame, const std::vector<GeoLine>& lines,
                       const std::vector<catalog::MapDetail>& details) {
  int checked = 0;
  for (const GeoLine& g : lines) {
    std::vector<geo::Point> in;
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (const geo::LonLat& ll : g.line.points) {
      const geo::Point p = frame.to_map(ll);
      if (p.x < 0 || p.y < 0 || p.x > frame.width || p.y > frame.height) continue;
      in.push_back(p);
      x0 = std::min(x0, p.x);
      y0 = std::min(y0, p.y);
      x1 = std::max(x1, p.x);
      y1 = std::max(y1, p.y);
    }
    for (const catalog::MapDetail& d : details) {
      const double t = d.tolerance;
      if (std::max(x1 - x0, y1 - y0) <= t) continue;
      for (const geo::Point& p : in) {
        if (std::min({p.x, p.y, frame.width - p.x, frame.height - p.y}) <= t) continue;
        const double off = to_lines(p, d.lines, g.layer);
        if (off > t + 1e-3)
          FAIL_CHECK("a point of a " << std::string(catalog::to_string(g.layer)) << " is " << off
                                     << " px from the lines of detail " << t);
        ++checked;
      }
    }
  }
  CHECK(checked > 0);
}

// The Bulgarian Black Sea coast around Varna and Burgas, from the Danube at Silistra to the
// Turkish border.
const geo::Box kCoast{27.0, 41.9, 28.7, 44.2};

// write_good_tree with a map of kCoast: the rhyton found near Provadia, known to within 5 km.
void write_coast_tree(const test::TempDir& dir) {
  test::write_good_tree(dir / "src", dir / "media");
  std::string rhyton = test::read_text(dir / "src/items/gold/rhyton.toml");
  const std::string place = "place = { lat = 42.5081, lon = 24 }";
  REQUIRE(rhyton.find(place) != std::string::npos);
  rhyton.replace(rhyton.find(place), place.size(), "place = { lat = 43.18, lon = 27.43, within_km = 5 }");
  test::write_text(dir / "src/items/gold/rhyton.toml", rhyton);
  test::write_text(dir / "src/map.toml", R"(region = { west = 27.0, south = 41.9, east = 28.7, north = 44.2 }

[[place]]
id = "varna"
name = { bg = "Варна", en = "Varna" }
at = { lat = 43.2141, lon = 27.9147 }
rank = 1

[[place]]
id = "burgas"
name = { bg = "Бургас" }
at = { lat = 42.5048, lon = 27.4626 }
)");
}

packs::BuildOptions options(const test::TempDir& dir) {
  packs::BuildOptions o;
  o.source_dir = dir / "src";
  o.output = dir / "out/pack.db";
  o.media_dirs = {dir / "media"};
  o.threads = 2;
  return o;
}

// The colour of the base picture at `at`, read from the pack's level-0 tile as the kiosk would.
geo::Rgb colour_at(catalog::MediaReader& reader, const catalog::MapInfo& map, geo::LonLat at) {
  const geo::Point p = map.frame.to_map(at);
  const int x = static_cast<int>(p.x), y = static_cast<int>(p.y), ts = map.tile_size;
  const media::Image tile = media::decode(reader.read_tile(catalog::kMapMedia, 0, x / ts, y / ts));
  const auto i = (static_cast<std::size_t>(y % ts) * static_cast<std::size_t>(tile.width) + static_cast<std::size_t>(x % ts)) * 4;
  return {tile.pixels[i], tile.pixels[i + 1], tile.pixels[i + 2]};
}

}  // namespace

TEST_SUITE("The pack's map") {
  TEST_CASE("Its frame is about 125 m a pixel, at most 8192 across; its detail levels reach the whole map") {
    const geo::Box thrace{21.0, 39.8, 30.3, 44.6};  // the demo pack's
    const geo::MapFrame f = packs::detail::map_frame(thrace);
    CHECK(f.width > 6000);
    CHECK(f.width < 6300);
    const double middle = f.to_lonlat({f.width / 2.0, f.height / 2.0}).lat;
    CHECK(f.metres_per_pixel(middle) == doctest::Approx(125).epsilon(0.005));
    CHECK(packs::detail::detail_tolerances(f) == std::vector<double>{0.25, 0.5, 1, 2, 4});
    CHECK(packs::detail::map_frame(geo::Box{-10, 35, 40, 60}).width == 8192);
    const geo::MapFrame city = packs::detail::map_frame(geo::Box{27.85, 43.15, 27.98, 43.25});
    CHECK(std::max(city.width, city.height) == 1024);  // never smaller
    CHECK(packs::detail::detail_tolerances(city) == std::vector<double>{0.25, 0.5, 1});
  }

  TEST_CASE("Lines are cut where they leave the map, simplified within each level's tolerance and split into short pieces") {
    const geo::MapFrame frame = geo::frame_for(geo::Box{20, 40, 30, 45}, 2000);
    const auto tolerances = packs::detail::detail_tolerances(frame);
    REQUIRE(tolerances == std::vector<double>{0.25, 0.5, 1, 2});
    // A wiggly river of 3000 points that leaves the map across its north edge and comes back.
    std::mt19937 rng(19);
    std::normal_distribution<double> wiggle(0, 0.004);
    geo::Line river{1, {}};
    for (int i = 0; i < 3000; ++i)
      river.points.push_back({21 + 8.0 * i / 3000 + wiggle(rng), 44 + 1.5 * std::sin(i / 3000.0 * 3.14159) + wiggle(rng)});
    // An island about 3 map pixels across, and one far smaller than a pixel.
    const auto ring = [](double lon, double lat, double r) {
      geo::Line l{1, {}};
      for (int k = 0; k <= 12; ++k) l.points.push_back({lon + r * std::cos(k * 0.5236), lat + r * std::sin(k * 0.5236)});
      return l;
    };
    const std::vector<GeoLine> lines{
        {Layer::river, river}, {Layer::shore, ring(25, 41, 0.0075)}, {Layer::shore, ring(26, 41, 0.0001)}};
    const auto details = packs::detail::map_details(frame, lines);
    REQUIRE(details.size() == tolerances.size());
    check_shapes(frame, details);
    check_error_bound(frame, lines, details);

    for (const catalog::MapDetail& d : details) {
      CAPTURE(d.tolerance);
      std::vector<const catalog::MapLine*> rivers, shores;
      for (const auto& l : d.lines) (l.layer == Layer::river ? rivers : shores).push_back(&l);
      // Two pieces of river: one that runs up to the north edge, one from it; each of several
      // stored lines that meet end to end, except where the map cuts it.
      REQUIRE(rivers.size() >= 2);
      int on_edge = 0;
      for (std::size_t i = 1; i < rivers.size(); ++i) {
        const auto& a = rivers[i - 1]->xy;
        const auto& b = rivers[i]->xy;
        if (a[a.size() - 2] == b[0] && a.back() == b[1]) continue;
        CHECK(std::abs(a.back()) < 1e-3);  // the cut: the last piece before it ends on the edge,
        CHECK(std::abs(b[1]) < 1e-3);      // the first after it starts there
        ++on_edge;
      }
      CHECK(on_edge >= 1);  // where it wiggles across the edge, more than once
      // The small island shows only where a level's tolerance is below its size; the tiny one never.
      CHECK(shores.size() == (d.tolerance < 3 ? 1u : 0u));
    }
    // Coarser levels have fewer points.
    const auto points = [](const catalog::MapDetail& d) {
      std::size_t n = 0;
      for (const auto& l : d.lines) n += l.xy.size() / 2;
      return n;
    };
    for (std::size_t i = 1; i < details.size(); ++i) CHECK(points(details[i]) < points(details[i - 1]));
  }

  TEST_CASE("A pack with map.toml has the map: tiles, places, lines and find-spots, read back as the kiosk reads them") {
    if (!have_gshhg()) return;
    test::TempDir dir;
    write_coast_tree(dir);
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), all(r));
    const geo::MapFrame frame = packs::detail::map_frame(kCoast);
    const media::PyramidShape shape = media::pyramid_shape(frame.width, frame.height, packs::detail::kMapTileSize);
    CHECK(r.counts.map_width == frame.width);
    CHECK(r.counts.map_height == frame.height);
    CHECK(r.counts.map_tiles == shape.tile_count());
    CHECK(r.counts.map_places == 2);
    const auto tolerances = packs::detail::detail_tolerances(frame);
    CHECK(tolerances == std::vector<double>{0.25, 0.5, 1, 2});  // a picture of about 2000 pixels
    CHECK(r.counts.map_details == 4);
    CHECK(r.counts.map_lines > 10);
    const fs::path pack = dir / "out/pack.db";

    {  // The rows as stored.
      sql::Database db(pack, sql::Database::Mode::read_only);
      auto map = db.prepare("SELECT west, south, east, north, width, height, tile_size, levels, credit FROM map");
      REQUIRE(map.step());
      CHECK(map.real(0) == 27.0);
      CHECK(map.real(3) == 44.2);
      CHECK(map.int64(4) == frame.width);
      CHECK(map.int64(5) == frame.height);
      CHECK(map.int64(6) == 512);
      CHECK(map.int64(7) == static_cast<std::int64_t>(shape.levels.size()));
      const std::string credit = map.text(8);
      for (const char* part : {"GSHHG 2.3.7", "The GMT Team", "LGPL-3.0-or-later"}) CHECK(credit.find(part) != std::string::npos);
      auto tiles = db.prepare("SELECT level, col, row, mime, bytes FROM map_tile ORDER BY level, row, col");
      int n = 0;
      while (tiles.step()) {
        CHECK(tiles.text(3) == "image/png");
        const media::Image img = media::decode(tiles.blob(4));
        const auto& level = shape.levels[static_cast<std::size_t>(tiles.int64(0))];
        CHECK(img.width == std::min(512, level.width - static_cast<int>(tiles.int64(1)) * 512));
        CHECK(img.height == std::min(512, level.height - static_cast<int>(tiles.int64(2)) * 512));
        ++n;
      }
      CHECK(n == shape.tile_count());
      auto within = db.prepare("SELECT place_within_km FROM item WHERE slug = 'rhyton'");
      REQUIRE(within.step());
      CHECK(within.real(0) == 5.0);
      auto layers = db.prepare("SELECT layer, count(*) FROM map_line GROUP BY layer ORDER BY layer");
      std::vector<std::string> seen;
      while (layers.step()) seen.push_back(layers.text(0));
      CHECK(seen == std::vector<std::string>{"border", "river", "shore"});  // the borders with Romania and Turkey, the Danube
    }

    // As the kiosk reads it.
    const auto s = catalog::load_snapshot(pack);
    const catalog::MapInfo& m = s->map;
    REQUIRE(m.present());
    CHECK(m.frame.width == frame.width);
    CHECK(m.tile_levels == static_cast<int>(shape.levels.size()));
    REQUIRE(m.places.size() == 2);
    CHECK(m.places[0].slug == "varna");
    CHECK(m.places[0].rank == 1);
    CHECK(m.places[0].name.exact("en") == "Varna");
    CHECK(m.places[1].name.get("en", s->fallback()) == "Бургас");
    REQUIRE(m.details.size() == tolerances.size());
    for (std::size_t i = 0; i < tolerances.size(); ++i) CHECK(m.details[i].tolerance == tolerances[i]);
    check_shapes(m.frame, m.details);
    const catalog::Item* rhyton = nullptr;
    for (const auto& it : s->items)
      if (it.slug == "rhyton") rhyton = &it;
    REQUIRE(rhyton);
    CHECK(rhyton->within_km == 5.0);

    // Every GSHHG point of the region within each level's tolerance of what the pack stores.
    const auto data = packs::detail::read_map_data(geo::kGshhgDir, kCoast);
    check_error_bound(m.frame, data.lines, m.details);

    // The base picture: the Black Sea off Varna is sea, the hills of Provadia land.
    catalog::MediaReader reader(pack);
    const auto first = reader.read_tile(catalog::kMapMedia, 0, 0, 0);
    REQUIRE(first.size() > 8);
    CHECK(std::string(first.begin() + 1, first.begin() + 4) == "PNG");
    const geo::BasemapColours colours;
    CHECK(colour_at(reader, m, {28.2, 43.2}) == colours.sea);
    CHECK(colour_at(reader, m, {27.2, 43.1}) == colours.land);
    CHECK(colour_at(reader, m, {27.7, 42.9}) == colours.land);

    // verify decodes the map's tiles too; inspect says what the map holds.
    packs::VerifyOptions vo;
    vo.require_trusted = false;
    const packs::VerifyReport v = packs::verify_pack(pack, vo);
    const std::string first_problem = v.problems.empty() ? std::string() : v.problems.front().str();
    CHECK_MESSAGE(v.ok(), first_problem);
    CHECK(v.map_tiles == shape.tile_count());
    CHECK(v.map_lines == r.counts.map_lines);
    const auto d = packs::describe_pack(pack);
    REQUIRE(d.contains("map"));
    CHECK(d["map"]["tiles"]["count"] == shape.tile_count());
    CHECK(d["map"]["places"] == 2);
    std::ostringstream text;
    packs::print_description(d, text);
    CHECK(text.str().find("map:         " + std::to_string(frame.width) + " x " + std::to_string(frame.height) + " px, " +
                          std::to_string(shape.tile_count()) + " tiles (") != std::string::npos);
  }

  TEST_CASE("verify reports a map tile missing or damaged") {
    if (!have_gshhg()) return;
    test::TempDir dir;
    write_coast_tree(dir);
    REQUIRE(packs::build_pack(options(dir)).ok());
    const fs::path pack = dir / "out/pack.db";
    {
      sql::Database db(pack, sql::Database::Mode::read_write_create);
      db.exec("DELETE FROM map_tile WHERE level = 0 AND col = 1 AND row = 0");
      db.exec("UPDATE map_tile SET bytes = x'89504E470D0A1A0A00' WHERE level = 0 AND col = 0 AND row = 0");
    }
    packs::VerifyOptions vo;
    vo.require_trusted = false;
    std::string problems;
    for (const auto& p : packs::verify_pack(pack, vo).problems) problems += p.str() + "\n";
    CAPTURE(problems);
    CHECK(problems.find("map (tiles): has ") != std::string::npos);
    CHECK(problems.find("map tile 0/0_0: ") != std::string::npos);
  }

  TEST_CASE("A pack without map.toml has no map") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), all(r));
    CHECK(r.counts.map_tiles == 0);
    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    CHECK_FALSE(s->map.present());
    CHECK(s->map.places.empty());
    sql::Database db(dir / "out/pack.db", sql::Database::Mode::read_only);
    auto rows = db.prepare(
        "SELECT (SELECT count(*) FROM map) + (SELECT count(*) FROM map_tile) + (SELECT count(*) FROM map_line)");
    REQUIRE(rows.step());
    CHECK(rows.int64(0) == 0);
    CHECK_FALSE(packs::describe_pack(dir / "out/pack.db").contains("map"));
  }

  TEST_CASE("Without GSHHG the build names the missing file and the package to install, and writes nothing") {
    test::TempDir dir;
    write_coast_tree(dir);
    auto o = options(dir);
    o.gshhg_dir = dir / "no-gshhg";
    const auto r = packs::build_pack(o);
    CHECK_FALSE(r.ok());
    const std::string text = all(r);
    CAPTURE(text);
    const std::string missing = (dir / "no-gshhg/binned_GSHHS_h.nc").string();
    CHECK(text.find("map.toml:1:10: region: " + missing + " is missing") != std::string::npos);
    CHECK(text.find("install Debian's gmt-gshhg-high") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));
  }
}
