// A visitor session built from what the app sees, on a virtual clock.
#include <doctest/doctest.h>

#include "usage/recorder.h"

using namespace orpheus::usage;

namespace {

Place at(const char* screen, const char* item = "") { return {screen, item}; }

}  // namespace

TEST_CASE("a session: items viewed with their dwell, screens opened, the language it ended in") {
  Recorder r;
  CHECK_FALSE(r.end(0));  // nothing running
  r.touched(1000, "2027-03-19", 14, true, at("home"), "thracology 1.2");
  CHECK(r.active());
  r.modes("bg", false, false, false);
  r.shown(3000, at("collection"));
  r.shown(5000, at("item", "panagyurishte-rhyton"));  // a view: 5 s to 25 s, plus 10 s in its viewer
  r.shown(15000, at("viewer", "panagyurishte-rhyton"));
  r.shown(25000, at("item", "panagyurishte-rhyton"));  // back from its viewer: the same viewing
  r.shown(35000, at("item", "valchitran-discs"));      // the next item
  r.modes("en", true, false, false);
  r.shown(38000, at("search"));
  r.shown(40000, at("item", "panagyurishte-rhyton"));  // a second view
  r.modes("en", false, false, false);                    // large text was used, then left
  const auto v = r.end(52400);
  REQUIRE(v);
  CHECK_FALSE(r.active());
  CHECK(v->day == "2027-03-19");
  CHECK(v->hour == 14);
  CHECK(v->from_attract);
  CHECK(v->pack == "thracology 1.2");
  CHECK(v->seconds == 51);  // 1.0 s to 52.4 s
  CHECK(v->language == "en");
  CHECK(v->large_text);
  CHECK_FALSE(v->high_contrast);
  REQUIRE(v->items.size() == 2);
  CHECK(v->items[0] == VisitRecord::Item{"panagyurishte-rhyton", 2, 30 + 12});  // 5..35 and 40..52.4
  CHECK(v->items[1] == VisitRecord::Item{"valchitran-discs", 1, 3});
  CHECK(v->screens == std::map<std::string, std::int64_t>{{"collection", 1}, {"viewer", 1}, {"search", 1}});
}

TEST_CASE("searches: one per visit of the search screen, the last text shown, empty texts ignored") {
  Recorder r;
  r.searched("gold", 3, 7);  // no session: nothing
  r.touched(0, "2027-03-19", 10, false, at("search"), "p 1");
  r.searched("з", 40, 7);
  r.searched("зла", 9, 7);
  r.searched("  злато  ", 6, 7);
  r.searched("", 0, 7);
  r.searched("wine   jug", 0, 9);  // the search screen opened again
  r.event_opened("gold-and-wine");
  const auto v = r.end(10000);
  REQUIRE(v);
  REQUIRE(v->searches.size() == 2);
  CHECK(v->searches[0] == VisitRecord::Search{"злато", 6});
  CHECK(v->searches[1] == VisitRecord::Search{"wine jug", 0});
  CHECK(v->events == std::vector<std::string>{"gold-and-wine"});
}

TEST_CASE("narration time, the time after the last touch left out, a session cut at two hours") {
  Recorder r;
  r.touched(0, "2027-03-19", 10, false, at("item", "a"), "p 1");
  r.narration(2000, true);
  r.narration(2100, true);  // no change
  r.narration(32000, false);
  r.narration(40000, true);
  auto v = r.end(50000);  // still playing at the last touch: heard until then
  REQUIRE(v);
  CHECK(v->narrations == 2);
  CHECK(v->narration_s == 30 + 10);
  CHECK(v->items[0].dwell_s == 50);

  r.touched(0, "2027-03-19", 10, false, at("home"), "p 1");
  v = r.end(10 * 3600 * 1000.0);
  REQUIRE(v);
  CHECK(v->seconds == 7200);
}

TEST_CASE("a hammering visitor: lists stay bounded") {
  Recorder r;
  r.touched(0, "2027-03-19", 10, false, at("home"), "p 1");
  for (std::uint32_t i = 0; i < 1000; ++i) {
    r.searched("q" + std::to_string(i), 1, i);
    r.event_opened("e");
  }
  const auto v = r.end(1000);
  REQUIRE(v);
  CHECK(v->searches.size() == Recorder::kMaxListed);
  CHECK(v->events.size() == Recorder::kMaxListed);
}

TEST_CASE("a technician's touches (the admin corner) are discarded, the next touch begins a visit") {
  Recorder r;
  r.touched(0, "2027-03-19", 10, false, at("home"), "p 1");
  r.discard();
  CHECK_FALSE(r.active());
  CHECK_FALSE(r.end(5000));
  r.touched(9000, "2027-03-19", 10, false, at("home"), "p 1");
  const auto v = r.end(12000);
  REQUIRE(v);
  CHECK(v->seconds == 3);
}
