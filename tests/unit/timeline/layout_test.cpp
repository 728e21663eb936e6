// Markers in lanes and count badges: nothing drawn overlaps, at any zoom; every item is shown
// once; badges split as the axis zooms in; taps find what is under them.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "timeline/layout.h"

using namespace orpheus::timeline;

namespace {

// A generated pack: `n` items, most of them a year or a few decades in 3000 BC .. AD 1500, some
// centuries long, a few spanning millennia (sites), many sharing the same span.
std::vector<Entry> generated(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Entry> out;
  for (std::size_t i = 0; i < n; ++i) {
    const int start = -3000 + static_cast<int>(rng() % 4500);
    const int kind = static_cast<int>(rng() % 10);
    const int length = kind < 4 ? 0 : kind < 8 ? static_cast<int>(rng() % 60) : kind < 9 ? 100 * (1 + static_cast<int>(rng() % 3)) : 2000;
    const auto span = span_of(start, add_years(start, length));
    REQUIRE(span);
    out.push_back({i, *span});
  }
  for (std::size_t i = 0; i < n / 20; ++i) out.push_back({n + i, *span_of(-400, -301)});  // "IV в. пр. Хр."
  order_for_layout(out);
  return out;
}

constexpr double kMarker = 80, kGap = 6;

}  // namespace

TEST_SUITE("Timeline layout") {
  TEST_CASE("No two markers overlap, badges never touch, every item is shown once, at any zoom") {
    const auto entries = generated(2000, 7);
    for (double ppy = 0.05; ppy < 200; ppy *= 1.41) {
      CAPTURE(ppy);
      const Layout l = lay_out(entries, ppy, kMarker, kGap, 5);
      std::multiset<std::size_t> shown;
      for (const Marker& m : l.markers) shown.insert(m.item);
      for (const Cluster& c : l.clusters) shown.insert(c.items.begin(), c.items.end());
      CHECK(shown.size() == entries.size());
      CHECK(std::set<std::size_t>(shown.begin(), shown.end()).size() == entries.size());
      CHECK(l.lanes_used <= 5);
      // Each lane, left to right: each thing ends (with the gap) before the next begins.
      for (int lane = 0; lane < 5; ++lane) {
        std::vector<const Marker*> row;
        for (const Marker& m : l.markers)
          if (m.lane == lane) row.push_back(&m);
        for (std::size_t i = 1; i < row.size(); ++i) CHECK(row[i - 1]->right + kGap <= row[i]->left);
      }
      for (std::size_t i = 1; i < l.clusters.size(); ++i) CHECK(l.clusters[i - 1].right + kGap <= l.clusters[i].left);
      for (const Marker& m : l.markers) {
        CHECK(m.right - m.left >= kMarker - 1e-9);
        CHECK(m.x >= m.bar_x0);
        CHECK(m.x <= m.bar_x1);
      }
    }
  }

  TEST_CASE("Zooming in spreads items out of the badges") {
    const auto entries = generated(300, 11);
    std::size_t clustered_far = 0, clustered_near = 0;
    for (const Cluster& c : lay_out(entries, 0.1, kMarker, kGap, 5).clusters) clustered_far += c.items.size();
    for (const Cluster& c : lay_out(entries, 50, kMarker, kGap, 5).clusters) clustered_near += c.items.size();
    CHECK(clustered_far > 200);
    CHECK(clustered_near < clustered_far / 2);
    // Points a century apart, zoomed in far enough: every one its own marker.
    std::vector<Entry> points;
    for (int i = 0; i < 20; ++i) points.push_back({static_cast<std::size_t>(i), *span_of(-2000 + 100 * i, -2000 + 100 * i)});
    CHECK_FALSE(lay_out(points, 0.01, kMarker, kGap, 3).clusters.empty());
    const Layout spread = lay_out(points, 2, kMarker, kGap, 3);
    CHECK(spread.clusters.empty());
    CHECK(spread.lanes_used == 1);
  }

  TEST_CASE("Precise dates get lanes before vague ones") {
    std::vector<Entry> e = {{0, *span_of(-1800, 1400)}, {1, *span_of(-350, -350)}, {2, *span_of(-340, -340)}};
    order_for_layout(e);
    CHECK(e.front().item == 1);
    CHECK(e.back().item == 0);
    const Layout l = lay_out(e, 0.2, kMarker, kGap, 1);  // one lane: the jug and the site share the badge
    REQUIRE(l.markers.size() == 1);
    CHECK(l.markers[0].item == 1);
    REQUIRE(l.clusters.size() == 1);
    CHECK(l.clusters[0].items == std::vector<std::size_t>{2, 0});
  }

  TEST_CASE("A tap finds the marker or the badge under it; the visible markers are those on screen") {
    std::vector<Entry> e = {{0, *span_of(-400, -301)}, {1, *span_of(-350, -350)}, {2, *span_of(100, 100)}};
    order_for_layout(e);
    const Layout l = lay_out(e, 4, kMarker, kGap, 2);
    // -350 is the middle of [-350, -349): x = -1398; the century's bar is [-1600, -1200).
    const Marker* m = l.marker_at(-1398, 0);
    REQUIRE(m);
    CHECK(m->item == 1);
    const Marker* century = l.marker_at(-1580, 1);
    REQUIRE(century);
    CHECK(century->item == 0);
    CHECK_FALSE(l.marker_at(-1580, 0));
    CHECK_FALSE(l.marker_at(0, 0));
    CHECK_FALSE(l.cluster_at(-1398));
    std::vector<const Marker*> on_screen;
    l.visible(-1000, 1000, on_screen);
    REQUIRE(on_screen.size() == 1);
    CHECK(on_screen[0]->item == 2);
    l.visible(-1250, -1210, on_screen);  // only the century's bar reaches here
    REQUIRE(on_screen.size() == 1);
    CHECK(on_screen[0]->item == 0);

    const Layout one_lane = lay_out(e, 4, kMarker, kGap, 1);
    REQUIRE(one_lane.clusters.size() == 1);
    const Cluster* c = one_lane.cluster_at(one_lane.clusters[0].x);
    REQUIRE(c);
    CHECK(c->items == std::vector<std::size_t>{0});
    CHECK(c->t0 == -400);
    CHECK(c->t1 == -300);
  }
  TEST_CASE("Zoom steps are quarter octaves; a step's layout serves every zoom up to the next without overlap") {
    CHECK(zoom_step(1) == 0);
    CHECK(zoom_step(2) == 4);
    CHECK(zoom_step(1.9) == 3);
    CHECK(zoom_step(0.5) == -4);
    for (int step = -12; step <= 12; ++step) CHECK(zoom_step(step_px_per_year(step)) == step);

    const auto entries = generated(1500, 11);
    const Layouts layouts(entries, zoom_step(0.05), zoom_step(150), kMarker, kGap, 6);
    CHECK(layouts.at(0.001).px_per_year == doctest::Approx(step_px_per_year(zoom_step(0.05))));  // clamped to the steps made
    // Drawn at any zoom from its step's layout (positions scaled by ppy / step's ppy >= 1, the
    // markers keeping their width), no two things in a lane overlap.
    for (double ppy = 0.05; ppy < 150; ppy *= 1.07) {
      CAPTURE(ppy);
      const Layout& l = layouts.at(ppy);
      REQUIRE(l.px_per_year <= ppy * (1 + 1e-9));
      CHECK(l.px_per_year > ppy / 1.19);  // never more than a step coarser
      const double r = ppy / l.px_per_year;
      std::vector<std::vector<std::pair<double, double>>> lanes(6);
      for (const Marker& m : l.markers)
        lanes[static_cast<std::size_t>(m.lane)].emplace_back(std::min(m.bar_x0 * r, m.x * r - kMarker / 2),
                                                             std::max(m.bar_x1 * r, m.x * r + kMarker / 2));
      for (auto& lane : lanes) {
        std::sort(lane.begin(), lane.end());
        for (std::size_t i = 1; i < lane.size(); ++i) CHECK(lane[i - 1].second + kGap <= lane[i].first + 1e-6);
      }
      for (std::size_t i = 1; i < l.clusters.size(); ++i)
        CHECK(l.clusters[i - 1].x * r + kMarker / 2 + kGap <= l.clusters[i].x * r - kMarker / 2 + 1e-6);
    }
  }

  TEST_CASE("Making the layouts stops when it is cancelled") {
    const auto entries = generated(200, 3);
    int asked = 0;
    const Layouts some(entries, 0, 20, kMarker, kGap, 4, [&] { return ++asked > 3; });
    CHECK(asked == 4);
    CHECK_FALSE(some.empty());
    CHECK(Layouts(entries, 0, 20, kMarker, kGap, 4, [] { return true; }).empty());
  }
}
