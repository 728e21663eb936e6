// The programme on the kiosk's clock: a fake clock from --now running on the app's clock, a
// scheduled collection that appears only at an idle moment, the deadline the loop sleeps until,
// and a clock that is obviously wrong.
#include <doctest/doctest.h>

#include "app/programme.h"
#include "events/zone.h"

using orpheus::app::Programme;
namespace catalog = orpheus::catalog;
namespace events = orpheus::events;

namespace {

catalog::Snapshot programme_pack() {
  catalog::Snapshot s;
  s.pack.created = "2026-12-06T18:00:00Z";
  s.pack.time_zone = "Europe/Sofia";
  s.collections.resize(2);
  s.collections[0].slug = "always";
  s.collections[1].slug = "spring";
  s.collections[1].schedule.from_day = events::civil_day(2027, 3, 20);
  catalog::Event lecture;
  lecture.slug = "lecture";
  const auto sofia = *events::TimeZone::named("Europe/Sofia");
  lecture.occurrences.push_back({false, sofia.to_utc({events::civil_day(2027, 3, 19), 18 * 60, 0}),
                                 sofia.to_utc({events::civil_day(2027, 3, 19), 19 * 60 + 30, 0})});
  s.events.push_back(lecture);
  return s;
}

}  // namespace

TEST_SUITE("App: the programme") {
  TEST_CASE("--now runs on the app's clock; a collection's first day waits for an idle moment") {
    const auto s = programme_pack();
    Programme p("", "2027-03-19T23:59:00");
    p.show(&s, 1000);
    CHECK(p.zone().name() == "Europe/Sofia");
    CHECK(p.wall_s(1000) == *events::parse_instant("2027-03-19T21:59:00Z", events::TimeZone::utc()));
    CHECK(p.wall_s(61'000) == p.wall_s(1000) + 60);
    CHECK(p.clock_trusted());
    CHECK(p.collections() == std::vector<std::size_t>{0});
    // The loop sleeps until midnight, Sofia time (the lecture is over; the collection's first day).
    const auto deadline = p.next_deadline_ms(1000);
    REQUIRE(deadline);
    CHECK(*deadline == doctest::Approx(61'005));
    const auto serial = p.serial();
    CHECK_FALSE(p.poll(30'000, true));  // nothing changed yet
    CHECK(p.serial() == serial);
    CHECK(p.poll(61'010, false));  // midnight: the programme moves on (a new serial) ...
    CHECK(p.collections() == std::vector<std::size_t>{0});  // ... the home screen waits for the visitor
    CHECK_FALSE(p.poll(62'000, false));
    CHECK(p.poll(63'000, true));
    CHECK(p.collections() == std::vector<std::size_t>{0, 1});
  }

  TEST_CASE("A new pack shows its scheduled collections at once") {
    const auto s = programme_pack();
    Programme p("", "2027-03-21T10:00");
    p.show(&s, 0);
    CHECK(p.collections() == std::vector<std::size_t>{0, 1});
  }

  TEST_CASE("A clock that jumps is followed at the next poll") {
    const auto s = programme_pack();
    Programme p("", "2027-03-19T12:00");
    p.show(&s, 0);
    const auto serial = p.serial();
    CHECK_FALSE(p.poll(1000, true));
    CHECK(p.poll(2 * 86'400'000.0, true));  // two days later at once (a replay's wait, NTP)
    CHECK(p.serial() > serial);
    CHECK(p.collections() == std::vector<std::size_t>{0, 1});
  }

  TEST_CASE("A clock before the pack was built hides scheduled collections; the configured zone wins") {
    const auto s = programme_pack();
    Programme p("America/New_York", "2000-01-01T00:00Z");
    p.show(&s, 0);
    CHECK(p.zone().name() == "America/New_York");
    CHECK(p.clock() == events::ClockVerdict::before_pack);
    CHECK(p.collections() == std::vector<std::size_t>{0});
    CHECK_FALSE(p.next_deadline_ms(0));  // nothing dated to wake for
    CHECK(p.attract_events(0, 5).empty());
  }

  TEST_CASE("The attract loop's events: those listed, soonest first") {
    const auto s = programme_pack();
    Programme p("", "2027-03-19T17:00");
    p.show(&s, 0);
    CHECK(p.attract_events(0, 5) == std::vector<std::size_t>{0});
    CHECK(p.attract_events(3 * 3600'000.0, 5).empty());  // 20:00: the lecture is over
  }
}
