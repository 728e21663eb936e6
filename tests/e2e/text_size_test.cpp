// The three text sizes on the real kiosk, headless: at normal, large and largest, in a landscape
// 16:9 window, a portrait one and a 1280x800 one, every visitor screen (home, collection, item,
// viewer, search with its keyboard and results, timeline, map and its list of objects, about)
// keeps every tap target inside the window and apart from every other, while the text it draws
// grows. One kiosk run per window shape (the three side by side) walks all the screens at each
// size ("Aa" tapped between).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "kiosk.h"

using namespace orpheus;
using e2e::Json;
using e2e::state;
using e2e::tap;

namespace {

// The screens walked at each text size: the state dump's name, the steps that lead there from
// the one before. `layer`: where a panel covers the screen, only the targets named so are on top
// (those registered before it lie under its scrim, out of reach).
struct Stop {
  std::string name;
  std::vector<std::string> steps;
  std::string layer;
};

const std::vector<Stop>& stops() {
  static const std::vector<Stop> all{
      {"home", {}, ""},
      {"collection", {tap("collection.panagyurishte")}, ""},
      {"item", {tap("item.panagyurishte-amphora-rhyton")}, ""},
      {"viewer", {tap("item.image")}, ""},
      // The search screen keeps its query while the visitor is here: cleared for each size.
      {"search", {tap("viewer.close"), tap("nav.home"), tap("open.search"), tap("search.field"), tap("key.clear")}, ""},
      {"search-results", {R"({"type": "horseman"})"}, ""},
      {"timeline", {tap("nav.home"), tap("open.timeline")}, ""},
      {"map", {tap("nav.home"), tap("open.map")}, ""},
      // The treasure's seven objects share one find-spot: near it, its count lists them.
      {"map-list",
       {tap("nav.home"), tap("collection.panagyurishte"), tap("item.panagyurishte-amphora-rhyton"), tap("item.show_on_map"),
        tap("map.cluster.panagyurishte-amphora-rhyton")},
       "map.list."},
      {"about", {tap("map.list.close"), tap("nav.home"), tap("open.about")}, ""},
  };
  return all;
}

const char* const kSizes[] = {"normal", "large", "largest"};

}  // namespace

TEST_SUITE("Text sizes") {
  TEST_CASE("At every text size and window shape, every screen's targets lie inside the window, none over another, and the text grows") {
    // The three window shapes run side by side (a third of the time on two cores).
    struct Shape {
      int width, height;
      test::TempDir dir{};
      pid_t pid = -1;
      int exit_code = -1;
    };
    Shape shapes[] = {{1920, 1080}, {1080, 1920}, {1280, 800}};
    test::use_headless_environment();
    for (Shape& sh : shapes) {
      std::vector<std::string> lines{e2e::kCoarseFrames, R"({"t_ms": 100, "tap_target": "lang.en"})"};
      for (int size = 0; size < 3; ++size) {
        if (size > 0) lines.insert(lines.end(), {tap("nav.home"), tap("text.size")});
        for (const Stop& stop : stops()) {
          lines.insert(lines.end(), stop.steps.begin(), stop.steps.end());
          lines.push_back(state(stop.name + "-" + kSizes[size] + ".json"));
        }
      }
      lines.push_back(R"({"quit": true})");
      const std::string dir = sh.dir.path().string();
      sh.pid = test::spawn(e2e::with_default_kiosk_args({ORPHEUS_KIOSK, "--windowed",
                                                         std::to_string(sh.width) + "x" + std::to_string(sh.height), "--pack",
                                                         ORPHEUS_DEMO_PACK, "--replay", e2e::write_script(dir, e2e::timed(lines))}),
                           dir + "/stderr.txt");
    }
    for (Shape& sh : shapes) sh.exit_code = test::wait_exit(sh.pid, 240);

    for (const Shape& sh : shapes) {
      const int width = sh.width, height = sh.height;
      const std::string shape = std::to_string(width) + "x" + std::to_string(height);
      CAPTURE(shape);
      const std::string dir = sh.dir.path().string();
      INFO("kiosk stderr:\n" << test::read_text(dir + "/stderr.txt"));
      REQUIRE(sh.exit_code == 0);
      const auto dump = [&dir](const std::string& name) {
        const auto text = test::read_text(dir + "/" + name);
        REQUIRE_MESSAGE(!text.empty(), "no state dump " << name);
        return Json::parse(text);
      };

      std::map<std::string, float> body_px;  // per screen, at the size before
      for (int size = 0; size < 3; ++size) {
        const std::string size_name = kSizes[size];
        CAPTURE(size_name);
        for (const Stop& stop : stops()) {
          CAPTURE(stop.name);
          const Json s = dump(stop.name + "-" + kSizes[size] + ".json");
          REQUIRE(s["text_size"] == kSizes[size]);
          CHECK(s["window"]["width"] == width);
          CHECK(s["window"]["height"] == height);
          // The screen asked for, with something to tap.
          const std::string screen = stop.name.substr(0, stop.name.find('-'));
          CHECK(s["screen"] == screen);
          CHECK(e2e::check_targets(s, stop.layer, width, height) >= 2);
          // The text drawn grows with each step: largest body text at least half as big again.
          const float body = s["font_px"]["body"];
          CHECK(body > 0);
          if (size > 0) {
            CHECK(body > body_px[stop.name] * 1.1f);
            if (size == 2) CHECK(s["font_px"]["ui"].get<float>() > dump(stop.name + "-normal.json")["font_px"]["ui"].get<float>());
            if (size == 2) CHECK(body >= dump(stop.name + "-normal.json")["font_px"]["body"].get<float>() * 1.5f);
          }
          body_px[stop.name] = body;
        }
      }
    }
  }
}
