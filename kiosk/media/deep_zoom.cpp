#include "media/deep_zoom.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace orpheus::media {
namespace {

bool contains(const std::vector<TileId>& v, TileId t) { return std::find(v.begin(), v.end(), t) != v.end(); }

void add_once(std::vector<TileId>& v, TileId t) {
  if (!contains(v, t)) v.push_back(t);
}

}  // namespace

int PyramidShape::tile_count() const {
  int n = 0;
  for (const auto& l : levels) n += l.cols * l.rows;
  return n;
}

PyramidShape pyramid_shape(int width, int height, int tile_size) {
  if (width <= 0 || height <= 0 || tile_size <= 0) throw std::invalid_argument("pyramid_shape: sizes must be positive");
  PyramidShape s{width, height, tile_size, {}};
  int w = width, h = height;
  while (true) {
    s.levels.push_back(PyramidLevel{w, h, (w + tile_size - 1) / tile_size, (h + tile_size - 1) / tile_size});
    if (w <= tile_size && h <= tile_size) break;
    w = (w + 1) / 2;
    h = (h + 1) / 2;
  }
  return s;
}

int level_for_scale(const PyramidShape& shape, float scale) {
  for (int k = static_cast<int>(shape.levels.size()) - 1; k > 0; --k) {
    // Sizes are rounded up level by level: the axis that lost the most sets the density.
    const auto& l = shape.levels[static_cast<std::size_t>(k)];
    const float density = std::min(static_cast<float>(l.width) / static_cast<float>(shape.width),
                                   static_cast<float>(l.height) / static_cast<float>(shape.height));
    if (density >= scale * kMagnifyLimit) return k;
  }
  return 0;
}

ImageRect tile_rect(const PyramidShape& shape, TileId t) {
  const auto& l = shape.levels.at(static_cast<std::size_t>(t.level));
  const float sx = static_cast<float>(shape.width) / static_cast<float>(l.width);
  const float sy = static_cast<float>(shape.height) / static_cast<float>(l.height);
  const int ts = shape.tile_size;
  return {static_cast<float>(t.col * ts) * sx, static_cast<float>(t.row * ts) * sy,
          static_cast<float>(std::min((t.col + 1) * ts, l.width)) * sx,
          static_cast<float>(std::min((t.row + 1) * ts, l.height)) * sy};
}

std::vector<TileId> tiles_in(const PyramidShape& shape, int level, ImageRect area, int ring) {
  std::vector<TileId> out;
  if (level < 0 || level >= static_cast<int>(shape.levels.size())) return out;
  area = {std::max(area.x0, 0.0f), std::max(area.y0, 0.0f), std::min(area.x1, static_cast<float>(shape.width)),
          std::min(area.y1, static_cast<float>(shape.height))};
  if (area.empty()) return out;
  const auto& l = shape.levels[static_cast<std::size_t>(level)];
  // Tile units per full-resolution pixel along each axis.
  const float fx = static_cast<float>(l.width) / static_cast<float>(shape.width) / static_cast<float>(shape.tile_size);
  const float fy = static_cast<float>(l.height) / static_cast<float>(shape.height) / static_cast<float>(shape.tile_size);
  const int c0 = std::max(0, static_cast<int>(std::floor(area.x0 * fx)) - ring);
  const int r0 = std::max(0, static_cast<int>(std::floor(area.y0 * fy)) - ring);
  const int c1 = std::min(l.cols - 1, static_cast<int>(std::ceil(area.x1 * fx)) - 1 + ring);
  const int r1 = std::min(l.rows - 1, static_cast<int>(std::ceil(area.y1 * fy)) - 1 + ring);
  for (int r = r0; r <= r1; ++r)
    for (int c = c0; c <= c1; ++c) out.push_back({level, c, r});
  const float cx = (area.x0 + area.x1) * 0.5f, cy = (area.y0 + area.y1) * 0.5f;
  const auto distance = [&](TileId t) {
    const ImageRect rc = tile_rect(shape, t);
    const float dx = (rc.x0 + rc.x1) * 0.5f - cx, dy = (rc.y0 + rc.y1) * 0.5f - cy;
    return dx * dx + dy * dy;
  };
  std::stable_sort(out.begin(), out.end(), [&](TileId a, TileId b) { return distance(a) < distance(b); });
  return out;
}

TilePlan plan_tiles(const PyramidShape& shape, float scale, ImageRect visible,
                    const std::function<float(TileId)>& opacity, int ring) {
  TilePlan plan;
  if (shape.levels.empty()) return plan;
  plan.level = level_for_scale(shape, scale);
  const int coarsest = static_cast<int>(shape.levels.size()) - 1;
  const auto shown = tiles_in(shape, plan.level, visible);
  std::vector<TileId> stand_ins;
  plan.sharp = !shown.empty();
  for (const TileId t : shown) {
    const float o = opacity(t);
    if (o >= 0) plan.draw.push_back(t);
    if (o >= 1) continue;
    plan.sharp = false;
    // Under a tile still missing or fading in: the nearest loaded coarser tiles, up to the
    // first fully shown one.
    for (TileId p = t; p.level < coarsest;) {
      p = parent(p);
      const float po = opacity(p);
      if (po >= 0) add_once(plan.draw, p);
      if (po >= 1) break;
    }
    if (t.level < coarsest && opacity(parent(t)) < 0) add_once(stand_ins, parent(t));
  }
  std::stable_sort(plan.draw.begin(), plan.draw.end(), [](TileId a, TileId b) { return a.level > b.level; });

  for (const TileId t : tiles_in(shape, plan.level, visible, ring))
    if (!contains(shown, t)) plan.request.push_back(t);
  std::reverse(plan.request.begin(), plan.request.end());  // the far corners of the ring first
  plan.request.insert(plan.request.end(), stand_ins.begin(), stand_ins.end());
  plan.request.insert(plan.request.end(), shown.rbegin(), shown.rend());
  return plan;
}

}  // namespace orpheus::media
