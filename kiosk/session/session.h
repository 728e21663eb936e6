#pragma once
// The visitor session: everything one visitor changed (screen stack, language, text size, scroll
// positions). The idle reset replaces it wholesale. Screens report what the visitor asked for as
// intents, applied here between frames. Pure logic, no SDL/ImGui, unit-tested; the UI and the app
// both depend on it, it on neither.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "catalog/catalog.h"
#include "session/route.h"

namespace orpheus::session {

// The visitor's text size, each step bigger (ui::FontSet has the fonts of each); the "Aa" toggle
// steps through them in this order and back to normal.
enum class TextSize { normal, large, largest };
TextSize next(TextSize size);              // normal -> large -> largest -> normal
const char* text_size_name(TextSize size);  // "normal", "large", "largest" (state dumps)

namespace intent {
struct OpenCollection { std::int64_t id; };
struct OpenItem { std::int64_t id; };
struct StepItem { int delta; };         // previous (-1) / next (+1) in the collection, wraps
struct ShowMedia { int index; };        // on the item screen or in the viewer
struct OpenViewer { int index; };
// A registered screen (about, search, timeline), with no item or about `item` (the timeline
// opened from an item: "show in time"); opened with an item that is not there, it has none.
struct Open { ScreenId screen; std::int64_t item = 0; };
struct Back {};
struct Home {};
struct SetLanguage { std::string code; };
struct SetTextSize { TextSize size; };
struct SetHighContrast { bool on; };
struct SetReach { bool on; };
struct SetVolume { int level; };  // the narration's loudness: 0 quieter, 1 the kiosk's, 2 louder
struct ChooseLanguage { bool open; };  // the language picker (more than three languages) opens/closes
}  // namespace intent
using Intent = std::variant<intent::OpenCollection, intent::OpenItem, intent::StepItem, intent::ShowMedia,
                            intent::OpenViewer, intent::Open, intent::Back, intent::Home, intent::SetLanguage,
                            intent::SetTextSize, intent::SetHighContrast, intent::SetReach,
                            intent::SetVolume, intent::ChooseLanguage>;

class Session {
 public:
  explicit Session(std::string language) : language_(std::move(language)) {}

  const Route& route() const { return stack_.back(); }
  Route& route() { return stack_.back(); }
  const std::vector<Route>& stack() const { return stack_; }
  const std::string& language() const { return language_; }
  TextSize text_size() const { return text_size_; }  // the visitor may ask for bigger text
  bool high_contrast() const { return high_contrast_; }  // ... for the high-contrast palette
  int volume() const { return volume_; }  // ... for louder (2) or quieter (0) narration than the kiosk's (1)
  bool reach() const { return reach_; }  // ... for reach mode (seated: everything low on the screen)
  bool choosing_language() const { return choosing_language_; }  // the language picker is open
  // Applies an intent against the current snapshot; invalid targets are ignored.
  // Returns true if the screen (or the item/image shown) changed.
  bool apply(const Intent& intent, const catalog::Snapshot& snapshot);

 private:
  void push(Route r);  // numbered: Route::serial
  std::string language_;
  TextSize text_size_ = TextSize::normal;
  bool high_contrast_ = false;
  bool reach_ = false;
  bool choosing_language_ = false;
  int volume_ = 1;
  std::vector<Route> stack_{Route{}};
  std::uint32_t pushed_ = 0;
};

}  // namespace orpheus::session
