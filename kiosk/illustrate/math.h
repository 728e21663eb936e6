#pragma once
// Small value types for the illustration generator: 2-D points, RGB triples, affine maps.
// Header-only, no allocation. Coordinates are "design pixels" of the full image: x right,
// y down, origin at the top-left corner.
#include <algorithm>
#include <cmath>
#include <numbers>

namespace orpheus::illustrate {

inline constexpr float kPi = std::numbers::pi_v<float>;

constexpr float clamp01(float v) { return v < 0.f ? 0.f : (v > 1.f ? 1.f : v); }
constexpr float lerp(float a, float b, float t) { return a + (b - a) * t; }
inline float smoothstep(float e0, float e1, float v) {
  const float t = clamp01((v - e0) / (e1 - e0));
  return t * t * (3.f - 2.f * t);
}

struct Vec2 {
  float x = 0.f;
  float y = 0.f;
};
constexpr Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
constexpr Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
constexpr Vec2 operator-(Vec2 a) { return {-a.x, -a.y}; }
constexpr Vec2 operator*(Vec2 a, float s) { return {a.x * s, a.y * s}; }
constexpr Vec2 operator*(float s, Vec2 a) { return {a.x * s, a.y * s}; }
constexpr Vec2 operator/(Vec2 a, float s) { return {a.x / s, a.y / s}; }
constexpr float dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
constexpr float cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
inline float length(Vec2 a) { return std::sqrt(dot(a, a)); }
constexpr Vec2 perp(Vec2 a) { return {-a.y, a.x}; }
inline Vec2 normalize(Vec2 a) {
  const float l = length(a);
  return l > 1e-12f ? a / l : Vec2{0.f, 0.f};
}
constexpr Vec2 mix(Vec2 a, Vec2 b, float t) { return {lerp(a.x, b.x, t), lerp(a.y, b.y, t)}; }
inline Vec2 polar(float angle, float radius) { return {std::cos(angle) * radius, std::sin(angle) * radius}; }

// Linear-light RGB, nominally 0..1 (may exceed 1 before tone mapping).
struct Rgb {
  float r = 0.f;
  float g = 0.f;
  float b = 0.f;
};
constexpr Rgb operator+(Rgb a, Rgb b) { return {a.r + b.r, a.g + b.g, a.b + b.b}; }
constexpr Rgb operator-(Rgb a, Rgb b) { return {a.r - b.r, a.g - b.g, a.b - b.b}; }
constexpr Rgb operator*(Rgb a, Rgb b) { return {a.r * b.r, a.g * b.g, a.b * b.b}; }
constexpr Rgb operator*(Rgb a, float s) { return {a.r * s, a.g * s, a.b * s}; }
constexpr Rgb operator*(float s, Rgb a) { return {a.r * s, a.g * s, a.b * s}; }
constexpr Rgb mix(Rgb a, Rgb b, float t) { return {lerp(a.r, b.r, t), lerp(a.g, b.g, t), lerp(a.b, b.b, t)}; }
// sRGB-encoded 0..255 components to linear light (for palette literals).
inline Rgb srgb(int r, int g, int b) {
  auto lin = [](int c) {
    const float v = static_cast<float>(c) / 255.f;
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
  };
  return {lin(r), lin(g), lin(b)};
}

// x' = a*x + c*y + e ; y' = b*x + d*y + f
struct Affine {
  float a = 1.f, b = 0.f, c = 0.f, d = 1.f, e = 0.f, f = 0.f;

  constexpr Vec2 operator()(Vec2 p) const { return {a * p.x + c * p.y + e, b * p.x + d * p.y + f}; }
  // Linear part only (for directions).
  constexpr Vec2 vec(Vec2 p) const { return {a * p.x + c * p.y, b * p.x + d * p.y}; }
  // Mean linear scale factor (for converting widths).
  float scale() const { return std::sqrt(std::fabs(a * d - b * c)); }
  // (*this)(o(p)) : apply o first, then this.
  constexpr Affine operator*(const Affine& o) const {
    return {a * o.a + c * o.b, b * o.a + d * o.b, a * o.c + c * o.d, b * o.c + d * o.d,
            a * o.e + c * o.f + e, b * o.e + d * o.f + f};
  }
  static constexpr Affine translate(Vec2 t) { return {1.f, 0.f, 0.f, 1.f, t.x, t.y}; }
  static constexpr Affine scale(float sx, float sy) { return {sx, 0.f, 0.f, sy, 0.f, 0.f}; }
  static constexpr Affine scale(float s) { return scale(s, s); }
  static Affine rotate(float radians) {
    const float cs = std::cos(radians), sn = std::sin(radians);
    return {cs, sn, -sn, cs, 0.f, 0.f};
  }
  // Maps the unit box [0,1]x[0,1] onto the rectangle at `origin` with `size`.
  static constexpr Affine box(Vec2 origin, Vec2 size) { return {size.x, 0.f, 0.f, size.y, origin.x, origin.y}; }
};

struct Box {
  float x0 = 0.f, y0 = 0.f, x1 = 0.f, y1 = 0.f;
  constexpr float w() const { return x1 - x0; }
  constexpr float h() const { return y1 - y0; }
  constexpr Vec2 center() const { return {(x0 + x1) * 0.5f, (y0 + y1) * 0.5f}; }
  constexpr Vec2 at(float u, float v) const { return {x0 + u * (x1 - x0), y0 + v * (y1 - y0)}; }
  // Affine map of the unit box onto this box.
  constexpr Affine unit() const { return Affine::box({x0, y0}, {x1 - x0, y1 - y0}); }
};

}  // namespace orpheus::illustrate
