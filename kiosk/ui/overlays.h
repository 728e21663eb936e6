#pragma once
// What the kiosk shows outside the visitor's routes (those are registered screens, ui/screen.h):
// the attract slideshow, the technicians' PIN pad and admin screen, the "unavailable" screen, and
// the root window every screen draws into. Each draws one frame from a UiFrame.
#include <string>
#include <vector>

#include "touch/scroll.h"
#include "ui/frame.h"
#include "ui/widgets.h"

namespace orpheus::ui {

// The attract loop: an image filling the screen, the next one cross-fading in over it
// (`mix` 0..1), the object's title, and "touch to explore" in every enabled language. No
// controls: any touch ends it (the app swallows that touch).
// A slide is an object's picture, or a coming event of the programme (its picture, if any, and
// its title and time).
struct AttractView {
  const catalog::Item* item = nullptr;
  const catalog::Event* event = nullptr;
  std::int64_t media_id = 0;  // 0: none (an event without a picture)
  const catalog::Item* next_item = nullptr;
  const catalog::Event* next_event = nullptr;
  std::int64_t next_media_id = 0;
  float mix = 0;
};
void draw_attract(UiFrame& f, const AttractView& view);

// The technicians' PIN pad, over a dimmed screen: dots for the digits typed, 0-9, erase, OK,
// cancel. The PIN itself never reaches the UI: only how many digits there are.
struct PinPadView {
  std::size_t digits = 0;
  bool checking = false;       // the worker is verifying
  std::string message;         // "Wrong PIN", "Locked for 30 s", ...
  bool locked = false;         // digits and OK are disabled
};
enum class PinKey { none, digit, erase, ok, cancel };
struct PinPadInput {
  PinKey key = PinKey::none;
  char digit = 0;
};
PinPadInput draw_pin_pad(UiFrame& f, const PinPadView& view);

// The admin screen: the kiosk's state, installed packs with rollback, packs found on removable
// media with install, the idle and attract timeouts, restart and exit to the desktop.
struct AdminInfo {
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  std::vector<std::string> errors;                         // newest last
  struct Pack {
    std::string label;
    bool current = false, previous = false;
  };
  std::vector<Pack> installed;
  std::vector<std::string> candidates;  // pack files on removable media
  bool can_install = false;             // a content store is configured
  bool can_rollback = false;
  double idle_s = 0, attract_s = 0;
  int volume = 0;        // narration, percent
  std::string busy;      // what the worker is doing, "" if nothing
  std::string message;   // the result of the last action
  // The Visitors tab: the usage journal's numbers (docs/usage.md), anonymous counts.
  struct Visitors {
    std::string note;  // instead of the charts: why there are none ("counting is off", "reading…")
    std::int64_t today = 0, month = 0;  // sessions today, in the last 30 days
    std::int64_t median_today_s = 0, median_month_s = 0;
    double objects_per_session = 0;  // in the 30 days
    std::int64_t searches = 0;       // in the 30 days
    std::vector<std::int64_t> by_hour;  // today, 24 values
    std::vector<std::int64_t> by_day;   // the 30 days, oldest first
    std::vector<std::string> day_labels;  // their day of the month ("19")
    std::vector<std::pair<std::string, std::int64_t>> objects;    // most viewed in the 30 days: title, views
    std::vector<std::pair<std::string, std::int64_t>> languages;  // sessions by language (its own name)
  } visitors;
};
enum class AdminKey { none, close, install, rollback, idle_less, idle_more, attract_less, attract_more, volume_less, volume_more,
                      restart, exit_desktop, visitors };  // visitors: the Visitors tab was opened
struct AdminInput {
  AdminKey key = AdminKey::none;
  std::size_t index = 0;  // install: which candidate
};
class AdminScreen {
 public:
  AdminInput draw(UiFrame& f, const AdminInfo& info);
  bool showing_visitors() const { return visitors_; }

 private:
  void draw_kiosk(UiFrame& f, const AdminInfo& info, AdminInput& in);
  void draw_visitors(UiFrame& f, const AdminInfo::Visitors& v);

  bool visitors_ = false;  // the Visitors tab, not the Kiosk tab
  touch::ScrollAxis scroll_;
  touch::ScrollAxis visitors_scroll_;
  AdminKey confirming_ = AdminKey::none;  // restart and exit ask for a second tap
  double confirm_until_ms_ = 0;
};

// Shown when there is no usable content: the same words in every UI language, no controls.
void draw_unavailable(const Strings& strings, const Theme& theme, const Fonts& fonts,
                      const std::vector<std::string>& languages);

// Opens the one borderless, transparent root window over the whole display that all
// screens draw into (the renderer clears to the background). Pair with end_root().
void begin_root();
void end_root();

// Reach mode (touch/reach.h): the window's part above the screens' area, ImGui's y from
// -area_top to 0, under the background already cleared: a thin line on the area's top edge and a
// calm arrow pointing down to it. Nothing there reacts to a touch.
void draw_reach_margin(const Theme& theme, float area_top);

}  // namespace orpheus::ui
