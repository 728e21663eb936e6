// The programme at an instant: each event at its current or next occurrence, sorted into today,
// this week and later; the home screen's scheduled collections; the next instant any of it
// changes; and whether the clock is believable at all.
#include "events/programme.h"

#include <algorithm>

#include "events/schedule.h"

namespace orpheus::events {
namespace {

constexpr std::int64_t kDaySeconds = 86400;

std::int64_t start_of(const catalog::EventOccurrence& o, const TimeZone& zone) {
  return o.all_day ? zone.day_start(static_cast<std::int32_t>(o.start)) : o.start;
}
std::int64_t end_of(const catalog::EventOccurrence& o, const TimeZone& zone) {
  return o.all_day ? zone.day_start(static_cast<std::int32_t>(o.end)) : o.end;
}

// The first occurrence that has not ended at `utc` (gone at its end instant). Occurrences are in
// time order and a series does not nest, so their ends ascend too: a binary search.
std::size_t first_unended(const std::vector<catalog::EventOccurrence>& occurrences, const TimeZone& zone,
                          std::int64_t utc) {
  const auto it = std::partition_point(occurrences.begin(), occurrences.end(),
                                       [&](const catalog::EventOccurrence& o) { return end_of(o, zone) <= utc; });
  return static_cast<std::size_t>(it - occurrences.begin());
}

// The first occurrence that starts after `utc`.
std::size_t first_after(const std::vector<catalog::EventOccurrence>& occurrences, const TimeZone& zone,
                        std::int64_t utc) {
  const auto it = std::partition_point(occurrences.begin(), occurrences.end(),
                                       [&](const catalog::EventOccurrence& o) { return start_of(o, zone) <= utc; });
  return static_cast<std::size_t>(it - occurrences.begin());
}

bool for_audience(const catalog::Event& event, std::optional<catalog::Audience> audience) {
  return !audience || std::find(event.audience.begin(), event.audience.end(), *audience) != event.audience.end();
}

// The last instant the pack dates anything: an occurrence's end or the day after a schedule's
// last (or first) day. Days are taken as UTC days plus one: the limit is years away, a zone's
// hours do not matter to it.
std::int64_t last_dated(const catalog::Snapshot& snapshot) {
  std::int64_t last = 0;
  auto day = [&](std::optional<std::int32_t> d) {
    if (d) last = std::max(last, (static_cast<std::int64_t>(*d) + 2) * kDaySeconds);
  };
  for (const auto& event : snapshot.events) {
    for (const auto& o : event.occurrences)
      last = std::max(last, o.all_day ? (o.end + 1) * kDaySeconds : o.end);
    day(event.visibility.from_day);
    day(event.visibility.until_day);
  }
  for (const auto& collection : snapshot.collections) {
    day(collection.schedule.from_day);
    day(collection.schedule.until_day);
  }
  return last;
}

}  // namespace

ClockVerdict check_clock(const catalog::Snapshot& snapshot, std::int64_t utc) {
  const auto created = parse_instant(snapshot.pack.created, TimeZone::utc());
  if (!created) return ClockVerdict::ok;
  if (utc < *created - kDaySeconds) return ClockVerdict::before_pack;
  const std::int64_t limit = std::max(*created + kMaxAheadDays * kDaySeconds, last_dated(snapshot));
  return utc > limit ? ClockVerdict::far_ahead : ClockVerdict::ok;
}

const char* to_string(ClockVerdict verdict) {
  switch (verdict) {
    case ClockVerdict::ok: return "ok";
    case ClockVerdict::before_pack: return "before the pack was built";
    case ClockVerdict::far_ahead: return "years ahead of the pack";
  }
  return "ok";
}

Listing list_events(const catalog::Snapshot& snapshot, const TimeZone& zone, std::int64_t utc,
                    std::optional<catalog::Audience> audience) {
  const std::int32_t today = zone.to_local(utc).day;
  const std::int64_t tomorrow = zone.day_start(today + 1);
  // This week ends with its Sunday; at the weekend the next seven days are "this week" instead.
  const int wd = weekday(today);
  const std::int64_t week_end = zone.day_start(wd >= 5 ? today + 8 : today + 7 - wd);

  Listing listing;
  for (const auto& event : snapshot.events) {
    if (!for_audience(event, audience)) continue;
    if (!event.visibility.empty() && !shown(event.visibility, zone, utc)) continue;
    const std::size_t i = first_unended(event.occurrences, zone, utc);
    if (i == event.occurrences.size()) continue;  // over
    Listed listed;
    listed.event = &event;
    listed.occurrence = event.occurrences[i];
    listed.start = start_of(listed.occurrence, zone);
    listed.end = end_of(listed.occurrence, zone);
    listed.now = listed.start <= utc;
    listed.later_dates = static_cast<int>(event.occurrences.size() - i - 1);
    if (listed.now || listed.start < tomorrow) listing.today.push_back(listed);
    else if (listed.start < week_end) listing.this_week.push_back(listed);
    else listing.later.push_back(listed);
  }
  // Stable: events starting together keep the pack's order.
  std::stable_sort(listing.today.begin(), listing.today.end(), [](const Listed& a, const Listed& b) {
    if (a.now != b.now) return a.now;
    return a.start < b.start;
  });
  auto by_start = [](const Listed& a, const Listed& b) { return a.start < b.start; };
  std::stable_sort(listing.this_week.begin(), listing.this_week.end(), by_start);
  std::stable_sort(listing.later.begin(), listing.later.end(), by_start);
  return listing;
}

std::vector<catalog::EventOccurrence> upcoming(const catalog::Event& event, const TimeZone& zone, std::int64_t utc,
                                               std::size_t limit) {
  const std::size_t i = first_unended(event.occurrences, zone, utc);
  const std::size_t n = std::min(limit, event.occurrences.size() - i);
  return {event.occurrences.begin() + static_cast<std::ptrdiff_t>(i),
          event.occurrences.begin() + static_cast<std::ptrdiff_t>(i + n)};
}

std::vector<catalog::Audience> audiences(const Listing& listing) {
  bool has[std::size(catalog::kAudiences)] = {};
  for (const auto* section : {&listing.today, &listing.this_week, &listing.later})
    for (const auto& listed : *section)
      for (const auto a : listed.event->audience)
        if (static_cast<std::size_t>(a) < std::size(has)) has[static_cast<std::size_t>(a)] = true;
  std::vector<catalog::Audience> out;
  for (const auto a : catalog::kAudiences)
    if (has[static_cast<std::size_t>(a)]) out.push_back(a);
  return out;
}

std::vector<std::size_t> shown_collections(const catalog::Snapshot& snapshot, const TimeZone& zone, std::int64_t utc,
                                           ClockVerdict clock) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < snapshot.collections.size(); ++i) {
    const auto& schedule = snapshot.collections[i].schedule;
    // A wrong clock cannot say what a schedule shows: only the unscheduled ones.
    if (schedule.empty() || (clock == ClockVerdict::ok && shown(schedule, zone, utc))) out.push_back(i);
  }
  return out;
}

std::optional<std::int64_t> next_change(const catalog::Snapshot& snapshot, const TimeZone& zone, std::int64_t utc) {
  std::optional<std::int64_t> next;
  auto consider = [&](std::optional<std::int64_t> t) {
    if (t && *t > utc && (!next || *t < *next)) next = t;
  };
  bool any_left = false;
  for (const auto& event : snapshot.events) {
    const auto& occurrences = event.occurrences;
    const std::size_t i = first_unended(occurrences, zone, utc);
    if (i == occurrences.size()) continue;  // over: never listed again
    any_left = true;
    consider(end_of(occurrences[i], zone));
    if (const std::size_t j = first_after(occurrences, zone, utc); j < occurrences.size())
      consider(start_of(occurrences[j], zone));
    if (!event.visibility.empty()) consider(events::next_change(event.visibility, zone, utc));
  }
  if (any_left) {
    // Today's entries become yesterday's, tomorrow's today's; the week moves on.
    const std::int32_t today = zone.to_local(utc).day;
    consider(zone.day_start(today + 1));
    consider(zone.day_start(today + 7 - weekday(today)));
  }
  for (const auto& collection : snapshot.collections)
    if (!collection.schedule.empty()) consider(events::next_change(collection.schedule, zone, utc));
  return next;
}

}  // namespace orpheus::events
