#pragma once
// The kiosk application: owns the window, the content snapshot, the image pipeline, the
// visitor session and the screens, and runs the loop (events -> gestures -> UI -> render),
// drawing only when something changed or animates. Main thread only.
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <future>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/attract.h"
#include "app/content_watch.h"
#include "app/idle.h"
#include "app/options.h"
#include "app/replay_script.h"
#include "app/session.h"
#include "app/settings.h"
#include "app/stop_signals.h"
#include "app/worker.h"
#include "admin/pin.h"
#include "ops/health.h"
#include "ops/notify.h"
#include "catalog/catalog.h"
#include "media/loader.h"
#include "platform/texture_cache.h"
#include "touch/gesture.h"
#include "ui/frame.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/theme.h"

namespace orpheus::platform {
class SdlVideo;
class Window;
class ImGuiRuntime;
}  // namespace orpheus::platform

namespace orpheus::app {

// Kiosk mode cannot run here (e.g. no real display): exit status 2 with the message.
class KioskError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class App {
 public:
  // Exit statuses beyond 0/1/2/3: asked for on the admin screen. systemd restarts the kiosk
  // after kExitRestart (Restart=always) but not after kExitToDesktop (RestartPreventExitStatus).
  static constexpr int kExitToDesktop = 64;
  static constexpr int kExitRestart = 75;
  explicit App(Options options, Settings settings);
  ~App();
  // Runs until quit. Returns the process exit code (0 ok, 1 failure, 3 a replay step failed).
  int run();

 private:
  void open_window();
  void follow_display();  // after a display was added, removed or changed
  void apply_density(float dpi);
  void apply_touch_density(float dpi);  // gesture thresholds and the admin corner, from the density
  void bake_large_text_later();        // the large-text fonts: baked after the first frame, adopted between frames
  // Start-up: the pack is checked (seal, signature, snapshot) on its own thread while the window
  // opens and the fonts bake; load_pack() waits for it and shows it (or the unavailable screen).
  void start_pack_check();
  void load_pack();
  void reset_session();     // a new visitor: home, default language, scroll positions
  void handle_idle();       // the idle reset, the attract loop, the admin corner
  std::optional<double> next_deadline_ms() const;  // the earliest timer of the app's clock
  void publish_health();
  // The hidden admin: PIN pad, then the admin screen. Slow work runs on worker_.
  void open_pin_pad();
  void close_admin();
  void pin_input(const ui::PinPadInput& in);
  void admin_input(const ui::AdminInput& in);
  void refresh_admin();     // posts a job gathering what the admin screen shows
  void change_timeouts(double idle_s, double attract_s);
  void show(CheckedPack pack);
  void maybe_switch_pack();
  void trim_heap_after_uploads();  // returns freed decode buffers to the system after a burst
  void confirm_pack();        // starts confirming to_confirm_ on a thread
  void check_confirmation();  // acts on its result once there
  std::optional<double> switch_deadline_ms() const;  // when a waiting new pack may be shown, if no finger is down
  // Handles pending events; with `block`, first waits (at most max_wait_ms) for one, a wake-up
  // or the next deadline.
  void pump_events(bool block, int max_wait_ms = 1000);
  // Every pointer event, live or replayed, enters here: recorded, then fed to the recogniser.
  void input(const touch::PointerEvent& e);
  void drive_replay();
  void execute(const ScriptStep& step);
  bool settled_or_give_up(const ScriptStep& step);
  bool settled() const;
  bool wants_frame() const;
  void frame();
  void recover(const std::string& what);
  void write_state(const std::string& path) const;
  double clock_ms() const;

  Options options_;
  Settings settings_;
  std::unique_ptr<StopSignals> signals_;
  std::atomic<bool> stop_requested_{false};
  ops::Notifier notifier_;
  std::unique_ptr<ops::HealthWriter> health_;
  bool ready_sent_ = false;
  std::unique_ptr<platform::SdlVideo> video_;
  std::unique_ptr<platform::Window> window_;
  std::unique_ptr<platform::ImGuiRuntime> imgui_;
  ui::Theme theme_;
  ui::FontSet fonts_;
  ui::Strings strings_;

  std::shared_ptr<const catalog::Snapshot> snapshot_;
  std::filesystem::path pack_file_;         // the file snapshot_ came from
  std::string trust_note_;                  // why the shown pack is not trusted (development only)
  std::string unavailable_reason_;
  ContentPolicy policy_;
  std::unique_ptr<ContentWatcher> watcher_;  // with --content-dir: notices newly installed packs
  std::future<CheckedPack> pack_check_;      // start-up check (after watcher_: joined before it goes)
  // The shown pack was judged on a remembered hash: read it in full once the first frame is up.
  std::optional<trust::ContentHash> to_confirm_;
  std::future<std::optional<std::string>> confirming_;  // that reading, on its own thread,
  std::filesystem::path confirming_file_;               // of this file
  std::optional<std::string> pack_usage_error_;  // no pack given: reported where load_pack always did
  double switch_after_idle_ms_ = 60000;
  double last_input_ms_ = 0;
  std::unique_ptr<media::ImageLoader> loader_;
  platform::TextureCache textures_{256u << 20};
  std::uint64_t trimmed_after_ = 0;  // textures_.counters().uploaded at the last heap trim
  // Waking the loop when a decode finishes: an SDL user event where SDL can block on events
  // (x11, wayland); elsewhere SDL_WaitEventTimeout polls every millisecond, so the loop sleeps
  // on a condition variable instead and polls SDL at idle_poll_ms_.
  void wake();
  // wake() for threads started before the window exists: held back until open_window has set
  // up the wake-up (wake_ready_), then delivered.
  void wake_when_ready();
  std::atomic<bool> wake_ready_{false};
  std::atomic<bool> wake_missed_{false};
  std::uint32_t wake_event_ = 0;
  std::atomic<bool> wake_pending_{false};
  bool sdl_can_block_ = false;
  int idle_poll_ms_ = 16;
  std::mutex wake_mutex_;
  std::condition_variable wake_cv_;

  std::vector<std::string> languages_;  // enabled for the shown pack
  std::string start_language_;
  IdleTimer idle_;
  TouchSwallow swallow_;
  CornerHold corner_;
  AttractLoop attract_;
  enum class AdminMode { closed, pin, panel };
  AdminMode admin_mode_ = AdminMode::closed;
  std::string pin_entry_;        // digits typed; wiped when checked or closed
  admin::PinLock pin_lock_;
  bool pin_checking_ = false;
  std::string pin_message_;
  ui::AdminScreen admin_screen_;
  ui::AdminInfo admin_info_;
  Route admin_route_;            // the admin screen's own scroll, apart from the visitor's
  double admin_tick_ms_ = 0;     // redraw once a second while open (countdowns, uptime)
  double admin_refreshed_ms_ = -1e18;
  bool admin_refresh_pending_ = false;
  std::vector<std::pair<std::string, std::string>> admin_disk_facts_;  // from the worker's last look
  double fps_since_ms_ = 0;
  std::uint64_t fps_frames_ = 0;
  std::unique_ptr<Worker> worker_;
  std::unique_ptr<Session> session_;
  ui::HomeScreen home_;
  ui::CollectionScreen collection_;
  ui::ItemScreen item_;
  ui::ViewerScreen viewer_;
  Route last_route_;
  std::string last_language_;
  bool last_large_text_ = false;

  touch::GestureRecognizer gestures_;
  touch::Rotation touch_rotation_ = touch::Rotation::none;
  std::vector<ui::Target> targets_;  // of the last frame drawn
  std::unique_ptr<std::ofstream> record_;       // --record: the input events as a script
  std::unique_ptr<std::ofstream> trace_;        // --trace-frames: one line per presented frame
  int frame_events_ = 0;                        // pointer events handled since the last frame
  touch::Vec2 frame_last_event_;                // position of the last of them

  bool replay_ = false;              // virtual clock, script-driven
  std::vector<ScriptStep> script_;
  std::size_t script_pos_ = 0;
  std::optional<std::string> pending_screenshot_;
  std::optional<double> waiting_since_ms_;
  std::optional<double> pack_wait_since_ms_;  // real time: wait_new_pack, sleep_real
  int exit_code_ = 0;
  bool quit_ = false;

  // Frame pacing where vsync is not honoured (Xvfb, llvmpipe, some drivers): detected from
  // swaps that return much faster than the refresh interval, then frames are spaced in software.
  void pace_frame();
  double refresh_ms_ = 1000.0 / 60.0;
  double last_swap_ms_ = 0;
  int fast_swaps_ = 0;
  bool pacing_ = false;

  double start_real_ms_ = 0;
  double now_ms_ = 0, last_frame_ms_ = 0;
  int frames_wanted_ = 2;            // ImGui lays out new content over a couple of frames
  bool animating_ = false;
  bool uploads_waiting_ = false;
  bool viewer_shown_ = false;
  double replay_frame_ms_ = 1000.0 / 60.0;  // how far one replayed frame moves the virtual clock  // the last frame drew the full-screen viewer
  std::uint64_t frame_count_ = 0;
  int failed_frames_ = 0;
  // CPU time of building and submitting each frame (UI + draw calls, not the swap) since the
  // last state dump: the benchmark reads median/p99 from the dump.
  mutable std::vector<double> frame_cpu_ms_;
  mutable std::vector<double> ui_cpu_ms_;  // of that, building the UI (screens, layout, draw lists)
};

}  // namespace orpheus::app
