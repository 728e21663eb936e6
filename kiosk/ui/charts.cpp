#include "ui/charts.h"

#include <algorithm>

namespace orpheus::ui {
namespace {

ImVec2 measure(ImFont* font, std::string_view text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size());
}

void centred(ImDrawList* dl, ImFont* font, float cx, float y, ImU32 color, std::string_view text) {
  const ImVec2 s = measure(font, text);
  dl->AddText(font, font->FontSize, {cx - s.x * 0.5f, y}, color, text.data(), text.data() + text.size());
}

}  // namespace

void column_chart(const UiFrame& f, ImDrawList* dl, const Rect& r, std::span<const std::int64_t> values,
                  std::span<const std::string> labels, int label_every) {
  const auto& c = f.colors();
  const auto& m = f.metrics();
  ImFont* font = f.fonts.small;
  const float label_h = font->FontSize * 1.25f;
  const float top = r.min.y + label_h;  // room for the highest column's number
  const float base = r.max.y - label_h;
  dl->AddLine({r.min.x, base}, {r.max.x, base}, c.outline, m.px(0.3f));
  if (values.empty()) return;
  const std::int64_t highest = std::max<std::int64_t>(1, *std::max_element(values.begin(), values.end()));
  const float slot = r.width() / static_cast<float>(values.size());
  const float gap = std::min(slot * 0.2f, m.px(1.5f));
  const bool all_numbers = measure(font, std::to_string(highest)).x <= slot - gap * 0.5f;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const float x0 = r.min.x + static_cast<float>(i) * slot + gap * 0.5f;
    const float x1 = x0 + slot - gap;
    const float h = (base - top) * static_cast<float>(values[i]) / static_cast<float>(highest);
    if (values[i] > 0) dl->AddRectFilled({x0, base - std::max(h, m.px(0.4f))}, {x1, base}, c.accent, m.px(0.5f), ImDrawFlags_RoundCornersTop);
    // Numbers above the columns where they fit, else above the highest ones only.
    if (values[i] > 0 && (all_numbers || values[i] == highest))
      centred(dl, font, (x0 + x1) * 0.5f, base - h - label_h, c.text, std::to_string(values[i]));
    if (i < labels.size() && label_every > 0 && i % static_cast<std::size_t>(label_every) == 0)
      centred(dl, font, (x0 + x1) * 0.5f, base + font->FontSize * 0.15f, c.text_muted, labels[i]);
  }
}

float bar_rows(const UiFrame& f, ImDrawList* dl, ImVec2 pos, float width,
               std::span<const std::pair<std::string, std::int64_t>> rows) {
  const auto& c = f.colors();
  const auto& m = f.metrics();
  ImFont* font = f.fonts.ui;
  const float row_h = font->FontSize * 1.45f;
  if (!dl) return row_h * static_cast<float>(rows.size());
  std::int64_t highest = 1;
  for (const auto& row : rows) highest = std::max(highest, row.second);
  const float label_w = width * 0.45f;
  const float number_w = measure(font, std::to_string(highest)).x + m.px(2);
  const float bar_w = std::max(0.0f, width - label_w - number_w - m.px(2));
  float y = pos.y;
  for (const auto& [label, value] : rows) {
    text_line(dl, font, {pos.x, y}, label_w - m.px(2), c.text, label);
    const float x = pos.x + label_w;
    const float w = bar_w * static_cast<float>(value) / static_cast<float>(highest);
    dl->AddRectFilled({x, y + row_h * 0.15f}, {x + std::max(w, m.px(0.4f)), y + row_h * 0.75f}, c.accent, m.px(0.5f));
    const std::string n = std::to_string(value);
    dl->AddText(font, font->FontSize, {x + w + m.px(1.5f), y}, c.text, n.c_str());
    y += row_h;
  }
  return y - pos.y;
}

std::string duration_text(const UiFrame& f, std::int64_t seconds) {
  if (seconds < 60) return f.trf("admin.seconds", "{n} s", {{"n", std::to_string(seconds)}});
  return f.trf("admin.minutes_seconds", "{m} min {s} s", {{"m", std::to_string(seconds / 60)}, {"s", std::to_string(seconds % 60)}});
}

}  // namespace orpheus::ui
