// Deep-zoom geometry: pyramid levels, level choice, tile rectangles, the tiles of a view and the
// per-frame plan of what to draw and what to load. Expected values are worked out by hand in the
// comments next to them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <set>
#include <tuple>
#include <vector>

#include "media/deep_zoom.h"

using namespace orpheus;
using media::ImageRect;
using media::TileId;

namespace orpheus::media {
// Readable failures: "{level, col, row}".
inline std::ostream& operator<<(std::ostream& os, const TileId& t) {
  return os << "{" << t.level << ", " << t.col << ", " << t.row << "}";
}
}  // namespace orpheus::media

namespace {

bool operator<(const TileId& a, const TileId& b) {
  return std::tie(a.level, a.col, a.row) < std::tie(b.level, b.col, b.row);
}

std::set<TileId, bool (*)(const TileId&, const TileId&)> as_set(const std::vector<TileId>& v) {
  return {v.begin(), v.end(), [](const TileId& a, const TileId& b) { return a < b; }};
}

// Squared distance from the centre of tile t (as tile_rect places it) to (cx, cy).
double distance2(const media::PyramidShape& s, TileId t, double cx, double cy) {
  const ImageRect r = media::tile_rect(s, t);
  const double dx = (r.x0 + r.x1) * 0.5 - cx, dy = (r.y0 + r.y1) * 0.5 - cy;
  return dx * dx + dy * dy;
}

// Every tile of `level` in columns c0..c1 and rows r0..r1.
std::vector<TileId> block(int level, int c0, int c1, int r0, int r1) {
  std::vector<TileId> out;
  for (int r = r0; r <= r1; ++r)
    for (int c = c0; c <= c1; ++c) out.push_back({level, c, r});
  return out;
}

void check_rect(const ImageRect& r, float x0, float y0, float x1, float y1) {
  CHECK(r.x0 == doctest::Approx(x0));
  CHECK(r.y0 == doctest::Approx(y0));
  CHECK(r.x1 == doctest::Approx(x1));
  CHECK(r.y1 == doctest::Approx(y1));
}

// Opacity from a table; tiles not in it are not loaded.
struct Loaded {
  std::map<std::tuple<int, int, int>, float> alpha;
  void set(TileId t, float a) { alpha[{t.level, t.col, t.row}] = a; }
  float operator()(TileId t) const {
    const auto it = alpha.find({t.level, t.col, t.row});
    return it == alpha.end() ? -1.0f : it->second;
  }
};

}  // namespace

TEST_SUITE("Deep zoom: pyramid shape") {
  TEST_CASE("Each level halves the one before, rounding up, down to the first that fits in one tile") {
    // 1000 x 700 in 256 px tiles: 1000x700 (4 x 3 tiles), 500x350 (2 x 2), 250x175 (1 x 1).
    const auto s = media::pyramid_shape(1000, 700, 256);
    CHECK(s.width == 1000);
    CHECK(s.height == 700);
    CHECK(s.tile_size == 256);
    REQUIRE(s.levels.size() == 3);
    CHECK(s.levels[0].width == 1000);
    CHECK(s.levels[0].height == 700);
    CHECK(s.levels[0].cols == 4);
    CHECK(s.levels[0].rows == 3);
    CHECK(s.levels[1].width == 500);
    CHECK(s.levels[1].height == 350);
    CHECK(s.levels[1].cols == 2);
    CHECK(s.levels[1].rows == 2);
    CHECK(s.levels[2].width == 250);
    CHECK(s.levels[2].height == 175);
    CHECK(s.levels[2].cols == 1);
    CHECK(s.levels[2].rows == 1);
    CHECK(s.tile_count() == 12 + 4 + 1);
  }

  TEST_CASE("A 20000 x 20000 image has eight levels, odd sizes rounded up") {
    // 20000, 10000, 5000, 2500, 1250, 625, 313, 157: the last fits in one 256 px tile.
    const auto s = media::pyramid_shape(20000, 20000, 256);
    const std::vector<int> widths{20000, 10000, 5000, 2500, 1250, 625, 313, 157};
    const std::vector<int> cols{79, 40, 20, 10, 5, 3, 2, 1};  // ceil(width / 256)
    REQUIRE(s.levels.size() == widths.size());
    int total = 0;
    for (std::size_t k = 0; k < widths.size(); ++k) {
      CAPTURE(k);
      CHECK(s.levels[k].width == widths[k]);
      CHECK(s.levels[k].height == widths[k]);
      CHECK(s.levels[k].cols == cols[k]);
      CHECK(s.levels[k].rows == cols[k]);
      total += cols[k] * cols[k];
    }
    CHECK(s.tile_count() == total);
    CHECK(total == 6241 + 1600 + 400 + 100 + 25 + 9 + 4 + 1);
  }

  TEST_CASE("An image that fits in one tile is a single level; a long thin one halves until both sides fit") {
    const auto small = media::pyramid_shape(256, 100, 256);
    REQUIRE(small.levels.size() == 1);
    CHECK(small.levels[0].cols == 1);
    CHECK(small.levels[0].rows == 1);
    CHECK(small.tile_count() == 1);
    // 3000 x 10: 3000 -> 1500 -> 750 -> 375 -> 188; 10 -> 5 -> 3 -> 2 -> 1.
    const auto strip = media::pyramid_shape(3000, 10, 256);
    REQUIRE(strip.levels.size() == 5);
    CHECK(strip.levels[4].width == 188);
    CHECK(strip.levels[4].height == 1);
    CHECK(strip.levels[0].cols == 12);
    CHECK(strip.levels[0].rows == 1);
  }

  TEST_CASE("Sizes that are not positive are refused") {
    CHECK_THROWS_AS(media::pyramid_shape(0, 100, 256), std::invalid_argument);
    CHECK_THROWS_AS(media::pyramid_shape(100, -1, 256), std::invalid_argument);
    CHECK_THROWS_AS(media::pyramid_shape(100, 100, 0), std::invalid_argument);
  }
}

TEST_SUITE("Deep zoom: level for a scale") {
  // Level k of 20000 px has k-th halving density: 1, 0.5, 0.25, 0.125, 0.0625, 0.03125,
  // 313/20000 = 0.01565, 157/20000 = 0.00785 level pixels per image pixel.
  const auto big = media::pyramid_shape(20000, 20000, 256);

  TEST_CASE("Exact halvings pick the level of that density") {
    CHECK(media::level_for_scale(big, 1.0f) == 0);
    CHECK(media::level_for_scale(big, 0.5f) == 1);
    CHECK(media::level_for_scale(big, 0.25f) == 2);
    CHECK(media::level_for_scale(big, 0.125f) == 3);
    CHECK(media::level_for_scale(big, 0.0625f) == 4);
    CHECK(media::level_for_scale(big, 0.03125f) == 5);
  }

  TEST_CASE("A level may be magnified up to 1 / kMagnifyLimit before the finer one is taken") {
    CHECK(media::kMagnifyLimit == doctest::Approx(0.85f));
    // Level 1 (density 0.5) serves up to 0.5 / 0.85 = 0.588 screen pixels per image pixel.
    CHECK(media::level_for_scale(big, 0.58f) == 1);
    CHECK(media::level_for_scale(big, 0.60f) == 0);
    // Level 2 (0.25) up to 0.294.
    CHECK(media::level_for_scale(big, 0.29f) == 2);
    CHECK(media::level_for_scale(big, 0.30f) == 1);
    // Level 7 (0.00785) up to 0.00924; level 6 (0.01565) takes over above.
    CHECK(media::level_for_scale(big, 0.0090f) == 7);
    CHECK(media::level_for_scale(big, 0.0095f) == 6);
  }

  TEST_CASE("Beyond native resolution the full-resolution level is used") {
    CHECK(media::level_for_scale(big, 1.0f / media::kMagnifyLimit * 0.99f) == 0);
    CHECK(media::level_for_scale(big, 2.0f) == 0);
    CHECK(media::level_for_scale(big, 40.0f) == 0);
  }

  TEST_CASE("Far out, the coarsest level is used") {
    CHECK(media::level_for_scale(big, 0.001f) == 7);
    CHECK(media::level_for_scale(big, 0.0f) == 7);
    const auto one = media::pyramid_shape(200, 100, 256);
    CHECK(media::level_for_scale(one, 0.01f) == 0);
    CHECK(media::level_for_scale(one, 3.0f) == 0);
  }

  // Rounding up makes a narrow level's width ratio much larger than its height ratio: a tall
  // image (a hanging scroll) must take its density from the height, or it gets a level
  // magnified well past the limit. 800 x 60000: level 8 is 4 x 235 (widths 800..4, heights 60000..235); at scale 0.0055 its
  // width says 4 / 800 = 0.005 >= 0.85 * 0.0055 = 0.004675, but vertically it has
  // 235 / 60000 = 0.0039 level pixels per image pixel: magnified 1.40x, not at most 1.18x.
  // Level 7 (7 x 469, 0.0078) is the one the contract asks for.
  TEST_CASE("A tall image's level is chosen by its height too") {
    const auto tall = media::pyramid_shape(800, 60000, 256);
    REQUIRE(tall.levels.size() == 9);
    REQUIRE(tall.levels[8].width == 4);
    REQUIRE(tall.levels[8].height == 235);
    CHECK(media::level_for_scale(tall, 0.0055f) == 7);
    for (float scale = 0.002f; scale < 1.0f; scale *= 1.05f) {
      CAPTURE(scale);
      const auto& l = tall.levels[static_cast<std::size_t>(media::level_for_scale(tall, scale))];
      CHECK(static_cast<float>(l.height) / 60000.0f >= scale * media::kMagnifyLimit);
      CHECK(static_cast<float>(l.width) / 800.0f >= scale * media::kMagnifyLimit);
    }
  }

  TEST_CASE("The chosen level is never magnified more than the limit, and the next coarser one would be") {
    for (float scale = 0.005f; scale < 1.0f; scale *= 1.07f) {
      CAPTURE(scale);
      const int k = media::level_for_scale(big, scale);
      const float density = static_cast<float>(big.levels[static_cast<std::size_t>(k)].width) / 20000.0f;
      CHECK(density >= scale * media::kMagnifyLimit);
      if (k + 1 < static_cast<int>(big.levels.size())) {
        const float coarser = static_cast<float>(big.levels[static_cast<std::size_t>(k) + 1].width) / 20000.0f;
        CHECK(coarser < scale * media::kMagnifyLimit);
      }
    }
  }
}

TEST_SUITE("Deep zoom: tile rectangles") {
  TEST_CASE("Edge tiles of 1000 x 700 are smaller and stop at the image's edge") {
    const auto s = media::pyramid_shape(1000, 700, 256);
    check_rect(media::tile_rect(s, {0, 0, 0}), 0, 0, 256, 256);
    check_rect(media::tile_rect(s, {0, 1, 2}), 256, 512, 512, 700);
    check_rect(media::tile_rect(s, {0, 3, 0}), 768, 0, 1000, 256);   // 232 px wide
    check_rect(media::tile_rect(s, {0, 3, 2}), 768, 512, 1000, 700);  // 232 x 188
    // Level 1 is 500 x 350: one level pixel is two image pixels.
    check_rect(media::tile_rect(s, {1, 0, 0}), 0, 0, 512, 512);
    check_rect(media::tile_rect(s, {1, 1, 1}), 512, 512, 1000, 700);
    // Level 2 is one tile covering everything.
    check_rect(media::tile_rect(s, {2, 0, 0}), 0, 0, 1000, 700);
  }

  TEST_CASE("Edge tiles of a 20000 x 20000 pyramid cover exactly the image") {
    const auto s = media::pyramid_shape(20000, 20000, 256);
    check_rect(media::tile_rect(s, {0, 78, 78}), 19968, 19968, 20000, 20000);  // 32 px
    check_rect(media::tile_rect(s, {0, 77, 0}), 19712, 0, 19968, 256);
    // Level 6 is 313 px: its tile (1, 1) is level pixels 256..313, image pixels 256 * 20000 / 313.. 20000.
    check_rect(media::tile_rect(s, {6, 1, 1}), 256.0f * 20000.0f / 313.0f, 256.0f * 20000.0f / 313.0f, 20000, 20000);
    check_rect(media::tile_rect(s, {7, 0, 0}), 0, 0, 20000, 20000);
    // The tiles of a level cover the image without gaps or overlap: areas add up.
    for (int level : {0, 3, 5, 6}) {
      CAPTURE(level);
      double area = 0;
      const auto& l = s.levels[static_cast<std::size_t>(level)];
      for (int r = 0; r < l.rows; ++r)
        for (int c = 0; c < l.cols; ++c) {
          const ImageRect rc = media::tile_rect(s, {level, c, r});
          area += (static_cast<double>(rc.x1) - rc.x0) * (static_cast<double>(rc.y1) - rc.y0);
        }
      CHECK(area == doctest::Approx(20000.0 * 20000.0).epsilon(1e-5));
    }
  }

  TEST_CASE("A tile's parent is one level coarser and covers it") {
    const auto s = media::pyramid_shape(1000, 700, 256);
    CHECK(media::parent({0, 3, 2}) == TileId{1, 1, 1});
    CHECK(media::parent({0, 2, 1}) == TileId{1, 1, 0});
    CHECK(media::parent({1, 1, 1}) == TileId{2, 0, 0});
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c) {
        const ImageRect t = media::tile_rect(s, {0, c, r});
        const ImageRect p = media::tile_rect(s, media::parent({0, c, r}));
        CHECK(p.x0 <= t.x0);
        CHECK(p.y0 <= t.y0);
        CHECK(p.x1 >= t.x1);
        CHECK(p.y1 >= t.y1);
      }
  }
}

TEST_SUITE("Deep zoom: tiles of a view") {
  const auto s = media::pyramid_shape(1000, 700, 256);  // level 0: 4 x 3 tiles

  TEST_CASE("A view inside one tile needs just that tile") {
    CHECK(media::tiles_in(s, 0, {10, 10, 100, 100}) == std::vector<TileId>{{0, 0, 0}});
    CHECK(media::tiles_in(s, 0, {300, 300, 310, 310}) == std::vector<TileId>{{0, 1, 1}});
    // Touching a tile's edge is not meeting it: 256..512 is exactly tile column 1.
    CHECK(media::tiles_in(s, 0, {256, 0, 512, 256}) == std::vector<TileId>{{0, 1, 0}});
    // Level 1 tiles cover 512 image pixels.
    CHECK(media::tiles_in(s, 1, {600, 600, 650, 650}) == std::vector<TileId>{{1, 1, 1}});
    CHECK(media::tiles_in(s, 2, {600, 600, 650, 650}) == std::vector<TileId>{{2, 0, 0}});
  }

  TEST_CASE("A view across tiles needs every tile it meets, nearest to its centre first") {
    // Columns 0..2 (200..600), rows 0..1 (200..300); centre (400, 250). Tile centres and squared
    // distances: (1,0) (384,128) 15140; (1,1) (384,384) 18212; (2,0) (640,128) 72484;
    // (2,1) (640,384) 75556; (0,0) (128,128) 88868; (0,1) (128,384) 91940.
    const auto t = media::tiles_in(s, 0, {200, 200, 600, 300});
    CHECK(t == std::vector<TileId>{{0, 1, 0}, {0, 1, 1}, {0, 2, 0}, {0, 2, 1}, {0, 0, 0}, {0, 0, 1}});
  }

  TEST_CASE("A view is clipped to the image") {
    CHECK(media::tiles_in(s, 0, {-500, -500, 100, 100}) == std::vector<TileId>{{0, 0, 0}});
    CHECK(media::tiles_in(s, 0, {900, 600, 5000, 5000}) == std::vector<TileId>{{0, 3, 2}});
    CHECK(as_set(media::tiles_in(s, 0, {-1e6f, -1e6f, 1e6f, 1e6f})) == as_set(block(0, 0, 3, 0, 2)));
    CHECK(media::tiles_in(s, 0, {2000, 2000, 3000, 3000}).empty());  // wholly outside
    CHECK(media::tiles_in(s, 0, {-100, -100, -10, -10}).empty());
    CHECK(media::tiles_in(s, 0, {1000, 0, 1200, 700}).empty());  // just right of the image
    CHECK(media::tiles_in(s, 0, {50, 50, 50, 60}).empty());      // no width
    CHECK(media::tiles_in(s, 0, {-1e6f, -1e6f, 1e6f, 1e6f}, 3).size() == 12u);
  }

  TEST_CASE("Levels that do not exist have no tiles") {
    CHECK(media::tiles_in(s, -1, {0, 0, 100, 100}).empty());
    CHECK(media::tiles_in(s, 3, {0, 0, 100, 100}).empty());
  }

  TEST_CASE("The ring adds tiles around the view, clamped at the image's edges") {
    // Inside tile (1, 1): one ring is columns 0..2, rows 0..2.
    const auto mid = media::tiles_in(s, 0, {300, 300, 310, 310}, 1);
    CHECK(as_set(mid) == as_set(block(0, 0, 2, 0, 2)));
    REQUIRE(!mid.empty());
    CHECK(mid.front() == TileId{0, 1, 1});
    // In the top left corner the ring has nothing above or left: 2 x 2.
    const auto corner = media::tiles_in(s, 0, {10, 10, 100, 100}, 1);
    CHECK(as_set(corner) == as_set(block(0, 0, 1, 0, 1)));
    CHECK(corner.front() == TileId{0, 0, 0});
    // Bottom right: columns 2..3, rows 1..2.
    const auto far = media::tiles_in(s, 0, {900, 600, 950, 650}, 1);
    CHECK(as_set(far) == as_set(block(0, 2, 3, 1, 2)));
    CHECK(far.front() == TileId{0, 3, 2});
    // Two rings from the middle take the whole level.
    CHECK(as_set(media::tiles_in(s, 0, {300, 300, 310, 310}, 2)) == as_set(block(0, 0, 3, 0, 2)));
  }

  TEST_CASE("A ring around a centred view: the view's tile, then its four sides, then its corners") {
    // 20000 px, tile 256: a view centred on tile (10, 10)'s centre (2688, 2688).
    const auto big = media::pyramid_shape(20000, 20000, 256);
    const auto t = media::tiles_in(big, 0, {2600, 2600, 2776, 2776}, 1);
    REQUIRE(t.size() == 9u);
    CHECK(t[0] == TileId{0, 10, 10});
    CHECK(as_set(std::vector<TileId>(t.begin() + 1, t.begin() + 5)) ==
          as_set({{0, 10, 9}, {0, 9, 10}, {0, 11, 10}, {0, 10, 11}}));
    CHECK(as_set(std::vector<TileId>(t.begin() + 5, t.end())) ==
          as_set({{0, 9, 9}, {0, 11, 9}, {0, 9, 11}, {0, 11, 11}}));
  }

  TEST_CASE("Tiles come nearest to the view's centre first at every level") {
    const auto big = media::pyramid_shape(20000, 20000, 256);
    const ImageRect view{3000, 7000, 9100, 10300};
    const double cx = (3000 + 9100) / 2.0, cy = (7000 + 10300) / 2.0;
    for (int level = 0; level < 8; ++level) {
      CAPTURE(level);
      const auto t = media::tiles_in(big, level, view, 2);
      REQUIRE(!t.empty());
      for (std::size_t i = 1; i < t.size(); ++i) CHECK(distance2(big, t[i - 1], cx, cy) <= distance2(big, t[i], cx, cy) + 1e-3);
      // No tile twice, and each one really meets the view grown by the ring.
      CHECK(as_set(t).size() == t.size());
      for (const TileId& id : t) {
        CHECK(id.level == level);
        CHECK(id.col >= 0);
        CHECK(id.row >= 0);
        CHECK(id.col < big.levels[static_cast<std::size_t>(level)].cols);
        CHECK(id.row < big.levels[static_cast<std::size_t>(level)].rows);
      }
    }
    // Level 0 without a ring: columns 11..35 (3000 / 256 = 11.7, 9100 / 256 = 35.5), rows 27..40.
    CHECK(as_set(media::tiles_in(big, 0, view)) == as_set(block(0, 11, 35, 27, 40)));
  }
}

TEST_SUITE("Deep zoom: tile plan") {
  // 2048 x 2048 in 256 px tiles: levels 8 x 8, 4 x 4, 2 x 2, 1 x 1. At scale 1 the view
  // (300, 300)-(700, 500) shows level 0 tiles (1, 1) and (2, 1); with the prefetch ring, columns
  // 0..3 and rows 0..2 (12 tiles, 10 of them the ring). Centre (500, 400): (1, 1) is nearer
  // (13712) than (2, 1) (19856).
  const auto s = media::pyramid_shape(2048, 2048, 256);
  const ImageRect view{300, 300, 700, 500};
  const TileId a{0, 1, 1}, b{0, 2, 1};
  const std::vector<TileId> ring = [] {
    std::vector<TileId> out;
    for (const TileId& t : block(0, 0, 3, 0, 2))
      if (!(t == TileId{0, 1, 1}) && !(t == TileId{0, 2, 1})) out.push_back(t);
    return out;
  }();

  // The request list starts with the ring, farthest first.
  static void check_ring_first(const std::vector<TileId>& request) {
    REQUIRE(request.size() >= ring.size());
    const std::vector<TileId> head(request.begin(), request.begin() + static_cast<std::ptrdiff_t>(ring.size()));
    CHECK(as_set(head) == as_set(ring));
    for (std::size_t i = 1; i < head.size(); ++i) CHECK(distance2(s, head[i - 1], 500, 400) >= distance2(s, head[i], 500, 400));
    // The farthest corner: (3, 0), centre (896, 128): 396^2 + 272^2 = 230800.
    CHECK(head.front() == TileId{0, 3, 0});
  }

  TEST_CASE("Nothing loaded: nothing drawn; the ring, the parents, then the visible tiles are requested") {
    const Loaded none;
    const auto plan = media::plan_tiles(s, 1.0f, view, none);
    CHECK(plan.level == 0);
    CHECK(plan.draw.empty());
    CHECK_FALSE(plan.sharp);
    REQUIRE(plan.request.size() == 10u + 2u + 2u);
    check_ring_first(plan.request);
    // Stand-ins: the parents of (1, 1) and (2, 1) are level 1 (0, 0) and (1, 0), in the visible order.
    CHECK(plan.request[10] == TileId{1, 0, 0});
    CHECK(plan.request[11] == TileId{1, 1, 0});
    // Visible last, the centre-most very last: the loader takes the newest first.
    CHECK(plan.request[12] == b);
    CHECK(plan.request[13] == a);
  }

  TEST_CASE("Everything loaded and shown: exactly the visible tiles are drawn, and the view is sharp") {
    Loaded all;
    for (const TileId& t : block(0, 0, 7, 0, 7)) all.set(t, 1.0f);
    for (const TileId& t : block(1, 0, 3, 0, 3)) all.set(t, 1.0f);
    const auto plan = media::plan_tiles(s, 1.0f, view, all);
    CHECK(plan.level == 0);
    CHECK(plan.draw == std::vector<TileId>{a, b});
    CHECK(plan.sharp);
    // No stand-ins: the ring, then the visible tiles (kept alive in the cache).
    REQUIRE(plan.request.size() == 12u);
    check_ring_first(plan.request);
    CHECK(plan.request[10] == b);
    CHECK(plan.request[11] == a);
  }

  TEST_CASE("A missing tile shows its nearest loaded ancestor, drawn before the visible tiles") {
    // (1, 1) loaded; (2, 1) missing, its parent (1, 1, 0) missing, its grandparent (2, 0, 0) loaded.
    Loaded some;
    some.set(a, 1.0f);
    some.set({2, 0, 0}, 1.0f);
    const auto plan = media::plan_tiles(s, 1.0f, view, some);
    CHECK(plan.draw == std::vector<TileId>{{2, 0, 0}, a});
    CHECK_FALSE(plan.sharp);
    // The missing parent is requested as a stand-in, between the ring and the visible tiles.
    REQUIRE(plan.request.size() == 10u + 1u + 2u);
    check_ring_first(plan.request);
    CHECK(plan.request[10] == TileId{1, 1, 0});
    CHECK(plan.request[11] == b);
    CHECK(plan.request[12] == a);
  }

  TEST_CASE("A tile fading in is drawn over its loaded parent") {
    Loaded fading;
    fading.set(a, 0.5f);
    fading.set(b, 1.0f);
    fading.set({1, 0, 0}, 1.0f);
    fading.set({2, 0, 0}, 1.0f);  // not needed: the parent is fully shown
    const auto plan = media::plan_tiles(s, 1.0f, view, fading);
    CHECK(plan.draw == std::vector<TileId>{{1, 0, 0}, a, b});
    CHECK_FALSE(plan.sharp);
    // Nothing missing: no stand-ins requested.
    CHECK(plan.request.size() == 12u);
    // A tile that has just arrived (alpha 0) is drawn too, over its parent, and the view is not sharp yet.
    fading.set(a, 0.0f);
    const auto fresh = media::plan_tiles(s, 1.0f, view, fading);
    CHECK(fresh.draw == std::vector<TileId>{{1, 0, 0}, a, b});
    CHECK_FALSE(fresh.sharp);
  }

  TEST_CASE("Under a missing tile, ancestors are drawn up to the first fully shown one, coarsest first") {
    Loaded chain;
    chain.set(b, 1.0f);
    chain.set({1, 0, 0}, 0.3f);  // a's parent, fading in
    chain.set({2, 0, 0}, 1.0f);  // a's grandparent
    chain.set({3, 0, 0}, 1.0f);  // not needed
    const auto plan = media::plan_tiles(s, 1.0f, view, chain);
    CHECK(plan.draw == std::vector<TileId>{{2, 0, 0}, {1, 0, 0}, b});
    CHECK_FALSE(plan.sharp);
    // The parent is loaded (if not fully shown): not requested as a stand-in.
    CHECK(plan.request.size() == 12u);
    // A tile several visible tiles share is drawn once.
    Loaded coarse;
    coarse.set({3, 0, 0}, 1.0f);
    const auto once = media::plan_tiles(s, 1.0f, view, coarse);
    CHECK(once.draw == std::vector<TileId>{{3, 0, 0}});
  }

  TEST_CASE("At the coarsest level there is nothing coarser to stand in") {
    // Scale 0.1: level 3 (256 px, density 0.125 >= 0.085).
    const auto plan = media::plan_tiles(s, 0.1f, {0, 0, 2048, 2048}, Loaded{});
    CHECK(plan.level == 3);
    CHECK(plan.draw.empty());
    CHECK(plan.request == std::vector<TileId>{{3, 0, 0}});
    CHECK_FALSE(plan.sharp);
  }

  TEST_CASE("A view off the image draws and requests nothing") {
    const auto plan = media::plan_tiles(s, 1.0f, {5000, 5000, 6000, 6000}, Loaded{});
    CHECK(plan.draw.empty());
    CHECK(plan.request.empty());
    CHECK_FALSE(plan.sharp);  // nothing shown is not "sharp"
  }

  TEST_CASE("A zoomed-out view plans the coarser level's tiles") {
    // Scale 0.5: level 1 (1024 px). The view covers image (0, 0)-(1024, 600): level 1 tiles
    // columns 0..1, row 0..1 (600 / 512 = 1.17).
    Loaded all1;
    for (const TileId& t : block(1, 0, 3, 0, 3)) all1.set(t, 1.0f);
    const auto plan = media::plan_tiles(s, 0.5f, {0, 0, 1024, 600}, all1, 0);
    CHECK(plan.level == 1);
    CHECK(as_set(plan.draw) == as_set(block(1, 0, 1, 0, 1)));
    CHECK(plan.sharp);
    CHECK(as_set(plan.request) == as_set(block(1, 0, 1, 0, 1)));  // ring 0: no prefetch
  }

  TEST_CASE("A 20000 x 20000 image at full zoom in a 1920 x 1080 view needs a bounded number of tiles") {
    const auto big = media::pyramid_shape(20000, 20000, 256);
    // Scale 1: level 0. Image (5000, 5000)-(6920, 6080): columns 19..27, rows 19..23 = 45 tiles.
    // The ring: columns 18..28, rows 18..24 = 77, 32 more. Stand-ins: level 1 columns 9..13,
    // rows 9..11 = 15.
    const ImageRect v{5000, 5000, 6920, 6080};
    const auto cold = media::plan_tiles(big, 1.0f, v, Loaded{});
    CHECK(cold.level == 0);
    CHECK(cold.draw.empty());
    CHECK(cold.request.size() == 32u + 15u + 45u);
    Loaded all;
    for (const TileId& t : block(0, 18, 28, 18, 24)) all.set(t, 1.0f);
    const auto warm = media::plan_tiles(big, 1.0f, v, all);
    CHECK(warm.draw.size() == 45u);
    CHECK(as_set(warm.draw) == as_set(block(0, 19, 27, 19, 23)));
    CHECK(warm.sharp);
    CHECK(warm.request.size() == 77u);

    // Whatever the zoom and position, a 1920 x 1080 screen needs a screenful of tiles: a whole
    // tile of the chosen level spans more than 256 / (2 * 0.85) = 150.6 screen pixels (else the
    // next coarser level would have done), so a view meets at most 12 + 2 = 14 columns and
    // 7 + 2 = 9 rows of them; one ring more to load, and at most one stand-in per visible tile.
    for (float scale = 0.004f; scale < 3.0f; scale *= 1.13f) {
      for (const float cx : {0.0f, 777.0f, 10000.0f, 19999.0f}) {
        CAPTURE(scale);
        CAPTURE(cx);
        const ImageRect vv{cx - 960 / scale, cx * 0.5f - 540 / scale, cx + 960 / scale, cx * 0.5f + 540 / scale};
        const auto plan = media::plan_tiles(big, scale, vv, Loaded{});
        const auto shown = media::tiles_in(big, plan.level, vv);
        CHECK(shown.size() <= 14u * 9u);
        CHECK(plan.request.size() <= 16u * 11u + shown.size());
        for (const TileId& t : plan.request) {
          CHECK(t.level >= plan.level);
          CHECK(t.level <= plan.level + 1);
        }
      }
    }
  }
}
