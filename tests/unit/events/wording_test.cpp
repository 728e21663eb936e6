// Event dates in each language, as ICU 72's CLDR data words them (with our two fix-ups: no comma
// after an English weekday, U+00A0 for CLDR's narrow no-break space).
#include <doctest/doctest.h>

#include "sofia.h"

#include <string>

#include "events/wording.h"

using namespace orpheus;
using namespace orpheus::events;
using namespace orpheus::events::test;

namespace {

const std::int32_t kSaturday = civil_day(2026, 3, 14);
const std::int32_t kToday = civil_day(2026, 3, 1);

catalog::EventOccurrence timed(std::int32_t day, int from, std::int32_t end_day, int to) {
  const auto zone = sofia();
  return {false, zone.to_utc({day, from, 0}), zone.to_utc({end_day, to, 0})};
}

struct Expected {
  const char* lang;
  const char* day;          // format_day
  const char* talk;         // 11:00-12:30
  const char* overnight;    // 22:00 - 01:00 the next day
  const char* range;        // all day, 14 March to 28 April
  const char* other_year;   // the talk, seen in 2025
  const char* new_year;     // all day, 20 December 2026 to 10 January 2027
};

const Expected kExpected[] = {
    {"en", "Sat 14 March", "Sat 14 March, 11:00–12:30", "Sat 14 March, 22:00 – Sun 15 March, 01:00",
     "14 March – 28 April", "Sat 14 March 2026, 11:00–12:30", "20 December 2026 – 10 January 2027"},
    {"bg", "сб, 14 март", "сб, 14 март, 11:00–12:30", "сб, 14 март, 22:00 – нд, 15 март, 01:00", "14 март – 28 април",
     "сб, 14 март 2026\u00A0г., 11:00–12:30", "20 декември 2026\u00A0г. – 10 януари 2027\u00A0г."},
    {"de", "Sa., 14. März", "Sa., 14. März, 11:00–12:30", "Sa., 14. März, 22:00 – So., 15. März, 01:00",
     "14. März – 28. April", "Sa., 14. März 2026, 11:00–12:30", "20. Dezember 2026 – 10. Januar 2027"},
    {"fr", "sam. 14 mars", "sam. 14 mars, 11:00–12:30", "sam. 14 mars, 22:00 – dim. 15 mars, 01:00",
     "14 mars – 28 avril", "sam. 14 mars 2026, 11:00–12:30", "20 décembre 2026 – 10 janvier 2027"},
    {"ru", "сб, 14 марта", "сб, 14 марта, 11:00–12:30", "сб, 14 марта, 22:00 – вс, 15 марта, 01:00",
     "14 марта – 28 апреля", "сб, 14 марта 2026\u00A0г., 11:00–12:30",
     "20 декабря 2026\u00A0г. – 10 января 2027\u00A0г."},
    {"el", "Σάβ 14 Μαρτίου", "Σάβ 14 Μαρτίου, 11:00–12:30", "Σάβ 14 Μαρτίου, 22:00 – Κυρ 15 Μαρτίου, 01:00",
     "14 Μαρτίου – 28 Απριλίου", "Σάβ 14 Μαρτίου 2026, 11:00–12:30",
     "20 Δεκεμβρίου 2026 – 10 Ιανουαρίου 2027"},
};

}  // namespace

TEST_SUITE("Wording") {
  TEST_CASE("Times are 24-hour") {
    CHECK(format_time(0) == "00:00");
    CHECK(format_time(9 * 60 + 5) == "09:05");
    CHECK(format_time(13 * 60 + 30) == "13:30");
    CHECK(format_time(1439) == "23:59");
    CHECK(format_time(1440) == "24:00");
  }

  TEST_CASE("Days and occurrences in each language") {
    const auto zone = sofia();
    const auto talk = timed(kSaturday, 11 * 60, kSaturday, 12 * 60 + 30);
    const auto overnight = timed(kSaturday, 22 * 60, kSaturday + 1, 60);
    const catalog::EventOccurrence range{true, kSaturday, civil_day(2026, 4, 29)};
    const catalog::EventOccurrence new_year{true, civil_day(2026, 12, 20), civil_day(2027, 1, 11)};
    for (const auto& e : kExpected) {
      CAPTURE(e.lang);
      CHECK(format_day(kSaturday, e.lang) == e.day);
      CHECK(format_occurrence(talk, zone, e.lang, kToday) == e.talk);
      CHECK(format_occurrence(overnight, zone, e.lang, kToday) == e.overnight);
      CHECK(format_occurrence({true, kSaturday, kSaturday + 1}, zone, e.lang, kToday) == e.day);
      CHECK(format_occurrence(range, zone, e.lang, kToday) == e.range);
      CHECK(format_occurrence(talk, zone, e.lang, civil_day(2025, 12, 31)) == e.other_year);
      CHECK(format_occurrence(new_year, zone, e.lang, kToday) == e.new_year);
    }
  }

  TEST_CASE("An event ending at midnight ends at 24:00, not the next day") {
    const auto late = timed(kSaturday, 22 * 60, kSaturday + 1, 0);
    CHECK(format_occurrence(late, sofia(), "en", kToday) == "Sat 14 March, 22:00–24:00");
    const catalog::EventOccurrence moment{false, late.start, late.start};
    CHECK(format_occurrence(moment, sofia(), "en", kToday) == "Sat 14 March, 22:00");
  }

  TEST_CASE("Times are read in the museum's zone, across a daylight saving change") {
    const auto zone = sofia();
    const auto spring = civil_day(2027, 3, 28);
    const auto night = timed(spring, 2 * 60 + 30, spring, 4 * 60 + 30);
    CHECK(format_occurrence(night, zone, "en", spring) == "Sun 28 March, 02:30–04:30");
    CHECK(format_occurrence(night, TimeZone::utc(), "en", spring) == "Sun 28 March, 00:30–01:30");
    // All-day dates are civil days: no zone moves them.
    const catalog::EventOccurrence day{true, spring, spring + 1};
    CHECK(format_occurrence(day, TimeZone::utc(), "bg", spring) == "нд, 28 март");
    CHECK(format_day(-1, "en") == "Wed 31 December");
  }

  TEST_CASE("A language ICU does not know is worded in English") {
    CHECK(format_day(kSaturday, "xx") == "Sat 14 March");
    CHECK(format_day(kSaturday, "") == "Sat 14 March");
    CHECK(format_day(kSaturday, "en-GB") == "Sat 14 March");
    CHECK(format_day(kSaturday, "de-AT") == "Sa., 14. März");
  }
}
