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

struct VideoOptions {
  // Kiosk mode: the window never minimises when it loses focus and Alt+Tab does not leave a
  // keyboard grab. Otherwise the screensaver may run (a developer's screen may sleep).
  bool kiosk = false;
  // The app reads SIGTERM/SIGINT itself (app/stop_signals.h): SDL must not turn them into SDL_QUIT.
  bool own_signals = false;
};

// SDL_Init/SDL_Quit for the video subsystem, with touch->mouse and mouse->touch emulation off:
// our input layer reads fingers and the mouse separately. `before_gl` runs once SDL knows the
// displays, before the GL library is loaded: e.g. to start baking fonts for the display's density.
class SdlVideo {
 public:
  explicit SdlVideo(const VideoOptions& options = {}, const std::function<void()>& before_gl = {});
  ~SdlVideo();
  SdlVideo(const SdlVideo&) = delete;
  SdlVideo& operator=(const SdlVideo&) = delete;
  std::string driver() const;  // "x11", "wayland", "offscreen", ...
  // Drivers that show nothing to anyone: SDL falls back to these silently when it finds no
  // display (no $WAYLAND_DISPLAY or $DISPLAY, or SDL_VIDEODRIVER set for tests).
  static bool headless(const std::string& driver) { return driver == "offscreen" || driver == "dummy" || driver.empty(); }
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
  // The GPU's widest and tallest texture (GL_MAX_TEXTURE_SIZE): 4096 on a Raspberry Pi 4, 16384
  // on most PCs. The font atlas must fit.
  int max_texture_size() const { return max_texture_size_; }
  // Moves the window onto `display` and fills it (borderless fullscreen), e.g. after hotplug.
  void fill_display(int display);
  // Kiosk mode: no cursor, no screensaver, and the keyboard held (Alt+Tab, Alt+F4 reach the app,
  // not the window manager).
  void lock_down();
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
  int max_texture_size_ = 1024;  // the least GL 3 allows
};

}  // namespace orpheus::platform
