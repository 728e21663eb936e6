#pragma once
// One background thread for slow work the UI asks for (checking a PIN, installing a pack,
// reading the store): jobs run in order on the worker; each returns a continuation that runs on
// the main thread at the next drain(), so results are applied where the UI lives, and the loop
// is woken to do it. Never blocks the caller.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace orpheus::app {

class Worker {
 public:
  using Done = std::function<void()>;
  using Job = std::function<Done()>;
  explicit Worker(std::function<void()> wake);
  ~Worker();  // finishes the running job, drops queued ones, joins
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void post(Job job);
  void drain();        // main thread: runs finished jobs' continuations
  bool busy() const;   // a job is queued or running

 private:
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  std::deque<Done> done_;
  bool running_ = false, stop_ = false;
  std::thread thread_;
};

}  // namespace orpheus::app
