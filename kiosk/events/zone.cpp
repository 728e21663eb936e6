// Civil days (C++20 chrono calendar), wall-clock parsing, and time zone rules from ICU's copy of
// the IANA database.
#include "events/zone.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tzrule.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>

namespace orpheus::events {
namespace {

constexpr std::int64_t kDaySeconds = 86400;

// Floor division: days and minutes before 1970 round towards the past.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Reads exactly `count` digits at `pos`; advances `pos`.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// "2027-03-14" at `pos`.
std::optional<std::int32_t> read_date(std::string_view text, std::size_t& pos) {
  const auto y = digits(text, pos, 4);
  if (!y || !expect(text, pos, '-')) return std::nullopt;
  const auto m = digits(text, pos, 2);
  if (!m || !expect(text, pos, '-')) return std::nullopt;
  const auto d = digits(text, pos, 2);
  if (!d) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

// "2027-03-14T11:00" / "2027-03-14 11:00:30" at `pos`.
std::optional<LocalTime> read_local_time(std::string_view text, std::size_t& pos) {
  const auto day = read_date(text, pos);
  if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return std::nullopt;
  ++pos;
  const auto h = digits(text, pos, 2);
  if (!h || *h > 23 || !expect(text, pos, ':')) return std::nullopt;
  const auto m = digits(text, pos, 2);
  if (!m || *m > 59) return std::nullopt;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    const auto s = digits(text, pos, 2);
    if (!s || *s > 59) return std::nullopt;
    second = *s;
  }
  return LocalTime{*day, *h * 60 + *m, second};
}

}  // namespace

std::int32_t civil_day(int year, int month, int day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

CivilDate civil_date(std::int32_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// 1970-01-01 was a Thursday (3).
int weekday(std::int32_t day) { return static_cast<int>(((static_cast<std::int64_t>(day) + 3) % 7 + 7) % 7); }

std::optional<std::int32_t> parse_date(std::string_view iso) {
  std::size_t pos = 0;
  const auto day = read_date(iso, pos);
  if (!day || pos != iso.size()) return std::nullopt;
  return day;
}

std::string format_date(std::int32_t day) {
  const auto d = civil_date(day);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
  return out;
}

std::int64_t wall_seconds(const LocalTime& t) {
  return static_cast<std::int64_t>(t.day) * kDaySeconds + t.minute * 60 + t.second;
}

LocalTime wall_time(std::int64_t seconds) {
  const std::int64_t day = floor_div(seconds, kDaySeconds);
  const std::int64_t rest = seconds - day * kDaySeconds;
  return {static_cast<std::int32_t>(day), static_cast<int>(rest / 60), static_cast<int>(rest % 60)};
}

std::optional<LocalTime> parse_local_time(std::string_view text) {
  std::size_t pos = 0;
  const auto local = read_local_time(text, pos);
  if (!local || pos != text.size()) return std::nullopt;
  return local;
}

std::optional<int> parse_minute(std::string_view hhmm) {
  std::size_t pos = 0;
  const std::size_t hour_digits = hhmm.find(':');
  if (hour_digits != 1 && hour_digits != 2) return std::nullopt;
  const auto h = digits(hhmm, pos, hour_digits);
  if (!h || !expect(hhmm, pos, ':')) return std::nullopt;
  const auto m = digits(hhmm, pos, 2);
  if (!m || pos != hhmm.size() || *m > 59) return std::nullopt;
  const int minute = *h * 60 + *m;
  if (minute > 1440) return std::nullopt;
  return minute;
}

// A clone owned by the rules and never changed again: ICU's const calls on it may run on any
// number of threads at once.
struct TimeZone::Rules {
  std::unique_ptr<const icu::TimeZone> zone;
  const icu::BasicTimeZone* basic = nullptr;  // the same zone, when it is one (always in practice)
};

TimeZone::TimeZone(std::string name, std::shared_ptr<const Rules> rules)
    : name_(std::move(name)), rules_(std::move(rules)) {}

std::optional<TimeZone> TimeZone::named(std::string_view name) {
  if (name.empty()) return std::nullopt;
  const auto id = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  auto make = [](const icu::UnicodeString& iana) -> std::optional<TimeZone> {
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(iana));
    icu::UnicodeString got;
    if (!zone || zone->getID(got) == icu::UnicodeString(u"Etc/Unknown")) return std::nullopt;
    auto rules = std::make_shared<Rules>();
    rules->basic = dynamic_cast<const icu::BasicTimeZone*>(zone.get());
    rules->zone = std::move(zone);
    std::string utf8;
    got.toUTF8String(utf8);
    return TimeZone(std::move(utf8), std::move(rules));
  };
  if (auto zone = make(id)) return zone;
  // Outlook's .ics files name Windows zones ("FLE Standard Time"): their main IANA zone (region 001).
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString iana;
  icu::TimeZone::getIDForWindowsID(id, "001", iana, status);
  if (U_FAILURE(status) || iana.isEmpty()) return std::nullopt;
  return make(iana);
}

TimeZone TimeZone::utc() {
  static const TimeZone zone = *named("UTC");
  return zone;
}

std::int64_t TimeZone::to_utc(const LocalTime& local) const {
  const std::int64_t wall = wall_seconds(local);
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, dst = 0;
  const UDate ms = static_cast<UDate>(wall) * 1000.0;
  if (rules_->basic) {
    // Former for both: a time in the spring gap is read with the offset before it (so it lands
    // after the gap), a time in the autumn overlap with the summer offset (the first of the two).
    rules_->basic->getOffsetFromLocal(ms, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  } else {
    rules_->zone->getOffset(ms, true, raw, dst, status);
  }
  if (U_FAILURE(status)) raw = dst = 0;
  return wall - (static_cast<std::int64_t>(raw) + dst) / 1000;
}

int TimeZone::offset_minutes(std::int64_t utc) const {
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, dst = 0;
  rules_->zone->getOffset(static_cast<UDate>(utc) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return static_cast<int>((static_cast<std::int64_t>(raw) + dst) / 60000);
}

std::optional<std::int64_t> TimeZone::next_transition(std::int64_t utc) const {
  if (!rules_->basic) return std::nullopt;
  icu::TimeZoneTransition transition;
  // ICU may also report a change of name or of the raw/daylight split that keeps the total offset:
  // skip those.
  UDate from = static_cast<UDate>(utc) * 1000.0;
  while (rules_->basic->getNextTransition(from, false, transition)) {
    const auto* before = transition.getFrom();
    const auto* after = transition.getTo();
    from = transition.getTime();
    if (!before || !after ||
        before->getRawOffset() + before->getDSTSavings() != after->getRawOffset() + after->getDSTSavings())
      return static_cast<std::int64_t>(std::floor(from / 1000.0));
  }
  return std::nullopt;
}

LocalTime TimeZone::to_local(std::int64_t utc) const {
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, dst = 0;
  rules_->zone->getOffset(static_cast<UDate>(utc) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  return wall_time(utc + (static_cast<std::int64_t>(raw) + dst) / 1000);
}

std::optional<std::int64_t> parse_instant(std::string_view text, const TimeZone& zone) {
  std::size_t pos = 0;
  const auto local = read_local_time(text, pos);
  if (!local) return std::nullopt;
  const std::int64_t wall = wall_seconds(*local);
  if (pos == text.size()) return zone.to_utc(*local);
  if (text.substr(pos) == "Z") return wall;
  // "+02:00" or "+0200"
  const char sign = text[pos++];
  if (sign != '+' && sign != '-') return std::nullopt;
  const auto h = digits(text, pos, 2);
  if (!h || *h > 23) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') ++pos;
  const auto m = digits(text, pos, 2);
  if (!m || *m > 59 || pos != text.size()) return std::nullopt;
  const std::int64_t offset = (*h * 60 + *m) * 60;
  return sign == '+' ? wall - offset : wall + offset;
}

std::string format_instant(std::int64_t utc) {
  const std::int64_t day = floor_div(utc, kDaySeconds);
  const std::int64_t s = utc - day * kDaySeconds;
  char out[48];
  std::snprintf(out, sizeof out, "%sT%02d:%02d:%02dZ", format_date(static_cast<std::int32_t>(day)).c_str(),
                static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return out;
}

}  // namespace orpheus::events
