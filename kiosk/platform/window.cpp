#include "platform/window.h"

#include "platform/gl.h"

namespace orpheus::platform {

SdlVideo::SdlVideo(const VideoOptions& options, const std::function<void()>& before_gl) {
  if (options.own_signals) SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (options.kiosk) {
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  } else {
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
  }
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
    throw PlatformError(std::string("cannot start SDL video: ") + SDL_GetError());
  if (before_gl) before_gl();
  // One more reference to the GL driver than the window takes, never released: Mesa stays
  // mapped until the process ends instead of being unloaded inside SDL_Quit, where its
  // allocations would show up in leak checkers as leaks of an unknown module.
  if (SDL_GL_LoadLibrary(nullptr) != 0)
    throw PlatformError(std::string("cannot load the OpenGL library: ") + SDL_GetError());
}

SdlVideo::~SdlVideo() { SDL_Quit(); }

std::string SdlVideo::driver() const {
  const char* d = SDL_GetCurrentVideoDriver();
  return d ? d : "";
}

Window::Window(const WindowConfig& c) {
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  int x = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(c.display));
  int y = x;
  int w = c.width, h = c.height;
  if (c.fullscreen) {
    SDL_Rect bounds;
    if (SDL_GetDisplayBounds(c.display, &bounds) == 0) {
      x = bounds.x; y = bounds.y; w = bounds.w; h = bounds.h;
    }
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  }
  window_.reset(SDL_CreateWindow(c.title.c_str(), x, y, w, h, flags));
  if (!window_) throw PlatformError(std::string("cannot open the window: ") + SDL_GetError());
  context_ = SDL_GL_CreateContext(window_.get());
  if (!context_) throw PlatformError(std::string("cannot create an OpenGL 3.3 context: ") + SDL_GetError());
  SDL_GL_MakeCurrent(window_.get(), context_);
  SDL_GL_SetSwapInterval(1);  // vsync where the driver honours it; the app paces frames itself where not
  GLboolean db = GL_TRUE;
  glGetBooleanv(GL_DOUBLEBUFFER, &db);
  double_buffered_ = db == GL_TRUE;
  GLint max_texture = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
  if (max_texture > max_texture_size_) max_texture_size_ = max_texture;
}

Window::~Window() {
  for (auto& f : in_flight_)
    if (f.sync) glDeleteSync(static_cast<GLsync>(f.sync));
  if (context_) SDL_GL_DeleteContext(context_);
}

int Window::width() const { int w = 0; SDL_GetWindowSize(window_.get(), &w, nullptr); return w; }
int Window::height() const { int h = 0; SDL_GetWindowSize(window_.get(), nullptr, &h); return h; }
int Window::drawable_width() const { int w = 0; SDL_GL_GetDrawableSize(window_.get(), &w, nullptr); return w; }
int Window::drawable_height() const { int h = 0; SDL_GL_GetDrawableSize(window_.get(), nullptr, &h); return h; }

float Window::dpi() const { return display_dpi(SDL_GetWindowDisplayIndex(window_.get())); }

float Window::display_dpi(int display) {
  float hdpi = 0;
  if (display < 0 || SDL_GetDisplayDPI(display, nullptr, &hdpi, nullptr) != 0 || hdpi < 50 || hdpi > 600) return 96.0f;
  return hdpi;
}

int Window::refresh_hz() const {
  SDL_DisplayMode mode{};
  const int display = SDL_GetWindowDisplayIndex(window_.get());
  if (display < 0 || SDL_GetCurrentDisplayMode(display, &mode) != 0 || mode.refresh_rate < 20 || mode.refresh_rate > 500) return 60;
  return mode.refresh_rate;
}

void Window::fill_display(int display) {
  SDL_Rect bounds;
  if (SDL_GetDisplayBounds(display, &bounds) != 0) return;
  SDL_SetWindowFullscreen(window_.get(), 0);
  SDL_SetWindowPosition(window_.get(), bounds.x, bounds.y);
  SDL_SetWindowSize(window_.get(), bounds.w, bounds.h);
  SDL_SetWindowFullscreen(window_.get(), SDL_WINDOW_FULLSCREEN_DESKTOP);
}

void Window::lock_down() {
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  SDL_SetWindowKeyboardGrab(window_.get(), SDL_TRUE);
}

void Window::swap() {
  SDL_GL_SwapWindow(window_.get());
  // Wait for the frame before the last one to finish (normally long done), then mark this one.
  Fence& f = in_flight_[next_fence_];
  if (f.sync) {
    glClientWaitSync(static_cast<GLsync>(f.sync), GL_SYNC_FLUSH_COMMANDS_BIT, 1'000'000'000);
    glDeleteSync(static_cast<GLsync>(f.sync));
  }
  f.sync = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  next_fence_ = 1 - next_fence_;
}

}  // namespace orpheus::platform
