#include <doctest/doctest.h>

#include "touch/scroll.h"

using orpheus::touch::ScrollAxis;

TEST_SUITE("Scroll axis") {
  TEST_CASE("Dragging moves the content with the finger and clamps at the ends") {
    ScrollAxis a;
    a.set_extent(500, 2000);
    a.drag(-300);  // finger up by 300 px: content scrolls down
    CHECK(a.offset() == doctest::Approx(300));
    a.drag(1000);
    CHECK(a.offset() == 0);
    a.drag(-5000);
    CHECK(a.offset() == doctest::Approx(1500));
  }

  TEST_CASE("A fling continues, decays and comes to rest") {
    ScrollAxis a;
    a.set_extent(500, 100000);
    a.release(-2.0f);  // 2 px/ms upwards
    double t = 0;
    float last = a.offset();
    int frames = 0;
    while (a.update(16.0) && frames < 1000) {
      CHECK(a.offset() > last);
      last = a.offset();
      t += 16;
      ++frames;
    }
    CHECK(frames > 10);
    CHECK(frames < 1000);
    // Exponential decay covers about v * T pixels.
    CHECK(a.offset() == doctest::Approx(2.0 * 325).epsilon(0.1));
  }

  TEST_CASE("A fling stops at the end of the content") {
    ScrollAxis a;
    a.set_extent(500, 800);
    a.release(-5.0f);
    while (a.update(16.0)) {
    }
    CHECK(a.offset() == doctest::Approx(300));
  }

  TEST_CASE("A slow release does not fling; stop() halts a fling") {
    ScrollAxis a;
    a.set_extent(500, 5000);
    a.release(-0.01f);
    CHECK_FALSE(a.moving());
    a.release(-3.0f);
    CHECK(a.moving());
    a.stop();
    CHECK_FALSE(a.update(16));
  }

  TEST_CASE("Content shorter than the view never scrolls") {
    ScrollAxis a;
    a.set_extent(500, 300);
    a.drag(-100);
    CHECK(a.offset() == 0);
    CHECK(a.max_offset() == 0);
  }
}
