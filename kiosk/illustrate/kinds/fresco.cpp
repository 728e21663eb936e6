// Wall paintings (Kazanlak, Alexandrovo manner): a detached fragment of painted plaster with
// framing bands and a figural register painted in ochres, red, black and a little blue;
// the plaster has craze cracks, abraded and lost patches, faded pigment.
#include <algorithm>
#include <cmath>

#include "illustrate/field.h"
#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"
#include "illustrate/paint.h"

namespace orpheus::illustrate {
namespace {

void register_band(Canvas& c, const Plane& panel, Box b, Rgb colour, const Noise& fade) {
  Plane m = c.plane();
  Path p;
  p.rect({b.x0, b.y0}, {b.x1, b.y1});
  fill(m, c, p);
  each(m, [&](int x, int y, float v) { m.at(x, y) = v * panel.at(x, y); });
  paint(c, m, colour, fade);
}

}  // namespace

void draw_fresco(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const std::string& v = r.variant;
  const float aspect = v == "chariot-race" ? 2.1f : (v == "procession" ? 1.7f : 1.35f);
  const Box box = fit_box(c, aspect, 0.08f);
  set_stage(st, r, box, default_backdrop(Material::fresco));
  const float S = std::min(box.w(), box.h());
  const MaterialLook plaster(Material::fresco, static_cast<std::uint64_t>(r.seed), c, 0.4f);
  const Noise fade(static_cast<std::uint64_t>(r.seed) * 7 + 3);

  // The fragment: ragged edges, often a broken corner.
  Plane panel = c.plane();
  const Path fragment = slab_outline(box, rng, S * 0.02f, rng.chance(0.7f));
  slab(c, fragment, plaster, S * 0.03f, S * 0.006f, S * 0.0012f, static_cast<std::uint64_t>(r.seed), panel);

  const Pigments pg = pigments();
  // Framing: red band at the top, an ornament band, the figural field, a dado below.
  const float bh = box.h() * 0.06f;
  register_band(c, panel, {box.x0, box.y0, box.x1, box.y0 + bh}, pg.red, fade);
  const Box orn{box.x0, box.y0 + bh, box.x1, box.y0 + bh * 2.4f};
  register_band(c, panel, orn, pg.ochre, fade);
  {
    Rng brng = rng.fork(2);
    const Band kind = v == "ornament" ? Band::meander : (rng.chance(0.5f) ? Band::ovolo : Band::lotus);
    const Motif mo = band(kind, orn.x0, orn.x1, orn.h() * 0.8f, brng);
    MotifStyle ms;
    const Finish hi{pg.red, 0.f, 0.85f}, lo{pg.black, 0.f, 0.85f};
    ms.paint_high = &hi;
    ms.paint_low = &lo;
    ms.paint_lines = &lo;
    apply_motif(c, mo.mapped(straight_map({orn.x0, orn.y0 + orn.h() * 0.1f}, orn.x0), orn.h() * 0.05f), ms, plaster);
  }
  const Box field{box.x0, orn.y1 + bh * 0.2f, box.x1, box.y1 - box.h() * (v == "ornament" ? 0.06f : 0.14f)};
  register_band(c, panel, {box.x0, orn.y1, box.x1, orn.y1 + bh * 0.2f}, pg.black, fade);
  register_band(c, panel, {box.x0, field.y1, box.x1, box.y1}, pg.red, fade);

  Rng frng = rng.fork(5);
  FigureSet figs;
  const float pad = S * 0.03f;
  const Box fb{field.x0 + pad, field.y0 + pad * 0.6f, field.x1 - pad, field.y1 - pad * 0.2f};
  if (v == "procession") {
    register_band(c, panel, field, pg.ground, fade);
    const int n = 6;
    for (int i = 0; i < n; ++i) {
      const float w = fb.w() / static_cast<float>(n);
      const Box b{fb.x0 + w * static_cast<float>(i), fb.y0, fb.x0 + w * static_cast<float>(i + 1), fb.y1};
      Rng q0 = frng.fork(static_cast<std::uint64_t>(i));
      const bool female = q0.chance(0.5f), offering = q0.chance(0.6f);
      figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = q0; walker(f, t, q, female, offering); }, b, false, true));
    }
  } else if (v == "chariot-race") {
    register_band(c, panel, field, pg.red, fade);
    const int n = 2;
    for (int i = 0; i < n; ++i) {
      const float w = fb.w() / static_cast<float>(n);
      const Box b{fb.x0 + w * static_cast<float>(i), fb.y0, fb.x0 + w * static_cast<float>(i + 1), fb.y1};
      Rng q0 = frng.fork(static_cast<std::uint64_t>(i) + 10);
      figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = q0; chariot(f, t, q); }, b, false, true));
    }
  } else if (v == "couple") {
    register_band(c, panel, field, pg.ground, fade);
    const Box man{fb.x0 + fb.w() * 0.14f, fb.y0, fb.x0 + fb.w() * 0.50f, fb.y1};
    const Box wife{fb.x0 + fb.w() * 0.46f, fb.y0, fb.x0 + fb.w() * 0.86f, fb.y1};
    figs = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng; seated(f, t, q, false); }, man, false, true, 1.f);
    figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng.fork(1); seated(f, t, q, true); }, wife, true, true, 0.f));
  } else {  // ornament: painted masonry imitating marble orthostats
    register_band(c, panel, field, pg.ground, fade);
    const int n = 3;
    const Noise veins(static_cast<std::uint64_t>(r.seed) + 99);
    const float q = 1.f / S;
    const SmoothField mottle(c, 96.f, [&](Vec2 pt) { return veins.fbm(pt.x * q * 5.f, pt.y * q * 5.f, 5); });
    const SmoothField vein_f(c, 256.f, [&](Vec2 pt) {
      const float n0 = veins.fbm(pt.x * q * 5.f, pt.y * q * 5.f, 5);
      return std::pow(1.f - std::fabs(std::sin((pt.x * q * 7.f + pt.y * q * 3.f + n0 * 3.f) * kPi)), 12.f);
    });
    for (int i = 0; i < n; ++i) {
      const float w = field.w() / static_cast<float>(n);
      const Box b{field.x0 + w * static_cast<float>(i) + pad * 0.5f, field.y0 + pad, field.x0 + w * static_cast<float>(i + 1) - pad * 0.5f,
                  field.y1 - pad};
      Plane m = c.plane();
      Path p;
      p.rect({b.x0, b.y0}, {b.x1, b.y1});
      fill(m, c, p);
      const Rgb base = i % 2 ? pg.red : pg.ochre;
      lay(c, m, [&](Vec2 pt) {
        const float n0 = mottle.at(pt), vein = vein_f.at(pt);
        Rgb col = mix(base, pg.white, 0.15f + 0.1f * n0);
        col = mix(col, pg.black, 0.5f * vein);
        return Finish{col, 0.f, 0.8f};
      });
      Plane frame = c.plane();
      stroke(frame, c, Polyline{{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}, {b.x0, b.y0}}, S * 0.008f);
      paint(c, frame, pg.black, fade);
    }
  }
  if (!figs.parts.empty()) {
    FigureStyle fs;
    fs.line_width = S * 0.003f;
    const Finish outline_paint{pg.black, 0.f, 0.85f};
    fs.paint_lines = &outline_paint;
    fs.tones = [&](Tone t, Vec2) { return Finish{tone_pigment(pg, t), 0.f, 0.85f}; };
    draw_figures(c, figs, fs, plaster);
    // Contour lines round every figure part (the painter's dark outline).
    for (const FigurePart& part : figs.parts) outline(c, part.shape, S * 0.0028f, pg.dark_red, fade, 0.8f);
  }

  age_plaster(c, panel, box, rng, S, static_cast<std::uint64_t>(r.seed));
  // Nothing painted beyond the broken edge of the fragment.
  each_px(c, c.window(), [&](int x, int y) { c.cov.at(x, y) *= panel.at(x, y); });
}

}  // namespace orpheus::illustrate
