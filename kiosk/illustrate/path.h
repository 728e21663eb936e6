#pragma once
// Path: a set of flattened contours (polygons) in design pixels, built with a pen transform.
// Curves are flattened immediately with a tolerance in design pixels, so a Path is a plain
// list of polygons that the rasteriser fills (nonzero or even-odd).
// Contract: every builder call maps its points through the pen transform given at
// construction; closed contours are filled; open polylines are only used by stroke().
#include <functional>
#include <span>
#include <vector>

#include "illustrate/math.h"

namespace orpheus::illustrate {

using Polyline = std::vector<Vec2>;

class Path {
 public:
  explicit Path(Affine pen = {}, float tolerance = 0.2f) : pen_(pen), tol_(tolerance) {}

  const Affine& pen() const { return pen_; }
  void set_pen(const Affine& pen) { pen_ = pen; }

  Path& move_to(Vec2 p);
  Path& line_to(Vec2 p);
  Path& quad_to(Vec2 c, Vec2 p);
  Path& cubic_to(Vec2 c1, Vec2 c2, Vec2 p);
  Path& close();

  // Whole contours (in pen coordinates). `hole` reverses the orientation so that a contour
  // cut out of an enclosing one also works with the nonzero rule.
  Path& polygon(std::span<const Vec2> pts, bool hole = false);
  Path& rect(Vec2 p0, Vec2 p1, bool hole = false);
  Path& ellipse(Vec2 c, float rx, float ry, bool hole = false, float rotation = 0.f);
  Path& circle(Vec2 c, float r, bool hole = false) { return ellipse(c, r, r, hole); }
  // Closed Catmull-Rom spline through `pts` (a smooth silhouette from a few key points).
  // Points listed in `corners` (indices) are sharp.
  Path& smooth(std::span<const Vec2> pts, std::span<const int> corners = {}, float tension = 0.5f,
               bool hole = false);
  // Open Catmull-Rom spline, kept as an open polyline (for stroke()).
  Path& smooth_open(std::span<const Vec2> pts, float tension = 0.5f);
  // Thick line along an open polyline (already in design pixels, NOT mapped by the pen):
  // union of quads and round joints, fill with nonzero.
  Path& stroke(std::span<const Vec2> line, float width, bool round_caps = true);
  // Stroke of every contour (open or closed) of another path.
  Path& stroke_outline(const Path& other, float width);

  void append(const Path& other);
  // Applies `fn` to every point after subdividing edges longer than `max_len` (design px).
  Path mapped(const std::function<Vec2(Vec2)>& fn, float max_len) const;
  Path transformed(const Affine& t) const;

  const std::vector<Polyline>& contours() const { return contours_; }
  const std::vector<bool>& closed() const { return closed_; }
  bool empty() const { return contours_.empty(); }
  Box bounds() const;

 private:
  void begin_if_needed();
  Polyline& current();
  std::vector<Polyline> contours_;
  std::vector<bool> closed_;
  Affine pen_;
  float tol_;
  bool open_ = false;
  Vec2 last_{};
};

// Evaluates an open Catmull-Rom spline through pts into a dense polyline (no pen).
Polyline spline(std::span<const Vec2> pts, int per_segment, float tension = 0.5f);
// Resamples a polyline at (approximately) equal arc-length steps of `step`.
Polyline resample(std::span<const Vec2> line, float step);
float polyline_length(std::span<const Vec2> line);
// Points of an ellipse arc from angle a0 to a1 (n segments).
Polyline arc(Vec2 centre, float rx, float ry, float a0, float a1, int n = 64);

}  // namespace orpheus::illustrate
