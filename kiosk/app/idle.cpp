#include "app/idle.h"

namespace orpheus::app {

void IdleTimer::touched(double now_ms) {
  last_touch_ms_ = now_ms;
  reset_done_ = false;
}

IdleTimer::Event IdleTimer::poll(double now_ms) {
  if (finger_down_) return Event::none;
  const double idle = now_ms - last_touch_ms_;
  if (!reset_done_ && idle >= idle_ms_) {
    reset_done_ = true;
    return Event::reset;
  }
  if (reset_done_ && !attracting_ && attract_ms_ > 0 && idle >= attract_ms_) {
    attracting_ = true;
    return Event::attract;
  }
  return Event::none;
}

std::optional<double> IdleTimer::next_deadline_ms() const {
  if (finger_down_) return std::nullopt;
  if (!reset_done_) return last_touch_ms_ + idle_ms_;
  if (!attracting_ && attract_ms_ > 0) return last_touch_ms_ + attract_ms_;
  return std::nullopt;
}

void IdleTimer::end_attract(double now_ms) {
  attracting_ = false;
  touched(now_ms);
}

bool TouchSwallow::filter(const touch::PointerEvent& e) {
  if (e.kind == touch::PointerKind::down) down_.insert(e.id);
  if (e.kind == touch::PointerKind::up || e.kind == touch::PointerKind::cancel) down_.erase(e.id);
  if (!active_) return false;
  if (down_.empty()) active_ = false;  // the last finger lifted: this event is still swallowed
  return true;
}

void CornerHold::feed(const touch::PointerEvent& e) {
  using touch::PointerKind;
  if (e.kind == PointerKind::down) down_.insert(e.id);
  if (e.kind == PointerKind::up || e.kind == PointerKind::cancel) down_.erase(e.id);
  if (down_.empty()) done_ = false;
  if (e.kind == PointerKind::down) {
    const bool in_corner = e.x >= 0 && e.y >= 0 && e.x < size_ && e.y < size_;
    if (down_.size() == 1 && in_corner && !done_) {
      finger_ = e.id;
      start_ = {e.x, e.y};
      since_ms_ = e.t_ms;
    } else {
      finger_.reset();  // a second finger, or outside the corner
    }
    return;
  }
  if (!finger_ || e.id != *finger_) return;
  if (e.kind != PointerKind::move || touch::length(touch::Vec2{e.x, e.y} - start_) > slop_) finger_.reset();
}

bool CornerHold::fired(double now_ms) {
  if (!finger_ || now_ms < since_ms_ + hold_ms_) return false;
  finger_.reset();
  done_ = true;
  return true;
}

std::optional<double> CornerHold::next_deadline_ms() const {
  if (!finger_) return std::nullopt;
  return since_ms_ + hold_ms_;
}

}  // namespace orpheus::app
