#include "platform/sdl_input.h"

namespace orpheus::platform {

std::optional<touch::PointerEvent> to_pointer_event(const SDL_Event& e, int w, int h, double t_ms, touch::Rotation rotation) {
  using touch::PointerKind;
  constexpr std::int64_t kMouse = -1;
  switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
      return touch::PointerEvent{t_ms, e.type == SDL_MOUSEBUTTONDOWN ? PointerKind::down : PointerKind::up, kMouse,
                                 static_cast<float>(e.button.x), static_cast<float>(e.button.y)};
    case SDL_MOUSEMOTION:
      // Hovering is not touching: only a held button moves the mouse "finger".
      if (e.motion.which == SDL_TOUCH_MOUSEID || !(e.motion.state & SDL_BUTTON_LMASK)) return std::nullopt;
      return touch::PointerEvent{t_ms, PointerKind::move, kMouse, static_cast<float>(e.motion.x),
                                 static_cast<float>(e.motion.y)};
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
      const auto kind = e.type == SDL_FINGERDOWN ? PointerKind::down
                        : e.type == SDL_FINGERUP ? PointerKind::up
                                                 : PointerKind::move;
      const auto p = touch::map_touch(e.tfinger.x, e.tfinger.y, rotation, static_cast<float>(w), static_cast<float>(h));
      return touch::PointerEvent{t_ms, kind, static_cast<std::int64_t>(e.tfinger.fingerId), p.x, p.y};
    }
    default:
      return std::nullopt;
  }
}

}  // namespace orpheus::platform
