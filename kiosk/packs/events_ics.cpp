// import_ics: an iCalendar file -> events of the pack source.
//
// libical parses the file but keeps no line numbers, so the text is also scanned here (unfolded
// lines, BEGIN/END nesting): the n-th VEVENT libical returns is the n-th BEGIN:VEVENT of the
// text, and a problem about a property is put at that property's line within its VEVENT. The scan
// also catches what libical silently gives up on (a file cut short, an END without its BEGIN), and
// keeps each RRULE as written, so that expand_series names what it refuses.
//
// Times: libical's values are read as written (wall-clock fields) and their TZID named with
// events::TimeZone (ICU: IANA or Windows names); libical's own zone conversion is not used.
#include "packs/events_ics.h"

#include <libical/ical.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/text.h"
#include "core/utf8.h"
#include "packs/html_text.h"
#include "packs/recurrence.h"
#include "packs/text_rules.h"

namespace orpheus::packs {

namespace detail {

std::optional<catalog::Audience> audience_from_word(std::string_view word) {
  using catalog::Audience;
  std::string w = fold_case(word);
  while (!w.empty() && (w.back() == ' ' || w.back() == '.' || w.back() == '\t')) w.pop_back();
  while (!w.empty() && (w.front() == ' ' || w.front() == '\t')) w.erase(0, 1);
  if (auto a = catalog::audience_named(w)) return a;
  static const std::map<std::string, Audience, std::less<>> words = {
      {"child", Audience::children},       {"kids", Audience::children},         {"kid", Audience::children},
      {"for children", Audience::children}, {"for kids", Audience::children},    {"деца", Audience::children},
      {"дете", Audience::children},        {"детски", Audience::children},       {"за деца", Audience::children},
      {"family", Audience::families},      {"семейства", Audience::families},    {"семейство", Audience::families},
      {"семейни", Audience::families},     {"семеен", Audience::families},       {"за семейства", Audience::families},
      {"for families", Audience::families}, {"adult", Audience::adults},         {"grown-ups", Audience::adults},
      {"възрастни", Audience::adults},     {"за възрастни", Audience::adults},   {"school", Audience::schools},
      {"school groups", Audience::schools}, {"училища", Audience::schools},      {"училище", Audience::schools},
      {"ученици", Audience::schools},      {"за училища", Audience::schools},    {"accessibility", Audience::accessible},
      {"barrier-free", Audience::accessible}, {"wheelchair accessible", Audience::accessible},
      {"достъпно", Audience::accessible},  {"достъпен", Audience::accessible},   {"достъпна", Audience::accessible},
      {"достъпност", Audience::accessible}, {"достъпна среда", Audience::accessible}};
  if (auto found = words.find(w); found != words.end()) return found->second;
  return std::nullopt;
}

std::string summary_from_description(std::string_view description, std::size_t max_chars) {
  // The first paragraph (a line of its own).
  std::string_view para = description.substr(0, description.find('\n'));
  while (!para.empty() && para.back() == ' ') para.remove_suffix(1);
  // The first sentence: ". ", "! ", "? " or "…" followed by a space, or the paragraph's end; a
  // sentence shorter than 20 bytes ("St. George") goes on to the next one.
  std::size_t end = std::string_view::npos;
  for (std::size_t i = 0; i + 1 < para.size(); ++i) {
    const char c = para[i];
    if ((c == '.' || c == '!' || c == '?') && para[i + 1] == ' ' && i + 1 >= 20) {
      end = i + 1;
      break;
    }
  }
  std::string_view sentence = end == std::string_view::npos ? para : para.substr(0, end);
  if (core::count_code_points(sentence) <= max_chars) return std::string(sentence);
  // Cut before max_chars characters, at a space if there is one in the second half.
  std::size_t bytes = 0, chars = 0, last_space = std::string_view::npos;
  while (bytes < para.size() && chars < max_chars) {
    if (para[bytes] == ' ') last_space = bytes;
    const auto [cp, n] = core::decode_utf8(para, bytes);
    bytes += n ? n : 1;
    ++chars;
  }
  std::size_t cut = last_space != std::string_view::npos && last_space >= bytes / 2 ? last_space : bytes;
  std::string out(para.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':'))
    out.pop_back();
  return out + "…";
}

std::string slug_from_uid(std::string_view uid) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : uid) h = (h ^ c) * 16777619u;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", h);
  std::string s = slugify(uid, 400);
  if (s.empty()) return "event-" + std::string(hex);
  if (s.size() <= 40) return s;
  s.resize(31);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s + "-" + hex;
}

}  // namespace detail

namespace {

namespace fs = std::filesystem;
using events::LocalTime;
using events::TimeZone;
using core::trim;

constexpr std::int64_t kDaySeconds = 86400;

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

// --- the text scan -------------------------------------------------------------------------

struct Line {
  int number = 0;     // of its first physical line
  std::string text;   // unfolded
};

std::vector<Line> logical_lines(std::string_view bytes) {
  std::vector<Line> out;
  int number = 0;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t end = bytes.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = bytes.size();
    ++number;
    const std::string_view line = bytes.substr(i, end - i);
    i = end + (end + 1 < bytes.size() && bytes[end] == '\r' && bytes[end + 1] == '\n' ? 2 : 1);
    if ((line.starts_with(' ') || line.starts_with('\t')) && !out.empty()) {
      out.back().text.append(line.substr(1));  // a folded line goes on
      continue;
    }
    if (trim(line).empty()) continue;
    out.push_back(Line{number, std::string(line)});
  }
  return out;
}

// The property name of a content line ("DTSTART" of "DTSTART;TZID=...:..."), upper case.
std::string name_of(std::string_view line) { return core::ascii_uppered(trim(line.substr(0, line.find_first_of(";:")))); }

// The value of a content line: after the first ':' outside double quotes.
std::string_view value_of(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    else if (line[i] == ':' && !quoted) return line.substr(i + 1);
  }
  return {};
}

struct ScannedEvent {
  int begin = 0, end = 0;  // lines of BEGIN:VEVENT and END:VEVENT
  std::vector<std::pair<std::string, const Line*>> props;  // its own properties (not its VALARMs')
  int line_of(std::string_view name) const {
    for (const auto& [n, l] : props)
      if (n == name) return l->number;
    return begin;
  }
  const Line* first(std::string_view name) const {
    for (const auto& [n, l] : props)
      if (n == name) return l;
    return nullptr;
  }
};

struct Scan {
  std::vector<ScannedEvent> events;
  bool broken = false;  // the nesting is wrong: libical's reading cannot be trusted
};

Scan scan(const std::vector<Line>& lines, const fs::path& file, std::vector<Problem>& problems) {
  Scan s;
  struct Open {
    std::string name;
    int line;
    int event;  // index into s.events, or -1
  };
  std::vector<Open> stack;
  auto report = [&](int line, std::string reason) {
    problems.push_back(Problem{file, line, 0, "", std::move(reason)});
    s.broken = true;
  };
  if (lines.empty() || core::ascii_uppered(trim(lines.front().text)) != "BEGIN:VCALENDAR") {
    report(lines.empty() ? 0 : lines.front().number,
           "not an iCalendar file: it does not start with BEGIN:VCALENDAR");
    return s;
  }
  for (const Line& l : lines) {
    const std::string name = name_of(l.text);
    if (name == "BEGIN" || name == "END") {
      const std::string what = core::ascii_uppered(trim(value_of(l.text)));
      if (name == "BEGIN") {
        if (stack.empty() && what != "VCALENDAR")
          report(l.number, "BEGIN:" + what + " outside BEGIN:VCALENDAR ... END:VCALENDAR");
        int event = -1;
        if (what == "VEVENT") {
          s.events.push_back(ScannedEvent{l.number, 0, {}});
          event = static_cast<int>(s.events.size()) - 1;
        }
        stack.push_back(Open{what, l.number, event});
        continue;
      }
      if (stack.empty()) {
        report(l.number, "END:" + what + " without BEGIN:" + what);
        continue;
      }
      if (stack.back().name != what) {
        report(l.number, "END:" + what + " where BEGIN:" + stack.back().name + " (line " +
                             std::to_string(stack.back().line) + ") ends");
        // Resynchronise on the matching BEGIN if there is one.
        auto match = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.name == what; });
        if (match == stack.rend()) continue;
        stack.erase(std::prev(match.base()), stack.end());
        continue;
      }
      if (stack.back().event >= 0) s.events[static_cast<std::size_t>(stack.back().event)].end = l.number;
      stack.pop_back();
      continue;
    }
    if (stack.empty()) {
      report(l.number, "text after END:VCALENDAR");
      continue;
    }
    if (stack.back().event >= 0) s.events[static_cast<std::size_t>(stack.back().event)].props.emplace_back(name, &l);
  }
  for (const Open& o : stack)
    report(o.line, "BEGIN:" + o.name + " is never ended (no END:" + o.name + "): is the file cut short?");
  return s;
}

// --- libical's components ------------------------------------------------------------------

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

void collect(icalcomponent* c, icalcomponent_kind kind, std::vector<icalcomponent*>& out) {
  if (icalcomponent_isa(c) == kind) out.push_back(c);
  for (icalcomponent* sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
       sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
    collect(sub, kind, out);
}

std::vector<icalproperty*> properties(icalcomponent* c, icalproperty_kind kind) {
  std::vector<icalproperty*> out;
  for (icalproperty* p = icalcomponent_get_first_property(c, kind); p; p = icalcomponent_get_next_property(c, kind))
    out.push_back(p);
  return out;
}

std::string param_string(icalproperty* p, icalparameter_kind kind) {
  icalparameter* param = icalproperty_get_first_parameter(p, kind);
  if (!param) return {};
  const char* v = nullptr;
  switch (kind) {
    case ICAL_TZID_PARAMETER:
      v = icalparameter_get_tzid(param);
      break;
    case ICAL_LANGUAGE_PARAMETER:
      v = icalparameter_get_language(param);
      break;
    default:
      break;
  }
  return v ? std::string(v) : std::string();
}

// The property names whose values the import reads: an error libical reports about one of them
// is an error, about any other a warning (the property is left out and not needed).
bool is_read(std::string_view name) {
  static const std::set<std::string, std::less<>> read = {
      "DTSTART", "DTEND",    "DURATION", "RRULE",   "RDATE",  "EXDATE", "RECURRENCE-ID", "SUMMARY",
      "DESCRIPTION", "LOCATION", "CATEGORIES", "UID", "STATUS", "CLASS"};
  return read.count(name) > 0;
}

std::string compact_date(std::int32_t day) {
  std::string d = events::format_date(day);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  return d;
}

// A DTSTART, DTEND, EXDATE, RDATE or RECURRENCE-ID value, read.
struct When {
  bool date = false;
  LocalTime local;   // as written (a date: its day)
  TimeZone zone = TimeZone::utc();  // the TZID's, UTC for "Z", the museum's for a floating time
  std::int64_t instant = 0;  // a time only
};

class Importer {
 public:
  Importer(const fs::path& file, const TimeZone& museum_zone, const std::vector<std::string>& languages,
           const std::string& default_language, std::vector<Problem>& problems)
      : file_(file), museum_(museum_zone), languages_(languages), default_(default_language), problems_(problems) {}

  std::vector<EventSource> run() {
    std::string bytes;
    {
      std::ifstream in(file_, std::ios::binary);
      if (!in) {
        problem(0, "", "cannot read the file");
        return {};
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      bytes = ss.str();
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);  // a byte order mark (line 1 stays line 1)
    if (bytes.find('\0') != std::string::npos) {
      problem(0, "", "not an iCalendar file: it holds NUL bytes (UTF-16? save it as UTF-8)");
      return {};
    }
    lines_ = logical_lines(bytes);
    // UTF-8 once unfolded: a fold may split a character's bytes (libical joins them again).
    for (const Line& l : lines_)
      if (core::invalid_utf8_at(l.text) != std::string::npos) {
        problem(l.number, "", "not UTF-8 (iCalendar files are UTF-8): save the file as UTF-8");
        break;
      }
    scan_ = scan(lines_, file_, problems_);
    if (scan_.broken) return {};

    icalerror_clear_errno();
    const std::unique_ptr<icalcomponent, ComponentFree> root(icalparser_parse_string(bytes.c_str()));
    icalerror_clear_errno();
    if (!root) {
      problem(1, "", "libical could not read the file");
      return {};
    }
    // Time zones the file defines: a TZID libical's own zones or Evolution name by X-LIC-LOCATION.
    std::vector<icalcomponent*> zones;
    collect(root.get(), ICAL_VTIMEZONE_COMPONENT, zones);
    for (icalcomponent* z : zones) {
      icalproperty* id = icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY);
      if (!id || !icalproperty_get_tzid(id)) continue;
      for (icalproperty* x : properties(z, ICAL_X_PROPERTY)) {
        const char* xname = icalproperty_get_x_name(x);
        const char* xvalue = icalproperty_get_x(x);
        if (xname && xvalue && core::ascii_uppered(xname) == "X-LIC-LOCATION") zone_locations_[icalproperty_get_tzid(id)] = xvalue;
      }
    }
    report_libical_errors_outside_events(root.get());

    std::vector<icalcomponent*> vevents;
    collect(root.get(), ICAL_VEVENT_COMPONENT, vevents);
    if (vevents.size() != scan_.events.size()) {
      // Should not happen; lines would be misattributed, so use the BEGIN lines only by order.
      problem(1, "", "libical read " + std::to_string(vevents.size()) + " VEVENTs where the text has " +
                         std::to_string(scan_.events.size()) + "; problems may be at wrong lines",
              true);
    }
    std::vector<Parsed> parsed;
    for (std::size_t i = 0; i < vevents.size(); ++i) {
      static const ScannedEvent none{};
      const ScannedEvent& where = i < scan_.events.size() ? scan_.events[i] : none;
      if (auto p = read_event(vevents[i], where)) {
        parsed.push_back(std::move(*p));
      } else if (!icalcomponent_get_first_property(vevents[i], ICAL_RECURRENCEID_PROPERTY)) {
        // A series left out (cancelled, private, or with an error): its changed dates go with it.
        if (icalproperty* uid = icalcomponent_get_first_property(vevents[i], ICAL_UID_PROPERTY))
          if (const char* u = icalproperty_get_uid(uid)) dropped_uids_.insert(std::string(trim(u)));
      }
    }
    for (const auto& [tzid, use] : unknown_zones_)
      if (use.count > 1)
        problems_[use.problem].reason += " (and " + std::to_string(use.count - 1) + " more uses of it)";
    if (vevents.empty()) problem(0, "", "no event (VEVENT) in the file", true);
    return assemble(std::move(parsed));
  }

 private:
  struct Parsed {
    const ScannedEvent* where = nullptr;
    std::string uid;
    bool cancelled = false;
    LangText title, description, place;
    std::vector<catalog::Audience> audience;
    bool timed_ok = false;  // the times below were understood
    SeriesStart first;
    TimeZone zone = TimeZone::utc();  // the series' (DTSTART's)
    std::string rrule;
    std::vector<std::int64_t> exclude;
    std::vector<LocalTime> rdates;  // in the series' zone
    std::optional<When> recurrence_id;
    bool this_and_future = false;
  };

  struct UnknownZone {
    std::size_t problem = 0;
    int count = 0;
  };

  void problem(int line, std::string field, std::string reason, bool warning = false) {
    problems_.push_back(Problem{file_, line, 0, std::move(field), std::move(reason), warning});
  }

  // --- errors libical left in the components -------------------------------------------------

  // The line a libical error is about: the property it names, or the line it quotes.
  int error_line(std::string_view message, const ScannedEvent* within, std::string& property) {
    property.clear();
    if (auto in = message.find(" in "); in != std::string_view::npos) {
      const auto end = message.find(" property", in + 4);
      if (end != std::string_view::npos) property = core::ascii_uppered(message.substr(in + 4, end - in - 4));
    }
    if (!property.empty() && within) return within->line_of(property);
    if (auto colon = message.rfind(": "); colon != std::string_view::npos) {
      const std::string_view quoted = trim(message.substr(colon + 2));
      for (const Line& l : lines_)
        if ((!within || (l.number > within->begin && l.number < within->end)) && l.text == quoted) return l.number;
    }
    return within ? within->begin : 0;
  }

  std::string clean_message(std::string_view message) {
    std::string m(trim(message));
    // libical's "Can't parse as DATE-TIME value in DTEND property. Removing entire property: x"
    if (auto removing = m.find(". Removing entire property"); removing != std::string::npos)
      m = m.substr(0, removing) + ": " + q(trim(std::string_view(m).substr(m.find(':', removing) + 1)));
    return "libical: " + m;
  }

  // Errors in the VEVENT itself, and whether one concerns a property the import reads.
  bool report_libical_errors(icalcomponent* ev, const ScannedEvent& where) {
    bool fatal = false;
    for (icalproperty* p : properties(ev, ICAL_XLICERROR_PROPERTY)) {
      const char* text = icalproperty_get_xlicerror(p);
      const std::string message = text ? text : "an error";
      // An empty value (Google writes "DESCRIPTION:" and "LOCATION:") is no error: just nothing.
      if (message.starts_with("No value for ")) continue;
      std::string property;
      const int line = error_line(message, &where, property);
      if (property == "RRULE") continue;  // expand_series reads it as written and says what is wrong
      const bool error = property.empty() || is_read(property);
      problem(line, property, clean_message(message) + (error ? "" : "; the property is left out"), !error);
      fatal = fatal || error;
    }
    return fatal;
  }

  void report_libical_errors_outside_events(icalcomponent* c) {
    if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT) return;
    for (icalproperty* p : properties(c, ICAL_XLICERROR_PROPERTY)) {
      const char* text = icalproperty_get_xlicerror(p);
      const std::string message = text ? text : "an error";
      if (message.starts_with("No value for ")) continue;
      std::string property;
      const int line = error_line(message, nullptr, property);
      problem(line, property, clean_message(message) + "; left out (not part of an event)", true);
    }
    for (icalcomponent* sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
      report_libical_errors_outside_events(sub);
  }

  // --- values ----------------------------------------------------------------------------------

  // The language of a text property: its LANGUAGE parameter's, if the pack has it.
  std::optional<std::string> language(icalproperty* p, const std::string& field, int line) {
    const std::string written = param_string(p, ICAL_LANGUAGE_PARAMETER);
    if (written.empty()) return default_;
    const std::string l = core::ascii_lowered(trim(written));
    if (std::find(languages_.begin(), languages_.end(), l) != languages_.end()) return l;
    const std::string primary = l.substr(0, l.find_first_of("-_"));
    if (std::find(languages_.begin(), languages_.end(), primary) != languages_.end()) return primary;
    std::string list;
    for (const auto& x : languages_) list += (list.empty() ? "" : ", ") + x;
    problem(line, field, "LANGUAGE=" + written + " is not a language of the pack (" + list + "): this text is left out",
            true);
    return std::nullopt;
  }

  void read_text(icalcomponent* ev, const ScannedEvent& where, icalproperty_kind kind, const char* field,
                 const char* (*get)(const icalproperty*), bool html, LangText& out) {
    for (icalproperty* p : properties(ev, kind)) {
      const int line = where.line_of(field);
      const auto lang = language(p, field, line);
      if (!lang) continue;
      const char* v = get(p);
      std::string text = html ? to_plain_text(v ? v : "") : sanitize_text(v ? v : "");
      if (text.empty()) continue;
      if (out.has(*lang)) {
        problem(line, field, "a second " + std::string(field) + " in " + *lang + ": left out", true);
        continue;
      }
      out.set(*lang, std::move(text));
    }
  }

  // A TZID's rules: an IANA or Windows name, a name with a vendor prefix
  // ("/mozilla.org/20050126_1/Europe/Sofia"), or a VTIMEZONE of the file with an X-LIC-LOCATION.
  std::optional<TimeZone> zone_named(const std::string& tzid) {
    if (auto found = zones_.find(tzid); found != zones_.end()) return found->second;
    std::optional<TimeZone> z = TimeZone::named(tzid);
    for (std::size_t slash = tzid.find('/'); !z && slash != std::string::npos; slash = tzid.find('/', slash + 1)) {
      const std::string rest = tzid.substr(slash + 1);  // "Europe/Sofia" of "/mozilla.org/20050126_1/Europe/Sofia"
      if (rest.find('/') != std::string::npos) z = TimeZone::named(rest);
    }
    if (!z)
      if (auto loc = zone_locations_.find(tzid); loc != zone_locations_.end()) z = TimeZone::named(loc->second);
    zones_.emplace(tzid, z);
    return z;
  }

  // A date or time property's value. nullopt (and a problem) for a TZID no one knows.
  std::optional<When> when(icalproperty* p, icaltimetype t, const char* field, int line) {
    When w;
    w.date = t.is_date != 0;
    w.local.day = events::civil_day(t.year, t.month, t.day);
    if (w.date) return w;
    w.local.minute = t.hour * 60 + t.minute;
    w.local.second = t.second;
    const std::string tzid = param_string(p, ICAL_TZID_PARAMETER);
    if (icaltime_is_utc(t)) {
      w.zone = TimeZone::utc();
    } else if (!tzid.empty()) {
      auto z = zone_named(tzid);
      if (!z) {
        auto& use = unknown_zones_[tzid];
        if (use.count++ == 0) {
          use.problem = problems_.size();
          problem(line, field,
                  "unknown time zone " + q(tzid) +
                      ": neither an IANA name (Europe/Sofia) nor a Windows one (FLE Standard Time); "
                      "set the calendar's time zone to a named one and export it again");
        }
        return std::nullopt;
      }
      w.zone = *z;
    } else {
      w.zone = museum_;  // floating: the museum's wall clock
    }
    w.instant = w.zone.to_utc(w.local);
    return w;
  }

  std::optional<When> when_of(icalcomponent* ev, const ScannedEvent& where, icalproperty_kind kind, const char* field,
                              icaltimetype (*get)(const icalproperty*)) {
    icalproperty* p = icalcomponent_get_first_property(ev, kind);
    if (!p) return std::nullopt;
    return when(p, get(p), field, where.line_of(field));
  }

  // --- one VEVENT ------------------------------------------------------------------------------

  std::optional<Parsed> read_event(icalcomponent* ev, const ScannedEvent& where) {
    Parsed e;
    e.where = &where;
    const bool libical_error = report_libical_errors(ev, where);

    if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY))
      e.uid = icalproperty_get_uid(p) ? trim(icalproperty_get_uid(p)) : "";
    if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY))
      e.cancelled = icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
    if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_CLASS_PROPERTY)) {
      const auto c = icalproperty_get_class(p);
      if (c == ICAL_CLASS_PRIVATE || c == ICAL_CLASS_CONFIDENTIAL) {
        problem(where.line_of("CLASS"), "CLASS",
                std::string("a ") + (c == ICAL_CLASS_PRIVATE ? "private" : "confidential") +
                    " event is not for visitors: left out",
                true);
        return std::nullopt;
      }
    }
    if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) {
      const std::string range = core::ascii_uppered(param_string_raw(where, "RECURRENCE-ID", "RANGE"));
      e.this_and_future = range == "THISANDFUTURE";
      if (e.this_and_future) {
        problem(where.line_of("RECURRENCE-ID"), "RECURRENCE-ID",
                "RANGE=THISANDFUTURE (a change to this and every later date) is not supported: split the series "
                "into two in the calendar and export it again");
        return std::nullopt;
      }
      e.recurrence_id = when(p, icalproperty_get_recurrenceid(p), "RECURRENCE-ID", where.line_of("RECURRENCE-ID"));
      if (!e.recurrence_id) return std::nullopt;
      if (e.cancelled) return e;  // a cancelled date of a series: nothing more to read
    }
    if (e.cancelled) return std::nullopt;  // a cancelled event

    read_text(ev, where, ICAL_SUMMARY_PROPERTY, "SUMMARY", icalproperty_get_summary, false, e.title);
    read_text(ev, where, ICAL_DESCRIPTION_PROPERTY, "DESCRIPTION", icalproperty_get_description, true,
              e.description);
    read_text(ev, where, ICAL_LOCATION_PROPERTY, "LOCATION", icalproperty_get_location, false, e.place);
    for (icalproperty* p : properties(ev, ICAL_CATEGORIES_PROPERTY)) {
      const char* v = icalproperty_get_categories(p);
      std::string_view rest = v ? v : "";
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (auto a = detail::audience_from_word(rest.substr(0, comma));
            a && std::find(e.audience.begin(), e.audience.end(), *a) == e.audience.end())
          e.audience.push_back(*a);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
    const int start_line = where.line_of("DTSTART");
    icalproperty* dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    if (!dtstart) {
      if (!libical_error) problem(where.begin, "DTSTART", "the event has no start (DTSTART)");
      return std::nullopt;
    }
    const auto start = when(dtstart, icalproperty_get_dtstart(dtstart), "DTSTART", start_line);
    if (!start) return std::nullopt;
    e.first.all_day = start->date;
    e.first.start = start->local;
    e.zone = start->zone;

    // The end: DTEND (exclusive), DURATION, or neither (a day, or an error for a time).
    const auto end = when_of(ev, where, ICAL_DTEND_PROPERTY, "DTEND", icalproperty_get_dtend);
    icalproperty* duration = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    const bool has_dtend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) != nullptr;
    bool times_ok = true;
    if (has_dtend && !end) {
      times_ok = false;  // its zone is unknown (reported)
    } else if (end) {
      if (end->date != start->date) {
        problem(where.line_of("DTEND"), "DTEND",
                start->date ? "DTSTART is a date (all day) but DTEND a time" : "DTSTART is a time but DTEND a date");
        times_ok = false;
      } else if (start->date) {
        e.first.end = end->local;
      } else {
        e.first.end = e.zone.to_local(end->instant);  // DTEND may name another zone
      }
    } else if (duration) {
      const icaldurationtype d = icalproperty_get_duration(duration);
      const std::int64_t seconds = (std::int64_t{d.weeks} * 7 + d.days) * kDaySeconds + std::int64_t{d.hours} * 3600 +
                                   std::int64_t{d.minutes} * 60 + d.seconds;
      if (d.is_neg) {
        problem(where.line_of("DURATION"), "DURATION", "a negative DURATION: the event ends before it starts");
        times_ok = false;
      } else if (start->date) {
        if (seconds % kDaySeconds != 0) {
          problem(where.line_of("DURATION"), "DURATION", "an all-day event lasts whole days (P1D), not hours");
          times_ok = false;
        }
        e.first.end = LocalTime{static_cast<std::int32_t>(start->local.day + seconds / kDaySeconds), 0, 0};
      } else {
        e.first.end = events::wall_time(events::wall_seconds(start->local) + seconds);
      }
    } else if (start->date) {
      e.first.end = LocalTime{start->local.day + 1, 0, 0};  // RFC 5545: one day
    } else {
      problem(start_line, "DTSTART", "the event has a start but no end (neither DTEND nor DURATION)");
      times_ok = false;
    }
    if (times_ok) {
      const bool backwards = e.first.all_day ? e.first.end.day <= e.first.start.day : e.first.end <= e.first.start;
      if (backwards) {
        problem(where.line_of(end ? "DTEND" : "DURATION"), end ? "DTEND" : "DURATION",
                "the event ends before it starts (or when it starts)");
        times_ok = false;
      }
    }

    // The series: RRULE as written (several: refused), RDATE, EXDATE.
    int rrules = 0;
    for (const auto& [name, line] : where.props)
      if (name == "RRULE") {
        if (++rrules == 1) e.rrule = std::string(trim(value_of(line->text)));
        else {
          problem(line->number, "RRULE", "a second RRULE: one rule per event (add the other dates with RDATE)");
          times_ok = false;
        }
      }
    if (!e.rrule.empty() && e.recurrence_id) {
      problem(where.line_of("RRULE"), "RRULE", "a changed date (RECURRENCE-ID) with a rule of its own is not supported");
      times_ok = false;
    }
    for (icalproperty* p : properties(ev, ICAL_EXDATE_PROPERTY)) {
      const auto x = when(p, icalproperty_get_exdate(p), "EXDATE", where.line_of("EXDATE"));
      if (!x) {
        times_ok = false;
        continue;
      }
      e.exclude.push_back(occurrence_key(*x, e.first, e.zone));
    }
    for (icalproperty* p : properties(ev, ICAL_RDATE_PROPERTY)) {
      const icaldatetimeperiodtype r = icalproperty_get_rdate(p);
      if (!icaltime_is_null_time(r.period.start)) {
        problem(where.line_of("RDATE"), "RDATE", "an RDATE as a period (start/end) is not supported: give its start");
        times_ok = false;
        continue;
      }
      const auto x = when(p, r.time, "RDATE", where.line_of("RDATE"));
      if (!x) {
        times_ok = false;
        continue;
      }
      if (x->date != e.first.all_day) {
        problem(where.line_of("RDATE"), "RDATE", e.first.all_day ? "an RDATE time in an all-day series" : "an RDATE date in a series at a time");
        times_ok = false;
        continue;
      }
      e.rdates.push_back(x->date ? x->local : e.zone.to_local(x->instant));
    }

    if (e.title.empty() && !e.recurrence_id && !e.cancelled)
      problem(where.line_of("SUMMARY"), "SUMMARY", "the event has no title (SUMMARY)");
    e.timed_ok = times_ok;
    return e;
  }

  // An EXDATE or RECURRENCE-ID as the start of the occurrence it names: a day (all-day series)
  // or an instant; a date in a series at a time names that day's occurrence at the usual time.
  static std::int64_t occurrence_key(const When& w, const SeriesStart& first, const TimeZone& zone) {
    if (first.all_day) return w.date ? w.local.day : zone.to_local(w.instant).day;
    if (w.date) return zone.to_utc(LocalTime{w.local.day, first.start.minute, first.start.second});
    return w.instant;
  }

  // A parameter of a property as written in the text (libical's RANGE parameter needs no enum).
  static std::string param_string_raw(const ScannedEvent& where, std::string_view property, std::string_view param) {
    const Line* l = where.first(property);
    if (!l) return {};
    const std::string head = core::ascii_uppered(std::string_view(l->text).substr(0, l->text.size() - value_of(l->text).size()));
    const std::string key = ";" + core::ascii_uppered(param) + "=";
    const auto at = head.find(key);
    if (at == std::string::npos) return {};
    const auto from = at + key.size();
    const auto to = head.find_first_of(";:", from);
    std::string v = head.substr(from, to == std::string::npos ? std::string::npos : to - from);
    v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
    return v;
  }

  // --- events from the parsed VEVENTs ----------------------------------------------------------

  std::vector<catalog::EventOccurrence> expand(const Parsed& e, int line, bool& ok) {
    Expansion x = expand_series(e.first, e.rrule, e.exclude, e.zone);
    if (!x.error.empty()) {
      const bool about_rule = x.error.starts_with("RRULE") || x.error.starts_with("more than");
      const bool about_exdate = x.error.find("EXDATE") != std::string::npos;
      const char* field = about_rule ? "RRULE" : about_exdate ? "EXDATE" : "DTSTART";
      problem(field == std::string_view("DTSTART") ? line : e.where->line_of(field), field, x.error);
      ok = false;
      return {};
    }
    for (const LocalTime& r : e.rdates) {
      SeriesStart one = e.first;
      const std::int64_t length = e.first.all_day ? std::int64_t{e.first.end.day} - e.first.start.day
                                                  : events::wall_seconds(e.first.end) - events::wall_seconds(e.first.start);
      one.start = r;
      one.end = e.first.all_day ? LocalTime{static_cast<std::int32_t>(r.day + length), 0, 0}
                                : events::wall_time(events::wall_seconds(r) + length);
      Expansion extra = expand_series(one, "", e.exclude, e.zone);
      for (const auto& o : extra.occurrences)
        if (std::none_of(x.occurrences.begin(), x.occurrences.end(), [&](const auto& y) { return y.start == o.start; }))
          x.occurrences.push_back(o);
    }
    if (x.occurrences.size() > kMaxOccurrences) {
      problem(e.where->line_of("RDATE"), "RDATE", "more than " + std::to_string(kMaxOccurrences) + " dates");
      ok = false;
      return {};
    }
    return std::move(x.occurrences);
  }

  static void sort_occurrences(std::vector<catalog::EventOccurrence>& v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  }

  EventSource source_of(const Parsed& e, std::string slug) {
    EventSource s;
    s.slug = std::move(slug);
    s.title = e.title;
    s.description = e.description;
    for (const auto& [lang, text] : e.description.entries()) {
      std::string summary = detail::summary_from_description(text);
      if (!summary.empty()) s.summary.set(lang, std::move(summary));
    }
    s.place = e.place;
    s.audience = e.audience;
    s.loc = SourceLoc{file_, e.where->begin, 0};
    s.text_locs.title = SourceLoc{file_, e.where->line_of("SUMMARY"), 0};
    s.text_locs.summary = s.text_locs.description = SourceLoc{file_, e.where->line_of("DESCRIPTION"), 0};
    return s;
  }

  std::string unique(std::string slug) {
    if (used_slugs_.insert(slug).second) return slug;
    for (int n = 2;; ++n)
      if (used_slugs_.insert(slug + "-" + std::to_string(n)).second) return slug + "-" + std::to_string(n);
  }

  std::vector<EventSource> assemble(std::vector<Parsed> parsed) {
    // The series (and single events) first, by UID; then each changed date applied to its series.
    std::vector<EventSource> out;
    std::map<std::string, std::size_t> series;  // UID -> index in out
    std::map<std::string, const Parsed*> masters;
    // UIDs of series left out (with an error, cancelled, private): their changed dates go with them.
    std::set<std::string> broken = dropped_uids_;
    for (const Parsed& e : parsed) {
      if (e.recurrence_id) continue;
      std::string base = e.uid.empty() ? detail::slugify(e.title.get(default_), 40) : detail::slug_from_uid(e.uid);
      if (base.empty()) base = "event";
      if (!e.uid.empty() && masters.count(e.uid)) {
        problem(e.where->begin, "UID",
                "a second event with UID " + q(e.uid) + " (the first at line " +
                    std::to_string(masters[e.uid]->where->begin) + "): read as an event of its own",
                true);
      }
      bool ok = e.timed_ok;
      std::vector<catalog::EventOccurrence> occurrences;
      if (ok) occurrences = expand(e, e.where->line_of("DTSTART"), ok);
      if (!ok || e.title.empty()) {
        if (!e.uid.empty()) broken.insert(e.uid);
        continue;
      }
      EventSource s = source_of(e, unique(base));
      s.occurrences = std::move(occurrences);
      if (!e.uid.empty() && !masters.count(e.uid)) {
        masters[e.uid] = &e;
        series[e.uid] = out.size();
      }
      out.push_back(std::move(s));
    }
    for (const Parsed& e : parsed) {
      if (!e.recurrence_id) continue;
      const int line = e.where->line_of("RECURRENCE-ID");
      const auto m = masters.find(e.uid);
      if (m == masters.end()) {
        if (broken.count(e.uid)) continue;
        // No series in this file (an export of a date range may hold only the changed date):
        // the date as an event of its own.
        if (e.cancelled || !e.timed_ok) continue;
        if (e.title.empty()) {
          problem(e.where->line_of("SUMMARY"), "SUMMARY", "the event has no title (SUMMARY)");
          continue;
        }
        bool ok = true;
        auto occurrences = expand(e, e.where->line_of("DTSTART"), ok);
        if (!ok) continue;
        EventSource s = source_of(e, unique(detail::slug_from_uid(e.uid) + "-" +
                                            compact_date(e.first.all_day ? e.first.start.day
                                                                         : e.recurrence_id->local.day)));
        s.occurrences = std::move(occurrences);
        out.push_back(std::move(s));
        continue;
      }
      const Parsed& master = *m->second;
      EventSource& s = out[series[e.uid]];
      const std::int64_t key = occurrence_key(*e.recurrence_id, master.first, master.zone);
      const auto original = std::find_if(s.occurrences.begin(), s.occurrences.end(),
                                         [&](const auto& o) { return o.start == key; });
      if (original != s.occurrences.end()) s.occurrences.erase(original);
      if (e.cancelled) {
        if (s.occurrences.empty())
          problem(line, "RECURRENCE-ID", "every date of the series is cancelled");
        continue;
      }
      if (!e.timed_ok) continue;
      bool ok = true;
      auto moved = expand(e, e.where->line_of("DTSTART"), ok);
      if (!ok) continue;
      // The same event on another date, or one with texts of its own (an event of its own).
      const bool same = (e.title.empty() || e.title.entries() == master.title.entries()) &&
                        (e.description.empty() || e.description.entries() == master.description.entries()) &&
                        (e.place.empty() || e.place.entries() == master.place.entries());
      if (same) {
        for (const auto& o : moved)
          if (std::none_of(s.occurrences.begin(), s.occurrences.end(), [&](const auto& y) { return y.start == o.start; }))
            s.occurrences.push_back(o);
        sort_occurrences(s.occurrences);
        continue;
      }
      Parsed own = e;
      if (own.title.empty()) own.title = master.title;
      if (own.description.empty()) own.description = master.description;
      if (own.place.empty()) own.place = master.place;
      if (own.audience.empty()) own.audience = master.audience;
      const std::int32_t day = e.recurrence_id->date ? e.recurrence_id->local.day
                                                     : master.zone.to_local(e.recurrence_id->instant).day;
      EventSource changed = source_of(own, unique(s.slug + "-" + compact_date(day)));
      changed.occurrences = std::move(moved);
      out.push_back(std::move(changed));
    }
    // A series whose every date moved away into events of their own, or was cancelled.
    std::vector<EventSource> kept;
    for (auto& s : out) {
      if (s.occurrences.empty()) continue;
      kept.push_back(std::move(s));
    }
    return kept;
  }

  const fs::path& file_;
  const TimeZone& museum_;
  const std::vector<std::string>& languages_;
  const std::string& default_;
  std::vector<Problem>& problems_;
  std::vector<Line> lines_;
  Scan scan_;
  std::map<std::string, std::string> zone_locations_;  // VTIMEZONE TZID -> X-LIC-LOCATION
  std::map<std::string, std::optional<TimeZone>> zones_;
  std::map<std::string, UnknownZone> unknown_zones_;
  std::set<std::string> used_slugs_;
  std::set<std::string> dropped_uids_;
};

}  // namespace

std::vector<EventSource> import_ics(const std::filesystem::path& file, const events::TimeZone& museum_zone,
                                    const std::vector<std::string>& languages, const std::string& default_language,
                                    std::vector<Problem>& problems) {
  return Importer(file, museum_zone, languages, default_language, problems).run();
}

}  // namespace orpheus::packs
