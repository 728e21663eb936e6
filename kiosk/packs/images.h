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

// Every image in source order (items, then images within an item).
std::vector<ImageSource*> all_images(PackSource& source);

// Reads and verifies each located image (header, size limit, whole-file structure; no pixel
// decoding); fills width/height/format, or adds a problem naming the item file, line and field.
// Pixel data that still fails to decode is reported by the writer, which then writes nothing.
void check_images(const std::vector<ImageSource*>& images, unsigned threads, std::vector<Problem>& problems);

struct Variant {
  std::string mime;
  int width = 0, height = 0;
  std::vector<std::uint8_t> bytes;
};

struct Renditions {
  Variant original, display, thumbnail;
  std::string problem;  // non-empty if the image could not be processed
};

// The three stored variants of one image: the source bytes as they are, 'display' fitted into
// 2048 px and 'thumbnail' into 512 px (JPEG; PNG when the image has transparency).
Renditions render(const ImageSource& image);

unsigned worker_count(unsigned requested);

}  // namespace orpheus::packs::detail
