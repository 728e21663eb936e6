#pragma once
// What an unattended kiosk does when nobody touches it, and the technicians' hidden door.
// Pure logic on a clock passed in (ms); no SDL/ImGui; unit-tested on a virtual clock.
#include <cstdint>
#include <optional>
#include <set>

#include "touch/pointer.h"

namespace orpheus::app {

// idle_timeout after the last touch the visitor session is replaced (once); attract_timeout
// after it (0: never) the attract loop starts. A finger resting on the screen is not idle: no
// deadline runs while one is down, and lifting it is a touch.
class IdleTimer {
 public:
  enum class Event { none, reset, attract };
  void configure(double idle_ms, double attract_ms) { idle_ms_ = idle_ms; attract_ms_ = attract_ms; }
  double idle_ms() const { return idle_ms_; }
  double attract_ms() const { return attract_ms_; }
  void touched(double now_ms);
  void finger_down(bool down) { finger_down_ = down; }
  // Due event at now_ms, each returned once per idle period (reset before attract).
  Event poll(double now_ms);
  // When poll() will next return something, if ever.
  std::optional<double> next_deadline_ms() const;
  bool reset_done() const { return reset_done_; }
  bool attracting() const { return attracting_; }
  void end_attract(double now_ms);  // a touch ended it: a new visitor

 private:
  double idle_ms_ = 90'000, attract_ms_ = 180'000;
  double last_touch_ms_ = 0;
  bool finger_down_ = false;
  bool reset_done_ = true;  // a fresh start is a reset session
  bool attracting_ = false;
};

// Tracks fingers to swallow a touch completely: from a finger down until every finger is up,
// no event reaches the UI. Used for the touch that ends the attract loop and the hold that
// opens the admin pad, so neither ever taps what lies beneath.
class TouchSwallow {
 public:
  void start() { active_ = true; }
  bool active() const { return active_; }
  // Returns true if the event is swallowed; ends the swallow when the last finger lifts.
  bool filter(const touch::PointerEvent& e);
  // Fingers currently down as seen by filter() (also when not swallowing).
  std::size_t fingers() const { return down_.size(); }

 private:
  bool active_ = false;
  std::set<std::int64_t> down_;
};

// The hidden door: one finger held still for `hold_ms` inside a square corner region (top-left,
// `size_px` on a side) opens the admin PIN pad. A second finger, leaving the region or moving
// more than `slop_px` cancels.
class CornerHold {
 public:
  void configure(double hold_ms, float size_px, float slop_px) { hold_ms_ = hold_ms; size_ = size_px; slop_ = slop_px; }
  void feed(const touch::PointerEvent& e);
  // True once when the hold completes at now_ms.
  bool fired(double now_ms);
  std::optional<double> next_deadline_ms() const;

 private:
  double hold_ms_ = 5000;
  float size_ = 100, slop_ = 20;
  std::optional<std::int64_t> finger_;
  touch::Vec2 start_;
  double since_ms_ = 0;
  std::set<std::int64_t> down_;
  bool done_ = false;  // fired for this hold
};

}  // namespace orpheus::app
