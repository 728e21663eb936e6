#include "illustrate/raster.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace orpheus::illustrate {
namespace {

struct Edge {
  float x0, y0, x1, y1;  // y0 < y1, x relative to the buffer's left column
  float dir;             // +1 downwards, -1 upwards
};

constexpr int kChunkRows = 32;

// Adds the signed area of one edge to the accumulation rows [cy0, cy1) (font-rs algorithm).
void accumulate(const Edge& e, int cy0, int cy1, float width, float* acc, int stride) {
  const float ys = std::max(e.y0, static_cast<float>(cy0));
  const float ye = std::min(e.y1, static_cast<float>(cy1));
  if (ys >= ye) return;
  const float dxdy = (e.x1 - e.x0) / (e.y1 - e.y0);
  float x = e.x0 + (ys - e.y0) * dxdy;
  const int ystart = static_cast<int>(ys);  // ys >= 0 inside the clip
  const int yend = static_cast<int>(std::ceil(ye));
  for (int y = ystart; y < yend; ++y) {
    const float dy = std::min(static_cast<float>(y + 1), ye) - std::max(static_cast<float>(y), ys);
    float xnext = std::clamp(x + dxdy * dy, 0.f, width);
    x = std::clamp(x, 0.f, width);
    const float d = dy * e.dir;
    float* a = acc + static_cast<std::ptrdiff_t>(y - cy0) * stride;
    const float xa = std::min(x, xnext), xb = std::max(x, xnext);
    const int x0i = static_cast<int>(xa);  // xa, xb >= 0: truncation is floor
    const float x0floor = static_cast<float>(x0i);
    int x1i = static_cast<int>(xb);
    if (static_cast<float>(x1i) < xb) ++x1i;  // ceil
    const float x1ceil = static_cast<float>(x1i);
    if (x1i <= x0i + 1) {
      const float xmf = 0.5f * (x + xnext) - x0floor;
      a[x0i] += d - d * xmf;
      a[x0i + 1] += d * xmf;
    } else {
      const float s = 1.f / (xb - xa);
      const float x0f = xa - x0floor;
      const float a0 = 0.5f * s * (1.f - x0f) * (1.f - x0f);
      const float x1f = xb - x1ceil + 1.f;
      const float am = 0.5f * s * x1f * x1f;
      a[x0i] += d * a0;
      if (x1i == x0i + 2) {
        a[x0i + 1] += d * (1.f - a0 - am);
      } else {
        const float a1 = s * (1.5f - x0f);
        a[x0i + 1] += d * (a1 - a0);
        for (int xi = x0i + 2; xi < x1i - 1; ++xi) a[xi] += d * s;
        const float a2 = a1 + static_cast<float>(x1i - x0i - 3) * s;
        a[x1i - 1] += d * (1.f - a2 - am);
      }
      a[x1i] += d * am;
    }
    x = xnext;
  }
}

// Splits a segment at the vertical lines x=lo and x=hi and clamps the outer pieces onto them
// (what lies left of the clip still counts as winding for the pixels inside).
void add_clipped(std::vector<Edge>& out, Vec2 a, Vec2 b, float lo, float hi) {
  if (a.y == b.y) return;
  // Split parameters (at most two inner ones), in increasing order.
  float ts[4] = {0.f, 1.f, 1.f, 1.f};
  int nt = 1;
  const float dx = b.x - a.x;
  if (dx != 0.f) {
    float ta = (lo - a.x) / dx, tb = (hi - a.x) / dx;
    if (ta > tb) std::swap(ta, tb);
    if (ta > 0.f && ta < 1.f) ts[nt++] = ta;
    if (tb > 0.f && tb < 1.f) ts[nt++] = tb;
  }
  ts[nt++] = 1.f;
  for (int i = 0; i + 1 < nt; ++i) {
    const float t0 = ts[i], t1 = ts[i + 1];
    if (t1 <= t0) continue;
    Vec2 p = mix(a, b, t0), q = mix(a, b, t1);
    p.x = std::clamp(p.x, lo, hi);
    q.x = std::clamp(q.x, lo, hi);
    if (p.y == q.y) continue;
    if (p.y < q.y)
      out.push_back({p.x - lo, p.y, q.x - lo, q.y, 1.f});
    else
      out.push_back({q.x - lo, q.y, p.x - lo, p.y, -1.f});
  }
}

}  // namespace

IRect raster_bounds(const Path& path, float scale) {
  if (path.empty()) return {};
  const Box b = path.bounds();
  if (b.x1 < b.x0) return {};
  return {static_cast<int>(std::floor(b.x0 * scale)), static_cast<int>(std::floor(b.y0 * scale)),
          static_cast<int>(std::ceil(b.x1 * scale)) + 1, static_cast<int>(std::ceil(b.y1 * scale)) + 1};
}

void rasterize(const Path& path, float scale, IRect clip, FillRule rule, const RowFn& row) {
  const IRect bb = intersect(raster_bounds(path, scale), clip);
  if (bb.empty()) return;
  const float lo = static_cast<float>(bb.x0), hi = static_cast<float>(bb.x1);
  std::vector<Edge> edges;
  for (const Polyline& c : path.contours()) {
    const std::size_t n = c.size();
    if (n < 2) continue;
    for (std::size_t i = 0; i < n; ++i) {
      const Vec2 a = c[i] * scale, b = c[(i + 1) % n] * scale;
      if (std::max(a.y, b.y) <= static_cast<float>(bb.y0) || std::min(a.y, b.y) >= static_cast<float>(bb.y1))
        continue;
      add_clipped(edges, a, b, lo, hi);
    }
  }
  if (edges.empty()) return;
  std::sort(edges.begin(), edges.end(), [](const Edge& p, const Edge& q) { return p.y0 < q.y0; });
  const int bw = bb.w();
  const int stride = bw + 2;
  std::vector<float> acc(static_cast<std::size_t>(stride) * kChunkRows);
  std::vector<float> cov(static_cast<std::size_t>(bw));
  std::size_t first = 0;  // edges before `first` end above the current chunk? (not tracked)
  for (int cy0 = bb.y0; cy0 < bb.y1; cy0 += kChunkRows) {
    const int cy1 = std::min(cy0 + kChunkRows, bb.y1);
    std::fill(acc.begin(), acc.end(), 0.f);
    bool any = false;
    for (std::size_t i = first; i < edges.size(); ++i) {
      const Edge& e = edges[i];
      if (e.y0 >= static_cast<float>(cy1)) break;  // sorted by y0: nothing further starts here
      if (e.y1 <= static_cast<float>(cy0)) continue;
      accumulate(e, cy0, cy1, static_cast<float>(bw), acc.data(), stride);
      any = true;
    }
    // Advance `first` past a prefix of edges that are entirely above the next chunk.
    while (first < edges.size() && edges[first].y1 <= static_cast<float>(cy1)) ++first;
    if (!any) continue;
    for (int y = cy0; y < cy1; ++y) {
      const float* a = acc.data() + static_cast<std::ptrdiff_t>(y - cy0) * stride;
      float s = 0.f;
      bool touched = false;
      for (int x = 0; x < bw; ++x) {
        s += a[x];
        float w = std::fabs(s);
        if (rule == FillRule::even_odd) {
          w = std::fmod(w, 2.f);
          if (w > 1.f) w = 2.f - w;
        }
        w = std::min(w, 1.f);
        if (w < 1e-4f) w = 0.f;
        touched |= w > 0.f;
        cov[static_cast<std::size_t>(x)] = w;
      }
      if (touched) row(y, bb.x0, bw, cov.data());
    }
  }
}

}  // namespace orpheus::illustrate
