#pragma once
// Anti-aliased polygon coverage (exact signed-area accumulation, as in font renderers).
// rasterize() maps the path by `scale` (design px -> raster px), clips it to `clip` (raster
// pixels, half-open) and calls `row(y, x0, n, coverage)` for every raster row that the path
// touches, with coverage in [0,1] for pixels x0..x0+n-1. Work is O(edges crossed + pixels in
// the path's bounding box), processed in row chunks so memory stays small.
#include <functional>

#include "illustrate/path.h"

namespace orpheus::illustrate {

struct IRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  constexpr bool empty() const { return x1 <= x0 || y1 <= y0; }
  constexpr int w() const { return x1 - x0; }
  constexpr int h() const { return y1 - y0; }
};
constexpr IRect intersect(IRect a, IRect b) {
  return {a.x0 > b.x0 ? a.x0 : b.x0, a.y0 > b.y0 ? a.y0 : b.y0, a.x1 < b.x1 ? a.x1 : b.x1,
          a.y1 < b.y1 ? a.y1 : b.y1};
}
constexpr IRect unite(IRect a, IRect b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {a.x0 < b.x0 ? a.x0 : b.x0, a.y0 < b.y0 ? a.y0 : b.y0, a.x1 > b.x1 ? a.x1 : b.x1,
          a.y1 > b.y1 ? a.y1 : b.y1};
}

enum class FillRule { nonzero, even_odd };

using RowFn = std::function<void(int y, int x0, int n, const float* coverage)>;

void rasterize(const Path& path, float scale, IRect clip, FillRule rule, const RowFn& row);

// Raster bounding box of a path at `scale` (pixels it may touch), not clipped.
IRect raster_bounds(const Path& path, float scale);

}  // namespace orpheus::illustrate
