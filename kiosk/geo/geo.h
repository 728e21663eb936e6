#pragma once
// Geography as the map needs it: places in degrees, regions as boxes of longitude and latitude,
// lines (coasts, borders, rivers) as point lists. Pure data, no SDL/GL/ImGui.
#include <array>
#include <vector>

namespace orpheus::geo {

struct LonLat {
  double lon = 0, lat = 0;  // degrees east, degrees north
};

// A region: west..east and south..north in degrees (west < east; the map never crosses 180°).
struct Box {
  double west = 0, south = 0, east = 0, north = 0;
  bool contains(LonLat p) const { return p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north; }
  bool valid() const {
    return west < east && south < north && west >= -180 && east <= 180 && south >= -90 && north <= 90;
  }
};

// A line of the geography. `level`: GSHHG's hierarchy for shores (1 land, 2 lake, 3 island in a
// lake, 4 pond in such an island), the border class (1 national) or the river class (1 major,
// permanent) for the others.
struct Line {
  int level = 0;
  std::vector<LonLat> points;
};

// A square of the world (one of GSHHG's bins) with what it takes to tell land from water anywhere
// in it: the level of the polygon each of its corners lies in (GSHHG's hierarchy: 0 ocean, 1 land,
// 2 lake, 3 island in a lake, 4 pond in such an island) and its shorelines, each of which
// separates its level from the one below. A shoreline wholly inside the square is a closed ring;
// the others end on its edges.
struct ShoreBin {
  Box box;
  std::array<int, 4> corners{};  // south-west, south-east, north-east, north-west
  std::vector<Line> lines;
};

// The great-circle distance between two places, in kilometres (a sphere of 6,371 km).
double distance_km(LonLat a, LonLat b);

}  // namespace orpheus::geo
