// Human figures (walking, frontal, seated, reclining; profile and frontal heads) and the
// props of votive reliefs (tree with snake, altar, table).
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/figure_shapes.h"
#include "illustrate/figures.h"

namespace orpheus::illustrate {

using namespace shapes;

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
  small_head(f, t, {cx + 0.015f + lean, 0.09f}, 0.12f, Tone::hair, female);
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
  // Head (frontal): neck and oval face, no carved features: at this scale (and on worn
  // stone) they would read as holes.
  add(f, limb(t, {{cx, 0.14f, 0.07f}, {cx, 0.21f, 0.08f}}), 0.9f, Tone::skin);
  add(f, body(t, {{cx, 0.02f}, {cx + 0.058f, 0.055f}, {cx + 0.06f, 0.12f}, {cx + 0.03f, 0.175f}, {cx - 0.03f, 0.175f},
                  {cx - 0.06f, 0.12f}, {cx - 0.058f, 0.055f}}),
      1.25f, Tone::skin);
  // Hair: a low bun on top of the head.
  add(f, body(t, {{cx - 0.035f, 0.03f}, {cx, 0.0f}, {cx + 0.035f, 0.03f}, {cx, 0.045f}}), 0.3f, Tone::hair);
  line(f, t, {{cx - 0.08f, 0.44f}, {cx + 0.08f, 0.44f}}, false);  // girdle
  for (int i = -2; i <= 2; ++i) {
    const float x = cx + 0.035f * static_cast<float>(i);
    line(f, t, {{x * 0.9f + cx * 0.1f, 0.47f}, {x + (x - cx) * 0.8f, 0.95f}}, false);
  }
}

void seated(FigureSet& f, const Affine& t, Rng& rng, bool female) {
  const float reach = rng.uniform(-0.03f, 0.03f);  // how far the hand reaches out
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
  small_head(f, t, {0.21f, 0.10f}, 0.13f, Tone::hair, female);
  // Forearm extended (to the partner / holding a bowl).
  add(f, limb(t, {{0.24f, 0.24f, 0.05f}, {0.30f, 0.38f, 0.04f}, {0.42f + reach, 0.36f - reach, 0.035f}}), 1.4f, Tone::skin);
  for (int i = 0; i < 3; ++i) {
    const float y = 0.52f + 0.03f * static_cast<float>(i);
    line(f, t, {{0.22f, y}, {0.36f, y + 0.02f}, {0.46f, y + 0.05f}});
  }
}

void banqueter(FigureSet& f, const Affine& t, Rng& rng) {
  const float lift = rng.uniform(-0.03f, 0.02f);  // height of the raised cup
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
  small_head(f, t, {0.41f, 0.03f}, 0.16f, Tone::hair, false);
  add(f, limb(t, {{0.33f, 0.17f, 0.055f}, {0.25f, 0.32f, 0.045f}, {0.33f, 0.40f, 0.04f}}), 1.3f, Tone::skin);
  add(f, limb(t, {{0.48f, 0.16f, 0.055f}, {0.60f, 0.24f, 0.042f}, {0.67f, 0.12f + lift, 0.036f}}), 1.45f, Tone::skin);
  add(f, body(t, {{0.60f, 0.10f + lift}, {0.75f, 0.10f + lift}, {0.72f, 0.135f + lift}, {0.63f, 0.135f + lift}}), 1.5f,
      Tone::metal);  // phiale
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

}  // namespace orpheus::illustrate
