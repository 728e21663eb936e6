#pragma once
// Drawing right-to-left lines with ImGui, which draws code points one by one from left to right:
// what the widgets call to draw a line that may hold Hebrew or Arabic (bidi.h does the text).
// Main thread, inside a frame (draw lists).
#include <string_view>

#include "imgui.h"
#include "ui/bidi.h"

namespace orpheus::ui {

// Draws one line (already wrapped, in logical order) at `pos` in `font` at `size`: as it is when
// it has no right-to-left letter; else in visual order (visual_line(), with the direction of the
// paragraph it was wrapped from) and, when that paragraph is right to left and `width` > 0, flush
// with the right edge of [pos.x, pos.x + width].
void draw_line(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, float width, ImU32 color, std::string_view line,
               Direction paragraph);

// `kept`, the part of a logical line that fits, and "…" where it goes on, in visual order, placed
// in [pos.x, pos.x + width] at `align` (0 left, 0.5 centred, 1 right). A right-to-left paragraph
// ends on the left: its ellipsis is there.
void draw_cut(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, float align, ImU32 color, std::string_view kept,
              Direction paragraph);

// One line cut to `max_width` with an ellipsis where it goes on, as text_line() does for
// left-to-right text: cut in logical order, then drawn in visual order; a right-to-left
// paragraph ends on the left, so its ellipsis is there and the line is flush right.
void draw_line_cut(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view line,
                   Direction paragraph);

}  // namespace orpheus::ui
