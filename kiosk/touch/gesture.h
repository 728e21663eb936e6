#pragma once
// Single-pointer gesture recogniser: press, tap, long press and drag. Pure logic: events and
// time are passed in, so tests and replays are exact. Call from one thread.
//
// A tap fires on release, only if the pointer stayed within `slop_px` of where it went down
// and was held shorter than `long_press_ms`. Once the pointer leaves the slop it is a drag for
// the rest of the contact: a swipe that starts on a button never activates it. Only the first
// pointer of a contact sequence is followed; other fingers are ignored until it lifts.
#include <optional>

#include "touch/pointer.h"

namespace orpheus::touch {

struct GestureConfig {
  float slop_px = 8;            // ~2 mm; derive from DPI with mm_to_px()
  double long_press_ms = 600;
};

float mm_to_px(float mm, float dpi);

// What happened since the last take_frame(): consumed once per rendered frame.
struct GestureFrame {
  std::optional<Vec2> tap;          // released here, a tap
  std::optional<Vec2> long_press;   // held still past long_press_ms (fires once, while held)
  bool pressed = false;             // a pointer is down and not (yet) a drag
  bool dragging = false;            // the pointer is down and dragging
  Vec2 position;                    // current pointer position (valid if pressed or dragging)
  Vec2 press_origin;                // where the current contact went down
  Vec2 drag_delta;                  // movement while dragging since the last frame
  bool drag_ended = false;          // a drag was released since the last frame
  Vec2 release_velocity;            // px/ms at the end of a drag (flick estimate)
};

class GestureRecognizer {
 public:
  explicit GestureRecognizer(GestureConfig config = {}) : config_(config) {}

  void feed(const PointerEvent& e);
  // Advances time without events (long press detection).
  void tick(double now_ms);
  GestureFrame take_frame();
  bool active() const { return pointer_.has_value(); }
  void set_config(GestureConfig c) { config_ = c; }
  // Forgets the current contact (e.g. the screen changed under the finger): no tap will fire.
  void cancel();

 private:
  struct Contact {
    std::int64_t id;
    Vec2 origin, last;
    double down_ms, last_ms;
    bool dragging = false, long_pressed = false;
    Vec2 velocity;  // px/ms, smoothed over the last ~100 ms
  };
  GestureConfig config_;
  std::optional<Contact> pointer_;
  GestureFrame frame_;
};

}  // namespace orpheus::touch
