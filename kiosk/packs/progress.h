#pragma once
// Progress of long work (building, verifying, installing), and its display on a terminal.
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace orpheus::packs {

// A stage ("images", "copying", ...) and how far it is: done of total units. total == 0 makes
// it a note without a count ("reading SRC").
struct Progress {
  std::string_view stage;
  std::uint64_t done = 0, total = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

// Draws progress on one terminal line, redrawn in place ("\r"), at most ten times a second:
//   images  [##########----------]  52/200  26%  0:13 left
// Off a terminal (a log, a pipe) it prints one plain line per stage and its end instead, so
// logs stay readable. Not thread-safe: report from one thread.
class ProgressBar {
 public:
  using Clock = std::chrono::steady_clock;
  // `now` reads the time (the steady clock; a test passes its own).
  ProgressBar(std::ostream& out, bool terminal, int width = 80, std::function<Clock::time_point()> now = Clock::now);
  ~ProgressBar();  // ends a bar left open
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(const Progress& p);
  void finish();  // ends the current line, if a bar is drawn
  ProgressFn callback() { return [this](const Progress& p) { update(p); }; }

  static bool is_terminal(int fd);  // isatty, and TERM is not "dumb"

 private:
  void draw(const Progress& p, bool final);

  std::ostream& out_;
  bool terminal_;
  int width_;
  std::function<Clock::time_point()> now_;
  std::string stage_;
  bool open_ = false;       // a bar is on the current line
  bool done_ = false;       // the stage reached its total: later reports of it are ignored
  Clock::time_point stage_start_, last_draw_;
};

}  // namespace orpheus::packs
