#include "app/content_watch.h"

#include "core/log.h"

namespace orpheus::app {
namespace {

// trust::check's reasons start with the file's name; LoadError and the log name it already.
std::string without_file(const std::filesystem::path& file, const std::string& reason) {
  const std::string prefix = file.string() + ": ";
  return reason.rfind(prefix, 0) == 0 ? reason.substr(prefix.size()) : reason;
}

}  // namespace

CheckedPack open_checked(const std::filesystem::path& file, const ContentPolicy& policy) {
  CheckedPack pack;
  pack.file = file;
  trust::Check check;
  if (auto recalled = policy.memo.recall(file)) {
    pack.recalled = recalled->actual;
    check = trust::judge(file, std::move(*recalled), policy.trusted);
  } else {
    const auto before = trust::identity_of(file);
    check = trust::check(file, policy.trusted);
    if (before && check.seal) {
      try {
        policy.memo.remember(file, *before, *check.seal);
      } catch (const trust::TrustError& e) {
        log::warn("content", std::string(e.what()) + ": every start will read the whole pack first");
      }
    }
  }
  pack.verdict = check.verdict;
  if (!check.trusted()) {
    if (policy.require_trusted) throw catalog::LoadError(file, "refused: " + without_file(file, check.reason));
    pack.trust_note = without_file(file, check.reason);
  }
  pack.snapshot = catalog::load_snapshot(file, policy.fallback_languages);
  if (!pack.trust_note.empty())
    log::warn("content", file.string() + ": shown only because this is not kiosk mode: " + pack.trust_note);
  return pack;
}

std::optional<std::string> confirm_recalled(const std::filesystem::path& file, const trust::ContentHash& recalled,
                                            const trust::HashMemo& memo) {
  std::string problem;
  try {
    const trust::Seal seal = trust::read_seal(file);
    if (seal.actual == recalled) return std::nullopt;
    problem = "its bytes changed since its hash was remembered, though the file looks untouched (damage on the disk?)";
  } catch (const std::exception& e) {
    problem = "it can no longer be read in full: " + without_file(file, e.what());
  }
  memo.forget(file);
  return file.string() + ": " + problem;
}

ContentWatcher::ContentWatcher(store::ContentStore store, ContentPolicy policy, std::function<void()> wake,
                               std::chrono::milliseconds poll)
    : store_(std::move(store)), policy_(std::move(policy)), wake_(std::move(wake)), poll_(poll) {}

ContentWatcher::~ContentWatcher() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

CheckedPack ContentWatcher::initial() {
  struct Start {
    ContentWatcher* self;
    ~Start() {
      if (!self->thread_.joinable()) self->thread_ = std::thread([s = self] { s->loop(); });
    }
  } start{this};
  std::string reasons;
  std::optional<std::filesystem::path> current, previous;
  try {
    current = store_.current();
    previous = store_.previous();
  } catch (const store::StoreError& e) {
    throw catalog::LoadError(store_.dir(), e.what());
  }
  for (const auto& candidate : {current, previous}) {
    if (!candidate) continue;
    try {
      CheckedPack pack = open_checked(*candidate, policy_);
      std::lock_guard lock(m_);
      shown_ = pack.file;
      if (candidate == previous && current) refused_ = *current;
      return pack;
    } catch (const catalog::LoadError& e) {
      log::error("content", e.what());
      reasons += (reasons.empty() ? "" : "; ") + std::string(e.what());
    }
  }
  if (reasons.empty()) reasons = "no pack is installed (orpheus-pack install PACK.db puts one there)";
  if (current) {
    std::lock_guard lock(m_);
    refused_ = *current;
  }
  throw catalog::LoadError(store_.dir(), reasons);
}

bool ContentWatcher::ready() const {
  std::lock_guard lock(m_);
  return ready_.has_value();
}

std::optional<CheckedPack> ContentWatcher::take_ready() {
  std::lock_guard lock(m_);
  std::optional<CheckedPack> out = std::move(ready_);
  ready_.reset();
  if (out) shown_ = out->file;
  return out;
}

void ContentWatcher::loop() {
  std::unique_lock lock(m_);
  while (!stop_) {
    lock.unlock();
    try {
      poll_once();
    } catch (const std::exception& e) {  // an exception here would end the kiosk (std::terminate)
      log::error("content", std::string("checking for a new pack failed: ") + e.what());
    }
    lock.lock();
    cv_.wait_for(lock, poll_, [this] { return stop_; });
  }
}

void ContentWatcher::poll_once() {
  std::optional<std::filesystem::path> current;
  try {
    current = store_.current();
  } catch (const store::StoreError& e) {
    log::error("content", e.what());  // the state file is replaced atomically: this is damage, not a race
    return;
  }
  if (!current) return;
  {
    std::lock_guard lock(m_);
    if (*current == shown_) {  // e.g. rolled back before the new one was shown
      ready_.reset();
      return;
    }
    if (ready_ && ready_->file == *current) return;
    ready_.reset();  // the store moved on from the pack that was waiting: it is not current any more
    if (*current == refused_) return;
  }
  log::info("content", "new pack installed: " + current->string() + "; checking it");
  try {
    CheckedPack pack = open_checked(*current, policy_);
    std::lock_guard lock(m_);
    ready_ = std::move(pack);
  } catch (const catalog::LoadError& e) {
    log::error("content", std::string(e.what()) + "; still showing the last good pack");
    std::lock_guard lock(m_);
    refused_ = *current;
    return;
  }
  if (wake_) wake_();
}

}  // namespace orpheus::app
