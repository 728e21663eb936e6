// The background image loader on real packs: tiles and variants decoded on worker threads, mip
// chains, errors, newest-first order, cancelling. A gate in the wake callback (which runs on the
// worker after each result) holds the single worker still, so queue states are deterministic.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "media/loader.h"
#include "support/gated_loader.h"
#include "support/wait.h"
#include "support/source_tree.h"
#include "support/temp_dir.h"
#include "tile_pack.h"

using namespace orpheus;
using media::ImageLoader;
using media::MediaKey;
using media::TileId;
using test::wait_until;
using test::GatedLoader;

namespace {

// Takes results until `n` have come (or 20 s passed).
std::vector<media::LoadedImage> take(ImageLoader& loader, std::size_t n) {
  std::vector<media::LoadedImage> out;
  wait_until([&] {
    for (auto& r : loader.take_results(n - out.size())) out.push_back(std::move(r));
    return out.size() >= n;
  });
  return out;
}

bool same_pixels(const media::Image& a, const media::Image& b) {
  return a.width == b.width && a.height == b.height && a.channels == b.channels && a.pixels == b.pixels;
}

// A pack with media 20: a 600 x 400 image (pyramid of 256 px tiles: 3 x 2, 2 x 1, 1 x 1) and
// media 21: 90 x 60 without a pyramid.
struct TilePack {
  orpheus::test::TempDir dir;
  std::filesystem::path file = dir / "tiles.db";
  media::Image full = media::test::noisy(600, 400);
  media::Image small = media::test::noisy(90, 60, 7);
  TilePack() {
    orpheus::test::write_small_pack(file);
    media::test::add_media(file, 20, 1, full, 256);
    media::test::add_media(file, 21, 2, small, 0);
  }
};

}  // namespace

TEST_SUITE("Media keys") {
  TEST_CASE("Keys describe themselves as the loader's errors name them") {
    CHECK(MediaKey{12, catalog::MediaVariant::display}.describe() == "media 12 (display)");
    CHECK(MediaKey{3, catalog::MediaVariant::thumbnail}.describe() == "media 3 (thumbnail)");
    CHECK(MediaKey::tile(12, TileId{3, 4, 1}).describe() == "media 12 tile 3/4/1");
    CHECK(MediaKey::tile(12, TileId{0, 0, 0}).describe() == "media 12 tile 0/0/0");
    CHECK((MediaKey{12, catalog::MediaVariant::thumbnail, -1, 0, 0, 352, 288}.describe()) ==
          "media 12 (thumbnail) for 352x288");
  }

  TEST_CASE("The same image at another cover size is another key") {
    const MediaKey plain{7, catalog::MediaVariant::thumbnail};
    const MediaKey card{7, catalog::MediaVariant::thumbnail, -1, 0, 0, 352, 288};
    const MediaKey strip{7, catalog::MediaVariant::thumbnail, -1, 0, 0, 288, 352};
    CHECK_FALSE(plain == card);
    CHECK_FALSE(card == strip);
    const media::MediaKeyHash h;
    CHECK(h(plain) != h(card));
    CHECK(h(card) != h(strip));
  }

  TEST_CASE("Tile keys are tiles; variant keys are not; each field tells keys apart") {
    const MediaKey t = MediaKey::tile(5, TileId{2, 7, 9});
    CHECK(t.is_tile());
    CHECK(t.media_id == 5);
    CHECK(t.level == 2);
    CHECK(t.col == 7);
    CHECK(t.row == 9);
    CHECK_FALSE(MediaKey{5, catalog::MediaVariant::original}.is_tile());
    CHECK_FALSE(t == MediaKey{5, catalog::MediaVariant::original});
    CHECK(t == MediaKey::tile(5, TileId{2, 7, 9}));

    std::unordered_set<MediaKey, media::MediaKeyHash> keys;
    for (std::int64_t id : {1, 2})
      for (auto v : {catalog::MediaVariant::original, catalog::MediaVariant::display, catalog::MediaVariant::thumbnail})
        keys.insert(MediaKey{id, v});
    for (int l = 0; l < 3; ++l)
      for (int c = 0; c < 3; ++c)
        for (int r = 0; r < 3; ++r) keys.insert(MediaKey::tile(1, TileId{l, c, r}));
    CHECK(keys.size() == 6u + 27u);
    // Swapping col and row, or level and col, is another tile: the hash mixes them in order.
    const media::MediaKeyHash h;
    CHECK(h(MediaKey::tile(1, {0, 1, 2})) != h(MediaKey::tile(1, {0, 2, 1})));
    CHECK(h(MediaKey::tile(1, {1, 0, 2})) != h(MediaKey::tile(1, {0, 1, 2})));
    CHECK(h(MediaKey{1, catalog::MediaVariant::display}) != h(MediaKey{1, catalog::MediaVariant::thumbnail}));
  }
}

TEST_SUITE("Scaling to cover") {
  TEST_CASE("The smallest size that covers the place, keeping the proportions") {
    const auto scaled = [](int w, int h, int cw, int ch) {
      const media::Image out = media::scale_to_cover(test::solid(w, h, 10, 20, 30), cw, ch);
      return std::pair{out.width, out.height};
    };
    CHECK(scaled(512, 384, 352, 288) == std::pair{384, 288});  // a grid card: the height decides
    CHECK(scaled(512, 384, 352, 224) == std::pair{352, 264});  // a wider place: the width decides
    CHECK(scaled(384, 512, 352, 288) == std::pair{384, 512});  // a portrait: 352 needs 0.92, not worth it
    CHECK(scaled(1000, 1000, 100, 100) == std::pair{100, 100});
    CHECK(scaled(300, 200, 600, 400) == std::pair{300, 200});  // never up
    CHECK(scaled(300, 200, 0, 0) == std::pair{300, 200});      // no size: as it is
    CHECK(scaled(300, 200, 280, 180) == std::pair{300, 200});  // 7% smaller: not worth a resample
  }
}

TEST_SUITE("Mip chains") {
  TEST_CASE("Each level halves the one before, down to the first no larger than kSmallestMip") {
    // 100 x 60 -> 50 x 30 -> 25 x 15 -> 12 x 7 (GL's sizes, rounded down; 12 <= 16: the last).
    const auto chain = media::mip_chain(media::test::noisy(100, 60));
    REQUIRE(chain.size() == 4u);
    CHECK(chain[1].width == 50);
    CHECK(chain[1].height == 30);
    CHECK(chain[2].width == 25);
    CHECK(chain[2].height == 15);
    CHECK(chain[3].width == 12);
    CHECK(chain[3].height == 7);
    CHECK(same_pixels(chain[1], media::mip_down(chain[0])));
    CHECK(same_pixels(chain[3], media::mip_down(chain[2])));
  }

  TEST_CASE("A small image is its own chain; one side over the limit is enough for another level") {
    CHECK(media::mip_chain(media::test::noisy(16, 16)).size() == 1u);
    CHECK(media::mip_chain(media::test::noisy(1, 1)).size() == 1u);
    const auto tall = media::mip_chain(media::test::noisy(3, 17));  // 3 x 17 -> 1 x 8
    REQUIRE(tall.size() == 2u);
    CHECK(tall[1].width == 1);
    CHECK(tall[1].height == 8);
  }
}

TEST_SUITE("Image loader") {
  TEST_CASE("A tile request decodes to exactly the tile's pixels, without mipmaps (its level is one)") {
    TilePack pack;
    ImageLoader loader(pack.file, 2, nullptr);
    // Level 0 tile (2, 1): pixels 512..600 x 256..400 of the image, 88 x 144.
    // Level 1 (300 x 200) tile (1, 0): its pixels 256..300 x 0..200, 44 x 200.
    const MediaKey edge = MediaKey::tile(20, {0, 2, 1});
    const MediaKey coarse = MediaKey::tile(20, {1, 1, 0});
    const MediaKey top = MediaKey::tile(20, {2, 0, 0});
    loader.request(edge);
    loader.request(coarse);
    loader.request(top);
    auto results = take(loader, 3);
    REQUIRE(results.size() == 3u);
    const auto levels = media::test::pyramid_levels(pack.full, 256);
    REQUIRE(levels.size() == 3u);
    for (const auto& r : results) {
      CAPTURE(r.key.describe());
      CHECK(r.error.empty());
      REQUIRE(!r.levels.empty());
      // The viewer draws a tile at its own level's resolution: no mipmaps to make or upload.
      CHECK(r.levels.size() == 1u);
      const media::Image expected = media::test::crop(levels[static_cast<std::size_t>(r.key.level)],
                                                      r.key.col * 256, r.key.row * 256, r.levels[0].width, r.levels[0].height);
      CHECK(same_pixels(r.levels[0], expected));
      if (r.key == edge) {
        CHECK(r.levels[0].width == 88);
        CHECK(r.levels[0].height == 144);
      } else if (r.key == coarse) {
        CHECK(r.levels[0].width == 44);
        CHECK(r.levels[0].height == 200);
      } else {
        CHECK(r.key == top);
        CHECK(r.levels[0].width == 150);
        CHECK(r.levels[0].height == 100);
        CHECK(same_pixels(r.levels[0], levels[2]));
      }
    }
    CHECK(loader.idle());
  }

  TEST_CASE("A variant request decodes the variant") {
    TilePack pack;
    ImageLoader loader(pack.file, 1, nullptr);
    loader.request(MediaKey{21, catalog::MediaVariant::display});
    const auto r = take(loader, 1);
    REQUIRE(r.size() == 1u);
    CHECK(r[0].error.empty());
    REQUIRE(r[0].levels.size() == 4u);  // 90x60, 45x30, 22x15, 11x7
    CHECK(same_pixels(r[0].levels[0], pack.small));
  }

  TEST_CASE("A request to cover a size gets one level scaled down to cover it, never up") {
    TilePack pack;  // media 21's display variant is 90x60
    ImageLoader loader(pack.file, 1, nullptr);
    const MediaKey smaller{21, catalog::MediaVariant::display, -1, 0, 0, 40, 20};
    const MediaKey about{21, catalog::MediaVariant::display, -1, 0, 0, 85, 50};
    const MediaKey larger{21, catalog::MediaVariant::display, -1, 0, 0, 200, 100};
    for (const auto& k : {smaller, about, larger}) loader.request(k);
    for (const auto& r : take(loader, 3)) {
      CAPTURE(r.key.describe());
      CHECK(r.error.empty());
      REQUIRE(r.levels.size() == 1u);  // drawn at about its own size: no mipmaps
      if (r.key == smaller) {
        CHECK(r.levels[0].width == 40);   // 90 x 0.444
        CHECK(r.levels[0].height == 27);  // 60 x 0.444, rounded up: it covers 40x20
      } else {
        // Less than 10% smaller, or larger: as stored.
        CHECK(same_pixels(r.levels[0], pack.small));
      }
    }
  }

  TEST_CASE("A tile that is not in the pack fails, naming the media, the tile and the pack") {
    TilePack pack;
    ImageLoader loader(pack.file, 1, nullptr);
    loader.request(MediaKey::tile(20, {0, 3, 0}));  // level 0 has columns 0..2
    loader.request(MediaKey::tile(21, {0, 0, 0}));  // media 21 has no pyramid
    loader.request(MediaKey::tile(20, {3, 0, 0}));  // there is no level 3
    loader.request(MediaKey{99, catalog::MediaVariant::display});
    const auto results = take(loader, 4);
    REQUIRE(results.size() == 4u);
    for (const auto& r : results) {
      CAPTURE(r.error);
      CHECK(r.levels.empty());
      CHECK(r.error.find(r.key.describe()) != std::string::npos);
      CHECK(r.error.find(pack.file.string()) != std::string::npos);
      CHECK(r.error.find("no such image in the pack") != std::string::npos);
    }
    for (const auto& r : results)
      if (r.key.media_id == 20 && r.key.col == 3) CHECK(r.error.find("media 20 tile 0/3/0") != std::string::npos);
  }

  TEST_CASE("Bytes that are not an image fail with the decoder's reason") {
    TilePack pack;
    {
      sql::Database db(pack.file, sql::Database::Mode::read_write_create);
      db.exec("UPDATE media_tile SET bytes = CAST('not a png' AS BLOB) WHERE media_id = 20 AND level = 2");
    }
    ImageLoader loader(pack.file, 1, nullptr);
    loader.request(MediaKey::tile(20, {2, 0, 0}));
    const auto r = take(loader, 1);
    REQUIRE(r.size() == 1u);
    CHECK(r[0].levels.empty());
    CHECK(r[0].error.find("media 20 tile 2/0/0") != std::string::npos);
    CHECK(r[0].error.find("no such image") == std::string::npos);
  }

  TEST_CASE("A pack that cannot be opened fails every request with the reason") {
    orpheus::test::TempDir dir;
    ImageLoader loader(dir / "missing.db", 1, nullptr);
    loader.request(MediaKey::tile(1, {0, 0, 0}));
    loader.request(MediaKey{1, catalog::MediaVariant::display});
    const auto r = take(loader, 2);
    REQUIRE(r.size() == 2u);
    for (const auto& x : r) {
      CHECK(x.levels.empty());
      CHECK(x.error.find("missing.db") != std::string::npos);
      CHECK(x.error.find(x.key.describe()) != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
  }

  TEST_CASE("Newer requests are decoded first") {
    TilePack pack;
    GatedLoader g(pack.file, 1);
    // Hold the only worker: it delivers the first result and waits at the gate.
    g.gate.close();
    g->request(MediaKey::tile(20, {2, 0, 0}));
    REQUIRE(g.gate.wait_woken(1));
    const std::vector<MediaKey> keys{MediaKey::tile(20, {0, 0, 0}), MediaKey::tile(20, {0, 1, 0}), MediaKey::tile(20, {0, 2, 0}),
                                     MediaKey::tile(20, {0, 0, 1}), MediaKey::tile(20, {1, 0, 0})};
    for (const auto& k : keys) g->request(k);
    g.gate.open();
    const auto results = take(*g.loader, 1 + keys.size());
    REQUIRE(results.size() == 1 + keys.size());
    CHECK(results[0].key == MediaKey::tile(20, {2, 0, 0}));
    for (std::size_t i = 0; i < keys.size(); ++i) CHECK(results[1 + i].key == keys[keys.size() - 1 - i]);
  }

  TEST_CASE("Cancelling drops queued requests: they never come back, the others do") {
    TilePack pack;
    GatedLoader g(pack.file, 1);
    g.gate.close();
    const MediaKey first = MediaKey::tile(20, {2, 0, 0});
    g->request(first);
    REQUIRE(g.gate.wait_woken(1));  // the worker is held; everything below stays queued
    std::vector<MediaKey> keys;
    for (int l = 0; l < 2; ++l)
      for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c)
          if (l == 0 || (c < 2 && r < 1)) keys.push_back(MediaKey::tile(20, {l, c, r}));
    REQUIRE(keys.size() == 8u);
    for (const auto& k : keys) g->request(k);
    // The three oldest left the screen.
    for (std::size_t i = 0; i < 3; ++i) CHECK(g->cancel(keys[i]));
    CHECK_FALSE(g->cancel(keys[0]));  // already gone
    CHECK_FALSE(g->cancel(first));    // done, waiting to be taken: not queued
    CHECK_FALSE(g->cancel(MediaKey::tile(20, {5, 5, 5})));
    CHECK_FALSE(g->cancel(MediaKey{21, catalog::MediaVariant::thumbnail}));
    g.gate.open();
    const auto results = take(*g.loader, 1 + keys.size() - 3);
    REQUIRE(results.size() == 6u);
    CHECK(wait_until([&] { return g->idle(); }));
    // Nothing more arrives: 6 results in all.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(g->take_results(100).empty());
    CHECK(g.gate.woken() == 6);
    std::vector<MediaKey> got;
    for (const auto& r : results) {
      CHECK(r.error.empty());
      got.push_back(r.key);
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
      CAPTURE(keys[i].describe());
      const bool came = std::find(got.begin(), got.end(), keys[i]) != got.end();
      CHECK(came == (i >= 3));
    }
    // A cancelled key can be asked for again, and then it comes.
    g->request(keys[0]);
    const auto again = take(*g.loader, 1);
    REQUIRE(again.size() == 1u);
    CHECK(again[0].key == keys[0]);
    CHECK(again[0].error.empty());
  }

  TEST_CASE("cancel_queued drops every request that has not started") {
    TilePack pack;
    GatedLoader g(pack.file, 1);
    g.gate.close();
    g->request(MediaKey::tile(20, {2, 0, 0}));
    REQUIRE(g.gate.wait_woken(1));
    for (int c = 0; c < 3; ++c) g->request(MediaKey::tile(20, {0, c, 0}));
    g->cancel_queued();
    CHECK_FALSE(g->cancel(MediaKey::tile(20, {0, 0, 0})));
    g.gate.open();
    const auto results = take(*g.loader, 1);
    REQUIRE(results.size() == 1u);
    CHECK(wait_until([&] { return g->idle(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(g->has_results());
    CHECK(g.gate.woken() == 1);
  }

  TEST_CASE("idle and has_results follow a request from queued to taken") {
    TilePack pack;
    GatedLoader g(pack.file, 1);
    CHECK(g->idle());
    CHECK_FALSE(g->has_results());
    CHECK(g->take_results(10).empty());
    g.gate.close();
    const MediaKey k = MediaKey::tile(20, {0, 1, 1});
    g->request(k);
    CHECK_FALSE(g->idle());
    REQUIRE(g.gate.wait_woken(1));
    // Done, not taken: not idle, a result waiting.
    CHECK(g->has_results());
    CHECK_FALSE(g->idle());
    // Asking again while the result waits does not decode it twice.
    g->request(k);
    g.gate.open();
    CHECK(g->take_results(0).empty());  // max 0 takes nothing
    CHECK(g->has_results());
    const auto r = g->take_results(10);
    REQUIRE(r.size() == 1u);
    CHECK(r[0].key == k);
    CHECK(g->idle());
    CHECK_FALSE(g->has_results());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(g.gate.woken() == 1);
    // Once taken, the same key can be requested again.
    g->request(k);
    CHECK(take(*g.loader, 1).size() == 1u);
    CHECK(g.gate.woken() == 2);
  }

  TEST_CASE("A key requested twice while queued is decoded once") {
    TilePack pack;
    GatedLoader g(pack.file, 1);
    g.gate.close();
    g->request(MediaKey::tile(20, {2, 0, 0}));
    REQUIRE(g.gate.wait_woken(1));
    const MediaKey k = MediaKey::tile(20, {0, 0, 0});
    g->request(k);
    g->request(k);
    g->request(k);
    g.gate.open();
    const auto results = take(*g.loader, 2);
    CHECK(results.size() == 2u);
    CHECK(wait_until([&] { return g->idle(); }));
    CHECK(g.gate.woken() == 2);
  }

  TEST_CASE("Destroying a loader with requests queued drops them and joins the workers") {
    TilePack pack;
    std::optional<GatedLoader> g;
    g.emplace(pack.file, 2);
    for (int c = 0; c < 3; ++c)
      for (int r = 0; r < 2; ++r) g->loader->request(MediaKey::tile(20, {0, c, r}));
    g.reset();  // must return: nothing is waited for
    CHECK_FALSE(g.has_value());
  }

  TEST_CASE("There is at least one worker") {
    CHECK(ImageLoader::default_threads() >= 1);
    const unsigned n = std::thread::hardware_concurrency();
    if (n > 1) CHECK(ImageLoader::default_threads() == static_cast<int>(n) - 1);
  }
}
