#include "app/attract.h"

#include <algorithm>

namespace orpheus::app {

void AttractLoop::start(const catalog::Snapshot& s, double now_ms) {
  if (snapshot_ != &s) {
    snapshot_ = &s;
    objects_.clear();
    events_.clear();
    index_ = 0;
    // Round robin over the collections: the first image of each collection's first item, then
    // of each second item, ...
    std::size_t longest = 0;
    for (const auto& c : s.collections) longest = std::max(longest, c.items.size());
    for (std::size_t k = 0; k < longest; ++k)
      for (const auto& c : s.collections) {
        if (k >= c.items.size()) continue;
        const auto& item = s.items[c.items[k]];
        if (!item.media.empty()) objects_.push_back({c.items[k], item.media.front().id, std::nullopt});
      }
    interleave();
  } else if (!slides_.empty()) {
    index_ = (index_ + 1) % slides_.size();
  }
  slide_start_ = now_ms;
  fade_start_.reset();
}

void AttractLoop::set_events(std::vector<std::size_t> events) {
  if (events == events_ || !snapshot_) return;
  const std::optional<Slide> current = slides_.empty() ? std::nullopt : std::optional(slides_[index_]);
  events_ = std::move(events);
  interleave();
  index_ = 0;
  if (current)  // the same slide goes on, or the object after which it stood
    for (std::size_t i = 0; i < slides_.size(); ++i)
      if (slides_[i].item == current->item && slides_[i].event == current->event) index_ = i;
}

void AttractLoop::interleave() {
  slides_.clear();
  std::size_t next_event = 0;
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    slides_.push_back(objects_[i]);
    if (!events_.empty() && (i + 1) % kObjectsPerEvent == 0) {
      const std::size_t e = events_[next_event++ % events_.size()];
      const auto& image = snapshot_->events[e].image;
      slides_.push_back({objects_[i].item, image.value_or(0), e});
    }
  }
  if (objects_.empty())  // a pack of events and no pictures: the events alone
    for (const auto e : events_) slides_.push_back({0, snapshot_->events[e].image.value_or(0), e});
}

void AttractLoop::update(double now_ms, bool next_ready) {
  if (slides_.size() < 2) return;
  if (fade_start_) {
    if (now_ms >= *fade_start_ + kFadeMs) {
      index_ = (index_ + 1) % slides_.size();
      slide_start_ = now_ms;
      fade_start_.reset();
    }
  } else if (now_ms >= slide_start_ + kHoldMs && next_ready) {
    fade_start_ = now_ms;
  }
}

float AttractLoop::mix(double now_ms) const {
  if (!fade_start_) return 0;
  const double t = std::clamp((now_ms - *fade_start_) / kFadeMs, 0.0, 1.0);
  return static_cast<float>(t * t * (3 - 2 * t));  // smoothstep: no jolt at either end
}

std::optional<double> AttractLoop::next_deadline_ms(double now_ms) const {
  if (slides_.size() < 2 || fade_start_ || now_ms >= slide_start_ + kHoldMs) return std::nullopt;
  return slide_start_ + kHoldMs;
}

}  // namespace orpheus::app
