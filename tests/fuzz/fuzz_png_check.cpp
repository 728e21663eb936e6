// The PNG structure checks stb_image skips (media/png_check.h): header values, chunk bounds and
// CRCs, IEND, the eXIf orientation.
#include "fuzz_support.h"
#include "media/image.h"
#include "media/png_check.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  (void)media::png::crc32(bytes);
  try {
    (void)media::png::check_header(bytes);
  } catch (const media::DecodeError& e) {
    fuzz::refused(e);
  }
  try {
    media::png::check_chunks(bytes);
  } catch (const media::DecodeError& e) {
    fuzz::refused(e);
  }
  return 0;
}
