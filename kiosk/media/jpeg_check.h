#pragma once
// Internal to orpheus_media: structural check of a JPEG stream (marker segments in bounds,
// entropy-coded data followed by a marker, an end-of-image marker at the end). stb_image
// decodes a truncated JPEG without complaint, grey where the data ran out: this catches it.
#include <cstdint>
#include <span>

namespace orpheus::media::jpeg {

void check_structure(std::span<const std::uint8_t> bytes);  // throws DecodeError

}  // namespace orpheus::media::jpeg
