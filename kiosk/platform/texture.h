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
  // Uploads RGBA pixels; builds mipmaps so that downscaled views do not shimmer.
  explicit GlTexture(const media::Image& image);
  ~GlTexture();
  GlTexture(GlTexture&& o) noexcept;
  GlTexture& operator=(GlTexture&& o) noexcept;
  GlTexture(const GlTexture&) = delete;
  GlTexture& operator=(const GlTexture&) = delete;

  std::uint32_t id() const { return id_; }
  int width() const { return width_; }
  int height() const { return height_; }
  std::size_t bytes() const;  // GPU memory estimate including mipmaps
  explicit operator bool() const { return id_ != 0; }

 private:
  std::uint32_t id_ = 0;
  int width_ = 0, height_ = 0;
};

// Reads the frame just rendered (before the swap) as RGBA, top row first.
media::Image read_framebuffer(int width, int height, bool double_buffered);

}  // namespace orpheus::platform
