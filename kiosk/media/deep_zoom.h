#pragma once
// Deep zoom: the geometry of tile pyramids (in the spirit of IIIF Image API level 0 and DZI)
// and what a viewer draws and loads for a view of one. Level 0 is the full image, each further
// level halves the one before (sizes rounded up) down to the first that fits in a single tile.
// Tile (col, row) of a level covers that level's pixels from (col * tile_size, row * tile_size);
// tiles on the right and bottom edges are smaller. Pure functions, any thread; no GL.
#include <functional>
#include <vector>

namespace orpheus::media {

struct PyramidLevel {
  int width = 0, height = 0;  // pixels at this level
  int cols = 0, rows = 0;     // tiles
};

struct PyramidShape {
  int width = 0, height = 0, tile_size = 0;
  std::vector<PyramidLevel> levels;  // [0] = full resolution
  int tile_count() const;
};

// The levels of an image of width x height (both > 0) cut into tile_size tiles (> 0).
PyramidShape pyramid_shape(int width, int height, int tile_size);

struct TileId {
  int level = 0, col = 0, row = 0;
  friend bool operator==(const TileId&, const TileId&) = default;
};

// A rectangle in full-resolution image pixels.
struct ImageRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// A level may be magnified this much before the next finer one is needed: 1.18x is not seen
// as softer, and it spares loading four times the tiles for a few percent of sharpness.
inline constexpr float kMagnifyLimit = 0.85f;

// The coarsest level with at least kMagnifyLimit pixels per screen pixel at `scale` (screen
// pixels per full-resolution pixel); level 0 when even that is magnified more.
int level_for_scale(const PyramidShape& shape, float scale);

// The part of the full image that tile `t` covers.
ImageRect tile_rect(const PyramidShape& shape, TileId t);

// The tiles of `level` that meet `area` (full-resolution pixels, clipped to the image), and
// `ring` more around them; nearest to the centre of `area` first.
std::vector<TileId> tiles_in(const PyramidShape& shape, int level, ImageRect area, int ring = 0);

// The tile one level coarser that covers `t`.
inline TileId parent(TileId t) { return {t.level + 1, t.col / 2, t.row / 2}; }

// What a viewer does for one frame of a deep-zoom view.
struct TilePlan {
  int level = 0;                // the level the view needs
  std::vector<TileId> draw;     // coarse to fine: coarser tiles under the ones still missing or fading in
  std::vector<TileId> request;  // least important first (the loader takes the newest first):
                                // the prefetch ring, coarser stand-ins, then the visible tiles
                                // from the edges of the view to its centre
  bool sharp = false;           // every visible tile of `level` is fully shown
};

// `opacity(t)`: how far tile t is shown, < 0 while it is not loaded, 0..1 while it fades in.
// Visible tiles of `level` are requested; where one is not fully shown, the nearest loaded
// coarser tile is drawn under it (and its parent requested), so the view is never empty
// where something coarser is at hand.
TilePlan plan_tiles(const PyramidShape& shape, float scale, ImageRect visible,
                    const std::function<float(TileId)>& opacity, int ring = 1);

}  // namespace orpheus::media
