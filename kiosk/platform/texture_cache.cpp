#include "platform/texture_cache.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace orpheus::platform {

void TextureCache::attach(media::ImageLoader* loader) {
  entries_.clear();
  bytes_ = 0;
  loading_ = 0;
  loader_ = loader;
}

TextureView TextureCache::get(const media::MediaKey& key, double now_ms) {
  auto [it, inserted] = entries_.try_emplace(key);
  Entry& e = it->second;
  e.last_frame = frame_;
  if (inserted) {
    if (loader_) {
      loader_->request(key);
      ++loading_;
    } else {
      e.status = TextureView::Status::failed;
    }
  }
  TextureView v;
  v.status = e.status;
  if (e.status == TextureView::Status::ready) {
    v.texture = e.texture.id();
    v.width = e.texture.width();
    v.height = e.texture.height();
    v.alpha = static_cast<float>(std::clamp((now_ms - e.ready_ms) / kFadeMs, 0.0, 1.0));
  }
  return v;
}

bool TextureCache::upload(double budget_ms, double now_ms) {
  if (!loader_) return false;
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    auto results = loader_->take_results(1);
    if (results.empty()) return false;
    auto& r = results.front();
    auto it = entries_.find(r.key);
    if (it != entries_.end() && it->second.status == TextureView::Status::loading) {
      --loading_;
      if (r.image.empty()) {
        it->second.status = TextureView::Status::failed;
      } else {
        it->second.texture = GlTexture(r.image);
        it->second.status = TextureView::Status::ready;
        it->second.ready_ms = now_ms;
        bytes_ += it->second.texture.bytes();
      }
    }
    const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
    if (spent.count() >= budget_ms) return !loader_->idle();
  }
}

bool TextureCache::fading(double now_ms) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const auto& kv) {
    return kv.second.status == TextureView::Status::ready && now_ms - kv.second.ready_ms < kFadeMs;
  });
}

bool TextureCache::settled() const { return loading_ == 0; }

void TextureCache::end_frame() {
  if (bytes_ > budget_) {
    std::vector<std::pair<std::uint64_t, media::MediaKey>> order;
    for (const auto& [k, e] : entries_)
      if (e.status != TextureView::Status::loading && e.last_frame < frame_) order.emplace_back(e.last_frame, k);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [frame, key] : order) {
      if (bytes_ <= budget_) break;
      auto it = entries_.find(key);
      bytes_ -= it->second.texture.bytes();
      entries_.erase(it);
    }
  }
  ++frame_;
}

}  // namespace orpheus::platform
