// The map's markers and labels: no two markers overlap at any zoom, every pin is in one marker,
// zooming out only merges clusters and zooming in far enough parts pins at distinct spots; labels
// keep clear of markers, dots and each other; taps and the visible part find the right markers.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <random>
#include <set>

#include "map/layout.h"

using namespace orpheus::map;

namespace {

constexpr Sizes kSizes{64, 6, 10, 6};
constexpr double kApart = 64 + 6;  // marker + gap: the least distance between markers' centres, screen px

// A Thrace-like pack on a 4096 x 3000 map: most find-spots around a dozen sites and towns (tight
// tombs, wide valleys), some scattered, many objects sharing the spot of another (one hoard).
std::vector<Pin> thrace(std::size_t n, unsigned seed) {
  struct Site {
    double x, y, spread;
  };
  const Site sites[] = {{1500, 1700, 120}, {2000, 1300, 60}, {2050, 1320, 15}, {2300, 1600, 200},
                        {600, 1200, 150},  {3800, 900, 80},  {3500, 1500, 40}, {2500, 2200, 90},
                        {1900, 2400, 30},  {1200, 800, 250}, {2900, 700, 20},  {3100, 2600, 110}};
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Pin> out;
  for (std::size_t i = 0; i < n; ++i) {
    Pin p;
    p.item = 3 * i + 1;  // the caller's index, not the position
    const double kind = unit(rng);
    if (kind < 0.15 && !out.empty()) {
      const Pin& same = out[static_cast<std::size_t>(unit(rng) * static_cast<double>(out.size()))];
      p.x = same.x;
      p.y = same.y;
    } else if (kind < 0.3) {
      p.x = unit(rng) * 4096;
      p.y = unit(rng) * 3000;
    } else {
      const Site& s = sites[rng() % std::size(sites)];
      std::normal_distribution<double> around(0, s.spread);
      p.x = s.x + around(rng);
      p.y = s.y + around(rng);
    }
    out.push_back(p);
  }
  return out;
}

// Forty towns: a dozen rank 1 by the sites (shown from the start), then rank 2 and rank 3 ones
// scattered (shown from 0.5 and 1.5), with names 40 to 140 px wide.
std::vector<Place> towns(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  const double at[][2] = {{1500, 1700}, {1800, 1150}, {2300, 1900}, {350, 1100}, {3800, 1200}, {3400, 1750},
                          {2500, 2200}, {1600, 2500}, {1200, 300},  {2900, 500}, {3300, 2800}, {1640, 1720}};
  std::vector<Place> out;
  for (std::size_t i = 0; i < 40; ++i) {
    Place p;
    p.place = 100 + i;
    p.x = i < 12 ? at[i][0] : unit(rng) * 4096;
    p.y = i < 12 ? at[i][1] : unit(rng) * 3000;
    p.w = static_cast<float>(40 + unit(rng) * 100);
    p.h = 22;
    p.min_scale = i < 12 ? 0 : i < 26 ? 0.5 : 1.5;
    out.push_back(p);
  }
  return out;
}

// The number of pairs of markers whose centres are closer than kApart when drawn at `scale`.
std::size_t overlaps(const Layout& l, double scale) {
  std::vector<const Marker*> by_x;
  for (const Marker& m : l.markers) by_x.push_back(&m);
  std::sort(by_x.begin(), by_x.end(), [](const Marker* a, const Marker* b) { return a->x < b->x; });
  std::size_t bad = 0;
  for (std::size_t i = 0; i < by_x.size(); ++i)
    for (std::size_t j = i + 1; j < by_x.size() && (by_x[j]->x - by_x[i]->x) * scale < kApart; ++j)
      if (std::hypot(by_x[j]->x - by_x[i]->x, by_x[j]->y - by_x[i]->y) * scale < kApart - 1e-9) ++bad;
  return bad;
}

// Every pin is in exactly one marker, listed in input order; a marker's box is its pins' spots'
// and its centre lies in it.
void check_markers(const Layout& l, const std::vector<Pin>& pins) {
  std::vector<int> seen(pins.size(), 0);
  std::size_t bad = 0;
  for (const Marker& m : l.markers) {
    REQUIRE_FALSE(m.items.empty());
    if (!std::is_sorted(m.items.begin(), m.items.end())) ++bad;  // items grow with the input order
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const std::size_t item : m.items) {
      const std::size_t i = (item - 1) / 3;
      REQUIRE(i < pins.size());
      ++seen[i];
      x0 = std::min(x0, pins[i].x);
      y0 = std::min(y0, pins[i].y);
      x1 = std::max(x1, pins[i].x);
      y1 = std::max(y1, pins[i].y);
      if (l.marker_of(item) != &m) ++bad;
    }
    if (m.x0 != x0 || m.y0 != y0 || m.x1 != x1 || m.y1 != y1) ++bad;
    if (m.x < x0 || m.x > x1 || m.y < y0 || m.y > y1) ++bad;
  }
  CHECK(bad == 0);
  CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<std::ptrdiff_t>(pins.size()));
}

struct ScreenBox {
  double x0, y0, x1, y1;
};

double distance(const ScreenBox& a, const ScreenBox& b) {
  return std::hypot(std::max({0.0, a.x0 - b.x1, b.x0 - a.x1}), std::max({0.0, a.y0 - b.y1, b.y0 - a.y1}));
}

double distance(double x, double y, const ScreenBox& b) {
  return std::hypot(x - std::clamp(x, b.x0, b.x1), y - std::clamp(y, b.y0, b.y1));
}

// Drawn at `scale` (at least the layout's): each label is clear, by the gap, of every other label,
// every marker and every other place's dot shown; it belongs to a place shown whose dot no marker
// covers. The number of labels.
std::size_t check_labels(const Layout& l, const std::vector<Place>& places, double scale) {
  const auto place_of = [&](std::size_t id) { return &places[id - 100]; };
  std::vector<ScreenBox> boxes;
  std::size_t bad = 0;
  for (const Label& label : l.labels) {
    const Place& p = *place_of(label.place);
    if (p.min_scale > l.scale) ++bad;
    // Anchored at its dot; or, its dot under a marker, at that marker (the nearest).
    const Marker* under = nullptr;
    double nearest = (kSizes.marker + kSizes.dot) / 2 / l.scale;
    for (const Marker& m : l.markers)
      if (const double d = std::hypot(m.x - p.x, m.y - p.y); d < nearest) {
        nearest = d;
        under = &m;
      }
    if (label.x != (under ? under->x : p.x) || label.y != (under ? under->y : p.y)) ++bad;
    boxes.push_back({label.x * scale + label.dx, label.y * scale + label.dy, label.x * scale + label.dx + p.w,
                     label.y * scale + label.dy + p.h});
    for (const Marker& m : l.markers)
      if (distance(m.x * scale, m.y * scale, boxes.back()) < kSizes.marker / 2 + kSizes.gap - 1e-6) ++bad;
    for (const Place& o : places)
      if (&o != &p && o.min_scale <= l.scale && distance(o.x * scale, o.y * scale, boxes.back()) < kSizes.dot / 2 + kSizes.gap - 1e-6)
        ++bad;
  }
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j)
      if (distance(boxes[i], boxes[j]) < kSizes.gap - 1e-6) ++bad;
  CHECK(bad == 0);
  return l.labels.size();
}

bool same(const Layout& a, const Layout& b) {
  if (a.scale != b.scale || a.markers.size() != b.markers.size() || a.labels.size() != b.labels.size()) return false;
  for (std::size_t i = 0; i < a.markers.size(); ++i) {
    const Marker &m = a.markers[i], &n = b.markers[i];
    if (m.items != n.items || m.x != n.x || m.y != n.y || m.x0 != n.x0 || m.y0 != n.y0 || m.x1 != n.x1 || m.y1 != n.y1)
      return false;
  }
  for (std::size_t i = 0; i < a.labels.size(); ++i) {
    const Label &m = a.labels[i], &n = b.labels[i];
    if (m.place != n.place || m.dx != n.dx || m.dy != n.dy) return false;
  }
  return true;
}

// Whether every marker of `fine` lies whole in one marker of `coarse`.
bool nests(const Layout& fine, const Layout& coarse) {
  for (const Marker& m : fine.markers) {
    const Marker* c = coarse.marker_of(m.items.front());
    if (!c || !std::includes(c->items.begin(), c->items.end(), m.items.begin(), m.items.end())) return false;
  }
  return true;
}

// The top of step k's range, just below the next step.
double step_top(int k) { return step_scale(k + 1) * (1 - 1e-12); }

}  // namespace

TEST_SUITE("Map layout") {
  TEST_CASE("No two markers overlap at any zoom, and every pin is in one marker") {
    const auto pins = thrace(2000, 7);
    const Layouts layouts(pins, {}, -12, 14, kSizes);
    for (double scale = step_scale(-12); scale < step_scale(15); scale *= 1.07) {
      CAPTURE(scale);
      const Layout& l = layouts.at(scale);
      REQUIRE(l.scale <= scale * (1 + 1e-12));
      CHECK(l.scale > scale / 1.19);  // never more than a step coarser
      CHECK(overlaps(l, scale) == 0);
      check_markers(l, pins);
    }
    for (int k = -12; k <= 14; ++k) {
      CAPTURE(k);
      CHECK(overlaps(layouts.at(step_scale(k)), step_top(k)) == 0);
    }
    // Not vacuous: the far view has clusters, the close one many markers.
    CHECK(layouts.at(step_scale(-12)).markers.size() < pins.size() / 20);
    CHECK(layouts.at(step_scale(14)).markers.size() > 1000);
    // A scale between steps, laid out alone.
    const Layout between = lay_out(pins, {}, 0.7, kSizes);
    CHECK(overlaps(between, 0.7) == 0);
    check_markers(between, pins);
  }

  TEST_CASE("Zooming out only merges clusters: each step's markers lie whole in the coarser step's") {
    const auto pins = thrace(2000, 8);
    const Layouts layouts(pins, {}, -12, 14, kSizes);
    for (int k = -12; k < 14; ++k) {
      CAPTURE(k);
      const Layout &coarse = layouts.at(step_scale(k)), &fine = layouts.at(step_scale(k + 1));
      CHECK(nests(fine, coarse));
      CHECK(coarse.markers.size() <= fine.markers.size());
    }
    // Laid out alone at several steps, the clusters are the same, so they nest too.
    CHECK(nests(lay_out(pins, {}, step_scale(3), kSizes), lay_out(pins, {}, step_scale(-5), kSizes)));
  }

  TEST_CASE("Zoomed in far enough, pins at distinct spots are apart; pins at one spot stay one cluster") {
    std::vector<Pin> pins;
    for (std::size_t i = 0; i < 5; ++i) pins.push_back({i, 100.1, 100.3});  // a hoard
    pins.push_back({5, 100.101, 100.3});  // a thousandth of a pixel away
    pins.push_back({6, 100.1, 100.8});
    pins.push_back({7, 3000, 2000});
    pins.push_back({8, 0.5, 2000});
    const std::vector<std::size_t> hoard = {0, 1, 2, 3, 4};
    const Layout far = lay_out(pins, {}, 1e-3, kSizes);
    REQUIRE(far.markers.size() == 1);
    CHECK(far.markers[0].items.size() == pins.size());
    for (double scale = 1e-3; scale < 1e6; scale *= 3.1) {
      CAPTURE(scale);
      const Layout l = lay_out(pins, {}, scale, kSizes);
      REQUIRE(l.marker_of(0));
      CHECK(std::includes(l.marker_of(0)->items.begin(), l.marker_of(0)->items.end(), hoard.begin(), hoard.end()));
      CHECK(overlaps(l, scale) == 0);
    }
    const Layout close = lay_out(pins, {}, 1e5, kSizes);  // 0.001 map px = 100 screen px
    REQUIRE(close.markers.size() == 5);
    const Marker* h = close.marker_of(3);
    REQUIRE(h);
    CHECK(h->items == hoard);
    CHECK(h->x == 100.1);  // exactly on its spot
    CHECK(h->y == 100.3);
    CHECK(h->x0 == h->x1);
    for (std::size_t item = 5; item < 9; ++item) CHECK(close.marker_of(item)->items == std::vector<std::size_t>{item});
    // Many steps, from the far view to where every spot stands apart, in one go.
    const Layouts steps(pins, {}, zoom_step(1e-3), zoom_step(1e5), kSizes);
    CHECK(steps.at(1e5).markers.size() == 5);
    CHECK(same(steps.at(1e5), lay_out(pins, {}, step_scale(zoom_step(1e5)), kSizes)));
    CHECK(steps.at(1e-3).markers.size() == 1);
  }

  TEST_CASE("The same input gives the same layout, alone or among the steps") {
    const auto pins = thrace(1500, 9);
    const auto places = towns(9);
    const Layouts layouts(pins, places, -8, 8, kSizes);
    for (const int k : {-8, -3, 0, 5, 8}) {
      CAPTURE(k);
      const Layout a = lay_out(pins, places, step_scale(k), kSizes);
      CHECK(same(a, lay_out(pins, places, step_scale(k), kSizes)));
      CHECK(same(a, layouts.at(step_scale(k))));
    }
  }

  TEST_CASE("Steps where nothing merges are skipped without changing the clusters") {
    // Layouts makes every step from `last` down; lay_out leaps from the pins' spots to the first
    // step where anything merges, and on from each step that merges nothing.
    const auto pins = thrace(1500, 14);
    const Layouts every(pins, {}, -8, 100, kSizes);
    for (const int k : {-8, -2, 4, 12, 30}) {
      CAPTURE(k);
      CHECK(same(lay_out(pins, {}, step_scale(k), kSizes), every.at(step_scale(k))));
    }
    // Pins 1 and 2, 55 px apart, merge at step 1 (scale 1.19: 70 px is 58.9 map px); pin 0 is 65
    // px from pin 2 but 92.5 from their centroid, so it stays alone two steps out. Clustered at
    // step 0 straight from the pins, it would take pin 2 (its turn comes first).
    const std::vector<Pin> line = {{0, 1120, 1000}, {1, 1000, 1000}, {2, 1055, 1000}};
    const Layout out = lay_out(line, {}, step_scale(-1), kSizes);
    REQUIRE(out.markers.size() == 2);
    CHECK(out.marker_of(1)->items == std::vector<std::size_t>{1, 2});
    CHECK(out.marker_of(0)->items == std::vector<std::size_t>{0});
  }

  TEST_CASE("Labels keep clear of each other, of every marker and of other dots, up to the next step") {
    const auto pins = thrace(3000, 10);
    const auto places = towns(10);
    const Layouts layouts(pins, places, -10, 14, kSizes);
    std::size_t region = 0, close = 0;
    for (int k = -10; k <= 14; ++k) {
      CAPTURE(k);
      const Layout& l = layouts.at(step_scale(k));
      for (const double t : {0.0, 0.3, 0.7}) check_labels(l, places, step_scale(k) * std::exp2(t / 4));
      const std::size_t n = check_labels(l, places, step_top(k));
      if (k == -5) region = n;  // the whole region on a 1920 x 1080 screen
      if (k == 14) close = n;
    }
    CHECK(region >= 3);    // the whole region names some towns
    CHECK(close >= 30);    // and close up nearly all
    CHECK(close <= places.size());
  }

  TEST_CASE("A label goes right of its dot, else left, above, below; beside a marker on its dot; none before its zoom") {
    const auto one = [](double min_scale = 0) { return std::vector<Place>{{7, 1000, 1000, 80, 20, min_scale}}; };
    const auto label_of = [](const std::vector<Pin>& pins, const std::vector<Place>& places, double scale) {
      const Layout l = lay_out(pins, places, scale, kSizes);
      return l.labels.empty() ? std::optional<Label>{} : std::optional<Label>{l.labels.front()};
    };
    auto right = label_of({}, one(), 1);
    REQUIRE(right);
    CHECK(right->place == 7);
    CHECK(right->x == 1000);
    CHECK(right->dx == doctest::Approx(11));  // dot radius + label gap
    CHECK(right->dy == doctest::Approx(-10));
    std::vector<Pin> pins = {{0, 1080, 1000}};  // a marker over the right-hand box
    auto left = label_of(pins, one(), 1);
    REQUIRE(left);
    CHECK(left->dx == doctest::Approx(-91));
    CHECK(left->dy == doctest::Approx(-10));
    pins.push_back({1, 920, 1000});
    auto above = label_of(pins, one(), 1);
    REQUIRE(above);
    CHECK(above->dx == doctest::Approx(-40));
    CHECK(above->dy == doctest::Approx(-31));
    pins.push_back({2, 1000, 950});
    auto below = label_of(pins, one(), 1);
    REQUIRE(below);
    CHECK(below->dx == doctest::Approx(-40));
    CHECK(below->dy == doctest::Approx(11));
    pins.push_back({3, 1000, 1050});
    CHECK_FALSE(label_of(pins, one(), 1));  // nowhere left
    CHECK(label_of(pins, one(), 3));         // until the markers spread
    // Its dot under a marker: named beside the marker, clear of it by the gap.
    const auto beside = label_of({{0, 1010, 1000}}, one(), 1);
    REQUIRE(beside);
    CHECK(beside->x == 1010);
    CHECK(beside->dx == doctest::Approx(32 + 6 + 0.5));
    CHECK_FALSE(label_of({}, one(2), 1));                 // not shown yet
    CHECK(label_of({}, one(2), 2));
  }

  TEST_CASE("A label that another would run into before the next step is left out") {
    // The first town's label goes above it (its dot's right is the second's dot, its left under a
    // marker). Below the second town there is room now, but that label sits under the first's
    // while its dot is up and to the right: zooming in would push it up into it.
    const std::vector<Place> places = {{100, 1000, 1000, 80, 20, 0}, {101, 1052, 984, 80, 20, 0.5}};
    const std::vector<Pin> pins = {{0, 940, 1040}, {1, 1150, 940}};
    const Layout l = lay_out(pins, places, 1, kSizes);
    REQUIRE(l.labels.size() == 1);
    CHECK(l.labels[0].place == 100);
    CHECK(l.labels[0].dy == doctest::Approx(-31));
    check_labels(l, places, step_top(0));
  }

  TEST_CASE("Places are labelled by min_scale, then input order") {
    // Two towns one above the other: the first considered takes the right, the other goes left.
    const auto first_right = [](std::vector<Place> places) {
      const Layout l = lay_out({}, places, 1, kSizes);
      REQUIRE(l.labels.size() == 2);
      CHECK(l.labels[0].dx > 0);
      CHECK(l.labels[1].dx < 0);
      return l.labels[0].place;
    };
    CHECK(first_right({{1, 1000, 1018, 80, 20, 0.5}, {2, 1000, 1000, 80, 20, 0}}) == 2);
    CHECK(first_right({{1, 1000, 1018, 80, 20, 0}, {2, 1000, 1000, 80, 20, 0.5}}) == 1);
    CHECK(first_right({{1, 1000, 1018, 80, 20, 0}, {2, 1000, 1000, 80, 20, 0}}) == 1);
  }

  TEST_CASE("A tap finds the marker under it, or within the slack, the nearest") {
    const std::vector<Pin> pins = {{10, 100, 100}, {20, 200, 100}, {30, 200, 100}};
    const Layout l = lay_out(pins, {}, 1, kSizes);  // discs of radius 32 map px
    REQUIRE(l.markers.size() == 2);
    const Marker* a = l.marker_of(10);
    const Marker* b = l.marker_of(30);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(b->items == std::vector<std::size_t>{20, 30});
    CHECK_FALSE(l.marker_of(11));
    CHECK(l.marker_at(100, 100, 0) == a);
    CHECK(l.marker_at(131, 100, 0) == a);
    CHECK(l.marker_at(100, 68.5, 0) == a);
    CHECK_FALSE(l.marker_at(140, 100, 0));
    CHECK(l.marker_at(140, 100, 10) == a);  // in the slack
    CHECK(l.marker_at(148, 100, 20) == a);  // in both slacks: the nearest
    CHECK(l.marker_at(152, 100, 20) == b);
    CHECK_FALSE(l.marker_at(100, 200, 20));
    const Layout closer = lay_out(pins, {}, 2, kSizes);  // radius 16 map px
    CHECK(closer.marker_at(115, 100, 0) == closer.marker_of(10));
    CHECK_FALSE(closer.marker_at(120, 100, 0));
    CHECK(closer.marker_at(120, 100, 10) == closer.marker_of(10));
    CHECK_FALSE(Layout{}.marker_at(0, 0, 100));
  }

  TEST_CASE("The visible markers are those a scan of all finds") {
    const auto pins = thrace(3000, 12);
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<const Marker*> got;
    for (const double scale : {0.2, 0.6, 1.0, 2.5, 7.0}) {
      const Layout l = lay_out(pins, {}, scale, kSizes);
      const double r = kSizes.marker / 2 / scale;
      for (int i = 0; i < 40; ++i) {
        const double w = 1920 / scale * (0.05 + unit(rng)), h = 1080 / scale * (0.05 + unit(rng));
        const double x0 = unit(rng) * 4400 - 200, y0 = unit(rng) * 3300 - 200;
        CAPTURE(scale);
        CAPTURE(x0);
        CAPTURE(y0);
        std::vector<const Marker*> want;
        for (const Marker& m : l.markers)
          if (std::hypot(m.x - std::clamp(m.x, x0, x0 + w), m.y - std::clamp(m.y, y0, y0 + h)) < r) want.push_back(&m);
        l.visible(x0, y0, x0 + w, y0 + h, got);
        CHECK(got == want);
      }
      l.visible(-1e6, -1e6, 1e6, 1e6, got);
      CHECK(got.size() == l.markers.size());
    }
    Layout{}.visible(0, 0, 10, 10, got);
    CHECK(got.empty());
  }

  TEST_CASE("Zoom steps are quarter octaves; a layout is looked up by its step, clamped to those made") {
    CHECK(zoom_step(1) == 0);
    CHECK(zoom_step(2) == 4);
    CHECK(zoom_step(1.18) == 0);
    CHECK(zoom_step(1.19) == 1);
    CHECK(zoom_step(0.5) == -4);
    for (int step = -40; step <= 40; ++step) CHECK(zoom_step(step_scale(step)) == step);
    const auto pins = thrace(300, 13);
    const Layouts layouts(pins, towns(13), -4, 4, kSizes);
    CHECK(layouts.at(0.01).scale == step_scale(-4));
    CHECK(layouts.at(100).scale == step_scale(4));
    CHECK(layouts.at(1.18).scale == 1);
    CHECK(layouts.at(0.9).scale == step_scale(-1));
  }

  TEST_CASE("Making the layouts stops when it is cancelled, keeping the closest steps") {
    const auto pins = thrace(300, 3);
    int asked = 0;
    const Layouts some(pins, {}, 0, 20, kSizes, [&] { return ++asked > 3; });
    CHECK(asked == 4);
    REQUIRE_FALSE(some.empty());
    CHECK(some.at(0.01).scale == step_scale(18));
    CHECK(some.at(1e9).scale == step_scale(20));
    const Layouts none(pins, {}, 0, 20, kSizes, [] { return true; });
    CHECK(none.empty());
    CHECK(none.at(1).markers.empty());
  }

  TEST_CASE("10,000 pins at 25 steps") {
    const auto pins = thrace(10000, 2024);
    const auto places = towns(2024);
    const auto start = std::chrono::steady_clock::now();
    const Layouts layouts(pins, places, -10, 14, kSizes);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    MESSAGE("10,000 pins, 40 places, 25 steps: " << took.count() << " s");
    for (int k = -10; k < 14; ++k) CHECK(nests(layouts.at(step_scale(k + 1)), layouts.at(step_scale(k))));
    for (int k = -10; k <= 14; k += 4) {
      CAPTURE(k);
      const Layout& l = layouts.at(step_scale(k));
      check_markers(l, pins);
      CHECK(overlaps(l, step_scale(k)) == 0);
      CHECK(overlaps(l, step_top(k)) == 0);
      check_labels(l, places, step_scale(k));
      check_labels(l, places, step_top(k));
    }
  }
}
