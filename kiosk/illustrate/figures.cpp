// Figure infrastructure: shape shorthands (figure_shapes.h), FigureSet, friezes, fitting
// figures into boxes and rendering them as relief or paint.
#include "illustrate/figures.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "illustrate/figure_shapes.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {

namespace shapes {

namespace {
int circle_n(float r_px) { return std::clamp(static_cast<int>(r_px * 1.5f), 10, 96); }

}  // namespace

void disc_poly(Path& p, Vec2 c, float r) {
  const int n = circle_n(r);
  Polyline poly;
  for (int i = 0; i < n; ++i) poly.push_back(c + polar(2.f * kPi * static_cast<float>(i) / static_cast<float>(n), r));
  p.polygon(poly);
}

// Tapered limb through points given in figure space; union of trapezoids and round joints.
Path limb(const Affine& t, std::initializer_list<LP> pts) {
  return limb_path(t, std::span<const LP>(pts.begin(), pts.size()));
}

Path body(const Affine& t, std::initializer_list<Vec2> pts, std::initializer_list<int> corners) {
  Path p(t);
  std::vector<Vec2> v(pts);
  std::vector<int> cs(corners);
  p.smooth(v, cs);
  return p;
}

void add(FigureSet& f, Path p, float height, Tone tone) { f.parts.push_back({std::move(p), height, tone}); }

void line(FigureSet& f, const Affine& t, std::initializer_list<Vec2> pts, bool smooth) {
  std::vector<Vec2> v;
  for (Vec2 p : pts) v.push_back(t(p));
  f.lines.push_back(smooth && v.size() > 2 ? spline(v, 8) : Polyline(v.begin(), v.end()));
}

void ellipse_line(FigureSet& f, const Affine& t, Vec2 c, float rx, float ry, float a0, float a1) {
  Polyline l = arc(c, rx, ry, a0, a1, 24);
  for (Vec2& p : l) p = t(p);
  f.lines.push_back(std::move(l));
}

Polyline spiral_pts(Vec2 c, float r0, float r1, float a0, float a1, int n) {
  Polyline out;
  for (int i = 0; i <= n; ++i) {
    const float k = static_cast<float>(i) / static_cast<float>(n);
    out.push_back(c + polar(lerp(a0, a1, k), lerp(r0, r1, k)));
  }
  return out;
}

// Profile head (right-facing) in figure space: centre of the skull at (cx, cy), height hh.
void small_head(FigureSet& f, const Affine& t, Vec2 c, float hh, Tone hair, bool female) {
  const float k = hh;
  auto P = [&](float x, float y) { return Vec2{c.x + x * k, c.y + y * k}; };
  add(f,
      body(t, {P(-0.42f, -0.05f), P(-0.30f, -0.40f), P(0.05f, -0.50f), P(0.34f, -0.30f), P(0.40f, -0.06f),
               P(0.52f, 0.10f), P(0.42f, 0.16f), P(0.44f, 0.26f), P(0.36f, 0.38f), P(0.14f, 0.44f),
               P(0.10f, 0.62f), P(-0.22f, 0.62f), P(-0.24f, 0.30f)},
           {4, 5}),
      1.1f, Tone::skin);
  // Hair cap (and a knot for women).
  add(f,
      body(t, {P(-0.46f, 0.12f), P(-0.40f, -0.36f), P(0.02f, -0.56f), P(0.36f, -0.36f), P(0.24f, -0.22f),
               P(0.02f, -0.24f), P(-0.10f, -0.02f), P(-0.22f, 0.22f)}),
      1.2f, hair);
  if (female) add(f, body(t, {P(-0.62f, -0.02f), P(-0.50f, -0.22f), P(-0.36f, -0.10f), P(-0.44f, 0.12f)}), 1.25f, hair);
  ellipse_line(f, t, P(0.24f, -0.02f), 0.05f * k, 0.03f * k);
}

// Leg through points interpolated between a standing/prancing pose (a) and a flying
// gallop pose (b).
Path leg(const Affine& t, std::initializer_list<LP> a, std::initializer_list<LP> b, float g) {
  std::vector<LP> pts;
  auto ib = b.begin();
  for (const LP& p : a) {
    const LP q = *ib++;
    pts.push_back({lerp(p.x, q.x, g), lerp(p.y, q.y, g), lerp(p.w, q.w, g)});
  }
  return limb_path(t, pts);
}

}  // namespace shapes

using namespace shapes;

FigureSet FigureSet::mapped(const std::function<Vec2(Vec2)>& fn, float max_len) const {
  FigureSet out;
  for (const FigurePart& p : parts) out.parts.push_back({p.shape.mapped(fn, max_len), p.height, p.tone});
  for (const Polyline& l : lines) {
    Polyline r = resample(l, max_len);
    for (Vec2& q : r) q = fn(q);
    out.lines.push_back(std::move(r));
  }
  return out;
}

void FigureSet::append(const FigureSet& o) {
  parts.insert(parts.end(), o.parts.begin(), o.parts.end());
  lines.insert(lines.end(), o.lines.begin(), o.lines.end());
}

Box FigureSet::bounds() const {
  Box b{1e30f, 1e30f, -1e30f, -1e30f};
  for (const FigurePart& p : parts) {
    const Box q = p.shape.bounds();
    b = {std::min(b.x0, q.x0), std::min(b.y0, q.y0), std::max(b.x1, q.x1), std::max(b.y1, q.y1)};
  }
  return b;
}

Path limb_path(const Affine& t, std::span<const LimbPoint> pts) {
  Path p;
  if (pts.empty()) return p;
  std::vector<Vec2> c;
  std::vector<float> w;
  for (const LimbPoint& q : pts) {
    c.push_back(t({q.x, q.y}));
    w.push_back(q.w * t.scale() * 0.5f);
  }
  if (c.size() >= 2) {
    const int per = 8;
    const Polyline dense = spline(c, per);
    for (std::size_t i = 0; i + 1 < dense.size(); ++i) {
      const std::size_t seg = std::min(i / per, c.size() - 2);
      const float f0 = static_cast<float>(i - seg * per) / per, f1 = std::min(1.f, f0 + 1.f / per);
      const float ha = lerp(w[seg], w[seg + 1], f0), hb = lerp(w[seg], w[seg + 1], f1);
      const Vec2 a = dense[i], b = dense[i + 1];
      if (dot(b - a, b - a) < 1e-10f) continue;
      const Vec2 n = perp(normalize(b - a));
      const Vec2 q[4] = {a + n * ha, b + n * hb, b - n * hb, a - n * ha};
      p.polygon(q);
    }
  }
  for (std::size_t k = 0; k < c.size(); ++k) disc_poly(p, c[k], w[k] * 0.98f);
  return p;
}


FigureSet frieze(FriezeTheme theme, float u0, float u1, float hgt, Rng& rng) {
  FigureSet out;
  const float len = u1 - u0;
  auto place = [&](float x, float w, float scale) {
    return Affine::translate({x, hgt * (1.f - scale)}) * Affine::scale(hgt * scale) * Affine::translate({-w * 0.5f, 0.f});
  };
  if (theme == FriezeTheme::mixed) theme = rng.chance(0.5f) ? FriezeTheme::animals : FriezeTheme::procession;
  switch (theme) {
    case FriezeTheme::animals: {
      // Alternating stags, griffins and lions walking right.
      const float unit = hgt * 1.05f;
      const int n = std::max(1, static_cast<int>(len / unit));
      const float step = len / static_cast<float>(n);
      for (int i = 0; i < n; ++i) {
        const float x = u0 + (static_cast<float>(i) + 0.5f) * step;
        const int which = (i + rng.range(0, 2)) % 3;
        if (which == 0) stag(out, place(x, kStagWidth, 0.92f), rng, false);
        else if (which == 1) griffin(out, place(x, kGriffinWidth, 0.88f), rng);
        else lion(out, place(x, kLionWidth, 0.8f), rng);
      }
      break;
    }
    case FriezeTheme::riders: {
      const float unit = hgt * 1.3f;
      const int n = std::max(1, static_cast<int>(len / unit));
      const float step = len / static_cast<float>(n);
      for (int i = 0; i < n; ++i) horseman(out, place(u0 + (static_cast<float>(i) + 0.5f) * step, kHorsemanWidth, 0.95f), rng, true);
      break;
    }
    case FriezeTheme::procession:
    case FriezeTheme::mixed: {
      const float unit = hgt * 0.5f;
      const int n = std::max(1, static_cast<int>(len / unit));
      const float step = len / static_cast<float>(n);
      for (int i = 0; i < n; ++i) {
        const float x = u0 + (static_cast<float>(i) + 0.5f) * step;
        walker(out, place(x, kWalkerWidth, 0.96f), rng, rng.chance(0.5f), rng.chance(0.4f));
      }
      break;
    }
  }
  return out;
}

// ---- placement and rendering -------------------------------------------------------------

FigureSet fit_figures(const std::function<void(FigureSet&, const Affine&)>& build, Box target, bool flip, bool ground,
                      float align_x) {
  constexpr float kProbe = 1000.f;
  FigureSet probe;
  build(probe, Affine::scale(kProbe));
  Box b = probe.bounds();
  if (b.x1 <= b.x0 || b.y1 <= b.y0) return probe;
  b = {b.x0 / kProbe, b.y0 / kProbe, b.x1 / kProbe, b.y1 / kProbe};
  const float k = std::min(target.w() / b.w(), target.h() / b.h());
  const float sx = flip ? -k : k;
  const float fx = flip ? b.x1 : b.x0;  // local x that lands on the target's left edge
  const float free_x = target.w() - b.w() * k, free_y = target.h() - b.h() * k;
  const Vec2 origin{target.x0 + free_x * align_x, target.y0 + (ground ? free_y : free_y * 0.5f)};
  const Affine t = Affine::translate(origin) * Affine::scale(sx, k) * Affine::translate({-fx, -b.y0});
  FigureSet out;
  build(out, t);
  return out;
}


void draw_figures(Canvas& c, const FigureSet& f, const FigureStyle& st, const MaterialLook& look) {
  Plane all = c.plane();
  if (st.standalone) {
    for (const FigurePart& p : f.parts) fill(all, c, p.shape);
    level(c, all, st.base_height);
    lay(c, all, [&](Vec2 q) { return look.at(q); });
  }
  Plane m = c.plane();
  for (const FigurePart& p : f.parts) {
    m.clear();
    fill(m, c, p.shape);
    if (st.relief != 0.f) cushion(c, m, st.relief * p.height, st.soft);
    if (st.tones)
      lay(c, m, [&](Vec2 q) { return st.tones(p.tone, q); });
    else if (st.paint)
      lay(c, m, *st.paint);
    else if (st.gild)
      lay(c, m, [&](Vec2 q) { return look.gilt(q); });
  }
  if (!f.lines.empty()) {
    if (st.line_depth != 0.f) engrave(c, f.lines, st.line_width, st.line_depth, 0.35f);
    if (st.paint_lines) {
      Plane ln = c.plane();
      for (const Polyline& l : f.lines) stroke(ln, c, l, st.line_width);
      lay(c, ln, *st.paint_lines);
    }
  }
}

}  // namespace orpheus::illustrate
