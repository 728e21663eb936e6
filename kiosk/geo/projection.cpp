#include "geo/projection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace orpheus::geo {
namespace {
constexpr double kRadius = 6378137;  // WGS 84's equatorial radius, as web maps use it
constexpr double kDegree = std::numbers::pi / 180;
}  // namespace

Metres project(LonLat p) {
  return {kRadius * p.lon * kDegree, -kRadius * std::log(std::tan(std::numbers::pi / 4 + p.lat * kDegree / 2))};
}

LonLat unproject(Metres m) {
  return {m.x / kRadius / kDegree, (2 * std::atan(std::exp(-m.y / kRadius)) - std::numbers::pi / 2) / kDegree};
}

double mercator_scale(double lat) { return 1 / std::cos(lat * kDegree); }

Point MapFrame::to_map(LonLat p) const {
  const Metres nw = project({region.west, region.north}), se = project({region.east, region.south}), m = project(p);
  return {(m.x - nw.x) / (se.x - nw.x) * width, (m.y - nw.y) / (se.y - nw.y) * height};
}

LonLat MapFrame::to_lonlat(Point p) const {
  const Metres nw = project({region.west, region.north}), se = project({region.east, region.south});
  return unproject({nw.x + p.x / width * (se.x - nw.x), nw.y + p.y / height * (se.y - nw.y)});
}

double MapFrame::metres_per_pixel(double lat) const {
  const Metres nw = project({region.west, region.north}), se = project({region.east, region.south});
  return (se.x - nw.x) / width / mercator_scale(lat);
}

MapFrame frame_for(const Box& region, int longer_side) {
  const Metres nw = project({region.west, region.north}), se = project({region.east, region.south});
  const double w = se.x - nw.x, h = se.y - nw.y;
  MapFrame f{region, longer_side, longer_side};
  if (w >= h) f.height = std::max(1, static_cast<int>(std::lround(longer_side * h / w)));
  else f.width = std::max(1, static_cast<int>(std::lround(longer_side * w / h)));
  return f;
}

double distance_km(LonLat a, LonLat b) {
  const double p1 = a.lat * kDegree, p2 = b.lat * kDegree;
  const double dp = p2 - p1, dl = (b.lon - a.lon) * kDegree;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace orpheus::geo
