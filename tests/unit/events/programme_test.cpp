// The programme on a virtual clock: hand-made snapshots listed at chosen instants in Sofia.
#include <doctest/doctest.h>

#include "sofia.h"

#include <string>
#include <vector>

#include "events/programme.h"

using namespace orpheus;
using namespace orpheus::events;
using namespace orpheus::events::test;

namespace {

catalog::EventOccurrence timed(std::int64_t start, std::int64_t end) { return {false, start, end}; }
catalog::EventOccurrence all_day(int y, int m, int d, int days = 1) {
  const auto first = civil_day(y, m, d);
  return {true, first, first + days};
}

catalog::Event event(const char* slug, std::vector<catalog::EventOccurrence> occurrences,
                     std::vector<catalog::Audience> audience = {}) {
  catalog::Event e;
  e.slug = slug;
  e.title = {{"en", slug}};
  e.occurrences = std::move(occurrences);
  e.audience = std::move(audience);
  return e;
}

catalog::Snapshot pack(std::vector<catalog::Event> events) {
  catalog::Snapshot s;
  s.pack.created = "2026-12-06T18:00:00Z";
  s.events = std::move(events);
  return s;
}

std::vector<std::string> slugs(const std::vector<Listed>& section) {
  std::vector<std::string> out;
  for (const auto& l : section) out.push_back(l.event->slug);
  return out;
}
using Slugs = std::vector<std::string>;

}  // namespace

TEST_SUITE("Programme") {
  TEST_CASE("An all-day exhibition lasts from the first local midnight to the one after its last day") {
    const auto zone = sofia();
    const auto s = pack({event("icons", {all_day(2027, 3, 10, 11)})});  // 10 to 20 March
    const auto during = list_events(s, zone, local(2027, 3, 14, 12, 0));
    REQUIRE(during.today.size() == 1);
    CHECK(during.today[0].now);
    CHECK(during.today[0].start == local(2027, 3, 10, 0, 0));
    CHECK(during.today[0].end == local(2027, 3, 21, 0, 0));
    CHECK(during.today[0].start == utc_at("2027-03-09T22:00:00Z"));

    const auto before = list_events(s, zone, local(2027, 3, 9, 23, 59, 59));
    REQUIRE(before.this_week.size() == 1);  // a Tuesday: starts tomorrow
    CHECK_FALSE(before.this_week[0].now);
    CHECK(list_events(s, zone, local(2027, 3, 10, 0, 0)).today.size() == 1);
    CHECK(list_events(s, zone, local(2027, 3, 20, 23, 59, 59)).today.size() == 1);
    CHECK(list_events(s, zone, local(2027, 3, 21, 0, 0)).empty());
  }

  TEST_CASE("An event disappears at its end minute") {
    const auto zone = sofia();
    const auto s = pack({event("talk", {timed(local(2027, 3, 15, 11, 0), local(2027, 3, 15, 12, 30))})});
    auto at = [&](std::int64_t t) { return list_events(s, zone, t); };
    REQUIRE(at(local(2027, 3, 15, 10, 59, 59)).today.size() == 1);
    CHECK_FALSE(at(local(2027, 3, 15, 10, 59, 59)).today[0].now);
    CHECK(at(local(2027, 3, 15, 11, 0)).today[0].now);
    REQUIRE(at(local(2027, 3, 15, 12, 29, 59)).today.size() == 1);
    CHECK(at(local(2027, 3, 15, 12, 29, 59)).today[0].now);
    CHECK(at(local(2027, 3, 15, 12, 30)).empty());
  }

  TEST_CASE("An event across midnight is today's until it ends") {
    const auto zone = sofia();
    const auto s = pack({event("night", {timed(local(2027, 3, 20, 22, 0), local(2027, 3, 21, 1, 0))})});
    const auto saturday = list_events(s, zone, local(2027, 3, 20, 21, 0));
    CHECK(slugs(saturday.today) == Slugs{"night"});
    const auto after_midnight = list_events(s, zone, local(2027, 3, 21, 0, 30));
    REQUIRE(after_midnight.today.size() == 1);
    CHECK(after_midnight.today[0].now);
    CHECK(list_events(s, zone, local(2027, 3, 21, 1, 0)).empty());
  }

  TEST_CASE("Events on both daylight saving nights") {
    const auto zone = sofia();
    const auto spring_day = civil_day(2027, 3, 28), fall_day = civil_day(2027, 10, 31);
    // 02:30-04:30 local, as the pack builder turns wall times into instants.
    const auto spring = timed(zone.to_utc({spring_day, 150, 0}), zone.to_utc({spring_day, 270, 0}));
    const auto fall = timed(zone.to_utc({fall_day, 150, 0}), zone.to_utc({fall_day, 270, 0}));
    CHECK(spring.end - spring.start == 3600);      // the night is an hour short
    CHECK(fall.end - fall.start == 3 * 3600);      // and an hour long
    const auto s = pack({event("spring", {spring}), event("fall", {fall})});

    CHECK(slugs(list_events(s, zone, utc_at("2027-03-28T00:29:59Z")).today) == Slugs{"spring"});
    CHECK(list_events(s, zone, utc_at("2027-03-28T01:00:00Z")).today[0].now);  // 04:00 EEST
    CHECK(list_events(s, zone, utc_at("2027-03-28T01:29:59Z")).today[0].now);
    CHECK(slugs(list_events(s, zone, utc_at("2027-03-28T01:30:00Z")).later) == Slugs{"fall"});

    const auto second_pass = list_events(s, zone, utc_at("2027-10-31T01:15:00Z"));  // 03:15 EET
    REQUIRE(second_pass.today.size() == 1);
    CHECK(second_pass.today[0].now);
    CHECK(list_events(s, zone, utc_at("2027-10-31T02:29:59Z")).today.size() == 1);
    CHECK(list_events(s, zone, utc_at("2027-10-31T02:30:00Z")).empty());

    CHECK(next_change(s, zone, utc_at("2027-03-28T00:00:00Z")) == spring.start);
    CHECK(next_change(s, zone, spring.start) == spring.end);
    CHECK(next_change(s, zone, utc_at("2027-10-31T01:00:00Z")) == fall.end);
  }

  TEST_CASE("Happening now comes first in today, then by start") {
    const auto zone = sofia();
    const auto s = pack({
        event("evening", {timed(local(2027, 3, 17, 18, 0), local(2027, 3, 17, 19, 0))}),
        event("tour", {timed(local(2027, 3, 17, 9, 0), local(2027, 3, 17, 12, 0))}),
        event("afternoon", {timed(local(2027, 3, 17, 15, 0), local(2027, 3, 17, 16, 0))}),
        event("exhibition", {all_day(2027, 3, 1, 60)}),
    });
    const auto l = list_events(s, zone, local(2027, 3, 17, 10, 0));
    CHECK(slugs(l.today) == Slugs{"exhibition", "tour", "afternoon", "evening"});
    REQUIRE(l.today.size() == 4);
    CHECK(l.today[0].now);
    CHECK(l.today[1].now);
    CHECK_FALSE(l.today[2].now);
    CHECK_FALSE(l.today[3].now);
  }

  TEST_CASE("Today, this week and later") {
    const auto zone = sofia();
    auto at = [&](const char* slug, int m, int d) {
      return event(slug, {timed(local(2027, m, d, 11, 0), local(2027, m, d, 12, 0))});
    };
    const auto s = pack({at("wed", 3, 17), at("thu", 3, 18), at("sat", 3, 20), at("sun", 3, 21), at("mon", 3, 22),
                         at("sat-next", 3, 27), at("sun-next", 3, 28), at("mon-next", 3, 29)});
    SUBCASE("On a Wednesday the week ends on Sunday") {
      const auto l = list_events(s, zone, local(2027, 3, 17, 10, 0));
      CHECK(slugs(l.today) == Slugs{"wed"});
      CHECK(slugs(l.this_week) == Slugs{"thu", "sat", "sun"});
      CHECK(slugs(l.later) == Slugs{"mon", "sat-next", "sun-next", "mon-next"});
    }
    SUBCASE("Late on a Tuesday, tomorrow is this week") {
      const auto l = list_events(s, zone, local(2027, 3, 16, 23, 59));  // a Tuesday
      CHECK(l.today.empty());
      CHECK(slugs(l.this_week) == Slugs{"wed", "thu", "sat", "sun"});
    }
    SUBCASE("On a Saturday: the next seven days") {
      const auto l = list_events(s, zone, local(2027, 3, 20, 10, 0));
      CHECK(slugs(l.today) == Slugs{"sat"});
      CHECK(slugs(l.this_week) == Slugs{"sun", "mon", "sat-next"});
      CHECK(slugs(l.later) == Slugs{"sun-next", "mon-next"});
    }
    SUBCASE("On a Sunday: the next seven days") {
      const auto l = list_events(s, zone, local(2027, 3, 21, 10, 0));
      CHECK(slugs(l.today) == Slugs{"sun"});
      CHECK(slugs(l.this_week) == Slugs{"mon", "sat-next", "sun-next"});
      CHECK(slugs(l.later) == Slugs{"mon-next"});
    }
    SUBCASE("On Monday the week starts again") {
      const auto l = list_events(s, zone, local(2027, 3, 22, 0, 0));
      CHECK(slugs(l.today) == Slugs{"mon"});
      CHECK(slugs(l.this_week) == Slugs{"sat-next", "sun-next"});
      CHECK(slugs(l.later) == Slugs{"mon-next"});
    }
  }

  TEST_CASE("A series is listed once, at its current or next date") {
    const auto zone = sofia();
    const auto s = pack({event("course", {timed(local(2027, 3, 15, 18, 0), local(2027, 3, 15, 19, 0)),
                                          timed(local(2027, 3, 22, 18, 0), local(2027, 3, 22, 19, 0)),
                                          timed(local(2027, 3, 29, 18, 0), local(2027, 3, 29, 19, 0))})});
    const auto first = list_events(s, zone, local(2027, 3, 15, 18, 30));
    REQUIRE(first.today.size() == 1);
    CHECK(first.today[0].later_dates == 2);
    CHECK(first.this_week.empty());
    const auto second = list_events(s, zone, local(2027, 3, 15, 19, 0));
    REQUIRE(second.later.size() == 1);
    CHECK(second.later[0].start == local(2027, 3, 22, 18, 0));
    CHECK(second.later[0].later_dates == 1);
    CHECK(list_events(s, zone, local(2027, 3, 29, 19, 0)).empty());

    const auto& course = s.events[0];
    const auto next_two = upcoming(course, zone, local(2027, 3, 15, 18, 30), 2);
    REQUIRE(next_two.size() == 2);
    CHECK(next_two[0].start == course.occurrences[0].start);
    CHECK(next_two[1].start == course.occurrences[1].start);
    CHECK(upcoming(course, zone, local(2027, 3, 22, 19, 0), 5).size() == 1);
    CHECK(upcoming(course, zone, local(2027, 4, 1, 0, 0), 5).empty());
  }

  TEST_CASE("Visibility schedules hide events") {
    const auto zone = sofia();
    auto announced = event("concert", {timed(local(2027, 5, 1, 19, 0), local(2027, 5, 1, 21, 0))});
    announced.visibility.from_day = civil_day(2027, 4, 1);
    auto mornings = event("mornings", {all_day(2027, 3, 1, 60)});
    mornings.visibility.parts.push_back({0x1f, 9 * 60, 13 * 60});
    const auto s = pack({announced, mornings});
    CHECK(list_events(s, zone, local(2027, 3, 31, 10, 0)).later.empty());
    CHECK(slugs(list_events(s, zone, local(2027, 3, 31, 10, 0)).today) == Slugs{"mornings"});
    CHECK(slugs(list_events(s, zone, local(2027, 4, 1, 0, 0)).later) == Slugs{"concert"});
    CHECK(list_events(s, zone, local(2027, 3, 31, 13, 0)).today.empty());
    CHECK(list_events(s, zone, local(2027, 3, 27, 10, 0)).today.empty());  // a Saturday
    // The schedules' boundaries are changes too.
    CHECK(next_change(s, zone, local(2027, 3, 31, 10, 0)) == local(2027, 3, 31, 13, 0));
    CHECK(next_change(s, zone, local(2027, 3, 31, 13, 0)) == local(2027, 4, 1, 0, 0));
  }

  TEST_CASE("Audiences filter the listing and are offered in a fixed order") {
    const auto zone = sofia();
    using A = catalog::Audience;
    const auto s = pack({
        event("lecture", {all_day(2027, 3, 15)}, {A::adults, A::accessible}),
        event("workshop", {all_day(2027, 3, 16)}, {A::families, A::children}),
        event("gone", {all_day(2027, 3, 1)}, {A::schools}),
    });
    const auto t = local(2027, 3, 15, 10, 0);
    const auto all = list_events(s, zone, t);
    CHECK(audiences(all) == std::vector<A>{A::children, A::families, A::adults, A::accessible});
    const auto children = list_events(s, zone, t, A::children);
    CHECK(children.today.empty());
    CHECK(slugs(children.this_week) == Slugs{"workshop"});
    CHECK(list_events(s, zone, t, A::schools).empty());
    CHECK(audiences(Listing{}).empty());
  }

  TEST_CASE("When the listing next changes") {
    const auto zone = sofia();
    auto s = pack({event("talk", {timed(local(2027, 3, 15, 11, 0), local(2027, 3, 15, 12, 30)),
                                  timed(local(2027, 3, 18, 11, 0), local(2027, 3, 18, 12, 30))})});
    CHECK(next_change(s, zone, local(2027, 3, 15, 10, 0)) == local(2027, 3, 15, 11, 0));
    CHECK(next_change(s, zone, local(2027, 3, 15, 11, 0)) == local(2027, 3, 15, 12, 30));
    CHECK(next_change(s, zone, local(2027, 3, 15, 12, 30)) == local(2027, 3, 16, 0, 0));  // midnight
    CHECK(next_change(s, zone, local(2027, 3, 18, 12, 30)) == std::nullopt);               // all over
    CHECK(next_change(pack({}), zone, local(2027, 3, 15, 10, 0)) == std::nullopt);

    // The midnight before the spring change is 22:00 UTC; the one after it, 21:00 UTC.
    auto far = pack({event("far", {all_day(2027, 6, 1)})});
    CHECK(next_change(far, zone, utc_at("2027-03-27T21:00:00Z")) == utc_at("2027-03-27T22:00:00Z"));
    CHECK(next_change(far, zone, utc_at("2027-03-27T22:00:00Z")) == utc_at("2027-03-28T21:00:00Z"));

    // A collection's schedule wakes the kiosk too.
    catalog::Collection morning;
    morning.schedule.parts.push_back({0x1f, 9 * 60, 13 * 60});
    s.collections.push_back(morning);
    CHECK(next_change(s, zone, local(2027, 3, 15, 12, 30)) == local(2027, 3, 15, 13, 0));
    CHECK(next_change(s, zone, local(2027, 3, 18, 12, 30)) == local(2027, 3, 18, 13, 0));
    CHECK(next_change(s, zone, local(2027, 3, 18, 13, 0)) == local(2027, 3, 19, 9, 0));
  }

  TEST_CASE("Many events with many dates stay cheap") {
    const auto zone = sofia();
    std::vector<catalog::Event> events;
    const auto first = local(2027, 1, 1, 10, 0);
    for (int e = 0; e < 300; ++e) {
      std::vector<catalog::EventOccurrence> dates;
      for (int d = 0; d < 300; ++d) {
        const auto start = first + d * 86400LL + e * 60;
        dates.push_back(timed(start, start + 3600));
      }
      events.push_back(event("series", std::move(dates)));
    }
    const auto s = pack(std::move(events));
    const auto t = local(2027, 6, 1, 11, 30);  // the series were set at 10:00 EET: 11:00 EEST in June
    const auto l = list_events(s, zone, t);
    CHECK(l.today.size() == 300);
    CHECK(l.today[0].now);
    CHECK(l.today[0].later_dates == 300 - 151 - 1);
    CHECK(next_change(s, zone, t) == local(2027, 6, 1, 11, 31));  // the 31st series starts
  }
}

TEST_SUITE("Clock check") {
  TEST_CASE("A clock before the pack was built is wrong") {
    const auto s = pack({});
    CHECK(check_clock(s, 0) == ClockVerdict::before_pack);  // 1970
    CHECK(check_clock(s, utc_at("2000-01-01T00:00:00Z")) == ClockVerdict::before_pack);
    CHECK(check_clock(s, utc_at("2026-12-05T17:59:59Z")) == ClockVerdict::before_pack);
    // A day before is still believed: a kiosk set a few hours behind the builder's machine.
    CHECK(check_clock(s, utc_at("2026-12-05T18:00:00Z")) == ClockVerdict::ok);
    CHECK(check_clock(s, utc_at("2026-12-06T18:00:00Z")) == ClockVerdict::ok);
    CHECK(check_clock(s, utc_at("2027-06-01T10:00:00Z")) == ClockVerdict::ok);
  }

  TEST_CASE("A clock years after the pack is wrong, unless the pack dates that far") {
    auto s = pack({});
    CHECK(check_clock(s, utc_at("2028-12-06T18:00:00Z")) == ClockVerdict::ok);  // two years
    CHECK(check_clock(s, utc_at("2028-12-07T18:00:00Z")) == ClockVerdict::ok);  // 732 days
    CHECK(check_clock(s, utc_at("2028-12-07T18:00:01Z")) == ClockVerdict::far_ahead);
    CHECK(check_clock(s, utc_at("2029-12-06T18:00:00Z")) == ClockVerdict::far_ahead);  // three years

    s.events.push_back(event("jubilee", {timed(utc_at("2031-05-01T09:00:00Z"), utc_at("2031-05-01T17:00:00Z"))}));
    CHECK(check_clock(s, utc_at("2029-12-06T18:00:00Z")) == ClockVerdict::ok);
    CHECK(check_clock(s, utc_at("2031-05-01T17:00:00Z")) == ClockVerdict::ok);
    CHECK(check_clock(s, utc_at("2032-01-01T00:00:00Z")) == ClockVerdict::far_ahead);

    auto scheduled = pack({});
    catalog::Collection c;
    c.schedule.until_day = civil_day(2030, 12, 31);
    scheduled.collections.push_back(c);
    CHECK(check_clock(scheduled, utc_at("2030-12-31T12:00:00Z")) == ClockVerdict::ok);
    CHECK(check_clock(scheduled, utc_at("2031-01-03T00:00:00Z")) == ClockVerdict::far_ahead);
  }

  TEST_CASE("A pack without a readable build time does not judge the clock") {
    auto s = pack({});
    s.pack.created = "";
    CHECK(check_clock(s, 0) == ClockVerdict::ok);
    s.pack.created = "December 2026";
    CHECK(check_clock(s, utc_at("2040-01-01T00:00:00Z")) == ClockVerdict::ok);
    CHECK(std::string(to_string(ClockVerdict::ok)) == "ok");
    CHECK(std::string(to_string(ClockVerdict::before_pack)) == "before the pack was built");
    CHECK(std::string(to_string(ClockVerdict::far_ahead)) == "years ahead of the pack");
  }

  TEST_CASE("Collections shown by their schedules, and only unscheduled ones with a wrong clock") {
    const auto zone = sofia();
    auto s = pack({});
    catalog::Collection always, mornings, spring, over;
    mornings.schedule.parts.push_back({0x1f, 9 * 60, 13 * 60});
    spring.schedule.from_day = civil_day(2027, 3, 1);
    spring.schedule.until_day = civil_day(2027, 5, 31);
    over.schedule.until_day = civil_day(2026, 12, 31);
    s.collections = {always, mornings, spring, over};
    using Indices = std::vector<std::size_t>;
    CHECK(shown_collections(s, zone, local(2027, 3, 15, 10, 0)) == Indices{0, 1, 2});
    CHECK(shown_collections(s, zone, local(2027, 3, 15, 13, 0)) == Indices{0, 2});
    CHECK(shown_collections(s, zone, local(2027, 6, 1, 10, 0)) == Indices{0, 1});
    CHECK(shown_collections(s, zone, local(2026, 12, 31, 23, 59)) == Indices{0, 3});
    CHECK(shown_collections(s, zone, 0, check_clock(s, 0)) == Indices{0});
    CHECK(shown_collections(s, zone, local(2027, 3, 15, 10, 0), ClockVerdict::far_ahead) == Indices{0});
  }
}
