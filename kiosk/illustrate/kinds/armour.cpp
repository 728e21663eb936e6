// Armour: helmets in side view (conical Getic type with apotropaic eyes, Attic with a crest,
// Chalcidian with nose guard and ear opening) and greaves seen from the front (plain with
// stylised muscles, or with a woman's face on the knee).
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {
namespace {

// A plate (cheek piece, neck guard): coverage into m, cushioned height on top of `base`.
void plate(Canvas& c, const Path& shape, float base, float dome, float soft, Plane& m) {
  m.clear();
  fill(m, c, shape);
  level(c, m, base);
  cushion(c, m, dome, soft);
}

void finish_metal(Canvas& c, const Plane& m, const MaterialLook& look) {
  lay(c, m, [&](Vec2 p) { return look.at(p); });
}

// Almond eye with brow, as on Getic parade helmets (local unit: eye width 1, centred).
Motif eye_motif(Vec2 c, float w) {
  Motif m;
  m.line_width = w * 0.03f;
  Path& p = m.high;
  const Vec2 pts[6] = {c + Vec2{-0.5f, 0.f} * w, c + Vec2{-0.2f, -0.22f} * w, c + Vec2{0.25f, -0.2f} * w,
                       c + Vec2{0.55f, 0.02f} * w, c + Vec2{0.2f, 0.2f} * w, c + Vec2{-0.2f, 0.18f} * w};
  const int corners[2] = {0, 3};
  p.smooth(pts, corners);
  m.low.circle(c + Vec2{0.02f, 0.f} * w, w * 0.16f);
  // Brow of radiating lashes.
  for (int i = 0; i < 9; ++i) {
    const float a = -kPi * (0.15f + 0.7f * static_cast<float>(i) / 8.f);
    const Vec2 o = c + Vec2{0.f, 0.1f} * w;
    m.lines.push_back({o + polar(a, w * 0.42f), o + polar(a, w * 0.6f)});
  }
  return m;
}

void draw_conical(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look) {
  const Box box = fit_box(c, 0.82f, 0.08f);
  set_stage(st, r, box, default_backdrop(r.material));
  const bool gilded = r.material == Material::gilded_silver;
  const float H = box.h();
  const float cx = box.center().x;
  const float top = box.y0;
  const float tall = rng.uniform(-0.02f, 0.02f);
  // Dome profile (radius, y), apex knob at the top, slight flare at the rim.
  const std::vector<Vec2> prof = {{0.012f * H, top},          {0.035f * H, top + 0.015f * H}, {0.045f * H, top + 0.04f * H},
                                  {0.09f * H, top + 0.07f * H}, {0.19f * H, top + (0.15f + tall) * H}, {0.275f * H, top + 0.29f * H},
                                  {0.325f * H, top + 0.46f * H}, {0.35f * H, top + 0.62f * H}, {0.365f * H, top + 0.72f * H},
                                  {0.375f * H, top + 0.76f * H}, {0.375f * H, top + 0.775f * H}};
  const Lathe shell(cx, prof);
  Plane m = c.plane();
  shell.draw(c, m);
  finish_metal(c, m, look);
  // Ornament bands round the shell.
  const MotifStyle ms = [&] {
    MotifStyle s;
    s.high = H * 0.006f;
    s.low = H * 0.003f;
    s.soft = H * 0.0025f;
    s.line_depth = H * 0.0015f;
    s.gild_high = gilded;
    return s;
  }();
  auto wrap_band = [&](float y0, float y1, Band kind, std::uint64_t salt) {
    const float rref = shell.radius((y0 + y1) * 0.5f);
    Rng brng = rng.fork(salt);
    const Motif mo = band(kind, -kPi * 0.5f * rref, kPi * 0.5f * rref, y1 - y0, brng);
    apply_motif(c, mo.mapped([&](Vec2 uv) { return shell.wrap({uv.x, y0 + uv.y}, rref); }, (y1 - y0) * 0.05f), ms, look);
  };
  wrap_band(top + 0.66f * H, top + 0.735f * H, rng.chance(0.5f) ? Band::spirals : Band::guilloche, 1);
  wrap_band(top + 0.24f * H, top + 0.285f * H, Band::beads, 2);
  // Apotropaic eyes on the front (the right side of the side view), wrapped on the shell.
  {
    const float ye = top + 0.42f * H;
    const float rr = shell.radius(ye);
    const Motif eye = eye_motif({0.f, 0.f}, rr * 0.8f);
    const Motif w = eye.mapped(
        [&](Vec2 q) {
          const float th = 0.62f + q.x / rr;
          return shell.at(std::clamp(th, -kPi * 0.5f, kPi * 0.5f), ye + q.y);
        },
        rr * 0.01f);
    MotifStyle es = ms;
    es.high = H * 0.012f;
    es.low = -H * 0.004f;
    apply_motif(c, w, es, look);
  }
  // Frieze of animals between the bands.
  {
    const float y0 = top + 0.50f * H, y1 = top + 0.64f * H;
    const float rref = shell.radius((y0 + y1) * 0.5f);
    Rng frng = rng.fork(7);
    const FigureSet figs = frieze(FriezeTheme::animals, -kPi * 0.5f * rref, kPi * 0.12f * rref, y1 - y0, frng);
    FigureStyle fs;
    fs.relief = (y1 - y0) * 0.06f;
    fs.soft = (y1 - y0) * 0.02f;
    fs.line_depth = (y1 - y0) * 0.008f;
    fs.line_width = (y1 - y0) * 0.01f;
    fs.gild = gilded;
    draw_figures(c, figs.mapped([&](Vec2 uv) { return shell.wrap({uv.x, y0 + uv.y}, rref); }, (y1 - y0) * 0.01f), fs, look);
  }
  // Cheek piece hanging from the rim at the front, with a ram's-horn spiral.
  Plane ck = c.plane();
  {
    const Vec2 a{cx + 0.09f * H, top + 0.76f * H};
    Path p;
    const Vec2 pts[6] = {a + Vec2{-0.02f, 0.f} * H, a + Vec2{0.24f, 0.f} * H, a + Vec2{0.26f, 0.12f} * H,
                         a + Vec2{0.18f, 0.22f} * H, a + Vec2{0.06f, 0.21f} * H, a + Vec2{-0.01f, 0.1f} * H};
    const int corners[2] = {0, 1};
    p.smooth(pts, corners);
    plate(c, p, H * 0.08f, H * 0.02f, H * 0.012f, ck);
    finish_metal(c, ck, look);
    std::vector<Polyline> sp;
    Polyline s;
    for (int i = 0; i <= 60; ++i) {
      const float k = static_cast<float>(i) / 60.f;
      s.push_back(a + Vec2{0.12f, 0.11f} * H + polar(k * 3.2f * kPi, lerp(0.07f, 0.01f, k) * H));
    }
    sp.push_back(s);
    engrave(c, sp, H * 0.006f, H * 0.004f, 0.3f);
  }
  // Rivet holes along the rim.
  Plane riv = c.plane(), rh = c.plane();
  for (int i = -5; i <= 5; ++i) {
    const float th = static_cast<float>(i) / 5.5f * kPi * 0.5f;
    const Vec2 p = shell.at(th, top + 0.755f * H);
    disc(riv, c, p, H * 0.006f * std::max(0.3f, std::cos(th)));
    dome(rh, c, p, H * 0.006f, 0.7f);
  }
  place_height(c, riv, rh, true);
}

// Attic / Chalcidian helmet in side view facing right (local unit box ~1 x 1).
void draw_attic(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look, bool chalcidian) {
  const bool crest = !chalcidian || rng.chance(0.5f);
  const Box box = fit_box(c, 1.05f, 0.08f);
  set_stage(st, r, box, default_backdrop(r.material));
  const bool gilded = r.material == Material::gilded_silver;
  const float S = box.h();
  const Affine t = Affine::translate({box.x0 + (box.w() - S * 1.0f) * 0.5f, box.y0 + (crest ? 0.f : -0.08f * S)}) * Affine::scale(S);
  auto P = [&](float x, float y) { return t({x, y}); };

  // Crest of horsehair on a stilt, behind the skull.
  if (crest) {
    Plane m = c.plane();
    Path cr(t);
    const Vec2 pts[8] = {{0.82f, 0.20f}, {0.78f, 0.06f}, {0.55f, -0.01f}, {0.30f, 0.02f},
                         {0.10f, 0.14f}, {0.06f, 0.30f}, {0.22f, 0.22f}, {0.50f, 0.14f}};
    cr.smooth(pts);
    plate(c, cr, S * 0.06f, S * 0.06f, S * 0.014f, m);
    lay(c, m, [&](Vec2 p) {
      Finish f = look.at(p);
      if (is_metal(r.material)) f = Finish{Rgb{0.22f, 0.05f, 0.03f}, 0.f, 0.75f};  // dyed horsehair
      return f;
    });
    std::vector<Polyline> hair;
    for (int i = 0; i < 36; ++i) {
      const float k = static_cast<float>(i) / 35.f;
      const Vec2 a = mix(P(0.80f, 0.12f), P(0.10f, 0.22f), k) + Vec2{0.f, -0.08f * S * std::sin(k * kPi)};
      hair.push_back({a + Vec2{0.f, -0.05f * S}, a + Vec2{-0.02f * S, 0.06f * S}});
    }
    engrave(c, hair, S * 0.004f, S * 0.006f, 0.3f);
  }

  // Neck guard (behind), skull, cheek piece.
  Plane neck = c.plane();
  {
    Path p(t);
    const Vec2 pts[7] = {{0.30f, 0.46f}, {0.22f, 0.50f}, {0.15f, 0.62f}, {0.06f, 0.78f}, {0.16f, 0.80f}, {0.30f, 0.72f}, {0.40f, 0.62f}};
    const int corners[1] = {3};
    p.smooth(pts, corners);
    plate(c, p, S * 0.08f, S * 0.03f, S * 0.013f, neck);
    finish_metal(c, neck, look);
  }
  Plane skull = c.plane();
  {
    Path p(t);
    const Vec2 pts[9] = {{0.86f, 0.56f}, {0.88f, 0.40f}, {0.80f, 0.20f}, {0.60f, 0.10f}, {0.38f, 0.12f},
                         {0.22f, 0.26f}, {0.18f, 0.44f}, {0.28f, 0.58f}, {0.60f, 0.60f}};
    p.smooth(pts);
    fill(skull, c, p);
    // Ellipsoid dome.
    const Vec2 ctr = P(0.53f, 0.46f);
    const float ax = 0.37f * S, ay = 0.38f * S;
    each(skull, [&](int x, int y, float a) {
      const Vec2 q = c.design(x, y);
      const float dx = (q.x - ctr.x) / ax, dy = (q.y - ctr.y) / ay;
      const float hh = S * 0.12f + 0.3f * S * std::sqrt(std::max(0.f, 1.f - dx * dx - dy * dy));
      float& h = c.h.at(x, y);
      h += (hh - h) * a;
    });
    c.h.mark(skull.dirty);
    finish_metal(c, skull, look);
  }
  // Brow band (stephane) ending in a volute over the ear.
  {
    Motif mo;
    Polyline band_line = spline(std::vector<Vec2>{P(0.88f, 0.42f), P(0.70f, 0.40f), P(0.50f, 0.42f), P(0.36f, 0.40f)}, 12);
    Polyline vol;
    const Vec2 vc = P(0.36f, 0.34f);
    for (int i = 0; i <= 50; ++i) {
      const float k = static_cast<float>(i) / 50.f;
      vol.push_back(vc + polar(kPi * 0.5f + k * 3.f * kPi, lerp(0.06f, 0.012f, k) * S));
    }
    mo.high.stroke(band_line, S * 0.028f);
    mo.high.stroke(vol, S * 0.02f);
    mo.lines.push_back(spline(std::vector<Vec2>{P(0.86f, 0.47f), P(0.66f, 0.46f), P(0.46f, 0.49f)}, 12));
    mo.line_width = S * 0.005f;
    MotifStyle ms;
    ms.high = S * 0.012f;
    ms.soft = S * 0.005f;
    ms.line_depth = S * 0.003f;
    ms.gild_high = gilded;
    apply_motif(c, mo, ms, look);
  }
  // Cheek piece (Attic: hinged, rounded; Chalcidian: fixed, with the ear opening behind).
  Plane ck = c.plane();
  {
    Path p(t);
    if (chalcidian) {
      const Vec2 pts[7] = {{0.46f, 0.52f}, {0.80f, 0.56f}, {0.84f, 0.68f}, {0.74f, 0.90f}, {0.62f, 0.90f}, {0.52f, 0.76f}, {0.50f, 0.62f}};
      const int corners[2] = {3, 4};
      p.smooth(pts, corners);
    } else {
      const Vec2 pts[7] = {{0.44f, 0.54f}, {0.78f, 0.54f}, {0.82f, 0.66f}, {0.72f, 0.92f}, {0.58f, 0.92f}, {0.46f, 0.78f}, {0.42f, 0.64f}};
      const int corners[1] = {3};
      p.smooth(pts, corners);
    }
    plate(c, p, S * 0.16f, S * 0.035f, S * 0.013f, ck);
    finish_metal(c, ck, look);
    // Palmette on the cheek piece.
    const Motif pal = palmette(P(0.62f, 0.86f), S * 0.22f, 7);
    MotifStyle ms;
    ms.high = S * 0.007f;
    ms.low = S * 0.005f;
    ms.soft = S * 0.003f;
    ms.line_depth = S * 0.002f;
    ms.gild_high = gilded;
    ms.gild_low = gilded;
    apply_motif(c, pal, ms, look);
    // Hinge.
    Plane hg = c.plane();
    stroke(hg, c, Polyline{P(0.50f, 0.555f), P(0.72f, 0.555f)}, S * 0.018f);
    emboss(c, hg, S * 0.01f, S * 0.004f);
  }
  if (chalcidian) {
    // Nose guard and the notch of the ear opening.
    Plane ng = c.plane();
    Path p(t);
    const Vec2 pts[4] = {{0.855f, 0.42f}, {0.905f, 0.44f}, {0.90f, 0.66f}, {0.86f, 0.66f}};
    const int corners[4] = {0, 1, 2, 3};
    p.smooth(pts, corners, 0.3f);
    plate(c, p, S * 0.2f, S * 0.015f, S * 0.01f, ng);
    finish_metal(c, ng, look);
  }
  // Edge beading (rolled rim) along the lower edge of skull and neck guard.
  Plane rim = c.plane();
  stroke(rim, c, spline(std::vector<Vec2>{P(0.08f, 0.78f), P(0.18f, 0.70f), P(0.30f, 0.60f), P(0.44f, 0.58f)}, 12), S * 0.012f);
  emboss(c, rim, S * 0.006f, S * 0.003f);
}

// Greave seen from the front: a bronze/silver sheet shaped to knee and calf.
void draw_greave_impl(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look, bool face) {
  const Box box = fit_box(c, 0.42f, 0.06f);
  set_stage(st, r, box, default_backdrop(r.material));
  const bool gilded = r.material == Material::gilded_silver;
  const float H = box.h();
  const float cx = box.center().x;
  const float calf = rng.uniform(0.f, 0.015f);
  // Half-width profile from knee to ankle, as a lathe-like cylinder.
  const std::vector<Vec2> prof = {{0.16f * H, box.y0},          {0.20f * H, box.y0 + 0.05f * H},
                                  {0.205f * H, box.y0 + 0.16f * H}, {0.19f * H, box.y0 + 0.26f * H},
                                  {(0.21f + calf) * H, box.y0 + 0.40f * H}, {0.18f * H, box.y0 + 0.60f * H},
                                  {0.12f * H, box.y0 + 0.82f * H}, {0.105f * H, box.y0 + 0.93f * H},
                                  {0.12f * H, box.y0 + 0.985f * H}, {0.10f * H, box.y0 + H}};
  const Lathe shin(cx, prof);
  Plane m = c.plane();
  shin.draw(c, m);
  // Flatten the cylinder a little (a greave is a shallow shell) and raise the knee cap.
  const Vec2 knee{cx, box.y0 + 0.13f * H};
  each(m, [&](int x, int y, float a) {
    const Vec2 p = c.design(x, y);
    float& h = c.h.at(x, y);
    h *= 0.7f;
    const Vec2 d = (p - knee) / (0.14f * H);
    h += a * 0.05f * H * std::max(0.f, 1.f - dot(d, d));
  });
  finish_metal(c, m, look);
  const MotifStyle ms = [&] {
    MotifStyle s;
    s.high = H * 0.006f;
    s.low = H * 0.003f;
    s.soft = H * 0.003f;
    s.line_depth = H * 0.0015f;
    s.gild_high = gilded;
    s.gild_low = gilded;
    return s;
  }();
  if (face) {
    const float fw = 0.30f * H;
    const Box fb{cx - fw * 0.5f, box.y0 + 0.015f * H, cx + fw * 0.5f, box.y0 + 0.015f * H + fw * 1.05f};
    Rng frng = rng.fork(3);
    const FigureSet fs = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = frng; frontal_face(f, t, q); }, fb);
    FigureStyle sty;
    sty.relief = H * 0.014f;
    sty.soft = H * 0.005f;
    sty.line_depth = H * 0.002f;
    sty.line_width = H * 0.003f;
    sty.gild = gilded;
    draw_figures(c, fs, sty, look);
    // Engraved figures below the face: a horseman, an eagle-griffin.
    const float y0 = box.y0 + 0.45f * H, y1 = box.y0 + 0.62f * H;
    const float rref = shin.radius((y0 + y1) * 0.5f);
    Rng qrng = rng.fork(5);
    const FigureSet eng = fit_figures([&](FigureSet& f, const Affine& t) { Rng q = qrng; griffin(f, t, q); },
                                      Box{cx - rref * 0.7f, y0, cx + rref * 0.7f, y1});
    FigureStyle es;
    es.relief = H * 0.004f;
    es.soft = H * 0.002f;
    es.line_depth = H * 0.0015f;
    es.line_width = H * 0.002f;
    es.gild = gilded;
    draw_figures(c, eng, es, look);
  } else {
    // Stylised knee cap and calf muscles as raised ridges.
    Motif mo;
    mo.line_width = H * 0.01f;
    mo.high.stroke(arc(knee + Vec2{0.f, 0.01f * H}, 0.075f * H, 0.06f * H, 0.f, 2.f * kPi, 60), H * 0.01f);
    for (int s = -1; s <= 1; s += 2) {
      const float sx = static_cast<float>(s);
      const Polyline calf_line = spline(std::vector<Vec2>{{cx + sx * 0.02f * H, box.y0 + 0.24f * H}, {cx + sx * 0.12f * H, box.y0 + 0.36f * H},
                                                          {cx + sx * 0.10f * H, box.y0 + 0.52f * H}, {cx + sx * 0.015f * H, box.y0 + 0.64f * H}},
                                        12);
      mo.high.stroke(calf_line, H * 0.012f);
    }
    apply_motif(c, mo, ms, look);
  }
  // Rim: a row of holes for the lining stitches along the edge.
  Plane holes = c.plane();
  for (float y = box.y0 + 0.03f * H; y < box.y1 - 0.02f * H; y += 0.022f * H) {
    const float rr = shin.radius(y);
    for (int s = -1; s <= 1; s += 2) disc(holes, c, {cx + static_cast<float>(s) * (rr - 0.018f * H), y}, 0.0035f * H);
  }
  raise(c, holes, -H * 0.01f);
  tint(c, holes, Rgb{0.2f, 0.2f, 0.2f}, 1.f);
  const Motif edge = band(Band::beads, -kPi * 0.5f * 0.2f * H, kPi * 0.5f * 0.2f * H, 0.025f * H, rng);
  apply_motif(c, edge.mapped([&](Vec2 uv) { return shin.wrap({uv.x, box.y0 + 0.975f * H - 0.025f * H + uv.y}, 0.12f * H); }, H * 0.002f),
              ms, look);
}

}  // namespace

void draw_helmet(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.4f);
  if (r.variant == "conical")
    draw_conical(r, c, st, rng, look);
  else
    draw_attic(r, c, st, rng, look, r.variant == "chalcidian");
}

void draw_greave(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.4f);
  draw_greave_impl(r, c, st, rng, look, r.variant == "face");
}

}  // namespace orpheus::illustrate
