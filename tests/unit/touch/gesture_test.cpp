#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "touch/gesture.h"

using namespace orpheus::touch;

namespace {
PointerEvent down(double t, float x, float y, std::int64_t id = 1) { return {t, PointerKind::down, id, x, y}; }
PointerEvent move(double t, float x, float y, std::int64_t id = 1) { return {t, PointerKind::move, id, x, y}; }
PointerEvent up(double t, float x, float y, std::int64_t id = 1) { return {t, PointerKind::up, id, x, y}; }

GestureConfig config(float slop = 8, double long_press = 600) {
  GestureConfig c;
  c.slop_px = slop;
  c.long_press_ms = long_press;
  return c;
}

// One finger moving along x with position x(t), sampled every `step` ms on [t0, t1].
template <class F>
void swipe_x(GestureRecognizer& g, double t0, double t1, double step, F x, std::int64_t id = 1) {
  for (double t = t0; t <= t1 + 1e-9; t += step) g.feed(move(t, static_cast<float>(x(t)), 0, id));
}

bool finite(Vec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }
bool finite(const GestureFrame& f) {
  return finite(f.position) && finite(f.press_origin) && finite(f.drag_delta) && finite(f.focal) &&
         finite(f.release_velocity) && std::isfinite(f.scale) && f.scale > 0 && (!f.tap || finite(*f.tap)) &&
         (!f.long_press || finite(*f.long_press));
}
}  // namespace

TEST_SUITE("Gesture recogniser") {
  TEST_CASE("A press and release in place is a tap at the press point") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100));
    auto f = g.take_frame();
    CHECK(f.pressed);
    CHECK(f.fingers == 1);
    CHECK(f.press_origin.x == 100);
    CHECK_FALSE(f.tap);
    CHECK(g.active());
    g.feed(up(80, 103, 101));
    f = g.take_frame();
    REQUIRE(f.tap);
    CHECK(f.tap->x == 100);
    CHECK(f.tap->y == 100);
    CHECK(f.tap_count == 1);
    CHECK_FALSE(f.pressed);
    CHECK_FALSE(f.drag_ended);
    CHECK(f.fingers == 0);
    CHECK_FALSE(g.active());
    CHECK_FALSE(g.take_frame().tap);  // consumed once
  }

  TEST_CASE("Movement within the slop is still a tap, beyond it a drag") {
    SUBCASE("just inside the slop") {
      GestureRecognizer g(config());
      g.feed(down(0, 0, 0));
      g.feed(move(20, 7.9f, 0));
      auto f = g.take_frame();
      CHECK(f.pressed);
      CHECK_FALSE(f.dragging);
      CHECK(f.drag_delta.x == 0);
      g.feed(up(40, 7.9f, 0));
      CHECK(g.take_frame().tap);
    }
    SUBCASE("just past the slop") {
      GestureRecognizer g(config());
      g.feed(down(0, 0, 0));
      g.feed(move(20, 8.1f, 0));
      auto f = g.take_frame();
      CHECK(f.dragging);
      CHECK_FALSE(f.pressed);
      CHECK(f.drag_delta.x == 8.1f);  // 1:1 from touch-down, including the slop
      CHECK(f.drag_delta.y == 0);
      g.feed(up(40, 8.1f, 0));
      f = g.take_frame();
      CHECK_FALSE(f.tap);
      CHECK(f.drag_ended);
      CHECK(f.drag_delta.x == 0);
    }
    SUBCASE("several moves inside the slop, then out: the first pan frame has them all") {
      GestureRecognizer g(config());
      g.feed(down(0, 0, 0));
      g.feed(move(10, 3, 1));
      g.feed(move(20, 6, 2));
      CHECK(g.take_frame().drag_delta.x == 0);
      g.feed(move(30, 12, 3));
      const auto f = g.take_frame();
      CHECK(f.drag_delta.x == 12);
      CHECK(f.drag_delta.y == 3);
    }
    SUBCASE("released just past the slop without a move in between") {
      GestureRecognizer g(config());
      g.feed(down(0, 0, 0));
      g.feed(up(40, 0, 8.1f));
      const auto f = g.take_frame();
      CHECK_FALSE(f.tap);
      CHECK(f.drag_ended);
      CHECK(f.drag_delta.y == 8.1f);
    }
  }

  TEST_CASE("A swipe that returns to its start is not a tap") {
    GestureRecognizer g(config());
    g.feed(down(0, 50, 50));
    g.feed(move(50, 150, 50));
    g.feed(move(100, 50, 50));
    g.feed(up(120, 50, 50));
    const auto f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK(f.drag_ended);
    CHECK(f.drag_delta.x == 0);  // out and back
  }

  TEST_CASE("A second finger joining prevents the tap") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100, 1));
    g.feed(down(30, 300, 100, 2));
    g.feed(up(60, 300, 100, 2));
    g.feed(up(90, 100, 100, 1));
    const auto f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK(f.drag_ended);
  }

  TEST_CASE("A long press fires once while held, suppresses the tap and reports its deadline") {
    GestureRecognizer g(config(8, 500));
    CHECK_FALSE(g.next_deadline_ms());
    g.feed(down(0, 10, 10));
    REQUIRE(g.next_deadline_ms());
    CHECK(*g.next_deadline_ms() == 500);
    g.tick(499);
    CHECK_FALSE(g.take_frame().long_press);
    g.tick(500);
    auto f = g.take_frame();
    REQUIRE(f.long_press);
    CHECK(f.long_press->x == 10);
    CHECK(f.long_press->y == 10);
    CHECK_FALSE(f.pressed);
    CHECK(f.fingers == 1);
    CHECK_FALSE(g.next_deadline_ms());
    g.tick(800);
    CHECK_FALSE(g.take_frame().long_press);
    g.feed(move(850, 100, 10));  // moving after a long press does not pan
    f = g.take_frame();
    CHECK_FALSE(f.dragging);
    CHECK(f.drag_delta.x == 0);
    g.feed(up(900, 100, 10));
    f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK_FALSE(f.drag_ended);
    CHECK_FALSE(f.long_press);
  }

  TEST_CASE("An event after the deadline fires the long press without a tick") {
    GestureRecognizer g(config(8, 500));
    g.feed(down(0, 10, 10));
    g.feed(move(520, 12, 10));
    CHECK(g.take_frame().long_press);
  }

  TEST_CASE("No long press deadline once panning or with two fingers") {
    GestureRecognizer g(config(8, 500));
    g.feed(down(0, 0, 0));
    g.feed(move(10, 20, 0));
    CHECK_FALSE(g.next_deadline_ms());
    g.tick(1000);
    CHECK_FALSE(g.take_frame().long_press);

    GestureRecognizer h(config(8, 500));
    h.feed(down(0, 0, 0, 1));
    h.feed(down(10, 100, 0, 2));
    CHECK_FALSE(h.next_deadline_ms());
    h.tick(1000);
    CHECK_FALSE(h.take_frame().long_press);
  }

  TEST_CASE("A second tap close in time and place is a double tap") {
    GestureRecognizer g(config());  // double tap: 300 ms, 40 px
    g.feed(down(0, 100, 100));
    g.feed(up(50, 100, 100));
    auto f = g.take_frame();
    REQUIRE(f.tap);
    CHECK(f.tap_count == 1);

    SUBCASE("at the edge of the time window") {
      g.feed(down(350, 130, 100));
      g.feed(up(400, 130, 100));
      f = g.take_frame();
      REQUIRE(f.tap);
      CHECK(f.tap_count == 2);
      CHECK(f.tap->x == 130);
      SUBCASE("a third tap starts a new pair") {
        g.feed(down(450, 130, 100));
        g.feed(up(500, 130, 100));
        f = g.take_frame();
        REQUIRE(f.tap);
        CHECK(f.tap_count == 1);
      }
    }
    SUBCASE("just after the time window") {
      g.feed(down(351, 100, 100));
      g.feed(up(400, 100, 100));
      f = g.take_frame();
      REQUIRE(f.tap);
      CHECK(f.tap_count == 1);
    }
    SUBCASE("too far from the first tap") {
      g.feed(down(150, 141, 100));
      g.feed(up(200, 141, 100));
      f = g.take_frame();
      REQUIRE(f.tap);
      CHECK(f.tap_count == 1);
    }
    SUBCASE("a drag in between breaks the pair") {
      g.feed(down(100, 100, 100));
      g.feed(move(120, 200, 100));
      g.feed(up(140, 200, 100));
      g.feed(down(200, 100, 100));
      g.feed(up(220, 100, 100));
      f = g.take_frame();
      REQUIRE(f.tap);
      CHECK(f.tap_count == 1);
    }
  }

  TEST_CASE("The double tap window runs from the first release, not the first press") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100));
    g.feed(up(250, 100, 100));
    g.take_frame();
    g.feed(down(500, 100, 100));
    g.feed(up(550, 100, 100));
    CHECK(g.take_frame().tap_count == 2);
  }

  TEST_CASE("Drag deltas follow the finger 1:1 across frames") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    g.feed(move(16, 0, 20));
    CHECK(g.take_frame().drag_delta.y == 20);
    g.feed(move(32, 0, 35));
    g.feed(move(48, 0, 50));
    auto f = g.take_frame();
    CHECK(f.drag_delta.y == 30);
    CHECK(f.position.y == 50);
    CHECK(f.focal.y == 50);
    g.feed(up(64, 0, 60));
    f = g.take_frame();
    CHECK(f.drag_delta.y == 10);
    CHECK(f.drag_ended);
    CHECK_FALSE(f.dragging);
    CHECK(f.lock == Lock::vertical);
    // 0, 20, 35, 50, 60 at 16 ms steps: least-squares slope 0.9375 px/ms
    CHECK(f.release_velocity.y == doctest::Approx(0.9375));
    CHECK(f.release_velocity.x == 0);
  }

  TEST_CASE("A constant-speed swipe flicks with its speed") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    swipe_x(g, 8, 200, 8, [](double t) { return 1.5 * t; });
    g.feed(up(208, 1.5f * 208, 0));
    const auto f = g.take_frame();
    REQUIRE(f.drag_ended);
    CHECK(f.release_velocity.x == doctest::Approx(1.5).epsilon(0.02));
    CHECK(f.release_velocity.y == doctest::Approx(0).epsilon(0.001));
    CHECK(f.flick);
    CHECK(f.lock == Lock::horizontal);
  }

  TEST_CASE("A flick needs the release speed to reach flick_px_per_ms") {
    const auto release = [](double speed) {
      GestureRecognizer g(config());  // flick at 0.4 px/ms
      g.feed(down(0, 0, 0));
      swipe_x(g, 10, 300, 10, [&](double t) { return speed * t; });
      g.feed(up(300, static_cast<float>(speed * 300), 0));
      const auto f = g.take_frame();
      REQUIRE(f.drag_ended);
      CHECK(f.release_velocity.x == doctest::Approx(speed).epsilon(0.02));
      return f.flick;
    };
    CHECK_FALSE(release(0.2));
    CHECK_FALSE(release(0.38));
    CHECK(release(0.42));
  }

  TEST_CASE("A slowing finger is released with a lower velocity") {
    // 2 px/ms until 200 ms, then slowing linearly to 0.4 px/ms at 300 ms.
    const auto x = [](double t) { return t <= 200 ? 2 * t : 400 + 2 * (t - 200) - 0.008 * (t - 200) * (t - 200); };
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    swipe_x(g, 10, 300, 10, x);
    g.feed(up(310, static_cast<float>(x(300)), 0));
    const auto f = g.take_frame();
    REQUIRE(f.drag_ended);
    CHECK(f.release_velocity.x < 1.4f);  // a mean over the last 100 ms of 2 -> 0.4 px/ms
    CHECK(f.release_velocity.x > 1.0f);
  }

  TEST_CASE("Only the last ~100 ms of movement set the release velocity") {
    // 3 px/ms for 300 ms, then 0.5 px/ms for 150 ms.
    const auto x = [](double t) { return t <= 300 ? 3 * t : 900 + 0.5 * (t - 300); };
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    swipe_x(g, 10, 450, 10, x);
    g.feed(up(455, static_cast<float>(x(450)), 0));
    CHECK(g.take_frame().release_velocity.x == doctest::Approx(0.5).epsilon(0.03));
  }

  TEST_CASE("A quick swipe after a rest is measured from when the finger started moving") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));  // rests (no events) until 50 ms, then 1 px/ms
    swipe_x(g, 60, 100, 10, [](double t) { return t - 50; });
    g.feed(up(100, 50, 0));
    CHECK(g.take_frame().release_velocity.x == doctest::Approx(1.0));
  }

  TEST_CASE("A clock that jumps back restarts the velocity history") {
    GestureRecognizer g(config());
    g.feed(down(1000, 0, 0));
    swipe_x(g, 1010, 1100, 10, [](double t) { return t - 1000; });  // 1 px/ms
    swipe_x(g, 0, 100, 10, [](double t) { return 100 + 2 * t; });    // then 2 px/ms, on a new clock
    g.feed(up(100, 300, 0));
    CHECK(g.take_frame().release_velocity.x == doctest::Approx(2.0));
  }

  TEST_CASE("A finger that stops before lifting leaves no fling velocity") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    swipe_x(g, 10, 100, 10, [](double t) { return 2 * t; });
    SUBCASE("rested 90 ms") {
      g.feed(up(190, 200, 0));
      const auto f = g.take_frame();
      CHECK(f.drag_ended);
      CHECK(f.release_velocity.x == 0);
      CHECK(f.release_velocity.y == 0);
      CHECK_FALSE(f.flick);
    }
    SUBCASE("rested only 30 ms") {
      g.feed(up(130, 200, 0));
      CHECK(g.take_frame().release_velocity.x == doctest::Approx(2.0));
    }
    SUBCASE("rested with repeated moves in place") {
      g.feed(move(150, 200, 0));
      g.feed(move(190, 200, 0));
      g.feed(up(200, 200, 0));
      CHECK(g.take_frame().release_velocity.x == 0);
    }
  }

  TEST_CASE("Fingers moving apart symmetrically pinch about their midpoint") {
    GestureRecognizer g(config());
    g.feed(down(0, 350, 300, 1));
    g.feed(down(10, 450, 300, 2));
    auto f = g.take_frame();
    CHECK(f.fingers == 2);
    CHECK(f.pinching);
    CHECK(f.dragging);
    CHECK(f.scale == 1);
    CHECK(f.focal.x == 400);
    CHECK(f.focal.y == 300);
    CHECK(f.lock == Lock::none);
    float product = 1;
    for (int i = 1; i <= 10; ++i) {
      const float d = 50 + 10.0f * static_cast<float>(i);  // half distance 50 -> 150
      g.feed(move(10 + 16 * i, 400 - d, 300, 1));
      g.feed(move(10 + 16 * i + 1, 400 + d, 300, 2));
      f = g.take_frame();
      CHECK(f.focal.x == doctest::Approx(400));
      CHECK(f.focal.y == 300);
      CHECK(f.scale > 1);
      product *= f.scale;
    }
    CHECK(product == doctest::Approx(3.0));
    CHECK(f.position.x == doctest::Approx(400));
  }

  TEST_CASE("An asymmetric pinch scales by the distance ratio and pans with the midpoint") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100, 1));
    g.feed(down(10, 200, 100, 2));
    g.take_frame();
    g.feed(move(20, 250, 100, 2));
    g.feed(move(30, 300, 100, 2));  // two events in one frame: 100 -> 150 -> 200
    auto f = g.take_frame();
    CHECK(f.scale == doctest::Approx(2.0));
    CHECK(f.focal.x == 200);
    CHECK(f.focal.y == 100);
    CHECK(f.drag_delta.x == 50);
    CHECK(f.drag_delta.y == 0);
    g.feed(move(40, 100, 200, 2));  // 200 -> 100 apart
    g.feed(move(50, 100, 0, 1));    // -> 200 apart again: the frame's product is 1
    f = g.take_frame();
    CHECK(f.scale == doctest::Approx(1.0));
    CHECK(f.focal.x == 100);
    CHECK(f.focal.y == 100);
  }

  TEST_CASE("A pinch frame in which the fingers lift scales about the pinch's midpoint") {
    GestureRecognizer g(config());
    g.feed(down(0, 600, 400, 1));
    g.feed(down(0, 800, 400, 2));
    g.take_frame();
    g.feed(move(16, 550, 400, 1));
    g.feed(move(16, 850, 400, 2));  // 200 -> 300 apart about (700, 400)
    g.feed(up(16, 550, 400, 1));    // then both lift in the same frame
    g.feed(up(16, 850, 400, 2));
    const auto f = g.take_frame();
    CHECK(f.scale == doctest::Approx(1.5));
    CHECK(f.focal.x == 700);  // not the last finger's position
    CHECK(f.focal.y == 400);
    CHECK(f.drag_ended);
    CHECK(f.fingers == 0);
  }

  TEST_CASE("Two fingers moving together pan without scaling") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100, 1));
    g.feed(down(0, 200, 100, 2));
    g.take_frame();
    for (int i = 1; i <= 5; ++i) {
      g.feed(move(10 * i, 100 + 6.0f * static_cast<float>(i), 100 + 8.0f * static_cast<float>(i), 1));
      g.feed(move(10 * i, 200 + 6.0f * static_cast<float>(i), 100 + 8.0f * static_cast<float>(i), 2));
    }
    auto f = g.take_frame();
    CHECK(f.drag_delta.x == doctest::Approx(30));
    CHECK(f.drag_delta.y == doctest::Approx(40));
    CHECK(f.scale == doctest::Approx(1));
    CHECK(f.lock == Lock::none);
    CHECK(f.focal.x == doctest::Approx(180));
    g.feed(up(50, 130, 140, 1));
    g.feed(up(50, 230, 140, 2));
    f = g.take_frame();
    CHECK(f.drag_ended);
    CHECK_FALSE(f.tap);
    CHECK(f.release_velocity.x == doctest::Approx(0.6));
    CHECK(f.release_velocity.y == doctest::Approx(0.8));
    CHECK(f.flick);
  }

  TEST_CASE("A pan is direction-locked when it starts near an axis") {
    const auto start = [](float dx, float dy) {
      GestureRecognizer g(config());  // 25 degrees
      g.feed(down(0, 500, 500));
      g.feed(move(16, 500 + dx, 500 + dy));
      const auto f = g.take_frame();
      REQUIRE(f.dragging);
      return f.lock;
    };
    const auto at = [&](double degrees) {
      const double r = degrees * std::numbers::pi / 180;
      return start(static_cast<float>(20 * std::cos(r)), static_cast<float>(20 * std::sin(r)));
    };
    CHECK(start(30, 8) == Lock::horizontal);
    CHECK(start(-30, -8) == Lock::horizontal);
    CHECK(start(5, -40) == Lock::vertical);
    CHECK(start(30, 30) == Lock::none);
    CHECK(start(-30, 30) == Lock::none);
    CHECK(at(24) == Lock::horizontal);
    CHECK(at(26) == Lock::none);
    CHECK(at(64) == Lock::none);
    CHECK(at(66) == Lock::vertical);
  }

  TEST_CASE("The lock is kept for the whole pan and reported raw") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    g.feed(move(16, 20, 2));
    CHECK(g.take_frame().lock == Lock::horizontal);
    g.feed(move(32, 20, 60));  // then straight down
    auto f = g.take_frame();
    CHECK(f.lock == Lock::horizontal);
    CHECK(f.drag_delta.y == 58);  // not projected: the consumer decides from the lock
    g.feed(up(48, 20, 60));
    f = g.take_frame();
    CHECK(f.drag_ended);
    CHECK(f.lock == Lock::horizontal);  // of the just-ended pan
    g.feed(down(100, 0, 0));
    CHECK(g.take_frame().lock == Lock::none);  // a new gesture
  }

  TEST_CASE("Fingers joining and leaving re-anchor without a jump") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100, 1));
    g.feed(move(16, 130, 100, 1));
    CHECK(g.take_frame().drag_delta.x == 30);
    g.feed(down(20, 330, 300, 2));  // the focal point moves to the midpoint (230, 200)
    auto f = g.take_frame();
    CHECK(f.drag_delta.x == 0);
    CHECK(f.drag_delta.y == 0);
    CHECK(f.focal.x == 230);
    CHECK(f.focal.y == 200);
    CHECK(f.lock == Lock::horizontal);  // the pan under way keeps its lock
    g.feed(move(32, 350, 300, 2));
    f = g.take_frame();
    CHECK(f.drag_delta.x == 10);  // half of the second finger's movement
    CHECK(f.dragging);
    g.feed(up(40, 130, 100, 1));  // the focal point goes back to finger 2
    f = g.take_frame();
    CHECK(f.drag_delta.x == 0);
    CHECK(f.drag_delta.y == 0);
    CHECK(f.fingers == 1);
    CHECK_FALSE(f.pinching);
    CHECK(f.dragging);
    CHECK(f.focal.x == 350);
    g.feed(move(48, 360, 305, 2));
    f = g.take_frame();
    CHECK(f.drag_delta.x == 10);  // 1:1 with the remaining finger
    CHECK(f.drag_delta.y == 5);
    CHECK(f.scale == 1);
  }

  TEST_CASE("Re-anchoring keeps the release velocity continuous") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0, 1));
    g.feed(down(0, 100, 0, 2));
    for (int i = 1; i <= 10; ++i) {
      g.feed(move(10 * i, 10.0f * static_cast<float>(i), 0, 1));
      g.feed(move(10 * i, 100 + 10.0f * static_cast<float>(i), 0, 2));
    }
    g.feed(up(100, 100, 0, 1));  // the focal point jumps 50 px to finger 2: not a movement
    for (int i = 11; i <= 15; ++i) g.feed(move(10 * i, 100 + 10.0f * static_cast<float>(i), 0, 2));
    g.feed(up(150, 250, 0, 2));
    const auto f = g.take_frame();
    CHECK(f.drag_delta.x == doctest::Approx(150));
    CHECK(f.release_velocity.x == doctest::Approx(1.0));
  }

  TEST_CASE("A third finger is ignored, also after one of the two lifts") {
    GestureRecognizer g(config());
    g.feed(down(0, 100, 100, 1));
    g.feed(down(5, 200, 100, 2));
    g.feed(down(10, 500, 500, 3));
    g.take_frame();
    g.feed(move(20, 900, 900, 3));
    auto f = g.take_frame();
    CHECK(f.fingers == 2);
    CHECK(f.drag_delta.x == 0);
    CHECK(f.scale == 1);
    g.feed(up(30, 100, 100, 1));
    g.feed(move(40, 950, 900, 3));
    f = g.take_frame();
    CHECK(f.fingers == 1);
    CHECK(f.drag_delta.x == 0);
    CHECK(f.focal.x == 200);
    g.feed(up(50, 200, 100, 2));
    f = g.take_frame();
    CHECK(f.drag_ended);
    CHECK(g.active());  // finger 3 still down
    g.feed(up(60, 950, 900, 3));
    f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK_FALSE(g.active());
  }

  TEST_CASE("A palm cancels the gesture and is ignored until every finger lifts") {
    GestureConfig c = config();
    c.max_contacts = 5;
    GestureRecognizer g(c);
    SUBCASE("during a pan") {
      g.feed(down(0, 100, 100, 1));
      swipe_x(g, 10, 100, 10, [](double t) { return 100 + 3 * t; }, 1);
      REQUIRE(g.take_frame().dragging);
      for (int id = 2; id <= 5; ++id) g.feed(down(100, 100.0f * static_cast<float>(id), 300, id));
      CHECK(g.take_frame().fingers == 2);
      g.feed(down(105, 700, 300, 6));
      auto f = g.take_frame();
      CHECK(f.drag_ended);
      CHECK(f.release_velocity.x == 0);
      CHECK(f.release_velocity.y == 0);
      CHECK_FALSE(f.flick);
      CHECK(f.fingers == 0);
      CHECK_FALSE(f.dragging);
      CHECK_FALSE(f.pinching);
      CHECK_FALSE(f.pressed);
      for (int id = 1; id <= 6; ++id) g.feed(move(120, 50.0f * static_cast<float>(id), 900, id));
      f = g.take_frame();
      CHECK(f.drag_delta.x == 0);
      CHECK(f.drag_delta.y == 0);
      CHECK(f.scale == 1);
      CHECK_FALSE(f.drag_ended);
      for (int id = 1; id <= 5; ++id) g.feed(up(130, 50.0f * static_cast<float>(id), 900, id));
      g.feed(down(140, 10, 10, 7));  // a finger landing while the palm is still down
      g.feed(up(150, 10, 10, 7));
      f = g.take_frame();
      CHECK_FALSE(f.tap);
      CHECK_FALSE(f.drag_ended);
      CHECK(g.active());
      g.feed(up(160, 300, 900, 6));
      CHECK_FALSE(g.active());
    }
    SUBCASE("six fingers landing in place") {
      for (int id = 1; id <= 6; ++id) g.feed(down(id, 100.0f * static_cast<float>(id), 300, id));
      auto f = g.take_frame();
      CHECK(f.drag_ended);  // the first two fingers had begun a two-finger pan
      CHECK(f.release_velocity.x == 0);
      CHECK(f.fingers == 0);
      for (int id = 1; id <= 6; ++id) g.feed(up(50 + id, 100.0f * static_cast<float>(id), 300, id));
      f = g.take_frame();
      CHECK_FALSE(f.tap);
      CHECK_FALSE(f.drag_ended);
      CHECK_FALSE(f.long_press);
      CHECK_FALSE(g.active());
    }
    SUBCASE("a single finger held past the long press, then a palm") {
      g.feed(down(0, 100, 100, 1));
      g.tick(700);
      REQUIRE(g.take_frame().long_press);
      for (int id = 2; id <= 6; ++id) g.feed(down(700 + id, 100.0f * static_cast<float>(id), 300, id));
      for (int id = 1; id <= 6; ++id) g.feed(up(800, 100.0f * static_cast<float>(id), 300, id));
      const auto f = g.take_frame();
      CHECK_FALSE(f.tap);
      CHECK_FALSE(f.long_press);
      CHECK_FALSE(g.active());
    }
    // Afterwards a new tap works (and does not pair with anything before the palm).
    g.feed(down(400, 20, 20, 8));
    g.feed(up(450, 20, 20, 8));
    const auto f = g.take_frame();
    REQUIRE(f.tap);
    CHECK(f.tap->x == 20);
    CHECK(f.tap_count == 1);
  }

  TEST_CASE("Ten fingers within max_contacts: the first two pinch, the others are ignored") {
    GestureConfig c = config();
    c.max_contacts = 10;
    GestureRecognizer g(c);
    for (int id = 0; id < 10; ++id) g.feed(down(id, 100 + 100.0f * static_cast<float>(id), 500, id));
    auto f = g.take_frame();
    CHECK(f.fingers == 2);
    CHECK(f.pinching);
    CHECK(f.focal.x == 150);
    for (int id = 2; id < 10; ++id) g.feed(move(20, 37.0f * static_cast<float>(id), 10, id));
    f = g.take_frame();
    CHECK(f.drag_delta.x == 0);
    CHECK(f.scale == 1);
    g.feed(move(30, 300, 500, 1));  // 100 -> 200 apart
    f = g.take_frame();
    CHECK(f.scale == doctest::Approx(2));
    CHECK(f.focal.x == 200);
    CHECK(f.drag_delta.x == 50);
    for (int id = 0; id < 10; ++id) g.feed(up(40, 37.0f * static_cast<float>(id), 10, id));
    f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK(f.drag_ended);
    CHECK_FALSE(g.active());
  }

  TEST_CASE("Cancel forgets the gesture; fingers still down are ignored until they lift") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    g.cancel();
    CHECK(g.active());
    CHECK_FALSE(g.next_deadline_ms());
    g.feed(move(20, 100, 0));
    auto f = g.take_frame();
    CHECK(f.fingers == 0);
    CHECK_FALSE(f.dragging);
    CHECK(f.drag_delta.x == 0);
    g.tick(5000);
    CHECK_FALSE(g.take_frame().long_press);
    SUBCASE("the held finger lifting is no tap") {
      g.feed(up(40, 0, 0));
      CHECK_FALSE(g.take_frame().tap);
      CHECK_FALSE(g.active());
    }
    SUBCASE("another finger meanwhile starts a fresh gesture") {
      g.feed(down(50, 300, 300, 2));
      g.feed(up(90, 300, 300, 2));
      f = g.take_frame();
      REQUIRE(f.tap);
      CHECK(f.tap->x == 300);
      CHECK(g.active());
    }
  }

  TEST_CASE("Cancel during a pan drops the frame's events") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    g.feed(move(20, 50, 0));
    g.cancel();
    const auto f = g.take_frame();
    CHECK(f.drag_delta.x == 0);
    CHECK_FALSE(f.dragging);
    CHECK_FALSE(f.drag_ended);
  }

  TEST_CASE("A cancelled pointer ends the pan without a fling or a tap") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0));
    swipe_x(g, 10, 100, 10, [](double t) { return 3 * t; });
    g.feed({110, PointerKind::cancel, 1, 330, 0});
    auto f = g.take_frame();
    CHECK(f.drag_ended);
    CHECK(f.release_velocity.x == 0);
    CHECK_FALSE(f.flick);
    g.feed(down(200, 0, 0));
    g.feed({210, PointerKind::cancel, 1, 0, 0});
    f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK_FALSE(g.active());
  }

  TEST_CASE("Unknown fingers are ignored and a repeated down is a move") {
    GestureRecognizer g(config());
    g.feed(move(0, 10, 10, 9));
    g.feed(up(5, 10, 10, 9));
    auto f = g.take_frame();
    CHECK_FALSE(f.tap);
    CHECK_FALSE(g.active());
    g.feed(down(10, 0, 0));
    g.feed(down(20, 30, 0));  // same id again
    f = g.take_frame();
    CHECK(f.fingers == 1);
    CHECK(f.dragging);
    CHECK(f.drag_delta.x == 30);
    g.feed(up(30, 30, 0, 9));
    CHECK(g.active());
  }

  TEST_CASE("take_frame resets the per-frame events and keeps the continuous state") {
    GestureRecognizer g(config());
    g.feed(down(0, 0, 0, 1));
    g.feed(down(0, 100, 0, 2));
    g.feed(move(10, 200, 0, 2));
    auto f = g.take_frame();
    CHECK(f.scale == doctest::Approx(2));
    CHECK(f.drag_delta.x == 50);
    f = g.take_frame();
    CHECK(f.scale == 1);
    CHECK(f.drag_delta.x == 0);
    CHECK(f.fingers == 2);
    CHECK(f.pinching);
    CHECK(f.dragging);
    CHECK(f.focal.x == 100);
    CHECK(f.press_origin.x == 0);
  }

  TEST_CASE("Garbage input neither crashes nor leaks NaN into frames") {
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    constexpr float inf = std::numeric_limits<float>::infinity();
    GestureRecognizer g(config());
    const auto check = [&] {
      const auto f = g.take_frame();
      CHECK(finite(f));
      return f;
    };
    SUBCASE("non-finite and huge coordinates") {
      g.feed(down(0, nan, 10));
      g.feed(down(0, 10, inf, 2));
      g.feed(down(0, 1e30f, 10, 3));
      CHECK_FALSE(g.active());
      check();
      g.feed(down(0, 100, 100));
      g.feed(move(10, nan, nan));
      g.feed(move(20, -inf, 5));
      g.feed(move(30, 3e38f, -3e38f));
      auto f = check();
      CHECK(f.pressed);
      CHECK(f.position.x == 100);
      g.feed(down(40, 100, 100, 2));
      g.feed(move(50, 100, 100, 2));  // both fingers at one point
      g.feed(move(60, 400, 100, 2));
      f = check();
      CHECK(f.scale > 1);
      g.feed(up(70, nan, nan, 2));  // a garbage lift still lifts
      g.feed(up(80, inf, 0, 1));
      f = check();
      CHECK(f.drag_ended);
      CHECK_FALSE(g.active());
      g.feed({nan, PointerKind::down, 5, 1, 1});
      CHECK_FALSE(g.active());
    }
    SUBCASE("time going backwards and jumping") {
      g.feed(down(1000, 0, 0));
      g.feed(move(900, 50, 0));
      g.feed(move(800, 100, 0));
      g.feed(move(800, 150, 0));
      auto f = check();
      CHECK(f.drag_delta.x == 150);
      g.feed(up(700, 200, 0));
      f = check();
      CHECK(f.drag_ended);
      g.feed(down(1e300, 0, 0));
      g.feed(move(-1e300, 50, 50));
      g.tick(std::numeric_limits<double>::quiet_NaN());
      g.tick(std::numeric_limits<double>::infinity());
      g.feed(move(1e300, 100, 90));
      g.feed(up(std::numeric_limits<double>::quiet_NaN(), 100, 100));
      check();
      CHECK_FALSE(g.active());
    }
    SUBCASE("a burst of many events in one frame") {
      g.feed(down(0, 0, 0));
      for (int i = 1; i <= 20000; ++i) g.feed(move(i * 0.01, static_cast<float>(i % 2 ? 10 : 0) + i * 0.01f, 0));
      auto f = check();
      CHECK(f.drag_delta.x == doctest::Approx(200).epsilon(0.01));
      for (int i = 0; i < 5000; ++i) g.feed(move(200, 300, 0));  // same timestamp
      g.feed(up(200, 300, 0));
      f = check();
      CHECK(f.drag_ended);
      CHECK(f.release_velocity.x > 0);
    }
    SUBCASE("ten fingers with random garbage") {
      unsigned s = 12345;
      const auto rnd = [&] { return (s = s * 1103515245u + 12345u) >> 8; };
      const float values[] = {0, -1, 1e6f, -1e6f, 1e7f, nan, inf, 5, 500, 1e-30f};
      for (int i = 0; i < 20000; ++i) {
        const auto kind = static_cast<PointerKind>(rnd() % 4);
        const double t = static_cast<double>(rnd() % 1000) - 100;
        g.feed({t, kind, static_cast<std::int64_t>(rnd() % 12), values[rnd() % 10], values[rnd() % 10]});
        if (rnd() % 7 == 0) g.tick(t);
        if (rnd() % 5 == 0) check();
        if (rnd() % 500 == 0) g.cancel();
      }
      check();
    }
  }

  TEST_CASE("Thresholds derive from the display density") {
    const GestureConfig c = GestureConfig::from_dpi(254);  // 10 px per mm
    CHECK(c.slop_px == doctest::Approx(20));
    CHECK(c.double_tap_px == doctest::Approx(100));
    CHECK(c.flick_px_per_ms == doctest::Approx(1.0));  // 100 mm/s
    CHECK(c.long_press_ms == GestureConfig{}.long_press_ms);
    CHECK(c.double_tap_ms == GestureConfig{}.double_tap_ms);
    CHECK(c.lock_degrees == GestureConfig{}.lock_degrees);
    CHECK(c.velocity_window_ms == GestureConfig{}.velocity_window_ms);
    CHECK(c.max_contacts == GestureConfig{}.max_contacts);
    const GestureConfig d = GestureConfig::from_dpi(96);
    CHECK(d.slop_px == doctest::Approx(7.56).epsilon(0.01));
    CHECK(d.flick_px_per_ms == doctest::Approx(0.378).epsilon(0.01));
    CHECK(GestureConfig::from_dpi(0).slop_px == GestureConfig{}.slop_px);
    CHECK(GestureConfig::from_dpi(std::numeric_limits<float>::quiet_NaN()).slop_px == GestureConfig{}.slop_px);
  }
}
