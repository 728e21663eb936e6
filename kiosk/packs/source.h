#pragma once
// The pack source as read from its TOML files: plain data, already checked. Also the input a
// future importer (IIIF, CSV) would produce before the same writer turns it into a pack.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/lang_text.h"
#include "geo/geo.h"
#include "packs/builder.h"

namespace orpheus::packs {

using catalog::LangText;

// Problem::kind of a picture an importer did not find on this computer: the reports count these
// as missing images.
inline constexpr std::string_view kMissingImage = "image not found";

struct SourceLoc {
  std::filesystem::path file;  // as shown to the user (source_dir joined with the relative path)
  int line = 0, column = 0;
};

struct ImageSource {
  std::string file;                 // as written in the item file, relative to SRC/
  std::filesystem::path resolved;   // the file found in SRC/ or a media dir (empty if not found)
  LangText caption, alt;
  SourceLoc loc;                    // of the `file` value
  std::string field;                // "images[1].file"
  // Filled by the image check:
  int width = 0, height = 0;
  std::string format;               // "jpeg", "png"
};

// A curator's recording of an item's texts in one language (docs/narration.md).
struct RecordingSource {
  std::string lang;
  std::filesystem::path file;     // .../narration/<item-slug>.<lang>.ogg
  std::filesystem::path timings;  // the .txt of sentence starts beside it; empty: none
};

// Where an item's or collection's title, summary and description are written (each one's language
// map), for a problem about the text as a whole (a required language missing). Line 0 when the
// source does not say (the importers): such problems are then put at the item's or collection's loc.
struct TextLocs {
  SourceLoc title, summary, description;
};

struct MetaSource {
  LangText label, value;
};

struct ItemSource {
  std::string slug, collection;
  int order = 0;
  std::optional<int> year_from, year_to;
  catalog::Certainty certainty = catalog::Certainty::exact;
  std::optional<double> latitude, longitude;
  std::optional<double> within_km;  // the find-spot is known only this closely (drawn as a soft circle)
  SourceLoc place_loc;              // of its `place` (for the map's region check)
  std::vector<std::string> tags;
  LangText title, summary, description, period, place_name, credit;
  std::vector<ImageSource> images;
  // A picture chosen to stand for the item in lists (an IIIF thumbnail): the first image's
  // thumbnail is made from it instead of from the image itself. Optional.
  std::optional<ImageSource> thumbnail;
  std::vector<MetaSource> metadata;
  std::vector<RecordingSource> recordings;  // found by the build (narration/), one per language at most
  SourceLoc loc;
  TextLocs text_locs;
  // Where the collection and each tag are named, for read_source's cross-check: parallel to tags
  // in a pack source; the importers, which check references themselves, leave both empty.
  SourceLoc collection_loc;
  std::vector<SourceLoc> tag_locs;
};

struct CollectionSource {
  std::string slug;
  int order = 0;
  LangText title, summary, description;
  std::optional<std::string> cover;
  SourceLoc loc, cover_loc;
  TextLocs text_locs;
  catalog::Schedule schedule;  // `schedule` of the collection file; empty: always shown
  SourceLoc schedule_loc;
};

// An event of the programme (docs/events.md): from SRC/events/*.toml, or imported from an
// iCalendar (.ics) or CSV file in SRC/events/. Its occurrences are expanded (a series ends, by
// date or count), instants in UTC.
struct EventSource {
  std::string slug;
  LangText title, summary, description;
  LangText room, place, address;
  LangText price, booking;
  bool free = false;
  std::vector<catalog::Audience> audience;
  std::optional<ImageSource> image;        // its own picture, or
  std::optional<std::string> image_item;   // an item whose first image stands for it
  SourceLoc image_item_loc;
  std::vector<catalog::EventOccurrence> occurrences;  // in time order
  catalog::Schedule visibility;
  SourceLoc loc;  // of its id (an .ics: its VEVENT's BEGIN line; a CSV: its row)
  TextLocs text_locs;
};

// A period or a dated event of the pack's timeline.toml (catalog::TimelineEntry).
struct TimelineSource {
  std::string slug;
  catalog::TimelineEntry::Kind kind = catalog::TimelineEntry::Kind::period;
  int year_from = 0, year_to = 0;
  catalog::Certainty certainty = catalog::Certainty::exact;
  std::optional<std::uint32_t> colour;
  LangText name, summary;
  SourceLoc loc;  // of its id
};

// A reference place of map.toml: a modern town named on the map in the visitor's language.
struct PlaceSource {
  std::string slug;
  LangText name;
  geo::LonLat at;
  int rank = 2;  // 1: always named (capitals, the region's great cities) .. 3: named only close in
  SourceLoc loc, at_loc;
};

// map.toml: the region the pack's map shows (its geography is cut to it at build time) and its
// reference places.
struct MapSource {
  std::optional<geo::Box> region;
  SourceLoc region_loc;
  std::vector<PlaceSource> places;
};

struct PackSource {
  std::filesystem::path dir;
  std::string id, version, default_language;
  std::vector<std::string> languages;
  // require_languages of pack.toml (or of a CSV mapping's [pack]): languages in which every text
  // that coverage.h requires must exist, or the build fails; where the list is written.
  std::vector<std::string> required_languages;
  SourceLoc required_languages_loc;
  LangText title, credit;
  std::map<std::string, LangText> tags;  // slug -> label
  std::vector<CollectionSource> collections;
  std::vector<ItemSource> items;
  std::vector<TimelineSource> timeline;  // in the file's order
  MapSource map;
  std::string time_zone = "Europe/Sofia";  // pack.toml `time_zone`: the museum's, for events and schedules
  SourceLoc time_zone_loc;
  std::vector<EventSource> events;         // by first occurrence
};

// Reads SRC/pack.toml, SRC/collections/*.toml, SRC/items/**/*.toml (and the optional timeline.toml,
// map.toml and SRC/events/ with options.events_dirs after it: docs/events.md), checks every field and
// every cross reference, and locates image files (SRC/ first, then media_dirs). Appends every
// problem found; the returned source is complete only when none was added.
PackSource read_source(const BuildOptions& options, std::vector<Problem>& problems);

// The second half of every build, whatever read the source (read_source, an importer): checks
// each image file, then writes the pack if no problem so far (`problems`, which may already
// hold the reader's) is an error. options.source_dir only orders the problems.
BuildResult build_from_source(PackSource source, const BuildOptions& options, std::vector<Problem> problems);

}  // namespace orpheus::packs
