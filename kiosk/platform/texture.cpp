#include "platform/texture.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include <SDL_video.h>

#include "platform/gl.h"

namespace orpheus::platform {

namespace {

GLenum format_of(const media::Image& image) { return image.channels == 3 ? GL_RGB : GL_RGBA; }

void set_sampling(int levels) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, levels > 1 ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace

GlTexture GlTexture::allocate(int width, int height, int levels) {
  GlTexture t;
  t.width_ = width;
  t.height_ = height;
  t.levels_ = std::max(1, levels);
  glGenTextures(1, &t.id_);
  glBindTexture(GL_TEXTURE_2D, t.id_);
  // One allocation for the whole chain where the driver can (about twice as fast on llvmpipe).
  static const bool storage = SDL_GL_ExtensionSupported("GL_ARB_texture_storage") == SDL_TRUE;
  if (storage) {
    glTexStorage2D(GL_TEXTURE_2D, t.levels_, GL_RGBA8, width, height);
  } else {
    for (int l = 0, w = width, h = height; l < t.levels_; ++l, w = std::max(1, w / 2), h = std::max(1, h / 2))
      glTexImage2D(GL_TEXTURE_2D, l, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  }
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 0);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, t.levels_ - 1);
  set_sampling(t.levels_);
  return t;
}

GlTexture GlTexture::coverage(int width, int height, const std::uint8_t* alpha) {
  GlTexture t;
  t.width_ = width;
  t.height_ = height;
  t.bytes_per_pixel_ = 1;
  glGenTextures(1, &t.id_);
  glBindTexture(GL_TEXTURE_2D, t.id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, alpha);
  const GLint white_with_alpha[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, white_with_alpha);
  set_sampling(1);
  return t;
}

void GlTexture::upload_rows(int level, const media::Image& image, int y, int rows) {
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  const auto* first = image.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) * image.channels;
  glTexSubImage2D(GL_TEXTURE_2D, level, 0, y, image.width, rows, format_of(image), GL_UNSIGNED_BYTE, first);
}

GlTexture::~GlTexture() {
  if (id_) glDeleteTextures(1, &id_);
}

GlTexture::GlTexture(GlTexture&& o) noexcept
    : id_(std::exchange(o.id_, 0)),
      width_(o.width_),
      height_(o.height_),
      levels_(o.levels_),
      bytes_per_pixel_(o.bytes_per_pixel_) {}

GlTexture& GlTexture::operator=(GlTexture&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteTextures(1, &id_);
    id_ = std::exchange(o.id_, 0);
    width_ = o.width_;
    height_ = o.height_;
    levels_ = o.levels_;
    bytes_per_pixel_ = o.bytes_per_pixel_;
  }
  return *this;
}

std::size_t GlTexture::bytes() const {
  std::size_t total = 0;
  for (std::size_t l = 0, w = static_cast<std::size_t>(width_), h = static_cast<std::size_t>(height_);
       l < static_cast<std::size_t>(levels_); ++l, w = std::max<std::size_t>(1, w / 2), h = std::max<std::size_t>(1, h / 2))
    total += w * h * static_cast<std::size_t>(bytes_per_pixel_);
  return total;
}

media::Image read_framebuffer(int width, int height, bool double_buffered) {
  media::Image img;
  img.width = width;
  img.height = height;
  img.channels = 4;
  img.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glReadBuffer(double_buffered ? GL_BACK : GL_FRONT);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, img.pixels.data());
  // GL's origin is bottom-left: flip rows.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<std::uint8_t> tmp(row);
  for (int y = 0; y < height / 2; ++y) {
    auto* a = img.pixels.data() + static_cast<std::size_t>(y) * row;
    auto* b = img.pixels.data() + static_cast<std::size_t>(height - 1 - y) * row;
    std::memcpy(tmp.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, tmp.data(), row);
  }
  for (std::size_t i = 3; i < img.pixels.size(); i += 4) img.pixels[i] = 255;
  return img;
}

}  // namespace orpheus::platform
