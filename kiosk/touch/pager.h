#pragma once
// Horizontal paging between neighbouring pages (the previous/next item): the page follows the
// finger; on release it either settles back or moves on to the neighbour, with an ease-out
// animation of at most ~300 ms that continues the finger's speed. The consumer switches pages
// when update() reports a finished turn. Without a neighbour on a side, dragging towards it
// meets rubber-band resistance and always settles back. Pure logic with time passed in.
namespace orpheus::touch {

class Pager {
 public:
  void set_width(float w) { width_ = w; }
  void set_neighbours(bool previous, bool next) { has_previous_ = previous; has_next_ = next; }
  // The finger moved the page by `delta` px (positive: to the right, the previous page comes in).
  void drag(float delta);
  // The finger lifted with `velocity` px/ms. The page turns if it was pulled more than
  // `turn_fraction` of the width, or flicked faster than `flick_px_per_ms` in that direction.
  void release(float velocity, float flick_px_per_ms);
  // Advances the settle animation. Returns +1 when a turn to the next page finished, -1 to the
  // previous page (the offset is back at 0 for the new page), else 0.
  int update(double dt_ms);
  // Current displacement of the page in px: the previous page is drawn at offset - width,
  // the next at offset + width.
  float offset() const { return offset_; }
  bool moving() const;    // animating after a release
  bool displaced() const { return offset_ != 0; }
  void reset();           // back to 0, no animation (e.g. the item changed by other means)

  static constexpr float turn_fraction = 0.3f;

 private:
  float width_ = 0, offset_ = 0;
  bool has_previous_ = true, has_next_ = true;
  // Animation from `from_` to `to_` over `duration_ms_`, `elapsed_ms_` so far.
  bool animating_ = false;
  float from_ = 0, to_ = 0;
  double duration_ms_ = 0, elapsed_ms_ = 0;
};

}  // namespace orpheus::touch
