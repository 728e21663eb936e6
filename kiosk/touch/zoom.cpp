#include "touch/zoom.h"

#include <algorithm>
#include <cmath>

#include "touch/rubber_band.h"

namespace orpheus::touch {
namespace {

constexpr double kFlingTimeConstantMs = 325;  // as the scroll axis
constexpr float kMinFlingVelocity = 0.05f;    // px/ms at release
constexpr float kStopVelocity = 0.01f;        // px/ms
constexpr double kToggleMs = 250;             // double-tap zoom
constexpr double kSettleMs = 250;             // spring back into the limits
// Pinching past the limits is banded in log-scale space (ZoomView::kPinchOverMax, kPinchUnderFit).
const double kOverMaxLimit = std::log(ZoomView::kPinchOverMax);
const double kUnderFitLimit = -std::log(ZoomView::kPinchUnderFit);

bool finite(Vec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }
Vec2 lerp(Vec2 a, Vec2 b, float t) { return a + (b - a) * t; }
double ease_out(double p) { return 1 - (1 - p) * (1 - p) * (1 - p); }

// Offset range along one axis: an image longer than the view may not show past its ends, a
// shorter one is centred.
void axis_limits(float view, float image, float& lo, float& hi) {
  if (image >= view) {
    lo = view - image;
    hi = 0;
  } else {
    lo = hi = (view - image) / 2;
  }
}

}  // namespace

bool ZoomView::valid() const {
  return size_.x > 0 && size_.y > 0 && image_.x > 0 && image_.y > 0;
}

float ZoomView::fit_scale() const {
  if (!valid()) return 1;
  const float f = std::min(size_.x / image_.x, size_.y / image_.y);
  return std::isfinite(f) && f > 0 ? f : 1;
}

float ZoomView::max_scale() const {
  return std::isfinite(max_scale_) ? std::max(fit_scale(), max_scale_) : fit_scale();
}

float ZoomView::double_tap_scale() const { return std::min(max_scale(), fit_scale() * 3); }

Vec2 ZoomView::to_image(Vec2 screen) const { return (screen - min_ - offset_) * (1 / scale_); }
Vec2 ZoomView::to_screen(Vec2 image) const { return min_ + offset_ + image * scale_; }

Vec2 ZoomView::clamp_offset(Vec2 o, float s) const {
  Vec2 lo, hi;
  axis_limits(size_.x, image_.x * s, lo.x, hi.x);
  axis_limits(size_.y, image_.y * s, lo.y, hi.y);
  return {std::clamp(o.x, lo.x, hi.x), std::clamp(o.y, lo.y, hi.y)};
}

bool ZoomView::in_limits() const {
  const float fit = fit_scale();
  if (scale_ < fit * (1 - 1e-5f) || scale_ > max_scale() * (1 + 1e-5f)) return false;
  const Vec2 d = clamp_offset(offset_, scale_) - offset_;
  return std::fabs(d.x) < 0.01f && std::fabs(d.y) < 0.01f;
}

void ZoomView::set_view(Vec2 viewport_min, Vec2 viewport_size, Vec2 image_size) {
  if (!finite(viewport_min) || !finite(viewport_size) || !finite(image_size)) return;
  const bool same_image = image_size.x == image_.x && image_size.y == image_.y;
  const bool same_viewport = viewport_min.x == min_.x && viewport_min.y == min_.y &&
                             viewport_size.x == size_.x && viewport_size.y == size_.y;
  if (same_image && same_viewport) return;
  const bool keep = same_image && valid();
  const float relative = scale_ / fit_scale();
  const Vec2 centre = to_image(min_ + size_ * 0.5f);
  min_ = viewport_min;
  size_ = viewport_size;
  image_ = image_size;
  reset();
  if (!keep || !valid()) return;
  scale_ = std::clamp(relative * fit_scale(), fit_scale(), max_scale());
  offset_ = clamp_offset(size_ * 0.5f - centre * scale_, scale_);
}

void ZoomView::reset() {
  animating_ = false;
  velocity_ = {};
  scale_ = fit_scale();
  offset_ = valid() ? (size_ - image_ * scale_) * 0.5f : Vec2{};
  focal_ = min_ + size_ * 0.5f;
}

void ZoomView::stop() {
  animating_ = false;
  velocity_ = {};
}

void ZoomView::pinch(float factor, Vec2 focal) {
  if (!valid() || !std::isfinite(factor) || !(factor > 0) || !finite(focal)) return;
  stop();
  focal_ = focal;
  // Banded in log space, so that the resistance feels the same at any zoom.
  const Vec2 image_point = to_image(focal);
  const double lo = std::log(fit_scale()), hi = std::log(max_scale());
  const double raw =
      detail::rubber_band_range_inverse(std::log(scale_), lo, hi, kUnderFitLimit, kOverMaxLimit) +
      std::log(factor);
  scale_ = static_cast<float>(
      std::exp(detail::rubber_band_range(raw, lo, hi, kUnderFitLimit, kOverMaxLimit)));
  // Not clamped while the fingers are down (that would pull the image from under them);
  // update() brings it back into the limits once they lift.
  offset_ = focal - min_ - image_point * scale_;
}

void ZoomView::pan(Vec2 delta) {
  if (!valid() || !finite(delta)) return;
  stop();
  // Never further out than the limits (or their rubber band), but no jump if a pinch left the
  // image outside them.
  const auto along = [&](float view, float image, float& offset, float d) {
    float lo, hi;
    axis_limits(view, image * scale_, lo, hi);
    if (pan_overscroll_ && image * scale_ >= view) {
      const double limit = view * 0.15;
      const double raw = detail::rubber_band_range_inverse(offset, lo, hi, limit, limit) + d;
      offset = static_cast<float>(detail::rubber_band_range(raw, lo, hi, limit, limit));
      return;
    }
    offset = std::clamp(offset + d, std::min(lo, offset), std::max(hi, offset));
  };
  along(size_.x, image_.x, offset_.x, delta.x);
  along(size_.y, image_.y, offset_.y, delta.y);
}

void ZoomView::release(Vec2 velocity) {
  stop();
  if (!valid()) return;
  if (!in_limits()) {
    animate_to(std::clamp(scale_, fit_scale(), max_scale()), focal_, kSettleMs);
    return;
  }
  if (!finite(velocity) || std::hypot(velocity.x, velocity.y) < kMinFlingVelocity) return;
  // Only along an axis on which the image can move at all.
  velocity_.x = image_.x * scale_ > size_.x ? velocity.x : 0;
  velocity_.y = image_.y * scale_ > size_.y ? velocity.y : 0;
}

void ZoomView::toggle_zoom(Vec2 at) {
  if (!valid() || !finite(at)) return;
  stop();
  animate_to(zoomed() ? fit_scale() : double_tap_scale(), at, kToggleMs);
}

void ZoomView::focus(Vec2 image_point, float scale, double ms) {
  if (!valid() || !finite(image_point) || !std::isfinite(scale)) return;
  stop();
  const float s = std::clamp(scale, fit_scale(), max_scale());
  if (ms > 0) {
    animate_to(s, image_point, min_ + size_ * 0.5f, ms);
    return;
  }
  scale_ = s;
  offset_ = clamp_offset(size_ * 0.5f - image_point * s, s);
}

void ZoomView::animate_to(float s, Vec2 anchor, double ms) { animate_to(s, to_image(anchor), anchor, ms); }

void ZoomView::animate_to(float s, Vec2 image_point, Vec2 screen_to, double ms) {
  // The image point travels from where it is to where it lies in the end state, which is
  // clamped to the pan limits first so that the animation never ends in an invalid state.
  const Vec2 end_offset = clamp_offset(screen_to - min_ - image_point * s, s);
  anim_from_ = scale_;
  anim_to_ = s;
  anim_image_point_ = image_point;
  anim_screen_from_ = to_screen(image_point);
  anim_screen_to_ = min_ + end_offset + image_point * s;
  anim_ms_ = ms;
  anim_elapsed_ms_ = 0;
  animating_ = true;
}

bool ZoomView::update(double dt_ms, bool held) {
  if (held || !valid()) {
    stop();
    return false;
  }
  const double dt = dt_ms > 0 ? dt_ms : 0;  // also NaN
  if (!animating_ && !in_limits()) {
    velocity_ = {};
    animate_to(std::clamp(scale_, fit_scale(), max_scale()), focal_, kSettleMs);
  }

  if (animating_) {
    anim_elapsed_ms_ += dt;
    const double p = anim_elapsed_ms_ < anim_ms_ ? anim_elapsed_ms_ / anim_ms_ : 1;
    const double e = ease_out(p);
    // Geometric in scale: zooming 1x->2x looks as fast as 2x->4x.
    scale_ = static_cast<float>(anim_from_ * std::pow(double{anim_to_} / anim_from_, e));
    offset_ = lerp(anim_screen_from_, anim_screen_to_, static_cast<float>(e)) - min_ -
              anim_image_point_ * scale_;
    if (p >= 1) {
      animating_ = false;
      scale_ = anim_to_;
      offset_ = clamp_offset(offset_, scale_);
    }
    return animating_;
  }

  if (velocity_.x == 0 && velocity_.y == 0) return false;
  // Exponential decay, integrated exactly; an axis stops where it meets its limit.
  const float decay = static_cast<float>(std::exp(-dt / kFlingTimeConstantMs));
  const float reach = static_cast<float>(kFlingTimeConstantMs) * (1 - decay);
  const Vec2 target = offset_ + velocity_ * reach;
  offset_ = clamp_offset(target, scale_);
  const auto slow_down = [decay](float& v, bool stopped) {
    v = stopped || std::fabs(v * decay) < kStopVelocity ? 0 : v * decay;
  };
  slow_down(velocity_.x, offset_.x != target.x);
  slow_down(velocity_.y, offset_.y != target.y);
  return moving();
}

bool ZoomView::moving() const { return animating_ || velocity_.x != 0 || velocity_.y != 0; }

}  // namespace orpheus::touch
