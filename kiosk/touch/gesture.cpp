#include "touch/gesture.h"

#include <cmath>

namespace orpheus::touch {

float mm_to_px(float mm, float dpi) { return mm * dpi / 25.4f; }

namespace {
float length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }
}  // namespace

void GestureRecognizer::feed(const PointerEvent& e) {
  const Vec2 p{e.x, e.y};
  switch (e.kind) {
    case PointerKind::down:
      if (pointer_) return;  // a second finger: ignored by this single-pointer recogniser
      pointer_ = Contact{e.id, p, p, e.t_ms, e.t_ms, false, false, Vec2{}};
      frame_.press_origin = p;
      break;
    case PointerKind::move: {
      if (!pointer_ || pointer_->id != e.id) return;
      auto& c = *pointer_;
      const double dt = e.t_ms - c.last_ms;
      if (dt > 0) {
        const Vec2 v = (p - c.last) * static_cast<float>(1.0 / dt);
        // Exponential smoothing with a ~100 ms horizon.
        const float a = static_cast<float>(std::min(1.0, dt / 100.0));
        c.velocity = c.velocity * (1 - a) + v * a;
      }
      if (!c.dragging && !c.long_pressed && length(p - c.origin) > config_.slop_px) {
        c.dragging = true;
        frame_.drag_delta = frame_.drag_delta + (p - c.origin);  // follow the finger 1:1 from touch-down
      } else if (c.dragging) {
        frame_.drag_delta = frame_.drag_delta + (p - c.last);
      }
      c.last = p;
      c.last_ms = e.t_ms;
      break;
    }
    case PointerKind::up:
    case PointerKind::cancel: {
      if (!pointer_ || pointer_->id != e.id) return;
      auto& c = *pointer_;
      tick(e.t_ms);
      if (e.kind == PointerKind::up) {
        if (c.dragging) {
          frame_.drag_delta = frame_.drag_delta + (p - c.last);
          frame_.drag_ended = true;
          // A finger that stopped before lifting has no velocity left.
          frame_.release_velocity = (e.t_ms - c.last_ms) > 80 ? Vec2{} : c.velocity;
        } else if (!c.long_pressed && length(p - c.origin) <= config_.slop_px) {
          frame_.tap = c.origin;
        }
      }
      pointer_.reset();
      break;
    }
  }
}

void GestureRecognizer::tick(double now_ms) {
  if (!pointer_) return;
  auto& c = *pointer_;
  if (!c.dragging && !c.long_pressed && now_ms - c.down_ms >= config_.long_press_ms) {
    c.long_pressed = true;
    frame_.long_press = c.origin;
  }
}

GestureFrame GestureRecognizer::take_frame() {
  GestureFrame out = frame_;
  if (pointer_) {
    out.position = pointer_->last;
    out.press_origin = pointer_->origin;
    out.dragging = pointer_->dragging;
    out.pressed = !pointer_->dragging && !pointer_->long_pressed;
  }
  frame_ = GestureFrame{};
  return out;
}

void GestureRecognizer::cancel() {
  pointer_.reset();
  frame_ = GestureFrame{};
}

}  // namespace orpheus::touch
