// SDL events to pointer events, from hand-made SDL_Event structs (no video needed).
#include <doctest/doctest.h>

#include "platform/sdl_input.h"

using namespace orpheus;
using touch::PointerKind;
using touch::Rotation;

namespace {
SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.fingerId = id;
  e.tfinger.x = x;
  e.tfinger.y = y;
  return e;
}
SDL_Event mouse_motion(int x, int y, Uint32 state, Uint32 which = 0) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.x = x;
  e.motion.y = y;
  e.motion.state = state;
  e.motion.which = which;
  return e;
}
}  // namespace

TEST_SUITE("SDL input") {
  TEST_CASE("Fingers keep their ids and map from the panel to window pixels") {
    const auto p = platform::to_pointer_event(finger(SDL_FINGERDOWN, 42, 0.25f, 0.5f), 1920, 1080, 12.5);
    REQUIRE(p);
    CHECK(p->kind == PointerKind::down);
    CHECK(p->id == 42);
    CHECK(p->x == doctest::Approx(480));
    CHECK(p->y == doctest::Approx(540));
    CHECK(p->t_ms == 12.5);
    CHECK(platform::to_pointer_event(finger(SDL_FINGERMOTION, 42, 0, 0), 10, 10, 0)->kind == PointerKind::move);
    CHECK(platform::to_pointer_event(finger(SDL_FINGERUP, 42, 0, 0), 10, 10, 0)->kind == PointerKind::up);
  }

  TEST_CASE("A display mounted at 90 degrees turns the touch with it") {
    // The panel's top-left corner is the window's top-right on a display turned clockwise.
    const auto p = platform::to_pointer_event(finger(SDL_FINGERDOWN, 1, 0.0f, 0.0f), 1080, 1920, 0, Rotation::cw90);
    REQUIRE(p);
    CHECK(p->x == doctest::Approx(1080));
    CHECK(p->y == doctest::Approx(0));
    const auto q = platform::to_pointer_event(finger(SDL_FINGERDOWN, 1, 1.0f, 0.25f), 1080, 1920, 0, Rotation::cw90);
    CHECK(q->x == doctest::Approx(810));
    CHECK(q->y == doctest::Approx(1920));
  }

  TEST_CASE("The mouse is finger -1 while its left button is held; hovering and touch-mice are not input") {
    const auto drag = platform::to_pointer_event(mouse_motion(5, 6, SDL_BUTTON_LMASK), 100, 100, 0);
    REQUIRE(drag);
    CHECK(drag->id == -1);
    CHECK(drag->x == 5);
    CHECK_FALSE(platform::to_pointer_event(mouse_motion(5, 6, 0), 100, 100, 0));
    CHECK_FALSE(platform::to_pointer_event(mouse_motion(5, 6, SDL_BUTTON_LMASK, SDL_TOUCH_MOUSEID), 100, 100, 0));
    SDL_Event right{};
    right.type = SDL_MOUSEBUTTONDOWN;
    right.button.button = SDL_BUTTON_RIGHT;
    CHECK_FALSE(platform::to_pointer_event(right, 100, 100, 0));
    SDL_Event key{};
    key.type = SDL_KEYDOWN;
    CHECK_FALSE(platform::to_pointer_event(key, 100, 100, 0));
  }
}
