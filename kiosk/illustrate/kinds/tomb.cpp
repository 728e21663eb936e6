// Thracian tomb architecture: an ashlar façade with pediment and doorway before its mound,
// the corbelled (beehive) dome seen from below, the dromos corridor in one-point
// perspective, and the caryatid frieze of the burial chamber (Sveshtari).
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {
namespace {

Finish toned(const MaterialLook& look, Vec2 p, float k) {
  Finish f = look.at(p);
  f.albedo = f.albedo * k;
  return f;
}

// Ashlar masonry in box b: courses of height ch, staggered blocks with recessed joints.
void masonry(Canvas& c, Box b, float ch, Rng& rng, const MaterialLook& look, float base_h) {
  Plane joints = c.plane();
  const float joint = ch * 0.06f;
  int course = 0;
  for (float y = b.y0; y < b.y1 - ch * 0.3f; y += ch, ++course) {
    const float y1 = std::min(b.y1, y + ch);
    float x = b.x0 - (course & 1 ? ch * 0.9f : 0.f) * rng.uniform(0.6f, 1.f);
    while (x < b.x1) {
      const float len = ch * rng.uniform(1.3f, 2.6f);
      const float x0 = std::max(b.x0, x), x1 = std::min(b.x1, x + len);
      const float k = rng.uniform(0.82f, 1.12f);
      Path p;
      p.rect({x0, y}, {x1, y1});
      lay_path(c, p, [&](Vec2 q) { return toned(look, q, k); });
      raise_path(c, p, base_h + ch * rng.uniform(0.f, 0.05f), true);
      stroke(joints, c, Polyline{{x1, y}, {x1, y1}}, joint);
      x += len;
    }
    stroke(joints, c, Polyline{{b.x0, y1}, {b.x1, y1}}, joint);
  }
  Plane soft = c.plane();
  copy(soft, joints);
  blur(soft, c, joint * 0.7f, 2);
  raise(c, soft, -ch * 0.12f);
  tint(c, joints, Rgb{0.5f, 0.48f, 0.45f}, 0.8f);
}

void draw_facade(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look) {
  const Box box = fit_box(c, 1.3f, 0.07f);
  set_stage(st, r, box, default_backdrop(r.material));
  const float S = box.h(), W = box.w();
  const float cx = box.center().x;
  const float ground = box.y0 + 0.93f * S;
  const Noise n(static_cast<std::uint64_t>(r.seed) + 5);
  const float q = 1.f / c.unit();
  // Mound: a low grassy dome behind the façade, cut by the ground line.
  {
    Plane m = c.plane();
    Path p;
    std::vector<Vec2> pts;
    const float rx = W * 0.5f, ry = S * 0.62f;
    for (int i = 0; i <= 160; ++i) {
      const float a = kPi + kPi * static_cast<float>(i) / 160.f;
      const float wob = 1.f + 0.02f * n.value(static_cast<float>(i) * 0.15f, 3.f);
      pts.push_back({cx + std::cos(a) * rx * wob, ground + std::sin(a) * ry * wob});
    }
    pts.push_back({cx + rx, box.y1});
    pts.push_back({cx - rx, box.y1});
    p.polygon(pts);
    fill(m, c, p);
    each(m, [&](int x, int y, float a) {
      const Vec2 d = c.design(x, y);
      const float u = (d.x - cx) / rx, v = std::min(0.f, (d.y - ground) / ry);
      const float hh = 0.35f * ry * std::sqrt(std::max(0.f, 1.f - u * u - v * v)) + n.fbm(d.x * q * 40.f, d.y * q * 40.f, 3) * S * 0.004f;
      float& h = c.h.at(x, y);
      h += (hh - h) * a;
    });
    c.h.mark(m.dirty);
    lay(c, m, [&](Vec2 d) {
      const float g = n.fbm(d.x * q * 12.f, d.y * q * 12.f, 4), fine = n.value(d.x * q * 500.f, d.y * q * 500.f);
      Rgb col = mix(Rgb{0.10f, 0.12f, 0.05f}, Rgb{0.20f, 0.17f, 0.08f}, 0.5f + 0.5f * g);
      col = col * (0.85f + 0.15f * fine);
      return Finish{col, 0.f, 0.95f};
    });
  }
  // Façade wall, pediment, doorway.
  const float hw = W * 0.27f;
  const float wall_top = box.y0 + 0.40f * S;
  masonry(c, {cx - hw, wall_top, cx + hw, ground}, S * 0.055f, rng, look, S * 0.05f);
  {
    // Pediment: recessed tympanum framed by raking cornices.
    Path tri;
    const Vec2 pts[3] = {{cx - hw * 1.1f, wall_top}, {cx, box.y0 + 0.15f * S}, {cx + hw * 1.1f, wall_top}};
    tri.polygon(pts);
    lay_path(c, tri, [&](Vec2 p) { return toned(look, p, 1.f); });
    raise_path(c, tri, S * 0.045f, true);
    Plane corn = c.plane();
    stroke(corn, c, Polyline{pts[0], pts[1], pts[2]}, S * 0.03f);
    stroke(corn, c, Polyline{{cx - hw * 1.14f, wall_top}, {cx + hw * 1.14f, wall_top}}, S * 0.035f);
    lay(c, corn, [&](Vec2 p) { return toned(look, p, 1.05f); });
    emboss(c, corn, S * 0.02f, S * 0.004f);
    const Motif ros = rosette({cx, box.y0 + 0.30f * S}, S * 0.04f, 8);
    MotifStyle ms;
    ms.high = S * 0.006f;
    ms.low = S * 0.004f;
    ms.soft = S * 0.002f;
    apply_motif(c, ros, ms, look);
    // Acroteria: palmettes at the apex and the corners.
    for (const Vec2 a : {Vec2{cx, box.y0 + 0.145f * S}, Vec2{cx - hw * 1.1f, wall_top - S * 0.01f}, Vec2{cx + hw * 1.1f, wall_top - S * 0.01f}}) {
      const Motif pal = palmette(a, S * 0.09f, 7);
      Plane pm = c.plane();
      fill(pm, c, pal.high);
      fill(pm, c, pal.low);
      lay(c, pm, [&](Vec2 p) { return toned(look, p, 1.f); });
      level(c, pm, S * 0.05f);
      emboss(c, pm, S * 0.006f, S * 0.002f);
    }
  }
  // Triglyph frieze under the cornice.
  {
    const float fy0 = wall_top + S * 0.02f, fy1 = wall_top + S * 0.08f;
    const int nt = 9;
    for (int i = 0; i <= nt; ++i) {
      const float x = cx - hw + 2.f * hw * static_cast<float>(i) / nt;
      Path p;
      p.rect({x - S * 0.018f, fy0}, {x + S * 0.018f, fy1});
      raise_path(c, p, S * 0.012f);
      std::vector<Polyline> g = {{{x - S * 0.006f, fy0 + S * 0.004f}, {x - S * 0.006f, fy1 - S * 0.004f}},
                                 {{x + S * 0.006f, fy0 + S * 0.004f}, {x + S * 0.006f, fy1 - S * 0.004f}}};
      engrave(c, g, S * 0.004f, S * 0.004f, 0.3f);
    }
  }
  // Engaged half-columns flanking the door.
  for (int s = -1; s <= 1; s += 2) {
    const float x = cx + static_cast<float>(s) * hw * 0.55f;
    const std::vector<Vec2> prof = {{S * 0.032f, wall_top + S * 0.09f}, {S * 0.030f, wall_top + S * 0.10f},
                                    {S * 0.026f, ground - S * 0.03f}, {S * 0.032f, ground}};
    const Lathe col(x, prof);
    Plane m = c.plane();
    col.draw(c, m);
    each(m, [&](int xx, int yy, float a) { c.h.at(xx, yy) += S * 0.05f * a; });
    lay(c, m, [&](Vec2 p) { return toned(look, p, 1.08f); });
    std::vector<Polyline> flutes;
    for (int f = -3; f <= 3; ++f) {
      const float th = static_cast<float>(f) * 0.4f;
      flutes.push_back({col.at(th, wall_top + S * 0.11f), col.at(th, ground - S * 0.035f)});
    }
    engrave(c, flutes, S * 0.004f, S * 0.003f, 0.2f);
    Path capital;
    capital.rect({x - S * 0.045f, wall_top + S * 0.08f}, {x + S * 0.045f, wall_top + S * 0.1f});
    raise_path(c, capital, S * 0.015f);
  }
  // Doorway: lintel, jambs, dark opening with the chamber glimpsed.
  {
    const float dw = hw * 0.3f, dt = box.y0 + 0.58f * S;
    Path lintel;
    lintel.rect({cx - dw * 1.45f, dt - S * 0.06f}, {cx + dw * 1.45f, dt});
    lay_path(c, lintel, [&](Vec2 p) { return toned(look, p, 1.1f); });
    raise_path(c, lintel, S * 0.075f, true);
    Path jambs;
    jambs.rect({cx - dw * 1.2f, dt}, {cx - dw, ground});
    jambs.rect({cx + dw, dt}, {cx + dw * 1.2f, ground});
    lay_path(c, jambs, [&](Vec2 p) { return toned(look, p, 1.05f); });
    raise_path(c, jambs, S * 0.065f, true);
    Path door;
    door.rect({cx - dw, dt}, {cx + dw, ground});
    lay_path(c, door, [&](Vec2 p) {
      const float v = (p.y - dt) / (ground - dt);
      return Finish{Rgb{0.012f, 0.010f, 0.008f} * (0.6f + 1.2f * v), 0.f, 0.95f};
    });
    raise_path(c, door, S * 0.0f, true);
  }
  // Ground strip.
  {
    Path g;
    g.rect({box.x0 + W * 0.02f, ground}, {box.x1 - W * 0.02f, box.y1});
    lay_path(c, g, [&](Vec2 d) {
      const float v = n.fbm(d.x * q * 30.f, d.y * q * 30.f, 4);
      return Finish{Rgb{0.16f, 0.12f, 0.08f} * (0.85f + 0.2f * v), 0.f, 0.95f};
    });
    raise_path(c, g, S * 0.01f, true);
  }
}

void draw_beehive(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look) {
  const Box box = fit_box(c, 1.f, 0.07f);
  set_stage(st, r, box, Backdrop::black);
  const Vec2 ctr = box.center();
  const float R = box.w() * 0.5f;
  const int courses = rng.range(13, 16);
  Plane joints = c.plane();
  const float joint = R * 0.006f;
  auto ring_r = [&](int k) { return R * std::pow(1.f - static_cast<float>(k) / static_cast<float>(courses), 1.2f); };
  auto ring_c = [&](int k) { return ctr + Vec2{0.f, -0.16f * R * static_cast<float>(k) / static_cast<float>(courses)}; };
  for (int k = 0; k < courses; ++k) {
    const float r0 = ring_r(k), r1 = ring_r(k + 1);
    const Vec2 c0 = ring_c(k), c1 = ring_c(k + 1);
    const float circ = 2.f * kPi * (r0 + r1) * 0.5f;
    const int blocks = std::max(6, static_cast<int>(circ / ((r0 - r1) * rng.uniform(1.5f, 2.2f))));
    const float off = rng.uniform(0.f, 1.f);
    for (int b = 0; b < blocks; ++b) {
      const float a0 = 2.f * kPi * (static_cast<float>(b) + off) / static_cast<float>(blocks);
      const float a1 = 2.f * kPi * (static_cast<float>(b + 1) + off) / static_cast<float>(blocks);
      Polyline poly;
      const int segs = 8;
      for (int i = 0; i <= segs; ++i) poly.push_back(c0 + polar(lerp(a0, a1, static_cast<float>(i) / segs), r0));
      for (int i = segs; i >= 0; --i) poly.push_back(c1 + polar(lerp(a0, a1, static_cast<float>(i) / segs), r1));
      Path p;
      p.polygon(poly);
      const float tone = rng.uniform(0.78f, 1.12f);
      // Light enters from the doorway below: the lower side of the dome is brighter.
      lay_path(c, p, [&](Vec2 q) {
        const Vec2 d = (q - ctr) / R;
        const float light = 0.35f + 0.65f * smoothstep(-0.6f, 1.f, d.y) - 0.3f * (1.f - length(d));
        return toned(look, q, tone * std::max(0.12f, light));
      });
      raise_path(c, p, R * 0.03f * static_cast<float>(k), true);
      stroke(joints, c, Polyline{c0 + polar(a0, r0), c1 + polar(a0, r1)}, joint);
    }
    stroke(joints, c, arc(c1, r1, r1, 0.f, 2.f * kPi, 180), joint);
  }
  // Keystone at the apex.
  Path cap;
  cap.circle(ring_c(courses), R * 0.06f);
  lay_path(c, cap, [&](Vec2 q) { return toned(look, q, 0.25f); });
  Plane soft = c.plane();
  copy(soft, joints);
  blur(soft, c, joint * 0.8f, 2);
  raise(c, soft, -R * 0.02f);
  tint(c, joints, Rgb{0.35f, 0.33f, 0.3f}, 1.f);
}

// One-point perspective view down the dromos toward the chamber door.
void draw_dromos(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look) {
  const Box box = fit_box(c, 1.33f, 0.07f);
  set_stage(st, r, box, default_backdrop(r.material));
  const float f = box.h() * 0.55f;
  const Vec2 vp{box.center().x + box.w() * rng.uniform(-0.03f, 0.03f), box.y0 + box.h() * 0.46f};
  auto P = [&](float x, float y, float z) { return Vec2{vp.x + f * x / z, vp.y - f * y / z}; };
  const float half = 1.0f, floor_y = -1.4f, wall_top = 1.1f, z0 = 0.6f, z1 = 9.f;
  auto light = [&](float z) { return 0.10f + 0.90f * std::exp(-(z - z0) / 2.6f); };
  Plane plate = c.plane();
  Path frame;
  frame.rect({box.x0, box.y0}, {box.x1, box.y1});
  fill(plate, c, frame);
  lay(c, plate, [&](Vec2 q) { return toned(look, q, 0.12f); });
  auto quad = [&](Vec2 a, Vec2 b, Vec2 cc, Vec2 d, float k, float hh) {
    Path p;
    const Vec2 pts[4] = {a, b, cc, d};
    p.polygon(pts);
    lay_path(c, p, [&](Vec2 q) { return toned(look, q, k); });
    raise_path(c, p, hh, true);
  };
  // Walls: courses of blocks in perspective, both sides.
  const float course = 0.36f;
  for (int side = -1; side <= 1; side += 2) {
    const float x = static_cast<float>(side) * half;
    int row = 0;
    for (float y = floor_y; y < wall_top - 0.01f; y += course, ++row) {
      const float y1 = std::min(wall_top, y + course);
      float z = z0 - (row & 1 ? 0.45f : 0.1f);
      while (z < z1) {
        const float len = rng.uniform(0.6f, 1.1f);
        const float za = std::max(z0, z), zb = std::min(z1, z + len);
        const float k = rng.uniform(0.8f, 1.1f) * light((za + zb) * 0.5f) * (side < 0 ? 0.9f : 0.75f);
        quad(P(x, y, za), P(x, y, zb), P(x, y1, zb), P(x, y1, za), k, box.h() * 0.02f);
        z += len;
      }
    }
  }
  // Corbelled roof: three courses stepping inward, then the ceiling slabs.
  float xin = half, ytop = wall_top;
  for (int step = 0; step < 3; ++step) {
    const float nx = xin - 0.17f, ny = ytop + 0.28f;
    for (int side = -1; side <= 1; side += 2) {
      const float s = static_cast<float>(side);
      const float ku = light(2.f) * 0.45f, kv = 0.85f;
      // Underside (dark, facing down) and the vertical face of the step.
      quad(P(s * xin, ytop, z0), P(s * xin, ytop, z1), P(s * nx, ytop, z1), P(s * nx, ytop, z0), ku * 0.6f, box.h() * 0.02f);
      quad(P(s * nx, ytop, z0), P(s * nx, ytop, z1), P(s * nx, ny, z1), P(s * nx, ny, z0), ku * kv, box.h() * 0.02f);
    }
    xin = nx;
    ytop = ny;
  }
  quad(P(-xin, ytop, z0), P(-xin, ytop, z1), P(xin, ytop, z1), P(xin, ytop, z0), light(2.f) * 0.3f, box.h() * 0.02f);
  // Floor of beaten earth and slabs.
  quad(P(-half, floor_y, z0), P(-half, floor_y, z1), P(half, floor_y, z1), P(half, floor_y, z0), 0.55f, box.h() * 0.02f);
  {
    Plane jn = c.plane();
    for (float z = z0 + 0.8f; z < z1; z += 0.9f) stroke(jn, c, Polyline{P(-half, floor_y, z), P(half, floor_y, z)}, box.h() * 0.002f);
    tint(c, jn, Rgb{0.4f, 0.4f, 0.4f}, 1.f);
  }
  // Far wall with the chamber doorway, warm light inside.
  quad(P(-xin - 0.6f, floor_y, z1), P(xin + 0.6f, floor_y, z1), P(xin + 0.6f, ytop, z1), P(-xin - 0.6f, ytop, z1), light(z1) * 0.9f,
       box.h() * 0.01f);
  {
    Path door;
    const float dw = 0.38f, dh = 1.9f;
    door.rect(P(-dw, floor_y + dh, z1), P(dw, floor_y, z1));
    const Vec2 dc = P(0.f, floor_y + dh * 0.45f, z1);
    lay_path(c, door, [&](Vec2 q) {
      const float d = length(q - dc) / (f * dw / z1 * 2.f);
      return Finish{Rgb{0.95f, 0.62f, 0.30f} * (0.9f * std::exp(-d * d * 1.5f)), 0.f, 1.f};
    });
    raise_path(c, door, 0.f, true);
    Path lintel;
    lintel.rect(P(-dw - 0.12f, floor_y + dh + 0.22f, z1), P(dw + 0.12f, floor_y + dh, z1));
    lay_path(c, lintel, [&](Vec2 q) { return toned(look, q, light(z1) * 1.1f); });
  }
  // Only the plate: everything outside the frame is cut away.
  each_px(c, c.window(), [&](int x, int y) { c.cov.at(x, y) *= plate.at(x, y); });
  // Joint lines along the courses (drawn once across the plate).
  Plane jn = c.plane();
  for (int side = -1; side <= 1; side += 2) {
    const float x = static_cast<float>(side) * half;
    for (float y = floor_y + course; y < wall_top; y += course) stroke(jn, c, Polyline{P(x, y, z0), P(x, y, z1)}, box.h() * 0.003f);
  }
  each(jn, [&](int x, int y, float v) { jn.at(x, y) = v * plate.at(x, y); });
  tint(c, jn, Rgb{0.35f, 0.35f, 0.35f}, 1.f);
  raise(c, jn, -box.h() * 0.004f);
}

void draw_caryatids(const Recipe& r, Canvas& c, Stage& st, Rng& rng, const MaterialLook& look) {
  const Box box = fit_box(c, 1.8f, 0.08f);
  set_stage(st, r, box, default_backdrop(r.material));
  const float S = box.h();
  Plane slab_m = c.plane();
  const Path outline = slab_outline(box, rng, S * 0.01f, rng.chance(0.4f));
  slab(c, outline, look, S * 0.04f, S * 0.008f, S * 0.002f, static_cast<std::uint64_t>(r.seed), slab_m);
  // Cornice on top (with dentils) and a base moulding.
  {
    Plane m = c.plane();
    stroke(m, c, Polyline{{box.x0, box.y0 + S * 0.06f}, {box.x1, box.y0 + S * 0.06f}}, S * 0.07f);
    stroke(m, c, Polyline{{box.x0, box.y1 - S * 0.05f}, {box.x1, box.y1 - S * 0.05f}}, S * 0.06f);
    each(m, [&](int x, int y, float v) { m.at(x, y) = v * slab_m.at(x, y); });
    emboss(c, m, S * 0.03f, S * 0.004f);
    Plane d = c.plane();
    for (float x = box.x0 + S * 0.02f; x < box.x1 - S * 0.02f; x += S * 0.04f) {
      Path p;
      p.rect({x, box.y0 + S * 0.1f}, {x + S * 0.022f, box.y0 + S * 0.125f});
      fill(d, c, p);
    }
    emboss(c, d, S * 0.012f, S * 0.002f);
  }
  // The maidens: arms raised as if carrying the cornice, bell skirts.
  const int n = rng.range(4, 5);
  const Box fb{box.x0 + S * 0.08f, box.y0 + S * 0.135f, box.x1 - S * 0.08f, box.y1 - S * 0.085f};
  FigureSet figs;
  Rng frng = rng.fork(1);
  for (int i = 0; i < n; ++i) {
    const float w = fb.w() / static_cast<float>(n);
    const Box b{fb.x0 + w * (static_cast<float>(i) + 0.12f), fb.y0, fb.x0 + w * (static_cast<float>(i) + 0.88f), fb.y1};
    Rng q0 = frng.fork(static_cast<std::uint64_t>(i));
    figs.append(fit_figures([&](FigureSet& f, const Affine& t) { Rng q = q0; frontal_woman(f, t, q, 1); }, b, false, true));
  }
  FigureStyle fs;
  fs.relief = S * 0.045f;
  fs.soft = S * 0.007f;
  fs.line_depth = S * 0.0004f;
  fs.line_width = S * 0.002f;
  draw_figures(c, figs, fs, look);
  // Faint traces of paint on the stone (the caryatids were painted).
  const Noise n2(static_cast<std::uint64_t>(r.seed) + 41);
  const float q = 1.f / c.unit();
  each(slab_m, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float t = smoothstep(0.4f, 0.7f, n2.fbm(p.x * q * 6.f, p.y * q * 6.f, 3)) * 0.18f * m;
    c.ar.at(x, y) = lerp(c.ar.at(x, y), 0.45f, t);
    c.ag.at(x, y) = lerp(c.ag.at(x, y), 0.25f, t);
    c.ab.at(x, y) = lerp(c.ab.at(x, y), 0.12f, t);
  });
}

}  // namespace

void draw_tomb(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.5f);
  if (r.variant == "facade")
    draw_facade(r, c, st, rng, look);
  else if (r.variant == "beehive")
    draw_beehive(r, c, st, rng, look);
  else if (r.variant == "dromos")
    draw_dromos(r, c, st, rng, look);
  else
    draw_caryatids(r, c, st, rng, look);
}

}  // namespace orpheus::illustrate
