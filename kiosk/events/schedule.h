#pragma once
// Whether a collection or an event is shown at an instant (catalog::Schedule, read in the museum's
// time zone) and when that next changes. Pure; any thread.
#include <cstdint>
#include <optional>

#include "catalog/catalog.h"
#include "events/zone.h"

namespace orpheus::events {

bool shown(const catalog::Schedule& schedule, const TimeZone& zone, std::int64_t utc);
// The first instant after `utc` at which shown() changes (a day part starts or ends, the
// schedule's first day begins, the day after its last begins); nullopt if it never changes again.
// Always at a whole minute of local time.
std::optional<std::int64_t> next_change(const catalog::Schedule& schedule, const TimeZone& zone, std::int64_t utc);

}  // namespace orpheus::events
