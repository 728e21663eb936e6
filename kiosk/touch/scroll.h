#pragma once
// One scrollable axis: follows the finger 1:1 while dragged, keeps a small fling after release
// with exponential decay, and is clamped to the content. Pure logic with time passed in.
namespace orpheus::touch {

class ScrollAxis {
 public:
  // view: visible length; content: total length (both px).
  void set_extent(float view, float content);
  // A drag moved the content by `delta` px (finger direction: positive = content moves forward).
  void drag(float delta);
  // The finger lifted with `velocity` px/ms (finger direction).
  void release(float velocity);
  // Stops any fling (a touch-down).
  void stop() { velocity_ = 0; }
  // Advances the fling; returns true while it still moves.
  bool update(double dt_ms);
  float offset() const { return offset_; }
  void set_offset(float o);
  float max_offset() const { return content_ > view_ ? content_ - view_ : 0.0f; }
  bool moving() const { return velocity_ != 0; }

 private:
  float view_ = 0, content_ = 0, offset_ = 0, velocity_ = 0;  // velocity in offset px/ms
};

}  // namespace orpheus::touch
