// Appliqué plaques (horse trappings, Letnitsa-style): a thin metal plate with a beaded or
// corded border and a figural motif in repoussé, finished with chased detail lines and a
// punched ground. The seed picks the plate shape (round, square, rectangle) and details.
#include <algorithm>
#include <cmath>

#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {
namespace {

enum class Shape { round, square, oblong };

// The motif of a variant, built into `f` with transform `t` (local figure units).
void build_motif(const std::string& variant, FigureSet& f, const Affine& t, Rng rng) {
  if (variant == "horseman") {
    horseman(f, t, rng, true);
  } else if (variant == "griffin") {
    griffin(f, t, rng);
  } else if (variant == "deer") {
    stag(f, t, rng, false);
  } else if (variant == "animal-combat") {
    // A griffin (or lion) springing from behind onto the back of a stag.
    const bool use_lion = rng.chance(0.4f);
    stag(f, t * Affine::translate({0.30f, 0.02f}), rng, false);
    const Affine ta = t * Affine::translate({-0.06f, -0.30f}) * Affine::translate({0.5f, 0.5f}) * Affine::rotate(0.35f) *
                      Affine::translate({-0.5f, -0.5f}) * Affine::scale(0.85f);
    if (use_lion)
      lion(f, ta, rng);
    else
      griffin(f, ta, rng);
  } else {  // scene: a seated goddess and a standing votary bringing an offering
    seated(f, t, rng, true);
    walker(f, t * Affine::translate({1.02f, 0.f}) * Affine::scale(-1.f, 1.f), rng, false, true);
  }
}

float motif_aspect(const std::string& variant) {
  if (variant == "horseman") return 1.1f;
  if (variant == "animal-combat") return 1.2f;
  if (variant == "scene") return 1.25f;
  return 1.f;
}

}  // namespace

void draw_plaque(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.35f);
  const bool gilded = r.material == Material::gilded_silver;

  const float aspect_m = motif_aspect(r.variant);
  Shape shape = Shape::round;
  const float pick = rng.uniform();
  if (r.variant == "scene" || r.variant == "horseman")
    shape = pick < 0.5f ? Shape::oblong : Shape::square;
  else
    shape = pick < 0.55f ? Shape::round : (pick < 0.8f ? Shape::square : Shape::oblong);
  const float aspect = shape == Shape::round ? 1.f : (shape == Shape::square ? 1.f : std::max(1.25f, aspect_m));
  const Box box = fit_box(c, aspect, 0.1f);
  set_stage(st, r, box, default_backdrop(r.material));
  const float P = std::min(box.w(), box.h());
  const Vec2 ctr = box.center();

  // The plate.
  Path outline;
  const float corner = P * 0.06f;
  if (shape == Shape::round) {
    outline.circle(ctr, P * 0.5f);
  } else {
    // Rounded rectangle.
    Polyline poly;
    const float x0 = box.x0, y0 = box.y0, x1 = box.x1, y1 = box.y1;
    auto add_arc = [&](Vec2 cc, float a0) {
      const Polyline a = arc(cc, corner, corner, a0, a0 + kPi * 0.5f, 12);
      poly.insert(poly.end(), a.begin(), a.end());
    };
    add_arc({x1 - corner, y0 + corner}, -kPi * 0.5f);
    add_arc({x1 - corner, y1 - corner}, 0.f);
    add_arc({x0 + corner, y1 - corner}, kPi * 0.5f);
    add_arc({x0 + corner, y0 + corner}, kPi);
    outline.polygon(poly);
  }
  Plane plate = c.plane();
  fill(plate, c, outline);
  level(c, plate, P * 0.02f);
  lay(c, plate, [&](Vec2 p) { return look.at(p); });
  // Slight doming of the sheet and hammer marks.
  const Noise dents(static_cast<std::uint64_t>(r.seed) * 31 + 7);
  each(plate, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const Vec2 d = (p - ctr) / (P * 0.5f);
    const float dome = (1.f - std::min(1.f, dot(d, d) * 0.5f)) * P * 0.012f;
    const float ham = dents.fbm(p.x / P * 22.f, p.y / P * 22.f, 3) * P * 0.0012f;
    c.h.at(x, y) += (dome + ham) * m;
  });

  // Border: a raised rim and a row of beads (or a twisted cord) inside it.
  const float rim_w = P * 0.035f;
  Plane rim = c.plane();
  {
    Path ring;
    ring.stroke_outline(outline.mapped([&](Vec2 p) { return ctr + (p - ctr) * (1.f - rim_w * 0.6f / (P * 0.5f)); }, P), rim_w * 0.7f);
    fill(rim, c, ring);
  }
  emboss(c, rim, P * 0.012f, rim_w * 0.15f);
  const bool cord = rng.chance(0.35f);
  {
    // Beads along an inset copy of the outline.
    const float inset = rim_w * 1.55f;
    const Path inner = outline.mapped(
        [&](Vec2 p) {
          const Vec2 d = p - ctr;
          return ctr + Vec2{d.x * (1.f - inset / (box.w() * 0.5f)), d.y * (1.f - inset / (box.h() * 0.5f))};
        },
        P * 0.01f);
    Polyline loop = inner.contours().front();
    loop.push_back(loop.front());
    const float bead_r = P * 0.011f;
    const Polyline pts = resample(loop, bead_r * (cord ? 1.3f : 2.3f));
    Plane beads = c.plane(), bh = c.plane();
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
      if (cord) {
        const Vec2 d = normalize(pts[i + 1] - pts[i]);
        const Vec2 a = pts[i] - d * bead_r * 0.9f + perp(d) * bead_r * 0.6f, b = pts[i] + d * bead_r * 0.9f - perp(d) * bead_r * 0.6f;
        const TubeNode n[2] = {{a, bead_r * 0.55f}, {b, bead_r * 0.55f}};
        tube(c, n, beads, bh);
      } else {
        disc(beads, c, pts[i], bead_r);
        dome(bh, c, pts[i], bead_r, 1.f);
      }
    }
    place_height(c, beads, bh, true);
    if (gilded) lay(c, beads, [&](Vec2 p) { return look.gilt(p); });
  }

  // Field: the figural motif in repoussé.
  const float inner_margin = rim_w * 2.6f;
  Box field{box.x0 + inner_margin, box.y0 + inner_margin, box.x1 - inner_margin, box.y1 - inner_margin};
  if (shape == Shape::round) {
    const float k = 0.74f;  // square inscribed in the circle, a little generous
    const float hw = P * 0.5f * k;
    field = {ctr.x - hw, ctr.y - hw, ctr.x + hw, ctr.y + hw};
  }
  const bool flip = rng.chance(0.3f);
  Rng mrng = rng.fork(99);
  const FigureSet motif = fit_figures([&](FigureSet& f, const Affine& t) { build_motif(r.variant, f, t, mrng); }, field, flip);

  // Punched (ring-matted) ground between the figures: fine detail that survives zooming.
  if (rng.chance(0.6f)) {
    Plane figmask = c.plane();
    for (const FigurePart& p : motif.parts) fill(figmask, c, p.shape);
    Plane punch = c.plane();
    const float step = P * 0.012f;
    Rng prng = rng.fork(5);
    const IRect fr = intersect(c.raster(field), c.window());
    if (!fr.empty()) {
      for (float y = field.y0; y < field.y1; y += step * 0.87f) {
        const float row_off = (static_cast<int>((y - field.y0) / (step * 0.87f)) & 1) ? step * 0.5f : 0.f;
        for (float x = field.x0 + row_off; x < field.x1; x += step) {
          const Vec2 q{x + prng.uniform(-0.15f, 0.15f) * step, y + prng.uniform(-0.15f, 0.15f) * step};
          const int rx = static_cast<int>(q.x * c.scale()), ry = static_cast<int>(q.y * c.scale());
          if (ry < c.window().y0 - 2 || ry >= c.window().y1 + 2) continue;
          const bool inside = rx >= fr.x0 && rx < fr.x1 && ry >= c.window().y0 && ry < c.window().y1 &&
                              plate.at(rx, ry) > 0.5f && figmask.at(rx, ry) < 0.05f;
          if (!inside) continue;
          disc(punch, c, q, step * 0.22f);
        }
      }
      raise(c, punch, -P * 0.0025f);
      tint(c, punch, Rgb{0.6f, 0.55f, 0.5f}, 0.6f);
    }
  }

  FigureStyle fs;
  fs.relief = P * 0.028f;
  fs.soft = P * 0.007f;
  fs.line_depth = P * 0.0018f;
  fs.line_width = P * 0.0032f;
  fs.gild = gilded;
  draw_figures(c, motif, fs, look);

  // Attachment holes near the rim.
  const int holes = shape == Shape::round ? 2 : 4;
  Plane hole = c.plane();
  for (int i = 0; i < holes; ++i) {
    Vec2 p;
    if (shape == Shape::round)
      p = ctr + polar(-kPi * 0.5f + kPi * static_cast<float>(i), P * 0.5f - rim_w * 0.55f);
    else
      p = {i % 2 ? box.x1 - rim_w * 0.9f : box.x0 + rim_w * 0.9f, i / 2 ? box.y1 - rim_w * 0.9f : box.y0 + rim_w * 0.9f};
    disc(hole, c, p, P * 0.008f);
  }
  raise(c, hole, -P * 0.02f);
  each(hole, [&](int x, int y, float m) { c.cov.at(x, y) *= 1.f - m; });
}

}  // namespace orpheus::illustrate
