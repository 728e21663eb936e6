// The EXIF orientation (media/exif.h) from the TIFF structure in a JPEG's APP1 or a PNG's eXIf:
// must be 1..8 whatever the bytes, and never read outside them.
#include <cstdlib>

#include "fuzz_support.h"
#include "media/exif.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int o = media::exif::orientation(std::span<const std::uint8_t>(data, size));
  if (o < 1 || o > 8) std::abort();
  return 0;
}
