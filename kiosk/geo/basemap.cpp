#include "geo/basemap.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace orpheus::geo {
namespace {

constexpr int kSamples = 4;  // rows sampled per pixel row

// The levels of the polygons a point lies in: bit L set inside a polygon of level L (1..7).
// Crossing a shoreline of level L flips bit L; the point's level is the highest of an unbroken
// run from bit 1 (a lake is inside land).
using Mask = unsigned;
Mask mask_of_level(int level) { return level <= 0 ? 0u : (1u << (std::min(level, 7) + 1)) - 2u; }
int level_of_mask(Mask m) {
  int level = 0;
  while (level < 7 && (m & (1u << (level + 1)))) ++level;
  return level;
}

struct Edge {
  Point a, b;
  Mask bit;
};

struct Crossing {
  double x;
  Mask bit;
};

// A bin in map pixels: its square, the mask at its south-west corner, its shoreline edges, and
// where they meet its west edge.
struct PlaneBin {
  double left = 0, top = 0, right = 0, bottom = 0;
  Mask corner = 0;
  std::vector<Edge> edges;
  std::vector<std::pair<double, Mask>> west;  // (y, bit)

  bool covers_row(double y) const { return y >= top && y < bottom; }
};

PlaneBin to_plane(const MapFrame& frame, const ShoreBin& bin) {
  PlaneBin p;
  // A point's x depends on its longitude only and its y on its latitude only, so points on a
  // bin's edge land exactly on the edge here too.
  const Point nw = frame.to_map({bin.box.west, bin.box.north}), se = frame.to_map({bin.box.east, bin.box.south});
  p.left = nw.x;
  p.top = nw.y;
  p.right = se.x;
  p.bottom = se.y;
  p.corner = mask_of_level(bin.corners[0]);
  for (const Line& line : bin.lines) {
    if (line.level < 1 || line.level > 7 || line.points.size() < 2) continue;
    const Mask bit = 1u << line.level;
    Point prev = frame.to_map(line.points.front());
    for (std::size_t i = 1; i < line.points.size(); ++i) {
      const Point next = frame.to_map(line.points[i]);
      p.edges.push_back({prev, next, bit});
      prev = next;
    }
  }
  // The west edge is walked just inside the bin: a point on the edge counts as west of the walk.
  for (const Edge& e : p.edges)
    if ((e.a.x <= p.left) != (e.b.x <= p.left))
      p.west.emplace_back(e.a.y + (p.left - e.a.x) * (e.b.y - e.a.y) / (e.b.x - e.a.x), e.bit);
  return p;
}

// The mask just inside the west edge at row y: the corner's, changed by every shoreline met on
// the way up the edge.
Mask west_mask(const PlaneBin& p, double y) {
  Mask m = p.corner;
  for (const auto& [wy, bit] : p.west)
    if (wy >= y) m ^= bit;
  return m;
}

// Whether edge e crosses row y (a vertex on the row counts as above it), and where.
bool crosses_row(const Edge& e, double y) { return (e.a.y <= y) != (e.b.y <= y); }
double row_x(const Edge& e, double y) { return e.a.x + (y - e.a.y) * (e.b.x - e.a.x) / (e.b.y - e.a.y); }

double sample_y(int k) { return (k + 0.5) / kSamples; }

// Adds colour `c` with weight `w` per covered pixel to the row's sums over [from, to), clipped
// to the row; `cover` sums the weights.
void span(std::vector<float>& sum, std::vector<float>& cover, double from, double to, const Rgb& c, float w) {
  const double width = static_cast<double>(cover.size());
  from = std::max(from, 0.0);
  to = std::min(to, width);
  if (to <= from) return;
  auto add = [&](std::size_t i, float weight) {
    sum[3 * i] += weight * c.r;
    sum[3 * i + 1] += weight * c.g;
    sum[3 * i + 2] += weight * c.b;
    cover[i] += weight;
  };
  const auto first = static_cast<std::size_t>(from), last = static_cast<std::size_t>(to);
  if (first == last) {
    add(first, w * static_cast<float>(to - from));
    return;
  }
  add(first, w * static_cast<float>(static_cast<double>(first + 1) - from));
  for (std::size_t i = first + 1; i < last; ++i) add(i, w);
  if (last < cover.size()) add(last, w * static_cast<float>(to - static_cast<double>(last)));
}

}  // namespace

Rgb RgbPicture::at(int x, int y) const {
  const std::size_t i = 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x));
  return {pixels[i], pixels[i + 1], pixels[i + 2]};
}

RgbPicture render_basemap(const MapFrame& frame, const std::vector<ShoreBin>& bins, const BasemapColours& colours) {
  RgbPicture out{frame.width, frame.height, {}};
  if (!frame.valid()) return out;
  const int rows = frame.height * kSamples;
  const auto width = static_cast<std::size_t>(frame.width);
  out.pixels.resize(width * static_cast<std::size_t>(frame.height) * 3);

  // Per bin, the crossings of each sample row it covers, sorted: bucketed once, so a row meets
  // only its own edges.
  struct Plane {
    PlaneBin bin;
    int first = 0;                              // its first sample row
    std::vector<std::vector<Crossing>> rows;    // from `first`
  };
  std::vector<Plane> planes;
  for (const ShoreBin& shore : bins) {
    Plane p{to_plane(frame, shore), 0, {}};
    if (p.bin.right <= 0 || p.bin.left >= frame.width || p.bin.bottom <= 0 || p.bin.top >= frame.height) continue;
    int first = std::clamp(static_cast<int>(std::ceil(p.bin.top * kSamples - 0.5)), 0, rows);
    while (first > 0 && sample_y(first - 1) >= p.bin.top) --first;
    while (first < rows && sample_y(first) < p.bin.top) ++first;
    int end = first;
    while (end < rows && p.bin.covers_row(sample_y(end))) ++end;
    if (end == first) continue;
    p.first = first;
    p.rows.resize(static_cast<std::size_t>(end - first));
    for (const Edge& e : p.bin.edges) {
      const double lo = std::min(e.a.y, e.b.y), hi = std::max(e.a.y, e.b.y);
      const int k0 = std::max(first, static_cast<int>(std::floor(lo * kSamples - 0.5)));
      const int k1 = std::min(end - 1, static_cast<int>(std::ceil(hi * kSamples - 0.5)));
      for (int k = k0; k <= k1; ++k) {
        const double y = sample_y(k);
        if (!crosses_row(e, y)) continue;
        const double x = row_x(e, y);
        if (x > p.bin.left) p.rows[static_cast<std::size_t>(k - first)].push_back({x, e.bit});
      }
    }
    for (auto& row : p.rows) std::sort(row.begin(), row.end(), [](const Crossing& a, const Crossing& b) { return a.x < b.x; });
    planes.push_back(std::move(p));
  }

  constexpr float w = 1.0f / kSamples;
  std::vector<float> sum(width * 3), cover(width);
  for (int j = 0; j < frame.height; ++j) {
    std::fill(sum.begin(), sum.end(), 0.0f);
    std::fill(cover.begin(), cover.end(), 0.0f);
    for (const Plane& p : planes)
      for (int s = 0; s < kSamples; ++s) {
        const int k = j * kSamples + s;
        if (k < p.first || k >= p.first + static_cast<int>(p.rows.size())) continue;
        const double y = sample_y(k);
        Mask m = west_mask(p.bin, y);
        double from = p.bin.left;
        for (const Crossing& c : p.rows[static_cast<std::size_t>(k - p.first)]) {
          const double to = std::min(c.x, p.bin.right);
          span(sum, cover, from, to, colours.of_level(level_of_mask(m)), w);
          from = std::max(from, to);
          m ^= c.bit;
        }
        span(sum, cover, from, p.bin.right, colours.of_level(level_of_mask(m)), w);
      }
    std::uint8_t* row = out.pixels.data() + static_cast<std::size_t>(j) * width * 3;
    const Rgb& sea = colours.sea;
    for (std::size_t i = 0; i < width; ++i) {
      const float rest = std::max(0.0f, 1.0f - cover[i]);  // where no bin lies
      const float rgb[3] = {sum[3 * i] + rest * sea.r, sum[3 * i + 1] + rest * sea.g, sum[3 * i + 2] + rest * sea.b};
      for (std::size_t c = 0; c < 3; ++c)
        row[3 * i + c] = static_cast<std::uint8_t>(std::clamp(std::lround(rgb[c]), 0L, 255L));
    }
  }
  return out;
}

int shore_level(const MapFrame& frame, const std::vector<ShoreBin>& bins, Point p) {
  for (const ShoreBin& b : bins) {
    const PlaneBin bin = to_plane(frame, b);
    if (!bin.covers_row(p.y) || p.x < bin.left || p.x >= bin.right) continue;
    Mask m = west_mask(bin, p.y);
    for (const Edge& e : bin.edges)
      if (crosses_row(e, p.y))
        if (const double x = row_x(e, p.y); x > bin.left && x <= p.x) m ^= e.bit;
    return level_of_mask(m);
  }
  return -1;
}

}  // namespace orpheus::geo
