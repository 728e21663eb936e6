#include "ui/bidi_text.h"

#include <algorithm>
#include <cfloat>
#include <string>

namespace orpheus::ui {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

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

void draw_cut(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, float align, ImU32 color, std::string_view kept,
              Direction paragraph) {
  const float size = font->FontSize;
  const std::string shown = visual_line(kept, paragraph);
  const float w = width_of(font, size, shown);
  const float ell = width_of(font, size, kEllipsis);
  const float x = pos.x + std::max(0.0f, width - w - ell) * align;
  const bool ellipsis_left = paragraph == Direction::rtl;
  dl->AddText(font, size, {ellipsis_left ? x : x + w, pos.y}, color, kEllipsis.data(), kEllipsis.data() + kEllipsis.size());
  dl->AddText(font, size, {ellipsis_left ? x + ell : x, pos.y}, color, shown.data(), shown.data() + shown.size());
}

void draw_line_cut(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view line,
                   Direction paragraph) {
  if (max_width <= 0) return;
  const float size = font->FontSize;
  if (width_of(font, size, line) <= max_width) {
    draw_line(dl, font, size, pos, max_width, color, line, paragraph);
    return;
  }
  const float ell = width_of(font, size, kEllipsis);
  const char* cut = line.data();
  font->CalcTextSizeA(size, max_width - ell, 0, line.data(), line.data() + line.size(), &cut);
  draw_cut(dl, font, pos, max_width, paragraph == Direction::rtl ? 1.0f : 0.0f, color,
           {line.data(), static_cast<std::size_t>(cut - line.data())}, paragraph);
}

}  // namespace orpheus::ui
