#pragma once
// The technicians' hidden door and what is behind it: the PIN pad (Argon2id on a background
// worker, lockout with growing delays), then the admin screen (the kiosk's state and recent
// problems, installed packs with rollback, packs on removable media with install, the idle and
// attract timeouts, restart and exit), and its Visitors tab (the usage journal's charts). Slow work (the PIN check, installing, looking at the disk,
// saving changed timeouts) runs as background requests. Main thread only.
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "admin/pin.h"
#include "app/options.h"
#include "app/pack_switcher.h"
#include "app/settings.h"
#include "core/background.h"
#include "session/route.h"
#include "ui/overlays.h"
#include "ui/strings.h"
#include "usage/journal.h"

namespace orpheus::app {

// Exit statuses beyond 0/1/2/3, asked for on the admin screen. systemd restarts the kiosk after
// kExitRestart (Restart=always) but not after kExitToDesktop (RestartPreventExitStatus).
inline constexpr int kExitToDesktop = 64;
inline constexpr int kExitRestart = 75;

// What the admin screen shows of the running kiosk, gathered by the app when asked.
struct KioskFacts {
  double uptime_s = 0;
  std::uint64_t frames = 0;
  int refresh_hz = 60;
  int width = 0, height = 0;
  float dpi = 96;
  std::string driver;
  std::size_t texture_bytes = 0;
  std::string today;  // the museum's local date (YYYY-MM-DD): the Visitors tab's day
};

class AdminPanel {
 public:
  struct Hooks {
    std::function<KioskFacts()> facts;
    std::function<void(double idle_s, double attract_s)> timeouts_changed;  // already in the settings
    std::function<void()> closed;           // e.g. show a pack the technician just installed
    std::function<void(int status)> quit;   // restart (75) or exit to the desktop (64)
    std::function<void(int frames)> redraw; // the panel changed: draw this many frames
  };
  AdminPanel(Settings& settings, const Options& options, const PackSwitcher& content, const ui::Strings& strings,
             core::Background& background, Hooks hooks);

  bool is_open() const { return mode_ != Mode::closed; }
  // The corner was held: the PIN pad, if a PIN is configured (else logged, nothing opens).
  bool open_pin_pad(double now_ms);
  void close();
  // Between frames, in the visitor's `language`: the background work's results.
  void poll(double now_ms, const std::string& language);
  // Between frames: a redraw every second while open, a refresh every few seconds.
  void tick(double now_ms, const std::string& language);
  // When tick() wants to run next (countdowns and uptime change every second).
  std::optional<double> next_deadline_ms() const;
  // The PIN pad or the admin screen, with its own scroll position (route()).
  void draw(ui::UiFrame& f);
  session::Route& route() { return route_; }
  nlohmann::json state(double now_ms) const;  // the state dump's "admin"

 private:
  enum class Mode { closed, pin, panel };
  void pin_input(const ui::PinPadInput& in, double now_ms);
  void admin_input(const ui::AdminInput& in);
  void change_timeouts(double idle_s, double attract_s);
  void save();  // the admin screen's changes, on a worker
  void refresh(double now_ms, const std::string& language);  // the facts now; the disk and the store on a worker
  void read_visitors(double now_ms, const std::string& language);  // the usage journal's dashboard, on a worker
  void show_visitors(const usage::Dashboard& d, const std::string& language);

  Settings& settings_;
  const Options& options_;
  const PackSwitcher& content_;
  const ui::Strings& strings_;
  Hooks hooks_;
  Mode mode_ = Mode::closed;
  std::string pin_entry_;  // digits typed; wiped when checked or closed
  admin::PinLock pin_lock_;
  std::string pin_message_;
  ui::AdminScreen screen_;
  ui::AdminInfo info_;
  session::Route route_;  // the admin screen's own scroll, apart from the visitor's
  double tick_ms_ = 0;    // redraw once a second while open (countdowns, uptime)
  double refreshed_ms_ = -1e18;
  std::size_t main_facts_ = 0;  // info_.facts before the disk facts
  double fps_since_ms_ = 0;
  std::uint64_t fps_frames_ = 0;
  std::vector<std::pair<std::string, std::string>> disk_facts_;  // from the worker's last look
  struct DiskLook {
    std::vector<ui::AdminInfo::Pack> installed;
    std::vector<std::string> candidates;
    std::string disk, problem;
  };
  struct Outcome {
    bool ok = false;
    std::string text;
  };
  core::Request<bool> pin_check_;
  core::Request<DiskLook> disk_;
  core::Request<Outcome> install_;  // an install or a rollback
  core::Request<bool> save_;        // changed timeouts, written to the state folder
  struct VisitorsLook {
    usage::Dashboard dashboard;
    bool none_yet = false;  // no journal file yet
    std::string problem;
  };
  core::Request<VisitorsLook> visitors_;
  double visitors_ms_ = -1e18;  // when the Visitors tab's numbers were last read
};

}  // namespace orpheus::app
