// Jewellery laid on a dark ground: an oak/olive wreath, a boat-shaped earring with
// granulation and pendants, a twisted torc with animal-head terminals, a necklace of beads
// and pendants, a crescent pectoral with repoussé friezes, a signet ring with an intaglio.
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {
namespace {

// A leaf from `base` toward `dir` (unit), length len, half-width w; optional oak lobes.
Path leaf_shape(Vec2 base, Vec2 dir, float len, float w, bool oak) {
  Path p;
  const Vec2 side = perp(dir);
  std::vector<Vec2> pts;
  pts.push_back(base);
  const int lobes = oak ? 4 : 1;
  for (int i = 1; i <= lobes; ++i) {
    const float k = static_cast<float>(i) / static_cast<float>(lobes + 1);
    const float ww = w * std::sin(k * kPi) * (oak ? 1.f : 1.f);
    pts.push_back(base + dir * (len * k) + side * ww);
    if (oak) pts.push_back(base + dir * (len * (k + 0.5f / static_cast<float>(lobes + 1))) + side * (ww * 0.6f));
  }
  pts.push_back(base + dir * len);
  for (int i = lobes; i >= 1; --i) {
    const float k = static_cast<float>(i) / static_cast<float>(lobes + 1);
    const float ww = w * std::sin(k * kPi);
    if (oak) pts.push_back(base + dir * (len * (k + 0.5f / static_cast<float>(lobes + 1))) - side * (ww * 0.6f));
    pts.push_back(base + dir * (len * k) - side * ww);
  }
  const int corners[2] = {0, static_cast<int>(pts.size() / 2)};
  p.smooth(pts, std::span<const int>(corners, oak ? 1 : 2));
  return p;
}

void gold_part(Canvas& c, const Plane& m, const MaterialLook& look) {
  lay(c, m, [&](Vec2 p) { return look.at(p); });
}

// Granules (tiny gold spheres) along a polyline.
void granulate(Canvas& c, const Polyline& line, float r, const MaterialLook& look) {
  Plane g = c.plane(), gh = c.plane();
  const Polyline pts = resample(line, r * 2.1f);
  for (Vec2 p : pts) {
    disc(g, c, p, r);
    dome(gh, c, p, r, 1.f);
  }
  place_height(c, g, gh, true);
  gold_part(c, g, look);
}

void draw_wreath(Canvas& c, Rng& rng, const MaterialLook& look, Box box) {
  const Vec2 ctr = box.center();
  const float rx = box.w() * 0.40f, ry = box.h() * 0.40f;
  const bool oak = rng.chance(0.5f);
  const float gap = 0.35f;  // opening at the front (bottom), radians either side
  // Stem: a twisted wire round the ellipse.
  Plane stem = c.plane(), sh = c.plane();
  std::vector<TubeNode> nodes;
  for (int i = 0; i <= 200; ++i) {
    const float a = kPi * 0.5f + gap + (2.f * kPi - 2.f * gap) * static_cast<float>(i) / 200.f;
    nodes.push_back({ctr + Vec2{std::cos(a) * rx, std::sin(a) * ry}, box.h() * 0.008f});
  }
  tube(c, nodes, stem, sh, [&](float along, float) { return std::sin(along / (box.h() * 0.01f)) * box.h() * 0.0015f; });
  place_height(c, stem, sh, false);
  gold_part(c, stem, look);
  // Leaves in pairs along the stem, pointing toward the front opening on both sides.
  const int n = oak ? 30 : 44;
  Plane lv = c.plane();
  std::vector<Polyline> ribs;
  Rng lr = rng.fork(3);
  for (int side = 0; side < 2; ++side) {
    for (int i = 0; i < n / 2; ++i) {
      const float k = (static_cast<float>(i) + 0.5f) / static_cast<float>(n / 2);
      // From the back (top) round to the front gap; side 0 clockwise, side 1 anticlockwise.
      const float a = side == 0 ? -kPi * 0.5f + k * (kPi - gap) : -kPi * 0.5f - k * (kPi - gap);
      const Vec2 p = ctr + Vec2{std::cos(a) * rx, std::sin(a) * ry};
      Vec2 tang = normalize(Vec2{-std::sin(a) * rx, std::cos(a) * ry});
      if (side == 1) tang = -tang;
      for (int s = -1; s <= 1; s += 2) {
        const Vec2 out = normalize(Vec2{std::cos(a) * ry, std::sin(a) * rx});
        const Vec2 dir = normalize(tang + out * (0.55f * static_cast<float>(s)) + Vec2{lr.uniform(-0.1f, 0.1f), lr.uniform(-0.1f, 0.1f)});
        const float len = box.h() * (oak ? 0.11f : 0.09f) * lr.uniform(0.85f, 1.1f);
        const float w = len * (oak ? 0.28f : 0.17f);
        fill(lv, c, leaf_shape(p, dir, len, w, oak));
        ribs.push_back({p + dir * (len * 0.08f), p + dir * (len * 0.9f)});
      }
    }
  }
  Plane lh = c.plane();
  copy(lh, lv);
  blur(lh, c, box.h() * 0.004f, 2);
  each(lv, [&](int x, int y, float m) {
    float& h = c.h.at(x, y);
    h += (box.h() * 0.02f + lh.at(x, y) * box.h() * 0.012f - h) * m;
  });
  c.h.mark(lv.dirty);
  gold_part(c, lv, look);
  engrave(c, ribs, box.h() * 0.0025f, box.h() * 0.004f, 0.2f);
  // Berries / acorns among the leaves.
  Plane b = c.plane(), bh = c.plane();
  for (int i = 0; i < 14; ++i) {
    const float a = -kPi * 0.5f + (lr.uniform() - 0.5f) * 2.f * (kPi - gap - 0.2f);
    const Vec2 p = ctr + Vec2{std::cos(a) * rx * lr.uniform(0.93f, 1.07f), std::sin(a) * ry * lr.uniform(0.93f, 1.07f)};
    const float r = box.h() * (oak ? 0.018f : 0.012f);
    disc(b, c, p, r);
    dome(bh, c, p, r, 1.f);
  }
  place_height(c, b, bh, true);
  gold_part(c, b, look);
}

void draw_earring(Canvas& c, Rng& rng, const MaterialLook& look, Box box) {
  const float H = box.h();
  const float cx = box.center().x;
  // Disc with a rosette at the top.
  const Vec2 dc{cx, box.y0 + 0.13f * H};
  const float dr = 0.11f * H;
  Plane d = c.plane();
  disc(d, c, dc, dr);
  level(c, d, H * 0.02f);
  cushion(c, d, H * 0.01f, H * 0.01f);
  gold_part(c, d, look);
  const Motif ros = rosette(dc, dr * 0.8f, rng.chance(0.5f) ? 8 : 12);
  MotifStyle ms;
  ms.high = H * 0.008f;
  ms.low = H * 0.005f;
  ms.soft = H * 0.002f;
  ms.line_depth = H * 0.001f;
  apply_motif(c, ros, ms, look);
  granulate(c, arc(dc, dr * 0.93f, dr * 0.93f, 0.f, 2.f * kPi, 180), H * 0.0055f, look);
  // Boat-shaped (crescent) body.
  const Vec2 bc{cx, box.y0 + 0.36f * H};
  Path boat;
  {
    std::vector<Vec2> pts;
    const float bw = 0.30f * H, bh = 0.16f * H;
    for (int i = 0; i <= 40; ++i) {
      const float a = kPi * static_cast<float>(i) / 40.f;
      pts.push_back(bc + Vec2{-std::cos(a) * bw, std::sin(a) * bh});
    }
    for (int i = 40; i >= 0; --i) {
      const float a = kPi * static_cast<float>(i) / 40.f;
      pts.push_back(bc + Vec2{-std::cos(a) * bw * 0.8f, std::sin(a) * bh * 0.25f - bh * 0.12f});
    }
    boat.polygon(pts);
  }
  Plane bm = c.plane();
  fill(bm, c, boat);
  level(c, bm, H * 0.02f);
  cushion(c, bm, H * 0.03f, H * 0.01f);
  gold_part(c, bm, look);
  // Filigree spirals and rows of granulation on the boat.
  std::vector<Polyline> fil;
  for (int i = -3; i <= 3; ++i) {
    const Vec2 sc = bc + Vec2{static_cast<float>(i) * 0.07f * H, 0.06f * H - std::fabs(static_cast<float>(i)) * 0.006f * H};
    Polyline sp;
    for (int k = 0; k <= 40; ++k) {
      const float t = static_cast<float>(k) / 40.f;
      sp.push_back(sc + polar(t * 3.f * kPi, lerp(0.025f, 0.004f, t) * H));
    }
    fil.push_back(sp);
  }
  {
    Plane fm = c.plane();
    for (const Polyline& l : fil) stroke(fm, c, l, H * 0.004f);
    emboss(c, fm, H * 0.003f, H * 0.001f);
  }
  granulate(c, arc(bc + Vec2{0.f, -0.02f * H}, 0.26f * H, 0.15f * H, 0.15f, kPi - 0.15f, 120), H * 0.005f, look);
  granulate(c, arc(bc + Vec2{0.f, -0.02f * H}, 0.21f * H, 0.10f * H, 0.25f, kPi - 0.25f, 120), H * 0.004f, look);
  // Link between disc and boat.
  Plane lk = c.plane(), lh = c.plane();
  const TubeNode link[3] = {{dc + Vec2{0.f, dr * 0.9f}, H * 0.012f}, {dc + Vec2{0.f, dr * 1.4f}, H * 0.012f}, {bc + Vec2{0.f, -0.05f * H}, H * 0.012f}};
  tube(c, link, lk, lh);
  place_height(c, lk, lh, true);
  gold_part(c, lk, look);
  // Pendant chains ending in little amphorae / seeds.
  const int chains = rng.range(5, 7);
  Plane ch = c.plane(), chh = c.plane(), pend = c.plane();
  for (int i = 0; i < chains; ++i) {
    const float k = (static_cast<float>(i) + 0.5f) / static_cast<float>(chains) * 2.f - 1.f;
    const Vec2 top = bc + Vec2{k * 0.26f * H, 0.15f * H * std::sqrt(std::max(0.f, 1.f - k * k))};
    const float len = (0.28f + 0.1f * (1.f - std::fabs(k))) * H;
    const Vec2 bottom = top + Vec2{k * 0.03f * H, len};
    // Loop-in-loop chain: small oval links.
    const Polyline links = resample(Polyline{top, bottom}, H * 0.018f);
    for (std::size_t j = 0; j + 1 < links.size(); ++j) {
      const TubeNode ln[2] = {{links[j], H * 0.0045f}, {links[j + 1], H * 0.0045f}};
      tube(c, ln, ch, chh, [&](float along, float) { return std::sin(along / (H * 0.009f) * kPi) * H * 0.002f; });
    }
    // Pendant: an amphora-shaped drop.
    const Vec2 pc = bottom + Vec2{0.f, 0.035f * H};
    Path p;
    const float s = 0.022f * H;
    const Vec2 pts[6] = {pc + Vec2{0.f, -1.6f} * s, pc + Vec2{0.9f, -0.6f} * s, pc + Vec2{1.0f, 0.4f} * s,
                         pc + Vec2{0.f, 1.9f} * s,  pc + Vec2{-1.0f, 0.4f} * s, pc + Vec2{-0.9f, -0.6f} * s};
    const int corners[1] = {3};
    p.smooth(pts, corners);
    fill(pend, c, p);
  }
  place_height(c, ch, chh, true);
  gold_part(c, ch, look);
  level(c, pend, H * 0.01f);
  cushion(c, pend, H * 0.02f, H * 0.008f);
  gold_part(c, pend, look);
}

void draw_torc(Canvas& c, Rng& rng, const MaterialLook& look, Box box) {
  const Vec2 ctr = box.center();
  const float rx = box.w() * 0.38f, ry = box.h() * 0.38f;
  const float gap = 0.42f;
  const float r0 = box.h() * 0.045f;
  const bool ram = rng.chance(0.5f);
  std::vector<TubeNode> nodes;
  const int n = 240;
  for (int i = 0; i <= n; ++i) {
    const float k = static_cast<float>(i) / static_cast<float>(n);
    const float a = kPi * 0.5f + gap + (2.f * kPi - 2.f * gap) * k;
    const float taper = 0.75f + 0.25f * std::sin(k * kPi);
    nodes.push_back({ctr + Vec2{std::cos(a) * rx, std::sin(a) * ry}, r0 * taper});
  }
  Plane m = c.plane(), hh = c.plane();
  const float pitch = r0 * 1.6f;
  tube(c, nodes, m, hh, [&](float along, float across) {
    // Twisted strands: helical grooves.
    const float ph = along / pitch * 2.f * kPi + std::asin(across) * 2.f;
    return -std::pow(std::fabs(std::sin(ph)), 3.f) * r0 * 0.25f;
  });
  place_height(c, m, hh, false);
  gold_part(c, m, look);
  // Terminals: collars and animal heads facing each other across the opening.
  for (int s = 0; s < 2; ++s) {
    const TubeNode end = s == 0 ? nodes.front() : nodes.back();
    const TubeNode prev = s == 0 ? nodes[6] : nodes[nodes.size() - 7];
    const Vec2 dir = normalize(end.p - prev.p);
    Plane col = c.plane();
    stroke(col, c, Polyline{end.p - perp(dir) * r0 * 1.25f, end.p + perp(dir) * r0 * 1.25f}, r0 * 0.6f);
    emboss(c, col, r0 * 0.6f, r0 * 0.15f);
    gold_part(c, col, look);
    granulate(c, Polyline{end.p - perp(dir) * r0 * 1.2f - dir * r0 * 0.45f, end.p + perp(dir) * r0 * 1.2f - dir * r0 * 0.45f},
              r0 * 0.12f, look);
    // Terminal: a ram's head looking across the opening, or a granulated buffer.
    if (ram) {
      Rng hr = rng.fork(static_cast<std::uint64_t>(s) + 40);
      FigureSet head = rhyton_head(end.p - dir * r0 * 0.3f, r0 * 3.4f, hr);
      if (dir.x > 0.f) {
        const float mx = end.p.x;
        head = head.mapped([&](Vec2 q) { return Vec2{2.f * mx - q.x, q.y}; }, 1e9f);
      }
      FigureStyle fs;
      fs.relief = r0 * 0.5f;
      fs.soft = r0 * 0.12f;
      fs.line_depth = r0 * 0.04f;
      fs.line_width = r0 * 0.06f;
      fs.standalone = true;
      fs.base_height = r0 * 0.6f;
      draw_figures(c, head, fs, look);
    } else {
      const Vec2 bc = end.p + dir * r0 * 1.3f;
      Plane bf = c.plane(), bh = c.plane();
      disc(bf, c, bc, r0 * 1.5f);
      dome(bh, c, bc, r0 * 1.5f, 0.8f);
      place_height(c, bf, bh, false);
      gold_part(c, bf, look);
      granulate(c, arc(bc, r0 * 1.2f, r0 * 1.2f, 0.f, 2.f * kPi, 90), r0 * 0.1f, look);
      granulate(c, arc(bc, r0 * 0.6f, r0 * 0.6f, 0.f, 2.f * kPi, 60), r0 * 0.09f, look);
    }
  }
}

void draw_necklace(Canvas& c, Rng& rng, const MaterialLook& look, Box box) {
  const Vec2 ctr = box.center();
  const float W = box.w(), H = box.h();
  // Chain as a U (catenary-like) from the top corners.
  auto chain_at = [&](float k) {  // k in [-1, 1]
    const float sag = 1.f - (std::cosh(1.3f * k) - 1.f) / (std::cosh(1.3f) - 1.f);  // 1 at the middle
    return Vec2{ctr.x + k * W * 0.42f, box.y0 + H * (0.06f + 0.62f * sag)};
  };
  Plane ch = c.plane(), chh = c.plane();
  const int steps = 300;
  std::vector<Vec2> pts;
  for (int i = 0; i <= steps; ++i) pts.push_back(chain_at(-1.f + 2.f * static_cast<float>(i) / steps));
  const float link = H * 0.016f;
  const Polyline links = resample(pts, link);
  for (std::size_t j = 0; j + 1 < links.size(); ++j) {
    const TubeNode ln[2] = {{links[j], link * 0.42f}, {links[j + 1], link * 0.42f}};
    tube(c, ln, ch, chh, [&](float along, float across) {
      return (std::sin(along / link * kPi) * 0.3f + 0.2f * std::cos(across * 3.f)) * link * 0.3f;
    });
  }
  place_height(c, ch, chh, false);
  gold_part(c, ch, look);
  // Pendants: alternating beads and lotus buds / acorns hanging from the lower part.
  const int n = rng.range(17, 23);
  const bool acorns = rng.chance(0.5f);
  Plane pend = c.plane(), beads = c.plane(), bh = c.plane();
  for (int i = 0; i < n; ++i) {
    const float k = -0.8f + 1.6f * (static_cast<float>(i) + 0.5f) / static_cast<float>(n);
    const Vec2 p = chain_at(k);
    const Vec2 tan = normalize(chain_at(k + 0.01f) - chain_at(k - 0.01f));
    Vec2 down = perp(tan);
    if (down.y < 0.f) down = -down;
    const float sz = H * (0.09f + 0.05f * (1.f - std::fabs(k)));
    if (i % 2 == 0) {
      Path p2;
      const Vec2 b = p + down * sz * 0.25f;
      const Vec2 pp[6] = {b, b + down * sz * 0.35f + perp(down) * sz * 0.33f, b + down * sz * 0.9f + perp(down) * sz * 0.2f,
                          b + down * sz * 1.2f, b + down * sz * 0.9f - perp(down) * sz * 0.2f, b + down * sz * 0.35f - perp(down) * sz * 0.33f};
      const int corners[2] = {0, 3};
      p2.smooth(pp, std::span<const int>(corners, acorns ? 1 : 2));
      fill(pend, c, p2);
      if (acorns) {
        Plane cap = c.plane();
        disc(cap, c, b + down * sz * 0.3f, sz * 0.3f);
        engrave(c, std::vector<Polyline>{{b + down * sz * 0.3f - perp(down) * sz * 0.25f, b + down * sz * 0.3f + perp(down) * sz * 0.25f}},
                sz * 0.03f, sz * 0.02f);
      }
    } else {
      const Vec2 b = p + down * sz * 0.35f;
      disc(beads, c, b, sz * 0.28f);
      dome(bh, c, b, sz * 0.28f, 1.f);
    }
  }
  level(c, pend, H * 0.01f);
  cushion(c, pend, H * 0.025f, H * 0.008f);
  gold_part(c, pend, look);
  place_height(c, beads, bh, true);
  gold_part(c, beads, look);
  // Clasp ends.
  for (float k : {-1.f, 1.f}) {
    Plane cl = c.plane();
    disc(cl, c, chain_at(k), H * 0.018f);
    emboss(c, cl, H * 0.01f, H * 0.004f);
    gold_part(c, cl, look);
  }
}

void draw_pectoral(Canvas& c, Rng& rng, const MaterialLook& look, Box box) {
  const float W = box.w();
  const Vec2 ctr{box.center().x, box.y0 + box.h() * 0.05f};
  const float ro = W * 0.48f, ri = W * 0.26f;
  // Crescent: outer circle lower half minus inner circle (offset up).
  const float a0 = 0.18f, a1 = kPi - 0.18f;
  std::vector<Vec2> pts;
  for (int i = 0; i <= 120; ++i) {
    const float a = lerp(a0, a1, static_cast<float>(i) / 120.f);
    pts.push_back(ctr + polar(a, ro));
  }
  const Vec2 ic = ctr + Vec2{0.f, -W * 0.02f};
  for (int i = 120; i >= 0; --i) {
    const float a = lerp(a0 + 0.12f, a1 - 0.12f, static_cast<float>(i) / 120.f);
    pts.push_back(ic + polar(a, ri));
  }
  Path p;
  p.polygon(pts);
  Plane m = c.plane();
  fill(m, c, p);
  level(c, m, W * 0.01f);
  cushion(c, m, W * 0.012f, W * 0.007f);
  gold_part(c, m, look);
  // Concentric bands between the inner and outer edges.
  const int bands = 3;
  const float span = ro - ri - W * 0.02f;
  MotifStyle ms;
  ms.high = W * 0.004f;
  ms.low = W * 0.002f;
  ms.soft = W * 0.0015f;
  ms.line_depth = W * 0.0008f;
  for (int b = 0; b < bands; ++b) {
    const float r_out = ro - W * 0.012f - span * static_cast<float>(b) / bands;
    const float hgt = span / bands * 0.86f;
    const float rmid = r_out - hgt * 0.5f;
    const float u0 = (a0 + 0.06f) * rmid, u1 = (a1 - 0.06f) * rmid;
    const auto map = [&](Vec2 uv) { return ctr + polar(uv.x / rmid, r_out - uv.y); };
    if (b == 1) {
      Rng frng = rng.fork(static_cast<std::uint64_t>(b));
      const FigureSet figs = frieze(FriezeTheme::animals, u0, u1, hgt, frng);
      // Figures stand on the outer edge: flip v so the ground line is outward.
      FigureStyle fs;
      fs.relief = hgt * 0.06f;
      fs.soft = hgt * 0.02f;
      fs.line_depth = hgt * 0.008f;
      fs.line_width = hgt * 0.012f;
      draw_figures(c, figs.mapped([&](Vec2 uv) { return map({u1 - (uv.x - u0), hgt - uv.y}); }, hgt * 0.01f), fs, look);
    } else {
      Rng brng = rng.fork(static_cast<std::uint64_t>(b) + 9);
      const Motif mo = band(b == 0 ? Band::palmettes : Band::rosettes, u0, u1, hgt, brng);
      apply_motif(c, mo.mapped([&](Vec2 uv) { return map({uv.x, hgt - uv.y}); }, hgt * 0.03f), ms, look);
    }
    // Beaded divider.
    const float rd = r_out + W * 0.004f;
    granulate(c, arc(ctr, rd, rd, a0 + 0.03f, a1 - 0.03f, 200), W * 0.003f, look);
  }
  // Suspension loops at the horns.
  for (float a : {a0 + 0.02f, a1 - 0.02f}) {
    const Vec2 tip = ctr + polar(a, (ro + ri) * 0.5f);
    Plane lp = c.plane(), lh = c.plane();
    std::vector<TubeNode> ring;
    for (int i = 0; i <= 24; ++i) ring.push_back({tip + polar(2.f * kPi * static_cast<float>(i) / 24.f, W * 0.025f), W * 0.006f});
    tube(c, ring, lp, lh);
    place_height(c, lp, lh, true);
    gold_part(c, lp, look);
  }
}

void draw_ring(Canvas& c, Rng& rng, const MaterialLook& look, Box box) {
  const Vec2 ctr = box.center();
  const float H = box.h();
  // Hoop seen slightly from above: an ellipse tube, its far half behind the bezel.
  Plane hoop = c.plane(), hh = c.plane();
  std::vector<TubeNode> nodes;
  for (int i = 0; i <= 160; ++i) {
    const float a = 2.f * kPi * static_cast<float>(i) / 160.f;
    const float thick = H * (0.035f + 0.02f * std::max(0.f, std::sin(a)));
    nodes.push_back({ctr + Vec2{std::cos(a) * H * 0.34f, std::sin(a) * H * 0.14f + H * 0.12f}, thick});
  }
  tube(c, nodes, hoop, hh);
  place_height(c, hoop, hh, false);
  gold_part(c, hoop, look);
  // Oval bezel with an engraved (intaglio) device.
  const Vec2 bc = ctr + Vec2{0.f, -H * 0.06f};
  const float bw = H * 0.30f, bhh = H * 0.22f;
  Plane bez = c.plane();
  Path bp;
  bp.ellipse(bc, bw, bhh);
  fill(bez, c, bp);
  level(c, bez, H * 0.08f);
  cushion(c, bez, H * 0.02f, H * 0.011f);
  gold_part(c, bez, look);
  Plane rim = c.plane();
  stroke(rim, c, arc(bc, bw * 0.97f, bhh * 0.96f, 0.f, 2.f * kPi, 160), H * 0.012f);
  emboss(c, rim, H * 0.006f, H * 0.003f);
  Rng frng = rng.fork(8);
  const bool rider = rng.chance(0.5f);
  const Box fb{bc.x - bw * 0.62f, bc.y - bhh * 0.62f, bc.x + bw * 0.62f, bc.y + bhh * 0.62f};
  const FigureSet dev = fit_figures(
      [&](FigureSet& f, const Affine& t) {
        Rng q = frng;
        if (rider)
          horseman(f, t, q, true);
        else
          seated(f, t, q, true);
      },
      fb);
  // Intaglio: the figures are cut INTO the bezel.
  FigureStyle fs;
  fs.relief = -H * 0.012f;
  fs.soft = H * 0.003f;
  fs.line_depth = H * 0.002f;
  fs.line_width = H * 0.003f;
  draw_figures(c, dev, fs, look);
}

}  // namespace

void draw_jewelry(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c, 0.25f);
  const std::string& v = r.variant;
  const float aspect = v == "earring" ? 0.62f : (v == "necklace" ? 1.25f : (v == "pectoral" ? 1.8f : (v == "ring" ? 1.2f : 1.15f)));
  const Box box = fit_box(c, aspect, 0.08f);
  set_stage(st, r, box, Backdrop::black);
  if (v == "wreath")
    draw_wreath(c, rng, look, box);
  else if (v == "earring")
    draw_earring(c, rng, look, box);
  else if (v == "torc")
    draw_torc(c, rng, look, box);
  else if (v == "necklace")
    draw_necklace(c, rng, look, box);
  else if (v == "pectoral")
    draw_pectoral(c, rng, look, box);
  else
    draw_ring(c, rng, look, box);
}

}  // namespace orpheus::illustrate
