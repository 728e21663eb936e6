#pragma once
// Internal to orpheus_packs: run work(i) for i in [0, n) on worker threads and hand each result
// to consume(i, result) on the calling thread, in index order. At most `window` results exist
// at once (done but not consumed, or in progress), which bounds memory to `window` images.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace orpheus::packs::detail {

template <class R, class Work, class Consume>
void parallel_ordered(std::size_t n, unsigned threads, Work work, Consume consume) {
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) consume(i, work(i));
    return;
  }
  const std::size_t window = threads + 1;
  struct Slot {
    std::optional<R> value;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> slots(n);
  std::mutex m;
  std::condition_variable cv;
  std::size_t next = 0, consumed = 0;
  bool stop = false;

  auto worker = [&] {
    while (true) {
      std::size_t i;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return stop || next >= n || next < consumed + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      Slot done;
      try {
        done.value.emplace(work(i));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      std::lock_guard lock(m);
      slots[i] = std::move(done);
      cv.notify_all();
    }
  };
  std::vector<std::jthread> pool;
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  for (unsigned t = 0; t < count; ++t) pool.emplace_back(worker);

  auto finish = [&] {
    {
      std::lock_guard lock(m);
      stop = true;
    }
    cv.notify_all();
    pool.clear();  // joins
  };
  try {
    for (std::size_t i = 0; i < n; ++i) {
      Slot slot;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return slots[i].ready; });
        slot = std::move(slots[i]);
        slots[i] = Slot{};
      }
      if (slot.error) std::rethrow_exception(slot.error);
      consume(i, std::move(*slot.value));
      {
        std::lock_guard lock(m);
        consumed = i + 1;
      }
      cv.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace orpheus::packs::detail
