#pragma once
// The map's base picture: land, sea and lakes as flat colours over a MapFrame's raster, drawn
// from GSHHG's shoreline bins when a pack is built (the coasts, borders and rivers are lines the
// kiosk draws over it). Pure CPU work, any thread; no image library (the pack writer encodes).
//
// How land is told from water: every bin knows the level of the polygon its south-west corner
// lies in, and a shoreline of level L separates level L from level L - 1. Each raster row is
// walked from the bin's west edge, whose level at the row comes from the corner by counting the
// shorelines met on the way up the edge; each shoreline crossed on the row then changes the level.
// So no seed has to reach a sea through a strait: the Black Sea is sea whether or not the
// Bosphorus is open at this resolution, and a lake is a lake wherever its corner-less bin lies.
// Rows are sampled four times per pixel and the crossings are exact along them: coasts are
// antialiased.
#include <cstdint>
#include <vector>

#include "geo/geo.h"
#include "geo/projection.h"

namespace orpheus::geo {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// Defaults for a dark kiosk theme (background RGB 20,18,16, accent gold): a dark blue-grey sea
// and a warm dark land, lakes as the sea.
struct BasemapColours {
  Rgb sea{17, 27, 35};
  Rgb land{46, 41, 35};   // land, and islands in lakes (GSHHG levels 1 and 3)
  Rgb lake{17, 27, 35};   // lakes, and ponds on islands in lakes (levels 2 and 4)
  Rgb of_level(int level) const { return level <= 0 ? sea : level % 2 ? land : lake; }
};

// 8-bit RGB, 3 bytes a pixel, rows top first (media::Image with 3 channels).
struct RgbPicture {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  Rgb at(int x, int y) const;
};

// The base picture of `frame` (frame.width x frame.height) from the shoreline bins that cover
// its region (read_gshhg_shore_bins). Where no bin lies, the sea.
RgbPicture render_basemap(const MapFrame& frame, const std::vector<ShoreBin>& bins, const BasemapColours& colours = {});

// The GSHHG level (0 ocean, 1 land, 2 lake, ...) at point `p` of `frame`, by the same rule as
// render_basemap; -1 where no bin lies.
int shore_level(const MapFrame& frame, const std::vector<ShoreBin>& bins, Point p);

}  // namespace orpheus::geo
