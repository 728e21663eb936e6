// Reach mode on the real kiosk, headless: with the screen mounted so that the reach line
// (reach.reach_mm above the floor) crosses the window, the visitor's "reach" toggle pulls every
// screen into the window's lower part. In a landscape 16:9 window, a portrait one and a 1280x800
// one, every visitor screen (home, collection, item, viewer, search with its keyboard and results,
// timeline, map, about) has every tap target at or below the reach line and inside
// the window; taps by name (window coordinates, as the state dump gives them) open what they name;
// reach mode stays on from screen to screen, the screenshots show the screens in the lower part and
// nothing above it, and the idle reset turns it off. One kiosk run per window shape.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk.h"

using namespace orpheus;
using e2e::Json;
using e2e::shot;
using e2e::state;
using e2e::tap;
namespace fs = std::filesystem;

namespace {

constexpr float kDpi = 96, kMm = kDpi / 25.4f;
constexpr float kScreenBottomMm = 1060, kReachMm = 1220;  // 160 mm of the screen within reach

// The screens walked in reach mode: the state dump's name, the steps that lead there from the one
// before; `layer`: only the targets named so are on top (a panel's scrim covers the rest). The map's
// list of a badge is left out: in the shorter area a badge's first tap may zoom rather than list.
struct Stop {
  std::string name;
  std::vector<std::string> steps;
  std::string layer;
  bool shot = false;
};

const std::vector<Stop>& stops() {
  static const std::vector<Stop> all{
      {"home", {tap("reach")}, "", true},
      {"collection", {tap("collection.panagyurishte")}, ""},
      {"item", {tap("item.panagyurishte-amphora-rhyton")}, "", true},
      {"viewer", {tap("item.image")}, "", true},
      {"search", {tap("viewer.close"), tap("nav.home"), tap("open.search")}, ""},
      {"search-results", {R"({"type": "horseman"})"}, ""},
      {"timeline", {tap("nav.home"), tap("open.timeline")}, ""},
      {"map", {tap("nav.home"), tap("open.map")}, ""},
      {"about", {tap("nav.home"), tap("open.about")}, ""},
  };
  return all;
}

// RGB of a pixel of a screenshot (window coordinates, top-left origin).
std::array<int, 3> pixel(const media::Image& img, int x, int y) {
  const auto* p = &img.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) + static_cast<std::size_t>(x)) *
                              static_cast<std::size_t>(img.channels)];
  return {p[0], p[1], p[2]};
}

}  // namespace

TEST_SUITE("Reach mode") {
  TEST_CASE("Every screen's targets at or below the reach line at every window shape; taps open what they name; the idle reset ends it") {
    const char* keep = std::getenv("ORPHEUS_REACH_SHOTS");  // a folder to keep the screenshots in
    for (const auto& [width, height] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1280, 800}}) {
      const std::string shape = std::to_string(width) + "x" + std::to_string(height);
      CAPTURE(shape);
      const float h = static_cast<float>(height);
      // What touch/reach.h must give: the line from the mounting, the area under it, at most
      // kReachMaxShare of the window, at least kReachMinMm.
      const float line = h - (kReachMm - kScreenBottomMm) * kMm;
      const float area = std::max(std::min((kReachMm - kScreenBottomMm) * kMm, h * 0.62f), 150 * kMm);
      const float top = h - area;
      REQUIRE(top >= line);

      test::TempDir config_dir;
      const fs::path config = config_dir.path() / "kiosk.toml";
      std::ofstream(config) << "[content]\nrequire_signature = false\n[display]\ndpi = " << kDpi
                            << "\n[session]\nidle_timeout = 30\nattract_timeout = 0\nlanguages = [\"bg\", \"en\"]\n"
                            << "[reach]\nscreen_bottom_mm = " << kScreenBottomMm << "\nreach_mm = " << kReachMm << "\n";
      std::vector<std::string> lines{R"({"t_ms": 100, "tap_target": "lang.en"})", state("off.json")};
      for (const Stop& stop : stops()) {
        lines.insert(lines.end(), stop.steps.begin(), stop.steps.end());
        lines.push_back(state(stop.name + ".json"));
        if (stop.shot) lines.push_back(shot(stop.name + ".png"));
      }
      lines.push_back(tap("nav.home"));
      lines.push_back(tap("contrast"));
      lines.push_back(shot("home-contrast.png"));
      lines.push_back(R"({"t_ms": 100000, "state": "$DIR/reset.json"})");  // idle for over 30 s
      lines.push_back(R"({"quit": true})");
      const auto run = e2e::run_kiosk(e2e::timed(lines), ORPHEUS_DEMO_PACK, {"--windowed", shape, "--config", config.string()});
      INFO("kiosk stderr:\n" << run.result.err);
      REQUIRE(run.result.exit_code == 0);
      if (keep) {
        fs::create_directories(keep);
        for (const auto& e : fs::directory_iterator(run.dir))
          if (e.path().extension() == ".png")
            fs::copy_file(e.path(), fs::path(keep) / ("reach-" + shape + "-" + e.path().filename().string()),
                          fs::copy_options::overwrite_existing);
      }

      const Json off = run.state("off.json");
      CHECK(off["reach"]["on"] == false);
      CHECK(off["reach"]["top_px"] == 0);
      CHECK(off["reach"]["line_px"].get<float>() == doctest::Approx(line).epsilon(0.001));
      // Off, the top bar's controls (the toggle itself) are higher up than in reach mode.
      CHECK(e2e::target_center(off, "reach").second < line);

      for (const Stop& stop : stops()) {
        CAPTURE(stop.name);
        const Json s = run.state(stop.name + ".json");
        const std::string screen = stop.name.substr(0, stop.name.find('-'));
        CHECK(s["screen"] == screen);  // the taps by name opened what they name
        CHECK(s["reach"]["on"] == true);
        CHECK(s["reach"]["top_px"].get<float>() == doctest::Approx(top).epsilon(0.001));
        std::size_t counted = 0;
        std::vector<std::array<float, 4>> boxes;
        std::vector<std::string> names;
        for (const auto& t : s["targets"]) {
          const std::string name = t["name"];
          if (!stop.layer.empty() && name.rfind(stop.layer, 0) != 0) continue;
          CAPTURE(name);
          const float x = t["x"], y = t["y"], w = t["w"], th = t["h"];
          CHECK(y >= line - 0.5f);  // nothing a visitor must touch above the reach line
          CHECK(y >= top - 0.5f);
          CHECK(x >= -0.5f);
          CHECK(x + w <= static_cast<float>(width) + 0.5f);
          CHECK(y + th <= h + 0.5f);
          // None over another (a key under a clipped chip would lose its taps to it).
          for (std::size_t i = 0; i < boxes.size(); ++i) {
            const float ox = std::min(boxes[i][2], x + w) - std::max(boxes[i][0], x);
            const float oy = std::min(boxes[i][3], y + th) - std::max(boxes[i][1], y);
            if (ox > 0.5f && oy > 0.5f) FAIL_CHECK(name << " overlaps " << names[i]);
          }
          boxes.push_back({x, y, x + w, y + th});
          names.push_back(name);
          ++counted;
        }
        CHECK(counted >= 2);
      }
      // The search screen in reach mode still shows its keyboard and its results.
      CHECK(e2e::has_target(run.state("search.json"), "key.a"));
      CHECK_FALSE(run.state("search-results.json")["search"]["results"].empty());

      // What is drawn is where the dump says: the toggle (highlighted: gold) at its target, and
      // above the area only the background (the arrow and the line aside).
      for (const char* name : {"home", "item", "viewer"}) {
        CAPTURE(name);
        const auto img = run.screenshot(std::string(name) + ".png");
        REQUIRE(img.width == width);
        REQUIRE(img.height == height);
        const auto bg = pixel(img, 2, 2);
        for (int y = 2; y < static_cast<int>(top) - 4; y += 7)
          for (int x = 2; x < width - 2; x += 7) {
            if (std::abs(x - width / 2) < 40) continue;  // the arrow
            if (pixel(img, x, y) != bg) {
              FAIL_CHECK("above the reach area at " << x << "," << y << " something is drawn");
              x = width;
              y = height;
            }
          }
        if (std::string(name) == "home") {
          const Json s = run.state("home.json");
          for (const auto& t : s["targets"])
            if (t["name"] == "reach") {
              const auto gold = pixel(img, static_cast<int>(t["x"].get<float>() + 4), static_cast<int>(t["y"].get<float>() + t["h"].get<float>() / 2));
              CHECK(gold[0] > 150);  // the accent, not the background
              CHECK(gold[2] < gold[0] - 50);
            }
        }
      }
      CHECK(e2e::contrast(run.screenshot("viewer.png")) > 10);

      const Json reset = run.state("reset.json");
      CHECK(reset["screen"] == "home");
      CHECK(reset["reach"]["on"] == false);
      CHECK(reset["reach"]["top_px"] == 0);
      CHECK(reset["high_contrast"] == false);
      CHECK(e2e::target_center(reset, "reach").second < line);
    }
  }
}
