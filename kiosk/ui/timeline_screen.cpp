#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "timeline/axis.h"
#include "timeline/layout.h"
#include "timeline/ticks.h"
#include "touch/scroll.h"
#include "touch/zoom.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

constexpr double kClosestYears = 40;  // the closest zoom shows this many years across the screen
constexpr double kPadding = 0.03;     // of the whole span, left free at either end
constexpr double kFocusMs = 320;      // a tap on a badge or a period zooms to it in this time

using timeline::Span;

// A period or an event of the pack, placed on the axis.
struct Band {
  const catalog::TimelineEntry* entry = nullptr;
  Span span;
  int row = 0;  // periods: overlapping ones go on rows below each other
};

// What the screen's parts measure in this frame: rows from the top bar down, and the markers'
// size. The layouts depend on `marker`, `gap`, `lanes` and the plot's width alone.
struct Geometry {
  float marker = 0, gap = 0, lane_h = 0, row_h = 0;
  int lanes = 1;
  float periods_top = 0, events_top = 0, plot_top = 0, clusters_top = 0, axis_y = 0, footer_top = 0, width = 0;
};

struct LayoutKey {
  float marker = 0, gap = 0, width = 0;
  int lanes = 0;
  bool operator==(const LayoutKey&) const = default;
};

// The pack's dated objects on a time axis, as a phone map along time: pinch zooms about the
// fingers from the whole span down to a few decades, a drag pans with fling and rubber band.
// Objects are picture markers over bars of their date ranges, in lanes; those that would overlap
// gather into count badges (laid out once per zoom step on a worker, timeline/layout.h). The
// pack's periods are coloured bands above them, its events marks across. Opened from an item, it
// is centred on that item, highlighted; Back returns to the view the visitor left.
class TimelineScreen final : public Screen {
 public:
  explicit TimelineScreen(const ScreenContext& context) : building_(context.background) {}
  void prepare(const catalog::Snapshot& snapshot) override;
  void draw(UiFrame& f) override;
  void state(nlohmann::json& out) const override;

 private:
  struct View {
    float centre = 0, scale = 0;  // a route's view: the axis time at the middle, px per year
  };
  Geometry measure(const UiFrame& f) const;
  void build_layouts(const Geometry& g);
  void arrive(const UiFrame& f);                      // a new route, or back to one
  void focus_item(std::int64_t item_id);              // zoom until the item is a marker of its own
  void focus_span(const Span& s, double share, double ms);  // `s` takes `share` of the width
  // Whether a badge of `items` about time `t` comes apart at `scale`.
  bool separates(const std::vector<std::size_t>& items, double t, float scale) const;
  bool is_marker(const timeline::Layout& l, std::size_t item) const;
  float x_of(double t) const { return zoom_.to_screen({static_cast<float>(t - origin_), 0}).x; }
  double t_of(float x) const { return origin_ + zoom_.to_image({x, 0}).x; }
  void draw_periods(UiFrame& f, ImDrawList* dl, const Geometry& g);
  void draw_events(UiFrame& f, ImDrawList* dl, const Geometry& g);
  void draw_markers(UiFrame& f, ImDrawList* dl, const Geometry& g, const Rect& clip);
  void draw_clusters(UiFrame& f, ImDrawList* dl, const Geometry& g, const Rect& clip);
  void draw_axis(UiFrame& f, ImDrawList* dl, const Geometry& g);
  void draw_footer(UiFrame& f, ImDrawList* dl, const Geometry& g);
  void draw_list(UiFrame& f, ImDrawList* dl);
  const timeline::Layout& layout() const {
    static const timeline::Layout none;
    return layouts_ ? layouts_->at(zoom_.scale()) : none;
  }

  // From the snapshot, once per visitor.
  const catalog::Snapshot* snapshot_ = nullptr;
  std::shared_ptr<const std::vector<timeline::Entry>> entries_;  // dated items, in layout order
  std::vector<Span> spans_;                                      // by item index (unplaced: t1 < t0)
  std::size_t undated_ = 0;
  std::vector<Band> periods_, events_;  // events by time
  int period_rows_ = 0;
  double origin_ = 0, length_ = 1;  // the axis: [origin_, origin_ + length_)

  // Per frame state.
  touch::ZoomView zoom_;
  core::Request<std::shared_ptr<const timeline::Layouts>> building_;
  std::shared_ptr<const timeline::Layouts> layouts_;
  LayoutKey built_{};
  std::uint32_t serial_ = 0;
  std::map<std::uint32_t, View> views_;  // by route serial: Back restores the view
  std::int64_t highlight_ = 0;           // the item "show on the timeline" came from
  bool focus_pending_ = false;           // ... to be centred once its layouts are there
  const catalog::TimelineEntry* selected_ = nullptr;  // a period or event tapped: named in the footer
  std::vector<std::size_t> list_;        // a badge's items, listed over the axis
  Span list_span_;                       // ... and the time they cover
  touch::ScrollAxis list_scroll_;
  timeline::Ticks ticks_;                // for the range below, at the step and language below
  double ticks_t0_ = 0, ticks_t1_ = 0;
  int ticks_step_ = 0;
  std::string ticks_lang_;
  session::TextSize ticks_size_ = session::TextSize::normal;
  std::vector<const timeline::Marker*> visible_;
};

// A bar from x0 to x1 whose ends fade out over `soft` px when the date is circa or uncertain.
void soft_bar(ImDrawList* dl, float x0, float x1, float y0, float y1, ImU32 col, float soft, float rounding) {
  if (soft <= 0 || x1 - x0 < 2) {
    dl->AddRectFilled({x0, y0}, {x1, y1}, col, rounding);
    return;
  }
  soft = std::min(soft, (x1 - x0) * 0.5f);
  const ImU32 clear = with_alpha(col, 0);
  dl->AddRectFilledMultiColor({x0, y0}, {x0 + soft, y1}, clear, col, col, clear);
  dl->AddRectFilled({x0 + soft, y0}, {x1 - soft, y1}, col);
  dl->AddRectFilledMultiColor({x1 - soft, y0}, {x1, y1}, col, clear, clear, col);
}

// An object's picture on the axis (its title on a pattern without one), framed in gold if it is
// the object the timeline was opened for.
void draw_thumb(UiFrame& f, ImDrawList* dl, const Rect& r, const catalog::Item& item, bool chosen) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  if (!item.media.empty())
    image(f, dl, r, item.media.front().id, catalog::MediaVariant::thumbnail, Fit::cover, m.radius * 0.6f);
  else
    title_placeholder(f, dl, r, f.text(item.title), "timeline." + item.slug, m.radius * 0.6f);
  dl->AddRect(r.min, r.max, chosen ? c.accent : c.outline, m.radius * 0.6f, 0, chosen ? m.px(0.9f) : 1.0f);
}

ImU32 colour_of(const catalog::TimelineEntry& e, ImU32 fallback, float alpha) {
  if (!e.colour) return with_alpha(fallback, alpha);
  const std::uint32_t c = *e.colour;
  return IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, static_cast<int>(alpha * 255));
}

}  // namespace

void TimelineScreen::prepare(const catalog::Snapshot& snapshot) {
  snapshot_ = &snapshot;
  auto entries = std::make_shared<std::vector<timeline::Entry>>();
  spans_.assign(snapshot.items.size(), Span{1, 0});
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < snapshot.items.size(); ++i) {
    const auto& item = snapshot.items[i];
    const auto span = timeline::span_of(item.year_from, item.year_to);
    if (!span) {
      ++undated_;
      continue;
    }
    spans_[i] = *span;
    entries->push_back({i, *span});
    lo = std::min(lo, span->t0);
    hi = std::max(hi, span->t1);
  }
  timeline::order_for_layout(*entries);
  entries_ = std::move(entries);
  for (const auto& e : snapshot.timeline) {
    const auto span = timeline::span_of(e.year_from, e.year_to);
    if (!span) continue;
    (e.kind == catalog::TimelineEntry::Kind::period ? periods_ : events_).push_back({&e, *span});
    lo = std::min(lo, span->t0);
    hi = std::max(hi, span->t1);
  }
  // Periods that overlap in time go on separate rows: the first row where the last one ended.
  std::sort(periods_.begin(), periods_.end(), [](const Band& a, const Band& b) { return a.span.t0 < b.span.t0; });
  std::vector<double> row_ends;
  for (auto& p : periods_) {
    auto row = std::find_if(row_ends.begin(), row_ends.end(), [&](double end) { return end <= p.span.t0; });
    if (row == row_ends.end()) row = row_ends.insert(row_ends.end(), p.span.t1);
    else *row = p.span.t1;
    p.row = static_cast<int>(row - row_ends.begin());
  }
  period_rows_ = static_cast<int>(row_ends.size());
  std::sort(events_.begin(), events_.end(), [](const Band& a, const Band& b) { return a.span.t0 < b.span.t0; });
  if (lo < hi) {
    const double pad = std::max((hi - lo) * kPadding, kClosestYears * 0.25);
    origin_ = lo - pad;
    length_ = hi - lo + 2 * pad;
  }
}

Geometry TimelineScreen::measure(const UiFrame& f) const {
  const auto& m = f.metrics();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  Geometry g;
  g.width = size.x;
  g.marker = std::round(m.px(13));
  g.gap = std::round(m.px(1.5f));
  g.lane_h = g.marker + m.px(4.5f);
  g.row_h = std::round(f.fonts.small->FontSize * 1.9f);
  g.periods_top = m.bar_height + m.px(3);
  g.events_top = g.periods_top + static_cast<float>(period_rows_) * (g.row_h + m.px(1));
  g.plot_top = g.events_top + (events_.empty() ? 0 : g.row_h + m.px(2)) + m.px(2);
  g.footer_top = size.y - std::max(m.target, f.fonts.small->FontSize * 2.4f) - m.px(4);
  g.axis_y = g.footer_top - f.fonts.small->FontSize * 2.2f - m.px(3);
  g.clusters_top = g.axis_y - g.marker - m.px(3);
  g.lanes = std::clamp(static_cast<int>((g.clusters_top - g.plot_top) / g.lane_h), 1, 24);
  return g;
}

void TimelineScreen::build_layouts(const Geometry& g) {
  const LayoutKey key{g.marker, g.gap, g.width, g.lanes};
  if (key == built_ && (layouts_ || building_.pending())) return;
  built_ = key;
  // Every step a pinch can reach, its overshoot included.
  const double fit = g.width / length_, closest = g.width / kClosestYears;
  const int first = timeline::zoom_step(fit * touch::ZoomView::kPinchUnderFit),
            last = timeline::zoom_step(std::max(fit, closest) * touch::ZoomView::kPinchOverMax) + 1;
  building_.start([entries = entries_, first, last, key](const core::Cancelled& cancelled) {
    return std::make_shared<const timeline::Layouts>(*entries, first, last, key.marker, key.gap, key.lanes,
                                                     [&cancelled] { return cancelled(); });
  });
}

void TimelineScreen::arrive(const UiFrame& f) {
  serial_ = f.route.serial;
  list_.clear();
  selected_ = nullptr;
  if (const auto it = views_.find(serial_); it != views_.end()) {  // back to a view the visitor left
    zoom_.focus({static_cast<float>(it->second.centre - origin_), 0}, it->second.scale, 0);
    return;
  }
  zoom_.reset();
  highlight_ = f.route.item_id;
  focus_pending_ = highlight_ != 0;
}

void TimelineScreen::focus_span(const Span& s, double share, double ms) {
  const double years = std::max(s.length(), 1.0);
  zoom_.focus({static_cast<float>(s.middle() - origin_), 0}, static_cast<float>(zoom_.fit_scale() * length_ * share / years),
              ms);
}

bool TimelineScreen::is_marker(const timeline::Layout& l, std::size_t item) const {
  const double x = spans_[item].middle() * l.px_per_year;
  std::vector<const timeline::Marker*> near;
  l.visible(x - 1, x + 1, near);
  return std::any_of(near.begin(), near.end(), [&](const auto* m) { return m->item == item; });
}

bool TimelineScreen::separates(const std::vector<std::size_t>& items, double t, float scale) const {
  const timeline::Layout& l = layouts_->at(scale);
  if (std::any_of(items.begin(), items.end(), [&](std::size_t i) { return is_marker(l, i); })) return true;
  const timeline::Cluster* there = l.cluster_at(t * l.px_per_year);
  return !there || there->items.size() < items.size();
}

void TimelineScreen::focus_item(std::int64_t item_id) {
  const auto index = snapshot_->item_index(item_id);
  if (!index || spans_[*index].t1 < spans_[*index].t0) return;
  const Span s = spans_[*index];
  // A third of the screen for its span, closer until it is a marker of its own (not in a badge).
  float scale = std::clamp(static_cast<float>(zoom_.fit_scale() * length_ / 3 / std::max(s.length(), 1.0)),
                           zoom_.fit_scale(), zoom_.max_scale());
  while (!is_marker(layouts_->at(scale), *index) && scale < zoom_.max_scale()) scale *= 1.19f;
  zoom_.focus({static_cast<float>(s.middle() - origin_), 0}, scale, 0);
}

void TimelineScreen::draw(UiFrame& f) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  top_bar(f, f.tr("timeline.title", "Timeline"), false);
  if (!entries_ || (entries_->empty() && periods_.empty() && events_.empty())) {
    const auto text = f.tr("timeline.empty", "No object in this exhibition has a date");
    text_block(dl, f.fonts.lead, {m.margin, size.y * 0.4f}, size.x - 2 * m.margin, c.text_muted, text);
    return;
  }

  const Geometry g = measure(f);
  zoom_.set_pan_overscroll(true);
  zoom_.set_max_scale(static_cast<float>(g.width / kClosestYears));
  // The axis is the "image": its years across, a sliver high (only x is ever zoomed or panned).
  zoom_.set_view({0, g.plot_top}, {g.width, g.axis_y - g.plot_top}, {static_cast<float>(length_), 1e-3f});
  if (f.route.serial != serial_) arrive(f);
  build_layouts(g);
  if (auto built = building_.take()) layouts_ = std::move(*built);
  if (focus_pending_ && layouts_) {
    focus_item(highlight_);
    focus_pending_ = false;
  }

  const Rect area{{0, g.periods_top}, {size.x, g.footer_top}};
  if (list_.empty()) zoom_gestures(f, zoom_, area, true);

  // While a badge's list is open, the list takes the tap, not what lies under it.
  const bool modal = !list_.empty(), tap_free = !f.tap_consumed;
  if (modal) f.tap_consumed = true;
  dl->PushClipRect(area.min, area.max, true);
  draw_periods(f, dl, g);
  draw_events(f, dl, g);
  draw_markers(f, dl, g, area);
  draw_clusters(f, dl, g, area);
  draw_axis(f, dl, g);
  dl->PopClipRect();
  draw_footer(f, dl, g);
  if (modal) f.tap_consumed = !tap_free;  // (a list opened by this frame's tap must not take it too)
  if (!list_.empty()) draw_list(f, dl);

  views_[serial_] = {static_cast<float>(t_of(size.x * 0.5f)), zoom_.scale()};
  while (views_.size() > 16) views_.erase(views_.begin());  // the oldest routes are long gone
}

void TimelineScreen::draw_periods(UiFrame& f, ImDrawList* dl, const Geometry& g) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const float soft = m.px(6);
  for (const auto& p : periods_) {
    const float x0 = x_of(p.span.t0), x1 = x_of(p.span.t1);
    if (x1 < 0 || x0 > g.width) continue;
    const bool vague = p.entry->certainty != catalog::Certainty::exact;
    // A faint column behind the objects of its time, and the named band above them.
    soft_bar(dl, x0, x1, g.plot_top, g.axis_y, colour_of(*p.entry, c.outline, 0.10f), vague ? soft : 0, 0);
    const float y = g.periods_top + static_cast<float>(p.row) * (g.row_h + m.px(1));
    const bool chosen = selected_ == p.entry;
    soft_bar(dl, x0, x1, y, y + g.row_h, colour_of(*p.entry, c.outline, chosen ? 0.95f : 0.6f), vague ? soft : 0, 0);
    // The name stays in view while the band runs off either side (as a map's street names do).
    const float tx = std::max(x0, 0.0f) + m.px(2), room = std::min(x1, g.width) - tx - m.px(2);
    if (room > m.px(8))
      text_line(dl, f.fonts.small, {tx, y + (g.row_h - f.fonts.small->FontSize) * 0.5f}, room, c.text, f.text(p.entry->name));
    const Rect r{{std::max(x0, 0.0f), y}, {std::min(x1, g.width), y + g.row_h}};
    if (r.width() > 0 && tapped(f, r, "timeline.period." + p.entry->slug)) {
      selected_ = p.entry;
      focus_span(p.span, 0.9, kFocusMs);
      f.animating = true;
    }
  }
}

void TimelineScreen::draw_events(UiFrame& f, ImDrawList* dl, const Geometry& g) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const float cy = g.events_top + g.row_h * 0.5f, d = g.row_h * 0.28f;
  // Where an event's target may begin: half a row left of it, or halfway from the one before if
  // that is nearer (events close in time share the space between them, never a tap).
  const auto left_of = [&](std::size_t i) {
    const float x = x_of(events_[i].span.middle());
    return i == 0 ? x - g.row_h * 0.5f : std::max(x - g.row_h * 0.5f, (x_of(events_[i - 1].span.middle()) + x) * 0.5f);
  };
  for (std::size_t i = 0; i < events_.size(); ++i) {
    const auto& e = events_[i];
    const float x = x_of(e.span.middle());
    const float next = i + 1 < events_.size() ? x_of(events_[i + 1].span.middle()) : g.width + m.px(40);
    if (next < 0 || x > g.width + m.px(40)) continue;
    const bool chosen = selected_ == e.entry;
    const ImU32 ink = chosen ? c.accent : c.text_muted;
    dl->AddLine({x, cy + d}, {x, g.axis_y}, with_alpha(ink, 0.45f), std::max(1.0f, m.px(0.3f)));
    dl->AddQuadFilled({x, cy - d}, {x + d, cy}, {x, cy + d}, {x - d, cy}, ink);
    const float room = next - x - d * 2 - m.px(3);
    if (room > m.px(10))
      text_line(dl, f.fonts.small, {x + d * 1.6f, cy - f.fonts.small->FontSize * 0.55f}, room, chosen ? c.accent : c.text,
                f.text(e.entry->name));
    float right = x + std::max(g.row_h * 0.5f, std::min(room, m.px(40)));
    if (i + 1 < events_.size()) right = std::min(right, left_of(i + 1));
    const Rect r{{left_of(i), g.events_top}, {right, g.events_top + g.row_h}};
    if (r.width() > 0 && tapped(f, r, "timeline.event." + e.entry->slug)) selected_ = chosen ? nullptr : e.entry;
  }
}

void TimelineScreen::draw_markers(UiFrame& f, ImDrawList* dl, const Geometry& g, const Rect& clip) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const timeline::Layout& l = layout();
  visible_.clear();
  if (l.px_per_year <= 0) return;
  // The layout's world x to the screen: its time, then where that time is now.
  const auto sx = [&](double lx) { return x_of(lx / l.px_per_year); };
  const double w0 = t_of(-g.marker) * l.px_per_year, w1 = t_of(g.width + g.marker) * l.px_per_year;
  l.visible(w0, w1, visible_);
  const float bar_h = std::max(2.0f, m.px(1.1f)), half = g.marker * 0.5f;
  for (const timeline::Marker* mk : visible_) {
    if (mk->lane >= g.lanes) continue;  // a layout for a taller screen, until this one's is made
    const auto& item = snapshot_->items[mk->item];
    const float y = g.plot_top + static_cast<float>(mk->lane) * g.lane_h;
    const float bx0 = sx(mk->bar_x0), bx1 = std::max(sx(mk->bar_x1), bx0 + 2);
    // The picture slides along its bar to stay on screen while the bar does (as a map keeps a
    // street's name in view): never out of the room the layout gave the object in its lane.
    const float middle = sx(mk->x);
    const float x = std::clamp(std::clamp(middle, half, g.width - half), std::min(bx0, middle - half) + half,
                               std::max(bx1, middle + half) - half);
    const bool chosen = item.id == highlight_;
    const ImU32 ink = chosen ? c.accent : c.text_muted;
    const float by = y + g.marker + m.px(1.2f);
    soft_bar(dl, bx0, bx1, by, by + bar_h, ink, item.certainty != catalog::Certainty::exact ? m.px(5) : 0, bar_h * 0.5f);
    dl->AddLine({x, y + g.marker}, {x, by}, ink, std::max(1.0f, m.px(0.3f)));
    draw_thumb(f, dl, {{x - half, y}, {x + half, y + g.marker}}, item, chosen);
    if (tapped(f, {{std::min(bx0, x - half), y}, {std::max(bx1, x + half), by + bar_h + m.px(1)}},
               "timeline.item." + item.slug, &clip))
      f.intents.push_back(session::intent::OpenItem{item.id});
  }
}

void TimelineScreen::draw_clusters(UiFrame& f, ImDrawList* dl, const Geometry& g, const Rect& clip) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const timeline::Layout& l = layout();
  if (l.clusters.empty()) return;
  const float cy = g.clusters_top + g.marker * 0.5f, r = g.marker * 0.42f;
  const double w0 = t_of(-g.marker) * l.px_per_year, w1 = t_of(g.width + g.marker) * l.px_per_year;
  auto it = std::lower_bound(l.clusters.begin(), l.clusters.end(), w0,
                             [](const timeline::Cluster& k, double x) { return k.right < x; });
  for (; it != l.clusters.end() && it->left < w1; ++it) {
    const float x = x_of(it->x / l.px_per_year);
    if (it->items.size() == 1) {  // one object where the lanes are full: its picture, no count
      const auto& item = snapshot_->items[it->items.front()];
      const Rect thumb{{x - g.marker * 0.5f, g.clusters_top}, {x + g.marker * 0.5f, g.clusters_top + g.marker}};
      draw_thumb(f, dl, thumb, item, item.id == highlight_);
      if (tapped(f, thumb, "timeline.item." + item.slug, &clip)) f.intents.push_back(session::intent::OpenItem{item.id});
      continue;
    }
    const bool down = pressed(f, {{x - r, cy - r}, {x + r, cy + r}});
    dl->AddCircleFilled({x, cy}, r, down ? c.surface_pressed : c.surface);
    dl->AddCircle({x, cy}, r, c.accent, 0, std::max(1.0f, m.px(0.5f)));
    const std::string count = std::to_string(it->items.size());
    const ImVec2 ts = f.fonts.ui->CalcTextSizeA(f.fonts.ui->FontSize, FLT_MAX, 0, count.c_str());
    dl->AddText(f.fonts.ui, f.fonts.ui->FontSize, {x - ts.x * 0.5f, cy - ts.y * 0.5f}, c.text, count.c_str());
    const float hit = std::max(r, m.target * 0.5f);
    if (!tapped(f, {{x - hit, cy - hit}, {x + hit, cy + hit}}, "timeline.cluster." + snapshot_->items[it->items.front()].slug, &clip))
      continue;
    // Closer, about its objects' middles, if that separates them (some get markers of their
    // own, or the badge splits); else (one shared date, spans too long for any lane, the closest
    // zoom) they are listed.
    // Never so close that the shortest of their spans leaves the screen.
    const Span s{it->t0, it->t1};
    const double first = spans_[it->items.front()].middle(), last = spans_[it->items.back()].middle();
    double shortest = s.length();
    for (const std::size_t i : it->items) shortest = std::min(shortest, spans_[i].length());
    const double width = zoom_.fit_scale() * length_;
    const float target = static_cast<float>(std::min({double{zoom_.max_scale()}, width * 0.8 / std::max(shortest, 1.0),
                                                      std::max(zoom_.scale() * 2.0, width * 0.8 / std::max(last - first, 1.0))}));
    if (target > zoom_.scale() * 1.05f && separates(it->items, (first + last) / 2, target)) {
      zoom_.focus({static_cast<float>((first + last) / 2 - origin_), 0}, target, kFocusMs);
      f.animating = true;
      continue;
    }
    list_ = it->items;
    list_span_ = s;
    list_scroll_.set_offset(0);
  }
}

void TimelineScreen::draw_axis(UiFrame& f, ImDrawList* dl, const Geometry& g) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const float line = std::max(1.0f, m.px(0.35f));
  dl->AddLine({0, g.axis_y}, {g.width, g.axis_y}, c.outline, line);
  // Ticks for the screen and one more either side, chosen again when the zoom step, the language
  // or the text size changes or the view leaves that range: not in every frame.
  const double t0 = t_of(0), t1 = t_of(g.width);
  const int step = timeline::zoom_step(zoom_.scale());
  if (step != ticks_step_ || f.language != ticks_lang_ || f.text_size != ticks_size_ || t0 < ticks_t0_ || t1 > ticks_t1_) {
    ticks_step_ = step;
    ticks_lang_ = f.language;
    ticks_size_ = f.text_size;
    ticks_t0_ = t0 - (t1 - t0);
    ticks_t1_ = t1 + (t1 - t0);
    ImFont* font = f.fonts.small;
    ticks_ = timeline::choose_ticks(ticks_t0_, ticks_t1_, timeline::step_px_per_year(step), catalog::period_language(f.language),
                                    [font](std::string_view s) {
                                      return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
                                    },
                                    m.px(4));
  }
  const float tick = m.px(1.6f);
  // A finer scale between the labelled ticks: decades under centuries, centuries under millennia,
  // single years under decades, where they stand at least 2 mm apart.
  const int minor = ticks_.unit == timeline::TickUnit::millennium ? 100 : ticks_.unit == timeline::TickUnit::century ? 10 : 1;
  if (minor * zoom_.scale() >= m.px(2)) {
    const double first = std::floor(t0 / minor) * minor;
    for (double y = first; y <= t1 + minor; y += minor) {
      // Year y's start; multiples of `minor` before Christ start their year at -y, after at y - 1.
      const int year = static_cast<int>(y);
      const float x = x_of(timeline::year_start(year == 0 ? 1 : year));
      dl->AddLine({x, g.axis_y}, {x, g.axis_y + tick * 0.5f}, with_alpha(c.text_muted, 0.6f), line);
    }
  }
  for (const double t : ticks_.marks) {
    const float x = x_of(t);
    if (x >= -1 && x <= g.width + 1) dl->AddLine({x, g.axis_y}, {x, g.axis_y + tick}, c.text_muted, line);
  }
  ImFont* font = f.fonts.small;
  for (const auto& label : ticks_.labels) {
    const float x = x_of(label.t);
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.text.data(), label.text.data() + label.text.size());
    if (x + ts.x * 0.5f < 0 || x - ts.x * 0.5f > g.width) continue;
    dl->AddText(font, font->FontSize, {x - ts.x * 0.5f, g.axis_y + tick + m.px(1)}, c.text, label.text.data(),
                label.text.data() + label.text.size());
  }
}

void TimelineScreen::draw_footer(UiFrame& f, ImDrawList* dl, const Geometry& g) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float cy = (g.footer_top + size.y) * 0.5f;
  float right = size.x - m.margin;
  if (zoom_.zoomed()) {  // back to the whole span in one tap
    const auto label = f.tr("timeline.all", "Whole timeline");
    const float w = button_width(f, label, Icon::none);
    if (button(f, {{right - w, cy - m.target * 0.5f}, {right, cy + m.target * 0.5f}}, "timeline.all", label, Icon::none)) {
      zoom_.focus({static_cast<float>(length_ / 2), 0}, zoom_.fit_scale(), kFocusMs);
      f.animating = true;
    }
    right -= w + m.px(4);
  }
  std::string text;
  ImU32 ink = c.text_muted;
  if (selected_) {  // the period or event tapped: its name, dates and summary
    text = std::string(f.text(selected_->name)) + "  \xC2\xB7  " +
           catalog::format_period(selected_->year_from, selected_->year_to, catalog::period_language(f.language), selected_->certainty);
    if (const auto summary = f.text(selected_->summary); !summary.empty()) text += "  \xE2\x80\x94  " + std::string(summary);
    ink = c.text;
  } else {
    text = f.tr("timeline.hint", "Pinch to zoom · drag through the centuries");
    if (undated_ > 0)
      text = f.trn("timeline.undated", "1 object without a date is not shown",
                   "{n} objects without a date are not shown", static_cast<std::uint64_t>(undated_)) +
             "  \xC2\xB7  " + text;
  }
  text_block(dl, f.fonts.small, {m.margin, g.footer_top + m.px(1)}, right - m.margin - m.px(4), ink, text, 1.2f, 2);
}

void TimelineScreen::draw_list(UiFrame& f, ImDrawList* dl) {
  const std::string title = f.trn(
      "timeline.list", "1 object · {when}", "{n} objects · {when}", list_.size(),
      {{"when", catalog::format_period(timeline::year_at(list_span_.t0), timeline::year_at(list_span_.t1 - 1e-6), catalog::period_language(f.language))}});
  if (!item_list_panel(f, dl, list_, title, list_scroll_, "timeline.list")) list_.clear();
}

void TimelineScreen::state(nlohmann::json& out) const {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const timeline::Layout& l = layout();
  nlohmann::json shown = nlohmann::json::array(), badges = nlohmann::json::array();
  for (const auto* mk : visible_) shown.push_back(snapshot_->items[mk->item].slug);
  const double w0 = t_of(0) * l.px_per_year, w1 = t_of(size.x) * l.px_per_year;
  for (const auto& k : l.clusters)
    if (k.items.size() > 1 && k.right > w0 && k.left < w1) {
      nlohmann::json slugs = nlohmann::json::array();
      for (const std::size_t i : k.items) slugs.push_back(snapshot_->items[i].slug);
      badges.push_back({{"target", "timeline.cluster." + snapshot_->items[k.items.front()].slug}, {"items", slugs}});
    }
  static constexpr const char* kUnits[] = {"millennium", "century", "years10", "years5", "year"};
  const catalog::Item* highlighted = highlight_ ? snapshot_->find_item(highlight_) : nullptr;
  std::size_t in_clusters = 0;
  for (const auto& k : l.clusters) in_clusters += k.items.size();
  out["timeline"] = {{"px_per_year", zoom_.scale()},
                     {"fit_px_per_year", zoom_.fit_scale()},
                     {"max_px_per_year", zoom_.max_scale()},
                     {"year_left", timeline::year_at(t_of(0))},
                     {"year_right", timeline::year_at(t_of(size.x))},
                     {"year_centre", timeline::year_at(t_of(size.x * 0.5f))},
                     {"layouts_ready", layouts_ != nullptr},
                     {"layout_px_per_year", l.px_per_year},
                     {"t_left", t_of(0)},  // axis time at the left edge (timeline/axis.h)
                     {"markers", l.markers.size()},
                     {"clusters", l.clusters.size()},
                     {"in_clusters", in_clusters},
                     {"shown", shown},
                     {"badges", badges},
                     {"placed", entries_ ? entries_->size() : 0},
                     {"undated", undated_},
                     {"highlight", highlighted ? highlighted->slug : std::string()},
                     {"tick_unit", kUnits[static_cast<int>(ticks_.unit)]},
                     {"list", list_.size()},
                     {"selected", selected_ ? selected_->slug : std::string()},
                     {"moving", zoom_.moving()}};
}

ScreenEntry timeline_screen() {
  return {"timeline", [](const ScreenContext& c) { return std::make_unique<TimelineScreen>(c); }, Icon::timeline};
}

}  // namespace orpheus::ui
