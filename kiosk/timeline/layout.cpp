#include "timeline/layout.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

namespace orpheus::timeline {
namespace {

// One row's occupied intervals, start -> end, never overlapping.
class Lane {
 public:
  bool free(double a, double b) const {
    auto it = taken_.lower_bound(a);
    if (it != taken_.end() && it->first < b) return false;
    if (it != taken_.begin() && std::prev(it)->second > a) return false;
    return true;
  }
  void take(double a, double b) { taken_.emplace(a, b); }

 private:
  std::map<double, double> taken_;
};

}  // namespace

void order_for_layout(std::vector<Entry>& entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.span.length() != b.span.length()) return a.span.length() < b.span.length();
    if (a.span.t0 != b.span.t0) return a.span.t0 < b.span.t0;
    return a.item < b.item;
  });
}

Layout lay_out(std::span<const Entry> entries, double px_per_year, double marker_px, double gap_px, int lanes) {
  Layout out;
  out.px_per_year = px_per_year;
  std::vector<Lane> rows(static_cast<std::size_t>(std::max(lanes, 0)));
  std::vector<const Entry*> overflow;
  const double half = marker_px / 2;
  for (const Entry& e : entries) {
    Marker m;
    m.item = e.item;
    m.bar_x0 = e.span.t0 * px_per_year;
    m.bar_x1 = e.span.t1 * px_per_year;
    m.x = e.span.middle() * px_per_year;
    m.left = std::min(m.bar_x0, m.x - half);
    m.right = std::max(m.bar_x1, m.x + half);
    const auto lane = std::find_if(rows.begin(), rows.end(),
                                   [&](const Lane& l) { return l.free(m.left - gap_px, m.right + gap_px); });
    if (lane == rows.end()) {
      overflow.push_back(&e);
      continue;
    }
    lane->take(m.left, m.right);
    m.lane = static_cast<int>(lane - rows.begin());
    out.lanes_used = std::max(out.lanes_used, m.lane + 1);
    out.widest = std::max(out.widest, m.right - m.left);
    out.markers.push_back(m);
  }
  std::sort(out.markers.begin(), out.markers.end(), [](const Marker& a, const Marker& b) { return a.left < b.left; });

  // The rest, by the middles of their spans, into badges merged while they would touch.
  std::sort(overflow.begin(), overflow.end(), [](const Entry* a, const Entry* b) {
    return a->span.middle() != b->span.middle() ? a->span.middle() < b->span.middle() : a->item < b->item;
  });
  std::vector<std::vector<const Entry*>> groups;
  double group_right = 0;
  for (const Entry* e : overflow) {
    const double x = e->span.middle() * px_per_year;
    if (groups.empty() || x - half >= group_right + gap_px) groups.emplace_back();
    groups.back().push_back(e);
    // The badge sits at the middle of its items' middles; its right edge is where the next may not start.
    const double first = groups.back().front()->span.middle() * px_per_year;
    group_right = (first + x) / 2 + half;
  }
  for (const auto& g : groups) {
    Cluster c;
    c.t0 = g.front()->span.t0;
    c.t1 = g.front()->span.t1;
    for (const Entry* e : g) {
      c.items.push_back(e->item);
      c.t0 = std::min(c.t0, e->span.t0);
      c.t1 = std::max(c.t1, e->span.t1);
    }
    c.x = (g.front()->span.middle() + g.back()->span.middle()) / 2 * px_per_year;
    c.left = c.x - half;
    c.right = c.x + half;
    out.clusters.push_back(std::move(c));
  }
  return out;
}

void Layout::visible(double x0, double x1, std::vector<const Marker*>& out) const {
  out.clear();
  auto it = std::lower_bound(markers.begin(), markers.end(), x0 - widest,
                             [](const Marker& m, double x) { return m.left < x; });
  for (; it != markers.end() && it->left < x1; ++it)
    if (it->right > x0) out.push_back(&*it);
}

const Marker* Layout::marker_at(double x, int lane) const {
  std::vector<const Marker*> near;
  visible(x, x + 1e-9, near);
  for (const Marker* m : near)
    if (m->lane == lane && x >= m->left && x < m->right) return m;
  return nullptr;
}

const Cluster* Layout::cluster_at(double x) const {
  auto it = std::upper_bound(clusters.begin(), clusters.end(), x, [](double v, const Cluster& c) { return v < c.left; });
  if (it == clusters.begin()) return nullptr;
  --it;
  return x < it->right ? &*it : nullptr;
}

int zoom_step(double px_per_year) { return static_cast<int>(std::floor(4 * std::log2(px_per_year) + 1e-9)); }

double step_px_per_year(int step) { return std::exp2(step / 4.0); }

Layouts::Layouts(std::span<const Entry> entries, int first, int last, double marker_px, double gap_px, int lanes,
                 const std::function<bool()>& cancelled)
    : first_(first) {
  for (int step = first; step <= last; ++step) {
    if (cancelled && cancelled()) return;
    layouts_.push_back(lay_out(entries, step_px_per_year(step), marker_px, gap_px, lanes));
  }
}

const Layout& Layouts::at(double px_per_year) const {
  static const Layout none;
  if (layouts_.empty()) return none;
  const int i = std::clamp(zoom_step(px_per_year) - first_, 0, static_cast<int>(layouts_.size()) - 1);
  return layouts_[static_cast<std::size_t>(i)];
}

}  // namespace orpheus::timeline
