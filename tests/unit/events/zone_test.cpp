// Civil days, wall-clock parsing and Sofia's daylight saving changes read through ICU.
#include <doctest/doctest.h>

#include "sofia.h"

#include "events/zone.h"

using namespace orpheus::events;
using namespace orpheus::events::test;

namespace {

std::int64_t at(const char* iso_utc) {
  const auto t = parse_instant(iso_utc, TimeZone::utc());
  REQUIRE(t);
  return *t;
}

}  // namespace

TEST_SUITE("Civil days") {
  TEST_CASE("Days count from 1970-01-01 both ways") {
    CHECK(civil_day(1970, 1, 1) == 0);
    CHECK(civil_day(1970, 1, 2) == 1);
    CHECK(civil_day(1969, 12, 31) == -1);
    CHECK(civil_day(2000, 3, 1) == 11017);
    CHECK(civil_day(2027, 3, 14) == 20891);
    const auto d = civil_date(20891);
    CHECK(d.year == 2027);
    CHECK(d.month == 3);
    CHECK(d.day == 14);
    const auto before = civil_date(-1);
    CHECK(before.year == 1969);
    CHECK(before.month == 12);
    CHECK(before.day == 31);
    CHECK(civil_day(2028, 2, 29) - civil_day(2028, 2, 28) == 1);
  }

  TEST_CASE("Weekdays start on Monday") {
    CHECK(weekday(0) == 3);                           // 1970-01-01, a Thursday
    CHECK(weekday(civil_day(2027, 3, 14)) == 6);      // a Sunday
    CHECK(weekday(civil_day(2027, 3, 15)) == 0);      // a Monday
    CHECK(weekday(civil_day(2026, 3, 14)) == 5);      // a Saturday
    CHECK(weekday(-1) == 2);                          // 1969-12-31, a Wednesday
  }

  TEST_CASE("Dates are read and written in ISO form only") {
    CHECK(parse_date("2027-03-14") == civil_day(2027, 3, 14));
    CHECK(parse_date("2028-02-29") == civil_day(2028, 2, 29));
    CHECK_FALSE(parse_date("2027-02-29"));
    CHECK_FALSE(parse_date("2027-13-01"));
    CHECK_FALSE(parse_date("2027-3-14"));
    CHECK_FALSE(parse_date("14.03.2027"));
    CHECK_FALSE(parse_date("2027-03-14T10:00"));
    CHECK_FALSE(parse_date(""));
    CHECK(format_date(civil_day(2027, 3, 14)) == "2027-03-14");
    CHECK(format_date(-1) == "1969-12-31");
  }

  TEST_CASE("Wall-clock times and minutes of the day") {
    const auto t = parse_local_time("2027-03-14T11:05");
    REQUIRE(t);
    CHECK(t->day == civil_day(2027, 3, 14));
    CHECK(t->minute == 665);
    CHECK(t->second == 0);
    const auto s = parse_local_time("2027-03-14 23:59:30");
    REQUIRE(s);
    CHECK(s->minute == 1439);
    CHECK(s->second == 30);
    CHECK_FALSE(parse_local_time("2027-03-14T24:00"));
    CHECK_FALSE(parse_local_time("2027-03-14T11:60"));
    CHECK_FALSE(parse_local_time("2027-03-14"));
    CHECK_FALSE(parse_local_time("2027-03-14T11:00Z"));

    CHECK(parse_minute("11:00") == 660);
    CHECK(parse_minute("9:30") == 570);
    CHECK(parse_minute("00:00") == 0);
    CHECK(parse_minute("24:00") == 1440);
    CHECK_FALSE(parse_minute("24:01"));
    CHECK_FALSE(parse_minute("9:5"));
    CHECK_FALSE(parse_minute("930"));
    CHECK_FALSE(parse_minute("09:30:00"));
    CHECK_FALSE(parse_minute(""));
  }
}

TEST_SUITE("Time zones") {
  TEST_CASE("Zones are found by IANA and Windows names") {
    CHECK(sofia().name() == "Europe/Sofia");
    CHECK(TimeZone::utc().name() == "UTC");
    const auto fle = TimeZone::named("FLE Standard Time");
    REQUIRE(fle);
    CHECK(fle->name() == "Europe/Kiev");
    const auto berlin = TimeZone::named("W. Europe Standard Time");
    REQUIRE(berlin);
    CHECK(berlin->name() == "Europe/Berlin");
    CHECK_FALSE(TimeZone::named("Mars/Olympus_Mons"));
    CHECK_FALSE(TimeZone::named("Etc/Unknown"));
    CHECK_FALSE(TimeZone::named(""));
  }

  TEST_CASE("Instants are read with an offset, Z or in the zone") {
    const auto zone = sofia();
    CHECK(at("1970-01-01T00:00:00Z") == 0);
    CHECK(at("2027-03-14T09:00:00Z") == 1805014800);
    CHECK(parse_instant("2027-03-14T11:00:00+02:00", zone) == 1805014800);
    CHECK(parse_instant("2027-03-14T04:00-0500", zone) == 1805014800);
    CHECK(parse_instant("2027-03-14T11:00", zone) == 1805014800);  // EET in March
    CHECK(parse_instant("2027-07-14T11:00", zone) == at("2027-07-14T08:00:00Z"));  // EEST
    CHECK_FALSE(parse_instant("2027-03-14T11:00+2", zone));
    CHECK_FALSE(parse_instant("2027-03-14", zone));
    CHECK_FALSE(parse_instant("2027-03-14T11:00:00Zulu", zone));
    CHECK(format_instant(1805014800) == "2027-03-14T09:00:00Z");
    CHECK(format_instant(-1) == "1969-12-31T23:59:59Z");
  }

  TEST_CASE("Sofia springs forward on 2027-03-28: the gap maps after it") {
    const auto zone = sofia();
    const auto day = civil_day(2027, 3, 28);
    CHECK(zone.to_utc({day, 0, 0}) == at("2027-03-27T22:00:00Z"));
    CHECK(zone.to_utc({day, 2 * 60 + 59, 0}) == at("2027-03-28T00:59:00Z"));
    CHECK(zone.to_utc({day, 3 * 60, 0}) == at("2027-03-28T01:00:00Z"));        // 03:00 is 04:00 EEST
    CHECK(zone.to_utc({day, 3 * 60 + 30, 0}) == at("2027-03-28T01:30:00Z"));   // 04:30 EEST
    CHECK(zone.to_utc({day, 4 * 60, 0}) == at("2027-03-28T01:00:00Z"));
    CHECK(zone.to_utc({day, 4 * 60 + 30, 0}) == at("2027-03-28T01:30:00Z"));
    CHECK(zone.offset_minutes(at("2027-03-28T00:59:59Z")) == 120);
    CHECK(zone.offset_minutes(at("2027-03-28T01:00:00Z")) == 180);
    CHECK(zone.to_local(at("2027-03-28T01:00:00Z")) == LocalTime{day, 4 * 60, 0});
    CHECK(zone.to_local(at("2027-03-28T00:59:59Z")) == LocalTime{day, 2 * 60 + 59, 59});
    CHECK(zone.day_start(day + 1) - zone.day_start(day) == 23 * 3600);
  }

  TEST_CASE("Sofia falls back on 2027-10-31: the overlap maps to its first pass") {
    const auto zone = sofia();
    const auto day = civil_day(2027, 10, 31);
    CHECK(zone.to_utc({day, 2 * 60 + 59, 0}) == at("2027-10-30T23:59:00Z"));
    CHECK(zone.to_utc({day, 3 * 60, 0}) == at("2027-10-31T00:00:00Z"));       // 03:00 EEST
    CHECK(zone.to_utc({day, 3 * 60 + 30, 0}) == at("2027-10-31T00:30:00Z"));  // EEST, not EET
    CHECK(zone.to_utc({day, 3 * 60 + 59, 59}) == at("2027-10-31T00:59:59Z"));
    CHECK(zone.to_utc({day, 4 * 60, 0}) == at("2027-10-31T02:00:00Z"));
    CHECK(zone.to_local(at("2027-10-31T00:59:59Z")) == LocalTime{day, 3 * 60 + 59, 59});
    CHECK(zone.to_local(at("2027-10-31T01:00:00Z")) == LocalTime{day, 3 * 60, 0});  // the second 03:00
    CHECK(zone.offset_minutes(at("2027-10-31T01:00:00Z")) == 120);
    CHECK(zone.day_start(day + 1) - zone.day_start(day) == 25 * 3600);
  }

  TEST_CASE("2026-10-25 and 2027-03-28: a winter of EET") {
    const auto zone = sofia();
    const auto fall = civil_day(2026, 10, 25);
    CHECK(zone.to_utc({fall, 3 * 60 + 30, 0}) == at("2026-10-25T00:30:00Z"));
    CHECK(zone.to_local(at("2026-10-25T01:30:00Z")) == LocalTime{fall, 3 * 60 + 30, 0});
    CHECK(zone.offset_minutes(at("2026-12-06T18:00:00Z")) == 120);
    const auto spring_2026 = civil_day(2026, 3, 29);
    CHECK(zone.to_utc({spring_2026, 3 * 60 + 15, 0}) == at("2026-03-29T01:15:00Z"));
    CHECK(zone.day_start(civil_day(2027, 1, 1)) == at("2026-12-31T22:00:00Z"));
  }

  TEST_CASE("The next daylight saving change") {
    const auto zone = sofia();
    CHECK(zone.next_transition(at("2027-01-01T00:00:00Z")) == at("2027-03-28T01:00:00Z"));
    CHECK(zone.next_transition(at("2027-03-28T01:00:00Z")) == at("2027-10-31T01:00:00Z"));
    CHECK(zone.next_transition(at("2027-03-28T00:59:59Z")) == at("2027-03-28T01:00:00Z"));
    CHECK_FALSE(TimeZone::utc().next_transition(0));
  }

  TEST_CASE("A zone whose midnight falls in the gap starts the day after it") {
    // Santiago springs forward at midnight (2026-09-06: 00:00 -> 01:00).
    const auto santiago = TimeZone::named("America/Santiago");
    REQUIRE(santiago);
    const auto day = civil_day(2026, 9, 6);
    CHECK(santiago->to_local(santiago->day_start(day)) == LocalTime{day, 60, 0});
  }

  TEST_CASE("UTC is the identity") {
    const auto utc = TimeZone::utc();
    CHECK(utc.to_utc({civil_day(2027, 3, 14), 600, 5}) == at("2027-03-14T10:00:05Z"));
    CHECK(utc.to_local(-1) == LocalTime{-1, 1439, 59});
    CHECK(utc.offset_minutes(0) == 0);
  }
}
