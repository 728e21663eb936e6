#include "media/loader.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/log.h"

namespace orpheus::media {

std::string MediaKey::describe() const {
  const std::string id = "media " + std::to_string(media_id);
  if (is_tile()) return id + " tile " + std::to_string(level) + "/" + std::to_string(col) + "/" + std::to_string(row);
  std::string out = id + " (" + catalog::to_string(variant) + ")";
  if (cover_w > 0 && cover_h > 0) out += " for " + std::to_string(cover_w) + "x" + std::to_string(cover_h);
  return out;
}

Image scale_to_cover(Image image, int w, int h) {
  if (w <= 0 || h <= 0 || image.width <= 0 || image.height <= 0) return image;
  const double s = std::max(static_cast<double>(w) / image.width, static_cast<double>(h) / image.height);
  if (s >= 0.9) return image;
  const auto side = [s](int n) { return static_cast<int>(std::ceil(n * s - 1e-6)); };  // not 353 for 352.0000001
  return resize(image, std::max(w, side(image.width)), std::max(h, side(image.height)));
}

std::vector<Image> mip_chain(Image image) {
  std::vector<Image> levels;
  levels.push_back(std::move(image));
  while (std::max(levels.back().width, levels.back().height) > kSmallestMip) levels.push_back(mip_down(levels.back()));
  return levels;
}

ImageLoader::ImageLoader(std::filesystem::path pack, int threads, std::function<void()> wake)
    : pack_(std::move(pack)), wake_(std::move(wake)) {
  for (int i = 0; i < std::max(1, threads); ++i) workers_.emplace_back([this] { work(); });
}

ImageLoader::~ImageLoader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

int ImageLoader::default_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n > 1 ? static_cast<int>(n) - 1 : 1;
}

void ImageLoader::request(MediaKey key) {
  {
    std::lock_guard lock(mutex_);
    if (!known_.insert(key).second) return;
    queue_.push_front(key);
  }
  cv_.notify_one();
}

bool ImageLoader::cancel(const MediaKey& key) {
  std::lock_guard lock(mutex_);
  const auto it = std::find(queue_.begin(), queue_.end(), key);
  if (it == queue_.end()) return false;
  queue_.erase(it);
  known_.erase(key);
  return true;
}

void ImageLoader::cancel_queued() {
  std::lock_guard lock(mutex_);
  for (const auto& k : queue_) known_.erase(k);
  queue_.clear();
}

std::vector<LoadedImage> ImageLoader::take_results(std::size_t max) {
  std::lock_guard lock(mutex_);
  const std::size_t n = std::min(max, done_.size());
  std::vector<LoadedImage> out(std::make_move_iterator(done_.begin()),
                               std::make_move_iterator(done_.begin() + static_cast<std::ptrdiff_t>(n)));
  done_.erase(done_.begin(), done_.begin() + static_cast<std::ptrdiff_t>(n));
  for (const auto& r : out) known_.erase(r.key);
  return out;
}

bool ImageLoader::has_results() const {
  std::lock_guard lock(mutex_);
  return !done_.empty();
}

bool ImageLoader::idle() const {
  std::lock_guard lock(mutex_);
  return queue_.empty() && in_flight_ == 0 && done_.empty();
}

void ImageLoader::work() {
  std::optional<catalog::MediaReader> reader;
  std::string open_error;
  for (;;) {
    MediaKey key;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      key = queue_.front();
      queue_.pop_front();
      ++in_flight_;
    }
    LoadedImage result{key, {}, {}};
    try {
      if (!reader && open_error.empty()) {
        try {
          reader.emplace(pack_);
        } catch (const std::exception& e) {
          open_error = e.what();
        }
      }
      if (!reader) throw std::runtime_error(open_error);
      const auto bytes = key.is_tile() ? reader->read_tile(key.media_id, key.level, key.col, key.row)
                                       : reader->read(key.media_id, key.variant);
      if (bytes.empty()) throw std::runtime_error("no such image in the pack");
      // A tile is drawn at its own level's resolution (the level is the mipmap), and an image
      // scaled to cover its place at about its own size: neither needs mipmaps.
      if (key.is_tile()) result.levels.push_back(decode(bytes, kMaxShownPixels));
      else if (key.cover_w > 0) result.levels.push_back(scale_to_cover(decode(bytes, kMaxShownPixels), key.cover_w, key.cover_h));
      else result.levels = mip_chain(decode(bytes, kMaxShownPixels));
    } catch (const std::exception& e) {
      result.levels.clear();
      result.error = key.describe() + " in " + pack_.string() + ": " + e.what();
      log::warn("media", result.error);
    }
    {
      std::lock_guard lock(mutex_);
      --in_flight_;
      done_.push_back(std::move(result));
    }
    if (wake_) wake_();
  }
}

}  // namespace orpheus::media
