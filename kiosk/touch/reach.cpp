#include "touch/reach.h"

#include <algorithm>

namespace orpheus::touch {

ReachArea reach_area(float height_px, float px_per_mm, const ReachMounting& mounting) {
  ReachArea a;
  const float in_reach = (mounting.reach_mm - mounting.screen_bottom_mm) * px_per_mm;  // from the bottom up
  a.line = height_px - in_reach;
  const float least = std::min(height_px, kReachMinMm * px_per_mm);
  float h = std::min(in_reach, height_px * kReachMaxShare);
  if (h < least) {
    a.below_minimum = in_reach < least;
    h = least;
  }
  a.height = h;
  a.top = height_px - h;
  return a;
}

}  // namespace orpheus::touch
