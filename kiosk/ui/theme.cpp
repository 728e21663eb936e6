#include "ui/theme.h"

namespace orpheus::ui {

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
