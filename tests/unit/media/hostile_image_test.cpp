// Images crafted to exhaust memory: headers claiming huge sizes, refused from the header before
// any pixel memory is taken, by the decoder itself and by the kiosk's loader reading them from a
// real pack.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "builders.h"
#include "catalog/sqlite.h"
#include "media/image.h"
#include "media/loader.h"
#include "support/temp_dir.h"
#include "tile_pack.h"

using namespace orpheus;
using namespace orpheus::media;
using media::test::png_claiming;
using media::test::png_header_only;

namespace {

std::vector<LoadedImage> take_all(ImageLoader& loader, std::size_t n) {
  std::vector<LoadedImage> out;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (out.size() < n && std::chrono::steady_clock::now() < until) {
    for (auto& r : loader.take_results(n - out.size())) out.push_back(std::move(r));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return out;
}

}  // namespace

TEST_SUITE("Hostile images") {
  TEST_CASE("A PNG that is only a header claiming 60000 x 60000 is refused for its size") {
    const auto bytes = png_header_only(60000, 60000);
    for (auto check : {&probe, &verify}) {
      CHECK_THROWS_WITH_AS(check(bytes, kDefaultMaxPixels), doctest::Contains("60000 x 60000"), DecodeError);
    }
    CHECK_THROWS_WITH_AS(decode(bytes), doctest::Contains("more than the limit of 200000000 pixels"), DecodeError);
    // Its header is intact: with room for its pixels it would only then be found truncated.
    CHECK_THROWS_WITH_AS(probe(bytes, INT64_MAX), doctest::Contains("truncated"), DecodeError);
  }

  TEST_CASE("The kiosk's loader refuses images larger than any it shows, naming the media and the pack") {
    orpheus::test::TempDir dir;
    const auto file = dir / "pack.db";
    orpheus::test::write_small_pack(file);
    media::test::add_media(file, 20, 1, media::test::noisy(600, 400), 256);
    const auto display = png_header_only(60000, 60000);
    const auto thumbnail = png_claiming(5000, 5000);          // under the decoder's default limit
    const auto tile = media::test::jpeg_claiming(4097, 4097);  // one pixel over 4096 on each side
    REQUIRE_NOTHROW(probe(thumbnail));                          // the default would go on to decode it
    {
      sql::Database db(file, sql::Database::Mode::read_write_create);
      using Bytes = std::span<const std::uint8_t>;
      db.prepare("UPDATE media_blob SET bytes = ?1 WHERE media_id = 20 AND variant = 'display'").bind(1, Bytes(display)).step();
      db.prepare("INSERT INTO media_blob VALUES (20, 'thumbnail', 'image/png', 512, 512, ?1)").bind(1, Bytes(thumbnail)).step();
      db.prepare("UPDATE media_tile SET bytes = ?1 WHERE media_id = 20 AND level = 0 AND col = 0 AND row = 0")
          .bind(1, Bytes(tile))
          .step();
    }
    ImageLoader loader(file, 1, nullptr);
    const MediaKey keys[] = {{20, catalog::MediaVariant::display},
                             {20, catalog::MediaVariant::thumbnail},
                             {20, catalog::MediaVariant::thumbnail, -1, 0, 0, 352, 288},
                             MediaKey::tile(20, {0, 0, 0})};
    for (const auto& k : keys) loader.request(k);
    const auto results = take_all(loader, std::size(keys));
    REQUIRE(results.size() == std::size(keys));
    for (const auto& r : results) {
      CAPTURE(r.error);
      CHECK(r.levels.empty());
      CHECK(r.error.find(r.key.describe() + " in " + file.string()) != std::string::npos);
      CHECK(r.error.find("more than the limit of " + std::to_string(kMaxShownPixels) + " pixels") != std::string::npos);
      const std::string size = r.key.is_tile()                                     ? "4097 x 4097"
                               : r.key.variant == catalog::MediaVariant::display ? "60000 x 60000"
                                                                                 : "5000 x 5000";
      CHECK(r.error.find(size) != std::string::npos);
    }
    // The pack's other images still load: the tile beside the crafted one.
    loader.request(MediaKey::tile(20, {0, 1, 0}));
    const auto next = take_all(loader, 1);
    REQUIRE(next.size() == 1u);
    CHECK(next[0].error.empty());
    CHECK(next[0].levels.size() == 1u);
  }
}
