#pragma once
// Dates and times of events as a visitor reads them, in their language, with ICU's CLDR data:
// "сб, 14 март, 11:00" / "Sat 14 March, 11:00". Times are 24-hour in every language (a European
// museum's convention). Pure; any thread.
#include <cstdint>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "events/zone.h"

namespace orpheus::events {

// Weekday, day and month: "Sat 14 March", "сб, 14 март", "Sa., 14. März", "sam. 14 mars".
std::string format_day(std::int32_t day, std::string_view lang);
// "11:00"
std::string format_time(int minute);
// An occurrence as one line, in `zone`:
//   timed, one day:   "Sat 14 March, 11:00–12:30"
//   timed, overnight: "Sat 14 March, 22:00 – Sun 15 March, 01:00"
//   all-day, one day: "Sat 14 March"
//   all-day, longer:  "14 March – 28 April" (days without weekdays)
// `today`: the local day the visitor is in; when a date of the line is in another year, every
// date of it gets its year ("20 December 2026 – 10 January 2027"). An end at the next midnight
// reads "22:00–24:00". Unknown languages are worded in English; CLDR's narrow no-break spaces
// ("2026 г.") become U+00A0, which the kiosk's fonts always have.
std::string format_occurrence(const catalog::EventOccurrence& occurrence, const TimeZone& zone, std::string_view lang,
                              std::int32_t today);

}  // namespace orpheus::events
