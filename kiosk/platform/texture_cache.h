#pragma once
// GPU textures for pack media: asks the ImageLoader for what a frame needs, uploads finished
// decodes on the main thread under a per-frame time budget (large images row strip by row
// strip over several frames, so no frame stalls), fades new images in, cancels requests that
// no frame asks for any more (they left the screen), and evicts least-recently-used textures
// over a memory budget. Main thread only.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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
  // Pixels copied to the GPU between two looks at the clock.
  static constexpr std::size_t kStripBytes = 256u << 10;

  struct Counters {
    std::uint64_t requested = 0, uploaded = 0, failed = 0, cancelled = 0, evicted = 0;
  };

  explicit TextureCache(std::size_t budget_bytes) : budget_(budget_bytes) {}
  void set_budget(std::size_t bytes) { budget_ = bytes; }
  std::size_t budget() const { return budget_; }
  // A new pack: forget every texture and use this loader (not owned; may be null).
  void attach(media::ImageLoader* loader);
  // What to draw for `key` now; requests it if it is not there yet. Asking for a key in a
  // frame keeps its request alive and its texture from eviction.
  TextureView get(const media::MediaKey& key, double now_ms);
  // Like get() for what is already there (loaded or loading); never requests.
  TextureView peek(const media::MediaKey& key, double now_ms);
  // Uploads finished decodes until budget_ms of main-thread time is spent (at least one strip
  // of rows). Returns true if decoded pixels are still waiting to be uploaded.
  bool upload(double budget_ms, double now_ms);
  bool fading(double now_ms) const;
  // Nothing requested is still loading or waiting for upload.
  bool settled() const;
  // Call once per frame after drawing: cancels the requests this frame did not ask for, and
  // evicts over-budget textures not used in this frame, least recently used first.
  void end_frame();
  std::size_t bytes() const { return bytes_; }
  std::size_t count() const { return entries_.size(); }
  const Counters& counters() const { return counters_; }

 private:
  struct Entry {
    GlTexture texture;  // allocated once its pixels start arriving
    TextureView::Status status = TextureView::Status::loading;
    double ready_ms = 0;
    std::uint64_t last_frame = 0;
  };
  using Entries = std::unordered_map<media::MediaKey, Entry, media::MediaKeyHash>;
  // A decoded image whose pixels are being copied, strip by strip.
  struct Upload {
    media::MediaKey key;
    std::vector<media::Image> levels;
    std::size_t level = 0;
    int row = 0;
  };

  TextureView view(const Entry& e, double now_ms) const;
  void begin_upload(media::LoadedImage result);
  // Copies one strip of the current upload; true when the image is complete.
  bool upload_strip(Entry& e, double now_ms);
  Entries::iterator drop(Entries::iterator it);

  media::ImageLoader* loader_ = nullptr;
  Entries entries_;
  std::optional<Upload> upload_;
  std::size_t budget_, bytes_ = 0;
  std::uint64_t frame_ = 1;
  int loading_ = 0;
  double allocate_ms_ = 0.5;  // what allocating a texture took lately (a moving average)
  Counters counters_;
};

}  // namespace orpheus::platform
