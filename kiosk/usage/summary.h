#pragma once
// What the kiosk tells about its visitors, one day at a time, and the signed export file that
// carries those days to the museum (docs/usage.md, "The export file"). Only anonymous counts: no
// session is told apart from another, no time finer than the hour, no touch positions.
//
// The export file is JSON, pretty-printed, UTF-8, every number an integer:
//   { "format": "orpheus-usage", "version": 1,
//     "kiosk": { "id", "public_key", "name", "institution" },
//     "time_zone": "Europe/Sofia", "created": "2027-03-20T09:00:00Z",
//     "from": "2027-03-01", "to": "2027-03-19",
//     "objects": { "<item slug>": { "bg": "title", "en": "title" } },
//     "days": [ DaySummary... ],
//     "signature": "<base64 Ed25519>" }
// The signature is Ed25519 by the kiosk's key over "orpheus-usage-v1\0" followed by the
// canonical form of the whole object without "signature": keys sorted, no whitespace, strings
// as UTF-8 with only the escapes JSON requires (RFC 8785 for documents whose numbers are all
// integers). Re-indenting the file keeps it valid; changing any value breaks it. kiosk.id is
// the key's id (trust::PublicKey::id()): the report names a kiosk by it.
// Any thread; no SQLite, no files except read_export/write_export.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trust/seal.h"

namespace orpheus::usage {

inline constexpr int kExportVersion = 1;

// Session lengths are counted in these bands (upper bounds in seconds, the last open-ended):
// medians over many days and kiosks are read from the merged bands (median_from_bands).
inline constexpr std::array<int, 16> kLengthBands{10, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 0};
int length_band(std::int64_t seconds);  // index into kLengthBands
// The median of the lengths counted in `bands`, interpolated inside its band (0 if empty). The
// open last band counts as 1800..3600 s.
std::int64_t median_from_bands(const std::array<std::int64_t, kLengthBands.size()>& bands);

struct ItemDay {
  std::string id;          // the item's slug in its pack
  std::int64_t views = 0;  // openings of its page
  std::int64_t dwell_s = 0;  // seconds on its page and in its viewer
  std::int64_t sessions = 0; // sessions that opened it
  bool operator==(const ItemDay&) const = default;
};

struct DaySummary {
  std::string date;                          // YYYY-MM-DD, the museum's local day
  std::vector<int> hours_on;                 // local hours (0..23) in which the kiosk was running
  std::int64_t sessions = 0;                 // visitor sessions begun that day
  std::array<std::int64_t, 24> sessions_by_hour{};  // by the local hour they began
  std::int64_t session_s = 0;                // their total length (first touch to last touch)
  std::int64_t median_session_s = 0;         // exact, over that day's sessions
  std::array<std::int64_t, kLengthBands.size()> length_bands{};
  std::int64_t item_views = 0;               // item pages opened
  std::int64_t item_dwell_s = 0;
  std::map<std::string, std::int64_t> languages;      // sessions by the language they ended in
  std::map<std::string, std::int64_t> accessibility;  // sessions that used: "large_text",
                                                      // "high_contrast", "reach", "narration"
  std::map<std::string, std::int64_t> screens;        // screens opened by name ("search", "map", ...)
  std::vector<ItemDay> items;                         // every item opened, most views first
  std::int64_t narrations = 0, narration_s = 0;       // narrations started, seconds heard
  std::int64_t searches = 0, searches_empty = 0;      // searches made, of them with no result
  std::map<std::string, std::int64_t> queries;        // search texts typed by >= 5 sessions that day: sessions
  std::map<std::string, std::int64_t> events_opened;  // What's on events opened: times
  std::int64_t attract_interruptions = 0;             // sessions begun by touching the attract loop
  std::vector<std::string> packs;                     // "id version" of the packs shown that day
  bool operator==(const DaySummary&) const = default;
};

struct KioskInfo {
  std::string id;           // trust::PublicKey::id() of its key
  std::string public_key;   // trust::PublicKey::text()
  std::string name;         // [usage] kiosk_name, else the host name
  std::string institution;  // [usage] institution
};

struct Export {
  int version = kExportVersion;
  KioskInfo kiosk;
  std::string time_zone;
  std::string created;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string from, to;  // the days asked for (inclusive); days without a record are absent
  std::map<std::string, std::map<std::string, std::string>> objects;  // slug -> language -> title
  std::vector<DaySummary> days;  // by date
};

// One day as the export file writes it (an object of DaySummary's fields), and back: the usage
// journal keeps its rolled-up days in this form. parse_day throws std::runtime_error (a damaged
// journal row), naming the field.
std::string day_text(const DaySummary& day);
DaySummary parse_day(std::string_view text);

// A file that is not a valid, untampered export; the message names the file and what is wrong.
// Thrown by parse_export/read_export with both parts kept apart too ("FILE: reason"), so that a
// report can list the file and the reason in columns.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  ExportError(const std::string& file, const std::string& reason)
      : std::runtime_error(file + ": " + reason), file_(file), reason_(reason) {}
  const std::string& file() const { return file_; }      // empty when not thrown with the two-part form
  const std::string& reason() const { return reason_; }  // what() without "FILE: "

 private:
  std::string file_, reason_;
};

// The JSON text above, signed with `key` (its public half goes into kiosk.public_key/id).
std::string export_text(Export e, const trust::SecretKey& key);
// Parses and checks: format, version, every field's type, the signature with the key the file
// names, and kiosk.id matching that key. Throws ExportError("FILE: reason").
Export parse_export(std::string_view text, const std::string& file_name);
Export read_export(const std::filesystem::path& file);  // parse_export on the file's bytes
// Buffers read_export can reuse from one file to the next, so that a report reading hundreds of
// files does not allocate (and fault in) megabytes for each: one per thread.
struct ExportScratch {
  std::string text, message;
};
Export read_export(const std::filesystem::path& file, ExportScratch& scratch);
// Larger files are refused unread: a year of one kiosk is about 2 MB.
inline constexpr std::uintmax_t kMaxExportBytes = std::uintmax_t{256} << 20;

}  // namespace orpheus::usage
