#pragma once
// A pointer event in window pixels with a timestamp in milliseconds. Real SDL input and
// replayed scripts are both turned into these; nothing here knows SDL.
#include <cstdint>

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

}  // namespace orpheus::touch
