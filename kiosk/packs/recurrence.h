#pragma once
// A series of an event expanded into its dates at build time (the kiosk lists occurrences and
// never expands rules): RFC 5545 recurrence rules in the subset museums' calendars write, shared by
// the .ics importer and the `repeat` of an events/*.toml file. Wall-clock times are kept across
// daylight saving changes ("every Saturday 11:00" is 11:00 in March and in April).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "events/zone.h"

namespace orpheus::packs {

// The first occurrence of a series: timed (start and end wall-clock times in `zone`) or all-day
// (start.day, end.day exclusive; minutes ignored).
struct SeriesStart {
  bool all_day = false;
  events::LocalTime start, end;
};

inline constexpr std::size_t kMaxOccurrences = 1000;

struct Expansion {
  std::vector<catalog::EventOccurrence> occurrences;  // in time order
  std::string error;  // empty, or what is wrong: "RRULE has neither UNTIL nor COUNT (a series must end)",
                      // "RRULE: FREQ=SECONDLY is not supported", "more than 1000 dates"
};

// `rrule`: "FREQ=WEEKLY;BYDAY=SA;UNTIL=20270328T235959Z" (empty: just the first occurrence).
// Supported: FREQ DAILY, WEEKLY, MONTHLY, YEARLY; INTERVAL; COUNT; UNTIL (a date, a UTC time or a
// local one); BYDAY (with ordinals for MONTHLY/YEARLY: 2SA, -1SU); BYMONTHDAY; BYMONTH; BYSETPOS;
// WKST. Anything else is an error naming it, as are FREQ=SECONDLY/MINUTELY/HOURLY, a rule with
// neither UNTIL nor COUNT (or both), and more than kMaxOccurrences dates. The first date always
// counts as the first occurrence (RFC 5545), even off the rule. UNTIL: a date includes that day, a
// UTC time compares with each start as an instant, a local time on the wall clock. Names and
// values in any letter case; an "RRULE:" prefix is allowed. `exclude`: EXDATEs, as occurrence
// starts (timed: UTC seconds; all-day: days).
Expansion expand_series(const SeriesStart& first, std::string_view rrule, std::span<const std::int64_t> exclude,
                        const events::TimeZone& zone);

}  // namespace orpheus::packs
