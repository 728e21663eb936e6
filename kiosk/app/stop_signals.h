#pragma once
// SIGTERM, SIGINT and SIGHUP for the kiosk: blocked in every thread and received by one thread
// of ours with sigwait(), which calls back (from that thread) so the loop can end cleanly.
// SDL's own handlers are switched off (SDL_HINT_NO_SIGNAL_HANDLERS) because SDL turns them into
// SDL_QUIT, which in kiosk mode must mean only "the window manager asked to close": ignored.
// Construct before any other thread starts, so every thread inherits the blocked mask.
#include <atomic>
#include <functional>
#include <thread>

namespace orpheus::app {

class StopSignals {
 public:
  explicit StopSignals(std::function<void(int signal)> on_signal);
  ~StopSignals();  // unblocks the waiting thread and joins it
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  int received() const { return received_; }  // the last signal, 0 if none

 private:
  std::function<void(int)> on_signal_;
  std::atomic<int> received_{0};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace orpheus::app
