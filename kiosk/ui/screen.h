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
#include "ui/keyboard_layouts.h"

namespace orpheus::ui {

// What a screen may use beyond its frames: the kiosk's background work runner and the on-screen
// keyboard's layouts (loaded once at start-up).
struct ScreenContext {
  core::Background& background;
  const KeyboardLayouts& keyboards;
};

class Screen {
 public:
  virtual ~Screen() = default;
  // A new visitor on this pack (after every idle reset and every new pack): what the instance
  // derives from the snapshot, once, not in every frame. The snapshot outlives the screen's use
  // of it. Work for the whole pack that every visitor shares goes in ScreenEntry::pack_shown.
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
  bool beside_home = false;  // the launcher sits right beside Home (search), not among the controls
  // Whether a pack gives the screen anything to show; false: no launcher while it is shown
  // (What's on for a pack without a programme). Unset: always.
  std::function<bool(const catalog::Snapshot&)> offered = {};
  // A new pack is shown (main thread, before the new instances are made): work on the whole
  // pack that every visitor's instance shares, such as a search index. The entry function keeps
  // what it builds in state its `make` also captures; slow work goes on context.background,
  // holding `snapshot`, and is never waited for.
  std::function<void(std::shared_ptr<const catalog::Snapshot> snapshot, const ScreenContext& context)> pack_shown = {};
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
  // A new pack: every entry's pack_shown, then reset(snapshot).
  void show(const std::shared_ptr<const catalog::Snapshot>& snapshot);
  // New instances of every screen, prepared for `snapshot` (none: no content shown).
  void reset(const catalog::Snapshot* snapshot);
  // Draws the screen of f.route; an unknown kind draws nothing.
  void draw(UiFrame& f);
  // "screen": its name, and the screen's own fields.
  void state(session::ScreenId id, nlohmann::json& out) const;
  std::string_view name(session::ScreenId id) const { return registry_.name(id); }
  std::span<const Launcher> launchers() const { return launchers_; }

 private:
  void offer(const catalog::Snapshot* snapshot);  // the launchers of the screens the pack offers

  ScreenRegistry registry_;
  ScreenContext context_;
  std::vector<std::unique_ptr<Screen>> screens_;  // indexed by ScreenId::value
  std::vector<Launcher> launchers_;
};

}  // namespace orpheus::ui
