#pragma once
// One scrollable axis, as on a phone: the content follows the finger 1:1, a flick continues
// with exponential decay (time constant ~325 ms), the edges give a short rubber-band
// overscroll (dragging past an edge moves the content with growing resistance, at most
// `overscroll_limit()`; a fling that hits an edge overshoots a little), and once released the
// content springs back within ~300 ms. Pure logic with time passed in.
namespace orpheus::touch {

class ScrollAxis {
 public:
  // view: visible length; content: total length (both px). Only clamps the offset at rest, so
  // an extent change during a drag or fling never makes the content jump.
  void set_extent(float view, float content);
  // A drag moved the content by `delta` px (finger direction: positive = content moves forward).
  void drag(float delta);
  // The finger lifted with `velocity` px/ms (finger direction).
  void release(float velocity);
  // Stops any fling (a touch-down catches the content where it is, even overscrolled).
  void stop() { velocity_ = 0; }
  // Advances the fling and the spring back. `held`: a finger holds the content, which then
  // stays where it is. Returns true while it still moves.
  bool update(double dt_ms, bool held = false);
  float offset() const { return offset_; }
  // Sets the offset (clamped to the content) and stops all motion.
  void set_offset(float o);
  float max_offset() const { return content_ > view_ ? content_ - view_ : 0.0f; }
  // Flinging or springing back.
  bool moving() const;
  // How far the offset lies beyond the nearest edge (negative before the start), 0 inside.
  float overscroll() const;
  float overscroll_limit() const { return view_ * 0.15f; }

 private:
  float view_ = 0, content_ = 0, offset_ = 0, velocity_ = 0;  // velocity in offset px/ms
  bool held_ = false;  // a finger is on the content (drag, or update(..., held = true))
  bool fling_back_ = false;  // released beyond an edge, flicked back into the content
};

}  // namespace orpheus::touch
