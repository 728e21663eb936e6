#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/stop_signals.h"
#include "core/clock.h"
#include "core/files.h"
#include "core/log.h"
#include "ops/health.h"
#include "platform/imgui_runtime.h"
#include "platform/window.h"
#include "ui/overlays.h"

namespace orpheus::app {

using core::steady_ms;

namespace {

constexpr double kFrameMs = 1000.0 / 60.0;  // a nominal frame: the first step of an animation after a pause
constexpr double kUploadBudgetMs = 2.5;  // at most this much of a frame's CPU time for texture uploads,
constexpr double kMinUploadMs = 0.5;     // and at least this much, so uploads never stall

std::filesystem::path default_assets() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "orpheus" / "assets";
    if (std::filesystem::exists(installed / "po")) return installed;
  }
  return ORPHEUS_SOURCE_ASSETS;
}

}  // namespace

App::App(Options options, Settings settings, ui::ScreenRegistry screens)
    : options_(std::move(options)),
      settings_(std::move(settings)),
      // Signals first: every thread started from here on inherits the blocked mask, and SIGTERM
      // (systemd stopping the kiosk) ends the loop cleanly whatever the window manager does.
      signals_(std::make_unique<StopSignals>([this](int sig) {
        log::info("app", std::string("received ") + (sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : "SIGHUP") +
                             ": stopping");
        events_.wake();
      })),
      background_([this] { events_.wake(); }),
      display_({options_.kiosk, settings_.config.display, options_.width, options_.height}),
      images_(background_, [this] { events_.wake(); }),
      switcher_(options_, settings_.config, background_, [this] { events_.wake(); }),
      programme_(settings_.config.events.time_zone, options_.now),
      input_(idle_),
      visit_(std::move(screens), {background_, keyboards_}),
      narration_(background_),
      usage_(settings_.config),
      admin_(settings_, options_, switcher_, strings_, background_,
             {.facts =
                  [this] {
                    const auto& w = display_.window();
                    const auto today = programme_.zone().to_local(programme_.wall_s(clock_ms())).day;
                    return KioskFacts{(steady_ms() - clock_.start_real_ms) / 1000, stats_.frames(), display_.refresh_hz(),
                                      w.width(), w.height(), display_.theme().metrics.dpi, display_.driver(), images_.bytes(),
                                      events::format_date(today)};
                  },
              .timeouts_changed = [this](double idle_s, double attract_s) { idle_.configure(idle_s * 1000, attract_s * 1000); },
              // A technician who just installed a pack wants to see it now, not after the idle delay.
              .closed = [this] { if (switcher_.show_waiting()) pack_changed(); },
              .quit = [this](int status) { exit_status_ = status; quit_ = true; },
              .redraw = [this](int frames) { redraw_.want(frames); }}) {}

App::~App() { notifier_.stopping(); }

double App::clock_ms() const { return replay_ ? clock_.now_ms : steady_ms() - clock_.start_real_ms; }

void App::start() {
  clock_.start_real_ms = steady_ms();
  replay_ = ReplayDriver::from_options(options_);
  // The pack is checked (a hash over the whole file, then the snapshot) while the window opens
  // and the fonts bake; load() below waits for it.
  switcher_.start();
  const auto& cfg = settings_.config;
  if (!cfg.health.file.empty()) {
    try {
      health_ = std::make_unique<ops::HealthWriter>(cfg.health.file,
                                                    std::chrono::milliseconds(static_cast<long>(cfg.health.interval_s * 1000)));
    } catch (const std::exception& e) {
      log::error("health", e.what());  // the kiosk runs on without its health file
    }
  }
  display_.density_changed = [this](float dpi) { input_.configure(dpi, settings_.config.touch.max_touches, settings_.config.admin.hold_s * 1000); };
  display_.open(events_, touch::rotation_from_degrees(cfg.touch.rotation).value_or(touch::Rotation::none), !replay_,
                {[this] { return visit_.text_size() != session::TextSize::normal; }, replay_ != nullptr, [this] { events_.wake(); }});
  const auto assets = options_.assets_dir.empty() ? default_assets() : options_.assets_dir;
  strings_ = ui::Strings::load(assets / "po");
  strings_.set_pseudo(options_.pseudo_locale);
  keyboards_ = ui::KeyboardLayouts::load(assets / "keyboards");
  idle_.configure(cfg.session.idle_timeout_s * 1000, cfg.session.attract_timeout_s * 1000);
  idle_.touched(clock_ms());
  reach_area();  // a mounting reach mode cannot serve is logged at start
  switcher_.load();
  pack_changed();
  if (options_.record)
    input_.record_to(*options_.record, display_.window().width(), display_.window().height(), display_.theme().metrics.dpi,
                     switcher_.file());
  if (options_.trace_frames) stats_.trace_to(*options_.trace_frames);
}

int App::run() {
  start();
  while (!quit_ && !signals_->received()) {
    if (stats_.frames() > 0) notifier_.watchdog(steady_ms());
    publish_health();
    if (replay_) {
      pump(false);
      // Deterministic replays: the decodes and the background work (a PIN check, an install) the
      // last frame started are done before the next, whatever this machine's speed.
      if (const auto waiting = images_.finish_decodes(clock_.now_ms)) redraw_.uploads_waiting = *waiting;
      // The loop is waiting, not hung: the watchdog and the health file go on being told so (a
      // whole pack read in full on the low lane takes seconds on a loaded machine).
      double told_ms = steady_ms();
      for (const double give_up = told_ms + 120000; background_.busy() && steady_ms() < give_up;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (steady_ms() - told_ms < 100) continue;
        told_ms = steady_ms();
        if (stats_.frames() > 0) notifier_.watchdog(told_ms);
        publish_health();
      }
      between_frames();
      replay_->drive(clock_.now_ms, *this);
      if (quit_ || replay_->quit()) break;
      if (!wants_frame()) {
        // Nothing to draw: jump the virtual clock to the next timed step.
        auto next = replay_->next_step_ms();
        if (!next) {
          log::info("replay", "script finished without quit; quitting");
          break;
        }
        if (const auto deadline = next_deadline_ms()) next = std::min(*next, std::max(*deadline, clock_.now_ms));
        if (*next > clock_.now_ms) {
          clock_.now_ms = *next;
          continue;
        }
        if (settled()) continue;  // a command runs on the next pass
      }
    } else {
      if (!wants_frame()) note_settled();  // said before the loop waits for what comes next
      pump(!wants_frame());
      if (quit_ || signals_->received()) break;
      clock_.now_ms = clock_ms();
      between_frames();
      if (!wants_frame()) continue;
      // The attract loop's slow cross-fade looks the same at half the display rate and costs
      // half: it is what an unattended kiosk draws most of the day.
      if (display_.pace(idle_.attracting() && !admin_.is_open())) pump(false);  // what arrived meanwhile goes into this frame
    }
    try {
      frame();
      failed_frames_ = 0;
    } catch (const std::exception& e) {
      recover(e.what());
    }
    if (replay_) clock_.now_ms += replay_->frame_ms();
  }
  usage_.end(input_.last_input_ms());
  if (health_) {
    ops::HealthSnapshot h;
    h.state = "stopping";
    health_->publish(h);
  }
  return exit_status_.value_or(replay_ && replay_->failed() ? 3 : 0);
}

void App::between_frames() {
  const double now = clock_ms();
  usage_.clock(programme_.wall_s(now), programme_.zone(), programme_.clock_trusted());
  if (background_.deliver()) redraw_.want(1);  // a result a screen waits for
  const bool attracting = idle_.attracting();
  if (switcher_.poll(now, input_.last_input_ms(), input_.gestures().active())) {
    pack_changed();
    if (attracting && switcher_.snapshot()) {  // the loop goes on with the new pack
      attract_.start(*switcher_.snapshot(), now);
      attract_events();
    }
  }
  admin_.poll(now, visit_.language());
  idle_.finger_down(input_.finger_down());
  if (input_.corner().fired(now) && admin_.open_pin_pad(now)) {
    input_.swallow();
    usage_.discard();
  }
  admin_.tick(now, visit_.language());
  switch (idle_.poll(now)) {
    case IdleTimer::Event::reset:
      log::info("session", "idle for " + std::to_string(static_cast<int>(idle_.idle_ms() / 1000)) + " s: a new visitor session");
      if (admin_.is_open()) admin_.close();
      usage_.end(input_.last_input_ms());
      reset_visitor();
      break;
    case IdleTimer::Event::attract:
      if (const auto* snap = switcher_.snapshot()) {
        attract_.start(*snap, now);
        attract_events();
        if (attract_.empty()) break;
        log::info("session", "attract loop: " + std::to_string(attract_.size()) + " slides");
        redraw_.want(2);
      }
      break;
    case IdleTimer::Event::none: break;
  }
  follow_narration();
  follow_programme(now);
  follow_usage(now);
  if (idle_.attracting() && !attract_.empty()) {
    const bool was_fading = attract_.fading();
    const auto next_media = attract_.next().media_id;
    attract_.update(now, next_media == 0 || images_.ready(next_media, now));
    if (attract_.fading() != was_fading) redraw_.want(1);
  }
}

void App::follow_narration() {
  // The kiosk's volume, stepped by the visitor's choice; what the visitor left stops.
  constexpr float kSteps[] = {0.5f, 1.0f, 1.5f};
  const bool visitor = visit_.active() && !idle_.attracting() && !admin_.is_open();
  const int level = visitor ? visit_.session().volume() : 1;
  narration_.set_volume(std::min(1.0f, static_cast<float>(settings_.config.audio.volume) / 100.0f * kSteps[level]));
  if (narration_.follow(visitor ? &visit_.session() : nullptr)) redraw_.want(1);
}

void App::follow_programme(double now) {
  // A change of the home screen's collections waits until nobody touches the screen (or nobody
  // is there): never under a visitor's finger.
  constexpr double kStillMs = 3000;
  const bool idle_moment = idle_.attracting() || (!input_.finger_down() && now - input_.last_input_ms() >= kStillMs);
  if (!programme_.poll(now, idle_moment)) return;
  redraw_.want(2);
  if (idle_.attracting()) attract_events();
}

void App::follow_usage(double now) {
  const auto* snap = switcher_.snapshot();
  if (snap && visit_.active() && !idle_.attracting() && !admin_.is_open())
    usage_.follow(now, visit_.session(), *snap, visit_.screen_name(),
                  narration_.status().state == ui::NarrationStatus::State::playing);
}

void App::attract_events() {
  constexpr std::size_t kAttractEvents = 6;
  attract_.set_events(settings_.config.events.in_attract ? programme_.attract_events(clock_ms(), kAttractEvents)
                                                         : std::vector<std::size_t>{});
}

void App::pack_changed() {
  const auto* snap = switcher_.snapshot();
  if (!snap) return;  // the "unavailable" screen
  attract_ = {};  // its slides index the old snapshot
  programme_.show(snap, clock_ms());
  usage_.pack_shown(*snap, input_.last_input_ms());
  images_.show_pack(switcher_.file(), settings_.config.media);
  narration_.show_pack(switcher_.file());
  // The fonts with the pack's characters (other scripts), ready for its first frame; the
  // language switch shows its languages' own names.
  std::vector<std::string> names;
  for (const auto& lang : snap->pack.languages) names.emplace_back(strings_.language_name(lang));
  display_.show_pack(switcher_.shared_snapshot(), std::move(names));
  visit_.show(switcher_.shared_snapshot(), settings_.config.session, strings_.languages());
  input_.gestures().cancel();
  redraw_.want(2);
  if (stats_.frames() > 0) notifier_.status("showing " + snap->pack.id + " " + snap->pack.version);
}

void App::reset_visitor() {
  // Wholesale: a new session (home, default language) and fresh screens (scroll positions,
  // flings, zoom), as if the kiosk had just started.
  visit_.reset(switcher_.snapshot());
  input_.gestures().cancel();
  redraw_.want(2);
}

std::optional<double> App::next_deadline_ms() const {
  std::optional<double> next;
  for (const auto d : {input_.gestures().next_deadline_ms(), switcher_.deadline(input_.last_input_ms(), input_.gestures().active()),
                       idle_.next_deadline_ms(), idle_.attracting() ? attract_.next_deadline_ms(clock_ms()) : std::nullopt,
                       input_.corner().next_deadline_ms(), admin_.next_deadline_ms(), narration_.next_deadline_ms(clock_ms()),
                       programme_.next_deadline_ms(clock_ms())})
    if (d && (!next || *d < *next)) next = d;
  return next;
}

void App::publish_health() {
  if (!health_) return;
  ops::HealthSnapshot h;
  const auto* snap = switcher_.snapshot();
  h.state = snap ? "running" : "unavailable";
  h.screen = admin_.is_open()              ? "admin"
             : !snap || !visit_.active()   ? "unavailable"
             : idle_.attracting()          ? "attract"
                                           : std::string(visit_.screen_name());
  if (snap) {
    h.pack_id = snap->pack.id;
    h.pack_version = snap->pack.version;
    h.pack_file = switcher_.file().string();
    h.pack_trusted = switcher_.trust_note().empty();
  }
  h.frames = stats_.frames();
  h.last_frame = std::chrono::steady_clock::now();  // the loop's last pass: it runs at least every second
  health_->publish(h);
}

void App::pump(bool block, int max_wait_ms) {
  // A finger held still wakes the loop when it becomes a long press.
  int timeout_ms = std::min(events_.max_wait_ms(), max_wait_ms);
  if (const auto deadline = next_deadline_ms())
    timeout_ms = std::clamp(static_cast<int>(*deadline - clock_ms()) + 1, 0, timeout_ms);
  if (const auto ping = stats_.frames() > 0 ? notifier_.watchdog(steady_ms()) : std::nullopt)  // real time, also in replays
    timeout_ms = std::clamp(static_cast<int>(*ping - steady_ms()) + 1, 0, timeout_ms);
  events_.pump(block, timeout_ms, *this);
  input_.flush();  // a crash loses at most the events of one frame
}

void App::quit_requested() {
  // With our own signal handling this is the window manager or the last window closing.
  if (options_.kiosk)
    log::info("app", "ignored a request to close the window (kiosk mode)");
  else
    quit_ = true;
}

void App::display_changed() {
  display_.follow_display();
  redraw_.want(2);
}

void App::window_changed(bool moved_or_resized) {
  if (moved_or_resized) display_.window_changed();
  redraw_.want(2);
}

void App::input(const touch::PointerEvent& e) {
  input_.set_area_top(area_top_);  // what the visitor sees: the last frame drawn
  const bool attracting = idle_.attracting();
  redraw_.want(input_.feed(e, clock_ms()));
  if (const auto* snap = switcher_.snapshot();
      e.kind == touch::PointerKind::down && snap && visit_.active() && !admin_.is_open())
    usage_.touched(clock_ms(), attracting, visit_.session(), *snap, visit_.screen_name());
}

touch::ReachArea App::reach_area() {
  const auto& r = settings_.config.reach;
  const auto a = touch::reach_area(static_cast<float>(display_.window().height()), display_.theme().metrics.mm,
                                   {static_cast<float>(r.screen_bottom_mm), static_cast<float>(r.reach_mm)});
  if (a.below_minimum && !reach_warned_) {
    reach_warned_ = true;
    log::warn("reach", "reach.reach_mm (" + std::to_string(static_cast<int>(r.reach_mm)) + " mm) is only " +
                           std::to_string(static_cast<int>(r.reach_mm - r.screen_bottom_mm)) +
                           " mm above reach.screen_bottom_mm (" + std::to_string(static_cast<int>(r.screen_bottom_mm)) +
                           " mm): reach mode keeps its least height, " + std::to_string(static_cast<int>(touch::kReachMinMm)) +
                           " mm, and its top controls are above a seated visitor's reach; check both keys");
  }
  return a;
}

float App::next_area_top() {
  const bool visitor = !admin_.is_open() && switcher_.snapshot() && visit_.active() && !(idle_.attracting() && !attract_.empty());
  return visitor && visit_.reach() ? reach_area().top : 0;
}

bool App::wants_frame() const {
  const auto deadline = input_.gestures().next_deadline_ms();
  return redraw_.frames > 0 || redraw_.animating || redraw_.uploads_waiting || (replay_ && replay_->screenshot()) ||
         images_.fading(clock_.now_ms) || (deadline && clock_ms() >= *deadline);
}

bool App::settled() const { return !wants_frame() && images_.settled() && !background_.busy(); }

ui::UiFrame App::ui_frame(session::Route& route, const ui::Fonts& fonts, const touch::GestureFrame& g, double dt,
                          std::vector<session::Intent>& intents, bool high_contrast) {
  static const catalog::Snapshot kNoContent;
  const auto* snap = switcher_.snapshot();
  ui::UiFrame f{snap ? *snap : kNoContent, route, visit_.language(), visit_.languages(), g, images_.at(clock_.now_ms),
                strings_, display_.theme(high_contrast), fonts, clock_.now_ms, dt, intents, targets_, visit_.launchers()};
  if (snap) {
    programme_view_ = {programme_.wall_s(clock_.now_ms), &programme_.zone(), programme_.clock_trusted(), programme_.collections(),
                       programme_.serial()};
    f.programme = &programme_view_;
  }
  return f;
}

void App::frame() {
  const double cpu_start = thread_cpu_ms();
  const double started = steady_ms();
  const double now = clock_.now_ms = clock_ms();
  // Animations advance by the time since the last frame; after an idle pause a new animation
  // starts from one nominal frame, not from the whole pause.
  const double dt = redraw_.animating ? std::clamp(now - clock_.last_frame_ms, 0.0, 250.0) : kFrameMs;
  clock_.last_frame_ms = now;
  auto& gestures = input_.gestures();
  gestures.tick(now);
  const touch::GestureFrame g = gestures.take_frame();
  area_top_ = next_area_top();
  display_.imgui().new_frame(dt, g.pressed || g.dragging, g.position.x, g.position.y, g.pressed, area_top_);

  const double ui_start = thread_cpu_ms();
  targets_.clear();
  std::vector<session::Intent> intents;
  ui::begin_root();
  bool animating = false, visitor_screen = false;
  const auto* snap = switcher_.snapshot();
  const auto& fonts = display_.fonts();
  if (admin_.is_open()) {
    auto f = ui_frame(admin_.route(), fonts.normal, g, dt, intents);
    admin_.draw(f);
    animating = f.animating;
  } else if (snap && visit_.active() && idle_.attracting() && !attract_.empty()) {
    auto f = ui_frame(visit_.session().route(), fonts.normal, g, dt, intents);
    ui::AttractView v;
    const auto slide = [&](const AttractLoop::Slide& s, const catalog::Item*& item, const catalog::Event*& event) {
      if (s.event)
        event = &snap->events[*s.event];
      else
        item = &snap->items[s.item];
      return s.media_id;
    };
    v.media_id = slide(attract_.current(), v.item, v.event);
    if (attract_.size() > 1) {
      v.next_media_id = slide(attract_.next(), v.next_item, v.next_event);
      v.mix = attract_.mix(now);
    }
    ui::draw_attract(f, v);
    animating = attract_.fading();
    visit_.forget_route();
  } else if (snap && visit_.active()) {
    auto f = ui_frame(visit_.session().route(), fonts.get(visit_.text_size()), g, dt, intents, visit_.high_contrast());
    f.narrator = &narration_;
    f.volume = visit_.session().volume();
    f.usage = &usage_notes_;
    visit_.draw(f);
    usage_.noted(usage_notes_, visit_.session().route().serial);
    ui::draw_reach_margin(f.theme, area_top_);
    animating = f.animating;
    visitor_screen = true;
  } else {
    ui::draw_unavailable(strings_, display_.theme(), fonts.normal, strings_.languages());
  }
  ui::end_root();
  for (auto& t : targets_) {  // to window coordinates, as pointer events come
    t.min.y += area_top_;
    t.max.y += area_top_;
  }
  const double ui_ms = thread_cpu_ms() - ui_start;
  if (snap && visit_.apply(intents, *snap)) {
    redraw_.want(2);
    follow_usage(now);
  }

  // Uploads take what the frame has left of its CPU time, at least a strip: the textures they
  // finish are drawn from the next frame on.
  const double spent = thread_cpu_ms() - cpu_start;
  redraw_.uploads_waiting = images_.upload(replay_ ? 1e9 : std::clamp(FrameStats::kFrameCpuMs - spent, kMinUploadMs, kUploadBudgetMs), now);
  const double uploaded = thread_cpu_ms();
  display_.render(visitor_screen && visit_.high_contrast());
  const double done = thread_cpu_ms();
  stats_.add(done - cpu_start, ui_ms, uploaded - cpu_start - spent, done - uploaded, !replay_);
  if (replay_ && replay_->screenshot()) replay_->screenshot_done(display_.write_screenshot(*replay_->screenshot()));
  const double swapped = display_.present(started, !replay_);
  touch::Vec2 last;
  const int events = input_.take_events(last);
  stats_.trace(stats_.frames(), swapped, events, last, visitor_screen ? visit_.viewer_sharp() : std::nullopt);
  images_.end_frame();
  if (stats_.frames() == 0) {
    log::info("app", "first frame presented " + std::to_string(static_cast<long>(steady_ms() - clock_.start_real_ms)) + " ms after start");
    notifier_.ready(snap ? "showing " + snap->pack.id + " " + snap->pack.version : "content unavailable");
    switcher_.first_frame_presented();
  }
  stats_.presented();
  settled_noted_ = false;
  redraw_.animating = animating;
  if (redraw_.frames > 0) --redraw_.frames;
}

void App::note_settled() {
  if (settled_noted_ || stats_.frames() == 0 || !settled() || background_.has_results()) return;
  settled_noted_ = true;
  const std::string frame = "frame " + std::to_string(stats_.frames());
  if (!settled_once_)
    log::info("app", "settled " + std::to_string(static_cast<long>(steady_ms() - clock_.start_real_ms)) + " ms after start, at " +
                         frame + ": the screen drawn in full, nothing loading");
  else
    log::debug("app", "settled at " + frame);
  settled_once_ = true;
}

void App::recover(const std::string& what) {
  // Per-frame code should not throw; if it does, the visitor gets a fresh start on the home
  // screen, and if that fails too, the unavailable screen: never a crash in front of a visitor.
  log::error("app", "a frame failed: " + what);
  display_.imgui().abandon_frame();
  if (++failed_frames_ >= 3 || !switcher_.snapshot())
    switcher_.drop("the kiosk could not draw its screens: " + what);
  else
    visit_.recover(*switcher_.snapshot());
  redraw_.want(2);
}

void App::write_state(const std::string& path) {
  using Json = nlohmann::json;
  Json j;
  const auto& w = display_.window();
  j["frame"] = stats_.frames();
  j["t_ms"] = clock_.now_ms;
  j["window"] = {{"width", w.width()}, {"height", w.height()}, {"dpi", display_.theme().metrics.dpi}};
  images_.state(j);
  j["rss_bytes"] = ops::resident_bytes();
  if (admin_.is_open()) j["admin"] = admin_.state(clock_.now_ms);
  narration_.state(j);
  usage_.state(j);
  if (switcher_.snapshot())
    j["programme"] = {{"now", events::format_instant(programme_.wall_s(clock_.now_ms))}, {"time_zone", programme_.zone().name()},
                      {"clock", events::to_string(programme_.clock())}, {"collections", programme_.collections().size()}};
  switcher_.state(j);  // "pack", or why there is none
  if (const auto* snap = switcher_.snapshot(); snap && visit_.active()) {
    visit_.state(j, *snap);
    if (idle_.attracting()) {
      j["screen"] = "attract";
      j["attract"] = {{"slide", attract_.index()}, {"slides", attract_.size()}, {"fading", attract_.fading()}};
      if (const auto e = attract_.current().event) j["attract"]["event"] = snap->events[*e].slug;
    }
  } else {
    j["screen"] = "unavailable";
  }
  {
    const auto reach = reach_area();
    j["reach"] = {{"on", visit_.active() && visit_.reach()}, {"top_px", area_top_}, {"line_px", reach.line},
                  {"below_minimum", reach.below_minimum}};
  }
  Json targets = Json::array();
  for (const auto& t : targets_)
    targets.push_back({{"name", t.name}, {"x", t.min.x}, {"y", t.min.y}, {"w", t.max.x - t.min.x}, {"h", t.max.y - t.min.y}});
  j["targets"] = targets;
  stats_.summarise(j);
  core::write_file_atomically(path, j.dump(1) + "\n");
}

}  // namespace orpheus::app
