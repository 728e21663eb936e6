#include "app/display.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <thread>

#include "core/background.h"
#include "core/clock.h"
#include "core/files.h"
#include "core/log.h"
#include "platform/event_loop.h"
#include "platform/imgui_runtime.h"
#include "platform/texture.h"
#include "platform/window.h"

namespace orpheus::app {

using core::steady_ms;

// A bake on a thread of its own: for a pack (its characters collected first; nothing baked if
// the fonts have them already) or for the bigger text sizes. Captures values only; the destructor waits
// for the thread, which never touches the Display.
struct Display::Bake {
  bool for_pack = false;
  session::TextSize up_to = session::TextSize::normal;  // the biggest text size asked for
  std::atomic<bool> finished{false};
  std::optional<ui::BakedFonts> fonts;  // written before `finished`; none: nothing to change, or it failed (logged)
  std::thread thread;
  ~Bake() {
    if (thread.joinable()) thread.join();
  }
};

Display::Display(Setup setup) : setup_(std::move(setup)) {}

Display::~Display() {
  imgui_.reset();
  window_.reset();
  video_.reset();
}

std::string Display::driver() const { return video_->driver(); }
int Display::refresh_hz() const { return static_cast<int>(1000 / refresh_ms_ + 0.5); }
float Display::wanted_dpi() const { return setup_.display.dpi > 0 ? setup_.display.dpi : window_->dpi(); }

void Display::open(platform::EventLoop& events, touch::Rotation rotation, bool pointers, BiggerText bigger_text) {
  const auto& cfg = setup_.display;
  const bool kiosk = setup_.kiosk;
  // The normal-text fonts bake on their own thread while SDL and EGL start: their sizes need
  // only the density, configured or (after SDL_Init, before any window) the display's.
  std::future<ui::BakedFonts> baking;
  const auto start_baking = [&baking](float dpi) {
    baking = std::async(std::launch::async, [metrics = ui::make_metrics(dpi)] {
      return ui::bake_fonts(metrics, ORPHEUS_FONT_DIR, session::TextSize::normal);
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
  if (!kiosk && platform::SdlVideo::headless(driver) && !std::getenv("SDL_VIDEODRIVER"))
    log::warn("platform", "no display found (neither WAYLAND_DISPLAY nor DISPLAY is set): SDL chose its invisible '" +
                              driver + "' driver; nobody can see this window. Screenshots and --replay work; to watch, "
                              "run on a desktop, or under Xvfb with a VNC viewer (README, Building by hand)");
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
  if (baked.atlas->TexHeight > window_->max_texture_size())  // a GPU smaller than any the start-up bake expects
    baked = ui::bake_fonts(baked.metrics, ORPHEUS_FONT_DIR, session::TextSize::normal, {}, window_->max_texture_size());
  theme_.metrics = baked.metrics;
  fonts_ = baked.fonts;
  imgui_ = std::make_unique<platform::ImGuiRuntime>(window_->sdl(), window_->gl(), std::move(baked.atlas), fonts_.normal.ui);
  events.start(driver, *window_, rotation, pointers);
  if (density_changed) density_changed(theme_.metrics.dpi);
  bigger_text_ = std::move(bigger_text);
  imgui_->before_frames([this] { return before_frame(); });
  apply_density(dpi);  // the refresh rate; bakes again only if the window's display has another density
}

void Display::show_pack(std::shared_ptr<const catalog::Snapshot> pack, std::vector<std::string> more) {
  pack_ = std::move(pack);
  pack_texts_ = std::move(more);
  start_bake(true, fonts_.biggest());
}

void Display::start_bake(bool for_pack, session::TextSize up_to) {
  retire_bake();
  bake_ = std::make_unique<Bake>();
  bake_->for_pack = for_pack;
  bake_->up_to = up_to;
  bake_->thread = std::thread([bake = bake_.get(), metrics = theme_.metrics, pack = for_pack ? pack_ : nullptr,
                               more = pack_texts_, have = glyphs_, up_to, wake = bigger_text_.wake,
                               max_texture = window_->max_texture_size()] {
    core::lower_this_thread();  // and bake_fonts' second thread: the frames go first
    try {
      ui::PackGlyphs glyphs = have;
      if (bake->for_pack) {
        const double start = steady_ms();
        glyphs = pack ? ui::pack_glyphs(*pack, more) : ui::PackGlyphs{};
        log::debug("fonts", std::to_string(glyphs.code_points.size()) + " characters of the pack beyond the fixed ranges, collected in " +
                                std::to_string(static_cast<long>(steady_ms() - start)) + " ms");
      }
      if (!bake->for_pack || glyphs != have) {
        const double start = steady_ms();
        bake->fonts = ui::bake_fonts(metrics, ORPHEUS_FONT_DIR, up_to, glyphs, max_texture);
        const auto& atlas = *bake->fonts->atlas;
        log::info("fonts", ui::text_sizes(bake->fonts->fonts.biggest()) + " baked in " +
                               std::to_string(static_cast<long>(steady_ms() - start)) + " ms: atlas " +
                               std::to_string(atlas.TexWidth) + "x" + std::to_string(atlas.TexHeight) + ", " +
                               std::to_string(glyphs.code_points.size()) + " characters of the pack beyond the fixed ranges");
      }
    } catch (const std::exception& e) {
      log::error("fonts", std::string("the fonts could not be baked: ") + e.what());
    }
    bake->finished = true;
    if (wake) wake();  // a frame, which adopts them
  });
}

void Display::retire_bake() {
  // A bake cannot be interrupted (FreeType): a superseded one finishes on its own and is dropped.
  if (bake_) retired_.push_back(std::move(bake_));
  std::erase_if(retired_, [](const std::unique_ptr<Bake>& b) { return b->finished.load(); });
}

void Display::adopt(Bake& bake) {
  // No fonts: the pack needs what is baked, or the bake failed (logged) and the fonts stay; bigger
  // text then stays the size it is.
  if (!bake.fonts) {
    bigger_failed_ = bigger_failed_ || !bake.for_pack;
    return;
  }
  ui::BakedFonts baked = std::move(*bake.fonts);
  // A text size asked for but left out (too big for the GPU's textures; logged): not tried again.
  bigger_failed_ = bigger_failed_ || baked.fonts.biggest() < bake.up_to;
  if (bake.for_pack && !baked.glyphs.empty()) {
    std::string faces;
    for (const auto& face : baked.faces) faces += (faces.empty() ? "" : ", ") + face;
    log::info("fonts", "the pack uses " + std::to_string(baked.glyphs.code_points.size()) +
                           " characters beyond the fixed ranges" + (faces.empty() ? "" : ", drawn by " + faces) +
                           (baked.undrawn.empty() ? ""
                                                  : "; no installed font draws " + std::to_string(baked.undrawn.size()) +
                                                        " of them (shown as '?')"));
  }
  glyphs_ = std::move(baked.glyphs);
  fonts_ = baked.fonts;
  imgui_->set_fonts(std::move(baked.atlas), fonts_.normal.ui);
}

bool Display::before_frame() {
  // Until the bigger sets are there FontSet::get gives the normal one: a tap on "Aa" never waits
  // for a bake; its text grows a frame or so later, when the bake is done (it wakes the loop).
  ++frames_;
  const bool asked = bigger_text_.wanted && bigger_text_.wanted();
  std::erase_if(retired_, [](const std::unique_ptr<Bake>& b) { return b->finished.load(); });
  if (bake_) {
    // A pack's first frame waits for its glyphs; with `wait` (replays) a frame that wants bigger
    // text waits for it.
    if (!bake_->finished && (bake_->for_pack || (bigger_text_.wait && asked))) bake_->thread.join();
    if (!bake_->finished) return false;
    const auto done = std::move(bake_);
    adopt(*done);
  }
  if (fonts_.biggest() < session::TextSize::largest && !bigger_failed_ && (frames_ >= 2 || asked)) {
    start_bake(false, session::TextSize::largest);
    if (bigger_text_.wait && asked) {
      bake_->thread.join();
      const auto done = std::move(bake_);
      adopt(*done);
    }
  }
  return false;  // stays: every pack shown may need another bake
}

void Display::apply_density(float dpi) {
  refresh_ms_ = 1000.0 / window_->refresh_hz();
  if (dpi == theme_.metrics.dpi && fonts_.normal.body) return;
  // Another density (a display change, rare): every text size at once, here between frames. A
  // background bake for the old density is dropped (after it finishes: at most a bake's time);
  // a pack's is started again for the new one.
  const bool pack_waits = bake_ && bake_->for_pack;
  retire_bake();
  theme_.metrics = ui::make_metrics(dpi);
  ui::BakedFonts baked =
      ui::bake_fonts(theme_.metrics, ORPHEUS_FONT_DIR, session::TextSize::largest, glyphs_, window_->max_texture_size());
  fonts_ = baked.fonts;
  bigger_failed_ = bigger_failed_ || fonts_.biggest() < session::TextSize::largest;
  imgui_->set_fonts(std::move(baked.atlas), fonts_.normal.ui);
  if (pack_waits) start_bake(true, fonts_.biggest());
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

const ui::Theme& Display::theme(bool high_contrast) const {
  if (!high_contrast) return theme_;
  contrast_theme_.metrics = theme_.metrics;
  return contrast_theme_;
}

void Display::render(bool high_contrast) {
  imgui_->render(window_->drawable_width(), window_->drawable_height(), theme(high_contrast).colors.background);
}

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
