#pragma once
// Read side of a content pack: opens a pack (one SQLite file) read-only, checks its schema
// version and loads everything a screen needs into an immutable Snapshot of plain structs.
// UI code reads snapshots only and never issues SQL. Media bytes are not in the snapshot:
// MediaReader fetches them (on a worker thread).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/lang_text.h"
#include "geo/projection.h"

namespace orpheus::catalog {

// A pack that cannot be used: names the file and the reason, e.g.
// "/srv/orpheus/current.db: schema version 9 is newer than this kiosk supports (2)".
class LoadError : public std::runtime_error {
 public:
  LoadError(std::filesystem::path file, std::string reason);
  const std::filesystem::path& file() const { return file_; }
  const std::string& reason() const { return reason_; }

 private:
  std::filesystem::path file_;
  std::string reason_;
};

enum class MediaVariant { original, display, thumbnail };  // display: fits 2048 px; thumbnail: fits 512 px
const char* to_string(MediaVariant v);

struct MediaRef {
  std::int64_t id = 0;
  int width = 0, height = 0;              // original size in pixels
  int display_width = 0, display_height = 0;
  int thumb_width = 0, thumb_height = 0;
  int tile_size = 0, tile_levels = 0;     // deep-zoom pyramid (media/deep_zoom.h); 0: none
  LangText caption, alt;
};

struct MetaPair {
  LangText label, value;
};

// How sure a date is (packs/dates.h reads it from the museum's text): exact ("1844", "18th
// century"), circa ("c.1825–7") or uncertain ("?1780", "1813 or 1814"; also "?c.1779").
enum class Certainty { exact, circa, uncertain };
// Its name in the pack ("exact", "circa", "uncertain"); exact for anything else.
const char* to_string(Certainty c);
Certainty certainty_named(std::string_view name);

// A spoken sentence of an item's narration: in which of the item's texts it is, its bytes there
// (in the narration's language), and when it starts in the audio.
struct NarrationSentence {
  enum class Part : std::uint8_t { title, summary, description };
  Part part = Part::description;
  std::uint32_t begin = 0, end = 0;
  std::int32_t start_ms = 0;
};
// "title", "summary", "description" (as stored in the pack); nullopt for anything else.
const char* to_string(NarrationSentence::Part part);
std::optional<NarrationSentence::Part> narration_part_named(std::string_view name);

// The item's texts read aloud in one language: title, summary, description, in that order.
// The Ogg Vorbis bytes are not in the snapshot: MediaReader::read_narration(id).
struct Narration {
  std::int64_t id = 0;          // MediaReader::read_narration
  std::string lang;
  bool synthetic = false;       // espeak-ng at build time; false: the curator's recording
  bool timed = false;           // sentence starts measured (synthetic, or curator timings); false: estimated from text length
  int duration_ms = 0;
  std::vector<NarrationSentence> sentences;  // in time order
};

struct Item {
  std::int64_t id = 0;
  std::string slug;
  std::int64_t collection_id = 0;
  int order = 0;
  LangText title, summary, description, period, place_name, credit;
  std::optional<int> year_from, year_to;  // BCE negative
  Certainty certainty = Certainty::exact;  // of the years
  std::optional<double> latitude, longitude;
  std::optional<double> within_km;        // the find-spot is only known to within this radius
  std::vector<std::string> tags;          // slugs; labels in Snapshot::tags
  std::vector<MetaPair> metadata;
  std::vector<MediaRef> media;            // display order
  std::vector<Narration> narrations;      // the pack's language order; none before schema version 6
  // The narration in exactly this language; null if there is none (no fallback to another).
  const Narration* narration(std::string_view lang) const;
};

// When a collection or an event is shown, in the museum's time zone (events/schedule.h decides
// at an instant): from a day, until a day (both inclusive), and only in day parts ("weekdays
// 9:00-13:00"). Empty: always.
struct Schedule {
  struct Part {
    std::uint8_t weekdays = 0x7f;       // bit 0 Monday ... bit 6 Sunday
    int from_minute = 0, to_minute = 1440;  // of the day, [from, to); from < to
  };
  std::optional<std::int32_t> from_day, until_day;  // civil days since 1970-01-01, inclusive
  std::vector<Part> parts;                          // none: the whole day
  bool empty() const { return !from_day && !until_day && parts.empty(); }
};

struct Collection {
  std::int64_t id = 0;
  std::string slug;
  int order = 0;
  LangText title, summary, description;
  std::vector<std::size_t> items;         // indices into Snapshot::items, in display order
  std::optional<std::int64_t> cover_media; // media id for the home card
  Schedule schedule;                      // when the home screen shows it; empty: always
};

// One occurrence of an event (a series has one per date, expanded when the pack is built).
// Timed: start and end are instants, Unix seconds UTC, [start, end). All-day: civil days since
// 1970-01-01 in the museum's time zone, [start, end) (a one-day event: end = start + 1).
struct EventOccurrence {
  bool all_day = false;
  std::int64_t start = 0, end = 0;
};

// Who an event is for: a fixed vocabulary the interface translates (events/audience).
enum class Audience : std::uint8_t { children, families, adults, schools, accessible };
inline constexpr Audience kAudiences[] = {Audience::children, Audience::families, Audience::adults,
                                          Audience::schools, Audience::accessible};
const char* to_string(Audience a);                               // "children", ...
std::optional<Audience> audience_named(std::string_view name);   // nullopt for anything else

// A lecture, a guided tour, a concert, a workshop or a temporary exhibition from the pack's
// programme (events/*.toml, .ics or .csv in the pack source).
struct Event {
  std::int64_t id = 0;
  std::string slug;
  LangText title, summary, description;
  LangText room;                          // a room of the museum ("Hall 2"), or
  LangText place, address;                // another place and its address
  LangText price;                         // empty and !free: not said
  bool free = false;
  LangText booking;                       // a booking note ("Book at the desk, 10 places")
  std::vector<Audience> audience;
  std::optional<std::int64_t> image;      // media id (its own picture, or an item's first)
  std::vector<EventOccurrence> occurrences;  // in time order, at least one
  Schedule visibility;                    // when it is listed at all; empty: until it ends
};

// A band on the timeline (a period: "the Odrysian kingdom", c. 480-280 BC) or a dated event
// (the founding of Seuthopolis), from the pack's timeline.toml.
struct TimelineEntry {
  enum class Kind { period, event };
  std::string slug;
  Kind kind = Kind::period;
  int year_from = 0, year_to = 0;  // BCE negative, year_from <= year_to
  Certainty certainty = Certainty::exact;
  std::optional<std::uint32_t> colour;  // 0xRRGGBB; none: the theme's
  LangText name, summary;
};

// A reference place named on the map (a modern town, a site): rank 1 is shown at every zoom,
// 2 and 3 as the visitor zooms in (and only where they collide with nothing).
struct MapPlace {
  std::string slug;
  double latitude = 0, longitude = 0;
  int rank = 2;
  LangText name;
};

// A line of the map's geography in map pixels (geo::MapFrame), simplified for one detail level:
// a coast, a border or a river, as cut from GSHHG at pack build time.
struct MapLine {
  enum class Layer { shore, border, river };
  Layer layer = Layer::shore;
  int level = 0;                  // GSHHG's class (geo::Line): shore 1 land, 2 lake...; river 1 major...
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // bounding box
  std::vector<float> xy;          // x0, y0, x1, y1, ... in map pixels
};

// The lines of one detail level: simplified so that no left-out point lies further than
// `tolerance` map pixels from them (drawn where a map pixel is at most 0.5 / tolerance screen px).
struct MapDetail {
  double tolerance = 0;
  std::vector<MapLine> lines;
};

// The pack's map (map.toml): its region, the base picture (land, sea and lakes) as a tile
// pyramid of frame.width x frame.height map pixels read with MediaReader::read_tile(kMapMedia...),
// the lines over it and the named places. Empty (no map) when frame is not valid().
struct MapInfo {
  geo::MapFrame frame;
  int tile_size = 0, tile_levels = 0;
  std::vector<MapDetail> details;  // finest first
  std::vector<MapPlace> places;    // the pack's order
  std::string credit;              // where the geography comes from and its licence
  bool present() const { return frame.valid() && tile_levels > 0; }
};

// MediaReader::read_tile's media id for the tiles of the pack's base map (map_tile), which
// belong to no item.
inline constexpr std::int64_t kMapMedia = -1;

struct PackInfo {
  std::string id, version, created;       // created: "2026-12-06T18:00:00Z"
  std::string time_zone = "Europe/Sofia"; // the museum's (IANA name): events' local times and schedules
  std::string default_language;
  std::vector<std::string> languages;     // switch order; default_language among them
  LangText title, credit;
  int schema_version = 0;
};

struct Snapshot {
  std::filesystem::path file;
  PackInfo pack;
  std::vector<Collection> collections;    // display order
  std::vector<Item> items;                // grouped by collection, display order within
  std::map<std::string, LangText> tags;
  std::vector<TimelineEntry> timeline;    // periods and events in the pack's order
  MapInfo map;
  std::vector<Event> events;              // the programme, by first occurrence; none before schema version 7

  const Collection* find_collection(std::int64_t id) const;
  const Item* find_item(std::int64_t id) const;
  std::optional<std::size_t> item_index(std::int64_t id) const;
  // The item `delta` places after the given one in its collection, wrapping around; null when
  // the item is unknown or alone in its collection.
  const Item* neighbour(std::int64_t item_id, int delta) const;
  // Fallback order for texts: the default language, then the others in pack order.
  std::vector<std::string> fallback_order;
  const std::vector<std::string>& fallback() const { return fallback_order; }
};

// Opens read-only and loads the whole pack. Throws LoadError for a missing, corrupt, empty,
// foreign or newer-schema file. Safe to call from any thread; the result is immutable.
// `fallback_first`: the kiosk's fallback languages, tried before the pack's default and its
// other languages (those the pack lacks are left out).
std::shared_ptr<const Snapshot> load_snapshot(const std::filesystem::path& pack,
                                              const std::vector<std::string>& fallback_first = {});

// The largest blob a MediaReader reads: what a kiosk shows is a display image (at most 2048 px),
// a thumbnail, a tile or a narration, a few MB each at most; originals are never read through
// it. A bigger one fails with a LoadError before its bytes are allocated.
inline constexpr int kMaxMediaBytes = 64 * 1024 * 1024;

// Reads media bytes (encoded JPEG/PNG, Ogg Vorbis narration) from a pack. One instance per thread: it owns its own
// read-only connection (hardened: sql::Database::Mode::untrusted) and shall not be shared between threads.
class MediaReader {
 public:
  explicit MediaReader(const std::filesystem::path& pack);  // throws LoadError
  ~MediaReader();
  MediaReader(MediaReader&&) noexcept;
  MediaReader& operator=(MediaReader&&) noexcept;
  // Empty vector if the media or variant does not exist.
  std::vector<std::uint8_t> read(std::int64_t media_id, MediaVariant variant);
  // One tile of the media's deep-zoom pyramid (media_id kMapMedia: of the map's base picture);
  // empty if there is no such tile.
  std::vector<std::uint8_t> read_tile(std::int64_t media_id, int level, int col, int row);
  // The Ogg Vorbis bytes of Narration `id`; empty if there is none (or the pack predates them).
  std::vector<std::uint8_t> read_narration(std::int64_t id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Index `delta` steps from `index` in a ring of `count` (> 0) places: next/previous with wrap-around.
inline std::size_t wrapped(std::size_t index, long delta, std::size_t count) {
  const auto n = static_cast<long>(count);
  return static_cast<std::size_t>(((static_cast<long>(index) + delta) % n + n) % n);
}


// A period label in bg, de, el, en, fr or ru from a year range (BCE negative, no year 0); used
// when an item has no explicit period label. Pure function, any thread. One known end reads as
// that single year; reversed ends are put in order.
//   years, up to 50 apart: "1844", "1825–1827", "350 BCE", "200–250 CE", "20 BCE – 10 CE"
//                          ("350–300 г. пр. Хр.", "350 v. Chr.", "350 av. J.-C.", "1825–1827 гг.")
//   centuries:             "4th–3rd century BCE", "2nd century CE", "12th century"
//                          ("IV–III в. пр. Хр.", "4.–3. Jh. v. Chr.", "IVe–IIIe siècle av. J.-C.",
//                          "IV–III вв. до н. э.", "4ος–3ος αι. π.Χ.")
//   millennia, for ranges of 1,000 years or more, whole millennia, or older than 10,000 BCE:
//                          "25th–10th millennium BCE" ("1. Jahrtausend v. Chr.", "I тыс. до н. э.")
//   The era is named before Christ, in the first thousand years after, and on both sides of a
//   range that crosses between them; never for later years ("1844", not "1844 CE").
//   years again before 100,000 BCE: "500,000–400,000 BCE" ("500.000–400.000 v. Chr.");
//                          numbers from 10,000 on are grouped as the language groups them (a
//                          no-break space in bg, fr and ru, a dot in de and el)
// `certainty` puts circa ("c. ", "ок. ", "περ. "; German "um 350" but "ca. 4. Jh.", French
// "vers 350" but "vers le IVe siècle") or uncertain ("probably ", "vermutlich " ...) in front.
// Empty for no years or another language (the caller falls back to another one).
std::string format_period(std::optional<int> from, std::optional<int> to, std::string_view lang,
                          Certainty certainty = Certainty::exact);
// The language format_period() words dates in for a visitor of `lang`: `lang` where it has wording
// (bg, de, el, en, fr, ru), else English, so that a timeline's axis is never blank.
std::string_view period_language(std::string_view lang);

}  // namespace orpheus::catalog
