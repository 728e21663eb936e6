// Day-part schedules in Sofia's local time, including both daylight saving nights of 2027.
#include <doctest/doctest.h>

#include "sofia.h"

#include "events/schedule.h"

using namespace orpheus;
using namespace orpheus::events;
using namespace orpheus::events::test;

namespace {

constexpr std::uint8_t kWeekdays = 0x1f;  // Monday to Friday

catalog::Schedule parts(std::uint8_t weekdays, int from, int to) {
  catalog::Schedule s;
  s.parts.push_back({weekdays, from, to});
  return s;
}

}  // namespace

TEST_SUITE("Schedules") {
  TEST_CASE("An empty schedule always shows and never changes") {
    const catalog::Schedule always;
    CHECK(shown(always, sofia(), 0));
    CHECK(shown(always, sofia(), local(2027, 3, 15, 3, 0)));
    CHECK_FALSE(next_change(always, sofia(), 0));
  }

  TEST_CASE("Weekdays 9:00-13:00") {
    const auto zone = sofia();
    const auto s = parts(kWeekdays, 9 * 60, 13 * 60);
    // 2027-03-15 is a Monday, 2027-03-20 a Saturday.
    CHECK_FALSE(shown(s, zone, local(2027, 3, 15, 8, 59, 59)));
    CHECK(shown(s, zone, local(2027, 3, 15, 9, 0)));
    CHECK(shown(s, zone, local(2027, 3, 15, 12, 59)));
    CHECK(shown(s, zone, local(2027, 3, 15, 12, 59, 59)));
    CHECK_FALSE(shown(s, zone, local(2027, 3, 15, 13, 0)));
    CHECK(shown(s, zone, local(2027, 3, 19, 10, 0)));  // Friday
    CHECK_FALSE(shown(s, zone, local(2027, 3, 20, 11, 0)));
    CHECK_FALSE(shown(s, zone, local(2027, 3, 21, 11, 0)));

    CHECK(next_change(s, zone, local(2027, 3, 15, 12, 0)) == local(2027, 3, 15, 13, 0));
    CHECK(next_change(s, zone, local(2027, 3, 15, 12, 59, 59)) == local(2027, 3, 15, 13, 0));
    CHECK(next_change(s, zone, local(2027, 3, 15, 12, 0, 30)) == local(2027, 3, 15, 13, 0));  // a whole minute
    CHECK(next_change(s, zone, local(2027, 3, 15, 13, 0)) == local(2027, 3, 16, 9, 0));
    CHECK(next_change(s, zone, local(2027, 3, 15, 6, 0)) == local(2027, 3, 15, 9, 0));
    CHECK(next_change(s, zone, local(2027, 3, 19, 13, 0)) == local(2027, 3, 22, 9, 0));  // Friday -> Monday
    CHECK(next_change(s, zone, local(2027, 3, 20, 11, 0)) == local(2027, 3, 22, 9, 0));
  }

  TEST_CASE("Several day parts and weekends") {
    const auto zone = sofia();
    catalog::Schedule s;
    s.parts.push_back({kWeekdays, 9 * 60, 12 * 60});
    s.parts.push_back({kWeekdays, 14 * 60, 18 * 60});
    s.parts.push_back({0x60, 10 * 60, 1440});  // weekends until midnight
    CHECK(next_change(s, zone, local(2027, 3, 15, 12, 0)) == local(2027, 3, 15, 14, 0));
    CHECK(next_change(s, zone, local(2027, 3, 19, 18, 0)) == local(2027, 3, 20, 10, 0));
    // Saturday's part ends at midnight; Sunday's starts at 10:00 again.
    CHECK(next_change(s, zone, local(2027, 3, 20, 10, 0)) == local(2027, 3, 21, 0, 0));
    CHECK(next_change(s, zone, local(2027, 3, 21, 0, 0)) == local(2027, 3, 21, 10, 0));
    CHECK(next_change(s, zone, local(2027, 3, 21, 10, 0)) == local(2027, 3, 22, 0, 0));
    CHECK(shown(s, zone, local(2027, 3, 21, 23, 59)));
    CHECK_FALSE(shown(s, zone, local(2027, 3, 22, 0, 0)));
  }

  TEST_CASE("From and until days are inclusive") {
    const auto zone = sofia();
    catalog::Schedule s;
    s.from_day = civil_day(2027, 4, 1);
    s.until_day = civil_day(2027, 4, 30);
    CHECK_FALSE(shown(s, zone, local(2027, 3, 31, 23, 59, 59)));
    CHECK(shown(s, zone, local(2027, 4, 1, 0, 0)));
    CHECK(shown(s, zone, local(2027, 4, 30, 23, 59, 59)));
    CHECK_FALSE(shown(s, zone, local(2027, 5, 1, 0, 0)));
    CHECK(next_change(s, zone, local(2026, 1, 1, 0, 0)) == local(2027, 4, 1, 0, 0));  // over a year ahead
    CHECK(next_change(s, zone, local(2027, 4, 1, 0, 0)) == local(2027, 5, 1, 0, 0));
    CHECK_FALSE(next_change(s, zone, local(2027, 5, 1, 0, 0)));

    catalog::Schedule open_ended;
    open_ended.from_day = civil_day(2027, 4, 1);
    CHECK(next_change(open_ended, zone, local(2027, 3, 1, 0, 0)) == local(2027, 4, 1, 0, 0));
    CHECK_FALSE(next_change(open_ended, zone, local(2027, 4, 1, 0, 0)));
  }

  TEST_CASE("Day parts within from and until days") {
    const auto zone = sofia();
    auto s = parts(kWeekdays, 9 * 60, 13 * 60);
    s.from_day = civil_day(2027, 3, 20);   // a Saturday
    s.until_day = civil_day(2027, 3, 23);  // a Tuesday
    CHECK_FALSE(shown(s, zone, local(2027, 3, 19, 10, 0)));  // a Friday, before the first day
    CHECK(next_change(s, zone, local(2027, 3, 1, 10, 0)) == local(2027, 3, 22, 9, 0));
    CHECK(next_change(s, zone, local(2027, 3, 22, 9, 0)) == local(2027, 3, 22, 13, 0));
    CHECK(next_change(s, zone, local(2027, 3, 23, 9, 0)) == local(2027, 3, 23, 13, 0));
    CHECK_FALSE(next_change(s, zone, local(2027, 3, 23, 13, 0)));  // Tuesday was the last day
    CHECK_FALSE(shown(s, zone, local(2027, 3, 24, 10, 0)));
  }

  TEST_CASE("A schedule that never changes again") {
    const auto zone = sofia();
    CHECK_FALSE(next_change(parts(0, 9 * 60, 13 * 60), zone, local(2027, 3, 15, 10, 0)));
    CHECK_FALSE(next_change(parts(0x7f, 0, 1440), zone, local(2027, 3, 15, 10, 0)));
    auto whole_days = parts(0x7f, 0, 1440);
    whole_days.until_day = civil_day(2027, 6, 30);
    CHECK(next_change(whole_days, zone, local(2027, 3, 15, 10, 0)) == local(2027, 7, 1, 0, 0));
  }

  TEST_CASE("A day part across the spring-forward night (2027-03-28, 03:00 -> 04:00)") {
    const auto zone = sofia();
    const auto s = parts(0x7f, 2 * 60 + 30, 4 * 60 + 30);
    CHECK_FALSE(shown(s, zone, utc_at("2027-03-28T00:29:59Z")));                                   // 02:29 EET
    CHECK(shown(s, zone, utc_at("2027-03-28T00:30:00Z")));                                         // 02:30 EET
    CHECK(shown(s, zone, utc_at("2027-03-28T01:00:00Z")));                                         // 04:00 EEST
    CHECK_FALSE(shown(s, zone, utc_at("2027-03-28T01:30:00Z")));                                   // 04:30 EEST
    CHECK(next_change(s, zone, utc_at("2027-03-27T23:00:00Z")) == utc_at("2027-03-28T00:30:00Z"));
    CHECK(next_change(s, zone, utc_at("2027-03-28T00:30:00Z")) == utc_at("2027-03-28T01:30:00Z"));  // one hour long
    CHECK(next_change(s, zone, utc_at("2027-03-28T01:30:00Z")) == utc_at("2027-03-28T23:30:00Z"));  // 02:30 EEST

    // A part wholly inside the gap never shows that night.
    const auto gap = parts(0x7f, 3 * 60, 3 * 60 + 30);
    CHECK(next_change(gap, zone, utc_at("2027-03-28T00:00:00Z")) == utc_at("2027-03-29T00:00:00Z"));
    // A part that begins inside the gap begins with the jump.
    const auto from_gap = parts(0x7f, 3 * 60 + 30, 5 * 60);
    CHECK(next_change(from_gap, zone, utc_at("2027-03-28T00:00:00Z")) == utc_at("2027-03-28T01:00:00Z"));
    CHECK(next_change(from_gap, zone, utc_at("2027-03-28T01:00:00Z")) == utc_at("2027-03-28T02:00:00Z"));
  }

  TEST_CASE("A day part across the fall-back night (2027-10-31, 04:00 -> 03:00)") {
    const auto zone = sofia();
    const auto s = parts(0x7f, 2 * 60 + 30, 4 * 60 + 30);
    // 02:30 EEST to 04:30 EET: three hours, without a break at the repeated hour.
    CHECK(next_change(s, zone, utc_at("2027-10-30T22:00:00Z")) == utc_at("2027-10-30T23:30:00Z"));
    CHECK(next_change(s, zone, utc_at("2027-10-30T23:30:00Z")) == utc_at("2027-10-31T02:30:00Z"));
    CHECK(shown(s, zone, utc_at("2027-10-31T01:15:00Z")));  // the second 03:15

    // A part inside the repeated hour shows twice.
    const auto twice = parts(0x7f, 3 * 60, 3 * 60 + 30);
    std::int64_t t = utc_at("2027-10-30T23:00:00Z");
    const char* changes[] = {"2027-10-31T00:00:00Z", "2027-10-31T00:30:00Z", "2027-10-31T01:00:00Z",
                             "2027-10-31T01:30:00Z", "2027-11-01T01:00:00Z"};
    for (const char* expected : changes) {
      CAPTURE(expected);
      const auto next = next_change(twice, zone, t);
      REQUIRE(next);
      CHECK(*next == utc_at(expected));
      t = *next;
    }

    // A part starting in the repeated hour starts again on its second pass.
    const auto later = parts(0x7f, 3 * 60 + 30, 5 * 60);
    CHECK(next_change(later, zone, utc_at("2027-10-31T00:00:00Z")) == utc_at("2027-10-31T00:30:00Z"));
    CHECK(next_change(later, zone, utc_at("2027-10-31T00:30:00Z")) == utc_at("2027-10-31T01:00:00Z"));
    CHECK(next_change(later, zone, utc_at("2027-10-31T01:00:00Z")) == utc_at("2027-10-31T01:30:00Z"));
    CHECK(next_change(later, zone, utc_at("2027-10-31T01:30:00Z")) == utc_at("2027-10-31T03:00:00Z"));
  }

  TEST_CASE("Weekday parts on the daylight saving Sundays") {
    const auto zone = sofia();
    const auto s = parts(kWeekdays, 9 * 60, 13 * 60);
    // Friday 13:00 before each change -> Monday 9:00 after it, in the new offset.
    CHECK(next_change(s, zone, local(2027, 3, 26, 13, 0)) == utc_at("2027-03-29T06:00:00Z"));
    CHECK(next_change(s, zone, local(2027, 10, 29, 13, 0)) == utc_at("2027-11-01T07:00:00Z"));
    CHECK(next_change(s, zone, local(2026, 10, 23, 13, 0)) == utc_at("2026-10-26T07:00:00Z"));
  }
}
