#pragma once
// Deep-zoom tile pyramids (in the spirit of IIIF Image API level 0 and DZI): level 0 is the
// full image, each further level halves the one before (sizes rounded up) down to the first
// level that fits in a single tile. Tile (col, row) of a level covers the pixels from
// (col * tile_size, row * tile_size); tiles on the right and bottom edges are smaller.
// Pure CPU work on media::Image buffers, any thread.
#include <functional>
#include <vector>

#include "media/deep_zoom.h"
#include "media/image.h"

namespace orpheus::packs {

// The geometry lives with the viewer's (media/deep_zoom.h); the pack writer and verifier use it here.
using media::PyramidLevel;
using media::PyramidShape;
using media::pyramid_shape;
using media::half_size;

// Calls level(index, image) for every level of the pyramid, level 0 (`full` itself) first.
// Holds at most two levels in memory at a time.
void for_each_level(const media::Image& full, int tile_size,
                    const std::function<void(int index, const media::Image& level)>& level);

// The tile_size x tile_size (or smaller, at the edges) tile (col, row) of one level.
media::Image tile_of(const media::Image& level, int tile_size, int col, int row);

}  // namespace orpheus::packs
