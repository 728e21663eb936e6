#include "illustrate/figures.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "illustrate/kit.h"

namespace orpheus::illustrate {
namespace {

using LP = LimbPoint;

int circle_n(float r_px) { return std::clamp(static_cast<int>(r_px * 1.5f), 10, 96); }

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

Path body(const Affine& t, std::initializer_list<Vec2> pts, std::initializer_list<int> corners = {}) {
  Path p(t);
  std::vector<Vec2> v(pts);
  std::vector<int> cs(corners);
  p.smooth(v, cs);
  return p;
}

void add(FigureSet& f, Path p, float height, Tone tone) { f.parts.push_back({std::move(p), height, tone}); }

void line(FigureSet& f, const Affine& t, std::initializer_list<Vec2> pts, bool smooth = true) {
  std::vector<Vec2> v;
  for (Vec2 p : pts) v.push_back(t(p));
  f.lines.push_back(smooth && v.size() > 2 ? spline(v, 8) : Polyline(v.begin(), v.end()));
}

void ellipse_line(FigureSet& f, const Affine& t, Vec2 c, float rx, float ry, float a0 = 0.f, float a1 = 2.f * kPi) {
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
void small_head(FigureSet& f, const Affine& t, Vec2 c, float hh, Tone hair, bool female, Rng& rng) {
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
  (void)rng;
}

}  // namespace

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

// ---- horse and horseman ------------------------------------------------------------------

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

void horse(FigureSet& f, const Affine& t, Rng& rng, float gallop) {
  const float g = std::clamp(gallop, 0.f, 1.f);
  const float j = rng.uniform(-0.015f, 0.015f);
  // Far legs first (lower relief), then body, then near legs.
  add(f, leg(t, {{0.80f, 0.64f, 0.085f}, {0.90f, 0.74f, 0.05f}, {0.90f, 0.86f, 0.034f}, {0.94f, 0.885f, 0.042f}},
             {{0.80f, 0.64f, 0.085f}, {0.92f, 0.72f, 0.05f}, {1.00f, 0.80f, 0.034f}, {1.05f, 0.80f, 0.042f}}, g),
      0.55f, Tone::horse2);
  add(f, leg(t, {{0.48f, 0.62f, 0.12f}, {0.52f, 0.72f, 0.065f}, {0.45f, 0.84f, 0.045f}, {0.50f, 0.95f, 0.034f}, {0.53f, 0.98f, 0.044f}},
             {{0.46f, 0.60f, 0.12f}, {0.40f, 0.72f, 0.065f}, {0.31f, 0.80f, 0.045f}, {0.23f, 0.88f, 0.034f}, {0.19f, 0.90f, 0.044f}}, g),
      0.55f, Tone::horse2);
  // Tail: hanging in an S when prancing, streaming out at the gallop.
  add(f, leg(t, {{0.37f, 0.46f, 0.06f}, {0.30f, 0.53f, 0.055f}, {0.27f, 0.65f + j, 0.045f}, {0.29f, 0.78f, 0.02f}},
             {{0.37f, 0.46f, 0.06f}, {0.27f, 0.50f, 0.055f}, {0.18f, 0.56f + j, 0.045f}, {0.11f, 0.64f, 0.02f}}, g),
      0.8f, Tone::horse);
  // Body, neck and head in one silhouette.
  add(f,
      body(t, {{1.23f, 0.34f}, {1.20f, 0.27f}, {1.12f, 0.18f}, {1.08f, 0.13f}, {1.07f, 0.06f}, {1.03f, 0.12f},
               {1.01f, 0.15f}, {0.94f, 0.22f}, {0.86f, 0.33f}, {0.78f, 0.43f}, {0.65f, 0.47f}, {0.52f, 0.46f},
               {0.42f, 0.44f}, {0.36f, 0.46f}, {0.33f, 0.53f}, {0.35f, 0.62f}, {0.42f, 0.68f}, {0.55f, 0.71f},
               {0.70f, 0.70f}, {0.78f, 0.68f}, {0.88f, 0.62f}, {0.94f, 0.53f}, {0.98f, 0.44f}, {1.04f, 0.35f},
               {1.10f, 0.34f}, {1.18f, 0.395f}, {1.225f, 0.385f}},
           {4}),
      1.f, Tone::horse);
  // Mane along the crest.
  {
    Path mane;
    for (int i = 0; i < 8; ++i) {
      const float k = static_cast<float>(i) / 7.f;
      const Vec2 a = mix(Vec2{1.01f, 0.15f}, Vec2{0.80f, 0.41f}, k);
      mane.append(body(t, {a + Vec2{0.012f, 0.012f}, a + Vec2{-0.028f, -0.004f}, a + Vec2{-0.01f, 0.03f}}, {1}));
    }
    add(f, std::move(mane), 1.1f, Tone::horse2);
  }
  // Near legs.
  add(f, leg(t, {{0.87f, 0.62f, 0.095f}, {1.00f, 0.64f, 0.055f}, {1.00f, 0.76f, 0.036f}, {1.04f, 0.79f, 0.045f}},
             {{0.87f, 0.62f, 0.095f}, {1.02f, 0.66f, 0.055f}, {1.13f, 0.70f, 0.036f}, {1.18f, 0.72f, 0.045f}}, g),
      1.15f, Tone::horse);
  add(f, leg(t, {{0.40f, 0.58f, 0.15f}, {0.45f, 0.70f, 0.07f}, {0.36f, 0.83f, 0.048f}, {0.40f, 0.95f, 0.034f}, {0.43f, 0.98f, 0.045f}},
             {{0.40f, 0.58f, 0.15f}, {0.34f, 0.70f, 0.07f}, {0.24f, 0.76f, 0.048f}, {0.14f, 0.84f, 0.034f}, {0.10f, 0.86f, 0.045f}}, g),
      1.15f, Tone::horse);
  // Details: eye, nostril, mouth, bridle, muscles.
  ellipse_line(f, t, {1.105f, 0.215f}, 0.016f, 0.01f);
  line(f, t, {{1.205f, 0.29f}, {1.19f, 0.31f}});
  line(f, t, {{1.225f, 0.37f}, {1.18f, 0.365f}});
  line(f, t, {{1.07f, 0.16f}, {1.12f, 0.27f}, {1.19f, 0.34f}});
  line(f, t, {{1.14f, 0.30f}, {1.20f, 0.26f}});
  line(f, t, {{0.90f, 0.47f}, {0.92f, 0.55f}, {0.90f, 0.61f}});
  line(f, t, {{0.43f, 0.50f}, {0.48f, 0.56f}, {0.46f, 0.63f}});
  line(f, t, {{0.60f, 0.55f}, {0.70f, 0.56f}});
}

void horseman(FigureSet& f, const Affine& t, Rng& rng, bool spear) {
  // Cloak flying back (behind the rider).
  const float flutter = rng.uniform(-0.02f, 0.02f);
  add(f,
      body(t, {{0.67f, 0.19f}, {0.56f, 0.17f}, {0.46f, 0.20f + flutter}, {0.39f, 0.26f}, {0.46f, 0.285f}, {0.41f, 0.34f},
               {0.52f, 0.33f}, {0.62f, 0.31f}}),
      1.3f, Tone::garment2);
  horse(f, t, rng, 0.f);
  // Rider: torso, head, near leg, arms.
  add(f,
      body(t, {{0.61f, 0.45f}, {0.60f, 0.34f}, {0.62f, 0.23f}, {0.66f, 0.19f}, {0.71f, 0.21f}, {0.725f, 0.29f},
               {0.71f, 0.38f}, {0.70f, 0.45f}}),
      1.6f, Tone::garment);
  small_head(f, t, {0.67f, 0.125f}, 0.095f, Tone::hair, false, rng);
  add(f, limb(t, {{0.64f, 0.44f, 0.08f}, {0.75f, 0.51f, 0.06f}, {0.74f, 0.62f, 0.045f}, {0.78f, 0.67f, 0.035f}}), 1.9f,
      Tone::garment);
  // Reins arm.
  add(f, limb(t, {{0.69f, 0.23f, 0.048f}, {0.73f, 0.32f, 0.038f}, {0.81f, 0.34f, 0.032f}}), 1.9f, Tone::skin);
  line(f, t, {{0.81f, 0.34f}, {0.98f, 0.36f}, {1.18f, 0.37f}}, false);
  if (spear) {
    // Arm raised, brandishing the spear over the horse's head.
    add(f, limb(t, {{0.66f, 0.21f, 0.048f}, {0.72f, 0.12f, 0.038f}, {0.735f, 0.015f, 0.034f}}), 1.9f, Tone::skin);
    add(f, limb(t, {{0.47f, -0.045f, 0.016f}, {1.24f, 0.055f, 0.013f}}), 1.7f, Tone::wood);
    add(f, body(t, {{1.22f, 0.04f}, {1.33f, 0.066f}, {1.23f, 0.075f}}, {1}), 1.7f, Tone::metal);
  } else {
    add(f, limb(t, {{0.66f, 0.22f, 0.048f}, {0.60f, 0.32f, 0.038f}, {0.62f, 0.40f, 0.034f}}), 1.9f, Tone::skin);
  }
  // Garment folds.
  line(f, t, {{0.63f, 0.26f}, {0.65f, 0.38f}});
  line(f, t, {{0.68f, 0.26f}, {0.69f, 0.40f}});
  line(f, t, {{0.48f, 0.23f}, {0.58f, 0.22f}});
}

// ---- animals -----------------------------------------------------------------------------

void stag(FigureSet& f, const Affine& t, Rng& rng, bool recumbent) {
  const int tines = rng.range(4, 6);
  const float by = recumbent ? 0.16f : 0.f;  // the lying body sits lower
  if (!recumbent) {
    add(f, limb(t, {{0.69f, 0.67f, 0.06f}, {0.66f, 0.82f, 0.032f}, {0.68f, 0.95f, 0.022f}, {0.70f, 0.98f, 0.028f}}), 0.6f, Tone::animal);
    add(f, limb(t, {{0.42f, 0.64f, 0.09f}, {0.46f, 0.73f, 0.05f}, {0.40f, 0.83f, 0.032f}, {0.44f, 0.95f, 0.022f}, {0.46f, 0.98f, 0.028f}}),
        0.6f, Tone::animal);
  } else {
    add(f, limb(t, {{0.70f, 0.78f, 0.07f}, {0.82f, 0.88f, 0.04f}, {0.70f, 0.93f, 0.03f}, {0.62f, 0.94f, 0.032f}}), 0.6f, Tone::animal);
  }
  // Antlers (far then near): the beam sweeps back, tines rise from it. Lying stags of the
  // animal style carry the antlers along the whole back.
  for (int a = 0; a < 2; ++a) {
    const float dx = a == 0 ? 0.035f : 0.f;
    const Vec2 b0{0.86f + dx, 0.27f + by};
    const std::vector<Vec2> beam =
        recumbent ? std::vector<Vec2>{b0, {0.82f + dx, 0.30f}, {0.70f + dx, 0.27f}, {0.56f + dx, 0.28f}, {0.44f + dx, 0.33f}, {0.36f + dx, 0.42f}}
                  : std::vector<Vec2>{b0, {0.84f + dx, 0.17f}, {0.78f + dx, 0.09f}, {0.71f + dx, 0.05f}, {0.64f + dx, 0.06f}, {0.58f + dx, 0.10f}};
    const Polyline dense = spline(beam, 6);
    Path p;
    for (std::size_t i = 0; i + 1 < dense.size(); ++i) {
      const float k0 = static_cast<float>(i) / static_cast<float>(dense.size() - 1);
      const float k1 = static_cast<float>(i + 1) / static_cast<float>(dense.size() - 1);
      p.append(limb(t, {{dense[i].x, dense[i].y, lerp(0.034f, 0.014f, k0)}, {dense[i + 1].x, dense[i + 1].y, lerp(0.034f, 0.014f, k1)}}));
    }
    for (int k = 0; k < tines; ++k) {
      const float u = 0.22f + 0.72f * static_cast<float>(k) / static_cast<float>(tines - 1);
      const Vec2 q = dense[static_cast<std::size_t>(u * static_cast<float>(dense.size() - 1))];
      const float len = (0.07f + 0.05f * std::sin(u * kPi)) * (recumbent ? 1.f : 1.2f);
      p.append(limb(t, {{q.x, q.y, 0.02f}, {q.x + 0.012f, q.y - len * 0.6f, 0.013f}, {q.x + 0.03f, q.y - len, 0.007f}}));
    }
    add(f, std::move(p), a == 0 ? 0.7f : 1.3f, Tone::animal);
  }
  add(f,
      body(t, {{1.00f, 0.37f + by}, {0.98f, 0.33f + by}, {0.90f, 0.28f + by}, {0.86f, 0.27f + by}, {0.78f, 0.245f + by},
               {0.815f, 0.31f + by}, {0.80f, 0.34f + by}, {0.74f, 0.44f + by}, {0.68f, 0.52f + by}, {0.52f, 0.54f + by},
               {0.36f, 0.53f + by}, {0.31f, 0.515f + by}, {0.30f, 0.58f + by}, {0.32f, 0.67f + by}, {0.40f, 0.72f + by},
               {0.55f, 0.73f + by}, {0.66f, 0.71f + by}, {0.75f, 0.65f + by}, {0.80f, 0.52f + by}, {0.86f, 0.42f + by},
               {0.92f, 0.40f + by}, {0.98f, 0.40f + by}},
           {4, 11}),
      1.f, Tone::animal);
  if (!recumbent) {
    add(f, limb(t, {{0.74f, 0.66f, 0.065f}, {0.76f, 0.82f, 0.032f}, {0.75f, 0.95f, 0.022f}, {0.77f, 0.98f, 0.028f}}), 1.1f, Tone::animal);
    add(f, limb(t, {{0.36f, 0.62f, 0.11f}, {0.40f, 0.72f, 0.055f}, {0.33f, 0.82f, 0.034f}, {0.36f, 0.95f, 0.022f}, {0.38f, 0.98f, 0.028f}}),
        1.1f, Tone::animal);
  } else {
    // Folded legs: forelegs tucked forward, hind legs under the belly.
    add(f, limb(t, {{0.74f, 0.80f, 0.075f}, {0.84f, 0.90f, 0.042f}, {0.76f, 0.94f, 0.032f}, {0.70f, 0.94f, 0.034f}}), 1.15f, Tone::animal);
    add(f, limb(t, {{0.36f, 0.80f, 0.12f}, {0.46f, 0.91f, 0.05f}, {0.60f, 0.94f, 0.035f}}), 1.15f, Tone::animal);
  }
  ellipse_line(f, t, {0.925f, 0.315f + by}, 0.014f, 0.009f);
  line(f, t, {{0.995f, 0.36f + by}, {0.975f, 0.37f + by}});
  line(f, t, {{0.79f, 0.40f + by}, {0.75f, 0.50f + by}});
  line(f, t, {{0.40f, 0.58f + by}, {0.45f, 0.62f + by}, {0.43f, 0.68f + by}});
  // Thracian "animal style" spirals on shoulder and haunch.
  for (Vec2 sc : {Vec2{0.70f, 0.61f + by}, Vec2{0.40f, 0.63f + by}}) {
    Polyline sp = spiral_pts(sc, 0.04f, 0.008f, 0.f, 3.5f * kPi, 40);
    for (Vec2& p : sp) p = t(p);
    f.lines.push_back(std::move(sp));
  }
}

// Lion body shared by the griffin and the lion (no head), facing right.
void feline_body(FigureSet& f, const Affine& t, bool near_legs, float pounce) {
  const float p = pounce;
  if (!near_legs) {
    add(f, leg(t, {{0.70f, 0.66f, 0.085f}, {0.70f, 0.82f, 0.05f}, {0.72f, 0.95f, 0.04f}, {0.76f, 0.98f, 0.05f}},
               {{0.70f, 0.62f, 0.085f}, {0.82f, 0.66f, 0.05f}, {0.92f, 0.64f, 0.04f}, {0.98f, 0.66f, 0.05f}}, p),
        0.55f, Tone::animal);
    add(f, leg(t, {{0.44f, 0.64f, 0.11f}, {0.49f, 0.75f, 0.065f}, {0.43f, 0.85f, 0.045f}, {0.45f, 0.95f, 0.04f}, {0.48f, 0.98f, 0.05f}},
               {{0.44f, 0.64f, 0.11f}, {0.40f, 0.75f, 0.065f}, {0.30f, 0.84f, 0.045f}, {0.24f, 0.94f, 0.04f}, {0.27f, 0.98f, 0.05f}}, p),
        0.55f, Tone::animal);
    return;
  }
  add(f, leg(t, {{0.76f, 0.64f, 0.095f}, {0.79f, 0.82f, 0.055f}, {0.79f, 0.95f, 0.045f}, {0.83f, 0.98f, 0.055f}},
             {{0.76f, 0.60f, 0.095f}, {0.88f, 0.62f, 0.055f}, {0.98f, 0.58f, 0.045f}, {1.04f, 0.60f, 0.055f}}, p),
      1.15f, Tone::animal);
  add(f, leg(t, {{0.36f, 0.60f, 0.15f}, {0.42f, 0.74f, 0.075f}, {0.35f, 0.85f, 0.05f}, {0.37f, 0.95f, 0.042f}, {0.40f, 0.98f, 0.052f}},
             {{0.36f, 0.60f, 0.15f}, {0.32f, 0.74f, 0.075f}, {0.22f, 0.84f, 0.05f}, {0.15f, 0.94f, 0.042f}, {0.18f, 0.98f, 0.052f}}, p),
      1.15f, Tone::animal);
}

void griffin(FigureSet& f, const Affine& t, Rng& rng) {
  const float lift = rng.uniform(-0.03f, 0.03f);
  feline_body(f, t, false, 0.f);
  // Tail: S-curve ending in a tuft.
  add(f, limb(t, {{0.31f, 0.52f, 0.035f}, {0.22f, 0.56f, 0.03f}, {0.18f, 0.68f, 0.025f}, {0.22f, 0.78f, 0.022f}}), 0.9f, Tone::animal);
  add(f, body(t, {{0.22f, 0.76f}, {0.27f, 0.82f}, {0.22f, 0.87f}, {0.18f, 0.81f}}), 0.9f, Tone::animal);
  // Lion body with an eagle's neck and head.
  add(f,
      body(t, {{1.06f, 0.37f}, {1.04f, 0.29f}, {0.98f, 0.23f}, {0.91f, 0.22f}, {0.86f, 0.27f}, {0.83f, 0.37f},
               {0.76f, 0.48f}, {0.58f, 0.52f}, {0.38f, 0.50f}, {0.32f, 0.505f}, {0.30f, 0.58f}, {0.33f, 0.68f},
               {0.43f, 0.71f}, {0.57f, 0.72f}, {0.69f, 0.70f}, {0.78f, 0.64f}, {0.84f, 0.52f}, {0.88f, 0.44f},
               {0.93f, 0.40f}, {0.99f, 0.385f}},
           {0, 9}),
      1.f, Tone::animal);
  // Knobbed crest along the neck.
  {
    Path crest;
    for (int i = 0; i < 5; ++i) {
      const float k = static_cast<float>(i) / 4.f;
      const Vec2 a = mix(Vec2{0.93f, 0.22f}, Vec2{0.80f, 0.42f}, k);
      crest.append(body(t, {a + Vec2{0.01f, 0.01f}, a + Vec2{-0.05f, -0.025f}, a + Vec2{-0.015f, 0.04f}}, {1}));
    }
    crest.append(limb(t, {{0.95f, 0.22f, 0.02f}, {0.93f, 0.14f, 0.015f}, {0.96f, 0.11f, 0.03f}}));
    add(f, std::move(crest), 1.1f, Tone::animal);
  }
  // Wing: rises from the shoulder, sweeps back and curls its tip forward.
  add(f,
      body(t, {{0.78f, 0.50f}, {0.80f, 0.38f}, {0.76f, 0.24f}, {0.67f, 0.12f + lift}, {0.55f, 0.06f + lift}, {0.42f, 0.07f + lift},
               {0.36f, 0.12f + lift}, {0.45f, 0.13f + lift}, {0.54f, 0.19f}, {0.60f, 0.30f}, {0.62f, 0.44f}, {0.66f, 0.52f}},
           {6}),
      1.35f, Tone::animal);
  for (int i = 0; i < 7; ++i) {
    const float k = static_cast<float>(i) / 6.f;
    const Vec2 a = mix(Vec2{0.63f, 0.46f}, Vec2{0.44f, 0.13f}, k);
    const Vec2 b = mix(Vec2{0.76f, 0.42f}, Vec2{0.60f, 0.08f}, k);
    line(f, t, {a, mix(a, b, 0.85f)}, false);
  }
  line(f, t, {{0.66f, 0.50f}, {0.70f, 0.36f}, {0.66f, 0.22f}});
  feline_body(f, t, true, 0.f);
  ellipse_line(f, t, {0.965f, 0.275f}, 0.016f, 0.012f);
  line(f, t, {{1.055f, 0.35f}, {1.0f, 0.345f}, {0.96f, 0.33f}});
  for (Vec2 sc : {Vec2{0.72f, 0.62f}, Vec2{0.42f, 0.62f}}) {
    Polyline sp = spiral_pts(sc, 0.045f, 0.008f, 0.f, 3.5f * kPi, 40);
    for (Vec2& q : sp) q = t(q);
    f.lines.push_back(std::move(sp));
  }
}

void lion(FigureSet& f, const Affine& t, Rng& rng) {
  const float j = rng.uniform(-0.02f, 0.02f);
  feline_body(f, t, false, 0.f);
  add(f, limb(t, {{0.31f, 0.52f, 0.035f}, {0.20f, 0.50f + j, 0.03f}, {0.12f, 0.40f, 0.025f}, {0.14f, 0.30f, 0.022f}}), 0.9f, Tone::animal);
  add(f, body(t, {{0.14f, 0.32f}, {0.10f, 0.25f}, {0.15f, 0.21f}, {0.19f, 0.27f}}), 0.9f, Tone::animal);
  add(f,
      body(t, {{0.80f, 0.40f}, {0.72f, 0.50f}, {0.58f, 0.52f}, {0.38f, 0.50f}, {0.32f, 0.505f}, {0.30f, 0.58f},
               {0.33f, 0.68f}, {0.43f, 0.71f}, {0.57f, 0.72f}, {0.69f, 0.70f}, {0.78f, 0.64f}, {0.86f, 0.56f}}),
      1.f, Tone::animal);
  // Mane: a ruff of flame-shaped locks round head and neck.
  Path mane;
  const Vec2 mc{0.86f, 0.40f};
  for (int i = 0; i < 13; ++i) {
    const float a = -kPi * 0.95f + kPi * 1.55f * static_cast<float>(i) / 12.f;
    const Vec2 d = polar(a, 1.f);
    mane.append(body(t, {mc + d * 0.06f + perp(d) * 0.045f, mc + d * 0.19f - perp(d) * 0.02f, mc + d * 0.06f - perp(d) * 0.04f}, {1}));
  }
  mane.circle(t(mc), 0.12f * t.scale());
  add(f, std::move(mane), 1.1f, Tone::animal);
  // Head: broad muzzle, small ear, open jaws.
  add(f,
      body(t, {{1.02f, 0.40f}, {1.02f, 0.33f}, {0.96f, 0.28f}, {0.90f, 0.28f}, {0.86f, 0.33f}, {0.86f, 0.44f},
               {0.92f, 0.50f}, {0.98f, 0.49f}, {0.96f, 0.45f}, {1.01f, 0.44f}}),
      1.3f, Tone::animal);
  add(f, body(t, {{0.88f, 0.29f}, {0.89f, 0.23f}, {0.93f, 0.27f}}), 1.3f, Tone::animal);
  feline_body(f, t, true, 0.f);
  ellipse_line(f, t, {0.95f, 0.335f}, 0.014f, 0.009f);
  line(f, t, {{1.01f, 0.42f}, {0.96f, 0.43f}});
  line(f, t, {{0.50f, 0.56f}, {0.56f, 0.62f}});
}

// ---- people ------------------------------------------------------------------------------

void walker(FigureSet& f, const Affine& t, Rng& rng, bool female, bool offering) {
  const float lean = rng.uniform(-0.01f, 0.01f);
  const float cx = 0.20f;
  // Back arm.
  if (!offering) add(f, limb(t, {{cx - 0.02f, 0.24f, 0.05f}, {cx - 0.06f, 0.38f, 0.04f}, {cx - 0.07f, 0.50f, 0.035f}}), 0.8f, Tone::skin);
  // Feet.
  add(f, limb(t, {{cx + 0.06f, 0.96f, 0.04f}, {cx + 0.12f, 0.985f, 0.03f}}), 0.9f, Tone::skin);
  add(f, limb(t, {{cx - 0.10f, 0.95f, 0.04f}, {cx - 0.04f, 0.985f, 0.03f}}), 0.9f, Tone::skin);
  // Long garment (chiton / himation), hem flaring with the stride.
  if (female) {
    add(f,
        body(t, {{cx - 0.06f + lean, 0.17f}, {cx + 0.07f + lean, 0.17f}, {cx + 0.10f, 0.30f}, {cx + 0.08f, 0.45f},
                 {cx + 0.12f, 0.70f}, {cx + 0.16f, 0.96f}, {cx - 0.14f, 0.96f}, {cx - 0.10f, 0.70f}, {cx - 0.09f, 0.45f},
                 {cx - 0.09f, 0.30f}},
             {5, 6}),
        1.f, Tone::garment);
  } else {
    add(f,
        body(t, {{cx - 0.06f + lean, 0.17f}, {cx + 0.07f + lean, 0.17f}, {cx + 0.10f, 0.30f}, {cx + 0.08f, 0.45f},
                 {cx + 0.10f, 0.62f}, {cx + 0.11f, 0.70f}, {cx - 0.10f, 0.70f}, {cx - 0.09f, 0.45f}, {cx - 0.09f, 0.30f}},
             {4, 5, 6}),
        1.f, Tone::garment);
    add(f, limb(t, {{cx + 0.03f, 0.66f, 0.07f}, {cx + 0.08f, 0.82f, 0.05f}, {cx + 0.08f, 0.95f, 0.04f}}), 0.95f, Tone::skin);
    add(f, limb(t, {{cx - 0.04f, 0.66f, 0.07f}, {cx - 0.08f, 0.82f, 0.05f}, {cx - 0.09f, 0.95f, 0.04f}}), 0.9f, Tone::skin);
  }
  // Mantle over the shoulder, diagonal.
  add(f,
      body(t, {{cx - 0.08f, 0.19f}, {cx + 0.05f, 0.18f}, {cx + 0.10f, 0.36f}, {cx + 0.03f, 0.50f}, {cx - 0.10f, 0.46f}}),
      1.25f, Tone::garment2);
  small_head(f, t, {cx + 0.015f + lean, 0.09f}, 0.12f, Tone::hair, female, rng);
  if (offering) {
    // Forearms raised, holding a bowl.
    add(f, limb(t, {{cx + 0.04f, 0.22f, 0.045f}, {cx + 0.10f, 0.32f, 0.04f}, {cx + 0.19f, 0.27f, 0.035f}}), 1.4f, Tone::skin);
    add(f, body(t, {{cx + 0.14f, 0.25f}, {cx + 0.25f, 0.25f}, {cx + 0.23f, 0.28f}, {cx + 0.16f, 0.28f}}), 1.5f, Tone::metal);
  } else {
    add(f, limb(t, {{cx + 0.04f, 0.22f, 0.05f}, {cx + 0.09f, 0.36f, 0.04f}, {cx + 0.17f, 0.42f, 0.035f}}), 1.4f, Tone::skin);
  }
  // Folds.
  for (int i = 0; i < 4; ++i) {
    const float x = cx - 0.07f + 0.05f * static_cast<float>(i);
    line(f, t, {{x, 0.52f}, {x + 0.01f, 0.72f}, {x + 0.015f * static_cast<float>(i - 1), 0.93f}});
  }
}

void frontal_woman(FigureSet& f, const Affine& t, Rng& rng, int arms) {
  const float cx = 0.25f;
  const float flare = rng.uniform(0.f, 0.03f);
  if (arms == 1) {
    add(f, limb(t, {{cx - 0.08f, 0.23f, 0.05f}, {cx - 0.16f, 0.14f, 0.04f}, {cx - 0.15f, 0.02f, 0.035f}}), 1.3f, Tone::skin);
    add(f, limb(t, {{cx + 0.08f, 0.23f, 0.05f}, {cx + 0.16f, 0.14f, 0.04f}, {cx + 0.15f, 0.02f, 0.035f}}), 1.3f, Tone::skin);
  } else {
    add(f, limb(t, {{cx - 0.08f, 0.23f, 0.05f}, {cx - 0.13f, 0.38f, 0.04f}, {cx - 0.20f, 0.48f, 0.035f}}), 1.3f, Tone::skin);
    add(f, limb(t, {{cx + 0.08f, 0.23f, 0.05f}, {cx + 0.13f, 0.38f, 0.04f}, {cx + 0.20f, 0.48f, 0.035f}}), 1.3f, Tone::skin);
  }
  // Bell-shaped dress.
  add(f,
      body(t, {{cx - 0.07f, 0.18f}, {cx + 0.07f, 0.18f}, {cx + 0.09f, 0.32f}, {cx + 0.07f, 0.44f}, {cx + 0.14f + flare, 0.75f},
               {cx + 0.19f + flare, 0.97f}, {cx - 0.19f - flare, 0.97f}, {cx - 0.14f - flare, 0.75f}, {cx - 0.07f, 0.44f},
               {cx - 0.09f, 0.32f}},
           {5, 6}),
      1.f, Tone::garment);
  // Head (frontal): oval face with hair mass.
  add(f, body(t, {{cx, 0.01f}, {cx + 0.07f, 0.05f}, {cx + 0.075f, 0.12f}, {cx + 0.04f, 0.18f}, {cx - 0.04f, 0.18f},
                  {cx - 0.075f, 0.12f}, {cx - 0.07f, 0.05f}}),
      1.2f, Tone::hair);
  add(f, body(t, {{cx, 0.045f}, {cx + 0.05f, 0.08f}, {cx + 0.045f, 0.14f}, {cx, 0.175f}, {cx - 0.045f, 0.14f}, {cx - 0.05f, 0.08f}}),
      1.3f, Tone::skin);
  add(f, limb(t, {{cx, 0.17f, 0.05f}, {cx, 0.2f, 0.05f}}), 1.1f, Tone::skin);
  line(f, t, {{cx - 0.03f, 0.10f}, {cx - 0.01f, 0.10f}}, false);
  line(f, t, {{cx + 0.01f, 0.10f}, {cx + 0.03f, 0.10f}}, false);
  line(f, t, {{cx, 0.11f}, {cx, 0.135f}}, false);
  line(f, t, {{cx - 0.015f, 0.152f}, {cx + 0.015f, 0.152f}}, false);
  line(f, t, {{cx - 0.08f, 0.44f}, {cx + 0.08f, 0.44f}}, false);  // girdle
  for (int i = -2; i <= 2; ++i) {
    const float x = cx + 0.035f * static_cast<float>(i);
    line(f, t, {{x * 0.9f + cx * 0.1f, 0.47f}, {x + (x - cx) * 0.8f, 0.95f}}, false);
  }
}

void seated(FigureSet& f, const Affine& t, Rng& rng, bool female) {
  // Stool / throne.
  add(f, limb(t, {{0.02f, 0.62f, 0.04f}, {0.34f, 0.62f, 0.04f}}), 0.7f, Tone::wood);
  add(f, limb(t, {{0.05f, 0.62f, 0.035f}, {0.04f, 0.98f, 0.03f}}), 0.7f, Tone::wood);
  add(f, limb(t, {{0.31f, 0.62f, 0.035f}, {0.33f, 0.98f, 0.03f}}), 0.7f, Tone::wood);
  if (female) add(f, limb(t, {{0.03f, 0.62f, 0.035f}, {0.0f, 0.30f, 0.03f}, {-0.02f, 0.25f, 0.03f}}), 0.7f, Tone::wood);
  // Torso and lap (one draped shape), lower legs.
  add(f,
      body(t, {{0.14f, 0.18f}, {0.26f, 0.18f}, {0.29f, 0.30f}, {0.28f, 0.44f}, {0.40f, 0.50f}, {0.48f, 0.56f},
               {0.47f, 0.64f}, {0.20f, 0.64f}, {0.10f, 0.56f}, {0.10f, 0.40f}, {0.12f, 0.28f}},
           {}),
      1.f, Tone::garment);
  if (female)
    add(f, body(t, {{0.40f, 0.56f}, {0.48f, 0.58f}, {0.52f, 0.96f}, {0.34f, 0.96f}, {0.38f, 0.72f}}, {2, 3}), 1.05f, Tone::garment);
  else
    add(f, limb(t, {{0.44f, 0.60f, 0.08f}, {0.46f, 0.80f, 0.055f}, {0.47f, 0.94f, 0.045f}}), 1.05f, Tone::skin);
  add(f, limb(t, {{0.46f, 0.965f, 0.04f}, {0.55f, 0.975f, 0.03f}}), 1.f, Tone::skin);
  add(f, body(t, {{0.12f, 0.20f}, {0.24f, 0.19f}, {0.30f, 0.34f}, {0.24f, 0.46f}, {0.10f, 0.42f}}), 1.2f, Tone::garment2);
  small_head(f, t, {0.21f, 0.10f}, 0.13f, Tone::hair, female, rng);
  // Forearm extended (to the partner / holding a bowl).
  add(f, limb(t, {{0.24f, 0.24f, 0.05f}, {0.30f, 0.38f, 0.04f}, {0.42f, 0.36f, 0.035f}}), 1.4f, Tone::skin);
  for (int i = 0; i < 3; ++i) {
    const float y = 0.52f + 0.03f * static_cast<float>(i);
    line(f, t, {{0.22f, y}, {0.36f, y + 0.02f}, {0.46f, y + 0.05f}});
  }
}

void banqueter(FigureSet& f, const Affine& t, Rng& rng) {
  // Couch (kline) with turned legs, mattress and a cushion at the head end.
  add(f, limb(t, {{0.10f, 0.62f, 0.05f}, {1.50f, 0.62f, 0.05f}}), 0.7f, Tone::wood);
  for (float x : {0.16f, 1.44f})
    add(f, limb(t, {{x, 0.62f, 0.055f}, {x + 0.01f, 0.72f, 0.035f}, {x, 0.82f, 0.05f}, {x, 0.98f, 0.035f}}), 0.7f, Tone::wood);
  add(f, body(t, {{0.12f, 0.52f}, {1.48f, 0.52f}, {1.50f, 0.59f}, {0.10f, 0.59f}}, {0, 1, 2, 3}), 0.8f, Tone::garment2);
  add(f, body(t, {{0.13f, 0.36f}, {0.30f, 0.37f}, {0.34f, 0.52f}, {0.11f, 0.52f}}), 0.9f, Tone::garment2);
  // Reclining man: propped on his left elbow on the cushion, torso upright, legs stretched
  // to the right under the himation, raising a cup in the right hand.
  add(f,
      body(t, {{0.33f, 0.12f}, {0.47f, 0.12f}, {0.53f, 0.26f}, {0.58f, 0.38f}, {0.80f, 0.39f}, {1.05f, 0.39f},
               {1.30f, 0.42f}, {1.40f, 0.43f}, {1.42f, 0.52f}, {0.60f, 0.52f}, {0.34f, 0.52f}, {0.29f, 0.34f}},
           {}),
      1.f, Tone::garment);
  add(f, body(t, {{0.29f, 0.22f}, {0.45f, 0.14f}, {0.54f, 0.28f}, {0.58f, 0.44f}, {0.32f, 0.46f}}), 1.2f, Tone::garment2);
  small_head(f, t, {0.41f, 0.03f}, 0.16f, Tone::hair, false, rng);
  add(f, limb(t, {{0.33f, 0.17f, 0.055f}, {0.25f, 0.32f, 0.045f}, {0.33f, 0.40f, 0.04f}}), 1.3f, Tone::skin);
  add(f, limb(t, {{0.48f, 0.16f, 0.055f}, {0.60f, 0.24f, 0.042f}, {0.67f, 0.12f, 0.036f}}), 1.45f, Tone::skin);
  add(f, body(t, {{0.60f, 0.10f}, {0.75f, 0.10f}, {0.72f, 0.135f}, {0.63f, 0.135f}}), 1.5f, Tone::metal);  // phiale
  for (int i = 0; i < 5; ++i) {
    const float x = 0.62f + 0.15f * static_cast<float>(i);
    line(f, t, {{x, 0.41f}, {x + 0.06f, 0.46f}, {x + 0.1f, 0.51f}});
  }
}

void profile_head(FigureSet& f, const Affine& t, Rng& rng, bool wreath) {
  // Neck truncation, face, hair; unit box, face looking right.
  const float jaw = rng.uniform(-0.01f, 0.01f);
  add(f,
      body(t, {{0.40f, 0.66f}, {0.52f, 0.70f}, {0.62f, 0.72f}, {0.64f, 0.82f}, {0.70f, 0.95f}, {0.34f, 0.95f}, {0.38f, 0.82f}},
           {4, 5}),
      0.9f, Tone::skin);
  add(f,
      body(t, {{0.30f, 0.52f}, {0.27f, 0.32f}, {0.36f, 0.14f}, {0.54f, 0.08f}, {0.68f, 0.15f}, {0.73f, 0.28f},
               {0.745f, 0.34f}, {0.83f, 0.49f}, {0.785f, 0.515f}, {0.795f, 0.555f}, {0.775f, 0.58f}, {0.785f, 0.605f},
               {0.765f, 0.665f + jaw}, {0.67f, 0.72f}, {0.55f, 0.72f}, {0.45f, 0.66f}, {0.38f, 0.62f}},
           {6, 7}),
      1.f, Tone::skin);
  // Hair: a low mass over the skull and nape, then a crop of raised curls on it.
  add(f,
      body(t, {{0.26f, 0.60f}, {0.22f, 0.38f}, {0.28f, 0.18f}, {0.42f, 0.07f}, {0.58f, 0.06f}, {0.69f, 0.13f},
               {0.71f, 0.20f}, {0.62f, 0.19f}, {0.54f, 0.24f}, {0.50f, 0.33f}, {0.42f, 0.36f}, {0.40f, 0.50f},
               {0.38f, 0.64f}, {0.30f, 0.66f}}),
      1.15f, Tone::hair);
  Rng crng = rng.fork(11);
  Path curls;
  const float step = 0.062f;
  for (float y = 0.10f; y < 0.66f; y += step * 0.87f) {
    const float off = (static_cast<int>(y / (step * 0.87f)) & 1) ? step * 0.5f : 0.f;
    for (float x = 0.22f + off; x < 0.72f; x += step) {
      Vec2 c{x + crng.uniform(-0.01f, 0.01f), y + crng.uniform(-0.01f, 0.01f)};
      const float ex = (c.x - 0.45f) / 0.215f, ey = (c.y - 0.34f) / 0.27f;
      if (ex * ex + ey * ey > 1.f) continue;                    // outside the skull
      if (c.x > 0.42f && c.y > 0.26f) continue;                 // ear, temple and face
      if (c.x > 0.60f && c.y > 0.15f) continue;                 // forehead
      if (c.x > 0.37f && c.y > 0.55f) continue;                 // nape below the ear
      const float r = crng.uniform(0.024f, 0.031f);
      curls.circle(t(c), r * t.scale());
      Polyline sp = spiral_pts(c, r * 0.85f, r * 0.15f, crng.uniform(0.f, 6.f), crng.uniform(0.f, 6.f) + 2.6f * kPi, 24);
      for (Vec2& p : sp) p = t(p);
      f.lines.push_back(std::move(sp));
    }
  }
  add(f, std::move(curls), 1.35f, Tone::hair);
  if (wreath) {
    // Laurel wreath round the head: pairs of leaves along an arc.
    Path leaves;
    for (int i = 0; i < 12; ++i) {
      const float k = static_cast<float>(i) / 11.f;
      const Vec2 c = mix(Vec2{0.32f, 0.50f}, Vec2{0.66f, 0.12f}, k) + Vec2{-0.05f * std::sin(k * kPi), -0.07f * std::sin(k * kPi)};
      const float a = -0.9f - 0.7f * k + ((i & 1) ? 0.7f : -0.7f);
      const Vec2 d = polar(a, 1.f);
      leaves.append(body(t, {c, c + d * 0.045f + perp(d) * 0.017f, c + d * 0.09f, c + d * 0.045f - perp(d) * 0.017f}, {0, 2}));
    }
    add(f, std::move(leaves), 1.5f, Tone::hair);
  } else {
    // Diadem band with flying ties at the nape.
    add(f, limb(t, {{0.33f, 0.42f, 0.035f}, {0.40f, 0.27f, 0.035f}, {0.53f, 0.17f, 0.032f}, {0.67f, 0.16f, 0.03f}}), 1.5f, Tone::hair);
    add(f, limb(t, {{0.33f, 0.42f, 0.028f}, {0.26f, 0.52f, 0.022f}, {0.22f, 0.64f, 0.016f}}), 1.4f, Tone::hair);
    add(f, limb(t, {{0.33f, 0.42f, 0.025f}, {0.24f, 0.47f, 0.02f}, {0.17f, 0.55f, 0.014f}}), 1.4f, Tone::hair);
  }
  // Features: brow, eye, ear, nostril, lips.
  add(f, body(t, {{0.64f, 0.31f}, {0.70f, 0.295f}, {0.745f, 0.33f}, {0.70f, 0.33f}}), 1.2f, Tone::skin);
  ellipse_line(f, t, {0.685f, 0.36f}, 0.026f, 0.014f);
  add(f, body(t, {{0.46f, 0.40f}, {0.50f, 0.38f}, {0.52f, 0.44f}, {0.50f, 0.51f}, {0.46f, 0.50f}}), 1.15f, Tone::skin);
  line(f, t, {{0.485f, 0.41f}, {0.50f, 0.45f}, {0.485f, 0.49f}});
  line(f, t, {{0.795f, 0.505f}, {0.77f, 0.50f}});
  line(f, t, {{0.785f, 0.58f}, {0.75f, 0.585f}});
  line(f, t, {{0.72f, 0.66f}, {0.66f, 0.62f}});
}

void frontal_face(FigureSet& f, const Affine& t, Rng& rng) {
  const float w = rng.uniform(0.30f, 0.33f);
  // Hair frame with snaky locks (Gorgon-like, as on Thracian greaves).
  Path hair;
  for (int i = 0; i < 13; ++i) {
    const float a = kPi * (1.05f + 0.9f * static_cast<float>(i) / 12.f);
    const Vec2 c{0.5f + std::cos(a) * 0.36f, 0.48f + std::sin(a) * 0.40f};
    hair.append(limb(t, {{c.x, c.y, 0.09f}, {c.x + std::cos(a) * 0.07f, c.y + std::sin(a) * 0.07f + 0.03f, 0.05f}}));
  }
  add(f, std::move(hair), 0.9f, Tone::hair);
  add(f, body(t, {{0.5f, 0.12f}, {0.5f + w, 0.30f}, {0.5f + w * 0.95f, 0.58f}, {0.5f + w * 0.6f, 0.82f}, {0.5f, 0.92f},
                  {0.5f - w * 0.6f, 0.82f}, {0.5f - w * 0.95f, 0.58f}, {0.5f - w, 0.30f}}),
      1.f, Tone::skin);
  // Brows, eyes, nose, mouth as raised and incised features.
  for (int s = -1; s <= 1; s += 2) {
    const float sx = static_cast<float>(s);
    add(f, body(t, {{0.5f + sx * 0.05f, 0.42f}, {0.5f + sx * 0.12f, 0.40f}, {0.5f + sx * 0.20f, 0.43f}, {0.5f + sx * 0.12f, 0.46f}}),
        1.25f, Tone::skin);
    ellipse_line(f, t, {0.5f + sx * 0.125f, 0.43f}, 0.035f, 0.017f);
    line(f, t, {{0.5f + sx * 0.04f, 0.36f}, {0.5f + sx * 0.13f, 0.35f}, {0.5f + sx * 0.22f, 0.38f}});
  }
  add(f, body(t, {{0.5f, 0.42f}, {0.53f, 0.60f}, {0.56f, 0.64f}, {0.5f, 0.66f}, {0.44f, 0.64f}, {0.47f, 0.60f}}), 1.35f, Tone::skin);
  add(f, body(t, {{0.42f, 0.74f}, {0.5f, 0.72f}, {0.58f, 0.74f}, {0.5f, 0.78f}}), 1.2f, Tone::skin);
  line(f, t, {{0.42f, 0.745f}, {0.5f, 0.75f}, {0.58f, 0.745f}});
}

void chariot(FigureSet& f, const Affine& t, Rng& rng) {
  // Two horses (the far one offset), the car with its wheel, and the charioteer.
  horse(f, t * Affine::translate({0.58f, -0.02f}) * Affine::scale(0.92f), rng, 1.f);
  horse(f, t * Affine::translate({0.48f, 0.02f}) * Affine::scale(0.92f), rng, 0.8f);
  FigureSet car;
  add(car, limb(t, {{0.62f, 0.62f, 0.02f}, {0.35f, 0.70f, 0.025f}}), 1.3f, Tone::wood);  // pole
  add(car, body(t, {{0.18f, 0.50f}, {0.38f, 0.50f}, {0.40f, 0.72f}, {0.16f, 0.72f}}, {0, 1, 2, 3}), 1.2f, Tone::garment2);
  Path wheel;
  wheel.circle(t({0.28f, 0.80f}), 0.17f * t.scale());
  wheel.circle(t({0.28f, 0.80f}), 0.14f * t.scale(), true);
  add(car, std::move(wheel), 1.4f, Tone::wood);
  for (int i = 0; i < 4; ++i) {
    const float a = kPi * static_cast<float>(i) / 4.f;
    add(car, limb(t, {{0.28f - std::cos(a) * 0.14f, 0.80f - std::sin(a) * 0.14f, 0.015f},
                      {0.28f + std::cos(a) * 0.14f, 0.80f + std::sin(a) * 0.14f, 0.015f}}),
        1.4f, Tone::wood);
  }
  f.append(car);
  // Charioteer leaning forward with reins.
  add(f, body(t, {{0.22f, 0.52f}, {0.24f, 0.30f}, {0.30f, 0.20f}, {0.36f, 0.22f}, {0.36f, 0.34f}, {0.34f, 0.52f}}), 1.5f,
      Tone::garment);
  small_head(f, t, {0.345f, 0.13f}, 0.12f, Tone::hair, false, rng);
  add(f, limb(t, {{0.34f, 0.26f, 0.04f}, {0.44f, 0.32f, 0.03f}, {0.52f, 0.30f, 0.025f}}), 1.6f, Tone::skin);
  line(f, t, {{0.52f, 0.30f}, {1.0f, 0.34f}, {1.55f, 0.36f}}, false);
}

void tree_with_snake(FigureSet& f, const Affine& t, Rng& rng) {
  const float sway = rng.uniform(-0.03f, 0.03f);
  add(f, limb(t, {{0.20f, 1.0f, 0.09f}, {0.22f + sway, 0.7f, 0.07f}, {0.18f, 0.45f, 0.06f}, {0.22f, 0.25f, 0.05f}}), 0.8f, Tone::wood);
  add(f, limb(t, {{0.20f, 0.5f, 0.04f}, {0.08f, 0.36f, 0.03f}, {0.02f, 0.3f, 0.02f}}), 0.8f, Tone::wood);
  add(f, limb(t, {{0.21f, 0.40f, 0.04f}, {0.32f, 0.30f, 0.03f}, {0.38f, 0.22f, 0.02f}}), 0.8f, Tone::wood);
  // Foliage: clusters of leaves.
  Path leaves;
  Rng lr = rng.fork(4);
  for (int i = 0; i < 16; ++i) {
    const Vec2 c{lr.uniform(0.0f, 0.4f), lr.uniform(0.02f, 0.32f)};
    leaves.append(body(t, {c + Vec2{-0.04f, 0.f}, c + Vec2{0.f, -0.025f}, c + Vec2{0.04f, 0.f}, c + Vec2{0.f, 0.025f}}));
  }
  add(f, std::move(leaves), 0.9f, Tone::garment2);
  // Snake spiralling up the trunk, head toward the rider (left).
  std::vector<Vec2> sp;
  for (int i = 0; i <= 40; ++i) {
    const float k = static_cast<float>(i) / 40.f;
    sp.push_back({0.21f + std::sin(k * 5.f * kPi) * 0.07f, 0.95f - k * 0.55f});
  }
  sp.push_back({0.10f, 0.36f});
  sp.push_back({0.04f, 0.36f});
  Path snake;
  for (std::size_t i = 0; i + 1 < sp.size(); ++i) {
    const float w = 0.022f + 0.01f * static_cast<float>(i) / static_cast<float>(sp.size());
    snake.append(limb(t, {{sp[i].x, sp[i].y, w}, {sp[i + 1].x, sp[i + 1].y, w}}));
  }
  add(f, std::move(snake), 1.3f, Tone::animal);
}

void altar(FigureSet& f, const Affine& t) {
  add(f, body(t, {{0.0f, 1.0f}, {0.35f, 1.0f}, {0.33f, 0.94f}, {0.30f, 0.70f}, {0.35f, 0.64f}, {0.35f, 0.60f}, {0.0f, 0.60f},
                  {0.0f, 0.64f}, {0.05f, 0.70f}, {0.02f, 0.94f}},
              {0, 1, 4, 5, 6, 7}),
      1.f, Tone::wood);
  line(f, t, {{0.04f, 0.66f}, {0.31f, 0.66f}}, false);
  line(f, t, {{0.03f, 0.93f}, {0.32f, 0.93f}}, false);
}

void table(FigureSet& f, const Affine& t) {
  add(f, limb(t, {{0.0f, 0.72f, 0.03f}, {0.40f, 0.72f, 0.03f}}), 1.1f, Tone::wood);
  for (float x : {0.05f, 0.35f}) add(f, limb(t, {{x, 0.72f, 0.025f}, {x - 0.02f, 0.86f, 0.02f}, {x, 1.0f, 0.03f}}), 1.f, Tone::wood);
  add(f, body(t, {{0.06f, 0.70f}, {0.10f, 0.64f}, {0.16f, 0.70f}}), 1.2f, Tone::garment2);
  add(f, body(t, {{0.20f, 0.70f}, {0.26f, 0.62f}, {0.32f, 0.70f}}), 1.2f, Tone::garment2);
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

Path blob_path(const Affine& t, std::span<const Vec2> pts, std::span<const int> corners) {
  Path p(t);
  p.smooth(pts, corners);
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

FigureSet rhyton_protome(Vec2 junction, float size, Rng& rng) {
  // Forepart of a stag (or a horse) facing left; its cut-off back (local x ~ -0.12) joins
  // the horn.
  FigureSet f;
  const Affine t = Affine::translate(junction - Vec2{0.12f * size, 0.56f * size}) * Affine::scale(-size, size);
  const bool deer = rng.chance(0.6f);
  // Forelegs folded forward (as if leaping), under the chest.
  add(f, limb(t, {{0.12f, 0.62f, 0.09f}, {0.30f, 0.76f, 0.06f}, {0.46f, 0.78f, 0.045f}, {0.50f, 0.86f, 0.035f}, {0.54f, 0.90f, 0.04f}}),
      0.7f, Tone::animal);
  // Chest, neck and head.
  add(f,
      body(t, {{-0.14f, 0.42f}, {0.04f, 0.38f}, {0.17f, 0.29f}, {0.27f, 0.14f}, {0.32f, 0.06f}, {0.40f, 0.04f},
               {0.49f, 0.09f}, {0.58f, 0.16f}, {0.62f, 0.22f}, {0.56f, 0.25f}, {0.45f, 0.27f}, {0.36f, 0.38f},
               {0.28f, 0.56f}, {0.18f, 0.72f}, {0.0f, 0.78f}, {-0.16f, 0.72f}}),
      1.f, Tone::animal);
  add(f, limb(t, {{0.06f, 0.62f, 0.11f}, {0.22f, 0.84f, 0.065f}, {0.38f, 0.90f, 0.045f}, {0.44f, 0.97f, 0.035f}, {0.49f, 1.0f, 0.04f}}),
      1.25f, Tone::animal);
  ellipse_line(f, t, {0.43f, 0.11f}, 0.022f, 0.014f);
  line(f, t, {{0.60f, 0.20f}, {0.57f, 0.21f}});
  line(f, t, {{0.62f, 0.225f}, {0.55f, 0.235f}});
  line(f, t, {{0.24f, 0.30f}, {0.16f, 0.46f}, {0.14f, 0.62f}});
  line(f, t, {{0.03f, 0.5f}, {0.08f, 0.6f}, {0.06f, 0.7f}});
  if (deer) {
    for (int a = 0; a < 2; ++a) {
      const float dx = a ? 0.05f : 0.f;
      const float ht = a ? 1.35f : 0.8f;
      add(f, limb(t, {{0.35f + dx, 0.05f, 0.04f}, {0.30f + dx, -0.07f, 0.032f}, {0.20f + dx, -0.17f, 0.024f}, {0.05f + dx, -0.22f, 0.016f}}),
          ht, Tone::animal);
      for (int k = 0; k < 4; ++k) {
        const float u = 0.15f + 0.25f * static_cast<float>(k);
        const Vec2 q = mix(Vec2{0.31f + dx, -0.06f}, Vec2{0.06f + dx, -0.215f}, u);
        add(f, limb(t, {{q.x, q.y, 0.02f}, {q.x + 0.015f, q.y - 0.06f, 0.013f}, {q.x + 0.035f, q.y - 0.10f, 0.008f}}), ht,
            Tone::animal);
      }
    }
    add(f, body(t, {{0.30f, 0.09f}, {0.21f, 0.02f}, {0.32f, 0.05f}}, {1}), 1.2f, Tone::animal);
  } else {
    // Horse: ears and mane locks.
    add(f, body(t, {{0.32f, 0.07f}, {0.30f, -0.04f}, {0.37f, 0.04f}}, {1}), 1.2f, Tone::animal);
    Path mane;
    for (int i = 0; i < 7; ++i) {
      const float k = static_cast<float>(i) / 6.f;
      const Vec2 a = mix(Vec2{0.30f, 0.08f}, Vec2{-0.02f, 0.40f}, k);
      mane.append(limb(t, {{a.x, a.y, 0.05f}, {a.x - 0.06f, a.y + 0.01f, 0.02f}}));
    }
    add(f, std::move(mane), 1.15f, Tone::animal);
  }
  return f;
}

FigureSet rhyton_head(Vec2 junction, float size, Rng& rng) {
  // Ram's head facing left: long Roman-nosed face, spiral horn curling round the ear.
  FigureSet f;
  const Affine t = Affine::translate(junction - Vec2{0.14f * size, 0.36f * size}) * Affine::scale(-size, size);
  const float jut = rng.uniform(-0.02f, 0.02f);
  add(f,
      body(t, {{-0.16f, 0.20f}, {0.0f, 0.02f}, {0.22f, 0.02f}, {0.42f, 0.12f}, {0.60f, 0.32f + jut}, {0.74f, 0.52f},
               {0.78f, 0.62f}, {0.72f, 0.68f}, {0.62f, 0.68f}, {0.50f, 0.72f}, {0.30f, 0.70f}, {0.10f, 0.64f}, {-0.14f, 0.52f}}),
      1.f, Tone::animal);
  // Horn: a thick ribbed tube spiralling back and down around the ear.
  const Vec2 hc{0.08f, 0.30f};
  std::vector<LP> pts;
  for (int i = 0; i <= 18; ++i) {
    const float k = static_cast<float>(i) / 18.f;
    const float a = -kPi * 0.42f - k * 1.6f * kPi;
    const float r = lerp(0.27f, 0.08f, k);
    const Vec2 p = hc + polar(a, r);
    pts.push_back({p.x, p.y, lerp(0.16f, 0.06f, k)});
  }
  Path horn;
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) horn.append(limb(t, {pts[i], pts[i + 1]}));
  add(f, std::move(horn), 1.6f, Tone::animal);
  for (std::size_t i = 1; i + 1 < pts.size(); ++i) {
    const LP a = pts[i];
    const Vec2 d = normalize(Vec2{pts[i + 1].x - a.x, pts[i + 1].y - a.y});
    const Vec2 n = perp(d) * (a.w * 0.45f);
    line(f, t, {{a.x + n.x, a.y + n.y}, {a.x - n.x, a.y - n.y}}, false);
  }
  // Eye with heavy lid, nostril, mouth.
  add(f, body(t, {{0.36f, 0.30f}, {0.44f, 0.26f}, {0.50f, 0.31f}, {0.43f, 0.34f}}), 1.25f, Tone::animal);
  ellipse_line(f, t, {0.43f, 0.305f}, 0.035f, 0.02f);
  line(f, t, {{0.70f, 0.58f}, {0.73f, 0.56f}, {0.75f, 0.58f}});
  line(f, t, {{0.77f, 0.64f}, {0.66f, 0.645f}});
  // Fleece curls on the cheek and throat.
  Rng crng = rng.fork(3);
  for (int i = 0; i < 14; ++i) {
    const Vec2 c{crng.uniform(-0.1f, 0.32f), crng.uniform(0.5f, 0.66f)};
    Polyline sp = spiral_pts(c, 0.03f, 0.006f, crng.uniform(0.f, 6.f), crng.uniform(0.f, 6.f) + 2.5f * kPi, 18);
    for (Vec2& p : sp) p = t(p);
    f.lines.push_back(std::move(sp));
  }
  return f;
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
