#include "app/replay_driver.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string_view>
#include <thread>

#include "core/clock.h"
#include "core/letters.h"
#include "core/log.h"
#include "core/utf8.h"

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
        tap_next(*it, step.line, now_ms);
        continue;
      }
      case ScriptStep::Kind::type:
        if (!settled_or_give_up(step, now_ms, host)) return;
        type_next(step, now_ms, host.targets());
        continue;
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

void ReplayDriver::tap_next(const ui::Target& target, int line, double now_ms) {
  // A tap at its centre: down now, up 60 ms later, as the next steps.
  const float x = (target.min.x + target.max.x) * 0.5f, y = (target.min.y + target.max.y) * 0.5f;
  ScriptStep down, up;
  down.kind = up.kind = ScriptStep::Kind::pointer;
  down.line = up.line = line;
  down.t_ms = now_ms;
  up.t_ms = now_ms + 60;
  down.pointer = {down.t_ms, touch::PointerKind::down, 0, x, y};
  up.pointer = {up.t_ms, touch::PointerKind::up, 0, x, y};
  script_.insert(script_.begin() + static_cast<std::ptrdiff_t>(pos_), {down, up});
}

void ReplayDriver::type_next(const ScriptStep& step, double now_ms, const std::vector<ui::Target>& targets) {
  // One character per pass: its key is tapped, and the type step with the rest of the text
  // follows the tap, so it sees the keyboard that tap left behind.
  constexpr int kMaxLayoutSwitches = 8;
  const auto find = [&](std::string_view name) {
    return std::find_if(targets.begin(), targets.end(), [&](const ui::Target& t) { return t.name == name; });
  };
  const auto [c, length] = core::decode_utf8(step.argument, 0);
  std::string character;
  core::append_utf8(character, c);
  std::string key = "key.";
  if (c == U' ')
    key += "space";
  else
    core::append_utf8(key, core::lower(c));
  if (const auto it = find(key); it != targets.end()) {
    layout_switches_ = 0;
    const std::string rest = step.argument.substr(std::max<std::size_t>(length, 1));
    if (rest.empty())
      ++pos_;
    else
      script_[pos_].argument = rest;
    tap_next(*it, step.line, now_ms);
    return;
  }
  const auto layout = find("key.layout");
  if (layout != targets.end() && layout_switches_ < kMaxLayoutSwitches) {
    // The next layout's keys are drawn by the frames after this tap; the type step stays and waits.
    ++layout_switches_;
    tap_next(*layout, step.line, now_ms);
    return;
  }
  layout_switches_ = 0;
  ++pos_;
  const bool keyboard =
      std::any_of(targets.begin(), targets.end(), [](const ui::Target& t) { return t.name.starts_with("key."); });
  if (!keyboard)
    fail(step, "no on-screen keyboard on the screen to type '" + step.argument + "'");
  else if (layout != targets.end())
    fail(step, "no key for '" + character + "' on any keyboard layout");
  else
    fail(step, "no key for '" + character + "' on the on-screen keyboard (and no key.layout to switch layouts)");
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
