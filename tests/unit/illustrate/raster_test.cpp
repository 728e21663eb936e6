// Coverage rasteriser and mask primitives: areas and anti-aliasing are exact enough.
#include <doctest/doctest.h>

#include <cmath>

#include "illustrate/canvas.h"
#include "illustrate/path.h"
#include "illustrate/raster.h"

namespace il = orpheus::illustrate;

namespace {

double covered(const il::Path& p, float scale, il::IRect clip, il::FillRule rule = il::FillRule::nonzero) {
  double sum = 0.0;
  il::rasterize(p, scale, clip, rule, [&](int, int, int n, const float* cov) {
    for (int i = 0; i < n; ++i) sum += cov[i];
  });
  return sum;
}

}  // namespace

TEST_CASE("a rectangle with fractional edges covers exactly its area") {
  il::Path p;
  p.rect({10.25f, 5.5f}, {30.75f, 17.125f});
  CHECK(covered(p, 1.f, {0, 0, 64, 64}) == doctest::Approx(20.5 * 11.625).epsilon(1e-4));
}

TEST_CASE("a circle covers pi r^2, also when scaled and clipped into bands") {
  il::Path p;
  p.circle({50.f, 40.f}, 20.f);
  const double area = 3.14159265 * 400.0;
  CHECK(covered(p, 1.f, {0, 0, 100, 100}) == doctest::Approx(area).epsilon(2e-3));
  CHECK(covered(p, 2.f, {0, 0, 200, 200}) == doctest::Approx(area * 4.0).epsilon(2e-3));
  // Two bands add up to the whole.
  const double top = covered(p, 1.f, {0, 0, 100, 37});
  const double bottom = covered(p, 1.f, {0, 37, 100, 100});
  CHECK(top + bottom == doctest::Approx(area).epsilon(2e-3));
}

TEST_CASE("holes: reversed contours cut out, even-odd works regardless of orientation") {
  il::Path ring;
  ring.circle({50.f, 50.f}, 30.f);
  ring.circle({50.f, 50.f}, 10.f, true);
  const double expect = 3.14159265 * (900.0 - 100.0);
  CHECK(covered(ring, 1.f, {0, 0, 100, 100}) == doctest::Approx(expect).epsilon(3e-3));
  il::Path same;
  same.circle({50.f, 50.f}, 30.f);
  same.circle({50.f, 50.f}, 10.f);
  CHECK(covered(same, 1.f, {0, 0, 100, 100}, il::FillRule::even_odd) == doctest::Approx(expect).epsilon(3e-3));
}

TEST_CASE("shapes left of the clip still count as winding for pixels inside") {
  il::Path p;
  p.rect({-50.f, 10.f}, {20.f, 20.f});
  CHECK(covered(p, 1.f, {0, 0, 64, 64}) == doctest::Approx(200.0).epsilon(1e-4));
}

TEST_CASE("blur keeps the mass of a mask") {
  il::Canvas c(128, 128, 1.f, {0, 0, 128, 128});
  il::Plane m = c.plane();
  il::disc(m, c, {64.f, 64.f}, 12.f);
  const double before = m.sum();
  il::blur(m, c, 4.f, 3);
  CHECK(m.sum() == doctest::Approx(before).epsilon(1e-3));
}
