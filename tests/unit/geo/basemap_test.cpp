// The map's base picture: land, sea and lakes from shoreline bins, first on made-up bins whose
// answer is known, then on the real GSHHG of ancient Thrace.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "geo/basemap.h"
#include "geo/gshhg.h"

using namespace orpheus::geo;

namespace {

const BasemapColours kColours;

bool have_gshhg() {
  if (std::filesystem::exists(gshhg_file(kGshhgDir, Layer::shore, 'i'))) return true;
  MESSAGE("skipped: no GSHHG in " << kGshhgDir << " (apt-get install gmt-gshhg-low)");
  return false;
}

// A ring through the given corners, closed.
Line ring(int level, std::vector<LonLat> corners) {
  corners.push_back(corners.front());
  return Line{level, std::move(corners)};
}

std::string text(Rgb c) { return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b); }

}  // namespace

TEST_SUITE("Base map") {
  TEST_CASE("Made-up bins: a coast across a bin, an island, a lake with an island, and sea where no bin lies") {
    // Bin 0..10 E, 0..10 N: sea in the south, land north of a coast along 5° N (west to east,
    // its ends on the bin's edges), an island in the sea, a lake on land with an island in it.
    ShoreBin bin;
    bin.box = Box{0, 0, 10, 10};
    bin.corners = {0, 0, 1, 1};  // south-west, south-east sea; north-east, north-west land
    bin.lines.push_back(Line{1, {{0, 5}, {4, 5.5}, {10, 5}}});
    bin.lines.push_back(ring(1, {{2, 1}, {4, 1}, {4, 3}, {2, 3}}));
    bin.lines.push_back(ring(2, {{5, 7}, {9, 7}, {9, 9.5}, {5, 9.5}}));
    bin.lines.push_back(ring(3, {{6, 8}, {7, 8}, {7, 9}, {6, 9}}));
    const std::vector<ShoreBin> bins{bin};
    const MapFrame frame = frame_for(Box{-2, 0, 10, 10}, 600);  // 2° west of the bin: no bin there
    const RgbPicture picture = render_basemap(frame, bins);
    REQUIRE(picture.width == frame.width);
    REQUIRE(picture.height == frame.height);
    REQUIRE(picture.pixels.size() == static_cast<std::size_t>(frame.width) * frame.height * 3);

    const auto at = [&](double lon, double lat) {
      const Point p = frame.to_map({lon, lat});
      return picture.at(static_cast<int>(p.x), static_cast<int>(p.y));
    };
    const auto level = [&](double lon, double lat) { return shore_level(frame, bins, frame.to_map({lon, lat})); };
    CHECK(level(1, 1) == 0);
    CHECK(at(1, 1) == kColours.sea);
    CHECK(level(3, 2) == 1);  // the island
    CHECK(at(3, 2) == kColours.land);
    CHECK(level(8, 6) == 1);
    CHECK(at(8, 6) == kColours.land);
    CHECK(level(8, 7.5) == 2);  // the lake
    CHECK(at(5.5, 9) == kColours.lake);
    CHECK(level(6.5, 8.5) == 3);  // the island in the lake
    CHECK(at(6.5, 8.5) == kColours.land);
    CHECK(level(-1, 5) == -1);  // no bin
    CHECK(at(-1, 5) == kColours.sea);
    // The coast is antialiased: a pixel it crosses is neither sea nor land but between them.
    const Point coast = frame.to_map({7, 5.0 + 0.5 * 3 / 6});
    bool between = false;
    for (int dx = -2; dx <= 2; ++dx)
      for (int dy = -2; dy <= 2; ++dy) {
        const Rgb c = picture.at(static_cast<int>(coast.x) + dx, static_cast<int>(coast.y) + dy);
        between = between || (c.r > kColours.sea.r && c.r < kColours.land.r);
      }
    CHECK(between);

    // Other colours are used as given.
    BasemapColours mine;
    mine.lake = Rgb{0, 0, 255};
    CHECK(render_basemap(frame, bins, mine).at(static_cast<int>(frame.to_map({5.5, 9}).x),
                                               static_cast<int>(frame.to_map({5.5, 9}).y)) == Rgb{0, 0, 255});
  }

  TEST_CASE("GSHHG's corner levels agree with its shorelines in every bin from Iberia to the Caspian") {
    if (!have_gshhg()) return;
    const Box box{-10, 30, 50, 60};
    const auto bins = read_gshhg_shore_bins(gshhg_file(kGshhgDir, Layer::shore, 'i'), box);
    REQUIRE(bins.size() >= 12 * 6);
    const MapFrame frame = frame_for(box, 6000);
    int checked = 0;
    for (const ShoreBin& bin : bins) {
      // Just inside each corner, by the walk from the south-west corner.
      const double e = 1e-4;
      const LonLat near[4] = {{bin.box.west + e, bin.box.south + e}, {bin.box.east - e, bin.box.south + e},
                              {bin.box.east - e, bin.box.north - e}, {bin.box.west + e, bin.box.north - e}};
      for (int k = 0; k < 4; ++k) {
        CAPTURE(bin.box.west);
        CAPTURE(bin.box.south);
        CAPTURE(k);
        CHECK(shore_level(frame, bins, frame.to_map(near[k])) == bin.corners[static_cast<std::size_t>(k)]);
        ++checked;
      }
    }
    CHECK(checked == static_cast<int>(4 * bins.size()));
  }

  TEST_CASE("Ancient Thrace: the seas are sea, the lakes lakes, the islands and the inland towns land") {
    if (!have_gshhg()) return;
    const Box thrace{21.0, 39.8, 30.3, 44.6};  // the demo pack's map.toml
    const auto bins = read_gshhg_shore_bins(gshhg_file(kGshhgDir, Layer::shore, 'i'), thrace);
    const MapFrame frame = frame_for(thrace, 6131);
    const RgbPicture picture = render_basemap(frame, bins);
    REQUIRE(picture.width == 6131);
    struct Sample {
      const char* name;
      LonLat at;
      Rgb colour;
    };
    const Sample samples[] = {
        {"the Black Sea off Varna", {28.2, 43.2}, kColours.sea},
        {"the Black Sea off the Danube delta", {30.2, 44.5}, kColours.sea},
        {"the Aegean", {24.5, 40.2}, kColours.sea},
        {"the Sea of Marmara", {28.0, 40.75}, kColours.sea},
        {"Sofia", {23.3219, 42.6977}, kColours.land},
        {"Plovdiv", {24.7453, 42.1354}, kColours.land},
        {"Edirne", {26.5557, 41.6771}, kColours.land},
        {"Bursa", {29.06, 40.19}, kColours.land},
        {"Lake Iznik", {29.52, 40.43}, kColours.lake},
        {"Lake Uluabat", {28.60, 40.17}, kColours.lake},
        {"Thasos", {24.65, 40.68}, kColours.land},
        {"Samothrace", {25.53, 40.47}, kColours.land},
        {"Lemnos", {25.15, 39.95}, kColours.land},
        {"Marmara island", {27.61, 40.62}, kColours.land},
    };
    for (const Sample& s : samples) {
      CAPTURE(s.name);
      const Point p = frame.to_map(s.at);
      CHECK(text(picture.at(static_cast<int>(p.x), static_cast<int>(p.y))) == text(s.colour));
    }
    // The lakes are lakes, not sea that the colours happen to share.
    CHECK(shore_level(frame, bins, frame.to_map({29.52, 40.43})) == 2);
    CHECK(shore_level(frame, bins, frame.to_map({28.60, 40.17})) == 2);
    CHECK(shore_level(frame, bins, frame.to_map({28.2, 43.2})) == 0);
  }
}
