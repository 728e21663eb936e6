#pragma once
// Which pack the kiosk shows, and noticing a newly installed one. Every pack is checked before
// it is shown: its seal (content hash) and signature against the trusted keys, then loaded into
// a snapshot. Under a strict policy an unsigned, untrusted or tampered pack is refused; under a
// development policy it is shown with a warning in the log. No SDL: the app decides when to
// switch (at an idle moment), this only prepares.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "store/content_store.h"
#include "trust/seal.h"

namespace orpheus::app {

struct ContentPolicy {
  std::vector<trust::PublicKey> trusted;
  bool require_trusted = false;  // kiosk mode: refuse what is not trusted
  trust::HashMemo memo;          // hashes of packs already read in full (none: always read them)
  std::vector<std::string> fallback_languages;  // the kiosk's, before the pack's (catalog::load_snapshot)
};

struct CheckedPack {
  std::filesystem::path file;
  std::shared_ptr<const catalog::Snapshot> snapshot;
  trust::Verdict verdict = trust::Verdict::unsealed;
  std::string trust_note;  // why it is not trusted (development policy), empty if trusted
  // Judged on the hash the memo remembered, without reading the whole file: that hash, for
  // confirm_recalled once the pack is on screen.
  std::optional<trust::ContentHash> recalled;
};

// Checks and loads one pack file. Blocking: reads the whole file to hash it, unless the policy's
// memo remembers its hash (the file unchanged since); remembers the hash it computes. Throws
// catalog::LoadError naming the file and the reason when it is refused or unreadable.
CheckedPack open_checked(const std::filesystem::path& file, const ContentPolicy& policy);

// For a pack shown on a recalled hash: reads the whole file (blocking; on any thread) and
// returns nothing if it still has that hash. Otherwise forgets it in `memo` and returns why, a
// sentence naming the file: the pack must then be checked again from scratch.
std::optional<std::string> confirm_recalled(const std::filesystem::path& file, const trust::ContentHash& recalled,
                                            const trust::HashMemo& memo);

// Watches a content store from its own thread. Thread-safe; `wake` is called from the watcher
// thread when a new pack is ready to take.
class ContentWatcher {
 public:
  ContentWatcher(store::ContentStore store, ContentPolicy policy, std::function<void()> wake,
                 std::chrono::milliseconds poll = std::chrono::seconds(2));
  ~ContentWatcher();  // stops and joins the thread
  ContentWatcher(const ContentWatcher&) = delete;
  ContentWatcher& operator=(const ContentWatcher&) = delete;

  // Blocking, before the first frame: the current pack, else the previous one. Throws
  // catalog::LoadError with every reason when neither can be shown. Starts watching either way,
  // so a kiosk with nothing to show picks up the next pack installed.
  CheckedPack initial();
  bool ready() const;
  // A newly installed (or rolled back) pack, checked and loaded, if one is waiting.
  std::optional<CheckedPack> take_ready();

 private:
  void loop();
  void poll_once();

  store::ContentStore store_;
  ContentPolicy policy_;
  std::function<void()> wake_;
  std::chrono::milliseconds poll_;

  mutable std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::filesystem::path shown_;          // the file on screen, or about to be (ready_)
  std::filesystem::path refused_;        // the last file refused: not retried until the state changes
  std::optional<CheckedPack> ready_;
  std::thread thread_;
};

}  // namespace orpheus::app
