#pragma once
// SmoothField: a low-frequency scalar field (e.g. fractal noise with a period of many
// pixels) sampled once on a coarse grid over the whole image and interpolated bilinearly.
// Evaluating such noise per pixel would cost tens of nanoseconds for nothing.
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/canvas.h"
#include "illustrate/math.h"

namespace orpheus::illustrate {

class SmoothField {
 public:
  SmoothField() = default;
  // Over the canvas window, `cells` grid cells per canvas unit (capped at one node per two
  // raster pixels: small images need no finer grid).
  template <class F>
  SmoothField(const Canvas& c, float cells, F&& f)
      : SmoothField(c.design_window(), c.unit(), std::min(cells, std::max(4.f, c.unit() * c.scale() * 0.5f)), f) {}

  // Grid of `cells` cells per `unit` design px over `region` (design px; lookups outside
  // are clamped to its edge); f(Vec2 design) gives the field value at a grid node.
  template <class F>
  SmoothField(Box region, float unit, float cells, F&& f) {
    step_ = unit / cells;
    inv_ = 1.f / step_;
    ox_ = std::floor(region.x0 * inv_) - 1.f;
    oy_ = std::floor(region.y0 * inv_) - 1.f;
    nx_ = static_cast<int>(std::ceil(region.x1 * inv_) - ox_) + 2;
    ny_ = static_cast<int>(std::ceil(region.y1 * inv_) - oy_) + 2;
    v_.resize(static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_));
    for (int j = 0; j < ny_; ++j)
      for (int i = 0; i < nx_; ++i)
        v_[static_cast<std::size_t>(j) * static_cast<std::size_t>(nx_) + static_cast<std::size_t>(i)] =
            f(Vec2{(static_cast<float>(i) + ox_) * step_, (static_cast<float>(j) + oy_) * step_});
  }

  float at(Vec2 p) const {
    if (v_.empty()) return 0.f;
    float fx = p.x * inv_ - ox_, fy = p.y * inv_ - oy_;
    fx = std::clamp(fx, 0.f, static_cast<float>(nx_) - 1.001f);
    fy = std::clamp(fy, 0.f, static_cast<float>(ny_) - 1.001f);
    const int i = static_cast<int>(fx), j = static_cast<int>(fy);
    const float tx = fx - static_cast<float>(i), ty = fy - static_cast<float>(j);
    const float* r0 = v_.data() + static_cast<std::ptrdiff_t>(j) * nx_ + i;
    const float* r1 = r0 + nx_;
    const float a = r0[0] + (r0[1] - r0[0]) * tx, b = r1[0] + (r1[1] - r1[0]) * tx;
    return a + (b - a) * ty;
  }

 private:
  std::vector<float> v_;
  float step_ = 1.f, inv_ = 1.f, ox_ = 0.f, oy_ = 0.f;
  int nx_ = 0, ny_ = 0;
};

}  // namespace orpheus::illustrate
