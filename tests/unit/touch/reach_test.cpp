#include "touch/reach.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace orpheus::touch;

TEST_SUITE("Reach area") {
  TEST_CASE("Nothing above the reach line at any window shape, density and mounting") {
    const float heights[] = {240, 600, 768, 800, 900, 1080, 1200, 1280, 1440, 1600, 1920, 2160, 2560, 3840};
    const float dpis[] = {60, 69, 80, 92, 96, 110, 140, 160, 200, 300};
    int binding = 0, below = 0;
    for (const float h : heights)
      for (const float dpi : dpis)
        for (float bottom = 0; bottom <= 1400; bottom += 50)
          for (const float reach : {1000.0f, 1220.0f, 1370.0f}) {
            CAPTURE(h);
            CAPTURE(dpi);
            CAPTURE(bottom);
            CAPTURE(reach);
            const float mm = dpi / 25.4f;
            const ReachArea a = reach_area(h, mm, {bottom, reach});
            // The area is the window's lower part.
            CHECK(a.top >= 0);
            CHECK(a.top + a.height == doctest::Approx(h));
            // The line is where the mounting puts it.
            CHECK(a.line == doctest::Approx(h - (reach - bottom) * mm));
            // Never more than the share, unless the minimum asks for more.
            CHECK(a.height <= std::max(h * kReachMaxShare, std::min(h, kReachMinMm * mm)) + 0.01f);
            // Never less than the minimum (or the whole window, if it is shorter).
            CHECK(a.height >= std::min(h, kReachMinMm * mm) - 0.01f);
            if (!a.below_minimum) {
              CHECK(a.top >= a.line - 0.01f);
              if (a.line > a.top - 0.01f && a.line < a.top + 0.01f) ++binding;
            } else {
              // Only when the minimum does not fit under the line; the area is then the minimum.
              CHECK(a.line > h - kReachMinMm * mm);
              CHECK(a.height == doctest::Approx(std::min(h, kReachMinMm * mm)));
              ++below;
            }
          }
    // The sweep covers the cases where the line decides and where the minimum does.
    CHECK(binding > 100);
    CHECK(below > 100);
  }

  TEST_CASE("Typical kiosks") {
    SUBCASE("24-inch 1080p landscape, 900 mm: the whole screen is in reach, the area is the share") {
      const float mm = 92 / 25.4f;  // 1080 px = 298 mm
      const ReachArea a = reach_area(1080, mm, {});
      CHECK(a.line < 0);
      CHECK(a.height == doctest::Approx(1080 * kReachMaxShare));
      CHECK_FALSE(a.below_minimum);
    }
    SUBCASE("32-inch portrait, 900 mm: the line decides") {
      const float mm = 69 / 25.4f;  // 1920 px = 707 mm, its top at 1607 mm
      const ReachArea a = reach_area(1920, mm, {});
      CHECK(a.top == doctest::Approx(a.line));
      CHECK(a.height == doctest::Approx(320 * mm));
      CHECK(a.height < 1920 * 0.5f);
    }
    SUBCASE("A screen mounted too high: the minimum, reported") {
      const float mm = 96 / 25.4f;
      const ReachArea a = reach_area(1080, mm, {1150, 1220});
      CHECK(a.below_minimum);
      CHECK(a.height == doctest::Approx(kReachMinMm * mm));
    }
    SUBCASE("A screen below the line altogether: the share, or the least height if that is more") {
      const ReachArea a = reach_area(1200, 96 / 25.4f, {0, 1220});
      CHECK(a.height == doctest::Approx(1200 * kReachMaxShare));
      const ReachArea small = reach_area(800, 96 / 25.4f, {0, 1220});  // 212 mm: 62 % is 131 mm
      CHECK(small.height == doctest::Approx(kReachMinMm * 96 / 25.4f));
      CHECK_FALSE(small.below_minimum);
    }
  }
}
