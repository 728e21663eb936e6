#include "touch/scroll.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "touch/rubber_band.h"

namespace orpheus::touch {
namespace {

constexpr double kFlingTimeConstantMs = 325;  // decay time constant of a phone-like fling
// Critically damped spring back to the edge, x(t) = (x0 + (v0 + w*x0) t) e^(-w t): no
// oscillation, and from the full overscroll limit of a large screen (~300 px) it is within
// half a pixel after ~350 ms.
constexpr double kSpringRatePerMs = 0.025;
constexpr double kMinFlingVelocity = 0.05;  // px/ms at release; slower is no fling
constexpr double kStopVelocity = 0.01;      // px/ms; a fling this slow has < 4 px left
constexpr double kSettleDistance = 0.5;     // px from the edge at which the spring snaps onto it
constexpr double kSettleVelocity = 0.05;    // px/ms

// Velocity with which the spring leaves an edge that a fling hits at `v`. Left alone the spring
// would peak at v / (w e); that peak is banded so a fast fling still stays within `limit`.
double overshoot_velocity(double v, double limit) {
  const double raw_peak = std::fabs(v) / (kSpringRatePerMs * std::exp(1.0));
  const double peak = detail::rubber_band(raw_peak, limit, 1.0);
  return std::copysign(peak * kSpringRatePerMs * std::exp(1.0), v);
}

}  // namespace

void ScrollAxis::set_extent(float view, float content) {
  if (!std::isfinite(view) || !std::isfinite(content)) return;
  const bool at_rest = !held_ && velocity_ == 0 && overscroll() == 0;
  view_ = std::max(view, 0.0f);
  content_ = std::max(content, 0.0f);
  // In motion the offset stays; if it now lies past an edge the spring takes it back.
  if (at_rest) offset_ = std::clamp(offset_, 0.0f, max_offset());
}

void ScrollAxis::set_offset(float o) {
  if (!std::isfinite(o)) return;
  offset_ = std::clamp(o, 0.0f, max_offset());
  velocity_ = 0;
}

float ScrollAxis::overscroll() const {
  if (offset_ < 0) return offset_;
  if (offset_ > max_offset()) return offset_ - max_offset();
  return 0;
}

bool ScrollAxis::moving() const { return !held_ && (velocity_ != 0 || overscroll() != 0); }

void ScrollAxis::drag(float delta) {
  held_ = true;
  velocity_ = 0;
  if (!std::isfinite(delta)) return;
  // Work in "raw" finger space, where the finger moves the content 1:1, and band it back.
  const double limit = overscroll_limit(), max = max_offset();
  const double raw = detail::rubber_band_range_inverse(offset_, 0, max, limit, limit) - delta;
  offset_ = static_cast<float>(detail::rubber_band_range(raw, 0, max, limit, limit));
}

void ScrollAxis::release(float velocity) {
  held_ = false;
  velocity_ = std::isfinite(velocity) ? -velocity : 0.0f;
  if (std::fabs(velocity_) < kMinFlingVelocity) velocity_ = 0;
  const float over = overscroll();
  // Outwards from an overscroll: just spring back. Outwards from exactly an edge: a bounce.
  // Inwards and fast enough to get past the edge: a plain fling back into the content (as
  // Android's OverScroller does), or the spring would swallow the flick.
  fling_back_ =
      over * velocity_ < 0 && std::fabs(velocity_) * kFlingTimeConstantMs > std::fabs(over);
  if (over * velocity_ > 0) {
    velocity_ = 0;
  } else if ((offset_ == 0 && velocity_ < 0) || (offset_ == max_offset() && velocity_ > 0)) {
    velocity_ = static_cast<float>(overshoot_velocity(velocity_, overscroll_limit()));
  }
}

bool ScrollAxis::update(double dt_ms, bool held) {
  held_ = held;
  if (held) {
    velocity_ = 0;
    return false;
  }
  if (!(dt_ms > 0)) return moving();  // also NaN

  const double max = max_offset(), limit = overscroll_limit();
  double x = offset_, v = velocity_, t = dt_ms;
  // Piecewise analytic motion (fling inside the range, spring outside it), so the result does
  // not depend on how the time is cut into frames. A frame crosses at most a few phases.
  for (int phase = 0; phase < 8 && t > 0; ++phase) {
    double edge = std::numeric_limits<double>::quiet_NaN();  // the edge we are beyond
    if (x < 0 || (x == 0 && v < 0)) edge = 0;
    else if (x > max || (x == max && v > 0)) edge = max;
    const bool outside = !std::isnan(edge);
    if (outside && !(fling_back_ && v * (edge - x) > 0)) {  // spring towards the edge
      fling_back_ = false;
      const double a = x - edge, b = v + kSpringRatePerMs * a;
      if (a * b < 0 && -a / b < t) {  // it crosses the edge with speed to spare: fling on
        const double tc = -a / b;
        v = b * std::exp(-kSpringRatePerMs * tc);
        x = edge;
        t -= tc;
        continue;
      }
      const double e = std::exp(-kSpringRatePerMs * t);
      x = edge + (a + b * t) * e;
      v = (v - kSpringRatePerMs * b * t) * e;
      if (std::fabs(x - edge) < kSettleDistance && std::fabs(v) < kSettleVelocity) {
        x = edge;
        v = 0;
      }
      break;
    }

    if (v == 0) break;  // at rest inside the range
    // Fling: v(t) = v e^(-t/T) covers v T (1 - e^(-t/T)); find when it reaches the edge ahead
    // (or, flinging back from an overscroll, the edge behind).
    const double reach = v * kFlingTimeConstantMs;
    const double target = outside ? edge : v > 0 ? max : 0, ahead = target - x;
    if (std::fabs(ahead) < std::fabs(reach)) {
      const double tc = -kFlingTimeConstantMs * std::log(1 - ahead / reach);
      if (tc <= t) {
        x = target;
        v -= ahead / kFlingTimeConstantMs;
        if (!outside) v = overshoot_velocity(v, limit);
        fling_back_ = false;
        t -= tc;
        continue;
      }
    }
    const double decay = std::exp(-t / kFlingTimeConstantMs);
    x += reach * (1 - decay);
    v *= decay;
    if (std::fabs(v) < kStopVelocity) v = 0;
    // Stored as float, a position a hair before the edge can round onto it; at an edge an
    // outward velocity must already be the (bounded) spring's.
    if (!outside && static_cast<float>(x) == static_cast<float>(target)) {
      v = overshoot_velocity(v, limit);
    }
    break;
  }
  offset_ = static_cast<float>(x);
  velocity_ = static_cast<float>(v);
  return moving();
}

}  // namespace orpheus::touch
