#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <utility>

#include "touch/zoom.h"

using orpheus::touch::Vec2;
using orpheus::touch::ZoomView;

namespace {

// A 1000x800 viewport at (100, 50) showing a 2000x1000 image: fit 0.5, 1000x500 on screen.
constexpr Vec2 kMin{100, 50}, kSize{1000, 800}, kCentre{600, 450};

ZoomView view(Vec2 image = {2000, 1000}) {
  ZoomView z;
  z.set_view(kMin, kSize, image);
  return z;
}

// Runs updates without fingers until the view rests; returns how long that took.
double settle(ZoomView& z, double step = 16) {
  double t = 0;
  while (z.update(step, false) && t < 5000) t += step;
  return t + step;
}

double distance(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The image covers the viewport along an axis where it is larger, is centred where smaller.
void check_within_limits(const ZoomView& z, Vec2 image) {
  const Vec2 tl = z.to_screen({0, 0}), br = z.to_screen(image);
  const float w = br.x - tl.x, h = br.y - tl.y;
  if (w >= kSize.x) {
    CHECK(tl.x <= kMin.x + 0.01f);
    CHECK(br.x >= kMin.x + kSize.x - 0.01f);
  } else {
    CHECK((tl.x + br.x) / 2 == doctest::Approx(kCentre.x));
  }
  if (h >= kSize.y) {
    CHECK(tl.y <= kMin.y + 0.01f);
    CHECK(br.y >= kMin.y + kSize.y - 0.01f);
  } else {
    CHECK((tl.y + br.y) / 2 == doctest::Approx(kCentre.y));
  }
}

bool finite(const ZoomView& z) {
  return std::isfinite(z.scale()) && z.scale() > 0 && std::isfinite(z.offset().x) &&
         std::isfinite(z.offset().y) && std::isfinite(z.to_image(kCentre).x) &&
         std::isfinite(z.to_image(kCentre).y);
}

}  // namespace

TEST_SUITE("Zoom view") {
  TEST_CASE("A new image fits the viewport, centred") {
    ZoomView z = view();
    CHECK(z.fit_scale() == 0.5f);
    CHECK(z.scale() == 0.5f);
    CHECK(z.offset().x == 0);
    CHECK(z.offset().y == 150);
    CHECK(z.to_screen({0, 0}).x == 100);
    CHECK(z.to_screen({0, 0}).y == 200);
    CHECK(z.to_screen({2000, 1000}).x == 1100);
    CHECK(z.to_screen({2000, 1000}).y == 700);
    CHECK(z.to_image({600, 450}).x == 1000);
    CHECK(z.to_image({600, 450}).y == 500);
    CHECK_FALSE(z.zoomed());
    CHECK_FALSE(z.moving());
    CHECK(z.max_scale() == 2.0f);
    CHECK(z.double_tap_scale() == 1.5f);  // min(max, 3 x fit)

    ZoomView tall = view({500, 2000});  // fit 0.4: 200x800 on screen
    CHECK(tall.scale() == doctest::Approx(0.4));
    CHECK(tall.offset().x == doctest::Approx(400));
    CHECK(tall.offset().y == doctest::Approx(0));

    ZoomView small = view({200, 100});  // fit 5: larger than the 2x maximum
    CHECK(small.max_scale() == small.fit_scale());
    CHECK(small.double_tap_scale() == small.fit_scale());
  }

  TEST_CASE("Pinching keeps the image point under the focal point") {
    ZoomView z = view();
    const Vec2 focal{400, 300};
    const Vec2 point = z.to_image(focal);
    z.pinch(1.6f, focal);
    CHECK(z.scale() == doctest::Approx(0.8));
    CHECK(distance(z.to_screen(point), focal) < 0.5);
    CHECK(z.zoomed());
    // A sequence with a moving focal point, as two fingers do.
    for (auto [factor, f] : {std::pair{1.3f, Vec2{420, 310}}, {1.2f, Vec2{900, 700}},
                             {0.9f, Vec2{150, 80}}, {1.25f, Vec2{1000, 200}}}) {
      const Vec2 p = z.to_image(f);
      const float before = z.scale();
      z.pinch(factor, f);
      CHECK(z.scale() == doctest::Approx(before * factor));
      CHECK(distance(z.to_screen(p), f) < 0.5);
    }
    CHECK_FALSE(z.moving());
  }

  TEST_CASE("Pinching past the maximum meets resistance and springs back to it") {
    ZoomView z = view();
    z.pinch(4, kCentre);
    REQUIRE(z.scale() == doctest::Approx(2));
    z.pinch(3, kCentre);
    // log-space band, limit log 1.3: 2 * exp(0.2624 - 0.2624^2 / (ln 3 * 0.55 + 0.2624)) = 2.40
    CHECK(z.scale() == doctest::Approx(2.4015).epsilon(1e-3));
    z.pinch(1e6f, kCentre);
    CHECK(z.scale() > 2.5f);
    CHECK(z.scale() < 2.6f);  // at most 1.3x the maximum
    const Vec2 point = z.to_image(kCentre);
    CHECK_FALSE(z.update(16, true));  // fingers still down: no spring back
    CHECK(z.scale() > 2.5f);

    z.release({0, 0});
    CHECK(z.moving());
    float last = z.scale();
    double t = 0;
    while (z.update(16, false)) {
      t += 16;
      CHECK(z.scale() <= last);
      CHECK(z.scale() >= 2.0f);  // no undershoot
      last = z.scale();
    }
    CHECK(t <= 250);
    CHECK(z.scale() == 2.0f);
    CHECK(distance(z.to_screen(point), kCentre) < 0.5);  // about the fingers' focal point
    check_within_limits(z, {2000, 1000});
  }

  TEST_CASE("Pinching below fit meets resistance and springs back to fit, centred") {
    ZoomView z = view();
    z.pinch(0.1f, {300, 200});
    // limit log(1/0.7): 0.5 * exp(-(0.3567 - 0.3567^2 / (ln 10 * 0.55 + 0.3567))) = 0.3786
    CHECK(z.scale() == doctest::Approx(0.3786).epsilon(1e-3));
    z.pinch(1e-6f, {300, 200});
    CHECK(z.scale() >= 0.35f);  // at most 0.7x under fit
    // Lifting the fingers without release() (update without held) springs back as well.
    CHECK(settle(z) <= 270);
    CHECK(z.scale() == 0.5f);
    CHECK(z.offset().x == 0);
    CHECK(z.offset().y == 150);
  }

  TEST_CASE("Panning is clamped so that the image never leaves the screen") {
    ZoomView z = view();
    z.pinch(4, kCentre);  // 2x: 4000x2000 on screen
    REQUIRE(z.scale() == doctest::Approx(2));
    const Vec2 start = z.offset();
    z.pan({-30, 20});
    CHECK(z.offset().x == start.x - 30);
    CHECK(z.offset().y == start.y + 20);
    z.pan({1e4f, 1e4f});
    CHECK(z.offset().x == 0);  // the image's top left corner at the viewport's
    CHECK(z.offset().y == 0);
    z.pan({-1e5f, -1e5f});
    CHECK(z.offset().x == doctest::Approx(1000 - 4000));
    CHECK(z.offset().y == doctest::Approx(800 - 2000));
    check_within_limits(z, {2000, 1000});
    CHECK_FALSE(z.update(16, false));  // nothing to spring back
  }

  TEST_CASE("With pan overscroll, a pan past the ends meets rubber-band resistance and springs back") {
    ZoomView z = view({4000, 1});  // the timeline's kind: a long, flat "image", fit 0.25
    z.set_pan_overscroll(true);
    const Vec2 start = z.offset();
    REQUIRE(start.x == doctest::Approx(0));
    z.pan({100, 40});  // past the left end: less than the finger, never more than 15% of the view
    CHECK(z.offset().x > 0);
    CHECK(z.offset().x < 100);
    CHECK(z.offset().y == start.y);  // the flat axis does not move
    z.pan({1e5f, 0});
    CHECK(z.offset().x < 150);
    CHECK(z.offset().x > 100);
    const float far = z.offset().x;
    z.pan({-2e5f, 0});  // back the way it came: the band unwinds, and the pan goes on inside
    CHECK(z.offset().x < far);
    CHECK(z.offset().x < 0);
    z.pan({1e5f + 120, 0});
    z.release({0, 0});
    CHECK(settle(z) <= 300);
    CHECK(z.offset().x == doctest::Approx(0));
    SUBCASE("without it (the image viewer) the edge is a hard stop") {
      ZoomView hard = view({4000, 1});
      hard.pan({100, 0});
      CHECK(hard.offset().x == 0);
    }
  }

  TEST_CASE("Focus puts an image point at the centre at a scale, at once or animated, within the limits") {
    ZoomView z = view();
    z.focus({500, 500}, 1, 0);
    CHECK(z.scale() == 1);
    CHECK(z.to_screen({500, 500}).x == doctest::Approx(kCentre.x));
    CHECK(z.to_screen({500, 500}).y == doctest::Approx(kCentre.y));
    z.focus({0, 0}, 1, 0);  // the corner cannot come to the centre: as near as the limits allow
    CHECK(z.offset().x == 0);
    CHECK(z.offset().y == 0);
    z.focus({1500, 500}, 100, 300);  // animated, clamped to the maximum (2)
    CHECK(z.moving());
    CHECK(settle(z) <= 330);
    CHECK(z.scale() == 2);
    CHECK(z.to_screen({1500, 500}).x == doctest::Approx(kCentre.x));
    z.focus({1000, 500}, 0.01f, 0);  // under fit: fit
    CHECK(z.scale() == doctest::Approx(z.fit_scale()));
  }

  TEST_CASE("An image smaller than the viewport stays centred on that axis") {
    SUBCASE("along one axis") {
      ZoomView z = view({2000, 500});  // fit 0.5: 1000x250
      z.pinch(2, kCentre);             // 1x: 2000x500, still lower than the viewport
      CHECK(z.offset().y == doctest::Approx(150));
      z.pan({-100, 300});
      CHECK(z.offset().x == doctest::Approx(-600));
      CHECK(z.offset().y == doctest::Approx(150));
      z.release({0, 3});
      CHECK_FALSE(z.moving());  // nothing to fling vertically
    }
    SUBCASE("along both") {
      ZoomView z = view({200, 100});  // fit 5 = max: 1000x500
      z.pan({200, 200});
      CHECK(z.offset().x == 0);
      CHECK(z.offset().y == 150);
      z.release({2, 2});
      CHECK_FALSE(z.update(16, false));
      CHECK(z.offset().x == 0);
    }
  }

  TEST_CASE("A fling pans with decay and stops at the edges") {
    ZoomView z = view();
    z.pinch(4, kCentre);
    const Vec2 start = z.offset();
    REQUIRE(start.x == doctest::Approx(-1500));
    REQUIRE(start.y == doctest::Approx(-600));

    SUBCASE("inside the limits it decays over about v * 325 ms") {
      z.release({1, -0.5f});
      CHECK(z.moving());
      settle(z);
      CHECK(z.offset().x == doctest::Approx(start.x + 325).epsilon(0.01));
      CHECK(z.offset().y == doctest::Approx(start.y - 162.5).epsilon(0.01));
    }
    SUBCASE("an axis that meets its limit stops there, the other goes on") {
      z.release({10, 0.5f});
      float last_y = z.offset().y;
      int frames = 0;
      while (z.update(16, false)) {
        ++frames;
        CHECK(z.offset().x <= 0);
        CHECK(z.offset().y >= last_y);
        last_y = z.offset().y;
      }
      CHECK(frames > 10);
      CHECK(z.offset().x == 0);
      CHECK(z.offset().y == doctest::Approx(start.y + 162.5).epsilon(0.01));
      check_within_limits(z, {2000, 1000});
    }
    SUBCASE("hitting the limit ends the fling at once") {
      z.release({10, 0});
      // It reaches x = 0 after -325 ms * ln(1 - 1500 / 3250) = 201 ms.
      CHECK(settle(z, 8) == doctest::Approx(208));
      CHECK(z.offset().x == 0);
    }
    SUBCASE("a touch-down stops it") {
      z.release({3, 0});
      z.update(16, false);
      z.stop();
      const Vec2 caught = z.offset();
      CHECK_FALSE(z.moving());
      CHECK_FALSE(z.update(16, false));
      CHECK(z.offset().x == caught.x);
    }
  }

  TEST_CASE("A double tap zooms in about the tapped point and back out to fit") {
    ZoomView z = view();
    const Vec2 at{500, 400};
    const Vec2 point = z.to_image(at);
    z.toggle_zoom(at);
    CHECK(z.moving());
    double t = 0;
    float last = z.scale();
    while (z.update(10, false)) {
      t += 10;
      CHECK(z.scale() > last);
      last = z.scale();
    }
    CHECK(t + 10 == 250);
    CHECK(z.scale() == z.double_tap_scale());
    CHECK(distance(z.to_screen(point), at) < 0.5);
    CHECK(z.zoomed());

    z.toggle_zoom({900, 100});
    settle(z, 10);
    CHECK(z.scale() == 0.5f);
    CHECK(z.offset().x == 0);
    CHECK(z.offset().y == 150);

    SUBCASE("near a corner the end state is clamped, not the tapped point kept") {
      const Vec2 corner{110, 60};  // in the letterbox above the image
      z.toggle_zoom(corner);
      // It heads for the clamped end state all along: no jump in the last frame.
      Vec2 before = z.offset();
      while (z.update(10, false)) before = z.offset();
      CHECK(distance(z.offset(), before) < 1);
      CHECK(z.scale() == 1.5f);
      CHECK(z.offset().x == doctest::Approx(-20));  // 10 - 20 * 1.5
      CHECK(z.offset().y == 0);
      check_within_limits(z, {2000, 1000});
    }
    SUBCASE("the double-tap scale follows the maximum") {
      z.set_max_scale(1);
      CHECK(z.double_tap_scale() == 1);
      z.toggle_zoom(at);
      settle(z);
      CHECK(z.scale() == 1);
    }
    SUBCASE("a touch-down stops the animation where it is") {
      z.toggle_zoom(at);
      z.update(100, false);
      const float caught = z.scale();
      z.stop();
      CHECK_FALSE(z.moving());
      CHECK_FALSE(z.update(16, false));
      CHECK(z.scale() == caught);
    }
  }

  TEST_CASE("A viewport change keeps the zoom relative to fit and the centre") {
    ZoomView z = view();
    z.pinch(2, kCentre);  // 1x, twice fit
    z.pan({100, -50});
    const Vec2 centre = z.to_image(kCentre);
    REQUIRE(centre.x == doctest::Approx(900));
    REQUIRE(centre.y == doctest::Approx(550));

    z.set_view(kMin, {1200, 600}, {2000, 1000});  // fit 0.6
    CHECK(z.fit_scale() == doctest::Approx(0.6));
    CHECK(z.scale() == doctest::Approx(1.2));
    CHECK(distance(z.to_screen(centre), {100 + 600, 50 + 300}) < 0.5);

    z.set_view({0, 0}, {1200, 600}, {2000, 1000});  // moved only
    CHECK(z.scale() == doctest::Approx(1.2));
    CHECK(distance(z.to_screen(centre), {600, 300}) < 0.5);

    z.set_view({0, 0}, {1200, 600}, {3000, 1000});  // another image: fit
    CHECK(z.scale() == doctest::Approx(0.4));
    CHECK(z.offset().x == doctest::Approx(0));
    CHECK(z.offset().y == doctest::Approx(100));
  }

  TEST_CASE("Degenerate input never produces NaN or infinity") {
    SUBCASE("no view yet") {
      ZoomView z;
      z.pinch(2, kCentre);
      z.pan({10, 10});
      z.release({1, 1});
      z.toggle_zoom(kCentre);
      CHECK_FALSE(z.update(16, false));
      CHECK(finite(z));
    }
    SUBCASE("empty image or viewport") {
      for (auto [size, image] :
           {std::pair{Vec2{0, 0}, Vec2{100, 100}}, {Vec2{1000, 800}, Vec2{0, 0}},
            {Vec2{1000, 0}, Vec2{100, 100}}, {Vec2{-5, 800}, Vec2{100, 100}},
            {Vec2{1000, 800}, Vec2{100, -1}}}) {
        ZoomView z;
        z.set_view(kMin, size, image);
        z.pinch(2, kCentre);
        z.pan({10, 10});
        z.release({1, 1});
        z.toggle_zoom(kCentre);
        z.update(16, false);
        CHECK(finite(z));
        CHECK(std::isfinite(z.fit_scale()));
        CHECK(std::isfinite(z.to_screen({5, 5}).x));
      }
    }
    SUBCASE("bad factors, points and times") {
      ZoomView z = view();
      for (float f : {std::nanf(""), 0.0f, -2.0f, INFINITY, -INFINITY}) {
        z.pinch(f, kCentre);
        CHECK(z.scale() == 0.5f);
      }
      z.pinch(2, {std::nanf(""), 0});
      z.pan({INFINITY, 0});
      z.toggle_zoom({0, std::nanf("")});
      z.release({std::nanf(""), 1});
      z.set_view({std::nanf(""), 0}, kSize, {2000, 1000});
      CHECK_FALSE(z.update(std::nan(""), false));
      CHECK(z.scale() == 0.5f);
      CHECK(z.offset().y == 150);
      for (float f : {1e30f, 1e-30f, 3e38f, 1e-45f}) {
        z.pinch(f, kCentre);
        CHECK(finite(z));
        CHECK(z.scale() >= 0.35f);
        CHECK(z.scale() <= 2.6f);
      }
      z.update(1e9, false);  // one huge step settles
      CHECK_FALSE(z.update(1e9, false));
      CHECK(finite(z));
      z.set_max_scale(std::nanf(""));
      CHECK(z.max_scale() == z.fit_scale());
      z.set_max_scale(-1);
      CHECK(z.max_scale() == z.fit_scale());
    }
  }
}
