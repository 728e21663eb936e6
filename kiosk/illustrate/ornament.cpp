#include "illustrate/ornament.h"

#include <algorithm>
#include <cmath>

namespace orpheus::illustrate {
namespace {

int repeats(float u0, float u1, float nominal) {
  return std::max(1, static_cast<int>(std::lround((u1 - u0) / std::max(nominal, 1e-3f))));
}

// Spiral polyline around c from angle a0 to a1 with radius r0 -> r1.
Polyline spiral_line(Vec2 c, float r0, float r1, float a0, float a1, int n = 96) {
  Polyline out;
  out.reserve(static_cast<std::size_t>(n) + 1);
  for (int i = 0; i <= n; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(n);
    out.push_back(c + polar(lerp(a0, a1, t), lerp(r0, r1, t)));
  }
  return out;
}

// Teardrop leaf from `base` in direction `dir`: length len, half-width w at 60% of the length.
void leaf(Path& p, Vec2 base, Vec2 dir, float len, float w, float round_tip = 0.6f) {
  const Vec2 side = perp(dir);
  const Vec2 pts[5] = {base, base + dir * (len * round_tip) + side * w, base + dir * len,
                       base + dir * (len * round_tip) - side * w, base + dir * (len * 0.15f)};
  // Base is sharp; the tip is rounded by the spline.
  const int corners[1] = {0};
  p.smooth(std::span<const Vec2>(pts, 4), corners);
}

void axis_rect(Path& p, Vec2 a, Vec2 b, float hw_u, float hw_v) {
  p.rect({std::min(a.x, b.x) - hw_u, std::min(a.y, b.y) - hw_v}, {std::max(a.x, b.x) + hw_u, std::max(a.y, b.y) + hw_v});
}

}  // namespace

Motif Motif::mapped(const std::function<Vec2(Vec2)>& fn, float max_len) const {
  Motif m;
  m.high = high.mapped(fn, max_len);
  m.low = low.mapped(fn, max_len);
  m.line_width = line_width;
  for (const Polyline& l : lines) {
    Polyline r = resample(l, max_len);
    for (Vec2& p : r) p = fn(p);
    m.lines.push_back(std::move(r));
  }
  return m;
}

void Motif::append(const Motif& o) {
  high.append(o.high);
  low.append(o.low);
  lines.insert(lines.end(), o.lines.begin(), o.lines.end());
}

Motif rosette(Vec2 c, float r, int petals, float rotation) {
  Motif m;
  m.line_width = r * 0.04f;
  const float w = r * std::sin(kPi / static_cast<float>(petals)) * 0.78f;
  for (int i = 0; i < petals; ++i) {
    const float a = rotation + 2.f * kPi * static_cast<float>(i) / static_cast<float>(petals);
    const Vec2 d = polar(a, 1.f);
    leaf(m.high, c + d * (r * 0.2f), d, r * 0.8f, w, 0.62f);
    m.lines.push_back({c + d * (r * 0.32f), c + d * (r * 0.82f)});
  }
  m.low.circle(c, r * 0.26f);
  m.high.circle(c, r * 0.16f);
  return m;
}

Motif palmette(Vec2 base, float h, int leaves) {
  Motif m;
  m.line_width = h * 0.03f;
  leaves = std::max(3, leaves | 1);
  const float spread = 1.35f;  // radians either side of vertical
  const float step = 2.f * spread / static_cast<float>(leaves - 1);
  const Vec2 heart = base + Vec2{0.f, -h * 0.12f};
  for (int i = 0; i < leaves; ++i) {
    const float a = -spread + step * static_cast<float>(i);
    const Vec2 d{std::sin(a), -std::cos(a)};
    const float len = h * (0.50f + 0.38f * std::pow(std::cos(a * 0.85f), 1.5f));
    const float w = len * std::sin(step * 0.5f) * 0.72f;
    leaf(m.high, heart + d * (h * 0.08f), d, len - h * 0.08f, w, 0.7f);
    m.lines.push_back({heart + d * (h * 0.16f), heart + d * (len * 0.85f)});
  }
  // Heart (core) and the two volutes of the base.
  m.low.ellipse(heart, h * 0.11f, h * 0.09f);
  for (int s = -1; s <= 1; s += 2) {
    const float sf = static_cast<float>(s);
    const Vec2 c = base + Vec2{sf * h * 0.2f, -h * 0.02f};
    Polyline vol = spiral_line(c, h * 0.12f, h * 0.03f, s < 0 ? -0.2f : kPi + 0.2f,
                               s < 0 ? -0.2f - 1.7f * kPi : kPi + 0.2f + 1.7f * kPi, 48);
    vol.insert(vol.begin(), base + Vec2{0.f, -h * 0.06f});
    m.low.stroke(vol, h * 0.045f);
  }
  return m;
}

Motif band(Band kind, float u0, float u1, float hgt, Rng& rng) {
  Motif m;
  m.line_width = hgt * 0.05f;
  switch (kind) {
    case Band::meander: {
      const int n = repeats(u0, u1, hgt * 8.f / 7.f);
      const float gu = (u1 - u0) / (8.f * static_cast<float>(n)), gv = hgt / 7.f;
      auto P = [&](int k, float col, float row) {
        return Vec2{u0 + (static_cast<float>(k) * 8.f + col + 0.5f) * gu, (row + 0.5f) * gv};
      };
      const float hu = gu * 0.5f, hv = gv * 0.5f;
      for (int k = 0; k < n; ++k) {
        const float pts[7][2] = {{0, 6}, {0, 0}, {6, 0}, {6, 4}, {2, 4}, {2, 2}, {4, 2}};
        for (int i = 0; i + 1 < 7; ++i)
          axis_rect(m.high, P(k, pts[i][0], pts[i][1]), P(k, pts[i + 1][0], pts[i + 1][1]), hu, hv);
      }
      // Continuous base line.
      m.high.rect({u0, 6.f * gv}, {u1, 7.f * gv});
      break;
    }
    case Band::beads: {
      const bool reels = rng.chance(0.5f);
      const int n = repeats(u0, u1, reels ? hgt * 1.5f : hgt * 1.05f);
      const float P = (u1 - u0) / static_cast<float>(n);
      for (int k = 0; k < n; ++k) {
        const float uc = u0 + (static_cast<float>(k) + 0.5f) * P;
        if (reels) {
          m.high.ellipse({uc, hgt * 0.5f}, P * 0.3f, hgt * 0.42f);
          for (float du : {-0.44f, 0.44f}) m.low.ellipse({uc + du * P, hgt * 0.5f}, P * 0.05f, hgt * 0.3f);
        } else {
          m.high.circle({uc, hgt * 0.5f}, std::min(P, hgt) * 0.44f);
        }
      }
      break;
    }
    case Band::ovolo: {
      const int n = repeats(u0, u1, hgt * 0.85f);
      const float P = (u1 - u0) / static_cast<float>(n);
      m.low.rect({u0, 0.f}, {u1, hgt * 0.1f});
      for (int k = 0; k < n; ++k) {
        const float uc = u0 + (static_cast<float>(k) + 0.5f) * P;
        m.high.ellipse({uc, hgt * 0.52f}, P * 0.29f, hgt * 0.38f);
        // Frame around the egg (open at the top fillet).
        Polyline frame = arc({uc, hgt * 0.45f}, P * 0.39f, hgt * 0.49f, 0.f, kPi, 40);
        m.low.stroke(frame, P * 0.06f);
        // Dart between eggs.
        const float ud = u0 + static_cast<float>(k) * P;
        const Vec2 dart[4] = {{ud, hgt * 0.1f}, {ud - P * 0.07f, hgt * 0.62f}, {ud, hgt * 0.98f}, {ud + P * 0.07f, hgt * 0.62f}};
        m.low.polygon(dart);
      }
      break;
    }
    case Band::tongues: {
      const int n = repeats(u0, u1, hgt * 0.42f);
      const float P = (u1 - u0) / static_cast<float>(n);
      for (int k = 0; k < n; ++k) {
        const float uc = u0 + (static_cast<float>(k) + 0.5f) * P;
        const float hw = P * 0.38f;
        Polyline poly;
        poly.push_back({uc - hw, 0.f});
        const Polyline bottom = arc({uc, hgt - hw * 1.05f}, hw, hw, kPi, 0.f, 24);
        poly.insert(poly.end(), bottom.begin(), bottom.end());
        poly.push_back({uc + hw, 0.f});
        m.high.polygon(poly);
      }
      break;
    }
    case Band::palmettes: {
      const int n = repeats(u0, u1, hgt * 1.15f);
      const float P = (u1 - u0) / static_cast<float>(n);
      const int leaves = rng.chance(0.5f) ? 7 : 9;
      for (int k = 0; k < n; ++k) {
        const float uc = u0 + (static_cast<float>(k) + 0.5f) * P;
        Motif p = palmette({uc, hgt * 0.96f}, hgt * 0.92f, leaves);
        m.append(p);
        // S-scroll tendril linking to the next palmette.
        Polyline s = spline(std::vector<Vec2>{{uc + P * 0.14f, hgt * 0.94f}, {uc + P * 0.5f, hgt * 0.80f},
                                              {uc + P * 0.86f, hgt * 0.94f}},
                            12);
        m.lines.push_back(std::move(s));
      }
      m.line_width = hgt * 0.035f;
      break;
    }
    case Band::spirals: {
      const int n = repeats(u0, u1, hgt * 1.1f);
      const float P = (u1 - u0) / static_cast<float>(n);
      const float w = hgt * 0.13f;
      m.low.rect({u0, hgt * 0.86f}, {u1, hgt});
      for (int k = 0; k < n; ++k) {
        const Vec2 c{u0 + (static_cast<float>(k) + 0.58f) * P, hgt * 0.46f};
        const float R = std::min(hgt * 0.36f, P * 0.4f);
        Polyline l = spiral_line(c, R, R * 0.12f, 0.75f * kPi, 3.45f * kPi, 120);
        l.insert(l.begin(), Vec2{u0 + static_cast<float>(k) * P + P * 0.02f, hgt * 0.92f});
        m.high.stroke(l, w);
      }
      break;
    }
    case Band::guilloche: {
      const int n = repeats(u0, u1, hgt * 1.3f);
      const float P = (u1 - u0) / static_cast<float>(n);
      const float A = hgt * 0.31f, w = hgt * 0.13f;
      const int steps_per_half = 24;
      for (int half = 0; half < 2 * n; ++half) {
        for (int strand = 0; strand < 2; ++strand) {
          Polyline l;
          for (int i = 0; i <= steps_per_half; ++i) {
            const float u = u0 + (static_cast<float>(half) + static_cast<float>(i) / steps_per_half) * P * 0.5f;
            const float s = std::sin(2.f * kPi * (u - u0) / P);
            l.push_back({u, hgt * 0.5f + (strand == 0 ? A : -A) * s});
          }
          const bool over = ((half + strand) & 1) == 0;
          (over ? m.high : m.low).stroke(l, w);
        }
        const float ue = u0 + (static_cast<float>(half) + 0.5f) * P * 0.5f;
        m.low.circle({ue, hgt * 0.5f}, hgt * 0.09f);
      }
      break;
    }
    case Band::zigzag: {
      const int n = repeats(u0, u1, hgt * 0.9f);
      const float P = (u1 - u0) / static_cast<float>(n);
      Polyline l;
      for (int k = 0; k <= 2 * n; ++k)
        l.push_back({u0 + static_cast<float>(k) * P * 0.5f, (k & 1) ? hgt * 0.8f : hgt * 0.2f});
      m.high.stroke(l, hgt * 0.14f, false);
      m.low.rect({u0, 0.f}, {u1, hgt * 0.07f});
      m.low.rect({u0, hgt * 0.93f}, {u1, hgt});
      break;
    }
    case Band::rosettes: {
      const int n = repeats(u0, u1, hgt * 1.2f);
      const float P = (u1 - u0) / static_cast<float>(n);
      const int petals = rng.chance(0.5f) ? 8 : 6;
      for (int k = 0; k < n; ++k) {
        const Vec2 c{u0 + (static_cast<float>(k) + 0.5f) * P, hgt * 0.5f};
        m.append(rosette(c, std::min(P, hgt) * 0.44f, petals));
        m.low.circle({u0 + static_cast<float>(k) * P, hgt * 0.5f}, hgt * 0.06f);
      }
      break;
    }
    case Band::scales: {
      const int n = repeats(u0, u1, hgt * 0.5f);
      const float P = (u1 - u0) / static_cast<float>(n);
      for (int row = 0; row < 2; ++row) {
        for (int k = 0; k <= n; ++k) {
          const float uc = u0 + (static_cast<float>(k) + (row ? 0.f : 0.5f)) * P;
          if (uc < u0 || uc > u1) continue;
          const float vc = hgt * (row ? 0.55f : 0.05f);
          const Polyline a = arc({uc, vc}, P * 0.5f, hgt * 0.42f, 0.f, kPi, 24);
          m.low.stroke(a, hgt * 0.06f);
          m.high.ellipse({uc, vc + hgt * 0.18f}, P * 0.28f, hgt * 0.17f);
        }
      }
      break;
    }
    case Band::lotus: {
      const int n = repeats(u0, u1, hgt * 0.9f);
      const float P = (u1 - u0) / static_cast<float>(n);
      for (int k = 0; k < n; ++k) {
        const float uc = u0 + (static_cast<float>(k) + 0.5f) * P;
        const Vec2 b{uc, hgt * 0.95f};
        leaf(m.high, b, {0.f, -1.f}, hgt * 0.85f, P * 0.16f, 0.55f);
        for (int s = -1; s <= 1; s += 2) {
          const Vec2 d = normalize(Vec2{0.55f * static_cast<float>(s), -1.f});
          leaf(m.high, b, d, hgt * 0.62f, P * 0.12f, 0.6f);
        }
        // Bud between flowers, with the connecting arcs.
        const float ub = u0 + static_cast<float>(k) * P;
        leaf(m.low, {ub, hgt * 0.9f}, {0.f, -1.f}, hgt * 0.45f, P * 0.09f, 0.5f);
        m.lines.push_back(arc({uc, hgt * 0.93f}, P * 0.46f, hgt * 0.1f, 0.f, kPi, 16));
      }
      break;
    }
  }
  return m;
}

std::function<Vec2(Vec2)> ring_map(Vec2 centre, float r_out, float r_mid, float rot) {
  return [=](Vec2 uv) { return centre + polar(rot + uv.x / r_mid, r_out - uv.y); };
}

std::function<Vec2(Vec2)> straight_map(Vec2 origin, float u0) {
  return [=](Vec2 uv) { return Vec2{origin.x + uv.x - u0, origin.y + uv.y}; };
}

}  // namespace orpheus::illustrate
