#pragma once
// Every pointer event, live or replayed, enters the kiosk here: it is written to the --record
// file if there is one, ends the attract loop (that touch is swallowed up to its last lift, as is
// the corner hold that opens the admin pad: neither taps what lies beneath), feeds the hidden
// corner, then the gesture recogniser (relative to the screens' area: set_area_top). No SDL/ImGui.
// Main thread only.
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "app/idle.h"
#include "touch/gesture.h"

namespace orpheus::app {

class TouchInput {
 public:
  explicit TouchInput(IdleTimer& idle) : idle_(idle) {}

  // --record: every event from now on, as replay script lines, after comment lines naming what
  // it replays on (window size, density, pack). Throws UsageError when the file cannot be written.
  void record_to(const std::filesystem::path& file, int width, int height, float dpi, const std::filesystem::path& pack);
  // One event at now_ms. Returns how many frames it asks for (1; 2 when it ended the attract loop).
  int feed(const touch::PointerEvent& e, double now_ms);
  void flush();  // after each batch of events: a crash loses at most one frame's

  // Where the screens' area starts, in window pixels from the top (reach mode: touch/reach.h;
  // 0: the whole window). The recording and the corner hold get window coordinates; the gesture
  // recogniser (and so the screens and ImGui) positions relative to that area.
  void set_area_top(float top) { area_top_ = top; }
  // The fingers down now belong to something else (the corner hold): nothing under them reacts.
  void swallow();
  // Thresholds in millimetres and milliseconds, for this density; the corner hold's size.
  void configure(float dpi, int max_touches, double hold_ms);

  touch::GestureRecognizer& gestures() { return gestures_; }
  const touch::GestureRecognizer& gestures() const { return gestures_; }
  CornerHold& corner() { return corner_; }
  const CornerHold& corner() const { return corner_; }
  bool finger_down() const { return swallow_.fingers() > 0; }
  double last_input_ms() const { return last_input_ms_; }
  // Events fed since the last call, and where the last of them was (the frame trace).
  int take_events(touch::Vec2& last);

 private:
  IdleTimer& idle_;
  touch::GestureRecognizer gestures_;
  TouchSwallow swallow_;
  CornerHold corner_;
  std::unique_ptr<std::ofstream> record_;
  float area_top_ = 0;
  double last_input_ms_ = 0;
  int events_ = 0;       // fed to the recogniser since the last frame
  touch::Vec2 last_;     // position of the last of them
};

}  // namespace orpheus::app
