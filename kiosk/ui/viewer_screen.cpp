#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "touch/pager.h"
#include "touch/zoom.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// An item's images full screen: pinch, pan, fling and double tap to zoom, deep-zoom tiles where
// the zoom needs more pixels than the display image has; swiped between images at fit.
class ViewerScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;
  void state(nlohmann::json& out) const override;

 private:
  // What the last frame showed of the image.
  struct Detail {
    int level = -1;          // the pyramid level drawn; -1: the display image (it suffices at this zoom)
    bool sharp = false;      // everything on screen at the resolution the zoom needs, faded in
    int tiles_drawn = 0, tiles_wanted = 0;
  };
  // The image at the current zoom: the display image, and over it the pyramid's tiles where
  // the zoom needs more pixels than it has.
  void draw_image(UiFrame& f, ImDrawList* dl, const catalog::MediaRef& media, const Rect& viewport, float dx);
  touch::ZoomView zoom_;
  Detail detail_;
  touch::Pager pager_;         // between the item's images, at fit
  std::int64_t media_id_ = 0;  // the image zoom_ is set up for
};


// The image's size in its own pixels: the original's, else the display image's.
touch::Vec2 native(const catalog::MediaRef& ref) {
  return touch::Vec2{static_cast<float>(ref.width > 0 ? ref.width : std::max(1, ref.display_width)),
                     static_cast<float>(ref.height > 0 ? ref.height : std::max(1, ref.display_height))};
}

}  // namespace

void ViewerScreen::draw(UiFrame& f) {
  const auto* item = f.snapshot.find_item(f.route.item_id);
  if (!item || item->media.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const auto& g = f.gesture;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const int n = static_cast<int>(item->media.size());
  int shown = std::clamp(f.route.media_index, 0, n - 1);
  // The image `d` places from the one shown, wrapping around.
  const auto step = [&](int d) { return static_cast<int>(catalog::wrapped(static_cast<std::size_t>(shown), d, item->media.size())); };
  const float band = f.fonts.ui->FontSize * 2.4f;
  const Rect viewport{{0, 0}, {size.x, size.y - band}};
  if (f.route_changed || item->media[static_cast<std::size_t>(shown)].id != media_id_) {
    zoom_.reset();
    pager_.reset();
  }

  // At fit, a horizontal swipe pages through the item's images as in a phone's photo viewer;
  // zoomed in, every pan moves the image.
  const bool paging = n > 1 && g.lock == touch::Lock::horizontal && !g.pinching && !zoom_.zoomed();
  const float stride = size.x + m.margin;  // images sit a margin apart while they slide
  pager_.set_width(stride);
  pager_.set_neighbours(n > 1, n > 1);
  if (const int turned = page_swipe(f, pager_, paging)) {
    shown = step(turned);  // drawn at rest in this very frame
    f.intents.push_back(session::intent::ShowMedia{shown});
  }
  const auto& media = item->media[static_cast<std::size_t>(shown)];
  // The images either side, ready before the visitor swipes to them (asked for first: the
  // loader takes the newest requests first, and the image on screen matters most).
  if (n > 1)
    for (const int d : {-1, 1})
      f.images.image(item->media[static_cast<std::size_t>(step(d))].id, catalog::MediaVariant::display);

  // The controls go on top of the image but are handled first, so that a tap on them is
  // theirs and the image below gets the rest of this frame's gestures.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);

  // Caption band at the bottom: title, caption, position.
  std::string caption(f.text(item->title));
  if (const auto cap = f.text(media.caption); !cap.empty()) caption += "  \xE2\x80\x94  " + std::string(cap);
  if (n > 1) caption += "    " + f.trf("nav.position", "{i} of {n}", {{"i", std::to_string(shown + 1)}, {"n", std::to_string(n)}});
  dl->AddRectFilled({0, size.y - band}, size, c.scrim);
  text_line(dl, f.fonts.ui, {m.margin, size.y - band * 0.5f - f.fonts.ui->FontSize * 0.55f}, size.x - 2 * m.margin, c.text, caption);

  // Top right: language, search, home, close. Back and home stay one tap away here too.
  const float r = m.target;
  const float top = m.margin * 0.6f;
  float right = size.x - m.margin;
  if (button(f, {{right - r, top}, {right, top + r}}, "viewer.close", "", Icon::close))
    f.intents.push_back(session::intent::Back{});
  right -= r + m.px(3);
  if (button(f, {{right - r, top}, {right, top + r}}, "nav.home", "", Icon::home))
    f.intents.push_back(session::intent::Home{});
  right -= r + m.px(3);
  const float beside = home_launchers_width(f);
  home_launchers(f, right - beside + m.px(3), top + r * 0.5f);
  right -= beside + m.px(3);
  visitor_controls(f, right, top + r * 0.5f);
  if (n > 1) {
    const float cy = viewport.center().y;
    if (button(f, {{m.margin * 0.6f, cy - r * 0.5f}, {m.margin * 0.6f + r, cy + r * 0.5f}}, "viewer.previous", "", Icon::previous))
      f.intents.push_back(session::intent::ShowMedia{step(-1)});
    if (button(f, {{size.x - m.margin * 0.6f - r, cy - r * 0.5f}, {size.x - m.margin * 0.6f, cy + r * 0.5f}}, "viewer.next", "", Icon::next))
      f.intents.push_back(session::intent::ShowMedia{step(+1)});
  }

  // The image: pinch about the fingers, pan within the edges, fling, double tap to zoom.
  const touch::Vec2 vp_min{viewport.min.x, viewport.min.y}, vp_size{viewport.width(), viewport.height()};
  if (media.id != media_id_) zoom_.reset();
  media_id_ = media.id;
  zoom_.set_view(vp_min, vp_size, native(media));
  if (!paging) {
    const bool held = g.fingers > 0;
    if (held && zoom_.moving()) zoom_.stop();
    if (g.scale != 1.0f) zoom_.pinch(g.scale, g.focal);
    if (g.dragging || g.drag_ended) zoom_.pan(g.drag_delta);
    if (g.drag_ended) zoom_.release(g.release_velocity);
    if (g.tap && g.tap_count == 2 && !f.tap_consumed && viewport.contains({g.tap->x, g.tap->y})) {
      zoom_.toggle_zoom(*g.tap);
      f.tap_consumed = true;
    }
    if (zoom_.update(f.dt_ms, held && !g.drag_ended)) f.animating = true;
  }

  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled({0, 0}, size, IM_COL32(8, 7, 6, 255));
  dl->PushClipRect(viewport.min, viewport.max, true);
  const float dx = pager_.offset();
  draw_image(f, dl, media, viewport, dx);
  if (dx != 0) {
    // The neighbour sliding in, at fit.
    const auto& other = item->media[static_cast<std::size_t>(step(dx > 0 ? -1 : 1))];
    const float shift = dx > 0 ? dx - stride : dx + stride;
    image(f, dl, {{viewport.min.x + shift, viewport.min.y}, {viewport.max.x + shift, viewport.max.y}}, other.id,
          catalog::MediaVariant::display, Fit::contain);
  }
  dl->PopClipRect();
  dl->ChannelsMerge();
}

void ViewerScreen::draw_image(UiFrame& f, ImDrawList* dl, const catalog::MediaRef& media, const Rect& viewport, float dx) {
  const auto at = [&](float x, float y) {
    const auto p = zoom_.to_screen({x, y});
    return ImVec2{p.x + dx, p.y};
  };
  const auto [w, h] = native(media);
  detail_ = {};
  // The display image needs no more than this many screen pixels per image pixel.
  const float display_density = media.width > 0 ? static_cast<float>(media.display_width) / w : 1.0f;
  const bool tiled = media.tile_levels > 0 && media.width > 0 && media.height > 0 && zoom_.scale() > display_density * 1.001f;
  if (!tiled) {
    image(f, dl, {at(0, 0), at(w, h)}, media.id, catalog::MediaVariant::display, Fit::contain);
    const ImageView base = f.images.image(media.id, catalog::MediaVariant::display);
    detail_.sharp = base.status == ImageView::Status::ready && base.alpha >= 1.0f;
    return;
  }
  const media::PyramidShape shape = media::pyramid_shape(media.width, media.height, media.tile_size);
  const auto tl = zoom_.to_image({viewport.min.x - dx, viewport.min.y});
  const auto br = zoom_.to_image({viewport.max.x - dx, viewport.max.y});
  const media::TilePlan plan = request_tiles(f, media.id, shape, zoom_.scale(), {tl.x, tl.y, br.x, br.y});
  // The display image stays wanted (zooming out needs it at once); it is drawn only under
  // tiles still missing.
  const ImageView base = f.images.image(media.id, catalog::MediaVariant::display);
  if (!plan.sharp && base.status == ImageView::Status::ready) {
    dl->AddImage(base.texture, at(0, 0), at(w, h), {0, 0}, {1, 1}, with_alpha(IM_COL32_WHITE, base.alpha));
    if (base.alpha < 1.0f) f.animating = true;
  }
  draw_tiles(f, dl, media.id, shape, plan, at);
  detail_.level = plan.level;
  detail_.sharp = plan.sharp;
  detail_.tiles_drawn = static_cast<int>(plan.draw.size());
  detail_.tiles_wanted = static_cast<int>(plan.request.size());
}

void ViewerScreen::state(nlohmann::json& out) const {
  out["viewer"] = {{"scale", zoom_.scale()}, {"fit_scale", zoom_.fit_scale()}, {"max_scale", zoom_.max_scale()},
                   {"offset", {zoom_.offset().x, zoom_.offset().y}}, {"level", detail_.level}, {"sharp", detail_.sharp},
                   {"tiles_drawn", detail_.tiles_drawn}, {"tiles_wanted", detail_.tiles_wanted}};
}

ScreenEntry viewer_screen() {
  return {"viewer", [](const ScreenContext&) { return std::make_unique<ViewerScreen>(); }};
}

}  // namespace orpheus::ui
