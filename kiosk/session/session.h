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
struct SetLargeText { bool large; };
struct SetHighContrast { bool on; };
}  // namespace intent
using Intent = std::variant<intent::OpenCollection, intent::OpenItem, intent::StepItem, intent::ShowMedia,
                            intent::OpenViewer, intent::Open, intent::Back, intent::Home, intent::SetLanguage,
                            intent::SetLargeText, intent::SetHighContrast>;

class Session {
 public:
  explicit Session(std::string language) : language_(std::move(language)) {}

  const Route& route() const { return stack_.back(); }
  Route& route() { return stack_.back(); }
  const std::vector<Route>& stack() const { return stack_; }
  const std::string& language() const { return language_; }
  bool large_text() const { return large_text_; }  // the visitor asked for bigger text
  bool high_contrast() const { return high_contrast_; }  // ... for the high-contrast palette
  // Applies an intent against the current snapshot; invalid targets are ignored.
  // Returns true if the screen (or the item/image shown) changed.
  bool apply(const Intent& intent, const catalog::Snapshot& snapshot);

 private:
  void push(Route r);  // numbered: Route::serial
  std::string language_;
  bool large_text_ = false;
  bool high_contrast_ = false;
  std::vector<Route> stack_{Route{}};
  std::uint32_t pushed_ = 0;
};

}  // namespace orpheus::session
