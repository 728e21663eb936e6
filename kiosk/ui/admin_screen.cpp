#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/charts.h"
#include "ui/overlays.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

std::string seconds_label(const UiFrame& f, double s) {
  if (s <= 0) return std::string(f.tr("admin.off", "never"));
  const int v = static_cast<int>(std::lround(s));
  return v % 60 == 0 ? std::to_string(v / 60) + " min" : std::to_string(v) + " s";
}

void heading(UiFrame& f, ImDrawList* dl, float x, float& y, float w, std::string_view text) {
  const auto& m = f.metrics();
  text_line(dl, f.fonts.lead, {x, y}, w, f.colors().accent, text);
  y += f.fonts.lead->FontSize * 1.3f + m.px(1);
}

}  // namespace

PinPadInput draw_pin_pad(UiFrame& f, const PinPadView& v) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  dl->AddRectFilled({0, 0}, size, c.background);
  PinPadInput in;
  const float key = std::max(m.target * 1.5f, m.px(16));  // keys well above the 9 mm minimum
  const float gap = m.px(3);
  const float pad_w = 3 * key + 2 * gap;
  const float x0 = (size.x - pad_w) * 0.5f;
  float y = std::max(m.margin, (size.y - (5 * key + 4 * gap + m.px(40))) * 0.5f);
  const std::string_view title = f.tr("admin.pin_title", "Staff only: enter the PIN");
  const ImVec2 ts = f.fonts.title->CalcTextSizeA(f.fonts.title->FontSize, FLT_MAX, 0, title.data(), title.data() + title.size());
  dl->AddText(f.fonts.title, f.fonts.title->FontSize, {(size.x - ts.x) * 0.5f, y}, c.text, title.data(), title.data() + title.size());
  y += ts.y + m.px(5);
  // One dot per digit typed, never the digits.
  const float dot = m.px(2.2f);
  const std::size_t shown = std::max<std::size_t>(v.digits, 4);
  const float dots_w = static_cast<float>(shown) * dot * 3;
  for (std::size_t i = 0; i < shown; ++i) {
    const ImVec2 ctr{(size.x - dots_w) * 0.5f + (static_cast<float>(i) + 0.5f) * dot * 3, y + dot};
    if (i < v.digits)
      dl->AddCircleFilled(ctr, dot, c.text);
    else
      dl->AddCircle(ctr, dot, c.outline, 0, m.px(0.4f));
  }
  y += dot * 2 + m.px(4);
  const std::string_view msg = v.checking ? f.tr("admin.checking", "Checking…") : std::string_view(v.message);
  if (!msg.empty()) {
    const ImVec2 ms = f.fonts.ui->CalcTextSizeA(f.fonts.ui->FontSize, FLT_MAX, 0, msg.data(), msg.data() + msg.size());
    dl->AddText(f.fonts.ui, f.fonts.ui->FontSize, {(size.x - ms.x) * 0.5f, y}, v.locked ? c.accent : c.text_muted,
                msg.data(), msg.data() + msg.size());
  }
  y += f.fonts.ui->FontSize + m.px(5);
  const bool enabled = !v.locked && !v.checking;
  const char* labels = "123456789";
  for (int i = 0; i < 12; ++i) {
    const float x = x0 + static_cast<float>(i % 3) * (key + gap);
    const float ky = y + static_cast<float>(i / 3) * (key + gap);
    const Rect r{{x, ky}, {x + key, ky + key}};
    if (i < 9 || i == 10) {
      const char d = i < 9 ? labels[i] : '0';
      const std::string label(1, d);
      if (button(f, r, std::string("admin.pin.") + d, label, Icon::none) && enabled) in = {PinKey::digit, d};
    } else if (i == 9) {
      if (button(f, r, "admin.pin.erase", "", Icon::back) && !v.checking) in = {PinKey::erase, 0};
    } else {
      if (button(f, r, "admin.pin.ok", f.tr("admin.ok", "OK"), Icon::none, true) && enabled && v.digits > 0) in = {PinKey::ok, 0};
    }
  }
  const float cy = y + 4 * (key + gap) + m.px(2);
  if (button(f, {{x0, cy}, {x0 + pad_w, cy + m.target}}, "admin.pin.cancel", f.tr("admin.cancel", "Cancel"), Icon::close))
    in = {PinKey::cancel, 0};
  return in;
}

AdminInput AdminScreen::draw(UiFrame& f, const AdminInfo& info) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  dl->AddRectFilled({0, 0}, size, c.background);
  AdminInput in;
  if (confirming_ != AdminKey::none && f.now_ms > confirm_until_ms_) confirming_ = AdminKey::none;

  // Top bar: title, the two tabs, close.
  const float bar = m.bar_height;
  const float close_w = m.px(40);
  const std::string_view tabs[] = {f.tr("admin.tab_kiosk", "Kiosk"), f.tr("admin.tab_visitors", "Visitors")};
  const float tab_w = std::max(button_width(f, tabs[0], Icon::none), button_width(f, tabs[1], Icon::none));
  float tab_x = size.x - m.margin - close_w - m.px(8) - 2 * tab_w - m.px(2);
  text_line(dl, f.fonts.title, {m.margin, (bar - f.fonts.title->FontSize) * 0.5f}, tab_x - 2 * m.margin, c.text,
            f.tr("admin.title", "Kiosk administration"));
  for (int t = 0; t < 2; ++t) {
    const bool on = visitors_ == (t == 1);
    if (button(f, {{tab_x, (bar - m.target) * 0.5f}, {tab_x + tab_w, (bar + m.target) * 0.5f}}, t ? "admin.tab.visitors" : "admin.tab.kiosk",
               tabs[t], Icon::none, on) && !on) {
      visitors_ = t == 1;
      if (visitors_) in.key = AdminKey::visitors;
      f.animating = true;
    }
    tab_x += tab_w + m.px(2);
  }
  if (button(f, {{size.x - m.margin - close_w, (bar - m.target) * 0.5f}, {size.x - m.margin, (bar + m.target) * 0.5f}},
             "admin.close", f.tr("admin.close", "Close"), Icon::close, true))
    in.key = AdminKey::close;
  if (visitors_)
    draw_visitors(f, info.visitors);
  else
    draw_kiosk(f, info, in);
  return in;
}

void AdminScreen::draw_kiosk(UiFrame& f, const AdminInfo& info, AdminInput& in) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float bar = m.bar_height;

  const Rect area{{0, bar}, {size.x, size.y}};
  const float col_gap = m.px(10);
  const float col_w = (size.x - 2 * m.margin - col_gap) * 0.5f;
  const float left = m.margin, right = m.margin + col_w + col_gap;
  const float line = f.fonts.ui->FontSize * 1.35f;
  const float row = m.target + m.px(2);
  // Content height: the taller column (measured the same way it is drawn below).
  const float left_h = line * 1.3f + static_cast<float>(info.facts.size()) * line + m.px(6) + line * 1.3f +
                       static_cast<float>(std::max<std::size_t>(info.errors.size(), 1)) * f.fonts.small->FontSize * 2.6f;
  const float right_h = line * 1.3f * 4 + static_cast<float>(info.installed.size()) * line + row * 2 +
                        static_cast<float>(std::max<std::size_t>(info.candidates.size(), 1)) * row + row * 3 + m.px(30);
  const float offset = vertical_scroll(f, scroll_, area, std::max(left_h, right_h) + m.margin);
  dl->PushClipRect(area.min, area.max, true);

  // Left: the kiosk's state and its recent problems.
  float y = bar + m.px(2) - offset;
  heading(f, dl, left, y, col_w, f.tr("admin.status", "Status"));
  const float label_w = col_w * 0.38f;
  for (const auto& [label, value] : info.facts) {
    text_line(dl, f.fonts.ui, {left, y}, label_w - m.px(2), c.text_muted, label);
    text_line(dl, f.fonts.ui, {left + label_w, y}, col_w - label_w, c.text, value);
    y += line;
  }
  y += m.px(6);
  heading(f, dl, left, y, col_w, f.tr("admin.problems", "Recent problems"));
  if (info.errors.empty()) {
    text_line(dl, f.fonts.ui, {left, y}, col_w, c.text_muted, f.tr("admin.no_problems", "None since the start"));
  } else {
    for (auto it = info.errors.rbegin(); it != info.errors.rend(); ++it)  // newest first
      y += text_block(dl, f.fonts.small, {left, y}, col_w, c.text, *it, 1.1f, 2) + m.px(1.5f);
  }

  // Right: content, timeouts, the kiosk itself.
  y = bar + m.px(2) - offset;
  heading(f, dl, right, y, col_w, f.tr("admin.installed", "Installed content"));
  for (const auto& p : info.installed) {
    const std::string mark = p.current ? std::string(f.tr("admin.current", "shown")) : p.previous ? std::string(f.tr("admin.previous", "previous")) : "";
    text_line(dl, f.fonts.ui, {right, y}, col_w * 0.75f, p.current ? c.text : c.text_muted, p.label);
    text_line(dl, f.fonts.ui, {right + col_w * 0.77f, y}, col_w * 0.23f, c.accent, mark);
    y += line;
  }
  if (info.installed.empty()) {
    text_line(dl, f.fonts.ui, {right, y}, col_w, c.text_muted, f.tr("admin.none", "No content installed"));
    y += line;
  }
  y += m.px(1);
  const bool idle = info.busy.empty();
  if (info.can_rollback && button(f, {{right, y}, {right + m.px(60), y + m.target}}, "admin.rollback", f.tr("admin.rollback", "Roll back"),
                                  Icon::back) && idle)
    in.key = AdminKey::rollback;
  y += row + m.px(3);
  heading(f, dl, right, y, col_w, f.tr("admin.usb", "Install from a USB stick"));
  if (!info.can_install) {
    text_line(dl, f.fonts.ui, {right, y}, col_w, c.text_muted, f.tr("admin.no_store", "No content folder is configured ([content] dir)"));
    y += row;
  } else if (info.candidates.empty()) {
    text_line(dl, f.fonts.ui, {right, y}, col_w, c.text_muted, f.tr("admin.no_usb", "No content pack (.db) found on removable media"));
    y += row;
  }
  for (std::size_t i = 0; info.can_install && i < info.candidates.size(); ++i) {
    const float bw = m.px(38);
    text_line(dl, f.fonts.ui, {right, y + (m.target - f.fonts.ui->FontSize) * 0.5f}, col_w - bw - m.px(3), c.text,
              info.candidates[i]);
    if (button(f, {{right + col_w - bw, y}, {right + col_w, y + m.target}}, "admin.install." + std::to_string(i),
               f.tr("admin.install", "Install"), Icon::none) && idle)
      in = {AdminKey::install, i};
    y += row;
  }
  const std::string_view status = !info.busy.empty() ? std::string_view(info.busy) : std::string_view(info.message);
  if (!status.empty()) y += text_block(dl, f.fonts.small, {right, y}, col_w, info.busy.empty() ? c.text_muted : c.accent, status, 1.1f, 3);
  y += m.px(3);
  heading(f, dl, right, y, col_w, f.tr("admin.timeouts", "When nobody touches the screen"));
  const auto stepper = [&](std::string_view label, const std::string& value, const char* name, AdminKey less, AdminKey more) {
    const float bw = m.target * 1.2f;
    text_line(dl, f.fonts.ui, {right, y + (m.target - f.fonts.ui->FontSize) * 0.5f}, col_w * 0.45f, c.text_muted, label);
    const float x = right + col_w - 2 * bw - m.px(28);
    if (button(f, {{x, y}, {x + bw, y + m.target}}, std::string(name) + ".less", "-", Icon::none)) in.key = less;
    const ImVec2 ts = f.fonts.ui->CalcTextSizeA(f.fonts.ui->FontSize, FLT_MAX, 0, value.data(), value.data() + value.size());
    dl->AddText(f.fonts.ui, f.fonts.ui->FontSize, {x + bw + (m.px(28) - ts.x) * 0.5f, y + (m.target - ts.y) * 0.5f}, c.text,
                value.data(), value.data() + value.size());
    if (button(f, {{x + bw + m.px(28), y}, {x + 2 * bw + m.px(28), y + m.target}}, std::string(name) + ".more", "+", Icon::none))
      in.key = more;
    y += row;
  };
  stepper(f.tr("admin.idle", "Back to the start after"), seconds_label(f, info.idle_s), "admin.idle", AdminKey::idle_less, AdminKey::idle_more);
  stepper(f.tr("admin.attract", "Slideshow after"), seconds_label(f, info.attract_s), "admin.attract", AdminKey::attract_less, AdminKey::attract_more);
  heading(f, dl, right, y, col_w, f.tr("admin.sound", "Narration"));
  stepper(f.tr("admin.volume", "Volume"), std::to_string(info.volume) + " %", "admin.volume", AdminKey::volume_less, AdminKey::volume_more);
  y += m.px(4);
  // Restart and exit take a second tap within 4 s: a stray touch never stops the kiosk.
  const float bw = (col_w - m.px(4)) * 0.5f;
  const auto confirmable = [&](float x, const char* name, std::string_view label, AdminKey key) {
    const bool armed = confirming_ == key;
    if (button(f, {{x, y}, {x + bw, y + m.target}}, name, armed ? f.tr("admin.confirm", "Tap again to confirm") : label, Icon::none, armed)) {
      if (armed) {
        in.key = key;
        confirming_ = AdminKey::none;
      } else {
        confirming_ = key;
        confirm_until_ms_ = f.now_ms + 4000;
      }
    }
  };
  confirmable(right, "admin.restart", f.tr("admin.restart", "Restart the kiosk"), AdminKey::restart);
  confirmable(right + bw + m.px(4), "admin.exit", f.tr("admin.exit", "Exit to the desktop"), AdminKey::exit_desktop);
  dl->PopClipRect();
}

void AdminScreen::draw_visitors(UiFrame& f, const AdminInfo::Visitors& v) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float bar = m.bar_height;
  const float left = m.margin, width = size.x - 2 * m.margin;
  if (!v.note.empty()) {
    text_block(dl, f.fonts.lead, {left, bar + m.px(6)}, width, c.text_muted, v.note, 1.2f);
    return;
  }
  const Rect area{{0, bar}, {size.x, size.y}};
  const float figure_h = f.fonts.title->FontSize * 1.2f + f.fonts.small->FontSize * 1.6f;
  const float chart_h = std::max({m.px(45), f.fonts.small->FontSize * 9, (size.y - bar) * 0.3f});
  const auto& longer = v.objects.size() > v.languages.size() ? v.objects : v.languages;
  const float content_h = m.px(2) + figure_h + m.px(6) + 2 * (f.fonts.lead->FontSize * 1.3f + m.px(1)) + chart_h + m.px(6) +
                          bar_rows(f, nullptr, {}, 0, longer) + m.px(6);
  const float offset = vertical_scroll(f, visitors_scroll_, area, content_h);
  dl->PushClipRect(area.min, area.max, true);
  float y = bar + m.px(2) - offset;

  // Five figures in a row: big numbers with their meaning under them.
  char per_visit[24];
  std::snprintf(per_visit, sizeof per_visit, "%.1f", v.objects_per_session);
  const std::string figures[][2] = {
      {std::to_string(v.today), std::string(f.tr("admin.visits_today", "visits today"))},
      {std::to_string(v.month), std::string(f.tr("admin.visits_30", "visits in 30 days"))},
      {duration_text(f, v.median_today_s), std::string(f.tr("admin.median_today", "typical visit today"))},
      {duration_text(f, v.median_month_s), std::string(f.tr("admin.median_30", "typical visit in 30 days"))},
      {per_visit, std::string(f.tr("admin.objects_per_visit", "objects opened per visit"))},
  };
  const float cell = width / 5;
  for (int i = 0; i < 5; ++i) {
    const float x = left + cell * static_cast<float>(i);
    text_line(dl, f.fonts.title, {x, y}, cell - m.px(3), c.accent, figures[i][0]);
    text_line(dl, f.fonts.small, {x, y + f.fonts.title->FontSize * 1.2f}, cell - m.px(3), c.text_muted, figures[i][1]);
  }
  y += figure_h + m.px(6);

  // Today by the hour, and the last 30 days.
  const float col_gap = m.px(10);
  const float col_w = (width - col_gap) * 0.5f;
  const float right = left + col_w + col_gap;
  float ry = y;
  heading(f, dl, left, y, col_w, f.tr("admin.by_hour", "Visits today, by the hour"));
  heading(f, dl, right, ry, col_w, f.tr("admin.by_day", "Visits per day, last 30 days"));
  // The museum's day (08:00 to 20:00), wider when visits came earlier or later.
  std::size_t first = 8, last = 19;
  for (std::size_t h = 0; h < v.by_hour.size(); ++h)
    if (v.by_hour[h] > 0) first = std::min(first, h), last = std::max(last, h);
  std::vector<std::string> hours;
  for (std::size_t h = first; h <= last; ++h) hours.push_back(std::to_string(h));
  const auto today = v.by_hour.size() == 24 ? std::span(v.by_hour).subspan(first, last - first + 1) : std::span<const std::int64_t>();
  column_chart(f, dl, {{left, y}, {left + col_w, y + chart_h}}, today, hours, 2);
  column_chart(f, dl, {{right, y}, {right + col_w, y + chart_h}}, v.by_day, v.day_labels, 5);
  y += chart_h + m.px(6);

  // What they looked at, and in which languages.
  ry = y;
  heading(f, dl, left, y, col_w, f.tr("admin.top_objects", "Most opened objects, 30 days"));
  heading(f, dl, right, ry, col_w, f.tr("admin.languages", "Visits by language, 30 days"));
  if (v.objects.empty())
    text_line(dl, f.fonts.ui, {left, y}, col_w, c.text_muted, f.tr("admin.no_objects", "No object opened yet"));
  bar_rows(f, dl, {left, y}, col_w, v.objects);
  bar_rows(f, dl, {right, y}, col_w, v.languages);
  dl->PopClipRect();
}

}  // namespace orpheus::ui
