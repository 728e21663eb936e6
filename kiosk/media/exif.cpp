#include "media/exif.h"

namespace orpheus::media::exif {

int orientation(std::span<const std::uint8_t> t) {
  if (t.size() < 8) return 1;
  bool little = false;
  if (t[0] == 'I' && t[1] == 'I')
    little = true;
  else if (!(t[0] == 'M' && t[1] == 'M'))
    return 1;
  // Callers keep `at + width <= t.size()`.
  const auto u16 = [&](std::size_t at) {
    return little ? static_cast<unsigned>(t[at] | t[at + 1] << 8) : static_cast<unsigned>(t[at] << 8 | t[at + 1]);
  };
  const auto u32 = [&](std::size_t at) {
    return little ? (std::uint32_t{u16(at + 2)} << 16) | u16(at) : (std::uint32_t{u16(at)} << 16) | u16(at + 2);
  };
  if (u16(2) != 42) return 1;
  const std::size_t ifd = u32(4);
  if (ifd < 8 || ifd > t.size() - 2) return 1;
  const std::size_t count = u16(ifd), first = ifd + 2;
  if (count > (t.size() - first) / 12) return 1;  // the directory must fit: a hostile count reads nothing
  // Only IFD0 is read and no offset is followed, so a directory chain that loops cannot trap us.
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t entry = first + 12 * i;
    if (u16(entry) != 0x0112) continue;
    constexpr unsigned kShort = 3;
    if (u16(entry + 2) != kShort || u32(entry + 4) != 1) return 1;
    const unsigned value = u16(entry + 8);  // a single SHORT sits at the start of the value field
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

}  // namespace orpheus::media::exif
