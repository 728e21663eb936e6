#pragma once
// A pointer event in window pixels with a timestamp in milliseconds. Real SDL input and
// replayed scripts are both turned into these; nothing here knows SDL.
#include <cstdint>
#include <optional>

namespace orpheus::touch {

enum class PointerKind { down, move, up, cancel };

struct PointerEvent {
  double t_ms = 0;
  PointerKind kind = PointerKind::move;
  std::int64_t id = 0;  // finger id; the mouse is id -1
  float x = 0, y = 0;
};

struct Vec2 {
  float x = 0, y = 0;
  friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
  friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
  friend Vec2 operator*(Vec2 a, float s) { return {a.x * s, a.y * s}; }
};

float length(Vec2 v);
float mm_to_px(float mm, float dpi);

// How the display is mounted, clockwise from the touch panel's native orientation. A touch
// panel reports positions normalised to its own axes; when the picture is rotated (a portrait
// mounted screen) those axes no longer match the window's and must be turned with it.
enum class Rotation { none = 0, cw90 = 90, cw180 = 180, cw270 = 270 };
std::optional<Rotation> rotation_from_degrees(int degrees);  // 0, 90, 180, 270; else nullopt
// A touch at (u, v) in [0,1]² of the panel, to window pixels of a window_w x window_h window:
//   none (u*w, v*h)   cw90 ((1-v)*w, u*h)   cw180 ((1-u)*w, (1-v)*h)   cw270 (v*w, (1-u)*h)
// so the panel's top-left corner lands at the window's top-right corner with cw90. Nothing is
// clamped: a touch outside [0,1]² maps outside the window.
Vec2 map_touch(float u, float v, Rotation r, float window_w, float window_h);

}  // namespace orpheus::touch
