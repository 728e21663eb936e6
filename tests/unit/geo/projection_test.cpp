#include <doctest/doctest.h>

#include <cmath>

#include "geo/projection.h"

using namespace orpheus::geo;

TEST_SUITE("Map projection") {
  TEST_CASE("Web Mercator round trips, north up and x east, metres at the equator") {
    for (double lat = -84; lat <= 84; lat += 3.5)
      for (double lon = -179; lon <= 179; lon += 7.3) {
        const LonLat back = unproject(project({lon, lat}));
        CHECK(back.lon == doctest::Approx(lon).epsilon(1e-12));
        CHECK(back.lat == doctest::Approx(lat).epsilon(1e-12));
      }
    CHECK(project({0, 0}).x == doctest::Approx(0));
    CHECK(project({0, 0}).y == doctest::Approx(0));
    CHECK(project({1, 0}).x == doctest::Approx(111319.49).epsilon(1e-6));  // a degree of the equator
    CHECK(project({25, 43}).y < project({25, 42}).y);                        // north is up (y grows southwards)
    CHECK(project({26, 42}).x > project({25, 42}).x);
    // Conformal: at 43° a step north and a step east keep on the map the ratio they have on the
    // ground (0.01° of latitude is 1 / cos 43° times longer there than 0.01° of longitude).
    const double east = project({25.01, 43}).x - project({25, 43}).x;
    const double north = project({25, 43}).y - project({25, 43.01}).y;
    const double ground = distance_km({25, 43}, {25, 43.01}) / distance_km({25, 43}, {25.01, 43});
    CHECK(north / east == doctest::Approx(ground).epsilon(1e-3));
    CHECK(ground == doctest::Approx(mercator_scale(43)).epsilon(1e-3));
  }

  TEST_CASE("Great-circle distances") {
    const LonLat sofia{23.3219, 42.6977}, plovdiv{24.7453, 42.1354}, varna{27.9147, 43.2141};
    CHECK(distance_km(sofia, plovdiv) == doctest::Approx(131).epsilon(0.02));
    CHECK(distance_km(sofia, varna) == doctest::Approx(379).epsilon(0.02));
    CHECK(distance_km(varna, varna) == 0);
  }
}
