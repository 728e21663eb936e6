#pragma once
// Visitor screens, registered rather than switched. A screen is one class in one file (nothing
// else includes it): it declares its entry (name, factory, launcher) in a function its file
// defines, and ui/screen_list.cpp registers that entry with one line. The registry hands each
// screen its route kind (a session::ScreenId); the app draws whichever screen the visitor's route
// names and never knows the screens themselves. Main thread only.
//
// A screen reads only the UiFrame (snapshot, route, gestures, images, strings, theme), reports
// what the visitor asked for as intents and names its tap targets (widgets: tapped(), button());
// whatever it derives from the snapshot once it does in prepare(); slow work it starts as a
// core::Request on the ScreenContext's Background, reading the result between frames.
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/background.h"
#include "session/route.h"
#include "ui/frame.h"

namespace orpheus::ui {

// What a screen may use beyond its frames: the kiosk's background work runner.
struct ScreenContext {
  core::Background& background;
};

class Screen {
 public:
  virtual ~Screen() = default;
  // A pack is about to be shown (also after every reset): what the screen derives from the whole
  // snapshot, once, not in every frame. The snapshot outlives the screen's use of it.
  virtual void prepare(const catalog::Snapshot&) {}
  // One frame: draws into the root window, reports intents and tap targets into `f`.
  virtual void draw(UiFrame& f) = 0;
  // Its own fields of the replay state dump, while it is shown (e.g. the viewer's zoom).
  virtual void state(nlohmann::json&) const {}
};

struct ScreenEntry {
  std::string name;  // in state dumps and the health file; launcher target "open.<name>"
  std::function<std::unique_ptr<Screen>(const ScreenContext&)> make;
  // Reached from every screen by a round button with this icon among the visitor's controls;
  // Icon::none: only from other screens (a collection is opened from home, an item from it).
  Icon launcher = Icon::none;
};

// Ids in order of registration: the browsing screens (home, collection, item, viewer) first, at
// the fixed ids the session navigates by (session/route.h).
class ScreenRegistry {
 public:
  session::ScreenId add(ScreenEntry entry);
  std::size_t size() const { return entries_.size(); }
  const ScreenEntry* find(session::ScreenId id) const;
  std::optional<session::ScreenId> find(std::string_view name) const;
  std::string_view name(session::ScreenId id) const;  // "?" if unknown

 private:
  friend class Screens;
  std::vector<ScreenEntry> entries_;
};

// The kiosk's screens (ui/screen_list.cpp).
ScreenRegistry standard_screens();

// One instance of every registered screen: presentation state (scroll, zoom, flings) that the
// idle reset replaces wholesale.
class Screens {
 public:
  Screens(ScreenRegistry registry, ScreenContext context);
  // New instances of every screen, prepared for `snapshot` (none: no content shown).
  void reset(const catalog::Snapshot* snapshot);
  // Draws the screen of f.route; an unknown kind draws nothing.
  void draw(UiFrame& f);
  // "screen": its name, and the screen's own fields.
  void state(session::ScreenId id, nlohmann::json& out) const;
  std::string_view name(session::ScreenId id) const { return registry_.name(id); }
  std::span<const Launcher> launchers() const { return launchers_; }

 private:
  ScreenRegistry registry_;
  ScreenContext context_;
  std::vector<std::unique_ptr<Screen>> screens_;  // indexed by ScreenId::value
  std::vector<Launcher> launchers_;
};

}  // namespace orpheus::ui
