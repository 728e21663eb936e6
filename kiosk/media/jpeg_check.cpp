#include "media/jpeg_check.h"

#include <cstring>
#include <string>
#include <string_view>

#include "media/exif.h"
#include "media/image.h"

namespace orpheus::media::jpeg {
namespace {

using namespace std::string_view_literals;

[[noreturn]] void fail(const std::string& why) { throw DecodeError("corrupt jpeg: " + why); }

[[noreturn]] void unsupported(const std::string& what, const std::string& advice) {
  throw DecodeError(what + " is not supported: " + advice);
}

constexpr const char* kSaveAsBaseline = "save it as a baseline or progressive JPEG";

bool standalone(std::uint8_t m) { return m == 0x01 || (m >= 0xD0 && m <= 0xD7); }  // TEM, RSTn

// SOF0..SOF15; 0xC4, 0xC8 and 0xCC in that range are DHT, JPG and DAC.
bool is_frame(std::uint8_t m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

bool starts_with(std::span<const std::uint8_t> data, std::string_view tag) {
  return data.size() >= tag.size() && std::memcmp(data.data(), tag.data(), tag.size()) == 0;
}

struct Segment {
  std::uint8_t marker;
  std::span<const std::uint8_t> data;  // after the length field
};

// Calls visit(segment) for every marker segment from SOI on, skipping the entropy-coded data
// after each SOS, until EOI or until visit returns false.
template <class Visit>
void walk(std::span<const std::uint8_t> b, Visit&& visit) {
  const std::size_t n = b.size();
  if (n < 4 || b[0] != 0xFF || b[1] != 0xD8) fail("no start-of-image marker");
  std::size_t pos = 2;
  while (true) {
    if (pos >= n) fail("truncated (no end-of-image marker)");
    if (b[pos] != 0xFF) fail("expected a marker at byte " + std::to_string(pos));
    while (pos < n && b[pos] == 0xFF) ++pos;  // fill bytes
    if (pos >= n) fail("truncated (no end-of-image marker)");
    const std::uint8_t m = b[pos++];
    if (m == 0xD9) return;  // EOI
    if (m == 0x00 || m == 0xD8) fail("unexpected marker at byte " + std::to_string(pos - 2));
    if (standalone(m)) continue;
    if (n - pos < 2) fail("truncated (a segment is cut off)");
    const std::size_t len = (std::size_t{b[pos]} << 8) | b[pos + 1];
    if (len < 2) fail("impossible segment length " + std::to_string(len) + " at byte " + std::to_string(pos));
    if (n - pos < len) fail("truncated (a segment runs past the end of the file)");
    if (!visit(Segment{m, b.subspan(pos + 2, len - 2)})) return;
    pos += len;
    if (m != 0xDA) continue;
    // SOS: entropy-coded data up to the next marker that is not a stuffed 0xFF00 or a restart.
    while (true) {
      const void* ff = pos < n ? std::memchr(&b[pos], 0xFF, n - pos) : nullptr;
      if (!ff) fail("truncated (image data ends without an end-of-image marker)");
      pos = static_cast<std::size_t>(static_cast<const std::uint8_t*>(ff) - b.data());
      if (pos + 1 >= n) fail("truncated (image data ends without an end-of-image marker)");
      const std::uint8_t next = b[pos + 1];
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
        pos += 2;
        continue;
      }
      if (next == 0xFF) {  // fill byte before a marker
        ++pos;
        continue;
      }
      break;  // a real marker: back to the segment loop
    }
  }
}

void read_frame(std::uint8_t marker, std::span<const std::uint8_t> d, Header& h) {
  // The low four bits of SOFn: 8 = arithmetic coding, 4 = differential (hierarchical), 3 = lossless.
  const int n = marker - 0xC0;
  std::string process;
  if (n & 4) process += "hierarchical ";
  if ((n & 3) == 3) process += "lossless ";
  if (n & 8) process += "arithmetic-coded ";
  if (!process.empty()) unsupported(process + "JPEG (SOF" + std::to_string(n) + ")", kSaveAsBaseline);
  if (d.size() < 6) fail("frame header too short");
  const int precision = d[0];
  if (precision == 12) unsupported("12-bit JPEG (sample precision 12)", "save it as an 8-bit JPEG");
  if (precision != 8) fail("sample precision " + std::to_string(precision) + " in the frame header");
  h.height = d[1] << 8 | d[2];
  h.width = d[3] << 8 | d[4];
  h.components = d[5];
  if (d.size() != 6 + 3 * static_cast<std::size_t>(h.components))
    fail("frame header length does not match its " + std::to_string(h.components) + " components");
  if (h.width == 0) fail("frame header gives a width of 0");
  if (h.height == 0)
    unsupported("JPEG without a height in its frame header (height given by a DNL marker)", kSaveAsBaseline);
  if (h.components != 1 && h.components != 3 && h.components != 4)
    unsupported("JPEG with " + std::to_string(h.components) + " colour components", "save it as RGB or greyscale");
}

}  // namespace

Header read_header(std::span<const std::uint8_t> b) {
  Header h;
  bool frame = false, exif_seen = false;
  int adobe_transform = -1;
  walk(b, [&](const Segment& s) {
    if (s.marker == 0xDA) return false;  // the first scan: the header is complete
    if (s.marker == 0xDE) unsupported("hierarchical JPEG (DHP marker)", kSaveAsBaseline);
    if (s.marker == 0xF7) unsupported("JPEG-LS (SOF55)", kSaveAsBaseline);
    if (s.marker == 0xE1 && !exif_seen && starts_with(s.data, "Exif\0\0"sv)) {
      exif_seen = true;
      h.orientation = exif::orientation(s.data.subspan(6));
    }
    // stb_image takes the transform only with this exact six-byte tag (version below 256).
    if (s.marker == 0xEE && s.data.size() >= 12 && starts_with(s.data, "Adobe\0"sv)) adobe_transform = s.data[11];
    if (is_frame(s.marker) && !frame) {
      frame = true;
      read_frame(s.marker, s.data, h);
    }
    return true;
  });
  if (!frame) fail("no frame header");
  // stb_image converts CMYK (transform 0) and YCCK (2) like libjpeg; four components without
  // either it decodes as YCbCr with the fourth ignored: wrong colours, so refuse instead.
  if (h.components == 4 && adobe_transform != 0 && adobe_transform != 2)
    unsupported("CMYK JPEG without an Adobe colour-transform marker", "convert it to RGB");
  return h;
}

void check_structure(std::span<const std::uint8_t> b) {
  bool frame = false, scan = false;
  walk(b, [&](const Segment& s) {
    frame = frame || is_frame(s.marker);
    scan = scan || s.marker == 0xDA;
    return true;
  });
  if (!frame) fail("no frame header");
  if (!scan) fail("no image data");
}

}  // namespace orpheus::media::jpeg
