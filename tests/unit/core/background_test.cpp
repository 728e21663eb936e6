#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/background.h"
#include "support/wait.h"

using namespace orpheus::core;
using namespace std::chrono_literals;
using orpheus::test::wait_until;

namespace {

// Delivers until `done` says so, at most 5 s (a hung worker fails the test, not the suite).
template <class Done>
bool deliver_until(Background& bg, Done done) {
  return wait_until([&] {
    bg.deliver();
    return done();
  }, 5s);
}

// A gate a worker waits at until the test opens it (a worker held longer than 20 s goes on).
struct Gate {
  std::atomic<bool> open{false}, reached{false};
  void pass() {
    reached = true;
    wait_until([&] { return open.load(); });
  }
  void wait_reached() { REQUIRE(wait_until([&] { return reached.load(); }, 5s)); }
};

}  // namespace

TEST_SUITE("Background work") {
  TEST_CASE("Work runs on a worker; its result reaches the owner only at deliver(), once, and wakes the loop") {
    std::atomic<int> wakes{0};
    Background bg([&] { ++wakes; });
    Request<std::thread::id> r(bg);
    CHECK_FALSE(r.pending());
    r.start([](const Cancelled&) { return std::this_thread::get_id(); });
    CHECK(r.pending());
    REQUIRE(wait_until([&] { return wakes > 0; }, 5s));
    CHECK_FALSE(bg.busy());
    CHECK(bg.has_results());
    CHECK_FALSE(r.take());  // finished, but not delivered: a frame never sees a result change under it
    CHECK(wakes.load() == 1);
    bg.deliver();
    const auto id = r.take();
    REQUIRE(id);
    CHECK(*id != std::this_thread::get_id());
    CHECK_FALSE(r.pending());
    CHECK_FALSE(r.take());  // exactly once
  }

  TEST_CASE("A newer start supersedes: queued work never runs, running work is told and its result dropped") {
    Background bg([] {});
    Request<int> r(bg);
    Gate gate;
    std::atomic<bool> saw_cancel{false};
    std::atomic<int> ran{0};
    r.start([&](const Cancelled& cancelled) {
      ++ran;
      gate.pass();
      saw_cancel = cancelled();
      return 1;
    });
    gate.wait_reached();
    // A blocker on the same worker keeps the second start queued behind the first.
    r.start([&](const Cancelled&) {
      ++ran;
      return 2;
    });
    r.start([&](const Cancelled&) {
      ++ran;
      return 3;
    });
    gate.open = true;
    std::optional<int> got;
    REQUIRE(deliver_until(bg, [&] { return (got = r.take()).has_value(); }));
    CHECK(*got == 3);
    CHECK(saw_cancel);   // the running one learnt it was superseded
    CHECK(ran == 2);     // the first (already running) and the last; the middle one was dropped unrun
    bg.deliver();
    CHECK_FALSE(r.take());  // nothing of the first arrives late
  }

  TEST_CASE("What the work throws is rethrown by take() on the owner's thread") {
    Background bg([] {});
    Request<int> r(bg);
    r.start([](const Cancelled&) -> int { throw std::runtime_error("pack.db: not a pack"); });
    bool thrown = false;
    REQUIRE(deliver_until(bg, [&] {
      try {
        return r.take().has_value();
      } catch (const std::runtime_error& e) {
        thrown = std::string(e.what()) == "pack.db: not a pack";
        return true;
      }
    }));
    CHECK(thrown);
    CHECK_FALSE(r.pending());
  }

  TEST_CASE("A request destroyed while its work runs leaves nothing behind") {
    Background bg([] {});
    Gate gate;
    std::atomic<bool> cancelled_seen{false};
    {
      Request<std::string> r(bg);
      r.start([&](const Cancelled& cancelled) {
        gate.pass();
        cancelled_seen = cancelled();
        return std::string(1000, 'x');
      });
      gate.wait_reached();
    }  // the screen that asked went away (a reset)
    gate.open = true;
    CHECK(wait_until([&] { return !bg.busy(); }, 5s));
    CHECK(cancelled_seen);
    CHECK_FALSE(bg.has_results());  // its result was dropped on the worker, never queued
    bg.deliver();
  }

  TEST_CASE("Low-priority work never delays normal work") {
    Background bg([] {});
    Request<int> slow(bg, Priority::low), quick(bg);
    Gate gate;
    slow.start([&](const Cancelled&) {
      gate.pass();
      return 1;
    });
    gate.wait_reached();
    quick.start([](const Cancelled&) { return 2; });
    std::optional<int> got;
    REQUIRE(deliver_until(bg, [&] { return (got = quick.take()).has_value(); }));
    CHECK(*got == 2);
    CHECK(slow.pending());  // still held at the gate
    gate.open = true;
    CHECK(slow.wait() == 1);
  }

  TEST_CASE("wait() blocks until the result is there (start-up), and refuses when nothing was started") {
    Background bg([] {});
    Request<int> r(bg);
    CHECK_THROWS_AS(r.wait(), std::logic_error);
    r.start([](const Cancelled&) {
      std::this_thread::sleep_for(30ms);
      return 42;
    });
    CHECK(r.wait() == 42);
    CHECK_FALSE(r.pending());
  }

  TEST_CASE("cancel() drops what was started") {
    Background bg([] {});
    Request<int> r(bg);
    Gate gate;
    r.start([&](const Cancelled&) {
      gate.pass();
      return 7;
    });
    gate.wait_reached();
    r.cancel();
    CHECK_FALSE(r.pending());
    gate.open = true;
    CHECK(wait_until([&] { return !bg.busy(); }, 5s));
    bg.deliver();
    CHECK_FALSE(r.take());
  }

  TEST_CASE("Queued work is dropped and running work finishes when the Background goes") {
    std::atomic<int> ran{0};
    Gate gate;
    {
      std::jthread opener;  // joined after the Background's destructor returned
      Background bg([] {});
      Request<int> a(bg), b(bg);
      a.start([&](const Cancelled&) {
        gate.pass();
        ++ran;
        return 1;
      });
      b.start([&](const Cancelled&) {
        ++ran;
        return 2;
      });
      gate.wait_reached();
      opener = std::jthread([&] {
        std::this_thread::sleep_for(20ms);
        gate.open = true;
      });
    }  // requests first (declared later), then the Background: joins the running work
    CHECK(ran == 1);
  }
}
