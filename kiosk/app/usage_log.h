#pragma once
// The kiosk's side of the usage journal (usage/journal.h, docs/usage.md): begins a visitor
// session at the first touch, follows the screen and item shown, the visitor's choices, the
// narration, the searches and events the screens note (ui::UsageNote), and hands the finished
// session to the journal's writer thread at the idle reset, a new pack or the kiosk stopping.
// Also the local hours the kiosk runs, the items' titles of each pack shown, and the daily
// roll-up (only on a clock the programme believes: a clock years ahead must not roll up, and so
// drop, the journal). Off without a journal file ([usage] enabled, [state] dir). Main thread;
// nothing here touches the disk.
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "config/config.h"
#include "events/zone.h"
#include "session/session.h"
#include "ui/frame.h"
#include "usage/journal.h"
#include "usage/recorder.h"

namespace orpheus::app {

class UsageLog {
 public:
  explicit UsageLog(const config::Config& config);
  ~UsageLog();  // the journal commits what is queued (end() the session first)

  bool on() const { return journal_ != nullptr; }
  // The museum's local time now (from the programme's wall clock and zone), and whether the
  // clock is believed. Between frames, before the calls below.
  void clock(std::int64_t wall_s, const events::TimeZone& zone, bool trusted);
  // A pack is shown: the running session ends at `last_touch_ms`; the pack's titles are kept.
  void pack_shown(const catalog::Snapshot& snapshot, double last_touch_ms);
  // A finger went down on a visitor's screen (`attracting`: on the attract loop).
  void touched(double now_ms, bool attracting, const session::Session& visitor, const catalog::Snapshot& snapshot,
               std::string_view screen_name);
  // Between frames while a visitor's screen is shown: what it shows and the visitor's choices.
  void follow(double now_ms, const session::Session& visitor, const catalog::Snapshot& snapshot,
              std::string_view screen_name, bool narration_playing);
  // What the last frame's screens noted.
  void noted(std::vector<ui::UsageNote>& notes, std::uint32_t route_serial);
  // The session ends: the idle reset, a new pack, the kiosk stopping.
  void end(double last_touch_ms);
  // The touches so far were a technician's opening the admin pad: not a visit.
  void discard() { recorder_.discard(); }
  // The state dump's "usage": on, a session running, sessions committed (after a flush).
  void state(nlohmann::json& out);

 private:
  usage::Place place(const session::Session& visitor, const catalog::Snapshot& snapshot, std::string_view screen_name) const;

  std::unique_ptr<usage::Journal> journal_;
  usage::Recorder recorder_;
  std::string pack_;   // "id version" shown
  std::string zone_;   // the museum's, as last told to the journal
  std::string day_;    // local, now (told to the journal with the hour)
  int hour_ = -1;
  std::int64_t quarter_ = -1;  // the quarter hour of UTC clock() last looked at
  bool trusted_ = false;
  std::string rolled_day_;  // the last day the roll-up was asked for
};

}  // namespace orpheus::app
