#include "map/layout.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <climits>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <set>

namespace orpheus::map {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- The spatial index: things with a centre (x, y) sorted by rows h map px high, then by x.
// What lies in a rectangle is found row by row, a binary search or two per row that holds any.

double row_of(double y, double h) { return std::floor(y / h); }

// A thing's row; things that are searched often keep it (Spot).
template <class T>
double row_key(const T& t, double h) {
  return row_of(t.y, h);
}

template <class T>
void sort_in_rows(std::vector<T>& v, double h) {
  std::sort(v.begin(), v.end(), [h](const T& a, const T& b) {
    const double ra = row_key(a, h), rb = row_key(b, h);
    if (ra != rb) return ra < rb;
    return a.x != b.x ? a.x < b.x : a.y < b.y;
  });
}

// Calls f(t) for each thing of `sorted` (sort_in_rows with h) whose centre lies in [x0, x1] x [y0, y1].
template <class T, class F>
void each_in(const std::vector<T>& sorted, double h, double x0, double y0, double x1, double y1, F&& f) {
  using Key = std::pair<double, double>;  // (row, x)
  const auto before = [h](const T& t, Key k) {
    const double r = row_key(t, h);
    return r < k.first || (r == k.first && t.x < k.second);
  };
  const auto after = [h](Key k, const T& t) {
    const double r = row_key(t, h);
    return k.first < r || (k.first == r && k.second < t.x);
  };
  const double last = row_of(y1, h);
  auto it = std::lower_bound(sorted.begin(), sorted.end(), Key{row_of(y0, h), x0}, before);
  while (it != sorted.end()) {
    const double r = row_key(*it, h);
    if (r > last) break;
    if (it->x < x0) {
      it = std::lower_bound(it, sorted.end(), Key{r, x0}, before);
    } else if (it->x > x1) {
      it = std::upper_bound(it, sorted.end(), Key{r, kInf}, after);  // the next row
    } else {
      if (it->y >= y0 && it->y <= y1) f(*it);
      ++it;
    }
  }
}

// A group's centre in a pass's index.
struct Spot {
  double row = 0, x = 0, y = 0;
  std::size_t group = 0;
};

double row_key(const Spot& s, double) { return s.row; }

// ---- Clustering.

// A marker in the making: pins merged.
struct Group {
  double x = 0, y = 0;                     // the centre: the pins' centroid, kept inside their box
  std::vector<std::size_t> pins;           // indices into the pins, in no order
  std::size_t first = 0;                   // the smallest of them
  double sx = 0, sy = 0;                   // the sums of their spots
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // their spots' bounding box
  bool grew = false;                       // absorbed others in the last pass
};

Group single(std::span<const Pin> pins, std::size_t i) {
  const Pin& p = pins[i];
  return {p.x, p.y, {i}, i, p.x, p.y, p.x, p.y, p.x, p.y, false};
}

// Moves `from`'s pins into `into`; its centre is left for recentre().
void absorb(Group& into, Group& from) {
  into.pins.insert(into.pins.end(), from.pins.begin(), from.pins.end());
  from.pins.clear();
  into.first = std::min(into.first, from.first);
  into.sx += from.sx;
  into.sy += from.sy;
  into.x0 = std::min(into.x0, from.x0);
  into.y0 = std::min(into.y0, from.y0);
  into.x1 = std::max(into.x1, from.x1);
  into.y1 = std::max(into.y1, from.y1);
}

void recentre(Group& g) {
  const auto n = static_cast<double>(g.pins.size());
  g.x = std::clamp(g.sx / n, g.x0, g.x1);  // a spot's pins stay exactly on it
  g.y = std::clamp(g.sy / n, g.y0, g.y1);
}

// One group per spot, holding every pin at it.
std::vector<Group> spots(std::span<const Pin> pins) {
  std::vector<std::size_t> order(pins.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (pins[a].x != pins[b].x) return pins[a].x < pins[b].x;
    return pins[a].y != pins[b].y ? pins[a].y < pins[b].y : a < b;
  });
  std::vector<Group> out;
  for (const std::size_t i : order) {
    Group g = single(pins, i);
    if (!out.empty() && out.back().x == g.x && out.back().y == g.y)
      absorb(out.back(), g);
    else
      out.push_back(std::move(g));
  }
  return out;
}

// One pass: each group whose turn it is (all of them, or those that grew in the last pass), the
// largest first, absorbs the groups not yet visited whose centres are closer than `reach` to its
// own. Whether any did. After a pass, two centres that close include one that grew in it: so a
// pass where none grew proves that no two are.
bool absorb_pass(std::vector<Group>& groups, double reach, bool everyone) {
  std::vector<Spot> index;
  std::vector<std::size_t> turn;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    index.push_back({row_of(groups[i].y, reach), groups[i].x, groups[i].y, i});
    if (everyone || groups[i].grew) turn.push_back(i);
    groups[i].grew = false;
  }
  sort_in_rows(index, reach);
  std::sort(turn.begin(), turn.end(), [&](std::size_t a, std::size_t b) {
    const Group &ga = groups[a], &gb = groups[b];
    return ga.pins.size() != gb.pins.size() ? ga.pins.size() > gb.pins.size() : ga.first < gb.first;
  });
  enum State : char { unvisited, kept, absorbed };
  std::vector<State> state(groups.size(), unvisited);
  bool any = false;
  for (const std::size_t i : turn) {
    if (state[i] != unvisited) continue;
    state[i] = kept;
    Group& g = groups[i];
    each_in(index, reach, g.x - reach, g.y - reach, g.x + reach, g.y + reach, [&](const Spot& o) {
      if (state[o.group] != unvisited || std::hypot(o.x - g.x, o.y - g.y) >= reach) return;
      state[o.group] = absorbed;
      absorb(g, groups[o.group]);
      g.grew = any = true;
    });
  }
  std::size_t n = 0;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (state[i] != absorbed) {
      if (groups[i].grew) recentre(groups[i]);
      if (n != i) groups[n] = std::move(groups[i]);
      ++n;
    }
  groups.resize(n);
  return any;
}

// Merges until no two centres are closer than `reach`: merged centres move, so a pass may bring
// two groups within reach. Whether anything merged.
bool merge(std::vector<Group>& groups, double reach) {
  bool any = false;
  for (bool everyone = true; absorb_pass(groups, reach, everyone); everyone = false) any = true;
  return any;
}

// The smallest distance between two groups' centres (at least two groups): a sweep along x
// keeping, ordered by y, the centres less than the best distance behind it.
double closest(const std::vector<Group>& groups) {
  std::vector<std::pair<double, double>> at;  // (x, y)
  for (const Group& g : groups) at.emplace_back(g.x, g.y);
  std::sort(at.begin(), at.end());
  std::multiset<std::pair<double, double>> near;  // (y, x)
  double best = kInf;
  std::size_t behind = 0;
  for (const auto& [x, y] : at) {
    for (; at[behind].first < x - best; ++behind) near.erase(near.find({at[behind].second, at[behind].first}));
    for (auto it = near.lower_bound({y - best, -kInf}); it != near.end() && it->first <= y + best; ++it)
      best = std::min(best, std::hypot(x - it->second, y - it->first));
    near.emplace(y, x);
  }
  return best;
}

// The groups at one step after another, from the closest zoom out: a step's groups are the
// step above's, merged until no two markers overlap (centres marker + gap screen px apart).
// Steps where nothing would merge are skipped; the result is the same.
class Clustering {
 public:
  Clustering(std::span<const Pin> pins, const Sizes& sizes) : groups_(spots(pins)), span_(sizes.marker + sizes.gap) {
    assert(sizes.marker > 0);
  }

  // Merges at every step above `scale` not done yet, then at `scale`. Scales must decrease from
  // one call to the next; those of steps give each step's groups.
  void descend_to(double scale) {
    assert(scale > 0);
    const int target = zoom_step(scale);
    while (step_ > target + 1) {
      int next = step_ - 1;
      if (!merged_) next = std::clamp(first_merging_step(), target + 1, next);
      merged_ = merge(groups_, span_ / step_scale(next));
      step_ = next;
    }
    merged_ = merge(groups_, span_ / scale);
    step_ = target;
  }

  const std::vector<Group>& groups() const { return groups_; }

 private:
  // No step above this one brings the two closest centres within reach.
  int first_merging_step() const {
    if (groups_.size() < 2) return INT_MIN;
    return zoom_step(std::min(span_ / closest(groups_), 1e300));
  }

  std::vector<Group> groups_;
  double span_;
  int step_ = INT_MAX;   // the step the groups are at: none yet, every spot apart
  bool merged_ = false;  // whether that step merged any
};

// ---- Labels.

// A box in screen px, relative to an anchor.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Whether a box keeps more than 0 and at least `need` screen px from the origin now and as the
// scale grows, moving by `v` (map px) per unit of scale. Its distance is a convex function of the
// scale, so it never shrinks if it does not shrink now: its nearest point does not come closer.
bool keeps_clear(const Box& b, double need, double vx, double vy) {
  const double qx = std::clamp(0.0, b.x0, b.x1), qy = std::clamp(0.0, b.y0, b.y1);
  const double d = std::hypot(qx, qy);
  return d > 0 && d >= need && qx * vx + qy * vy >= 0;
}

// A place shown at a layout's scale, indexed by its dot.
struct Shown {
  double x = 0, y = 0;
  const Place* place = nullptr;
  std::size_t index = 0;     // in the input
  std::optional<Box> label;  // once placed, relative to its anchor:
  double lx = 0, ly = 0;     // the dot, or the marker that stands on it
};

// The candidate boxes for a place's label `r` screen px from its anchor, in order of preference:
// right, left, above, below (text vertically centred on the anchor for right and left,
// horizontally for above and below).
std::array<Box, 4> candidates(const Place& p, double r) {
  const double w = p.w, h = p.h;
  return {Box{r, -h / 2, r + w, h / 2}, Box{-r - w, -h / 2, -r, h / 2}, Box{-w / 2, -r - h, w / 2, -r},
          Box{-w / 2, r, w / 2, r + h}};
}

// How far a label stands off a marker it hangs from: clear of it by the gap.
double marker_offset(const Sizes& s) { return s.marker / 2.0 + std::max(s.label_gap, s.gap) + 0.5; }

// How far (Chebyshev, screen px) a place's label may reach from its dot (or from the marker on it).
double label_reach(const Place& p, const Sizes& s) {
  return std::max(p.w, p.h) + std::max(s.dot / 2.0 + s.label_gap, marker_offset(s) + s.marker / 2.0 + s.dot / 2.0);
}

class Labeller {
 public:
  Labeller(const Layout& layout, std::span<const Place> places) : layout_(layout), s_(layout.sizes) {
    for (std::size_t i = 0; i < places.size(); ++i)
      if (const Place& p = places[i]; p.min_scale <= layout.scale) {
        shown_.push_back({p.x, p.y, &p, i, std::nullopt});
        widest_ = std::max(widest_, label_reach(p, s_));
      }
    sort_in_rows(shown_, layout.row);
  }

  // Places by min_scale, then input order: each gets the first candidate that fits. A place whose
  // dot is under a marker is named beside that marker (the marker stands where the place is).
  std::vector<Label> labels() {
    std::vector<Shown*> order;
    for (Shown& p : shown_) order.push_back(&p);
    std::sort(order.begin(), order.end(), [&](const Shown* a, const Shown* b) {
      return a->place->min_scale != b->place->min_scale ? a->place->min_scale < b->place->min_scale
                                                         : a->index < b->index;
    });
    std::vector<Label> out;
    for (Shown* p : order) {
      const Marker* under = covering(*p);
      const double ax = under ? under->x : p->x, ay = under ? under->y : p->y;
      for (const Box& b : candidates(*p->place, under ? marker_offset(s_) : s_.dot / 2.0 + s_.label_gap))
        if (fits(*p, ax, ay, b)) {
          p->label = b;
          p->lx = ax;
          p->ly = ay;
          out.push_back({p->place->place, ax, ay, static_cast<float>(b.x0), static_cast<float>(b.y0)});
          break;
        }
    }
    return out;
  }

 private:
  // The marker whose disc overlaps the place's dot, the nearest; null if none.
  const Marker* covering(const Shown& p) const {
    const double reach = (s_.marker + s_.dot) / 2.0 / layout_.scale;
    const Marker* hit = nullptr;
    double best = reach;
    each_in(layout_.markers, layout_.row, p.x - reach, p.y - reach, p.x + reach, p.y + reach, [&](const Marker& m) {
      if (const double d = std::hypot(m.x - p.x, m.y - p.y); d < best) {
        best = d;
        hit = &m;
      }
    });
    return hit;
  }

  // Whether box `b` anchored at (ax, ay) map px keeps `gap` clear of something at (ox, oy) map px:
  // a box `ob` around it grown by `radius` screen px (a disc: an empty box).
  bool clear_of(double ax, double ay, const Box& b, double ox, double oy, const Box& ob, double radius) const {
    const double vx = ax - ox, vy = ay - oy, sx = vx * layout_.scale, sy = vy * layout_.scale;
    const Box between{sx + b.x0 - ob.x1, sy + b.y0 - ob.y1, sx + b.x1 - ob.x0, sy + b.y1 - ob.y0};
    return keeps_clear(between, radius + s_.gap, vx, vy);
  }

  // Whether box `b` of place `p`, anchored at (ax, ay), keeps clear of every marker, other dot and
  // label placed. Only what is anchored within `pad` can ever come that close.
  bool fits(const Shown& p, double ax, double ay, const Box& b) const {
    const double pad = (label_reach(*p.place, s_) + std::max({s_.marker / 2.0, s_.dot / 2.0, widest_}) + s_.gap) /
                       layout_.scale;
    const Box none;
    bool ok = true;
    each_in(layout_.markers, layout_.row, ax - pad, ay - pad, ax + pad, ay + pad, [&](const Marker& m) {
      ok = ok && clear_of(ax, ay, b, m.x, m.y, none, s_.marker / 2.0);
    });
    each_in(shown_, layout_.row, ax - pad, ay - pad, ax + pad, ay + pad, [&](const Shown& o) {
      if (&o == &p) return;
      ok = ok && clear_of(ax, ay, b, o.x, o.y, none, s_.dot / 2.0);
      if (o.label) ok = ok && clear_of(ax, ay, b, o.lx, o.ly, *o.label, 0);
    });
    return ok;
  }

  const Layout& layout_;
  const Sizes& s_;
  std::vector<Shown> shown_;
  double widest_ = 0;  // the largest label_reach
};

Marker marker_of_group(const Group& g, std::span<const Pin> pins) {
  Marker m;
  std::vector<std::size_t> in_order = g.pins;
  std::sort(in_order.begin(), in_order.end());
  for (const std::size_t i : in_order) m.items.push_back(pins[i].item);
  m.x = g.x;
  m.y = g.y;
  m.x0 = g.x0;
  m.y0 = g.y0;
  m.x1 = g.x1;
  m.y1 = g.y1;
  return m;
}

Layout make_layout(const std::vector<Group>& groups, std::span<const Pin> pins, std::span<const Place> places,
                   double scale, const Sizes& sizes) {
  Layout out;
  out.scale = scale;
  out.sizes = sizes;
  out.row = 4 * (sizes.marker + sizes.gap) / scale;
  for (const Group& g : groups) out.markers.push_back(marker_of_group(g, pins));
  sort_in_rows(out.markers, out.row);
  for (std::size_t i = 0; i < out.markers.size(); ++i)
    for (const std::size_t item : out.markers[i].items) out.by_item.emplace_back(item, i);
  std::sort(out.by_item.begin(), out.by_item.end());
  out.labels = Labeller(out, places).labels();
  return out;
}

}  // namespace

Layout lay_out(std::span<const Pin> pins, std::span<const Place> places, double scale, const Sizes& sizes) {
  Clustering clusters(pins, sizes);
  clusters.descend_to(scale);
  return make_layout(clusters.groups(), pins, places, scale, sizes);
}

void Layout::visible(double x0, double y0, double x1, double y1, std::vector<const Marker*>& out) const {
  out.clear();
  if (markers.empty()) return;
  const double r = sizes.marker / 2.0 / scale;
  each_in(markers, row, x0 - r, y0 - r, x1 + r, y1 + r, [&](const Marker& m) {
    if (std::hypot(m.x - std::clamp(m.x, x0, x1), m.y - std::clamp(m.y, y0, y1)) < r) out.push_back(&m);
  });
}

const Marker* Layout::marker_at(double x, double y, float slack) const {
  if (markers.empty()) return nullptr;
  const double reach = (sizes.marker / 2.0 + slack) / scale;
  const Marker* best = nullptr;
  double best_d = kInf;
  each_in(markers, row, x - reach, y - reach, x + reach, y + reach, [&](const Marker& m) {
    const double d = std::hypot(m.x - x, m.y - y);
    if (d <= reach && d < best_d) {
      best = &m;
      best_d = d;
    }
  });
  return best;
}

const Marker* Layout::marker_of(std::size_t item) const {
  const auto it = std::lower_bound(by_item.begin(), by_item.end(), std::pair{item, std::size_t{0}});
  return it != by_item.end() && it->first == item ? &markers[it->second] : nullptr;
}

int zoom_step(double scale) { return static_cast<int>(std::floor(4 * std::log2(scale) + 1e-9)); }

double step_scale(int step) { return std::exp2(step / 4.0); }

Layouts::Layouts(std::span<const Pin> pins, std::span<const Place> places, int first, int last, const Sizes& sizes,
                 const std::function<bool()>& cancelled) {
  Clustering clusters(pins, sizes);
  for (int step = last; step >= first; --step) {
    if (cancelled && cancelled()) break;
    clusters.descend_to(step_scale(step));
    layouts_.push_back(make_layout(clusters.groups(), pins, places, step_scale(step), sizes));
  }
  std::reverse(layouts_.begin(), layouts_.end());
  first_ = last + 1 - static_cast<int>(layouts_.size());
}

const Layout& Layouts::at(double scale) const {
  static const Layout none;
  if (layouts_.empty()) return none;
  const int i = std::clamp(zoom_step(scale) - first_, 0, static_cast<int>(layouts_.size()) - 1);
  return layouts_[static_cast<std::size_t>(i)];
}

}  // namespace orpheus::map
