#pragma once
// A GL texture as a move-only owner, and the upload of decoded pixels. Main thread only
// (the thread that owns the GL context).
#include <cstddef>
#include <cstdint>

#include "media/image.h"

namespace orpheus::platform {

class GlTexture {
 public:
  GlTexture() = default;
  // Storage for an RGBA image of width x height with `levels` mipmap levels (each half the
  // one before, sizes rounded down, as media::mip_down makes them), pixels to come from
  // upload_rows(). Allocating is cheap; the copying is what takes time.
  static GlTexture allocate(int width, int height, int levels);
  // A one-channel coverage texture (a font atlas) that samples as white with the coverage as
  // alpha: a quarter of the memory of the same as RGBA. `alpha`: width x height bytes.
  static GlTexture coverage(int width, int height, const std::uint8_t* alpha);
  // Copies `rows` rows starting at row y of mipmap level `level` from `image` (that level's
  // pixels, RGBA or RGB).
  void upload_rows(int level, const media::Image& image, int y, int rows);
  ~GlTexture();
  GlTexture(GlTexture&& o) noexcept;
  GlTexture& operator=(GlTexture&& o) noexcept;
  GlTexture(const GlTexture&) = delete;
  GlTexture& operator=(const GlTexture&) = delete;

  std::uint32_t id() const { return id_; }
  int width() const { return width_; }
  int height() const { return height_; }
  std::size_t bytes() const;  // GPU memory estimate including mipmaps
  int levels() const { return levels_; }
  explicit operator bool() const { return id_ != 0; }

 private:
  std::uint32_t id_ = 0;
  int width_ = 0, height_ = 0;
  int levels_ = 1;
  int bytes_per_pixel_ = 4;
};

// Reads the frame just rendered (before the swap) as RGBA, top row first.
media::Image read_framebuffer(int width, int height, bool double_buffered);

}  // namespace orpheus::platform
