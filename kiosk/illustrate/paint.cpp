#include "illustrate/paint.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/field.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {

Pigments pigments() {
  Pigments p;
  p.ground = {0.60f, 0.50f, 0.34f};
  p.ochre = {0.52f, 0.31f, 0.08f};
  p.red = {0.34f, 0.07f, 0.035f};
  p.dark_red = {0.12f, 0.03f, 0.02f};
  p.black = {0.028f, 0.025f, 0.022f};
  p.white = {0.74f, 0.70f, 0.60f};
  p.blue = {0.09f, 0.18f, 0.30f};
  p.green = {0.16f, 0.22f, 0.13f};
  p.skin_m = {0.30f, 0.11f, 0.05f};
  p.skin_f = {0.60f, 0.38f, 0.24f};
  return p;
}

void paint(Canvas& c, const Plane& mask, Rgb colour, const Noise& fade, float opacity) {
  const float q = 1.f / c.unit();
  const SmoothField blotch(c, 64.f,
                           [&](Vec2 p) { return fade.fbm(p.x * q * 6.f, p.y * q * 6.f, 2); });
  each(mask, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    // Uneven fading: large blotches plus fine brush/abrasion texture.
    const float f = 0.12f + 0.2f * smoothstep(0.f, 0.8f, blotch.at(p)) +
                    0.08f * fade.value(p.x * q * 700.f, p.y * q * 700.f);
    const float a = m * opacity;
    const Rgb base{c.ar.at(x, y), c.ag.at(x, y), c.ab.at(x, y)};
    const Rgb col = mix(colour, base, std::clamp(f, 0.f, 0.6f));
    c.ar.at(x, y) = lerp(base.r, col.r, a);
    c.ag.at(x, y) = lerp(base.g, col.g, a);
    c.ab.at(x, y) = lerp(base.b, col.b, a);
    c.rough.at(x, y) = lerp(c.rough.at(x, y), 0.85f, a);
    c.metal.at(x, y) = lerp(c.metal.at(x, y), 0.f, a);
    c.cov.at(x, y) += a * (1.f - c.cov.at(x, y));
  });
  for (Plane* pl : {&c.cov, &c.ar, &c.ag, &c.ab, &c.metal, &c.rough}) pl->mark(mask.dirty);
}

void outline(Canvas& c, const Path& shape, float width, Rgb colour, const Noise& fade, float opacity) {
  Plane m = c.plane();
  fill(m, c, shape);
  Plane b = c.plane();
  copy(b, m);
  blur(b, c, width * 0.45f, 2);
  // The blurred silhouette crosses 0.5 on the boundary: a band round that level.
  each(b, [&](int x, int y, float v) { b.at(x, y) = clamp01(1.6f - std::fabs(v - 0.5f) * 4.5f); });
  paint(c, b, colour, fade, opacity);
}

Rgb tone_pigment(const Pigments& pg, Tone t) {
  Rgb c;
  switch (t) {
    case Tone::skin: c = pg.skin_m; break;
    case Tone::garment: c = pg.white; break;
    case Tone::garment2: c = pg.red; break;
    case Tone::hair: c = pg.black; break;
    case Tone::horse: c = mix(pg.dark_red, pg.black, 0.3f); break;
    case Tone::horse2: c = mix(pg.white, pg.ochre, 0.4f); break;
    case Tone::animal: c = pg.ochre; break;
    case Tone::metal: c = mix(pg.ochre, pg.white, 0.3f); break;
    case Tone::wood: c = mix(pg.ochre, pg.dark_red, 0.5f); break;
    case Tone::dark: c = pg.black; break;
  }
  return c;
}

void age_plaster(Canvas& c, const Plane& panel, Box box, Rng& rng, float S, std::uint64_t seed) {
  const Noise n(seed ^ 0x2545f4914f6cdd1dULL);
  const float q = 1.f / c.unit();
  const SmoothField broad(c, 320.f, [&](Vec2 p) {
    return n.fbm(p.x * q * 5.f + 3.f, p.y * q * 5.f, 3) + 0.06f * n.value(p.x * q * 60.f, p.y * q * 60.f);
  });
  // Lost patches: the paint layer has fallen, showing the rough lime mortar, a step lower.
  Plane loss = c.plane();
  each(panel, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float v = broad.at(p);
    const float l = smoothstep(0.47f, 0.49f, v);
    if (l > 0.f) loss.at(x, y) = l * m;
  });
  loss.dirty = panel.dirty;
  lay(c, loss, [&](Vec2 p) {
    const float g = n.value(p.x * q * 600.f, p.y * q * 600.f);
    return Finish{Rgb{0.58f, 0.54f, 0.45f} * (0.93f + 0.07f * g), 0.f, 0.95f};
  });
  Plane lsoft = c.plane();
  copy(lsoft, loss);
  blur(lsoft, c, S * 0.002f, 2);
  raise(c, lsoft, -S * 0.006f);
  each(loss, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    c.h.at(x, y) += m * n.value(p.x * q * 300.f, p.y * q * 300.f) * S * 0.0007f;
  });
  // Craze cracks: branching random walks.
  std::vector<Polyline> cracks;
  const int count = 10 + rng.range(0, 8);
  for (int i = 0; i < count; ++i) {
    Vec2 p = box.at(rng.uniform(0.05f, 0.95f), rng.uniform(0.05f, 0.95f));
    float a = rng.uniform(0.f, 2.f * kPi);
    Polyline l{p};
    const int steps = rng.range(20, 70);
    for (int s = 0; s < steps; ++s) {
      a += rng.uniform(-0.5f, 0.5f);
      p = p + polar(a, S * 0.006f);
      l.push_back(p);
      if (rng.chance(0.04f)) {
        Polyline br{p};
        Vec2 bp = p;
        float ba = a + (rng.chance(0.5f) ? 1.f : -1.f) * rng.uniform(0.5f, 1.2f);
        const int bs = rng.range(5, 20);
        for (int k = 0; k < bs; ++k) {
          ba += rng.uniform(-0.5f, 0.5f);
          bp = bp + polar(ba, S * 0.005f);
          br.push_back(bp);
        }
        cracks.push_back(std::move(br));
      }
    }
    cracks.push_back(std::move(l));
  }
  // Cracks running past the broken edge only touch pixels without coverage: invisible.
  engrave(c, cracks, S * 0.0016f, S * 0.0025f, 0.6f);
}

}  // namespace orpheus::illustrate
