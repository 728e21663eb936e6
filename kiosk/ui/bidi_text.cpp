#include "ui/bidi_text.h"

#include <algorithm>
#include <cfloat>
#include <string>

namespace orpheus::ui {
namespace {

float width_of(ImFont* font, float size, std::string_view s) {
  return font->CalcTextSizeA(size, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

}  // namespace

void draw_line(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, float width, ImU32 color, std::string_view line,
               Direction paragraph) {
  if (!has_rtl(line)) {
    dl->AddText(font, size, pos, color, line.data(), line.data() + line.size());
    return;
  }
  const std::string shown = visual_line(line, paragraph);
  if (paragraph == Direction::rtl && width > 0) pos.x += std::max(0.0f, width - width_of(font, size, shown));
  dl->AddText(font, size, pos, color, shown.data(), shown.data() + shown.size());
}

void draw_line_cut(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view line,
                   Direction paragraph) {
  if (max_width <= 0) return;
  const float size = font->FontSize;
  if (width_of(font, size, line) <= max_width) {
    draw_line(dl, font, size, pos, max_width, color, line, paragraph);
    return;
  }
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
  const float ell = width_of(font, size, kEllipsis);
  const char* cut = line.data();
  font->CalcTextSizeA(size, max_width - ell, 0, line.data(), line.data() + line.size(), &cut);
  const std::string shown = visual_line({line.data(), static_cast<std::size_t>(cut - line.data())}, paragraph);
  const float w = width_of(font, size, shown);
  if (paragraph == Direction::rtl) {
    const float x = pos.x + std::max(0.0f, max_width - w - ell);
    dl->AddText(font, size, {x, pos.y}, color, kEllipsis.data(), kEllipsis.data() + kEllipsis.size());
    dl->AddText(font, size, {x + ell, pos.y}, color, shown.data(), shown.data() + shown.size());
  } else {
    dl->AddText(font, size, pos, color, shown.data(), shown.data() + shown.size());
    dl->AddText(font, size, {pos.x + w, pos.y}, color, kEllipsis.data(), kEllipsis.data() + kEllipsis.size());
  }
}

}  // namespace orpheus::ui
