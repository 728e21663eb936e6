#include "app/display.h"

#include <chrono>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.h"
#include "core/files.h"
#include "core/log.h"
#include "platform/event_loop.h"
#include "platform/imgui_runtime.h"
#include "platform/texture.h"
#include "platform/window.h"

namespace orpheus::app {

using core::steady_ms;

Display::Display(Setup setup) : setup_(std::move(setup)) {}

Display::~Display() {
  imgui_.reset();
  window_.reset();
  video_.reset();
}

std::string Display::driver() const { return video_->driver(); }
int Display::refresh_hz() const { return static_cast<int>(1000 / refresh_ms_ + 0.5); }
float Display::wanted_dpi() const { return setup_.display.dpi > 0 ? setup_.display.dpi : window_->dpi(); }

void Display::open(platform::EventLoop& events, touch::Rotation rotation, bool pointers, LargeText large_text) {
  const auto& cfg = setup_.display;
  const bool kiosk = setup_.kiosk;
  // The normal-text fonts bake on their own thread while SDL and EGL start: their sizes need
  // only the density, configured or (after SDL_Init, before any window) the display's.
  std::future<ui::BakedFonts> baking;
  const auto start_baking = [&baking](float dpi) {
    baking = std::async(std::launch::async, [metrics = ui::make_metrics(dpi)] {
      return ui::bake_fonts(metrics, ORPHEUS_FONT_DIR, false);
    });
  };
  if (cfg.dpi > 0) start_baking(cfg.dpi);
  video_ = std::make_unique<platform::SdlVideo>(platform::VideoOptions{kiosk, true}, [&] {
    if (baking.valid()) return;
    const char* d = SDL_GetCurrentVideoDriver();
    if (kiosk && platform::SdlVideo::headless(d ? d : "")) return;  // refused below
    const int n = SDL_GetNumVideoDisplays();
    start_baking(platform::Window::display_dpi(cfg.index < n ? cfg.index : 0));
  });
  const std::string driver = video_->driver();
  if (kiosk && platform::SdlVideo::headless(driver)) {
    // An invisible kiosk is a broken kiosk.
    const char* env = std::getenv("SDL_VIDEODRIVER");
    throw KioskError("kiosk mode needs a real display, but SDL chose the '" + driver + "' video driver" +
                     (env ? std::string(" (SDL_VIDEODRIVER=") + env + ")" : std::string(" (no display found)")) +
                     ": start it in the kiosk session (cage), with WAYLAND_DISPLAY or DISPLAY set, or leave out --kiosk");
  }
  int display = cfg.index;
  const int displays = SDL_GetNumVideoDisplays();
  if (display >= displays) {
    log::warn("platform", "display.index = " + std::to_string(display) + " but there " +
                              (displays == 1 ? "is 1 display" : "are " + std::to_string(displays) + " displays") +
                              "; using display 0");
    display = 0;
  }
  // Kiosk mode fills the display whatever the configuration says: a window left from testing
  // (display.fullscreen = false, --windowed) would show the desktop around it.
  if (kiosk && !cfg.fullscreen)
    log::warn("platform", "kiosk mode fills the display: display.fullscreen = false (--windowed) ignored");
  window_ = std::make_unique<platform::Window>(
      platform::WindowConfig{"Orpheus", kiosk || cfg.fullscreen, setup_.width, setup_.height, display});
  log::info("platform", "video driver " + driver + ", display " + std::to_string(display) + " of " +
                            std::to_string(displays) + ", window " + std::to_string(window_->width()) + "x" +
                            std::to_string(window_->height()) + (kiosk ? ", kiosk mode" : ""));
  if (kiosk) window_->lock_down();
  const float dpi = wanted_dpi();
  if (!baking.valid()) start_baking(dpi);
  ui::BakedFonts baked = baking.get();
  theme_.metrics = baked.metrics;
  fonts_ = baked.fonts;
  imgui_ = std::make_unique<platform::ImGuiRuntime>(window_->sdl(), window_->gl(), std::move(baked.atlas), fonts_.normal.ui);
  events.start(driver, *window_, rotation, pointers);
  if (density_changed) density_changed(theme_.metrics.dpi);
  bake_large_text_later(std::move(large_text));
  apply_density(dpi);  // the refresh rate; bakes again only if the window's display has another density
}

void Display::bake_large_text_later(LargeText large_text) {
  // Until the large set is there FontSet::get gives the normal one: a tap on "Aa" never waits
  // for a bake; its text grows a frame or so later, when the bake is done (it wakes the loop).
  struct Later {
    int frames = 0;
    std::mutex m;
    std::optional<ui::BakedFonts> done;  // guarded by m
    std::thread thread;
    ~Later() {
      if (thread.joinable()) thread.join();
    }
  };
  auto later = std::make_shared<Later>();
  imgui_->before_frames([this, later, metrics = theme_.metrics, large_text = std::move(large_text)] {
    const bool asked = large_text.wanted();
    if (!later->thread.joinable()) {
      if (++later->frames < 2 && !asked) return false;
      later->thread = std::thread([later = later.get(), metrics, wake = large_text.wake] {
        try {
          ui::BakedFonts baked = ui::bake_fonts(metrics, ORPHEUS_FONT_DIR, true);
          std::lock_guard lock(later->m);
          later->done = std::move(baked);
        } catch (const std::exception& e) {
          log::error("fonts", std::string("the large-text fonts could not be baked: ") + e.what());
        }
        wake();  // a frame, which adopts them
      });
    }
    std::unique_lock lock(later->m);
    if (!later->done) {
      if (!(large_text.wait && asked)) return false;
      lock.unlock();
      later->thread.join();
      lock.lock();
      if (!later->done) return true;  // failed (logged): large text stays the normal size
    }
    ui::BakedFonts baked = std::move(*later->done);
    later->done.reset();
    fonts_ = baked.fonts;
    imgui_->set_fonts(std::move(baked.atlas), fonts_.normal.ui);
    log::debug("fonts", "the large-text fonts are ready");
    return true;
  });
}

void Display::apply_density(float dpi) {
  refresh_ms_ = 1000.0 / window_->refresh_hz();
  if (dpi == theme_.metrics.dpi && fonts_.normal.body) return;
  // Another density (a display change, rare): both text sizes at once, here between frames. A
  // background bake for the old density is dropped (after it finishes: at most a bake's time).
  imgui_->before_frames({});
  theme_.metrics = ui::make_metrics(dpi);
  ui::BakedFonts baked = ui::bake_fonts(theme_.metrics, ORPHEUS_FONT_DIR, true);
  fonts_ = baked.fonts;
  imgui_->set_fonts(std::move(baked.atlas), fonts_.normal.ui);
  if (density_changed) density_changed(dpi);
}

void Display::follow_display() {
  const auto& cfg = setup_.display;
  if (setup_.kiosk || cfg.fullscreen) {
    const int displays = SDL_GetNumVideoDisplays();
    window_->fill_display(cfg.index < displays ? cfg.index : 0);
  }
  apply_density(wanted_dpi());
  log::info("platform", "display changed: window " + std::to_string(window_->width()) + "x" +
                            std::to_string(window_->height()) + " at " +
                            std::to_string(static_cast<int>(theme_.metrics.dpi)) + " dpi");
}

void Display::window_changed() { apply_density(wanted_dpi()); }

bool Display::pace(bool half_rate) {
  if (!pacing_ && !half_rate) return false;
  const double wait = last_swap_ms_ + refresh_ms_ * (half_rate ? 2 : 1) - steady_ms();
  if (wait < 0.5) return false;
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait));
  return true;
}

void Display::render() { imgui_->render(window_->drawable_width(), window_->drawable_height(), theme_.colors.background); }

bool Display::write_screenshot(const std::string& file) const {
  try {
    const auto png = media::encode_png(
        platform::read_framebuffer(window_->drawable_width(), window_->drawable_height(), window_->double_buffered()));
    core::write_file_atomically(file, {reinterpret_cast<const char*>(png.data()), png.size()});
    return true;
  } catch (const std::exception& e) {
    log::error("replay", std::string("cannot write screenshot ") + e.what());
    return false;
  }
}

double Display::present(double frame_start_ms, bool detect_vsync) {
  window_->swap();
  const double swapped = steady_ms();
  if (detect_vsync && !pacing_ && frame_start_ms - last_swap_ms_ < 1.0) {
    // Back-to-back frames: with vsync the swap waits for the display; if it keeps returning
    // far sooner, the driver ignores vsync and the loop would spin.
    fast_swaps_ = swapped - last_swap_ms_ < refresh_ms_ * 0.6 ? fast_swaps_ + 1 : 0;
    if (fast_swaps_ >= 10) {
      pacing_ = true;
      log::info("app", "the " + driver() + " driver does not wait for the display refresh; pacing frames at " +
                           std::to_string(refresh_hz()) + " Hz");
    }
  }
  last_swap_ms_ = swapped;
  return swapped;
}

}  // namespace orpheus::app
