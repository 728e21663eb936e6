#pragma once
// The kiosk's screens, one class and one file each. A screen draws one frame from a UiFrame
// and reports what the visitor asked for as intents; it keeps only presentation state
// (e.g. fling velocity) that a new visitor session may safely discard.
#include <string>
#include <vector>

#include "touch/pager.h"
#include "touch/scroll.h"
#include "touch/zoom.h"
#include "ui/widgets.h"
#include "ui/frame.h"

namespace orpheus::ui {

class Screen {
 public:
  virtual ~Screen() = default;
  virtual void draw(UiFrame& f) = 0;
};

class HomeScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;
 private:
  touch::ScrollAxis scroll_;
};

class CollectionScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;
 private:
  touch::ScrollAxis scroll_;
};

class ItemScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;
  const touch::Pager& pager() const { return pager_; }

 private:
  struct Layout {
    float top = 0, bottom = 0;       // between the top and the bottom bar
    Rect image_pane, text_pane;      // of the page at rest
    float text_pad = 0, text_width = 0;
  };
  Layout layout(const UiFrame& f) const;
  // One item's page shifted right by dx; `current`: the visitor's item (its image index,
  // taps), else a neighbour sliding in.
  void draw_page(UiFrame& f, const Layout& l, const catalog::Item& item, float dx, float scroll, bool current);
  touch::ScrollAxis scroll_;
  touch::Pager pager_;
};

class ViewerScreen final : public Screen {
 public:
  // What the last frame showed of the image (for the state dump and the benchmarks).
  struct Detail {
    int level = -1;          // the pyramid level drawn; -1: the display image (it suffices at this zoom)
    bool sharp = false;      // everything on screen at the resolution the zoom needs, faded in
    int tiles_drawn = 0, tiles_wanted = 0;
  };
  void draw(UiFrame& f) override;
  const touch::ZoomView& zoom() const { return zoom_; }
  const Detail& detail() const { return detail_; }

 private:
  // The image at the current zoom: the display image, and over it the pyramid's tiles where
  // the zoom needs more pixels than it has.
  void draw_image(UiFrame& f, ImDrawList* dl, const catalog::MediaRef& media, const Rect& viewport, float dx);
  touch::ZoomView zoom_;
  Detail detail_;
  touch::Pager pager_;         // between the item's images, at fit
  std::int64_t media_id_ = 0;  // the image zoom_ is set up for
};

// The attract loop: an image filling the screen, the next one cross-fading in over it
// (`mix` 0..1), the object's title, and "touch to explore" in every enabled language. No
// controls: any touch ends it (the app swallows that touch).
struct AttractView {
  const catalog::Item* item = nullptr;
  std::int64_t media_id = 0;
  const catalog::Item* next_item = nullptr;
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
  std::string busy;      // what the worker is doing, "" if nothing
  std::string message;   // the result of the last action
};
enum class AdminKey { none, close, install, rollback, idle_less, idle_more, attract_less, attract_more, restart, exit_desktop };
struct AdminInput {
  AdminKey key = AdminKey::none;
  std::size_t index = 0;  // install: which candidate
};
class AdminScreen {
 public:
  AdminInput draw(UiFrame& f, const AdminInfo& info);

 private:
  touch::ScrollAxis scroll_;
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

}  // namespace orpheus::ui
