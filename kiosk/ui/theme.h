#pragma once
// The kiosk's look: a calm, dark museum palette and every size in physical units (millimetres
// converted with the display's DPI), so a 9 mm touch target is 9 mm on any screen.
#include <string>
#include <vector>

#include "imgui.h"

namespace orpheus::ui {

struct Palette {
  ImU32 background = IM_COL32(20, 18, 16, 255);     // warm near-black
  ImU32 surface = IM_COL32(34, 31, 28, 255);        // cards
  ImU32 surface_pressed = IM_COL32(58, 52, 45, 255);
  ImU32 outline = IM_COL32(78, 70, 60, 255);
  ImU32 text = IM_COL32(240, 233, 220, 255);        // warm ivory
  ImU32 text_muted = IM_COL32(184, 173, 156, 255);
  ImU32 accent = IM_COL32(201, 164, 92, 255);       // burnished gold
  ImU32 accent_text = IM_COL32(24, 20, 14, 255);
  ImU32 placeholder = IM_COL32(44, 40, 36, 255);
  ImU32 scrim = IM_COL32(0, 0, 0, 150);
};

struct Metrics {
  float dpi = 96;
  float mm = 96 / 25.4f;         // pixels per millimetre
  float margin = 0, gap = 0;     // screen margin, gap between cards
  float bar_height = 0;          // top and bottom bars
  float target = 0;              // minimum touch target (>= 9 mm)
  float radius = 0;              // card corner radius
  float font_small = 0, font_body = 0, font_lead = 0, font_title = 0, font_display = 0;
  float px(float millimetres) const { return millimetres * mm; }
};

// Sizes for a display of `dpi`, chosen for reading at about one metre.
Metrics make_metrics(float dpi);

// The palette for visitors who need more contrast: black and white, with a brighter gold; every
// pair colour_pairs() names well above WCAG 2.2 AA.
Palette high_contrast_palette();

// WCAG 2.2's contrast ratio of two opaque colours (alpha is ignored): from 1 (the same) to 21
// (black on white), from their relative luminances.
float contrast_ratio(ImU32 a, ImU32 b);

// The foreground/background pairs of a palette that the screens draw, each with the least ratio
// WCAG 2.2 AA asks of it: 4.5 for text, 3 for large text (titles, counts) and for the parts of a
// control that identify it (icons).
struct ColourPair {
  std::string what;  // "muted text on surface"
  ImU32 fg, bg;
  float least;
};
std::vector<ColourPair> colour_pairs(const Palette& p);

struct Theme {
  Palette colors;
  Metrics metrics;
};

}  // namespace orpheus::ui
