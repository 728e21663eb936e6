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
#include "media/image.h"

namespace orpheus::media {

struct MediaKey {
  std::int64_t media_id = 0;
  catalog::MediaVariant variant = catalog::MediaVariant::thumbnail;
  friend bool operator==(const MediaKey&, const MediaKey&) = default;
};
struct MediaKeyHash {
  std::size_t operator()(const MediaKey& k) const noexcept {
    return std::hash<std::int64_t>()(k.media_id * 4 + static_cast<int>(k.variant));
  }
};

struct LoadedImage {
  MediaKey key;
  Image image;        // empty on failure
  std::string error;  // why it failed: "media 12 (display): no such image in pack" / decoder reason
};

class ImageLoader {
 public:
  ImageLoader(std::filesystem::path pack, int threads, std::function<void()> wake);
  ~ImageLoader();  // stops and joins the workers; pending requests are dropped
  ImageLoader(const ImageLoader&) = delete;
  ImageLoader& operator=(const ImageLoader&) = delete;

  // Queues a request unless the same key is queued, in flight or waiting to be taken.
  // Newer requests run first: what the visitor looks at now matters most.
  void request(MediaKey key);
  // Drops queued requests that have not started (e.g. the visitor left the screen).
  void cancel_queued();
  std::vector<LoadedImage> take_results(std::size_t max);
  // Nothing queued, decoding or waiting to be taken.
  bool idle() const;
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
