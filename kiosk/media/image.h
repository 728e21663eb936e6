#pragma once
// Image decoding, resizing and encoding on CPU pixel buffers (stb). No GL. Any thread.
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace orpheus::media {

// 8-bit RGBA (or RGB when channels == 3), rows tightly packed, top row first.
struct Image {
  int width = 0, height = 0, channels = 4;
  std::vector<std::uint8_t> pixels;
  bool empty() const { return width == 0 || height == 0; }
};

class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImageInfo {
  int width = 0, height = 0;  // as displayed: after the EXIF orientation
  int channels = 0;
  std::string format;    // "jpeg", "png"
  int orientation = 1;   // EXIF orientation 1..8 (JPEG APP1 "Exif", PNG eXIf); 1 when absent or unreadable
};

inline constexpr std::int64_t kDefaultMaxPixels = 200'000'000;  // refuse larger headers before allocating

// Reads the headers only. Throws DecodeError naming the problem: unknown format, corrupt header,
// too large, or a kind of JPEG that cannot be decoded (12-bit, arithmetic-coded, lossless,
// hierarchical, CMYK without an Adobe marker).
ImageInfo probe(std::span<const std::uint8_t> bytes, std::int64_t max_pixels = kDefaultMaxPixels);
// probe() plus a check of the whole file's structure without decoding pixels: PNG chunk
// checksums and IEND, JPEG segments and the end-of-image marker (so truncated files are caught).
// Cheap: for checking many files before a build.
ImageInfo verify(std::span<const std::uint8_t> bytes, std::int64_t max_pixels = kDefaultMaxPixels);
// verify(), then a full decode to RGBA (channels = 4), turned upright by the EXIF orientation.
// Throws DecodeError with the reason.
Image decode(std::span<const std::uint8_t> bytes, std::int64_t max_pixels = kDefaultMaxPixels);
// Resample (box/Mitchell, sRGB-aware) to exactly w x h.
Image resize(const Image& src, int w, int h);
// Half the size in each direction (rounded up) by averaging 2x2 blocks; an odd last row or
// column averages the pixels it has. What image pyramids and mipmaps conventionally use.
Image half_size(const Image& src);
// Half the size in each direction rounded down (at least 1) by averaging 2x2 blocks (fewer at a
// side of 1): the sizes GL gives the levels of a mipmap chain.
Image mip_down(const Image& src);
// Largest size that fits into max_w x max_h keeping the aspect ratio; never upscales.
Image fit_within(const Image& src, int max_w, int max_h);
std::vector<std::uint8_t> encode_jpeg(const Image& img, int quality = 88);
std::vector<std::uint8_t> encode_png(const Image& img);
std::vector<std::uint8_t> read_file(const std::filesystem::path& file);  // throws std::runtime_error

}  // namespace orpheus::media
