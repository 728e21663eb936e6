#pragma once
// Shared building blocks of the kind drawings: layout, backdrop choice, relief operations
// (emboss, engrave), solids of revolution (Lathe) and swept tubes (handles, torcs, horns).
// All sizes are design pixels unless a name says otherwise.
#include <functional>
#include <span>
#include <vector>

#include "illustrate/canvas.h"
#include "illustrate/material.h"
#include "illustrate/ornament.h"
#include "illustrate/recipe.h"
#include "illustrate/rng.h"
#include "illustrate/shade.h"

namespace orpheus::illustrate {

// Seeds a stream from the recipe (seed + kind + variant), stable across runs and platforms.
Rng recipe_rng(const Recipe& r, std::uint64_t salt = 0);

// Largest box of aspect w/h that fits in the frame minus `margin` (fraction of the shorter
// side) on every side, centred (plus `shift`, fraction of the frame size).
Box fit_box(const Canvas& c, float aspect, float margin, Vec2 shift = {});

// Sets the stage: backdrop from the recipe or the default for the material, light pool on
// the box centre.
void set_stage(Stage& st, const Recipe& r, Box object, Backdrop fallback);
Backdrop default_backdrop(Material m);

// Raises the surface under `shape` by `height`, with edges rounded over `soft` (blur radius).
void emboss(Canvas& c, const Plane& shape, float height, float soft);
// Cushion relief: height * sqrt(blurred shape): rounded, repoussé-like volumes.
void cushion(Canvas& c, const Plane& shape, float height, float soft);
// Incised line work: lowers the surface along the lines and darkens the cut slightly.
void engrave(Canvas& c, std::span<const Polyline> lines, float width, float depth, float darken = 0.25f);

// A solid of revolution seen from the side, axis vertical at x = cx.
class Lathe {
 public:
  // Key points (radius, y) from top to bottom; smooth spline through them.
  Lathe(float cx, std::span<const Vec2> radius_y, int samples = 400);
  float cx() const { return cx_; }
  float top() const { return y_.front(); }
  float bottom() const { return y_.back(); }
  float radius(float y) const;
  // Point of the surface at angle theta (0 = facing the viewer) and height y.
  Vec2 at(float theta, float y) const;
  // Maps a band point (u along the circumference in design px measured at radius rref,
  // centred on the front; v = y) onto the visible surface.
  Vec2 wrap(Vec2 uv, float rref) const;
  Path silhouette(float tolerance = 0.2f) const;
  // Draws coverage into `mask` and sets the height field to the solid under it.
  void draw(Canvas& c, Plane& mask) const;
  // cos(theta) of the surface point at design position p (0 outside).
  float facing(Vec2 p) const;

 private:
  float cx_;
  std::vector<float> y_, r_;
};

// Outline of a worn rectangular slab: edges chipped inward by up to `chip` (design px),
// optionally one corner broken off.
Path slab_outline(Box b, Rng& rng, float chip, bool broken_corner);
// Lays a slab of material under `outline` into `mask`, raised `thickness` with edges
// rounded over `bevel`, and weathers its surface (erosion amplitude `erosion`).
void slab(Canvas& c, const Path& outline, const MaterialLook& look, float thickness, float bevel, float erosion,
          std::uint64_t seed, Plane& mask);

struct TubeNode {
  Vec2 p;
  float r;
};
// Height modulation along/around a tube: (arc length from start, across -1..1) -> extra
// height in design px.
using TubeMod = std::function<float(float along, float across)>;
// Swept sphere along nodes (design px). Coverage into `mask` (max), sphere height into
// `height` (max).
void tube(const Canvas& c, std::span<const TubeNode> nodes, Plane& mask, Plane& height, const TubeMod& mod = {});
// Sets h = height where mask (used after tube()). If `add` the tube sits on the surface.
void place_height(Canvas& c, const Plane& mask, const Plane& height, bool add = false);

// How a Motif becomes part of the surface.
struct MotifStyle {
  float high = 0.f;        // relief height of Motif::high, design px (negative: sunk)
  float low = 0.f;         // relief height of Motif::low
  float soft = 1.f;        // rounding of relief edges (blur radius), design px
  float line_depth = 0.f;  // incision depth of Motif::lines (0: lines are not cut)
  float line_scale = 1.f;  // multiplies Motif::line_width
  bool gild_high = false;  // gold finish on the high shapes (gilded silver)
  bool gild_low = false;
  const Finish* paint_high = nullptr;  // constant paint finishes (clay, fresco)
  const Finish* paint_low = nullptr;
  const Finish* paint_lines = nullptr;
};
void apply_motif(Canvas& c, const Motif& m, const MotifStyle& st, const MaterialLook& look);


}  // namespace orpheus::illustrate
