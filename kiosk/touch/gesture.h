#pragma once
// Multi-touch gesture recogniser. Pure logic: pointer events and time are passed in, so tests
// and replays are exact. Call from one thread. Thresholds come in pixels from
// GestureConfig::from_dpi(), which derives them from millimetres and milliseconds.
//
// One gesture runs from the first finger down to the last finger up:
//  - tap: fires on release, only if the finger stayed within `slop_px` of where it went down,
//    was held shorter than `long_press_ms`, and no other finger joined. A second tap within
//    `double_tap_ms` and `double_tap_px` of the first reports tap_count 2 (the first tap has
//    already fired: taps are never delayed to wait for a possible double tap).
//  - long press: one finger held still past `long_press_ms`; fires once, while held.
//  - pan: once the finger leaves the slop it is a pan for the rest of the gesture, so a swipe
//    that starts on a button never activates it (nor does a finger that moves after its long
//    press). The pan's direction is locked to an axis when it starts within `lock_degrees` of
//    that axis, otherwise it is free. The lock is reported, not applied: drag_delta and
//    release_velocity stay the raw focal movement; a consumer uses `lock` to decide whether
//    the pan is its own (a vertical list ignores a horizontally locked pan).
//  - pinch and two-finger pan: a second finger turns the gesture into a pan at once (keeping
//    the lock of a pan already under way, else Lock::none); `scale` is the change of the two
//    fingers' distance and `focal` their midpoint; the pan follows the midpoint. A third finger
//    is ignored until it lifts; fingers joining or leaving never make the content jump.
//  - flick: the release velocity is the least-squares slope of the focal point's path over
//    the last `velocity_window_ms` before its last movement (back to any pause in the events
//    longer than 40 ms), or zero if the fingers rested more than 80 ms before lifting; `flick`
//    says it was at least `flick_px_per_ms`.
//  - palm: more than `max_contacts` fingers at once cancel the gesture (a pan ends with no
//    velocity, no tap fires) and everything is ignored until every finger has lifted.
// Robust to garbage: events with non-finite or absurd (> 1e6 px) coordinates are dropped
// (a lift still lifts), moves and lifts of unknown fingers are ignored, a repeated down is a
// move, and time running backwards only restarts the velocity history.
#include <deque>
#include <optional>
#include <vector>

#include "touch/pointer.h"

namespace orpheus::touch {

struct GestureConfig {
  float slop_px = 8;                // 2 mm at 100 dpi
  double long_press_ms = 600;
  double double_tap_ms = 300;       // from the first release to the second press
  float double_tap_px = 40;         // between the two taps, 10 mm
  double lock_degrees = 25;         // a pan this close to an axis is locked to it
  double velocity_window_ms = 100;  // the flick velocity looks back this far
  float flick_px_per_ms = 0.4f;     // 100 mm/s
  int max_contacts = 5;             // more simultaneous contacts: a palm
  static GestureConfig from_dpi(float dpi);
};

enum class Lock { none, horizontal, vertical };

// What happened since the last take_frame(): consumed once per rendered frame.
struct GestureFrame {
  std::optional<Vec2> tap;          // released here, a tap (its press point)
  int tap_count = 0;                // with tap: 1, or 2 for the second tap of a double tap
  std::optional<Vec2> long_press;   // held still past long_press_ms (fires once, while held)
  int fingers = 0;                  // contacts taking part now (0, 1 or 2; a palm reports 0)
  bool pressed = false;             // one finger is down and not (yet) panning or long-pressed
  bool dragging = false;            // a pan (one or two fingers) is in progress
  Vec2 position;                    // current focal point (valid if pressed or dragging)
  Vec2 press_origin;                // where the current gesture's first finger went down
  Lock lock = Lock::none;           // direction lock of the current or just-ended pan
  Vec2 drag_delta;                  // pan movement of the focal point since the last frame
  float scale = 1;                  // pinch: factor of the finger distance since the last frame
  Vec2 focal;                       // where this frame's pinch scale applies (the fingers' midpoint,
                                    // even if one lifted since); without a pinch, the focal point
  bool pinching = false;            // two fingers are down
  bool drag_ended = false;          // a pan ended since the last frame (lift, or a palm)
  Vec2 release_velocity;            // px/ms of the focal point at the end of the pan
  bool flick = false;               // release speed above flick_px_per_ms
};

class GestureRecognizer {
 public:
  explicit GestureRecognizer(GestureConfig config = {}) : config_(config) {}

  void feed(const PointerEvent& e);
  // Advances time without events (long press detection).
  void tick(double now_ms);
  // When tick() must next be called for a timed event (a long press), if any.
  std::optional<double> next_deadline_ms() const;
  GestureFrame take_frame();
  bool active() const;  // any finger is down (including an ignored palm)
  void set_config(GestureConfig c) { config_ = c; }
  const GestureConfig& config() const { return config_; }
  // Forgets the current gesture (e.g. the screen changed under the finger): no tap will fire;
  // fingers still down are ignored until they lift.
  void cancel();

 private:
  struct Contact {
    std::int64_t id = 0;
    Vec2 origin, last;
  };
  struct Sample {
    double t_ms = 0;
    Vec2 p;
  };
  bool holding() const;  // one finger down, not panning or long-pressed
  void press(std::int64_t id, Vec2 p, double t);
  void move(Contact& c, Vec2 p, double t);
  void lift(std::size_t i, std::optional<Vec2> p, double t, bool cancelled);
  void drop_contacts();  // the contacts taking part become ignored ones
  void record(double t);
  Vec2 focal() const;
  Vec2 velocity(double t_up) const;
  Lock lock_for(Vec2 d) const;

  GestureConfig config_;
  std::vector<Contact> contacts_;      // taking part: at most two, in order of touch-down
  std::vector<std::int64_t> ignored_;  // down but ignored until lifted: 3rd+, cancelled, palm
  // The focal point's path since touch-down, shifted on re-anchoring so that it never jumps
  // when a finger joins or leaves; sampled (bounded) for the release velocity.
  Vec2 travel_;
  std::deque<Sample> samples_;
  Vec2 origin_, focal_;
  double down_ms_ = 0, last_ms_ = 0, moved_ms_ = 0;
  bool panning_ = false, long_pressed_ = false, palm_ = false, double_candidate_ = false;
  Lock lock_ = Lock::none;
  std::optional<Sample> last_tap_;  // release time and press point of the last single tap
  GestureFrame frame_;
};

}  // namespace orpheus::touch
