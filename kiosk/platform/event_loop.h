#pragma once
// Waiting for something to do, and being woken from other threads. The loop sleeps in SDL while
// nothing happens (an idle kiosk uses almost no CPU) and wakes for an input event, a display
// change, or a wake() from any thread (a decoded image, a background result). Where SDL can
// block on events (x11, wayland) a wake-up is an SDL user event; elsewhere SDL's wait polls every
// millisecond, so the loop sleeps on a condition variable instead and polls SDL now and then.
// Main thread only, except wake().
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include "touch/pointer.h"

namespace orpheus::platform {

class Window;

class EventLoop {
 public:
  // What a pass of pump() found, in the order it came.
  class Sink {
   public:
    virtual ~Sink() = default;
    virtual void quit_requested() = 0;           // the window manager, or the last window closing
    virtual void woken() = 0;                    // wake() was called
    virtual void display_changed() = 0;          // a display was added, removed or changed mode
    virtual void window_changed(bool moved_or_resized) = 0;
    virtual void pointer(const touch::PointerEvent& e) = 0;
    virtual double clock_ms() const = 0;         // the time stamped on pointer events
  };

  // Any thread. Before start() the wake-up is held back, and start() delivers it: threads that
  // begin before the window exists (the pack check, signals) may call it from their first line.
  void wake();
  // Main thread, once the window is open: SDL's video `driver` decides how to wait. Touches are
  // mapped from the panel to `window` turned by `rotation`; without `pointers` input events are
  // dropped (a replay drives the app).
  void start(const std::string& driver, const Window& window, touch::Rotation rotation, bool pointers);
  // The longest a blocking pump may wait: 1 s where SDL wakes for input itself, else the poll
  // interval that notices a finger in time (long where there is no input: tests, benchmarks).
  int max_wait_ms() const { return can_block_ ? 1000 : poll_ms_; }
  // Handles pending events; with `block`, first waits up to timeout_ms for one or a wake-up.
  void pump(bool block, int timeout_ms, Sink& sink);

 private:
  void deliver();

  std::atomic<bool> started_{false};
  std::atomic<bool> missed_{false};
  std::atomic<bool> pending_{false};
  std::uint32_t event_ = 0;
  const Window* window_ = nullptr;
  touch::Rotation rotation_ = touch::Rotation::none;
  bool pointers_ = true;
  bool can_block_ = false;
  int poll_ms_ = 16;
  std::mutex mutex_;
  std::condition_variable cv_;
};

}  // namespace orpheus::platform
