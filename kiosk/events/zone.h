#pragma once
// Civil dates and wall-clock times, and a time zone's rules (ICU's copy of the IANA database,
// so that the builder and the kiosk read the same rules). Pure; any thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace orpheus::events {

// Days since 1970-01-01 in the proleptic Gregorian calendar, and back.
std::int32_t civil_day(int year, int month, int day);
struct CivilDate {
  int year = 1970, month = 1, day = 1;
};
CivilDate civil_date(std::int32_t day);
int weekday(std::int32_t day);  // 0 Monday ... 6 Sunday
// "2027-03-14" -> its day; nullopt for anything else (not a real date, another form).
std::optional<std::int32_t> parse_date(std::string_view iso);
std::string format_date(std::int32_t day);  // "2027-03-14"

// A wall-clock time in some zone: a civil day and the minute of that day (0..1439), plus seconds.
struct LocalTime {
  std::int32_t day = 0;
  int minute = 0;
  int second = 0;
  friend auto operator<=>(const LocalTime&, const LocalTime&) = default;
};
// A wall-clock time as seconds since 1970-01-01 00:00 of the same clock, and back: for arithmetic
// on wall-clock times ("90 minutes after 11:00", "the day after"), zones left out.
std::int64_t wall_seconds(const LocalTime& t);
LocalTime wall_time(std::int64_t seconds);

// "2027-03-14T11:00" or "2027-03-14 11:00" (seconds optional) -> local time; nullopt otherwise.
std::optional<LocalTime> parse_local_time(std::string_view text);
// "11:00" or "9:30" -> minute of the day (0..1440, "24:00" allowed as an end); nullopt otherwise.
std::optional<int> parse_minute(std::string_view hhmm);

// A time zone's rules: offsets and daylight saving changes.
class TimeZone {
 public:
  // An IANA name ("Europe/Sofia", "UTC") or a Windows one as Outlook writes it in .ics files
  // ("FLE Standard Time"); nullopt if ICU knows neither.
  static std::optional<TimeZone> named(std::string_view name);
  static TimeZone utc();
  const std::string& name() const { return name_; }  // the IANA name
  // The instant (Unix seconds) of a wall-clock time. In the spring gap (03:30 on the last Sunday
  // of March in Sofia, which does not exist) the time after the gap (04:30 EEST); in the autumn
  // overlap (03:30 on the last Sunday of October happens twice) the first of the two.
  std::int64_t to_utc(const LocalTime& local) const;
  LocalTime to_local(std::int64_t utc) const;
  int offset_minutes(std::int64_t utc) const;  // UTC offset at that instant, e.g. 120 or 180
  // The first instant after `utc` at which the offset changes (a daylight saving change); nullopt
  // if it never does again. Between two of them local time runs without jumps.
  std::optional<std::int64_t> next_transition(std::int64_t utc) const;
  // The instant local `day` begins (00:00, or the first minute after a gap).
  std::int64_t day_start(std::int32_t day) const { return to_utc({day, 0, 0}); }

 private:
  struct Rules;
  TimeZone(std::string name, std::shared_ptr<const Rules> rules);
  std::string name_;
  std::shared_ptr<const Rules> rules_;
};

// "2027-03-14T11:00:00+02:00", "2027-03-14T09:00:00Z" (an instant) or, without an offset, a wall
// time read in `zone` -> Unix seconds; nullopt for anything else.
std::optional<std::int64_t> parse_instant(std::string_view text, const TimeZone& zone);
std::string format_instant(std::int64_t utc);  // "2027-03-14T09:00:00Z"

}  // namespace orpheus::events
