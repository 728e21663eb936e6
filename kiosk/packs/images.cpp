#include "packs/images.h"

#include <algorithm>
#include <thread>

#include "media/image.h"
#include "packs/parallel.h"

namespace orpheus::packs::detail {
namespace {

std::string mime_of(const std::string& format) { return format == "png" ? "image/png" : "image/jpeg"; }

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
  for (auto& item : source.items)
    for (auto& img : item.images) out.push_back(&img);
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

Renditions render(const ImageSource& image) {
  Renditions r;
  try {
    r.original.bytes = media::read_file(image.resolved);
    media::verify(r.original.bytes);  // the file may have changed since the check
    const media::Image full = media::decode(r.original.bytes);
    r.original.mime = mime_of(media::probe(r.original.bytes).format);
    r.original.width = full.width;
    r.original.height = full.height;
    const bool alpha = has_transparency(full);
    media::Image display = media::fit_within(full, kDisplaySize, kDisplaySize);
    r.display = encode(display, alpha, kDisplayQuality);
    const media::Image thumb = media::fit_within(display, kThumbSize, kThumbSize);
    r.thumbnail = encode(thumb, alpha, kThumbQuality);
  } catch (const std::exception& e) {
    r = Renditions{};
    r.problem = e.what();
  }
  return r;
}

}  // namespace orpheus::packs::detail
