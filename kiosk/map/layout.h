#pragma once
// The map screen's markers and place labels at one zoom. Positions are in map pixels (the base
// picture's full-resolution pixels, geo::MapFrame: x east, y south); `scale` is screen px per map
// px; markers, dots and labels keep their size in screen px whatever the zoom. Each pin (an
// object's find-spot) is a round marker; markers that would come closer than a marker and a gap
// are merged into one cluster marker ("12") at its pins' centroid, until no two overlap. The
// clusters of a zoom step are made from those of the step above (closer), so zooming out only
// merges and zooming in only splits; pins at one spot stay one cluster at every zoom. A named
// place is a dot with its label right of it, else left, above or below, wherever the label keeps
// clear of every marker, dot and other label at the step's scale and at every closer one. So one
// layout serves a whole step (quarter octaves): made once, on a worker, for every step a pinch
// can reach, then looked up each frame (visible() finds what is on screen). Pure.
#include <cstddef>
#include <functional>
#include <span>
#include <utility>
#include <vector>

namespace orpheus::map {

struct Pin {
  std::size_t item = 0;  // the caller's index
  double x = 0, y = 0;   // the find-spot, map px
};

// One round marker: an object, or a cluster of them ("12").
struct Marker {
  std::vector<std::size_t> items;          // the pins' items, in the pins' input order
  double x = 0, y = 0;                     // the centre, map px: the pin's spot, or its pins' centroid
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // the pins' spots' bounding box, map px (a tap zooms to it)
};

// A named place: its dot at (x, y) map px; its label's text box w x h screen px. The place (dot
// and label) is shown from min_scale on: the screen gives rank 1 towns the lowest.
struct Place {
  std::size_t place = 0;  // the caller's index
  double x = 0, y = 0;
  float w = 0, h = 0;
  double min_scale = 0;
};

// A label shown: its text box's top-left is at screen(x, y) + (dx, dy) screen px.
struct Label {
  std::size_t place = 0;  // Place::place
  double x = 0, y = 0;    // the place's dot, map px
  float dx = 0, dy = 0;
};

// Screen px: a marker's diameter, the space kept free between markers and labels, a place's dot's
// diameter, the space between a dot and its label. `marker` must be positive.
struct Sizes {
  float marker = 0;
  float gap = 0;
  float dot = 0;
  float label_gap = 0;
};

struct Layout {
  double scale = 0;  // screen px per map px
  Sizes sizes;
  std::vector<Marker> markers;  // never closer than marker + gap screen px, centre to centre
  std::vector<Label> labels;    // in the order the places were considered (lay_out)
  // The index behind the queries, made by lay_out: markers are sorted by rows `row` map px high
  // (floor(y / row)), then by x; by_item holds (item, index in markers), sorted.
  double row = 0;
  std::vector<std::pair<std::size_t, std::size_t>> by_item;

  // The markers whose disc reaches into the map-px rectangle [x0, x1) x [y0, y1) (the screen adds
  // a margin), appended to `out` (cleared first), in the order of `markers`.
  void visible(double x0, double y0, double x1, double y1, std::vector<const Marker*>& out) const;
  // The marker whose disc contains map point (x, y) or comes within `slack` screen px of it (the
  // touch slop), the nearest if several do; null if none.
  const Marker* marker_at(double x, double y, float slack) const;
  // The marker holding `item`, null if none.
  const Marker* marker_of(std::size_t item) const;
};

// Lays out the pins and places at `scale`: its clusters are those the steps above it lead to, so
// lay_out(step_scale(k)) is Layouts' layout for step k. Places are considered by min_scale, then
// in input order; only those with min_scale <= scale are shown.
Layout lay_out(std::span<const Pin> pins, std::span<const Place> places, double scale, const Sizes& sizes);

// Zoom steps: scale in quarter octaves. A layout made at a step serves every zoom from it up to
// the next: spreading things apart never makes two of them overlap.
int zoom_step(double scale);    // floor(4 log2 scale)
double step_scale(int step);    // 2^(step / 4)

// The layouts of one map at every step from `first` to `last`: made once (on a worker: 10,000
// pins at twenty-five steps take a while), then looked up in each frame. Made from `last` (the
// closest) down, each step's clusters from the step above.
class Layouts {
 public:
  Layouts() = default;
  // `cancelled`, if given, is asked before each step; once it says true the coarser steps are
  // left out.
  Layouts(std::span<const Pin> pins, std::span<const Place> places, int first, int last, const Sizes& sizes,
          const std::function<bool()>& cancelled = {});
  bool empty() const { return layouts_.empty(); }
  // The layout for `scale`: its step's, clamped to the steps made.
  const Layout& at(double scale) const;

 private:
  int first_ = 0;
  std::vector<Layout> layouts_;  // step first_ and up
};

}  // namespace orpheus::map
