#include <doctest/doctest.h>

#include "touch/gesture.h"

using namespace orpheus::touch;

namespace {
PointerEvent ev(double t, PointerKind k, float x, float y, std::int64_t id = 1) { return {t, k, id, x, y}; }
}  // namespace

TEST_SUITE("Gesture recogniser") {
  TEST_CASE("A press and release in place is a tap at the press point") {
    GestureRecognizer g({8, 600});
    g.feed(ev(0, PointerKind::down, 100, 100));
    auto f = g.take_frame();
    CHECK(f.pressed);
    CHECK_FALSE(f.tap);
    g.feed(ev(80, PointerKind::up, 103, 101));
    f = g.take_frame();
    REQUIRE(f.tap);
    CHECK(f.tap->x == 100);
    CHECK(f.tap->y == 100);
    CHECK_FALSE(f.pressed);
  }

  TEST_CASE("Movement within the slop is still a tap, beyond it a drag") {
    SUBCASE("inside the slop") {
      GestureRecognizer g({8, 600});
      g.feed(ev(0, PointerKind::down, 0, 0));
      g.feed(ev(20, PointerKind::move, 7.9f, 0));
      g.feed(ev(40, PointerKind::up, 7.9f, 0));
      CHECK(g.take_frame().tap);
    }
    SUBCASE("just past the slop") {
      GestureRecognizer g({8, 600});
      g.feed(ev(0, PointerKind::down, 0, 0));
      g.feed(ev(20, PointerKind::move, 8.1f, 0));
      auto f = g.take_frame();
      CHECK(f.dragging);
      CHECK_FALSE(f.pressed);
      CHECK(f.drag_delta.x == doctest::Approx(8.1f));
      g.feed(ev(40, PointerKind::up, 8.1f, 0));
      f = g.take_frame();
      CHECK_FALSE(f.tap);
      CHECK(f.drag_ended);
    }
  }

  TEST_CASE("A swipe that returns to its start is not a tap") {
    GestureRecognizer g({8, 600});
    g.feed(ev(0, PointerKind::down, 50, 50));
    g.feed(ev(50, PointerKind::move, 150, 50));
    g.feed(ev(100, PointerKind::move, 50, 50));
    g.feed(ev(120, PointerKind::up, 50, 50));
    CHECK_FALSE(g.take_frame().tap);
  }

  TEST_CASE("A long press fires once while held and suppresses the tap") {
    GestureRecognizer g({8, 500});
    g.feed(ev(0, PointerKind::down, 10, 10));
    g.tick(499);
    CHECK_FALSE(g.take_frame().long_press);
    g.tick(500);
    auto f = g.take_frame();
    CHECK(f.long_press);
    g.tick(800);
    CHECK_FALSE(g.take_frame().long_press);
    g.feed(ev(900, PointerKind::up, 10, 10));
    CHECK_FALSE(g.take_frame().tap);
  }

  TEST_CASE("Drag deltas follow the finger 1:1 across frames") {
    GestureRecognizer g({8, 600});
    g.feed(ev(0, PointerKind::down, 0, 0));
    g.feed(ev(16, PointerKind::move, 0, 20));
    CHECK(g.take_frame().drag_delta.y == doctest::Approx(20));
    g.feed(ev(32, PointerKind::move, 0, 35));
    g.feed(ev(48, PointerKind::move, 0, 50));
    CHECK(g.take_frame().drag_delta.y == doctest::Approx(30));
    g.feed(ev(64, PointerKind::up, 0, 60));
    const auto f = g.take_frame();
    CHECK(f.drag_delta.y == doctest::Approx(10));
    CHECK(f.release_velocity.y > 0.3f);  // ~0.9 px/ms, smoothed
  }

  TEST_CASE("A finger that stops before lifting leaves no fling velocity") {
    GestureRecognizer g({8, 600});
    g.feed(ev(0, PointerKind::down, 0, 0));
    g.feed(ev(16, PointerKind::move, 0, 40));
    g.feed(ev(300, PointerKind::up, 0, 40));
    const auto f = g.take_frame();
    CHECK(f.drag_ended);
    CHECK(f.release_velocity.y == 0);
  }

  TEST_CASE("A second finger is ignored while the first is down") {
    GestureRecognizer g({8, 600});
    g.feed(ev(0, PointerKind::down, 0, 0, 1));
    g.feed(ev(10, PointerKind::down, 500, 500, 2));
    g.feed(ev(20, PointerKind::move, 600, 600, 2));
    g.feed(ev(30, PointerKind::up, 600, 600, 2));
    auto f = g.take_frame();
    CHECK_FALSE(f.dragging);
    CHECK_FALSE(f.tap);
    g.feed(ev(40, PointerKind::up, 0, 0, 1));
    CHECK(g.take_frame().tap);
  }

  TEST_CASE("Cancel forgets the contact") {
    GestureRecognizer g({8, 600});
    g.feed(ev(0, PointerKind::down, 0, 0));
    g.cancel();
    g.feed(ev(40, PointerKind::up, 0, 0));
    CHECK_FALSE(g.take_frame().tap);
    CHECK_FALSE(g.active());
  }

  TEST_CASE("Millimetres convert with the display density") {
    CHECK(mm_to_px(25.4f, 96) == doctest::Approx(96));
    CHECK(mm_to_px(2, 160) == doctest::Approx(12.6f).epsilon(0.01));
  }
}
