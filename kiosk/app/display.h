#pragma once
// The kiosk's window and what draws into it: SDL video, the window (filling the display and
// locked down in kiosk mode), ImGui with the baked fonts, the theme's sizes for the display's
// density, and frame pacing where the driver ignores vsync. Main thread only.
//
// Start-up: the normal-text fonts bake on their own thread while SDL and EGL start (their sizes
// need only the density, configured or the display's); the bigger text sizes ("Aa": large and
// largest, together) bake after the first frame and are adopted between two frames. A pack
// shown whose texts use characters beyond the fixed ranges (another script) has the fonts baked
// again with them (show_pack).
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "config/config.h"
#include "media/image.h"
#include "touch/pointer.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace orpheus::platform {
class SdlVideo;
class Window;
class ImGuiRuntime;
class EventLoop;
}  // namespace orpheus::platform

namespace orpheus::app {

// Kiosk mode cannot run here (e.g. no real display): exit status 2 with the message.
class KioskError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Display {
 public:
  struct Setup {
    bool kiosk = false;
    config::DisplayConfig display;
    int width = 1920, height = 1080;  // of the window, when not fullscreen
  };
  explicit Display(Setup setup);
  ~Display();  // ImGui, then the window and its context, then SDL
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  // The fonts of the bigger text sizes (large and largest): baked once the first frames are
  // presented (at once if `wanted` says a visitor asks for bigger text), on their own thread,
  // which calls `wake`; adopted before a frame. With `wait` (replays) a frame that wants them
  // waits for the bake, to stay deterministic.
  struct BiggerText {
    std::function<bool()> wanted;
    bool wait = false;
    std::function<void()> wake;
  };
  // Opens SDL, the window and ImGui, then starts `events` on them (touch `rotation`; `pointers`
  // false: a replay drives the app). Throws KioskError when kiosk mode would run on a driver
  // nobody sees, platform::PlatformError when SDL or GL fail.
  void open(platform::EventLoop& events, touch::Rotation rotation, bool pointers, BiggerText bigger_text);
  // The pack shown from now on (null: none). Its characters (and those of `more`: what the
  // interface shows for it, e.g. its languages' own names) are collected on a thread of their
  // own; if the fonts lack some or hold others, the text sizes baked (the normal one until the
  // bigger ones are) are baked again with them there. The next frame waits for that (between
  // frames: a pack is shown at start-up and when nobody touches the screen), so the pack's first
  // frame draws all its glyphs and an atlas never keeps another pack's.
  void show_pack(std::shared_ptr<const catalog::Snapshot> pack, std::vector<std::string> more);
  // A display was plugged, unplugged or changed mode: fill the configured one again (or the first
  // if it is gone) and take its density. No restart.
  void follow_display();
  // The window moved to another display or changed size: its density and refresh rate again.
  void window_changed();

  // Sleeps until the next frame is due where the driver ignores vsync, or at half the display
  // rate with `half_rate` (the attract loop). True if it slept.
  bool pace(bool half_rate);
  // Renders ImGui's frame into the back buffer.
  void render(bool high_contrast);  // cleared to that theme's background
  // Presents the frame rendered; returns the time after the swap (steady clock, ms).
  // `frame_start_ms` tells back-to-back frames, which detect a driver that ignores vsync.
  double present(double frame_start_ms, bool detect_vsync);
  // The frame just rendered (before present()) as a PNG file; false (logged) if it cannot be written.
  bool write_screenshot(const std::string& file) const;

  // The kiosk's theme, or the same sizes in the high-contrast palette (a visitor's choice).
  const ui::Theme& theme(bool high_contrast = false) const;
  const ui::FontSet& fonts() const { return fonts_; }
  platform::ImGuiRuntime& imgui() { return *imgui_; }
  const platform::Window& window() const { return *window_; }
  std::string driver() const;
  int refresh_hz() const;
  // Called after every change of density (and once when the window opens): touch thresholds
  // are millimetres too.
  std::function<void(float dpi)> density_changed;

 private:
  struct Bake;  // one bake on its own thread (display.cpp)
  // Before each frame: adopts a finished bake (waits for a pack's), starts the bigger text's bake.
  bool before_frame();
  void start_bake(bool for_pack, session::TextSize up_to);
  void adopt(Bake& bake);
  void retire_bake();
  void apply_density(float dpi);
  float wanted_dpi() const;

  Setup setup_;
  ui::Theme theme_;
  mutable ui::Theme contrast_theme_{ui::high_contrast_palette(), {}};  // theme_'s metrics, set when asked
  ui::FontSet fonts_;
  ui::PackGlyphs glyphs_;  // the pack characters fonts_ has
  BiggerText bigger_text_;
  int frames_ = 0;  // before_frame() calls
  bool bigger_failed_ = false;  // the bigger text's bake failed or left out largest (logged): not tried again
  std::shared_ptr<const catalog::Snapshot> pack_;  // shown
  std::vector<std::string> pack_texts_;           // show_pack's `more`
  std::unique_ptr<Bake> bake_;                    // the newest, until adopted
  std::vector<std::unique_ptr<Bake>> retired_;    // superseded, still finishing
  std::unique_ptr<platform::SdlVideo> video_;
  std::unique_ptr<platform::Window> window_;
  std::unique_ptr<platform::ImGuiRuntime> imgui_;
  // Frame pacing where vsync is not honoured (Xvfb, llvmpipe, some drivers): detected from
  // swaps that return much faster than the refresh interval, then frames are spaced in software.
  double refresh_ms_ = 1000.0 / 60.0;
  double last_swap_ms_ = 0;
  int fast_swaps_ = 0;
  bool pacing_ = false;
};

}  // namespace orpheus::app
