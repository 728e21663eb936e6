#pragma once
// The events tests' clock: Europe/Sofia, wall-clock times there and UTC instants, as instants.
#include <doctest/doctest.h>

#include <cstdint>

#include "events/zone.h"

namespace orpheus::events::test {

inline TimeZone sofia() {
  const auto zone = TimeZone::named("Europe/Sofia");
  REQUIRE(zone);
  return *zone;
}

// Local wall time in Sofia.
inline std::int64_t local(int y, int m, int d, int hour, int minute, int second = 0) {
  return sofia().to_utc({civil_day(y, m, d), hour * 60 + minute, second});
}

inline std::int64_t utc_at(const char* iso) {
  const auto t = parse_instant(iso, TimeZone::utc());
  REQUIRE(t);
  return *t;
}

}  // namespace orpheus::events::test
