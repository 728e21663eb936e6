#pragma once
// Internal to the figure drawings (figures*.cpp): shorthand for building figure parts in
// figure space (unit box, ground at y = 1), mapped by an affine `t`. Not library interface.
#include <initializer_list>

#include "illustrate/figures.h"

namespace orpheus::illustrate::shapes {

using LP = LimbPoint;

void disc_poly(Path& p, Vec2 c, float r);
// Tapered limb through (x, y, width) points.
Path limb(const Affine& t, std::initializer_list<LP> pts);
// Leg interpolated between pose a (standing) and pose b (flying gallop) by g in 0..1.
Path leg(const Affine& t, std::initializer_list<LP> a, std::initializer_list<LP> b, float g);
// Smooth closed silhouette through points; `corners` are sharp.
Path body(const Affine& t, std::initializer_list<Vec2> pts, std::initializer_list<int> corners = {});
void add(FigureSet& f, Path p, float height, Tone tone);
// Detail lines.
void line(FigureSet& f, const Affine& t, std::initializer_list<Vec2> pts, bool smooth = true);
void ellipse_line(FigureSet& f, const Affine& t, Vec2 c, float rx, float ry, float a0 = 0.f, float a1 = 2.f * kPi);
Polyline spiral_pts(Vec2 c, float r0, float r1, float a0, float a1, int n);
// A small profile head (right-facing) centred at c, height hh.
void small_head(FigureSet& f, const Affine& t, Vec2 c, float hh, Tone hair, bool female);

}  // namespace orpheus::illustrate::shapes
