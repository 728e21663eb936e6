#pragma once
// Shared drawing and touch helpers for the screens. Taps come from the gesture recogniser,
// never from ImGui's click logic: a tap fires on release, only if the finger did not travel,
// so a swipe that starts on a card never opens it.
#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "core/search_text.h"
#include "imgui.h"
#include "touch/pager.h"
#include "touch/scroll.h"
#include "touch/zoom.h"
#include "ui/frame.h"

namespace orpheus::ui {

struct Rect {
  ImVec2 min, max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  ImVec2 center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
  bool contains(ImVec2 p) const { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }
};

// `c` with its alpha multiplied by `a` (0..1): fades and pressed states.
ImU32 with_alpha(ImU32 c, float a);

// Registers a named target and tells whether it was tapped this frame. `clip` limits the
// touchable part (e.g. the visible part of a scrolled list).
bool tapped(UiFrame& f, const Rect& r, std::string name, const Rect* clip = nullptr);
// A finger is on the target and has not started to drag: draw it pressed.
bool pressed(const UiFrame& f, const Rect& r);

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 center, float size, ImU32 color);

// A pill button with an optional icon; returns true when tapped. `clip`: as for tapped().
bool button(UiFrame& f, const Rect& r, std::string name, std::string_view label, Icon icon, bool primary = false,
            const Rect* clip = nullptr);
// The width of a button() with this label and icon at the height of a touch target.
float button_width(const UiFrame& f, std::string_view label, Icon icon);

// The visitor's controls on every screen: the launchers of registered screens (round icon
// buttons), a text-size toggle ("Aa" over three dots, one more filled and the second "A" bigger
// at each step: normal, large, largest, then normal again), a reach-mode toggle (an arrow down to
// a line; the app then draws every screen in the window's lower part, touch/reach.h), a high-contrast toggle (a half-filled
// ring; the palette of ui::high_contrast_palette when on), then one pill per enabled language, each
// named in its own language. Returns its width; drawn right-aligned to `right`, vertically
// centred on `center_y`.
float visitor_controls(UiFrame& f, float right, float center_y);

// The launchers that sit beside Home (search), drawn left to right from `x`, vertically centred
// on `center_y`; both return their width (with the gap after them).
float home_launchers(UiFrame& f, float x, float center_y);
float home_launchers_width(const UiFrame& f);

// The top bar: back + home (and the launchers beside it) on the left (unless `root`), a title, the language switch.
// Returns whether the title was shown whole (bigger text or a narrow window may leave it cut or out).
bool top_bar(UiFrame& f, std::string_view title, bool root);

// Words to mark in a text (the words a search found): bytes [begin, end) of the text, drawn on
// a background of `color`.
struct Marks {
  std::span<const core::TextSpan> spans;
  ImU32 color = 0;
  float* first_line_y = nullptr;  // if set: the top of the line where the first span begins (also when measuring)
};

// Wrapped text: returns the height used. Draws nothing if `dl` is null (measuring).
// With max_lines > 0 the last line shown ends in an ellipsis if the text goes on.
float text_block(ImDrawList* dl, ImFont* font, ImVec2 pos, float wrap_width, ImU32 color, std::string_view text,
                 float line_spacing = 1.0f, int max_lines = 0, const Marks* marks = nullptr);
// One line, cut with an ellipsis to fit `max_width`.
void text_line(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view text);

enum class Fit { contain, cover };
// Draws an image (or a calm placeholder while loading / when missing) in `r`.
void image(UiFrame& f, ImDrawList* dl, const Rect& r, std::int64_t media_id, catalog::MediaVariant v, Fit fit,
           float rounding = 0);

// Applies this frame's drag and fling to a vertical scroll axis when the gesture began inside
// `area`; stores the offset in the route. Returns the offset to draw with.
float vertical_scroll(UiFrame& f, touch::ScrollAxis& axis, const Rect& area, float content_height);

// Drives a zoomable view (the map, the time axis) from this frame's gestures begun inside `area`:
// a pinch about the fingers, a drag that pans and a flick that glides on (along x alone with
// `x_only`), a double tap twice as close about its point; a touch catches what moves. Sets
// f.animating while the view moves.
void zoom_gestures(UiFrame& f, touch::ZoomView& zoom, const Rect& area, bool x_only);

// Drives a horizontal pager from this frame's gestures: a `swiping` pan (horizontal, begun on
// the pager's area) moves it, a touch catches it, lifting settles or turns it. Returns +1/-1
// when a turn to the next/previous page finished in this frame, else 0.
int page_swipe(UiFrame& f, touch::Pager& pager, bool swiping);

// What stands in for a picture that does not exist (not one still loading): the title, centred
// in the serif lead or title font (the larger that fits, at most three lines, else cut with an
// ellipsis), on a card patterned in the theme's outline colour: a key frieze, diagonal hatching
// or a double frame, chosen by a hash of `seed` (e.g. the card's target name, the same in every
// language), so a page of them is not uniform. About forty draw commands at most.
void title_placeholder(UiFrame& f, ImDrawList* dl, const Rect& r, std::string_view title, std::string_view seed,
                       float rounding = 0);

// A card: an image filling the top (cover crop), then a title of up to two lines and a muted
// subtitle (one line), either with words marked. Without an image, the top is a
// title_placeholder. Tapping it returns true. `clip` is the visible part of the list it sits in.
bool card(UiFrame& f, const Rect& r, float image_height, std::optional<std::int64_t> media_id, std::string_view title,
          std::string_view subtitle, ImFont* title_font, std::string name, const Rect& clip,
          const Marks* title_marks = nullptr, const Marks* subtitle_marks = nullptr);

std::string format_count(const UiFrame& f, std::size_t n);  // "1 object" / "12 objects"

// The collections shown now (indices into the snapshot's, in order): those the programme's
// schedules show (ProgrammeView::collections), or all without a programme.
std::vector<std::size_t> shown_collections(const UiFrame& f);

// A panel over a scrim listing objects (`items`: indices into the snapshot's items) under
// `title`: each row its picture, title and date, tapped to open it ("<prefix>.<slug>"); the
// list scrolls. A close button ("<prefix>.close") or a tap beside the panel closes it: then it
// returns false. For the count badges of the timeline and the map.
bool item_list_panel(UiFrame& f, ImDrawList* dl, std::span<const std::size_t> items, std::string_view title,
                     touch::ScrollAxis& scroll, std::string_view prefix);

// The discreet line over a text shown in another language than the visitor's: "Not yet
// translated · shown in English", in the visitor's language. Nothing (0) when `shown` is the
// visitor's language or empty. Returns its height; draws nothing when `dl` is null.
float fallback_note(UiFrame& f, ImDrawList* dl, ImVec2 pos, float w, std::string_view shown);

// With more than this many languages the top bar shows one language button ("lang"), which
// opens language_picker().
inline constexpr std::size_t kLanguagesSideBySide = 3;
// While f.choosing_language: the languages, each named in itself, over the screen ("lang.<code>"
// sets it); a tap beside them closes the picker. Drawn after the screen, which took no taps.
void language_picker(UiFrame& f);

// Deep-zoom tiles (media/deep_zoom.h) for one frame of a view at `scale` screen px per image px
// of which `visible` (image px) is on screen: asks for the tiles the plan needs and returns it.
media::TilePlan request_tiles(UiFrame& f, std::int64_t media_id, const media::PyramidShape& shape, float scale,
                              media::ImageRect visible);
// Draws the plan's tiles (fading in), image point p at screen point at(p).
void draw_tiles(UiFrame& f, ImDrawList* dl, std::int64_t media_id, const media::PyramidShape& shape,
                const media::TilePlan& plan, const std::function<ImVec2(float, float)>& at);

}  // namespace orpheus::ui
