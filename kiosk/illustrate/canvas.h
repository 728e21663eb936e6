#pragma once
// Canvas: the raster layers of one horizontal band of an image (or the whole image).
//
// Drawing code works in DESIGN pixels of the full image (width() x height()); the canvas
// maps them to raster pixels by scale() and only holds the raster rows of window(). The
// same drawing code is run once per band (and once at low resolution for the shadow), so
// it must be a pure function of the recipe: no state kept between calls, randomness only
// from the recipe seed, per-pixel variation only from position (Noise).
//
// Layers (all float, one value per raster pixel of the window):
//   cov       object coverage (alpha over the background)
//   h         height of the object surface toward the viewer, design pixels; shading
//             takes normals from its gradient, recesses from its local average
//   ar ag ab  albedo (linear RGB); metal 0..1; rough 0..1 (see shade.h)
// Masks (Plane) are scratch layers over the same window, zero outside their dirty rect.
#include <memory>
#include <span>
#include <vector>

#include "illustrate/math.h"
#include "illustrate/path.h"
#include "illustrate/raster.h"

namespace orpheus::illustrate {

class PlanePool;

class Plane {
 public:
  Plane() = default;
  explicit Plane(IRect window);
  // A plane whose zeroed buffer comes from (and returns to) `pool`.
  Plane(IRect window, PlanePool* pool);
  ~Plane();
  Plane(Plane&& o) noexcept;
  Plane& operator=(Plane&& o) noexcept;
  Plane(const Plane&) = delete;
  Plane& operator=(const Plane&) = delete;

  const IRect& window() const { return win_; }
  float* row(int y) { return data_.data() + static_cast<std::ptrdiff_t>(y - win_.y0) * win_.w() - win_.x0; }
  const float* row(int y) const {
    return data_.data() + static_cast<std::ptrdiff_t>(y - win_.y0) * win_.w() - win_.x0;
  }
  float& at(int x, int y) { return row(y)[x]; }
  float at(int x, int y) const { return row(y)[x]; }
  // Value at (x, y), clamped to the window.
  float clamped(int x, int y) const;
  // Rect that may hold non-zero values (always inside the window).
  IRect dirty;
  // How far (design px) values may have spread from where they were drawn: the sum of the
  // blurs applied to this plane and to the planes it was copied from.
  float reach = 0.f;
  void mark(IRect r) { dirty = intersect(unite(dirty, r), win_); }
  void clear();
  // Clear the whole window (not only the dirty rect) when the buffer is recycled: for
  // layers that painting code writes directly.
  void set_clear_all() { clear_all_ = true; }
  // Sum over the dirty rect (tests, diagnostics).
  double sum() const;

 private:
  void release();
  IRect win_{};
  std::vector<float> data_;
  PlanePool* pool_ = nullptr;
  bool clear_all_ = false;
};

// Recycles zeroed plane buffers of one window (scratch masks are created often; fresh
// allocations would cost page faults and full clears). Buffers come back zeroed because a
// Plane clears its dirty rect on release and never writes outside it.
class PlanePool {
 public:
  // A zeroed buffer of `size` floats. Buffers of other sizes kept in the pool are freed
  // (a pool serves one window size at a time, which bounds its memory).
  std::vector<float> take(std::size_t size);
  void give(std::vector<float>&& buf);

 private:
  std::vector<std::vector<float>> free_;
};

class Canvas {
 public:
  // width/height: full image in design pixels; scale: raster px per design px;
  // window: raster rows/columns held by this canvas. Buffers come from `pool` if given
  // (reused across canvases of one thread), else from a pool of its own.
  Canvas(int width, int height, float scale, IRect window, PlanePool* pool = nullptr);
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }
  float scale() const { return scale_; }
  const IRect& window() const { return window_; }
  // Reference length for relative sizes: the shorter image side, in design pixels.
  float unit() const { return static_cast<float>(width_ < height_ ? width_ : height_); }
  // Design-pixel centre of raster pixel (x, y).
  Vec2 design(int x, int y) const {
    return {(static_cast<float>(x) + 0.5f) / scale_, (static_cast<float>(y) + 0.5f) / scale_};
  }
  Box frame() const { return {0.f, 0.f, static_cast<float>(width_), static_cast<float>(height_)}; }
  // The window in design pixels.
  Box design_window() const {
    return {static_cast<float>(window_.x0) / scale_, static_cast<float>(window_.y0) / scale_,
            static_cast<float>(window_.x1) / scale_, static_cast<float>(window_.y1) / scale_};
  }
  // Raster rect touched by a design-space box.
  IRect raster(Box b) const;
  Plane plane() const { return Plane(window_, pool_); }
  // Largest reach of any blurred plane so far (design px): how much a band of this
  // drawing must overlap its neighbours (render.cpp measures it on the low-res pass).
  float max_reach() const { return max_reach_; }
  void note_reach(float r) const { max_reach_ = r > max_reach_ ? r : max_reach_; }
  // Scratch memory for filters (contents undefined), reused between calls.
  std::vector<float>& scratch(std::size_t size) const {
    if (scratch_.size() < size) scratch_.resize(size);
    return scratch_;
  }

 private:
  std::unique_ptr<PlanePool> own_pool_;  // declared first: outlives the layers
  PlanePool* pool_;

 public:
  Plane cov, h, ar, ag, ab, metal, rough;

 private:
  int width_, height_;
  float scale_;
  IRect window_;
  mutable std::vector<float> scratch_;
  mutable float max_reach_ = 0.f;
};

// ---- mask drawing (m = union "over": m + a * (1 - m)) -------------------------------------
void fill(Plane& m, const Canvas& c, const Path& p, float value = 1.f, FillRule rule = FillRule::nonzero);
// m *= 1 - coverage
void cut(Plane& m, const Canvas& c, const Path& p, FillRule rule = FillRule::nonzero);
void stroke(Plane& m, const Canvas& c, std::span<const Vec2> line, float width, float value = 1.f);
void disc(Plane& m, const Canvas& c, Vec2 centre, float radius, float value = 1.f);
// Dome-shaped bump (height sqrt(r^2-d^2) * k) added with max into m (granules, beads).
void dome(Plane& m, const Canvas& c, Vec2 centre, float radius, float k = 1.f);
// Approximately Gaussian blur (passes x box of radius `radius` design px).
void blur(Plane& m, const Canvas& c, float radius, int passes = 3);
// m = src (same window)
void copy(Plane& dst, const Plane& src);

// Calls f(x, y, value) for every raster pixel of the dirty rect whose value is non-zero.
template <class F>
void each(const Plane& m, F&& f) {
  for (int y = m.dirty.y0; y < m.dirty.y1; ++y) {
    const float* r = m.row(y);
    for (int x = m.dirty.x0; x < m.dirty.x1; ++x)
      if (r[x] != 0.f) f(x, y, r[x]);
  }
}
// Calls f(x, y) for every raster pixel of rect r (clipped to the canvas window).
template <class F>
void each_px(const Canvas& c, IRect r, F&& f) {
  r = intersect(r, c.window());
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) f(x, y);
}

// ---- surface painting --------------------------------------------------------------------
struct Finish {
  Rgb albedo{0.5f, 0.5f, 0.5f};
  float metal = 0.f;
  float rough = 0.5f;
};

// Blends finish `fin` with alpha `a` into one pixel of the object layers and extends coverage.
inline void blend_finish(Canvas& c, int x, int y, const Finish& fin, float a) {
  float& ar = c.ar.at(x, y);
  float& ag = c.ag.at(x, y);
  float& ab = c.ab.at(x, y);
  ar += (fin.albedo.r - ar) * a;
  ag += (fin.albedo.g - ag) * a;
  ab += (fin.albedo.b - ab) * a;
  float& me = c.metal.at(x, y);
  me += (fin.metal - me) * a;
  float& ro = c.rough.at(x, y);
  ro += (fin.rough - ro) * a;
  float& cv = c.cov.at(x, y);
  cv += a * (1.f - cv);
}
inline void mark_object_layers(Canvas& c, const IRect& r) {
  for (Plane* pl : {&c.cov, &c.ar, &c.ag, &c.ab, &c.metal, &c.rough}) pl->mark(r);
}

// Paints finish f(design point) with alpha m over the object layers and extends coverage.
template <class FinishFn>
void lay(Canvas& c, const Plane& m, FinishFn&& f) {
  each(m, [&](int x, int y, float a) { blend_finish(c, x, y, f(c.design(x, y)), a); });
  mark_object_layers(c, m.dirty);
}
inline void lay(Canvas& c, const Plane& m, const Finish& f) {
  lay(c, m, [&](Vec2) { return f; });
}
// Paints a path directly (no scratch plane): for many small shapes (masonry blocks).
template <class FinishFn>
void lay_path(Canvas& c, const Path& p, FinishFn&& f) {
  IRect touched{};
  rasterize(p, c.scale(), c.window(), FillRule::nonzero, [&](int y, int x0, int n, const float* cov) {
    for (int i = 0; i < n; ++i) {
      const float a = cov[i];
      if (a <= 0.f) continue;
      const int x = x0 + i;
      blend_finish(c, x, y, f(c.design(x, y)), a);
    }
    touched = unite(touched, IRect{x0, y, x0 + n, y + 1});
  });
  mark_object_layers(c, touched);
}
// h = h + k under a path (or h = k if `set`).
void raise_path(Canvas& c, const Path& p, float k, bool set = false);
// h += k * m
void raise(Canvas& c, const Plane& m, float k);
// h = h * (1 - m) + level * m  (flattens the surface under m to a level, e.g. a new part)
void level(Canvas& c, const Plane& m, float level);
// Multiplies the albedo by mix(1, tint, m * amount) (stains, dirt, pigment wear).
void tint(Canvas& c, const Plane& m, Rgb tint, float amount = 1.f);

}  // namespace orpheus::illustrate
