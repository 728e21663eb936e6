#include <algorithm>

#include "events/programme.h"
#include "events/wording.h"
#include "ui/overlays.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// The whole image, as large as fits, centred in the space above the caption band.
void slide(UiFrame& f, ImDrawList* dl, const Rect& area, std::int64_t media_id, float alpha) {
  if (alpha <= 0 || media_id == 0) return;
  const ImageView img = f.images.image(media_id, catalog::MediaVariant::display);
  if (img.status != ImageView::Status::ready) return;
  const float iw = static_cast<float>(img.width), ih = static_cast<float>(img.height);
  const float s = std::min(area.width() / iw, area.height() / ih);
  const ImVec2 size{iw * s, ih * s};
  const ImVec2 min{area.center().x - size.x * 0.5f, area.center().y - size.y * 0.5f};
  dl->AddImage(img.texture, min, {min.x + size.x, min.y + size.y}, {0, 0}, {1, 1}, with_alpha(IM_COL32_WHITE, alpha));
}

void caption(UiFrame& f, ImDrawList* dl, const catalog::Item* item, float x, float y, float w, float alpha) {
  if (!item || alpha <= 0) return;
  const auto& c = f.colors();
  const float h = text_block(dl, f.fonts.title, {x, y}, w, with_alpha(c.text, alpha), f.text(item->title), 1.1f, 1);
  if (const auto* coll = f.snapshot.find_collection(item->collection_id))
    text_line(dl, f.fonts.body, {x, y + h + f.metrics().px(1)}, w, with_alpha(c.text_muted, alpha), f.text(coll->title));
}

// When an event's next (or current) occurrence is: "Now", "Today, 18:00", or its date in full.
std::string event_when(const UiFrame& f, const catalog::Event& e) {
  if (!f.programme || !f.programme->zone) return {};
  const auto& zone = *f.programme->zone;
  const auto next = events::upcoming(e, zone, f.programme->now_s, 1);
  if (next.empty()) return {};
  const auto today = zone.to_local(f.programme->now_s).day;
  const auto& o = next.front();
  const auto start = o.all_day ? o.start : zone.to_local(o.start).day;
  if (!o.all_day && o.start <= f.programme->now_s) return std::string(f.tr("whats_on.now", "Now"));
  if (!o.all_day && start == today)
    return f.trf("whats_on.today_at", "Today, {time}", {{"time", events::format_time(zone.to_local(o.start).minute)}});
  return events::format_occurrence(o, zone, f.language, today);
}

// An event's title and time over the band (with its picture above), or, without a picture, large
// in the middle of the screen.
void event_caption(UiFrame& f, ImDrawList* dl, const catalog::Event* e, const Rect& picture, bool has_picture, float x, float y,
                   float w, float alpha) {
  if (!e || alpha <= 0) return;
  const auto& c = f.colors();
  const auto& m = f.metrics();
  const std::string when = event_when(f, *e);
  const auto label = f.tr("whats_on.title", "What's on");
  if (has_picture) {
    text_line(dl, f.fonts.body, {x, y - f.fonts.body->FontSize * 1.4f}, w, with_alpha(c.accent, alpha), label);
    const float h = text_block(dl, f.fonts.title, {x, y}, w, with_alpha(c.text, alpha), f.text(e->title), 1.1f, 1);
    text_line(dl, f.fonts.body, {x, y + h + m.px(1)}, w, with_alpha(c.text_muted, alpha), when);
    return;
  }
  const float tw = std::min(picture.width(), m.px(260));
  const float tx = picture.center().x - tw * 0.5f;
  float ty = picture.min.y + picture.height() * 0.25f;
  text_line(dl, f.fonts.lead, {tx, ty}, tw, with_alpha(c.accent, alpha), label);
  ty += f.fonts.lead->FontSize * 1.6f;
  ty += text_block(dl, f.fonts.display, {tx, ty}, tw, with_alpha(c.text, alpha), f.text(e->title), 1.1f, 3) + m.px(4);
  ty += text_block(dl, f.fonts.title, {tx, ty}, tw, with_alpha(c.accent, alpha), when, 1.1f, 2) + m.px(4);
  text_block(dl, f.fonts.lead, {tx, ty}, tw, with_alpha(c.text_muted, alpha), f.text(e->summary), 1.3f, 3);
}

}  // namespace

void draw_attract(UiFrame& f, const AttractView& v) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float band = m.px(34);  // caption and invitation below the picture
  const Rect picture{{m.margin, m.margin}, {size.x - m.margin, size.y - band}};
  // Request the next slide's image from the first frame of a hold, so it is ready to fade in.
  if (v.next_media_id != 0) f.images.image(v.next_media_id, catalog::MediaVariant::display);
  slide(f, dl, picture, v.media_id, 1.0f);
  slide(f, dl, picture, v.next_media_id, v.mix);

  const float y = size.y - band + m.px(6);
  const float text_w = size.x * 0.5f - m.margin;
  caption(f, dl, v.item, m.margin, y, text_w, 1.0f - v.mix);
  caption(f, dl, v.next_item, m.margin, y, text_w, v.mix);
  event_caption(f, dl, v.event, picture, v.media_id != 0, m.margin, y, text_w, 1.0f - v.mix);
  event_caption(f, dl, v.next_event, picture, v.next_media_id != 0, m.margin, y, text_w, v.mix);

  // "Touch to explore" in every enabled language, one pill on the right, the visitor's
  // default language first.
  ImFont* font = f.fonts.lead;
  std::vector<std::string_view> lines;
  for (const auto& l : f.languages) lines.push_back(f.strings.translate(l, "attract.touch", "Touch the screen to explore"));
  float w = 0;
  for (auto t : lines) w = std::max(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, t.data(), t.data() + t.size()).x);
  const float line_h = font->FontSize * 1.25f;
  const float pad = m.px(6);
  const ImVec2 max{size.x - m.margin, size.y - m.px(6)};
  const ImVec2 min{max.x - w - 2 * pad, max.y - line_h * static_cast<float>(lines.size()) - pad};
  dl->AddRectFilled(min, max, c.accent, m.radius * 2);
  float ty = min.y + pad * 0.5f;
  for (auto t : lines) {
    dl->AddText(font, font->FontSize, {min.x + pad, ty}, c.accent_text, t.data(), t.data() + t.size());
    ty += line_h;
  }
}

}  // namespace orpheus::ui
