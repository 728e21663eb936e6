#pragma once
// Painted surfaces (frescoes, painted plans and plates): pigment palette, opaque paint
// with uneven fading, and the ageing of plaster (craze cracks, losses, abrasion).
#include <cstdint>

#include "illustrate/canvas.h"
#include "illustrate/figures.h"
#include "illustrate/rng.h"

namespace orpheus::illustrate {

struct Pigments {
  Rgb ground;    // pale lime ground
  Rgb ochre;     // yellow ochre
  Rgb red;       // red ochre / haematite
  Rgb dark_red;  // outline brown-red
  Rgb black;     // carbon black
  Rgb white;     // lime white
  Rgb blue;      // Egyptian blue
  Rgb green;     // green earth
  Rgb skin_m;    // men's flesh (dark)
  Rgb skin_f;    // women's flesh (light)
};
Pigments pigments();

// Paints `colour` with alpha mask*opacity; the fade noise lets the plaster show through.
void paint(Canvas& c, const Plane& mask, Rgb colour, const Noise& fade, float opacity = 1.f);
// A painted contour line of width `width` along the boundary of `shape` (its filled
// silhouette, not its construction pieces).
void outline(Canvas& c, const Path& shape, float width, Rgb colour, const Noise& fade, float opacity = 0.85f);
// Pigment of a figure part tone (paint() varies it over the wall).
Rgb tone_pigment(const Pigments& pg, Tone t);
// Cracks, lost patches and abrasion over the plaster under `panel` (object box `box`).
void age_plaster(Canvas& c, const Plane& panel, Box box, Rng& rng, float scale, std::uint64_t seed);

}  // namespace orpheus::illustrate
