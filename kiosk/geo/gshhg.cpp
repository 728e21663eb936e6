#include "geo/gshhg.h"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace orpheus::geo {
namespace {

constexpr double kMaxDelta = 65535;  // a point's offset from its bin's corner, in 1/65535 of the side

// An open netCDF file, closed when it goes; every failure names the file and the variable.
class NcFile {
 public:
  explicit NcFile(const std::filesystem::path& path) : path_(path.string()) {
    if (const int err = nc_open(path_.c_str(), NC_NOWRITE, &id_); err != NC_NOERR) fail("", err);
  }
  ~NcFile() { nc_close(id_); }
  NcFile(const NcFile&) = delete;
  NcFile& operator=(const NcFile&) = delete;

  int scalar(const char* name) const {
    int v = 0;
    const std::size_t start = 0;
    check(name, nc_get_var1_int(id_, var(name), &start, &v));
    return v;
  }
  // `count` values of the variable from `start`, as int (shorts and bytes widen).
  std::vector<int> ints(const char* name, std::size_t start, std::size_t count) const {
    std::vector<int> out(count);
    if (count) check(name, nc_get_vara_int(id_, var(name), &start, &count, out.data()));
    return out;
  }
  std::vector<short> shorts(const char* name, std::size_t start, std::size_t count) const {
    std::vector<short> out(count);
    if (count) check(name, nc_get_vara_short(id_, var(name), &start, &count, out.data()));
    return out;
  }
  std::size_t length(const char* name) const {
    int dim = 0;
    check(name, nc_inq_vardimid(id_, var(name), &dim));
    std::size_t n = 0;
    check(name, nc_inq_dimlen(id_, dim, &n));
    return n;
  }

 private:
  int var(const char* name) const {
    int v = 0;
    check(name, nc_inq_varid(id_, name, &v));
    return v;
  }
  void check(const char* name, int err) const {
    if (err != NC_NOERR) fail(name, err);
  }
  [[noreturn]] void fail(const std::string& name, int err) const {
    throw GshhgError(path_ + ": " + (name.empty() ? "" : name + ": ") + nc_strerror(err) +
                     " (not a GSHHG file as GMT bins it?)");
  }
  std::string path_;
  int id_ = -1;
};

const char* stem(Layer layer) {
  switch (layer) {
    case Layer::border: return "border";
    case Layer::river: return "river";
    default: return "GSHHS";
  }
}

}  // namespace

std::filesystem::path gshhg_file(const std::filesystem::path& dir, Layer layer, char resolution) {
  return dir / (std::string("binned_") + stem(layer) + "_" + resolution + ".nc");
}

namespace {

// The bins of `layer` that overlap `box`, with their segments (and, for shores, their corner
// levels); read_gshhg and read_gshhg_shore_bins are views of this.
std::vector<ShoreBin> read_bins(const std::filesystem::path& path, Layer layer, const Box& box) {
  const NcFile f(path);
  const int bin_minutes = f.scalar("Bin_size_in_minutes");
  const int nx = f.scalar("N_bins_in_360_longitude_range");
  const int ny = f.scalar("N_bins_in_180_degree_latitude_range");
  if (bin_minutes <= 0 || nx <= 0 || ny <= 0 || static_cast<long>(nx) * bin_minutes != 360L * 60)
    throw GshhgError(path.string() + ": bins of " + std::to_string(bin_minutes) + " minutes, " + std::to_string(nx) +
                     " around the world: not GSHHG's binning");
  const double side = bin_minutes / 60.0;
  const std::size_t bins = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  const std::vector<int> first_segment = f.ints("Id_of_first_segment_in_a_bin", 0, bins);
  const std::vector<int> segments = f.ints("N_segments_in_a_bin", 0, bins);
  // The segment arrays share one length; the layer's own one first, so that a file of another
  // layer is named by what it lacks.
  const std::size_t n_segments =
      f.length(layer == Layer::shore ? "Embedded_npts_levels_exit_entry_for_a_segment" : "N_points_for_a_segment");
  const std::size_t n_points = f.length("Relative_longitude_from_SW_corner_of_bin");
  // Per bin, the level of each corner (GMT's gmt_shore.c: 3 bits each, south-west in the
  // highest, then south-east, north-east, north-west).
  const std::vector<int> node_levels =
      layer == Layer::shore ? f.ints("Embedded_node_levels_in_a_bin", 0, bins) : std::vector<int>(bins, 0);

  std::vector<ShoreBin> out;
  for (int row = 0; row < ny; ++row) {
    const double south = 90 - (row + 1) * side;  // bins run from the north pole southwards
    if (south > box.north || south + side < box.south) continue;
    for (int col = 0; col < nx; ++col) {
      // A bin's west edge, brought to the box's side of the antimeridian.
      double west = col * side;
      if (west > box.east) west -= 360;
      if (west > box.east || west + side < box.west) continue;
      const std::size_t b = static_cast<std::size_t>(row) * static_cast<std::size_t>(nx) + static_cast<std::size_t>(col);
      ShoreBin bin;
      bin.box = Box{west, south, west + side, south + side};
      const auto info = static_cast<unsigned>(node_levels[b]) & 0xFFFFu;
      bin.corners = {static_cast<int>((info >> 9) & 7), static_cast<int>((info >> 6) & 7), static_cast<int>((info >> 3) & 7),
                     static_cast<int>(info & 7)};
      const auto count = static_cast<std::size_t>(std::max(segments[b], 0));
      const auto first = static_cast<std::size_t>(std::max(first_segment[b], 0));
      if (count > 0 && first + count > n_segments)
        throw GshhgError(path.string() + ": bin " + std::to_string(b) + " names segments past the file's end");
      const std::vector<int> start = f.ints("Id_of_first_point_in_a_segment", first, count);
      std::vector<int> sizes, levels;
      std::vector<bool> rings;  // wholly inside the bin (entry 4): a closed island or lake
      if (layer == Layer::shore) {
        // npts << 9 | level << 6 | entry << 3 | exit
        for (const int info_s : f.ints("Embedded_npts_levels_exit_entry_for_a_segment", first, count)) {
          sizes.push_back(info_s >> 9);
          levels.push_back((info_s >> 6) & 7);
          rings.push_back(((info_s >> 3) & 7) == 4);
        }
      } else {
        sizes = f.ints("N_points_for_a_segment", first, count);
        levels = f.ints("Hierarchial_level_of_a_segment", first, count);
        rings.assign(count, false);
      }
      for (std::size_t s = 0; s < count; ++s) {
        const auto at = static_cast<std::size_t>(start[s]), n = static_cast<std::size_t>(std::max(sizes[s], 0));
        if (start[s] < 0 || at + n > n_points)
          throw GshhgError(path.string() + ": segment " + std::to_string(first + s) + " names points past the file's end");
        // Shore levels 5 and 6 are Antarctica's second outline (its grounding line), which GMT
        // leaves out by default: the corner levels belong to the ice front.
        if (n < 2 || (layer == Layer::shore && levels[s] > 4)) continue;
        const std::vector<short> dx = f.shorts("Relative_longitude_from_SW_corner_of_bin", at, n);
        const std::vector<short> dy = f.shorts("Relative_latitude_from_SW_corner_of_bin", at, n);
        Line line;
        line.level = levels[s];
        line.points.reserve(n + 1);
        for (std::size_t i = 0; i < n; ++i)
          line.points.push_back({west + static_cast<unsigned short>(dx[i]) * side / kMaxDelta,
                                 south + static_cast<unsigned short>(dy[i]) * side / kMaxDelta});
        if (rings[s] && (dx.front() != dx.back() || dy.front() != dy.back())) line.points.push_back(line.points.front());
        bin.lines.push_back(std::move(line));
      }
      out.push_back(std::move(bin));
    }
  }
  return out;
}

}  // namespace

std::vector<Line> read_gshhg(const std::filesystem::path& path, Layer layer, const Box& box) {
  std::vector<Line> out;
  for (ShoreBin& bin : read_bins(path, layer, box))
    for (Line& line : bin.lines) out.push_back(std::move(line));
  return out;
}

std::vector<ShoreBin> read_gshhg_shore_bins(const std::filesystem::path& file, const Box& box) {
  return read_bins(file, Layer::shore, box);
}

}  // namespace orpheus::geo
