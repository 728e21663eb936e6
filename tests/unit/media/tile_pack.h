#pragma once
// Real packs with real images for the loader and texture cache tests: the small hand-written
// pack of the catalog tests (unit/catalog/test_pack.h) plus media rows whose blobs and deep-zoom
// tiles are encoded images, written with SQL (no builder).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/sqlite.h"
#include "media/image.h"
#include "unit/catalog/test_pack.h"

namespace orpheus::media::test {

// The w x h pixels of `src` from (x, y).
inline Image crop(const Image& src, int x, int y, int w, int h) {
  Image out;
  out.width = w;
  out.height = h;
  out.channels = src.channels;
  out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * static_cast<std::size_t>(src.channels));
  const std::size_t row = static_cast<std::size_t>(w) * static_cast<std::size_t>(src.channels);
  for (int r = 0; r < h; ++r)
    std::memcpy(out.pixels.data() + static_cast<std::size_t>(r) * row,
                src.pixels.data() + (static_cast<std::size_t>(y + r) * static_cast<std::size_t>(src.width) + static_cast<std::size_t>(x)) *
                                        static_cast<std::size_t>(src.channels),
                row);
  return out;
}

// A noisy RGBA image (a gradient with a hash on top): neighbouring tiles and mip levels differ,
// and a wrong crop offset shows.
inline Image noisy(int w, int h, std::uint32_t seed = 1) {
  Image img;
  img.width = w;
  img.height = h;
  img.channels = 4;
  img.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint32_t v = static_cast<std::uint32_t>(x) * 73856093u ^ static_cast<std::uint32_t>(y) * 19349663u ^ seed * 83492791u;
      v ^= v >> 13;
      auto* p = &img.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4];
      p[0] = static_cast<std::uint8_t>(x * 255 / std::max(1, w - 1));
      p[1] = static_cast<std::uint8_t>(y * 255 / std::max(1, h - 1));
      p[2] = static_cast<std::uint8_t>(v);
      p[3] = 255;
    }
  return img;
}

// The levels of a pyramid of `full` cut into tile_size tiles: [0] the image, each further level
// half the one before (media::half_size), down to the first that fits in one tile.
inline std::vector<Image> pyramid_levels(const Image& full, int tile_size) {
  std::vector<Image> levels{full};
  while (levels.back().width > tile_size || levels.back().height > tile_size) levels.push_back(half_size(levels.back()));
  return levels;
}

// Tile (col, row) of `level` as the pack holds it (before encoding).
inline Image tile_of(const Image& level, int tile_size, int col, int row) {
  const int x = col * tile_size, y = row * tile_size;
  return crop(level, x, y, std::min(tile_size, level.width - x), std::min(tile_size, level.height - y));
}

// Adds media `id` (item 1, display position `ord`) of full's size to `file`, a pack written by
// orpheus::test::write_small_pack: a display variant (`full` itself, PNG or JPEG) and, when
// tile_size > 0, its whole pyramid, every tile a PNG.
inline void add_media(const std::filesystem::path& file, std::int64_t id, int ord, const Image& full, int tile_size,
                      bool jpeg_display = false) {
  sql::Database db(file, sql::Database::Mode::read_write_create);
  db.exec("BEGIN");
  auto media = db.prepare("INSERT INTO media VALUES (?1, 1, ?2, ?3, ?4, ?5)");
  media.bind(1, id).bind(2, ord).bind(3, std::string_view("images/m" + std::to_string(id) + ".png"));
  media.bind(4, full.width).bind(5, full.height);
  media.step();
  const auto display = jpeg_display ? encode_jpeg(full, 90) : encode_png(full);
  auto blob = db.prepare("INSERT INTO media_blob VALUES (?1, 'display', ?2, ?3, ?4, ?5)");
  blob.bind(1, id).bind(2, std::string_view(jpeg_display ? "image/jpeg" : "image/png")).bind(3, full.width).bind(4, full.height);
  blob.bind(5, std::span<const std::uint8_t>(display));
  blob.step();
  if (tile_size > 0) {
    const auto levels = pyramid_levels(full, tile_size);
    auto pyramid = db.prepare("INSERT INTO media_pyramid VALUES (?1, ?2, ?3)");
    pyramid.bind(1, id).bind(2, tile_size).bind(3, static_cast<int>(levels.size()));
    pyramid.step();
    auto tile = db.prepare("INSERT INTO media_tile VALUES (?1, ?2, ?3, ?4, 'image/png', ?5)");
    for (std::size_t l = 0; l < levels.size(); ++l)
      for (int row = 0; row * tile_size < levels[l].height; ++row)
        for (int col = 0; col * tile_size < levels[l].width; ++col) {
          const auto png = encode_png(tile_of(levels[l], tile_size, col, row));
          tile.reset();
          tile.bind(1, id).bind(2, static_cast<int>(l)).bind(3, col).bind(4, row).bind(5, std::span<const std::uint8_t>(png));
          tile.step();
        }
  }
  db.exec("COMMIT");
}

}  // namespace orpheus::media::test
