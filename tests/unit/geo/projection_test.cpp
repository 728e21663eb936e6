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

  TEST_CASE("A map frame: the region's corners at the picture's corners, round trips, true proportions") {
    const Box thrace{21.0, 39.8, 30.3, 44.6};
    const MapFrame f = frame_for(thrace, 8192);
    REQUIRE(f.valid());
    CHECK(f.width == 8192);
    // Mercator keeps shapes: the picture's proportions are the region's projected ones, which
    // at these latitudes are about 1.44 to 1 (a degree of longitude is 0.74 of one of latitude).
    CHECK(static_cast<double>(f.width) / f.height == doctest::Approx(1.44).epsilon(0.01));
    CHECK(f.to_map({21.0, 44.6}).x == doctest::Approx(0));
    CHECK(f.to_map({21.0, 44.6}).y == doctest::Approx(0));
    CHECK(f.to_map({30.3, 39.8}).x == doctest::Approx(f.width));
    CHECK(f.to_map({30.3, 39.8}).y == doctest::Approx(f.height));
    for (double lat = 39.8; lat <= 44.6; lat += 0.37)
      for (double lon = 21.0; lon <= 30.3; lon += 0.53) {
        const LonLat back = f.to_lonlat(f.to_map({lon, lat}));
        CHECK(back.lon == doctest::Approx(lon).epsilon(1e-10));
        CHECK(back.lat == doctest::Approx(lat).epsilon(1e-10));
      }
    // Sofia to Plovdiv on the map, in ground metres per map pixel at their latitude, is the
    // distance on the ground within Mercator's error over 130 km (well under 1%).
    const LonLat sofia{23.3219, 42.6977}, plovdiv{24.7453, 42.1354};
    const Point a = f.to_map(sofia), b = f.to_map(plovdiv);
    const double px = std::hypot(b.x - a.x, b.y - a.y);
    CHECK(px * f.metres_per_pixel((sofia.lat + plovdiv.lat) / 2) / 1000 == doctest::Approx(distance_km(sofia, plovdiv)).epsilon(0.005));
    // A tall region: the height is the longer side.
    const MapFrame tall = frame_for({10, 40, 11, 50}, 1000);
    CHECK(tall.height == 1000);
    CHECK(tall.width < 200);
  }
}
