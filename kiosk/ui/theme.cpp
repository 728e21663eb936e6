#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace orpheus::ui {
namespace {

// WCAG's relative luminance of an sRGB colour.
double luminance(ImU32 c) {
  const auto channel = [](unsigned v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
         0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

}  // namespace

float contrast_ratio(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return static_cast<float>((std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05));
}

std::vector<ColourPair> colour_pairs(const Palette& p) {
  std::vector<ColourPair> out;
  for (const auto& [name, bg] : {std::pair{"background", p.background}, std::pair{"surface", p.surface},
                                 std::pair{"surface pressed", p.surface_pressed}, std::pair{"placeholder", p.placeholder}}) {
    const std::string on = std::string(" on ") + name;
    out.push_back({"text" + on, p.text, bg, 4.5f});              // titles, body, labels
    out.push_back({"muted text" + on, p.text_muted, bg, 4.5f});  // dates, credits, hints
    out.push_back({"gold text" + on, p.accent, bg, 4.5f});       // an object's date and place, chosen items
  }
  out.push_back({"text on gold", p.accent_text, p.accent, 4.5f});  // the label of a primary button
  return out;
}

Palette high_contrast_palette() {
  Palette p;
  p.background = IM_COL32(0, 0, 0, 255);
  p.surface = IM_COL32(16, 16, 16, 255);
  p.surface_pressed = IM_COL32(48, 48, 48, 255);
  p.outline = IM_COL32(200, 200, 200, 255);
  p.text = IM_COL32(255, 255, 255, 255);
  p.text_muted = IM_COL32(230, 230, 230, 255);
  p.accent = IM_COL32(255, 214, 102, 255);  // a bright gold
  p.accent_text = IM_COL32(0, 0, 0, 255);
  p.placeholder = IM_COL32(24, 24, 24, 255);
  p.scrim = IM_COL32(0, 0, 0, 210);
  return p;
}

Metrics make_metrics(float dpi) {
  Metrics m;
  m.dpi = dpi;
  m.mm = dpi / 25.4f;
  m.margin = m.px(12);
  m.gap = m.px(7);
  m.bar_height = m.px(20);
  m.target = m.px(14);   // comfortably above the 9 mm minimum, for any finger
  m.radius = m.px(2.5f);
  // Em sizes: body text of ~6.3 mm (x-height ~3.3 mm) reads well from a metre away.
  m.font_small = m.px(5.0f);
  m.font_body = m.px(6.3f);
  m.font_lead = m.px(7.4f);
  m.font_title = m.px(11.5f);
  m.font_display = m.px(16.0f);
  return m;
}

}  // namespace orpheus::ui
