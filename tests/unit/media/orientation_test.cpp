// EXIF orientation: decode() turns images upright. The reference here places pixels from the
// words of the EXIF standard (where the stored first row and first column are shown), the other
// way round from decode(), which walks the stored image for each displayed pixel.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "builders.h"
#include "magick.h"
#include "media/exif.h"
#include "media/image.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace orpheus::media;
using namespace orpheus::media::test;

namespace {

enum Side { top, bottom, left, right };
struct Placement {
  Side first_row, first_column;
};
// EXIF 2.3, tag 0x0112, indexed by orientation.
constexpr Placement kPlacement[9] = {{},
                                     {top, left},    {top, right},    {bottom, right}, {bottom, left},
                                     {left, top},    {right, top},    {right, bottom}, {left, bottom}};

Image expected_upright(const Image& stored, int orientation) {
  const auto [row0, col0] = kPlacement[orientation];
  const bool turned = row0 == left || row0 == right;
  const int w = stored.width, h = stored.height;
  Image out;
  out.width = turned ? h : w;
  out.height = turned ? w : h;
  out.channels = 4;
  out.pixels.resize(stored.pixels.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      // Stored row y becomes a displayed row (or column) counted from the side row 0 is shown at.
      const int along_rows = row0 == top || row0 == left ? y : h - 1 - y;
      const int along_columns = col0 == left || col0 == top ? x : w - 1 - x;
      const int dx = turned ? along_rows : along_columns, dy = turned ? along_columns : along_rows;
      const auto* src = &stored.pixels[(static_cast<std::size_t>(y) * w + x) * 4];
      std::copy(src, src + 4, &out.pixels[(static_cast<std::size_t>(dy) * out.width + dx) * 4]);
    }
  return out;
}

constexpr std::uint16_t kShort = 3, kLong = 4;

struct Entry {
  std::uint16_t tag, type;
  std::uint32_t count, value;
};

// TIFF-structured EXIF data: header, IFD0 at offset 8 with `entries`, then the next-IFD link.
std::vector<std::uint8_t> tiff(bool little, const std::vector<Entry>& entries, std::uint32_t next_ifd = 0) {
  std::vector<std::uint8_t> t;
  const auto u16 = [&](unsigned v) {
    const std::uint8_t hi = static_cast<std::uint8_t>(v >> 8), lo = static_cast<std::uint8_t>(v);
    t.insert(t.end(), little ? std::initializer_list<std::uint8_t>{lo, hi} : std::initializer_list<std::uint8_t>{hi, lo});
  };
  const auto u32 = [&](std::uint32_t v) {
    u16(little ? v & 0xFFFFu : v >> 16);
    u16(little ? v >> 16 : v & 0xFFFFu);
  };
  t.push_back(little ? 'I' : 'M');
  t.push_back(little ? 'I' : 'M');
  u16(42);
  u32(8);
  u16(static_cast<unsigned>(entries.size()));
  for (const Entry& e : entries) {
    u16(e.tag);
    u16(e.type);
    u32(e.count);
    if (e.type == kShort && e.count == 1) {  // left-justified in the value field
      u16(e.value);
      u16(0);
    } else {
      u32(e.value);
    }
  }
  u32(next_ifd);
  return t;
}

std::vector<std::uint8_t> orientation_tiff(bool little, int orientation) {
  return tiff(little, {{0x0100, kLong, 1, 24}, {0x0112, kShort, 1, static_cast<std::uint32_t>(orientation)}});
}

std::vector<std::uint8_t> app1(const std::vector<std::uint8_t>& tiff_data) {
  std::vector<std::uint8_t> payload{'E', 'x', 'i', 'f', 0, 0};
  payload.insert(payload.end(), tiff_data.begin(), tiff_data.end());
  return payload;
}

void write_bytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_SUITE("EXIF orientation") {
  TEST_CASE("All eight orientations turn a JPEG upright, from big- and little-endian EXIF") {
    const auto jpg = encode_jpeg(gradient(24, 16), 95);
    const Image stored = decode(jpg);
    for (const bool little : {false, true})
      for (int o = 1; o <= 8; ++o) {
        CAPTURE(little);
        CAPTURE(o);
        const auto bytes = with_jpeg_segment(jpg, 0xE1, app1(orientation_tiff(little, o)));
        const ImageInfo info = probe(bytes);
        CHECK(info.orientation == o);
        CHECK(info.width == (o >= 5 ? 16 : 24));
        CHECK(info.height == (o >= 5 ? 24 : 16));
        CHECK(verify(bytes).width == info.width);
        const Image img = decode(bytes);
        CHECK(img.width == info.width);
        CHECK(img.height == info.height);
        CHECK(img.pixels == expected_upright(stored, o).pixels);  // the same JPEG data: exact
      }
  }

  TEST_CASE("All eight orientations turn a PNG with an eXIf chunk upright, exactly") {
    const Image src = gradient(7, 5);
    const auto png = encode_png(src);
    for (const bool little : {false, true})
      for (int o = 1; o <= 8; ++o) {
        CAPTURE(little);
        CAPTURE(o);
        const auto bytes = with_png_chunk(png, "eXIf", orientation_tiff(little, o));
        CHECK(verify(bytes).orientation == o);
        const Image img = decode(bytes);
        CHECK(img.width == (o >= 5 ? 5 : 7));
        CHECK(img.pixels == expected_upright(src, o).pixels);
      }
  }

  TEST_CASE("ImageMagick's -auto-orient turns all eight the same way") {
    const auto jpg = encode_jpeg(gradient(24, 16), 95);
    const orpheus::test::TempDir dir;
    for (const bool little : {false, true})
      for (int o = 1; o <= 8; ++o) {
        CAPTURE(little);
        CAPTURE(o);
        const auto bytes = with_jpeg_segment(jpg, 0xE1, app1(orientation_tiff(little, o)));
        const fs::path file = dir / ("o" + std::to_string(o) + ".jpg");
        write_bytes(file, bytes);
        const Image img = decode(bytes);
        const Difference d = difference(img, magick_rgba(file, "-auto-orient", img.width, img.height));
        CAPTURE(d.mean);
        CHECK(d.mean < kJpegMeanTolerance);
        CHECK(d.worst <= kJpegWorstTolerance);
      }
  }

  TEST_CASE("A photograph with orientation 6 decodes upright, as ImageMagick's -auto-orient shows it") {
    const fs::path file = ORPHEUS_TESTDATA_DIR "/images/jpeg/hopper_orientation_6.jpg";
    if (!fs::exists(file)) {
      MESSAGE(file.string() << " not found: skipped");
      return;
    }
    const auto bytes = read_file(file);
    const ImageInfo info = probe(bytes);
    CHECK(info.orientation == 6);
    const Image img = decode(bytes);
    REQUIRE(img.width == 128);  // square, so the size cannot show the turn: the pixels must
    REQUIRE(img.height == 128);
    const Difference upright = difference(img, magick_rgba(file, "-auto-orient", 128, 128));
    CAPTURE(upright.mean);
    CHECK(upright.mean < kJpegMeanTolerance);
    CHECK(upright.worst <= kJpegWorstTolerance);
    const Difference as_stored = difference(img, magick_rgba(file, "", 128, 128));
    CHECK(as_stored.mean > 10 * kJpegMeanTolerance);  // the comparison does see a missing turn
  }

  TEST_CASE("A real PNG eXIf chunk is read: PngSuite's exif2c08 with its orientation set to 6") {
    const fs::path file = ORPHEUS_TESTDATA_DIR "/images/pngsuite/exif2c08.png";
    if (!fs::exists(file)) {
      MESSAGE(file.string() << " not found: skipped");
      return;
    }
    auto bytes = read_file(file);
    CHECK(probe(bytes).orientation == 1);
    // Its eXIf chunk follows IHDR: big-endian TIFF, IFD0 at 8, orientation (SHORT 1) its first entry.
    const std::size_t exif = 8 + 25 + 8, value = exif + 8 + 2 + 8;
    REQUIRE(std::string(bytes.begin() + exif - 4, bytes.begin() + exif) == "eXIf");
    REQUIRE(bytes[exif + 10] == 0x01);
    REQUIRE(bytes[exif + 11] == 0x12);
    bytes[value + 1] = 6;
    const std::uint32_t length = std::uint32_t{bytes[exif - 8]} << 24 | std::uint32_t{bytes[exif - 7]} << 16 |
                                 std::uint32_t{bytes[exif - 6]} << 8 | bytes[exif - 5];
    std::vector<std::uint8_t> crc;
    put32(crc, orpheus::media::png::crc32({bytes.data() + exif - 4, length + 4}));
    std::copy(crc.begin(), crc.end(), bytes.begin() + static_cast<std::ptrdiff_t>(exif + length));
    CHECK(verify(bytes).orientation == 6);
    const Image turned = decode(bytes);
    CHECK(turned.pixels == expected_upright(decode(read_file(file)), 6).pixels);
  }

  TEST_CASE("Hostile EXIF is ignored: orientation 1, and nothing read out of range") {
    for (const bool little : {false, true}) {
      CAPTURE(little);
      const auto good = orientation_tiff(little, 6);
      REQUIRE(exif::orientation(good) == 6);
      const auto patched = [&](std::size_t at, std::vector<std::uint8_t> with) {
        auto t = good;
        std::copy(with.begin(), with.end(), t.begin() + static_cast<std::ptrdiff_t>(at));
        return t;
      };
      const auto cut = [&](std::size_t size) {
        return std::vector<std::uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(size));
      };
      CHECK(exif::orientation({}) == 1);
      CHECK(exif::orientation(cut(7)) == 1);                             // shorter than the header
      CHECK(exif::orientation(cut(good.size() - 5)) == 1);               // directory cut off
      CHECK(exif::orientation(patched(0, {'I', 'M'})) == 1);             // no byte-order mark
      CHECK(exif::orientation(patched(2, {0x2B, 0x2B})) == 1);           // not 42
      CHECK(exif::orientation(patched(4, {0xFF, 0xFF, 0xFF, 0xF0})) == 1);  // IFD0 far outside
      CHECK(exif::orientation(patched(4, {0x00, 0x00, 0x00, 0x00})) == 1);  // IFD0 inside the header
      CHECK(exif::orientation(patched(4, {0xFF, 0xFF, 0xFF, 0xFF})) == 1);
      CHECK(exif::orientation(patched(8, {0xFF, 0xFF})) == 1);           // 65535 entries: count overflow
      const auto last = static_cast<std::uint8_t>(good.size() - 1);  // IFD0 there: its count is cut off
      CHECK(exif::orientation(patched(4, little ? std::vector<std::uint8_t>{last, 0, 0, 0}
                                                : std::vector<std::uint8_t>{0, 0, 0, last})) == 1);
      // Wrong type, count or value of the orientation entry itself.
      CHECK(exif::orientation(tiff(little, {{0x0112, kLong, 1, 6}})) == 1);
      CHECK(exif::orientation(tiff(little, {{0x0112, kShort, 2, 6}})) == 1);
      CHECK(exif::orientation(tiff(little, {{0x0112, kShort, 1, 0}})) == 1);
      CHECK(exif::orientation(tiff(little, {{0x0112, kShort, 1, 9}})) == 1);
      // Links that loop back to IFD0 (next IFD, an Exif sub-IFD pointer) are never followed.
      CHECK(exif::orientation(tiff(little, {{0x8769, kLong, 1, 8}}, 8)) == 1);
      CHECK(exif::orientation(tiff(little, {{0x8769, kLong, 1, 8}, {0x0112, kShort, 1, 8}}, 8)) == 8);
    }

    // Through a file: a broken EXIF block never stops the image from showing.
    const auto jpg = encode_jpeg(gradient(24, 16), 95);
    const Image plain = decode(jpg);
    auto huge_count = orientation_tiff(false, 6);
    huge_count[8] = huge_count[9] = 0xFF;
    for (const auto& payload : {app1(huge_count), app1({'M', 'M', 0}), app1({}),
                                std::vector<std::uint8_t>{'E', 'x', 'i', 'f'}}) {
      const auto bytes = with_jpeg_segment(jpg, 0xE1, payload);
      CHECK(probe(bytes).orientation == 1);
      CHECK(decode(bytes).pixels == plain.pixels);
    }
    const auto png = encode_png(gradient(7, 5));
    CHECK(decode(with_png_chunk(png, "eXIf", huge_count)).pixels == decode(png).pixels);
  }
}
