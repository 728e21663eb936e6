#pragma once
// Which pack the kiosk shows, and when that changes. At start-up the pack is checked (its seal
// over the whole file or its remembered hash, its signature, its snapshot) on a background worker
// while the window opens; load() waits for it. With a content store a ContentWatcher notices newly
// installed packs, and a new one is shown only once nobody has touched the screen for
// switch_after_idle (or when the technician closes the admin screen). A pack shown on a
// remembered hash is read in full once the first frame is up, at low priority; if its bytes
// changed it is checked again from scratch, which in kiosk mode refuses it. Whatever goes wrong,
// the kiosk keeps the last good pack, else shows the "unavailable" screen. Main thread only.
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "app/content_watch.h"
#include "app/options.h"
#include "catalog/catalog.h"
#include "config/config.h"
#include "core/background.h"

namespace orpheus::app {

class PackSwitcher {
 public:
  // `wake` is called from the watcher's thread when a new pack is ready.
  PackSwitcher(const Options& options, const config::Config& config, core::Background& background,
               std::function<void()> wake);

  void start();  // the start-up check, on a background worker
  // Waits for the start-up check and shows its pack, or none (unavailable_reason() says why, and
  // the log). Throws UsageError when no pack and no content store was given at all.
  void load();
  // Between frames: acts on a finished confirmation, and shows a waiting new pack once nobody
  // has touched the screen since switch_after_idle (`touching`: a finger is down now). True if
  // what is shown changed.
  bool poll(double now_ms, double last_input_ms, bool touching);
  // Shows a waiting new pack now (the technician closed the admin screen). True if it did.
  bool show_waiting();
  // A pack shown on a remembered hash is read in full from now on (after the first frame).
  void first_frame_presented();
  // When a waiting new pack may be shown, if one waits and no finger is down.
  std::optional<double> deadline(double last_input_ms, bool touching) const;
  bool new_pack_waiting() const { return watcher_ && watcher_->ready(); }
  // Shows nothing any more (the screens could not be drawn): the "unavailable" screen.
  void drop(std::string reason);
  // The state dump's "pack" (id, version, file, trusted, trust_note), or the "reason" there is none.
  void state(nlohmann::json& out) const;

  const catalog::Snapshot* snapshot() const { return snapshot_.get(); }
  const std::shared_ptr<const catalog::Snapshot>& shared_snapshot() const { return snapshot_; }
  const std::filesystem::path& file() const { return file_; }
  const std::string& trust_note() const { return trust_note_; }  // why not trusted (development); empty: trusted
  const std::string& unavailable_reason() const { return unavailable_reason_; }
  bool require_trusted() const { return policy_.require_trusted; }

 private:
  void show(CheckedPack pack);
  void confirm();
  bool check_confirmation();

  const Options& options_;
  const config::Config& config_;
  std::function<void()> wake_;
  ContentPolicy policy_;
  double switch_after_idle_ms_ = 60000;
  std::shared_ptr<ContentWatcher> watcher_;  // with a content store: notices newly installed packs
  core::Request<CheckedPack> check_;         // the start-up check
  // The shown pack was judged on a remembered hash: read in full once the first frame is up.
  std::optional<trust::ContentHash> to_confirm_;
  core::Request<std::optional<std::string>> confirming_;
  std::filesystem::path confirming_file_;  // the file being confirmed
  bool presented_ = false;                 // the first frame is up
  std::optional<std::string> usage_error_;  // no pack given: reported where load() always did

  std::shared_ptr<const catalog::Snapshot> snapshot_;
  std::filesystem::path file_;  // the file snapshot_ came from
  std::string trust_note_;
  std::string unavailable_reason_;
};

}  // namespace orpheus::app
