// The programme's importers: series expanded (recurrence.h), iCalendar files as Google Calendar,
// Outlook/Exchange, Nextcloud and Thunderbird export them (events_ics.h), and CSV programmes
// (events_csv.h). The .ics fixtures below follow those programs' real exports: their PRODIDs,
// VTIMEZONE blocks, Windows zone names, quoting, folding and escaping.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "events/zone.h"
#include "packs/builder.h"
#include "packs/events_csv.h"
#include "packs/events_ics.h"
#include "packs/recurrence.h"
#include "packs/source.h"
#include "support/temp_dir.h"

using namespace orpheus;
using catalog::Audience;
using catalog::EventOccurrence;
using events::LocalTime;
using packs::Problem;
using packs::SeriesStart;

namespace {

const events::TimeZone& sofia() {
  static const events::TimeZone z = *events::TimeZone::named("Europe/Sofia");
  return z;
}

std::int32_t day(int y, int m, int d) { return events::civil_day(y, m, d); }
LocalTime at(int y, int m, int d, int h, int mi = 0) { return LocalTime{day(y, m, d), h * 60 + mi, 0}; }
// An instant given as its UTC wall clock.
std::int64_t utc(int y, int m, int d, int h, int mi = 0) { return std::int64_t{day(y, m, d)} * 86400 + h * 3600 + mi * 60; }

SeriesStart timed(LocalTime start, LocalTime end) { return SeriesStart{false, start, end}; }
SeriesStart all_day(std::int32_t first, std::int32_t end) { return SeriesStart{true, {first, 0, 0}, {end, 0, 0}}; }

std::vector<std::int64_t> starts(const std::vector<EventOccurrence>& v) {
  std::vector<std::int64_t> out;
  for (const auto& o : v) out.push_back(o.start);
  return out;
}

// "\n" -> "\r\n", as calendar programs write.
std::string crlf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const std::vector<std::string> kLanguages = {"bg", "en"};

struct Imported {
  std::vector<packs::EventSource> events;
  std::vector<Problem> problems;
  const packs::EventSource* find(std::string_view title_bg_or_en) const {
    for (const auto& e : events)
      if (e.title.exact("bg") == title_bg_or_en || e.title.exact("en") == title_bg_or_en) return &e;
    return nullptr;
  }
  std::string lines() const {
    std::string s;
    for (const auto& p : problems) s += p.str() + "\n";
    return s;
  }
  const Problem* problem_with(std::string_view text) const {
    for (const auto& p : problems)
      if (p.reason.find(text) != std::string::npos) return &p;
    return nullptr;
  }
  bool errors() const { return packs::has_errors(problems); }
};

Imported ics(const std::string& text, bool to_crlf = true) {
  test::TempDir dir;
  const auto file = dir / "programme.ics";
  test::write_text(file, to_crlf ? crlf(text) : text);
  Imported r;
  r.events = packs::import_ics(file, sofia(), kLanguages, "bg", r.problems);
  return r;
}

Imported csv(const std::string& text) {
  test::TempDir dir;
  const auto file = dir / "programme.csv";
  test::write_text(file, text);
  Imported r;
  r.events = packs::import_events_csv(file, sofia(), kLanguages, "bg", r.problems);
  return r;
}

}  // namespace

// --- expansion -------------------------------------------------------------------------------

TEST_CASE("recurrence: weekly Saturday 11:00 stays 11:00 across the spring change") {
  // Sofia changes to summer time on Sunday 28 March 2027: 11:00 is 09:00 UTC before, 08:00 after.
  const auto x = packs::expand_series(timed(at(2027, 3, 20, 11), at(2027, 3, 20, 12, 30)), "FREQ=WEEKLY;BYDAY=SA;COUNT=3",
                                      {}, sofia());
  REQUIRE(x.error.empty());
  REQUIRE(x.occurrences.size() == 3);
  CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 3, 20, 9), utc(2027, 3, 27, 9), utc(2027, 4, 3, 8)});
  for (const auto& o : x.occurrences) {
    CHECK_FALSE(o.all_day);
    CHECK(o.end - o.start == 90 * 60);
    CHECK(sofia().to_local(o.start).minute == 11 * 60);
  }
}

TEST_CASE("recurrence: a wall-clock duration over the change night") {
  // 22:00-05:00 each night: the clocks go from 03:00 to 04:00 on the night of the change, which
  // lasts 6 hours of real time, still ending 05:00.
  const auto x = packs::expand_series(timed(at(2027, 3, 27, 22), at(2027, 3, 28, 5)), "FREQ=DAILY;COUNT=2", {}, sofia());
  REQUIRE(x.error.empty());
  REQUIRE(x.occurrences.size() == 2);
  CHECK(x.occurrences[0].end - x.occurrences[0].start == 6 * 3600);
  CHECK(sofia().to_local(x.occurrences[0].end).minute == 5 * 60);
  CHECK(x.occurrences[1].end - x.occurrences[1].start == 7 * 3600);
}

TEST_CASE("recurrence: UNTIL as a date, a UTC time and a local time") {
  const auto first = timed(at(2027, 3, 13, 11), at(2027, 3, 13, 12));
  SUBCASE("a date includes that day") {
    const auto x = packs::expand_series(first, "FREQ=WEEKLY;UNTIL=20270327", {}, sofia());
    REQUIRE(x.error.empty());
    CHECK(x.occurrences.size() == 3);
  }
  SUBCASE("a UTC time compares as an instant") {
    // 27 March 11:00 in Sofia is 09:00 UTC.
    auto x = packs::expand_series(first, "FREQ=WEEKLY;UNTIL=20270327T090000Z", {}, sofia());
    REQUIRE(x.error.empty());
    CHECK(x.occurrences.size() == 3);
    x = packs::expand_series(first, "FREQ=WEEKLY;UNTIL=20270327T085959Z", {}, sofia());
    CHECK(x.occurrences.size() == 2);
  }
  SUBCASE("a local time compares on the wall clock") {
    auto x = packs::expand_series(first, "FREQ=WEEKLY;UNTIL=20270327T110000", {}, sofia());
    CHECK(x.occurrences.size() == 3);
    x = packs::expand_series(first, "FREQ=WEEKLY;UNTIL=20270327T105959", {}, sofia());
    CHECK(x.occurrences.size() == 2);
  }
  SUBCASE("lower case, with an RRULE: prefix") {
    const auto x = packs::expand_series(first, "rrule:freq=weekly;until=20270327", {}, sofia());
    CHECK(x.error.empty());
    CHECK(x.occurrences.size() == 3);
  }
}

TEST_CASE("recurrence: COUNT, INTERVAL and ordinals") {
  SUBCASE("COUNT") {
    const auto x = packs::expand_series(timed(at(2027, 1, 4, 18), at(2027, 1, 4, 19)), "FREQ=DAILY;COUNT=5", {}, sofia());
    CHECK(x.occurrences.size() == 5);
    CHECK(x.occurrences.back().start == utc(2027, 1, 8, 16));
  }
  SUBCASE("every other Saturday") {
    const auto x = packs::expand_series(timed(at(2027, 3, 20, 11), at(2027, 3, 20, 12)),
                                        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;COUNT=3", {}, sofia());
    CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 3, 20, 9), utc(2027, 4, 3, 8), utc(2027, 4, 17, 8)});
  }
  SUBCASE("the second Saturday of each month") {
    const auto x = packs::expand_series(timed(at(2027, 1, 9, 11), at(2027, 1, 9, 12)), "FREQ=MONTHLY;BYDAY=2SA;COUNT=4",
                                        {}, sofia());
    REQUIRE(x.error.empty());
    CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 1, 9, 9), utc(2027, 2, 13, 9), utc(2027, 3, 13, 9),
                                                             utc(2027, 4, 10, 8)});
  }
  SUBCASE("the last Sunday of each month (the change day itself)") {
    const auto x = packs::expand_series(timed(at(2027, 1, 31, 11), at(2027, 1, 31, 12)), "FREQ=MONTHLY;BYDAY=-1SU;COUNT=3",
                                        {}, sofia());
    CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 1, 31, 9), utc(2027, 2, 28, 9), utc(2027, 3, 28, 8)});
  }
  SUBCASE("a first date off the rule still counts first (RFC 5545)") {
    // Friday 12 March, then Saturdays: COUNT=3 in all.
    const auto x = packs::expand_series(timed(at(2027, 3, 12, 11), at(2027, 3, 12, 12)), "FREQ=WEEKLY;BYDAY=SA;COUNT=3",
                                        {}, sofia());
    CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 3, 12, 9), utc(2027, 3, 13, 9), utc(2027, 3, 20, 9)});
  }
  SUBCASE("BYMONTHDAY, BYMONTH, BYSETPOS") {
    auto x = packs::expand_series(timed(at(2027, 1, 15, 10), at(2027, 1, 15, 11)),
                                  "FREQ=YEARLY;BYMONTH=1,6;BYMONTHDAY=15;COUNT=3", {}, sofia());
    REQUIRE(x.error.empty());
    CHECK(x.occurrences.size() == 3);
    CHECK(x.occurrences[1].start == utc(2027, 6, 15, 7));
    // The last weekday of the month.
    x = packs::expand_series(timed(at(2027, 4, 30, 10), at(2027, 4, 30, 11)),
                             "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2", {}, sofia());
    REQUIRE(x.error.empty());
    CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 4, 30, 7), utc(2027, 5, 31, 7)});
  }
}

TEST_CASE("recurrence: EXDATE leaves out a date") {
  const std::vector<std::int64_t> ex = {utc(2027, 3, 27, 9)};
  const auto x = packs::expand_series(timed(at(2027, 3, 20, 11), at(2027, 3, 20, 12)), "FREQ=WEEKLY;COUNT=3", ex, sofia());
  CHECK(starts(x.occurrences) == std::vector<std::int64_t>{utc(2027, 3, 20, 9), utc(2027, 4, 3, 8)});
  const auto none = packs::expand_series(timed(at(2027, 3, 20, 11), at(2027, 3, 20, 12)), "", ex, sofia());
  CHECK(none.occurrences.size() == 1);
  const std::vector<std::int64_t> all = {utc(2027, 3, 20, 9)};
  const auto empty = packs::expand_series(timed(at(2027, 3, 20, 11), at(2027, 3, 20, 12)), "", all, sofia());
  CHECK_FALSE(empty.error.empty());
}

TEST_CASE("recurrence: an all-day series") {
  // A two-day festival each weekend, four weekends; the third left out.
  const std::vector<std::int64_t> ex = {day(2027, 6, 19)};
  const auto x = packs::expand_series(all_day(day(2027, 6, 5), day(2027, 6, 7)), "FREQ=WEEKLY;UNTIL=20270626", ex, sofia());
  REQUIRE(x.error.empty());
  REQUIRE(x.occurrences.size() == 3);
  CHECK(x.occurrences[0].all_day);
  CHECK(x.occurrences[0].start == day(2027, 6, 5));
  CHECK(x.occurrences[0].end == day(2027, 6, 7));
  CHECK(x.occurrences[2].start == day(2027, 6, 26));
  const auto single = packs::expand_series(all_day(day(2027, 5, 18), day(2027, 5, 19)), "", {}, sofia());
  REQUIRE(single.occurrences.size() == 1);
  CHECK(single.occurrences[0].end == day(2027, 5, 19));
}

TEST_CASE("recurrence: what is refused") {
  const auto first = timed(at(2027, 3, 20, 11), at(2027, 3, 20, 12));
  auto error = [&](const char* rule) { return packs::expand_series(first, rule, {}, sofia()).error; };
  CHECK(error("FREQ=HOURLY;COUNT=3") == "RRULE: FREQ=HOURLY is not supported (a series repeats daily, weekly, monthly or yearly)");
  CHECK(error("FREQ=MINUTELY;COUNT=3").starts_with("RRULE: FREQ=MINUTELY is not supported"));
  CHECK(error("FREQ=SECONDLY;COUNT=3").starts_with("RRULE: FREQ=SECONDLY is not supported"));
  CHECK(error("FREQ=WEEKLY;BYDAY=SA") == "RRULE has neither UNTIL nor COUNT (a series must end)");
  CHECK(error("FREQ=DAILY;COUNT=1001") == "more than 1000 dates");
  CHECK(error("FREQ=DAILY;UNTIL=20350101") == "more than 1000 dates");
  CHECK(error("FREQ=DAILY;BYHOUR=10,14;COUNT=4") == "RRULE: BYHOUR is not supported");
  CHECK(error("FREQ=YEARLY;BYWEEKNO=20;COUNT=2") == "RRULE: BYWEEKNO is not supported");
  CHECK(error("FREQ=DAILY;COUNT=3;X-FOO=1") == "RRULE: X-FOO is not a rule part");
  CHECK(error("FREQ=DAILY;COUNT=3;UNTIL=20270401").starts_with("RRULE has both UNTIL and COUNT"));
  CHECK(error("FREQ=DAILY;COUNT=0") == "RRULE: COUNT=0 is not a whole number above 0");
  CHECK(error("FREQ=DAILY;UNTIL=2027-04-01").starts_with("RRULE: UNTIL=2027-04-01 is not a date"));
  CHECK(error("FREQ=FORTNIGHTLY;COUNT=2") == "RRULE: FREQ=FORTNIGHTLY is not a frequency");
  CHECK(error("COUNT=2") == "RRULE has no FREQ");
  CHECK(error("FREQ=DAILY;UNTIL=20270101") == "RRULE: UNTIL is before the first date");
  CHECK(error("FREQ=WEEKLY;BYDAY=XX;COUNT=2").find("not understood") != std::string::npos);
  CHECK_FALSE(packs::expand_series(timed(at(2027, 3, 20, 12), at(2027, 3, 20, 11)), "", {}, sofia()).error.empty());
}

// --- iCalendar ------------------------------------------------------------------------------

// Europe/Sofia's rules as calendar programs write them inside its VTIMEZONE.
const std::string kSofiaRules = R"(BEGIN:DAYLIGHT
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
TZNAME:EEST
DTSTART:19700329T030000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
TZNAME:EET
DTSTART:19701025T040000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
)";

// Google Calendar's "Export": a VTIMEZONE of the calendar's zone (with X-LIC-LOCATION), series in
// that zone with UNTIL in UTC, a moved date as a VEVENT with RECURRENCE-ID, single events in UTC,
// DESCRIPTION with HTML, lines folded at 75 octets.
const std::string kGoogle = R"(BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Музей – програма
X-WR-TIMEZONE:Europe/Sofia
BEGIN:VTIMEZONE
TZID:Europe/Sofia
X-LIC-LOCATION:Europe/Sofia
)" + kSofiaRules + R"(END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Europe/Sofia:20270320T110000
DTEND;TZID=Europe/Sofia:20270320T123000
RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20270417T075959Z;BYDAY=SA
EXDATE;TZID=Europe/Sofia:20270327T110000
DTSTAMP:20270301T120000Z
UID:5j1g0q4n1bq9v3k2l5m7n8p0r2@google.com
CREATED:20270215T101010Z
DESCRIPTION:<b>Тракийското злато</b> с уредник на музея. Разходката трае ок
 оло час и половина.<br><br>Събиране на входа.
LAST-MODIFIED:20270301T115959Z
LOCATION:Зала 2\, Археологически музей
SEQUENCE:1
STATUS:CONFIRMED
SUMMARY:Беседа в залата
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Sofia:20270403T140000
DTEND;TZID=Europe/Sofia:20270403T153000
DTSTAMP:20270301T120000Z
UID:5j1g0q4n1bq9v3k2l5m7n8p0r2@google.com
RECURRENCE-ID;TZID=Europe/Sofia:20270403T110000
CREATED:20270215T101010Z
DESCRIPTION:<b>Тракийското злато</b> с уредник на музея. Разходката трае ок
 оло час и половина.<br><br>Събиране на входа.
LAST-MODIFIED:20270301T115959Z
LOCATION:Зала 2\, Археологически музей
SEQUENCE:2
STATUS:CONFIRMED
SUMMARY:Беседа в залата
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART:20270415T160000Z
DTEND:20270415T173000Z
DTSTAMP:20270301T120000Z
UID:0a9b8c7d6e5f4g3h2i1j0k9l8m@google.com
DESCRIPTION:
LOCATION:
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Лекция: Севтополис
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270518
DTEND;VALUE=DATE:20270519
DTSTAMP:20270301T120000Z
UID:4q3w2e1r0t9y8u7i6o5p4a3s2d@google.com
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Международен ден на музеите – вход свободен
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Sofia:20270422T180000
DTEND;TZID=Europe/Sofia:20270422T190000
DTSTAMP:20270301T120000Z
UID:cancelled1234567890@google.com
SEQUENCE:3
STATUS:CANCELLED
SUMMARY:Отменена лекция
END:VEVENT
END:VCALENDAR
)";

TEST_CASE("ics: a Google Calendar export") {
  const auto r = ics(kGoogle);
  INFO(r.lines());
  CHECK(r.problems.empty());
  REQUIRE(r.events.size() == 3);

  const auto* tour = r.find("Беседа в залата");
  REQUIRE(tour);
  CHECK(tour->slug == "5j1g0q4n1bq9v3k2l5m7n8p0r2-google-com");
  CHECK(tour->loc.line == 26);
  // 20 March, (27 March excluded), 3 April moved to 14:00, 10 April; UNTIL 17 April 07:59:59 UTC
  // leaves out 17 April 11:00 (08:00 UTC).
  CHECK(starts(tour->occurrences) ==
        std::vector<std::int64_t>{utc(2027, 3, 20, 9), utc(2027, 4, 3, 11), utc(2027, 4, 10, 8)});
  CHECK(tour->occurrences[1].end - tour->occurrences[1].start == 90 * 60);
  CHECK(tour->place.exact("bg") == "Зала 2, Археологически музей");
  // HTML reduced, the folded line joined.
  CHECK(tour->description.exact("bg") ==
        "Тракийското злато с уредник на музея. Разходката трае около час и половина.\n\nСъбиране на входа.");
  CHECK(tour->summary.exact("bg") == "Тракийското злато с уредник на музея.");
  CHECK(tour->text_locs.title.line == 40);

  const auto* lecture = r.find("Лекция: Севтополис");
  REQUIRE(lecture);
  REQUIRE(lecture->occurrences.size() == 1);
  CHECK(lecture->occurrences[0].start == utc(2027, 4, 15, 16));
  CHECK(lecture->occurrences[0].end == utc(2027, 4, 15, 17, 30));
  CHECK(lecture->description.empty());

  const auto* day_event = r.find("Международен ден на музеите – вход свободен");
  REQUIRE(day_event);
  REQUIRE(day_event->occurrences.size() == 1);
  CHECK(day_event->occurrences[0].all_day);
  CHECK(day_event->occurrences[0].start == day(2027, 5, 18));
  CHECK(day_event->occurrences[0].end == day(2027, 5, 19));

  CHECK_FALSE(r.find("Отменена лекция"));
}

// Outlook 2016 "Save as iCalendar": Windows zone names (quoted in TZID parameters), a VTIMEZONE
// of that name with rules from 1601, LANGUAGE=bg-BG, EXDATE as a comma list, 112-digit UIDs,
// X-ALT-DESC with the HTML, X-MICROSOFT properties.
const char* kOutlook = R"(BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:FLE Standard Time
BEGIN:STANDARD
DTSTART:16011028T040000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20270110T093000Z
DESCRIPTION:Работилница за деца от 6 до 12 години: рисуваме тракийски съдо
 ве.\n\nМатериалите са осигурени.\n
DTEND;TZID="FLE Standard Time":20270109T123000
DTSTAMP:20270110T093000Z
DTSTART;TZID="FLE Standard Time":20270109T103000
EXDATE;TZID="FLE Standard Time":20270213T103000,20270313T103000
LAST-MODIFIED:20270110T093000Z
LOCATION:Образователен център
PRIORITY:5
RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=2SA
SEQUENCE:0
SUMMARY;LANGUAGE=bg-BG:Работилница „Малкият археолог“
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E0080000000050D9C8E3F2E5DA01000000000000000
 010000000C3E1C2B6A1F3C94E9C5A6B1D2E3F4A5B
X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//E
 N">\n<HTML><BODY><P>Работилница</P></BODY></HTML>
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MS-OLK-AUTOFILLLOCATION:FALSE
X-MS-OLK-CONFTYPE:0
END:VEVENT
BEGIN:VEVENT
CLASS:PUBLIC
DTEND;TZID="W. Europe Standard Time":20270601T190000
DTSTAMP:20270110T093000Z
DTSTART;TZID="W. Europe Standard Time":20270601T180000
SUMMARY;LANGUAGE=en-us:Online lecture from Berlin
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5DA01000000000000000
 010000000AABBCCDDEEFF00112233445566778899
END:VEVENT
END:VCALENDAR
)";

TEST_CASE("ics: an Outlook export with Windows time zones") {
  const auto r = ics(kOutlook);
  INFO(r.lines());
  CHECK(r.problems.empty());
  REQUIRE(r.events.size() == 2);
  const auto* workshop = r.find("Работилница „Малкият археолог“");
  REQUIRE(workshop);
  CHECK(workshop->title.exact("bg") == "Работилница „Малкият археолог“");  // bg-BG read as bg
  // Six second Saturdays from January, February and March left out.
  CHECK(starts(workshop->occurrences) == std::vector<std::int64_t>{utc(2027, 1, 9, 8, 30), utc(2027, 4, 10, 7, 30),
                                                                   utc(2027, 5, 8, 7, 30), utc(2027, 6, 12, 7, 30)});
  CHECK(workshop->description.exact("bg") ==
        "Работилница за деца от 6 до 12 години: рисуваме тракийски съдове.\n\nМатериалите са осигурени.");
  CHECK(workshop->summary.exact("bg") == "Работилница за деца от 6 до 12 години: рисуваме тракийски съдове.");
  CHECK(workshop->place.exact("bg") == "Образователен център");
  // The long Outlook UID: cut, with a hash to keep it unique.
  CHECK(workshop->slug.size() <= 40);
  CHECK(workshop->slug.starts_with("040000008200e00074c5b7101a82e00-"));
  const auto* berlin = r.find("Online lecture from Berlin");
  REQUIRE(berlin);
  CHECK(berlin->title.exact("en") == "Online lecture from Berlin");
  CHECK(berlin->slug != workshop->slug);
  // 18:00 in Berlin (CEST, +2) is 16:00 UTC.
  REQUIRE(berlin->occurrences.size() == 1);
  CHECK(berlin->occurrences[0].start == utc(2027, 6, 1, 16));
}

// Nextcloud / Thunderbird: IANA TZIDs with a VTIMEZONE, CATEGORIES, all-day events without DTEND,
// DURATION, a floating time, a private event, a cancelled date of a series, SUMMARY in two
// languages, a line folded inside a Cyrillic letter.
TEST_CASE("ics: a Nextcloud / Thunderbird export") {
  std::string folded_inside_a_letter = "DESCRIPTION:Разказ за \xD0";  // "Д" split over two lines
  folded_inside_a_letter += "\n \x94ионис и тракийските мистерии.";
  const std::string text = std::string(R"(BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//IDN nextcloud.com//Calendar app 4.6.0//EN
CALSCALE:GREGORIAN
BEGIN:VTIMEZONE
TZID:Europe/Sofia
)" + kSofiaRules + R"(END:VTIMEZONE
BEGIN:VEVENT
CREATED:20270201T100000Z
DTSTAMP:20270201T100000Z
LAST-MODIFIED:20270201T100000Z
SEQUENCE:2
UID:8f1d9c3a-7b2e-4d5f-a6c8-0e9b1a2c3d4e
DTSTART;TZID=Europe/Sofia:20270306T110000
DURATION:PT1H30M
RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=4
SUMMARY;LANGUAGE=bg:Семейна неделя
SUMMARY;LANGUAGE=en:Family Sunday
CATEGORIES:Деца,Семейства
CATEGORIES:Workshop
X-MOZ-GENERATION:3
)") + folded_inside_a_letter + R"(
END:VEVENT
BEGIN:VEVENT
UID:8f1d9c3a-7b2e-4d5f-a6c8-0e9b1a2c3d4e
RECURRENCE-ID;TZID=Europe/Sofia:20270320T110000
DTSTART;TZID=Europe/Sofia:20270320T110000
DURATION:PT1H30M
STATUS:CANCELLED
SUMMARY;LANGUAGE=bg:Семейна неделя
END:VEVENT
BEGIN:VEVENT
UID:a1b2c3d4-0000-4000-8000-000000000001
DTSTART;VALUE=DATE:20270601
SUMMARY:Ден на детето
CATEGORIES:Kids,Accessible
END:VEVENT
BEGIN:VEVENT
UID:a1b2c3d4-0000-4000-8000-000000000002
DTSTART;VALUE=DATE:20270710
DTEND;VALUE=DATE:20270713
SUMMARY:Тракийски фестивал
END:VEVENT
BEGIN:VEVENT
UID:a1b2c3d4-0000-4000-8000-000000000003
DTSTART:20270415T183000
DTEND:20270415T200000
SUMMARY:Нощ на музеите (плаваща)
END:VEVENT
BEGIN:VEVENT
UID:a1b2c3d4-0000-4000-8000-000000000004
CLASS:PRIVATE
DTSTART;TZID=Europe/Sofia:20270415T090000
DTEND;TZID=Europe/Sofia:20270415T100000
SUMMARY:Staff meeting
END:VEVENT
BEGIN:VEVENT
UID:a1b2c3d4-0000-4000-8000-000000000005
DTSTART;TZID=/mozilla.org/20050126_1/Europe/Sofia:20270416T100000
DTEND;TZID=/mozilla.org/20050126_1/Europe/Sofia:20270416T110000
SUMMARY:Old Thunderbird zone name
END:VEVENT
END:VCALENDAR
)";
  const auto r = ics(text);
  INFO(r.lines());
  CHECK_FALSE(r.errors());
  REQUIRE(r.problems.size() == 1);  // the private event, left out with a warning
  CHECK(r.problems[0].warning);
  CHECK(r.problems[0].line == 67);
  CHECK(r.problems[0].field == "CLASS");
  REQUIRE(r.events.size() == 5);

  const auto* family = r.find("Семейна неделя");
  REQUIRE(family);
  CHECK(family->title.exact("en") == "Family Sunday");
  CHECK(family->slug == "8f1d9c3a-7b2e-4d5f-a6c8-0e9b1a2c3d4e");
  CHECK(family->audience == std::vector<Audience>{Audience::children, Audience::families});
  CHECK(family->description.exact("bg") == "Разказ за Дионис и тракийските мистерии.");
  // Four Saturdays, the third cancelled.
  CHECK(starts(family->occurrences) == std::vector<std::int64_t>{utc(2027, 3, 6, 9), utc(2027, 3, 13, 9), utc(2027, 3, 27, 9)});
  CHECK(family->occurrences[0].end - family->occurrences[0].start == 90 * 60);

  const auto* children = r.find("Ден на детето");
  REQUIRE(children);
  CHECK(children->audience == std::vector<Audience>{Audience::children, Audience::accessible});
  REQUIRE(children->occurrences.size() == 1);
  CHECK(children->occurrences[0].all_day);
  CHECK(children->occurrences[0].end == children->occurrences[0].start + 1);  // no DTEND: one day

  const auto* festival = r.find("Тракийски фестивал");
  REQUIRE(festival);
  CHECK(festival->occurrences[0].start == day(2027, 7, 10));
  CHECK(festival->occurrences[0].end == day(2027, 7, 13));  // 10, 11, 12 July: DTEND exclusive

  const auto* floating = r.find("Нощ на музеите (плаваща)");
  REQUIRE(floating);
  CHECK(floating->occurrences[0].start == utc(2027, 4, 15, 15, 30));  // the museum's wall clock

  const auto* old = r.find("Old Thunderbird zone name");
  REQUIRE(old);
  CHECK(old->occurrences[0].start == utc(2027, 4, 16, 7));
  CHECK_FALSE(r.find("Staff meeting"));
}

TEST_CASE("ics: a moved date with texts of its own becomes an event of its own") {
  const auto r = ics(R"(BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:tour
DTSTART;TZID=Europe/Sofia:20270306T110000
DTEND;TZID=Europe/Sofia:20270306T120000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Обиколка
END:VEVENT
BEGIN:VEVENT
UID:tour
RECURRENCE-ID;TZID=Europe/Sofia:20270313T110000
DTSTART;TZID=Europe/Sofia:20270313T150000
DTEND;TZID=Europe/Sofia:20270313T160000
SUMMARY:Обиколка на английски
END:VEVENT
END:VCALENDAR
)");
  INFO(r.lines());
  CHECK(r.problems.empty());
  REQUIRE(r.events.size() == 2);
  CHECK(starts(r.events[0].occurrences) == std::vector<std::int64_t>{utc(2027, 3, 6, 9), utc(2027, 3, 20, 9)});
  CHECK(r.events[1].slug == "tour-20270313");
  CHECK(r.events[1].title.exact("bg") == "Обиколка на английски");
  CHECK(starts(r.events[1].occurrences) == std::vector<std::int64_t>{utc(2027, 3, 13, 13)});
}

TEST_CASE("ics: DURATION, DTEND in another zone, RDATE, LF line ends") {
  const auto r = ics(
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=Europe/Sofia:20270306T110000\n"
      "DTEND;TZID=Europe/London:20270306T100000\nRDATE;TZID=Europe/Sofia:20270310T110000,20270312T110000\n"
      "SUMMARY:X\nEND:VEVENT\nBEGIN:VEVENT\nUID:y\nDTSTART;VALUE=DATE:20270306\nDURATION:P2D\nSUMMARY:Y\n"
      "END:VEVENT\nEND:VCALENDAR\n",
      false);
  INFO(r.lines());
  CHECK(r.problems.empty());
  REQUIRE(r.events.size() == 2);
  // 11:00 Sofia (09:00 UTC) to 10:00 London (10:00 UTC): an hour, on every date.
  REQUIRE(r.events[0].occurrences.size() == 3);
  for (const auto& o : r.events[0].occurrences) CHECK(o.end - o.start == 3600);
  CHECK(r.events[0].occurrences[2].start == utc(2027, 3, 12, 9));
  CHECK(r.events[1].occurrences[0].end == day(2027, 3, 8));
}

TEST_CASE("ics: problems at their lines") {
  SUBCASE("a file cut short") {
    const auto r = ics("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20270306T110000Z\nSUMMARY:A\n");
    INFO(r.lines());
    CHECK(r.events.empty());
    REQUIRE(r.problem_with("BEGIN:VEVENT is never ended"));
    CHECK(r.problem_with("BEGIN:VEVENT is never ended")->line == 3);
    CHECK(r.problem_with("BEGIN:VCALENDAR is never ended")->line == 1);
  }
  SUBCASE("not an iCalendar file") {
    const auto r = ics("title,start\nA,2027-03-06\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].reason == "not an iCalendar file: it does not start with BEGIN:VCALENDAR");
    CHECK(r.problems[0].line == 1);
  }
  SUBCASE("values libical cannot read, unknown zones, ends before starts, rules without an end") {
    const auto r = ics(R"(BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:a
SUMMARY:Bad start
DTSTART:2027-03-06 11:00
DTEND:20270306T120000Z
END:VEVENT
BEGIN:VEVENT
UID:b
SUMMARY:Unknown zone
DTSTART;TZID=Customized Time Zone:20270306T110000
DTEND;TZID=Customized Time Zone:20270306T120000
END:VEVENT
BEGIN:VEVENT
UID:c
SUMMARY:Backwards
DTSTART:20270306T110000Z
DTEND:20270306T100000Z
END:VEVENT
BEGIN:VEVENT
UID:d
SUMMARY:Forever
DTSTART:20270306T110000Z
DTEND:20270306T120000Z
RRULE:FREQ=WEEKLY
END:VEVENT
BEGIN:VEVENT
UID:e
DTSTART:20270306T110000Z
DTEND:20270306T120000Z
END:VEVENT
BEGIN:VEVENT
UID:f
SUMMARY:Hourly
DTSTART:20270306T110000Z
DTEND:20270306T120000Z
RRULE:FREQ=HOURLY;COUNT=3
END:VEVENT
BEGIN:VEVENT
UID:g
SUMMARY:Changed from here on
RECURRENCE-ID;RANGE=THISANDFUTURE:20270313T110000Z
DTSTART:20270313T120000Z
DTEND:20270313T130000Z
END:VEVENT
BEGIN:VEVENT
UID:h
SUMMARY:No end
DTSTART:20270306T110000Z
END:VEVENT
BEGIN:VEVENT
UID:i
SUMMARY:Same unknown zone
DTSTART;TZID=Customized Time Zone:20270307T110000
DTEND;TZID=Customized Time Zone:20270307T120000
END:VEVENT
END:VCALENDAR
)");
    INFO(r.lines());
    CHECK(r.events.empty());
    auto has = [&](int line, const char* field, const char* text) {
      for (const auto& p : r.problems)
        if (p.line == line && p.field == field && p.reason.find(text) != std::string::npos && !p.warning) return true;
      return false;
    };
    CHECK(has(6, "DTSTART", "Can't parse as DATE-TIME value"));
    CHECK(has(12, "DTSTART", "unknown time zone 'Customized Time Zone'"));
    CHECK(r.problem_with("unknown time zone")->reason.find("(and 1 more uses of it)") != std::string::npos);
    CHECK(has(19, "DTEND", "the event ends before it starts"));
    CHECK(has(26, "RRULE", "RRULE has neither UNTIL nor COUNT (a series must end)"));
    CHECK(has(28, "SUMMARY", "the event has no title (SUMMARY)"));
    CHECK(has(38, "RRULE", "FREQ=HOURLY is not supported"));
    CHECK(has(43, "RECURRENCE-ID", "RANGE=THISANDFUTURE"));
    CHECK(has(50, "DTSTART", "no end"));
    CHECK(has(55, "DTSTART", "unknown time zone 'Customized Time Zone'") == false);  // said once
    CHECK(r.problems.size() == 8);
    CHECK(r.events.size() == 0);
    CHECK(r.problems[0].str().find("programme.ics:6:0: DTSTART: libical: Can't parse as DATE-TIME value in DTSTART "
                                   "property: '2027-03-06 11:00'") != std::string::npos);
  }
  SUBCASE("a line that is no property, and one libical cannot read in a property not used") {
    const auto r = ics(R"(BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:a
SUMMARY:A
DTSTART:20270306T110000Z
DTEND:20270306T120000Z
DTSTAMP:yesterday
this line lost its fold
END:VEVENT
END:VCALENDAR
)");
    INFO(r.lines());
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].line == 8);
    CHECK(r.problems[0].warning);  // DTSTAMP is not read
    CHECK(r.problems[1].line == 9);
    CHECK_FALSE(r.problems[1].warning);
  }
  SUBCASE("a LANGUAGE the pack does not have") {
    const auto r = ics(R"(BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:a
SUMMARY;LANGUAGE=de:Führung
SUMMARY:Обиколка
DTSTART:20270306T110000Z
DTEND:20270306T120000Z
END:VEVENT
END:VCALENDAR
)");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].warning);
    CHECK(r.problems[0].line == 5);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].title.entries().size() == 1);
  }
}

TEST_CASE("ics: words for audiences, summaries, slugs") {
  using packs::detail::audience_from_word;
  CHECK(audience_from_word("Деца") == Audience::children);
  CHECK(audience_from_word("kids") == Audience::children);
  CHECK(audience_from_word(" FAMILIES ") == Audience::families);
  CHECK(audience_from_word("достъпно") == Audience::accessible);
  CHECK(audience_from_word("Училища") == Audience::schools);
  CHECK_FALSE(audience_from_word("Lecture"));
  using packs::detail::summary_from_description;
  CHECK(summary_from_description("Short.") == "Short.");
  CHECK(summary_from_description("Ул. Г. Раковски 1 е адресът на музея. Втора.") == "Ул. Г. Раковски 1 е адресът на музея.");
  const std::string long_text(300, 'a');
  CHECK(summary_from_description("word " + long_text) == "word " + std::string(195, 'a') + "…");  // no word to cut at
  CHECK(summary_from_description(std::string(150, 'b') + " " + long_text) == std::string(150, 'b') + "…");
  CHECK(packs::detail::slug_from_uid("ABC@example.com") == "abc-example-com");
  CHECK(packs::detail::slug_from_uid("???").starts_with("event-"));
}

// --- CSV -----------------------------------------------------------------------------------------

TEST_CASE("csv: a programme with every column") {
  const auto r = csv(
      "id;title_bg;title_en;summary_bg;description_bg;start;end;room_bg;room_en;audience;free;price_bg;booking_bg;image\n"
      "tour;Беседа;Talk;Кратко;Дълго <b>описание</b>;14.03.2027 11:00;14.03.2027 12:30;Зала 2;Hall 2;деца, семейства;"
      "да;;На касата;tour.jpg\n"
      "tour;;;;;2027-03-21 11:00;12:30;;;;;;;\n"
      "night;Нощ на музеите;Museum night;;;2027-05-15T19:00;2027-05-16T01:00;;;adults;no;10 лв.;;\n"
      "fest;Фестивал;Festival;;;10.07.2027 г.;12.07.2027 г.;;;;;;;\n");
  INFO(r.lines());
  CHECK(r.problems.empty());
  REQUIRE(r.events.size() == 3);
  const auto& tour = r.events[0];
  CHECK(tour.slug == "tour");
  CHECK(tour.title.exact("en") == "Talk");
  CHECK(tour.description.exact("bg") == "Дълго описание");
  CHECK(tour.room.exact("en") == "Hall 2");
  CHECK(tour.audience == std::vector<Audience>{Audience::children, Audience::families});
  CHECK(tour.free);
  CHECK(tour.booking.exact("bg") == "На касата");
  REQUIRE(tour.image);
  CHECK(tour.image->file == "tour.jpg");
  CHECK(tour.image->loc.line == 2);
  CHECK(tour.image->loc.column == 14);
  CHECK(tour.loc.line == 2);
  // Two rows, two dates; the second across the spring change.
  CHECK(starts(tour.occurrences) == std::vector<std::int64_t>{utc(2027, 3, 14, 9), utc(2027, 3, 21, 9)});
  CHECK(tour.occurrences[1].end == utc(2027, 3, 21, 10, 30));
  const auto& night = r.events[1];
  CHECK(night.price.exact("bg") == "10 лв.");
  CHECK_FALSE(night.free);
  CHECK(night.occurrences[0].end - night.occurrences[0].start == 6 * 3600);
  const auto& fest = r.events[2];
  REQUIRE(fest.occurrences.size() == 1);
  CHECK(fest.occurrences[0].all_day);
  CHECK(fest.occurrences[0].start == day(2027, 7, 10));
  CHECK(fest.occurrences[0].end == day(2027, 7, 13));  // the end date is the last day
}

TEST_CASE("csv: aliases, a title in the default language, a date alone, a repeat rule") {
  const auto r = csv(
      "Title,Start,End,Place (en),Repeat\n"
      "Обиколка,2027-03-06 11:00,2027-03-06 12:00,Old town,FREQ=WEEKLY;COUNT=3\n"
      "Ден на музеите,2027-05-18,,,\n");
  INFO(r.lines());
  CHECK(r.problems.empty());
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].title.exact("bg") == "Обиколка");
  CHECK(r.events[0].slug == "obikolka");
  CHECK(r.events[0].place.exact("en") == "Old town");
  CHECK(r.events[0].occurrences.size() == 3);
  CHECK(r.events[1].occurrences[0].all_day);
  CHECK(r.events[1].occurrences[0].end == day(2027, 5, 19));
}

TEST_CASE("csv: every problem at once, at its row and column") {
  const auto r = csv(
      "id,title_bg,start,end,audience,free,title_de,colour\n"
      "a,,2027-03-06 11:00,12:00,,,,\n"
      "b,Б,31.02.2027 11:00,12:00,,,,\n"
      "c,В,2027-03-06 11:00,10:00,,,,\n"
      "d,Г,2027-03-06 11:00,,pensioners,maybe,,\n"
      "e,Д,,,,,,\n"
      "b,Б,2027-03-07 11:00,12:00,,,,\n"
      "f,Е,2027-03-06,2027-03-06 12:00,,,,\n");
  INFO(r.lines());
  CHECK(r.events.empty());
  auto has = [&](int line, int column, const char* field, const char* text, bool warning = false) {
    for (const auto& p : r.problems)
      if (p.line == line && p.column == column && p.field == field && p.warning == warning &&
          p.reason.find(text) != std::string::npos)
        return true;
    return false;
  };
  CHECK(has(1, 7, "title_de", "'de' is not a language of the pack (bg, en)", true));
  CHECK(has(1, 8, "colour", "not a column of a programme", true));
  CHECK(has(2, 2, "title_bg", "no title"));
  CHECK(has(3, 3, "start", "'31.02.2027 11:00' is not a date"));
  CHECK(has(4, 4, "end", "the event ends before it starts"));
  CHECK(has(5, 4, "end", "needs an end"));
  CHECK(has(5, 5, "audience", "'pensioners' is not an audience"));
  CHECK(has(5, 6, "free", "'maybe' is not yes or no"));
  CHECK(has(6, 3, "start", "no start"));
  CHECK(has(8, 4, "end", "the start is a date (all day), so the end is a date too"));
  CHECK(r.problems.size() == 10);
  CHECK(r.problems[2].str().ends_with("programme.csv:2:2: title_bg: no title in any language"));
}

TEST_CASE("csv: the file as a whole") {
  SUBCASE("no start column") {
    const auto r = csv("title,when\nA,2027-03-06\n");
    CHECK(r.events.empty());
    REQUIRE(r.problem_with("no start column"));
    CHECK(r.problem_with("no start column")->line == 1);
  }
  SUBCASE("a second row of an id that differs") {
    const auto r = csv("id,title,start\nx,A,2027-03-06\nx,B,2027-03-07\n");
    REQUIRE(r.problem_with("differs from line 2"));
    CHECK(r.problem_with("differs from line 2")->line == 3);
    CHECK(r.problem_with("differs from line 2")->column == 2);
  }
  SUBCASE("the same column twice") {
    const auto r = csv("title,title_bg,start\nA,A,2027-03-06\n");
    REQUIRE(r.problem_with("the same column as column 1"));
  }
  SUBCASE("empty") {
    const auto r = csv("");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].reason.starts_with("the file is empty"));
  }
}
