#pragma once
// Drives the app from a replay script (--replay, or --screenshot's one shot) on a virtual clock:
// pointer steps go through the app's one input entry, command steps (screenshot, state dump,
// quit, tap_target, type) wait until the app has settled, real-time steps (wait_new_pack,
// sleep_real, stall) let the loop run. See docs/replay.md. Main thread only.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/options.h"
#include "app/replay_script.h"
#include "ui/frame.h"

namespace orpheus::app {

class ReplayDriver {
 public:
  // What the driver needs of the app.
  class Host {
   public:
    virtual ~Host() = default;
    virtual void input(const touch::PointerEvent& e) = 0;  // the app's one input entry
    virtual bool settled() const = 0;                      // nothing loading, animating or waiting
    virtual const std::vector<ui::Target>& targets() const = 0;  // of the last frame drawn
    virtual bool new_pack_waiting() const = 0;
    virtual void wait_real(int max_ms) = 0;  // lets the loop wait for events, up to max_ms of real time
    virtual void write_state(const std::string& path) = 0;  // throws when it cannot
  };

  // The script of --replay (parse errors: ScriptError, exit 2), and --screenshot's screenshot
  // and quit; null when neither was given.
  static std::unique_ptr<ReplayDriver> from_options(const Options& options);

  // Runs every step due at now_ms (virtual), until one waits.
  void drive(double now_ms, Host& host);
  // When nothing needs a frame: the virtual time of the next timed step (-1: an untimed one,
  // run once the app settled); none when the script has ended.
  std::optional<double> next_step_ms() const;
  double frame_ms() const { return frame_ms_; }  // virtual time per replayed frame
  bool quit() const { return quit_; }
  bool failed() const { return failed_; }        // a step failed: exit status 3
  // A screenshot step ran: the next frame is written here (then screenshot_done()).
  const std::optional<std::string>& screenshot() const { return screenshot_; }
  void screenshot_done(bool written);

 private:
  ReplayDriver(std::vector<ScriptStep> script, std::string source) : script_(std::move(script)), source_(std::move(source)) {}
  bool settled_or_give_up(const ScriptStep& step, double now_ms, const Host& host);
  void fail(const ScriptStep& step, const std::string& why);
  // Inserts a tap at the centre of target as the next steps (at pos_): down now, up 60 ms later.
  void tap_next(const ui::Target& target, int line, double now_ms);
  // The type step at pos_, the app settled: taps the key of its first character, or key.layout.
  void type_next(const ScriptStep& step, double now_ms, const std::vector<ui::Target>& targets);

  std::vector<ScriptStep> script_;
  std::string source_;  // the script's file, for messages
  std::size_t pos_ = 0;
  std::optional<std::string> screenshot_;
  std::optional<double> waiting_since_ms_;    // virtual: a command waiting for the app to settle
  std::optional<double> real_wait_since_ms_;  // real time: wait_new_pack, sleep_real
  double frame_ms_ = 1000.0 / 60.0;
  int layout_switches_ = 0;  // key.layout taps in a row looking for one character's key
  bool quit_ = false;
  bool failed_ = false;
};

}  // namespace orpheus::app
