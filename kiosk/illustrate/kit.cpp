#include "illustrate/kit.h"

#include "illustrate/field.h"

#include <algorithm>
#include <cmath>

namespace orpheus::illustrate {
namespace {

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

Rng recipe_rng(const Recipe& r, std::uint64_t salt) {
  return Rng(mix64(static_cast<std::uint64_t>(r.seed) ^ mix64(fnv1a(r.kind) + 3 * fnv1a(r.variant)) ^ mix64(salt + 1)));
}

Box fit_box(const Canvas& c, float aspect, float margin, Vec2 shift) {
  const float W = static_cast<float>(c.width()), H = static_cast<float>(c.height());
  const float m = margin * c.unit();
  const float aw = std::max(1.f, W - 2.f * m), ah = std::max(1.f, H - 2.f * m);
  float w = aw, h = aw / aspect;
  if (h > ah) {
    h = ah;
    w = ah * aspect;
  }
  const Vec2 ctr{W * (0.5f + shift.x), H * (0.5f + shift.y)};
  return {ctr.x - w * 0.5f, ctr.y - h * 0.5f, ctr.x + w * 0.5f, ctr.y + h * 0.5f};
}

Backdrop default_backdrop(Material m) {
  switch (m) {
    case Material::gold:
    case Material::silver:
    case Material::gilded_silver:
    case Material::bronze: return Backdrop::black;
    case Material::clay:
    case Material::marble:
    case Material::stone: return Backdrop::grey;
    case Material::fresco: return Backdrop::linen;
  }
  return Backdrop::grey;
}

void set_stage(Stage& st, const Recipe& r, Box object, Backdrop fallback) {
  st.backdrop = r.backdrop.value_or(fallback);
  st.focus = object.center() - Vec2{0.f, 0.06f * object.h()};
  st.seed = mix64(static_cast<std::uint64_t>(r.seed) ^ 0x3c6ef372fe94f82bULL);
}

void emboss(Canvas& c, const Plane& shape, float height, float soft) {
  Plane t = c.plane();
  copy(t, shape);
  blur(t, c, soft * 1.15f, 2);
  raise(c, t, height);
}

void cushion(Canvas& c, const Plane& shape, float height, float soft) {
  Plane t = c.plane();
  copy(t, shape);
  blur(t, c, soft * 1.15f, 2);
  each(t, [&](int x, int y, float v) { c.h.at(x, y) += height * std::sqrt(std::max(v, 0.f)); });
  c.h.mark(t.dirty);
}

void engrave(Canvas& c, std::span<const Polyline> lines, float width, float depth, float darken) {
  Plane m = c.plane();
  for (const Polyline& l : lines) stroke(m, c, l, width);
  Plane soft = c.plane();
  copy(soft, m);
  blur(soft, c, width * 0.35f, 2);
  raise(c, soft, -depth);
  tint(c, m, Rgb{0.55f, 0.5f, 0.45f}, darken);
}

// ---- slabs -------------------------------------------------------------------------------

Path slab_outline(Box b, Rng& rng, float chip, bool broken_corner) {
  const Noise n(rng.next());
  const Vec2 corners[4] = {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}};
  const float perim = 2.f * (b.w() + b.h());
  const float step = perim / 400.f;
  const int broken = broken_corner ? rng.range(0, 3) : -1;
  const float bw = std::min(b.w(), b.h()) * rng.uniform(0.12f, 0.22f);
  Polyline poly;
  float run = 0.f;
  for (int e = 0; e < 4; ++e) {
    const Vec2 a = corners[e], z = corners[(e + 1) % 4];
    const Vec2 inward = perp(normalize(z - a));  // y down: perp of a clockwise edge points inside
    const float len = length(z - a);
    const int k = std::max(2, static_cast<int>(len / step));
    for (int i = 0; i < k; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(k);
      Vec2 p = mix(a, z, t);
      const float s = (run + t * len) / perim * 60.f;
      const float d = std::fabs(n.fbm(s, 0.5f, 4)) * chip * 1.6f + std::max(0.f, n.value(s * 0.2f, 9.f)) * chip;
      p = p + inward * d;
      // Broken corner: everything within bw of that corner is cut on a ragged diagonal.
      if (broken >= 0) {
        const Vec2 cc = corners[broken];
        const float dist = std::fabs(p.x - cc.x) + std::fabs(p.y - cc.y);
        if (dist < bw) {
          const Vec2 ctr = b.center();
          const Vec2 dir = normalize(ctr - cc);
          const float need = (bw - dist) * 0.5f + n.value(s * 3.f, 4.f) * bw * 0.08f;
          p = p + dir * need;
        }
      }
      poly.push_back(p);
    }
    run += len;
  }
  Path out;
  out.polygon(poly);
  return out;
}

void slab(Canvas& c, const Path& outline, const MaterialLook& look, float thickness, float bevel, float erosion,
          std::uint64_t seed, Plane& mask) {
  fill(mask, c, outline);
  level(c, mask, 0.f);
  emboss(c, mask, thickness, bevel);
  lay(c, mask, [&](Vec2 p) { return look.at(p); });
  const Noise n(seed ^ 0x9b05688c2b3e6c1fULL);
  const float q = 1.f / c.unit();
  const SmoothField broad(c, 128.f,
                          [&](Vec2 p) { return n.fbm(p.x * q * 14.f, p.y * q * 14.f, 3); });
  each(mask, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float e = broad.at(p) + 0.35f * n.value(p.x * q * 260.f, p.y * q * 260.f);
    c.h.at(x, y) += e * erosion * m;
  });
}

// ---- Lathe -------------------------------------------------------------------------------

Lathe::Lathe(float cx, std::span<const Vec2> radius_y, int samples) : cx_(cx) {
  std::vector<Vec2> pts(radius_y.begin(), radius_y.end());
  const Polyline dense = spline(pts, 24);
  const float top = dense.front().y, bot = dense.back().y;
  const int n = std::max(samples, 8);
  y_.resize(static_cast<std::size_t>(n));
  r_.assign(static_cast<std::size_t>(n), 0.f);
  for (int i = 0; i < n; ++i) y_[static_cast<std::size_t>(i)] = top + (bot - top) * static_cast<float>(i) / static_cast<float>(n - 1);
  const float dy = (bot - top) / static_cast<float>(n - 1);
  for (std::size_t k = 0; k + 1 < dense.size(); ++k) {
    const Vec2 a = dense[k], b = dense[k + 1];
    const float lo = std::min(a.y, b.y), hi = std::max(a.y, b.y);
    const int i0 = std::max(0, static_cast<int>(std::ceil((lo - top) / dy)));
    const int i1 = std::min(n - 1, static_cast<int>(std::floor((hi - top) / dy)));
    for (int i = i0; i <= i1; ++i) {
      const float y = y_[static_cast<std::size_t>(i)];
      const float t = hi > lo ? (y - a.y) / (b.y - a.y) : 0.f;
      const float r = std::max(0.f, lerp(a.x, b.x, clamp01(t)));
      r_[static_cast<std::size_t>(i)] = std::max(r_[static_cast<std::size_t>(i)], r);
    }
  }
}

float Lathe::radius(float y) const {
  if (y < y_.front() || y > y_.back()) return 0.f;
  const float f = (y - y_.front()) / (y_.back() - y_.front()) * static_cast<float>(y_.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(f), y_.size() - 2);
  const float t = f - static_cast<float>(i);
  return lerp(r_[i], r_[i + 1], t);
}

Vec2 Lathe::at(float theta, float y) const { return {cx_ + radius(y) * std::sin(theta), y}; }

Vec2 Lathe::wrap(Vec2 uv, float rref) const {
  const float th = std::clamp(uv.x / rref, -kPi * 0.5f, kPi * 0.5f);
  return at(th, uv.y);
}

Path Lathe::silhouette(float tolerance) const {
  Path p({}, tolerance);
  Polyline poly;
  poly.reserve(y_.size() * 2);
  for (std::size_t i = 0; i < y_.size(); ++i) poly.push_back({cx_ + r_[i], y_[i]});
  for (std::size_t i = y_.size(); i-- > 0;) poly.push_back({cx_ - r_[i], y_[i]});
  p.polygon(poly);
  return p;
}

void Lathe::draw(Canvas& c, Plane& mask) const {
  fill(mask, c, silhouette(), 1.f);
  each(mask, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float r = radius(p.y), dx = p.x - cx_;
    const float hh = std::sqrt(std::max(0.f, r * r - dx * dx));
    float& h = c.h.at(x, y);
    h += (hh - h) * m;
  });
  c.h.mark(mask.dirty);
}

float Lathe::facing(Vec2 p) const {
  const float r = radius(p.y);
  if (r <= 0.f) return 0.f;
  const float u = (p.x - cx_) / r;
  return std::sqrt(std::max(0.f, 1.f - u * u));
}

// ---- tubes -------------------------------------------------------------------------------

void tube(const Canvas& c, std::span<const TubeNode> nodes, Plane& mask, Plane& height, const TubeMod& mod) {
  if (nodes.empty()) return;
  const float s = c.scale();
  float along = 0.f;
  const std::size_t nseg = nodes.size() == 1 ? 1 : nodes.size() - 1;
  for (std::size_t i = 0; i < nseg; ++i) {
    const TubeNode na = nodes[i], nb = nodes[std::min(i + 1, nodes.size() - 1)];
    const Vec2 ab = nb.p - na.p;
    const float len2 = dot(ab, ab), len = std::sqrt(len2);
    const float rmax = std::max(na.r, nb.r) + 1.5f / s;
    const Box bb{std::min(na.p.x, nb.p.x) - rmax, std::min(na.p.y, nb.p.y) - rmax, std::max(na.p.x, nb.p.x) + rmax,
                 std::max(na.p.y, nb.p.y) + rmax};
    const IRect box = intersect(c.raster(bb), mask.window());
    if (!box.empty()) {
      for (int y = box.y0; y < box.y1; ++y) {
        float* mr = mask.row(y);
        float* hr = height.row(y);
        for (int x = box.x0; x < box.x1; ++x) {
          const Vec2 p = c.design(x, y);
          const Vec2 ap = p - na.p;
          const float t = len2 > 0.f ? std::clamp(dot(ap, ab) / len2, 0.f, 1.f) : 0.f;
          const Vec2 q = na.p + ab * t;
          const Vec2 dv = p - q;
          const float d = length(dv);
          const float r = lerp(na.r, nb.r, t);
          const float cv = clamp01((r - d) * s + 0.5f);
          if (cv <= 0.f) continue;
          mr[x] = std::max(mr[x], cv);
          float hh = std::sqrt(std::max(0.f, r * r - d * d));
          if (mod) {
            const float across = len > 0.f ? std::clamp(cross(ab, dv) / (len * std::max(r, 1e-3f)), -1.f, 1.f) : 0.f;
            hh += mod(along + t * len, across);
          }
          hr[x] = std::max(hr[x], hh);
        }
      }
      mask.mark(box);
      height.mark(box);
    }
    along += len;
  }
}

void place_height(Canvas& c, const Plane& mask, const Plane& height, bool add) {
  each(mask, [&](int x, int y, float m) {
    float& h = c.h.at(x, y);
    const float target = (add ? h : 0.f) + height.at(x, y);
    h += (target - h) * m;
  });
  c.h.mark(mask.dirty);
}

void apply_motif(Canvas& c, const Motif& m, const MotifStyle& st, const MaterialLook& look) {
  Plane mh = c.plane(), ml = c.plane();
  if (!m.high.empty()) fill(mh, c, m.high);
  if (!m.low.empty()) fill(ml, c, m.low);
  if (st.low != 0.f && !ml.dirty.empty()) emboss(c, ml, st.low, st.soft);
  if (st.high != 0.f && !mh.dirty.empty()) emboss(c, mh, st.high, st.soft);
  if (st.gild_low) lay(c, ml, [&](Vec2 p) { return look.gilt(p); });
  if (st.gild_high) lay(c, mh, [&](Vec2 p) { return look.gilt(p); });
  if (st.paint_low) lay(c, ml, *st.paint_low);
  if (st.paint_high) lay(c, mh, *st.paint_high);
  if (!m.lines.empty() && (st.line_depth != 0.f || st.paint_lines)) {
    const float w = m.line_width * st.line_scale;
    if (st.line_depth != 0.f) engrave(c, m.lines, w, st.line_depth);
    if (st.paint_lines) {
      Plane ln = c.plane();
      for (const Polyline& l : m.lines) stroke(ln, c, l, w);
      lay(c, ln, *st.paint_lines);
    }
  }
}


}  // namespace orpheus::illustrate
