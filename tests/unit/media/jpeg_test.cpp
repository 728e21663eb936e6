// JPEGs: the corpus in images/jpeg (see SOURCES.md beside it) and synthetic frame headers. What
// stb_image decodes must match ImageMagick; what it cannot decode must be refused with the reason.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>
#include <set>
#include <string>
#include <vector>

#include "builders.h"
#include "magick.h"
#include "media/image.h"

namespace fs = std::filesystem;
using namespace orpheus::media;
using namespace orpheus::media::test;

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// The child's exit code says how decode() ended; a DecodeError's message comes through a pipe.
enum ChildExit { kDecoded = 0, kRefused = 1, kOutOfMemory = 2, kOtherException = 3, kMessageLost = 4 };

struct ChildResult {
  int exit_code = -1;  // -1: killed by a signal
  int signal = 0;
  std::string message;
};

rlim_t address_space_in_use() {
  std::ifstream statm("/proc/self/statm");
  rlim_t pages = 0;
  statm >> pages;
  return pages * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE));
}

// decode() in a forked child whose address space may grow by 256 MB at most: a decoder that
// believed a huge header would fail there instead of taking the machine's memory.
ChildResult decode_in_child(const std::vector<std::uint8_t>& bytes) {
  const rlim_t cap = address_space_in_use() + (rlim_t{256} << 20);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  Fd from_child(fds[0]), to_parent(fds[1]);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    from_child.reset();
    const rlimit limit{cap, cap};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(kOtherException);
    std::string message;
    int code = kDecoded;
    try {
      decode(bytes);
    } catch (const DecodeError& e) {
      message = e.what();
      code = kRefused;
    } catch (const std::bad_alloc&) {
      code = kOutOfMemory;
    } catch (...) {
      code = kOtherException;
    }
    const bool sent = ::write(to_parent.get(), message.data(), message.size()) == static_cast<ssize_t>(message.size());
    ::_exit(sent ? code : kMessageLost);
  }
  to_parent.reset();
  ChildResult r;
  char buffer[512];
  for (ssize_t n; (n = ::read(from_child.get(), buffer, sizeof buffer)) > 0;)
    r.message.append(buffer, static_cast<std::size_t>(n));
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

struct Expected {
  const char* file;
  int width, height;    // as displayed, when it decodes
  const char* refusal;  // a word the reason must contain, when it is refused
};

const Expected kCorpus[] = {
    {"16bit-qtables.jpg", 1, 1, nullptr},  // SOF1 with 16-bit quantisation tables, 8-bit samples
    {"derive-huffman-codes-overflow.jpg", 0, 0, "expected a marker"},  // a stray byte before SOF
    {"empty.jpg", 0, 0, "empty"},
    {"extraneous-data.jpg", 16, 16, nullptr},  // the junk sits inside the entropy-coded data
    {"hopper_orientation_6.jpg", 128, 128, nullptr},  // square: only its pixels show the turn
    {"jpeg_lossless_sel1.jpg", 0, 0, "lossless"},
    {"jpg-cmyk-1.jpg", 32, 32, nullptr},  // Adobe CMYK: stb converts it as libjpeg does
    {"jpg-gray.jpg", 32, 32, nullptr},
    {"jpg-progressive.jpg", 32, 32, nullptr},
    {"max_size.jpg", 0, 0, "more than the limit"},
    {"missing-sos.jpg", 0, 0, "no image data"},  // stb alone would show a white square
    {"monkey12.jpg", 0, 0, "12-bit"},
    {"null_height.jpg", 0, 0, "width of 0"},
    {"pil_sample_cmyk.jpg", 100, 100, nullptr},  // Adobe YCCK
    {"progressive-missing-ac.jpg", 8, 8, nullptr},  // only DC scans: the blurred image, as in libjpeg
    {"progressive3.jpg", 650, 470, nullptr},
    {"restarts.jpg", 33, 33, nullptr},
    {"testimgari.jpg", 0, 0, "arithmetic"},
    {"testorig.jpg", 227, 149, nullptr},
    {"truncated_jpeg.jpg", 0, 0, "truncated"},
};

// `jpeg` without its marker segments of one kind before the first scan.
std::vector<std::uint8_t> without_segments(const std::vector<std::uint8_t>& jpeg, std::uint8_t marker) {
  std::vector<std::uint8_t> out(jpeg.begin(), jpeg.begin() + 2);
  const auto at = [&](std::size_t offset) { return jpeg.begin() + static_cast<std::ptrdiff_t>(offset); };
  std::size_t pos = 2;
  while (pos + 4 <= jpeg.size() && jpeg[pos + 1] != 0xDA) {
    const std::size_t end = pos + 2 + (std::size_t{jpeg[pos + 2]} << 8 | jpeg[pos + 3]);
    if (jpeg[pos + 1] != marker) out.insert(out.end(), at(pos), at(end));
    pos = end;
  }
  out.insert(out.end(), at(pos), jpeg.end());
  return out;
}

std::vector<std::uint8_t> adobe_segment(std::uint8_t transform) {
  return {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, transform};
}

}  // namespace

TEST_SUITE("JPEG decoding") {
  TEST_CASE("Every JPEG of the corpus decodes like ImageMagick or is refused with the reason") {
    const fs::path dir = ORPHEUS_TESTDATA_DIR "/images/jpeg";
    if (!fs::is_directory(dir)) {
      MESSAGE("JPEG corpus not found at " << dir.string() << ": skipped");
      return;
    }
    std::set<std::string> on_disk, in_table;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".jpg") on_disk.insert(e.path().filename().string());
    for (const Expected& x : kCorpus) in_table.insert(x.file);
    CHECK(on_disk == in_table);

    for (const Expected& x : kCorpus) {
      const std::string name = x.file;
      CAPTURE(name);
      const fs::path path = dir / name;
      const auto bytes = read_file(path);
      // Every file first in a child with capped memory: no crash, no huge allocation.
      const ChildResult child = decode_in_child(bytes);
      CAPTURE(child.message);
      REQUIRE(child.signal == 0);
      if (x.refusal) {
        CHECK(child.exit_code == kRefused);
        CHECK(child.message.find(x.refusal) != std::string::npos);
        CHECK_THROWS_WITH_AS(verify(bytes), doctest::Contains(x.refusal), DecodeError);
        continue;
      }
      REQUIRE(child.exit_code == kDecoded);
      const ImageInfo info = verify(bytes);
      CHECK(info.width == x.width);
      CHECK(info.height == x.height);
      const Image img = decode(bytes);
      REQUIRE(img.width == x.width);
      REQUIRE(img.height == x.height);
      const Difference d = difference(img, magick_rgba(path, "-auto-orient", x.width, x.height));
      CAPTURE(d.mean);
      CHECK(d.mean < kJpegMeanTolerance);
      CHECK(d.worst <= kJpegWorstTolerance);
    }
  }

  TEST_CASE("A 65535 x 65535 header is refused in a child limited to 256 MB more memory, naming the pixel limit") {
    const ChildResult child = decode_in_child(jpeg_claiming(65535, 65535));
    CHECK(child.signal == 0);
    CHECK(child.exit_code == kRefused);
    CHECK(child.message.find("65535 x 65535") != std::string::npos);
    CHECK(child.message.find("more than the limit") != std::string::npos);
  }

  TEST_CASE("Frame headers stb cannot decode are refused before it is asked, with the reason") {
    const struct {
      std::uint8_t sof;
      const char* what;
    } processes[] = {
        {0xC3, "lossless JPEG (SOF3)"},
        {0xC5, "hierarchical JPEG (SOF5)"},
        {0xC6, "hierarchical JPEG (SOF6)"},
        {0xC7, "hierarchical lossless JPEG (SOF7)"},
        {0xC9, "arithmetic-coded JPEG (SOF9)"},
        {0xCA, "arithmetic-coded JPEG (SOF10)"},
        {0xCB, "lossless arithmetic-coded JPEG (SOF11)"},
        {0xCD, "hierarchical arithmetic-coded JPEG (SOF13)"},
        {0xCE, "hierarchical arithmetic-coded JPEG (SOF14)"},
        {0xCF, "hierarchical lossless arithmetic-coded JPEG (SOF15)"},
    };
    for (const auto& p : processes) {
      CAPTURE(p.what);
      CHECK_THROWS_WITH_AS(probe(jpeg_claiming(16, 16, p.sof)),
                           (std::string(p.what) + " is not supported: save it as a baseline or progressive JPEG").c_str(),
                           DecodeError);
    }
    for (const std::uint8_t sof : {0xC0, 0xC1, 0xC2}) {  // baseline, extended and progressive, 8-bit: for stb
      CAPTURE(int{sof});
      CHECK(probe(jpeg_claiming(16, 8, sof)).width == 16);
    }
    CHECK_THROWS_WITH_AS(probe(jpeg_claiming(16, 16, 0xC1, 12)),
                         "12-bit JPEG (sample precision 12) is not supported: save it as an 8-bit JPEG", DecodeError);
    CHECK_THROWS_WITH_AS(probe(jpeg_claiming(16, 16, 0xC2, 12)), doctest::Contains("12-bit"), DecodeError);
    CHECK_THROWS_WITH_AS(probe(jpeg_claiming(16, 16, 0xC0, 7)), doctest::Contains("sample precision 7"), DecodeError);
    CHECK_THROWS_WITH_AS(probe(jpeg_claiming(16, 0)), doctest::Contains("DNL"), DecodeError);
    CHECK_THROWS_WITH_AS(probe(jpeg_claiming(0, 16)), doctest::Contains("width of 0"), DecodeError);
    CHECK_THROWS_WITH_AS(probe(jpeg_claiming(16, 16, 0xC0, 8, 2)), doctest::Contains("2 colour components"), DecodeError);
    CHECK_THROWS_WITH_AS(probe(with_jpeg_segment(jpeg_claiming(16, 16), 0xDE, {0, 8, 0, 16, 0, 16, 3})),
                         doctest::Contains("hierarchical JPEG (DHP marker)"), DecodeError);
    CHECK_THROWS_WITH_AS(probe(with_jpeg_segment(jpeg_claiming(16, 16), 0xF7, {8, 0, 16, 0, 16, 1, 1, 0x11, 0})),
                         doctest::Contains("JPEG-LS (SOF55)"), DecodeError);
  }

  TEST_CASE("Four components decode only with the Adobe marker that says CMYK or YCCK") {
    const auto cmyk = jpeg_claiming(16, 16, 0xC0, 8, 4);
    CHECK_THROWS_WITH_AS(probe(cmyk),
                         "CMYK JPEG without an Adobe colour-transform marker is not supported: convert it to RGB",
                         DecodeError);
    CHECK(probe(with_jpeg_segment(cmyk, 0xEE, adobe_segment(0))).width == 16);  // CMYK
    CHECK(probe(with_jpeg_segment(cmyk, 0xEE, adobe_segment(2))).width == 16);  // YCCK
    CHECK_THROWS_WITH_AS(probe(with_jpeg_segment(cmyk, 0xEE, adobe_segment(1))), doctest::Contains("CMYK"), DecodeError);

    // stb would decode this file as YCbCr with the fourth channel ignored: wrong colours
    // (ImageMagick gets them right, as in the original). Refused instead.
    const fs::path file = ORPHEUS_TESTDATA_DIR "/images/jpeg/jpg-cmyk-1.jpg";
    if (!fs::exists(file)) {
      MESSAGE(file.string() << " not found: real-file half skipped");
      return;
    }
    const auto original = read_file(file);
    const auto stripped = without_segments(original, 0xEE);
    REQUIRE(stripped.size() == original.size() - 16);  // its APP14 segment: marker, length and 12 bytes
    CHECK_NOTHROW(decode(original));
    CHECK_THROWS_WITH_AS(decode(stripped), doctest::Contains("CMYK JPEG without an Adobe"), DecodeError);
  }

  TEST_CASE("The tables stb_image takes on trust are checked before it sees them") {
    const auto good = encode_jpeg(gradient(16, 16, 3));
    REQUIRE_NOTHROW(decode(good));
    // A Huffman table segment (DHT): class and number, the counts of codes of 1..16 bits, symbols.
    const auto dht = [](std::uint8_t class_and_id, std::vector<std::uint8_t> counts, std::size_t symbols) {
      counts.resize(16);
      std::vector<std::uint8_t> out{class_and_id};
      out.insert(out.end(), counts.begin(), counts.end());
      out.resize(out.size() + symbols, 0);
      return out;
    };
    std::vector<std::uint8_t> many(16);
    many[14] = 45;  // 45 codes of 15 bits and 255 of 16: a prefix code, but 300 symbols
    many[15] = 255;
    const struct {
      const char* what;
      std::vector<std::uint8_t> bytes;
      const char* refusal;
    } cases[] = {
        {"no Huffman tables", without_segments(good, 0xC4), "DC Huffman table 0, which no DHT segment defines before it"},
        {"no quantisation tables", without_segments(good, 0xDB), "quantisation table 0, which no DQT segment defines"},
        // stb_image would write the code lengths past its 257-entry arrays before any check.
        {"300 codes", with_jpeg_segment(good, 0xC4, dht(0x10, many, 300)), "Huffman table 0 has 300 codes, 256 at most"},
        {"three codes of one bit", with_jpeg_segment(good, 0xC4, dht(0x01, {3}, 3)),
         "Huffman table 1 is not a prefix code: more codes of up to 1 bits than there are"},
        {"symbols cut off", with_jpeg_segment(good, 0xC4, dht(0x00, {1, 2}, 2)), "a Huffman table (DHT) is cut off"},
        {"table number 5", with_jpeg_segment(good, 0xC4, dht(0x05, {1}, 1)), "Huffman table class 0 number 5"},
    };
    for (const auto& c : cases) {
      const std::string what = c.what;
      CAPTURE(what);
      CHECK_THROWS_WITH_AS(verify(c.bytes), doctest::Contains(c.refusal), DecodeError);
      const ChildResult child = decode_in_child(c.bytes);
      CHECK(child.signal == 0);
      CHECK(child.exit_code == kRefused);
    }

    // What fuzz_image found: a progressive scan naming an AC table no DHT defined. stb_image read
    // the uninitialised table and past the end of its decoder (ASan: heap-buffer-overflow).
    const auto found = read_file(ORPHEUS_SOURCE_DIR "/tests/fuzz/regressions/image/progressive-scan-with-undefined-huffman-table");
    CHECK_THROWS_WITH_AS(decode(found), doctest::Contains("AC Huffman table 1, which no DHT segment defines before it"),
                         DecodeError);
  }
}
