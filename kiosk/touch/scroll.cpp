#include "touch/scroll.h"

#include <algorithm>
#include <cmath>

namespace orpheus::touch {

void ScrollAxis::set_extent(float view, float content) {
  view_ = view;
  content_ = content;
  offset_ = std::clamp(offset_, 0.0f, max_offset());
}

void ScrollAxis::set_offset(float o) { offset_ = std::clamp(o, 0.0f, max_offset()); }

void ScrollAxis::drag(float delta) {
  velocity_ = 0;
  set_offset(offset_ - delta);
}

void ScrollAxis::release(float velocity) {
  velocity_ = -velocity;
  if (std::fabs(velocity_) < 0.05f) velocity_ = 0;  // below ~50 px/s: no fling
}

bool ScrollAxis::update(double dt_ms) {
  if (velocity_ == 0) return false;
  constexpr double kTimeConstantMs = 325;  // decay time constant of a phone-like fling
  const double decay = std::exp(-dt_ms / kTimeConstantMs);
  // Distance covered is the integral of v*exp(-t/T).
  const float travelled = static_cast<float>(velocity_ * kTimeConstantMs * (1 - decay));
  const float before = offset_;
  set_offset(offset_ + travelled);
  velocity_ = static_cast<float>(velocity_ * decay);
  if (std::fabs(velocity_) < 0.01f || offset_ == before) velocity_ = 0;
  return velocity_ != 0;
}

}  // namespace orpheus::touch
