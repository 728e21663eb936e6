#pragma once
// The item page's narration player: a play/pause button, the progress along a track that a
// finger drags (or taps) to seek, elapsed and total time, the visitor's volume; and which of the
// item's sentences is being spoken, for the transcript to mark and keep in view.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "ui/frame.h"
#include "ui/widgets.h"

namespace orpheus::ui {

// The sentence of `n` being spoken at `ms`: its index in n.sentences, -1 before the first.
int sentence_at(const catalog::Narration& n, int ms);
// "0:07", "1:05", "12:40"
std::string clock_text(int ms);

class NarrationBar {
 public:
  // The narration the visitor can play on this item's page, in the visitor's language: none
  // without a sound card, or if the pack has none in that language (never another language's).
  static const catalog::Narration* of(const UiFrame& f, const catalog::Item& item);

  // Draws the bar in `r` (a touch target tall) and handles its taps and drags.
  void draw(UiFrame& f, ImDrawList* dl, const Rect& r, const catalog::Item& item, const catalog::Narration& n);
  // The gesture began on the track: it seeks, and neither turns the page nor scrolls the text.
  bool owns(const touch::GestureFrame& g) const;
  // Where the narration is for the transcript (the place the finger drags to, while it drags);
  // none when this item's narration is not playing or paused.
  std::optional<int> spoken_ms(const UiFrame& f, const catalog::Item& item) const;
  void state(nlohmann::json& out) const;

 private:
  Rect track_;                  // last drawn: its touch area
  std::optional<int> drag_ms_;  // the finger on the track
};

}  // namespace orpheus::ui
