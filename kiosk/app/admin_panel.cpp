#include "app/admin_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/log.h"
#include "ops/health.h"
#include "packs/installer.h"
#include "store/content_store.h"

namespace orpheus::app {

using core::steady_ms;
namespace {

// Steps a technician can reach in a few taps; the configuration file allows any value.
constexpr double kIdleSteps[] = {30, 45, 60, 90, 120, 180, 300, 600, 900, 1800};
constexpr double kAttractSteps[] = {0, 60, 90, 120, 180, 300, 600, 900, 1800, 3600};

template <std::size_t N>
double step(const double (&steps)[N], double v, int dir) {
  const double* b = std::begin(steps);
  const double* e = std::end(steps);
  if (dir > 0) {
    const double* it = std::upper_bound(b, e, v);
    return it == e ? *(e - 1) : *it;
  }
  const double* it = std::lower_bound(b, e, v);
  return it == b ? *b : *(it - 1);
}

std::string format_bytes(std::uint64_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, b >= (1ull << 30) ? "%.1f GB" : "%.0f MB",
                b >= (1ull << 30) ? static_cast<double>(b) / (1ull << 30) : static_cast<double>(b) / (1ull << 20));
  return buf;
}

// Pack files on removable media, a few folders deep ($ORPHEUS_MEDIA_ROOTS: where they are mounted).
std::vector<std::string> packs_on_removable_media() {
  std::vector<std::string> found;
  std::error_code ec;
  const char* env = std::getenv("ORPHEUS_MEDIA_ROOTS");
  const std::string roots = env ? env : "/media:/run/media:/mnt";
  for (std::size_t at = 0; at <= roots.size();) {
    const std::size_t colon = std::min(roots.find(':', at), roots.size());
    const std::filesystem::path root = roots.substr(at, colon - at);
    at = colon + 1;
    if (root.empty() || !std::filesystem::is_directory(root, ec)) continue;
    std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end && found.size() < 20; it.increment(ec)) {
      if (it.depth() >= 3) it.disable_recursion_pending();
      if (it->path().extension() == ".db" && it->is_regular_file(ec)) found.push_back(it->path().string());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

// The Visitors tab with a sentence instead of its charts.
ui::AdminInfo::Visitors note(std::string_view text) {
  ui::AdminInfo::Visitors v;
  v.note = text;
  return v;
}

}  // namespace

AdminPanel::AdminPanel(Settings& settings, const Options& options, const PackSwitcher& content, const ui::Strings& strings,
                       core::Background& background, Hooks hooks)
    : settings_(settings),
      options_(options),
      content_(content),
      strings_(strings),
      hooks_(std::move(hooks)),
      pin_check_(background),
      disk_(background),
      install_(background),
      save_(background, core::Priority::normal, core::Delivery::quiet),
      visitors_(background, core::Priority::low) {}

bool AdminPanel::open_pin_pad(double now_ms) {
  if (is_open()) return false;
  if (settings_.config.admin.pin_hash.empty()) {
    log::info("admin", "the corner was held, but no admin.pin_hash is configured: the admin pad stays closed");
    return false;
  }
  mode_ = Mode::pin;
  pin_entry_.clear();
  pin_message_.clear();
  tick_ms_ = now_ms;
  hooks_.redraw(2);
  log::info("admin", "PIN pad opened");
  return true;
}

void AdminPanel::close() {
  std::fill(pin_entry_.begin(), pin_entry_.end(), '\0');
  pin_entry_.clear();
  mode_ = Mode::closed;
  screen_ = {};
  route_ = {};
  hooks_.redraw(2);
  hooks_.closed();
}

void AdminPanel::poll(double now_ms, const std::string& language) {
  save_.take();
  if (const auto ok = pin_check_.take()) {
    hooks_.redraw(2);
    // Counted even if the pad was closed meanwhile: cancelling right after OK gains no attempt.
    if (*ok) {
      pin_lock_.succeeded();
      if (mode_ != Mode::pin) return;
      log::info("admin", "PIN accepted: admin screen opened");
      mode_ = Mode::panel;
      refresh(now_ms, language);
      return;
    }
    const double locked_ms = pin_lock_.failed(now_ms);
    log::warn("admin", "wrong PIN (" + std::to_string(pin_lock_.failures()) + " in a row)" +
                           (locked_ms > 0 ? "; the pad is locked for " + std::to_string(static_cast<int>(locked_ms / 1000)) + " s" : ""));
    const int left = admin::PinLock::kFreeAttempts - pin_lock_.failures();
    if (mode_ == Mode::pin) pin_message_ = left > 0 ? i18n::format(strings_.translate(language, "admin.wrong", "Wrong PIN ({n} left before the pad locks)"),
                                                                     {{"n", std::to_string(left)}}) : "";
  }
  if (auto look = disk_.take()) {
    info_.installed = std::move(look->installed);
    info_.candidates = std::move(look->candidates);
    info_.can_rollback = std::any_of(info_.installed.begin(), info_.installed.end(), [](const auto& p) { return p.previous; });
    disk_facts_.clear();
    if (!look->disk.empty()) disk_facts_.emplace_back(strings_.translate(language, "admin.fact_disk", "Disk"), look->disk);
    if (!look->problem.empty()) disk_facts_.emplace_back(strings_.translate(language, "admin.fact_store", "Content folder"), look->problem);
    info_.facts.resize(std::min(info_.facts.size(), main_facts_));
    info_.facts.insert(info_.facts.end(), disk_facts_.begin(), disk_facts_.end());
    hooks_.redraw(1);
  }
  if (auto look = visitors_.take()) {
    if (look->none_yet)
      info_.visitors = note(strings_.translate(language, "admin.usage_none", "No visit counted yet."));
    else if (look->problem.empty())
      show_visitors(look->dashboard, language);
    else
      info_.visitors = note(look->problem);
    hooks_.redraw(2);
  }
  if (auto done = install_.take()) {
    info_.busy.clear();
    info_.message = done->text;
    refresh(now_ms, language);
  }
}

void AdminPanel::tick(double now_ms, const std::string& language) {
  if (!is_open() || now_ms < tick_ms_) return;
  tick_ms_ = now_ms + 1000;
  hooks_.redraw(1);
  if (mode_ == Mode::panel && now_ms - refreshed_ms_ >= 3000) refresh(now_ms, language);
  if (mode_ == Mode::panel && screen_.showing_visitors()) read_visitors(now_ms, language);
}

void AdminPanel::read_visitors(double now_ms, const std::string& language) {
  constexpr double kEveryMs = 30000;  // the numbers change with each visitor; no need to chase them
  if (visitors_.pending() || now_ms - visitors_ms_ < kEveryMs) return;
  visitors_ms_ = now_ms;
  const auto file = config::usage_file(settings_.config);
  if (file.empty()) {
    info_.visitors = note(strings_.translate(language, "admin.usage_off",
                                             "Visits are not counted on this kiosk ([usage] enabled, or no [state] dir)."));
    return;
  }
  if (info_.visitors.by_day.empty() && info_.visitors.note.empty())
    info_.visitors.note = std::string(strings_.translate(language, "admin.usage_reading", "Reading the visit counts…"));
  visitors_.start([file, today = hooks_.facts().today](const core::Cancelled&) {
    VisitorsLook look;
    try {
      if (!std::filesystem::exists(file))
        look.none_yet = true;
      else
        look.dashboard = usage::read_dashboard(file, today);
    } catch (const std::exception& e) {
      look.problem = e.what();
      log::warn("admin", std::string("the visit counts cannot be read: ") + e.what());
    }
    return look;
  });
}

void AdminPanel::show_visitors(const usage::Dashboard& d, const std::string& language) {
  auto& v = info_.visitors;
  v = {};
  v.today = d.day.sessions;
  v.month = d.month.sessions;
  v.median_today_s = d.day.median_session_s;
  v.median_month_s = d.month.median_session_s;
  v.objects_per_session = d.month.sessions ? static_cast<double>(d.month.item_views) / static_cast<double>(d.month.sessions) : 0;
  v.searches = d.month.searches;
  v.by_hour.assign(d.day.sessions_by_hour.begin(), d.day.sessions_by_hour.end());
  for (const auto& [date, n] : d.sessions_by_day) {
    v.by_day.push_back(n);
    v.day_labels.push_back(std::to_string(std::atoi(date.c_str() + 8)));  // "2027-03-09" -> "9"
  }
  constexpr std::size_t kTop = 8;
  for (const auto& item : d.month.items) {
    if (v.objects.size() == kTop) break;
    std::string title = item.id;
    if (const auto t = d.titles.find(item.id); t != d.titles.end() && !t->second.empty()) {
      const auto own = t->second.find(language);
      title = own != t->second.end() ? own->second : t->second.begin()->second;
    }
    v.objects.emplace_back(std::move(title), item.views);
  }
  for (const auto& [code, n] : d.month.languages) v.languages.emplace_back(std::string(strings_.language_name(code)), n);
  std::sort(v.languages.begin(), v.languages.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
}

std::optional<double> AdminPanel::next_deadline_ms() const {
  return is_open() ? std::optional<double>(tick_ms_) : std::nullopt;
}

void AdminPanel::draw(ui::UiFrame& f) {
  if (mode_ == Mode::pin) {
    ui::PinPadView v{pin_entry_.size(), pin_check_.pending(), pin_message_, pin_lock_.locked(f.now_ms)};
    if (v.locked)
      v.message = i18n::format(strings_.translate(f.language, "admin.locked", "Too many wrong PINs: locked for {n} s"),
                                  {{"n", std::to_string(static_cast<int>(std::ceil((pin_lock_.locked_until_ms() - f.now_ms) / 1000)))}});
    pin_input(ui::draw_pin_pad(f, v), f.now_ms);
  } else {
    admin_input(screen_.draw(f, info_));
  }
}

void AdminPanel::pin_input(const ui::PinPadInput& in, double now_ms) {
  switch (in.key) {
    case ui::PinKey::none: return;
    case ui::PinKey::cancel: close(); return;
    case ui::PinKey::erase:
      if (!pin_entry_.empty()) pin_entry_.pop_back();
      return;
    case ui::PinKey::digit:
      if (pin_entry_.size() < 12) pin_entry_.push_back(in.digit);
      pin_message_.clear();
      return;
    case ui::PinKey::ok: break;
  }
  if (pin_check_.pending() || pin_lock_.locked(now_ms)) return;
  // Argon2id takes ~0.1 s and 64 MB by design: on a worker, never in a frame.
  pin_check_.start([hash = settings_.config.admin.pin_hash, pin = std::move(pin_entry_)](const core::Cancelled&) mutable {
    const bool ok = admin::verify_pin(hash, pin);
    std::fill(pin.begin(), pin.end(), '\0');
    return ok;
  });
  pin_entry_.clear();
}

void AdminPanel::change_timeouts(double idle_s, double attract_s) {
  auto& session = settings_.config.session;
  session.idle_timeout_s = idle_s;
  session.attract_timeout_s = attract_s;
  info_.idle_s = idle_s;
  info_.attract_s = attract_s;
  hooks_.timeouts_changed(idle_s, attract_s);
  log::info("admin", "timeouts changed: idle " + std::to_string(static_cast<int>(idle_s)) + " s, attract " +
                         std::to_string(static_cast<int>(attract_s)) + " s");
  save();
}

void AdminPanel::save() {
  save_.start([config = settings_.config](const core::Cancelled&) {
    try {
      save_admin_changes(config);
      return true;
    } catch (const std::exception& e) {
      log::warn("admin", e.what());
      return false;
    }
  });
}

void AdminPanel::admin_input(const ui::AdminInput& in) {
  const auto& session = settings_.config.session;
  double idle = session.idle_timeout_s, attract = session.attract_timeout_s;
  switch (in.key) {
    case ui::AdminKey::none: return;
    case ui::AdminKey::close: close(); return;
    case ui::AdminKey::visitors:  // read now: the next tick runs at once
      visitors_ms_ = -1e18;
      tick_ms_ = 0;
      hooks_.redraw(1);
      return;
    case ui::AdminKey::idle_less: idle = step(kIdleSteps, idle, -1); break;
    case ui::AdminKey::idle_more: idle = step(kIdleSteps, idle, +1); break;
    case ui::AdminKey::attract_less: attract = step(kAttractSteps, attract, -1); break;
    case ui::AdminKey::attract_more: attract = step(kAttractSteps, attract, +1); break;
    case ui::AdminKey::volume_less:
    case ui::AdminKey::volume_more: {
      auto& volume = settings_.config.audio.volume;
      volume = std::clamp(volume + (in.key == ui::AdminKey::volume_more ? 10 : -10), 0, 100) / 10 * 10;
      info_.volume = volume;
      log::info("admin", "narration volume changed to " + std::to_string(volume) + "%");
      save();
      hooks_.redraw(1);
      return;
    }
    case ui::AdminKey::restart:
      log::info("admin", "restart requested on the admin screen");
      hooks_.quit(kExitRestart);
      return;
    case ui::AdminKey::exit_desktop:
      log::info("admin", "exit to the desktop requested on the admin screen");
      hooks_.quit(kExitToDesktop);
      return;
    case ui::AdminKey::install:
    case ui::AdminKey::rollback: {
      const bool install = in.key == ui::AdminKey::install;
      if (install && in.index >= info_.candidates.size()) return;
      const std::filesystem::path pack = install ? info_.candidates[in.index] : "";
      info_.busy = install ? "Installing " + pack.string() + "…" : "Rolling back…";
      info_.message.clear();
      packs::InstallOptions o;
      o.trusted = settings_.config.content.trusted_keys;
      o.require_trusted = content_.require_trusted();
      o.threads = 1;  // the visitor's frames keep the other cores
      o.hash_memo = config::pack_hashes_file(settings_.config);
      install_.start([install, pack, o, dir = settings_.config.content.dir](const core::Cancelled&) {
        const packs::Installer installer{store::ContentStore(dir)};
        Outcome r;
        if (install) {
          const auto result = installer.install(pack, o);
          r = {result.installed, result.summary()};
        } else {
          const auto result = installer.rollback();
          r = {result.ok, result.summary()};
        }
        if (r.ok)
          log::info("admin", r.text);
        else
          log::warn("admin", (install ? "install of " + pack.string() : std::string("rollback")) + " failed: " + r.text);
        return r;
      });
      hooks_.redraw(1);
      return;
    }
  }
  if (attract > 0 && attract < idle) attract = in.key == ui::AdminKey::idle_more ? step(kAttractSteps, idle - 1, +1) : attract;
  if (attract > 0 && attract < idle) idle = step(kIdleSteps, attract + 1, -1);
  change_timeouts(idle, attract);
  hooks_.redraw(1);
}

void AdminPanel::refresh(double now_ms, const std::string& language) {
  refreshed_ms_ = now_ms;
  const auto& cfg = settings_.config;
  auto& info = info_;
  info.facts.clear();
  if (const auto* snap = content_.snapshot()) {
    info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_pack", "Content")), snap->pack.id + " " + snap->pack.version);
    info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_signature", "Signature")), content_.trust_note().empty() ? std::string(strings_.translate(language, "admin.trusted", "signed by a trusted key"))
                                                                              : content_.trust_note());
  } else {
    info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_pack", "Content")), "none: " + content_.unavailable_reason());
  }
  const KioskFacts k = hooks_.facts();
  const long up = static_cast<long>(k.uptime_s);
  info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_uptime", "Running for")), std::to_string(up / 86400) + " d " + std::to_string(up / 3600 % 24) + " h " +
                                               std::to_string(up / 60 % 60) + " min");
  const double secs = (steady_ms() - fps_since_ms_) / 1000;
  if (secs > 0.5)
    info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_frame_rate", "Frame rate")), std::to_string(static_cast<int>(static_cast<double>(k.frames - fps_frames_) / secs + 0.5)) +
                                                     " fps now, display " + std::to_string(k.refresh_hz) + " Hz");
  fps_since_ms_ = steady_ms();
  fps_frames_ = k.frames;
  info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_display", "Display")), std::to_string(k.width) + "x" + std::to_string(k.height) + ", " +
                                                std::to_string(static_cast<int>(k.dpi)) + " dpi, " + k.driver);
  info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_memory", "Memory")), format_bytes(ops::resident_bytes()) + " resident, textures " + format_bytes(k.texture_bytes));
  info.facts.emplace_back(std::string(strings_.translate(language, "admin.fact_configuration", "Configuration")), (options_.config ? options_.config->string() : std::string("none")) +
                                                      (settings_.problems.empty() ? "" : ", " + std::to_string(settings_.problems.size()) + " problems"));
  info.idle_s = cfg.session.idle_timeout_s;
  info.attract_s = cfg.session.attract_timeout_s;
  info.volume = cfg.audio.volume;
  info.errors = log::recent_problems();
  if (info.errors.size() > 8) info.errors.erase(info.errors.begin(), info.errors.end() - 8);
  info.can_install = !cfg.content.dir.empty();
  main_facts_ = info.facts.size();
  info.facts.insert(info.facts.end(), disk_facts_.begin(), disk_facts_.end());
  // The disk, the store and removable media: on a worker, one look at a time.
  if (disk_.pending()) return;
  disk_.start([dir = cfg.content.dir](const core::Cancelled&) {
    DiskLook look;
    if (dir.empty()) return look;
    try {
      for (const auto& e : store::ContentStore(dir).list()) look.installed.push_back({e.file.filename().string(), e.current, e.previous});
    } catch (const std::exception& e) {
      look.problem = e.what();
    }
    look.disk = std::to_string(ops::free_disk_bytes(dir) >> 20) + " MB free in " + dir.string();
    look.candidates = packs_on_removable_media();
    return look;
  });
}

nlohmann::json AdminPanel::state(double now_ms) const {
  return {{"mode", mode_ == Mode::pin ? "pin" : "panel"}, {"digits", pin_entry_.size()}, {"locked", pin_lock_.locked(now_ms)},
          {"failures", pin_lock_.failures()}, {"message", pin_message_},
          {"idle_timeout", settings_.config.session.idle_timeout_s},
          {"attract_timeout", settings_.config.session.attract_timeout_s}, {"volume", settings_.config.audio.volume},
          {"installed", info_.installed.size()},
          {"candidates", info_.candidates}, {"result", info_.message}};
}

}  // namespace orpheus::app
