#include <algorithm>

#include "ui/overlays.h"
#include "ui/widgets.h"

namespace orpheus::ui {

void draw_unavailable(const Strings& strings, const Theme& theme, const Fonts& fonts,
                      const std::vector<std::string>& languages) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = theme.metrics;
  const auto& c = theme.colors;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float w = std::min(size.x - 2 * m.margin, m.px(240));
  const float x = (size.x - w) * 0.5f;
  // Measure first to centre the block vertically.
  float h = 0;
  for (const auto& l : languages)
    h += text_block(nullptr, fonts.title, {}, w, c.text, strings.translate(l, "unavailable.title", "Temporarily unavailable"), 1.1f) +
         text_block(nullptr, fonts.lead, {}, w, c.text_muted, strings.translate(l, "unavailable.body", "This exhibit is being updated. Please come back shortly or ask a member of staff."), 1.35f) + m.px(14);
  float y = std::max(m.margin, (size.y - h) * 0.5f);
  dl->AddLine({x, y - m.px(8)}, {x + m.px(30), y - m.px(8)}, c.accent, m.px(0.8f));
  for (const auto& l : languages) {
    y += text_block(dl, fonts.title, {x, y}, w, c.text, strings.translate(l, "unavailable.title", "Temporarily unavailable"), 1.1f) + m.px(2);
    y += text_block(dl, fonts.lead, {x, y}, w, c.text_muted, strings.translate(l, "unavailable.body", "This exhibit is being updated. Please come back shortly or ask a member of staff."), 1.35f) + m.px(12);
  }
}

}  // namespace orpheus::ui
