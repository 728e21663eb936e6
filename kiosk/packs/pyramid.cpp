#include "packs/pyramid.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace orpheus::packs {

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

media::Image half_size(const media::Image& src) {
  const int c = src.channels;
  media::Image out;
  out.width = (src.width + 1) / 2;
  out.height = (src.height + 1) / 2;
  out.channels = c;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height * c);
  const std::size_t stride = static_cast<std::size_t>(src.width) * c;
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* r0 = src.pixels.data() + static_cast<std::size_t>(2 * y) * stride;
    const std::uint8_t* r1 = 2 * y + 1 < src.height ? r0 + stride : r0;
    std::uint8_t* o = out.pixels.data() + static_cast<std::size_t>(y) * out.width * c;
    const int pairs = src.width / 2;
    for (int x = 0; x < pairs; ++x, r0 += 2 * c, r1 += 2 * c, o += c)
      for (int k = 0; k < c; ++k) o[k] = static_cast<std::uint8_t>((r0[k] + r0[k + c] + r1[k] + r1[k + c] + 2) >> 2);
    if (src.width % 2)  // the odd last column: average its two rows
      for (int k = 0; k < c; ++k) o[k] = static_cast<std::uint8_t>((r0[k] + r1[k] + 1) >> 1);
  }
  return out;
}

void for_each_level(const media::Image& full, int tile_size,
                    const std::function<void(int index, const media::Image& level)>& level) {
  const PyramidShape shape = pyramid_shape(full.width, full.height, tile_size);
  level(0, full);
  media::Image current;
  for (std::size_t i = 1; i < shape.levels.size(); ++i) {
    current = half_size(i == 1 ? full : current);
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
