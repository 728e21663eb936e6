#pragma once
// Public entry points of orpheus_illustrate: draw a recipe into an 8-bit RGB image and
// encode/write it. Deterministic: the same recipe gives the same pixels and bytes.
//
// Memory: the output image (3 bytes/px) plus the layers of one band (~40 bytes/px); images
// larger than ~9 Mpx are drawn in horizontal bands that overlap by the blur reach the
// drawing measured on its low-resolution pass, so the result does not depend on the
// banding beyond rounding. An 8000x6000 image peaks at about 700 MB.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "illustrate/canvas.h"
#include "illustrate/recipe.h"
#include "illustrate/shade.h"

namespace orpheus::illustrate {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // row-major, 3 bytes per pixel
};

struct RenderOptions {
  // Maximum raster pixels per band including margins (0 = default); tests use small values
  // to compare banded and unbanded output.
  long long band_pixels = 0;
  // If set, receives what shading saw (object coverage, non-finite colours).
  ShadeStats* stats = nullptr;
};

// Scratch buffers of one drawing thread, reused from image to image (saves page faults).
// Not thread-safe: one Workspace per thread.
class Workspace {
 public:
  PlanePool& pool() { return pool_; }

 private:
  PlanePool pool_;
};

// Throws std::invalid_argument if the kind or variant is unknown.
Image render(const Recipe& recipe, const RenderOptions& options = {}, Workspace* workspace = nullptr);

// JPEG bytes (baseline, 4:2:0 as stb_image_write produces them).
std::vector<std::uint8_t> encode_jpeg(const Image& image, int quality = 90);

// Writes bytes to `path` atomically (temporary file in the same folder, then rename),
// creating parent folders. Throws std::runtime_error on failure.
void write_file_atomic(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

}  // namespace orpheus::illustrate
