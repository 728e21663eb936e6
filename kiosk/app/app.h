#pragma once
// The kiosk application: the loop (events -> gestures -> screens -> intents -> render, drawing only
// when something changed or animates) and the wiring of the parts that do the work, each in its
// own file: Display (window, fonts, density), EventLoop (waiting and waking), PackSwitcher (which
// pack is shown), Images (decoders and textures), Visit (the visitor's session and the registered
// screens), AdminPanel (PIN pad and admin screen), TouchInput, ReplayDriver, FrameStats, and
// core::Background for slow work. Main thread only.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/admin_panel.h"
#include "app/attract.h"
#include "app/display.h"
#include "app/frame_stats.h"
#include "app/idle.h"
#include "app/images.h"
#include "app/narration.h"
#include "app/options.h"
#include "app/pack_switcher.h"
#include "app/programme.h"
#include "app/replay_driver.h"
#include "app/settings.h"
#include "app/touch_input.h"
#include "app/usage_log.h"
#include "app/visit.h"
#include "core/background.h"
#include "ops/notify.h"
#include "platform/event_loop.h"
#include "touch/reach.h"
#include "ui/screen.h"
#include "ui/strings.h"

namespace orpheus::ops {
class HealthWriter;
}

namespace orpheus::app {

class StopSignals;

class App final : private platform::EventLoop::Sink, private ReplayDriver::Host {
 public:
  // `screens`: what visitors can see; tests add screens of their own.
  App(Options options, Settings settings, ui::ScreenRegistry screens = ui::standard_screens());
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;
  // Runs until quit. Returns the process exit code (0 ok, 1 failure, 3 a replay step failed,
  // kExitToDesktop / kExitRestart as asked on the admin screen).
  int run();

 private:
  // Why the next frame is drawn.
  struct Redraw {
    int frames = 2;  // ImGui lays out new content over a couple of frames
    bool animating = false;
    bool uploads_waiting = false;
    void want(int n) { frames = std::max(frames, n); }
  };
  // Real milliseconds since the start, or the replay's virtual time.
  struct Clock {
    double start_real_ms = 0, now_ms = 0, last_frame_ms = 0;
  };

  void start();
  void between_frames();   // background results, a new pack, the idle rules
  void pack_changed();     // what is shown changed: images, a new visitor
  void reset_visitor();
  std::optional<double> next_deadline_ms() const;  // the earliest timer of the app's clock
  void pump(bool block, int max_wait_ms = 1000);
  bool wants_frame() const;
  void frame();
  // `high_contrast`: in the visitor's high-contrast palette.
  ui::UiFrame ui_frame(session::Route& route, const ui::Fonts& fonts, const touch::GestureFrame& g, double dt,
                       std::vector<session::Intent>& intents, bool high_contrast = false);
  void recover(const std::string& what);
  // Live, with nothing to draw: the first time the screen stands drawn in full (nothing loading,
  // fading or animating) is logged ("settled N ms after start, at frame F"), and each time after a
  // burst of frames at debug level ("settled at frame F"); benchmarks wait on these lines.
  void note_settled();
  void publish_health();
  // Reach mode (touch/reach.h) for this window and density from [reach]; a mounting whose line
  // leaves less than the least area is logged once.
  touch::ReachArea reach_area();
  // Between frames: the narration's volume and status; it stops when the visitor leaves it.
  void follow_narration();
  // Between frames: the programme at the kiosk's clock (events ending and starting, scheduled
  // collections at an idle moment), and the attract loop's events with it.
  void follow_programme(double now);
  void attract_events();
  // Between frames and after a frame's intents: the usage journal follows the visitor's screen.
  void follow_usage(double now);
  // Where the next frame's screens start: the reach area's top when a visitor's screen is shown
  // in reach mode, else 0 (the admin screen, the attract loop: the whole window).
  float next_area_top();

  // platform::EventLoop::Sink
  void quit_requested() override;
  void woken() override { redraw_.uploads_waiting = true; }  // a decode or a result: the next frame takes it
  void display_changed() override;
  void window_changed(bool moved_or_resized) override;
  void pointer(const touch::PointerEvent& e) override { input(e); }
  double clock_ms() const override;
  // ReplayDriver::Host
  void input(const touch::PointerEvent& e) override;
  bool settled() const override;
  const std::vector<ui::Target>& targets() const override { return targets_; }
  bool new_pack_waiting() const override { return switcher_.new_pack_waiting(); }
  void wait_real(int max_ms) override { pump(true, max_ms); }
  void write_state(const std::string& path) override;

  Options options_;
  Settings settings_;
  ui::Strings strings_;
  ui::KeyboardLayouts keyboards_;  // the screens hold a reference: loaded in start(), before any screen
  platform::EventLoop events_;
  // Before any thread starts, so that every thread inherits the blocked signals.
  std::unique_ptr<StopSignals> signals_;
  core::Background background_;  // after events_, which it wakes
  ops::Notifier notifier_;
  std::unique_ptr<ops::HealthWriter> health_;
  Display display_;
  Images images_;  // after display_: its textures go before the GL context
  PackSwitcher switcher_;
  IdleTimer idle_;
  Programme programme_;
  ui::ProgrammeView programme_view_;  // what the frame's screens see of programme_
  AttractLoop attract_;
  TouchInput input_;
  Visit visit_;
  Narration narration_;  // after display_ (SDL), before it goes
  UsageLog usage_;
  std::vector<ui::UsageNote> usage_notes_;  // what the last frame's screens noted
  AdminPanel admin_;
  std::unique_ptr<ReplayDriver> replay_;
  FrameStats stats_;
  std::vector<ui::Target> targets_;  // of the last frame drawn, in window coordinates
  float area_top_ = 0;               // ... where its screens' area started (reach mode); pointer events are fed relative to it
  bool reach_warned_ = false;
  Clock clock_;
  Redraw redraw_;
  int failed_frames_ = 0;
  bool settled_noted_ = false;  // since the last frame drawn
  bool settled_once_ = false;
  std::optional<int> exit_status_;  // asked for on the admin screen
  bool quit_ = false;
};

}  // namespace orpheus::app
