#include "app/pack_switcher.h"

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace orpheus::app {

PackSwitcher::PackSwitcher(const Options& options, const config::Config& config, core::Background& background,
                           std::function<void()> wake)
    : options_(options),
      config_(config),
      wake_(std::move(wake)),
      check_(background),
      confirming_(background, core::Priority::low, core::Delivery::quiet) {}

void PackSwitcher::start() {
  policy_.trusted = config_.content.trusted_keys;
  policy_.require_trusted = options_.kiosk || (options_.config && config_.content.require_signature);
  policy_.memo = trust::HashMemo(config::pack_hashes_file(config_));
  policy_.fallback_languages = config_.session.fallback_languages;
  switch_after_idle_ms_ = config_.content.switch_after_idle_s * 1000.0;
  const auto dir = !options_.content_dir.empty() ? options_.content_dir : options_.pack.empty() ? config_.content.dir : "";
  if (options_.pack.empty() && dir.empty()) {
    usage_error_ = (options_.config ? options_.config->string() : std::string("the configuration")) +
                   ": no [content] dir, and no --pack or --content-dir given";
    return;
  }
  // The work only reads what it is given (and the watcher, which is thread-safe and stays alive
  // while the work holds it); errors, catalog::LoadError included, come back as thrown.
  if (!dir.empty()) {
    watcher_ = std::make_shared<ContentWatcher>(store::ContentStore(dir), policy_, wake_);
    check_.start([watcher = watcher_](const core::Cancelled&) { return watcher->initial(); });
  } else {
    check_.start([file = options_.pack, policy = policy_](const core::Cancelled&) { return open_checked(file, policy); });
  }
}

void PackSwitcher::load() {
  if (usage_error_) throw UsageError(*usage_error_);
  try {
    show(check_.wait());
  } catch (const catalog::LoadError& e) {
    snapshot_.reset();
    unavailable_reason_ = e.what();
    log::error("catalog", unavailable_reason_);  // names the file and the reason
  }
}

void PackSwitcher::show(CheckedPack pack) {
  snapshot_ = std::move(pack.snapshot);
  file_ = pack.file;
  trust_note_ = pack.trust_note;
  to_confirm_ = pack.recalled;
  if (to_confirm_ && presented_) confirm();
  unavailable_reason_.clear();
  log::info("catalog", "showing " + snapshot_->pack.id + " " + snapshot_->pack.version + " from " + file_.string() + " (" +
                           std::to_string(snapshot_->items.size()) + " items)");
}

void PackSwitcher::drop(std::string reason) {
  snapshot_.reset();
  unavailable_reason_ = std::move(reason);
}

void PackSwitcher::state(nlohmann::json& out) const {
  if (!snapshot_) {
    out["reason"] = unavailable_reason_;
    return;
  }
  out["pack"] = {{"id", snapshot_->pack.id}, {"version", snapshot_->pack.version}, {"file", snapshot_->file.string()},
                 {"trusted", trust_note_.empty()}, {"trust_note", trust_note_}};
}

void PackSwitcher::first_frame_presented() {
  presented_ = true;
  if (to_confirm_) confirm();
}

void PackSwitcher::confirm() {
  log::info("content", file_.string() + ": shown on its remembered hash; reading it in full in the background");
  confirming_file_ = file_;
  confirming_.start([file = file_, hash = *to_confirm_, memo = policy_.memo](const core::Cancelled&) {
    return confirm_recalled(file, hash, memo);
  });
  to_confirm_.reset();
}

bool PackSwitcher::check_confirmation() {
  const auto done = confirming_.take();
  if (!done) return false;
  const auto& problem = *done;
  if (!problem) {
    log::info("content", confirming_file_.string() + ": read in full, it still has the hash it was shown on");
    return false;
  }
  if (confirming_file_ != file_) {  // another pack replaced it meanwhile: nothing to take down
    log::warn("content", *problem + " (no longer shown)");
    return false;
  }
  if (!policy_.require_trusted) {
    log::warn("content", *problem + "; shown only because this is not kiosk mode");
    trust_note_ = *problem;
    return false;
  }
  // Checked again from scratch, as at start: refused now, the store's previous pack (or the
  // unavailable screen) takes its place. Blocking, but this is damage, not a visitor's path.
  log::error("content", *problem + "; checking the content again");
  watcher_.reset();
  start();
  load();
  return true;
}

std::optional<double> PackSwitcher::deadline(double last_input_ms, bool touching) const {
  // While a finger is down there is no deadline: lifting it is an event, and sets a new one.
  if (!new_pack_waiting() || touching) return std::nullopt;
  return last_input_ms + switch_after_idle_ms_;
}

bool PackSwitcher::poll(double now_ms, double last_input_ms, bool touching) {
  const bool rechecked = check_confirmation();
  // A new pack never replaces the screen under a visitor's finger, nor while they may still be
  // reading: only once nobody has touched the screen for switch_after_idle.
  const auto due = deadline(last_input_ms, touching);
  if (!due || now_ms < *due) return rechecked;
  return show_waiting() || rechecked;
}

bool PackSwitcher::show_waiting() {
  if (!new_pack_waiting()) return false;
  auto pack = watcher_->take_ready();
  if (!pack) return false;
  show(std::move(*pack));
  return true;
}

}  // namespace orpheus::app
