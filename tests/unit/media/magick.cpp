#include "magick.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <sys/wait.h>

namespace orpheus::media::test {
namespace {

std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct PipeClose {
  int* status;
  void operator()(FILE* f) const noexcept { *status = pclose(f); }
};

}  // namespace

Image magick_rgba(const std::filesystem::path& file, const std::string& options, int width, int height) {
  if (!std::filesystem::exists(kConvert))
    throw std::runtime_error(std::string("ImageMagick not found at ") + kConvert + " (scripts/setup.sh installs it)");
  const std::string command =
      std::string(kConvert) + " " + shell_quoted(file.string()) + " " + options + " -depth 8 rgba:- 2>/dev/null";
  Image img;
  img.width = width;
  img.height = height;
  img.channels = 4;
  img.pixels.resize(static_cast<std::size_t>(width) * height * 4);
  std::size_t got = 0;
  int status = -1;
  {
    std::unique_ptr<FILE, PipeClose> pipe(popen(command.c_str(), "r"), PipeClose{&status});
    if (!pipe) throw std::runtime_error("cannot run " + command);
    got = std::fread(img.pixels.data(), 1, img.pixels.size(), pipe.get());
    while (std::fgetc(pipe.get()) != EOF) ++got;  // more than expected is a mismatch too
  }
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(command + ": failed (status " + std::to_string(status) + ")");
  if (got != img.pixels.size())
    throw std::runtime_error(command + ": " + std::to_string(got) + " bytes, not " +
                             std::to_string(img.pixels.size()) + " for " + std::to_string(width) + " x " +
                             std::to_string(height) + " RGBA");
  return img;
}

Difference difference(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels || a.pixels.size() != b.pixels.size())
    throw std::invalid_argument("difference: images of different sizes");
  Difference d;
  double sum = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    const int diff = std::abs(int{a.pixels[i]} - int{b.pixels[i]});
    sum += diff;
    d.worst = std::max(d.worst, diff);
  }
  d.mean = a.pixels.empty() ? 0 : sum / static_cast<double>(a.pixels.size());
  return d;
}

}  // namespace orpheus::media::test
