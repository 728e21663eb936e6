#pragma once
// Where a visitor is: one Route per screen on the stack. The route's kind is a ScreenId: the
// browsing screens the session navigates by itself have fixed ids; every other screen (about,
// search, ...) gets its id when it is registered (ui/screen.h), so adding a screen never edits
// this file. Plain data, no SDL/ImGui.
#include <compare>
#include <cstdint>

namespace orpheus::session {

struct ScreenId {
  std::uint16_t value = 0;
  friend auto operator<=>(ScreenId, ScreenId) = default;
};

namespace screen {
inline constexpr ScreenId home{0};
inline constexpr ScreenId collection{1};
inline constexpr ScreenId item{2};
inline constexpr ScreenId viewer{3};
inline constexpr std::uint16_t kFirstRegistered = 4;  // ids from here on are handed out by the registry
}  // namespace screen

struct Route {
  ScreenId screen = screen::home;
  std::int64_t collection_id = 0;  // collection, item, viewer
  std::int64_t item_id = 0;        // item, viewer
  int media_index = 0;             // item (shown image), viewer
  float scroll = 0;                // vertical scroll of this screen, restored on back
  // A number the session gives every route it pushes, never the same twice in a visit: a screen
  // tells a return to a route (Back) from a new opening of its kind (the timeline keeps a view per route).
  std::uint32_t serial = 0;
};

}  // namespace orpheus::session
