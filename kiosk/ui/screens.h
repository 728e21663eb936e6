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
  void draw(UiFrame& f) override;
  const touch::ZoomView& zoom() const { return zoom_; }

 private:
  touch::ZoomView zoom_;
  touch::Pager pager_;         // between the item's images, at fit
  std::int64_t media_id_ = 0;  // the image zoom_ is set up for
};

// Shown when there is no usable content: the same words in every UI language, no controls.
void draw_unavailable(const Strings& strings, const Theme& theme, const Fonts& fonts,
                      const std::vector<std::string>& languages);

// Opens the one borderless, transparent root window over the whole display that all
// screens draw into (the renderer clears to the background). Pair with end_root().
void begin_root();
void end_root();

}  // namespace orpheus::ui
