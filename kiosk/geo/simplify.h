#pragma once
// Douglas-Peucker line simplification, for the map's coarser zoom levels: the points of `line`
// that keep every left-out point within `tolerance` of the simplified line (measured to the
// segment that replaces it), first and last always kept. Pure; any coordinates, in the units of
// `tolerance` (the map simplifies projected metres).
#include <vector>

#include "geo/projection.h"

namespace orpheus::geo {

std::vector<Metres> simplify(const std::vector<Metres>& line, double tolerance);

// The distance from `p` to the segment a..b.
double segment_distance(Metres p, Metres a, Metres b);

}  // namespace orpheus::geo
