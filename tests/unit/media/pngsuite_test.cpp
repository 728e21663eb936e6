// PngSuite (Willem van Schaik): every x*.png is a broken file that must be refused; every
// other file is a valid PNG of some kind that must decode.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "media/image.h"

namespace fs = std::filesystem;
using namespace orpheus::media;

TEST_SUITE("PngSuite") {
  TEST_CASE("Broken PngSuite files are refused and valid ones decode") {
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
      } else {
        ++valid;
        try {
          CHECK(verify(bytes).width > 0);
          const Image img = decode(bytes);
          CHECK(img.width > 0);
          CHECK(img.pixels.size() == static_cast<std::size_t>(img.width) * img.height * 4);
        } catch (const DecodeError& e) {
          FAIL_CHECK("refused a valid file: " << e.what());
        }
      }
    }
    CHECK(broken == 14);
    CHECK(valid > 100);
  }
}
