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

#include "media/exif.h"
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

// The stored w x h RGBA pixels turned upright as EXIF orientation 1..8 says: displayed pixel
// (x, y) is stored pixel origin + x * step_x + y * step_y.
Image upright(const std::uint8_t* rgba, int w, int h, int orientation) {
  struct Walk {
    std::ptrdiff_t origin, step_x, step_y;
  };
  const std::ptrdiff_t sw = w, sh = h;
  const std::array<Walk, 8> walks{{
      {0, 1, sw},                  // 1: as stored
      {sw - 1, -1, sw},            // 2: mirrored left-right
      {sw * sh - 1, -1, -sw},      // 3: turned 180 degrees
      {(sh - 1) * sw, 1, -sw},     // 4: mirrored top-bottom
      {0, sw, 1},                  // 5: mirrored along the main diagonal
      {(sh - 1) * sw, -sw, 1},     // 6: turned 90 degrees clockwise
      {sw * sh - 1, -sw, -1},      // 7: mirrored along the other diagonal
      {sw - 1, sw, -1},            // 8: turned 90 degrees anticlockwise
  }};
  Image out;
  const bool turned = exif::swaps_axes(orientation);
  out.width = turned ? h : w;
  out.height = turned ? w : h;
  out.channels = 4;
  const std::size_t size = static_cast<std::size_t>(w) * h * 4;
  if (orientation == 1) {  // the common case, one block copy
    out.pixels.assign(rgba, rgba + size);
    return out;
  }
  out.pixels.resize(size);
  const Walk& k = walks[static_cast<std::size_t>(orientation - 1)];
  std::uint8_t* dst = out.pixels.data();
  for (std::ptrdiff_t y = 0; y < out.height; ++y) {
    std::ptrdiff_t src = k.origin + y * k.step_y;
    for (int x = 0; x < out.width; ++x, src += k.step_x, dst += 4) std::memcpy(dst, rgba + src * 4, 4);
  }
  return out;
}

void check_pixels(std::int64_t w, std::int64_t h, std::int64_t max_pixels) {
  if (w * h > max_pixels)
    throw DecodeError("image is " + std::to_string(w) + " x " + std::to_string(h) + " = " + std::to_string(w * h) +
                      " pixels, more than the limit of " + std::to_string(max_pixels) + " pixels");
}

}  // namespace

ImageInfo probe(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  check_size(bytes);
  ImageInfo info;
  std::int64_t w = 0, h = 0;  // as stored
  if (is_png(bytes)) {
    info.format = "png";
    const auto ihdr = png::read_ihdr(bytes);  // the size first: a huge one is refused whatever follows
    check_pixels(ihdr.width, ihdr.height, max_pixels);
    const auto header = png::check_header(bytes);  // IHDR first, intact (CRC), sane: before stb looks at it
    w = header.width;
    h = header.height;
    info.orientation = header.orientation;
  } else if (is_jpeg(bytes)) {
    info.format = "jpeg";
    const auto header = jpeg::read_header(bytes);  // refuses, with the reason, what stb cannot decode
    w = header.width;
    h = header.height;
    info.orientation = header.orientation;
  } else {
    throw DecodeError("not a JPEG or PNG image (unrecognised file signature)");
  }
  check_pixels(w, h, max_pixels);
  int stb_w = 0, stb_h = 0, comp = 0;
  if (!stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &stb_w, &stb_h, &comp)) {
    const std::string r = stb_reason();
    if (r == "too large") throw DecodeError("corrupt or oversized " + info.format + " header: image too large to decode");
    throw DecodeError("corrupt " + info.format + " header: " + r);
  }
  if (stb_w != w || stb_h != h) throw DecodeError("corrupt " + info.format + " header: inconsistent image size");
  const bool turned = exif::swaps_axes(info.orientation);
  info.width = static_cast<int>(turned ? h : w);
  info.height = static_cast<int>(turned ? w : h);
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
  // The pixel limit before any allocation; the structure because stb skips PNG checksums and
  // decodes a truncated JPEG as if it were whole.
  const ImageInfo info = verify(bytes, max_pixels);
  int w = 0, h = 0, comp = 0;
  std::unique_ptr<unsigned char, StbFree> data(
      stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp, 4));
  if (!data) throw DecodeError("damaged or unsupported " + info.format + " data: " + stb_reason());
  Image img = upright(data.get(), w, h, info.orientation);
  if (img.width != info.width || img.height != info.height)
    throw DecodeError("cannot decode " + info.format + ": size changed while decoding");
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

Image half_size(const Image& src) {
  const int c = src.channels;
  Image out;
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

Image mip_down(const Image& src) {
  const int c = src.channels;
  Image out;
  out.width = std::max(1, src.width / 2);
  out.height = std::max(1, src.height / 2);
  out.channels = c;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height * c);
  const auto at = [&](int x, int y) { return &src.pixels[(static_cast<std::size_t>(y) * src.width + x) * c]; };
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const int x1 = std::min(2 * x + 1, src.width - 1), y1 = std::min(2 * y + 1, src.height - 1);
      const std::uint8_t *a = at(2 * x, 2 * y), *b = at(x1, 2 * y), *d = at(2 * x, y1), *e = at(x1, y1);
      std::uint8_t* o = &out.pixels[(static_cast<std::size_t>(y) * out.width + x) * c];
      for (int k = 0; k < c; ++k) o[k] = static_cast<std::uint8_t>((a[k] + b[k] + d[k] + e[k] + 2) >> 2);
    }
  return out;
}

}  // namespace orpheus::media
