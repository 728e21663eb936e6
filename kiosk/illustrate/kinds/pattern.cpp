// Kind "ornament": a detail image of one decorative pattern (meander, palmette frieze,
// rosette, running spiral, interlace) on a panel of the recipe's material: repoussé metal,
// carved marble or stone, painted plaster, or black paint on terracotta.
#include <algorithm>
#include <cmath>

#include "illustrate/kinds.h"
#include "illustrate/kit.h"
#include "illustrate/paint.h"

namespace orpheus::illustrate {
namespace {

enum class Manner { relief, painted_plaster, painted_clay };

Manner manner_of(Material m) {
  if (m == Material::fresco) return Manner::painted_plaster;
  if (m == Material::clay) return Manner::painted_clay;
  return Manner::relief;
}

}  // namespace

void draw_ornament(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const std::string& v = r.variant;
  const float aspect = v == "rosette" ? 1.f : 1.45f;
  const Box box = fit_box(c, aspect, 0.08f);
  set_stage(st, r, box, default_backdrop(r.material));
  const float S = std::min(box.w(), box.h());
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.4f);
  const Manner manner = manner_of(r.material);
  const bool metal = is_metal(r.material);
  const bool gilded = r.material == Material::gilded_silver;
  const Noise fade(static_cast<std::uint64_t>(r.seed) * 5 + 1);

  // The panel.
  Plane panel = c.plane();
  if (metal) {
    Path p;
    p.rect({box.x0, box.y0}, {box.x1, box.y1});
    fill(panel, c, p);
    level(c, panel, S * 0.01f);
    lay(c, panel, [&](Vec2 q) { return look.at(q); });
    Plane rim = c.plane();
    stroke(rim, c, Polyline{{box.x0, box.y0}, {box.x1, box.y0}, {box.x1, box.y1}, {box.x0, box.y1}, {box.x0, box.y0}}, S * 0.03f);
    each(rim, [&](int x, int y, float val) { rim.at(x, y) = val * panel.at(x, y); });
    emboss(c, rim, S * 0.008f, S * 0.004f);
  } else {
    const Path outline = slab_outline(box, rng, S * 0.012f, rng.chance(0.5f));
    const float erosion = r.material == Material::clay ? S * 0.0008f : S * 0.002f;
    slab(c, outline, look, S * 0.03f, S * 0.006f, erosion, static_cast<std::uint64_t>(r.seed), panel);
  }
  const Pigments pg = pigments();
  const Finish red{pg.red, 0.f, 0.85f}, black{pg.black, 0.f, 0.85f}, glaze{palette::glaze_black, 0.f, 0.3f};

  auto style = [&](float hgt) {
    MotifStyle ms;
    if (manner == Manner::relief) {
      ms.high = hgt * 0.10f;
      ms.low = hgt * 0.05f;
      ms.soft = hgt * 0.014f;
      ms.line_depth = hgt * 0.01f;
      ms.gild_high = gilded;
    } else if (manner == Manner::painted_plaster) {
      ms.paint_high = &red;
      ms.paint_low = &black;
      ms.paint_lines = &black;
    } else {
      ms.paint_high = &glaze;
      ms.paint_low = &glaze;
      ms.paint_lines = &glaze;
      ms.high = hgt * 0.004f;
    }
    return ms;
  };
  auto put_band = [&](Band kind, float y0, float y1, std::uint64_t salt) {
    const float inset = S * 0.06f;
    Rng brng = rng.fork(salt);
    const Motif m = band(kind, box.x0 + inset, box.x1 - inset, y1 - y0, brng);
    apply_motif(c, m.mapped(straight_map({box.x0 + inset, y0}, box.x0 + inset), (y1 - y0) * 0.05f), style(y1 - y0), look);
    // Framing fillets.
    Plane f = c.plane();
    for (float yy : {y0 - (y1 - y0) * 0.12f, y1 + (y1 - y0) * 0.12f})
      stroke(f, c, Polyline{{box.x0 + inset, yy}, {box.x1 - inset, yy}}, (y1 - y0) * 0.06f);
    if (manner == Manner::relief)
      emboss(c, f, (y1 - y0) * 0.05f, (y1 - y0) * 0.02f);
    else
      lay(c, f, manner == Manner::painted_plaster ? black : glaze);
  };
  const float H = box.h();
  if (v == "meander") {
    put_band(Band::beads, box.y0 + 0.10f * H, box.y0 + 0.17f * H, 1);
    put_band(Band::meander, box.y0 + 0.27f * H, box.y0 + 0.73f * H, 2);
    put_band(rng.chance(0.5f) ? Band::ovolo : Band::tongues, box.y0 + 0.80f * H, box.y0 + 0.90f * H, 3);
  } else if (v == "palmette") {
    put_band(Band::beads, box.y0 + 0.09f * H, box.y0 + 0.15f * H, 1);
    put_band(Band::palmettes, box.y0 + 0.24f * H, box.y0 + 0.74f * H, 2);
    put_band(Band::lotus, box.y0 + 0.80f * H, box.y0 + 0.91f * H, 3);
  } else if (v == "spiral") {
    put_band(Band::spirals, box.y0 + 0.10f * H, box.y0 + 0.33f * H, 1);
    put_band(Band::spirals, box.y0 + 0.40f * H, box.y0 + 0.62f * H, 2);
    put_band(Band::zigzag, box.y0 + 0.70f * H, box.y0 + 0.78f * H, 3);
    put_band(Band::beads, box.y0 + 0.84f * H, box.y0 + 0.90f * H, 4);
  } else if (v == "interlace") {
    put_band(Band::guilloche, box.y0 + 0.10f * H, box.y0 + 0.34f * H, 1);
    put_band(Band::guilloche, box.y0 + 0.42f * H, box.y0 + 0.66f * H, 2);
    put_band(Band::guilloche, box.y0 + 0.74f * H, box.y0 + 0.90f * H, 3);
  } else {  // rosette: a great rosette in a circular frame, small ones in the corners
    const Vec2 ctr = box.center();
    const float R = S * 0.36f;
    const int petals = rng.chance(0.5f) ? 12 : 16;
    Motif outer = rosette(ctr, R, petals, 0.f);
    const Motif inner = rosette(ctr, R * 0.55f, petals / 2, kPi / static_cast<float>(petals));
    MotifStyle ms = style(R * 0.5f);
    apply_motif(c, outer, ms, look);
    apply_motif(c, inner, ms, look);
    Rng brng = rng.fork(9);
    const float ro = R * 1.22f, bh = R * 0.14f;
    const Motif ring = band(Band::beads, 0.f, 2.f * kPi * (ro - bh * 0.5f), bh, brng);
    apply_motif(c, ring.mapped(ring_map(ctr, ro, ro - bh * 0.5f), bh * 0.05f), style(bh), look);
    for (int i = 0; i < 4; ++i) {
      const Vec2 cc{i % 2 ? box.x1 - S * 0.11f : box.x0 + S * 0.11f, i / 2 ? box.y1 - S * 0.11f : box.y0 + S * 0.11f};
      apply_motif(c, rosette(cc, S * 0.065f, 8), style(S * 0.04f), look);
    }
  }
  if (manner == Manner::painted_plaster) age_plaster(c, panel, box, rng, S, static_cast<std::uint64_t>(r.seed));
}

}  // namespace orpheus::illustrate
