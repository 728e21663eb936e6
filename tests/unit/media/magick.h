#pragma once
// ImageMagick 6 as an independent decoder to compare ours with.
#include <filesystem>
#include <string>

#include "media/image.h"

namespace orpheus::media::test {

// Called by its full name: the `convert` first on PATH may be a wrapper that changes transparency.
inline constexpr const char* kConvert = "/usr/bin/convert-im6.q16";

// Runs `convert FILE OPTIONS -depth 8 rgba:-` and returns its output as a width x height RGBA
// image. Throws std::runtime_error if convert is missing, fails, or writes another number of bytes.
Image magick_rgba(const std::filesystem::path& file, const std::string& options, int width, int height);

// JPEG decoders differ in their IDCT and chroma upsampling: stb and ImageMagick's libjpeg-turbo
// differ by 0.1 level on average and 3 at worst on the test corpus. These limits leave room and
// still catch a real mistake (a wrong turn, inverted CMYK, a shifted row), which costs tens.
inline constexpr double kJpegMeanTolerance = 1.0;
inline constexpr int kJpegWorstTolerance = 8;

struct Difference {
  double mean = 0;  // of the absolute differences of all channels
  int worst = 0;
};
// Requires the same size and channel count.
Difference difference(const Image& a, const Image& b);

}  // namespace orpheus::media::test
