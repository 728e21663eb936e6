// Screens are registered, not switched: a screen added from outside the app (the probe kiosk) is
// reached by its launcher, prepared for the pack, drawn, runs background work and is replaced by
// the idle reset.
#include <doctest/doctest.h>

#include <set>

#include "catalog/catalog.h"
#include "kiosk.h"

using namespace orpheus;
using e2e::Json;

namespace {

std::string at(int t, const std::string& rest) { return "{\"t_ms\": " + std::to_string(t) + ", " + rest + "}"; }
std::string tap(const std::string& target) { return R"({"tap_target": ")" + target + R"("})"; }
std::string state(const std::string& name) { return R"({"state": "$DIR/)" + name + R"("})"; }

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
    run.result = test::run({ORPHEUS_PROBE_KIOSK, "--windowed", "1920x1080", "--pack", ORPHEUS_DEMO_PACK, "--replay",
                            e2e::write_script(run.dir, e2e::timed(lines)), "--set", "session.idle_timeout=30", "--set",
                            "session.attract_timeout=0"},
                           300);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    // Every screen shows the launchers of the registered screens, the product's and the test's.
    const auto home = target_names(run.state("home.json"));
    CHECK(home.count("open.probe") == 1);

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
}
