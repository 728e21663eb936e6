#pragma once
// Final image formation: backdrop (museum black, warm grey, linen), the object's soft
// shadow on it, lighting of the object layers of a Canvas (studio key light from the upper
// left, fill, environment reflections for metals, recesses darkened from the height field),
// tone mapping and 8-bit sRGB output.
#include <cstddef>
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

// Soft shadow of the object on the backdrop, computed from a low-resolution pass.
class ShadowMap {
 public:
  ShadowMap() = default;
  // `lowres` holds the whole image (one window) at a small scale.
  static ShadowMap from(const Canvas& lowres, const Stage& stage);
  // 0 (lit) .. 1 (fully shadowed) at a design-pixel position.
  float at(Vec2 p) const;

 private:
  Plane plane_;
  float scale_ = 1.f;
};

// Raster rows needed around a band for shading (gradient and recess blur).
int shade_margin(const Canvas& c, const Stage& stage);

// Shades raster rows [y0, y1) of the canvas (all columns of its window) into RGB8 at `out`
// (row y0 first, `stride` bytes per row).
void shade(const Canvas& c, const Stage& stage, const ShadowMap& shadow, int y0, int y1, std::uint8_t* out,
           std::size_t stride);

}  // namespace orpheus::illustrate
