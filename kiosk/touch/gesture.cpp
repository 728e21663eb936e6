#include "touch/gesture.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace orpheus::touch {

namespace {
// Coordinates beyond this are garbage (no window is a million pixels wide); rejecting them
// keeps every distance, scale and velocity finite.
constexpr float kMaxCoord = 1e6f;
// A finger that rested this long before lifting was released from a standstill: no fling.
constexpr double kStillMs = 80;
// Panels report at 60 Hz or more while a finger moves: a longer silence means it rested.
constexpr double kGapMs = 40;
// Bounds the velocity history when a burst of events arrives within the window.
constexpr std::size_t kMaxSamples = 256;

bool usable(float c) { return std::isfinite(c) && std::abs(c) <= kMaxCoord; }
Vec2 midpoint(Vec2 a, Vec2 b) { return (a + b) * 0.5f; }
}  // namespace

GestureConfig GestureConfig::from_dpi(float dpi) {
  GestureConfig c;
  if (!(std::isfinite(dpi) && dpi > 0)) return c;
  c.slop_px = mm_to_px(2, dpi);
  c.double_tap_px = mm_to_px(10, dpi);
  c.flick_px_per_ms = mm_to_px(100, dpi) / 1000;
  return c;
}

void GestureRecognizer::feed(const PointerEvent& e) {
  const bool lifting = e.kind == PointerKind::up || e.kind == PointerKind::cancel;
  const bool valid_p = usable(e.x) && usable(e.y);
  // A garbage down or move is dropped; a garbage lift still lifts, or the finger would stick.
  if (!lifting && (!valid_p || !std::isfinite(e.t_ms))) return;
  const double t = std::isfinite(e.t_ms) ? e.t_ms : last_ms_;
  last_ms_ = t;
  tick(t);

  const Vec2 p{e.x, e.y};
  const auto contact = std::find_if(contacts_.begin(), contacts_.end(), [&](const Contact& c) { return c.id == e.id; });
  const auto ignored = std::find(ignored_.begin(), ignored_.end(), e.id);
  if (ignored != ignored_.end()) {
    if (lifting) {
      ignored_.erase(ignored);
      if (ignored_.empty()) palm_ = false;
    }
    return;
  }
  if (lifting) {
    if (contact != contacts_.end())
      lift(static_cast<std::size_t>(contact - contacts_.begin()), valid_p ? std::optional(p) : std::nullopt, t,
           e.kind == PointerKind::cancel);
  } else if (contact != contacts_.end()) {
    move(*contact, p, t);  // a move, or a duplicate down
  } else if (e.kind == PointerKind::down) {
    press(e.id, p, t);
  }
}

void GestureRecognizer::press(std::int64_t id, Vec2 p, double t) {
  if (palm_) {
    ignored_.push_back(id);
    return;
  }
  if (contacts_.size() + ignored_.size() + 1 > static_cast<std::size_t>(std::max(config_.max_contacts, 0))) {
    if (panning_ && !contacts_.empty()) {  // the pan ends without velocity: a palm does not fling
      frame_.drag_ended = true;
      frame_.release_velocity = {};
      frame_.flick = false;
    }
    drop_contacts();
    last_tap_.reset();
    ignored_.push_back(id);
    palm_ = true;
    return;
  }
  if (contacts_.size() == 2) {
    ignored_.push_back(id);
    return;
  }
  if (contacts_.size() == 1) {
    // A second finger makes the gesture a two-finger pan and pinch at once. The focal point
    // moves to the midpoint without moving travel_, so the content does not jump.
    contacts_.push_back({id, p, p});
    focal_ = focal();
    record(t);
    panning_ = true;  // a pan already under way keeps its lock
    return;
  }
  const double since_tap = last_tap_ ? t - last_tap_->t_ms : -1;
  double_candidate_ = since_tap >= 0 && since_tap <= config_.double_tap_ms &&
                      length(p - last_tap_->p) <= config_.double_tap_px;
  last_tap_.reset();
  contacts_.push_back({id, p, p});
  origin_ = focal_ = p;
  travel_ = {};
  down_ms_ = moved_ms_ = t;
  panning_ = long_pressed_ = false;
  lock_ = Lock::none;
  samples_.clear();
  record(t);
}

void GestureRecognizer::move(Contact& c, Vec2 p, double t) {
  const bool two = contacts_.size() == 2;
  const float before = two ? length(contacts_[1].last - contacts_[0].last) : 0;
  c.last = p;
  if (two) {
    // Multiplying the per-event ratios telescopes to the distance ratio over the frame. The
    // 1 px floor keeps two fingers reported at one point (garbage) from dividing by zero.
    const float after = length(contacts_[1].last - contacts_[0].last);
    frame_.scale *= std::max(after, 1.0f) / std::max(before, 1.0f);
    frame_.focal = focal();  // the scale applies about here, even if a finger lifts later in the frame
  }
  const Vec2 d = focal() - focal_;
  focal_ = focal();
  if (d.x == 0 && d.y == 0) return;
  travel_ = travel_ + d;
  moved_ms_ = t;
  record(t);
  if (panning_) {
    frame_.drag_delta = frame_.drag_delta + d;
  } else if (!long_pressed_ && length(c.last - c.origin) > config_.slop_px) {
    // Only one finger can be down here. The pan follows it 1:1 from touch-down, including the
    // movement inside the slop, so the content stays under the finger.
    panning_ = true;
    lock_ = lock_for(c.last - c.origin);
    frame_.drag_delta = frame_.drag_delta + travel_;
  }
}

void GestureRecognizer::lift(std::size_t i, std::optional<Vec2> p, double t, bool cancelled) {
  if (p && !cancelled) move(contacts_[i], *p, t);
  if (contacts_.size() == 2) {
    contacts_.erase(contacts_.begin() + static_cast<std::ptrdiff_t>(i));
    focal_ = focal();  // re-anchor on the remaining finger
    record(t);
    return;
  }
  if (panning_) {
    frame_.drag_ended = true;
    const Vec2 v = cancelled ? Vec2{} : velocity(t);
    frame_.release_velocity = v;
    frame_.flick = length(v) > 0 && length(v) >= config_.flick_px_per_ms;
  } else if (!long_pressed_ && !cancelled) {
    frame_.tap = origin_;
    frame_.tap_count = double_candidate_ ? 2 : 1;
    if (double_candidate_)
      last_tap_.reset();  // a third tap starts a new pair
    else
      last_tap_ = Sample{t, origin_};
  }
  contacts_.clear();
  panning_ = false;
}

void GestureRecognizer::drop_contacts() {
  for (const Contact& c : contacts_) ignored_.push_back(c.id);
  contacts_.clear();
  panning_ = long_pressed_ = false;
}

void GestureRecognizer::record(double t) {
  if (!samples_.empty() && t <= samples_.back().t_ms) {
    if (t == samples_.back().t_ms) {
      samples_.back().p = travel_;
      return;
    }
    samples_.clear();  // time went backwards: the history no longer describes this timeline
  }
  samples_.push_back({t, travel_});
  while (samples_.size() > kMaxSamples || samples_.front().t_ms < t - config_.velocity_window_ms) samples_.pop_front();
}

Vec2 GestureRecognizer::velocity(double t_up) const {
  if (samples_.empty() || t_up - moved_ms_ > kStillMs) return {};
  // Least-squares slope of the path over the window before the last movement, back to the
  // last silence: panels report steadily while a finger moves, so no events means it rested.
  const Sample& last = samples_.back();
  double n = 0, st = 0, stt = 0, sx = 0, sy = 0, stx = 0, sty = 0, later = last.t_ms;
  for (auto s = samples_.rbegin(); s != samples_.rend(); ++s) {
    if (later - s->t_ms > kGapMs) break;  // record() keeps only the window
    later = s->t_ms;
    const double t = s->t_ms - last.t_ms, x = s->p.x - last.p.x, y = s->p.y - last.p.y;
    n += 1, st += t, stt += t * t, sx += x, sy += y, stx += t * x, sty += t * y;
  }
  const double den = n * stt - st * st;
  if (!(den > 1e-9)) return {};
  const Vec2 v{static_cast<float>((n * stx - st * sx) / den), static_cast<float>((n * sty - st * sy) / den)};
  return std::isfinite(v.x) && std::isfinite(v.y) ? v : Vec2{};
}

Lock GestureRecognizer::lock_for(Vec2 d) const {
  const double degrees = std::atan2(std::abs(d.y), std::abs(d.x)) * 180 / std::numbers::pi;
  const double within = std::min(config_.lock_degrees, 45.0);
  if (degrees <= within) return Lock::horizontal;
  if (90 - degrees <= within) return Lock::vertical;
  return Lock::none;
}

Vec2 GestureRecognizer::focal() const {
  if (contacts_.empty()) return focal_;
  return contacts_.size() == 1 ? contacts_[0].last : midpoint(contacts_[0].last, contacts_[1].last);
}

bool GestureRecognizer::holding() const { return contacts_.size() == 1 && !panning_ && !long_pressed_; }

void GestureRecognizer::tick(double now_ms) {
  if (holding() && now_ms >= down_ms_ + config_.long_press_ms) {
    long_pressed_ = true;
    frame_.long_press = origin_;
  }
}

std::optional<double> GestureRecognizer::next_deadline_ms() const {
  if (!holding()) return std::nullopt;
  return down_ms_ + config_.long_press_ms;
}

GestureFrame GestureRecognizer::take_frame() {
  GestureFrame out = frame_;
  frame_ = GestureFrame{};
  out.fingers = static_cast<int>(contacts_.size());
  out.pressed = holding();
  out.dragging = panning_ && !contacts_.empty();
  out.position = focal_;
  if (out.scale == 1) out.focal = focal_;
  out.press_origin = origin_;
  out.lock = lock_;
  out.pinching = contacts_.size() == 2;
  return out;
}

bool GestureRecognizer::active() const { return !contacts_.empty() || !ignored_.empty(); }

void GestureRecognizer::cancel() {
  drop_contacts();
  last_tap_.reset();
  frame_ = GestureFrame{};
}

}  // namespace orpheus::touch
