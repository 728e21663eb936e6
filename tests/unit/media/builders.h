#pragma once
// Images and files built in memory for the media tests.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "media/image.h"
#include "media/png_check.h"

namespace orpheus::media::test {

// Red grows to the right, green downwards: every turn and mirror of it is a different image.
inline Image gradient(int w, int h, int channels = 4) {
  Image img;
  img.width = w;
  img.height = h;
  img.channels = channels;
  img.pixels.resize(static_cast<std::size_t>(w) * h * channels);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto* p = &img.pixels[(static_cast<std::size_t>(y) * w + x) * channels];
      p[0] = static_cast<std::uint8_t>(x * 255 / std::max(1, w - 1));
      p[1] = static_cast<std::uint8_t>(y * 255 / std::max(1, h - 1));
      p[2] = 128;
      if (channels == 4) p[3] = 255;
    }
  return img;
}

inline void put16(std::vector<std::uint8_t>& out, unsigned v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

inline void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xFFFFu);
}

inline void png_chunk(std::vector<std::uint8_t>& out, const char* type, const std::vector<std::uint8_t>& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  std::vector<std::uint8_t> body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  put32(out, png::crc32(body));
}

// `png` with one more chunk right after IHDR.
inline std::vector<std::uint8_t> with_png_chunk(std::vector<std::uint8_t> png, const char* type,
                                                const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> chunk;
  png_chunk(chunk, type, data);
  png.insert(png.begin() + 8 + 25, chunk.begin(), chunk.end());
  return png;
}

// `jpeg` with one more marker segment right after SOI.
inline std::vector<std::uint8_t> with_jpeg_segment(std::vector<std::uint8_t> jpeg, std::uint8_t marker,
                                                   const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> segment{0xFF, marker};
  put16(segment, static_cast<unsigned>(payload.size() + 2));
  segment.insert(segment.end(), payload.begin(), payload.end());
  jpeg.insert(jpeg.begin() + 2, segment.begin(), segment.end());
  return jpeg;
}

// The PNG signature and an intact IHDR claiming w x h RGBA pixels: nothing else.
inline std::vector<std::uint8_t> png_header_only(std::uint32_t w, std::uint32_t h) {
  std::vector<std::uint8_t> out{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  std::vector<std::uint8_t> ihdr;
  put32(ihdr, w);
  put32(ihdr, h);
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});
  png_chunk(out, "IHDR", ihdr);
  return out;
}

// A PNG whose (intact) header claims w x h RGBA pixels, followed by a few bytes of data.
inline std::vector<std::uint8_t> png_claiming(std::uint32_t w, std::uint32_t h) {
  std::vector<std::uint8_t> out = png_header_only(w, h);
  png_chunk(out, "IDAT", {0x78, 0x9c, 0x63, 0x00, 0x00});
  png_chunk(out, "IEND", {});
  return out;
}

// Bytes as hexadecimal digits, for an SQL blob literal X'...'.
inline std::string hex(const std::vector<std::uint8_t>& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string s;
  for (auto b : bytes) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

// A JPEG header (SOI + a frame header) claiming w x h, and nothing after it but EOI.
inline std::vector<std::uint8_t> jpeg_claiming(std::uint16_t w, std::uint16_t h, std::uint8_t sof = 0xC0,
                                               std::uint8_t precision = 8, std::uint8_t components = 3) {
  std::vector<std::uint8_t> out{0xFF, 0xD8, 0xFF, sof};
  put16(out, 8 + 3u * components);
  out.push_back(precision);
  put16(out, h);
  put16(out, w);
  out.push_back(components);
  for (std::uint8_t c = 1; c <= components; ++c) out.insert(out.end(), {c, 0x11, 0x00});
  out.insert(out.end(), {0xFF, 0xD9});
  return out;
}

}  // namespace orpheus::media::test
