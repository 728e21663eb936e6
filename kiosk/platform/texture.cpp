#include "platform/texture.h"

#include <cstring>
#include <utility>

#include "platform/gl.h"

namespace orpheus::platform {

GlTexture::GlTexture(const media::Image& image) : width_(image.width), height_(image.height) {
  glGenTextures(1, &id_);
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  const GLenum format = image.channels == 3 ? GL_RGB : GL_RGBA;
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width_, height_, 0, format, GL_UNSIGNED_BYTE, image.pixels.data());
  glGenerateMipmap(GL_TEXTURE_2D);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

GlTexture::~GlTexture() {
  if (id_) glDeleteTextures(1, &id_);
}

GlTexture::GlTexture(GlTexture&& o) noexcept
    : id_(std::exchange(o.id_, 0)), width_(o.width_), height_(o.height_) {}

GlTexture& GlTexture::operator=(GlTexture&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteTextures(1, &id_);
    id_ = std::exchange(o.id_, 0);
    width_ = o.width_;
    height_ = o.height_;
  }
  return *this;
}

std::size_t GlTexture::bytes() const {
  return static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_) * 4 * 4 / 3;
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
