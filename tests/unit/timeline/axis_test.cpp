// Years without a year 0 on a continuous axis.
#include <doctest/doctest.h>

#include "timeline/axis.h"

using namespace orpheus::timeline;

TEST_SUITE("Time axis") {
  TEST_CASE("1 BCE is followed by AD 1: no year 0") {
    CHECK(year_start(1) == 0);
    CHECK(year_end(-1) == 0);
    CHECK(years_between(-1, 1) == 1);
    CHECK(years_between(-400, -300) == 100);
    CHECK(years_between(-50, 50) == 99);  // 50 BCE .. AD 50: 49 + 50 years
    CHECK(add_years(-1, 1) == 1);
    CHECK(add_years(1, -1) == -1);
    CHECK(add_years(-5, 10) == 6);
    CHECK(add_years(1990, 10) == 2000);
    for (int y : {-100000, -451, -450, -2, -1, 1, 2, 100, 2024}) {
      CAPTURE(y);
      CHECK(year_at(year_start(y)) == y);
      CHECK(year_at(year_end(y) - 1e-6) == y);
      CHECK(year_end(y) - year_start(y) == 1);
    }
    CHECK(year_at(-0.5) == -1);
    CHECK(year_at(0) == 1);
  }

  TEST_CASE("An item's span covers its years whole") {
    const auto century = span_of(-400, -301);  // IV в. пр. Хр.
    REQUIRE(century);
    CHECK(century->t0 == -400);
    CHECK(century->t1 == -300);
    CHECK(century->length() == 100);
    const auto across = span_of(-20, 10);  // 20 BC - AD 10: 20 + 10 years
    REQUIRE(across);
    CHECK(across->length() == 30);
    const auto one = span_of(std::nullopt, 1844);
    REQUIRE(one);
    CHECK(one->length() == 1);
    CHECK_FALSE(span_of(std::nullopt, std::nullopt));
  }
}
