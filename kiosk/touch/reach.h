#pragma once
// Reach mode for seated visitors (a wheelchair user, a child): every control and the content's
// active part move into the lower part of the window, below the highest point such a visitor can
// be asked to touch. Where that line falls follows from how the screen is mounted
// (config: [reach]) and the display's density. Pure arithmetic in window pixels, no
// SDL/GL/ImGui; any thread.
namespace orpheus::touch {

// How the screen is mounted, in millimetres above the floor.
struct ReachMounting {
  float screen_bottom_mm = 900;  // the lower edge of the screen's active area
  float reach_mm = 1220;         // the highest point a seated visitor must touch (ADA: 48 in)
};

// The area never takes more than this share of the window's height, so turning reach mode on
// always pulls everything down visibly, even where the whole screen is technically in reach.
inline constexpr float kReachMaxShare = 0.62f;
// ... and never less than this: the top bar, the search field, a strip of its results and the
// on-screen keyboard at the kiosk's sizes (ui::make_metrics) fit in it.
inline constexpr float kReachMinMm = 150;

struct ReachArea {
  float top = 0;     // window pixels from the top: the area is [top, window height)
  float height = 0;  // window pixels
  float line = 0;    // where the reach line crosses the window, pixels from the top (< 0: above it)
  bool below_minimum = false;  // the line leaves less than kReachMinMm: the area reaches above it
};

// The reach area of a window `height_px` tall filling the screen, at `px_per_mm`.
// Its top is at or below the reach line unless `below_minimum`.
ReachArea reach_area(float height_px, float px_per_mm, const ReachMounting& mounting);

}  // namespace orpheus::touch
