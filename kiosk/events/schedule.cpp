// Schedules read in local time: shown() looks at the wall clock; next_change() walks forward
// through stretches of constant UTC offset, trying only the schedule's own boundaries (day starts,
// day parts' starts and ends) and the zone's daylight saving changes.
#include "events/schedule.h"

#include <algorithm>
#include <vector>

namespace orpheus::events {
namespace {

constexpr std::int64_t kDaySeconds = 86400;
constexpr std::int64_t kSearchDays = 400;  // a schedule with day parts that changes no sooner never changes

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool shown_local(const catalog::Schedule& schedule, std::int32_t day, int minute) {
  if (schedule.from_day && day < *schedule.from_day) return false;
  if (schedule.until_day && day > *schedule.until_day) return false;
  if (schedule.parts.empty()) return true;
  const auto bit = static_cast<std::uint8_t>(1u << weekday(day));
  return std::any_of(schedule.parts.begin(), schedule.parts.end(), [&](const catalog::Schedule::Part& part) {
    return (part.weekdays & bit) && part.from_minute <= minute && minute < part.to_minute;
  });
}

// Wall-clock seconds since 1970-01-01 00:00 local.
bool shown_wall(const catalog::Schedule& schedule, std::int64_t wall) {
  const std::int64_t day = floor_div(wall, kDaySeconds);
  return shown_local(schedule, static_cast<std::int32_t>(day), static_cast<int>((wall - day * kDaySeconds) / 60));
}

}  // namespace

bool shown(const catalog::Schedule& schedule, const TimeZone& zone, std::int64_t utc) {
  if (schedule.empty()) return true;
  const auto local = zone.to_local(utc);
  return shown_local(schedule, local.day, local.minute);
}

std::optional<std::int64_t> next_change(const catalog::Schedule& schedule, const TimeZone& zone, std::int64_t utc) {
  if (schedule.empty()) return std::nullopt;
  const auto local = zone.to_local(utc);
  if (schedule.until_day && local.day > *schedule.until_day) return std::nullopt;  // over for good

  // Whole days only: the first day, then the day after the last.
  if (schedule.parts.empty()) {
    if (schedule.from_day && local.day < *schedule.from_day) return zone.day_start(*schedule.from_day);
    if (schedule.until_day) return zone.day_start(*schedule.until_day + 1);
    return std::nullopt;
  }

  const bool now = shown_local(schedule, local.day, local.minute);
  // The minutes of a day at which shown() may change; extra ones only cost a look.
  std::vector<int> minutes{0};
  for (const auto& part : schedule.parts) {
    if (part.weekdays == 0) continue;
    minutes.push_back(part.from_minute);
    if (part.to_minute < 1440) minutes.push_back(part.to_minute);
  }
  std::sort(minutes.begin(), minutes.end());
  minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());

  // Hidden until the first day: nothing to look at before it.
  std::int64_t from = utc;
  if (schedule.from_day && local.day < *schedule.from_day) from = zone.day_start(*schedule.from_day) - 1;
  const std::int64_t horizon = from + kSearchDays * kDaySeconds;
  const std::int64_t last_day =
      schedule.until_day ? std::min<std::int64_t>(*schedule.until_day + 1, floor_div(horizon, kDaySeconds) + 2)
                         : floor_div(horizon, kDaySeconds) + 2;

  // Each stretch [from, to) has one offset: wall = utc + offset, without jumps.
  while (from < horizon) {
    const auto transition = zone.next_transition(from);
    const std::int64_t to = transition ? std::min(*transition, horizon) : horizon;
    const std::int64_t offset = zone.offset_minutes(from) * std::int64_t{60};
    const std::int64_t lo = from + offset, hi = to + offset;  // wall seconds, boundaries in (lo, hi)
    if (floor_div(lo, kDaySeconds) > last_day) break;
    for (std::int64_t day = floor_div(lo, kDaySeconds); day * kDaySeconds < hi && day <= last_day; ++day) {
      for (const int minute : minutes) {
        const std::int64_t wall = day * kDaySeconds + minute * 60;
        if (wall <= lo) continue;
        if (wall >= hi) break;
        if (shown_wall(schedule, wall) != now) return wall - offset;
      }
    }
    if (!transition || *transition >= horizon) break;
    if (shown(schedule, zone, to) != now) return to;  // a day part's time skipped or repeated
    from = to;
  }
  return std::nullopt;
}

}  // namespace orpheus::events
