#include <algorithm>
#include <string>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// The scrolling text column: title, when and where, summary, description, details, credit.
// Draws nothing when `dl` is null; returns the height either way.
float item_text(UiFrame& f, ImDrawList* dl, const catalog::Item& item, ImVec2 pos, float w) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  float y = pos.y;
  y += text_block(dl, f.fonts.title, {pos.x, y}, w, c.text, f.text(item.title), 1.1f) + m.px(3);

  std::string when(f.text(item.period));
  if (when.empty()) when = catalog::format_period(item.year_from, item.year_to, f.language);
  const std::string_view where = f.text(item.place_name);
  std::string line = when;
  if (!where.empty()) line += (line.empty() ? "" : "  \xC2\xB7  ") + std::string(where);  // " · "
  if (!line.empty()) y += text_block(dl, f.fonts.ui, {pos.x, y}, w, c.accent, line, 1.25f) + m.px(5);

  y += text_block(dl, f.fonts.lead, {pos.x, y}, w, c.text, f.text(item.summary), 1.35f) + m.px(5);
  y += text_block(dl, f.fonts.body, {pos.x, y}, w, c.text, f.text(item.description), 1.45f) + m.px(7);

  if (!item.metadata.empty()) {
    if (dl) dl->AddLine({pos.x, y}, {pos.x + w, y}, c.outline, std::max(1.0f, m.mm * 0.25f));
    y += m.px(4);
    const float label_w = std::min(w * 0.38f, m.px(55));
    for (const auto& pair : item.metadata) {
      const float h1 = text_block(dl, f.fonts.small, {pos.x, y + m.px(0.6f)}, label_w - m.px(3), c.text_muted, f.text(pair.label), 1.3f);
      const float h2 = text_block(dl, f.fonts.ui, {pos.x + label_w, y}, w - label_w, c.text, f.text(pair.value), 1.3f);
      y += std::max(h1, h2) + m.px(2.5f);
    }
    y += m.px(3);
  }
  if (!item.tags.empty()) {
    // Tags as quiet chips, wrapping onto further lines.
    float x = pos.x;
    const float chip_h = f.fonts.small->FontSize * 1.8f;
    for (const auto& slug : item.tags) {
      const auto it = f.snapshot.tags.find(slug);
      const std::string_view label = it != f.snapshot.tags.end() ? f.text(it->second) : std::string_view(slug);
      const float tw = f.fonts.small->CalcTextSizeA(f.fonts.small->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
      const float cw = tw + m.px(6);
      if (x + cw > pos.x + w && x > pos.x) {
        x = pos.x;
        y += chip_h + m.px(2);
      }
      if (dl) {
        dl->AddRect({x, y}, {x + cw, y + chip_h}, c.outline, chip_h * 0.5f, 0, std::max(1.0f, m.mm * 0.25f));
        dl->AddText(f.fonts.small, f.fonts.small->FontSize, {x + m.px(3), y + chip_h * 0.22f}, c.text_muted,
                    label.data(), label.data() + label.size());
      }
      x += cw + m.px(2);
    }
    y += chip_h + m.px(6);
  }
  std::string_view credit = f.text(item.credit);
  if (credit.empty()) credit = f.text(f.snapshot.pack.credit);
  y += text_block(dl, f.fonts.small, {pos.x, y}, w, c.text_muted, credit, 1.35f);
  return y - pos.y + m.margin;
}

}  // namespace

void ItemScreen::draw(UiFrame& f) {
  const auto* item = f.snapshot.find_item(f.route.item_id);
  const auto* coll = f.snapshot.find_collection(f.route.collection_id);
  if (!item || !coll) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float top = m.bar_height;
  const float bottom = size.y - m.bar_height;
  const bool portrait = size.y > size.x;

  // Image pane (left, or top in portrait) and text pane (right, or below).
  Rect image_pane, text_pane;
  if (portrait) {
    image_pane = {{m.margin, top + m.px(5)}, {size.x - m.margin, top + (bottom - top) * 0.45f}};
    text_pane = {{0, image_pane.max.y + m.px(4)}, {size.x, bottom}};
  } else {
    const float split = size.x * 0.54f;
    image_pane = {{m.margin, top + m.px(6)}, {split - m.margin * 0.5f, bottom - m.px(4)}};
    text_pane = {{split + m.margin * 0.5f, top}, {size.x, bottom}};
  }

  const int media_count = static_cast<int>(item->media.size());
  const int shown = std::clamp(f.route.media_index, 0, std::max(0, media_count - 1));
  const float strip_h = media_count > 1 ? m.px(24) : 0;
  const float caption_h = f.fonts.small->FontSize * 2.6f;
  const Rect main_image{image_pane.min, {image_pane.max.x, image_pane.max.y - strip_h - caption_h}};
  if (media_count > 0) {
    const auto& media = item->media[static_cast<std::size_t>(shown)];
    image(f, dl, main_image, media.id, catalog::MediaVariant::display, Fit::contain);
    if (tapped(f, main_image, "item.image")) f.intents.push_back(app::intent::OpenViewer{shown});
    std::string caption(f.text(media.caption));
    if (caption.empty()) caption = f.ui("item.tap_to_enlarge");
    text_line(dl, f.fonts.small, {main_image.min.x, main_image.max.y + m.px(2)}, main_image.width(), c.text_muted, caption);
    // Thumbnails of the other images.
    const float t = strip_h - m.px(4);
    for (int i = 0; i < media_count; ++i) {
      const float x = image_pane.min.x + static_cast<float>(i) * (t + m.px(3));
      const Rect r{{x, image_pane.max.y - t}, {x + t, image_pane.max.y}};
      if (r.max.x > image_pane.max.x) break;
      image(f, dl, r, item->media[static_cast<std::size_t>(i)].id, catalog::MediaVariant::thumbnail, Fit::cover, m.radius);
      if (i == shown) dl->AddRect(r.min, r.max, c.accent, m.radius, 0, m.px(0.8f));
      if (media_count > 1 && tapped(f, r, "item.media." + std::to_string(i)))
        f.intents.push_back(app::intent::ShowMedia{i});
    }
  } else {
    image(f, dl, main_image, 0, catalog::MediaVariant::display, Fit::contain);
  }

  // Text column, scrolled by dragging anywhere on it.
  const float pad = portrait ? m.margin : m.px(4);
  const float text_w = std::min(text_pane.width() - pad - m.margin, m.px(190));
  const float content_h = item_text(f, nullptr, *item, {0, 0}, text_w) + m.px(6);
  const float offset = vertical_scroll(f, scroll_, text_pane, content_h);
  dl->PushClipRect(text_pane.min, text_pane.max, true);
  item_text(f, dl, *item, {text_pane.min.x + pad, text_pane.min.y + m.px(6) - offset}, text_w);
  dl->PopClipRect();
  if (scroll_.max_offset() > 0) {
    // A slim position indicator: information only, dragging the text is how one scrolls.
    const float track = text_pane.height() - m.px(8);
    const float thumb = std::max(m.px(8), track * text_pane.height() / content_h);
    const float ty = text_pane.min.y + m.px(4) + (track - thumb) * (offset / scroll_.max_offset());
    const float tx = text_pane.max.x - m.px(3);
    dl->AddRectFilled({tx, ty}, {tx + m.px(1.2f), ty + thumb}, c.outline, m.px(0.6f));
  }

  // Bottom bar: previous, position in the collection, next.
  dl->AddRectFilled({0, bottom}, {size.x, size.y}, c.background);
  dl->AddLine({m.margin, bottom}, {size.x - m.margin, bottom}, c.outline, std::max(1.0f, m.mm * 0.25f));
  const float cy = (bottom + size.y) * 0.5f;
  const float bw = m.px(60);
  if (button(f, {{m.margin, cy - m.target * 0.5f}, {m.margin + bw, cy + m.target * 0.5f}}, "item.previous",
             f.ui("nav.previous"), Icon::previous))
    f.intents.push_back(app::intent::StepItem{-1});
  if (button(f, {{size.x - m.margin - bw, cy - m.target * 0.5f}, {size.x - m.margin, cy + m.target * 0.5f}}, "item.next",
             f.ui("nav.next"), Icon::next))
    f.intents.push_back(app::intent::StepItem{+1});
  const auto pos_it = std::find(coll->items.begin(), coll->items.end(), *f.snapshot.item_index(item->id));
  const std::string position =
      f.strings.format(f.language, "nav.position", {{"i", std::to_string(pos_it - coll->items.begin() + 1)},
                                                   {"n", std::to_string(coll->items.size())}});
  const ImVec2 ps = f.fonts.ui->CalcTextSizeA(f.fonts.ui->FontSize, FLT_MAX, 0, position.c_str());
  dl->AddText(f.fonts.ui, f.fonts.ui->FontSize, {size.x * 0.5f - ps.x * 0.5f, cy - ps.y * 0.5f}, c.text_muted, position.c_str());

  top_bar(f, f.text(coll->title), false);
}

}  // namespace orpheus::ui
