#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/projection.h"
#include "map/layout.h"
#include "touch/zoom.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

constexpr double kClosestKm = 40;  // the closest zoom shows this many kilometres across the screen
constexpr double kFocusMs = 320;   // a tap on a cluster zooms to it in this time
constexpr float kPi = std::numbers::pi_v<float>;
// Place names of rank 2 and 3 appear from this many times the whole map's scale on (rank 1 always).
constexpr double kRankZoom[] = {0, 0, 1.7, 3.2};

// What the screen's parts measure in this frame. The layouts depend on the sizes, the language
// and the text size (label widths) and the whole map's scale (when places of rank 2 and 3 show).
struct Geometry {
  Rect area;  // the map, between the top bar and the footer
  float footer_top = 0;
  map::Sizes sizes;
};

struct LayoutKey {
  float marker = 0, gap = 0, dot = 0, fit = 0;
  std::string language;
  session::TextSize text_size = session::TextSize::normal;
  bool operator==(const LayoutKey&) const = default;
};

// The pack's objects where they were found, on the pack's own map: land, sea and lakes as a tile
// pyramid and coasts, borders and rivers as lines, all cut from GSHHG when the pack was built,
// with its reference places named in the visitor's language. Pinch zooms about the fingers from
// the whole region down to a few tens of kilometres, a drag pans with fling and rubber band.
// Objects are round picture markers at their find-spots, gathered into counts where they would
// overlap (laid out once per zoom step on a worker, map/layout.h); an approximate find-spot is a
// soft circle of its uncertainty around its marker. Opened from an object, the map is centred on
// it; Back returns to the view the visitor left.
class MapScreen final : public Screen {
 public:
  explicit MapScreen(const ScreenContext& context) : building_(context.background) {}
  void prepare(const catalog::Snapshot& snapshot) override;
  void draw(UiFrame& f) override;
  void state(nlohmann::json& out) const override;

 private:
  struct View {
    float x = 0, y = 0, scale = 0;  // a route's view: the map point at the middle, its scale
  };
  Geometry measure(const UiFrame& f) const;
  ImFont* label_font(const UiFrame& f, const catalog::MapPlace& p) const { return p.rank == 1 ? f.fonts.lead : f.fonts.ui; }
  void build_layouts(const UiFrame& f, const Geometry& g);
  void arrive(const UiFrame& f);
  // The view a visitor starts from (and "Whole map" returns to): the objects' middle at home_scale().
  void go_home(double ms);
  float home_scale() const;
  void focus_item(std::size_t index);  // closer until the item is a marker of its own
  bool separates(const map::Marker& k, float scale) const;
  ImVec2 at(double x, double y) const {
    const auto p = zoom_.to_screen({static_cast<float>(x), static_cast<float>(y)});
    return {p.x, p.y};
  }
  void draw_lines(UiFrame& f, ImDrawList* dl, const Rect& area);
  void draw_circles(UiFrame& f, ImDrawList* dl);
  void draw_places(UiFrame& f, ImDrawList* dl);
  void draw_markers(UiFrame& f, ImDrawList* dl, const Geometry& g);
  void draw_footer(UiFrame& f, ImDrawList* dl, const Geometry& g);
  std::string list_title(const UiFrame& f) const;  // of a count's list
  const map::Layout& layout() const {
    static const map::Layout none;
    return layouts_ ? layouts_->at(zoom_.scale()) : none;
  }

  // From the snapshot, once per visitor.
  const catalog::Snapshot* snapshot_ = nullptr;
  const catalog::MapInfo* map_ = nullptr;
  std::shared_ptr<const std::vector<map::Pin>> pins_;  // located items, in the snapshot's order
  struct {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  } spread_;                                           // the pins' bounding box, map px
  std::vector<geo::Point> places_;                     // the map's places in map px
  std::size_t unlocated_ = 0;

  // Per frame state.
  touch::ZoomView zoom_;
  core::Request<std::shared_ptr<const map::Layouts>> building_;
  std::shared_ptr<const map::Layouts> layouts_;
  LayoutKey built_;
  std::uint32_t serial_ = 0;
  std::map<std::uint32_t, View> views_;  // by route serial: Back restores the view
  std::int64_t highlight_ = 0;           // the item "show on the map" came from
  bool focus_pending_ = false;           // ... to be centred once its layouts are there
  std::vector<std::size_t> list_;        // a cluster's items at one spot, listed over the map
  touch::ScrollAxis list_scroll_;
  std::vector<const map::Marker*> visible_;
  std::vector<ImVec2> points_;  // scratch: a line on screen
  double tolerance_ = 0;        // the detail level drawn
  int lines_drawn_ = 0;
  media::TilePlan tiles_;
  Rect area_;             // the map's part of the screen in the last frame
  float marker_px_ = 0;   // ... and a marker's diameter
};

}  // namespace

void MapScreen::prepare(const catalog::Snapshot& snapshot) {
  snapshot_ = &snapshot;
  map_ = &snapshot.map;
  auto pins = std::make_shared<std::vector<map::Pin>>();
  for (std::size_t i = 0; i < snapshot.items.size(); ++i) {
    const auto& item = snapshot.items[i];
    if (!map_->present() || !item.latitude || !item.longitude) {
      ++unlocated_;
      continue;
    }
    const geo::Point p = map_->frame.to_map({*item.longitude, *item.latitude});
    pins->push_back({i, p.x, p.y});
  }
  if (!pins->empty()) {
    spread_ = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (const auto& p : *pins) spread_ = {std::min(spread_.x0, p.x), std::min(spread_.y0, p.y), std::max(spread_.x1, p.x), std::max(spread_.y1, p.y)};
  }
  pins_ = std::move(pins);
  for (const auto& p : map_->places) places_.push_back(map_->frame.to_map({p.longitude, p.latitude}));
}

Geometry MapScreen::measure(const UiFrame& f) const {
  const auto& m = f.metrics();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  Geometry g;
  g.footer_top = size.y - std::max(m.target, f.fonts.small->FontSize * 2.4f) - m.px(4);
  g.area = {{0, m.bar_height}, {size.x, g.footer_top}};
  g.sizes.marker = std::round(m.px(13));
  g.sizes.gap = std::round(m.px(1.5f));
  g.sizes.dot = std::round(m.px(1.6f));
  g.sizes.label_gap = std::round(m.px(1.2f));
  return g;
}

void MapScreen::build_layouts(const UiFrame& f, const Geometry& g) {
  LayoutKey key{g.sizes.marker, g.sizes.gap, g.sizes.dot, zoom_.fit_scale(), f.language, f.text_size};
  if (key == built_ && (layouts_ || building_.pending())) return;
  built_ = key;
  std::vector<map::Place> places;
  for (std::size_t i = 0; i < map_->places.size(); ++i) {
    const auto& p = map_->places[i];
    const std::string_view name = f.text(p.name);
    ImFont* font = label_font(f, p);
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, name.data(), name.data() + name.size());
    places.push_back({i, places_[i].x, places_[i].y, ts.x, ts.y, key.fit * kRankZoom[std::clamp(p.rank, 1, 3)]});
  }
  // Every step a pinch can reach, its overshoot included.
  const int first = map::zoom_step(zoom_.fit_scale() * touch::ZoomView::kPinchUnderFit),
            last = map::zoom_step(zoom_.max_scale() * touch::ZoomView::kPinchOverMax) + 1;
  building_.start([pins = pins_, places = std::move(places), first, last, sizes = g.sizes](const core::Cancelled& cancelled) {
    return std::make_shared<const map::Layouts>(*pins, places, first, last, sizes, [&cancelled] { return cancelled(); });
  });
}

void MapScreen::arrive(const UiFrame& f) {
  serial_ = f.route.serial;
  list_.clear();
  if (const auto it = views_.find(serial_); it != views_.end()) {  // back to a view the visitor left
    zoom_.focus({it->second.x, it->second.y}, it->second.scale, 0);
    return;
  }
  go_home(0);
  highlight_ = f.route.item_id;
  focus_pending_ = highlight_ != 0;
}

float MapScreen::home_scale() const {
  // Closer than the whole region where that fills the map's part of the screen better (a portrait
  // screen and a landscape region), as long as every object stays in view.
  const float w = static_cast<float>(map_->frame.width), h = static_cast<float>(map_->frame.height);
  float scale = std::max(area_.width() / w, area_.height() / h);
  if (!pins_->empty()) {
    const float margin = marker_px_ * 2;  // a marker's width either side
    scale = std::min({scale, (area_.width() - margin) / static_cast<float>(std::max(spread_.x1 - spread_.x0, 1.0)),
                      (area_.height() - margin) / static_cast<float>(std::max(spread_.y1 - spread_.y0, 1.0))});
  }
  return std::clamp(scale, zoom_.fit_scale(), zoom_.max_scale());
}

void MapScreen::go_home(double ms) {
  // The middle of the objects, as near the map's middle as the pan limits allow.
  const double x = pins_->empty() ? map_->frame.width / 2.0 : (spread_.x0 + spread_.x1) / 2,
               y = pins_->empty() ? map_->frame.height / 2.0 : (spread_.y0 + spread_.y1) / 2;
  zoom_.focus({static_cast<float>(x), static_cast<float>(y)}, home_scale(), ms);
}

bool MapScreen::separates(const map::Marker& k, float scale) const {
  const map::Marker* there = layouts_->at(scale).marker_of(k.items.front());
  return !there || there->items.size() < k.items.size();
}

void MapScreen::focus_item(std::size_t index) {
  const auto pin = std::find_if(pins_->begin(), pins_->end(), [&](const map::Pin& p) { return p.item == index; });
  if (pin == pins_->end()) return;
  float scale = std::min(zoom_.fit_scale() * 2, zoom_.max_scale());
  for (;;) {
    const map::Marker* k = layouts_->at(scale).marker_of(index);
    if (!k || k->items.size() == 1 || scale >= zoom_.max_scale()) break;
    scale = std::min(scale * 1.19f, zoom_.max_scale());
  }
  zoom_.focus({static_cast<float>(pin->x), static_cast<float>(pin->y)}, scale, 0);
}

void MapScreen::draw(UiFrame& f) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  top_bar(f, f.tr("map.title", "Map"), false);
  if (!map_ || !map_->present()) {
    text_block(dl, f.fonts.lead, {m.margin, size.y * 0.4f}, size.x - 2 * m.margin, c.text_muted, f.tr("map.empty", "This exhibition has no map"));
    return;
  }
  const Geometry g = measure(f);
  area_ = g.area;
  marker_px_ = g.sizes.marker;
  const auto& frame = map_->frame;
  const double middle_lat = (frame.region.north + frame.region.south) / 2;
  zoom_.set_pan_overscroll(true);
  zoom_.set_view({g.area.min.x, g.area.min.y}, {g.area.width(), g.area.height()},
                 {static_cast<float>(frame.width), static_cast<float>(frame.height)});
  zoom_.set_max_scale(static_cast<float>(g.area.width() * frame.metres_per_pixel(middle_lat) / (kClosestKm * 1000)));
  if (f.route.serial != serial_) arrive(f);
  build_layouts(f, g);
  if (auto built = building_.take()) layouts_ = std::move(*built);
  if (focus_pending_ && layouts_) {
    if (const auto index = snapshot_->item_index(highlight_)) focus_item(*index);
    focus_pending_ = false;
  }
  if (list_.empty()) zoom_gestures(f, zoom_, g.area, false);

  // While a count's list is open, the list takes the tap, not what lies under it.
  const bool modal = !list_.empty(), tap_free = !f.tap_consumed;
  if (modal) f.tap_consumed = true;
  dl->PushClipRect(g.area.min, g.area.max, true);
  dl->AddRectFilled(g.area.min, g.area.max, c.background);
  const auto tl = zoom_.to_image({g.area.min.x, g.area.min.y}), br = zoom_.to_image({g.area.max.x, g.area.max.y});
  const media::PyramidShape shape = media::pyramid_shape(frame.width, frame.height, map_->tile_size);
  tiles_ = request_tiles(f, catalog::kMapMedia, shape, zoom_.scale(), {tl.x, tl.y, br.x, br.y});
  draw_tiles(f, dl, catalog::kMapMedia, shape, tiles_, [this](float x, float y) { return at(x, y); });
  draw_lines(f, dl, g.area);
  // The markers on screen (and a marker's width beyond its edges, so that none pops in).
  const float d = g.sizes.marker;
  const auto vtl = zoom_.to_image({g.area.min.x - d, g.area.min.y - d}), vbr = zoom_.to_image({g.area.max.x + d, g.area.max.y + d});
  layout().visible(vtl.x, vtl.y, vbr.x, vbr.y, visible_);
  draw_circles(f, dl);
  draw_places(f, dl);
  draw_markers(f, dl, g);
  // The geography's source, as every map credits its data: on a band of its own at the foot.
  const float credit_h = f.fonts.small->FontSize + m.px(1.5f);
  const ImVec2 credit_size = f.fonts.small->CalcTextSizeA(f.fonts.small->FontSize, FLT_MAX, 0, map_->credit.c_str());
  const float credit_w = std::min(credit_size.x + m.px(3), g.area.width());
  dl->AddRectFilled({g.area.max.x - credit_w, g.area.max.y - credit_h}, g.area.max, with_alpha(c.background, 0.8f));
  text_line(dl, f.fonts.small, {g.area.max.x - credit_w + m.px(1.5f), g.area.max.y - credit_h + m.px(0.75f)},
            credit_w - m.px(3), c.text_muted, map_->credit);
  dl->PopClipRect();
  draw_footer(f, dl, g);
  if (modal) f.tap_consumed = !tap_free;  // (a list opened by this frame's tap must not take it too)
  if (!list_.empty() && !item_list_panel(f, dl, list_, list_title(f), list_scroll_, "map.list")) list_.clear();

  const auto centre = zoom_.to_image({g.area.center().x, g.area.center().y});
  views_[serial_] = {centre.x, centre.y, zoom_.scale()};
  while (views_.size() > 16) views_.erase(views_.begin());  // the oldest routes are long gone
}

std::string MapScreen::list_title(const UiFrame& f) const {
  // Where they were found, when the museum names it alike for them all ("Rogozen village").
  const std::string_view where = f.text(snapshot_->items[list_.front()].place_name);
  const bool one_place = !where.empty() && std::all_of(list_.begin(), list_.end(), [&](std::size_t i) {
    return f.text(snapshot_->items[i].place_name) == where;
  });
  return one_place ? f.trn("map.list_at", "1 object · {where}", "{n} objects · {where}", list_.size(),
                           {{"where", std::string(where)}})
                   : f.trn("map.list", "1 object found here", "{n} objects found here", list_.size());
}

void MapScreen::draw_lines(UiFrame& f, ImDrawList* dl, const Rect& area) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  lines_drawn_ = 0;
  if (map_->details.empty()) return;
  const float scale = zoom_.scale();
  // The coarsest level whose simplification stays within half a screen pixel.
  const catalog::MapDetail* detail = &map_->details.front();
  for (const auto& d : map_->details)
    if (d.tolerance * scale <= 0.5) detail = &d;
  tolerance_ = detail->tolerance;
  const auto tl = zoom_.to_image({area.min.x, area.min.y}), br = zoom_.to_image({area.max.x, area.max.y});
  const float thin = std::max(1.0f, m.px(0.25f)), coast = std::max(1.5f, m.px(0.4f));
  const ImU32 shore_ink = with_alpha(c.accent, 0.75f), lake_ink = with_alpha(c.accent, 0.45f),
              river_ink = IM_COL32(84, 122, 146, 220), border_ink = with_alpha(c.text_muted, 0.75f);
  using Layer = catalog::MapLine::Layer;
  // Rivers under borders under coasts: a coast is the strongest line on a map.
  for (const Layer layer : {Layer::river, Layer::border, Layer::shore}) {
    for (const auto& line : detail->lines) {
      if (line.layer != layer || line.x1 < tl.x || line.x0 > br.x || line.y1 < tl.y || line.y0 > br.y) continue;
      points_.clear();
      for (std::size_t i = 0; i + 1 < line.xy.size(); i += 2) points_.push_back(at(line.xy[i], line.xy[i + 1]));
      if (points_.size() < 2) continue;
      ++lines_drawn_;
      switch (layer) {
        case Layer::shore:
          dl->AddPolyline(points_.data(), static_cast<int>(points_.size()), line.level <= 1 ? shore_ink : lake_ink, 0,
                          line.level <= 1 ? coast : thin);
          break;
        case Layer::river:
          dl->AddPolyline(points_.data(), static_cast<int>(points_.size()), river_ink, 0, line.level <= 1 ? coast : thin);
          break;
        case Layer::border: {
          // Dashed: 3 mm on, 1.5 mm off, carried over from one segment to the next.
          const float on = m.px(3), period = m.px(4.5f);
          float phase = 0;
          for (std::size_t i = 0; i + 1 < points_.size(); ++i) {
            const ImVec2 a = points_[i], b = points_[i + 1];
            const float len = std::hypot(b.x - a.x, b.y - a.y);
            for (float s = -phase; s < len; s += period) {
              const float s0 = std::max(s, 0.0f), s1 = std::min(s + on, len);
              if (s1 <= s0 || len <= 0) continue;
              dl->AddLine({a.x + (b.x - a.x) * s0 / len, a.y + (b.y - a.y) * s0 / len},
                          {a.x + (b.x - a.x) * s1 / len, a.y + (b.y - a.y) * s1 / len}, border_ink, thin);
            }
            phase = std::fmod(phase + len, period);
          }
          break;
        }
      }
    }
  }
}

void MapScreen::draw_circles(UiFrame& f, ImDrawList* dl) {
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  // An approximate find-spot: a soft disc as wide as its uncertainty, under its marker (an object,
  // or the finds of one spot, the widest uncertainty among them); a count of several spots has none.
  for (const map::Marker* k : visible_) {
    if (k->x0 != k->x1 || k->y0 != k->y1) continue;
    double km = 0;
    for (const std::size_t i : k->items) km = std::max(km, snapshot_->items[i].within_km.value_or(0));
    if (km <= 0) continue;
    const auto& first = snapshot_->items[k->items.front()];
    const float r = static_cast<float>(km * 1000 / map_->frame.metres_per_pixel(*first.latitude) * zoom_.scale());
    const ImVec2 p = at(k->x, k->y);
    if (r < 4 || p.x + r < 0 || p.y + r < 0 || p.x - r > size.x || p.y - r > size.y) continue;
    dl->AddCircleFilled(p, r, with_alpha(c.accent, 0.10f), 64);
    dl->AddCircleFilled(p, r * 0.66f, with_alpha(c.accent, 0.08f), 64);
    dl->AddCircle(p, r, with_alpha(c.accent, 0.35f), 64, std::max(1.0f, f.metrics().px(0.25f)));
  }
}

void MapScreen::draw_places(UiFrame& f, ImDrawList* dl) {
  const auto& c = f.colors();
  const map::Layout& l = layout();
  const float dot = built_.dot * 0.5f;
  for (const auto& label : l.labels) {
    const auto& place = map_->places[label.place];
    const ImVec2 p = at(label.x, label.y);
    dl->AddCircleFilled(p, dot + 1.5f, c.background);
    dl->AddCircleFilled(p, dot, c.text);
    const std::string_view name = f.text(place.name);
    ImFont* font = label_font(f, place);
    const ImVec2 pos{std::round(p.x + label.dx), std::round(p.y + label.dy)};
    // A halo of the background under the name keeps it readable over coasts and rivers.
    const ImU32 halo = with_alpha(c.background, 0.85f);
    for (const ImVec2 d : {ImVec2{-1.5f, 0}, ImVec2{1.5f, 0}, ImVec2{0, -1.5f}, ImVec2{0, 1.5f}, ImVec2{-1, -1}, ImVec2{1, 1},
                           ImVec2{-1, 1}, ImVec2{1, -1}})
      dl->AddText(font, font->FontSize, {pos.x + d.x, pos.y + d.y}, halo, name.data(), name.data() + name.size());
    dl->AddText(font, font->FontSize, pos, place.rank == 1 ? c.text : c.text_muted, name.data(), name.data() + name.size());
  }
}

void MapScreen::draw_markers(UiFrame& f, ImDrawList* dl, const Geometry& g) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const float r = g.sizes.marker * 0.5f;
  for (const map::Marker* k : visible_) {
    const ImVec2 p = at(k->x, k->y);
    const Rect disc{{p.x - r, p.y - r}, {p.x + r, p.y + r}};
    const auto& first = snapshot_->items[k->items.front()];
    const bool chosen = std::any_of(k->items.begin(), k->items.end(),
                                    [&](std::size_t i) { return snapshot_->items[i].id == highlight_; });
    dl->AddCircleFilled({p.x, p.y + m.px(0.6f)}, r + 1, with_alpha(IM_COL32_BLACK, 0.45f), 40);  // a shadow
    if (!first.media.empty())
      image(f, dl, disc, first.media.front().id, catalog::MediaVariant::thumbnail, Fit::cover, r);
    else
      title_placeholder(f, dl, disc, f.text(first.title), "map." + first.slug, r);
    const bool single = k->items.size() == 1;
    if (!single) {  // a cluster: its first picture dimmed under the count
      dl->AddCircleFilled(p, r, with_alpha(c.background, pressed(f, disc) ? 0.35f : 0.55f), 40);
      const std::string count = std::to_string(k->items.size());
      const ImVec2 ts = f.fonts.lead->CalcTextSizeA(f.fonts.lead->FontSize, FLT_MAX, 0, count.c_str());
      dl->AddText(f.fonts.lead, f.fonts.lead->FontSize, {p.x - ts.x * 0.5f, p.y - ts.y * 0.5f}, c.text, count.c_str());
    } else if (pressed(f, disc)) {
      dl->AddCircleFilled(p, r, with_alpha(c.background, 0.3f), 40);
    }
    // Gold for the object the map was opened for and for counts; ivory for one object, dashed
    // where its find-spot is only approximate.
    const ImU32 ring = chosen || !single ? c.accent : c.text;
    const float ring_w = chosen ? m.px(0.9f) : std::max(1.5f, m.px(0.4f));
    if (single && first.within_km) {
      for (int i = 0; i < 16; i += 2) {
        dl->PathArcTo(p, r, static_cast<float>(i) * kPi / 8, static_cast<float>(i + 1) * kPi / 8, 6);
        dl->PathStroke(ring, 0, ring_w);
      }
    } else {
      dl->AddCircle(p, r, ring, 40, ring_w);
    }
    const float hit = std::max(r, m.target * 0.5f);
    const Rect touch{{p.x - hit, p.y - hit}, {p.x + hit, p.y + hit}};
    if (single) {
      if (tapped(f, touch, "map.item." + first.slug, &g.area)) f.intents.push_back(session::intent::OpenItem{first.id});
      continue;
    }
    if (!tapped(f, touch, "map.cluster." + first.slug, &g.area)) continue;
    // Closer, about its objects' find-spots, if that separates them; else (one spot, or the
    // closest zoom) they are listed.
    const double w = std::max(k->x1 - k->x0, 1e-3), h = std::max(k->y1 - k->y0, 1e-3);
    const float target = std::min(zoom_.max_scale(), std::max(zoom_.scale() * 2.0f,
                                                               static_cast<float>(std::min(g.area.width() * 0.6 / w,
                                                                                           g.area.height() * 0.6 / h))));
    if (target > zoom_.scale() * 1.05f && separates(*k, target)) {
      zoom_.focus({static_cast<float>((k->x0 + k->x1) / 2), static_cast<float>((k->y0 + k->y1) / 2)}, target, kFocusMs);
      f.animating = true;
      continue;
    }
    list_ = k->items;
    list_scroll_.set_offset(0);
  }
}

void MapScreen::draw_footer(UiFrame& f, ImDrawList* dl, const Geometry& g) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float cy = (g.footer_top + size.y) * 0.5f;
  float right = size.x - m.margin;
  const float home = home_scale();
  if (std::abs(zoom_.scale() - home) > home * 0.01f) {  // back to the start in one tap
    const auto label = f.tr("map.all", "Whole map");
    const float w = button_width(f, label, Icon::none);
    if (button(f, {{right - w, cy - m.target * 0.5f}, {right, cy + m.target * 0.5f}}, "map.all", label, Icon::none)) {
      go_home(kFocusMs);
      f.animating = true;
    }
    right -= w + m.px(4);
  }
  std::string text(f.tr("map.hint", "Pinch to zoom · tap a picture to open it"));
  if (unlocated_ > 0)
    text = f.trn("map.unlocated", "1 object without a find-spot is not shown",
                 "{n} objects without a find-spot are not shown", static_cast<std::uint64_t>(unlocated_)) +
           "  \xC2\xB7  " + text;
  text_block(dl, f.fonts.small, {m.margin, g.footer_top + m.px(1)}, right - m.margin - m.px(4), c.text_muted, text, 1.2f, 2);
}

void MapScreen::state(nlohmann::json& out) const {
  if (!map_ || !map_->present()) {
    out["map"] = {{"present", false}, {"unlocated", unlocated_}};
    return;
  }
  const map::Layout& l = layout();
  nlohmann::json markers = nlohmann::json::array(), labels = nlohmann::json::array();
  for (const auto* k : visible_) {
    nlohmann::json slugs = nlohmann::json::array();
    for (const std::size_t i : k->items) slugs.push_back(snapshot_->items[i].slug);
    const ImVec2 p = at(k->x, k->y);
    const auto& first = snapshot_->items[k->items.front()];
    markers.push_back({{"target", (k->items.size() == 1 ? "map.item." : "map.cluster.") + first.slug},
                       {"items", slugs},
                       {"x", p.x},
                       {"y", p.y}});
  }
  for (const auto& label : l.labels) {  // those on screen
    const ImVec2 p = at(label.x, label.y);
    if (area_.contains(p)) labels.push_back({{"place", map_->places[label.place].slug}, {"x", p.x}, {"y", p.y}});
  }
  const auto centre = zoom_.to_image({area_.center().x, area_.center().y});
  const geo::LonLat c = map_->frame.to_lonlat({centre.x, centre.y});
  const catalog::Item* highlighted = highlight_ ? snapshot_->find_item(highlight_) : nullptr;
  const auto origin = zoom_.to_screen({0, 0});
  out["map"] = {{"present", true},
                {"scale", zoom_.scale()},
                {"fit_scale", zoom_.fit_scale()},
                {"max_scale", zoom_.max_scale()},
                {"origin", {origin.x, origin.y}},  // where map pixel (0, 0) is on screen
                {"map_size", {map_->frame.width, map_->frame.height}},
                {"region", {map_->frame.region.west, map_->frame.region.south, map_->frame.region.east, map_->frame.region.north}},
                {"centre", {{"lat", c.lat}, {"lon", c.lon}}},
                {"km_across", area_.width() * map_->frame.metres_per_pixel(c.lat) / zoom_.scale() / 1000},
                {"layouts_ready", layouts_ != nullptr},
                {"markers", markers},
                {"labels", labels},
                {"located", pins_ ? pins_->size() : 0},
                {"unlocated", unlocated_},
                {"highlight", highlighted ? highlighted->slug : std::string()},
                {"list", list_.size()},
                {"tolerance", tolerance_},
                {"lines_drawn", lines_drawn_},
                {"tile_level", tiles_.level},
                {"sharp", tiles_.sharp},
                {"moving", zoom_.moving()}};
}

ScreenEntry map_screen() {
  return {"map", [](const ScreenContext& c) { return std::make_unique<MapScreen>(c); }, Icon::map};
}

}  // namespace orpheus::ui
