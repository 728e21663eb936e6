// Search on the real kiosk, headless, as a visitor does it: the magnifier beside Home, letters
// tapped on the on-screen keyboard in both alphabets (the replay's "type" step taps the keys and
// switches layouts like a visitor), results marked and opened, Back to the same results, the
// no-result screen with its suggestions, backspace held down, and the idle reset.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "kiosk.h"

using namespace orpheus;
using e2e::Json;
using e2e::tap;
using e2e::state;
using e2e::shot;

namespace {

std::string type(const std::string& text) { return R"({"type": ")" + text + R"("})"; }

std::vector<std::string> results(const Json& s) { return s["search"]["results"].get<std::vector<std::string>>(); }
using e2e::has_target;

}  // namespace

TEST_SUITE("Search") {
  TEST_CASE("Typed on the on-screen keyboard in either alphabet, the same objects; opened, and Back to the results") {
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const auto run = e2e::run_kiosk(e2e::timed({
        R"({"t_ms": 100, "tap_target": "collection.panagyurishte"})", state("collection.json"), tap("open.search"),
        state("empty.json"), shot("keyboard-bg.png"), type("Панагюрище"), state("cyrillic.json"), shot("results.png"),
        tap("key.clear"), type("panagiurishte"), state("latin.json"), shot("keyboard-latin.png"), tap("key.clear"),
        type("panagjurishte"), state("latin-j.json"), tap("key.clear"), type("ритон"), state("rhyton.json"),
        tap("item.panagyurishte-amphora-rhyton"), state("item.json"), tap("nav.back"), state("back.json"),
        tap("nav.back"), state("left.json"), R"({"quit": true})"}));
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);

    // The magnifier sits beside Home on every screen.
    CHECK(has_target(run.state("collection.json"), "open.search"));
    const Json empty = run.state("empty.json");
    CHECK(empty["screen"] == "search");
    CHECK(empty["search"]["query"] == "");
    CHECK(empty["search"]["keyboard"] == "bg-phonetic");  // the visitor's language, Bulgarian
    for (const char* key : {"key.п", "key.я", "key.space", "key.backspace", "key.clear", "key.layout", "key.hide"})
      CHECK_MESSAGE(has_target(empty, key), key);
    // With nothing typed: the pack's collections to go to.
    for (const auto& c : snapshot->collections) CHECK_MESSAGE(has_target(empty, "collection." + c.slug), c.slug);

    const Json cyrillic = run.state("cyrillic.json");
    CHECK(cyrillic["search"]["query"] == "панагюрище");  // typed key by key, as the keys are
    const auto found = results(cyrillic);
    REQUIRE(found.size() >= 3);
    CHECK(std::find(found.begin(), found.end(), "panagyurishte-amphora-rhyton") != found.end());
    CHECK(results(run.state("latin.json")) == found);  // every spelling, the same objects in the same order
    CHECK(results(run.state("latin-j.json")) == found);
    CHECK(run.state("latin.json")["search"]["keyboard"] != "bg-phonetic");  // the type step switched layouts
    CHECK(e2e::contrast(run.screenshot("results.png")) > 10);

    const Json rhyton = run.state("rhyton.json");
    REQUIRE(!results(rhyton).empty());
    CHECK(run.state("item.json")["screen"] == "item");
    const Json back = run.state("back.json");
    CHECK(back["screen"] == "search");
    CHECK(back["search"]["query"] == "ритон");
    CHECK(results(back) == results(rhyton));
    CHECK(run.state("left.json")["screen"] == "collection");  // Back closes search, where it was opened
  }

  TEST_CASE("Nothing found: a calm message with the nearest spellings, one tap from results") {
    const auto run = e2e::run_kiosk(e2e::timed({
        R"({"t_ms": 100, "tap_target": "lang.en"})", tap("open.search"), type("horsmaen"), state("none.json"),
        shot("nothing-found.png"), tap("search.suggestion.0"), state("suggested.json"), tap("key.clear"), type("zqzqzq"),
        state("garbage.json"), R"({"quit": true})"}));
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const Json none = run.state("none.json");
    CHECK(none["search"]["keyboard"] == "en-qwerty");
    CHECK(results(none).empty());
    const auto suggestions = none["search"]["did_you_mean"].get<std::vector<std::string>>();
    REQUIRE(!suggestions.empty());
    CHECK(suggestions.front() == "horseman");  // spelt as the English texts have it
    CHECK(has_target(none, "search.suggestion.0"));
    const Json suggested = run.state("suggested.json");
    CHECK(suggested["search"]["query"] == "horseman");
    CHECK_FALSE(results(suggested).empty());
    // Nothing near: no suggestion, but the collections are still there to explore.
    const Json garbage = run.state("garbage.json");
    CHECK(results(garbage).empty());
    CHECK(garbage["search"]["did_you_mean"].empty());
    CHECK(has_target(garbage, "collection.panagyurishte"));
  }

  TEST_CASE("Backspace deletes one letter a tap, and repeats while held; the idle reset forgets the query") {
    // Where backspace is, from a first run (the layout is the same in the second).
    const auto probe = e2e::run_kiosk(e2e::timed({R"({"t_ms": 100, "tap_target": "open.search"})", state("s.json"), R"({"quit": true})"}));
    REQUIRE(probe.result.exit_code == 0);
    const auto [x, y] = e2e::target_center(probe.state("s.json"), "key.backspace");
    const std::string at = std::to_string(static_cast<int>(x)) + ", " + std::to_string(static_cast<int>(y));
    const auto [kx, ky] = e2e::target_center(probe.state("s.json"), "key.т");
    const std::string key = std::to_string(static_cast<int>(kx)) + ", " + std::to_string(static_cast<int>(ky));
    const auto run = e2e::run_kiosk(
        {R"({"t_ms": 100, "tap_target": "open.search"})", shot("rest.png"), R"({"t_ms": 1000, "finger_down": [0, )" + key + "]}",
         shot("down.png"), state("down.json"), R"({"t_ms": 1100, "finger_up": [0, )" + key + "]}", state("up.json"),
         R"({"t_ms": 1500, "tap_target": "key.clear"})", type("тракийски конник"), state("typed.json"),
         R"({"t_ms": 5000, "tap_target": "key.backspace"})", state("one.json"),
         R"({"t_ms": 6000, "finger_down": [0, )" + at + "]}", R"({"t_ms": 6300, "finger_up": [0, )" + at + "]}",
         state("short-hold.json"), R"({"t_ms": 7000, "finger_down": [0, )" + at + "]}",
         R"({"t_ms": 8200, "finger_up": [0, )" + at + "]}", state("held.json"),
         R"({"t_ms": 9000, "tap_target": "key.hide"})", state("hidden.json"), R"({"t_ms": 9500, "tap_target": "search.field"})",
         state("shown.json"), R"({"t_ms": 200000, "tap_target": "open.search"})", state("next-visitor.json"),
         R"({"quit": true})"},
        ORPHEUS_DEMO_PACK, {"--set", "session.idle_timeout=30", "--set", "session.attract_timeout=0"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    // A key shows it is pressed in the frame the finger lands, and types when it lifts.
    CHECK(run.state("down.json")["search"]["query"] == "");
    CHECK(run.state("up.json")["search"]["query"] == "т");
    const auto rest = run.screenshot("rest.png"), down = run.screenshot("down.png");
    REQUIRE(rest.width == down.width);
    const auto brightness = [](const media::Image& img, int cx, int cy) {
      double sum = 0;
      for (int yy = cy - 10; yy < cy + 10; ++yy)
        for (int xx = cx - 25; xx < cx + 25; ++xx) {
          const auto* p = &img.pixels[(static_cast<std::size_t>(yy) * static_cast<std::size_t>(img.width) + static_cast<std::size_t>(xx)) * 4];
          sum += p[0] + p[1] + p[2];
        }
      return sum / (20 * 50 * 3);
    };
    CHECK(brightness(down, static_cast<int>(kx), static_cast<int>(ky)) > brightness(rest, static_cast<int>(kx), static_cast<int>(ky)) + 10);
    CHECK(run.state("typed.json")["search"]["query"] == "тракийски конник");
    CHECK(run.state("one.json")["search"]["query"] == "тракийски конни");
    CHECK(run.state("short-hold.json")["search"]["query"] == "тракийски конн");  // held shorter than the repeat: one
    const auto held = run.state("held.json")["search"]["query"].get<std::string>();
    // Held 1.2 s: one at 450 ms, then one every 70 ms: about eleven letters, and no more than there were.
    CHECK(held.size() < std::string("тракийски ко").size());
    CHECK(std::string("тракийски конн").rfind(held, 0) == 0);
    CHECK(run.state("hidden.json")["search"]["keyboard"] == "");
    CHECK_FALSE(has_target(run.state("hidden.json"), "key.space"));
    CHECK(run.state("shown.json")["search"]["keyboard"] == "bg-phonetic");
    const Json next = run.state("next-visitor.json");
    CHECK(next["screen"] == "search");
    CHECK(next["search"]["query"] == "");
    CHECK(results(next).empty());
  }
}
