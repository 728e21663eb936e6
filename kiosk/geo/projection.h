#pragma once
// Web Mercator, as phone maps draw the world: conformal (coasts keep their shape, north is up),
// x east and y south, in metres of a sphere of 6,378,137 m at the equator. Good to ±85° latitude,
// far beyond any museum's region. Pure functions, exact round trips to floating-point precision.
#include "geo/geo.h"

namespace orpheus::geo {

struct Metres {
  double x = 0, y = 0;  // y grows southwards, as screen y does
};

Metres project(LonLat p);
LonLat unproject(Metres m);

// How many projected metres one metre on the ground is at `lat` (1 / cos lat): Mercator's scale.
double mercator_scale(double lat);

}  // namespace orpheus::geo
