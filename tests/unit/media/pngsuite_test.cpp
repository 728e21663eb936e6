// PngSuite (Willem van Schaik): every x*.png is a broken file that must be refused; every
// other file is a valid PNG of some kind that must decode to the pixels ImageMagick decodes.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "magick.h"
#include "media/image.h"

namespace fs = std::filesystem;
using namespace orpheus::media;
using namespace orpheus::media::test;

TEST_SUITE("PngSuite") {
  TEST_CASE("Broken PngSuite files are refused and valid ones decode to ImageMagick's pixels") {
    const fs::path dir = ORPHEUS_TESTDATA_DIR "/images/pngsuite";
    if (!fs::is_directory(dir)) {
      MESSAGE("PngSuite not found at " << dir.string() << ": skipped");
      return;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".png") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    int broken = 0, valid = 0;
    for (const auto& f : files) {
      const std::string name = f.filename().string();
      CAPTURE(name);
      const auto bytes = read_file(f);
      if (name[0] == 'x') {
        ++broken;
        try {
          decode(bytes);
          FAIL_CHECK("decode accepted a broken file");
        } catch (const DecodeError& e) {
          CHECK(std::string(e.what()).size() > 5);
        }
        CHECK_THROWS_AS(verify(bytes), DecodeError);
        continue;
      }
      ++valid;
      Image img;
      try {
        CHECK(verify(bytes).width > 0);
        img = decode(bytes);
      } catch (const DecodeError& e) {
        FAIL_CHECK("refused a valid file: " << e.what());
        continue;
      }
      REQUIRE(img.pixels.size() == static_cast<std::size_t>(img.width) * img.height * 4);
      // ImageMagick 6 takes a PNG with a large gAMA (1.0 and 2.5 in the suite) for linear RGB
      // and converts it to sRGB on output; smaller values it only records. decode() applies no gAMA
      // at all (stb ignores it: pack images are shown as sRGB samples), so ImageMagick is told the
      // samples are sRGB (-set colorspace relabels without converting) and both compare samples.
      const Image reference = magick_rgba(f, "-set colorspace sRGB", img.width, img.height);
      // 16-bit samples are reduced to 8 differently (stb keeps the high byte, ImageMagick scales
      // by 255/65535), one level apart at most. 8-bit and smaller, palettes, tRNS and sBIT: exact.
      const bool sixteen_bit = bytes[24] == 16;  // IHDR bit depth
      const Difference d = difference(img, reference);
      CAPTURE(d.mean);
      CHECK(d.worst <= (sixteen_bit ? 1 : 0));
    }
    CHECK(broken == 14);
    CHECK(valid == 162);  // the 161 valid test images and PngSuite.png, the suite's own logo
  }
}
