// Image decode/resize/encode on top of Debian's libstb (which already holds the
// implementations: no STB_*_IMPLEMENTATION here).
#include "media/image.h"

#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>

#include "media/jpeg_check.h"
#include "media/png_check.h"

namespace orpheus::media {
namespace {

bool is_png(std::span<const std::uint8_t> b) {
  static constexpr std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  return b.size() >= 8 && std::equal(sig, sig + 8, b.begin());
}

bool is_jpeg(std::span<const std::uint8_t> b) {
  return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}

std::string stb_reason() {
  const char* r = stbi_failure_reason();
  return r ? r : "unknown error";
}

void check_size(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) throw DecodeError("empty file: no image data");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw DecodeError("file too large to decode (over 2 GiB)");
}

struct StbFree {
  void operator()(unsigned char* p) const noexcept { stbi_image_free(p); }
};

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

void check_image(const Image& img, const char* what) {
  if (img.empty() || (img.channels != 3 && img.channels != 4) ||
      img.pixels.size() != static_cast<std::size_t>(img.width) * img.height * img.channels)
    throw std::invalid_argument(std::string(what) + ": not a valid RGB/RGBA image buffer");
}

void check_pixels(std::int64_t w, std::int64_t h, std::int64_t max_pixels) {
  if (w * h > max_pixels)
    throw DecodeError("image is " + std::to_string(w) + " x " + std::to_string(h) + " = " + std::to_string(w * h) +
                      " pixels, more than the limit of " + std::to_string(max_pixels));
}

}  // namespace

ImageInfo probe(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  check_size(bytes);
  ImageInfo info;
  if (is_png(bytes)) {
    info.format = "png";
    const auto size = png::check_header(bytes);  // IHDR first, intact (CRC), sane: before stb looks at it
    check_pixels(size.width, size.height, max_pixels);
  } else if (is_jpeg(bytes)) {
    info.format = "jpeg";
  } else {
    throw DecodeError("not a JPEG or PNG image (unrecognised file signature)");
  }
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp)) {
    const std::string r = stb_reason();
    if (r == "too large") throw DecodeError("corrupt or oversized " + info.format + " header: image too large to decode");
    throw DecodeError("corrupt " + info.format + " header: " + r);
  }
  if (w <= 0 || h <= 0) throw DecodeError("corrupt " + info.format + " header: zero width or height");
  check_pixels(w, h, max_pixels);
  info.width = w;
  info.height = h;
  info.channels = comp;
  return info;
}

ImageInfo verify(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  ImageInfo info = probe(bytes, max_pixels);
  if (info.format == "png")
    png::check_chunks(bytes);
  else
    jpeg::check_structure(bytes);
  return info;
}

Image decode(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  const ImageInfo info = probe(bytes, max_pixels);  // refuses huge headers before any allocation
  if (info.format == "png") png::check_chunks(bytes);  // stb skips CRCs: a damaged file must not pass
  int w = 0, h = 0, comp = 0;
  std::unique_ptr<unsigned char, StbFree> data(
      stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp, 4));
  if (!data) throw DecodeError("damaged or unsupported " + info.format + " data: " + stb_reason());
  if (w != info.width || h != info.height) throw DecodeError("cannot decode " + info.format + ": size changed while decoding");
  Image img;
  img.width = w;
  img.height = h;
  img.channels = 4;
  img.pixels.assign(data.get(), data.get() + static_cast<std::size_t>(w) * h * 4);
  return img;
}

Image resize(const Image& src, int w, int h) {
  check_image(src, "resize");
  if (w <= 0 || h <= 0) throw std::invalid_argument("resize: target size must be positive");
  Image out;
  out.width = w;
  out.height = h;
  out.channels = src.channels;
  out.pixels.resize(static_cast<std::size_t>(w) * h * src.channels);
  // sRGB-correct filtering; with an alpha channel stb premultiplies internally, so transparent
  // pixels do not bleed their (meaningless) colour into the edges.
  const int alpha = src.channels == 4 ? 3 : STBIR_ALPHA_CHANNEL_NONE;
  if (!stbir_resize_uint8_srgb(src.pixels.data(), src.width, src.height, 0, out.pixels.data(), w, h, 0, src.channels,
                               alpha, 0))
    throw std::runtime_error("resize: out of memory");
  return out;
}

Image fit_within(const Image& src, int max_w, int max_h) {
  check_image(src, "fit_within");
  if (max_w <= 0 || max_h <= 0) throw std::invalid_argument("fit_within: bounds must be positive");
  if (src.width <= max_w && src.height <= max_h) return src;
  const double scale = std::min(static_cast<double>(max_w) / src.width, static_cast<double>(max_h) / src.height);
  const int w = std::clamp(static_cast<int>(std::lround(src.width * scale)), 1, max_w);
  const int h = std::clamp(static_cast<int>(std::lround(src.height * scale)), 1, max_h);
  return resize(src, w, h);
}

std::vector<std::uint8_t> encode_jpeg(const Image& img, int quality) {
  check_image(img, "encode_jpeg");
  std::vector<std::uint8_t> out;
  // JPEG has no alpha: stb writes the colour channels and ignores the fourth.
  if (!stbi_write_jpg_to_func(append_bytes, &out, img.width, img.height, img.channels, img.pixels.data(),
                              std::clamp(quality, 1, 100)))
    throw std::runtime_error("encode_jpeg: encoder failed");
  return out;
}

std::vector<std::uint8_t> encode_png(const Image& img) {
  check_image(img, "encode_png");
  std::vector<std::uint8_t> out;
  if (!stbi_write_png_to_func(append_bytes, &out, img.width, img.height, img.channels, img.pixels.data(),
                              img.width * img.channels))
    throw std::runtime_error("encode_png: encoder failed");
  return out;
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open: " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) throw std::runtime_error(file.string() + ": cannot read (not a regular file?)");
  in.seekg(0, std::ios::beg);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size))
    throw std::runtime_error(file.string() + ": read error: " + std::strerror(errno));
  return bytes;
}

}  // namespace orpheus::media
