// GL textures and the texture cache on a real OpenGL context (SDL's offscreen driver, as the
// headless kiosk runs) fed by a real ImageLoader on a real pack. Without a GL context the tests
// say so and pass. A gate in the loader's wake callback (run on the worker after each result)
// holds the single worker still where a test needs requests to stay queued.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/loader.h"
#include "platform/gl.h"
#include "platform/texture.h"
#include "platform/texture_cache.h"
#include "platform/window.h"
#include "support/gated_loader.h"
#include "support/wait.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "unit/media/tile_pack.h"

using namespace orpheus;
using media::MediaKey;
using media::TileId;
using test::wait_until;
using test::GatedLoader;
using platform::GlTexture;
using platform::TextureCache;
using Status = platform::TextureView::Status;

namespace {

// SDL video and a small hidden OpenGL 3.3 window, as the kiosk makes them, on the offscreen
// driver; destroyed in reverse order. Declare it before anything holding GL textures.
struct GlContext {
  std::optional<platform::SdlVideo> video;
  std::optional<platform::Window> window;
  std::string error;
  GlContext() {
    test::use_headless_environment();  // SDL_VIDEODRIVER=offscreen, no DISPLAY
    try {
      video.emplace();
      platform::WindowConfig config;
      config.title = "texture cache tests";
      config.fullscreen = false;
      config.width = 64;
      config.height = 64;
      window.emplace(config);
    } catch (const std::exception& e) {
      error = e.what();
      window.reset();
      video.reset();
    }
  }
  explicit operator bool() const { return window.has_value(); }
};

#define REQUIRE_GL_CONTEXT(gl)                                                    \
  if (!(gl)) {                                                                    \
    MESSAGE("skipped: no OpenGL context on the offscreen driver: " << (gl).error); \
    return;                                                                       \
  }

// GPU bytes of an RGBA texture with `levels` mip levels, each half the one before (rounded down).
std::size_t texture_bytes(int w, int h, int levels) {
  std::size_t total = 0;
  for (int l = 0; l < levels; ++l, w = std::max(1, w / 2), h = std::max(1, h / 2))
    total += static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
  return total;
}

// Mip levels media::mip_chain makes for w x h: down to the first no larger than kSmallestMip.
int mip_levels(int w, int h) {
  int n = 1;
  for (; std::max(w, h) > media::kSmallestMip; ++n) w = std::max(1, w / 2), h = std::max(1, h / 2);
  return n;
}

// Level `level` of the bound texture `id` as RGBA.
std::vector<std::uint8_t> read_texture(std::uint32_t id, int level, int w, int h) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4, 0xCD);
  glBindTexture(GL_TEXTURE_2D, id);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glGetTexImage(GL_TEXTURE_2D, level, GL_RGBA, GL_UNSIGNED_BYTE, out.data());
  return out;
}

std::vector<std::uint8_t> rgba(const media::Image& img) {
  if (img.channels == 4) return img.pixels;
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < img.pixels.size(); i += 3) out.insert(out.end(), {img.pixels[i], img.pixels[i + 1], img.pixels[i + 2], 255});
  return out;
}

// A pack with media 30: 640 x 384 in 64 px tiles (10 x 6 tiles at level 0), and media 31: a
// large display variant (JPEG) of `big_w` x `big_h`.
struct CachePack {
  test::TempDir dir;
  std::filesystem::path file = dir / "cache.db";
  explicit CachePack(int big_w = 0, int big_h = 0) {
    test::write_small_pack(file);
    media::test::add_media(file, 30, 1, media::test::noisy(640, 384), 64);
    if (big_w > 0) media::test::add_media(file, 31, 2, media::test::noisy(big_w, big_h, 3), 0, true);
  }
};

MediaKey tile(int col, int row) { return MediaKey::tile(30, TileId{0, col, row}); }

// Frames of get(keys), upload, end_frame until every key is ready (or failed); false on timeout.
bool load_all(TextureCache& cache, const std::vector<MediaKey>& keys, double& now) {
  return wait_until([&] {
    for (const auto& k : keys) cache.get(k, now);
    cache.upload(1000.0, now);
    bool done = true;
    for (const auto& k : keys) done = done && cache.get(k, now).status != Status::loading;
    cache.end_frame();
    now += 16;
    return done;
  });
}

}  // namespace

TEST_SUITE("GL textures") {
  TEST_CASE("Texture bytes count every mip level") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    // 300 x 200, 3 levels: 300x200 + 150x100 + 75x50, 4 bytes each.
    const GlTexture a = GlTexture::allocate(300, 200, 3);
    CHECK(a);
    CHECK(a.id() != 0);
    CHECK(a.width() == 300);
    CHECK(a.height() == 200);
    CHECK(a.levels() == 3);
    CHECK(a.bytes() == 240000u + 60000u + 15000u);
    // Odd sizes round up: 5x3, 3x2, 2x1.
    CHECK(GlTexture::allocate(5, 3, 3).bytes() == 60u + 8u + 4u);  // 5x3, 2x1, 1x1
    CHECK(GlTexture::allocate(64, 64, 1).bytes() == 16384u);
    CHECK(GlTexture::allocate(64, 64, 0).levels() == 1);  // at least one level
    const GlTexture none;
    CHECK_FALSE(none);
    CHECK(none.bytes() == 0u);
    CHECK(glGetError() == GL_NO_ERROR);
  }

  TEST_CASE("Rows uploaded in pieces read back as the source pixels, at every level") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    const media::Image src = media::test::noisy(123, 77);
    const media::Image half = media::mip_down(src);  // 61 x 38, as GL sizes level 1
    GlTexture t = GlTexture::allocate(123, 77, 2);
    t.upload_rows(0, src, 0, 30);
    t.upload_rows(0, src, 30, 1);
    t.upload_rows(0, src, 31, 46);
    t.upload_rows(1, half, 0, 38);
    CHECK(glGetError() == GL_NO_ERROR);
    CHECK(read_texture(t.id(), 0, 123, 77) == src.pixels);
    CHECK(read_texture(t.id(), 1, 61, 38) == half.pixels);
    CHECK(glGetError() == GL_NO_ERROR);
  }

  TEST_CASE("RGB rows are stored as opaque RGBA") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    const media::Image four = media::test::noisy(33, 9);
    media::Image src{33, 9, 3, {}};
    for (std::size_t i = 0; i < four.pixels.size(); i += 4) src.pixels.insert(src.pixels.end(), {four.pixels[i], four.pixels[i + 1], four.pixels[i + 2]});
    GlTexture t = GlTexture::allocate(33, 9, 1);
    t.upload_rows(0, src, 0, 9);
    CHECK(read_texture(t.id(), 0, 33, 9) == rgba(src));
    CHECK(rgba(src) == four.pixels);
    CHECK(glGetError() == GL_NO_ERROR);
  }

  TEST_CASE("A coverage texture holds one byte a pixel and samples as white with that alpha") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    std::vector<std::uint8_t> alpha(37 * 5);
    for (std::size_t i = 0; i < alpha.size(); ++i) alpha[i] = static_cast<std::uint8_t>(i * 7);
    GlTexture t = GlTexture::coverage(37, 5, alpha.data());  // odd width: rows are not 4-byte aligned
    CHECK(t.bytes() == 37u * 5u);
    std::vector<std::uint8_t> back(alpha.size(), 0xCD);
    glBindTexture(GL_TEXTURE_2D, t.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glGetTexImage(GL_TEXTURE_2D, 0, GL_RED, GL_UNSIGNED_BYTE, back.data());
    CHECK(back == alpha);
    GLint format = 0;
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT, &format);
    CHECK(format == GL_R8);
    GLint swizzle[4] = {};
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    CHECK(swizzle[0] == GL_ONE);
    CHECK(swizzle[1] == GL_ONE);
    CHECK(swizzle[2] == GL_ONE);
    CHECK(swizzle[3] == GL_RED);
    const GlTexture moved(std::move(t));
    CHECK(moved.bytes() == 37u * 5u);
    CHECK(glGetError() == GL_NO_ERROR);
  }

  TEST_CASE("A moved texture keeps its storage; the one moved from owns nothing") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    GlTexture a = GlTexture::allocate(8, 8, 1);
    const std::uint32_t id = a.id();
    GlTexture b(std::move(a));
    CHECK(b.id() == id);
    CHECK(b.bytes() == 256u);
    CHECK_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is specified empty
    GlTexture c = GlTexture::allocate(4, 4, 1);
    c = std::move(b);
    CHECK(c.id() == id);
    CHECK(glIsTexture(id) == GL_TRUE);
    {
      GlTexture gone = std::move(c);
    }
    CHECK(glIsTexture(id) == GL_FALSE);  // deleted with its last owner
  }
}

TEST_SUITE("Texture cache") {
  TEST_CASE("A large image is uploaded one strip per call under a zero budget, then fades in") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    // 2500 x 1700 RGBA: a level-0 row is 10000 bytes, so a 256 KiB strip is 26 rows.
    const int w = 2500, h = 1700;
    CachePack pack(w, h);
    media::ImageLoader loader(pack.file, 1, nullptr);
    TextureCache cache(1u << 30);
    cache.attach(&loader);
    const MediaKey key{31, catalog::MediaVariant::display};
    double now = 1000;
    CHECK(cache.get(key, now).status == Status::loading);
    CHECK(cache.counters().requested == 1u);
    CHECK_FALSE(cache.settled());
    REQUIRE(wait_until([&] { return loader.has_results(); }));

    // Strips: per mip level, ceil(height / max(1, kStripBytes / (width * 4))).
    const int levels = mip_levels(w, h);
    int strips = 0;
    for (int l = 0, lw = w, lh = h; l < levels; ++l, lw = (lw + 1) / 2, lh = (lh + 1) / 2) {
      const int rows = std::max(1, static_cast<int>(TextureCache::kStripBytes / (static_cast<std::size_t>(lw) * 4)));
      strips += (lh + rows - 1) / rows;
    }
    CHECK(strips > 20);  // 66 for level 0 alone

    for (int i = 1; i <= strips; ++i) {
      CAPTURE(i);
      CHECK(cache.get(key, now).status == Status::loading);
      const bool more = cache.upload(0.0, now);
      CHECK(more == (i < strips));
      if (i == 1) CHECK(cache.bytes() == texture_bytes(w, h, levels));  // allocated with the first strip
      if (i < strips) {
        CHECK(cache.get(key, now).status == Status::loading);
        CHECK(cache.counters().uploaded == 0u);
      }
      cache.end_frame();
      if (i < strips) now += 16;
    }
    const auto v = cache.get(key, now);
    REQUIRE(v.status == Status::ready);
    CHECK(v.texture != 0);
    CHECK(v.width == w);
    CHECK(v.height == h);
    CHECK(cache.counters().uploaded == 1u);
    CHECK(cache.settled());
    CHECK_FALSE(cache.upload(0.0, now));  // nothing left
    // Alpha rises from 0 at the last strip to 1 after kFadeMs.
    CHECK(v.alpha == doctest::Approx(0.0));
    CHECK(cache.get(key, now + TextureCache::kFadeMs / 4).alpha == doctest::Approx(0.25));
    CHECK(cache.get(key, now + TextureCache::kFadeMs / 2).alpha == doctest::Approx(0.5));
    CHECK(cache.get(key, now + TextureCache::kFadeMs).alpha == doctest::Approx(1.0));
    CHECK(cache.get(key, now + 10 * TextureCache::kFadeMs).alpha == doctest::Approx(1.0));
    CHECK(cache.fading(now + 1));
    CHECK_FALSE(cache.fading(now + TextureCache::kFadeMs));
    CHECK(glGetError() == GL_NO_ERROR);
  }

  TEST_CASE("A cache entry reads back as the decoded tile, which has no mip levels") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    media::ImageLoader loader(pack.file, 1, nullptr);
    TextureCache cache(1u << 30);
    cache.attach(&loader);
    double now = 0;
    const MediaKey k = tile(3, 2);
    REQUIRE(load_all(cache, {k}, now));
    const auto v = cache.get(k, now);
    REQUIRE(v.status == Status::ready);
    CHECK(v.width == 64);
    CHECK(v.height == 64);
    const media::Image expected = media::test::crop(media::test::noisy(640, 384), 192, 128, 64, 64);
    CHECK(read_texture(v.texture, 0, 64, 64) == expected.pixels);
    CHECK(cache.bytes() == texture_bytes(64, 64, 1));  // a tile is drawn at its own level: no mipmaps
  }

  TEST_CASE("Over budget, textures not used this frame are evicted least recently used first") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    media::ImageLoader loader(pack.file, 2, nullptr);
    const std::size_t one = texture_bytes(64, 64, 1);  // 16384: a tile, no mipmaps
    TextureCache cache(1u << 30);
    cache.attach(&loader);
    double now = 0;
    const MediaKey a = tile(0, 0), b = tile(1, 0), c = tile(2, 0), d = tile(3, 0);
    REQUIRE(load_all(cache, {a, b, c, d}, now));
    CHECK(cache.bytes() == 4 * one);
    // Last used: a, then b, c, d, one frame each.
    for (const MediaKey& k : {a, b, c, d}) {
      cache.get(k, now);
      cache.end_frame();
    }
    CHECK(cache.count() == 4u);
    CHECK(cache.counters().evicted == 0u);

    // Room for two and a bit: a frame that uses only d evicts a, then b, and stops there.
    cache.set_budget(2 * one + 100);
    CHECK(cache.budget() == 2 * one + 100);
    cache.get(d, now);
    cache.end_frame();
    CHECK(cache.counters().evicted == 2u);
    CHECK(cache.bytes() == 2 * one);
    CHECK(cache.bytes() <= cache.budget());
    CHECK(cache.count() == 2u);
    CHECK(cache.peek(a, now).status == Status::loading);  // gone: peek shows nothing
    CHECK(cache.peek(a, now).texture == 0u);
    CHECK(cache.peek(b, now).texture == 0u);
    CHECK(cache.peek(c, now).status == Status::ready);
    CHECK(cache.peek(d, now).status == Status::ready);
    cache.end_frame();

    // Textures used in the frame stay, even over budget.
    cache.set_budget(0);
    cache.get(c, now);
    cache.get(d, now);
    cache.end_frame();
    CHECK(cache.count() == 2u);
    CHECK(cache.bytes() == 2 * one);
    CHECK(cache.counters().evicted == 2u);
    // A peek counts as a use.
    cache.peek(c, now);
    cache.get(d, now);
    cache.end_frame();
    CHECK(cache.count() == 2u);
    // The next frame without c lets it go.
    cache.get(d, now);
    cache.end_frame();
    CHECK(cache.count() == 1u);
    CHECK(cache.bytes() == one);
    CHECK(cache.counters().evicted == 3u);
    CHECK(cache.get(d, now).status == Status::ready);

    // Asking for an evicted key loads it again.
    const auto before = cache.counters().requested;
    CHECK(cache.get(a, now).status == Status::loading);
    CHECK(cache.counters().requested == before + 1);
    cache.set_budget(1u << 30);
    REQUIRE(load_all(cache, {a, d}, now));
    CHECK(cache.bytes() == 2 * one);
    CHECK(glGetError() == GL_NO_ERROR);
  }

  TEST_CASE("Under budget nothing is evicted, used or not") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    media::ImageLoader loader(pack.file, 2, nullptr);
    const std::size_t one = texture_bytes(64, 64, 1);
    TextureCache cache(3 * one);
    cache.attach(&loader);
    double now = 0;
    REQUIRE(load_all(cache, {tile(0, 1), tile(1, 1), tile(2, 1)}, now));
    for (int i = 0; i < 5; ++i) cache.end_frame();
    CHECK(cache.count() == 3u);
    CHECK(cache.bytes() == 3 * one);
    CHECK(cache.counters().evicted == 0u);
  }

  TEST_CASE("A request no frame asks for any more is cancelled; one asked for every frame completes") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    GatedLoader g(pack.file);
    TextureCache cache(1u << 30);
    cache.attach(g.get());
    double now = 0;
    const MediaKey hold = tile(9, 5), kept = tile(0, 0), gone = tile(5, 3);
    // Frame 1: the worker decodes `hold` and is held at the gate; nothing else can start.
    g.gate.close();
    cache.get(hold, now);
    REQUIRE(g.gate.wait_woken(1));
    cache.end_frame();
    // Frame 2: both asked for; they stay queued.
    cache.get(hold, now);
    cache.get(kept, now);
    cache.get(gone, now);
    cache.end_frame();
    CHECK(cache.count() == 3u);
    CHECK(cache.counters().cancelled == 0u);
    // Frame 3: `gone` left the screen.
    cache.get(hold, now);
    cache.get(kept, now);
    cache.end_frame();
    CHECK(cache.counters().cancelled == 1u);
    CHECK(cache.count() == 2u);
    CHECK_FALSE(g->cancel(gone));  // no longer queued in the loader either
    CHECK(cache.peek(gone, now).texture == 0u);
    // The worker goes on; `kept` and `hold` complete, `gone` is never decoded.
    g.gate.open();
    REQUIRE(load_all(cache, {hold, kept}, now));
    CHECK(cache.get(kept, now).status == Status::ready);
    CHECK(cache.get(hold, now).status == Status::ready);
    CHECK(cache.settled());
    CHECK(cache.counters().uploaded == 2u);
    CHECK(cache.counters().requested == 3u);
    CHECK(wait_until([&] { return g->idle(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(g.gate.woken() == 2);
    CHECK(cache.count() == 2u);
  }

  TEST_CASE("A request dropped while it decodes is discarded when it arrives; asking again loads it") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    GatedLoader g(pack.file);
    TextureCache cache(1u << 30);
    cache.attach(g.get());
    double now = 0;
    const MediaKey k = tile(4, 4);
    g.gate.close();
    cache.get(k, now);
    REQUIRE(g.gate.wait_woken(1));  // decoded, waiting to be taken
    cache.end_frame();
    cache.end_frame();  // not asked for in this frame: dropped
    CHECK(cache.count() == 0u);
    CHECK(cache.counters().cancelled == 1u);
    CHECK(cache.settled());
    g.gate.open();
    CHECK_FALSE(cache.upload(1000.0, now));  // the result is taken and thrown away
    CHECK(cache.count() == 0u);
    CHECK(cache.bytes() == 0u);
    CHECK(cache.counters().uploaded == 0u);
    REQUIRE(load_all(cache, {k}, now));
    CHECK(cache.get(k, now).status == Status::ready);
    CHECK(cache.counters().uploaded == 1u);
  }

  TEST_CASE("A tile missing from the pack fails and stays failed") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    media::ImageLoader loader(pack.file, 1, nullptr);
    TextureCache cache(1u << 30);
    cache.attach(&loader);
    double now = 0;
    const MediaKey missing = MediaKey::tile(30, TileId{0, 10, 0});  // columns are 0..9
    REQUIRE(load_all(cache, {missing}, now));
    const auto v = cache.get(missing, now);
    CHECK(v.status == Status::failed);
    CHECK(v.texture == 0u);
    CHECK(cache.counters().failed == 1u);
    CHECK(cache.counters().requested == 1u);  // not asked for again
    CHECK(cache.settled());
    CHECK(cache.bytes() == 0u);
  }

  TEST_CASE("peek never requests") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    media::ImageLoader loader(pack.file, 1, nullptr);
    TextureCache cache(1u << 30);
    cache.attach(&loader);
    const auto v = cache.peek(tile(1, 1), 0);
    CHECK(v.status == Status::loading);
    CHECK(v.texture == 0u);
    CHECK(cache.count() == 0u);
    CHECK(cache.counters().requested == 0u);
    CHECK(cache.settled());
    CHECK(loader.idle());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_FALSE(loader.has_results());
    CHECK_FALSE(cache.upload(1000.0, 0));
  }

  TEST_CASE("attach releases every texture; without a loader everything fails") {
    GlContext gl;
    REQUIRE_GL_CONTEXT(gl);
    CachePack pack;
    media::ImageLoader loader(pack.file, 2, nullptr);
    TextureCache cache(1u << 30);
    cache.attach(&loader);
    double now = 0;
    REQUIRE(load_all(cache, {tile(0, 0), tile(1, 0)}, now));
    const std::uint32_t id = cache.get(tile(0, 0), now).texture;
    CHECK(glIsTexture(id) == GL_TRUE);
    cache.get(tile(2, 0), now);  // one still loading
    CHECK(cache.bytes() > 0u);
    cache.attach(nullptr);
    CHECK(cache.bytes() == 0u);
    CHECK(cache.count() == 0u);
    CHECK(cache.settled());
    CHECK(glIsTexture(id) == GL_FALSE);
    CHECK_FALSE(cache.upload(1000.0, now));
    CHECK(cache.get(tile(0, 0), now).status == Status::failed);
    // A new loader: a fresh start.
    cache.attach(&loader);
    CHECK(cache.count() == 0u);
    REQUIRE(load_all(cache, {tile(0, 0)}, now));
    CHECK(cache.get(tile(0, 0), now).status == Status::ready);
    CHECK(glGetError() == GL_NO_ERROR);
  }
}
