#include "ui/overlays.h"

#include <algorithm>

namespace orpheus::ui {

void begin_root() {
  // The renderer clears to the background already: the window draws none of its own, which
  // saves a full-screen blended fill per frame (it counts on software renderers).
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBackground);
}

void end_root() {
  ImGui::End();
  ImGui::PopStyleVar(2);
}

void draw_reach_margin(const Theme& theme, float area_top) {
  if (area_top <= 0) return;
  const auto& m = theme.metrics;
  const auto& c = theme.colors;
  const float w = ImGui::GetIO().DisplaySize.x;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  dl->PushClipRect({0, -area_top}, {w, 0}, false);  // above the area: outside the viewport ImGui knows
  const float line = std::max(1.0f, m.px(0.4f));
  dl->AddLine({m.margin, -line * 0.5f}, {w - m.margin, -line * 0.5f}, c.outline, line);
  const float s = std::min(m.px(6), area_top * 0.2f);  // the arrow's half height
  if (s > m.px(1.5f)) {
    const ImVec2 at{w * 0.5f, -area_top * 0.5f};
    dl->AddLine({at.x, at.y - s}, {at.x, at.y + s * 0.3f}, c.text_muted, std::max(1.0f, m.px(0.8f)));
    dl->AddTriangleFilled({at.x - s * 0.55f, at.y + s * 0.1f}, {at.x + s * 0.55f, at.y + s * 0.1f}, {at.x, at.y + s}, c.text_muted);
  }
  dl->PopClipRect();
}

}  // namespace orpheus::ui
