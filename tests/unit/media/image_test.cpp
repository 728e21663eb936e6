#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "builders.h"
#include "media/image.h"

using namespace orpheus::media;
using namespace orpheus::media::test;

namespace {

std::string decode_error(const std::vector<std::uint8_t>& bytes) {
  try {
    decode(bytes);
  } catch (const DecodeError& e) {
    return e.what();
  }
  FAIL("decoded without error");
  return {};
}

}  // namespace

TEST_SUITE("Image codec") {
  TEST_CASE("PNG encoding and decoding round-trip exactly") {
    const Image src = gradient(37, 23);
    const auto png = encode_png(src);
    const ImageInfo info = probe(png);
    CHECK(info.format == "png");
    CHECK(info.width == 37);
    CHECK(info.height == 23);
    const Image back = decode(png);
    CHECK(back.channels == 4);
    CHECK(back.width == 37);
    CHECK(back.height == 23);
    CHECK(back.pixels == src.pixels);
  }

  TEST_CASE("JPEG encoding and decoding keep size and colour roughly") {
    const Image src = gradient(64, 48);
    const auto jpg = encode_jpeg(src, 90);
    CHECK(probe(jpg).format == "jpeg");
    const Image back = decode(jpg);
    REQUIRE(back.width == 64);
    REQUIRE(back.height == 48);
    int worst = 0;
    for (std::size_t i = 0; i < src.pixels.size(); ++i)
      if (i % 4 != 3) worst = std::max(worst, std::abs(int(src.pixels[i]) - int(back.pixels[i])));
    CHECK(worst < 24);
    CHECK(back.pixels[3] == 255);  // JPEG has no alpha: decoded opaque
  }

  TEST_CASE("RGB images encode too") {
    const Image rgb = gradient(10, 10, 3);
    CHECK(decode(encode_png(rgb)).pixels.size() == 10u * 10u * 4u);
    CHECK(probe(encode_jpeg(rgb)).width == 10);
  }

  TEST_CASE("Fitting within bounds keeps the aspect ratio and never upscales") {
    const Image wide = gradient(3000, 1000);
    const Image d = fit_within(wide, 2048, 2048);
    CHECK(d.width == 2048);
    CHECK(d.height == 683);
    const Image t = fit_within(d, 512, 512);
    CHECK(t.width == 512);
    CHECK(t.height == 171);
    const Image tall = fit_within(gradient(100, 400), 512, 200);
    CHECK(tall.width == 50);
    CHECK(tall.height == 200);
    const Image small = fit_within(gradient(30, 20), 512, 512);
    CHECK(small.width == 30);
    CHECK(small.height == 20);
    const Image sliver = fit_within(gradient(5000, 2), 512, 512);
    CHECK(sliver.width == 512);
    CHECK(sliver.height == 1);
  }

  TEST_CASE("Resizing is alpha-aware: transparent pixels lend no colour to the edges") {
    Image img = gradient(64, 64);
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) {
        auto* p = &img.pixels[(static_cast<std::size_t>(y) * 64 + x) * 4];
        if (x < 32) {  // invisible red
          p[0] = 255; p[1] = 0; p[2] = 0; p[3] = 0;
        } else {       // opaque blue
          p[0] = 0; p[1] = 0; p[2] = 255; p[3] = 255;
        }
      }
    const Image small = resize(img, 8, 8);
    for (int y = 0; y < 8; ++y)
      for (int x = 0; x < 8; ++x) {
        const auto* p = &small.pixels[(static_cast<std::size_t>(y) * 8 + x) * 4];
        if (p[3] > 16) CHECK_MESSAGE(p[0] < 16, "red bled into pixel " << x << "," << y);
      }
  }

  TEST_CASE("Resize produces exactly the requested size") {
    const Image r = resize(gradient(10, 10), 7, 3);
    CHECK(r.width == 7);
    CHECK(r.height == 3);
    CHECK(r.pixels.size() == 7u * 3u * 4u);
    CHECK_THROWS_AS(resize(gradient(10, 10), 0, 3), std::invalid_argument);
    CHECK_THROWS_AS(resize(Image{}, 4, 4), std::invalid_argument);
  }
}

TEST_SUITE("Image safety") {
  TEST_CASE("A PNG header claiming 65535 x 65535 is refused before any pixel memory is taken") {
    const auto bytes = png_claiming(65535, 65535);
    CHECK_THROWS_WITH_AS(probe(bytes), doctest::Contains("65535 x 65535"), DecodeError);
    CHECK_THROWS_WITH_AS(decode(bytes), doctest::Contains("more than the limit"), DecodeError);
  }

  TEST_CASE("A JPEG header claiming 65535 x 65535 is refused before any pixel memory is taken") {
    const auto bytes = jpeg_claiming(65535, 65535);
    CHECK_THROWS_WITH_AS(probe(bytes), doctest::Contains("65535 x 65535"), DecodeError);
    CHECK_THROWS_WITH_AS(decode(bytes), doctest::Contains("more than the limit"), DecodeError);
  }

  TEST_CASE("The pixel limit can be lowered by the caller") {
    const auto png = encode_png(gradient(100, 100));
    CHECK_NOTHROW(probe(png, 10'000));
    CHECK_THROWS_WITH_AS(decode(png, 9'999), doctest::Contains("100 x 100"), DecodeError);
    CHECK_THROWS_AS(probe(jpeg_claiming(200, 100), 10'000), DecodeError);
  }

  TEST_CASE("Corrupt data is rejected with a message") {
    const auto png = encode_png(gradient(32, 32));
    CHECK(decode_error({}).find("empty") != std::string::npos);
    CHECK(decode_error({'h', 'e', 'l', 'l', 'o'}).find("not a JPEG or PNG") != std::string::npos);

    auto truncated = png;
    truncated.resize(png.size() / 2);
    CHECK(decode_error(truncated).find("truncated") != std::string::npos);

    auto flipped = png;
    flipped[flipped.size() - 20] ^= 0xFF;  // inside IDAT: its CRC no longer matches
    CHECK(decode_error(flipped).find("CRC") != std::string::npos);

    auto bad_header = png;
    bad_header[16] ^= 0x01;  // width byte: the IHDR CRC catches it
    CHECK(decode_error(bad_header).find("IHDR") != std::string::npos);

    const auto jpg = encode_jpeg(gradient(32, 32));
    std::vector<std::uint8_t> garbage(jpg.begin(), jpg.begin() + 200);
    garbage.resize(400, 0xFF);
    CHECK_THROWS_AS(decode(garbage), DecodeError);
  }

  TEST_CASE("Verifying checks the whole file without decoding, and decoding checks it too: a truncated JPEG is caught") {
    const auto jpg = encode_jpeg(gradient(64, 64), 90);
    CHECK(verify(jpg).width == 64);
    std::vector<std::uint8_t> cut(jpg.begin(), jpg.begin() + static_cast<std::ptrdiff_t>(jpg.size() * 2 / 3));
    CHECK_THROWS_WITH_AS(verify(cut), doctest::Contains("truncated"), DecodeError);
    CHECK_THROWS_WITH_AS(decode(cut), doctest::Contains("truncated"), DecodeError);
    std::vector<std::uint8_t> header_only(jpg.begin(), jpg.begin() + 20);
    CHECK_THROWS_AS(verify(header_only), DecodeError);
    const auto png = encode_png(gradient(16, 16));
    CHECK(verify(png).format == "png");
    std::vector<std::uint8_t> no_iend(png.begin(), png.end() - 12);
    CHECK_THROWS_WITH_AS(verify(no_iend), doctest::Contains("no IEND"), DecodeError);
    CHECK_THROWS_WITH_AS(verify(png_claiming(65535, 65535)), doctest::Contains("more than the limit"), DecodeError);
  }

  TEST_CASE("Reading a file that is not there names it") {
    CHECK_THROWS_WITH_AS(read_file("/nonexistent/orpheus/x.png"), doctest::Contains("/nonexistent/orpheus/x.png"),
                         std::runtime_error);
  }
}
