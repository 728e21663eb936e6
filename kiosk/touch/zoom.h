#pragma once
// The image viewer's transform (and the timeline's, whose "image" is its span of years): from
// "fit" (the whole image in the viewport) up to `max_scale` screen pixels per image pixel (2 =
// twice native), pinch about the fingers' focal point, panning clamped so the image never leaves
// the screen (or rubber-banded past its ends: set_pan_overscroll; an image smaller than the
// viewport along an axis stays centred on it), fling-pan with exponential decay, an animated
// double-tap zoom and focus on a point. Pinching beyond the limits meets resistance and springs
// back on release. Pure logic with time passed in.
//
// A point of the image maps to the screen as  screen = viewport.min + offset + image * scale.
#include "touch/pointer.h"

namespace orpheus::touch {

class ZoomView {
 public:
  // Sets the viewport (screen rect) and the image size in native pixels. A different image
  // resets to fit; a changed viewport keeps the zoom relative to fit and the centre.
  void set_view(Vec2 viewport_min, Vec2 viewport_size, Vec2 image_size);
  // How far a pinch may go past the limits, with growing resistance: to this much over the
  // maximum and under fit (it springs back on release).
  static constexpr float kPinchOverMax = 1.3f, kPinchUnderFit = 0.7f;

  void set_max_scale(float s) { max_scale_ = s; }
  // Off (the image viewer): a pan stops at the edges. On (the timeline): past the ends of an axis
  // along which the image is at least as long as the view, a pan meets rubber-band resistance
  // (at most 15% of the view) and springs back on release.
  void set_pan_overscroll(bool on) { pan_overscroll_ = on; }

  void pinch(float factor, Vec2 focal);   // scales about `focal` (screen px)
  void pan(Vec2 delta);                   // moves the image with the finger
  void release(Vec2 velocity);            // fingers lifted: fling-pan (px/ms); springs back into limits
  void stop();                            // a touch-down catches a fling or animation
  // Double tap at `at`: from fit (or near it) zooms in to the double-tap scale keeping the
  // tapped image point under the finger; zoomed in, animates back to fit.
  void toggle_zoom(Vec2 at);
  // Animates to `scale` (clamped to the limits) with `image_point` at the viewport's centre, or
  // as near it as the pan limits allow; at once if `ms` <= 0.
  void focus(Vec2 image_point, float scale, double ms);
  void reset();                           // to fit, no animation

  // Advances flings and animations; `held`: fingers are on the image. True while moving.
  bool update(double dt_ms, bool held);
  bool moving() const;

  float scale() const { return scale_; }
  float fit_scale() const;
  float max_scale() const;                // never below fit_scale()
  float double_tap_scale() const;         // min(max_scale, fit * 3)
  bool zoomed() const { return scale_ > fit_scale() * 1.01f; }
  Vec2 offset() const { return offset_; }
  Vec2 to_image(Vec2 screen) const;
  Vec2 to_screen(Vec2 image) const;

 private:
  Vec2 min_, size_, image_;
  float max_scale_ = 2.0f;
  bool pan_overscroll_ = false;
  float scale_ = 1;
  Vec2 offset_;
  Vec2 velocity_;
  // Zoom animation (double tap, spring back into limits): scale from/to about an image point.
  bool animating_ = false;
  float anim_from_ = 1, anim_to_ = 1;
  Vec2 anim_image_point_, anim_screen_from_, anim_screen_to_;
  double anim_ms_ = 0, anim_elapsed_ms_ = 0;
  Vec2 focal_;  // last pinch focal point: the anchor for springing back into the limits

  bool valid() const;  // a non-empty image in a non-empty viewport
  Vec2 clamp_offset(Vec2 o, float s) const;  // pan limits at scale s
  bool in_limits() const;
  void animate_to(float s, Vec2 anchor, double ms);  // to scale s about the screen point anchor
  // To scale s, the image point travelling from where it is to `screen_to` (clamped to the limits).
  void animate_to(float s, Vec2 image_point, Vec2 screen_to, double ms);
};

}  // namespace orpheus::touch
