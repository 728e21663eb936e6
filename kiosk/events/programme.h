#pragma once
// The museum's programme at an instant: which events a visitor sees now, today, this week and
// later, which collections the home screen shows, when any of that next changes, and whether the
// kiosk's clock can be believed at all. Pure; any thread; computed once a minute at most, never
// per frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "events/zone.h"

namespace orpheus::events {

// The kiosk's clock against the pack: a clock before the pack was built (a flat RTC battery:
// 1970, 2000) or years after its last dated content is wrong, and the kiosk hides everything
// dated rather than show the wrong events.
enum class ClockVerdict { ok, before_pack, far_ahead };
// `created`: PackInfo::created ("2026-12-06T18:00:00Z"; unreadable: the clock is not judged by it).
// Before: more than a day before `created`. Far ahead: more than kMaxAheadDays after `created`
// and after the end of the pack's last occurrence and schedule day.
inline constexpr int kMaxAheadDays = 2 * 366;
ClockVerdict check_clock(const catalog::Snapshot& snapshot, std::int64_t utc);
const char* to_string(ClockVerdict verdict);  // "ok", "before the pack was built", "years ahead of the pack"

// An event as listed: its current occurrence (happening now) or its next one.
struct Listed {
  const catalog::Event* event = nullptr;
  catalog::EventOccurrence occurrence;
  std::int64_t start = 0, end = 0;  // the occurrence as instants (all-day: local midnights)
  bool now = false;                 // happening at the instant listed
  int later_dates = 0;              // further occurrences after this one (a series)
};

struct Listing {
  std::vector<Listed> today;      // happening now, or starting later today (now first, then by start)
  std::vector<Listed> this_week;  // starting from tomorrow to the end of this week's Sunday,
                                  // or in the next 7 days if today is Saturday or Sunday
  std::vector<Listed> later;      // after that, by start
  bool empty() const { return today.empty() && this_week.empty() && later.empty(); }
};

// The events of `snapshot` listed at `utc` in `zone`: an event whose last occurrence has ended
// is gone (at its end minute), an event outside its visibility schedule is left out, and with
// `audience` only events for that audience. Each event appears once, at its current or next
// occurrence. Occurrences are found by binary search: an event's occurrences must not nest
// (their ends ascend with their starts), as a series' dates never do.
Listing list_events(const catalog::Snapshot& snapshot, const TimeZone& zone, std::int64_t utc,
                    std::optional<catalog::Audience> audience = std::nullopt);

// The next occurrences of an event from `utc` on (the current one first), at most `limit`.
std::vector<catalog::EventOccurrence> upcoming(const catalog::Event& event, const TimeZone& zone, std::int64_t utc,
                                               std::size_t limit);

// The audiences that at least one listed event has, in kAudiences order (the screen's filters).
std::vector<catalog::Audience> audiences(const Listing& listing);

// The collections the home screen shows at `utc` (indices into snapshot.collections, in order):
// those whose schedule shows them. With a wrong clock, only those without a schedule.
std::vector<std::size_t> shown_collections(const catalog::Snapshot& snapshot, const TimeZone& zone, std::int64_t utc,
                                           ClockVerdict clock = ClockVerdict::ok);

// The first instant after `utc` at which list_events() or shown_collections() may change: an
// occurrence starts or ends, a day or a week begins, a schedule boundary; nullopt: never. The
// kiosk wakes then (and otherwise once a minute at most).
std::optional<std::int64_t> next_change(const catalog::Snapshot& snapshot, const TimeZone& zone, std::int64_t utc);

}  // namespace orpheus::events
