// The timeline on the real kiosk, headless, as a visitor uses it: opened from home, pinched in on
// the 4th century BCE, an object opened from its marker and Back to the same view, then "show on
// the timeline" from an object: centred on it, highlighted. In Bulgarian and English, landscape
// and portrait. Objects without a date are left out and counted. The replays run at 20 frames a
// second of virtual time (e2e::kCoarseFrames): the checks are on where the views come to rest.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "catalog/catalog.h"
#include "kiosk.h"
#include "support/synthetic_pack.h"
#include "support/temp_dir.h"
#include "timeline/axis.h"

using namespace orpheus;
using e2e::Json;
using e2e::tap;
using e2e::state;
using e2e::shot;

namespace {


const Json& tl(const Json& s) { return s["timeline"]; }
std::vector<std::string> shown(const Json& s) { return tl(s)["shown"].get<std::vector<std::string>>(); }

// The window x of axis time t in a state dump of the timeline.
float x_of(const Json& s, double t) {
  return static_cast<float>((t - tl(s)["t_left"].get<double>()) * tl(s)["px_per_year"].get<double>());
}

struct Setting {
  const char* lang;
  int width, height;
};

}  // namespace

TEST_SUITE("Timeline") {
  TEST_CASE("Pinch in on the 4th century BCE, open an object, Back to the same view; show an object on the timeline") {
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    const std::size_t dated = static_cast<std::size_t>(std::count_if(
        snapshot->items.begin(), snapshot->items.end(), [](const catalog::Item& i) { return i.year_from || i.year_to; }));
    for (const Setting s : {Setting{"en", 1920, 1080}, Setting{"bg", 1080, 1920}, Setting{"bg", 1920, 1080}, Setting{"en", 1080, 1920}}) {
      CAPTURE(s.lang);
      CAPTURE(s.width);
      const std::string size = std::to_string(s.width) + "x" + std::to_string(s.height);
      const std::vector<std::string> extra{"--windowed", size};
      const std::vector<std::string> open{e2e::kCoarseFrames, R"({"t_ms": 100, "tap_target": "lang.)" + std::string(s.lang) + R"("})",
                                          tap("open.timeline"), state("whole.json"), shot("whole.png")};
      // First the whole span, to find where 350 BCE is on the screen.
      auto first = open;
      first.push_back(R"({"quit": true})");
      const auto whole_run = e2e::run_kiosk(e2e::timed(first), ORPHEUS_DEMO_PACK, extra);
      INFO("kiosk stderr:\n" << whole_run.result.err);
      REQUIRE(whole_run.result.exit_code == 0);
      const Json whole = whole_run.state("whole.json");
      REQUIRE(whole["screen"] == "timeline");
      CHECK(tl(whole)["placed"] == dated);
      CHECK(tl(whole)["undated"] == snapshot->items.size() - dated);
      CHECK(tl(whole)["px_per_year"].get<double>() == doctest::Approx(tl(whole)["fit_px_per_year"].get<double>()));
      CHECK(tl(whole)["tick_unit"] == "millennium");
      // Every object once: a marker of its own or counted in a badge.
      CHECK(tl(whole)["markers"].get<std::size_t>() + tl(whole)["in_clusters"].get<std::size_t>() == dated);
      CHECK(tl(whole)["clusters"].get<int>() > 0);  // at the whole span the 4th century BCE is crowded
      CHECK(e2e::contrast(whole_run.screenshot("whole.png")) > 10);
      // The largest badge zooms in about its objects until they separate; a badge of objects
      // whose spans are too long for any lane (sites of two millennia) lists them instead.
      std::string biggest, sites;
      std::size_t most = 0, site_count = 0;
      for (const auto& b : tl(whole)["badges"]) {
        if (b["items"].size() > most) {
          most = b["items"].size();
          biggest = b["target"];
        }
        if (std::all_of(b["items"].begin(), b["items"].end(), [&](const Json& slug) {
              const auto i = std::find_if(snapshot->items.begin(), snapshot->items.end(),
                                          [&](const catalog::Item& x) { return x.slug == slug; });
              return i != snapshot->items.end() && i->year_from && i->year_to && *i->year_to - *i->year_from >= 1000;
            })) {
          sites = b["target"];
          site_count = b["items"].size();
        }
      }
      REQUIRE(most >= 2);
      auto tap_badge = open;
      tap_badge.insert(tap_badge.end(), {tap(biggest), state("badge.json")});
      if (!sites.empty())
        tap_badge.insert(tap_badge.end(), {tap("timeline.all"), tap(sites), state("sites.json"),
                                           R"({"tap_target": ")" + sites + R"(", "if_present": true})", state("sites-again.json")});
      tap_badge.push_back(R"({"quit": true})");
      const auto badge_run = e2e::run_kiosk(e2e::timed(tap_badge), ORPHEUS_DEMO_PACK, extra);
      REQUIRE(badge_run.result.exit_code == 0);
      const Json closer = badge_run.state("badge.json");
      CHECK(tl(closer)["px_per_year"].get<double>() >= tl(whole)["px_per_year"].get<double>() * 2);
      CHECK(tl(closer)["list"] == 0);
      if (!sites.empty()) {
        // Never so close that a span of a thousand years leaves the screen; a badge that still
        // holds them there lists them.
        const Json near = badge_run.state("sites.json");
        CHECK(tl(near)["px_per_year"].get<double>() * 1000 <= s.width * 0.8 + 1);
        // Listed at once, or closer first and listed by a second tap if the badge still holds them.
        if (tl(near)["list"] != site_count) {
          if (e2e::has_target(near, sites)) CHECK(tl(badge_run.state("sites-again.json"))["list"] == site_count);
          else CHECK(tl(near)["list"] == 0);
        }
      }

      // Two pinches about 350 BCE, then a marker, Back, "show on the timeline" from another object.
      const float cx = x_of(whole, timeline::year_start(-350) + 0.5), cy = static_cast<float>(s.height) * 0.5f;
      REQUIRE(cx > 0);
      REQUIRE(cx < static_cast<float>(s.width));
      auto zoomed = open;
      for (int i = 0; i < 2; ++i)  // 300 ms each, a step 400 ms after the one before (e2e::timed)
        zoomed.push_back(R"({"pinch": [)" + std::to_string(cx) + ", " + std::to_string(cy) + R"(, 100, 700], "ms": 300})");
      zoomed.insert(zoomed.end(), {state("zoomed.json"), shot("zoomed.png"), R"({"quit": true})"});
      const auto zoomed_run = e2e::run_kiosk(e2e::timed(zoomed), ORPHEUS_DEMO_PACK, extra);
      REQUIRE(zoomed_run.result.exit_code == 0);
      const Json in = zoomed_run.state("zoomed.json");
      const double ppy = tl(in)["px_per_year"];
      CHECK(ppy > tl(whole)["fit_px_per_year"].get<double>() * 10);
      CHECK(tl(in)["year_left"].get<int>() < -350);
      CHECK(tl(in)["year_right"].get<int>() > -350);
      CHECK(tl(in)["year_right"].get<int>() - tl(in)["year_left"].get<int>() < 300);
      CHECK(tl(in)["tick_unit"] != "millennium");
      const auto markers = shown(in);
      REQUIRE(markers.size() >= 2);
      CHECK(e2e::contrast(zoomed_run.screenshot("zoomed.png")) > 10);

      // The same steps again (replays are exact), then on: the first marker, Back; then home, and
      // from another object "show on the timeline", in the same run.
      const std::string opened = markers.front(), other = markers.back();
      const auto target = std::find_if(snapshot->items.begin(), snapshot->items.end(),
                                       [&](const catalog::Item& i) { return i.slug == other; });
      REQUIRE(target != snapshot->items.end());
      auto visit = zoomed;
      visit.pop_back();  // the quit
      visit.insert(visit.end(), {tap("timeline.item." + opened), state("item.json"), tap("nav.back"), state("back.json"),
                                 tap("nav.home"), state("home.json"),
                                 tap("collection." + snapshot->find_collection(target->collection_id)->slug),
                                 tap("item." + other), tap("item.show_in_time"), state("shown.json"), shot("shown.png"),
                                 tap("nav.back"), state("left.json"), R"({"quit": true})"});
      const auto visit_run = e2e::run_kiosk(e2e::timed(visit), ORPHEUS_DEMO_PACK, extra);
      INFO("kiosk stderr:\n" << visit_run.result.err);
      REQUIRE(visit_run.result.exit_code == 0);
      const Json item = visit_run.state("item.json");
      CHECK(item["screen"] == "item");
      CHECK(item["item"]["slug"] == opened);
      const Json back = visit_run.state("back.json");
      CHECK(back["screen"] == "timeline");
      CHECK(tl(back)["px_per_year"] == tl(in)["px_per_year"]);  // the same view
      CHECK(tl(back)["t_left"].get<double>() == doctest::Approx(tl(in)["t_left"].get<double>()).epsilon(1e-4));

      // From an object (home first: the visit starts over, in the language chosen): the timeline
      // centred on it, highlighted, a marker of its own; Back returns to the object.
      CHECK(visit_run.state("home.json")["screen"] == "home");
      CHECK(visit_run.state("home.json")["depth"] == 1);
      const Json centred = visit_run.state("shown.json");
      REQUIRE(centred["screen"] == "timeline");
      CHECK(tl(centred)["highlight"] == other);
      const auto there = shown(centred);
      CHECK(std::find(there.begin(), there.end(), other) != there.end());
      const auto span = timeline::span_of(target->year_from, target->year_to);
      REQUIRE(span);
      const float x = x_of(centred, span->middle());
      CHECK(x == doctest::Approx(s.width / 2.0).epsilon(0.1));
      CHECK(e2e::contrast(visit_run.screenshot("shown.png")) > 10);
      CHECK(visit_run.state("left.json")["screen"] == "item");
    }
  }

  TEST_CASE("Objects without a date are left out and counted; the rest are all placed") {
    test::TempDir dir;
    const std::string pack = (dir.path() / "undated.db").string();
    test::make_timeline_pack(ORPHEUS_DEMO_PACK, pack, 0, 3);
    const auto snapshot = catalog::load_snapshot(pack);
    const auto undated = std::find_if(snapshot->items.begin(), snapshot->items.end(),
                                      [](const catalog::Item& i) { return !i.year_from && !i.year_to; });
    REQUIRE(undated != snapshot->items.end());
    // One run: the timeline, then home and an undated object.
    const auto run = e2e::run_kiosk(
        e2e::timed({e2e::kCoarseFrames, R"({"t_ms": 100, "tap_target": "lang.en"})", tap("open.timeline"), state("whole.json"),
                    tap("nav.home"), tap("collection." + snapshot->find_collection(undated->collection_id)->slug),
                    tap("item." + undated->slug), state("item.json"), R"({"quit": true})"}),
        pack);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const Json whole = run.state("whole.json");
    CHECK(tl(whole)["undated"] == 3);
    CHECK(tl(whole)["placed"] == snapshot->items.size() - 3);
    CHECK(tl(whole)["markers"].get<std::size_t>() + tl(whole)["in_clusters"].get<std::size_t>() == snapshot->items.size() - 3);
    // The undated ones have no "show on the timeline".
    const Json item = run.state("item.json");
    REQUIRE(item["item"]["slug"] == undated->slug);
    CHECK(std::none_of(item["targets"].begin(), item["targets"].end(), [](const Json& t) { return t["name"] == "item.show_in_time"; }));
  }
}
