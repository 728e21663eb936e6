#pragma once
// Charts for the admin screen (the usage journal's numbers, docs/usage.md), drawn with ImGui's
// draw list in the theme's colours: labels in the interface font, readable at arm's length,
// every number written out (a chart is read from across the vitrine, not hovered).
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ui/frame.h"
#include "ui/widgets.h"

namespace orpheus::ui {

// Columns over `r`: one per value, a label under every `label_every`-th (labels may be empty),
// the value written above a column when it fits, else above the highest ones only.
void column_chart(const UiFrame& f, ImDrawList* dl, const Rect& r, std::span<const std::int64_t> values,
                  std::span<const std::string> labels, int label_every);

// Horizontal bars, one row per entry (label, value), the longest filling the width, the value at
// the bar's end. Returns the height used; draws nothing if `dl` is null.
float bar_rows(const UiFrame& f, ImDrawList* dl, ImVec2 pos, float width, std::span<const std::pair<std::string, std::int64_t>> rows);

// "3 min 20 s", "45 s".
std::string duration_text(const UiFrame& f, std::int64_t seconds);

}  // namespace orpheus::ui
