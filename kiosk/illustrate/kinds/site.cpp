// Sites: archaeological plans drawn in ink on an old paper sheet (a walled city with its
// street grid and citadel; a hill fortress over contour lines) and painted views on a
// mounted print (a rock sanctuary with rock-cut niches; the Valley of the Thracian Kings
// with its tumuli below the mountains).
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/field.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"
#include "illustrate/paint.h"

namespace orpheus::illustrate {
namespace {

const Rgb kInk{0.035f, 0.025f, 0.018f};

bool inside(const Polyline& poly, Vec2 p) {
  bool in = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const Vec2 a = poly[i], b = poly[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

// Pieces of the segment a-b that lie inside poly.
std::vector<Polyline> clip_inside(const Polyline& poly, Vec2 a, Vec2 b, float step) {
  std::vector<Polyline> out;
  const int n = std::max(2, static_cast<int>(length(b - a) / step));
  Polyline cur;
  for (int i = 0; i <= n; ++i) {
    const Vec2 p = mix(a, b, static_cast<float>(i) / static_cast<float>(n));
    if (inside(poly, p)) {
      cur.push_back(p);
    } else if (!cur.empty()) {
      if (cur.size() > 1) out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.size() > 1) out.push_back(cur);
  return out;
}

Polyline shrink(const Polyline& poly, Vec2 c, float k) {
  Polyline o;
  for (Vec2 p : poly) o.push_back(c + (p - c) * k);
  return o;
}

// Old paper sheet: deckled edges, stains, two fold creases. Returns the sheet mask.
void paper_sheet(Canvas& c, Box b, Rng& rng, std::uint64_t seed, Plane& sheet) {
  const float S = std::min(b.w(), b.h());
  const Path outline = slab_outline(b, rng, S * 0.004f, false);
  fill(sheet, c, outline);
  level(c, sheet, S * 0.004f);
  const Noise n(seed ^ 0x7f4a7c15ULL);
  const float q = 1.f / c.unit();
  const Vec2 ctr = b.center();
  const SmoothField stains(c, 64.f, [&](Vec2 p) { return n.fbm(p.x * q * 4.f, p.y * q * 4.f, 5); });
  const SmoothField cockle(c, 256.f, [&](Vec2 p) { return n.fbm(p.x * q * 30.f, p.y * q * 30.f, 3); });
  lay(c, sheet, [&](Vec2 p) {
    const float st = smoothstep(0.1f, 0.7f, stains.at(p));
    const float fib = n.value(p.x * q * 900.f, p.y * q * 300.f);
    const Vec2 d{(p.x - ctr.x) / b.w(), (p.y - ctr.y) / b.h()};
    const float edge = smoothstep(0.25f, 0.5f, std::max(std::fabs(d.x), std::fabs(d.y)));
    Rgb col{0.70f, 0.60f, 0.42f};
    col = mix(col, Rgb{0.55f, 0.42f, 0.25f}, 0.35f * st + 0.3f * edge);
    col = col * (0.97f + 0.03f * fib);
    return Finish{col, 0.f, 0.9f};
  });
  // Creases: a soft ridge and a faint darker line.
  Plane crease = c.plane();
  stroke(crease, c, Polyline{{ctr.x, b.y0}, {ctr.x, b.y1}}, S * 0.004f);
  stroke(crease, c, Polyline{{b.x0, ctr.y}, {b.x1, ctr.y}}, S * 0.004f);
  each(crease, [&](int x, int y, float v) { crease.at(x, y) = v * sheet.at(x, y); });
  Plane cs = c.plane();
  copy(cs, crease);
  blur(cs, c, S * 0.004f, 2);
  raise(c, cs, S * 0.002f);
  tint(c, crease, Rgb{0.85f, 0.82f, 0.78f}, 0.6f);
  each(sheet, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    c.h.at(x, y) += m * cockle.at(p) * S * 0.0015f;
  });
}

void ink(Canvas& c, const Plane& m, const Noise& fade, float opacity = 0.92f) {
  each(m, [&](int x, int y, float v) {
    const Vec2 p = c.design(x, y);
    const float f = 0.85f + 0.15f * fade.value(p.x / c.unit() * 80.f, p.y / c.unit() * 80.f);
    const float a = v * opacity * f;
    c.ar.at(x, y) = lerp(c.ar.at(x, y), kInk.r, a);
    c.ag.at(x, y) = lerp(c.ag.at(x, y), kInk.g, a);
    c.ab.at(x, y) = lerp(c.ab.at(x, y), kInk.b, a);
  });
}

void compass_and_scale(Plane& m, Canvas& c, Vec2 at, float s, Vec2 bar) {
  // Compass star (no letters).
  for (int i = 0; i < 8; ++i) {
    const float a = -kPi * 0.5f + kPi * 0.25f * static_cast<float>(i);
    const float len = (i % 2 ? 0.5f : 1.f) * s;
    Path p;
    const Vec2 pts[3] = {at + polar(a, len), at + polar(a + 0.5f, s * 0.12f), at + polar(a - 0.5f, s * 0.12f)};
    p.polygon(pts);
    if (i % 2 == 0 || i == 1) fill(m, c, p);
    else {
      Path o;
      o.stroke_outline(p, s * 0.02f);
      fill(m, c, o);
    }
  }
  stroke(m, c, arc(at, s * 0.6f, s * 0.6f, 0.f, 2.f * kPi, 60), s * 0.02f);
  // Scale bar: alternate filled and open units.
  const float u = s * 0.5f, h = s * 0.1f;
  for (int i = 0; i < 5; ++i) {
    Path p;
    p.rect({bar.x + u * static_cast<float>(i), bar.y}, {bar.x + u * static_cast<float>(i + 1), bar.y + h});
    if (i % 2 == 0) fill(m, c, p);
    else {
      Path o;
      o.stroke_outline(p, s * 0.015f);
      fill(m, c, o);
    }
  }
}

void draw_city_plan(Canvas& c, Rng& rng, Box box, std::uint64_t seed) {
  const float S = std::min(box.w(), box.h());
  Plane sheet = c.plane();
  paper_sheet(c, box, rng, seed, sheet);
  const Noise fade(seed + 3);
  Plane m = c.plane();  // ink
  const Vec2 ctr = box.center() + Vec2{-box.w() * 0.05f, 0.f};
  // City wall: an irregular pentagon following the terrain.
  Polyline wall;
  const int nv = rng.range(5, 6);
  const float rot = rng.uniform(-0.3f, 0.3f);
  for (int i = 0; i < nv; ++i) {
    const float a = rot + 2.f * kPi * static_cast<float>(i) / static_cast<float>(nv) + rng.uniform(-0.2f, 0.2f);
    wall.push_back(ctr + Vec2{std::cos(a) * S * 0.36f * rng.uniform(0.85f, 1.05f), std::sin(a) * S * 0.33f * rng.uniform(0.85f, 1.05f)});
  }
  Polyline closed = wall;
  closed.push_back(wall.front());
  stroke(m, c, closed, S * 0.007f);
  stroke(m, c, shrink(closed, ctr, 0.975f), S * 0.0025f);
  // Towers along the wall.
  for (std::size_t i = 0; i < wall.size(); ++i) {
    const Vec2 a = wall[i], b = wall[(i + 1) % wall.size()];
    const Vec2 d = normalize(b - a);
    const int k = std::max(1, static_cast<int>(length(b - a) / (S * 0.07f)));
    for (int j = 0; j <= k; ++j) {
      if (j == k && i + 1 < wall.size()) continue;
      const Vec2 p = mix(a, b, static_cast<float>(j) / static_cast<float>(k));
      const Vec2 n = -perp(d);
      const float t = S * 0.016f;
      const Vec2 pts[4] = {p - d * t + n * t * 0.2f, p + d * t + n * t * 0.2f, p + d * t + n * t * 1.6f, p - d * t + n * t * 1.6f};
      Path tw;
      tw.polygon(pts);
      fill(m, c, tw);
    }
  }
  // Street grid inside the walls, aligned with the main axis.
  const Polyline inner = shrink(wall, ctr, 0.95f);
  const float th = rot * 0.5f;
  const Vec2 ex = polar(th, 1.f), ey = perp(ex);
  const float step = S * 0.055f;
  for (int i = -8; i <= 8; ++i) {
    const float o = static_cast<float>(i) * step;
    for (const Polyline& l : clip_inside(inner, ctr + ey * o - ex * S, ctr + ey * o + ex * S, S * 0.004f))
      stroke(m, c, l, S * (i == 0 ? 0.0035f : 0.0018f));
    for (const Polyline& l : clip_inside(inner, ctr + ex * o - ey * S, ctr + ex * o + ey * S, S * 0.004f))
      stroke(m, c, l, S * (i == 0 ? 0.0035f : 0.0018f));
  }
  // Houses: small rectangles in the blocks, some hatched.
  for (int i = -7; i < 7; ++i)
    for (int j = -7; j < 7; ++j) {
      const Vec2 bc = ctr + ex * ((static_cast<float>(i) + 0.5f) * step) + ey * ((static_cast<float>(j) + 0.5f) * step);
      if (!inside(shrink(wall, ctr, 0.9f), bc)) continue;
      const int houses = rng.range(1, 3);
      for (int k = 0; k < houses; ++k) {
        const Vec2 hc = bc + ex * (rng.uniform(-0.22f, 0.22f) * step) + ey * (rng.uniform(-0.22f, 0.22f) * step);
        const float hw = step * rng.uniform(0.12f, 0.22f), hh = step * rng.uniform(0.12f, 0.22f);
        const Vec2 pts[5] = {hc - ex * hw - ey * hh, hc + ex * hw - ey * hh, hc + ex * hw + ey * hh, hc - ex * hw + ey * hh,
                             hc - ex * hw - ey * hh};
        stroke(m, c, pts, S * 0.0013f);
        if (rng.chance(0.35f))
          for (float t = -0.8f; t <= 0.8f; t += 0.4f)
            stroke(m, c, Polyline{hc + ex * (hw * t) - ey * hh, hc + ex * (hw * t + hw * 0.4f) + ey * hh}, S * 0.0008f);
      }
    }
  // Citadel (palace and sanctuary) walled off in one corner.
  {
    const Vec2 corner = wall[static_cast<std::size_t>(rng.range(0, nv - 1))];
    const Vec2 cc = mix(corner, ctr, 0.28f);
    const float w = S * 0.08f;
    const Vec2 pts[5] = {cc - ex * w - ey * w, cc + ex * w - ey * w, cc + ex * w + ey * w, cc - ex * w + ey * w, cc - ex * w - ey * w};
    Plane clear = c.plane();
    Path cp;
    cp.polygon(std::span<const Vec2>(pts, 4));
    fill(clear, c, cp);
    each(clear, [&](int x, int y, float v) { m.at(x, y) *= 1.f - v; });
    stroke(m, c, pts, S * 0.005f);
    const Vec2 in[5] = {cc - ex * w * 0.5f - ey * w * 0.4f, cc + ex * w * 0.5f - ey * w * 0.4f, cc + ex * w * 0.5f + ey * w * 0.4f,
                        cc - ex * w * 0.5f + ey * w * 0.4f, cc - ex * w * 0.5f - ey * w * 0.4f};
    stroke(m, c, in, S * 0.003f);
    for (float t = -0.45f; t <= 0.45f; t += 0.09f)
      stroke(m, c, Polyline{cc + ex * (w * t) - ey * w * 0.38f, cc + ex * (w * t) + ey * w * 0.38f}, S * 0.0009f);
  }
  // River along one side: a blue-grey wash with ripple lines.
  {
    Polyline river;
    for (int i = 0; i <= 60; ++i) {
      const float t = static_cast<float>(i) / 60.f;
      river.push_back({lerp(box.x0 + box.w() * 0.05f, box.x1 - box.w() * 0.05f, t),
                       box.y1 - box.h() * (0.09f + 0.03f * std::sin(t * 7.f + rot * 5.f))});
    }
    Plane water = c.plane();
    stroke(water, c, river, S * 0.045f);
    each(water, [&](int x, int y, float v) { water.at(x, y) = v * sheet.at(x, y); });
    paint(c, water, Rgb{0.22f, 0.30f, 0.32f}, fade, 0.35f);
    for (float o : {-0.012f, 0.f, 0.012f}) {
      Polyline r2 = river;
      for (Vec2& p : r2) p.y += o * S;
      stroke(m, c, r2, S * 0.0012f);
    }
  }
  compass_and_scale(m, c, box.at(0.9f, 0.14f), S * 0.06f, box.at(0.68f, 0.86f));
  each(m, [&](int x, int y, float v) { m.at(x, y) = v * sheet.at(x, y); });
  ink(c, m, fade);
}

void draw_fortress(Canvas& c, Rng& rng, Box box, std::uint64_t seed) {
  const float S = std::min(box.w(), box.h());
  Plane sheet = c.plane();
  paper_sheet(c, box, rng, seed, sheet);
  const Noise fade(seed + 3), terrain(seed + 11);
  Plane m = c.plane();
  const Vec2 ctr = box.center() + Vec2{rng.uniform(-0.05f, 0.05f) * box.w(), 0.f};
  auto contour = [&](int k) {
    Polyline l;
    const float r = S * (0.46f - 0.05f * static_cast<float>(k));
    for (int i = 0; i <= 180; ++i) {
      const float a = 2.f * kPi * static_cast<float>(i) / 180.f;
      const float wob = 1.f + 0.22f * terrain.fbm(std::cos(a) * 1.2f + 4.f, std::sin(a) * 1.2f, 3) +
                        0.05f * static_cast<float>(k) * terrain.value(std::cos(a) * 2.f, std::sin(a) * 2.f + 7.f);
      l.push_back(ctr + Vec2{std::cos(a) * r * wob * (box.w() / box.h() * 0.75f + 0.25f), std::sin(a) * r * wob * 0.8f});
    }
    return l;
  };
  for (int k = 0; k < 8; ++k) stroke(m, c, contour(k), S * (k % 4 == 0 ? 0.0022f : 0.0012f));
  // Fortress wall on the 4th contour, simplified to a polygon with towers.
  const Polyline line = contour(4);
  Polyline wall;
  for (std::size_t i = 0; i + 1 < line.size(); i += 15) wall.push_back(shrink(Polyline{line[i]}, ctr, 0.98f).front());
  Polyline closed = wall;
  closed.push_back(wall.front());
  stroke(m, c, closed, S * 0.008f);
  for (std::size_t i = 0; i < wall.size(); ++i) {
    const Vec2 p = wall[i];
    const Vec2 out = normalize(p - ctr);
    Path t;
    t.circle(p + out * S * 0.008f, S * 0.016f);
    fill(m, c, t);
  }
  // Gate with the road winding down the slope.
  const std::size_t gi = static_cast<std::size_t>(rng.range(0, static_cast<int>(wall.size()) - 1));
  const Vec2 g = mix(wall[gi], wall[(gi + 1) % wall.size()], 0.5f);
  {
    Plane clear = c.plane();
    disc(clear, c, g, S * 0.012f);
    each(clear, [&](int x, int y, float v) { m.at(x, y) *= 1.f - v; });
    Polyline road{g};
    Vec2 p = g;
    Vec2 d = normalize(g - ctr);
    for (int i = 0; i < 40; ++i) {
      d = normalize(d + perp(d) * (std::sin(static_cast<float>(i) * 0.5f) * 0.35f));
      p = p + d * S * 0.01f;
      road.push_back(p);
    }
    const Polyline dashes = resample(road, S * 0.006f);
    for (std::size_t i = 0; i + 1 < dashes.size(); i += 2) {
      const Vec2 n = perp(normalize(dashes[i + 1] - dashes[i])) * S * 0.006f;
      stroke(m, c, Polyline{dashes[i] + n, dashes[i + 1] + n}, S * 0.0015f);
      stroke(m, c, Polyline{dashes[i] - n, dashes[i + 1] - n}, S * 0.0015f);
    }
  }
  // Buildings inside, a cistern, hatched ruins.
  for (int i = 0; i < 7; ++i) {
    const Vec2 bc = ctr + Vec2{rng.uniform(-0.12f, 0.12f), rng.uniform(-0.1f, 0.1f)} * S;
    const float w = S * rng.uniform(0.02f, 0.045f), h = S * rng.uniform(0.015f, 0.03f);
    const Vec2 pts[5] = {bc + Vec2{-w, -h}, bc + Vec2{w, -h}, bc + Vec2{w, h}, bc + Vec2{-w, h}, bc + Vec2{-w, -h}};
    stroke(m, c, pts, S * 0.002f);
    for (float t = -0.8f; t <= 0.8f; t += 0.32f) stroke(m, c, Polyline{bc + Vec2{w * t, -h}, bc + Vec2{w * t + w * 0.3f, h}}, S * 0.0009f);
  }
  stroke(m, c, arc(ctr + Vec2{S * 0.05f, S * 0.02f}, S * 0.015f, S * 0.015f, 0.f, 2.f * kPi, 40), S * 0.002f);
  // Hachures on the steep outer slope.
  const Polyline outer = contour(0), mid = contour(2);
  for (std::size_t i = 0; i < outer.size(); i += 2) stroke(m, c, Polyline{outer[i], mix(outer[i], mid[i], 0.35f)}, S * 0.0008f);
  compass_and_scale(m, c, box.at(0.9f, 0.14f), S * 0.06f, box.at(0.68f, 0.88f));
  each(m, [&](int x, int y, float v) { m.at(x, y) = v * sheet.at(x, y); });
  ink(c, m, fade);
}

// The picture area of a mounted print in `box`.
Box picture_box(Box box) {
  const float mgn = std::min(box.w(), box.h()) * 0.045f;
  return {box.x0 + mgn, box.y0 + mgn, box.x1 - mgn, box.y1 - mgn * 1.3f};
}

// Low-frequency field over the canvas window, from a function of picture coordinates.
template <class F>
SmoothField uv_field(const Canvas& c, Box pb, float cells, F&& f) {
  return SmoothField(c, cells,
                     [&](Vec2 p) { return f(Vec2{(p.x - pb.x0) / pb.w(), (p.y - pb.y0) / pb.h()}); });
}

// Mounted print: a white card with the picture inset; `picture` gives the colour at p.
template <class Picture>
void print_plate(Canvas& c, Box box, std::uint64_t seed, Picture&& picture) {
  const float S = std::min(box.w(), box.h());
  Plane card = c.plane();
  Path outline;
  outline.rect({box.x0, box.y0}, {box.x1, box.y1});
  fill(card, c, outline);
  level(c, card, S * 0.006f);
  const Noise n(seed + 77);
  const float q = 1.f / c.unit();
  lay(c, card, [&](Vec2 p) {
    return Finish{Rgb{0.72f, 0.68f, 0.58f} * (0.97f + 0.03f * n.value(p.x * q * 500.f, p.y * q * 500.f)), 0.f, 0.9f};
  });
  const Box pb = picture_box(box);
  Plane pic = c.plane();
  Path inner;
  inner.rect({pb.x0, pb.y0}, {pb.x1, pb.y1});
  fill(pic, c, inner);
  lay(c, pic, [&](Vec2 p) { return Finish{picture(Vec2{(p.x - pb.x0) / pb.w(), (p.y - pb.y0) / pb.h()}, p), 0.f, 0.85f}; });
  // Paper grain of the print.
  each(card, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    c.h.at(x, y) += m * n.value(p.x * q * 400.f, p.y * q * 400.f) * S * 0.0003f;
  });
}

Rgb sky(Vec2 uv, float clouds, float horizon) {
  const float t = clamp01(uv.y / horizon);
  Rgb col = mix(Rgb{0.30f, 0.40f, 0.52f}, Rgb{0.70f, 0.62f, 0.50f}, t * t);
  const float cl = smoothstep(0.1f, 0.6f, clouds) * (1.f - t);
  return mix(col, Rgb{0.80f, 0.76f, 0.70f}, cl * 0.6f);
}

void draw_rock_sanctuary(Canvas& c, Rng& rng, Box box, std::uint64_t seed) {
  const Noise n(seed + 5), rock(seed + 9);
  // Niches: trapezoids in clusters on the cliff.
  struct Niche {
    Vec2 c;
    float w, h;
  };
  std::vector<Niche> niches;
  // Rows of niches cut at reachable heights, in one or two groups.
  const int groups = rng.range(1, 2);
  for (int g = 0; g < groups; ++g) {
    const float gx = groups == 1 ? rng.uniform(0.38f, 0.62f) : (g == 0 ? rng.uniform(0.22f, 0.38f) : rng.uniform(0.6f, 0.78f));
    const int rows = rng.range(2, 3);
    for (int row = 0; row < rows; ++row) {
      const int cnt = rng.range(3, 6);
      const float y = 0.42f + 0.1f * static_cast<float>(row) + rng.uniform(-0.01f, 0.01f);
      for (int i = 0; i < cnt; ++i) {
        const float x = gx + (static_cast<float>(i) - static_cast<float>(cnt - 1) * 0.5f) * 0.05f + rng.uniform(-0.008f, 0.008f);
        niches.push_back({{x, y + rng.uniform(-0.012f, 0.012f)}, rng.uniform(0.014f, 0.02f), rng.uniform(0.03f, 0.042f)});
      }
    }
  }
  const Box pb = picture_box(box);
  const float aspect = pb.w() / pb.h();
  const SmoothField clouds = uv_field(c, pb, 64.f, [&](Vec2 uv) { return n.fbm(uv.x * 3.f, uv.y * 8.f, 5); });
  const SmoothField top_f = uv_field(c, pb, 128.f, [&](Vec2 uv) {
    return 0.18f + 0.12f * rock.fbm(uv.x * 3.f, 1.5f, 4) + 0.08f * std::sin(uv.x * 2.5f + 1.f);
  });
  const SmoothField foot_f = uv_field(c, pb, 128.f, [&](Vec2 uv) { return 0.80f + 0.05f * rock.fbm(uv.x * 4.f, 8.f, 3); });
  const SmoothField relief = uv_field(c, pb, 320.f, [&](Vec2 uv) { return rock.fbm(uv.x * 6.f * aspect, uv.y * 6.f, 6); });
  const SmoothField fissure = uv_field(c, pb, 320.f, [&](Vec2 uv) { return rock.fbm(uv.x * 9.f * aspect, uv.y * 2.f + 3.f, 4); });
  const SmoothField tone = uv_field(c, pb, 256.f, [&](Vec2 uv) { return rock.fbm(uv.x * 2.f, uv.y * 12.f, 3); });
  const SmoothField lichen = uv_field(c, pb, 256.f, [&](Vec2 uv) { return rock.fbm(uv.x * 14.f, uv.y * 14.f, 4); });
  const SmoothField scrub = uv_field(c, pb, 320.f, [&](Vec2 uv) { return rock.fbm(uv.x * 30.f * aspect, uv.y * 30.f, 4); });
  const float ex = pb.w() * 0.002f;
  print_plate(c, box, seed, [&](Vec2 uv, Vec2 p) {
    // Cliff top silhouette.
    const float top = top_f.at(p);
    const float foot = foot_f.at(p);
    if (uv.y < top) return sky(uv, clouds.at(p), top + 0.3f);
    if (uv.y > foot) {
      // Foreground slope with scrub.
      const float g = scrub.at(p);
      Rgb col = mix(Rgb{0.16f, 0.15f, 0.08f}, Rgb{0.30f, 0.25f, 0.13f}, 0.5f + 0.5f * g);
      return col * (0.8f + 0.3f * smoothstep(0.3f, 0.8f, rock.value(uv.x * 200.f, uv.y * 200.f)));
    }
    // Rock face: layered granite with fissures, lit from the left.
    const float h0 = relief.at(p), hx = relief.at(p + Vec2{ex, 0.f});
    const float shade = 0.75f + 6.f * (h0 - hx);
    const float f1 = 1.f - std::fabs(fissure.at(p));
    const float f2 = f1 * f1, f4 = f2 * f2, f8 = f4 * f4;
    const float fis = f8 * f4 * f2;
    Rgb col = mix(Rgb{0.42f, 0.36f, 0.28f}, Rgb{0.56f, 0.50f, 0.40f}, 0.5f + 0.5f * tone.at(p));
    col = col * std::clamp(shade, 0.35f, 1.3f);
    col = mix(col, Rgb{0.08f, 0.07f, 0.06f}, fis * 0.8f);
    col = col * (0.9f + 0.1f * rock.value(uv.x * 400.f * aspect, uv.y * 400.f));
    // Darker toward the foot, lichen patches.
    col = col * (1.f - 0.3f * smoothstep(top, foot, uv.y) * 0.5f);
    col = mix(col, Rgb{0.35f, 0.36f, 0.22f}, 0.3f * smoothstep(0.35f, 0.6f, lichen.at(p)));
    for (const Niche& ni : niches) {
      const float dy = (uv.y - ni.c.y) / ni.h;
      if (dy < -1.f || dy > 1.f) continue;
      const float half_w = ni.w * (1.f - 0.25f * (dy + 1.f) * 0.5f) / aspect;  // narrower at the top
      const float dx = (uv.x - ni.c.x) / half_w;
      if (std::fabs(dx) < 1.f) {
        // Inside: shadow deepest under the lintel, the sill and the left wall catch light.
        const float sill = smoothstep(0.78f, 1.f, dy);
        const float wall = smoothstep(0.7f, 1.f, -dx);
        const float depth = 0.35f + 0.65f * smoothstep(-1.f, 0.6f, dy);
        Rgb in = Rgb{0.06f, 0.05f, 0.045f} * (0.6f + 0.8f * depth);
        in = mix(in, col * 0.85f, std::max(sill * 0.7f, wall * 0.5f));
        return in;
      }
      // Chisel-dressed rim round the niche.
      if (std::fabs(dx) < 1.25f && dy > -1.1f) col = col * (std::fabs(dx) > 1.f ? 1.12f : 1.f);
    }
    return col;
  });
}

void draw_landscape(Canvas& c, Rng& rng, Box box, std::uint64_t seed) {
  const Noise n(seed + 5), land(seed + 13);
  struct Mound {
    float x, y, w, h;
  };
  std::vector<Mound> mounds;
  const int nm = rng.range(4, 7);
  for (int i = 0; i < nm; ++i) {
    const float y = rng.uniform(0.56f, 0.9f);
    const float s = 0.3f + (y - 0.5f) * 2.2f;  // nearer mounds look bigger
    mounds.push_back({rng.uniform(0.08f, 0.92f), y, rng.uniform(0.09f, 0.14f) * s, rng.uniform(0.05f, 0.075f) * s});
  }
  std::sort(mounds.begin(), mounds.end(), [](const Mound& a, const Mound& b) { return a.y < b.y; });
  const Box pb = picture_box(box);
  const float aspect = pb.w() / pb.h();
  const Rgb haze{0.62f, 0.60f, 0.56f};
  const float horizon = 0.50f;
  const SmoothField clouds = uv_field(c, pb, 64.f, [&](Vec2 uv) { return n.fbm(uv.x * 3.f, uv.y * 8.f, 5); });
  const SmoothField far_f = uv_field(c, pb, 128.f, [&](Vec2 uv) { return 0.30f + 0.08f * land.fbm(uv.x * 2.5f, 1.f, 5); });
  const SmoothField near_f = uv_field(c, pb, 128.f, [&](Vec2 uv) { return 0.42f + 0.06f * land.fbm(uv.x * 4.f + 9.f, 2.f, 5); });
  const SmoothField mount = uv_field(c, pb, 192.f, [&](Vec2 uv) { return land.fbm(uv.x * 20.f, uv.y * 20.f, 3); });
  const SmoothField hills = uv_field(c, pb, 256.f, [&](Vec2 uv) { return land.fbm(uv.x * 30.f, uv.y * 30.f, 4); });
  const SmoothField stripes = uv_field(c, pb, 256.f, [&](Vec2 uv) {
    const float d = std::max(0.f, (uv.y - horizon) / (1.f - horizon));
    return std::sin((uv.x - 0.5f) / (0.05f + d) * 9.f + land.fbm(uv.x * 3.f, d * 5.f, 3) * 3.f);
  });
  const SmoothField trees = uv_field(c, pb, 320.f, [&](Vec2 uv) {
    const float d = std::max(0.f, (uv.y - horizon) / (1.f - horizon));
    return land.fbm(uv.x * 40.f * aspect, uv.y * 70.f / (0.2f + d), 3);
  });
  print_plate(c, box, seed, [&](Vec2 uv, Vec2 p) {
    // Mountains: two ridgelines, the farther one paler.
    const float far_r = far_f.at(p);
    const float near_r = near_f.at(p);
    Rgb col;
    if (uv.y < far_r) {
      col = sky(uv, clouds.at(p), horizon);
    } else if (uv.y < near_r) {
      const float t = (uv.y - far_r) / (near_r - far_r);
      col = mix(Rgb{0.36f, 0.40f, 0.46f}, Rgb{0.42f, 0.44f, 0.46f}, t);
      col = col * (0.95f + 0.08f * mount.at(p));
    } else if (uv.y < horizon) {
      const float t = (uv.y - near_r) / (horizon - near_r);
      col = mix(Rgb{0.22f, 0.26f, 0.24f}, Rgb{0.30f, 0.32f, 0.22f}, t);
      col = col * (0.9f + 0.15f * hills.at(p));
      col = mix(col, haze, 0.35f * (1.f - t));
    } else {
      // The plain: fields in strips, converging with distance.
      const float d = (uv.y - horizon) / (1.f - horizon);
      Rgb field = mix(Rgb{0.34f, 0.31f, 0.16f}, Rgb{0.24f, 0.28f, 0.13f}, 0.5f + 0.35f * stripes.at(p));
      field = field * (0.9f + 0.12f * land.value(uv.x * 60.f * aspect, uv.y * 60.f));
      col = mix(field, haze, 0.45f * (1.f - d) * (1.f - d));
      // Trees: dark clumps along field edges.
      const float tr = trees.at(p);
      if (tr > 0.58f) col = mix(col, Rgb{0.09f, 0.11f, 0.05f}, smoothstep(0.58f, 0.63f, tr) * (0.4f + 0.4f * d));
    }
    // Tumuli on the plain: grassy mounds lit from the left, with a shadow to the right.
    for (const Mound& m : mounds) {
      const float dx = (uv.x - m.x) / m.w, dy = (m.y - uv.y) / m.h;
      const float dd = (m.y - horizon) / (1.f - horizon);
      if (dy < 0.f && dy > -0.25f && dx > -0.6f && dx < 1.6f) {
        col = col * (1.f - 0.35f * (1.f + dy * 4.f) * smoothstep(-0.6f, 0.2f, dx) * (1.f - smoothstep(1.f, 1.6f, dx)));
        continue;
      }
      if (dy < 0.f || dy > 1.f || std::fabs(dx) > 1.f) continue;
      const float top = 1.f - dx * dx;
      if (dy > top) continue;
      // Shading of a dome lit from the upper left: normal from the mound's profile.
      const float nx = dx, ny = std::sqrt(std::max(0.f, top - dy)) ;
      const float light = std::clamp(0.75f - 0.75f * nx + 0.35f * ny, 0.35f, 1.45f);
      Rgb g = mix(Rgb{0.40f, 0.38f, 0.18f}, Rgb{0.50f, 0.46f, 0.24f}, 0.5f + 0.5f * land.value(uv.x * 300.f, uv.y * 300.f));
      col = mix(g * light, haze, 0.35f * (1.f - dd) * (1.f - dd));
    }
    return col;
  });
}

}  // namespace

void draw_site(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  const float aspect = r.variant == "city-plan" || r.variant == "fortress" ? 1.33f : 1.45f;
  const Box box = fit_box(c, aspect, 0.08f);
  set_stage(st, r, box, Backdrop::linen);
  const auto seed = static_cast<std::uint64_t>(r.seed);
  if (r.variant == "city-plan")
    draw_city_plan(c, rng, box, seed);
  else if (r.variant == "fortress")
    draw_fortress(c, rng, box, seed);
  else if (r.variant == "rock-sanctuary")
    draw_rock_sanctuary(c, rng, box, seed);
  else
    draw_landscape(c, rng, box, seed);
}

}  // namespace orpheus::illustrate
