// Pictures (media/image.h) as the pack builder checks them (verify: headers and the whole file's
// structure) and as the kiosk's loader turns a pack's blob into textures (decode, then the
// mipmap chain or a cover-sized copy). The pixel limit is lowered to 1 MP so that a header's
// honest but large size does not make each input take seconds; the probe keeps the real limit.
#include <cstdlib>

#include "fuzz_support.h"
#include "media/image.h"
#include "media/loader.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::int64_t kFuzzMaxPixels = 1'000'000;
  const std::span<const std::uint8_t> bytes(data, size);
  try {
    (void)media::probe(bytes);
    (void)media::verify(bytes, kFuzzMaxPixels);
    media::Image image = media::decode(bytes, kFuzzMaxPixels);
    if (image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
      std::abort();
    (void)media::scale_to_cover(image, 64, 48);
    (void)media::fit_within(image, 512, 512);
    (void)media::half_size(image);
    (void)media::mip_chain(std::move(image));
  } catch (const media::DecodeError& e) {
    fuzz::refused(e);
  }
  return 0;
}
