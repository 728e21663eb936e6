#pragma once
// The Global Self-consistent Hierarchical High-resolution Geography (GSHHG 2.3.7 by P. Wessel
// and W. H. F. Smith, © The GMT Team, LGPL-3+: a pack that carries lines cut from it credits it;
// Debian's gmt-gshhg-low and gmt-gshhg-high install it under /usr/share/gmt-gshhg) in the binned
// netCDF form GMT reads: shorelines, political
// borders and rivers, each in five resolutions (c crude 25 km, l low 5 km, i intermediate 1 km,
// h high 0.2 km, f full). The world is cut into square bins (10° or 5°); a line is stored per
// bin, its points relative to the bin's south-west corner in 1/65535 of the bin's side.
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "geo/geo.h"

namespace orpheus::geo {

enum class Layer { shore, border, river };

// Where Debian puts the data.
inline const std::filesystem::path kGshhgDir = "/usr/share/gmt-gshhg";

// The file of `layer` at `resolution` ('c', 'l', 'i', 'h' or 'f') in `dir`, e.g.
// binned_GSHHS_i.nc, binned_border_i.nc, binned_river_i.nc.
std::filesystem::path gshhg_file(const std::filesystem::path& dir, Layer layer, char resolution);

// A file that cannot be read as GSHHG: the message names the file and what is wrong.
struct GshhgError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The lines of every bin that overlaps `box`, in degrees (longitudes from -180 to 360 as the
// bins lie: a bin east of 180° keeps its longitude). Lines are cut at bin edges as stored; a
// shoreline's pieces in neighbouring bins meet end to end, and a shoreline wholly inside one bin
// (an island, a lake) is a closed ring, its first point repeated at its end. Levels: see
// geo::Line. Throws GshhgError.
std::vector<Line> read_gshhg(const std::filesystem::path& file, Layer layer, const Box& box);

// The shoreline bins (binned_GSHHS_*.nc) that overlap `box`, north to south, west to east, with
// the levels GSHHG stores for their corners (GMT's node levels; geo::ShoreBin). Throws GshhgError.
std::vector<ShoreBin> read_gshhg_shore_bins(const std::filesystem::path& file, const Box& box);

}  // namespace orpheus::geo
