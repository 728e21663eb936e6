#include "touch/pager.h"

#include <algorithm>
#include <cmath>

#include "touch/rubber_band.h"

namespace orpheus::touch {
namespace {

constexpr double kMaxAnimationMs = 300;
constexpr double kMinAnimationMs = 120;
constexpr float kNoNeighbourLimit = 0.15f;  // of the width, towards a side without a page

// Cubic ease-out: starts at 3x the mean speed, so a duration of 3 * distance / v continues
// the finger's speed v.
double ease_out(double p) { return 1 - (1 - p) * (1 - p) * (1 - p); }

}  // namespace

void Pager::drag(float delta) {
  animating_ = false;  // a finger catches the page where it is
  const float w = std::isfinite(width_) ? std::max(width_, 0.0f) : 0.0f;
  if (!std::isfinite(delta) || w == 0) {
    if (w == 0) offset_ = 0;
    return;
  }
  // Towards a neighbour 1:1 up to a whole width; towards nothing, rubber band.
  const double lo = has_next_ ? -w : 0, hi = has_previous_ ? w : 0;
  const double below = has_next_ ? 0 : kNoNeighbourLimit * w;
  const double above = has_previous_ ? 0 : kNoNeighbourLimit * w;
  const double raw = detail::rubber_band_range_inverse(offset_, lo, hi, below, above) + delta;
  offset_ = static_cast<float>(detail::rubber_band_range(raw, lo, hi, below, above));
}

void Pager::release(float velocity, float flick_px_per_ms) {
  const float w = std::isfinite(width_) ? std::max(width_, 0.0f) : 0.0f;
  const double v = std::isfinite(velocity) ? velocity : 0.0;
  const double flick = std::isfinite(flick_px_per_ms) ? std::fabs(flick_px_per_ms) : 0.0;
  const bool neighbour = offset_ > 0 ? has_previous_ : offset_ < 0 ? has_next_ : false;
  const bool flicked_on = v * offset_ > 0 && std::fabs(v) >= flick;
  // A flick back against the pull cancels the turn even past the threshold (as on phones).
  const bool flicked_back = v * offset_ < 0 && std::fabs(v) >= flick;
  const bool turn = neighbour && w > 0 && !flicked_back &&
                    (std::fabs(offset_) > turn_fraction * w || flicked_on);

  from_ = offset_;
  to_ = turn ? std::copysign(w, offset_) : 0.0f;
  const double remaining = std::fabs(to_ - from_);
  // Full length for half a width or more, shorter for less, shorter still to keep up with a
  // fast finger; never so short that it looks like a jump.
  double ms = w > 0 ? kMaxAnimationMs * remaining / (0.5 * w) : 0;
  if (std::fabs(v) > 0) ms = std::min(ms, 3 * remaining / std::fabs(v));
  duration_ms_ = std::clamp(ms, kMinAnimationMs, kMaxAnimationMs);
  elapsed_ms_ = 0;
  animating_ = true;
}

int Pager::update(double dt_ms) {
  if (!animating_) return 0;
  if (dt_ms > 0) elapsed_ms_ += dt_ms;  // ignores NaN and negative steps
  if (elapsed_ms_ < duration_ms_) {
    offset_ = static_cast<float>(from_ + (to_ - from_) * ease_out(elapsed_ms_ / duration_ms_));
    return 0;
  }
  animating_ = false;
  offset_ = 0;
  // The page moved left (offset -width): the next page is now in view.
  return to_ < 0 ? 1 : to_ > 0 ? -1 : 0;
}

bool Pager::moving() const { return animating_; }

void Pager::reset() {
  animating_ = false;
  offset_ = 0;
}

}  // namespace orpheus::touch
