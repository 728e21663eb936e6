#include "platform/sdl_input.h"

namespace orpheus::platform {

std::optional<touch::PointerEvent> to_pointer_event(const SDL_Event& e, int w, int h, double t_ms) {
  using touch::PointerKind;
  constexpr std::int64_t kMouse = -1;
  switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
      return touch::PointerEvent{t_ms, e.type == SDL_MOUSEBUTTONDOWN ? PointerKind::down : PointerKind::up, kMouse,
                                 static_cast<float>(e.button.x), static_cast<float>(e.button.y)};
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      return touch::PointerEvent{t_ms, PointerKind::move, kMouse, static_cast<float>(e.motion.x),
                                 static_cast<float>(e.motion.y)};
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
      const auto kind = e.type == SDL_FINGERDOWN ? PointerKind::down
                        : e.type == SDL_FINGERUP ? PointerKind::up
                                                 : PointerKind::move;
      return touch::PointerEvent{t_ms, kind, static_cast<std::int64_t>(e.tfinger.fingerId), e.tfinger.x * static_cast<float>(w),
                                 e.tfinger.y * static_cast<float>(h)};
    }
    default:
      return std::nullopt;
  }
}

}  // namespace orpheus::platform
