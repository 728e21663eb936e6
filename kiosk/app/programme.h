#pragma once
// The museum's programme as the kiosk shows it (events/programme.h on the kiosk's clock): the
// wall clock (the system's, or --now running on from a given instant, on the replay's virtual
// clock in replays), the museum's time zone, whether the clock can be believed, and which
// collections the home screen shows. Recomputed only when something can have changed (the next
// boundary events::next_change names, a clock that jumped, a new pack), never per frame. A change
// to the home screen's collections waits for an idle moment: never under a visitor's finger.
// Pure logic on clocks passed in; no SDL/ImGui. Main thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "events/programme.h"
#include "events/zone.h"

namespace orpheus::app {

class Programme {
 public:
  // `time_zone`: [events] time_zone ("" = the pack's); `now`: Options::now ("" = the system clock).
  Programme(std::string time_zone, std::string now);

  // A pack is shown (or none): its zone, the fake clock's start read in it, everything anew, at once.
  void show(const catalog::Snapshot* snapshot, double now_ms);
  // Between frames. `idle_moment`: no finger on the screen and none for a moment (or nobody is
  // there: the attract loop): a pending change of the home screen's collections is applied then.
  // True if what the screens show changed (a new serial()).
  bool poll(double now_ms, bool idle_moment);
  // When poll() has something to do, on the app's clock (ms); none: nothing dated.
  std::optional<double> next_deadline_ms(double now_ms) const;

  std::int64_t wall_s(double now_ms) const;  // Unix seconds
  const events::TimeZone& zone() const { return zone_; }
  events::ClockVerdict clock() const { return verdict_; }
  bool clock_trusted() const { return verdict_ == events::ClockVerdict::ok; }
  // Indices into the snapshot's collections, in order: those the home screen shows.
  const std::vector<std::size_t>& collections() const { return collections_; }
  // Changes whenever what the programme shows may have changed: screens recompute their lists then.
  std::uint64_t serial() const { return serial_; }
  // The events an attract loop shows now: listed today, this week and later, at most `limit`.
  std::vector<std::size_t> attract_events(double now_ms, std::size_t limit) const;

 private:
  void recompute(std::int64_t wall);

  std::string configured_zone_, now_text_;
  const catalog::Snapshot* snapshot_ = nullptr;
  events::TimeZone zone_;
  std::optional<std::int64_t> fake_origin_s_;  // --now, as an instant
  double fake_origin_ms_ = 0;                   // the app's clock when the fake clock started
  events::ClockVerdict verdict_ = events::ClockVerdict::ok;
  std::vector<std::size_t> collections_, pending_collections_;
  std::optional<std::int64_t> next_change_;     // wall seconds
  std::int64_t last_wall_ = 0;
  std::uint64_t serial_ = 0;
};

}  // namespace orpheus::app
