#pragma once
// The comparative report across institutions (docs/usage-report.md): many kiosks' exports read and
// checked, overlapping days kept once, counts summed per kiosk and per institution, members ranked
// against each other, and one static HTML page (inline SVG charts, each with its numbers as a
// table; English or Bulgarian; printable).
// read_exports and read_trusted_kiosks read files; build_report and render_html are pure. Any
// thread.
#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/seal.h"
#include "usage/summary.h"

namespace orpheus::usage {

// --- input ---------------------------------------------------------------------------------------

struct SourcedExport {
  std::string file;  // as named on the command line
  Export data;
};
struct Refusal {
  std::string file, reason;
};
struct ReadExports {
  std::vector<SourcedExport> exports;  // in the order of `files`
  std::vector<Refusal> refused;        // likewise
};

// The files named, a folder standing for the *.json files directly in it (by name).
std::vector<std::filesystem::path> export_files(const std::vector<std::filesystem::path>& paths);
// read_export on every file, `threads` at a time (0: one per core, at most 8). Never throws: a
// file that cannot be read or checked is refused with ExportError's reason.
ReadExports read_exports(const std::vector<std::filesystem::path>& files, unsigned threads = 0);

// What `orpheus-stats verify` tells of a file: its kiosk and period, or why it was refused.
struct CheckedExport {
  std::string file;
  std::string reason;  // empty: a good export
  Export header;       // without days and titles
  std::size_t days = 0;
};
// Like read_exports, keeping only the headers: one export in memory per thread.
std::vector<CheckedExport> check_exports(const std::vector<std::filesystem::path>& files, unsigned threads = 0);

// The kiosks whose exports a report accepts: files of one "orpheus-ed25519:..." line per kiosk
// ('#' comments and blank lines allowed, so a kiosk's .pub file is one), or folders of *.pub
// files. Throws trust::TrustError naming the file and line.
std::vector<trust::PublicKey> read_trusted_kiosks(const std::vector<std::filesystem::path>& paths);

// Whether the export's key (kiosk.public_key, checked by parse_export) is one of `trusted`.
bool signed_by_one_of(const KioskInfo& kiosk, const std::vector<trust::PublicKey>& trusted);

struct ReportInput {
  std::vector<SourcedExport> exports;
  std::vector<Refusal> refused;  // listed in the page
  // When given, exports signed by other keys are left out and listed as untrusted.
  std::optional<std::vector<trust::PublicKey>> trusted;
};

// --- the report ----------------------------------------------------------------------------------

// Sums over a set of kiosk days: everything the measures are computed from.
struct Tally {
  std::int64_t days = 0;        // kiosk days with a record
  std::int64_t open_hours = 0;  // hours the kiosks were running (hours_on), summed
  std::int64_t sessions = 0, session_s = 0, item_views = 0, item_dwell_s = 0;
  std::int64_t narrations = 0, narration_s = 0, searches = 0, searches_empty = 0, attract_interruptions = 0;
  std::array<std::int64_t, 24> sessions_by_hour{};
  std::array<std::int64_t, kLengthBands.size()> length_bands{};
  std::map<std::string, std::int64_t> languages, accessibility, screens;

  void add(const DaySummary& d);
  void add(const Tally& t);
  std::int64_t median_session_s() const { return median_from_bands(length_bands); }
  // nullopt where the denominator is 0.
  std::optional<double> sessions_per_open_hour() const;
  std::optional<double> objects_per_session() const;
  std::optional<double> dwell_per_view_s() const;
  std::optional<double> searches_empty_share() const;
  std::optional<double> attract_share() const;
  std::optional<double> accessibility_per_100() const;  // modes used, per 100 sessions
  // The language most sessions ended in (ties: the first by code), and the share of the others.
  std::string main_language() const;
  std::optional<double> other_language_share() const;
};

struct DayPoint {
  std::string date;
  std::int64_t sessions = 0, item_views = 0, open_hours = 0;
  std::int64_t kiosks = 0;  // kiosks with a record that day
};

struct Counted {
  std::string key;
  std::int64_t count = 0;
};

// a / b, none when b is not positive (a measure of nothing is not 0).
std::optional<double> ratio(std::int64_t a, std::int64_t b);

// Counts as rows, the largest first, ties by key.
template <typename Map>
std::vector<Counted> most_first(const Map& counts) {
  std::vector<Counted> out;
  out.reserve(counts.size());
  for (const auto& [k, n] : counts) out.push_back({k, n});
  std::sort(out.begin(), out.end(), [](const Counted& a, const Counted& b) { return a.count != b.count ? a.count > b.count : a.key < b.key; });
  return out;
}

struct ObjectRow {
  std::string slug;
  std::map<std::string, std::string> titles;  // language -> title, from the exports (newest first wins)
  std::int64_t views = 0, dwell_s = 0, sessions = 0;
};
// The title in `language`, else in English, else in any language, else the slug.
const std::string& title_in(const ObjectRow& row, std::string_view language);

struct KioskReport {
  KioskInfo info;  // from its newest export
  std::string time_zone;
  std::vector<std::string> files;  // exports it is counted from
  Tally total;
  std::vector<DayPoint> days;  // by date
};

struct InstitutionReport {
  std::string name;                  // empty: the kiosks that named none
  std::vector<KioskReport> kiosks;   // by name, then id
  Tally total;
  std::vector<DayPoint> days;        // all its kiosks, by date
  std::vector<ObjectRow> objects;    // most views first (then slug)
  std::vector<Counted> queries;      // search texts: most first
  std::vector<Counted> events_opened;
};

enum class Measure {
  sessions, sessions_per_open_hour, median_session_s, objects_per_session, dwell_per_view_s, other_languages,
  accessibility_per_100, searches_empty_share
};
inline constexpr std::array<Measure, 8> kMeasures{Measure::sessions,           Measure::sessions_per_open_hour,
                                                  Measure::median_session_s,   Measure::objects_per_session,
                                                  Measure::dwell_per_view_s,   Measure::other_languages,
                                                  Measure::accessibility_per_100, Measure::searches_empty_share};
bool lower_is_better(Measure m);  // searches without a result
std::optional<double> measure_of(const Tally& t, Measure m);

struct Ranked {
  std::optional<double> value;
  int rank = 0;  // 1 = best; equal values share the better rank; 0 without a value
};

struct Untrusted {
  std::string file;
  KioskInfo kiosk;
};

struct Report {
  std::string from, to;            // first and last day counted ("" if none)
  std::size_t exports = 0;         // exports counted
  std::size_t kiosks = 0;
  std::size_t days_replaced = 0;   // kiosk days also in a newer export of the same kiosk, counted once from that
  Tally total;
  std::vector<InstitutionReport> institutions;  // by name; the unnamed last
  std::vector<std::array<Ranked, kMeasures.size()>> ranks;  // per institution, per kMeasures
  std::vector<Refusal> refused;
  bool trusted_list = false;       // a trusted list was given
  std::vector<Untrusted> untrusted;  // exports left out for it
};

// Sums exports as they come, keeping none of them: a year of 500 kiosks is a gigabyte parsed.
// Exports of one kiosk that share a date: the day of the newest export (by `created`, then the
// later in the input) is counted, the others dropped. Where the older came first, its days were
// summed already and cannot be taken back: that kiosk is summed again in finish(), newest first,
// from `reread`'s copies (an export made twice over the same days; rare). A kiosk belongs to the
// institution its newest export names.
// add and refuse may be called from any thread; finish once, after them.
class ReportBuilder {
 public:
  // The export added as `order`, again (its file read again, or a copy kept): may throw ExportError.
  using Reread = std::function<Export(const std::string& file, std::size_t order)>;
  ReportBuilder(std::optional<std::vector<trust::PublicKey>> trusted, Reread reread);
  ~ReportBuilder();
  ReportBuilder(const ReportBuilder&) = delete;
  ReportBuilder& operator=(const ReportBuilder&) = delete;

  // `order`: the export's place among the inputs, for ties and for the order of the lists.
  void add(std::size_t order, const std::string& file, const Export& e);
  void refuse(std::size_t order, Refusal r);
  Report finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// The exports in memory, through a ReportBuilder.
Report build_report(ReportInput input);
// Every file read, checked and summed `threads` at a time (0: one per core, at most 8), each export
// dropped once summed; files that fail are refused with the reason.
Report report_from_files(const std::vector<std::filesystem::path>& files, std::optional<std::vector<trust::PublicKey>> trusted,
                         unsigned threads = 0);

// One self-contained page: no script, nothing fetched. `language` is "en" or "bg" (others: en).
std::string render_html(const Report& report, std::string_view language);

}  // namespace orpheus::usage
