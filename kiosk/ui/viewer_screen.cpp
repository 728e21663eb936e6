#include <algorithm>
#include <string>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace orpheus::ui {

void ViewerScreen::draw(UiFrame& f) {
  const auto* item = f.snapshot.find_item(f.route.item_id);
  if (!item || item->media.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const int n = static_cast<int>(item->media.size());
  const int shown = std::clamp(f.route.media_index, 0, n - 1);
  const auto& media = item->media[static_cast<std::size_t>(shown)];

  const float band = f.fonts.ui->FontSize * 2.4f;
  dl->AddRectFilled({0, 0}, size, IM_COL32(8, 7, 6, 255));
  const Rect frame{{m.px(4), m.px(4)}, {size.x - m.px(4), size.y - band}};
  image(f, dl, frame, media.id, catalog::MediaVariant::display, Fit::contain);

  // Caption band at the bottom: title, caption, position.
  std::string caption(f.text(item->title));
  if (const auto cap = f.text(media.caption); !cap.empty()) caption += "  \xE2\x80\x94  " + std::string(cap);
  if (n > 1) caption += "    " + f.strings.format(f.language, "nav.position", {{"i", std::to_string(shown + 1)}, {"n", std::to_string(n)}});
  dl->AddRectFilled({0, size.y - band}, size, c.scrim);
  text_line(dl, f.fonts.ui, {m.margin, size.y - band * 0.5f - f.fonts.ui->FontSize * 0.55f}, size.x - 2 * m.margin, c.text, caption);

  // Top right: language, home, close. Back and home stay one tap away here too.
  const float r = m.target;
  const float top = m.margin * 0.6f;
  float right = size.x - m.margin;
  if (button(f, {{right - r, top}, {right, top + r}}, "viewer.close", "", Icon::close))
    f.intents.push_back(app::intent::Back{});
  right -= r + m.px(3);
  if (button(f, {{right - r, top}, {right, top + r}}, "nav.home", "", Icon::home))
    f.intents.push_back(app::intent::Home{});
  right -= r + m.px(6);
  language_switch(f, right, top + r * 0.5f);
  if (n > 1) {
    const float cy = size.y * 0.5f;
    if (button(f, {{m.margin * 0.6f, cy - r * 0.5f}, {m.margin * 0.6f + r, cy + r * 0.5f}}, "viewer.previous", "", Icon::previous))
      f.intents.push_back(app::intent::ShowMedia{(shown + n - 1) % n});
    if (button(f, {{size.x - m.margin * 0.6f - r, cy - r * 0.5f}, {size.x - m.margin * 0.6f, cy + r * 0.5f}}, "viewer.next", "", Icon::next))
      f.intents.push_back(app::intent::ShowMedia{(shown + 1) % n});
  }
}

}  // namespace orpheus::ui
