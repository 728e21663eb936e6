// expand_series: libical iterates the rule in floating local time (no zone at all), so that
// "every Saturday 11:00" stays 11:00 on the wall; each local start and end is then turned into an
// instant with the series' zone. UNTIL is checked here, not by libical (which compares a UTC
// UNTIL with a floating time as if that were UTC too); libical only gets a bound a day later so
// that its iteration ends.
#include "packs/recurrence.h"

#include <libical/ical.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <set>

namespace orpheus::packs {
namespace {

using events::LocalTime;

constexpr std::int64_t kDaySeconds = 86400;

std::string upper_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// UNTIL as written: a date, a local time or a UTC time.
struct Until {
  enum class Kind { date, local, utc } kind = Kind::date;
  LocalTime local;  // date: day only; utc: the UTC wall clock
};

std::optional<Until> parse_until(std::string_view v) {
  if (v.size() < 8 || !all_digits(v.substr(0, 8))) return std::nullopt;
  const int y = number(v.substr(0, 4)), mo = number(v.substr(4, 2)), d = number(v.substr(6, 2));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  const std::int32_t day = events::civil_day(y, mo, d);
  const auto back = events::civil_date(day);
  if (back.year != y || back.month != mo || back.day != d) return std::nullopt;  // 30 February
  Until u;
  u.local.day = day;
  if (v.size() == 8) return u;
  if (v.size() < 15 || v[8] != 'T' || !all_digits(v.substr(9, 6))) return std::nullopt;
  const int h = number(v.substr(9, 2)), mi = number(v.substr(11, 2)), s = number(v.substr(13, 2));
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  u.local.minute = h * 60 + mi;
  u.local.second = s;
  if (v.size() == 15) {
    u.kind = Until::Kind::local;
    return u;
  }
  if (v.size() == 16 && v[15] == 'Z') {
    u.kind = Until::Kind::utc;
    return u;
  }
  return std::nullopt;
}

icaltimetype to_ical(const LocalTime& t, bool date) {
  icaltimetype it = icaltime_null_time();
  const auto d = events::civil_date(t.day);
  it.year = d.year;
  it.month = d.month;
  it.day = d.day;
  if (date) {
    it.is_date = 1;
  } else {
    it.hour = t.minute / 60;
    it.minute = t.minute % 60;
    it.second = t.second;
  }
  it.zone = nullptr;  // floating
  return it;
}

LocalTime from_ical(const icaltimetype& it) {
  LocalTime t;
  t.day = events::civil_day(it.year, it.month, it.day);
  if (!it.is_date) {
    t.minute = it.hour * 60 + it.minute;
    t.second = it.second;
  }
  return t;
}

struct IteratorFree {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

Expansion fail(std::string why) {
  Expansion e;
  e.error = std::move(why);
  return e;
}

}  // namespace

Expansion expand_series(const SeriesStart& first, std::string_view rrule, std::span<const std::int64_t> exclude,
                        const events::TimeZone& zone) {
  const bool all_day = first.all_day;
  const std::int64_t duration = all_day ? std::int64_t{first.end.day} - first.start.day
                                        : events::wall_seconds(first.end) - events::wall_seconds(first.start);
  if (duration <= 0) return fail("the event ends before it starts");

  const std::set<std::int64_t> excluded(exclude.begin(), exclude.end());
  std::vector<catalog::EventOccurrence> out;
  bool excluded_any = false;
  // Adds the occurrence starting at local `start`, unless excluded. false: too many.
  auto add = [&](const LocalTime& start) {
    catalog::EventOccurrence o;
    o.all_day = all_day;
    if (all_day) {
      o.start = start.day;
      o.end = start.day + duration;
    } else {
      o.start = zone.to_utc(start);
      o.end = zone.to_utc(events::wall_time(events::wall_seconds(start) + duration));
      // A wall-clock end that falls into the spring gap moves later; one in the autumn overlap
      // could land before the start in a one-hour event: keep the instants in order.
      if (o.end <= o.start) o.end = o.start + duration;
    }
    if (excluded.count(o.start)) {
      excluded_any = true;
      return true;
    }
    out.push_back(o);
    return out.size() <= kMaxOccurrences;
  };

  std::string rule = upper_trimmed(rrule);
  if (rule.starts_with("RRULE:")) rule.erase(0, 6);
  if (rule.empty()) {
    add(first.start);
    if (out.empty()) return fail("its only date is excluded (EXDATE)");
    Expansion e;
    e.occurrences = std::move(out);
    return e;
  }

  // Check the parts first, to name what is wrong (libical only says "malformed").
  std::string freq, for_libical;
  std::optional<Until> until;
  std::optional<int> count;
  std::set<std::string> seen;
  std::size_t from = 0;
  while (from <= rule.size()) {
    const std::size_t to = std::min(rule.find(';', from), rule.size());
    const std::string part = rule.substr(from, to - from);
    from = to + 1;
    if (part.empty()) continue;
    const auto eq = part.find('=');
    const std::string name = part.substr(0, eq), value = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (eq == std::string::npos || name.empty() || value.empty())
      return fail("RRULE: '" + part + "' is not NAME=VALUE");
    if (!seen.insert(name).second) return fail("RRULE: " + name + " is given twice");
    if (name == "BYSECOND" || name == "BYMINUTE" || name == "BYHOUR" || name == "BYYEARDAY" || name == "BYWEEKNO" ||
        name == "RSCALE" || name == "SKIP")
      return fail("RRULE: " + name + " is not supported");
    if (name != "FREQ" && name != "INTERVAL" && name != "COUNT" && name != "UNTIL" && name != "BYDAY" &&
        name != "BYMONTHDAY" && name != "BYMONTH" && name != "BYSETPOS" && name != "WKST")
      return fail("RRULE: " + name + " is not a rule part");
    if (name == "FREQ") {
      if (value == "SECONDLY" || value == "MINUTELY" || value == "HOURLY")
        return fail("RRULE: FREQ=" + value + " is not supported (a series repeats daily, weekly, monthly or yearly)");
      if (value != "DAILY" && value != "WEEKLY" && value != "MONTHLY" && value != "YEARLY")
        return fail("RRULE: FREQ=" + value + " is not a frequency");
      freq = value;
    } else if (name == "UNTIL") {
      until = parse_until(value);
      if (!until) return fail("RRULE: UNTIL=" + value + " is not a date (20270328) or a time (20270328T120000, 20270328T100000Z)");
      continue;  // checked below, not by libical
    } else if (name == "COUNT") {
      if (!all_digits(value) || value.size() > 9 || number(value) < 1)
        return fail("RRULE: COUNT=" + value + " is not a whole number above 0");
      count = number(value);
    } else if (name == "INTERVAL") {
      if (!all_digits(value) || value.size() > 4 || number(value) < 1)
        return fail("RRULE: INTERVAL=" + value + " is not a whole number above 0");
    }
    if (!for_libical.empty()) for_libical += ';';
    for_libical += part;
  }
  if (freq.empty()) return fail("RRULE has no FREQ");
  if (!until && !count) return fail("RRULE has neither UNTIL nor COUNT (a series must end)");
  if (until && count) return fail("RRULE has both UNTIL and COUNT (one of them ends a series)");
  if (count && static_cast<std::size_t>(*count) > kMaxOccurrences)
    return fail("more than " + std::to_string(kMaxOccurrences) + " dates");

  icalerror_clear_errno();
  icalrecurrencetype recur = icalrecurrencetype_from_string(for_libical.c_str());
  if (recur.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return fail("RRULE: '" + std::string(rrule) + "' is not understood");
  }

  // The last wall-clock start UNTIL allows, in the series' time (nullopt: none).
  std::optional<LocalTime> last_local;
  std::optional<std::int64_t> last_utc;
  if (until) {
    switch (until->kind) {
      case Until::Kind::date:
        last_local = LocalTime{until->local.day, 1439, 59};
        break;
      case Until::Kind::local:
        last_local = until->local;
        break;
      case Until::Kind::utc:
        last_utc = events::wall_seconds(until->local);
        break;
    }
    // libical's own bound: a day past the last start UNTIL allows, so that it stops.
    const LocalTime bound =
        last_local ? events::wall_time(events::wall_seconds(*last_local) + kDaySeconds)
                   : events::wall_time(events::wall_seconds(zone.to_local(*last_utc)) + kDaySeconds);
    recur.until = to_ical(bound, all_day);
  }
  auto within_until = [&](const LocalTime& start) {
    if (last_local) return all_day ? start.day <= last_local->day : start <= *last_local;
    if (last_utc) return (all_day ? zone.day_start(start.day) : zone.to_utc(start)) <= *last_utc;
    return true;
  };
  if (!within_until(first.start)) return fail("RRULE: UNTIL is before the first date");

  const std::unique_ptr<icalrecur_iterator, IteratorFree> it(icalrecur_iterator_new(recur, to_ical(first.start, all_day)));
  if (!it) {
    icalerror_clear_errno();
    return fail("RRULE: '" + std::string(rrule) + "' gives no date");
  }
  // RFC 5545: the first date always counts as the first occurrence, even when it does not match
  // the rule (libical then leaves it out and starts at the first date that does).
  int produced = 0;
  bool first_done = false;
  for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it.get())) {
    LocalTime start = from_ical(t);
    if (all_day) start.minute = start.second = 0;
    if (!first_done) {
      first_done = true;
      if (start != first.start) {
        ++produced;
        if (!add(first.start)) break;
        if (count && produced >= *count) break;
        if (start < first.start) continue;
      }
    }
    if (!within_until(start)) break;
    ++produced;
    if (!add(start)) break;
    if (count && produced >= *count) break;
  }
  if (!first_done) add(first.start);
  if (out.size() > kMaxOccurrences) return fail("more than " + std::to_string(kMaxOccurrences) + " dates");
  if (out.empty()) return fail(excluded_any ? "every date of the series is excluded (EXDATE)" : "the series has no date");
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  Expansion e;
  e.occurrences = std::move(out);
  return e;
}

}  // namespace orpheus::packs
