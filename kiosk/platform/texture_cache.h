#pragma once
// GPU textures for pack media: asks the ImageLoader for what a frame needs, uploads finished
// decodes on the main thread under a per-frame time budget, fades new images in, and evicts
// least-recently-used textures over a memory budget. Main thread only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "media/loader.h"
#include "platform/texture.h"

namespace orpheus::platform {

struct TextureView {
  enum class Status { loading, ready, failed };
  Status status = Status::loading;
  std::uint32_t texture = 0;
  int width = 0, height = 0;
  float alpha = 0;  // fade-in progress, 0..1
};

class TextureCache {
 public:
  static constexpr double kFadeMs = 220;

  explicit TextureCache(std::size_t budget_bytes) : budget_(budget_bytes) {}
  // A new pack: forget every texture and use this loader (not owned; may be null).
  void attach(media::ImageLoader* loader);
  // What to draw for `key` now; requests it if it is not there yet.
  TextureView get(const media::MediaKey& key, double now_ms);
  // Uploads finished decodes until budget_ms of main-thread time is spent.
  // Returns true if finished decodes are still waiting.
  bool upload(double budget_ms, double now_ms);
  bool fading(double now_ms) const;
  // Nothing requested is still loading or waiting for upload.
  bool settled() const;
  // Call once per frame after drawing: evicts over-budget textures not used in this frame.
  void end_frame();
  std::size_t bytes() const { return bytes_; }
  std::size_t count() const { return entries_.size(); }

 private:
  struct Entry {
    GlTexture texture;
    TextureView::Status status = TextureView::Status::loading;
    double ready_ms = 0;
    std::uint64_t last_frame = 0;
  };
  media::ImageLoader* loader_ = nullptr;
  std::unordered_map<media::MediaKey, Entry, media::MediaKeyHash> entries_;
  std::size_t budget_, bytes_ = 0;
  std::uint64_t frame_ = 1;
  int loading_ = 0;
};

}  // namespace orpheus::platform
