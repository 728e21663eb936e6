#include "ui/narration_bar.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace orpheus::ui {

namespace {
ImVec2 v(touch::Vec2 p) { return {p.x, p.y}; }
using State = NarrationStatus::State;
}  // namespace

int sentence_at(const catalog::Narration& n, int ms) {
  const auto it = std::upper_bound(n.sentences.begin(), n.sentences.end(), ms,
                                   [](int t, const catalog::NarrationSentence& s) { return t < s.start_ms; });
  return static_cast<int>(it - n.sentences.begin()) - 1;
}

std::string clock_text(int ms) {
  const int s = std::max(0, ms) / 1000;
  const std::string sec = std::to_string(s % 60);
  return std::to_string(s / 60) + ":" + (sec.size() < 2 ? "0" : "") + sec;
}

const catalog::Narration* NarrationBar::of(const UiFrame& f, const catalog::Item& item) {
  if (!f.narrator || !f.narrator->available()) return nullptr;
  return item.narration(f.language);
}

bool NarrationBar::owns(const touch::GestureFrame& g) const {
  return (g.fingers > 0 || g.drag_ended) && track_.contains(v(g.press_origin));
}

std::optional<int> NarrationBar::spoken_ms(const UiFrame& f, const catalog::Item& item) const {
  const auto& s = f.narrator ? f.narrator->status() : NarrationStatus{};
  if (s.item_id != item.id || (s.state != State::playing && s.state != State::paused)) return std::nullopt;
  return drag_ms_ ? *drag_ms_ : s.position_ms;
}

void NarrationBar::draw(UiFrame& f, ImDrawList* dl, const Rect& r, const catalog::Item& item, const catalog::Narration& n) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const auto& g = f.gesture;
  Narrator& player = *f.narrator;
  const NarrationStatus& st = player.status();
  const bool mine = st.item_id == item.id && st.lang == n.lang;
  const State state = mine ? st.state : State::stopped;
  const bool started = state == State::playing || state == State::paused;
  const int duration = mine && st.duration_ms > 0 ? st.duration_ms : n.duration_ms;

  // Play / pause: a round button, filled in the accent colour (the one thing to press).
  const float d = m.target;
  const Rect button_r{{r.min.x, r.center().y - d * 0.5f}, {r.min.x + d, r.center().y + d * 0.5f}};
  const bool playing = state == State::playing || state == State::loading;
  dl->AddCircleFilled(button_r.center(), d * 0.5f, with_alpha(c.accent, pressed(f, button_r) ? 0.75f : 1.0f));
  draw_icon(dl, playing ? Icon::pause : Icon::play, button_r.center(), d * 0.42f, c.background);
  if (tapped(f, button_r, "narration.play")) {
    if (playing)
      player.pause();
    else
      player.play(item.id, n);
  }

  // The volume, right: a loudspeaker with one to three waves; a tap steps quieter, normal, louder.
  const Rect vol_r{{r.max.x - d, button_r.min.y}, {r.max.x, button_r.max.y}};
  draw_icon(dl, Icon::volume, {vol_r.center().x - d * 0.12f, vol_r.center().y}, d * 0.5f, c.text);
  for (int w = 0; w <= f.volume; ++w) {
    const float rad = d * (0.12f + 0.09f * static_cast<float>(w));
    dl->PathArcTo({vol_r.center().x - d * 0.1f, vol_r.center().y}, rad, -0.8f, 0.8f, 8);
    dl->PathStroke(c.text, 0, std::max(2.0f, d * 0.045f));
  }
  if (tapped(f, vol_r, "narration.volume")) f.intents.push_back(session::intent::SetVolume{(f.volume + 1) % 3});

  // Between them: the track with the time beside it, or before the first play the word "Listen".
  const float gap = m.px(3);
  const float x0 = button_r.max.x + gap, x1 = vol_r.min.x - gap;
  const float cy = r.center().y;
  ImFont* font = f.fonts.ui;
  if (!started) {
    std::string label(state == State::failed ? f.tr("narration.unavailable", "Narration unavailable")
                                             : f.tr("narration.listen", "Listen"));
    label += "  \xC2\xB7  " + clock_text(duration);  // " · "
    text_line(dl, font, {x0, cy - font->FontSize * (n.synthetic ? 1.05f : 0.55f)}, x1 - x0, c.text, label);
    if (n.synthetic) text_line(dl, f.fonts.small, {x0, cy + font->FontSize * 0.1f}, x1 - x0, c.text_muted, f.tr("narration.synthetic", "Synthetic voice"));
    const Rect label_r{{x0, button_r.min.y}, {x1, button_r.max.y}};
    if (tapped(f, label_r, "narration.listen")) player.play(item.id, n);
    track_ = {};
    drag_ms_.reset();
    return;
  }
  const std::string time = clock_text(drag_ms_.value_or(st.position_ms)) + " / " + clock_text(duration);
  const float time_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, time.c_str()).x;
  dl->AddText(font, font->FontSize, {x1 - time_w, cy - font->FontSize * 0.55f}, c.text, time.c_str());
  const float tx0 = x0 + m.px(2), tx1 = std::max(tx0 + m.px(10), x1 - time_w - gap - m.px(2));
  track_ = {{x0, button_r.min.y}, {tx1 + m.px(2), button_r.max.y}};  // the whole height: a finger, not a line
  const auto ms_at = [&](float x) { return static_cast<int>(std::clamp((x - tx0) / (tx1 - tx0), 0.0f, 1.0f) * static_cast<float>(duration)); };
  f.targets.push_back(Target{"narration.track", track_.min, track_.max});
  if (track_.contains(v(g.press_origin)) && (g.dragging || g.pressed)) {
    drag_ms_ = ms_at(g.position.x);
  } else if (drag_ms_ && g.drag_ended) {
    player.seek(*drag_ms_);
    drag_ms_.reset();
  } else if (!f.tap_consumed && g.tap && track_.contains(v(*g.tap))) {
    f.tap_consumed = true;
    player.seek(ms_at(g.tap->x));
    drag_ms_.reset();
  } else {
    drag_ms_.reset();
  }
  const float at = duration > 0 ? static_cast<float>(drag_ms_.value_or(st.position_ms)) / static_cast<float>(duration) : 0;
  const float thick = std::max(3.0f, m.px(0.8f));
  const float px = tx0 + (tx1 - tx0) * std::clamp(at, 0.0f, 1.0f);
  dl->AddRectFilled({tx0, cy - thick * 0.5f}, {tx1, cy + thick * 0.5f}, c.outline, thick * 0.5f);
  dl->AddRectFilled({tx0, cy - thick * 0.5f}, {px, cy + thick * 0.5f}, c.accent, thick * 0.5f);
  dl->AddCircleFilled({px, cy}, drag_ms_ ? m.px(3.2f) : m.px(2.4f), c.accent);
}

void NarrationBar::state(nlohmann::json& out) const {
  if (track_.width() > 0) out["narration_track"] = {{"x", track_.min.x}, {"y", track_.min.y}, {"w", track_.width()}, {"h", track_.height()}};
}

}  // namespace orpheus::ui
