#pragma once
// Internal to orpheus_packs: the pack's map, cut from GSHHG (Debian's gmt-gshhg-high) for
// map.toml's region when the pack is built. The frame is about 125 m a map pixel (the longer side
// at most 8192); the base picture of land, sea and lakes (geo/basemap.h) is a pyramid of 512-pixel
// PNG tiles, as item images have; the coasts, national borders and rivers are lines in map pixels,
// cut to the region and simplified per detail level (catalog::MapDetail). Blocking, CPU and file
// reads only; the tiles are encoded on worker threads.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "geo/geo.h"
#include "geo/projection.h"
#include "packs/images.h"
#include "packs/progress.h"

namespace orpheus::packs::detail {

inline constexpr double kMapMetresPerPixel = 125;
inline constexpr int kMapMaxSide = 8192;
inline constexpr int kMapTileSize = 512;
// GSHHG's high resolution (coasts within about 200 m: Debian's gmt-gshhg-high), as fine as the
// base picture's 125 m a pixel.
inline constexpr char kGshhgResolution = 'h';
// River classes drawn: 1 permanent major (the Danube) to 4 (the Mesta, the Tundzha); beyond are
// intermittent rivers and canals.
inline constexpr int kRiverClasses = 4;
// A stored line has at most this many points, so that the map screen can skip what its bounding
// box keeps off screen.
inline constexpr std::size_t kMaxLinePoints = 256;
// What the map's geography is and under which licence: stored with the map, shown by the kiosk.
inline constexpr const char* kMapCredit =
    "Coasts, borders and rivers: GSHHG 2.3.7 (P. Wessel, W. H. F. Smith), © The GMT Team, LGPL-3.0-or-later";

// The frame of a region's map: about kMapMetresPerPixel ground metres a map pixel in the middle of
// the region, the longer side at most kMapMaxSide.
geo::MapFrame map_frame(const geo::Box& region);

// The detail levels' tolerances in map pixels: 0.25, 0.5, 1, 2, ... up to the first that a view
// of the whole frame about 768 pixels across can use (a detail with tolerance t is drawn where a
// map pixel is at most 0.5 / t screen pixels).
std::vector<double> detail_tolerances(const geo::MapFrame& frame);

// A line of the geography in degrees, before it is cut to the map.
struct GeoLine {
  catalog::MapLine::Layer layer = catalog::MapLine::Layer::shore;
  geo::Line line;
};

// The lines of every detail level of detail_tolerances(frame), finest first: each projected,
// cut where it leaves the frame (its pieces inside kept), simplified within the level's tolerance
// (geo::simplify), left out where its extent is within the tolerance (nothing of it would show),
// and split into pieces of at most kMaxLinePoints points that meet end to end. Pure.
std::vector<catalog::MapDetail> map_details(const geo::MapFrame& frame, const std::vector<GeoLine>& lines);

// The first GSHHG file a map needs that is missing from `dir`, said with what to do about it.
std::optional<std::string> missing_gshhg(const std::filesystem::path& dir);

// GSHHG for a region: the shoreline bins (all levels: coasts, lakes, islands in lakes), the
// national borders (class 1) and the rivers up to kRiverClasses. Throws geo::GshhgError.
struct GshhgData {
  std::vector<geo::ShoreBin> shore;
  std::vector<GeoLine> lines;  // shores, rivers, then borders
};
GshhgData read_map_data(const std::filesystem::path& gshhg_dir, const geo::Box& region);

struct BuiltMap {
  geo::MapFrame frame;
  int tile_size = kMapTileSize, levels = 0;
  std::vector<Tile> tiles;  // PNG, level 0 first
  std::vector<catalog::MapDetail> details;
  double seconds = 0;       // wall-clock time it took
};

// The map of `region` from the GSHHG files in `gshhg_dir`: the base picture rendered and cut into
// tiles (encoded on `threads` workers; progress: stage "map tiles"), the lines per detail level.
// Throws geo::GshhgError.
BuiltMap build_map(const geo::Box& region, const std::filesystem::path& gshhg_dir, unsigned threads,
                   const ProgressFn& progress);

}  // namespace orpheus::packs::detail
