#include "platform/event_loop.h"

#include <SDL.h>

#include <chrono>

#include "platform/sdl_input.h"
#include "platform/window.h"

namespace orpheus::platform {

void EventLoop::wake() {
  // Noted first, then delivered if the loop can be woken: start() does the same the other way
  // round, so a wake-up racing with it is never lost.
  missed_ = true;
  if (started_) deliver();
}

void EventLoop::start(const std::string& driver, const Window& window, touch::Rotation rotation, bool pointers) {
  window_ = &window;
  rotation_ = rotation;
  pointers_ = pointers;
  event_ = SDL_RegisterEvents(1);
  can_block_ = driver == "x11" || driver == "wayland";
  // Drivers without input (tests, benchmarks) may sleep long; others must notice a finger fast.
  poll_ms_ = driver == "offscreen" || driver == "dummy" ? 250 : 16;
  started_ = true;
  if (missed_) deliver();
}

void EventLoop::deliver() {
  if (pending_.exchange(true)) return;
  if (can_block_) {
    SDL_Event e{};
    e.type = event_;
    SDL_PushEvent(&e);
  } else {
    std::lock_guard lock(mutex_);
    cv_.notify_one();
  }
}

void EventLoop::pump(bool block, int timeout_ms, Sink& sink) {
  SDL_Event e;
  bool have = false;
  if (block && can_block_) {
    have = SDL_WaitEventTimeout(&e, timeout_ms) != 0;
  } else {
    if (block) {
      std::unique_lock lock(mutex_);
      if (cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return pending_.load(); })) sink.woken();
      pending_ = false;
    }
    have = SDL_PollEvent(&e) != 0;
  }
  while (have) {
    if (e.type == SDL_QUIT) {
      sink.quit_requested();
    } else if (e.type == event_) {
      pending_ = false;
      sink.woken();
    } else if (e.type == SDL_DISPLAYEVENT) {
      sink.display_changed();
    } else if (e.type == SDL_WINDOWEVENT) {
      sink.window_changed(e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED || e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED);
    } else if (pointers_) {
      if (auto p = to_pointer_event(e, window_->width(), window_->height(), sink.clock_ms(), rotation_)) sink.pointer(*p);
    }
    have = SDL_PollEvent(&e) != 0;
  }
}

}  // namespace orpheus::platform
