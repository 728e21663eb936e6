#include <algorithm>

#include "touch/scroll.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// The pack's title, then its collections as large cards.
class HomeScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;

 private:
  touch::ScrollAxis scroll_;
};

}  // namespace

void HomeScreen::draw(UiFrame& f) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const auto& snap = f.snapshot;

  // Heading: the pack's title and an invitation; search, then the visitor's controls on the right.
  float switch_w = visitor_controls(f, size.x - m.margin, m.bar_height * 0.5f);
  const float beside = home_launchers_width(f);
  home_launchers(f, size.x - m.margin - switch_w - beside - m.px(3), m.bar_height * 0.5f);
  switch_w += beside + m.px(3);
  // Beside the controls where there is room for it (a landscape window), else under them across
  // the whole width (portrait, bigger text), where a short window leaves it one line: the
  // collections stay in sight.
  float heading_w = size.x - 2 * m.margin - switch_w - m.px(8);
  float y = m.px(9);
  int heading_lines = 2;
  if (heading_w < m.px(110)) {
    heading_w = size.x - 2 * m.margin;
    y = m.bar_height + m.px(2);
    if (size.y <= size.x) heading_lines = 1;
  }
  y += text_block(dl, f.fonts.display, {m.margin, y}, heading_w, c.text, f.text(snap.pack.title), 1.1f, heading_lines);
  text_line(dl, f.fonts.lead, {m.margin, y + m.px(1)}, size.x - 2 * m.margin, c.accent, f.tr("home.prompt", "Touch a collection to explore"));
  const float top = y + f.fonts.lead->FontSize + m.px(8);

  // Collections as large cards, three or more per row, scrolled by dragging.
  const Rect area{{0, top}, {size.x, size.y}};
  const float avail = size.x - 2 * m.margin;
  const int cols = std::max(1, static_cast<int>((avail + m.gap) / (m.px(105) + m.gap)));
  const float card_w = (avail - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float image_h = card_w * 0.68f;  // close to the 4:3 of most images: little is cropped
  const float card_h = image_h + m.px(5) + f.fonts.lead->FontSize * 1.15f * 2 + f.fonts.small->FontSize + m.px(6);
  const auto shown = shown_collections(f);
  const std::size_t n = shown.size();
  const int rows = static_cast<int>((n + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
  const float content_h = static_cast<float>(rows) * (card_h + m.gap) + m.margin;
  const float offset = vertical_scroll(f, scroll_, area, content_h);

  dl->PushClipRect(area.min, area.max, true);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& coll = snap.collections[shown[i]];
    const float x = m.margin + static_cast<float>(i % static_cast<std::size_t>(cols)) * (card_w + m.gap);
    const float cy = top + static_cast<float>(i / static_cast<std::size_t>(cols)) * (card_h + m.gap) - offset;
    if (cy > area.max.y || cy + card_h < area.min.y) continue;
    const Rect r{{x, cy}, {x + card_w, cy + card_h}};
    if (card(f, r, image_h, coll.cover_media, f.text(coll.title), format_count(f, coll.items.size()), f.fonts.lead,
             "collection." + coll.slug, area))
      f.intents.push_back(session::intent::OpenCollection{coll.id});
  }
  dl->PopClipRect();
}

ScreenEntry home_screen() {
  return {"home", [](const ScreenContext&) { return std::make_unique<HomeScreen>(); }};
}

}  // namespace orpheus::ui
