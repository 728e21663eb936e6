// Votive and funerary reliefs in worn marble or stone: a slab with a moulded frame (and a
// pediment for the banquet), a sunk field with figures in relief: the Thracian Horseman
// galloping right toward a tree with a snake and an altar, the funerary banquet, three
// nymphs holding hands.
#include <algorithm>
#include <cmath>

#include "illustrate/field.h"
#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {

void draw_relief(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.55f);
  const bool pediment = r.variant != "nymphs" ? rng.chance(0.5f) : true;
  const float aspect = r.variant == "banquet" ? 1.45f : (r.variant == "nymphs" ? 1.3f : 1.3f);
  const Box box = fit_box(c, aspect, 0.09f);
  set_stage(st, r, box, default_backdrop(r.material));
  const float S = std::min(box.w(), box.h());

  // Slab, chipped and with a broken corner now and then.
  const Path outline = slab_outline(box, rng, S * 0.012f, rng.chance(0.6f));
  Plane slab_m = c.plane();
  slab(c, outline, look, S * 0.05f, S * 0.01f, S * 0.0025f, static_cast<std::uint64_t>(r.seed), slab_m);

  // Sunk field inside a moulded frame.
  const float fw = S * 0.075f;
  const float top_extra = pediment ? S * 0.12f : 0.f;
  const Box field{box.x0 + fw, box.y0 + fw + top_extra, box.x1 - fw, box.y1 - fw * 1.2f};
  Plane sunk = c.plane();
  {
    Path f;
    f.rect({field.x0, field.y0}, {field.x1, field.y1});
    fill(sunk, c, f);
    Plane soft = c.plane();
    copy(soft, sunk);
    blur(soft, c, S * 0.006f, 3);
    each(soft, [&](int x, int y, float v) { soft.at(x, y) = v * slab_m.at(x, y); });
    raise(c, soft, -S * 0.035f);
    // Dirt collects in the field.
    tint(c, sunk, Rgb{0.82f, 0.78f, 0.72f}, 0.6f);
  }
  // Mouldings: a fillet along the frame and, with a pediment, its raking cornice.
  {
    Plane mould = c.plane();
    const Polyline frame_line = {{field.x0 - fw * 0.35f, field.y1 + fw * 0.35f}, {field.x0 - fw * 0.35f, field.y0 - fw * 0.35f},
                                 {field.x1 + fw * 0.35f, field.y0 - fw * 0.35f}, {field.x1 + fw * 0.35f, field.y1 + fw * 0.35f}};
    stroke(mould, c, frame_line, fw * 0.18f);
    if (pediment) {
      const float ytop = box.y0 + fw * 0.55f, ybase = field.y0 - fw * 0.5f;
      const Polyline rake = {{box.x0 + fw * 0.6f, ybase}, {box.center().x, ytop}, {box.x1 - fw * 0.6f, ybase}, {box.x0 + fw * 0.6f, ybase}};
      stroke(mould, c, rake, fw * 0.22f);
      // Rosette in the tympanum.
      const Motif ros = rosette({box.center().x, (ytop + ybase) * 0.5f + fw * 0.35f}, (ybase - ytop) * 0.22f, 8);
      MotifStyle ms;
      ms.high = S * 0.008f;
      ms.low = S * 0.004f;
      ms.soft = S * 0.003f;
      apply_motif(c, ros, ms, look);
    }
    each(mould, [&](int x, int y, float v) { mould.at(x, y) = v * slab_m.at(x, y); });
    emboss(c, mould, S * 0.01f, fw * 0.06f);
  }

  // Figures standing on the field's ground line.
  Rng frng = rng.fork(31);
  const Box fb{field.x0 + S * 0.015f, field.y0 + S * 0.015f, field.x1 - S * 0.015f, field.y1 - S * 0.005f};
  FigureSet figs;
  if (r.variant == "horseman") {
    const Box rider{fb.x0, fb.y0, fb.x0 + fb.w() * 0.78f, fb.y1};
    figs = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng; horseman(f, t, q, true); }, rider, false, true);
    const Box tree{fb.x0 + fb.w() * 0.80f, fb.y0, fb.x1, fb.y1};
    figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng.fork(2); tree_with_snake(f, t, q); }, tree, false, true, 0.6f));
    if (rng.chance(0.6f)) {
      const Box alt{fb.x0 + fb.w() * 0.80f, fb.y1 - fb.h() * 0.32f, fb.x0 + fb.w() * 0.93f, fb.y1};
      figs.append(fit_figures([&](FigureSet& f, const Affine& t) { altar(f, t); }, alt, false, true, 0.3f));
    }
  } else if (r.variant == "banquet") {
    const Box woman{fb.x0, fb.y0 + fb.h() * 0.1f, fb.x0 + fb.w() * 0.24f, fb.y1};
    figs = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng; seated(f, t, q, true); }, woman, false, true);
    const Box couch{fb.x0 + fb.w() * 0.25f, fb.y0 + fb.h() * 0.05f, fb.x1, fb.y1};
    figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng.fork(3); banqueter(f, t, q); }, couch, false, true));
    const Box tb{fb.x0 + fb.w() * 0.42f, fb.y1 - fb.h() * 0.28f, fb.x0 + fb.w() * 0.64f, fb.y1};
    figs.append(fit_figures([&](FigureSet& f, const Affine& t) { table(f, t); }, tb, false, true));
  } else {  // nymphs
    const int n = 3;
    for (int i = 0; i < n; ++i) {
      const float w = fb.w() / static_cast<float>(n);
      const Box b{fb.x0 + w * static_cast<float>(i), fb.y0, fb.x0 + w * static_cast<float>(i + 1), fb.y1};
      Rng q0 = frng.fork(static_cast<std::uint64_t>(i));
      figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = q0; frontal_woman(f, t, q, 0); }, b, false, true));
    }
  }
  FigureStyle fs;
  fs.relief = S * 0.05f;
  fs.soft = S * 0.008f;
  fs.line_depth = S * 0.001f;
  fs.line_width = S * 0.0025f;
  draw_figures(c, figs, fs, look);

  // Weathering: the high relief is worn smooth and pitted, edges of figures eroded.
  const Noise pits(static_cast<std::uint64_t>(r.seed) * 13 + 5);
  const float q = 1.f / c.unit();
  const SmoothField broad(c, 96.f,
                          [&](Vec2 p) { return pits.fbm(p.x * q * 9.f, p.y * q * 9.f, 2); });
  each(slab_m, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float pit = std::max(0.f, pits.value(p.x * q * 420.f, p.y * q * 420.f) - 0.55f);
    const float big = std::max(0.f, broad.at(p) - 0.25f);
    c.h.at(x, y) -= (pit * S * 0.008f + big * S * 0.008f) * m;
  });
}

}  // namespace orpheus::illustrate
