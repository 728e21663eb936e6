#include "packs/pyramid.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace orpheus::packs {

void for_each_level(const media::Image& full, int tile_size,
                    const std::function<void(int index, const media::Image& level)>& level) {
  const PyramidShape shape = pyramid_shape(full.width, full.height, tile_size);
  level(0, full);
  media::Image current;
  for (std::size_t i = 1; i < shape.levels.size(); ++i) {
    current = media::half_size(i == 1 ? full : current);
    level(static_cast<int>(i), current);
  }
}

media::Image tile_of(const media::Image& level, int tile_size, int col, int row) {
  const int x = col * tile_size, y = row * tile_size;
  if (col < 0 || row < 0 || x >= level.width || y >= level.height) throw std::out_of_range("tile_of: no such tile");
  media::Image t;
  t.width = std::min(tile_size, level.width - x);
  t.height = std::min(tile_size, level.height - y);
  t.channels = level.channels;
  t.pixels.resize(static_cast<std::size_t>(t.width) * t.height * t.channels);
  const std::size_t row_bytes = static_cast<std::size_t>(t.width) * t.channels;
  for (int r = 0; r < t.height; ++r)
    std::memcpy(t.pixels.data() + r * row_bytes,
                level.pixels.data() + (static_cast<std::size_t>(y + r) * level.width + x) * level.channels, row_bytes);
  return t;
}

}  // namespace orpheus::packs
