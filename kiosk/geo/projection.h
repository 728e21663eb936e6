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

// A pack's map: its region projected onto a picture of width x height "map pixels" (the base
// map's full-resolution pixels), (0, 0) at the north-west corner, (width, height) at the
// south-east, x east and y south, continuous (pixel (i, j) covers [i, i + 1) x [j, j + 1)).
// Everything drawn on the map (tiles, lines, pins, labels) is placed through one of these.
struct Point {
  double x = 0, y = 0;
};
struct MapFrame {
  Box region;
  int width = 0, height = 0;
  bool valid() const { return region.valid() && width > 0 && height > 0; }
  Point to_map(LonLat p) const;
  LonLat to_lonlat(Point p) const;
  // Ground metres per map pixel at latitude `lat`.
  double metres_per_pixel(double lat) const;
};

// The picture size for `region` whose longer side is `longer_side` pixels (the other in
// proportion, Mercator's, at least 1).
MapFrame frame_for(const Box& region, int longer_side);

}  // namespace orpheus::geo
