#pragma once
// The visitor's side of the kiosk: the session (route stack, language, text size), the
// registered screens drawing it, and the languages the shown pack offers. A new visitor (the
// idle reset, a new pack) replaces the session and the screens wholesale. Main thread only.
#include <memory>
#include <optional>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "config/config.h"
#include "core/background.h"
#include "session/session.h"
#include "ui/screen.h"

namespace orpheus::app {

class Visit {
 public:
  Visit(ui::ScreenRegistry registry, ui::ScreenContext context);

  // A pack is shown: its enabled languages and start language (from the configuration), the
  // screens' work on the whole pack (ui::ScreenEntry::pack_shown), then a new visitor.
  // `interface_languages`: those the interface's words exist in (ui::Strings::languages()).
  void show(const std::shared_ptr<const catalog::Snapshot>& snapshot, const config::SessionConfig& config,
            const std::vector<std::string>& interface_languages);
  // A new visitor: home, the start language, fresh screens (scroll positions, flings, zoom).
  // Without a snapshot there is no session (the "unavailable" screen).
  void reset(const catalog::Snapshot* snapshot);
  // After a frame that failed: a fresh session in the pack's default language, same screens.
  void recover(const catalog::Snapshot& snapshot);

  bool active() const { return session_ != nullptr; }
  session::Session& session() { return *session_; }
  const session::Session& session() const { return *session_; }
  // The visitor's language, or the start language while there is no session.
  const std::string& language() const { return session_ ? session_->language() : start_language_; }
  const std::vector<std::string>& languages() const { return languages_; }
  session::TextSize text_size() const { return session_ ? session_->text_size() : session::TextSize::normal; }
  bool high_contrast() const { return session_ && session_->high_contrast(); }
  bool reach() const { return session_ && session_->reach(); }
  std::span<const ui::Launcher> launchers() const { return screens_.launchers(); }

  // Draws the screen of the visitor's route into `f` (made for session().route()).
  void draw(ui::UiFrame& f);
  // The screen under the attract loop is drawn anew when the loop ends.
  void forget_route() { last_route_ = {}; }
  // Applies a frame's intents; true if the screen (or what it shows) changed.
  bool apply(const std::vector<session::Intent>& intents, const catalog::Snapshot& snapshot);
  std::string_view screen_name() const { return screens_.name(session_->route().screen); }
  // For the frame trace, in the viewer: everything on screen is at the resolution the zoom needs.
  std::optional<bool> viewer_sharp() const;
  // The state dump's visitor part: screen (and its own fields), language, stack, scroll,
  // collection, item, the pack's title.
  void state(nlohmann::json& out, const catalog::Snapshot& snapshot) const;

 private:
  ui::Screens screens_;
  std::unique_ptr<session::Session> session_;
  std::vector<std::string> languages_;  // enabled for the shown pack
  std::string start_language_;
  session::Route last_route_;  // of the last frame drawn: a change stops flings, resets zoom
  std::string last_language_;
  session::TextSize last_text_size_ = session::TextSize::normal;
  // The sizes of the fonts the last frame drew with (pixels; the state dump's "font_px").
  float body_px_ = 0, ui_px_ = 0, lead_px_ = 0, title_px_ = 0;
  bool last_high_contrast_ = false;
  bool last_reach_ = false;
};

}  // namespace orpheus::app
