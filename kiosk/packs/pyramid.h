#pragma once
// Deep-zoom tile pyramids (in the spirit of IIIF Image API level 0 and DZI): level 0 is the
// full image, each further level halves the one before (sizes rounded up) down to the first
// level that fits in a single tile. Tile (col, row) of a level covers the pixels from
// (col * tile_size, row * tile_size); tiles on the right and bottom edges are smaller.
// Pure CPU work on media::Image buffers, any thread.
#include <functional>
#include <vector>

#include "media/image.h"

namespace orpheus::packs {

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

// Half the size in each direction (rounded up) by averaging 2x2 blocks; an odd last row or
// column averages the pixels it has. What image pyramids conventionally use between levels.
media::Image half_size(const media::Image& src);

// Calls level(index, image) for every level of the pyramid, level 0 (`full` itself) first.
// Holds at most two levels in memory at a time.
void for_each_level(const media::Image& full, int tile_size,
                    const std::function<void(int index, const media::Image& level)>& level);

// The tile_size x tile_size (or smaller, at the edges) tile (col, row) of one level.
media::Image tile_of(const media::Image& level, int tile_size, int col, int row);

}  // namespace orpheus::packs
