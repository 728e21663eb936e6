#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

#include "touch/pager.h"

using orpheus::touch::Pager;

namespace {

struct Outcome {
  int turn = 0;   // what update() reported when the animation finished
  double ms = 0;  // how long it ran
};

// Runs the animation in `step` ms frames until it finishes.
Outcome run(Pager& p, double step = 4) {
  Outcome o;
  while (p.moving() && o.ms < 2000) {
    o.turn = p.update(step);
    o.ms += step;
  }
  return o;
}

Pager pager(float width = 1000) {
  Pager p;
  p.set_width(width);
  return p;
}

}  // namespace

TEST_SUITE("Pager") {
  TEST_CASE("The page follows the finger 1:1 towards a neighbour") {
    Pager p = pager();
    p.drag(-120);
    CHECK(p.offset() == -120);
    CHECK(p.displaced());
    p.drag(200);
    CHECK(p.offset() == 80);
    p.drag(5000);
    CHECK(p.offset() == 1000);  // at most a whole page
    CHECK_FALSE(p.moving());
  }

  TEST_CASE("A small drag settles back") {
    Pager p = pager();
    p.drag(-100);
    p.release(0, 0.5f);
    CHECK(p.moving());
    float last = p.offset();
    double ms = 0;
    int turn = 0;
    while (p.moving()) {
      turn = p.update(10);
      ms += 10;
      CHECK(turn == 0);
      CHECK(p.offset() >= last);  // straight back, no overshoot
      CHECK(p.offset() <= 0);
      last = p.offset();
    }
    CHECK(turn == 0);
    CHECK(p.offset() == 0);
    CHECK_FALSE(p.displaced());
    // 100 px of a 1000 px page: 300 ms * 100 / 500 = 60 ms, raised to the 120 ms minimum.
    CHECK(ms == 120);
  }

  TEST_CASE("A drag beyond 30 % of the width turns the page") {
    SUBCASE("to the next page: the page moved left") {
      Pager p = pager();
      p.drag(-301);
      p.release(0, 0.5f);
      float last = p.offset();
      int turn = 0;
      while (p.moving()) {
        turn = p.update(10);
        if (p.moving()) {
          CHECK(p.offset() < last);  // on towards -width
          CHECK(p.offset() >= -1000);
          last = p.offset();
        }
      }
      CHECK(turn == 1);
      CHECK(p.offset() == 0);  // back at 0 for the new page
    }
    SUBCASE("to the previous page: the page moved right") {
      Pager p = pager();
      p.drag(400);
      p.release(0, 0.5f);
      CHECK(run(p).turn == -1);
      CHECK(p.offset() == 0);
    }
    SUBCASE("exactly 30 % is not enough") {
      Pager p = pager();
      p.drag(-299.9f);
      p.release(0, 0.5f);
      CHECK(run(p).turn == 0);
    }
  }

  TEST_CASE("A fast flick turns even over a small distance") {
    Pager p = pager();
    p.drag(-40);
    p.release(-0.6f, 0.5f);  // px/ms to the left, faster than the flick threshold
    CHECK(run(p).turn == 1);
    p.drag(40);
    p.release(0.5f, 0.5f);  // exactly the threshold counts
    CHECK(run(p).turn == -1);
    p.drag(40);
    p.release(0.49f, 0.5f);
    CHECK(run(p).turn == 0);
  }

  TEST_CASE("A flick against the offset settles back") {
    Pager p = pager();
    p.drag(-100);
    p.release(2.0f, 0.5f);
    CHECK(run(p).turn == 0);
    // Even past the threshold a flick back cancels the turn.
    p.drag(-450);
    p.release(1.0f, 0.5f);
    CHECK(run(p).turn == 0);
    CHECK(p.offset() == 0);
    // A slow movement back does not.
    p.drag(-450);
    p.release(0.1f, 0.5f);
    CHECK(run(p).turn == 1);
  }

  TEST_CASE("Without a neighbour the drag meets resistance and never turns") {
    Pager p = pager();
    p.set_neighbours(true, false);  // the last item: no next page
    p.drag(-100);
    // 15 % of the width as the limit: 150 * (1 - 1 / (100 * 0.55 / 150 + 1)) = 40.24 px.
    CHECK(p.offset() == doctest::Approx(-40.244).epsilon(1e-4));
    p.drag(-100000);
    CHECK(p.offset() < -140);
    CHECK(p.offset() >= -150);
    p.release(-5.0f, 0.5f);
    const Outcome o = run(p);
    CHECK(o.turn == 0);
    CHECK(p.offset() == 0);

    p.drag(300);  // the other side still has a page: 1:1
    CHECK(p.offset() == 300);
    p.drag(-350);  // back across 0 into the resistance
    CHECK(p.offset() == doctest::Approx(-23.239).epsilon(1e-4));

    Pager alone = pager();
    alone.set_neighbours(false, false);
    alone.drag(400);
    CHECK(alone.offset() > 0);
    CHECK(alone.offset() < 150);
    alone.release(3.0f, 0.5f);
    CHECK(run(alone).turn == 0);
  }

  TEST_CASE("The animation takes at most 300 ms, less for a fast finger") {
    SUBCASE("a slow release over a long way takes exactly 300 ms") {
      Pager p = pager();
      p.drag(-400);
      p.release(0, 0.5f);
      double t = 0;
      for (; t < 290; t += 10) CHECK(p.update(10) == 0);
      CHECK(p.moving());
      CHECK(p.update(10) == 1);
      CHECK_FALSE(p.moving());
    }
    SUBCASE("a fast flick continues the finger's speed") {
      Pager p = pager();
      p.drag(-200);
      p.release(-10.0f, 0.5f);
      // 800 px left at 10 px/ms: 3 * 800 / 10 = 240 ms of cubic ease-out, starting at 10 px/ms.
      p.update(1);
      CHECK(p.offset() == doctest::Approx(-210).epsilon(0.002));
      const Outcome o = run(p, 1);
      CHECK(o.turn == 1);
      CHECK(o.ms + 1 == doctest::Approx(240));
    }
    SUBCASE("never longer than 300 ms, never shorter than 120 ms") {
      for (float v : {0.0f, 0.3f, 1.0f, 3.0f, 30.0f}) {
        for (float d : {-950.0f, -500.0f, -100.0f, -5.0f, 5.0f, 250.0f, 700.0f}) {
          CAPTURE(v);
          CAPTURE(d);
          Pager p = pager();
          p.drag(d);
          p.release(v, 0.5f);
          const Outcome o = run(p, 1);
          CHECK(o.ms <= 300);
          CHECK(o.ms >= 120);
          CHECK(p.offset() == 0);
        }
      }
    }
    SUBCASE("deterministic") {
      Pager a = pager(), b = pager();
      a.drag(-350);
      b.drag(-350);
      a.release(-1, 0.5f);
      b.release(-1, 0.5f);
      for (int i = 0; i < 12; ++i) a.update(8);
      for (int i = 0; i < 3; ++i) b.update(32);
      CHECK(a.offset() == doctest::Approx(b.offset()));
    }
  }

  TEST_CASE("A drag during the animation catches the page") {
    Pager p = pager();
    p.drag(-500);
    p.release(0, 0.5f);
    p.update(50);
    const float caught = p.offset();
    REQUIRE(caught < -500);
    REQUIRE(caught > -1000);
    p.drag(30);
    CHECK(p.offset() == doctest::Approx(caught + 30));
    CHECK_FALSE(p.moving());
    CHECK(p.update(100) == 0);
    CHECK(p.offset() == doctest::Approx(caught + 30));
    p.drag(600);  // pulled back: now it settles
    p.release(0, 0.5f);
    CHECK(run(p).turn == 0);
  }

  TEST_CASE("reset() stops at 0") {
    Pager p = pager();
    p.drag(-500);
    p.release(0, 0.5f);
    p.update(50);
    p.reset();
    CHECK(p.offset() == 0);
    CHECK_FALSE(p.moving());
    CHECK(p.update(1000) == 0);
  }

  TEST_CASE("Degenerate input is handled") {
    Pager p = pager(0);
    p.drag(100);
    CHECK(p.offset() == 0);
    p.release(5, 0.5f);
    CHECK(run(p).turn == 0);

    Pager q = pager();
    q.drag(std::nanf(""));
    CHECK(q.offset() == 0);
    q.drag(-200);
    q.release(std::nanf(""), std::nanf(""));
    CHECK(q.update(std::nan("")) == 0);
    CHECK(q.update(-50) == 0);
    CHECK(q.offset() == -200);
    CHECK(q.update(1e9) == 0);
    CHECK(q.offset() == 0);
  }
}
