#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/worker.h"

using orpheus::app::Worker;

TEST_SUITE("Worker") {
  TEST_CASE("Jobs run in order off the caller's thread; continuations run at drain on the caller's") {
    std::atomic<int> wakes{0};
    Worker w([&] { ++wakes; });
    const auto main_id = std::this_thread::get_id();
    std::vector<int> order;
    std::thread::id job_thread;
    for (int i = 0; i < 3; ++i)
      w.post([&, i]() -> Worker::Done {
        job_thread = std::this_thread::get_id();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return [&, i] {
          CHECK(std::this_thread::get_id() == main_id);
          order.push_back(i);
        };
      });
    CHECK(w.busy());
    for (int i = 0; i < 500 && (w.busy() || wakes < 3); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK_FALSE(w.busy());
    CHECK(order.empty());  // nothing runs on this thread until drain()
    w.drain();
    CHECK(order == std::vector<int>{0, 1, 2});
    CHECK(job_thread != main_id);
    CHECK(wakes == 3);
  }

  TEST_CASE("A throwing job is logged and the worker goes on") {
    Worker w([] {});
    bool ran = false;
    w.post([]() -> Worker::Done { throw std::runtime_error("boom"); });
    w.post([&]() -> Worker::Done { return [&] { ran = true; }; });
    for (int i = 0; i < 500 && w.busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    w.drain();
    CHECK(ran);
  }
}
