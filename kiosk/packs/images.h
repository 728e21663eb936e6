#pragma once
// Internal to orpheus_packs: the image side of a build. Each image is read and decoded on a
// worker thread; the calling thread only collects results, in order.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "packs/source.h"

namespace orpheus::packs::detail {

inline constexpr int kDisplaySize = 2048, kDisplayQuality = 88;
inline constexpr int kThumbSize = 512, kThumbQuality = 85;
inline constexpr int kTileSize = 256, kTileQuality = 85;
// The largest image file a pack stores (its original is kept byte for byte): under the row
// size every reader of a pack accepts (sql::kUntrustedMaxLength, 512 MiB), so no pack the
// builder writes is refused for it. 200 megapixels (media::kDefaultMaxPixels) as a JPEG or an
// 8-bit PNG photograph stays well under it.
inline constexpr std::uintmax_t kMaxImageFileBytes = 500ull * 1024 * 1024;

// Every image file in source order (items, then images within an item, then its thumbnail; then
// the events' own pictures).
std::vector<ImageSource*> all_images(PackSource& source);

// Reads and verifies each located image (file size, header, pixel limit, whole-file structure; no pixel
// decoding); fills width/height/format, or adds a problem naming the item file, line and field.
// Pixel data that still fails to decode is reported by the writer, which then writes nothing.
void check_images(const std::vector<ImageSource*>& images, unsigned threads, std::vector<Problem>& problems);

struct Variant {
  std::string mime;
  int width = 0, height = 0;
  std::vector<std::uint8_t> bytes;
};

struct Tile {
  int level = 0, col = 0, row = 0;
  Variant image;
};

struct Renditions {
  Variant original, display, thumbnail;
  std::vector<Tile> tiles;        // empty when the image fits its display variant
  double tile_seconds = 0;        // CPU time spent making the pyramid (halving, cutting, encoding)
  std::string problem;            // non-empty if the image could not be processed
};

// The stored variants of one image: the source bytes as they are, 'display' fitted into
// 2048 px (the first pyramid level that fits, when within 10 % of that) and 'thumbnail' into
// 512 px (JPEG; PNG when the image has transparency), and for an
// image larger than its display variant a pyramid of kTileSize tiles (see pyramid.h). The
// thumbnail is made from `thumbnail_source` instead when given (an importer's chosen picture).
Renditions render(const ImageSource& image, const ImageSource* thumbnail_source = nullptr);

unsigned worker_count(unsigned requested);

}  // namespace orpheus::packs::detail
