#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "config/config.h"
#include "core/log.h"
#include "imgui_internal.h"
#include "platform/imgui_runtime.h"
#include "platform/sdl_input.h"
#include "platform/window.h"

namespace orpheus::app {
namespace {

constexpr double kFrameMs = 1000.0 / 60.0;  // the virtual clock's frame
constexpr double kUploadBudgetMs = 4.0;      // main-thread time for texture uploads per frame

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double steady_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Adapts the platform's texture cache to what screens ask for.
class CacheImages final : public ui::ImageProvider {
 public:
  CacheImages(platform::TextureCache& cache, double now) : cache_(cache), now_(now) {}
  ui::ImageView image(std::int64_t id, catalog::MediaVariant v) override {
    const auto t = cache_.get({id, v}, now_);
    ui::ImageView out;
    out.status = t.status == platform::TextureView::Status::ready    ? ui::ImageView::Status::ready
                 : t.status == platform::TextureView::Status::failed ? ui::ImageView::Status::failed
                                                                     : ui::ImageView::Status::loading;
    out.texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(t.texture));
    out.width = t.width;
    out.height = t.height;
    out.alpha = t.alpha;
    return out;
  }

 private:
  platform::TextureCache& cache_;
  double now_;
};

bool same_view(const Route& a, const Route& b) {
  return a.screen == b.screen && a.collection_id == b.collection_id && a.item_id == b.item_id;
}

std::filesystem::path default_assets() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "orpheus" / "assets";
    if (std::filesystem::exists(installed / "strings")) return installed;
  }
  return ORPHEUS_SOURCE_ASSETS;
}

}  // namespace

App::App(Options options) : options_(std::move(options)) {}
App::~App() {
  // GL objects go before the context, the context before SDL.
  textures_.attach(nullptr);
  loader_.reset();
  imgui_.reset();
  window_.reset();
  video_.reset();
}

double App::clock_ms() const { return replay_ ? now_ms_ : steady_ms() - start_real_ms_; }

void App::load_pack() {
  config::Config config;
  if (options_.config) config = config::load_config(*options_.config);  // ConfigError: exit 2, every problem named
  policy_.trusted = config.content.trusted_keys;
  policy_.require_trusted = options_.kiosk || (options_.config && config.content.require_signature);
  switch_after_idle_ms_ = config.content.switch_after_idle_s * 1000.0;
  const auto dir = !options_.content_dir.empty() ? options_.content_dir : options_.pack.empty() ? config.content.dir : "";
  if (options_.pack.empty() && dir.empty())
    throw UsageError((options_.config ? options_.config->string() : std::string("the configuration")) +
                     ": no [content] dir, and no --pack or --content-dir given");
  try {
    if (!dir.empty()) {
      watcher_ = std::make_unique<ContentWatcher>(store::ContentStore(dir), policy_, [this] { wake(); });
      show(watcher_->initial());
    } else {
      show(open_checked(options_.pack, policy_));
    }
  } catch (const catalog::LoadError& e) {
    snapshot_.reset();
    unavailable_reason_ = e.what();
    log::error("catalog", unavailable_reason_);  // names the file and the reason
  }
}

void App::show(CheckedPack pack) {
  // The loader reads the old pack until it is gone: textures first, then the loader.
  textures_.attach(nullptr);
  loader_.reset();
  snapshot_ = std::move(pack.snapshot);
  pack_file_ = pack.file;
  trust_note_ = pack.trust_note;
  unavailable_reason_.clear();
  log::info("catalog", "showing " + snapshot_->pack.id + " " + snapshot_->pack.version + " from " + pack_file_.string() +
                           " (" + std::to_string(snapshot_->items.size()) + " items)");
  loader_ = std::make_unique<media::ImageLoader>(pack_file_, media::ImageLoader::default_threads(), [this] { wake(); });
  textures_.attach(loader_.get());
  std::string lang = options_.language.empty() ? snapshot_->pack.default_language : options_.language;
  const auto& langs = snapshot_->pack.languages;
  if (std::find(langs.begin(), langs.end(), lang) == langs.end()) {
    log::warn("app", "language '" + lang + "' is not in the pack; using " + snapshot_->pack.default_language);
    lang = snapshot_->pack.default_language;
  }
  session_ = std::make_unique<Session>(lang);
  frames_wanted_ = std::max(frames_wanted_, 2);
}

std::optional<double> App::switch_deadline_ms() const {
  // While a finger is down there is no deadline: lifting it is an event, and sets a new one.
  if (!watcher_ || !watcher_->ready() || gestures_.active()) return std::nullopt;
  return last_input_ms_ + switch_after_idle_ms_;
}

void App::maybe_switch_pack() {
  // A new pack never replaces the screen under a visitor's finger, nor while they may still be
  // reading: only once nobody has touched the screen for switch_after_idle.
  const auto deadline = switch_deadline_ms();
  if (!deadline || clock_ms() < *deadline) return;
  if (auto pack = watcher_->take_ready()) show(std::move(*pack));
}

int App::run() {
  start_real_ms_ = steady_ms();
  if (options_.replay) {
    std::ifstream in(*options_.replay);
    if (!in) throw UsageError("cannot read the replay script " + options_.replay->string());
    script_ = parse_script(in, options_.replay->string());
    replay_ = true;
  }
  if (options_.screenshot) {
    ScriptStep shot;
    shot.kind = ScriptStep::Kind::screenshot;
    shot.argument = options_.screenshot->string();
    ScriptStep quit;
    quit.kind = ScriptStep::Kind::quit;
    script_.push_back(shot);
    script_.push_back(quit);
    replay_ = true;
  }

  video_ = std::make_unique<platform::SdlVideo>();
  window_ = std::make_unique<platform::Window>(
      platform::WindowConfig{"Orpheus", options_.fullscreen, options_.width, options_.height, 0});
  log::info("platform", "video driver " + video_->driver() + ", window " + std::to_string(window_->width()) + "x" +
                            std::to_string(window_->height()));
  imgui_ = std::make_unique<platform::ImGuiRuntime>(window_->sdl(), window_->gl());
  wake_event_ = SDL_RegisterEvents(1);
  const std::string driver = video_->driver();
  sdl_can_block_ = driver == "x11" || driver == "wayland";
  // Drivers without input (tests, benchmarks) may sleep long; others must notice a finger fast.
  idle_poll_ms_ = driver == "offscreen" || driver == "dummy" ? 250 : 16;

  const float dpi = options_.dpi.value_or(window_->dpi());
  refresh_ms_ = 1000.0 / window_->refresh_hz();
  theme_.metrics = ui::make_metrics(dpi);
  fonts_ = ui::build_fonts(theme_.metrics, ORPHEUS_FONT_DIR);
  imgui_->reload_fonts();
  const auto assets = options_.assets_dir.empty() ? default_assets() : options_.assets_dir;
  strings_ = ui::Strings::load(assets / "strings");
  auto gesture_config = touch::GestureConfig::from_dpi(dpi);
  gesture_config.max_contacts = options_.max_touches;
  gestures_.set_config(gesture_config);
  touch_rotation_ = touch::rotation_from_degrees(options_.touch_rotation).value_or(touch::Rotation::none);
  const auto open_output = [](const std::filesystem::path& path, const char* what) {
    auto out = std::make_unique<std::ofstream>(path);
    if (!*out) throw UsageError(std::string("cannot write the ") + what + " file " + path.string());
    return out;
  };
  load_pack();
  if (options_.record) {
    record_ = open_output(*options_.record, "--record");
    *record_ << "# orpheus-kiosk input recording: window " << window_->width() << "x" << window_->height() << ", dpi "
             << dpi << ", pack " << pack_file_.string() << "\n# replay with: orpheus-kiosk --pack PACK --windowed "
             << window_->width() << "x" << window_->height() << " --dpi " << static_cast<int>(dpi + 0.5f) << " --replay "
             << options_.record->filename().string() << "\n";
    record_->flush();
  }
  if (options_.trace_frames) trace_ = open_output(*options_.trace_frames, "--trace-frames");

  while (!quit_) {
    if (replay_) {
      pump_events(false);
      if (loader_) {
        // Deterministic replays: every decode requested by the last frame finishes before the
        // next one, so the virtual clock never depends on how fast this machine decodes.
        const double give_up = steady_ms() + 30000;
        while (!loader_->idle() && !textures_.settled() && steady_ms() < give_up) {
          uploads_waiting_ = textures_.upload(1e9, now_ms_);
          if (!loader_->idle()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }
      maybe_switch_pack();
      drive_replay();
      if (quit_) break;
      if (!wants_frame()) {
        // Nothing to draw: jump the virtual clock to the next timed step.
        if (script_pos_ >= script_.size()) {
          log::info("replay", "script finished without quit; quitting");
          break;
        }
        double next_t = script_[script_pos_].t_ms;
        for (const auto deadline : {gestures_.next_deadline_ms(), switch_deadline_ms()})
          if (deadline) next_t = std::min(next_t, std::max(*deadline, now_ms_));
        if (next_t > now_ms_) {
          now_ms_ = next_t;
          continue;
        }
        if (settled()) continue;  // a command runs on the next pass
      }
    } else {
      pump_events(!wants_frame());
      if (quit_) break;
      now_ms_ = clock_ms();
      maybe_switch_pack();
      if (!wants_frame()) continue;
      pace_frame();
    }
    try {
      frame();
      failed_frames_ = 0;
    } catch (const std::exception& e) {
      recover(e.what());
    }
    if (replay_) now_ms_ += kFrameMs;
  }
  return exit_code_;
}

void App::pace_frame() {
  if (!pacing_) return;
  const double wait = last_swap_ms_ + refresh_ms_ - steady_ms();
  if (wait < 0.5) return;
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait));
  pump_events(false);  // what arrived meanwhile goes into this frame
}

void App::recover(const std::string& what) {
  // Per-frame code should not throw; if it does, the visitor gets a fresh start on the home
  // screen, and if that fails too, the unavailable screen: never a crash in front of a visitor.
  log::error("app", "a frame failed: " + what);
  if (ImGui::GetCurrentContext()->WithinFrameScope) {
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    ImGui::EndFrame();
  }
  if (++failed_frames_ >= 3 || !snapshot_) {
    snapshot_.reset();
    unavailable_reason_ = "the kiosk could not draw its screens: " + what;
  } else {
    session_ = std::make_unique<Session>(snapshot_->pack.default_language);
  }
  frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::wake() {
  if (wake_pending_.exchange(true)) return;
  if (sdl_can_block_) {
    SDL_Event e{};
    e.type = wake_event_;
    SDL_PushEvent(&e);
  } else {
    std::lock_guard lock(wake_mutex_);
    wake_cv_.notify_one();
  }
}

void App::pump_events(bool block) {
  SDL_Event e;
  bool have = false;
  // A finger held still wakes the loop when it becomes a long press.
  int timeout_ms = sdl_can_block_ ? 1000 : idle_poll_ms_;
  for (const auto deadline : {gestures_.next_deadline_ms(), switch_deadline_ms()})
    if (deadline) timeout_ms = std::clamp(static_cast<int>(*deadline - clock_ms()) + 1, 0, timeout_ms);
  if (block && sdl_can_block_) {
    have = SDL_WaitEventTimeout(&e, timeout_ms) != 0;
  } else {
    if (block) {
      std::unique_lock lock(wake_mutex_);
      wake_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return wake_pending_.load(); });
      wake_pending_ = false;
    }
    have = SDL_PollEvent(&e) != 0;
  }
  while (have) {
    if (e.type == SDL_QUIT) {
      quit_ = true;
    } else if (e.type == wake_event_) {
      wake_pending_ = false;
    } else if (e.type == SDL_WINDOWEVENT) {
      frames_wanted_ = std::max(frames_wanted_, 2);
    } else if (!replay_) {
      // Replays ignore real input: only the script drives the app.
      if (auto p = platform::to_pointer_event(e, window_->width(), window_->height(), clock_ms(), touch_rotation_)) input(*p);
    }
    have = SDL_PollEvent(&e) != 0;
  }
  if (record_) record_->flush();  // a crash loses at most the events of one frame
}

void App::input(const touch::PointerEvent& e) {
  if (record_) *record_ << to_script_line(e) << "\n";
  last_input_ms_ = clock_ms();
  gestures_.feed(e);
  ++frame_events_;
  frame_last_event_ = {e.x, e.y};
  frames_wanted_ = std::max(frames_wanted_, 1);
}

bool App::wants_frame() const {
  const auto deadline = gestures_.next_deadline_ms();
  return frames_wanted_ > 0 || animating_ || uploads_waiting_ || pending_screenshot_ || textures_.fading(now_ms_) ||
         (deadline && clock_ms() >= *deadline);
}

bool App::settled() const {
  return !wants_frame() && (!loader_ || loader_->idle()) && textures_.settled();
}

void App::drive_replay() {
  while (script_pos_ < script_.size() && !quit_) {
    const ScriptStep step = script_[script_pos_];
    if (step.t_ms > now_ms_) return;
    switch (step.kind) {
      case ScriptStep::Kind::pointer:
        input(step.pointer);
        ++script_pos_;
        // Events of one frame are handled in that frame; later ones wait for their time.
        continue;
      case ScriptStep::Kind::wait:
        ++script_pos_;
        continue;
      case ScriptStep::Kind::wait_new_pack: {
        // Real time: the watcher checks packs on its own thread, whatever the virtual clock says.
        if (!pack_wait_since_ms_) pack_wait_since_ms_ = steady_ms();
        if (!(watcher_ && watcher_->ready())) {
          if (steady_ms() - *pack_wait_since_ms_ < step.timeout_ms) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return;
          }
          log::error("replay", options_.replay->string() + ":" + std::to_string(step.line) + ": no new pack within " +
                                   std::to_string(static_cast<int>(step.timeout_ms)) + " ms");
          exit_code_ = 3;
        }
        pack_wait_since_ms_.reset();
        ++script_pos_;
        continue;
      }
      case ScriptStep::Kind::tap_target: {
        if (!settled_or_give_up(step)) return;
        const auto it = std::find_if(targets_.begin(), targets_.end(), [&](const ui::Target& t) { return t.name == step.argument; });
        ++script_pos_;
        if (it == targets_.end() && step.if_present) continue;
        if (it == targets_.end()) {
          log::error("replay", options_.replay->string() + ":" + std::to_string(step.line) + ": no target '" + step.argument +
                                   "' on the screen");
          exit_code_ = 3;
          continue;
        }
        const float x = (it->min.x + it->max.x) * 0.5f, y = (it->min.y + it->max.y) * 0.5f;
        ScriptStep down, up;
        down.kind = up.kind = ScriptStep::Kind::pointer;
        down.line = up.line = step.line;
        down.t_ms = now_ms_;
        up.t_ms = now_ms_ + 60;
        down.pointer = {down.t_ms, touch::PointerKind::down, 0, x, y};
        up.pointer = {up.t_ms, touch::PointerKind::up, 0, x, y};
        script_.insert(script_.begin() + static_cast<std::ptrdiff_t>(script_pos_), {down, up});
        continue;
      }
      default:
        if (!settled_or_give_up(step)) return;
        ++script_pos_;
        execute(step);
        if (pending_screenshot_) return;  // drawn by the next frame
        continue;
    }
  }
}

bool App::settled_or_give_up(const ScriptStep& step) {
  // A script step waits for the app to settle, but never forever: something that animates
  // without end is a bug the replay must report, not hang on.
  constexpr double kMaxWaitMs = 60000;
  if (settled()) {
    waiting_since_ms_.reset();
    return true;
  }
  if (!waiting_since_ms_) waiting_since_ms_ = now_ms_;
  if (now_ms_ - *waiting_since_ms_ < kMaxWaitMs) return false;
  log::error("replay", options_.replay.value_or("--screenshot").string() + ":" + std::to_string(step.line) +
                           ": the app did not settle within 60 s of virtual time; running the step anyway");
  exit_code_ = 3;
  waiting_since_ms_.reset();
  return true;
}

void App::execute(const ScriptStep& step) {
  switch (step.kind) {
    case ScriptStep::Kind::screenshot: pending_screenshot_ = step.argument; break;
    case ScriptStep::Kind::state:
      try {
        write_state(step.argument);
      } catch (const std::exception& e) {
        log::error("replay", "cannot write the state dump " + step.argument + ": " + e.what());
        exit_code_ = 3;
      }
      break;
    case ScriptStep::Kind::quit: quit_ = true; break;
    default: break;
  }
}

void App::frame() {
  const double cpu_start = thread_cpu_ms();
  const double started = steady_ms();
  now_ms_ = clock_ms();
  // Animations advance by the time since the last frame; after an idle pause a new animation
  // starts from one nominal frame, not from the whole pause.
  const double dt = animating_ ? std::clamp(now_ms_ - last_frame_ms_, 0.0, 250.0) : kFrameMs;
  last_frame_ms_ = now_ms_;
  gestures_.tick(now_ms_);
  const touch::GestureFrame g = gestures_.take_frame();
  const bool has_pointer = g.pressed || g.dragging;
  imgui_->new_frame(dt, has_pointer, g.position.x, g.position.y, g.pressed);
  uploads_waiting_ = textures_.upload(replay_ ? 1e9 : kUploadBudgetMs, now_ms_);

  const double ui_start = thread_cpu_ms();
  targets_.clear();
  std::vector<Intent> intents;
  ui::begin_root();
  bool animating = false;
  if (snapshot_ && session_) {
    Route& route = session_->route();
    const bool changed = !same_view(route, last_route_) || session_->language() != last_language_;
    last_route_ = route;
    last_language_ = session_->language();
    CacheImages images(textures_, now_ms_);
    ui::UiFrame f{*snapshot_, route, session_->language(), g, images, strings_, theme_, fonts_, now_ms_, dt, intents, targets_};
    f.route_changed = changed;
    switch (route.screen) {
      case Screen::home: home_.draw(f); break;
      case Screen::collection: collection_.draw(f); break;
      case Screen::item: item_.draw(f); break;
      case Screen::viewer: viewer_.draw(f); break;
    }
    animating = f.animating;
  } else {
    ui::draw_unavailable(strings_, theme_, fonts_, strings_.languages());
  }
  ui::end_root();
  ui_cpu_ms_.push_back(thread_cpu_ms() - ui_start);

  for (const auto& in : intents)
    if (session_ && snapshot_ && session_->apply(in, *snapshot_)) frames_wanted_ = std::max(frames_wanted_, 2);

  imgui_->render(window_->drawable_width(), window_->drawable_height(), theme_.colors.background);
  frame_cpu_ms_.push_back(thread_cpu_ms() - cpu_start);
  if (pending_screenshot_) {
    const auto img = platform::read_framebuffer(window_->drawable_width(), window_->drawable_height(), window_->double_buffered());
    const auto png = media::encode_png(img);
    std::ofstream out(*pending_screenshot_, std::ios::binary);
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    if (!out) {
      log::error("replay", "cannot write screenshot " + *pending_screenshot_);
      exit_code_ = 3;
    } else {
      log::info("replay", "screenshot " + *pending_screenshot_);
    }
    pending_screenshot_.reset();
  }
  window_->swap();
  const double swapped = steady_ms();
  if (!replay_ && !pacing_ && started - last_swap_ms_ < 1.0) {
    // Back-to-back frames: with vsync the swap waits for the display; if it keeps returning
    // far sooner, the driver ignores vsync and the loop would spin.
    fast_swaps_ = swapped - last_swap_ms_ < refresh_ms_ * 0.6 ? fast_swaps_ + 1 : 0;
    if (fast_swaps_ >= 10) {
      pacing_ = true;
      log::info("app", "the " + video_->driver() + " driver does not wait for the display refresh; pacing frames at " +
                           std::to_string(static_cast<int>(1000.0 / refresh_ms_ + 0.5)) + " Hz");
    }
  }
  last_swap_ms_ = swapped;
  if (trace_) {
    *trace_ << "{\"frame\": " << frame_count_ << ", \"swap_ms\": " << std::fixed << swapped << ", \"events\": " << frame_events_;
    if (frame_events_ > 0) *trace_ << ", \"last\": [" << frame_last_event_.x << ", " << frame_last_event_.y << "]";
    *trace_ << "}\n";
    trace_->flush();
  }
  frame_events_ = 0;
  textures_.end_frame();
  if (frame_count_ == 0)
    log::info("app", "first frame presented " + std::to_string(static_cast<long>(steady_ms() - start_real_ms_)) + " ms after start");
  ++frame_count_;
  animating_ = animating;
  if (frames_wanted_ > 0) --frames_wanted_;
}

void App::write_state(const std::string& path) const {
  using Json = nlohmann::json;
  Json j;
  j["frame"] = frame_count_;
  j["t_ms"] = now_ms_;
  j["window"] = {{"width", window_->width()}, {"height", window_->height()}, {"dpi", theme_.metrics.dpi}};
  j["textures"] = {{"count", textures_.count()}, {"bytes", textures_.bytes()}};
  if (!snapshot_ || !session_) {
    j["screen"] = "unavailable";
    j["reason"] = unavailable_reason_;
  } else {
    const auto& snap = *snapshot_;
    const Route& r = session_->route();
    const auto& lang = session_->language();
    j["screen"] = to_string(r.screen);
    j["language"] = lang;
    j["pack"] = {{"id", snap.pack.id}, {"version", snap.pack.version}, {"file", snap.file.string()},
                 {"trusted", trust_note_.empty()}, {"trust_note", trust_note_}};
    j["depth"] = session_->stack().size();
    j["scroll"] = r.scroll;
    if (const auto* c = snap.find_collection(r.collection_id))
      j["collection"] = {{"id", c->id}, {"slug", c->slug}, {"title", std::string(c->title.get(lang, snap.fallback()))}};
    if (const auto* it = snap.find_item(r.item_id)) {
      j["item"] = {{"id", it->id}, {"slug", it->slug}, {"title", std::string(it->title.get(lang, snap.fallback()))}};
      j["media_index"] = r.media_index;
    }
    j["title"] = std::string(snap.pack.title.get(lang, snap.fallback()));
    if (r.screen == Screen::viewer) {
      const auto& z = viewer_.zoom();
      j["viewer"] = {{"scale", z.scale()}, {"fit_scale", z.fit_scale()}, {"max_scale", z.max_scale()},
                     {"offset", {z.offset().x, z.offset().y}}};
    }
    if (r.screen == Screen::item) j["pager_offset"] = item_.pager().offset();
  }
  Json targets = Json::array();
  for (const auto& t : targets_)
    targets.push_back({{"name", t.name}, {"x", t.min.x}, {"y", t.min.y}, {"w", t.max.x - t.min.x}, {"h", t.max.y - t.min.y}});
  j["targets"] = targets;
  const auto summary = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    nlohmann::json out = {{"frames", v.size()}, {"median", v[v.size() / 2]}, {"p99", v[(v.size() * 99) / 100]}, {"max", v.back()}};
    v.clear();
    return out;
  };
  if (!frame_cpu_ms_.empty()) {
    j["frame_cpu_ms"] = summary(frame_cpu_ms_);
    j["ui_cpu_ms"] = summary(ui_cpu_ms_);
  }
  const auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << j.dump(1) << "\n";
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace orpheus::app
