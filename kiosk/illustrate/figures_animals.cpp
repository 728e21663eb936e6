// Animal figures: horse and horseman, chariot team, stag, griffin, lion, and the
// foreparts/heads that end horn rhyta.
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/figure_shapes.h"
#include "illustrate/figures.h"

namespace orpheus::illustrate {

using namespace shapes;

namespace {

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

}  // namespace

// ---- horse and horseman ------------------------------------------------------------------

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
  small_head(f, t, {0.67f, 0.125f}, 0.095f, Tone::hair, false);
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
  small_head(f, t, {0.345f, 0.13f}, 0.12f, Tone::hair, false);
  add(f, limb(t, {{0.34f, 0.26f, 0.04f}, {0.44f, 0.32f, 0.03f}, {0.52f, 0.30f, 0.025f}}), 1.6f, Tone::skin);
  line(f, t, {{0.52f, 0.30f}, {1.0f, 0.34f}, {1.55f, 0.36f}}, false);
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

}  // namespace orpheus::illustrate
