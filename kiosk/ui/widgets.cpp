#include "ui/widgets.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>

#include "ui/bidi_text.h"

namespace orpheus::ui {
namespace {
ImVec2 v(touch::Vec2 p) { return {p.x, p.y}; }
}  // namespace

ImU32 with_alpha(ImU32 c, float a) {
  const auto alpha = static_cast<ImU32>(std::clamp(a, 0.0f, 1.0f) * static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF));
  return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

bool tapped(UiFrame& f, const Rect& r, std::string name, const Rect* clip) {
  Rect area = r;
  if (clip) {
    area.min = {std::max(r.min.x, clip->min.x), std::max(r.min.y, clip->min.y)};
    area.max = {std::min(r.max.x, clip->max.x), std::min(r.max.y, clip->max.y)};
    if (area.width() <= 0 || area.height() <= 0) return false;
  }
  f.targets.push_back(Target{std::move(name), area.min, area.max});
  if (f.tap_consumed || !f.gesture.tap || !area.contains(v(*f.gesture.tap))) return false;
  f.tap_consumed = true;
  return true;
}

bool pressed(const UiFrame& f, const Rect& r) {
  return f.gesture.pressed && r.contains(v(f.gesture.position)) && r.contains(v(f.gesture.press_origin));
}

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float s, ImU32 col) {
  const float t = std::max(2.0f, s * 0.1f);
  const float h = s * 0.5f;
  switch (icon) {
    case Icon::none: break;
    case Icon::back:
      dl->AddLine({c.x - h, c.y}, {c.x + h, c.y}, col, t);
      dl->AddLine({c.x - h, c.y}, {c.x - h * 0.2f, c.y - h * 0.75f}, col, t);
      dl->AddLine({c.x - h, c.y}, {c.x - h * 0.2f, c.y + h * 0.75f}, col, t);
      break;
    case Icon::home: {
      const ImVec2 roof[] = {{c.x - h, c.y - h * 0.05f}, {c.x, c.y - h * 0.9f}, {c.x + h, c.y - h * 0.05f}};
      dl->AddPolyline(roof, 3, col, 0, t);
      dl->AddRect({c.x - h * 0.68f, c.y - h * 0.2f}, {c.x + h * 0.68f, c.y + h * 0.85f}, col, 0, 0, t);
      dl->AddRectFilled({c.x - h * 0.18f, c.y + h * 0.25f}, {c.x + h * 0.18f, c.y + h * 0.85f}, col);
      break;
    }
    case Icon::close:
      dl->AddLine({c.x - h * 0.75f, c.y - h * 0.75f}, {c.x + h * 0.75f, c.y + h * 0.75f}, col, t);
      dl->AddLine({c.x - h * 0.75f, c.y + h * 0.75f}, {c.x + h * 0.75f, c.y - h * 0.75f}, col, t);
      break;
    case Icon::previous:
    case Icon::next: {
      const float d = icon == Icon::next ? 1.0f : -1.0f;
      const ImVec2 pts[] = {{c.x - d * h * 0.35f, c.y - h * 0.8f}, {c.x + d * h * 0.4f, c.y}, {c.x - d * h * 0.35f, c.y + h * 0.8f}};
      dl->AddPolyline(pts, 3, col, 0, t);
      break;
    }
    case Icon::info:  // "i" in a ring: information about the exhibition
      dl->AddCircle(c, h * 0.95f, col, 0, t * 0.8f);
      dl->AddCircleFilled({c.x, c.y - h * 0.45f}, t * 0.75f, col);
      dl->AddLine({c.x, c.y - h * 0.15f}, {c.x, c.y + h * 0.55f}, col, t);
      break;
    case Icon::search: {  // a magnifying glass
      const ImVec2 lens{c.x - h * 0.18f, c.y - h * 0.18f};
      dl->AddCircle(lens, h * 0.58f, col, 0, t);
      dl->AddLine({lens.x + h * 0.41f, lens.y + h * 0.41f}, {c.x + h * 0.85f, c.y + h * 0.85f}, col, t * 1.3f);
      break;
    }
    case Icon::backspace: {  // a key pointing left with a cross in it
      const ImVec2 outline[] = {{c.x - h, c.y}, {c.x - h * 0.45f, c.y - h * 0.6f}, {c.x + h, c.y - h * 0.6f},
                                {c.x + h, c.y + h * 0.6f}, {c.x - h * 0.45f, c.y + h * 0.6f}};
      dl->AddPolyline(outline, 5, col, ImDrawFlags_Closed, t);
      const float x = c.x + h * 0.25f, r = h * 0.28f;
      dl->AddLine({x - r, c.y - r}, {x + r, c.y + r}, col, t);
      dl->AddLine({x - r, c.y + r}, {x + r, c.y - r}, col, t);
      break;
    }
    case Icon::keyboard_hide: {  // a chevron pointing down under three dots: put the keyboard away
      for (int i = -1; i <= 1; ++i) dl->AddCircleFilled({c.x + static_cast<float>(i) * h * 0.5f, c.y - h * 0.55f}, t * 0.7f, col);
      const ImVec2 chevron[] = {{c.x - h * 0.6f, c.y + h * 0.05f}, {c.x, c.y + h * 0.6f}, {c.x + h * 0.6f, c.y + h * 0.05f}};
      dl->AddPolyline(chevron, 3, col, 0, t);
      break;
    }
    case Icon::timeline: {  // an hourglass: time
      const ImVec2 glass[] = {{c.x - h * 0.55f, c.y - h * 0.8f}, {c.x + h * 0.55f, c.y - h * 0.8f},
                              {c.x - h * 0.55f, c.y + h * 0.8f}, {c.x + h * 0.55f, c.y + h * 0.8f}};
      dl->AddPolyline(glass, 4, col, ImDrawFlags_Closed, t);
      dl->AddLine({c.x - h * 0.8f, c.y - h * 0.8f}, {c.x + h * 0.8f, c.y - h * 0.8f}, col, t);
      dl->AddLine({c.x - h * 0.8f, c.y + h * 0.8f}, {c.x + h * 0.8f, c.y + h * 0.8f}, col, t);
      dl->AddTriangleFilled({c.x - h * 0.35f, c.y + h * 0.8f}, {c.x + h * 0.35f, c.y + h * 0.8f}, {c.x, c.y + h * 0.3f}, col);
      break;
    }
    case Icon::reach: {  // an arrow down to a line: everything within reach below
      dl->AddLine({c.x, c.y - h * 0.9f}, {c.x, c.y + h * 0.25f}, col, t);
      dl->AddTriangleFilled({c.x - h * 0.45f, c.y + h * 0.05f}, {c.x + h * 0.45f, c.y + h * 0.05f}, {c.x, c.y + h * 0.55f}, col);
      dl->AddLine({c.x - h * 0.85f, c.y + h * 0.85f}, {c.x + h * 0.85f, c.y + h * 0.85f}, col, t);
      break;
    }
    case Icon::language: {  // a globe: its rim, the equator and a meridian's two curves
      const float r = h * 0.9f, w = std::max(1.0f, t * 0.7f);
      dl->AddCircle(c, r, col, 0, w);
      dl->AddLine({c.x - r, c.y}, {c.x + r, c.y}, col, w);
      for (int i = 0; i < 24; ++i) {
        const float a = static_cast<float>(i) * std::numbers::pi_v<float> / 12;
        dl->PathLineTo({c.x + r * 0.42f * std::cos(a), c.y + r * std::sin(a)});
      }
      dl->PathStroke(col, ImDrawFlags_Closed, w);
      break;
    }
    case Icon::contrast: {  // a ring with its right half filled: light and dark
      dl->AddCircle(c, h * 0.9f, col, 0, t * 0.8f);
      dl->PathArcTo(c, h * 0.9f, -std::numbers::pi_v<float> * 0.5f, std::numbers::pi_v<float> * 0.5f, 16);
      dl->PathFillConvex(col);
      break;
    }
    case Icon::play:  // a triangle pointing on, its weight a little right of centre
      dl->AddTriangleFilled({c.x - h * 0.55f, c.y - h * 0.75f}, {c.x - h * 0.55f, c.y + h * 0.75f}, {c.x + h * 0.8f, c.y}, col);
      break;
    case Icon::pause:
      dl->AddRectFilled({c.x - h * 0.6f, c.y - h * 0.7f}, {c.x - h * 0.15f, c.y + h * 0.7f}, col);
      dl->AddRectFilled({c.x + h * 0.15f, c.y - h * 0.7f}, {c.x + h * 0.6f, c.y + h * 0.7f}, col);
      break;
    case Icon::volume: {  // a loudspeaker; the waves beside it are the caller's (the level)
      dl->AddRectFilled({c.x - h * 0.9f, c.y - h * 0.3f}, {c.x - h * 0.4f, c.y + h * 0.3f}, col);
      const ImVec2 cone[] = {{c.x - h * 0.45f, c.y - h * 0.3f}, {c.x, c.y - h * 0.75f}, {c.x, c.y + h * 0.75f}, {c.x - h * 0.45f, c.y + h * 0.3f}};
      dl->AddConvexPolyFilled(cone, 4, col);
      break;
    }
    case Icon::map: {  // a map pin: where
      const ImVec2 head{c.x, c.y - h * 0.3f};
      const float r = h * 0.55f;
      dl->PathArcTo(head, r, std::numbers::pi_v<float> * 0.8f, std::numbers::pi_v<float> * 2.2f, 16);
      dl->PathLineTo({c.x, c.y + h * 0.95f});
      dl->PathStroke(col, ImDrawFlags_Closed, t);
      dl->AddCircleFilled(head, r * 0.38f, col);
      break;
    }
    case Icon::calendar: {  // a calendar page: its frame, the binding rings, a row of days
      const ImVec2 min{c.x - h * 0.8f, c.y - h * 0.62f}, max{c.x + h * 0.8f, c.y + h * 0.8f};
      dl->AddRect(min, max, col, h * 0.12f, 0, t);
      dl->AddRectFilled(min, {max.x, min.y + h * 0.42f}, col, h * 0.12f, ImDrawFlags_RoundCornersTop);
      for (const float x : {c.x - h * 0.4f, c.x + h * 0.4f}) dl->AddLine({x, c.y - h * 0.9f}, {x, c.y - h * 0.45f}, col, t);
      for (int i = 0; i < 3; ++i)
        dl->AddRectFilled({c.x - h * 0.55f + static_cast<float>(i) * h * 0.42f, c.y + h * 0.12f},
                          {c.x - h * 0.29f + static_cast<float>(i) * h * 0.42f, c.y + h * 0.38f}, col);
      break;
    }
  }
}

bool button(UiFrame& f, const Rect& r, std::string name, std::string_view label, Icon icon, bool primary, const Rect* clip) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string visual;  // a right-to-left label ("עברית") in drawing order
  if (has_rtl(label)) label = visual = visual_line(label);
  const auto& c = f.colors();
  const bool down = pressed(f, r);
  const float rounding = r.height() * 0.5f;
  const ImU32 fill = primary ? (down ? with_alpha(c.accent, 0.8f) : c.accent) : (down ? c.surface_pressed : c.surface);
  const ImU32 ink = primary ? c.accent_text : c.text;
  dl->AddRectFilled(r.min, r.max, fill, rounding);
  if (!primary) dl->AddRect(r.min, r.max, c.outline, rounding, 0, std::max(1.0f, f.metrics().mm * 0.3f));
  const float icon_size = r.height() * 0.42f;
  ImFont* font = f.fonts.ui;
  const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
  const float gap = label.empty() || icon == Icon::none ? 0 : icon_size * 0.6f;
  const float content = (icon == Icon::none ? 0 : icon_size) + gap + ts.x;
  float x = r.center().x - content * 0.5f;
  if (icon != Icon::none) {
    draw_icon(dl, icon, {x + icon_size * 0.5f, r.center().y}, icon_size, ink);
    x += icon_size + gap;
  }
  if (!label.empty())
    dl->AddText(font, font->FontSize, {x, r.center().y - ts.y * 0.5f}, ink, label.data(), label.data() + label.size());
  return tapped(f, r, std::move(name), clip);
}

float button_width(const UiFrame& f, std::string_view label, Icon icon) {
  ImFont* font = f.fonts.ui;
  const float text = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
  return text + f.metrics().target * (icon == Icon::none ? 0.9f : 1.3f);
}

namespace {

// A launcher: round, the icon alone, highlighted on its own screen.
void launcher_button(UiFrame& f, const Launcher& l, ImVec2 min) {
  const float h = f.metrics().target;
  const bool current = f.route.screen == l.screen;
  if (button(f, {min, {min.x + h, min.y + h}}, l.target, "", l.icon, current) && !current)
    f.intents.push_back(session::intent::Open{l.screen});
}

}  // namespace

float home_launchers_width(const UiFrame& f) {
  const auto& m = f.metrics();
  float w = 0;
  for (const auto& l : f.launchers)
    if (l.beside_home) w += m.target + m.px(3);
  return w;
}

float home_launchers(UiFrame& f, float x, float center_y) {
  const auto& m = f.metrics();
  const float start = x;
  for (const auto& l : f.launchers)
    if (l.beside_home) {
      launcher_button(f, l, {x, center_y - m.target * 0.5f});
      x += m.target + m.px(3);
    }
  return x - start;
}

float visitor_controls(UiFrame& f, float right, float center_y) {
  const auto& m = f.metrics();
  ImFont* font = f.fonts.ui;
  const auto& langs = f.languages;
  const float h = m.target;
  const float pad = m.px(5);
  float total = 0;
  // Up to three languages side by side, each named in itself; more: one button with the current
  // one's name and a globe, which opens the picker (language_picker()).
  const bool compact = langs.size() > kLanguagesSideBySide;
  std::vector<float> widths;
  for (const auto& l : langs) {
    if (compact && l != f.language) continue;
    const auto name = f.strings.language_name(l);
    const float w = compact ? button_width(f, name, Icon::language)
                            : std::max(m.target * 1.6f, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, name.data(), name.data() + name.size()).x + 2 * pad);
    widths.push_back(w);
    total += w;
  }
  total += m.px(2) * static_cast<float>(widths.size() > 0 ? widths.size() - 1 : 0);
  // The text-size toggle: "A" in two sizes, the second growing with each step, over three dots
  // (one filled per step); highlighted while the text is bigger than normal.
  const float size_w = m.target * 1.6f;
  total += size_w + m.px(2) + h + m.px(4);  // text size, contrast
  total += h + m.px(2);                     // reach
  for (const auto& l : f.launchers)
    if (!l.beside_home) total += h + m.px(2);
  float x = right - total;
  for (const auto& l : f.launchers)
    if (!l.beside_home) {
      launcher_button(f, l, {x, center_y - h * 0.5f});
      x += h + m.px(2);
    }
  {
    const Rect r{{x, center_y - h * 0.5f}, {x + size_w, center_y + h * 0.5f}};
    const bool bigger = f.text_size != session::TextSize::normal;
    if (button(f, r, "text.size", "", Icon::none, bigger)) f.intents.push_back(session::intent::SetTextSize{session::next(f.text_size)});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 ink = bigger ? f.colors().accent_text : f.colors().text;
    const int step = static_cast<int>(f.text_size);  // 0, 1, 2
    const float small = h * 0.32f, big = h * (0.44f + 0.08f * static_cast<float>(step));
    const float base = r.center().y + h * 0.17f;  // the letters' baseline, above the dots
    dl->AddText(font, small, {r.center().x - small * 0.95f, base - small * 0.78f}, ink, "A");
    dl->AddText(font, big, {r.center().x - small * 0.05f, base - big * 0.78f}, ink, "A");
    const float dot = std::max(1.5f, h * 0.05f), spacing = h * 0.18f, dots_y = r.max.y - h * 0.18f;
    for (int i = 0; i < 3; ++i) {
      const ImVec2 at{r.center().x + static_cast<float>(i - 1) * spacing, dots_y};
      if (i <= step)
        dl->AddCircleFilled(at, dot, ink);
      else
        dl->AddCircle(at, dot, ink, 0, std::max(1.0f, dot * 0.45f));
    }
    x += size_w + m.px(2);
  }
  {  // reach mode: an arrow down to a line (touch/reach.h)
    const Rect r{{x, center_y - h * 0.5f}, {x + h, center_y + h * 0.5f}};
    if (button(f, r, "reach", "", Icon::none, f.reach)) f.intents.push_back(session::intent::SetReach{!f.reach});
    draw_icon(ImGui::GetWindowDrawList(), Icon::reach, r.center(), h * 0.42f, f.reach ? f.colors().accent_text : f.colors().text);
    x += h + m.px(2);
  }
  {  // high contrast: a circle half filled
    const Rect r{{x, center_y - h * 0.5f}, {x + h, center_y + h * 0.5f}};
    if (button(f, r, "contrast", "", Icon::none, f.high_contrast)) f.intents.push_back(session::intent::SetHighContrast{!f.high_contrast});
    draw_icon(ImGui::GetWindowDrawList(), Icon::contrast, r.center(), h * 0.42f, f.high_contrast ? f.colors().accent_text : f.colors().text);
    x += h + m.px(4);
  }
  if (compact) {
    const Rect r{{x, center_y - h * 0.5f}, {x + widths.front(), center_y + h * 0.5f}};
    if (button(f, r, "lang", f.strings.language_name(f.language), Icon::language, f.choosing_language))
      f.intents.push_back(session::intent::ChooseLanguage{!f.choosing_language});
    return total;
  }
  for (std::size_t i = 0; i < langs.size(); ++i) {
    const Rect r{{x, center_y - h * 0.5f}, {x + widths[i], center_y + h * 0.5f}};
    const bool current = langs[i] == f.language;
    const auto name = f.strings.language_name(langs[i]);
    if (button(f, r, "lang." + langs[i], name, Icon::none, current) && !current)
      f.intents.push_back(session::intent::SetLanguage{langs[i]});
    x += widths[i] + m.px(2);
  }
  return total;
}

bool top_bar(UiFrame& f, std::string_view title, bool root) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float cy = m.bar_height * 0.5f;
  dl->AddRectFilled({0, 0}, {size.x, m.bar_height}, c.background);
  dl->AddLine({m.margin, m.bar_height - 1}, {size.x - m.margin, m.bar_height - 1}, c.outline, std::max(1.0f, m.mm * 0.25f));
  // The visitor's controls first: what they leave decides whether Back keeps its label.
  const float switch_w = visitor_controls(f, size.x - m.margin, cy);
  const float title_end = size.x - m.margin - switch_w - m.px(6);
  float x = m.margin;
  if (!root) {
    // Back with its label while a title of some width still fits beside it (bigger text, a
    // narrow window), else the arrow alone, round like Home.
    const auto back = f.tr("nav.back", "Back");
    const float labelled = button_width(f, back, Icon::back);
    const float rest = m.px(3) + m.target + m.px(3) + home_launchers_width(f) + m.px(3);
    const bool label = title_end - (x + labelled + rest) >= m.px(45);
    const float bw = label ? labelled : m.target;
    if (button(f, {{x, cy - m.target * 0.5f}, {x + bw, cy + m.target * 0.5f}}, "nav.back", label ? back : "", Icon::back))
      f.intents.push_back(session::intent::Back{});
    x += bw + m.px(3);
    if (button(f, {{x, cy - m.target * 0.5f}, {x + m.target, cy + m.target * 0.5f}}, "nav.home", "", Icon::home))
      f.intents.push_back(session::intent::Home{});
    x += m.target + m.px(3);
  }
  x += home_launchers(f, x, cy) + m.px(3);
  ImFont* tf = f.fonts.lead;
  // Left out where only a letter or two and "…" would fit (the screen's own heading says it).
  if (title_end - x >= tf->FontSize * 4) text_line(dl, tf, {x, cy - tf->FontSize * 0.55f}, title_end - x, c.text, title);
  return tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, title.data(), title.data() + title.size()).x <= title_end - x;
}

namespace {

float text_width(ImFont* font, std::string_view t) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, t.data(), t.data() + t.size()).x;
}

// Behind the line of `text` [from, to) drawn at `pos` (as draw_line does, in a paragraph going
// `dir`), the marked words it holds, cut at max_w. A line with right-to-left letters is marked
// where its words are drawn, in visual order; not when it is cut with an ellipsis (the last line).
void draw_marks(ImDrawList* dl, ImFont* font, ImVec2 pos, std::string_view text, const char* from, const char* to,
                float max_w, const Marks& marks, Direction dir) {
  const float pad = font->FontSize * 0.08f;
  const auto mark = [&](float x0, float x1) {
    x1 = std::min(max_w, x1);
    if (x1 > x0)
      dl->AddRectFilled({pos.x + x0 - pad, pos.y}, {pos.x + x1 + pad, pos.y + font->FontSize * 1.1f}, marks.color,
                        font->FontSize * 0.15f);
  };
  const std::string_view line(from, static_cast<std::size_t>(to - from));
  const bool rtl = has_rtl(line);
  std::string shown;
  float shift = 0;  // a right-to-left paragraph's lines are flush right
  if (rtl) {
    shown = visual_line(line, dir);
    const float w = text_width(font, shown);
    if (w > max_w) return;
    if (dir == Direction::rtl) shift = max_w - w;
  }
  for (const auto& span : marks.spans) {
    const char* b = text.data() + span.begin;
    const char* e = text.data() + std::min(span.end, text.size());
    if (e <= from || b >= to) continue;
    b = std::max(b, from);
    e = std::min(e, to);
    if (!rtl) {
      mark(text_width(font, {from, static_cast<std::size_t>(b - from)}), text_width(font, {from, static_cast<std::size_t>(e - from)}));
      continue;
    }
    for (const ByteRange& r : visual_ranges(line, dir, static_cast<std::size_t>(b - from), static_cast<std::size_t>(e - from)))
      mark(shift + text_width(font, std::string_view(shown).substr(0, r.begin)),
           shift + text_width(font, std::string_view(shown).substr(0, r.end)));
  }
}

}  // namespace

namespace {

constexpr std::string_view kSoftHyphen = "\xC2\xAD";  // U+00AD: where a long word may break

std::string without_soft_hyphens(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t at = 0;;) {
    const auto next = line.find(kSoftHyphen, at);
    out.append(line.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos) return out;
    at = next + kSoftHyphen.size();
  }
}

// A line from `s` that ImGui ends at `line_end` (before a word that does not fit, or inside one
// wider than the column): where that word has soft hyphens ("Sammlungs\u00ADstücke"), the line
// takes the part up to the last one that fits with its "-". Moves `line_end`; true if it did.
bool hyphenate(ImFont* font, const char* s, const char*& line_end, const char* end, float width) {
  if (line_end >= end || *line_end == '\n') return false;
  const char* word = line_end;
  if (*word == ' ')
    while (word < end && *word == ' ') ++word;  // the word that did not fit
  else
    while (word > s && word[-1] != ' ') --word;  // broken inside a word: back to its start
  const char* word_end = word;
  while (word_end < end && *word_end != ' ' && *word_end != '\n') ++word_end;
  const std::string_view w(word, static_cast<std::size_t>(word_end - word));
  const char* best = nullptr;
  for (auto at = w.find(kSoftHyphen); at != std::string_view::npos; at = w.find(kSoftHyphen, at + 1)) {
    const std::string head = without_soft_hyphens(std::string_view(s, static_cast<std::size_t>(word - s) + at)) + "-";
    if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, head.data(), head.data() + head.size()).x > width) break;
    best = word + at + kSoftHyphen.size();
  }
  if (!best) return false;
  line_end = best;
  return true;
}

}  // namespace

float text_block(ImDrawList* dl, ImFont* font, ImVec2 pos, float wrap_width, ImU32 color, std::string_view text,
                 float line_spacing, int max_lines, const Marks* marks) {
  const float size = font->FontSize;
  const float line_h = size * line_spacing;
  const char* s = text.data();
  const char* end = text.data() + text.size();
  const bool marking = dl && marks && !marks->spans.empty();
  float y = pos.y;
  int lines = 0;
  const Direction dir = paragraph_direction(text);
  const bool shy = text.find(kSoftHyphen) != std::string_view::npos;
  while (s < end) {
    if (max_lines > 0 && ++lines == max_lines) {
      // Last permitted line: the rest of the text, cut with an ellipsis where it overflows.
      const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(end - s)));
      if (marking) draw_marks(dl, font, {pos.x, y}, text, s, nl ? nl : end, wrap_width, *marks, dir);
      const std::string_view rest(s, static_cast<std::size_t>((nl ? nl : end) - s));
      if (dl) text_line(dl, font, {pos.x, y}, wrap_width, color, shy ? std::string_view(without_soft_hyphens(rest)) : rest);
      y += line_h;
      break;
    }
    const char* line_end = font->CalcWordWrapPositionA(1.0f, s, end, wrap_width);
    if (line_end == s) line_end = s + 1;  // a single glyph wider than the column: still progress
    const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(line_end - s)));
    if (nl) line_end = nl;
    const bool hyphen = !nl && shy && hyphenate(font, s, line_end, end, wrap_width);
    if (marks && marks->first_line_y && !marks->spans.empty()) {
      const auto first = text.data() + marks->spans.front().begin;
      if (first >= s && (first < line_end || line_end == end)) *marks->first_line_y = y;
    }
    if (marking) draw_marks(dl, font, {pos.x, y}, text, s, line_end, wrap_width, *marks, dir);
    if (dl) {
      const std::string_view line{s, static_cast<std::size_t>(line_end - s)};
      if (shy) {  // soft hyphens are break points, not letters; the one broken at shows as "-"
        std::string shown = without_soft_hyphens(line);
        if (hyphen) shown += '-';
        draw_line(dl, font, size, {pos.x, y}, wrap_width, color, shown, dir);
      } else {
        draw_line(dl, font, size, {pos.x, y}, wrap_width, color, line, dir);
      }
    }
    y += line_h;
    s = line_end;
    if (s < end && *s == '\n') {
      ++s;
      if (s < end && *s == '\n') {  // blank line: a paragraph break
        y += line_h * 0.45f;
        while (s < end && *s == '\n') ++s;
      }
    }
    while (s < end && *s == ' ') ++s;
  }
  return y - pos.y;
}

void text_line(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view text) {
  if (max_width <= 0) return;
  if (has_rtl(text)) return draw_line_cut(dl, font, pos, max_width, color, text, paragraph_direction(text));
  const char* b = text.data();
  const char* e = b + text.size();
  if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, e).x <= max_width) {
    dl->AddText(font, font->FontSize, pos, color, b, e);
    return;
  }
  static constexpr char kEllipsis[] = "\xE2\x80\xA6";  // …
  const float ell = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, kEllipsis, kEllipsis + 3).x;
  const char* cut = b;
  font->CalcTextSizeA(font->FontSize, max_width - ell, 0, b, e, &cut);
  dl->AddText(font, font->FontSize, pos, color, b, cut);
  const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, cut).x;
  dl->AddText(font, font->FontSize, {pos.x + w, pos.y}, color, kEllipsis, kEllipsis + 3);
}

void image(UiFrame& f, ImDrawList* dl, const Rect& r, std::int64_t media_id, catalog::MediaVariant variant, Fit fit,
           float rounding) {
  const auto& c = f.colors();
  // Cropped to fill r, it need be no larger than r, in steps of 32 pixels (so that a pixel more or
  // less is the same texture).
  const auto step = [](float px) { return (static_cast<int>(std::ceil(px)) + 31) / 32 * 32; };
  const ImageView img = fit == Fit::cover ? f.images.image_covering(media_id, variant, step(r.width()), step(r.height()))
                                          : f.images.image(media_id, variant);
  if (img.status != ImageView::Status::ready || img.alpha < 1.0f) {
    if (fit == Fit::cover) dl->AddRectFilled(r.min, r.max, c.placeholder, rounding);
    if (img.status == ImageView::Status::failed) {
      // A framed landscape glyph: "an image belongs here".
      const ImVec2 ctr = r.center();
      const float s = std::min(r.width(), r.height()) * 0.18f;
      if (fit != Fit::cover) dl->AddRectFilled(r.min, r.max, c.placeholder, rounding);
      dl->AddRect({ctr.x - s, ctr.y - s * 0.75f}, {ctr.x + s, ctr.y + s * 0.75f}, c.text_muted, 0, 0, std::max(2.0f, s * 0.06f));
      const ImVec2 hill[] = {{ctr.x - s * 0.8f, ctr.y + s * 0.55f}, {ctr.x - s * 0.2f, ctr.y - s * 0.1f},
                             {ctr.x + s * 0.2f, ctr.y + s * 0.3f}, {ctr.x + s * 0.45f, ctr.y + s * 0.05f},
                             {ctr.x + s * 0.8f, ctr.y + s * 0.55f}};
      dl->AddPolyline(hill, 5, c.text_muted, 0, std::max(2.0f, s * 0.06f));
      dl->AddCircleFilled({ctr.x + s * 0.45f, ctr.y - s * 0.35f}, s * 0.13f, c.text_muted);
      return;
    }
    if (img.status == ImageView::Status::loading) return;
  }
  const ImU32 tint = with_alpha(IM_COL32_WHITE, img.alpha);
  const float iw = static_cast<float>(img.width), ih = static_cast<float>(img.height);
  if (fit == Fit::cover) {
    // Crop the image to fill r, keeping the centre.
    const float s = std::max(r.width() / iw, r.height() / ih);
    const float uw = r.width() / (iw * s), uh = r.height() / (ih * s);
    const ImVec2 uv0{(1 - uw) * 0.5f, (1 - uh) * 0.5f}, uv1{uv0.x + uw, uv0.y + uh};
    dl->AddImageRounded(img.texture, r.min, r.max, uv0, uv1, tint, rounding);
  } else {
    const float s = std::min(r.width() / iw, r.height() / ih);
    const ImVec2 size{iw * s, ih * s};
    const ImVec2 p{r.center().x - size.x * 0.5f, r.center().y - size.y * 0.5f};
    dl->AddImage(img.texture, p, {p.x + size.x, p.y + size.y}, {0, 0}, {1, 1}, tint);
  }
  if (img.alpha < 1.0f) f.animating = true;
}

float vertical_scroll(UiFrame& f, touch::ScrollAxis& axis, const Rect& area, float content_height) {
  const auto& g = f.gesture;
  if (f.route_changed) axis.set_offset(f.route.scroll);  // another list, or back to this one
  axis.set_extent(area.height(), content_height);
  // Vertical and free pans scroll; a horizontal one belongs to a pager.
  const bool mine = area.contains(v(g.press_origin)) && g.lock != touch::Lock::horizontal;
  const bool held = g.fingers > 0 && mine;
  if (held) axis.stop();  // a touch-down catches a moving list
  if ((g.dragging || g.drag_ended) && mine) axis.drag(g.drag_delta.y);
  if (g.drag_ended && mine) axis.release(g.release_velocity.y);
  if (axis.update(f.dt_ms, held && !g.drag_ended)) f.animating = true;
  f.route.scroll = axis.offset();
  return axis.offset();
}

void zoom_gestures(UiFrame& f, touch::ZoomView& zoom, const Rect& area, bool x_only) {
  const auto& g = f.gesture;
  const bool mine = area.contains(v(g.press_origin));
  const bool held = g.fingers > 0 && mine;
  const auto along = [x_only](touch::Vec2 d) { return x_only ? touch::Vec2{d.x, 0} : d; };
  if (mine) {
    if (held && zoom.moving()) zoom.stop();
    if (g.scale != 1.0f) zoom.pinch(g.scale, g.focal);
    if (g.dragging || g.drag_ended) zoom.pan(along(g.drag_delta));
    if (g.drag_ended) zoom.release(along(g.release_velocity));
    if (g.tap && g.tap_count == 2 && !f.tap_consumed && area.contains(v(*g.tap))) {
      zoom.focus(zoom.to_image(*g.tap), zoom.scale() * 2, 250);
      f.tap_consumed = true;
    }
  }
  if (zoom.update(f.dt_ms, held && !g.drag_ended)) f.animating = true;
}

int page_swipe(UiFrame& f, touch::Pager& pager, bool swiping) {
  const auto& g = f.gesture;
  const float flick = f.metrics().mm * 0.1f;  // 100 mm/s
  if (swiping && g.fingers > 0 && pager.moving()) pager.drag(0);  // a touch catches a turning page
  if (swiping && (g.dragging || g.drag_ended)) pager.drag(g.drag_delta.x);
  if (swiping && g.drag_ended) pager.release(g.release_velocity.x, flick);
  if (g.fingers == 0 && pager.displaced() && !pager.moving()) pager.release(0, flick);
  const int turned = pager.update(f.dt_ms);
  if (pager.moving()) f.animating = true;
  return turned;
}

namespace {

// FNV-1a, its bits mixed (MurmurHash3's finaliser) so that neighbouring names spread evenly.
std::uint32_t name_hash(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (const char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  return h ^ (h >> 16);
}

// At most three lines of `text` wrapped to `width`; `cut` when text is left over (the last line
// then ends in an ellipsis when drawn).
struct TitleLines {
  std::array<std::string_view, 3> lines;
  int count = 0;
  bool cut = false;
};

TitleLines wrap_title(ImFont* font, std::string_view text, float width) {
  TitleLines out;
  const char* s = text.data();
  const char* end = s + text.size();
  while (s < end && out.count < static_cast<int>(out.lines.size())) {
    const char* line_end = font->CalcWordWrapPositionA(1.0f, s, end, width);
    if (line_end == s) line_end = s + 1;  // a glyph wider than the column: still progress
    if (const void* nl = std::memchr(s, '\n', static_cast<std::size_t>(line_end - s))) line_end = static_cast<const char*>(nl);
    const char* trimmed = line_end;
    while (trimmed > s && trimmed[-1] == ' ') --trimmed;
    out.lines[static_cast<std::size_t>(out.count++)] = {s, static_cast<std::size_t>(trimmed - s)};
    s = line_end;
    while (s < end && (*s == ' ' || *s == '\n')) ++s;
  }
  out.cut = s < end;
  return out;
}

// A line centred on `center_x`; with `ellipsis`, cut at a word (or a glyph) to leave room for "…".
void centred_line(ImDrawList* dl, ImFont* font, float center_x, float y, float max_width, ImU32 color,
                  std::string_view line, bool ellipsis) {
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
  if (!ellipsis) {
    const std::string shown = visual_line(line);
    dl->AddText(font, font->FontSize, {center_x - text_width(font, shown) * 0.5f, y}, color, shown.data(),
                shown.data() + shown.size());
    return;
  }
  const char* b = line.data();
  const char* cut = b;
  font->CalcTextSizeA(font->FontSize, std::max(0.0f, max_width - text_width(font, kEllipsis)), 0, b, b + line.size(), &cut);
  if (cut < b + line.size()) {  // cut inside the line: rather before the word it cut into
    const char* space = cut;
    while (space > b && space[-1] != ' ') --space;
    if (space > b) cut = space;
  }
  while (cut > b && (cut[-1] == ' ' || cut[-1] == ',' || cut[-1] == ';' || cut[-1] == ':')) --cut;
  draw_cut(dl, font, {center_x - max_width * 0.5f, y}, max_width, 0.5f, color, {b, static_cast<std::size_t>(cut - b)},
           paragraph_direction(line));
}

// A Greek key frieze along [x0, x1]: a rail at `rail_y` and square spirals rising from it by
// `height` (a negative height hangs them below), lines a third of the height apart.
void key_frieze(ImDrawList* dl, float x0, float x1, float rail_y, float height, ImU32 ink, float t) {
  const float g = std::abs(height) / 3;
  const int n = std::max(1, static_cast<int>((x1 - x0 - g) / (4 * g)));
  const float start = (x0 + x1) * 0.5f - (static_cast<float>(n) * 4 - 1) * g * 0.5f;  // centred
  const float up = height / 3;
  dl->AddLine({x0, rail_y}, {x1, rail_y}, ink, t);
  for (int i = 0; i < n; ++i) {
    const float x = start + static_cast<float>(i) * 4 * g;
    const ImVec2 key[] = {{x, rail_y},         {x, rail_y - 3 * up},         {x + 3 * g, rail_y - 3 * up},
                          {x + 3 * g, rail_y - up}, {x + g, rail_y - up}, {x + g, rail_y - 2 * up},
                          {x + 2 * g, rail_y - 2 * up}};
    dl->AddPolyline(key, 7, ink, 0, t);
  }
}

// Diagonal hatching inside `r`, lines `spacing` apart (measured along x), rising or falling.
void hatching(ImDrawList* dl, const Rect& r, float spacing, bool rising, ImU32 ink, float t) {
  const float w = r.width(), h = r.height();
  // Lines x = y + k (falling) or x = k - y (rising), in coordinates local to r.
  for (float k = spacing * 0.5f - h; k < w; k += spacing) {
    const float ya = std::max(0.0f, -k), yb = std::min(h, w - k);
    if (yb <= ya) continue;
    if (rising)
      dl->AddLine({r.max.x - (ya + k), r.min.y + ya}, {r.max.x - (yb + k), r.min.y + yb}, ink, t);
    else
      dl->AddLine({r.min.x + ya + k, r.min.y + ya}, {r.min.x + yb + k, r.min.y + yb}, ink, t);
  }
}

void diamond(ImDrawList* dl, ImVec2 c, float s, ImU32 ink) {
  dl->AddQuadFilled({c.x, c.y - s}, {c.x + s, c.y}, {c.x, c.y + s}, {c.x - s, c.y}, ink);
}

}  // namespace

void title_placeholder(UiFrame& f, ImDrawList* dl, const Rect& r, std::string_view title, std::string_view seed,
                       float rounding) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  dl->AddRectFilled(r.min, r.max, c.placeholder, rounding);
  const std::uint32_t hash = name_hash(seed);
  const ImU32 ink = c.outline;
  const float t = std::max(1.0f, m.px(0.35f));
  const float inset = std::max(rounding, m.px(3));
  const Rect mat{{r.min.x + inset, r.min.y + inset}, {r.max.x - inset, r.max.y - inset}};
  if (mat.width() <= 0 || mat.height() <= 0) return;
  // Where the title goes: the part the pattern leaves free.
  Rect text_area = mat;
  switch (hash % 3) {
    case 0: {  // a key frieze above and below
      const float band = std::min(m.px(4.5f), mat.height() * 0.12f);
      key_frieze(dl, mat.min.x, mat.max.x, mat.min.y + band, band, ink, t);
      key_frieze(dl, mat.min.x, mat.max.x, mat.max.y - band, -band, ink, t);
      text_area = {{mat.min.x + m.px(2), mat.min.y + band + m.px(3)}, {mat.max.x - m.px(2), mat.max.y - band - m.px(3)}};
      break;
    }
    case 1: {  // hatching, a plain label in its middle (sized below, once the title is set)
      hatching(dl, mat, m.px(4.5f), (hash >> 8) & 1, with_alpha(ink, 0.75f), t);
      text_area = {{mat.min.x + m.px(6), mat.min.y + m.px(6)}, {mat.max.x - m.px(6), mat.max.y - m.px(6)}};
      break;
    }
    default: {  // a double frame, diamonds at its corners
      const float gap = m.px(1.3f);
      dl->AddRect(mat.min, mat.max, ink, 0, 0, t);
      dl->AddRect({mat.min.x + gap, mat.min.y + gap}, {mat.max.x - gap, mat.max.y - gap}, ink, 0, 0, t);
      const float d = m.px(1.6f);
      for (const ImVec2 p : {mat.min, ImVec2{mat.max.x, mat.min.y}, mat.max, ImVec2{mat.min.x, mat.max.y}}) {
        diamond(dl, p, d + t, c.placeholder);
        diamond(dl, p, d, ink);
      }
      text_area = {{mat.min.x + gap + m.px(4), mat.min.y + gap + m.px(4)}, {mat.max.x - gap - m.px(4), mat.max.y - gap - m.px(4)}};
      break;
    }
  }
  if (text_area.width() <= 0 || text_area.height() <= 0 || title.empty()) return;

  // The title font when it sets the whole title in two lines, else the lead font in three, cut.
  const float spacing = 1.12f;
  ImFont* font = f.fonts.lead;
  TitleLines lines = wrap_title(font, title, text_area.width());
  if (ImFont* big = f.fonts.title; big && big != font) {
    const TitleLines big_lines = wrap_title(big, title, text_area.width());
    if (!big_lines.cut && big_lines.count <= 2 && static_cast<float>(big_lines.count) * big->FontSize * spacing <= text_area.height()) {
      font = big;
      lines = big_lines;
    }
  }
  const float line_h = font->FontSize * spacing;
  const int shown = std::max(1, std::min(lines.count, static_cast<int>(text_area.height() / line_h)));
  const float rule_gap = m.px(2.5f);
  const float block_h = static_cast<float>(shown) * line_h + rule_gap;
  float y = text_area.center().y - block_h * 0.5f;
  if ((hash % 3) == 1) {  // the label over the hatching: as wide as the title, a little air around it
    float w = 0;
    for (int i = 0; i < shown; ++i) w = std::max(w, text_width(font, lines.lines[static_cast<std::size_t>(i)]));
    const float pad = m.px(3.5f);
    const float half = std::min(w * 0.5f + pad, text_area.width() * 0.5f + m.px(4));
    const ImVec2 mid = text_area.center();
    const ImVec2 a{mid.x - half, y - pad}, b{mid.x + half, y + block_h + pad * 0.6f};
    dl->AddRectFilled(a, b, c.placeholder);
    dl->AddRect(a, b, ink, 0, 0, t);
  }
  for (int i = 0; i < shown; ++i) {
    const bool last = i == shown - 1;
    centred_line(dl, font, text_area.center().x, y, text_area.width(), c.text_muted,
                 lines.lines[static_cast<std::size_t>(i)], last && (lines.cut || shown < lines.count));
    y += line_h;
  }
  // A short gilt rule under the title, as on a museum label.
  const float rule = m.px(7);
  y += rule_gap * 0.5f;
  dl->AddLine({text_area.center().x - rule * 0.5f, y}, {text_area.center().x + rule * 0.5f, y}, with_alpha(c.accent, 0.7f),
              std::max(1.0f, m.px(0.4f)));
}

bool card(UiFrame& f, const Rect& r, float image_height, std::optional<std::int64_t> media_id, std::string_view title,
          std::string_view subtitle, ImFont* title_font, std::string name, const Rect& clip, const Marks* title_marks,
          const Marks* subtitle_marks) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const bool down = pressed(f, r) && clip.contains(v(f.gesture.press_origin));
  dl->AddRectFilled(r.min, r.max, down ? c.surface_pressed : c.surface, m.radius);
  const Rect img{r.min, {r.max.x, r.min.y + image_height}};
  if (media_id)
    image(f, dl, img, *media_id, catalog::MediaVariant::thumbnail, Fit::cover, m.radius);
  else
    title_placeholder(f, dl, img, title, name, m.radius);
  if (down) dl->AddRectFilled(img.min, img.max, IM_COL32(0, 0, 0, 60), m.radius);
  const float pad = m.px(4);
  const float w = r.width() - 2 * pad;
  float y = img.max.y + pad * 0.8f;
  y += text_block(dl, title_font, {r.min.x + pad, y}, w, c.text, title, 1.15f, 2, title_marks);
  text_block(dl, f.fonts.small, {r.min.x + pad, std::max(y + m.px(1), r.max.y - pad - f.fonts.small->FontSize)}, w,
             c.text_muted, subtitle, 1.0f, 1, subtitle_marks);
  return tapped(f, r, std::move(name), &clip);
}

std::vector<std::size_t> shown_collections(const UiFrame& f) {
  if (f.programme) return {f.programme->collections.begin(), f.programme->collections.end()};
  std::vector<std::size_t> all(f.snapshot.collections.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

std::string format_count(const UiFrame& f, std::size_t n) {
  return f.trn("home.objects", "1 object", "{n} objects", n);
}


bool item_list_panel(UiFrame& f, ImDrawList* dl, std::span<const std::size_t> items, std::string_view title,
                     touch::ScrollAxis& scroll, std::string_view prefix) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  dl->AddRectFilled({0, 0}, size, c.scrim);
  // Wider and with taller rows for bigger text: a title and a date, each on its line.
  const float w = std::min(size.x - 2 * m.margin, std::max(m.px(190), f.fonts.ui->FontSize * 30));
  const float lines_h = f.fonts.ui->FontSize * 1.25f + f.fonts.small->FontSize * 1.3f;
  const float row = std::max({m.target, m.px(18), lines_h + m.px(3)}) + m.px(2);
  const float head = m.target + m.px(6);
  const float h = std::min(size.y * 0.75f, head + row * static_cast<float>(items.size()) + m.px(4));
  const Rect panel{{(size.x - w) * 0.5f, (size.y - h) * 0.5f}, {(size.x + w) * 0.5f, (size.y + h) * 0.5f}};
  dl->AddRectFilled(panel.min, panel.max, c.background, m.radius);
  dl->AddRect(panel.min, panel.max, c.outline, m.radius, 0, std::max(1.0f, m.px(0.3f)));
  const float pad = m.px(4);
  const std::string name(prefix);
  if (button(f, {{panel.max.x - pad - m.target, panel.min.y + pad}, {panel.max.x - pad, panel.min.y + pad + m.target}},
             name + ".close", "", Icon::close))
    return false;
  text_line(dl, f.fonts.lead, {panel.min.x + pad, panel.min.y + pad + (m.target - f.fonts.lead->FontSize) * 0.5f},
            w - 3 * pad - m.target, c.text, title);
  const Rect rows{{panel.min.x, panel.min.y + head}, {panel.max.x, panel.max.y - m.px(2)}};
  const float offset = vertical_scroll(f, scroll, rows, row * static_cast<float>(items.size()));
  dl->PushClipRect(rows.min, rows.max, true);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const float y = rows.min.y + static_cast<float>(i) * row - offset;
    if (y + row < rows.min.y || y > rows.max.y) continue;
    const auto& item = f.snapshot.items[items[i]];
    const Rect r{{rows.min.x + pad, y}, {rows.max.x - pad, y + row - m.px(2)}};
    if (pressed(f, r)) dl->AddRectFilled(r.min, r.max, c.surface_pressed, m.radius * 0.5f);
    const Rect thumb{r.min, {r.min.x + r.height(), r.max.y}};
    if (!item.media.empty())
      image(f, dl, thumb, item.media.front().id, catalog::MediaVariant::thumbnail, Fit::cover, m.radius * 0.5f);
    const float tx = thumb.max.x + m.px(3), tw = r.max.x - tx;
    const float ty = r.center().y - lines_h * 0.5f;
    text_line(dl, f.fonts.ui, {tx, ty}, tw, c.text, f.text(item.title));
    std::string when(f.text(item.period));
    if (when.empty()) when = catalog::format_period(item.year_from, item.year_to, catalog::period_language(f.language), item.certainty);
    text_line(dl, f.fonts.small, {tx, ty + f.fonts.ui->FontSize * 1.25f}, tw, c.text_muted, when);
    if (tapped(f, r, name + "." + item.slug, &rows)) f.intents.push_back(session::intent::OpenItem{item.id});
  }
  dl->PopClipRect();
  if (scroll.moving()) f.animating = true;
  // A tap beside the panel closes it.
  if (f.gesture.tap && !f.tap_consumed && !panel.contains({f.gesture.tap->x, f.gesture.tap->y})) {
    f.tap_consumed = true;
    return false;
  }
  return true;
}

media::TilePlan request_tiles(UiFrame& f, std::int64_t media_id, const media::PyramidShape& shape, float scale,
                              media::ImageRect visible) {
  const auto opacity = [&](media::TileId t) {
    const ImageView v = f.images.tile(media_id, t, false);
    return v.status == ImageView::Status::ready ? v.alpha : -1.0f;
  };
  media::TilePlan plan = media::plan_tiles(shape, scale, visible, opacity);
  for (const auto t : plan.request) f.images.tile(media_id, t, true);
  return plan;
}

void draw_tiles(UiFrame& f, ImDrawList* dl, std::int64_t media_id, const media::PyramidShape& shape,
                const media::TilePlan& plan, const std::function<ImVec2(float, float)>& at) {
  for (const auto t : plan.draw) {
    const ImageView v = f.images.tile(media_id, t, false);
    const media::ImageRect r = media::tile_rect(shape, t);
    dl->AddImage(v.texture, at(r.x0, r.y0), at(r.x1, r.y1), {0, 0}, {1, 1}, with_alpha(IM_COL32_WHITE, v.alpha));
    if (v.alpha < 1.0f) f.animating = true;
  }
}

float fallback_note(UiFrame& f, ImDrawList* dl, ImVec2 pos, float w, std::string_view shown) {
  if (shown.empty() || shown == f.language) return 0;
  const auto& m = f.metrics();
  ImFont* font = f.fonts.small;
  const float icon = font->FontSize * 0.8f, gap = font->FontSize * 0.45f;
  const std::string note = f.trf("fallback.shown_in", "Not yet translated · shown in {language}",
                                 {{"language", std::string(f.strings.language_name_in(shown, f.language))}});
  if (dl) draw_icon(dl, Icon::language, {pos.x + icon * 0.5f, pos.y + font->FontSize * 0.6f}, icon, f.colors().text_muted);
  return text_block(dl, font, {pos.x + icon + gap, pos.y}, w - icon - gap, f.colors().text_muted, note, 1.2f) + m.px(2);
}

void language_picker(UiFrame& f) {
  if (!f.choosing_language) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImFont* font = f.fonts.ui;
  // A panel under the top bar at the right, where the language button is: the heading in the
  // visitor's language, then one row a language, each named in itself; in columns when the
  // window is too short for one.
  const std::string_view heading = f.tr("lang.choose", "Choose your language");
  float name_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, heading.data(), heading.data() + heading.size()).x;
  for (const auto& l : f.languages) name_w = std::max(name_w, button_width(f, f.strings.language_name(l), Icon::none));
  const float pad = m.px(4), gap = m.px(2), row_h = m.target;
  const float col_w = std::max(name_w, m.px(55));
  const float top = m.bar_height + m.px(2), head_h = font->FontSize * 1.6f;
  const float room = std::max(row_h, size.y - top - m.margin - 2 * pad - head_h);
  const auto n = static_cast<int>(f.languages.size());
  const int per_col = std::max(1, std::min(n, static_cast<int>((room + gap) / (row_h + gap))));
  const int cols = (n + per_col - 1) / per_col;
  const float w = std::min(size.x - 2 * m.margin, static_cast<float>(cols) * col_w + static_cast<float>(cols - 1) * gap + 2 * pad);
  const float cw = (w - 2 * pad - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
  const float h = 2 * pad + head_h + static_cast<float>(per_col) * (row_h + gap) - gap;
  const Rect panel{{size.x - m.margin - w, top}, {size.x - m.margin, top + h}};
  dl->AddRectFilled({0, 0}, size, with_alpha(c.background, 0.55f));  // the screen behind steps back
  dl->AddRectFilled(panel.min, panel.max, c.background, m.radius);
  dl->AddRect(panel.min, panel.max, c.outline, m.radius, 0, std::max(1.0f, m.mm * 0.3f));
  text_line(dl, font, {panel.min.x + pad, panel.min.y + pad + (head_h - font->FontSize) * 0.4f}, w - 2 * pad, c.text_muted, heading);
  for (int i = 0; i < n; ++i) {
    const auto& l = f.languages[static_cast<std::size_t>(i)];
    const float x = panel.min.x + pad + static_cast<float>(i / per_col) * (cw + gap);
    const float y = panel.min.y + pad + head_h + static_cast<float>(i % per_col) * (row_h + gap);
    const bool current = l == f.language;
    if (button(f, {{x, y}, {x + cw, y + row_h}}, "lang." + l, f.strings.language_name(l), Icon::none, current))
      f.intents.push_back(session::intent::SetLanguage{l});
  }
  // A tap beside the panel closes it (the language button too: it lies outside).
  if (f.gesture.tap && !f.tap_consumed) {
    f.tap_consumed = true;
    if (!panel.contains(v(*f.gesture.tap))) f.intents.push_back(session::intent::ChooseLanguage{false});
  }
}

}  // namespace orpheus::ui
