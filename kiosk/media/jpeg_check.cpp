#include "media/jpeg_check.h"

#include <cstring>
#include <string>

#include "media/image.h"

namespace orpheus::media::jpeg {
namespace {

[[noreturn]] void fail(const std::string& why) { throw DecodeError("corrupt jpeg: " + why); }

bool standalone(std::uint8_t m) { return m == 0x01 || (m >= 0xD0 && m <= 0xD7); }  // TEM, RSTn

}  // namespace

void check_structure(std::span<const std::uint8_t> b) {
  const std::size_t n = b.size();
  if (n < 4 || b[0] != 0xFF || b[1] != 0xD8) fail("no start-of-image marker");
  std::size_t pos = 2;
  bool frame = false, scan = false;
  while (true) {
    if (pos >= n) fail("truncated (no end-of-image marker)");
    if (b[pos] != 0xFF) fail("expected a marker at byte " + std::to_string(pos));
    while (pos < n && b[pos] == 0xFF) ++pos;  // fill bytes
    if (pos >= n) fail("truncated (no end-of-image marker)");
    const std::uint8_t m = b[pos++];
    if (m == 0xD9) break;  // EOI
    if (m == 0x00 || m == 0xD8) fail("unexpected marker at byte " + std::to_string(pos - 2));
    if (standalone(m)) continue;
    if (n - pos < 2) fail("truncated (a segment is cut off)");
    const std::size_t len = (std::size_t{b[pos]} << 8) | b[pos + 1];
    if (len < 2 || n - pos < len) fail("truncated (a segment runs past the end of the file)");
    if ((m >= 0xC0 && m <= 0xC3) || (m >= 0xC5 && m <= 0xC7) || (m >= 0xC9 && m <= 0xCB) || (m >= 0xCD && m <= 0xCF))
      frame = true;
    pos += len;
    if (m != 0xDA) continue;
    // SOS: entropy-coded data up to the next marker that is not a stuffed 0xFF00 or a restart.
    scan = true;
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
  if (!frame) fail("no frame header");
  if (!scan) fail("no image data");
}

}  // namespace orpheus::media::jpeg
