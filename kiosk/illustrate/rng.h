#pragma once
// Deterministic randomness for the illustration generator.
// Rng: splitmix64 stream, seeded from the recipe; never std::random_device or std
// distributions (their output differs between standard library versions).
// Noise: hash-based value noise over the plane, a pure function of (seed, x, y), so that any
// pixel can be evaluated independently (banded rendering relies on it).
#include <array>
#include <cmath>
#include <utility>
#include <cstdint>

namespace orpheus::illustrate {

constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit constexpr Rng(std::uint64_t seed) : state_(seed) {}
  constexpr std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Uniform in [0, 1).
  constexpr float uniform() { return static_cast<float>(next() >> 40) * (1.f / 16777216.f); }
  constexpr float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi] (inclusive).
  constexpr int range(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  constexpr bool chance(float p) { return uniform() < p; }
  // An independent child stream (e.g. one per ornament), stable under changes elsewhere.
  constexpr Rng fork(std::uint64_t salt) { return Rng(mix64(next() ^ mix64(salt))); }

 private:
  std::uint64_t state_;
};

// floor() for noise coordinates (|v| < 2^31), without a libm call.
inline std::int64_t fast_floor(float v) {
  const auto i = static_cast<std::int64_t>(v);
  return (v < static_cast<float>(i)) ? i - 1 : i;
}

// Value noise in [-1, 1] with smooth (quintic) interpolation; period 1 design unit at
// frequency 1. Lattice values come from a seeded permutation table (fast, per-pixel use);
// the lattice repeats every 256 cells, which is invisible at the frequencies used.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) {
    Rng r(mix64(seed ^ 0x6a09e667f3bcc909ULL));
    for (int i = 0; i < 256; ++i) perm_[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    for (int i = 255; i > 0; --i) {
      const int k = static_cast<int>(r.next() % static_cast<std::uint64_t>(i + 1));
      std::swap(perm_[static_cast<std::size_t>(i)], perm_[static_cast<std::size_t>(k)]);
    }
    for (int i = 0; i < 256; ++i) {
      perm_[static_cast<std::size_t>(i + 256)] = perm_[static_cast<std::size_t>(i)];
      vals_[static_cast<std::size_t>(i)] = r.uniform() * 2.f - 1.f;
    }
  }

  float value(float x, float y) const {
    const std::int64_t ix = fast_floor(x), iy = fast_floor(y);
    const float tx = x - static_cast<float>(ix), ty = y - static_cast<float>(iy);
    const float ux = tx * tx * tx * (tx * (tx * 6.f - 15.f) + 10.f);
    const float uy = ty * ty * ty * (ty * (ty * 6.f - 15.f) + 10.f);
    const std::size_t x0 = static_cast<std::size_t>(ix & 255), x1 = (x0 + 1) & 255;
    const std::size_t y0 = static_cast<std::size_t>(iy & 255), y1 = (y0 + 1) & 255;
    const std::size_t r0 = perm_[x0], r1 = perm_[x1];
    const float a = vals_[perm_[r0 + y0]], b = vals_[perm_[r1 + y0]];
    const float c = vals_[perm_[r0 + y1]], d = vals_[perm_[r1 + y1]];
    const float ab = a + (b - a) * ux, cd = c + (d - c) * ux;
    return ab + (cd - ab) * uy;
  }
  // Fractal sum, `octaves` layers, result roughly in [-1, 1].
  float fbm(float x, float y, int octaves, float gain = 0.5f) const {
    float sum = 0.f, amp = 1.f, norm = 0.f;
    for (int o = 0; o < octaves; ++o) {
      sum += amp * value(x + static_cast<float>(o) * 17.13f, y - static_cast<float>(o) * 9.71f);
      norm += amp;
      amp *= gain;
      // Rotate and scale each octave a little to hide the lattice.
      const float nx = 1.6f * x + 1.2f * y, ny = -1.2f * x + 1.6f * y;
      x = nx;
      y = ny;
    }
    return sum / norm;
  }
  // Uniform value in [0, 1) of an integer cell (for cellular patterns).
  float cell(std::int64_t ix, std::int64_t iy) const {
    return (vals_[perm_[perm_[static_cast<std::size_t>(ix & 255)] + static_cast<std::size_t>(iy & 255)]] + 1.f) * 0.5f;
  }

 private:
  std::array<std::uint8_t, 512> perm_{};
  std::array<float, 256> vals_{};
};

}  // namespace orpheus::illustrate
