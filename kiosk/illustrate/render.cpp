#include "illustrate/render.h"

#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>
#include <unistd.h>

#include "illustrate/kinds.h"

namespace orpheus::illustrate {
namespace {

constexpr long long kDefaultBandPixels = 9'000'000;
constexpr float kLowResSide = 480.f;

const KindInfo& kind_of(const Recipe& r) {
  const KindInfo* k = find_kind(r.kind);
  if (!k) throw std::invalid_argument("unknown kind '" + r.kind + "'");
  if (!has_variant(*k, r.variant)) throw std::invalid_argument("unknown variant '" + r.variant + "' of " + r.kind);
  return *k;
}

}  // namespace

Image render(const Recipe& recipe, const RenderOptions& options, Workspace* workspace) {
  const KindInfo& kind = kind_of(recipe);
  const int W = recipe.width, H = recipe.height;
  if (W < 1 || H < 1) throw std::invalid_argument("image size must be positive");

  // Low-resolution pass: the object's silhouette for its soft shadow on the backdrop.
  const float s_lo = std::min(1.f, kLowResSide / static_cast<float>(std::max(W, H)));
  const IRect lo_win{0, 0, std::max(1, static_cast<int>(std::ceil(static_cast<float>(W) * s_lo))),
                     std::max(1, static_cast<int>(std::ceil(static_cast<float>(H) * s_lo)))};
  ShadowMap shadow;
  float reach = 0.f;  // blur reach of this drawing, design px
  {
    Canvas lo(W, H, s_lo, lo_win);
    Stage st;
    kind.draw(recipe, lo, st);
    reach = lo.max_reach();  // before the shadow's own (low-res only) blurs
    shadow = ShadowMap::from(lo, st);
  }

  Image img;
  img.width = W;
  img.height = H;
  img.rgb.assign(static_cast<std::size_t>(W) * static_cast<std::size_t>(H) * 3, 0);

  // Bands: margins cover the blur reach of drawing (as measured on the low-res pass, which
  // runs the same code) and of shading, plus slack for rounding of radii.
  const long long budget = options.band_pixels > 0 ? options.band_pixels : kDefaultBandPixels;
  int margin = static_cast<int>(std::ceil(reach * 1.1f)) + 8;
  {
    Canvas probe(W, H, 1.f, IRect{0, 0, 1, 1});
    Stage st;
    margin += shade_margin(probe, st);
  }
  int rows = H;
  if (static_cast<long long>(W) * H > budget) {
    // Within the budget, but never so thin that the overlaps cost more than the band.
    rows = static_cast<int>(budget / W) - 2 * margin;
    rows = std::max(rows, std::max(64, 3 * margin));
  }
  for (int y0 = 0; y0 < H; y0 += rows) {
    const int y1 = std::min(H, y0 + rows);
    const IRect win{0, std::max(0, y0 - margin), W, std::min(H, y1 + margin)};
    Canvas c(W, H, 1.f, win, workspace ? &workspace->pool() : nullptr);
    Stage st;
    kind.draw(recipe, c, st);
    shade(c, st, shadow, y0, y1, img.rgb.data() + static_cast<std::size_t>(y0) * W * 3, static_cast<std::size_t>(W) * 3,
          options.stats);
  }
  return img;
}

std::vector<std::uint8_t> encode_jpeg(const Image& image, int quality) {
  std::vector<std::uint8_t> out;
  out.reserve(image.rgb.size() / 6);
  auto sink = [](void* ctx, void* data, int size) {
    auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
    const auto* p = static_cast<const std::uint8_t*>(data);
    v->insert(v->end(), p, p + size);
  };
  if (!stbi_write_jpg_to_func(sink, &out, image.width, image.height, 3, image.rgb.data(), quality) || out.empty())
    throw std::runtime_error("JPEG encoding failed");
  return out;
}

void write_file_atomic(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create folder " + path.parent_path().string() + ": " + ec.message());
  }
  // Unique per process and per call (several threads write at once).
  const std::filesystem::path tmp = path.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                                    std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ec2;
    std::filesystem::remove(tmp, ec2);
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
  }
}

}  // namespace orpheus::illustrate
