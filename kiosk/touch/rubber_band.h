#pragma once
// Rubber-band resistance past an edge, shared by the scroll axis, the pager and the zoom view
// (internal to the touch library). A finger that travels `x` beyond an edge moves the content
//   band(x) = limit * (1 - 1 / (x * slope / limit + 1))
// which leaves the edge with `slope` (so the position is continuous there), resists more and
// more, and never reaches `limit`. It is invertible, so a drag can continue from any overscroll.
#include <algorithm>

namespace orpheus::touch::detail {

inline constexpr double kRubberBandSlope = 0.55;  // iOS-like: half-speed at the edge

inline double rubber_band(double x, double limit, double slope = kRubberBandSlope) {
  if (!(limit > 0) || !(x > 0)) return 0;
  return limit - limit * limit / (x * slope + limit);  // stays finite even for x = inf
}

inline double rubber_band_inverse(double shown, double limit, double slope = kRubberBandSlope) {
  if (!(limit > 0) || !(shown > 0)) return 0;
  shown = std::min(shown, limit * 0.9999);
  return shown * limit / (slope * (limit - shown));
}

// `raw` (where the finger would have put the content) to the shown position: 1:1 inside
// [lo, hi], banded by `below` / `above` past the ends (a limit of 0 is a hard stop).
inline double rubber_band_range(double raw, double lo, double hi, double below, double above) {
  if (raw < lo) return lo - rubber_band(lo - raw, below);
  if (raw > hi) return hi + rubber_band(raw - hi, above);
  return raw;
}

inline double rubber_band_range_inverse(double shown, double lo, double hi, double below,
                                        double above) {
  if (shown < lo) return lo - rubber_band_inverse(lo - shown, below);
  if (shown > hi) return hi + rubber_band_inverse(shown - hi, above);
  return shown;
}

}  // namespace orpheus::touch::detail
