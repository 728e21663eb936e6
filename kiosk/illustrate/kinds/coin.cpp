// Coins, obverse: a slightly irregular struck flan with a raised rim and a dotted border;
// tetradrachm: a large profile head (diademed); stater: a horseman.
#include <algorithm>
#include <cmath>

#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {

void draw_coin(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.45f);
  const Box box = fit_box(c, 1.f, 0.11f);
  set_stage(st, r, box, default_backdrop(r.material));
  const Vec2 ctr = box.center();
  const float R = box.w() * 0.5f;

  // Flan: a struck disc, not quite round; the die was a little off centre.
  const Noise edge(static_cast<std::uint64_t>(r.seed) + 17);
  Polyline rim_pts;
  const int n = 360;
  for (int i = 0; i < n; ++i) {
    const float a = 2.f * kPi * static_cast<float>(i) / static_cast<float>(n);
    const float wob = 1.f + 0.035f * edge.fbm(std::cos(a) * 1.5f + 5.f, std::sin(a) * 1.5f, 3) +
                      0.004f * edge.value(std::cos(a) * 30.f, std::sin(a) * 30.f);
    rim_pts.push_back(ctr + polar(a, R * wob));
  }
  Path flan;
  flan.polygon(rim_pts);
  Plane coin = c.plane();
  fill(coin, c, flan);
  const Vec2 die = ctr + Vec2{rng.uniform(-0.04f, 0.04f), rng.uniform(-0.04f, 0.04f)} * R;
  // Thick rounded edge, slightly dished field.
  each(coin, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float d = length(p - ctr) / R;
    const float edge_round = std::sqrt(std::max(0.f, 1.f - std::pow(std::max(0.f, d - 0.86f) / 0.16f, 2.f)));
    const float hgt = R * (0.06f * edge_round - 0.012f * (1.f - d * d));
    float& h = c.h.at(x, y);
    h += (hgt - h) * m;
  });
  c.h.mark(coin.dirty);
  lay(c, coin, [&](Vec2 p) { return look.at(p); });

  // Dotted border of the die.
  {
    const float rb = R * 0.86f;
    const int dots = 64 + rng.range(-4, 4);
    Plane dm = c.plane(), dh = c.plane();
    for (int i = 0; i < dots; ++i) {
      const Vec2 p = die + polar(2.f * kPi * static_cast<float>(i) / static_cast<float>(dots), rb);
      if (length(p - ctr) > R * 0.93f) continue;  // off the flan
      disc(dm, c, p, R * 0.022f);
      dome(dh, c, p, R * 0.022f, 0.8f);
    }
    place_height(c, dm, dh, true);
  }

  // The device.
  const float fr = R * 0.74f;
  const Box field{die.x - fr, die.y - fr, die.x + fr, die.y + fr};
  Rng frng = rng.fork(9);
  FigureSet dev;
  if (r.variant == "tetradrachm") {
    const bool wreath = rng.chance(0.4f);
    dev = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng; profile_head(f, t, q, wreath); },
                      Box{field.x0 + fr * 0.06f, field.y0 + fr * 0.02f, field.x1 - fr * 0.02f, field.y1 - fr * 0.04f});
  } else {
    dev = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng; horseman(f, t, q, true); },
                      Box{field.x0, field.y0 + fr * 0.12f, field.x1, field.y1 - fr * 0.12f});
    // Exergue line under the horse.
    Plane ex = c.plane();
    stroke(ex, c, Polyline{{die.x - fr * 0.7f, field.y1 - fr * 0.08f}, {die.x + fr * 0.7f, field.y1 - fr * 0.08f}}, R * 0.018f);
    emboss(c, ex, R * 0.012f, R * 0.006f);
  }
  FigureStyle fs;
  fs.relief = R * 0.075f;
  fs.soft = R * 0.022f;
  fs.line_depth = R * 0.006f;
  fs.line_width = R * 0.008f;
  draw_figures(c, dev, fs, look);

  // Wear: the highest points of the relief are rubbed flat and bright.
  const float cap = R * 0.11f;
  each(coin, [&](int x, int y, float) {
    float& h = c.h.at(x, y);
    if (h > cap) h = cap + (h - cap) * 0.35f;
  });
  // Scratches and small nicks (fine detail for deep zoom).
  std::vector<Polyline> scratches;
  Rng srng = rng.fork(21);
  for (int i = 0; i < 28; ++i) {
    const Vec2 a = ctr + polar(srng.uniform(0.f, 2.f * kPi), R * std::sqrt(srng.uniform()) * 0.9f);
    const Vec2 d = polar(srng.uniform(0.f, 2.f * kPi), R * srng.uniform(0.03f, 0.15f));
    scratches.push_back({a, a + d * 0.5f + perp(d) * 0.05f, a + d});
  }
  engrave(c, scratches, R * 0.0025f, R * 0.0015f, 0.1f);
}

}  // namespace orpheus::illustrate
