// GSHHG as Debian installs it (gmt-gshhg-low): the coasts, borders and rivers of ancient Thrace
// are where the places on them are.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "geo/gshhg.h"
#include "geo/simplify.h"
#include "support/temp_dir.h"

using namespace orpheus::geo;

namespace {

const Box kThrace{19, 38, 32, 46};

// The distance in km from a place to the nearest of the lines (to their segments, not only
// their points), in projected metres scaled back to the ground at the place's latitude.
double km_to(const std::vector<Line>& lines, LonLat place, int max_level = 9) {
  const Metres p = project(place);
  double best = INFINITY;
  for (const Line& l : lines) {
    if (l.level > max_level) continue;
    for (std::size_t i = 1; i < l.points.size(); ++i)
      best = std::min(best, segment_distance(p, project(l.points[i - 1]), project(l.points[i])));
  }
  return best / mercator_scale(place.lat) / 1000;
}

bool have_gshhg() {
  if (std::filesystem::exists(gshhg_file(kGshhgDir, Layer::shore, 'i'))) return true;
  MESSAGE("skipped: no GSHHG in " << kGshhgDir << " (apt-get install gmt-gshhg-low)");
  return false;
}

}  // namespace

TEST_SUITE("GSHHG") {
  TEST_CASE("The coasts of Thrace pass by its ports, far from Sofia") {
    if (!have_gshhg()) return;
    const auto shore = read_gshhg(gshhg_file(kGshhgDir, Layer::shore, 'i'), Layer::shore, kThrace);
    REQUIRE(shore.size() > 50);
    for (const auto& [name, place] : {std::pair{"Varna", LonLat{27.9147, 43.2141}}, std::pair{"Burgas", LonLat{27.4626, 42.5048}},
                                      std::pair{"Istanbul", LonLat{28.9784, 41.0082}},
                                      std::pair{"Thessaloniki", LonLat{22.9444, 40.6401}}}) {
      CAPTURE(name);
      CHECK(km_to(shore, place, 1) < 3);
    }
    CHECK(km_to(shore, {23.3219, 42.6977}, 1) > 150);  // Sofia is inland
    for (const Line& l : shore) {
      CHECK(l.level >= 1);
      CHECK(l.level <= 4);
      for (const LonLat& p : l.points) {  // within the bins that overlap the box
        CHECK(p.lon >= 10);
        CHECK(p.lon <= 40);
        CHECK(p.lat >= 30);
        CHECK(p.lat <= 50);
      }
    }
  }

  TEST_CASE("Borders run along the Danube at Ruse; the Danube flows past it") {
    if (!have_gshhg()) return;
    const LonLat ruse{25.9707, 43.8356};
    const auto borders = read_gshhg(gshhg_file(kGshhgDir, Layer::border, 'i'), Layer::border, kThrace);
    REQUIRE(!borders.empty());
    CHECK(km_to(borders, ruse, 1) < 3);
    CHECK(km_to(borders, {26.1997, 41.7650}, 1) < 12);  // Svilengrad, by the Bulgarian-Greek-Turkish border
    const auto rivers = read_gshhg(gshhg_file(kGshhgDir, Layer::river, 'i'), Layer::river, kThrace);
    REQUIRE(!rivers.empty());
    CHECK(km_to(rivers, ruse) < 3);
  }

  TEST_CASE("Shoreline bins carry the levels of their corners; islands and lakes are closed rings") {
    if (!have_gshhg()) return;
    const auto bins = read_gshhg_shore_bins(gshhg_file(kGshhgDir, Layer::shore, 'i'), Box{25.5, 40.5, 29.5, 44.5});
    REQUIRE(bins.size() == 1);
    const ShoreBin& bin = bins[0];
    CHECK(bin.box.west == 25);
    CHECK(bin.box.south == 40);
    CHECK(bin.box.east == 30);
    CHECK(bin.box.north == 45);
    // South-west in the Aegean, south-east in Anatolia, north-east in the Black Sea, north-west in
    // Romania.
    CHECK(bin.corners == std::array<int, 4>{0, 1, 0, 1});
    const auto on_edge = [&](LonLat p) {
      return p.lon == bin.box.west || p.lon == bin.box.east || p.lat == bin.box.south || p.lat == bin.box.north;
    };
    int rings = 0;
    for (const Line& l : bin.lines) {
      if (on_edge(l.points.front())) {
        CHECK(on_edge(l.points.back()));  // a shore that enters the bin leaves it again
        continue;
      }
      ++rings;
      CHECK(l.points.front().lon == l.points.back().lon);
      CHECK(l.points.front().lat == l.points.back().lat);
    }
    CHECK(rings > 10);  // Marmara island, Lake Iznik, ...
  }

  TEST_CASE("A file that is not GSHHG is named with what is wrong") {
    orpheus::test::TempDir dir;
    const auto missing = dir.path() / "binned_GSHHS_x.nc";
    CHECK_THROWS_WITH_AS(read_gshhg(missing, Layer::shore, kThrace),
                         doctest::Contains((missing.string() + ": ").c_str()), GshhgError);
    const auto text = dir.path() / "binned_border_i.nc";
    std::ofstream(text) << "not netCDF at all\n";
    CHECK_THROWS_WITH_AS(read_gshhg(text, Layer::border, kThrace), doctest::Contains((text.string() + ": ").c_str()), GshhgError);
    if (!have_gshhg()) return;
    // A real GSHHG file of another layer lacks the variables asked for: named.
    CHECK_THROWS_WITH_AS(read_gshhg(gshhg_file(kGshhgDir, Layer::border, 'l'), Layer::shore, kThrace),
                         doctest::Contains("Embedded_npts_levels_exit_entry_for_a_segment"), GshhgError);
  }
}
