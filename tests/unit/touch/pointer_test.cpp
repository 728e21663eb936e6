#include <doctest/doctest.h>

#include "touch/pointer.h"

using namespace orpheus::touch;

namespace {
void check_at(Vec2 p, float x, float y) {
  CHECK(p.x == doctest::Approx(x));
  CHECK(p.y == doctest::Approx(y));
}
}  // namespace

TEST_SUITE("Touch rotation") {
  TEST_CASE("Degrees name a rotation only for the four right angles") {
    CHECK(rotation_from_degrees(0) == Rotation::none);
    CHECK(rotation_from_degrees(90) == Rotation::cw90);
    CHECK(rotation_from_degrees(180) == Rotation::cw180);
    CHECK(rotation_from_degrees(270) == Rotation::cw270);
    CHECK_FALSE(rotation_from_degrees(45));
    CHECK_FALSE(rotation_from_degrees(-90));
    CHECK_FALSE(rotation_from_degrees(360));
    CHECK_FALSE(rotation_from_degrees(1));
  }

  TEST_CASE("Panel positions map to window pixels for each rotation") {
    const float w = 1080, h = 1920;
    SUBCASE("none") {
      check_at(map_touch(0, 0, Rotation::none, w, h), 0, 0);
      check_at(map_touch(1, 0, Rotation::none, w, h), w, 0);
      check_at(map_touch(0, 1, Rotation::none, w, h), 0, h);
      check_at(map_touch(1, 1, Rotation::none, w, h), w, h);
      check_at(map_touch(0.25f, 0.75f, Rotation::none, w, h), 270, 1440);
    }
    SUBCASE("cw90: the panel's top-left lands top-right") {
      check_at(map_touch(0, 0, Rotation::cw90, w, h), w, 0);
      check_at(map_touch(1, 0, Rotation::cw90, w, h), w, h);
      check_at(map_touch(0, 1, Rotation::cw90, w, h), 0, 0);
      check_at(map_touch(1, 1, Rotation::cw90, w, h), 0, h);
      check_at(map_touch(0.25f, 0.75f, Rotation::cw90, w, h), 270, 480);
    }
    SUBCASE("cw180") {
      check_at(map_touch(0, 0, Rotation::cw180, w, h), w, h);
      check_at(map_touch(1, 0, Rotation::cw180, w, h), 0, h);
      check_at(map_touch(0, 1, Rotation::cw180, w, h), w, 0);
      check_at(map_touch(1, 1, Rotation::cw180, w, h), 0, 0);
      check_at(map_touch(0.25f, 0.75f, Rotation::cw180, w, h), 810, 480);
    }
    SUBCASE("cw270: the panel's top-left lands bottom-left") {
      check_at(map_touch(0, 0, Rotation::cw270, w, h), 0, h);
      check_at(map_touch(1, 0, Rotation::cw270, w, h), 0, 0);
      check_at(map_touch(0, 1, Rotation::cw270, w, h), w, h);
      check_at(map_touch(1, 1, Rotation::cw270, w, h), w, 0);
      check_at(map_touch(0.25f, 0.75f, Rotation::cw270, w, h), 810, 1440);
    }
    for (Rotation r : {Rotation::none, Rotation::cw90, Rotation::cw180, Rotation::cw270}) {
      CAPTURE(static_cast<int>(r));
      check_at(map_touch(0.5f, 0.5f, r, w, h), w / 2, h / 2);
    }
  }

  TEST_CASE("Rotations compose: cw90 twice is cw180") {
    // Turning the panel coordinates by cw90 and feeding the result (normalised) back in.
    const float u = 0.2f, v = 0.7f;
    const Vec2 once = map_touch(u, v, Rotation::cw90, 1, 1);
    const Vec2 twice = map_touch(once.x, once.y, Rotation::cw90, 1, 1);
    const Vec2 half = map_touch(u, v, Rotation::cw180, 1, 1);
    check_at(twice, half.x, half.y);
    const Vec2 thrice = map_touch(twice.x, twice.y, Rotation::cw90, 1, 1);
    const Vec2 three = map_touch(u, v, Rotation::cw270, 1, 1);
    check_at(thrice, three.x, three.y);
  }

  TEST_CASE("Touches outside the panel are not clamped") {
    check_at(map_touch(-0.1f, 1.2f, Rotation::none, 1000, 500), -100, 600);
    check_at(map_touch(-0.1f, 1.2f, Rotation::cw90, 1000, 500), -200, -50);
  }
}

TEST_SUITE("Touch geometry") {
  TEST_CASE("Length and millimetres") {
    CHECK(length({3, 4}) == 5);
    CHECK(length({0, 0}) == 0);
    CHECK(length({-3, -4}) == 5);
    CHECK(mm_to_px(25.4f, 96) == doctest::Approx(96));
    CHECK(mm_to_px(2, 160) == doctest::Approx(12.6f).epsilon(0.01));
  }
}
