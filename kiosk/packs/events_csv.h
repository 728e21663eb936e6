#pragma once
// Internal to orpheus_packs: a museum's programme as a CSV file (a spreadsheet or the museum's own
// system), read as events of the pack source (docs/events.md). Blocking, any thread. Not for the
// kiosk process.
#include <filesystem>
#include <string>
#include <vector>

#include "events/zone.h"
#include "packs/builder.h"
#include "packs/source.h"

namespace orpheus::packs {

// A header row names the columns (any letter case; a text column once per language with a
// suffix, "title_bg", "title_en", or without one for `default_language`):
//   id (slug, uid), title (name), summary, description, start (begin, from, date), end (until, to),
//   room, place (venue, location), address, audience (for), price, free, booking, image, item.
// `start` and `end`: "2027-03-14 11:00", "2027-03-14T11:00", "14.03.2027 11:00" (also
// "14.03.2027 г. 11:00 ч." and "11.00"), in `museum_zone`; a date alone is an all-day event whose
// `end` day is the last day (inclusive); an end that is a time alone ("13:00") is on the start's
// day. Rows with the same id are dates of one event (their other cells empty or the same).
// Every problem is appended, as FILE:LINE:COLUMN with the column's name as the field; the events
// come back in file order, complete only when no error was added. Images are left to the caller
// (ImageSource::file as written, `resolved` empty).
std::vector<EventSource> import_events_csv(const std::filesystem::path& file, const events::TimeZone& museum_zone,
                                           const std::vector<std::string>& languages,
                                           const std::string& default_language, std::vector<Problem>& problems);

}  // namespace orpheus::packs
