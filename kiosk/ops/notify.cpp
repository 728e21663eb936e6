#include "ops/notify.h"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/log.h"

namespace orpheus::ops {
namespace {

// One warning per process: a vanished socket would otherwise log on every watchdog ping.
std::atomic<bool> g_warned{false};

void send(const std::string& message) {
  const int rc = sd_notify(0, message.c_str());
  if (rc < 0 && !g_warned.exchange(true))
    log::warn("notify", std::string("sd_notify to $NOTIFY_SOCKET failed: ") + std::strerror(-rc));
}

// A status is one line: a newline would start another assignment (e.g. "READY=1").
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

}  // namespace

Notifier::Notifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  if (!enabled_) return;
  std::uint64_t usec = 0;
  // Also false when $WATCHDOG_PID names another process (the variable was inherited).
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) watchdog_ms_ = static_cast<double>(usec) / 1000.0;
}

void Notifier::ready(const std::string& status) {
  if (enabled_) send("READY=1\nSTATUS=" + one_line(status));
}

void Notifier::status(const std::string& status) {
  if (enabled_) send("STATUS=" + one_line(status));
}

void Notifier::stopping() {
  if (enabled_) send("STOPPING=1");
}

std::optional<double> Notifier::watchdog(double now_ms) {
  if (!enabled_ || !watchdog_ms_) return std::nullopt;
  const double half = *watchdog_ms_ / 2;
  if (now_ms - last_ping_ms_ >= half) {
    send("WATCHDOG=1");
    last_ping_ms_ = now_ms;
  }
  return last_ping_ms_ + half;
}

}  // namespace orpheus::ops
