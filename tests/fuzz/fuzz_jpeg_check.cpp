// The JPEG checks stb_image does not make (media/jpeg_check.h): the segments before the first
// scan (the kinds it cannot decode, the EXIF orientation) and the whole stream's structure.
#include "fuzz_support.h"
#include "media/image.h"
#include "media/jpeg_check.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  try {
    (void)media::jpeg::read_header(bytes);
  } catch (const media::DecodeError& e) {
    fuzz::refused(e);
  }
  try {
    media::jpeg::check_structure(bytes);
  } catch (const media::DecodeError& e) {
    fuzz::refused(e);
  }
  return 0;
}
