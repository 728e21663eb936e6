// The visitor's path on the real binary: home -> collection -> item -> full-screen image ->
// back -> next item -> switch language -> back -> home, checked through state dumps
// (which screen, which item, which language, what title) and screenshots.
#include <cmath>

#include "catalog/catalog.h"
#include "kiosk.h"

using namespace orpheus;
using namespace orpheus::e2e;

namespace {
std::string tap_at(double t, std::pair<float, float> p) {
  return R"({"t_ms": )" + std::to_string(t) + R"(, "tap": [)" + std::to_string(p.first) + ", " + std::to_string(p.second) + "]}";
}
}  // namespace

TEST_SUITE("Visitor's path") {
  const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);

  TEST_CASE("Home, collection, item, viewer, back, next, language, home") {
    REQUIRE(snap->collections.size() >= 4);
    const auto& coll = snap->collections.front();
    REQUIRE(coll.items.size() >= 2);
    const auto& first = snap->items[coll.items[0]];
    const auto& second = snap->items[coll.items[1]];

    // First run: where is the first collection's card on the home screen?
    const auto probe = run_kiosk({R"({"state": "$DIR/home.json"})", R"({"quit": true})"});
    REQUIRE(probe.result.exit_code == 0);
    const auto card = target_center(probe.state("home.json"), "collection." + coll.slug);

    // Second run: the whole path, the first step by raw coordinates, the rest by target name.
    const auto run = run_kiosk({R"({"screenshot": "$DIR/home-bg.png"})",
                 R"({"state": "$DIR/0-home.json"})",
                 tap_at(1000, card),
                 R"({"state": "$DIR/1-collection.json"})",
                 R"({"screenshot": "$DIR/collection-bg.png"})",
                 R"({"t_ms": 2000, "tap_target": "item.)" + first.slug + R"("})",
                 R"({"state": "$DIR/2-item.json"})",
                 R"({"screenshot": "$DIR/item-bg.png"})",
                 R"({"t_ms": 3000, "tap_target": "item.image"})",
                 R"({"state": "$DIR/3-viewer.json"})",
                 R"({"screenshot": "$DIR/viewer-bg.png"})",
                 R"({"t_ms": 4000, "tap_target": "viewer.close"})",
                 R"({"state": "$DIR/4-item.json"})",
                 R"({"t_ms": 5000, "tap_target": "item.next"})",
                 R"({"state": "$DIR/5-next.json"})",
                 R"({"t_ms": 6000, "tap_target": "lang.en"})",
                 R"({"state": "$DIR/6-english.json"})",
                 R"({"screenshot": "$DIR/item-en.png"})",
                 R"({"t_ms": 7000, "tap_target": "nav.back"})",
                 R"({"state": "$DIR/7-back.json"})",
                 R"({"t_ms": 8000, "tap_target": "nav.home"})",
                 R"({"state": "$DIR/8-home.json"})",
                 R"({"screenshot": "$DIR/home-en.png"})",
                 R"({"quit": true})"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);

    auto s = run.state("0-home.json");
    CHECK(s["screen"] == "home");
    CHECK(s["language"] == "bg");
    CHECK(s["title"] == std::string(snap->pack.title.exact("bg")));

    s = run.state("1-collection.json");
    CHECK(s["screen"] == "collection");
    CHECK(s["collection"]["slug"] == coll.slug);
    CHECK(s["collection"]["title"] == std::string(coll.title.exact("bg")));

    s = run.state("2-item.json");
    CHECK(s["screen"] == "item");
    CHECK(s["item"]["slug"] == first.slug);
    CHECK(s["item"]["title"] == std::string(first.title.exact("bg")));

    s = run.state("3-viewer.json");
    CHECK(s["screen"] == "viewer");
    CHECK(s["item"]["slug"] == first.slug);

    CHECK(run.state("4-item.json")["screen"] == "item");

    s = run.state("5-next.json");
    CHECK(s["screen"] == "item");
    CHECK(s["item"]["slug"] == second.slug);

    s = run.state("6-english.json");
    CHECK(s["language"] == "en");
    CHECK(s["item"]["title"] == std::string(second.title.exact("en")));
    CHECK(s["item"]["title"] != std::string(second.title.exact("bg")));

    s = run.state("7-back.json");
    CHECK(s["screen"] == "collection");
    CHECK(s["language"] == "en");  // the language stays for the rest of the visit

    s = run.state("8-home.json");
    CHECK(s["screen"] == "home");
    CHECK(s["depth"] == 1);

    // Screenshots: full size, not blank, and the language switch changed what is drawn.
    for (const char* name : {"home-bg.png", "collection-bg.png", "item-bg.png", "viewer-bg.png", "item-en.png", "home-en.png"}) {
      CAPTURE(name);
      const auto img = run.screenshot(name);
      CHECK(img.width == 1920);
      CHECK(img.height == 1080);
      CHECK(contrast(img) > 10.0);
    }
    const auto bg = run.screenshot("home-bg.png"), en = run.screenshot("home-en.png");
    CHECK(bg.pixels != en.pixels);
  }

  TEST_CASE("A swipe that starts on a card scrolls and does not open it; a tap does") {
    const auto& coll = snap->collections.front();
    const auto& first = snap->items[coll.items[0]];
    const std::vector<std::string> small{"--windowed", "1280x800"};  // the grid overflows: it can scroll
    const std::string open = R"({"t_ms": 100, "tap_target": "collection.)" + coll.slug + R"("})";
    const auto probe = run_kiosk({open, R"({"state": "$DIR/grid.json"})", R"({"quit": true})"},
                                 ORPHEUS_DEMO_PACK, small);
    REQUIRE(probe.result.exit_code == 0);
    const auto [x, y] = target_center(probe.state("grid.json"), "item." + first.slug);

    const std::string drag = R"({"t_ms": 1000, "drag": [)" + std::to_string(x) + ", " + std::to_string(y) + ", " +
                             std::to_string(x) + ", " + std::to_string(y - 200) + R"(], "ms": 400})";
    const auto run = run_kiosk({open, drag, R"({"state": "$DIR/after-swipe.json"})",
                                         R"({"t_ms": 5000, "tap_target": "item.)" + first.slug + R"("})",
                                         R"({"state": "$DIR/after-tap.json"})", R"({"quit": true})"},
                               ORPHEUS_DEMO_PACK, small);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const auto swiped = run.state("after-swipe.json");
    CHECK(swiped["screen"] == "collection");
    CHECK(swiped["scroll"].get<double>() >= 150);  // followed the finger
    const auto tapped = run.state("after-tap.json");
    CHECK(tapped["screen"] == "item");
    CHECK(tapped["item"]["slug"] == first.slug);
  }

  TEST_CASE("--screenshot alone writes the first settled frame and exits 0") {
    test::use_headless_environment();
    test::TempDir temp;
    const auto dir = temp.path().string();
    const auto r = test::run(
        e2e::with_default_kiosk_args({ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1280x800", "--screenshot", dir + "/s.png"}));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto img = media::decode(media::read_file(dir + "/s.png"));
    CHECK(img.width == 1280);
    CHECK(img.height == 800);
    CHECK(contrast(img) > 10.0);
  }
}
