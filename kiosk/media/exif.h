#pragma once
// Internal to orpheus_media: the one EXIF field the kiosk honours, the orientation.
#include <cstdint>
#include <span>

namespace orpheus::media::exif {

// Orientation (tag 0x0112 in IFD0, 1..8) from TIFF-structured EXIF data, which starts with the
// byte-order mark "II" or "MM". Anything absent, malformed or out of range gives 1 (as stored):
// a damaged EXIF block must not stop an image from showing. Never reads outside `tiff`.
int orientation(std::span<const std::uint8_t> tiff);

// Width and height as displayed: orientations 5..8 turn the image a quarter.
inline bool swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

}  // namespace orpheus::media::exif
