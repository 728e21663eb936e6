// Screens are registered, not switched: a screen added from outside the app (the probe kiosk) is
// reached by its launcher, prepared for the pack, drawn, runs background work and is replaced by
// the idle reset; and the product's own "About this exhibition" screen, from every screen.
#include <doctest/doctest.h>

#include <set>

#include "catalog/catalog.h"
#include "kiosk.h"

using namespace orpheus;
using e2e::Json;
using e2e::tap;
using e2e::state;

namespace {

std::string at(int t, const std::string& rest) { return "{\"t_ms\": " + std::to_string(t) + ", " + rest + "}"; }

std::set<std::string> target_names(const Json& s) {
  std::set<std::string> names;
  for (const auto& t : s["targets"]) names.insert(t["name"].get<std::string>());
  return names;
}

}  // namespace

TEST_SUITE("Screen registry") {
  TEST_CASE("A screen registered from outside the app: launcher, prepare, draw, background work, Back, reset") {
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    test::use_headless_environment();
    e2e::KioskRun run;
    const std::vector<std::string> lines = {
        at(100, R"("state": "$DIR/home.json")"), tap("open.probe"), state("opened.json"), tap("probe.count"),
        state("counted.json"), R"({"screenshot": "$DIR/probe.png"})", tap("nav.back"), state("back.json"),
        tap("open.probe"), tap("probe.count"), at(200000, R"("state": "$DIR/idle.json")"), tap("open.probe"),
        state("fresh.json"), R"({"quit": true})"};
    run.result = test::run(e2e::with_default_kiosk_args({ORPHEUS_PROBE_KIOSK, "--windowed", "1920x1080", "--pack",
                                                        ORPHEUS_DEMO_PACK, "--replay", e2e::write_script(run.dir, e2e::timed(lines)),
                                                        "--set", "session.idle_timeout=30", "--set", "session.attract_timeout=0"}),
                           300);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    // Every screen shows the launchers of the registered screens, the product's and the test's.
    const auto home = target_names(run.state("home.json"));
    CHECK(home.count("open.probe") == 1);
    CHECK(home.count("open.about") == 1);

    const Json opened = run.state("opened.json");
    CHECK(opened["screen"] == "probe");
    CHECK(opened["depth"] == 2);
    CHECK(opened["probe"]["prepared_items"] == snapshot->items.size());  // prepare() saw the pack
    CHECK(opened["probe"]["counted"] == -1);
    CHECK(target_names(opened).count("probe.count") == 1);

    // The work ran on a worker; its result came back between frames and the replay waited for it.
    const Json counted = run.state("counted.json");
    CHECK(counted["probe"]["pending"] == false);
    CHECK(counted["probe"]["on_worker"] == true);
    std::size_t titled = 0;
    for (const auto& it : snapshot->items) titled += it.title.empty() ? 0 : 1;
    CHECK(counted["probe"]["counted"] == titled);
    CHECK(e2e::contrast(run.screenshot("probe.png")) > 10);

    const Json back = run.state("back.json");
    CHECK(back["screen"] == "home");
    CHECK(back["depth"] == 1);

    // The idle reset went back home and replaced the screen: its counter and result are gone.
    CHECK(run.state("idle.json")["screen"] == "home");
    const Json fresh = run.state("fresh.json");
    CHECK(fresh["screen"] == "probe");
    CHECK(fresh["probe"]["counted"] == -1);
    CHECK(fresh["probe"]["draws"].get<long>() < counted["probe"]["draws"].get<long>());
  }

  TEST_CASE("About this exhibition: from every screen, the pack's collections a tap away, its credits grouped") {
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const auto run = e2e::run_kiosk(e2e::timed({at(100, R"("tap_target": "collection.panagyurishte")"), state("collection.json"),
                                     tap("item.panagyurishte-amphora-rhyton"), state("item.json"), tap("item.image"),
                                     state("viewer.json"), tap("open.about"), state("about.json"),
                                     R"({"screenshot": "$DIR/about.png"})", tap("open.about"), state("again.json"),
                                     tap("about.collection.rogozen"), state("rogozen.json"), tap("nav.back"),
                                     state("back.json"), tap("nav.back"), state("viewer-again.json"), R"({"quit": true})"}));
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    for (const char* s : {"collection.json", "item.json", "viewer.json"}) {
      CAPTURE(s);
      CHECK(target_names(run.state(s)).count("open.about") == 1);
    }
    const Json about = run.state("about.json");
    CHECK(about["screen"] == "about");
    CHECK(about["depth"] == 5);  // home, collection, item, viewer, about: Back returns to the viewer
    // Its own targets are named after it; the others are the controls every screen has.
    std::set<std::string> rows;
    for (const auto& name : target_names(about)) {
      CHECK_MESSAGE((name.rfind("about.", 0) == 0 || name.rfind("nav.", 0) == 0 || name.rfind("lang.", 0) == 0 ||
                     name.rfind("open.", 0) == 0 || name == "text.size" || name == "contrast" || name == "reach"),
                    name);
      if (name.rfind("about.collection.", 0) == 0) rows.insert(name.substr(17));
    }
    std::set<std::string> slugs;
    for (const auto& c : snapshot->collections) slugs.insert(c.slug);
    CHECK(rows.size() >= 4);  // the rows on screen (the list scrolls): each a collection of the pack
    for (const auto& r : rows) CHECK_MESSAGE(slugs.count(r) == 1, r);
    std::set<std::string> credits;
    for (const auto& it : snapshot->items)
      if (!it.credit.empty()) credits.insert(std::string(it.credit.get(snapshot->pack.default_language)));
    CHECK(about["about"]["credits"] == credits.size());
    CHECK(about["about"]["rights"] == 0);  // the demo pack states no rights per object
    CHECK(e2e::contrast(run.screenshot("about.png")) > 10);
    CHECK(run.state("again.json")["depth"] == 5);  // tapping its own launcher opens nothing more
    const Json rogozen = run.state("rogozen.json");
    CHECK(rogozen["screen"] == "collection");
    CHECK(rogozen["collection"]["slug"] == "rogozen");
    CHECK(run.state("back.json")["screen"] == "about");
    CHECK(run.state("viewer-again.json")["screen"] == "viewer");
  }
}
