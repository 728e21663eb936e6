#pragma once
// Internal to orpheus_media: what stb_image does not check in a JPEG stream.
//  * read_header: the segments before the first scan. It finds the frame header and refuses,
//    with the reason, what stb_image cannot decode or would decode wrongly (12-bit, arithmetic,
//    lossless, hierarchical, CMYK it cannot tell from YCbCr), and reads the EXIF orientation.
//  * check_structure: the whole stream, marker segments in bounds, entropy-coded data followed by
//    a marker, an end-of-image marker at the end. stb_image decodes a truncated JPEG without
//    complaint, grey where the data ran out: this catches it. Also the tables stb_image trusts:
//    Huffman tables (DHT) of at most 256 codes forming a prefix code, and every Huffman and
//    quantisation table a scan uses defined before it (stb_image would read uninitialised
//    memory and past its arrays: found by fuzz_image, tests/fuzz/regressions/image).
// Both throw DecodeError.
#include <cstdint>
#include <span>

namespace orpheus::media::jpeg {

struct Header {
  int width = 0, height = 0;  // as stored, before the orientation is applied
  int components = 0;
  int orientation = 1;  // EXIF, 1..8
};

Header read_header(std::span<const std::uint8_t> bytes);
void check_structure(std::span<const std::uint8_t> bytes);

}  // namespace orpheus::media::jpeg
