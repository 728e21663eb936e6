#include "core/background.h"

#include <sys/resource.h>
#include <unistd.h>

#include "core/log.h"

namespace orpheus::core {

Background::Background(std::function<void()> wake) : wake_(std::move(wake)) {
  lanes_[0].thread = std::thread([this] { run(lanes_[0], false); });
  lanes_[1].thread = std::thread([this] { run(lanes_[1], true); });
}

Background::~Background() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    for (auto& lane : lanes_) lane.jobs.clear();
  }
  work_cv_.notify_all();
  for (auto& lane : lanes_) lane.thread.join();
}

void lower_this_thread() { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10); }

void Background::run(Lane& lane, bool low) {
  // After the visitor's frames and the normal lane: this lane reads whole packs.
  if (low) lower_this_thread();
  std::unique_lock lock(mutex_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stop_ || !lane.jobs.empty(); });
    if (stop_) return;
    Job job = std::move(lane.jobs.front());
    lane.jobs.pop_front();
    lane.running = true;
    lock.unlock();
    std::function<bool()> done;
    try {
      done = job();
    } catch (const std::exception& e) {  // a Request catches its work's errors: this is a bug
      log::error("background", e.what());
    }
    job = {};  // what it holds goes here, off the lock
    lock.lock();
    lane.running = false;
    const bool result = static_cast<bool>(done);
    if (result) done_.push_back(std::move(done));
    done_cv_.notify_all();
    if (!result) continue;
    lock.unlock();
    wake_();
    lock.lock();
  }
}

void Background::post(Priority priority, Job job) {
  {
    std::lock_guard lock(mutex_);
    lanes_[priority == Priority::low ? 1 : 0].jobs.push_back(std::move(job));
  }
  work_cv_.notify_all();
}

bool Background::deliver() {
  std::deque<std::function<bool()>> done;
  {
    std::lock_guard lock(mutex_);
    done.swap(done_);
  }
  bool redraw = false;
  for (auto& d : done) redraw = d() || redraw;
  return redraw;
}

bool Background::has_results() const {
  std::lock_guard lock(mutex_);
  return !done_.empty();
}

bool Background::busy() const {
  std::lock_guard lock(mutex_);
  for (const auto& lane : lanes_)
    if (lane.running || !lane.jobs.empty()) return true;
  return false;
}

void Background::wait_for_result() {
  std::unique_lock lock(mutex_);
  done_cv_.wait(lock, [this] {
    if (!done_.empty()) return true;
    for (const auto& lane : lanes_)
      if (lane.running || !lane.jobs.empty()) return false;
    return true;
  });
}

}  // namespace orpheus::core
