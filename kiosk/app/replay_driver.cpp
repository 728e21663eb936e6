#include "app/replay_driver.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include "core/clock.h"
#include "core/log.h"

namespace orpheus::app {

using core::steady_ms;

std::unique_ptr<ReplayDriver> ReplayDriver::from_options(const Options& options) {
  if (!options.replay && !options.screenshot) return nullptr;
  std::vector<ScriptStep> script;
  if (options.replay) {
    std::ifstream in(*options.replay);
    if (!in) throw UsageError("cannot read the replay script " + options.replay->string());
    script = parse_script(in, options.replay->string());
  }
  if (options.screenshot) {
    ScriptStep shot;
    shot.kind = ScriptStep::Kind::screenshot;
    shot.argument = options.screenshot->string();
    ScriptStep quit;
    quit.kind = ScriptStep::Kind::quit;
    script.push_back(shot);
    script.push_back(quit);
  }
  return std::unique_ptr<ReplayDriver>(new ReplayDriver(std::move(script), options.replay.value_or("--screenshot").string()));
}

void ReplayDriver::fail(const ScriptStep& step, const std::string& why) {
  log::error("replay", source_ + ":" + std::to_string(step.line) + ": " + why);
  failed_ = true;
}

void ReplayDriver::drive(double now_ms, Host& host) {
  while (pos_ < script_.size() && !quit_) {
    const ScriptStep step = script_[pos_];
    if (step.t_ms > now_ms) return;
    switch (step.kind) {
      case ScriptStep::Kind::pointer:
        host.input(step.pointer);
        ++pos_;
        // Events of one frame are handled in that frame; later ones wait for their time.
        continue;
      case ScriptStep::Kind::wait:
        ++pos_;
        continue;
      case ScriptStep::Kind::wait_new_pack: {
        // Real time: the watcher checks packs on its own thread, whatever the virtual clock says.
        if (!real_wait_since_ms_) real_wait_since_ms_ = steady_ms();
        if (!host.new_pack_waiting()) {
          if (const double left = step.timeout_ms - (steady_ms() - *real_wait_since_ms_); left > 0) {
            host.wait_real(static_cast<int>(left) + 1);  // the watcher wakes the loop when it is done
            return;
          }
          fail(step, "no new pack within " + std::to_string(static_cast<int>(step.timeout_ms)) + " ms");
        }
        real_wait_since_ms_.reset();
        ++pos_;
        continue;
      }
      case ScriptStep::Kind::sleep_real:
        // Real time passes while the loop runs on (watchdog pings, health file, the watcher).
        if (!real_wait_since_ms_) real_wait_since_ms_ = steady_ms();
        if (const double left = step.timeout_ms - (steady_ms() - *real_wait_since_ms_); left > 0) {
          host.wait_real(static_cast<int>(left) + 1);  // idle as a live kiosk is: woken only when needed
          return;
        }
        real_wait_since_ms_.reset();
        ++pos_;
        continue;
      case ScriptStep::Kind::frame_ms:
        frame_ms_ = step.timeout_ms;
        ++pos_;
        continue;
      case ScriptStep::Kind::stall:
        // A hung frame, for testing the watchdog: the main thread blocks.
        log::warn("replay", "stalling the main thread for " + std::to_string(static_cast<int>(step.timeout_ms)) + " ms");
        std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(step.timeout_ms));
        ++pos_;
        continue;
      case ScriptStep::Kind::tap_target: {
        if (!settled_or_give_up(step, now_ms, host)) return;
        const auto& targets = host.targets();
        const auto it = std::find_if(targets.begin(), targets.end(), [&](const ui::Target& t) { return t.name == step.argument; });
        ++pos_;
        if (it == targets.end()) {
          if (!step.if_present) fail(step, "no target '" + step.argument + "' on the screen");
          continue;
        }
        // A tap at its centre: down now, up 60 ms later, as the next steps.
        const float x = (it->min.x + it->max.x) * 0.5f, y = (it->min.y + it->max.y) * 0.5f;
        ScriptStep down, up;
        down.kind = up.kind = ScriptStep::Kind::pointer;
        down.line = up.line = step.line;
        down.t_ms = now_ms;
        up.t_ms = now_ms + 60;
        down.pointer = {down.t_ms, touch::PointerKind::down, 0, x, y};
        up.pointer = {up.t_ms, touch::PointerKind::up, 0, x, y};
        script_.insert(script_.begin() + static_cast<std::ptrdiff_t>(pos_), {down, up});
        continue;
      }
      case ScriptStep::Kind::screenshot:
      case ScriptStep::Kind::state:
      case ScriptStep::Kind::quit:
        if (!settled_or_give_up(step, now_ms, host)) return;
        ++pos_;
        if (step.kind == ScriptStep::Kind::quit) {
          quit_ = true;
        } else if (step.kind == ScriptStep::Kind::screenshot) {
          screenshot_ = step.argument;
          return;  // drawn by the next frame
        } else {
          try {
            host.write_state(step.argument);
          } catch (const std::exception& e) {
            log::error("replay", "cannot write the state dump " + step.argument + ": " + e.what());
            failed_ = true;
          }
        }
        continue;
    }
  }
}

bool ReplayDriver::settled_or_give_up(const ScriptStep& step, double now_ms, const Host& host) {
  // A script step waits for the app to settle, but never forever: something that animates
  // without end is a bug the replay must report, not hang on.
  constexpr double kMaxWaitMs = 60000;
  if (host.settled()) {
    waiting_since_ms_.reset();
    return true;
  }
  if (!waiting_since_ms_) waiting_since_ms_ = now_ms;
  if (now_ms - *waiting_since_ms_ < kMaxWaitMs) return false;
  fail(step, "the app did not settle within 60 s of virtual time; running the step anyway");
  waiting_since_ms_.reset();
  return true;
}

std::optional<double> ReplayDriver::next_step_ms() const {
  if (pos_ >= script_.size()) return std::nullopt;
  return script_[pos_].t_ms;
}

void ReplayDriver::screenshot_done(bool written) {
  if (written)
    log::info("replay", "screenshot " + *screenshot_);
  else
    log::error("replay", "cannot write screenshot " + *screenshot_);
  if (!written) failed_ = true;
  screenshot_.reset();
}

}  // namespace orpheus::app
