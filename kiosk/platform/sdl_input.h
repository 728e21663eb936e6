#pragma once
// Turns SDL mouse and finger events into pointer events in window pixels. Touch-synthesised
// mouse events are dropped (emulation is off anyway): each finger is itself, the mouse is one
// more finger with id -1 while its left button is held. Finger positions, which SDL reports
// normalised to the touch panel, are turned with the display's mounting rotation.
#include <SDL.h>

#include <optional>

#include "touch/pointer.h"

namespace orpheus::platform {

std::optional<touch::PointerEvent> to_pointer_event(const SDL_Event& e, int window_w, int window_h, double t_ms,
                                                    touch::Rotation rotation = touch::Rotation::none);

}  // namespace orpheus::platform
