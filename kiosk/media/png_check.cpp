#include "media/png_check.h"

#include <algorithm>
#include <array>
#include <string>

#include "media/exif.h"
#include "media/image.h"

namespace orpheus::media::png {
namespace {

constexpr std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}
constexpr auto kTable = make_table();

std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::string chunk_name(const std::uint8_t* p) {
  std::string n;
  for (int i = 0; i < 4; ++i) {
    const char c = static_cast<char>(p[i]);
    n += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? c : '?';
  }
  return n;
}

[[noreturn]] void fail(const std::string& why) { throw DecodeError("corrupt png: " + why); }

struct Chunk {
  std::size_t offset;  // of the length field
  std::uint32_t length;
  const std::uint8_t* type;
  std::span<const std::uint8_t> data() const { return {type + 4, length}; }
};

// Reads the chunk at `pos`, checks bounds and CRC.
Chunk read_chunk(std::span<const std::uint8_t> b, std::size_t pos) {
  if (b.size() - pos < 12) fail("truncated (a chunk is cut off at byte " + std::to_string(pos) + ")");
  const std::uint32_t len = be32(&b[pos]);
  if (len > 0x7FFFFFFFu) fail("chunk length out of range at byte " + std::to_string(pos));
  if (b.size() - pos - 12 < len) fail("truncated (" + chunk_name(&b[pos + 4]) + " chunk runs past the end of the file)");
  const std::uint32_t stored = be32(&b[pos + 8 + len]);
  if (crc32(b.subspan(pos + 4, len + 4)) != stored) fail(chunk_name(&b[pos + 4]) + " chunk checksum (CRC) mismatch");
  return Chunk{pos, len, &b[pos + 4]};
}

bool is(const Chunk& c, const char* name) { return std::equal(name, name + 4, c.type); }

// Calls visit(chunk) for every chunk from the first on, each in bounds and intact, until IEND or
// until visit returns false.
template <class Visit>
void for_each_chunk(std::span<const std::uint8_t> b, Visit&& visit) {
  std::size_t pos = 8;
  while (true) {
    const Chunk c = read_chunk(b, pos);
    if (!visit(c) || is(c, "IEND")) return;
    pos += 12 + static_cast<std::size_t>(c.length);
    if (pos >= b.size()) fail("truncated (no IEND chunk)");
  }
}

void check_ihdr(const Chunk& ihdr, Header& h) {
  if (!is(ihdr, "IHDR")) fail("first chunk is " + chunk_name(ihdr.type) + ", not IHDR");
  if (ihdr.length != 13) fail("IHDR has length " + std::to_string(ihdr.length) + ", not 13");
  const std::uint8_t* d = ihdr.type + 4;
  h.width = be32(d);
  h.height = be32(d + 4);
  const int depth = d[8], colour = d[9];
  if (h.width == 0 || h.height == 0 || h.width > 0x7FFFFFFFu || h.height > 0x7FFFFFFFu)
    fail("illegal size " + std::to_string(h.width) + " x " + std::to_string(h.height));
  bool legal = false;
  switch (colour) {
    case 0: legal = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
    case 3: legal = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
    case 2: case 4: case 6: legal = depth == 8 || depth == 16; break;
    default: fail("illegal colour type " + std::to_string(colour));
  }
  if (!legal) fail("illegal bit depth " + std::to_string(depth) + " for colour type " + std::to_string(colour));
  if (d[10] != 0) fail("unknown compression method " + std::to_string(d[10]));
  if (d[11] != 0) fail("unknown filter method " + std::to_string(d[11]));
  if (d[12] > 1) fail("unknown interlace method " + std::to_string(d[12]));
}

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc) {
  crc = ~crc;
  for (std::uint8_t byte : bytes) crc = kTable[(crc ^ byte) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

Header read_ihdr(std::span<const std::uint8_t> b) {
  if (b.size() < 8) fail("truncated signature");
  Header h;
  check_ihdr(read_chunk(b, 8), h);
  return h;
}

Header check_header(std::span<const std::uint8_t> b) {
  if (b.size() < 8) fail("truncated signature");
  Header h;
  bool first = true;
  for_each_chunk(b, [&](const Chunk& c) {
    if (first) {
      first = false;
      check_ihdr(c, h);
    } else if (is(c, "eXIf")) {
      h.orientation = exif::orientation(c.data());
    }
    return !is(c, "IDAT");  // an eXIf after the image data is not looked for
  });
  return h;
}

void check_chunks(std::span<const std::uint8_t> b) {
  check_header(b);
  bool idat = false;
  for_each_chunk(b, [&](const Chunk& c) {
    idat = idat || is(c, "IDAT");
    return true;
  });
  if (!idat) fail("no image data (IDAT chunk missing)");
}

}  // namespace orpheus::media::png
