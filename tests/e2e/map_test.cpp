// The map on the real kiosk, headless, as a visitor uses it: opened from home, pinched in on the
// Valley of the Thracian Kings, an object opened from its pin and Back to the same view, a count
// of objects found at one spot listed, then "show on the map" from an object: centred on it,
// highlighted. In Bulgarian and English, landscape and portrait. And the accuracy of what is drawn:
// pins and places against the coast and border data, at the closest zoom. The replays run at 20
// frames a second of virtual time (e2e::kCoarseFrames): the checks are on where the views come to rest.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "catalog/catalog.h"
#include "geo/gshhg.h"
#include "geo/projection.h"
#include "geo/simplify.h"
#include "kiosk.h"
#include "support/synthetic_pack.h"
#include "support/temp_dir.h"

using namespace orpheus;
using e2e::Json;
using e2e::tap;
using e2e::state;
using e2e::shot;

namespace {

std::string pinch(float cx, float cy) {
  return R"({"pinch": [)" + std::to_string(cx) + ", " + std::to_string(cy) + R"(, 100, 500], "ms": 300})";
}

const Json& mp(const Json& s) { return s["map"]; }

// Web Mercator written out again (not geo::project): y of latitude `lat` in units of the
// sphere's radius, north up.
double mercator_y(double lat) { return -std::log(std::tan(std::numbers::pi / 4 + lat * std::numbers::pi / 360)); }

// Where a state dump of the map puts (lon, lat) in the window: from its region, picture size,
// origin and scale alone.
std::pair<double, double> screen_of(const Json& s, double lon, double lat) {
  const Json& m = mp(s);
  const double west = m["region"][0], south = m["region"][1], east = m["region"][2], north = m["region"][3];
  const double w = m["map_size"][0], h = m["map_size"][1], scale = m["scale"];
  const double x = (lon - west) / (east - west) * w;
  const double y = (mercator_y(lat) - mercator_y(north)) / (mercator_y(south) - mercator_y(north)) * h;
  return {m["origin"][0].get<double>() + x * scale, m["origin"][1].get<double>() + y * scale};
}

const Json* marker_of(const Json& s, const std::string& slug) {
  for (const auto& k : mp(s)["markers"])
    for (const auto& i : k["items"])
      if (i == slug) return &k;
  return nullptr;
}

std::size_t items_in_markers(const Json& s) {
  std::size_t n = 0;
  for (const auto& k : mp(s)["markers"]) n += k["items"].size();
  return n;
}

const catalog::Item& item_named(const catalog::Snapshot& snap, const std::string& slug) {
  const auto it = std::find_if(snap.items.begin(), snap.items.end(), [&](const catalog::Item& i) { return i.slug == slug; });
  REQUIRE(it != snap.items.end());
  return *it;
}

struct Setting {
  const char* lang;
  int width, height;
};

constexpr double kValleyLat = 42.66, kValleyLon = 25.36;  // the Valley of the Thracian Kings, Kazanlak to Shipka

}  // namespace

TEST_SUITE("Map") {
  TEST_CASE("Pinch in on the Valley of the Thracian Kings, open a pin, Back to the same view; list one spot; show an object on the map") {
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    REQUIRE(snapshot->map.present());
    const auto located = static_cast<std::size_t>(
        std::count_if(snapshot->items.begin(), snapshot->items.end(), [](const catalog::Item& i) { return i.latitude.has_value(); }));
    for (const Setting s : {Setting{"en", 1920, 1080}, Setting{"bg", 1080, 1920}, Setting{"bg", 1920, 1080}}) {
      const std::string lang = s.lang;
      CAPTURE(lang);
      CAPTURE(s.width);
      const std::string size = std::to_string(s.width) + "x" + std::to_string(s.height);
      const std::vector<std::string> extra{"--windowed", size};
      const std::vector<std::string> open{e2e::kCoarseFrames, R"({"t_ms": 100, "tap_target": "lang.)" + std::string(s.lang) + R"("})",
                                          tap("open.map"), state("whole.json"), shot("whole.png")};
      auto first = open;
      first.push_back(R"({"quit": true})");
      const auto whole_run = e2e::run_kiosk(e2e::timed(first), ORPHEUS_DEMO_PACK, extra);
      INFO("kiosk stderr:\n" << whole_run.result.err);
      REQUIRE(whole_run.result.exit_code == 0);
      const Json whole = whole_run.state("whole.json");
      REQUIRE(whole["screen"] == "map");
      REQUIRE(mp(whole)["present"] == true);
      CHECK(mp(whole)["layouts_ready"] == true);
      // It opens on every object, as close as that allows (a portrait screen shows the region's middle).
      CHECK(mp(whole)["scale"].get<double>() >= mp(whole)["fit_scale"].get<double>());
      CHECK(!e2e::has_target(whole, "map.all"));
      CHECK(mp(whole)["located"] == located);
      CHECK(mp(whole)["unlocated"] == snapshot->items.size() - located);
      CHECK(items_in_markers(whole) == located);  // every object once, alone or counted
      CHECK(mp(whole)["markers"].size() < located);  // ... and some counted together
      CHECK(mp(whole)["lines_drawn"].get<int>() > 10);
      CHECK(mp(whole)["labels"].size() >= 3);  // the largest towns named
      CHECK(e2e::contrast(whole_run.screenshot("whole.png")) > 10);
      // Pins and labels where their coordinates are (to a pixel).
      for (const auto& k : mp(whole)["markers"]) {
        if (k["items"].size() != 1) continue;
        const auto& item = item_named(*snapshot, k["items"][0]);
        const auto [x, y] = screen_of(whole, *item.longitude, *item.latitude);
        CHECK(std::abs(k["x"].get<double>() - x) < 1);
        CHECK(std::abs(k["y"].get<double>() - y) < 1);
      }

      // Three pinches about the valley: its tombs come apart.
      const auto [kx, ky] = screen_of(whole, kValleyLon, kValleyLat);
      auto zoomed = open;
      float cx = static_cast<float>(kx), cy = static_cast<float>(ky);
      for (int i = 0; i < 3; ++i) zoomed.push_back(pinch(cx, cy));
      zoomed.insert(zoomed.end(), {state("zoomed.json"), shot("zoomed.png"), R"({"quit": true})"});
      const auto zoomed_run = e2e::run_kiosk(e2e::timed(zoomed), ORPHEUS_DEMO_PACK, extra);
      REQUIRE(zoomed_run.result.exit_code == 0);
      const Json in = zoomed_run.state("zoomed.json");
      CHECK(mp(in)["km_across"].get<double>() < 120);
      const auto [vx, vy] = screen_of(in, kValleyLon, kValleyLat);
      CHECK(std::abs(vx - kx) < 3);  // a pinch keeps the point under the fingers
      CHECK(std::abs(vy - ky) < 3);
      std::vector<std::string> singles;
      for (const auto& k : mp(in)["markers"])  // single pins well inside the map
        if (k["items"].size() == 1 && k["x"].get<double>() > 100 && k["x"].get<double>() < s.width - 100 &&
            k["y"].get<double>() > 200 && k["y"].get<double>() < s.height - 200)
          singles.push_back(k["items"][0]);
      REQUIRE(singles.size() >= 2);  // the tombs at Shipka and Kazanlak, pins of their own
      CHECK(e2e::contrast(zoomed_run.screenshot("zoomed.png")) > 10);

      // The same steps again (replays are exact), then a pin, Back; then home, and from another
      // object "show on the map", in the same run.
      const std::string opened = singles.front(), other = singles.back();
      const auto& target = item_named(*snapshot, other);
      auto visit = zoomed;
      visit.pop_back();
      visit.insert(visit.end(), {tap("map.item." + opened), state("item.json"), tap("nav.back"), state("back.json"),
                                 tap("nav.home"), state("home.json"),
                                 tap("collection." + snapshot->find_collection(target.collection_id)->slug), tap("item." + other),
                                 tap("item.show_on_map"), state("shown.json"), shot("shown.png"), tap("nav.back"),
                                 state("left.json"), R"({"quit": true})"});
      const auto visit_run = e2e::run_kiosk(e2e::timed(visit), ORPHEUS_DEMO_PACK, extra);
      INFO("kiosk stderr:\n" << visit_run.result.err);
      REQUIRE(visit_run.result.exit_code == 0);
      const Json item = visit_run.state("item.json");
      CHECK(item["screen"] == "item");
      CHECK(item["item"]["slug"] == opened);
      const Json back = visit_run.state("back.json");
      CHECK(back["screen"] == "map");
      CHECK(mp(back)["scale"].get<double>() == doctest::Approx(mp(in)["scale"].get<double>()));
      CHECK(mp(back)["origin"][0].get<double>() == doctest::Approx(mp(in)["origin"][0].get<double>()).epsilon(1e-4));
      CHECK(mp(back)["origin"][1].get<double>() == doctest::Approx(mp(in)["origin"][1].get<double>()).epsilon(1e-4));

      // Objects found at one spot (the Panagyurishte treasure) never come apart: their count lists them.
      std::string spot;
      std::size_t spot_count = 0;
      for (const auto& k : mp(whole)["markers"]) {
        if (k["items"].size() < 2) continue;
        const auto& a = item_named(*snapshot, k["items"][0]);
        if (std::all_of(k["items"].begin(), k["items"].end(), [&](const Json& slug) {
              const auto& b = item_named(*snapshot, slug);
              return b.latitude == a.latitude && b.longitude == a.longitude;
            })) {
          spot = k["target"];
          spot_count = k["items"].size();
        }
      }
      REQUIRE(!spot.empty());
      auto list = open;
      list.insert(list.end(), {tap(spot), state("list.json"), tap("map.list.close"), state("closed.json"), R"({"quit": true})"});
      const auto list_run = e2e::run_kiosk(e2e::timed(list), ORPHEUS_DEMO_PACK, extra);
      INFO("kiosk stderr:\n" << list_run.result.err);
      REQUIRE(list_run.result.exit_code == 0);
      CHECK(mp(list_run.state("list.json"))["list"] == spot_count);
      CHECK(mp(list_run.state("closed.json"))["list"] == 0);

      // From an object (home first: the visit starts over, in the language chosen): the map centred
      // on it, highlighted, a pin of its own; Back returns to the object.
      CHECK(visit_run.state("home.json")["screen"] == "home");
      CHECK(visit_run.state("home.json")["depth"] == 1);
      const Json centred = visit_run.state("shown.json");
      REQUIRE(centred["screen"] == "map");
      CHECK(mp(centred)["highlight"] == other);
      const Json* pin = marker_of(centred, other);
      REQUIRE(pin != nullptr);
      CHECK((*pin)["items"].size() == 1);
      const auto [px, py] = screen_of(centred, *target.longitude, *target.latitude);
      CHECK(px == doctest::Approx(s.width / 2.0).epsilon(0.05));
      CHECK(e2e::contrast(visit_run.screenshot("shown.png")) > 10);
      CHECK(visit_run.state("left.json")["screen"] == "item");
    }
  }

  TEST_CASE("Objects without a find-spot are counted and have no \"show on the map\"") {
    test::TempDir dir;
    const std::string pack = (dir.path() / "unlocated.db").string();
    test::make_map_pack(ORPHEUS_DEMO_PACK, pack, 0, 3);
    const auto snapshot = catalog::load_snapshot(pack);
    const auto located = static_cast<std::size_t>(
        std::count_if(snapshot->items.begin(), snapshot->items.end(), [](const catalog::Item& i) { return i.latitude.has_value(); }));
    const auto unlocated = std::find_if(snapshot->items.begin(), snapshot->items.end(),
                                        [](const catalog::Item& i) { return !i.latitude; });
    REQUIRE(unlocated != snapshot->items.end());
    // One run: the map, then home and an object without a find-spot.
    const auto run = e2e::run_kiosk(
        e2e::timed({e2e::kCoarseFrames, R"({"t_ms": 100, "tap_target": "lang.en"})", tap("open.map"), state("whole.json"),
                    tap("nav.home"), tap("collection." + snapshot->find_collection(unlocated->collection_id)->slug),
                    tap("item." + unlocated->slug), state("item.json"), R"({"quit": true})"}),
        pack);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const Json whole = run.state("whole.json");
    CHECK(mp(whole)["unlocated"] == snapshot->items.size() - located);
    CHECK(mp(whole)["unlocated"].get<int>() >= 3);
    CHECK(items_in_markers(whole) == located);
    const Json item = run.state("item.json");
    REQUIRE(item["item"]["slug"] == unlocated->slug);
    CHECK(std::none_of(item["targets"].begin(), item["targets"].end(), [](const Json& t) { return t["name"] == "item.show_on_map"; }));
  }

  // At the closest zoom (40 km across a 1920 px screen at 96 dpi, as the screen sets it), a pin and
  // the coasts and borders drawn around it stand where the coordinates and GSHHG put them: for
  // each known place and find-spot, the nearest coast or border point of the data, placed on screen
  // by its true offset from the pin (Mercator written out again here), lies within 2 mm of a line
  // the pack draws.
  TEST_CASE("Accuracy: pins and places within 2 mm of the coast and border data at the closest zoom") {
    if (!std::filesystem::exists(geo::gshhg_file(geo::kGshhgDir, geo::Layer::shore, 'h'))) {
      MESSAGE("skipped: GSHHG is not installed (Debian's gmt-gshhg-high)");
      return;
    }
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const catalog::MapInfo& map = snapshot->map;
    REQUIRE(map.present());
    REQUIRE(!map.details.empty());
    const geo::Box& region = map.frame.region;
    const double mid_lat = (region.north + region.south) / 2;
    const double closest = 1920 * map.frame.metres_per_pixel(mid_lat) / 40000;  // screen px per map px
    const double mm = 96 / 25.4;
    std::vector<std::pair<std::string, geo::LonLat>> spots = {
        {"Sofia", {23.3219, 42.6977}},    {"Plovdiv", {24.7453, 42.1354}},  {"Varna", {27.9147, 43.2141}},
        {"Burgas", {27.4626, 42.5048}},   {"Kazanlak", {25.3989, 42.6194}}, {"Istanbul", {28.9784, 41.0082}},
        {"Thessaloniki", {22.9444, 40.6401}}};
    for (const auto& item : snapshot->items)
      if (item.latitude) spots.push_back({item.slug, {*item.longitude, *item.latitude}});
    std::vector<geo::Line> data;
    for (const auto layer : {geo::Layer::shore, geo::Layer::border}) {
      auto lines = geo::read_gshhg(geo::gshhg_file(geo::kGshhgDir, layer, 'h'), layer, region);
      data.insert(data.end(), lines.begin(), lines.end());
    }
    const auto& finest = map.details.front();
    for (const auto& [name, at] : spots) {
      CAPTURE(name);
      // The data's nearest coast or border point.
      geo::LonLat nearest{};
      double best = INFINITY;
      for (const auto& line : data)
        for (const auto& p : line.points)
          if (region.contains(p))
            if (const double d = geo::distance_km(at, p); d < best) {
              best = d;
              nearest = p;
            }
      REQUIRE(best < 200);
      // Its true offset from the pin, in map px (Mercator written out again), added to the pin as drawn.
      const geo::Point pin = map.frame.to_map(at);
      const double west = region.west, east = region.east;
      const double dx = (nearest.lon - at.lon) / (east - west) * map.frame.width;
      const double dy = (mercator_y(nearest.lat) - mercator_y(at.lat)) /
                        (mercator_y(region.south) - mercator_y(region.north)) * map.frame.height;
      const geo::Metres truth{pin.x + dx, pin.y + dy};
      double off = INFINITY;  // to the lines drawn at the closest zoom, in map px
      for (const auto& line : finest.lines)
        for (std::size_t i = 0; i + 3 < line.xy.size(); i += 2)
          off = std::min(off, geo::segment_distance(truth, {line.xy[i], line.xy[i + 1]}, {line.xy[i + 2], line.xy[i + 3]}));
      CHECK(off * closest < 2 * mm);
    }
  }
}
