#include "app/worker.h"

#include <exception>

#include "core/log.h"

namespace orpheus::app {

Worker::Worker(std::function<void()> wake) : wake_(std::move(wake)) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    for (;;) {
      cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      Job job = std::move(jobs_.front());
      jobs_.pop_front();
      running_ = true;
      lock.unlock();
      Done done;
      try {
        done = job();
      } catch (const std::exception& e) {
        log::error("worker", e.what());
      }
      lock.lock();
      running_ = false;
      if (done) done_.push_back(std::move(done));
      lock.unlock();
      wake_();
      lock.lock();
    }
  });
}

Worker::~Worker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  cv_.notify_one();
  thread_.join();
}

void Worker::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void Worker::drain() {
  std::deque<Done> done;
  {
    std::lock_guard lock(mutex_);
    done.swap(done_);
  }
  for (auto& d : done) d();
}

bool Worker::busy() const {
  std::lock_guard lock(mutex_);
  return running_ || !jobs_.empty();
}

}  // namespace orpheus::app
