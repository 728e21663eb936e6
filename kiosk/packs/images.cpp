#include "packs/images.h"

#include <time.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "catalog/sqlite.h"
#include "media/image.h"
#include "packs/parallel.h"
#include "packs/pyramid.h"

namespace orpheus::packs::detail {
namespace {

// Room for the rest of the media_blob row (ids, variant, mime, size) under the readers' limit.
static_assert(kMaxImageFileBytes + 1024 * 1024 <= static_cast<std::uintmax_t>(sql::kUntrustedMaxLength));

std::string mime_of(const std::string& format) { return format == "png" ? "image/png" : "image/jpeg"; }

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

bool has_transparency(const media::Image& img) {
  if (img.channels != 4) return false;
  for (std::size_t i = 3; i < img.pixels.size(); i += 4)
    if (img.pixels[i] != 255) return true;
  return false;
}

Variant encode(const media::Image& img, bool keep_alpha, int quality) {
  Variant v;
  v.width = img.width;
  v.height = img.height;
  v.mime = keep_alpha ? "image/png" : "image/jpeg";
  v.bytes = keep_alpha ? media::encode_png(img) : media::encode_jpeg(img, quality);
  return v;
}

}  // namespace

unsigned worker_count(unsigned requested) {
  if (requested) return requested;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

std::vector<ImageSource*> all_images(PackSource& source) {
  std::vector<ImageSource*> out;
  for (auto& item : source.items) {
    for (auto& img : item.images) out.push_back(&img);
    if (item.thumbnail) out.push_back(&*item.thumbnail);
  }
  for (auto& event : source.events)
    if (event.image) out.push_back(&*event.image);
  return out;
}

void check_images(const std::vector<ImageSource*>& images, unsigned threads, std::vector<Problem>& problems) {
  struct Checked {
    int width = 0, height = 0;
    std::string format, problem;
  };
  parallel_ordered<Checked>(
      images.size(), worker_count(threads),
      [&](std::size_t i) {
        Checked c;
        const ImageSource& img = *images[i];
        if (img.resolved.empty()) return c;  // not found: already reported
        try {
          // Before reading it: the file is kept whole in the pack, and a pack's rows are capped.
          const std::uintmax_t size = std::filesystem::file_size(img.resolved);
          if (size > kMaxImageFileBytes)
            throw std::runtime_error("the file is " + std::to_string(size) + " bytes, more than the " +
                                     std::to_string(kMaxImageFileBytes) + " a pack stores per image");
          const auto bytes = media::read_file(img.resolved);
          const auto info = media::verify(bytes);  // the whole file's structure, without decoding
          c.width = info.width;
          c.height = info.height;
          c.format = info.format;
        } catch (const std::exception& e) {
          c.problem = e.what();
        }
        return c;
      },
      [&](std::size_t i, Checked c) {
        ImageSource& img = *images[i];
        if (!c.problem.empty()) {
          problems.push_back(Problem{img.loc.file, img.loc.line, img.loc.column, img.field,
                                     "image '" + img.file + "' (" + img.resolved.string() + "): " + c.problem});
          return;
        }
        img.width = c.width;
        img.height = c.height;
        img.format = c.format;
      });
}

Renditions render(const ImageSource& image, const ImageSource* thumbnail_source) {
  Renditions r;
  try {
    r.original.bytes = media::read_file(image.resolved);
    const media::Image full = media::decode(r.original.bytes);  // verifies the whole file first
    r.original.mime = mime_of(media::probe(r.original.bytes).format);
    r.original.width = full.width;
    r.original.height = full.height;
    const bool alpha = has_transparency(full);

    const bool needs_tiles = full.width > kDisplaySize || full.height > kDisplaySize;
    media::Image display, small;  // small: where the thumbnail is resampled from
    if (needs_tiles) {
      // The pyramid halves the image anyway: the display variant is the first level that
      // fits (if it is within 10 % of the display size, else it is resampled from the level
      // above), and the thumbnail is resampled from the smallest level still larger than it.
      // Resampling 12 MP with stb costs more than all the tiles.
      const double start = thread_cpu_seconds();
      const PyramidShape shape = pyramid_shape(full.width, full.height, kTileSize);
      auto long_side = [](const PyramidLevel& l) { return std::max(l.width, l.height); };
      std::size_t fits = 0, thumb_from = 0;
      while (long_side(shape.levels[fits]) > kDisplaySize) ++fits;
      const std::size_t display_from = long_side(shape.levels[fits]) * 10 >= kDisplaySize * 9 ? fits : fits - 1;
      while (thumb_from + 1 < shape.levels.size() && long_side(shape.levels[thumb_from + 1]) >= kThumbSize) ++thumb_from;
      for_each_level(full, kTileSize, [&](int index, const media::Image& level) {
        if (static_cast<std::size_t>(index) == display_from) display = level;
        if (static_cast<std::size_t>(index) == thumb_from) small = level;
        const PyramidLevel& l = shape.levels[static_cast<std::size_t>(index)];
        for (int row = 0; row < l.rows; ++row)
          for (int col = 0; col < l.cols; ++col)
            r.tiles.push_back(Tile{index, col, row, encode(tile_of(level, kTileSize, col, row), alpha, kTileQuality)});
      });
      r.tile_seconds = thread_cpu_seconds() - start;
      display = media::fit_within(display, kDisplaySize, kDisplaySize);
    } else {
      display = full;
    }
    r.display = encode(display, alpha, kDisplayQuality);
    if (!needs_tiles) small = std::move(display);
    if (thumbnail_source) {
      const media::Image picture = media::decode(media::read_file(thumbnail_source->resolved));
      r.thumbnail = encode(media::fit_within(picture, kThumbSize, kThumbSize), has_transparency(picture), kThumbQuality);
    } else {
      r.thumbnail = encode(media::fit_within(small, kThumbSize, kThumbSize), alpha, kThumbQuality);
    }
  } catch (const std::exception& e) {
    r = Renditions{};
    r.problem = e.what();
  }
  return r;
}

}  // namespace orpheus::packs::detail
