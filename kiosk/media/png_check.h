#pragma once
// Internal to orpheus_media: structural checks of a PNG stream that stb_image skips (it does
// not verify chunk CRCs, nor that the header values are legal), and the EXIF orientation, which
// it ignores. Throw DecodeError.
#include <cstdint>
#include <span>

namespace orpheus::media::png {

std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

struct Header {
  std::uint32_t width = 0, height = 0;  // as stored, before the orientation is applied
  int orientation = 1;                  // from an eXIf chunk, 1..8
};

// The signature and an intact (CRC), legal IHDR only: the size the header claims, read before
// anything else so that an oversized image is refused for its size whatever follows.
Header read_ihdr(std::span<const std::uint8_t> bytes);

// Signature, then an intact IHDR (length 13, CRC) with legal size, bit depth, colour type,
// compression, filter and interlace values, then the chunks up to the first IDAT (intact), for
// an eXIf chunk. Returns the size the header claims and the orientation.
Header check_header(std::span<const std::uint8_t> bytes);

// Every chunk: inside the file, CRC intact; at least one IDAT; ends with IEND.
void check_chunks(std::span<const std::uint8_t> bytes);

}  // namespace orpheus::media::png
