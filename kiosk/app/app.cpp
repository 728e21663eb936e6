#include "app/app.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "config/config.h"
#include "core/log.h"
#include "packs/commands.h"
#include "store/content_store.h"
#include "imgui_internal.h"
#include "platform/imgui_runtime.h"
#include "platform/sdl_input.h"
#include "platform/window.h"

namespace orpheus::app {
namespace {

constexpr double kFrameMs = 1000.0 / 60.0;  // a nominal frame: the first step of an animation after a pause
constexpr double kFrameCpuMs = 3.0;      // main-thread CPU a frame should take before its draw calls
constexpr double kUploadBudgetMs = 2.5;  // at most this much of it for texture uploads,
constexpr double kMinUploadMs = 0.5;     // and at least this much, so uploads never stall

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
  ui::ImageView image(std::int64_t id, catalog::MediaVariant v) override { return convert(cache_.get({id, v}, now_)); }
  ui::ImageView image_covering(std::int64_t id, catalog::MediaVariant v, int w, int h) override {
    return convert(cache_.get({id, v, -1, 0, 0, w, h}, now_));
  }
  ui::ImageView tile(std::int64_t id, media::TileId t, bool request) override {
    const auto key = media::MediaKey::tile(id, t);
    return convert(request ? cache_.get(key, now_) : cache_.peek(key, now_));
  }

 private:
  static ui::ImageView convert(const platform::TextureView& t) {
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

App::App(Options options, Settings settings) : options_(std::move(options)), settings_(std::move(settings)) {}
App::~App() {
  notifier_.stopping();
  if (confirming_.valid()) confirming_.wait();  // it wakes the loop when done: before anything goes
  worker_.reset();  // its jobs may touch the app: finish them first
  // GL objects go before the context, the context before SDL.
  textures_.attach(nullptr);
  loader_.reset();
  imgui_.reset();
  window_.reset();
  video_.reset();
}

double App::clock_ms() const { return replay_ ? now_ms_ : steady_ms() - start_real_ms_; }

void App::start_pack_check() {
  const config::Config& config = settings_.config;
  policy_.trusted = config.content.trusted_keys;
  policy_.require_trusted = options_.kiosk || (options_.config && config.content.require_signature);
  policy_.memo = trust::HashMemo(config::pack_hashes_file(config));
  switch_after_idle_ms_ = config.content.switch_after_idle_s * 1000.0;
  const auto dir = !options_.content_dir.empty() ? options_.content_dir : options_.pack.empty() ? config.content.dir : "";
  if (options_.pack.empty() && dir.empty()) {
    pack_usage_error_ = (options_.config ? options_.config->string() : std::string("the configuration")) +
                        ": no [content] dir, and no --pack or --content-dir given";
    return;
  }
  // The thread only reads what it is given (and the watcher, which is thread-safe); errors,
  // catalog::LoadError included, come back through the future exactly as thrown.
  if (!dir.empty()) {
    watcher_ = std::make_unique<ContentWatcher>(store::ContentStore(dir), policy_, [this] { wake_when_ready(); });
    pack_check_ = std::async(std::launch::async, [watcher = watcher_.get()] { return watcher->initial(); });
  } else {
    pack_check_ = std::async(std::launch::async, [file = options_.pack, policy = policy_] { return open_checked(file, policy); });
  }
}

void App::load_pack() {
  if (pack_usage_error_) throw UsageError(*pack_usage_error_);
  try {
    show(pack_check_.get());
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
  attract_ = {};  // its slides index the old snapshot
  pack_file_ = pack.file;
  trust_note_ = pack.trust_note;
  to_confirm_ = pack.recalled;
  if (to_confirm_ && frame_count_ > 0) confirm_pack();
  unavailable_reason_.clear();
  log::info("catalog", "showing " + snapshot_->pack.id + " " + snapshot_->pack.version + " from " + pack_file_.string() +
                           " (" + std::to_string(snapshot_->items.size()) + " items)");
  const auto& media = settings_.config.media;
  const int threads = media.decode_threads > 0 ? media.decode_threads : media::ImageLoader::default_threads();
  loader_ = std::make_unique<media::ImageLoader>(pack_file_, threads, [this] { wake(); });
  textures_.set_budget(static_cast<std::size_t>(media.texture_budget_mb) << 20);
  textures_.attach(loader_.get());
  languages_ = enabled_languages(settings_.config.session, snapshot_->pack.languages);
  start_language_ = start_language(settings_.config.session, languages_, snapshot_->pack.default_language);
  const auto& wanted = settings_.config.session.default_language;
  if (!wanted.empty() && wanted != start_language_)
    log::warn("app", "language '" + wanted + "' is not enabled for this pack; starting in " + start_language_);
  reset_session();
  if (ready_sent_) notifier_.status("showing " + snapshot_->pack.id + " " + snapshot_->pack.version);
}

void App::reset_session() {
  // Wholesale: a new Session (home, default language) and fresh screens (scroll positions,
  // flings, zoom), as if the kiosk had just started.
  session_ = snapshot_ ? std::make_unique<Session>(start_language_) : nullptr;
  home_ = {};
  collection_ = {};
  item_ = {};
  viewer_ = {};
  gestures_.cancel();
  frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::handle_idle() {
  const double now = clock_ms();
  if (worker_) worker_->drain();
  idle_.finger_down(swallow_.fingers() > 0);
  if (corner_.fired(now)) open_pin_pad();
  if (admin_mode_ != AdminMode::closed && now >= admin_tick_ms_) {
    admin_tick_ms_ = now + 1000;
    frames_wanted_ = std::max(frames_wanted_, 1);
    if (admin_mode_ == AdminMode::panel && now - admin_refreshed_ms_ >= 3000) refresh_admin();
  }
  switch (idle_.poll(now)) {
    case IdleTimer::Event::reset:
      log::info("session", "idle for " + std::to_string(static_cast<int>(idle_.idle_ms() / 1000)) +
                               " s: a new visitor session");
      if (admin_mode_ != AdminMode::closed) close_admin();
      reset_session();
      break;
    case IdleTimer::Event::attract:
      if (snapshot_) {
        attract_.start(*snapshot_, now);
        if (attract_.empty()) break;
        log::info("session", "attract loop: " + std::to_string(attract_.size()) + " slides");
        frames_wanted_ = std::max(frames_wanted_, 2);
      }
      break;
    case IdleTimer::Event::none: break;
  }
  if (idle_.attracting() && !attract_.empty()) {
    const bool was_fading = attract_.fading();
    const auto next = textures_.get({attract_.next().media_id, catalog::MediaVariant::display}, now);
    attract_.update(now, next.status == platform::TextureView::Status::ready);
    if (attract_.fading() != was_fading) frames_wanted_ = std::max(frames_wanted_, 1);
  }
}

std::optional<double> App::next_deadline_ms() const {
  std::optional<double> next;
  for (const auto d : {gestures_.next_deadline_ms(), switch_deadline_ms(), idle_.next_deadline_ms(),
                       idle_.attracting() ? attract_.next_deadline_ms(clock_ms()) : std::nullopt, corner_.next_deadline_ms(),
                       admin_mode_ != AdminMode::closed ? std::optional<double>(admin_tick_ms_) : std::nullopt})
    if (d && (!next || *d < *next)) next = d;
  return next;
}

void App::publish_health() {
  if (!health_) return;
  ops::HealthSnapshot h;
  h.state = snapshot_ ? "running" : "unavailable";
  h.screen = admin_mode_ != AdminMode::closed ? "admin"
             : !snapshot_ || !session_      ? "unavailable"
             : idle_.attracting()           ? "attract"
                                            : to_string(session_->route().screen);
  if (snapshot_) {
    h.pack_id = snapshot_->pack.id;
    h.pack_version = snapshot_->pack.version;
    h.pack_file = pack_file_.string();
    h.pack_trusted = trust_note_.empty();
  }
  h.frames = frame_count_;
  h.last_frame = std::chrono::steady_clock::now();  // the loop's last pass: it runs at least every second
  health_->publish(h);
}

std::optional<double> App::switch_deadline_ms() const {
  // While a finger is down there is no deadline: lifting it is an event, and sets a new one.
  if (!watcher_ || !watcher_->ready() || gestures_.active()) return std::nullopt;
  return last_input_ms_ + switch_after_idle_ms_;
}

void App::confirm_pack() {
  log::info("content", pack_file_.string() + ": shown on its remembered hash; reading it in full in the background");
  confirming_file_ = pack_file_;
  confirming_ = std::async(std::launch::async, [file = pack_file_, hash = *to_confirm_, memo = policy_.memo, this] {
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);  // after the visitor's frames
    auto problem = confirm_recalled(file, hash, memo);
    wake_when_ready();
    return problem;
  });
  to_confirm_.reset();
}

void App::check_confirmation() {
  if (!confirming_.valid() || confirming_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  const auto problem = confirming_.get();
  if (!problem) {
    log::info("content", confirming_file_.string() + ": read in full, it still has the hash it was shown on");
    return;
  }
  if (confirming_file_ != pack_file_) {  // another pack replaced it meanwhile: nothing to take down
    log::warn("content", *problem + " (no longer shown)");
    return;
  }
  if (!policy_.require_trusted) {
    log::warn("content", *problem + "; shown only because this is not kiosk mode");
    trust_note_ = *problem;
    return;
  }
  // Checked again from scratch, as at start: refused now, the store's previous pack (or the
  // unavailable screen) takes its place. Blocking, but this is damage, not a visitor's path.
  log::error("content", *problem + "; checking the content again");
  watcher_.reset();
  start_pack_check();
  load_pack();
}

void App::trim_heap_after_uploads() {
  // Decoding a burst of images (a flick through the grid, a zoom) leaves the decoders' arena
  // holding tens of MB of freed buffers; glibc keeps them until told. Once the burst is over
  // (nothing decoding or uploading), the worker gives them back to the system.
  const auto uploaded = textures_.counters().uploaded;
  if (uploaded == trimmed_after_ || !loader_ || !loader_->idle() || !textures_.settled()) return;
  trimmed_after_ = uploaded;
  worker_->post([] {
    ::malloc_trim(0);
    return Worker::Done{};
  });
}

void App::maybe_switch_pack() {
  check_confirmation();
  // A new pack never replaces the screen under a visitor's finger, nor while they may still be
  // reading: only once nobody has touched the screen for switch_after_idle.
  const auto deadline = switch_deadline_ms();
  if (!deadline || clock_ms() < *deadline) return;
  if (auto pack = watcher_->take_ready()) {
    const bool attracting = idle_.attracting();
    show(std::move(*pack));
    if (attracting && snapshot_) attract_.start(*snapshot_, clock_ms());  // the loop goes on with the new pack
  }
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

  // Signals first: every thread started from here on inherits the blocked mask, and SIGTERM
  // (systemd stopping the kiosk) ends the loop cleanly whatever the window manager does.
  signals_ = std::make_unique<StopSignals>([this](int sig) {
    log::info("app", std::string("received ") + (sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : "SIGHUP") +
                         ": stopping");
    stop_requested_ = true;
    wake_when_ready();
  });
  // The pack is checked (a hash over the whole file, then the snapshot) while the window opens
  // and the fonts bake; load_pack() below waits for it.
  start_pack_check();
  const auto& cfg = settings_.config;
  if (!cfg.health.file.empty()) {
    try {
      health_ = std::make_unique<ops::HealthWriter>(
          cfg.health.file, std::chrono::milliseconds(static_cast<long>(cfg.health.interval_s * 1000)));
    } catch (const std::exception& e) {
      log::error("health", e.what());  // the kiosk runs on without its health file
    }
  }
  open_window();
  worker_ = std::make_unique<Worker>([this] { wake(); });
  const auto assets = options_.assets_dir.empty() ? default_assets() : options_.assets_dir;
  strings_ = ui::Strings::load(assets / "strings");
  touch_rotation_ = touch::rotation_from_degrees(cfg.touch.rotation).value_or(touch::Rotation::none);
  idle_.configure(cfg.session.idle_timeout_s * 1000, cfg.session.attract_timeout_s * 1000);
  idle_.touched(clock_ms());
  const auto open_output = [](const std::filesystem::path& path, const char* what) {
    auto out = std::make_unique<std::ofstream>(path);
    if (!*out) throw UsageError(std::string("cannot write the ") + what + " file " + path.string());
    return out;
  };
  load_pack();
  const float dpi = theme_.metrics.dpi;
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
    if (stop_requested_) break;
    if (ready_sent_) notifier_.watchdog(steady_ms());
    publish_health();
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
      // Likewise for the worker (a PIN check, an install): its result is there at the next frame.
      for (const double give_up = steady_ms() + 120000; worker_->busy() && steady_ms() < give_up;)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      maybe_switch_pack();
      handle_idle();
      drive_replay();
      if (quit_) break;
      if (!wants_frame()) {
        // Nothing to draw: jump the virtual clock to the next timed step.
        if (script_pos_ >= script_.size()) {
          log::info("replay", "script finished without quit; quitting");
          break;
        }
        double next_t = script_[script_pos_].t_ms;
        if (const auto deadline = next_deadline_ms()) next_t = std::min(next_t, std::max(*deadline, now_ms_));
        if (next_t > now_ms_) {
          now_ms_ = next_t;
          continue;
        }
        if (settled()) continue;  // a command runs on the next pass
      }
    } else {
      pump_events(!wants_frame());
      if (quit_ || stop_requested_) break;
      now_ms_ = clock_ms();
      maybe_switch_pack();
      handle_idle();
      if (!wants_frame()) continue;
      pace_frame();
    }
    try {
      frame();
      failed_frames_ = 0;
    } catch (const std::exception& e) {
      recover(e.what());
    }
    if (replay_) now_ms_ += replay_frame_ms_;
  }
  if (health_) {
    ops::HealthSnapshot h;
    h.state = "stopping";
    health_->publish(h);
  }
  return exit_code_;
}

void App::open_pin_pad() {
  if (admin_mode_ != AdminMode::closed) return;
  if (settings_.config.admin.pin_hash.empty()) {
    log::info("admin", "the corner was held, but no admin.pin_hash is configured: the admin pad stays closed");
    return;
  }
  // The fingers on the screen now belong to the hold: nothing under them may react.
  swallow_.start();
  gestures_.cancel();
  admin_mode_ = AdminMode::pin;
  pin_entry_.clear();
  pin_message_.clear();
  admin_tick_ms_ = clock_ms();
  frames_wanted_ = std::max(frames_wanted_, 2);
  log::info("admin", "PIN pad opened");
}

void App::close_admin() {
  std::fill(pin_entry_.begin(), pin_entry_.end(), '\0');
  pin_entry_.clear();
  admin_mode_ = AdminMode::closed;
  admin_screen_ = {};
  admin_route_ = {};
  frames_wanted_ = std::max(frames_wanted_, 2);
  // A technician who just installed a pack wants to see it now, not after the idle delay.
  if (watcher_ && watcher_->ready())
    if (auto pack = watcher_->take_ready()) show(std::move(*pack));
}

void App::pin_input(const ui::PinPadInput& in) {
  switch (in.key) {
    case ui::PinKey::none: return;
    case ui::PinKey::cancel: close_admin(); return;
    case ui::PinKey::erase:
      if (!pin_entry_.empty()) pin_entry_.pop_back();
      return;
    case ui::PinKey::digit:
      if (pin_entry_.size() < 12) pin_entry_.push_back(in.digit);
      pin_message_.clear();
      return;
    case ui::PinKey::ok: break;
  }
  if (pin_checking_ || pin_lock_.locked(clock_ms())) return;
  pin_checking_ = true;
  // Argon2id takes ~0.1 s and 64 MB by design: on the worker, never in a frame.
  worker_->post([this, hash = settings_.config.admin.pin_hash, pin = std::move(pin_entry_)]() mutable -> Worker::Done {
    const bool ok = admin::verify_pin(hash, pin);
    std::fill(pin.begin(), pin.end(), '\0');
    return [this, ok] {
      pin_checking_ = false;
      frames_wanted_ = std::max(frames_wanted_, 2);
      if (admin_mode_ != AdminMode::pin) return;  // closed meanwhile (idle reset)
      if (ok) {
        pin_lock_.succeeded();
        log::info("admin", "PIN accepted: admin screen opened");
        admin_mode_ = AdminMode::panel;
        refresh_admin();
        return;
      }
      const double locked_ms = pin_lock_.failed(clock_ms());
      log::warn("admin", "wrong PIN (" + std::to_string(pin_lock_.failures()) + " in a row)" +
                             (locked_ms > 0 ? "; the pad is locked for " + std::to_string(static_cast<int>(locked_ms / 1000)) + " s" : ""));
      const int left = admin::PinLock::kFreeAttempts - pin_lock_.failures();
      pin_message_ = left > 0 ? strings_.format(session_ ? session_->language() : start_language_, "admin.wrong",
                                                {{"n", std::to_string(left)}})
                              : "";
    };
  });
  pin_entry_.clear();
}

void App::change_timeouts(double idle_s, double attract_s) {
  auto& session = settings_.config.session;
  session.idle_timeout_s = idle_s;
  session.attract_timeout_s = attract_s;
  idle_.configure(idle_s * 1000, attract_s * 1000);
  admin_info_.idle_s = idle_s;
  admin_info_.attract_s = attract_s;
  log::info("admin", "timeouts changed: idle " + std::to_string(static_cast<int>(idle_s)) + " s, attract " +
                         std::to_string(static_cast<int>(attract_s)) + " s");
  worker_->post([config = settings_.config, idle_s, attract_s]() -> Worker::Done {
    std::string message;
    try {
      save_admin_changes(config, idle_s, attract_s);
    } catch (const std::exception& e) {
      message = e.what();
      log::warn("admin", message);
    }
    return {};
  });
}

void App::admin_input(const ui::AdminInput& in) {
  // Steps a technician can reach in a few taps; the configuration file allows any value.
  static constexpr double kIdleSteps[] = {30, 45, 60, 90, 120, 180, 300, 600, 900, 1800};
  static constexpr double kAttractSteps[] = {0, 60, 90, 120, 180, 300, 600, 900, 1800, 3600};
  const auto step = [](const auto& steps, double v, int dir) {
    const double* b = std::begin(steps);
    const double* e = std::end(steps);
    if (dir > 0) {
      const double* it = std::upper_bound(b, e, v);
      return it == e ? *(e - 1) : *it;
    }
    const double* it = std::lower_bound(b, e, v);
    return it == b ? *b : *(it - 1);
  };
  const auto& session = settings_.config.session;
  double idle = session.idle_timeout_s, attract = session.attract_timeout_s;
  switch (in.key) {
    case ui::AdminKey::none: return;
    case ui::AdminKey::close: close_admin(); return;
    case ui::AdminKey::idle_less: idle = step(kIdleSteps, idle, -1); break;
    case ui::AdminKey::idle_more: idle = step(kIdleSteps, idle, +1); break;
    case ui::AdminKey::attract_less: attract = step(kAttractSteps, attract, -1); break;
    case ui::AdminKey::attract_more: attract = step(kAttractSteps, attract, +1); break;
    case ui::AdminKey::restart:
      log::info("admin", "restart requested on the admin screen");
      exit_code_ = kExitRestart;
      quit_ = true;
      return;
    case ui::AdminKey::exit_desktop:
      log::info("admin", "exit to the desktop requested on the admin screen");
      exit_code_ = kExitToDesktop;
      quit_ = true;
      return;
    case ui::AdminKey::install:
    case ui::AdminKey::rollback: {
      if (in.key == ui::AdminKey::install && in.index >= admin_info_.candidates.size()) return;
      const bool install = in.key == ui::AdminKey::install;
      const std::filesystem::path pack = install ? admin_info_.candidates[in.index] : "";
      admin_info_.busy = install ? "Installing " + pack.string() + "…" : "Rolling back…";
      admin_info_.message.clear();
      packs::commands::StoreOptions store{settings_.config.content.dir, options_.config};
      packs::commands::TrustOptions trust{{}, options_.config, !policy_.require_trusted};
      worker_->post([this, install, pack, store, trust]() -> Worker::Done {
        std::ostringstream out, err;
        packs::commands::Output o{out, err, false, false};
        const int status = install ? packs::commands::install(pack, store, trust, 1, o) : packs::commands::rollback(store, o);
        std::string text = status == 0 ? out.str() : err.str();
        while (!text.empty() && text.back() == '\n') text.pop_back();
        if (status != 0) log::warn("admin", (install ? "install of " + pack.string() : std::string("rollback")) + " failed: " + text);
        else log::info("admin", text);
        return [this, text] {
          admin_info_.busy.clear();
          admin_info_.message = text;
          refresh_admin();
        };
      });
      frames_wanted_ = std::max(frames_wanted_, 1);
      return;
    }
  }
  if (attract > 0 && attract < idle) attract = in.key == ui::AdminKey::idle_more ? step(kAttractSteps, idle - 1, +1) : attract;
  if (attract > 0 && attract < idle) idle = step(kIdleSteps, attract + 1, -1);
  change_timeouts(idle, attract);
  frames_wanted_ = std::max(frames_wanted_, 1);
}

void App::refresh_admin() {
  admin_refreshed_ms_ = clock_ms();
  const auto& cfg = settings_.config;
  auto& info = admin_info_;
  info.facts.clear();
  const std::string lang = session_ ? session_->language() : start_language_;
  const auto label = [&](const char* key) { return std::string(strings_.get(lang, std::string("admin.fact_") + key)); };
  const auto fmt_bytes = [](std::uint64_t b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, b >= (1ull << 30) ? "%.1f GB" : "%.0f MB",
                  b >= (1ull << 30) ? static_cast<double>(b) / (1ull << 30) : static_cast<double>(b) / (1ull << 20));
    return std::string(buf);
  };
  if (snapshot_) {
    info.facts.emplace_back(label("pack"), snapshot_->pack.id + " " + snapshot_->pack.version);
    info.facts.emplace_back(label("signature"), trust_note_.empty() ? std::string(strings_.get(lang, "admin.trusted")) : trust_note_);
  } else {
    info.facts.emplace_back(label("pack"), "none: " + unavailable_reason_);
  }
  const long up = static_cast<long>((steady_ms() - start_real_ms_) / 1000);
  info.facts.emplace_back(label("uptime"), std::to_string(up / 86400) + " d " + std::to_string(up / 3600 % 24) + " h " +
                                        std::to_string(up / 60 % 60) + " min");
  const double secs = (steady_ms() - fps_since_ms_) / 1000;
  if (secs > 0.5)
    info.facts.emplace_back(label("frame_rate"), std::to_string(static_cast<int>((frame_count_ - fps_frames_) / secs + 0.5)) +
                                              " fps now, display " + std::to_string(static_cast<int>(1000 / refresh_ms_ + 0.5)) + " Hz");
  fps_since_ms_ = steady_ms();
  fps_frames_ = frame_count_;
  info.facts.emplace_back(label("display"), std::to_string(window_->width()) + "x" + std::to_string(window_->height()) + ", " +
                                         std::to_string(static_cast<int>(theme_.metrics.dpi)) + " dpi, " + video_->driver());
  info.facts.emplace_back(label("memory"), fmt_bytes(ops::resident_bytes()) + " resident, textures " + fmt_bytes(textures_.bytes()));
  info.facts.emplace_back(label("configuration"), (options_.config ? options_.config->string() : std::string("none")) +
                                               (settings_.problems.empty() ? "" : ", " + std::to_string(settings_.problems.size()) + " problems"));
  info.idle_s = cfg.session.idle_timeout_s;
  info.attract_s = cfg.session.attract_timeout_s;
  info.errors = log::recent_problems();
  if (info.errors.size() > 8) info.errors.erase(info.errors.begin(), info.errors.end() - 8);
  info.can_install = !cfg.content.dir.empty();
  const std::size_t main_facts = info.facts.size();
  info.facts.insert(info.facts.end(), admin_disk_facts_.begin(), admin_disk_facts_.end());
  // The disk, the store and removable media: on the worker, one look at a time.
  if (admin_refresh_pending_) return;
  admin_refresh_pending_ = true;
  worker_->post([this, main_facts, dir = cfg.content.dir]() -> Worker::Done {
    std::vector<ui::AdminInfo::Pack> installed;
    std::string disk, problem;
    std::vector<std::string> candidates;
    if (!dir.empty()) {
      try {
        for (const auto& e : store::ContentStore(dir).list())
          installed.push_back({e.file.filename().string(), e.current, e.previous});
      } catch (const std::exception& e) {
        problem = e.what();
      }
      disk = std::to_string(ops::free_disk_bytes(dir) >> 20) + " MB free in " + dir.string();
      std::error_code ec;
      const char* env = std::getenv("ORPHEUS_MEDIA_ROOTS");  // where removable media are mounted
      std::string roots = env ? env : "/media:/run/media:/mnt";
      for (std::size_t at = 0; at <= roots.size();) {
        const std::size_t colon = std::min(roots.find(':', at), roots.size());
        const std::filesystem::path root = roots.substr(at, colon - at);
        at = colon + 1;
        if (root.empty() || !std::filesystem::is_directory(root, ec)) continue;
        std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end && candidates.size() < 20; it.increment(ec)) {
          if (it.depth() >= 3) it.disable_recursion_pending();
          if (it->path().extension() == ".db" && it->is_regular_file(ec)) candidates.push_back(it->path().string());
        }
      }
      std::sort(candidates.begin(), candidates.end());
    }
    return [this, main_facts, installed = std::move(installed), disk, problem, candidates = std::move(candidates)]() mutable {
      admin_refresh_pending_ = false;
      admin_info_.installed = std::move(installed);
      admin_info_.candidates = std::move(candidates);
      admin_info_.can_rollback = std::any_of(admin_info_.installed.begin(), admin_info_.installed.end(),
                                             [](const auto& p) { return p.previous; });
      admin_disk_facts_.clear();
      if (!disk.empty()) admin_disk_facts_.emplace_back(strings_.get(session_ ? session_->language() : start_language_, "admin.fact_disk"), disk);
      if (!problem.empty()) admin_disk_facts_.emplace_back(strings_.get(session_ ? session_->language() : start_language_, "admin.fact_store"), problem);
      admin_info_.facts.resize(std::min(admin_info_.facts.size(), main_facts));
      admin_info_.facts.insert(admin_info_.facts.end(), admin_disk_facts_.begin(), admin_disk_facts_.end());
      frames_wanted_ = std::max(frames_wanted_, 1);
    };
  });
}

void App::open_window() {
  const auto& cfg = settings_.config;
  // Our own signal handling (StopSignals): SDL must not turn SIGTERM into SDL_QUIT.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (options_.kiosk) {
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  } else {
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");  // a developer's screen may sleep
  }
  // The normal-text fonts bake on their own thread while SDL and EGL start: their sizes need
  // only the density, configured or (after SDL_Init, before any window) the display's.
  std::future<ui::BakedFonts> baking;
  const auto start_baking = [&baking](float dpi) {
    baking = std::async(std::launch::async, [metrics = ui::make_metrics(dpi)] {
      return ui::bake_fonts(metrics, ORPHEUS_FONT_DIR, false);
    });
  };
  if (cfg.display.dpi > 0) start_baking(cfg.display.dpi);
  video_ = std::make_unique<platform::SdlVideo>([&] {
    if (baking.valid()) return;
    const char* d = SDL_GetCurrentVideoDriver();
    const std::string name = d ? d : "";
    if (options_.kiosk && (name == "offscreen" || name == "dummy" || name.empty())) return;  // refused below
    const int n = SDL_GetNumVideoDisplays();
    start_baking(platform::Window::display_dpi(cfg.display.index < n ? cfg.display.index : 0));
  });
  const std::string driver = video_->driver();
  if (options_.kiosk && (driver == "offscreen" || driver == "dummy" || driver.empty())) {
    // An invisible kiosk is a broken kiosk: SDL falls back to these silently when it finds no
    // display (no $WAYLAND_DISPLAY or $DISPLAY, or SDL_VIDEODRIVER set for tests).
    const char* env = std::getenv("SDL_VIDEODRIVER");
    throw KioskError("kiosk mode needs a real display, but SDL chose the '" + driver + "' video driver" +
                     (env ? std::string(" (SDL_VIDEODRIVER=") + env + ")" : std::string(" (no display found)")) +
                     ": start it in the kiosk session (cage), with WAYLAND_DISPLAY or DISPLAY set, or leave out --kiosk");
  }
  int display = cfg.display.index;
  const int displays = SDL_GetNumVideoDisplays();
  if (display >= displays) {
    log::warn("platform", "display.index = " + std::to_string(display) + " but there " +
                              (displays == 1 ? "is 1 display" : "are " + std::to_string(displays) + " displays") +
                              "; using display 0");
    display = 0;
  }
  // Kiosk mode fills the display whatever the configuration says: a window left from testing
  // (display.fullscreen = false, --windowed) would show the desktop around it.
  if (options_.kiosk && !cfg.display.fullscreen)
    log::warn("platform", "kiosk mode fills the display: display.fullscreen = false (--windowed) ignored");
  window_ = std::make_unique<platform::Window>(platform::WindowConfig{
      "Orpheus", options_.kiosk || cfg.display.fullscreen, options_.width, options_.height, display});
  log::info("platform", "video driver " + driver + ", display " + std::to_string(display) + " of " +
                            std::to_string(displays) + ", window " + std::to_string(window_->width()) + "x" +
                            std::to_string(window_->height()) + (options_.kiosk ? ", kiosk mode" : ""));
  if (options_.kiosk) {
    SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    SDL_SetWindowKeyboardGrab(window_->sdl(), SDL_TRUE);  // Alt+Tab, Alt+F4 reach us, not the window manager
  }
  const float dpi = cfg.display.dpi > 0 ? cfg.display.dpi : window_->dpi();
  if (!baking.valid()) start_baking(dpi);
  ui::BakedFonts baked = baking.get();
  theme_.metrics = baked.metrics;
  fonts_ = baked.fonts;
  imgui_ = std::make_unique<platform::ImGuiRuntime>(window_->sdl(), window_->gl(), std::move(baked.atlas), fonts_.normal.ui);
  wake_event_ = SDL_RegisterEvents(1);
  sdl_can_block_ = driver == "x11" || driver == "wayland";
  // Drivers without input (tests, benchmarks) may sleep long; others must notice a finger fast.
  idle_poll_ms_ = driver == "offscreen" || driver == "dummy" ? 250 : 16;
  wake_ready_ = true;  // wake() works from here on: deliver what threads started earlier asked for
  if (wake_missed_) wake();
  apply_touch_density(theme_.metrics.dpi);
  bake_large_text_later();
  apply_density(dpi);  // the refresh rate; bakes again only if the window's display has another density
}

void App::wake_when_ready() {
  wake_missed_ = true;
  if (wake_ready_) wake();
}

void App::apply_touch_density(float dpi) {
  auto gesture_config = touch::GestureConfig::from_dpi(dpi);
  gesture_config.max_contacts = settings_.config.touch.max_touches;
  gestures_.set_config(gesture_config);
  corner_.configure(settings_.config.admin.hold_s * 1000, theme_.metrics.px(15), theme_.metrics.px(4));
}

void App::bake_large_text_later() {
  // The large-text set ("Aa") is not needed for the first frame: it is baked on its own thread
  // once the first frame is presented (at once if a visitor already asks for large text), then
  // adopted between two frames with the normal set baked again beside it (ImGui draws text from
  // one atlas). Until then FontSet::get gives the normal set: a tap on "Aa" never waits for a
  // bake; its text grows a frame or so later, when the bake is done (it wakes the loop). A
  // replay stays deterministic: a frame that wants large text waits for it.
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
  imgui_->before_frames([this, later, metrics = theme_.metrics] {
    const bool wanted = session_ && session_->large_text();
    if (!later->thread.joinable()) {
      if (++later->frames < 2 && !wanted) return false;
      later->thread = std::thread([this, later = later.get(), metrics] {
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
      if (!(replay_ && wanted)) return false;
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

void App::apply_density(float dpi) {
  refresh_ms_ = 1000.0 / window_->refresh_hz();
  if (dpi == theme_.metrics.dpi && fonts_.normal.body) return;
  // Another density (a display change, rare): both text sizes at once, here between frames. A
  // background bake for the old density is dropped (after it finishes: at most a bake's time).
  imgui_->before_frames({});
  theme_.metrics = ui::make_metrics(dpi);
  ui::BakedFonts baked = ui::bake_fonts(theme_.metrics, ORPHEUS_FONT_DIR, true);
  fonts_ = baked.fonts;
  imgui_->set_fonts(std::move(baked.atlas), fonts_.normal.ui);
  apply_touch_density(dpi);
}

void App::follow_display() {
  // A display was plugged, unplugged or changed mode: fill the configured display again (or
  // the first one if it is gone), and take the new density. No restart.
  const auto& cfg = settings_.config;
  if (options_.kiosk || cfg.display.fullscreen) {
    const int displays = SDL_GetNumVideoDisplays();
    window_->fill_display(cfg.display.index < displays ? cfg.display.index : 0);
  }
  apply_density(cfg.display.dpi > 0 ? cfg.display.dpi : window_->dpi());
  log::info("platform", "display changed: window " + std::to_string(window_->width()) + "x" +
                            std::to_string(window_->height()) + " at " +
                            std::to_string(static_cast<int>(theme_.metrics.dpi)) + " dpi");
  frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::pace_frame() {
  // The attract loop's slow cross-fade looks the same at half the display rate and costs half:
  // it is what an unattended kiosk draws most of the day.
  const bool half_rate = idle_.attracting() && admin_mode_ == AdminMode::closed;
  if (!pacing_ && !half_rate) return;
  const double wait = last_swap_ms_ + refresh_ms_ * (half_rate ? 2 : 1) - steady_ms();
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

void App::pump_events(bool block, int max_wait_ms) {
  SDL_Event e;
  bool have = false;
  // A finger held still wakes the loop when it becomes a long press.
  int timeout_ms = std::min(sdl_can_block_ ? 1000 : idle_poll_ms_, max_wait_ms);
  if (const auto deadline = next_deadline_ms())
    timeout_ms = std::clamp(static_cast<int>(*deadline - clock_ms()) + 1, 0, timeout_ms);
  if (const auto ping = ready_sent_ ? notifier_.watchdog(steady_ms()) : std::nullopt)  // real time, also in replays
    timeout_ms = std::clamp(static_cast<int>(*ping - steady_ms()) + 1, 0, timeout_ms);
  if (block && sdl_can_block_) {
    have = SDL_WaitEventTimeout(&e, timeout_ms) != 0;
  } else {
    if (block) {
      std::unique_lock lock(wake_mutex_);
      if (wake_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return wake_pending_.load(); }))
        uploads_waiting_ = true;  // as for the wake event above
      wake_pending_ = false;
    }
    have = SDL_PollEvent(&e) != 0;
  }
  while (have) {
    if (e.type == SDL_QUIT) {
      // With our own signal handling this is the window manager or the last window closing.
      if (options_.kiosk)
        log::info("app", "ignored a request to close the window (kiosk mode)");
      else
        quit_ = true;
    } else if (e.type == wake_event_) {
      wake_pending_ = false;
      uploads_waiting_ = true;  // a decode (or a worker job) finished: the next frame takes it
    } else if (e.type == SDL_DISPLAYEVENT) {
      follow_display();
    } else if (e.type == SDL_WINDOWEVENT) {
      if (e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED || e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
        apply_density(settings_.config.display.dpi > 0 ? settings_.config.display.dpi : window_->dpi());
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
  frames_wanted_ = std::max(frames_wanted_, 1);
  if (idle_.attracting() && e.kind == touch::PointerKind::down) {
    // A new visitor. The touch that ends the attract loop is theirs to lift, not a tap on
    // whatever the home screen has under it.
    idle_.end_attract(last_input_ms_);
    swallow_.start();
    frames_wanted_ = std::max(frames_wanted_, 2);
    log::info("session", "attract loop ended by a touch");
  }
  idle_.touched(last_input_ms_);
  const bool swallowed = swallow_.filter(e);
  idle_.finger_down(swallow_.fingers() > 0);
  corner_.feed(e);
  // A swallowed lift still reaches the recogniser: a finger it was told to ignore (cancel())
  // must leave it, or the next touch would count as a second finger.
  if (swallowed && e.kind != touch::PointerKind::up && e.kind != touch::PointerKind::cancel) return;
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
  return !wants_frame() && (!loader_ || loader_->idle()) && textures_.settled() && !(worker_ && worker_->busy());
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
          if (const double left = step.timeout_ms - (steady_ms() - *pack_wait_since_ms_); left > 0) {
            pump_events(true, static_cast<int>(left) + 1);  // the watcher wakes the loop when it is done
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
      case ScriptStep::Kind::sleep_real:
        // Real time passes while the loop runs on (watchdog pings, health file, the watcher).
        if (!pack_wait_since_ms_) pack_wait_since_ms_ = steady_ms();
        if (const double left = step.timeout_ms - (steady_ms() - *pack_wait_since_ms_); left > 0) {
          pump_events(true, static_cast<int>(left) + 1);  // idle as a live kiosk is: woken only when needed
          return;
        }
        pack_wait_since_ms_.reset();
        ++script_pos_;
        continue;
      case ScriptStep::Kind::frame_ms:
        replay_frame_ms_ = step.timeout_ms;
        ++script_pos_;
        continue;
      case ScriptStep::Kind::stall:
        // A hung frame, for testing the watchdog: the main thread blocks.
        log::warn("replay", "stalling the main thread for " + std::to_string(static_cast<int>(step.timeout_ms)) + " ms");
        std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(step.timeout_ms));
        ++script_pos_;
        continue;
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

  const double ui_start = thread_cpu_ms();
  targets_.clear();
  std::vector<Intent> intents;
  ui::begin_root();
  bool animating = false;
  viewer_shown_ = false;
  if (admin_mode_ != AdminMode::closed) {
    CacheImages images(textures_, now_ms_);
    static const catalog::Snapshot kNoContent;
    ui::UiFrame f{snapshot_ ? *snapshot_ : kNoContent, admin_route_, session_ ? session_->language() : start_language_,
                  languages_, g, images, strings_, theme_, fonts_.normal, now_ms_, dt, intents, targets_};
    if (admin_mode_ == AdminMode::pin) {
      ui::PinPadView v{pin_entry_.size(), pin_checking_, pin_message_, pin_lock_.locked(now_ms_)};
      if (v.locked)
        v.message = strings_.format(f.language, "admin.locked",
                                    {{"n", std::to_string(static_cast<int>(std::ceil((pin_lock_.locked_until_ms() - now_ms_) / 1000)))}});
      pin_input(ui::draw_pin_pad(f, v));
    } else {
      admin_input(admin_screen_.draw(f, admin_info_));
    }
    animating = f.animating;
  } else if (snapshot_ && session_ && idle_.attracting() && !attract_.empty()) {
    CacheImages images(textures_, now_ms_);
    ui::UiFrame f{*snapshot_, session_->route(), session_->language(), languages_, g, images, strings_, theme_, fonts_.normal,
                  now_ms_, dt, intents, targets_};
    ui::AttractView v;
    v.item = &snapshot_->items[attract_.current().item];
    v.media_id = attract_.current().media_id;
    if (attract_.size() > 1) {
      v.next_item = &snapshot_->items[attract_.next().item];
      v.next_media_id = attract_.next().media_id;
      v.mix = attract_.mix(now_ms_);
    }
    ui::draw_attract(f, v);
    animating = attract_.fading();
    last_route_ = {};  // the screen under it is drawn anew when the loop ends
  } else if (snapshot_ && session_) {
    Route& route = session_->route();
    const bool changed = !same_view(route, last_route_) || session_->language() != last_language_ ||
                         session_->large_text() != last_large_text_;
    last_route_ = route;
    last_language_ = session_->language();
    last_large_text_ = session_->large_text();
    CacheImages images(textures_, now_ms_);
    ui::UiFrame f{*snapshot_, route, session_->language(), languages_, g, images, strings_, theme_,
                  fonts_.get(session_->large_text()), now_ms_, dt, intents, targets_};
    f.large_text = session_->large_text();
    f.route_changed = changed;
    switch (route.screen) {
      case Screen::home: home_.draw(f); break;
      case Screen::collection: collection_.draw(f); break;
      case Screen::item: item_.draw(f); break;
      case Screen::viewer:
        viewer_.draw(f);
        viewer_shown_ = true;
        break;
    }
    animating = f.animating;
  } else {
    ui::draw_unavailable(strings_, theme_, fonts_.normal, strings_.languages());
  }
  ui::end_root();
  ui_cpu_ms_.push_back(thread_cpu_ms() - ui_start);

  for (const auto& in : intents)
    if (session_ && snapshot_ && session_->apply(in, *snapshot_)) frames_wanted_ = std::max(frames_wanted_, 2);

  // Uploads take what the frame has left of its CPU time, at least a strip: the textures they
  // finish are drawn from the next frame on.
  const double spent = thread_cpu_ms() - cpu_start;
  trim_heap_after_uploads();
  uploads_waiting_ = textures_.upload(replay_ ? 1e9 : std::clamp(kFrameCpuMs - spent, kMinUploadMs, kUploadBudgetMs), now_ms_);
  const double uploaded = thread_cpu_ms();
  imgui_->render(window_->drawable_width(), window_->drawable_height(), theme_.colors.background);
  frame_cpu_ms_.push_back(thread_cpu_ms() - cpu_start);
  if (frame_cpu_ms_.back() > kFrameCpuMs * 1.5 && !replay_)
    log::debug("app", "slow frame " + std::to_string(frame_count_) + ": " + std::to_string(frame_cpu_ms_.back()) +
                          " ms CPU (screens " + std::to_string(ui_cpu_ms_.back()) + ", uploads " +
                          std::to_string(uploaded - cpu_start - spent) + ", draw " + std::to_string(thread_cpu_ms() - uploaded) + ")");
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
    *trace_ << ", \"cpu_ms\": " << frame_cpu_ms_.back();
    if (viewer_shown_) *trace_ << ", \"viewer_sharp\": " << (viewer_.detail().sharp ? "true" : "false");
    *trace_ << "}\n";
    trace_->flush();
  }
  frame_events_ = 0;
  textures_.end_frame();
  if (frame_count_ == 0) {
    log::info("app", "first frame presented " + std::to_string(static_cast<long>(steady_ms() - start_real_ms_)) + " ms after start");
    notifier_.ready(snapshot_ ? "showing " + snapshot_->pack.id + " " + snapshot_->pack.version : "content unavailable");
    ready_sent_ = true;
    if (to_confirm_) confirm_pack();
  }
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
  const auto& tc = textures_.counters();
  j["textures"] = {{"count", textures_.count()}, {"bytes", textures_.bytes()}, {"budget", textures_.budget()},
                   {"requested", tc.requested}, {"uploaded", tc.uploaded}, {"failed", tc.failed},
                   {"cancelled", tc.cancelled}, {"evicted", tc.evicted}};
  j["rss_bytes"] = ops::resident_bytes();
  if (admin_mode_ != AdminMode::closed) {
    j["admin"] = {{"mode", admin_mode_ == AdminMode::pin ? "pin" : "panel"}, {"digits", pin_entry_.size()},
                  {"locked", pin_lock_.locked(now_ms_)}, {"failures", pin_lock_.failures()}, {"message", pin_message_},
                  {"idle_timeout", settings_.config.session.idle_timeout_s},
                  {"attract_timeout", settings_.config.session.attract_timeout_s},
                  {"installed", admin_info_.installed.size()}, {"candidates", admin_info_.candidates},
                  {"result", admin_info_.message}};
  }
  if (!snapshot_ || !session_) {
    j["screen"] = "unavailable";
    j["reason"] = unavailable_reason_;
  } else {
    const auto& snap = *snapshot_;
    const Route& r = session_->route();
    const auto& lang = session_->language();
    j["screen"] = idle_.attracting() ? "attract" : to_string(r.screen);
    if (idle_.attracting()) j["attract"] = {{"slide", attract_.index()}, {"slides", attract_.size()}, {"fading", attract_.fading()}};
    j["language"] = lang;
    j["large_text"] = session_->large_text();
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
      const auto& d = viewer_.detail();
      j["viewer"] = {{"scale", z.scale()}, {"fit_scale", z.fit_scale()}, {"max_scale", z.max_scale()},
                     {"offset", {z.offset().x, z.offset().y}}, {"level", d.level}, {"sharp", d.sharp},
                     {"tiles_drawn", d.tiles_drawn}, {"tiles_wanted", d.tiles_wanted}};
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
