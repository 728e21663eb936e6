#pragma once
// systemd's notification protocol through libsystemd's sd_notify: READY=1 once the first frame
// is on screen, WATCHDOG=1 from the render loop (so a hung frame stops them and systemd restarts
// the kiosk), STATUS= lines, STOPPING=1. Without $NOTIFY_SOCKET every call does nothing.
// Main thread (the render loop) only.
#include <optional>
#include <string>

namespace orpheus::ops {

class Notifier {
 public:
  Notifier();  // reads $NOTIFY_SOCKET and $WATCHDOG_USEC ($WATCHDOG_PID, if set, must be ours)
  bool enabled() const { return enabled_; }
  // The watchdog interval systemd expects pings within, if enabled.
  std::optional<double> watchdog_ms() const { return watchdog_ms_; }
  void ready(const std::string& status);
  void status(const std::string& status);
  void stopping();
  // Call from every loop pass: sends WATCHDOG=1 when half the interval has passed since the last
  // ping (now_ms: a monotonic clock). Returns the time by which the loop must call again.
  std::optional<double> watchdog(double now_ms);

 private:
  bool enabled_ = false;
  std::optional<double> watchdog_ms_;
  double last_ping_ms_ = -1e18;
};

}  // namespace orpheus::ops
