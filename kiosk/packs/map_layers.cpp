#include "packs/map_layers.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "geo/basemap.h"
#include "geo/gshhg.h"
#include "geo/simplify.h"
#include "media/image.h"
#include "packs/parallel.h"
#include "packs/pyramid.h"

namespace orpheus::packs::detail {
namespace {

namespace fs = std::filesystem;
using geo::Point;

constexpr double kWholeViewPixels = 768;  // the smallest view of the whole map a detail level is made for
constexpr int kMapMinSide = 1024;

// The pieces of a polyline inside [0, w] x [0, h] (Liang-Barsky on each segment): where it leaves
// the box it is cut, where it comes back a new piece starts.
std::vector<std::vector<Point>> clip(const std::vector<Point>& line, double w, double h) {
  std::vector<std::vector<Point>> out;
  std::vector<Point> piece;
  const auto flush = [&] {
    if (piece.size() >= 2) out.push_back(std::move(piece));
    piece.clear();
  };
  for (std::size_t i = 1; i < line.size(); ++i) {
    const Point a = line[i - 1], b = line[i];
    const double dx = b.x - a.x, dy = b.y - a.y;
    double t0 = 0, t1 = 1;
    bool inside = true;
    // Keeps the part of the segment where p * t <= q.
    const auto keep = [&](double p, double q) {
      if (p == 0) {
        inside = inside && q >= 0;
        return;
      }
      const double r = q / p;
      if (p < 0) {
        if (r > t1) inside = false;
        else t0 = std::max(t0, r);
      } else {
        if (r < t0) inside = false;
        else t1 = std::min(t1, r);
      }
    };
    keep(-dx, a.x);
    keep(dx, w - a.x);
    keep(-dy, a.y);
    keep(dy, h - a.y);
    if (!inside) {
      flush();
      continue;
    }
    if (t0 > 0 || piece.empty()) {
      flush();
      piece.push_back({a.x + t0 * dx, a.y + t0 * dy});
    }
    piece.push_back(t1 < 1 ? Point{a.x + t1 * dx, a.y + t1 * dy} : b);
    if (t1 < 1) flush();
  }
  flush();
  return out;
}

double extent(const std::vector<Point>& line) {
  double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
  for (const Point& p : line) {
    x0 = std::min(x0, p.x);
    y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x);
    y1 = std::max(y1, p.y);
  }
  return std::max(x1 - x0, y1 - y0);
}

// `line` as stored lines of at most kMaxLinePoints points, each piece starting where the last ended.
void append_pieces(std::vector<catalog::MapLine>& out, const GeoLine& from, const std::vector<geo::Metres>& line) {
  for (std::size_t start = 0; start + 1 < line.size(); start += kMaxLinePoints - 1) {
    const std::size_t end = std::min(start + kMaxLinePoints, line.size());
    catalog::MapLine l;
    l.layer = from.layer;
    l.level = from.line.level;
    l.xy.reserve(2 * (end - start));
    for (std::size_t i = start; i < end; ++i) {
      l.xy.push_back(static_cast<float>(line[i].x));
      l.xy.push_back(static_cast<float>(line[i].y));
    }
    l.x0 = l.x1 = l.xy[0];
    l.y0 = l.y1 = l.xy[1];
    for (std::size_t i = 0; i < l.xy.size(); i += 2) {
      l.x0 = std::min(l.x0, l.xy[i]);
      l.x1 = std::max(l.x1, l.xy[i]);
      l.y0 = std::min(l.y0, l.xy[i + 1]);
      l.y1 = std::max(l.y1, l.xy[i + 1]);
    }
    out.push_back(std::move(l));
  }
}

}  // namespace

geo::MapFrame map_frame(const geo::Box& region) {
  const geo::MapFrame largest = geo::frame_for(region, kMapMaxSide);
  // The middle as the picture has it (halfway down, not halfway in latitude).
  const double middle = largest.to_lonlat({largest.width / 2.0, largest.height / 2.0}).lat;
  const double side = kMapMaxSide * largest.metres_per_pixel(middle) / kMapMetresPerPixel;
  return geo::frame_for(region, std::clamp(static_cast<int>(std::lround(side)), kMapMinSide, kMapMaxSide));
}

std::vector<double> detail_tolerances(const geo::MapFrame& frame) {
  const double whole = 0.5 * std::max(frame.width, frame.height) / kWholeViewPixels;
  std::vector<double> out{0.25};
  while (out.back() < whole) out.push_back(out.back() * 2);
  return out;
}

std::vector<catalog::MapDetail> map_details(const geo::MapFrame& frame, const std::vector<GeoLine>& lines) {
  std::vector<catalog::MapDetail> out;
  for (const double t : detail_tolerances(frame)) out.push_back(catalog::MapDetail{t, {}});
  for (const GeoLine& g : lines) {
    std::vector<Point> projected;
    projected.reserve(g.line.points.size());
    for (const geo::LonLat& p : g.line.points) projected.push_back(frame.to_map(p));
    for (const auto& piece : clip(projected, frame.width, frame.height)) {
      const double size = extent(piece);
      std::vector<geo::Metres> plane;
      plane.reserve(piece.size());
      for (const Point& p : piece) plane.push_back({p.x, p.y});
      for (catalog::MapDetail& d : out) {
        if (size <= d.tolerance) break;  // no coarser level would show it either
        append_pieces(d.lines, g, geo::simplify(plane, d.tolerance));
      }
    }
  }
  return out;
}

std::optional<std::string> missing_gshhg(const fs::path& dir) {
  for (const geo::Layer layer : {geo::Layer::shore, geo::Layer::border, geo::Layer::river}) {
    const fs::path file = geo::gshhg_file(dir, layer, kGshhgResolution);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
      return file.string() +
             " is missing: the map's coasts, borders and rivers come from GSHHG; install Debian's gmt-gshhg-high "
             "(or name the folder that holds it with --gshhg DIR)";
  }
  return std::nullopt;
}

GshhgData read_map_data(const fs::path& gshhg_dir, const geo::Box& region) {
  using Layer = catalog::MapLine::Layer;
  GshhgData d;
  d.shore = geo::read_gshhg_shore_bins(geo::gshhg_file(gshhg_dir, geo::Layer::shore, kGshhgResolution), region);
  for (const geo::ShoreBin& bin : d.shore)
    for (const geo::Line& line : bin.lines) d.lines.push_back(GeoLine{Layer::shore, line});
  const auto lines_of = [&](geo::Layer layer) {
    return geo::read_gshhg(geo::gshhg_file(gshhg_dir, layer, kGshhgResolution), layer, region);
  };
  for (geo::Line& line : lines_of(geo::Layer::river))
    if (line.level >= 1 && line.level <= kRiverClasses) d.lines.push_back(GeoLine{Layer::river, std::move(line)});
  for (geo::Line& line : lines_of(geo::Layer::border))
    if (line.level == 1) d.lines.push_back(GeoLine{Layer::border, std::move(line)});
  return d;
}

BuiltMap build_map(const geo::Box& region, const fs::path& gshhg_dir, unsigned threads, const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  BuiltMap m;
  m.frame = map_frame(region);
  const GshhgData data = read_map_data(gshhg_dir, region);
  geo::RgbPicture picture = geo::render_basemap(m.frame, data.shore);
  const media::Image full{picture.width, picture.height, 3, std::move(picture.pixels)};

  const PyramidShape shape = pyramid_shape(full.width, full.height, kMapTileSize);
  m.levels = static_cast<int>(shape.levels.size());
  const auto total = static_cast<std::uint64_t>(shape.tile_count());
  if (progress) progress(Progress{"map tiles", 0, total});
  for_each_level(full, kMapTileSize, [&](int index, const media::Image& level) {
    const PyramidLevel& l = shape.levels[static_cast<std::size_t>(index)];
    const auto cols = static_cast<std::size_t>(l.cols);
    parallel_ordered<Tile>(
        cols * static_cast<std::size_t>(l.rows), worker_count(threads),
        [&](std::size_t i) {
          const int col = static_cast<int>(i % cols), row = static_cast<int>(i / cols);
          const media::Image tile = tile_of(level, kMapTileSize, col, row);
          return Tile{index, col, row, Variant{"image/png", tile.width, tile.height, media::encode_png(tile)}};
        },
        [&](std::size_t, Tile t) {
          m.tiles.push_back(std::move(t));
          if (progress) progress(Progress{"map tiles", m.tiles.size(), total});
        });
  });
  m.details = map_details(m.frame, data.lines);
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m;
}

}  // namespace orpheus::packs::detail
