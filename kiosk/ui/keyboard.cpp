#include "ui/keyboard.h"

#include <algorithm>

#include "core/utf8.h"

namespace orpheus::ui {
namespace {

constexpr double kRepeatAfterMs = 450;  // backspace held this long starts deleting by itself,
constexpr double kRepeatEveryMs = 70;   // one letter this often

float key_gap(const Metrics& m) { return m.px(1.8f); }
float key_height(const Metrics& m) { return m.target; }
// A key with a caption under its label (the layout key): both lines within the key's height,
// however big the visitor's text.
float captioned_label_px(const UiFrame& f) { return std::min(f.fonts.ui->FontSize, key_height(f.metrics()) * 0.42f); }
float caption_px(const UiFrame& f) { return std::min(f.fonts.small->FontSize, key_height(f.metrics()) * 0.36f); }
float key_width(const UiFrame& f, std::size_t columns) {
  const auto& m = f.metrics();
  const float avail = ImGui::GetIO().DisplaySize.x - 2 * m.margin;
  const float fit = (avail - key_gap(m) * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  return std::min(fit, m.px(19));
}

void drop_last_code_point(std::string& s) {
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty()) s.pop_back();
}

}  // namespace

struct OnScreenKeyboard::Key {
  enum class Kind { text, layout, space, backspace, clear, hide };
  Kind kind = Kind::text;
  std::string_view label;  // what it types and shows (text), or shows
  Icon icon = Icon::none;
  std::string name;
  std::string_view caption = {};  // small, under the label
};

float OnScreenKeyboard::height(const UiFrame& f) const {
  const KeyboardLayout* l = current_ ? current_ : layouts_.for_language(f.language);
  if (!l) return 0;
  const auto& m = f.metrics();
  return static_cast<float>(l->rows.size() + 1) * (key_height(m) + key_gap(m)) + m.px(6);
}

bool OnScreenKeyboard::draw(UiFrame& f, std::string& text, std::size_t max_chars) {
  if (language_ != f.language || !current_) {
    current_ = layouts_.for_language(f.language);
    language_ = f.language;
  }
  if (!current_) return false;
  hide_ = false;
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float top = size.y - height(f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled({0, top}, size, c.surface);
  dl->AddLine({0, top}, {size.x, top}, c.outline, std::max(1.0f, m.mm * 0.3f));

  std::size_t columns = 10;
  for (const auto& row : current_->rows) columns = std::max(columns, row.size());
  const float w = key_width(f, columns), h = key_height(m), gap = key_gap(m);
  bool changed = false;
  float y = top + m.px(3);
  const KeyboardLayout* const shown = current_;  // a layout switch takes effect in the next frame
  for (const auto& row : shown->rows) {
    const float row_w = static_cast<float>(row.size()) * (w + gap) - gap;
    float x = (size.x - row_w) * 0.5f;
    for (const auto& letter : row) {
      changed |= key(f, {{x, y}, {x + w, y + h}}, {Key::Kind::text, letter, Icon::none, "key." + letter}, text, max_chars);
      x += w + gap;
    }
    y += h + gap;
  }
  // The keyboard's own row: next layout, space, backspace, clear, hide.
  const KeyboardLayout* next = layouts_.next(*shown, f.language);
  const Key own[] = {
      {Key::Kind::layout, next && next != shown ? std::string_view(next->script) : std::string_view(), Icon::none, "key.layout",
       next ? std::string_view(next->short_name) : std::string_view()},
      {Key::Kind::space, f.tr("keyboard.space", "space"), Icon::none, "key.space"},
      {Key::Kind::backspace, "", Icon::backspace, "key.backspace"},
      {Key::Kind::clear, f.tr("keyboard.clear", "Clear"), Icon::none, "key.clear"},
      {Key::Kind::hide, "", Icon::keyboard_hide, "key.hide"},
  };
  float widths[] = {1.6f, 5.0f, 1.6f, 1.9f, 1.4f};
  const auto label_w = [&f](const Key& k) {
    const auto width = [](ImFont* font, float px, std::string_view t) { return font->CalcTextSizeA(px, FLT_MAX, 0, t.data(), t.data() + t.size()).x; };
    if (k.icon != Icon::none) return 0.0f;
    if (k.caption.empty()) return width(f.fonts.ui, f.fonts.ui->FontSize, k.label);
    return std::max(width(f.fonts.ui, captioned_label_px(f), k.label), width(f.fonts.small, caption_px(f), k.caption));
  };
  // A label bigger text makes wider than its key widens it; the space bar gives up what it takes.
  for (std::size_t i = 0; i < std::size(own); ++i) {
    const float need = (label_w(own[i]) + m.px(4)) / w;
    if (own[i].kind != Key::Kind::space && need > widths[i]) {
      const float more = std::min(need - widths[i], widths[1] - 2.5f);
      widths[i] += more;
      widths[1] -= more;
    }
  }
  float row_w = -gap;
  for (const float k : widths) row_w += k * w + gap;
  float x = (size.x - row_w) * 0.5f;
  for (std::size_t i = 0; i < std::size(own); ++i) {
    if (own[i].kind != Key::Kind::layout || !own[i].label.empty())
      changed |= key(f, {{x, y}, {x + widths[i] * w, y + h}}, own[i], text, max_chars);
    x += widths[i] * w + gap;
  }
  return changed;
}

bool OnScreenKeyboard::key(UiFrame& f, const Rect& r, const Key& k, std::string& text, std::size_t max_chars) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool down = pressed(f, r);
  const bool special = k.kind != Key::Kind::text && k.kind != Key::Kind::space;
  dl->AddRectFilled(r.min, r.max, down ? c.surface_pressed : special ? c.placeholder : c.background, m.radius);
  dl->AddRect(r.min, r.max, c.outline, m.radius, 0, std::max(1.0f, m.mm * 0.25f));
  ImFont* font = k.kind == Key::Kind::text ? f.fonts.lead : f.fonts.ui;
  if (k.icon != Icon::none) {
    draw_icon(dl, k.icon, r.center(), r.height() * 0.45f, c.text);
  } else {
    const float px = k.caption.empty() ? font->FontSize : captioned_label_px(f);
    const ImVec2 ts = font->CalcTextSizeA(px, FLT_MAX, 0, k.label.data(), k.label.data() + k.label.size());
    const float caption = caption_px(f);
    const float lift = k.caption.empty() ? 0 : caption * 0.5f;
    dl->AddText(font, px, {r.center().x - ts.x * 0.5f, r.center().y - ts.y * 0.5f - lift},
                k.kind == Key::Kind::layout ? c.accent : c.text, k.label.data(), k.label.data() + k.label.size());
    if (!k.caption.empty()) {
      ImFont* small = f.fonts.small;
      const char* b = k.caption.data();
      const char* e = b + k.caption.size();
      const float cw = small->CalcTextSizeA(caption, FLT_MAX, 0, b, e).x;
      if (cw <= r.width() - m.px(2))
        dl->AddText(small, caption, {r.center().x - cw * 0.5f, r.center().y + ts.y * 0.5f - lift}, c.text_muted, b, e);
    }
  }
  // The letter under the finger, enlarged above it: the finger hides the key itself.
  if (down && k.kind == Key::Kind::text) {
    ImFont* big = f.fonts.title;
    const ImVec2 ts = big->CalcTextSizeA(big->FontSize, FLT_MAX, 0, k.label.data(), k.label.data() + k.label.size());
    const float bw = std::max(r.width() * 1.3f, ts.x + m.px(6)), bh = r.height() * 1.25f;
    const Rect bubble{{r.center().x - bw * 0.5f, r.min.y - bh - m.px(1)}, {r.center().x + bw * 0.5f, r.min.y - m.px(1)}};
    dl->AddRectFilled(bubble.min, bubble.max, c.surface_pressed, m.radius);
    dl->AddRect(bubble.min, bubble.max, c.accent, m.radius, 0, std::max(1.0f, m.mm * 0.3f));
    dl->AddText(big, big->FontSize, {bubble.center().x - ts.x * 0.5f, bubble.center().y - ts.y * 0.5f}, c.text,
                k.label.data(), k.label.data() + k.label.size());
  }

  bool changed = false;
  if (k.kind == Key::Kind::backspace) {
    // Held (also past the long press, which a tap is no longer): deletes again and again.
    const auto& g = f.gesture;
    const bool holding = g.fingers == 1 && !g.dragging && r.contains({g.press_origin.x, g.press_origin.y}) &&
                         r.contains({g.position.x, g.position.y});
    if (holding) {
      if (hold_since_ms_ < 0) {
        hold_since_ms_ = f.now_ms;
        repeat_at_ms_ = f.now_ms + kRepeatAfterMs;
        repeated_ = false;
      } else if (f.now_ms >= repeat_at_ms_ && !text.empty()) {
        drop_last_code_point(text);
        changed = repeated_ = true;
        repeat_at_ms_ += kRepeatEveryMs;
      }
      f.animating = !text.empty();
    } else {
      hold_since_ms_ = -1;
    }
  }
  if (!tapped(f, r, k.name)) return changed;
  switch (k.kind) {
    case Key::Kind::text:
    case Key::Kind::space:
      if (core::count_code_points(text) >= max_chars) return changed;
      if (k.kind == Key::Kind::space && (text.empty() || text.back() == ' ')) return changed;
      text += k.kind == Key::Kind::space ? std::string_view(" ") : k.label;
      return true;
    case Key::Kind::backspace:
      if (repeated_ || text.empty()) return changed;  // the hold already deleted
      drop_last_code_point(text);
      return true;
    case Key::Kind::clear:
      if (text.empty()) return changed;
      text.clear();
      return true;
    case Key::Kind::layout:
      current_ = layouts_.next(*current_, f.language);
      f.animating = true;  // the new layout's keys are drawn in the next frame
      return changed;
    case Key::Kind::hide:
      hide_ = true;
      return changed;
  }
  return changed;
}

}  // namespace orpheus::ui
