#pragma once
// The timeline's markers at one zoom: each dated item is a picture marker at the middle of its
// span with a bar under it for the span (a point for one year), put in the first of `lanes` rows
// where it overlaps nothing. Items that fit in no lane are gathered on a row of their own into
// count badges ("12"), merged wherever two badges would touch: so no two things drawn overlap at
// any zoom. Zooming in spreads the items and the badges split. Laid out once per zoom step and
// reused while panning (visible() finds what is on screen). Pure: positions in "world" pixels,
// x = t * px_per_year (timeline/axis.h); the screen adds its scroll.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "timeline/axis.h"

namespace orpheus::timeline {

struct Entry {
  std::size_t item = 0;  // the caller's index
  Span span;
};

struct Marker {
  std::size_t item = 0;
  int lane = 0;
  double bar_x0 = 0, bar_x1 = 0;  // the span
  double x = 0;                   // the marker's centre (the span's middle)
  double left = 0, right = 0;     // all it occupies in its lane: the bar and the marker
};

struct Cluster {
  std::vector<std::size_t> items;  // in the order of their spans' middles
  double x = 0;                    // the badge's centre
  double left = 0, right = 0;      // the badge
  double t0 = 0, t1 = 0;           // the axis time its items cover (a tap zooms to it)
};

struct Layout {
  double px_per_year = 0;
  std::vector<Marker> markers;    // sorted by `left`
  std::vector<Cluster> clusters;  // left to right, never touching
  int lanes_used = 0;
  double widest = 0;  // the largest right - left of a marker: bounds the search in visible()

  // The markers that reach into [x0, x1), appended to `out` (cleared first).
  void visible(double x0, double x1, std::vector<const Marker*>& out) const;
  // The marker at world x in `lane`, or the cluster at x on the cluster row (lane == -1).
  const Marker* marker_at(double x, int lane) const;
  const Cluster* cluster_at(double x) const;
};

// Lays out `entries`, given in priority order (the first get lanes first: shorter spans before
// longer ones is what order_for_layout gives). `marker_px`: a marker's (and a badge's) width;
// `gap_px`: kept free between two things in a row.
Layout lay_out(std::span<const Entry> entries, double px_per_year, double marker_px, double gap_px, int lanes);

// `entries` sorted as lay_out wants them: precise dates before vague ones (a site spanning
// three thousand years yields its lane to a jug of the 4th century BC), then by time, then
// by item.
void order_for_layout(std::vector<Entry>& entries);

// Zoom steps: px_per_year in quarter octaves. A layout made at a step serves every zoom from it up
// to the next: spreading the items apart never makes two of them overlap (nothing drawn grows
// with the zoom but bars, which grow with the spaces between them).
int zoom_step(double px_per_year);     // floor(4 log2 px_per_year)
double step_px_per_year(int step);     // 2^(step / 4)

// The layouts of one set of entries at every step from `first` to `last`: made once (on a worker:
// 10,000 items at thirty steps take a while), then looked up in each frame.
class Layouts {
 public:
  Layouts() = default;
  // `cancelled`, if given, is asked between steps; once it says true the rest is left out.
  Layouts(std::span<const Entry> entries, int first, int last, double marker_px, double gap_px, int lanes,
          const std::function<bool()>& cancelled = {});
  bool empty() const { return layouts_.empty(); }
  // The layout for `px_per_year`: its step's, clamped to the steps made.
  const Layout& at(double px_per_year) const;

 private:
  int first_ = 0;
  std::vector<Layout> layouts_;
};

}  // namespace orpheus::timeline
