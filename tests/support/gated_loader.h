#pragma once
// Test helpers for code around media::ImageLoader: a loader whose wake callback (run on the worker after each result) goes through a gate, so a test can hold
// the single worker still and get deterministic queue states.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>

#include "media/loader.h"

namespace orpheus::test {

// The wake callback: counts results and, while closed, holds the worker that delivered one.
class Gate {
 public:
  void pass() {
    std::unique_lock lock(mutex_);
    ++woken_;
    cv_.notify_all();
    cv_.wait(lock, [this] { return open_; });
  }
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  int woken() const {
    std::lock_guard lock(mutex_);
    return woken_;
  }
  // Waits until `n` results have been delivered in all.
  bool wait_woken(int n) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, std::chrono::seconds(20), [&] { return woken_ >= n; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = true;
  int woken_ = 0;
};

// A loader whose wake goes through a gate; the gate is opened before the loader is destroyed,
// so a failed check never leaves a worker blocked in the destructor's join.
struct GatedLoader {
  Gate gate;
  std::optional<media::ImageLoader> loader;
  explicit GatedLoader(const std::filesystem::path& pack, int threads = 1) { loader.emplace(pack, threads, [this] { gate.pass(); }); }
  ~GatedLoader() {
    gate.open();
    loader.reset();
  }
  media::ImageLoader* operator->() { return &*loader; }
  media::ImageLoader* get() { return &*loader; }
};

}  // namespace orpheus::test
