#include "geo/projection.h"

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

double distance_km(LonLat a, LonLat b) {
  const double p1 = a.lat * kDegree, p2 = b.lat * kDegree;
  const double dp = p2 - p1, dl = (b.lon - a.lon) * kDegree;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace orpheus::geo
