#include "media/jpeg_check.h"

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

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


// The tables defined so far (DHT, DQT), by class and number: stb_image reads a table a scan
// names whether or not the stream defined it (uninitialised memory, past its arrays).
struct Tables {
  bool dc[4] = {}, ac[4] = {}, quant[4] = {};
};

// A DHT segment: its tables must be complete and hold at most 256 codes forming a prefix code.
// stb_image stores the code lengths before it checks them, past its 257-entry arrays for more.
void read_huffman_tables(std::span<const std::uint8_t> d, Tables& t) {
  std::size_t i = 0;
  while (i < d.size()) {
    if (d.size() - i < 17) fail("a Huffman table (DHT) is cut off");
    const int table_class = d[i] >> 4, id = d[i] & 15;
    if (table_class > 1 || id > 3)
      fail("Huffman table class " + std::to_string(table_class) + " number " + std::to_string(id) + " (DHT)");
    std::size_t codes = 0;
    std::uint32_t next_code = 0;  // the first code of the current length, as in the standard's Annex C
    for (int length = 1; length <= 16; ++length) {
      codes += d[i + length];
      next_code += d[i + length];
      if (next_code > (1u << length))
        fail("Huffman table " + std::to_string(id) + " is not a prefix code: more codes of up to " + std::to_string(length) +
             " bits than there are (DHT)");
      next_code <<= 1;
    }
    if (codes > 256) fail("Huffman table " + std::to_string(id) + " has " + std::to_string(codes) + " codes, 256 at most (DHT)");
    if (d.size() - i - 17 < codes) fail("a Huffman table (DHT) is cut off");
    (table_class == 0 ? t.dc : t.ac)[id] = true;
    i += 17 + codes;
  }
}

// A DQT segment: whole tables of 8- or 16-bit values.
void read_quant_tables(std::span<const std::uint8_t> d, Tables& t) {
  std::size_t i = 0;
  while (i < d.size()) {
    const int precision = d[i] >> 4, id = d[i] & 15;
    if (precision > 1 || id > 3)
      fail("quantisation table precision " + std::to_string(precision) + " number " + std::to_string(id) + " (DQT)");
    const std::size_t size = 1 + 64 * (precision + 1);
    if (d.size() - i < size) fail("a quantisation table (DQT) is cut off");
    t.quant[id] = true;
    i += size;
  }
}

// A scan header (SOS): its components name Huffman tables defined before it. A baseline scan
// decodes with both; a progressive one with the DC tables in its first DC scan and the AC tables
// in its AC scans (a DC refinement reads bits only).
void check_scan(std::span<const std::uint8_t> d, const Tables& t, bool progressive) {
  const std::size_t n = d.empty() ? 0 : d[0];
  if (n < 1 || n > 4 || d.size() != 1 + 2 * n + 3) fail("scan header (SOS) length does not match its components");
  const int first = d[1 + 2 * n], approximation_high = d[3 + 2 * n] >> 4;
  const bool uses_dc = !progressive || (first == 0 && approximation_high == 0);
  const bool uses_ac = !progressive || first > 0;
  for (std::size_t k = 0; k < n; ++k) {
    const int dc = d[2 + 2 * k] >> 4, ac = d[2 + 2 * k] & 15;
    if (uses_dc && (dc > 3 || !t.dc[dc]))
      fail("a scan uses DC Huffman table " + std::to_string(dc) + ", which no DHT segment defines before it");
    if (uses_ac && (ac > 3 || !t.ac[ac]))
      fail("a scan uses AC Huffman table " + std::to_string(ac) + ", which no DHT segment defines before it");
  }
}

}  // namespace

Header read_header(std::span<const std::uint8_t> b) {
  Header h;
  bool frame = false, exif_seen = false;
  int adobe_transform = -1;
  Tables tables;
  walk(b, [&](const Segment& s) {
    if (s.marker == 0xDA) return false;  // the first scan: the header is complete
    // stbi_info (probe) builds the Huffman tables it meets before the frame header.
    if (s.marker == 0xC4) read_huffman_tables(s.data, tables);
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
  Tables tables;
  std::vector<int> quant_of_component;  // the frame's quantisation table selectors
  bool frame = false, progressive = false, scan = false;
  walk(b, [&](const Segment& s) {
    if (s.marker == 0xC4) read_huffman_tables(s.data, tables);
    if (s.marker == 0xDB) read_quant_tables(s.data, tables);
    if (is_frame(s.marker) && !frame) {
      frame = true;
      progressive = s.marker == 0xC2;
      const std::size_t n = s.data.size() >= 6 ? s.data[5] : 0;
      if (n == 0 || s.data.size() != 6 + 3 * n) fail("frame header length does not match its components");
      for (std::size_t i = 0; i < n; ++i) quant_of_component.push_back(s.data[8 + 3 * i]);
    }
    if (s.marker == 0xDA) {
      if (!frame) fail("image data before the frame header");
      if (!scan)
        for (const int q : quant_of_component)
          if (q > 3 || !tables.quant[q])
            fail("the frame uses quantisation table " + std::to_string(q) + ", which no DQT segment defines before the image data");
      check_scan(s.data, tables, progressive);
      scan = true;
    }
    return true;
  });
  if (!frame) fail("no frame header");
  if (!scan) fail("no image data");
}

}  // namespace orpheus::media::jpeg
