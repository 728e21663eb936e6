#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "support/process.h"
#include "support/wait.h"

// Last: Xlib's macros.
#include "support/xvfb.h"

namespace orpheus::test {
namespace {

int ignore_x_error(Display*, XErrorEvent*) { return 0; }

// The pid in display `num`'s lock file (/tmp/.XNUM-lock, written by the server that holds the
// display), -1 if there is none.
pid_t lock_holder(const std::string& num) {
  const std::string text = read_text("/tmp/.X" + num + "-lock");
  char* end = nullptr;
  const long pid = std::strtol(text.c_str(), &end, 10);
  return end != text.c_str() && pid > 0 ? static_cast<pid_t>(pid) : -1;
}

}  // namespace

const char* Xvfb::program() { return ORPHEUS_XVFB; }

Xvfb::Xvfb(const std::string& log_dir, const std::string& screen) {
  XSetErrorHandler(ignore_x_error);
  std::string last_error;
  for (int n = 90; n < 140 && !display_; ++n) {
    const std::string num = std::to_string(n), log = log_dir + "/xvfb-" + num + ".txt";
    if (std::filesystem::exists("/tmp/.X11-unix/X" + num) || std::filesystem::exists("/tmp/.X" + num + "-lock")) continue;
    // -noreset: the server keeps its state (screen size, screen saver settings) when its last
    // client leaves, as a real display does between two kiosk runs.
    pid_ = spawn({ORPHEUS_XVFB, ":" + num, "-screen", "0", screen, "-nolisten", "tcp", "-noreset"}, log);
    name_ = ":" + num;
    wait_until(
        [&] {
          if (Display* d = XOpenDisplay(name_.c_str())) display_.reset(d);
          // The connection went to our Xvfb if the display's lock file names it; an Xvfb that lost
          // the display to another server exits at once: then the next number is tried.
          if (display_ && lock_holder(num) != pid_) display_.reset();
          int status = 0;
          if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            display_.reset();
          }
          return pid_ <= 0 || display_ != nullptr;
        },
        std::chrono::seconds(15), std::chrono::milliseconds(20));
    last_error = read_text(log);
    if (!display_) stop();
  }
  if (!display_)
    throw std::runtime_error("could not start Xvfb (" ORPHEUS_XVFB ") on any display from :90 to :139; last attempt:\n" +
                             last_error);
}

Xvfb::~Xvfb() {
  display_.reset();
  stop();
}

void Xvfb::use_in_environment() const {
  setenv("DISPLAY", name_.c_str(), 1);
  setenv("SDL_VIDEODRIVER", "x11", 1);
  unsetenv("WAYLAND_DISPLAY");
  // Mesa's software GL driver (swrast_dri.so), which GLX loads for each X connection, leaks at
  // exit and is unloaded before LeakSanitizer looks, so no suppression can name it: in a
  // sanitizer build the kiosk on X keeps its memory-error checks but leaves leak checks to the
  // headless tests.
  if (const char* asan = std::getenv("ASAN_OPTIONS"); asan && !std::strstr(asan, "detect_leaks=0"))
    setenv("ASAN_OPTIONS", (std::string(asan) + ":detect_leaks=0").c_str(), 1);
}

void Xvfb::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  wait_exit(pid_, 10);
  pid_ = -1;
}

std::optional<::Window> find_window(Display* d, ::Window w, const char* name) {
  char* title = nullptr;
  if (XFetchName(d, w, &title) && title) {
    const bool match = !std::strcmp(title, name);
    XFree(title);
    if (match) return w;
  }
  ::Window root = 0, parent = 0, *children = nullptr;
  unsigned count = 0;
  if (!XQueryTree(d, w, &root, &parent, &children, &count)) return std::nullopt;
  std::optional<::Window> found;
  for (unsigned i = 0; i < count && !found; ++i) found = find_window(d, children[i], name);
  if (children) XFree(children);
  return found;
}

}  // namespace orpheus::test
