#pragma once
// Background image loading: a pool of worker threads reads media blobs from a pack (each
// worker with its own read-only connection) and decodes them to RGBA. The main thread
// requests images and collects finished ones with take_results(); it never blocks on I/O or
// decoding. No GL here: uploading is the platform layer's job.
//
// Threading: every public method is called from the owning (main) thread only, except that
// `wake` is invoked from worker threads whenever a result becomes ready.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "catalog/catalog.h"
#include "media/deep_zoom.h"
#include "media/image.h"

namespace orpheus::media {

// One image of a pack: a variant of a media row, or one tile of its deep-zoom pyramid.
struct MediaKey {
  std::int64_t media_id = 0;
  catalog::MediaVariant variant = catalog::MediaVariant::thumbnail;  // unused for tiles
  int level = -1, col = 0, row = 0;                                  // level >= 0: a tile
  // Non-zero: the image is only drawn cropped to fill about cover_w x cover_h pixels, so it is
  // scaled down (never up) to the smallest size that covers them, and needs no mipmaps. A grid
  // card takes 40% of the memory of the stored thumbnail with its mipmaps.
  int cover_w = 0, cover_h = 0;

  static MediaKey tile(std::int64_t media_id, TileId t) {
    return {media_id, catalog::MediaVariant::original, t.level, t.col, t.row};
  }
  bool is_tile() const { return level >= 0; }
  std::string describe() const;  // "media 12 (display)", "media 12 (thumbnail) for 352x288", "media 12 tile 3/4/1"
  friend bool operator==(const MediaKey&, const MediaKey&) = default;
};
struct MediaKeyHash {
  std::size_t operator()(const MediaKey& k) const noexcept {
    std::size_t h = std::hash<std::int64_t>()(k.media_id * 4 + static_cast<int>(k.variant));
    for (const int v : {k.level, k.col, k.row, k.cover_w, k.cover_h}) h = h * 1000003u ^ std::hash<int>()(v);
    return h;
  }
};

struct LoadedImage {
  MediaKey key;
  // levels[0] the image, then its mipmaps (mip_chain, made here so the main thread only
  // copies; none for tiles); empty on failure.
  std::vector<Image> levels;
  std::string error;  // why it failed: "media 12 (display) in PACK: no such image in the pack" / decoder reason
};

// `image` scaled down to the smallest size that covers w x h (keeping its proportions), or as it
// is if that would hardly be smaller (by less than 10%) or w or h is 0.
Image scale_to_cover(Image image, int w, int h);

// The most pixels an image the kiosk decodes may have: a display variant fits 2048 x 2048 and a
// tile is at most 4096 on a side (the builder's are 256 and 512), so anything larger is a
// crafted blob; refused from its header, before pixel memory is taken (64 MB of RGBA at most,
// where media::kDefaultMaxPixels would allow 800 MB per worker).
inline constexpr std::int64_t kMaxShownPixels = 4096 * 4096;

// The image and its mipmaps (media::mip_down, GL's sizes) down to the first level no larger
// than kSmallestMip on either side (smaller ones are never sampled on a kiosk screen).
inline constexpr int kSmallestMip = 16;
std::vector<Image> mip_chain(Image image);

class ImageLoader {
 public:
  ImageLoader(std::filesystem::path pack, int threads, std::function<void()> wake);
  ~ImageLoader();  // stops and joins the workers; pending requests are dropped
  ImageLoader(const ImageLoader&) = delete;
  ImageLoader& operator=(const ImageLoader&) = delete;

  // Queues a request unless the same key is queued, in flight or waiting to be taken.
  // Newer requests run first: what the visitor looks at now matters most.
  void request(MediaKey key);
  // Drops a queued request that has not started (it left the screen). One in flight still
  // finishes; its result is taken as usual. Returns true if it was dropped.
  bool cancel(const MediaKey& key);
  // Drops every queued request that has not started.
  void cancel_queued();
  std::vector<LoadedImage> take_results(std::size_t max);
  // Nothing queued, decoding or waiting to be taken.
  bool idle() const;
  // Finished decodes waiting to be taken.
  bool has_results() const;
  static int default_threads();  // the cores minus one for the UI, at least 1

 private:
  void work();

  std::filesystem::path pack_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<MediaKey> queue_;
  std::unordered_set<MediaKey, MediaKeyHash> known_;  // queued, in flight or done-not-taken
  std::vector<LoadedImage> done_;
  int in_flight_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace orpheus::media
