#pragma once
// Background work, one pattern for all of it (checking a PIN, installing a pack, checking a pack,
// a search, decoding audio): a Request<T> is one kind of work that its owner starts as often as
// it likes. start() queues the work on a worker thread of a Background; a newer start() of the
// same request supersedes the older one: work that has not begun is dropped, work that is running
// sees its Cancelled token turn true and its result is thrown away. A result reaches the owner
// only at Background::deliver(), which the main loop calls between frames, so every screen sees
// the same results for a whole frame; the Background wakes the loop when one is waiting.
// Destroying a Request abandons its work (a screen reset mid-search leaves nothing dangling).
//
// Threads: Background and Request are used from one thread, the owner's (the main thread); only
// the work itself runs on the workers. The image decoders have their own pool (media::ImageLoader).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

namespace orpheus::core {

// normal: one worker, in order of start. low: another worker at a lower CPU priority, for long
// reads that must never delay the visitor's frames nor the normal work (a PIN check).
enum class Priority { normal, low };

// Lowers the calling thread's CPU priority (nice 10) for good: threads it starts inherit it. For
// work that must never take the visitor's frames' CPU (whole-pack reads, font bakes).
void lower_this_thread();

class Background {
 public:
  // `wake` is called from a worker thread when a result waits for deliver().
  explicit Background(std::function<void()> wake);
  ~Background();  // drops queued work, waits for running work, joins
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // Main thread, between frames: hands finished results to their requests. True if one of them
  // has something to show (the loop then draws a frame).
  bool deliver();
  // Work is queued or running (replays wait until none is).
  bool busy() const;

  // What a worker runs: the work, returning what deliver() then runs on the main thread (which
  // tells whether a frame should show it).
  using Job = std::function<std::function<bool()>()>;
  void post(Priority priority, Job job);
  bool has_results() const;  // results wait for deliver()
  // Blocks until a result waits for deliver() or nothing is left to do (start-up only).
  void wait_for_result();

 private:
  struct Lane {
    std::deque<Job> jobs;
    bool running = false;
    std::thread thread;
  };
  void run(Lane& lane, bool low);

  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable work_cv_, done_cv_;
  Lane lanes_[2];
  std::deque<std::function<bool()>> done_;
  bool stop_ = false;
};

// Handed to the work: true once a newer start() superseded it or its Request went away. Long
// work checks it now and then and returns early (its result is thrown away anyway).
class Cancelled {
 public:
  Cancelled(std::shared_ptr<const std::atomic<std::uint64_t>> generation, std::uint64_t mine)
      : generation_(std::move(generation)), mine_(mine) {}
  bool operator()() const { return generation_->load() != mine_; }

 private:
  std::shared_ptr<const std::atomic<std::uint64_t>> generation_;
  std::uint64_t mine_;
};

// Whether a delivered result asks for a frame: `quiet` for work nothing on screen waits for
// (saving a file, giving memory back).
enum class Delivery { redraw, quiet };

template <class T>
class Request {
 public:
  explicit Request(Background& background, Priority priority = Priority::normal, Delivery delivery = Delivery::redraw)
      : background_(&background), priority_(priority), redraw_(delivery == Delivery::redraw) {}
  ~Request() { ++*shared_->generation; }
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  // Queues `work` (run on a worker; it may throw) and supersedes what was started before.
  void start(std::function<T(const Cancelled&)> work) {
    const std::uint64_t mine = ++*shared_->generation;
    shared_->result.reset();
    pending_ = true;
    background_->post(priority_, [shared = shared_, mine, redraw = redraw_, work = std::move(work)]() -> std::function<bool()> {
      if (shared->generation->load() != mine) return {};  // superseded before it began
      auto outcome = std::make_shared<Outcome>();
      try {
        outcome->value.emplace(work(Cancelled(shared->generation, mine)));
      } catch (...) {
        outcome->error = std::current_exception();
      }
      if (shared->generation->load() != mine) return {};  // superseded meanwhile: thrown away here
      return [shared, mine, outcome, redraw] {
        if (shared->generation->load() != mine) return false;
        shared->result = std::move(*outcome);
        return redraw;
      };
    });
  }
  // Drops what was started: nothing will be delivered until the next start().
  void cancel() {
    ++*shared_->generation;
    shared_->result.reset();
    pending_ = false;
  }
  // Started and not yet taken.
  bool pending() const { return pending_; }
  // The result of the latest start() once delivered, exactly once; rethrows what the work threw.
  std::optional<T> take() {
    if (!shared_->result) return std::nullopt;
    Outcome o = std::move(*shared_->result);
    shared_->result.reset();
    pending_ = false;
    if (o.error) std::rethrow_exception(o.error);
    return std::move(o.value);
  }
  // Blocks until the latest start() has a result, delivers it and returns it (start-up, never
  // inside a frame). Rethrows what the work threw.
  T wait() {
    while (!shared_->result) {
      if (!pending_) throw std::logic_error("Request::wait(): nothing was started");
      background_->wait_for_result();
      background_->deliver();
      if (!shared_->result && !background_->busy() && !background_->has_results())
        throw std::logic_error("Request::wait(): the work was dropped");
    }
    return std::move(*take());
  }

 private:
  struct Outcome {
    std::optional<T> value;
    std::exception_ptr error;
  };
  struct Shared {
    std::shared_ptr<std::atomic<std::uint64_t>> generation = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::optional<Outcome> result;  // main thread only: set by deliver()
  };
  Background* background_;
  Priority priority_;
  bool redraw_;
  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
  bool pending_ = false;
};

}  // namespace orpheus::core
