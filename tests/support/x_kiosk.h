#pragma once
// The live kiosk on a private Xvfb (support/xvfb.h) driven by XTest, for benchmarks: start it
// and wait for its window, send the mouse. Header only; include it after every other header
// (Xlib macros) and link orpheus_test_x11.
#include <sys/types.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"
#include "support/wait.h"
#include "support/xvfb.h"
#include <X11/extensions/XTest.h>

namespace orpheus::test {

inline void send_motion(Display* d, int x, int y) {
  XTestFakeMotionEvent(d, DefaultScreen(d), x, y, CurrentTime);
  XFlush(d);
}
inline void send_button(Display* d, bool down) {
  XTestFakeButtonEvent(d, 1, down ? True : False, CurrentTime);
  XFlush(d);
}

// A kiosk started on an X server; SIGTERM and a wait at the end of its life if still running.
struct XKiosk {
  pid_t pid = -1;
  int ox = 0, oy = 0;  // the window's top-left corner on the screen
  std::string err;     // its stderr file

  XKiosk() = default;
  XKiosk(const XKiosk&) = delete;
  XKiosk& operator=(const XKiosk&) = delete;
  ~XKiosk() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      wait_exit(pid, 10);
    }
  }
  // Stops the kiosk by SIGTERM; false if it did not exit cleanly.
  bool stop() {
    if (pid <= 0) return true;
    kill(pid, SIGTERM);
    const int code = wait_exit(pid, 20);
    pid = -1;
    return code == 0;
  }
  // An error that ends the benchmark, with the kiosk's stderr; stops the kiosk.
  std::runtime_error fail(const std::string& why) {
    stop();
    return std::runtime_error(why + "\nkiosk stderr:\n" + read_text(err));
  }
};

// Starts `argv` (a kiosk with --trace-frames `trace`, windowed width x height) on `x`, its stderr
// in `err`, and waits until its window "Orpheus" is mapped, has that size and a frame was
// presented. Throws (with the kiosk's stderr) otherwise, after 30 s at the most.
inline void start_x_kiosk(XKiosk& k, const Xvfb& x, const std::vector<std::string>& argv, const std::string& trace,
                          const std::string& err, int width, int height) {
  Display* d = x.display();
  x.use_in_environment();
  k.err = err;
  k.pid = spawn(argv, err);
  std::optional<::Window> win;
  bool exited = false;
  const bool shown = wait_until(
      [&] {
        int status = 0;
        if (waitpid(k.pid, &status, WNOHANG) == k.pid) return exited = true;
        if (!win) win = find_window(d, DefaultRootWindow(d), "Orpheus");
        XWindowAttributes a{};
        return win && XGetWindowAttributes(d, *win, &a) && a.map_state == IsViewable &&
               read_text(trace).find("\"frame\"") != std::string::npos;
      },
      std::chrono::seconds(30), std::chrono::milliseconds(20));
  if (exited) {
    k.pid = -1;
    throw std::runtime_error("the kiosk exited early:\n" + read_text(err));
  }
  if (!shown) throw k.fail("the kiosk window did not appear within 30 s");
  XWindowAttributes attrs{};
  XGetWindowAttributes(d, *win, &attrs);
  ::Window child = 0;
  XTranslateCoordinates(d, *win, DefaultRootWindow(d), 0, 0, &k.ox, &k.oy, &child);
  if (attrs.width != width || attrs.height != height)
    throw k.fail("the kiosk window is " + std::to_string(attrs.width) + "x" + std::to_string(attrs.height) + ", not " +
                 std::to_string(width) + "x" + std::to_string(height));
}

}  // namespace orpheus::test
