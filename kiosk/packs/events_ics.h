#pragma once
// Internal to orpheus_packs: a museum's programme exported from a calendar (iCalendar, RFC 5545:
// Google Calendar, Outlook/Exchange, Nextcloud, Thunderbird, Apple) read as events of the pack
// source (docs/events.md). Parsed with libical; series expanded by expand_series (recurrence.h).
// Blocking, any thread. Not for the kiosk process.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "events/zone.h"
#include "packs/builder.h"
#include "packs/source.h"

namespace orpheus::packs {

// Reads every VEVENT of `file`: SUMMARY -> title, DESCRIPTION -> description (its first sentence,
// or its first 200 characters, as summary), LOCATION -> place, CATEGORIES naming an audience ->
// audience, UID -> slug. Texts without a LANGUAGE parameter are in `default_language`; with one,
// in that language if it is one of `languages`. DTSTART with a TZID (IANA or Windows name), in
// UTC or floating (read in `museum_zone`), or a date (all-day); DTEND or DURATION; RRULE, RDATE,
// EXDATE; RECURRENCE-ID overrides (a moved or cancelled date); STATUS:CANCELLED and
// CLASS:PRIVATE/CONFIDENTIAL events left out. Every problem is appended, at the line of the
// property concerned or of the VEVENT's BEGIN line; the events come back in file order, complete
// only when no error was added. Slugs are unique within the file; images are left to the caller.
std::vector<EventSource> import_ics(const std::filesystem::path& file, const events::TimeZone& museum_zone,
                                    const std::vector<std::string>& languages, const std::string& default_language,
                                    std::vector<Problem>& problems);

namespace detail {

// An audience named in a calendar category or a CSV cell, in English or Bulgarian, any letter
// case: "children", "kids", "деца" -> children; "family", "семейства" -> families; "adults",
// "възрастни"; "schools", "училища"; "accessible", "достъпно". nullopt for any other word.
std::optional<catalog::Audience> audience_from_word(std::string_view word);

// A short summary of a longer text: its first sentence if that is at most `max_chars` characters
// long, else its first paragraph cut at a word before `max_chars` characters, with "…".
std::string summary_from_description(std::string_view description, std::size_t max_chars = 200);

// The slug of a calendar UID: slugify()'d; longer than 40 characters (Outlook's 112 hex digits),
// its first 31 and an 8-digit hash of the whole UID, so that it stays stable and unique.
std::string slug_from_uid(std::string_view uid);

}  // namespace detail
}  // namespace orpheus::packs
