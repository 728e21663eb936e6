#include <cmath>

#include "touch/scroll.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// One collection: its summary, then its items as a virtualised grid of cards.
class CollectionScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;

 private:
  touch::ScrollAxis scroll_;
  bool title_in_bar_ = true;  // the top bar showed the whole title last frame (else it heads the list)
};

}  // namespace

void CollectionScreen::draw(UiFrame& f) {
  const auto* coll = f.snapshot.find_collection(f.route.collection_id);
  if (!coll) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;

  const Rect area{{0, m.bar_height}, {size.x, size.y}};
  const float avail = size.x - 2 * m.margin;
  // The collection's summary heads the list and scrolls away with it.
  const std::string_view intro = f.text(coll->summary);
  const float intro_w = std::min(avail, m.px(260));
  const std::string_view title = f.text(coll->title);
  const float summary_h = text_block(nullptr, f.fonts.lead, {}, intro_w, c.text_muted, intro, 1.3f) + m.px(8);
  float heading_h = title_in_bar_ ? 0 : text_block(nullptr, f.fonts.title, {}, avail, c.text, title, 1.1f) + m.px(2);
  if (heading_h + summary_h > area.height() * 0.5f) heading_h = 0;  // a window too short: the objects come first
  const float intro_h = heading_h + summary_h;

  // Cards at least 78 mm wide, wider for bigger text: fewer columns, titles that still fit.
  const int cols = std::max(1, static_cast<int>((avail + m.gap) / (std::max(m.px(78), f.fonts.ui->FontSize * 13) + m.gap)));
  const float card_w = (avail - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float image_h = card_w * 0.75f;
  const float card_h = image_h + m.px(5) + f.fonts.ui->FontSize * 1.15f * 2 + f.fonts.small->FontSize + m.px(6);
  const float row_h = card_h + m.gap;
  const std::size_t n = coll->items.size();
  const std::size_t rows = (n + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols);
  const float grid_top = m.px(8) + intro_h;
  const float content_h = grid_top + static_cast<float>(rows) * row_h + m.margin;
  const float offset = vertical_scroll(f, scroll_, area, content_h);

  dl->PushClipRect(area.min, area.max, true);
  const float origin = area.min.y - offset;
  if (heading_h > 0) text_block(dl, f.fonts.title, {m.margin, origin + m.px(7)}, avail, c.text, title, 1.1f);
  text_block(dl, f.fonts.lead, {m.margin, origin + m.px(7) + heading_h}, intro_w, c.text_muted, intro, 1.3f);
  // Virtualised: only the rows on screen are visited, so 10,000 items cost what 30 do.
  const float first_visible = offset - grid_top;
  const auto first_row = static_cast<std::size_t>(std::max(0.0f, std::floor(first_visible / row_h)));
  const auto last_row = static_cast<std::size_t>(std::max(0.0f, std::floor((first_visible + area.height()) / row_h)));
  for (std::size_t row = first_row; row <= last_row && row < rows; ++row) {
    for (std::size_t col = 0; col < static_cast<std::size_t>(cols); ++col) {
      const std::size_t i = row * static_cast<std::size_t>(cols) + col;
      if (i >= n) break;
      const auto& item = f.snapshot.items[coll->items[i]];
      const float x = m.margin + static_cast<float>(col) * (card_w + m.gap);
      const float y = origin + grid_top + static_cast<float>(row) * row_h;
      const Rect r{{x, y}, {x + card_w, y + card_h}};
      std::optional<std::int64_t> media;
      if (!item.media.empty()) media = item.media.front().id;
      std::string period(f.text(item.period));
      if (period.empty()) period = catalog::format_period(item.year_from, item.year_to, catalog::period_language(f.language));
      if (card(f, r, image_h, media, f.text(item.title), period, f.fonts.ui, "item." + item.slug, area))
        f.intents.push_back(session::intent::OpenItem{item.id});
    }
  }
  dl->PopClipRect();
  // A title the bar cannot show whole (bigger text, a narrow window) heads the list from the next frame.
  const bool in_bar = top_bar(f, title, false);
  if (in_bar != title_in_bar_) f.animating = true;
  title_in_bar_ = in_bar;
}

ScreenEntry collection_screen() {
  return {"collection", [](const ScreenContext&) { return std::make_unique<CollectionScreen>(); }};
}

}  // namespace orpheus::ui
