#pragma once
// The replay script: one JSON object per line (JSONL), the one way tests and technicians drive
// the real app. Input lines become pointer events that go through the same input layer as real
// fingers; command lines run once the app has settled (no pending loads, no animation).
//
//   {"t_ms": 500, "tap": [x, y]}                         down at t, up 60 ms later
//   {"t_ms": 900, "drag": [x0, y0, x1, y1], "ms": 300}    down, moves every 16 ms, up at t+ms
//   {"t_ms": 500, "double_tap": [x, y]}                  two taps 150 ms apart
//   {"t_ms": 900, "pinch": [cx, cy, d0, d1], "ms": 400}   two fingers (ids 0, 1) on a horizontal line
//                                                         through (cx, cy), d0 apart going to d1
//   {"t_ms": 900, "tap_target": "lang.en"}                tap the centre of a named UI target;
//                                                         with "if_present": true, skipped if absent
//   {"type": "ротон"}                                     type on the on-screen keyboard: per
//                                                         character (lower-cased) a tap_target of
//                                                         "key.<c>" ("key.space"), tapping
//                                                         "key.layout" until the key shows up
//   {"t_ms": 1000, "finger_down": [id, x, y]}            raw events, also finger_move/finger_up;
//                                                         id is an integer (the mouse is -1)
//   {"t_ms": 5000}                                        wait until t (virtual clock)
//   {"frame_ms": 50}                                      virtual time per frame from here on
//                                                         (default 1000/60): a time-lapse for soaks
//   {"screenshot": "out.png"}   {"state": "out.json"}   {"quit": true}
// Times are milliseconds of virtual time since start. Blank lines and lines starting with #
// are ignored.
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

#include "touch/pointer.h"

namespace orpheus::app {

struct ScriptStep {
  enum class Kind { pointer, tap_target, type, wait, wait_new_pack, sleep_real, stall, frame_ms, screenshot, state, quit };
  Kind kind = Kind::wait;
  double t_ms = -1;          // -1: as soon as the previous steps are done and the app settled
  touch::PointerEvent pointer;
  std::string argument;      // screenshot/state path, tap_target name, type: the text still to type
  bool if_present = false;   // tap_target: skip quietly when the target is not on the screen
  double timeout_ms = 0;     // wait_new_pack: real ms to wait at most; sleep_real, stall: real ms;
                             // frame_ms: virtual ms per frame
  int line = 0;              // source line, for messages
};

class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ScriptError "NAME:LINE: reason" for the first bad line.
std::vector<ScriptStep> parse_script(std::istream& in, const std::string& name);

// One raw input event as a script line (what --record writes): parse_script reads it back
// as the same event.
std::string to_script_line(const touch::PointerEvent& e);

}  // namespace orpheus::app
