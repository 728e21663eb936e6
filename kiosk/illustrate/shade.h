#pragma once
// Final image formation: backdrop (museum black, warm grey, linen), the object's soft
// shadow on it, lighting of the object layers of a Canvas (studio key light from the upper
// left, fill, environment reflections for metals, recesses darkened from the height field),
// tone mapping and 8-bit sRGB output.
#include <cstddef>
#include <algorithm>
#include <cstdint>

#include "illustrate/canvas.h"

namespace orpheus::illustrate {

enum class Backdrop { black, grey, linen };

struct Stage {
  Backdrop backdrop = Backdrop::black;
  Vec2 focus{};                 // centre of the light pool, design px
  std::uint64_t seed = 0;       // backdrop texture
  float shadow_strength = 1.f;  // 0 for objects that are not resting on the backdrop
  float relief_scale = 0.004f;  // typical relief depth / unit(): sets recess darkening width
};

// Light falling on the backdrop (pool of light, vignette, the object's soft shadow),
// computed from a low-resolution pass of the drawing.
class ShadowMap {
 public:
  ShadowMap() = default;
  // `lowres` holds the whole image (one window) at a small scale.
  static ShadowMap from(const Canvas& lowres, const Stage& stage);
  // Light factor (about 0..1.1) at a design-pixel position.
  float at(Vec2 p) const;
  // Fast access along one row (design y).
  struct Row {
    const float* r0 = nullptr;
    const float* r1 = nullptr;
    float ty = 0.f, scale = 1.f;
    int x0 = 0, x1 = 0;
    float at(float x) const {
      float fx = x * scale - 0.5f;
      fx = fx < static_cast<float>(x0) ? static_cast<float>(x0) : (fx > static_cast<float>(x1 - 1) ? static_cast<float>(x1 - 1) : fx);
      int i = static_cast<int>(fx);
      if (i >= x1 - 1) i = x1 - 2 < x0 ? x0 : x1 - 2;
      const float tx = fx - static_cast<float>(i);
      const int j = i + 1 < x1 ? i + 1 : i;
      const float a = r0[i] + (r0[j] - r0[i]) * tx, b = r1[i] + (r1[j] - r1[i]) * tx;
      return a + (b - a) * ty;
    }
    // Values for raster columns [xa, xb) of a canvas at `canvas_scale`, into out[0..].
    void fill(float* out, int xa, int xb, float canvas_scale) const {
      const float k = scale / canvas_scale;
      int i = x0;
      for (int x = xa; x < xb; ++x) {
        float fx = (static_cast<float>(x) + 0.5f) * k - 0.5f;
        fx = fx < static_cast<float>(x0) ? static_cast<float>(x0) : fx;
        while (i + 1 < x1 - 1 && static_cast<float>(i + 1) <= fx) ++i;
        const int j = i + 1 < x1 ? i + 1 : i;
        const float tx = std::min(1.f, fx - static_cast<float>(i));
        const float a = r0[i] + (r0[j] - r0[i]) * tx, b = r1[i] + (r1[j] - r1[i]) * tx;
        out[x - xa] = a + (b - a) * ty;
      }
    }
  };
  Row row(float y) const;

 private:
  Plane plane_;
  float scale_ = 1.f;
};

// Raster rows needed around a band for shading (gradient and recess blur).
int shade_margin(const Canvas& c, const Stage& stage);

// What shading saw (sanity checks and tests).
struct ShadeStats {
  double coverage = 0.0;    // sum of object coverage over the shaded pixels
  long long pixels = 0;     // pixels shaded
  long long nonfinite = 0;  // pixels whose colour was NaN/inf before encoding
};

// Shades raster rows [y0, y1) of the canvas (all columns of its window) into RGB8 at `out`
// (row y0 first, `stride` bytes per row). Accumulates into `stats` if given.
void shade(const Canvas& c, const Stage& stage, const ShadowMap& shadow, int y0, int y1, std::uint8_t* out,
           std::size_t stride, ShadeStats* stats = nullptr);

}  // namespace orpheus::illustrate
