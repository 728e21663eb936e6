#pragma once
// Internal to orpheus_packs: the programme side of reading a pack source (docs/events.md): the
// schedules of collection files and events, SRC/events/*.toml (one event per file), and the
// iCalendar and CSV programmes beside them (events_ics.h, events_csv.h); then the checks across
// all events. Every problem is appended with its file and line; nothing stops at the first.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "catalog/catalog.h"
#include "events/zone.h"
#include "packs/builder.h"
#include "packs/source.h"
#include "packs/toml_check.h"

namespace orpheus::packs::detail {

// A schedule table (a collection's `schedule`, an event's `visible`):
//   { from = "2027-01-10", until = "2027-06-30", days = ["mon", "tue"], hours = ["09:00-13:00"] }
// every key optional: days default to all, hours to the whole day. `field` is its dotted path.
catalog::Schedule read_schedule(TomlFile& file, const toml::node& node, const std::string& field);

// An image file named in a source file (`key` of `fields`, written as `file`): SRC/ first, then each
// --media-dir in order. Reports a problem (and returns empty) when it is not found.
std::filesystem::path locate_image(Fields& fields, std::string_view key, const std::string& file,
                                   const BuildOptions& options);

// The folders events are read from: SRC/events, then each of options.events_dirs.
// Each folder's *.toml (one event each), *.ics and *.csv files, in name order; appended to
// source.events. `zone` is the pack's (pack.toml time_zone).
void read_events(const BuildOptions& options, const LangRules& rules, const events::TimeZone& zone,
                 PackSource& source, std::vector<Problem>& problems);

// After the items are read: event ids unique across all files (a clash names both places), every
// image_item an item with a picture; then the events are put in order of their first occurrence.
void check_events(PackSource& source, const events::TimeZone& zone, std::vector<Problem>& problems);

// "2027-03-14 11:00", or "2027-03-14" for an all-day occurrence's day: for messages and inspect.
std::string local_text(const catalog::EventOccurrence& occurrence, const events::TimeZone& zone, bool end = false);

}  // namespace orpheus::packs::detail
