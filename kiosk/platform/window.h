#pragma once
// SDL video + OpenGL 3 context, RAII. Main thread only. The window owns the GL context; both
// are destroyed in reverse order of creation.
#include <SDL.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace orpheus::platform {

class PlatformError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// SDL_Init/SDL_Quit for the video subsystem, with touch->mouse and mouse->touch emulation off:
// our input layer reads fingers and the mouse separately. `before_gl` runs once SDL knows the
// displays, before the GL library is loaded: e.g. to start baking fonts for the display's density.
class SdlVideo {
 public:
  explicit SdlVideo(const std::function<void()>& before_gl = {});
  ~SdlVideo();
  SdlVideo(const SdlVideo&) = delete;
  SdlVideo& operator=(const SdlVideo&) = delete;
  std::string driver() const;  // "x11", "wayland", "offscreen", ...
};

struct WindowConfig {
  std::string title = "Orpheus";
  bool fullscreen = true;
  int width = 1920, height = 1080;
  int display = 0;
};

class Window {
 public:
  explicit Window(const WindowConfig& config);  // throws PlatformError
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  SDL_Window* sdl() const { return window_.get(); }
  SDL_GLContext gl() const { return context_; }
  int width() const;   // window coordinates (pointer events use these)
  int height() const;
  int drawable_width() const;
  int drawable_height() const;
  // Physical density of the display the window is on; 96 if the driver does not know.
  float dpi() const;
  // The same for a display (index), before any window exists.
  static float display_dpi(int display);
  // The display's refresh rate in Hz (60 if the driver does not say).
  int refresh_hz() const;
  bool double_buffered() const { return double_buffered_; }
  // Moves the window onto `display` and fills it (borderless fullscreen), e.g. after hotplug.
  void fill_display(int display);
  // Presents the frame. At most two frames are in flight: a driver that does not throttle on
  // swaps (offscreen, some software ones) would otherwise queue frames without bound.
  void swap();

 private:
  struct Fence {
    void* sync = nullptr;  // GLsync
  };
  Fence in_flight_[2];
  int next_fence_ = 0;
  struct WindowDeleter { void operator()(SDL_Window* w) const noexcept { SDL_DestroyWindow(w); } };
  std::unique_ptr<SDL_Window, WindowDeleter> window_;
  SDL_GLContext context_ = nullptr;
  bool double_buffered_ = true;
};

}  // namespace orpheus::platform
