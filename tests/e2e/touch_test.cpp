// Touch on the real binary, headless, through replay scripts: kinetic scrolling of a 200-item
// grid, swipes that never open what they start on, the item pager, pinch and double-tap zoom
// in the viewer, and recordings that replay to the same state.
#include <cmath>
#include <fstream>

#include "catalog/catalog.h"
#include "kiosk.h"
#include "support/synthetic_pack.h"

using namespace orpheus;
using namespace orpheus::e2e;

namespace {

std::string at(double t, const std::string& step) { return R"({"t_ms": )" + std::to_string(t) + ", " + step + "}"; }
std::string xy(float x, float y) { return std::to_string(x) + ", " + std::to_string(y); }

// The demo pack plus a 200-item collection "grid-200", made once per test run.
const std::string& grid_pack() {
  static test::TempDir dir;
  static const std::string path = [] {
    const std::string p = dir.path().string() + "/grid.db";
    test::make_grid_pack(ORPHEUS_DEMO_PACK, p, {200});
    return p;
  }();
  return path;
}

// The demo item with the largest image (the 8000 x 6000 amphora-rhyton).
const catalog::Item& largest_image_item(const catalog::Snapshot& snap) {
  const catalog::Item* best = &snap.items.front();
  for (const auto& item : snap.items)
    if (!item.media.empty() && (best->media.empty() || item.media[0].width > best->media[0].width)) best = &item;
  return *best;
}

// The parts of a state dump that a replay must reproduce exactly.
Json essentials(const Json& s) {
  Json out;
  for (const char* key : {"screen", "language", "collection", "item", "media_index", "scroll", "depth", "viewer", "pager_offset"})
    if (s.contains(key)) out[key] = s[key];
  return out;
}

}  // namespace

TEST_SUITE("Touch on the real kiosk") {
  TEST_CASE("A flick on a 200-item grid scrolls on after the finger lifts and comes to rest") {
    const auto run = run_kiosk({at(100, R"("tap_target": "collection.grid-200")"),
                                R"({"state": "$DIR/before.json"})",
                                at(1000, R"("drag": [960, 900, 960, 600], "ms": 100)"),  // 300 px in 0.1 s
                                R"({"state": "$DIR/flicked.json"})",
                                at(20000, R"("state": "$DIR/later.json")"),
                                R"({"quit": true})"},
                               grid_pack());
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    CHECK(run.state("before.json")["scroll"] == 0);
    const float flicked = run.state("flicked.json")["scroll"];
    CHECK(flicked > 600);     // the finger moved 300 px; the fling carried the list further
    CHECK(flicked < 6000);    // ...and decayed
    CHECK(run.state("later.json")["scroll"] == flicked);  // at rest: nothing moved since
    CHECK(run.state("flicked.json")["screen"] == "collection");
  }

  TEST_CASE("The list follows the finger 1:1, and a finger that rests before lifting leaves it there") {
    std::vector<std::string> script{at(100, R"("tap_target": "collection.grid-200")"), at(1000, R"("finger_down": [5, 960, 900])")};
    for (int i = 1; i <= 50; ++i)  // 400 px up in 800 ms
      script.push_back(at(1000 + 16 * i, R"("finger_move": [5, 960, )" + std::to_string(900 - 8 * i) + "]"));
    script.push_back(R"({"state": "$DIR/held.json"})");  // the finger rests on the glass
    script.push_back(at(2200, R"("finger_up": [5, 960, 500])"));
    script.push_back(R"({"state": "$DIR/lifted.json"})");
    script.push_back(R"({"quit": true})");
    const auto run = run_kiosk(script, grid_pack());
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    CHECK(run.state("held.json")["scroll"] == 400);
    CHECK(run.state("lifted.json")["scroll"] == 400);
    CHECK(run.state("lifted.json")["screen"] == "collection");
  }

  TEST_CASE("A swipe that starts on a card does not open it; a tap does") {
    const auto probe = run_kiosk({at(100, R"("tap_target": "collection.grid-200")"), R"({"state": "$DIR/grid.json"})",
                                  R"({"quit": true})"},
                                 grid_pack());
    REQUIRE(probe.result.exit_code == 0);
    const auto [cx, cy] = target_center(probe.state("grid.json"), "item.grid-200-1");
    const auto run = run_kiosk({at(100, R"("tap_target": "collection.grid-200")"),
                                at(1000, R"("drag": [)" + xy(cx, cy) + ", " + xy(cx + 200, cy + 20) + R"(], "ms": 300)"),
                                at(1500, R"("drag": [)" + xy(cx, cy) + ", " + xy(cx, cy - 150) + R"(], "ms": 300)"),
                                R"({"state": "$DIR/swiped.json"})",
                                R"({"t_ms": 30000, "drag": [960, 200, 960, 900], "ms": 500})",  // back to the top
                                R"({"state": "$DIR/top.json"})",
                                at(40000, R"("tap": [)" + xy(cx, cy) + "]"),
                                R"({"state": "$DIR/tapped.json"})", R"({"quit": true})"},
                               grid_pack());
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    CHECK(run.state("swiped.json")["screen"] == "collection");
    CHECK(run.state("top.json")["scroll"] == 0);
    const auto tapped = run.state("tapped.json");
    CHECK(tapped["screen"] == "item");
    CHECK(tapped["item"]["slug"] == "grid-200-1");
  }

  TEST_CASE("A palm on the glass is ignored; up to --max-touches fingers are a gesture") {
    // Six fingers land on the grid, the first one slides 300 px up, all lift.
    std::vector<std::string> script{at(100, R"("tap_target": "collection.grid-200")")};
    for (int finger = 0; finger < 6; ++finger)
      script.push_back(at(1000 + finger, R"("finger_down": [)" + std::to_string(finger) + ", " + xy(700 + 80 * finger, 800) + "]"));
    for (int i = 1; i <= 20; ++i) script.push_back(at(1100 + 16 * i, R"("finger_move": [0, )" + xy(700, 800 - 15 * i) + "]"));
    for (int finger = 0; finger < 6; ++finger)
      script.push_back(at(1800 + finger, R"("finger_up": [)" + std::to_string(finger) + ", " + xy(700 + 80 * finger, finger ? 800 : 500) + "]"));
    script.push_back(R"({"state": "$DIR/after.json"})");
    script.push_back(at(3000, R"("tap_target": "item.grid-200-0")"));
    script.push_back(R"({"state": "$DIR/tapped.json"})");
    script.push_back(R"({"quit": true})");

    const auto palm = run_kiosk(script, grid_pack());  // default: more than 5 contacts are a palm
    INFO("kiosk stderr:\n" << palm.result.err);
    REQUIRE(palm.result.exit_code == 0);
    CHECK(palm.state("after.json")["scroll"] == 0);
    CHECK(palm.state("tapped.json")["screen"] == "item");  // the next touch works

    const auto fingers = run_kiosk(script, grid_pack(), {"--max-touches", "10"});
    REQUIRE(fingers.result.exit_code == 0);
    CHECK(fingers.state("after.json")["scroll"] > 100);  // a two-finger pan: the midpoint moved 150 px
    CHECK(fingers.state("after.json")["screen"] == "collection");
  }

  TEST_CASE("A horizontal swipe on the item page turns to the next and the previous item") {
    const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const auto& coll = snap->collections.front();
    REQUIRE(coll.items.size() >= 3);
    const auto slug = [&](std::size_t i) { return snap->items[coll.items[i % coll.items.size()]].slug; };
    const auto run = run_kiosk({at(100, R"("tap_target": "collection.)" + coll.slug + "\""),
                                at(1000, R"("tap_target": "item.)" + slug(0) + "\""),
                                at(2000, R"("drag": [1500, 600, 700, 620], "ms": 300)"),  // leftwards: next
                                R"({"state": "$DIR/next.json"})",
                                at(4000, R"("drag": [700, 600, 820, 600], "ms": 400)"),   // a short slow pull: stays
                                R"({"state": "$DIR/stayed.json"})",
                                at(6000, R"("drag": [600, 600, 760, 600], "ms": 80)"),    // a quick flick right: previous
                                R"({"state": "$DIR/previous.json"})", R"({"quit": true})"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const auto next = run.state("next.json");
    CHECK(next["screen"] == "item");
    CHECK(next["item"]["slug"] == slug(1));
    CHECK(next["pager_offset"] == 0);
    CHECK(next["depth"] == 3);  // paging replaces the item, it does not stack screens
    CHECK(run.state("stayed.json")["item"]["slug"] == slug(1));
    CHECK(run.state("previous.json")["item"]["slug"] == slug(0));
  }

  TEST_CASE("A pinch zooms the viewer about the fingers' midpoint; a double tap zooms in and out") {
    const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const auto& item = largest_image_item(*snap);
    REQUIRE(item.media.front().width >= 4000);
    const auto* coll = snap->find_collection(item.collection_id);
    const float fx = 700, fy = 420;  // off-centre, so that scaling about the centre would fail
    const auto run = run_kiosk({at(100, R"("tap_target": "collection.)" + coll->slug + "\""),
                                at(1000, R"("tap_target": "item.)" + item.slug + "\""),
                                at(2000, R"("tap_target": "item.image")"),
                                R"({"state": "$DIR/fit.json"})",
                                at(3000, R"("pinch": [)" + xy(fx, fy) + R"(, 200, 600], "ms": 400)"),
                                R"({"state": "$DIR/pinched.json"})",
                                R"({"screenshot": "$DIR/pinched.png"})",
                                at(5000, R"("double_tap": [960, 500])"),
                                R"({"state": "$DIR/unzoomed.json"})",
                                at(7000, R"("double_tap": [)" + xy(fx, fy) + "]"),
                                R"({"state": "$DIR/zoomed.json"})", R"({"quit": true})"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const auto fit = run.state("fit.json")["viewer"];
    const auto pinched = run.state("pinched.json")["viewer"];
    const float s0 = fit["scale"], s1 = pinched["scale"];
    CHECK(s0 == doctest::Approx(fit["fit_scale"].get<float>()));
    CHECK(s1 == doctest::Approx(s0 * 3).epsilon(0.03));  // fingers 200 -> 600 px apart
    // The image point under the midpoint stayed under it.
    const auto image_point = [&](const Json& v, float s) {
      return std::pair{(fx - v["offset"][0].get<float>()) / s, (fy - v["offset"][1].get<float>()) / s};
    };
    const auto [x0, y0] = image_point(fit, s0);
    const auto [x1, y1] = image_point(pinched, s1);
    CHECK(std::abs(x1 - x0) * s1 < 3);  // within 3 screen pixels
    CHECK(std::abs(y1 - y0) * s1 < 3);
    CHECK(contrast(run.screenshot("pinched.png")) > 10);
    CHECK(run.state("unzoomed.json")["viewer"]["scale"].get<float>() == doctest::Approx(s0));
    const float zoomed = run.state("zoomed.json")["viewer"]["scale"];
    CHECK(zoomed > s0 * 2);
  }

  TEST_CASE("A recorded session replays to the same final state, twice") {
    const auto original = run_kiosk({at(100, R"("tap_target": "collection.grid-200")"),
                                     at(1000, R"("drag": [960, 900, 960, 500], "ms": 120)"),
                                     at(4000, R"("drag": [900, 700, 950, 300], "ms": 500)"),
                                     at(6000, R"("tap": [600, 600])"),
                                     at(7000, R"("drag": [1500, 600, 600, 600], "ms": 250)"),
                                     R"({"state": "$DIR/final.json"})", R"({"quit": true})"},
                                    grid_pack(), {"--record", "$DIR/recording.jsonl"});
    INFO("kiosk stderr:\n" << original.result.err);
    REQUIRE(original.result.exit_code == 0);
    const auto recorded = essentials(original.state("final.json"));
    CHECK(recorded["screen"] == "item");  // the session got somewhere worth reproducing
    std::vector<std::string> script;
    {
      std::ifstream in(original.dir + "/recording.jsonl");
      for (std::string line; std::getline(in, line);) script.push_back(line);
    }
    CHECK(script.size() > 40);
    script.push_back(R"({"state": "$DIR/final.json"})");
    script.push_back(R"({"quit": true})");
    for (int replay = 0; replay < 2; ++replay) {
      CAPTURE(replay);
      const auto run = run_kiosk(script, grid_pack());
      INFO("kiosk stderr:\n" << run.result.err);
      REQUIRE(run.result.exit_code == 0);
      CHECK(essentials(run.state("final.json")) == recorded);
    }
  }
}
