// The programme in a pack source: schedules, SRC/events/*.toml, the .ics and .csv programmes
// beside them (their importers), and the checks across all events (docs/events.md).
#include "packs/events_source.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cstdio>
#include <map>
#include <optional>
#include <system_error>
#include <tuple>

#include "packs/events_csv.h"
#include "packs/events_ics.h"
#include "packs/recurrence.h"
#include "packs/text_rules.h"

namespace orpheus::packs::detail {
namespace {

namespace fs = std::filesystem;
using catalog::EventOccurrence;
using events::LocalTime;

constexpr std::string_view kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::string_view kRuleDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr int kMaxDurationMinutes = 366 * 1440;

std::optional<int> weekday_named(std::string_view name) {
  for (int d = 0; d < 7; ++d)
    if (name == kWeekdays[d]) return d;
  return std::nullopt;
}

std::string weekday_names() {
  std::string s;
  for (auto d : kWeekdays) s += (s.empty() ? "\"" : ", \"") + std::string(d) + "\"";
  return s;
}

std::string audience_names() {
  std::string s;
  for (catalog::Audience a : catalog::kAudiences) s += (s.empty() ? "\"" : ", \"") + std::string(catalog::to_string(a)) + "\"";
  return s;
}

std::string minute_text(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string local_text(const LocalTime& t, bool all_day) {
  return all_day ? events::format_date(t.day) : events::format_date(t.day) + " " + minute_text(t.minute);
}

LocalTime plus_minutes(LocalTime t, int minutes) {
  const std::int64_t total = std::int64_t{t.minute} + minutes;
  t.day += static_cast<std::int32_t>(total / 1440);
  t.minute = static_cast<int>(total % 1440);
  return t;
}

// A date or a wall-clock time: a string ("2027-03-14", "2027-03-14T11:00") or TOML's own local
// date or local date-time (2027-03-14, 2027-03-14T11:00:00).
struct When {
  bool all_day = false;  // a date
  LocalTime at;
};

std::optional<When> read_when(TomlFile& f, const toml::node& n, const std::string& field) {
  const std::string offset_note =
      ": write the museum's local time, without an offset (time_zone in pack.toml says which), e.g. \"2027-03-14T11:00\"";
  if (const auto* d = n.as_date()) {
    const auto& v = d->get();
    return When{true, LocalTime{events::civil_day(v.year, v.month, v.day), 0, 0}};
  }
  if (const auto* dt = n.as_date_time()) {
    const auto& v = dt->get();
    if (v.offset) {
      f.report(n.source(), field, "a time with a UTC offset" + offset_note);
      return std::nullopt;
    }
    return When{false, LocalTime{events::civil_day(v.date.year, v.date.month, v.date.day), v.time.hour * 60 + v.time.minute,
                                 v.time.second}};
  }
  if (!n.is_string()) {
    f.report(n.source(), field,
             "expected a date (\"2027-03-14\") or a local time (\"2027-03-14T11:00\"), got " + type_name(n.type()));
    return std::nullopt;
  }
  const std::string text = n.as_string()->get();
  if (const auto day = events::parse_date(text)) return When{true, LocalTime{*day, 0, 0}};
  if (const auto local = events::parse_local_time(text)) return When{false, *local};
  if (events::parse_instant(text, events::TimeZone::utc())) {
    f.report(n.source(), field, "'" + text + "' has a UTC offset" + offset_note);
    return std::nullopt;
  }
  f.report(n.source(), field, "'" + text + "' is not a date (\"2027-03-14\") or a local time (\"2027-03-14T11:00\")");
  return std::nullopt;
}

// A day: a date as read_when() reads it, and nothing else.
std::optional<std::int32_t> read_day(TomlFile& f, const toml::node& n, const std::string& field) {
  const auto when = read_when(f, n, field);
  if (!when) return std::nullopt;
  if (!when->all_day) {
    f.report(n.source(), field, "expected a day like \"2027-03-14\", without a time");
    return std::nullopt;
  }
  return when->at.day;
}

// "90min", "2h", "1h30", "1h30min", "1 h 30 min" -> minutes.
std::optional<int> parse_duration(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s += c;
  std::size_t pos = 0;
  auto number = [&]() -> std::optional<int> {
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data() + pos) return std::nullopt;
    pos = static_cast<std::size_t>(end - s.data());
    return v;
  };
  auto unit = [&](std::string_view u) {
    if (s.compare(pos, u.size(), u) != 0) return false;
    pos += u.size();
    return true;
  };
  int minutes = 0;
  const auto first = number();
  if (!first) return std::nullopt;
  if (unit("h")) {
    minutes = *first * 60;
    if (pos < s.size()) {
      const auto more = number();
      if (!more || *more > 59) return std::nullopt;
      if (!unit("min")) unit("m");
      minutes += *more;
    }
  } else if (unit("min") || unit("m")) {
    minutes = *first;
  } else {
    return std::nullopt;
  }
  if (pos != s.size() || minutes <= 0 || minutes > kMaxDurationMinutes) return std::nullopt;
  return minutes;
}

// "YYYYMMDDTHHMMSSZ" for an RRULE's UNTIL.
std::string rule_instant(std::int64_t utc) {
  std::string iso = events::format_instant(utc);  // 2027-03-14T09:00:00Z
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out += c;
  return out;
}

std::string rule_date(std::int32_t day) {
  std::string out;
  for (char c : events::format_date(day))
    if (c != '-') out += c;
  return out;
}

class EventReader {
 public:
  EventReader(const BuildOptions& o, const LangRules& rules, const events::TimeZone& zone, std::vector<Problem>& problems)
      : o_(o), rules_(rules), zone_(zone), problems_(problems) {}

  void read_toml(const fs::path& shown, std::vector<EventSource>& out) {
    TomlFile f(shown, problems_);
    if (!f.load()) return;
    const toml::table& root = f.root();
    Fields t(f, root, "");
    t.allow({"id", "title", "summary", "description", "start", "end", "duration", "repeat", "room", "place", "address",
             "audience", "free", "price", "booking", "image", "image_item", "visible"});
    EventSource e;
    e.loc = SourceLoc{f.path(), 0, 0};
    if (auto id = t.string("id", true)) {
      if (!is_slug(*id, false)) t.report("id", "'" + *id + "' is not a valid id: use lower-case letters, digits and '-'");
      e.slug = *id;
      e.loc = f.loc(t.where("id"));
    }
    e.title = t.text("title", Need::default_language, rules_);
    e.summary = t.text("summary", Need::default_language, rules_);
    e.description = t.text("description", Need::optional, rules_);
    e.text_locs = TextLocs{f.loc(t.where("title")), f.loc(t.where("summary")), f.loc(t.where("description"))};
    e.room = t.text("room", Need::optional, rules_);
    e.place = t.text("place", Need::optional, rules_);
    e.address = t.text("address", Need::optional, rules_);
    e.price = t.text("price", Need::optional, rules_);
    e.booking = t.text("booking", Need::optional, rules_);
    if (root.get("room") && root.get("place"))
      t.report("place", "give either room (a room of the museum) or place (somewhere else, with its address), not both");
    if (root.get("address") && !root.get("place"))
      t.report("address", "an address needs the place's name: give place = { … } too");
    if (const toml::node* free = root.get("free")) {
      if (!free->is_boolean())
        t.report("free", "expected true or false, got " + type_name(free->type()));
      else
        e.free = free->as_boolean()->get();
      if (e.free && root.get("price")) t.report("price", "free = true and a price: give one of them");
    }
    if (const toml::array* list = t.array("audience", false)) read_audience(f, *list, e);
    if (auto image = t.string("image", false)) {
      ImageSource src;
      src.file = *image;
      src.field = "image";
      src.loc = f.loc(t.where("image"));
      src.resolved = locate_image(t, "image", *image, o_);
      e.image = std::move(src);
    }
    if (auto item = t.string("image_item", false)) {
      if (e.image)
        t.report("image_item", "give image (a picture file) or image_item (an item whose first image it shows), not both");
      else {
        e.image_item = *item;
        e.image_item_loc = f.loc(t.where("image_item"));
      }
    }
    if (const toml::node* visible = root.get("visible")) e.visibility = read_schedule(f, *visible, "visible");
    read_dates(f, t, e);
    out.push_back(std::move(e));
  }

 private:
  void read_audience(TomlFile& f, const toml::array& list, EventSource& e) {
    std::size_t i = 0;
    for (const toml::node& n : list) {
      const std::string field = "audience[" + std::to_string(++i) + "]";
      if (!n.is_string()) {
        f.report(n.source(), field, "expected an audience name, got " + type_name(n.type()));
        continue;
      }
      const std::string name = n.as_string()->get();
      const auto a = catalog::audience_named(name);
      if (!a)
        f.report(n.source(), field, "'" + name + "' is not an audience; known: " + audience_names());
      else if (std::find(e.audience.begin(), e.audience.end(), *a) != e.audience.end())
        f.report(n.source(), field, "'" + name + "' is listed twice");
      else
        e.audience.push_back(*a);
    }
  }

  // start, end or duration, repeat: the first occurrence, then the series expanded. The series
  // is checked even when the first occurrence has a problem, to report every problem at once.
  void read_dates(TomlFile& f, Fields& t, EventSource& e) {
    const toml::table& root = f.root();
    const toml::node* start_node = root.get("start");
    std::optional<When> start;
    if (!start_node)
      t.report("start", "required field is missing: a date (\"2027-03-14\", all day) or a local time (\"2027-03-14T11:00\")");
    else
      start = read_when(f, *start_node, "start");
    const std::optional<SeriesStart> first = start ? read_first(f, t, *start_node, *start) : std::nullopt;
    const toml::node* repeat = root.get("repeat");
    std::optional<std::string> rule;
    std::vector<std::int64_t> exclude;
    if (repeat) rule = read_repeat(f, *repeat, start ? &*start : nullptr, exclude);
    if (!first) return;
    if (!repeat) {
      e.occurrences.push_back(first->all_day ? EventOccurrence{true, first->start.day, first->end.day}
                                             : EventOccurrence{false, zone_.to_utc(first->start), zone_.to_utc(first->end)});
      return;
    }
    if (!rule) return;
    Expansion x = expand_series(*first, *rule, exclude, zone_);
    if (!x.error.empty()) {
      f.report(repeat->source(), "repeat", x.error);
      return;
    }
    if (x.occurrences.empty()) {
      f.report(repeat->source(), "repeat", "the series has no dates left (every one is in except)");
      return;
    }
    e.occurrences = std::move(x.occurrences);
  }

  // The first occurrence: `start` and its end (an all-day event's last day, or a timed one's end
  // or duration).
  std::optional<SeriesStart> read_first(TomlFile& f, Fields& t, const toml::node& start_node, const When& start) {
    const toml::table& root = f.root();
    SeriesStart first;
    const toml::node* end_node = root.get("end");
    const toml::node* duration_node = root.get("duration");
    first.all_day = start.all_day;
    first.start = start.at;
    if (first.all_day) {
      if (duration_node) {
        t.report("duration", "an all-day event (start is a date) lasts whole days: give end = its last day");
        return std::nullopt;
      }
      first.end = first.start;
      first.end.day += 1;
      if (end_node) {
        const auto last = read_day(f, *end_node, "end");
        if (!last) return std::nullopt;
        if (*last < first.start.day) {
          t.report("end", "the last day (" + events::format_date(*last) + ") is before start (" +
                              events::format_date(first.start.day) + ")");
          return std::nullopt;
        }
        first.end.day = *last + 1;
      }
    } else {
      std::string_view at = "end";
      if (end_node && duration_node) {
        t.report("duration", "give end or duration, not both");
        return std::nullopt;
      }
      if (end_node) {
        std::optional<int> minute;
        if (end_node->is_string()) minute = events::parse_minute(end_node->as_string()->get());
        if (minute) {
          first.end = LocalTime{first.start.day, *minute, 0};  // "12:30": the same day
        } else {
          const auto end = read_when(f, *end_node, "end");
          if (!end) return std::nullopt;
          if (end->all_day) {
            t.report("end", "expected a local time like \"2027-03-14T12:30\" (or \"12:30\"), as start has a time");
            return std::nullopt;
          }
          first.end = end->at;
        }
      } else if (duration_node) {
        at = "duration";
        const auto minutes = duration_node->is_string() ? parse_duration(duration_node->as_string()->get()) : std::nullopt;
        if (!minutes) {
          t.report("duration", "expected a length like \"90min\", \"2h\" or \"1h30min\"");
          return std::nullopt;
        }
        first.end = plus_minutes(first.start, *minutes);
      } else {
        f.report(start_node.source(), "end",
                 "required for an event with a start time: give end = \"" + events::format_date(first.start.day) +
                     "T12:30\" or duration = \"90min\"");
        return std::nullopt;
      }
      if (first.end <= first.start || zone_.to_utc(first.end) <= zone_.to_utc(first.start)) {
        t.report(at, "end (" + local_text(first.end, false) + ") is not after start (" + local_text(first.start, false) + ")");
        return std::nullopt;
      }
    }
    return first;
  }

  // `repeat = { every, on, interval, until | count, except }` as an RFC 5545 rule for expand_series;
  // `exclude` gets the excepted dates as occurrence starts. `start` (null: unreadable) is the first
  // occurrence's, for UNTIL's form and the excepted dates' times; without it only checked.
  std::optional<std::string> read_repeat(TomlFile& f, const toml::node& node, const When* start,
                                         std::vector<std::int64_t>& exclude) {
    const toml::table* table = node.as_table();
    if (!table) {
      f.report(node.source(), "repeat",
               "expected a table like { every = \"week\", on = [\"sat\"], until = \"2027-06-30\" }, got " + type_name(node.type()));
      return std::nullopt;
    }
    Fields r(f, *table, "repeat");
    r.allow({"every", "on", "interval", "until", "count", "except"});
    bool ok = true;
    std::string rule;
    std::string every;
    if (auto v = r.string("every", true)) {
      every = *v;
      if (every == "day") rule = "FREQ=DAILY";
      else if (every == "week") rule = "FREQ=WEEKLY";
      else if (every == "month") rule = "FREQ=MONTHLY";
      else {
        r.report("every", "'" + every + "': write \"day\", \"week\" or \"month\"");
        ok = false;
      }
    } else {
      ok = false;
    }
    if (auto interval = r.int32("interval", false)) {
      if (*interval < 1 || *interval > 1000) {
        r.report("interval", "interval " + std::to_string(*interval) + ": give 1 (every time), 2 (every other), ...");
        ok = false;
      } else if (*interval > 1) {
        rule += ";INTERVAL=" + std::to_string(*interval);
      }
    }
    if (const toml::array* on = r.array("on", false)) {
      std::string days;
      std::size_t i = 0;
      for (const toml::node& n : *on) {
        const std::string field = "repeat.on[" + std::to_string(++i) + "]";
        const std::string name = n.is_string() ? n.as_string()->get() : std::string();
        // A weekday; in a monthly series also which one of the month: "2sat", "-1sun" (the last).
        std::size_t digits = 0;
        while (digits < name.size() && (std::isdigit(static_cast<unsigned char>(name[digits])) || (digits == 0 && name[0] == '-')))
          ++digits;
        const auto day = weekday_named(std::string_view(name).substr(digits));
        int ordinal = 0;
        if (digits > 0) std::from_chars(name.data(), name.data() + digits, ordinal);
        if (!n.is_string() || !day) {
          f.report(n.source(), field, "expected a weekday: " + weekday_names() +
                                          (every == "month" ? " (or one of the month: \"2sat\", \"-1sun\" the last)" : ""));
          ok = false;
          continue;
        }
        if (digits > 0 && (every != "month" || ordinal == 0 || ordinal < -5 || ordinal > 5)) {
          f.report(n.source(), field, every != "month" ? "'" + name + "': which one of the month only in a monthly series"
                                                       : "'" + name + "': from \"1" + std::string(kWeekdays[*day]) +
                                                             "\" to \"5" + std::string(kWeekdays[*day]) + "\", or \"-1" +
                                                             std::string(kWeekdays[*day]) + "\" for the last");
          ok = false;
          continue;
        }
        days += (days.empty() ? "" : ",") + (digits ? std::to_string(ordinal) : std::string()) + std::string(kRuleDays[*day]);
      }
      if (!days.empty()) rule += ";BYDAY=" + days;
    }
    const toml::node* until_node = table->get("until");
    const toml::node* count_node = table->get("count");
    if (until_node && count_node) {
      r.report("count", "give until (the last day) or count (how many dates), not both");
      ok = false;
    } else if (until_node) {
      const auto until = read_day(f, *until_node, "repeat.until");
      if (!until) {
        ok = false;
      } else if (start && *until < start->at.day) {
        r.report("until", "the series ends (" + events::format_date(*until) + ") before it starts (" +
                              events::format_date(start->at.day) + ")");
        ok = false;
      } else if (start) {
        rule += ";UNTIL=" + (start->all_day ? rule_date(*until) : rule_instant(zone_.to_utc(LocalTime{*until, 1439, 59})));
      }
    } else if (count_node) {
      if (auto count = r.int32("count", false)) {
        if (*count < 1 || static_cast<std::size_t>(*count) > kMaxOccurrences) {
          r.report("count", "count " + std::to_string(*count) + ": a series has 1 to " + std::to_string(kMaxOccurrences) +
                                " dates");
          ok = false;
        } else {
          rule += ";COUNT=" + std::to_string(*count);
        }
      } else {
        ok = false;
      }
    } else {
      f.report(node.source(), "repeat", "a series must end: give until = \"YYYY-MM-DD\" (its last day) or count = N");
      ok = false;
    }
    if (const toml::array* except = r.array("except", false)) {
      std::size_t i = 0;
      for (const toml::node& n : *except) {
        const auto day = read_day(f, n, "repeat.except[" + std::to_string(++i) + "]");
        if (!day) {
          ok = false;
          continue;
        }
        if (start)
          exclude.push_back(start->all_day ? std::int64_t{*day}
                                           : zone_.to_utc(LocalTime{*day, start->at.minute, start->at.second}));
      }
    }
    if (!ok) return std::nullopt;
    return rule;
  }

  const BuildOptions& o_;
  const LangRules& rules_;
  const events::TimeZone& zone_;
  std::vector<Problem>& problems_;
};

std::string where(const SourceLoc& l) {
  std::string s = l.file.string();
  if (l.line) s += ":" + std::to_string(l.line);
  return s;
}

}  // namespace

catalog::Schedule read_schedule(TomlFile& f, const toml::node& node, const std::string& field) {
  catalog::Schedule schedule;
  const toml::table* table = node.as_table();
  if (!table) {
    f.report(node.source(), field,
             "expected a table like { from = \"2027-01-10\", until = \"2027-06-30\", days = [\"mon\"], hours = "
             "[\"09:00-13:00\"] }, got " + type_name(node.type()));
    return schedule;
  }
  Fields s(f, *table, field);
  s.allow({"from", "until", "days", "hours"});
  for (const char* key : {"from", "until"})
    if (const toml::node* n = table->get(key)) {
      const auto day = read_day(f, *n, s.field(key));
      (std::string_view(key) == "from" ? schedule.from_day : schedule.until_day) = day;
    }
  if (schedule.from_day && schedule.until_day && *schedule.until_day < *schedule.from_day) {
    s.report("until", "until (" + events::format_date(*schedule.until_day) + ") is before from (" +
                          events::format_date(*schedule.from_day) + ")");
    schedule.until_day.reset();
  }
  std::uint8_t weekdays = 0x7f;
  if (const toml::array* days = s.array("days", false)) {
    weekdays = 0;
    std::size_t i = 0;
    for (const toml::node& n : *days) {
      const std::string at = s.field("days") + "[" + std::to_string(++i) + "]";
      const auto day = n.is_string() ? weekday_named(n.as_string()->get()) : std::nullopt;
      if (!day) {
        f.report(n.source(), at, "expected a weekday: " + weekday_names());
        continue;
      }
      const auto bit = static_cast<std::uint8_t>(1u << *day);
      if (weekdays & bit) f.report(n.source(), at, "'" + std::string(kWeekdays[*day]) + "' is listed twice");
      weekdays |= bit;
    }
    if (days->empty()) s.report("days", "lists no day: leave days out for every day of the week");
    if (weekdays == 0) weekdays = 0x7f;  // reported: checked as if every day
  }
  if (const toml::array* hours = s.array("hours", false)) {
    std::size_t i = 0;
    for (const toml::node& n : *hours) {
      const std::string at = s.field("hours") + "[" + std::to_string(++i) + "]";
      const std::string text = n.is_string() ? n.as_string()->get() : std::string();
      std::size_t dash = text.find('-'), dash_size = 1;
      if (dash == std::string::npos) {
        dash = text.find("\xE2\x80\x93");  // an en dash, as typed by some editors
        dash_size = 3;
      }
      std::optional<int> from, to;
      if (dash != std::string::npos) {
        auto trimmed = [](std::string_view v) {
          while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
          while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
          return v;
        };
        from = events::parse_minute(trimmed(std::string_view(text).substr(0, dash)));
        to = events::parse_minute(trimmed(std::string_view(text).substr(dash + dash_size)));
      }
      if (!from || !to) {
        f.report(n.source(), at, (n.is_string() ? "'" + text + "'" : std::string("this")) +
                                     " is not a day part: write it as \"09:00-13:00\" (24-hour HH:MM, \"24:00\" for midnight)");
        continue;
      }
      if (*from >= *to || *from >= 1440) {
        f.report(n.source(), at, "from " + minute_text(*from) + " is not before to " + minute_text(*to) +
                                     " (a day part cannot cross midnight: split it in two)");
        continue;
      }
      schedule.parts.push_back(catalog::Schedule::Part{weekdays, *from, *to});
    }
    if (hours->empty()) s.report("hours", "lists no hours: leave hours out for the whole day");
  } else if (weekdays != 0x7f) {
    schedule.parts.push_back(catalog::Schedule::Part{weekdays, 0, 1440});
  }
  return schedule;
}

namespace {

// The image file `file` names (SRC/ first, then each --media-dir), or empty with `why` set.
fs::path find_image(const std::string& file, const BuildOptions& options, std::string& why) {
  const fs::path rel(file);
  if (file.empty()) {
    why = "must not be empty";
    return {};
  }
  if (rel.is_absolute()) {
    why = "'" + file + "' must be relative to the pack source folder";
    return {};
  }
  std::error_code ec;
  std::vector<fs::path> roots{options.source_dir};
  roots.insert(roots.end(), options.media_dirs.begin(), options.media_dirs.end());
  for (const auto& root : roots) {
    const fs::path candidate = root / rel;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  std::string looked;
  for (const auto& root : roots) looked += (looked.empty() ? "" : ", ") + root.string();
  why = "image '" + file + "' not found (looked in: " + looked + ")";
  return {};
}

}  // namespace

fs::path locate_image(Fields& fields, std::string_view key, const std::string& file, const BuildOptions& options) {
  std::string why;
  fs::path found = find_image(file, options, why);
  if (found.empty()) fields.report(key, why);
  return found;
}

void read_events(const BuildOptions& options, const LangRules& rules, const events::TimeZone& zone, PackSource& source,
                 std::vector<Problem>& problems) {
  std::vector<fs::path> dirs{options.source_dir / "events"};
  dirs.insert(dirs.end(), options.events_dirs.begin(), options.events_dirs.end());
  EventReader reader(options, rules, zone, problems);
  for (std::size_t d = 0; d < dirs.size(); ++d) {
    std::error_code ec;
    if (!fs::is_directory(dirs[d], ec)) {
      if (d > 0) problems.push_back(Problem{dirs[d], 0, 0, "--events-dir", "not a folder"});
      continue;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dirs[d], ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      const std::string ext = file.extension().string();
      if (ext == ".toml") {
        reader.read_toml(file, source.events);
      } else if (ext == ".ics" || ext == ".csv") {
        auto imported = ext == ".ics"
                            ? import_ics(file, zone, source.languages, source.default_language, problems)
                            : import_events_csv(file, zone, source.languages, source.default_language, problems);
        for (EventSource& e : imported) {
          // The importers leave the pictures they name to be found here, as a TOML file's are.
          if (e.image && e.image->resolved.empty()) {
            std::string why;
            e.image->resolved = find_image(e.image->file, options, why);
            if (e.image->field.empty()) e.image->field = "image";
            const SourceLoc& at = e.image->loc.file.empty() ? e.loc : e.image->loc;
            if (e.image->resolved.empty()) problems.push_back(Problem{at.file, at.line, at.column, e.image->field, why});
          }
          source.events.push_back(std::move(e));
        }
      }
    }
  }
}

void check_events(PackSource& source, const events::TimeZone& zone, std::vector<Problem>& problems) {
  auto problem = [&](const SourceLoc& at, std::string field, std::string reason) {
    problems.push_back(Problem{at.file, at.line, at.column, std::move(field), std::move(reason)});
  };
  std::map<std::string, const EventSource*> ids;
  for (const EventSource& e : source.events) {
    if (e.slug.empty()) continue;
    auto [found, fresh] = ids.emplace(e.slug, &e);
    if (!fresh) problem(e.loc, "id", "duplicate event id '" + e.slug + "' (also in " + where(found->second->loc) + ")");
  }
  std::map<std::string, const ItemSource*> items;
  for (const ItemSource& it : source.items)
    if (!it.slug.empty()) items.emplace(it.slug, &it);
  for (const EventSource& e : source.events) {
    if (!e.image_item) continue;
    const auto found = items.find(*e.image_item);
    if (found == items.end())
      problem(e.image_item_loc.file.empty() ? e.loc : e.image_item_loc, "image_item", "no item with id '" + *e.image_item + "'");
    else if (found->second->images.empty())
      problem(e.image_item_loc.file.empty() ? e.loc : e.image_item_loc, "image_item",
              "item '" + *e.image_item + "' has no images to show for the event");
  }
  const auto first = [&](const EventSource& e) -> std::int64_t {
    if (e.occurrences.empty()) return INT64_MAX;
    const EventOccurrence& o = e.occurrences.front();
    return o.all_day ? zone.day_start(static_cast<std::int32_t>(o.start)) : o.start;
  };
  std::stable_sort(source.events.begin(), source.events.end(), [&](const EventSource& a, const EventSource& b) {
    return std::tuple(first(a), a.slug) < std::tuple(first(b), b.slug);
  });
}

std::string local_text(const EventOccurrence& o, const events::TimeZone& zone, bool end) {
  if (o.all_day) return events::format_date(static_cast<std::int32_t>(end ? o.end - 1 : o.start));
  return local_text(zone.to_local(end ? o.end : o.start), false);
}

}  // namespace orpheus::packs::detail
