#pragma once
// A private X server for end-to-end tests and benchmarks that need a real X display and input
// path: Xvfb on the first free display number from :90, and an Xlib connection to it. Owns the
// server process and the connection; one thread only (Xlib). Include this header after every
// other one: Xlib defines macros (None, Status, True, Bool, ...) that clash with later headers.
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>

#include <X11/Xlib.h>

namespace orpheus::test {

struct DisplayCloser {
  void operator()(Display* d) const { XCloseDisplay(d); }
};
using DisplayPtr = std::unique_ptr<Display, DisplayCloser>;

class Xvfb {
 public:
  // The Xvfb program found at configure time.
  static const char* program();
  // Starts Xvfb with one screen `screen` ("WIDTHxHEIGHTxDEPTH"), its log in `log_dir`, and
  // connects. Throws std::runtime_error (with the last server log) if no display number from
  // :90 to :139 works. Replaces Xlib's error handler, for the whole process, with one that
  // ignores errors: windows come and go while a program starts (SDL probes GL with a temporary
  // one), and a request on a window that just vanished must not end the test.
  explicit Xvfb(const std::string& log_dir, const std::string& screen = "1920x1080x24");
  ~Xvfb();  // closes the connection, stops the server (SIGTERM)
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  Display* display() const { return display_.get(); }
  const std::string& name() const { return name_; }  // ":90"
  pid_t pid() const { return pid_; }
  // Points this process's environment (and so every child started from now on) at this
  // server: DISPLAY, SDL_VIDEODRIVER=x11, no WAYLAND_DISPLAY; under AddressSanitizer
  // (ASAN_OPTIONS set) also detect_leaks=0, as Mesa's GLX driver leaks where no suppression reaches.
  void use_in_environment() const;

 private:
  void stop();
  pid_t pid_ = -1;
  std::string name_;
  DisplayPtr display_;
};

// The first window at or under `w` (depth first) whose title (WM_NAME) is `name`.
std::optional<::Window> find_window(Display* d, ::Window w, const char* name);

}  // namespace orpheus::test
