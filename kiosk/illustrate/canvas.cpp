#include "illustrate/canvas.h"

#include <algorithm>
#include <cmath>

namespace orpheus::illustrate {

Plane::Plane(IRect window)
    : win_(window), data_(static_cast<std::size_t>(std::max(0, window.w())) * static_cast<std::size_t>(std::max(0, window.h())), 0.f) {}

Plane::Plane(IRect window, PlanePool* pool) : win_(window), pool_(pool) {
  const std::size_t n = static_cast<std::size_t>(std::max(0, window.w())) * static_cast<std::size_t>(std::max(0, window.h()));
  data_ = pool ? pool->take(n) : std::vector<float>(n, 0.f);
}

Plane::~Plane() { release(); }

void Plane::release() {
  if (pool_ && !data_.empty()) {
    if (clear_all_) {
      std::fill(data_.begin(), data_.end(), 0.f);
      dirty = {};
    }
    clear();
    pool_->give(std::move(data_));
  }
  data_ = {};
  pool_ = nullptr;
}

Plane::Plane(Plane&& o) noexcept
    : dirty(o.dirty), reach(o.reach), win_(o.win_), data_(std::move(o.data_)), pool_(o.pool_), clear_all_(o.clear_all_) {
  o.pool_ = nullptr;
  o.data_ = {};
  o.dirty = {};
}

Plane& Plane::operator=(Plane&& o) noexcept {
  if (this != &o) {
    release();
    dirty = o.dirty;
    reach = o.reach;
    win_ = o.win_;
    data_ = std::move(o.data_);
    pool_ = o.pool_;
    clear_all_ = o.clear_all_;
    o.pool_ = nullptr;
    o.data_ = {};
    o.dirty = {};
  }
  return *this;
}

std::vector<float> PlanePool::take(std::size_t size) {
  std::erase_if(free_, [&](const std::vector<float>& v) { return v.size() != size; });
  if (!free_.empty()) {
    std::vector<float> v = std::move(free_.back());
    free_.pop_back();
    return v;
  }
  return std::vector<float>(size, 0.f);
}

void PlanePool::give(std::vector<float>&& buf) { free_.push_back(std::move(buf)); }

float Plane::clamped(int x, int y) const {
  x = std::clamp(x, win_.x0, win_.x1 - 1);
  y = std::clamp(y, win_.y0, win_.y1 - 1);
  return at(x, y);
}

void Plane::clear() {
  for (int y = dirty.y0; y < dirty.y1; ++y) std::fill(row(y) + dirty.x0, row(y) + dirty.x1, 0.f);
  dirty = {};
  reach = 0.f;
}

double Plane::sum() const {
  double s = 0.0;
  for (int y = dirty.y0; y < dirty.y1; ++y)
    for (int x = dirty.x0; x < dirty.x1; ++x) s += row(y)[x];
  return s;
}

Canvas::Canvas(int width, int height, float scale, IRect window, PlanePool* pool)
    : own_pool_(pool ? nullptr : std::make_unique<PlanePool>()),
      pool_(pool ? pool : own_pool_.get()),
      cov(window, pool_),
      h(window, pool_),
      ar(window, pool_),
      ag(window, pool_),
      ab(window, pool_),
      metal(window, pool_),
      rough(window, pool_),
      width_(width),
      height_(height),
      scale_(scale),
      window_(window) {
  // Layers are written all over by painting code: clear them entirely when recycled.
  for (Plane* p : {&cov, &h, &ar, &ag, &ab, &metal, &rough}) p->set_clear_all();
}

IRect Canvas::raster(Box b) const {
  return {static_cast<int>(std::floor(b.x0 * scale_)), static_cast<int>(std::floor(b.y0 * scale_)),
          static_cast<int>(std::ceil(b.x1 * scale_)) + 1, static_cast<int>(std::ceil(b.y1 * scale_)) + 1};
}

void fill(Plane& m, const Canvas& c, const Path& p, float value, FillRule rule) {
  IRect touched{};
  rasterize(p, c.scale(), m.window(), rule, [&](int y, int x0, int n, const float* cov) {
    float* r = m.row(y) + x0;
    for (int i = 0; i < n; ++i) {
      const float a = cov[i] * value;
      r[i] += a * (1.f - r[i]);
    }
    touched = unite(touched, IRect{x0, y, x0 + n, y + 1});
  });
  m.mark(touched);
}


void cut(Plane& m, const Canvas& c, const Path& p, FillRule rule) {
  rasterize(p, c.scale(), intersect(m.window(), m.dirty), rule, [&](int y, int x0, int n, const float* cov) {
    float* r = m.row(y) + x0;
    for (int i = 0; i < n; ++i) r[i] *= 1.f - cov[i];
  });
}

void stroke(Plane& m, const Canvas& c, std::span<const Vec2> line, float width, float value) {
  // Keep hairlines visible at low resolution: at least ~0.7 raster px wide, fainter.
  const float min_w = 0.7f / c.scale();
  if (width < min_w) {
    value *= width / min_w;
    width = min_w;
  }
  Path p;
  p.stroke(line, width);
  fill(m, c, p, value);
}

void disc(Plane& m, const Canvas& c, Vec2 centre, float radius, float value) {
  const float s = c.scale();
  const float cx = centre.x * s, cy = centre.y * s, r = radius * s;
  const IRect box = intersect({static_cast<int>(std::floor(cx - r - 1)), static_cast<int>(std::floor(cy - r - 1)),
                               static_cast<int>(std::ceil(cx + r + 1)) + 1, static_cast<int>(std::ceil(cy + r + 1)) + 1},
                              m.window());
  if (box.empty()) return;
  for (int y = box.y0; y < box.y1; ++y) {
    float* row = m.row(y);
    const float dy = static_cast<float>(y) + 0.5f - cy;
    for (int x = box.x0; x < box.x1; ++x) {
      const float dx = static_cast<float>(x) + 0.5f - cx;
      const float a = clamp01(r - std::sqrt(dx * dx + dy * dy) + 0.5f) * value;
      if (a > 0.f) row[x] += a * (1.f - row[x]);
    }
  }
  m.mark(box);
}

void dome(Plane& m, const Canvas& c, Vec2 centre, float radius, float k) {
  const float s = c.scale();
  const float cx = centre.x * s, cy = centre.y * s, r = radius * s;
  const IRect box = intersect({static_cast<int>(std::floor(cx - r)), static_cast<int>(std::floor(cy - r)),
                               static_cast<int>(std::ceil(cx + r)) + 1, static_cast<int>(std::ceil(cy + r)) + 1},
                              m.window());
  if (box.empty()) return;
  const float kk = k / s;  // heights are in design px
  for (int y = box.y0; y < box.y1; ++y) {
    float* row = m.row(y);
    const float dy = static_cast<float>(y) + 0.5f - cy;
    for (int x = box.x0; x < box.x1; ++x) {
      const float dx = static_cast<float>(x) + 0.5f - cx;
      const float q = r * r - dx * dx - dy * dy;
      if (q > 0.f) row[x] = std::max(row[x], std::sqrt(q) * kk);
    }
  }
  m.mark(box);
}

void copy(Plane& dst, const Plane& src) {
  dst.clear();
  for (int y = src.dirty.y0; y < src.dirty.y1; ++y)
    std::copy(src.row(y) + src.dirty.x0, src.row(y) + src.dirty.x1, dst.row(y) + src.dirty.x0);
  dst.dirty = src.dirty;
  dst.reach = src.reach;
}

void blur(Plane& m, const Canvas& c, float radius, int passes) {
  m.reach += radius * static_cast<float>(passes);
  c.note_reach(m.reach);
  const float rr = radius * c.scale();
  if (rr < 0.35f || m.dirty.empty()) return;
  const int r = std::max(1, static_cast<int>(std::lround(rr)));
  const int grow = r * passes;
  const IRect reg = intersect({m.dirty.x0 - grow, m.dirty.y0 - grow, m.dirty.x1 + grow, m.dirty.y1 + grow}, m.window());
  m.dirty = reg;
  const int w = reg.w(), hgt = reg.h();
  const double inv = 1.0 / (2 * r + 1);
  // Horizontal passes, row by row.
  std::vector<float> line(static_cast<std::size_t>(w));
  for (int y = reg.y0; y < reg.y1; ++y) {
    float* row = m.row(y) + reg.x0;
    if (std::all_of(row, row + w, [](float v) { return v == 0.f; })) continue;  // stays zero
    for (int p = 0; p < passes; ++p) {
      std::copy(row, row + w, line.begin());
      double s = 0.0;
      for (int i = 0; i <= std::min(r, w - 1); ++i) s += line[static_cast<std::size_t>(i)];
      for (int x = 0; x < w; ++x) {
        row[x] = static_cast<float>(s * inv);
        const int add = x + r + 1, sub = x - r;
        if (add < w) s += line[static_cast<std::size_t>(add)];
        if (sub >= 0) s -= line[static_cast<std::size_t>(sub)];
      }
    }
  }
  // Vertical passes with column accumulators (float, vectorisable; re-summed exactly every
  // 256 rows so rounding cannot drift).
  std::vector<float>& tmp = c.scratch(static_cast<std::size_t>(w) * static_cast<std::size_t>(hgt));
  std::vector<float> acc(static_cast<std::size_t>(w));
  const float finv = static_cast<float>(inv);
  auto t_row = [&](int j) { return tmp.data() + static_cast<std::ptrdiff_t>(j) * w; };
  auto exact = [&](int j) {  // acc = sum of rows j-r .. j+r
    std::fill(acc.begin(), acc.end(), 0.f);
    for (int k = std::max(0, j - r); k <= std::min(hgt - 1, j + r); ++k) {
      const float* t = t_row(k);
      for (int x = 0; x < w; ++x) acc[static_cast<std::size_t>(x)] += t[x];
    }
  };
  for (int p = 0; p < passes; ++p) {
    for (int j = 0; j < hgt; ++j) std::copy(m.row(reg.y0 + j) + reg.x0, m.row(reg.y0 + j) + reg.x1, t_row(j));
    for (int j = 0; j < hgt; ++j) {
      if (((reg.y0 + j) & 255) == 0 || j == 0) exact(j);  // aligned to absolute rows: band-independent
      float* out = m.row(reg.y0 + j) + reg.x0;
      float* a = acc.data();
      for (int x = 0; x < w; ++x) out[x] = a[x] * finv;
      const int add = j + r + 1, sub = j - r;
      if (add < hgt) {
        const float* t = t_row(add);
        for (int x = 0; x < w; ++x) a[x] += t[x];
      }
      if (sub >= 0) {
        const float* t = t_row(sub);
        for (int x = 0; x < w; ++x) a[x] -= t[x];
      }
    }
  }
}

void raise_path(Canvas& c, const Path& p, float k, bool set) {
  IRect touched{};
  rasterize(p, c.scale(), c.window(), FillRule::nonzero, [&](int y, int x0, int n, const float* cov) {
    float* r = c.h.row(y) + x0;
    for (int i = 0; i < n; ++i) r[i] = set ? lerp(r[i], k, cov[i]) : r[i] + k * cov[i];
    touched = unite(touched, IRect{x0, y, x0 + n, y + 1});
  });
  c.h.mark(touched);
}

void raise(Canvas& c, const Plane& m, float k) {
  each(m, [&](int x, int y, float v) { c.h.at(x, y) += k * v; });
  c.h.mark(m.dirty);
}

void level(Canvas& c, const Plane& m, float lv) {
  each(m, [&](int x, int y, float v) {
    float& hh = c.h.at(x, y);
    hh += (lv - hh) * v;
  });
  c.h.mark(m.dirty);
}

void tint(Canvas& c, const Plane& m, Rgb t, float amount) {
  each(m, [&](int x, int y, float v) {
    const float a = std::min(1.f, v * amount);
    c.ar.at(x, y) *= lerp(1.f, t.r, a);
    c.ag.at(x, y) *= lerp(1.f, t.g, a);
    c.ab.at(x, y) *= lerp(1.f, t.b, a);
  });
}

}  // namespace orpheus::illustrate
