#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <vector>

#include "touch/scroll.h"

using orpheus::touch::ScrollAxis;

namespace {

// Runs updates of `step` ms until the axis rests (or `limit_ms` passed); returns the time taken.
double settle(ScrollAxis& a, double step, double limit_ms = 10000) {
  double t = 0;
  while (a.update(step) && t < limit_ms) t += step;
  return t + step;
}

// Offsets sampled every `step` ms for `total` ms.
std::vector<float> trace(ScrollAxis a, double step, double total) {
  std::vector<float> out;
  for (double t = 0; t < total; t += step) {
    a.update(step);
    out.push_back(a.offset());
  }
  return out;
}

}  // namespace

TEST_SUITE("Scroll axis") {
  TEST_CASE("Dragging inside the range follows the finger 1:1") {
    ScrollAxis a;
    a.set_extent(500, 2000);
    a.drag(-300);  // finger up by 300 px: content scrolls down
    CHECK(a.offset() == 300);
    a.drag(120);
    CHECK(a.offset() == 180);
    a.drag(-1320);
    CHECK(a.offset() == 1500);  // exactly at the end, not past it
    CHECK(a.overscroll() == 0);
    CHECK_FALSE(a.moving());
  }

  TEST_CASE("Dragging past an edge meets growing resistance and stays within the limit") {
    ScrollAxis a;
    a.set_extent(500, 2000);
    REQUIRE(a.overscroll_limit() == doctest::Approx(75));

    // 100 px past the start: limit * (1 - 1 / (100 * 0.55 / limit + 1)) = 31.73 px.
    a.drag(100);
    CHECK(a.offset() == doctest::Approx(-31.731).epsilon(1e-4));
    CHECK(a.overscroll() == a.offset());
    const float first = -a.offset();
    a.drag(100);
    const float second = -a.offset() - first;
    CHECK(second > 0);
    CHECK(second < first);  // growing resistance
    a.drag(1e6f);
    CHECK(a.offset() < -74);
    CHECK(a.offset() >= -75);

    SUBCASE("the drag is reversible: the finger back where it started puts the content back") {
      ScrollAxis b;
      b.set_extent(500, 2000);
      b.drag(100);
      b.drag(-100);
      CHECK(b.offset() == doctest::Approx(0).epsilon(1e-3));
      b.drag(-200);
      CHECK(b.offset() == doctest::Approx(200).epsilon(1e-4));
    }
    SUBCASE("a single move across the edge is 1:1 up to it and banded beyond it") {
      ScrollAxis b;
      b.set_extent(500, 2000);
      b.set_offset(1480);
      b.drag(-120);  // 20 px to the end, then 100 px past it
      CHECK(b.offset() == doctest::Approx(1500 + 31.731).epsilon(1e-5));
      CHECK(b.overscroll() == doctest::Approx(31.731).epsilon(1e-3));
    }
  }

  TEST_CASE("Released overscroll springs back exactly onto the edge without oscillating") {
    for (float pull : {40.0f, 5000.0f}) {
      CAPTURE(pull);
      ScrollAxis a;
      a.set_extent(1920, 6000);  // a tall screen: a 288 px overscroll limit
      a.drag(pull);
      REQUIRE(a.offset() < 0);
      a.release(0);
      CHECK(a.moving());
      float last = a.offset();
      double t = 0;
      while (a.update(16)) {
        t += 16;
        CHECK(a.offset() >= last);  // monotonic, ...
        CHECK(a.offset() <= 0);     // ... never past the edge
        last = a.offset();
        REQUIRE(t < 1000);
      }
      CHECK(t <= 400);
      CHECK(a.offset() == 0);  // exactly, ...
      CHECK(a.offset() - last < 1);  // ... without a visible snap at the end
      CHECK_FALSE(a.moving());
    }
    SUBCASE("at the far end too") {
      ScrollAxis a;
      a.set_extent(1000, 3000);
      a.set_offset(2000);
      a.drag(-400);
      REQUIRE(a.overscroll() > 0);
      a.release(0);
      CHECK(settle(a, 16) <= 400);
      CHECK(a.offset() == 2000);
    }
  }

  TEST_CASE("A fling continues, decays and comes to rest") {
    ScrollAxis a;
    a.set_extent(500, 100000);
    a.release(-2.0f);  // 2 px/ms upwards
    float last = a.offset();
    int frames = 0;
    while (a.update(16.0) && frames < 1000) {
      CHECK(a.offset() > last);
      last = a.offset();
      ++frames;
    }
    CHECK(frames > 10);
    CHECK(frames < 1000);
    // Exponential decay covers v * T pixels, but for the few left below the stop velocity.
    CHECK(a.offset() == doctest::Approx(2.0 * 325).epsilon(0.01));
    CHECK(a.offset() < 650);
  }

  TEST_CASE("A fling into an edge overshoots within the limit, then returns to it") {
    const auto peak_overshoot = [](float velocity, float end = 2000) {
      ScrollAxis a;
      a.set_extent(1000, 3000);
      a.set_offset(1800);
      a.release(velocity);
      float peak = 0, last = 0;
      bool returning = false;
      for (int i = 0; a.update(4) && i < 1000; ++i) {
        const float over = a.overscroll();
        CHECK(over >= 0);
        CHECK(over <= a.overscroll_limit());
        if (over < last) returning = true;
        if (returning) CHECK(over <= last);  // back without a second bounce
        peak = std::max(peak, over);
        last = over;
      }
      CHECK(std::fabs(a.offset() - end) <= (end == 2000 ? 0 : 5));
      CHECK_FALSE(a.moving());
      return peak;
    };
    const float slow = peak_overshoot(-2), fast = peak_overshoot(-6), wild = peak_overshoot(-100);
    CHECK(slow > 5);
    CHECK(fast > slow * 2);     // proportional to the remaining speed ...
    CHECK(wild < 150);          // ... but bounded by the limit
    CHECK(wild > fast);
    // Stops short of the edge (the last few px below the stop velocity are dropped): no bounce.
    CHECK(peak_overshoot(-0.5f, 1800 + 0.5f * 325) == 0);
  }

  TEST_CASE("A fling stops at the end of the content") {
    ScrollAxis a;
    a.set_extent(500, 800);
    a.release(-5.0f);
    settle(a, 16);
    CHECK(a.offset() == 300);
  }

  TEST_CASE("A held axis keeps the content where it is") {
    ScrollAxis a;
    a.set_extent(500, 2000);
    a.drag(60);
    const float pulled = a.offset();
    REQUIRE(pulled < 0);
    for (int i = 0; i < 50; ++i) CHECK_FALSE(a.update(16, true));
    CHECK(a.offset() == pulled);  // no spring while held
    CHECK_FALSE(a.moving());

    a.set_offset(500);
    a.release(-3);
    a.update(16);
    const float caught = a.offset();
    CHECK_FALSE(a.update(16, true));  // a finger on a fling holds it too
    CHECK(a.offset() == caught);
    CHECK_FALSE(a.update(16));
    CHECK(a.offset() == caught);
  }

  TEST_CASE("A touch-down stops a fling where it is, even overscrolled") {
    ScrollAxis a;
    a.set_extent(1000, 3000);
    a.set_offset(1900);
    a.release(-5);
    while (a.overscroll() < 10) REQUIRE(a.update(4));
    a.stop();
    const float caught = a.offset();
    a.update(16, true);
    CHECK(a.offset() == caught);
    a.release(0);  // lifted without moving: springs back
    CHECK(a.moving());
    settle(a, 16);
    CHECK(a.offset() == 2000);
  }

  TEST_CASE("Results do not depend on the frame rate") {
    // 8 ms and 33 ms frames each stay within 0.5 px of 1 ms frames at every one of their
    // frames, so within 1 px of each other.
    const auto compare = [](const ScrollAxis& start) {
      const auto reference = trace(start, 1, 2640);
      for (int step : {8, 33}) {
        CAPTURE(step);
        const auto frames = trace(start, step, 2640);
        float worst = 0;
        for (std::size_t i = 0; i < frames.size(); ++i) {
          worst = std::max(worst, std::fabs(frames[i] - reference[(i + 1) * step - 1]));
        }
        CHECK(worst <= 0.5f);
      }
    };
    SUBCASE("a free fling") {
      ScrollAxis a;
      a.set_extent(1000, 50000);
      a.release(-4);
      compare(a);
    }
    SUBCASE("a fling through an overshoot") {
      ScrollAxis a;
      a.set_extent(1000, 3000);
      a.set_offset(1500);
      a.release(-4);
      compare(a);
    }
    SUBCASE("a spring back") {
      ScrollAxis a;
      a.set_extent(1000, 3000);
      a.drag(500);
      a.release(0);
      compare(a);
    }
    SUBCASE("a flick back out of the overscroll") {
      ScrollAxis a;
      a.set_extent(1000, 3000);
      a.drag(300);
      a.release(-3);
      compare(a);
    }
  }

  TEST_CASE("A flick back out of the overscroll continues as a fling into the content") {
    ScrollAxis a;
    a.set_extent(1000, 3000);
    a.drag(300);
    REQUIRE(a.overscroll() < -50);
    a.release(-3);
    settle(a, 16);
    CHECK(a.offset() > 100);
    CHECK(a.overscroll() == 0);
  }

  TEST_CASE("An extent change during a fling does not make the content jump") {
    ScrollAxis a;
    a.set_extent(500, 5000);
    a.set_offset(1000);
    a.release(-3);
    a.update(16);
    const float before = a.offset();
    SUBCASE("more content") {
      a.set_extent(500, 8000);
      CHECK(a.offset() == before);
      CHECK(a.moving());
    }
    SUBCASE("less content: the offset stays and springs back smoothly") {
      a.set_extent(500, 800);
      CHECK(a.offset() == before);
      float last = a.offset();
      while (a.update(16)) {
        CHECK(std::fabs(a.offset() - last) < 150);
        last = a.offset();
      }
      CHECK(a.offset() == 300);
    }
    SUBCASE("at rest it clamps, overscrolled at rest it springs back") {
      ScrollAxis b;
      b.set_extent(500, 5000);
      b.set_offset(4000);
      b.set_extent(500, 3000);
      CHECK(b.offset() == 2500);
      b.drag(-50);
      b.release(0);  // lifted, overscrolled, not yet advanced
      const float over = b.offset();
      REQUIRE(over > 2510);
      b.set_extent(500, 2990);
      CHECK(b.offset() == over);
      CHECK(b.moving());
      settle(b, 16);
      CHECK(b.offset() == 2490);
    }
  }

  TEST_CASE("set_offset clamps and stops all motion") {
    ScrollAxis a;
    a.set_extent(500, 2000);
    a.release(-3);
    a.set_offset(5000);
    CHECK(a.offset() == 1500);
    CHECK_FALSE(a.moving());
    a.set_offset(-5);
    CHECK(a.offset() == 0);
  }

  TEST_CASE("A slow release does not fling; stop() halts a fling") {
    ScrollAxis a;
    a.set_extent(500, 5000);
    a.set_offset(100);
    a.release(-0.01f);
    CHECK_FALSE(a.moving());
    a.release(-3.0f);
    CHECK(a.moving());
    a.stop();
    CHECK_FALSE(a.update(16));
    CHECK(a.offset() == 100);
  }

  TEST_CASE("Content shorter than the view only bounces") {
    ScrollAxis a;
    a.set_extent(500, 300);
    CHECK(a.max_offset() == 0);
    a.drag(-100);
    CHECK(a.offset() > 0);
    CHECK(a.offset() < 75);
    a.release(0);
    settle(a, 16);
    CHECK(a.offset() == 0);
  }

  TEST_CASE("Degenerate input is ignored or handled") {
    ScrollAxis a;
    a.set_extent(500, 2000);
    a.set_offset(200);
    a.drag(std::nanf(""));
    a.release(std::nanf(""));
    a.set_offset(std::nanf(""));
    a.set_extent(std::nanf(""), 10);
    CHECK(a.offset() == 200);
    CHECK(a.max_offset() == 1500);
    CHECK_FALSE(a.update(std::nan("")));
    CHECK_FALSE(a.update(0));
    CHECK_FALSE(a.update(-16));

    SUBCASE("a huge step settles a fling and a spring at once") {
      a.release(-5);
      CHECK_FALSE(a.update(10000));
      CHECK(a.offset() == 1500);
      a.drag(80);
      a.release(20);
      CHECK_FALSE(a.update(10000));
      CHECK(a.offset() == 0);
    }
    SUBCASE("zero and negative extents") {
      ScrollAxis z;
      z.set_extent(0, 0);
      z.drag(-100);
      CHECK(z.offset() == 0);  // no view: no overscroll either
      z.set_extent(-5, -10);
      CHECK(z.max_offset() == 0);
      CHECK(z.overscroll_limit() == 0);
      z.release(-10);
      CHECK_FALSE(z.update(16));
      CHECK(z.offset() == 0);
    }
    SUBCASE("infinite drags stay finite") {
      a.drag(INFINITY);
      CHECK(a.offset() == 200);
      a.drag(3e38f);
      CHECK(std::isfinite(a.offset()));
      CHECK(a.offset() >= -75);
    }
  }
}
