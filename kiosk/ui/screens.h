#pragma once
// The kiosk's screens, one class and one file each. A screen draws one frame from a UiFrame
// and reports what the visitor asked for as intents; it keeps only presentation state
// (e.g. fling velocity) that a new visitor session may safely discard.
#include <string>
#include <vector>

#include "touch/scroll.h"
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
 private:
  touch::ScrollAxis scroll_;
};

class ViewerScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;
};

// Shown when there is no usable content: the same words in every UI language, no controls.
void draw_unavailable(const Strings& strings, const Theme& theme, const Fonts& fonts,
                      const std::vector<std::string>& languages);

// Fills the whole display with the background and opens the one borderless root window all
// screens draw into. Pair with end_root().
void begin_root(const Theme& theme, ImU32 background);
void end_root();

}  // namespace orpheus::ui
