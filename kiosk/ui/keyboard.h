#pragma once
// The on-screen keyboard Orpheus draws itself (cage has no OS keyboard): the rows of a layout
// (ui/keyboard_layouts.h), then a row of its own keys: the next layout (showing that layout's
// script, "АБВ" / "ABC" / "ΑΒΓ"), space, backspace (repeating while held), clear, and hide.
// The layout follows the visitor's language until the visitor switches it.
//
// Keys act on release, as every tap does (a finger sliding off a key types nothing), and are
// drawn pressed, with the letter enlarged above the finger, from the frame the finger lands.
// Each key is a named target ("key.а", "key.space", "key.backspace", "key.clear", "key.layout",
// "key.hide"), which replays type through (docs/replay.md: "type").
#include <string>

#include "ui/frame.h"
#include "ui/keyboard_layouts.h"
#include "ui/widgets.h"

namespace orpheus::ui {

class OnScreenKeyboard {
 public:
  explicit OnScreenKeyboard(const KeyboardLayouts& layouts) : layouts_(layouts) {}

  // How tall it is drawn, across the bottom of the screen (0 with no layout loaded).
  float height(const UiFrame& f) const;
  // Draws it across the bottom of the screen and applies this frame's key taps to `text` (at
  // most `max_chars` code points). Returns true if `text` changed.
  bool draw(UiFrame& f, std::string& text, std::size_t max_chars = 60);
  // The visitor tapped "hide" (the screen shows it again when the text field is tapped).
  bool hide_requested() const { return hide_; }
  const KeyboardLayout* layout() const { return current_; }

 private:
  struct Key;
  bool key(UiFrame& f, const Rect& r, const Key& k, std::string& text, std::size_t max_chars);

  const KeyboardLayouts& layouts_;
  const KeyboardLayout* current_ = nullptr;
  std::string language_;  // the visitor language the layout was chosen for
  // Backspace held: when the hold began, when it deletes next, whether it deleted already.
  double hold_since_ms_ = -1, repeat_at_ms_ = 0;
  bool repeated_ = false;
  bool hide_ = false;
};

}  // namespace orpheus::ui
