#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "geo/simplify.h"

using namespace orpheus::geo;

namespace {

// The distance from p to the polyline.
double to_line(Metres p, const std::vector<Metres>& line) {
  double best = INFINITY;
  for (std::size_t i = 1; i < line.size(); ++i) best = std::min(best, segment_distance(p, line[i - 1], line[i]));
  return best;
}

// A wiggly coast: a random walk with a drift.
std::vector<Metres> coast(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> step(0, 300);
  std::vector<Metres> out{{0, 0}};
  for (std::size_t i = 1; i < n; ++i) out.push_back({out.back().x + 200 + step(rng), out.back().y + step(rng)});
  return out;
}

}  // namespace

TEST_SUITE("Line simplification") {
  TEST_CASE("Every point left out stays within the tolerance; the ends are kept; fewer points as it grows") {
    const auto line = coast(5000, 7);
    std::size_t previous = line.size() + 1;
    for (const double tolerance : {50.0, 200.0, 1000.0, 5000.0, 25000.0}) {
      CAPTURE(tolerance);
      const auto simple = simplify(line, tolerance);
      REQUIRE(simple.size() >= 2);
      CHECK(simple.front().x == line.front().x);
      CHECK(simple.back().x == line.back().x);
      CHECK(simple.size() < previous);
      previous = simple.size();
      double worst = 0;
      for (const Metres& p : line) worst = std::max(worst, to_line(p, simple));
      CHECK(worst <= tolerance);
      // Only points of the line, in its order.
      std::size_t at = 0;
      for (const Metres& p : simple) {
        while (at < line.size() && (line[at].x != p.x || line[at].y != p.y)) ++at;
        CHECK(at < line.size());
      }
    }
    CHECK(simplify(line, 0).size() <= line.size());
  }

  TEST_CASE("Short lines and straight lines") {
    CHECK(simplify({}, 10).empty());
    CHECK(simplify({{0, 0}, {5, 5}}, 10).size() == 2);
    CHECK(simplify({{0, 0}, {1, 0.001}, {2, 0}, {3, -0.001}, {4, 0}}, 0.01).size() == 2);
    CHECK(segment_distance({5, 5}, {0, 0}, {10, 0}) == doctest::Approx(5));
    CHECK(segment_distance({-3, 4}, {0, 0}, {10, 0}) == doctest::Approx(5));  // beyond an end: to the end
    CHECK(segment_distance({3, 4}, {0, 0}, {0, 0}) == doctest::Approx(5));    // a segment of no length
  }
}
