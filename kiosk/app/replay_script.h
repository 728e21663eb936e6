#pragma once
// The replay script: one JSON object per line (JSONL), the one way tests and technicians drive
// the real app. Input lines become pointer events that go through the same input layer as real
// fingers; command lines run once the app has settled (no pending loads, no animation).
//
//   {"t_ms": 500, "tap": [x, y]}                         down at t, up 60 ms later
//   {"t_ms": 900, "drag": [x0, y0, x1, y1], "ms": 300}    down, moves every 16 ms, up at t+ms
//   {"t_ms": 900, "tap_target": "lang.en"}                tap the centre of a named UI target
//   {"t_ms": 1000, "finger_down": [id, x, y]}            raw events, also finger_move/finger_up
//   {"t_ms": 5000}                                        wait until t (virtual clock)
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
  enum class Kind { pointer, tap_target, wait, screenshot, state, quit };
  Kind kind = Kind::wait;
  double t_ms = -1;          // -1: as soon as the previous steps are done and the app settled
  touch::PointerEvent pointer;
  std::string argument;      // screenshot/state path, tap_target name
  int line = 0;              // source line, for messages
};

class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ScriptError "NAME:LINE: reason" for the first bad line.
std::vector<ScriptStep> parse_script(std::istream& in, const std::string& name);

}  // namespace orpheus::app
