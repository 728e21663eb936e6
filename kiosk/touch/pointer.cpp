#include "touch/pointer.h"

#include <cmath>

namespace orpheus::touch {

float length(Vec2 v) { return std::hypot(v.x, v.y); }

float mm_to_px(float mm, float dpi) { return mm * dpi / 25.4f; }

std::optional<Rotation> rotation_from_degrees(int degrees) {
  switch (degrees) {
    case 0: return Rotation::none;
    case 90: return Rotation::cw90;
    case 180: return Rotation::cw180;
    case 270: return Rotation::cw270;
    default: return std::nullopt;
  }
}

Vec2 map_touch(float u, float v, Rotation r, float window_w, float window_h) {
  switch (r) {
    case Rotation::none: break;
    case Rotation::cw90: return {(1 - v) * window_w, u * window_h};
    case Rotation::cw180: return {(1 - u) * window_w, (1 - v) * window_h};
    case Rotation::cw270: return {v * window_w, (1 - u) * window_h};
  }
  return {u * window_w, v * window_h};
}

}  // namespace orpheus::touch
