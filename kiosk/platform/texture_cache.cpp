#include "platform/texture_cache.h"

#include <algorithm>
#include <chrono>

namespace orpheus::platform {

void TextureCache::attach(media::ImageLoader* loader) {
  upload_.reset();
  entries_.clear();  // the GL textures go with them
  bytes_ = 0;
  loading_ = 0;
  loader_ = loader;
}

TextureView TextureCache::view(const Entry& e, double now_ms) const {
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

TextureView TextureCache::get(const media::MediaKey& key, double now_ms) {
  auto [it, inserted] = entries_.try_emplace(key);
  Entry& e = it->second;
  e.last_frame = frame_;
  if (inserted) {
    if (loader_) {
      loader_->request(key);
      ++loading_;
      ++counters_.requested;
    } else {
      e.status = TextureView::Status::failed;
    }
  }
  return view(e, now_ms);
}

TextureView TextureCache::peek(const media::MediaKey& key, double now_ms) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  if (it->second.status != TextureView::Status::loading) it->second.last_frame = frame_;  // used: not evicted first
  return view(it->second, now_ms);
}

TextureCache::Entries::iterator TextureCache::drop(Entries::iterator it) {
  bytes_ -= it->second.texture.bytes();
  if (it->second.status == TextureView::Status::loading) --loading_;
  if (upload_ && upload_->key == it->first) upload_.reset();
  return entries_.erase(it);
}

void TextureCache::begin_upload(media::LoadedImage result) {
  const auto it = entries_.find(result.key);
  if (it == entries_.end() || it->second.status != TextureView::Status::loading) return;  // cancelled meanwhile
  Entry& e = it->second;
  if (result.levels.empty()) {
    e.status = TextureView::Status::failed;
    --loading_;
    ++counters_.failed;
    return;
  }
  const media::Image& full = result.levels.front();
  const auto start = std::chrono::steady_clock::now();
  e.texture = GlTexture::allocate(full.width, full.height, static_cast<int>(result.levels.size()));
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  allocate_ms_ = allocate_ms_ * 0.8 + took.count() * 0.2;
  bytes_ += e.texture.bytes();
  upload_ = Upload{result.key, std::move(result.levels), 0, 0};
}

bool TextureCache::upload_strip(Entry& e, double now_ms) {
  Upload& u = *upload_;
  const media::Image& level = u.levels[u.level];
  const std::size_t row_bytes = static_cast<std::size_t>(level.width) * static_cast<std::size_t>(level.channels);
  const int rows = std::min(level.height - u.row, static_cast<int>(std::max<std::size_t>(1, kStripBytes / row_bytes)));
  e.texture.upload_rows(static_cast<int>(u.level), level, u.row, rows);
  u.row += rows;
  if (u.row < level.height) return false;
  u.row = 0;
  if (++u.level < u.levels.size()) return false;
  e.status = TextureView::Status::ready;
  e.ready_ms = now_ms;
  --loading_;
  ++counters_.uploaded;
  upload_.reset();
  return true;
}

bool TextureCache::upload(double budget_ms, double now_ms) {
  if (!loader_) return false;
  const auto start = std::chrono::steady_clock::now();
  const auto waiting = [this] { return upload_.has_value() || loader_->has_results(); };
  const auto spent_ms = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(); };
  for (bool first = true;; first = false) {
    if (!upload_) {
      // Allocating costs more than a strip: begin another image only if that still fits.
      if (!first && spent_ms() + allocate_ms_ > budget_ms) return waiting();
      auto results = loader_->take_results(1);
      if (results.empty()) return false;
      begin_upload(std::move(results.front()));
    }
    if (upload_) {
      const auto it = entries_.find(upload_->key);
      upload_strip(it->second, now_ms);  // drop() ends an upload whose entry goes, so `it` is valid
    }
    if (spent_ms() >= budget_ms) return waiting();
  }
}

bool TextureCache::fading(double now_ms) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const auto& kv) {
    return kv.second.status == TextureView::Status::ready && now_ms - kv.second.ready_ms < kFadeMs;
  });
}

bool TextureCache::settled() const { return loading_ == 0; }

void TextureCache::end_frame() {
  // Requests no frame asks for any more: what left the screen is not decoded for nothing.
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.status == TextureView::Status::loading && it->second.last_frame < frame_) {
      if (loader_) loader_->cancel(it->first);  // one already decoding finishes and is dropped
      ++counters_.cancelled;
      it = drop(it);
    } else {
      ++it;
    }
  }
  if (bytes_ > budget_) {
    std::vector<std::pair<std::uint64_t, media::MediaKey>> order;
    for (const auto& [k, e] : entries_)
      if (e.status == TextureView::Status::ready && e.last_frame < frame_) order.emplace_back(e.last_frame, k);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [frame, key] : order) {
      if (bytes_ <= budget_) break;
      drop(entries_.find(key));
      ++counters_.evicted;
    }
  }
  ++frame_;
}

}  // namespace orpheus::platform
