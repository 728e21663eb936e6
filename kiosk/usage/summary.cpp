// The export file (summary.h). Written through nlohmann's DOM: one file at a time, speed does not
// matter. Read through its SAX parser straight into the structs, writing the canonical text
// alongside: a report reads hundreds of files of ~2 MB each, and the DOM (a std::map per object)
// would take twice as long and a copy of every value.
#include "usage/summary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <span>
#include <system_error>

#include "events/zone.h"

namespace orpheus::usage {

int length_band(std::int64_t seconds) {
  for (std::size_t i = 0; i + 1 < kLengthBands.size(); ++i)
    if (seconds < kLengthBands[i]) return static_cast<int>(i);
  return static_cast<int>(kLengthBands.size() - 1);
}

// The grouped median: L + (N/2 - F) / f * w, where the band [L, L + w) holds the middle session,
// F sessions lie below it and f in it. Exact when lengths spread evenly inside the band, which is
// as good as bands allow; the bands are fine where most sessions fall.
std::int64_t median_from_bands(const std::array<std::int64_t, kLengthBands.size()>& bands) {
  std::int64_t total = 0;
  for (const auto n : bands) total += n;
  if (total <= 0) return 0;
  const double half = static_cast<double>(total) / 2;
  double below = 0;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (bands[i] <= 0) continue;
    if (below + static_cast<double>(bands[i]) >= half) {
      const double lower = i == 0 ? 0 : kLengthBands[i - 1];
      const double upper = i + 1 == bands.size() ? 3600 : kLengthBands[i];
      return std::llround(lower + (half - below) / static_cast<double>(bands[i]) * (upper - lower));
    }
    below += static_cast<double>(bands[i]);
  }
  return 0;  // not reached: the loop meets the half before the end
}

namespace {

using json = nlohmann::json;

constexpr std::string_view kFormat = "orpheus-usage";
constexpr std::string_view kSigningPrefix{"orpheus-usage-v1\0", 17};
constexpr std::size_t kMaxStringBytes = 4096;  // a title, a search text, a slug, a key
constexpr std::size_t kMaxDepth = 16;          // the format needs 5 (top > days > day > items > item)

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// --- writing -----------------------------------------------------------------------------------

json day_json(const DaySummary& d) {
  json items = json::array();
  for (const auto& i : d.items)
    items.push_back({{"id", i.id}, {"views", i.views}, {"dwell_s", i.dwell_s}, {"sessions", i.sessions}});
  return {{"date", d.date},
          {"hours_on", d.hours_on},
          {"sessions", d.sessions},
          {"sessions_by_hour", d.sessions_by_hour},
          {"session_s", d.session_s},
          {"median_session_s", d.median_session_s},
          {"length_bands", d.length_bands},
          {"item_views", d.item_views},
          {"item_dwell_s", d.item_dwell_s},
          {"languages", d.languages},
          {"accessibility", d.accessibility},
          {"screens", d.screens},
          {"items", std::move(items)},
          {"narrations", d.narrations},
          {"narration_s", d.narration_s},
          {"searches", d.searches},
          {"searches_empty", d.searches_empty},
          {"queries", d.queries},
          {"events_opened", d.events_opened},
          {"attract_interruptions", d.attract_interruptions},
          {"packs", d.packs}};
}

json export_json(const Export& e) {
  json days = json::array();
  for (const auto& d : e.days) days.push_back(day_json(d));
  return {{"format", kFormat},
          {"version", e.version},
          {"kiosk",
           {{"id", e.kiosk.id}, {"public_key", e.kiosk.public_key}, {"name", e.kiosk.name}, {"institution", e.kiosk.institution}}},
          {"time_zone", e.time_zone},
          {"created", e.created},
          {"from", e.from},
          {"to", e.to},
          {"objects", e.objects},
          {"days", std::move(days)}};
}

// --- reading -----------------------------------------------------------------------------------

// A string as nlohmann's dump() writes it (ensure_ascii off): only '"', '\\' and the control
// characters escaped, the short forms where JSON has them, else \u00xx in lower case.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_number(std::string& out, std::int64_t n) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

// The members each object of the format has, in canonical (byte) order; the enums index them.
constexpr std::array<std::string_view, 10> kTopFields{"created", "days",      "format", "from", "kiosk",
                                                      "objects", "signature", "time_zone", "to", "version"};
enum TopField { kCreated, kDays, kFormatField, kFrom, kKiosk, kObjects, kSignature, kTimeZone, kTo, kVersion };
constexpr std::array<std::string_view, 4> kKioskFields{"id", "institution", "name", "public_key"};
enum KioskField { kKioskId, kInstitution, kName, kPublicKey };
constexpr std::array<std::string_view, 21> kDayFields{
    "accessibility", "attract_interruptions", "date",        "events_opened", "hours_on",       "item_dwell_s",
    "item_views",    "items",                 "languages",   "length_bands",  "median_session_s", "narration_s",
    "narrations",    "packs",                 "queries",     "screens",       "searches",       "searches_empty",
    "session_s",     "sessions",              "sessions_by_hour"};
enum DayField {
  kAccessibility, kAttract, kDate, kEventsOpened, kHoursOn, kItemDwell, kItemViews, kItems, kLanguages, kLengthBandsField,
  kMedian, kNarrationS, kNarrations, kPacks, kQueries, kScreens, kSearches, kSearchesEmpty, kSessionS, kSessions, kByHour
};
constexpr std::array<std::string_view, 4> kItemFields{"dwell_s", "id", "sessions", "views"};
enum ItemField { kDwell, kItemId, kItemSessions, kViews };
static_assert(std::is_sorted(kTopFields.begin(), kTopFields.end()) && std::is_sorted(kKioskFields.begin(), kKioskFields.end()) &&
              std::is_sorted(kDayFields.begin(), kDayFields.end()) && std::is_sorted(kItemFields.begin(), kItemFields.end()));
static_assert(kDayFields[kByHour] == "sessions_by_hour" && kTopFields[kVersion] == "version");

enum class Kind : std::uint8_t {
  top, kiosk, objects, titles, days, day, items, item, hours_on, by_hour, bands, counts, packs, ignored
};

std::span<const std::string_view> fields_of(Kind k) {
  switch (k) {
    case Kind::top: return kTopFields;
    case Kind::kiosk: return kKioskFields;
    case Kind::day: return kDayFields;
    case Kind::item: return kItemFields;
    default: return {};
  }
}

// `after`: the member read before in the same object. Keys come in the table's order in files as
// written, so the next entry is tried first.
int field_index(Kind k, std::string_view key, int after) {
  const auto fields = fields_of(k);
  const auto next = static_cast<std::size_t>(after + 1);
  if (next < fields.size() && fields[next] == key) return static_cast<int>(next);
  const auto it = std::lower_bound(fields.begin(), fields.end(), key);
  return it != fields.end() && *it == key ? static_cast<int>(it - fields.begin()) : -1;
}

// A JSON value as the SAX parser hands it over, described for messages.
struct Value {
  enum Type { null, boolean, count, negative, too_large, fraction, text, object, array };
  Value(Type t, std::int64_t number = 0, std::string_view chars = {}) : type(t), n(number), s(chars) {}
  Type type;
  std::int64_t n;
  std::string_view s;
};

std::string describe(const Value& v) {
  switch (v.type) {
    case Value::null: return "null";
    case Value::boolean: return v.n ? "true" : "false";
    case Value::count:
    case Value::negative: return std::to_string(v.n);
    case Value::too_large: return "a number too large";
    case Value::fraction: return "a fraction";
    case Value::text: return "a string";
    case Value::object: return "an object";
    case Value::array: return "an array";
  }
  return "?";
}

// Reads one export: fills `out` and stops at the first problem with its field path. With
// `canonical`, writes the canonical text after its current content (the signing prefix); keys in
// byte order are what export_text writes, and a file whose keys were reordered is flagged
// (keys_sorted) so that the caller can canonicalise it the slow way. `signature_cut`: the text
// comes without its "signature" member (compact_unsigned took it out).
class Reader final : public json::json_sax_t {
 public:
  Reader(Export& out, std::string* canonical, std::size_t text_size, bool signature_cut = false)
      : out_(out), canon_(canonical), signature_cut_(signature_cut), days_hint_(std::min<std::size_t>(text_size / 2000 + 1, 4000)) {}

  const std::string& error() const { return error_; }
  bool keys_sorted() const { return sorted_; }
  const std::string& signature() const { return signature_; }
  const std::string& format() const { return format_; }

  bool null() override { return scalar({Value::null}); }
  bool boolean(bool b) override { return scalar({Value::boolean, b}); }
  bool number_integer(number_integer_t n) override { return scalar({n < 0 ? Value::negative : Value::count, n}); }
  bool number_unsigned(number_unsigned_t n) override {
    if (n > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) return scalar({Value::too_large});
    return scalar({Value::count, static_cast<std::int64_t>(n)});
  }
  bool number_float(number_float_t, const string_t&) override { return scalar({Value::fraction}); }
  bool string(string_t& s) override {
    if (s.size() > kMaxStringBytes) return fail(path(depth_), "a string longer than " + std::to_string(kMaxStringBytes) + " bytes");
    return scalar({Value::text, 0, s});
  }
  bool binary(binary_t&) override { return fail(path(depth_), "binary data"); }  // not produced by text JSON

  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    Frame& f = frames_[depth_ - 1];
    if (k.size() > kMaxStringBytes) return fail(path(depth_ - 1), "a key longer than " + std::to_string(kMaxStringBytes) + " bytes");
    // Order matters only to the canonical text: the quick way reads a text already verified.
    if (canon_ && f.has_key && k <= f.key) {
      if (k == f.key) return fail(path(depth_), "appears twice");
      sorted_ = false;
    }
    f.key.assign(k);
    f.has_key = true;
    f.field = field_index(f.kind, k, f.field);
    if (f.field >= 0) {
      const std::uint32_t bit = 1u << f.field;
      if (f.seen & bit) return fail(path(depth_), "appears twice");
      f.seen |= bit;
    }
    if (f.kind == Kind::top && f.field == kSignature) return true;  // the one member not signed
    if (!canon_) return true;
    if (f.written) *canon_ += ',';
    f.written = true;
    append_json_string(*canon_, k);
    *canon_ += ':';
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    // nlohmann says "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what.erase(0, bracket + 2);
    // "; last read: '...'" quotes the file's bytes, which may be anything: the line and column say where.
    if (const auto quote = what.find("; last read: '"); quote != std::string::npos) {
      const auto end = what.find("'; expected", quote);
      what.erase(quote, end == std::string::npos ? std::string::npos : end + 1 - quote);
    }
    error_ = "not valid JSON: " + what;
    return false;
  }

 private:
  struct Frame {
    Kind kind = Kind::top;
    bool array = false;
    bool written = false;  // a member or element is in the canonical text already: a comma before the next
    bool has_key = false;
    int field = -1;        // object frames: the known member being read, -1 for others
    std::uint32_t seen = 0;
    std::size_t index = 0;  // array frames: the element being read
    std::string key;        // object frames: the member being read
  };

  DaySummary& day() { return out_.days.back(); }

  // Where the parser is, as "days[3].sessions_by_hour": the first `depth` frames' positions.
  std::string path(std::size_t depth) const {
    std::string p;
    for (std::size_t i = 0; i < depth; ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        p += '[' + std::to_string(f.index) + ']';
      } else if (f.has_key) {
        if (!p.empty()) p += '.';
        p += f.key;
      }
    }
    return p;
  }

  bool fail(const std::string& where, const std::string& what) {
    if (error_.empty()) error_ = where.empty() ? what : where + ": " + what;
    return false;
  }
  bool expected(const Value& got, const std::string& what) { return fail(path(depth_), "expected " + what + ", not " + describe(got)); }

  // The value of the top-level "signature" is left out of the canonical text. `parent` is the depth
  // of the frame holding the value.
  bool quiet(std::size_t parent) const { return parent == 1 && frames_[0].field == kSignature; }

  // Commas between array elements; members get theirs with the key.
  void begin_value() {
    if (depth_ == 0) return;
    Frame& f = frames_[depth_ - 1];
    if (f.array) {
      if (f.written) *canon_ += ',';
      f.written = true;
    }
  }
  void end_value() {
    if (depth_ > 0 && frames_[depth_ - 1].array) ++frames_[depth_ - 1].index;
  }

  void emit(const Value& v) {
    switch (v.type) {
      case Value::null: *canon_ += "null"; break;
      case Value::boolean: *canon_ += v.n ? "true" : "false"; break;
      case Value::count:
      case Value::negative: append_number(*canon_, v.n); break;
      case Value::text: append_json_string(*canon_, v.s); break;
      default: break;  // refused before emitting
    }
  }

  bool scalar(const Value& v) {
    if (depth_ == 0) return fail("", "expected a JSON object, not " + describe(v));
    if (v.type == Value::fraction || v.type == Value::too_large)
      return fail(path(depth_), describe(v) + ": every number in an export is an integer of at most 64 bits");
    if (canon_ && !quiet(depth_)) {
      begin_value();
      emit(v);
    }
    if (!accept(v)) return false;
    end_value();
    return true;
  }

  bool text(const Value& v, std::string& into) {
    if (v.type != Value::text) return expected(v, "a string");
    into.assign(v.s);
    return true;
  }
  bool count(const Value& v, std::int64_t& into) {
    if (v.type != Value::count) return expected(v, "a count (an integer, 0 or more)");
    into = v.n;
    return true;
  }

  std::int64_t* day_count(int field) {
    DaySummary& d = day();
    switch (field) {
      case kAttract: return &d.attract_interruptions;
      case kItemDwell: return &d.item_dwell_s;
      case kItemViews: return &d.item_views;
      case kMedian: return &d.median_session_s;
      case kNarrationS: return &d.narration_s;
      case kNarrations: return &d.narrations;
      case kSearches: return &d.searches;
      case kSearchesEmpty: return &d.searches_empty;
      case kSessionS: return &d.session_s;
      case kSessions: return &d.sessions;
      default: return nullptr;
    }
  }
  std::map<std::string, std::int64_t>* day_counts(int field) {
    DaySummary& d = day();
    switch (field) {
      case kAccessibility: return &d.accessibility;
      case kEventsOpened: return &d.events_opened;
      case kLanguages: return &d.languages;
      case kQueries: return &d.queries;
      case kScreens: return &d.screens;
      default: return nullptr;
    }
  }
  std::span<std::int64_t> day_series(Kind k) {
    if (k == Kind::by_hour) return day().sessions_by_hour;
    return day().length_bands;
  }

  // What a value's place says it must be. Containers come through open(); scalars through here.
  bool accept(const Value& v) {
    Frame& f = frames_[depth_ - 1];
    switch (f.kind) {
      case Kind::top:
        switch (f.field) {
          case kCreated: return text(v, out_.created);
          case kFormatField: return text(v, format_);
          case kFrom: return text(v, out_.from);
          case kTimeZone: return text(v, out_.time_zone);
          case kTo: return text(v, out_.to);
          case kSignature: return text(v, signature_);
          case kVersion: {
            std::int64_t n = 0;
            if (!count(v, n)) return false;
            out_.version = static_cast<int>(std::min<std::int64_t>(n, std::numeric_limits<int>::max()));
            return true;
          }
          case kDays: return expected(v, "an array of days");
          case kKiosk: return expected(v, "an object (id, public_key, name, institution)");
          case kObjects: return expected(v, "an object of titles by item");
          default: return true;  // a member this version does not know: signed, otherwise ignored
        }
      case Kind::kiosk:
        switch (f.field) {
          case kKioskId: return text(v, out_.kiosk.id);
          case kInstitution: return text(v, out_.kiosk.institution);
          case kName: return text(v, out_.kiosk.name);
          case kPublicKey: return text(v, out_.kiosk.public_key);
          default: return true;
        }
      case Kind::objects: return expected(v, "an object of titles by language");
      case Kind::titles: {
        const std::string& slug = frames_[depth_ - 2].key;
        return text(v, out_.objects[slug][f.key]);
      }
      case Kind::days: return expected(v, "a day (an object)");
      case Kind::items: return expected(v, "an item (an object)");
      case Kind::day:
        if (std::int64_t* n = day_count(f.field)) return count(v, *n);
        switch (f.field) {
          case kDate: return text(v, day().date);
          case -1: return true;
          case kHoursOn: return expected(v, "an array of hours (0 to 23)");
          case kByHour: return expected(v, "24 integers");
          case kLengthBandsField: return expected(v, std::to_string(kLengthBands.size()) + " integers");
          case kItems: return expected(v, "an array of items");
          case kPacks: return expected(v, "an array of strings");
          default: return expected(v, "an object of counts");
        }
      case Kind::item: {
        ItemDay& item = day().items.back();
        switch (f.field) {
          case kDwell: return count(v, item.dwell_s);
          case kItemId: return text(v, item.id) && (!item.id.empty() || fail(path(depth_), "empty"));
          case kItemSessions: return count(v, item.sessions);
          case kViews: return count(v, item.views);
          default: return true;
        }
      }
      case Kind::hours_on: {
        auto& hours = day().hours_on;
        if (v.type != Value::count || v.n > 23 || (!hours.empty() && v.n <= hours.back()))
          return fail(path(depth_ - 1), "expected hours 0 to 23 in increasing order");
        hours.push_back(static_cast<int>(v.n));
        return true;
      }
      case Kind::by_hour:
      case Kind::bands: {
        const auto series = day_series(f.kind);
        if (v.type != Value::count || f.index >= series.size())
          return fail(path(depth_ - 1), "expected " + std::to_string(series.size()) + " integers");
        series[f.index] = v.n;
        return true;
      }
      case Kind::counts: {
        std::int64_t n = 0;
        if (!count(v, n)) return false;
        (*day_counts(frames_[depth_ - 2].field))[f.key] = n;
        return true;
      }
      case Kind::packs: return text(v, day().packs.emplace_back());
      case Kind::ignored: return true;
    }
    return true;
  }

  // The kind of container a place holds, or nullopt (after failing) if it must not hold one.
  std::optional<Kind> container(bool array) {
    const Value got{array ? Value::array : Value::object};
    if (depth_ == 0) {
      if (!array) return Kind::top;
      fail("", "expected a JSON object, not an array");
      return std::nullopt;
    }
    const Frame& f = frames_[depth_ - 1];
    const auto want = [&](bool want_array, Kind k, const std::string& what) -> std::optional<Kind> {
      if (array == want_array) return k;
      expected(got, what);
      return std::nullopt;
    };
    switch (f.kind) {
      case Kind::top:
        switch (f.field) {
          case kDays: return want(true, Kind::days, "an array of days");
          case kKiosk: return want(false, Kind::kiosk, "an object (id, public_key, name, institution)");
          case kObjects: return want(false, Kind::objects, "an object of titles by item");
          case -1: return Kind::ignored;
          default: break;
        }
        break;
      case Kind::objects: return want(false, Kind::titles, "an object of titles by language");
      case Kind::days: return want(false, Kind::day, "a day (an object)");
      case Kind::items: return want(false, Kind::item, "an item (an object)");
      case Kind::day:
        if (day_counts(f.field)) return want(false, Kind::counts, "an object of counts");
        switch (f.field) {
          case kHoursOn: return want(true, Kind::hours_on, "an array of hours (0 to 23)");
          case kByHour: return want(true, Kind::by_hour, "24 integers");
          case kLengthBandsField: return want(true, Kind::bands, std::to_string(kLengthBands.size()) + " integers");
          case kItems: return want(true, Kind::items, "an array of items");
          case kPacks: return want(true, Kind::packs, "an array of strings");
          case -1: return Kind::ignored;
          default: break;
        }
        break;
      case Kind::kiosk:
      case Kind::item:
        if (f.field == -1) return Kind::ignored;
        break;
      case Kind::ignored: return Kind::ignored;
      default: break;
    }
    // Everything else wants a scalar: accept says which.
    accept(got);
    return std::nullopt;
  }

  bool open(bool array) {
    if (depth_ >= kMaxDepth) return fail(path(depth_), "nested more than " + std::to_string(kMaxDepth) + " levels");
    const auto kind = container(array);
    if (!kind) {
      if (error_.empty()) fail(path(depth_), "unexpected " + std::string(array ? "array" : "object"));
      return false;
    }
    if (canon_ && !quiet(depth_)) {
      begin_value();
      *canon_ += array ? '[' : '{';
    }
    if (*kind == Kind::days) out_.days.reserve(days_hint_);  // growing would move every day read so far
    if (*kind == Kind::day) out_.days.emplace_back();
    if (*kind == Kind::item) day().items.emplace_back();
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.kind = *kind;
    f.array = array;
    f.written = f.has_key = false;
    f.field = -1;
    f.seen = 0;
    f.index = 0;
    f.key.clear();
    if (f.kind == Kind::top && signature_cut_) f.seen = 1u << kSignature;
    return true;
  }

  bool close() {
    Frame& f = frames_[depth_ - 1];
    if (const auto fields = fields_of(f.kind); !fields.empty()) {
      for (std::size_t i = 0; i < fields.size(); ++i)
        if (!(f.seen & (1u << i))) {
          const std::string where = path(depth_ - 1);
          return fail(where.empty() ? std::string(fields[i]) : where + "." + std::string(fields[i]), "missing");
        }
    }
    if (f.kind == Kind::by_hour || f.kind == Kind::bands) {
      if (f.index != day_series(f.kind).size())
        return fail(path(depth_ - 1), "expected " + std::to_string(day_series(f.kind).size()) + " integers");
    }
    if (f.kind == Kind::day && !events::parse_date(day().date))
      return fail(path(depth_ - 1) + ".date", "\"" + day().date + "\" is not a date (YYYY-MM-DD)");
    const bool quiet_value = quiet(depth_ - 1);
    --depth_;
    if (canon_ && !quiet_value) *canon_ += f.array ? ']' : '}';
    end_value();
    return true;
  }

  Export& out_;
  std::string* canon_;
  bool signature_cut_;
  std::size_t days_hint_;  // days to make room for: a day takes 3 to 5 kB of text
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  std::string error_, format_, signature_;
  bool sorted_ = true;
};

// Only the top-level "format" and "version", for a file the Reader refused: a file that is no
// export, or of another version, is named as such rather than by the first field that differs.
class HeadReader final : public json::json_sax_t {
 public:
  std::optional<std::string> format;
  std::optional<std::int64_t> version;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t n) override { return at_top(n); }
  bool number_unsigned(number_unsigned_t n) override {
    return at_top(static_cast<std::int64_t>(std::min<number_unsigned_t>(n, std::numeric_limits<std::int64_t>::max())));
  }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t& s) override {
    if (depth_ == 1 && key_ == "format") format = s;
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return ++depth_, true; }
  bool start_array(std::size_t) override { return ++depth_, true; }
  bool end_object() override { return --depth_, true; }
  bool end_array() override { return --depth_, true; }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool at_top(std::int64_t n) {
    if (depth_ == 1 && key_ == "version") version = n;
    return true;
  }
  int depth_ = 0;
  std::string key_;
};

// The reason to refuse a file whose format or version is not this one's, if any. `whole`: the
// top level was read to its end, so a member not seen is missing (a file cut short or broken
// earlier is named by its first problem instead).
std::optional<std::string> head_problem(const std::optional<std::string>& format, const std::optional<std::int64_t>& version,
                                        bool whole = true) {
  if (format ? *format != kFormat : whole) return "not an Orpheus usage export (no \"format\": \"orpheus-usage\")";
  if (version ? *version != kExportVersion : whole) {
    if (!version) return "version: missing or not an integer";
    return "version: " + std::to_string(*version) + " is not known (this program reads version " +
           std::to_string(kExportVersion) + "; a newer one is needed)";
  }
  return std::nullopt;
}

bool is_utc_time(std::string_view t) {
  // "2027-03-20T09:00:00Z"
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return false;
  if (!events::parse_date(t.substr(0, 10))) return false;
  const auto two = [&](std::size_t at, int max) {
    const char a = t[at], b = t[at + 1];
    return a >= '0' && a <= '9' && b >= '0' && b <= '9' && (a - '0') * 10 + (b - '0') <= max;
  };
  return two(11, 23) && two(14, 59) && two(17, 60);
}

// What the reader cannot see one value at a time: dates in order and inside from..to, the key.
std::optional<std::string> check_whole(const Export& e) {
  if (!is_utc_time(e.created)) return "created: \"" + e.created + "\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)";
  const auto from = events::parse_date(e.from), to = events::parse_date(e.to);
  if (!from) return "from: \"" + e.from + "\" is not a date (YYYY-MM-DD)";
  if (!to) return "to: \"" + e.to + "\" is not a date (YYYY-MM-DD)";
  if (*to < *from) return "to: " + e.to + " is before from (" + e.from + ")";
  if (e.time_zone.empty()) return "time_zone: empty";
  for (std::size_t i = 0; i < e.days.size(); ++i) {
    const std::string& date = e.days[i].date;
    const std::string where = "days[" + std::to_string(i) + "].date: ";
    // ISO dates compare as strings.
    if (date < e.from || date > e.to) return where + date + " is outside from..to (" + e.from + " to " + e.to + ")";
    if (i > 0 && date <= e.days[i - 1].date)
      return where + date + " does not follow days[" + std::to_string(i - 1) + "] (" + e.days[i - 1].date + "): days go by date, once each";
  }
  return std::nullopt;
}

// The text without the whitespace outside strings and without its top-level "signature" member,
// appended to `out`, and that member's value. A file as export_text wrote it, or only
// re-indented, is then its own canonical form: if the signature verifies over these bytes, they
// are what the kiosk signed, and nothing needs rebuilding. False when the text is not of that
// shape (no signature string at the top, or one with escapes): the caller takes the long way.
bool compact_unsigned(std::string_view text, std::string& out, std::string& signature) {
  // Written through a pointer into room made beforehand: a byte at a time through += costs more
  // than the rest of this loop.
  const std::size_t begin = out.size();
  out.resize(begin + text.size());
  char* const first = out.data() + begin;
  char* o = first;
  int depth = 0;
  bool key_next = false;   // at the top level, after '{' or ','
  int in_signature = 0;    // 1: its key read, 2: its value read
  char* cut = nullptr;     // where the signature member (with a comma before it) began
  bool drop_comma = false; // the member was the first: drop the comma after it instead
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char c = *p;
    if (c == '"') {
      // The closing quote: the next one after an even number of backslashes.
      const char* q = p;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q + 1, '"', static_cast<std::size_t>(end - q - 1)));
        if (!q) return false;
        const char* b = q;
        while (b[-1] == '\\') --b;
        if ((q - b) % 2 == 0) break;
      }
      const std::string_view token(p, static_cast<std::size_t>(q + 1 - p));
      p = q + 1;
      if (in_signature == 1) {
        if (token.find('\\') != std::string_view::npos) return false;
        signature.assign(token.substr(1, token.size() - 2));
        in_signature = 2;
        o = cut;
        continue;
      }
      if (depth == 1 && key_next && token == "\"signature\"") {
        if (in_signature) return false;  // twice
        in_signature = 1;
        drop_comma = o == first || o[-1] != ',';
        cut = drop_comma ? o : o - 1;
      }
      key_next = false;
      std::memcpy(o, token.data(), token.size());
      o += token.size();
      continue;
    }
    ++p;
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': continue;
      case '{': case '[': key_next = ++depth == 1 && c == '{'; break;
      case '}': case ']': --depth; break;
      case ',':
        key_next = depth == 1;
        if (drop_comma && in_signature == 2) {
          drop_comma = false;
          continue;
        }
        break;
      case ':': break;
      default:
        if (in_signature == 1) return false;  // a signature that is not a string
        break;
    }
    *o++ = c;
  }
  out.resize(begin + static_cast<std::size_t>(o - first));
  return in_signature == 2;
}

// The checks after reading, in order: the first problem, if any. `message` is the signing prefix
// followed by the canonical text.
std::optional<std::string> problem_with(const Export& e, const std::string& format, const std::string& signature,
                                        std::string_view message) {
  if (auto problem = head_problem(format, e.version)) return problem;
  if (auto problem = check_whole(e)) return problem;
  trust::PublicKey key;
  try {
    key = trust::parse_public_key(e.kiosk.public_key);
  } catch (const trust::TrustError& x) {
    return std::string("kiosk.public_key: ") + x.what();
  }
  if (e.kiosk.id != key.id()) return "kiosk.id: \"" + e.kiosk.id + "\" is not the id of kiosk.public_key (" + key.id() + ")";
  trust::Signature sig{};
  try {
    sig = trust::parse_signature(signature);
  } catch (const trust::TrustError& x) {
    return std::string("signature: ") + x.what();
  }
  if (!trust::verify_message(bytes_of(message), sig, key)) return "the signature does not match its content (altered after export?)";
  return std::nullopt;
}

Export parse_in(std::string_view text, const std::string& file_name, std::string& message) {
  const auto refuse = [&](const std::string& reason) { return ExportError(file_name, reason); };
  std::string signature;
  // The quick way: the compact text read, and its signature checked, as it is.
  message.assign(kSigningPrefix);
  if (compact_unsigned(text, message, signature)) {
    Export e;
    e.version = 0;
    Reader reader(e, nullptr, message.size(), true);
    if (json::sax_parse(std::string_view(message).substr(kSigningPrefix.size()), &reader) &&
        !problem_with(e, reader.format(), signature, message))
      return e;
  }
  // The long way: the canonical text written while reading, so that whitespace, key order and
  // escapes do not matter; and the problems found with their places in the file as it is.
  Export e;
  e.version = 0;
  message.assign(kSigningPrefix);
  Reader reader(e, &message, text.size());
  if (!json::sax_parse(text, &reader)) {
    HeadReader head;
    const bool whole = json::sax_parse(text, &head);
    throw refuse(head_problem(head.format, head.version, whole).value_or(reader.error()));
  }
  if (!reader.keys_sorted()) {
    // Keys reordered by some tool: canonicalise through the DOM (std::map sorts them), then read
    // that text, whose keys are in order. Rare, so costing a second pass is of no account.
    std::string sorted;
    try {
      sorted = json::parse(text).dump();
    } catch (const json::exception& x) {
      throw refuse(std::string("not valid JSON: ") + x.what());
    }
    return parse_in(sorted, file_name, message);
  }
  if (const auto problem = problem_with(e, reader.format(), reader.signature(), message)) throw refuse(*problem);
  return e;
}

}  // namespace

std::string day_text(const DaySummary& day) { return day_json(day).dump(); }

DaySummary parse_day(std::string_view text) {
  const json j = json::parse(text);
  DaySummary d;
  try {
    j.at("date").get_to(d.date);
    j.at("hours_on").get_to(d.hours_on);
    j.at("sessions").get_to(d.sessions);
    j.at("sessions_by_hour").get_to(d.sessions_by_hour);
    j.at("session_s").get_to(d.session_s);
    j.at("median_session_s").get_to(d.median_session_s);
    j.at("length_bands").get_to(d.length_bands);
    j.at("item_views").get_to(d.item_views);
    j.at("item_dwell_s").get_to(d.item_dwell_s);
    j.at("languages").get_to(d.languages);
    j.at("accessibility").get_to(d.accessibility);
    j.at("screens").get_to(d.screens);
    for (const auto& i : j.at("items"))
      d.items.push_back({i.at("id"), i.at("views"), i.at("dwell_s"), i.at("sessions")});
    j.at("narrations").get_to(d.narrations);
    j.at("narration_s").get_to(d.narration_s);
    j.at("searches").get_to(d.searches);
    j.at("searches_empty").get_to(d.searches_empty);
    j.at("queries").get_to(d.queries);
    j.at("events_opened").get_to(d.events_opened);
    j.at("attract_interruptions").get_to(d.attract_interruptions);
    j.at("packs").get_to(d.packs);
  } catch (const json::exception& e) {
    throw std::runtime_error("a day summary that does not read: " + std::string(e.what()));
  }
  return d;
}

std::string export_text(Export e, const trust::SecretKey& key) {
  const trust::PublicKey pub = key.public_key();
  e.kiosk.id = pub.id();
  e.kiosk.public_key = pub.text();
  try {
    json doc = export_json(e);
    std::string message(kSigningPrefix);
    message += doc.dump();
    doc["signature"] = trust::signature_text(trust::sign_message(bytes_of(message), key));
    return doc.dump(1) + "\n";
  } catch (const json::exception& x) {  // a text that is not UTF-8
    throw ExportError("export of kiosk " + e.kiosk.id, std::string("cannot be written: ") + x.what());
  }
}

Export parse_export(std::string_view text, const std::string& file_name) {
  std::string message;
  return parse_in(text, file_name, message);
}

Export read_export(const std::filesystem::path& file) {
  ExportScratch scratch;
  return read_export(file, scratch);
}

Export read_export(const std::filesystem::path& file, ExportScratch& scratch) {
  const std::string name = file.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw ExportError(name, "cannot be read: " + ec.message());
  if (size > kMaxExportBytes)
    throw ExportError(name, "larger than " + std::to_string(kMaxExportBytes >> 20) + " MB: not an export");
  std::ifstream in(file, std::ios::binary);
  scratch.text.resize(size);
  if (!in || !in.read(scratch.text.data(), static_cast<std::streamsize>(size)))
    throw ExportError(name, std::string("cannot be read: ") + std::strerror(errno));
  return parse_in(scratch.text, name, scratch.message);
}

}  // namespace orpheus::usage
