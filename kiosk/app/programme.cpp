#include "app/programme.h"

#include <chrono>
#include <cmath>

#include "core/log.h"

namespace orpheus::app {

namespace {

// The loop polls at least once a second; a wall clock that moved further than this between two
// polls jumped (NTP setting a clock that started in 1970, a technician, a replay's wait).
constexpr std::int64_t kJumpS = 120;

events::TimeZone zone_or_sofia(const std::string& name, const std::string& what) {
  if (auto z = events::TimeZone::named(name)) return *z;
  log::error("events", what + " names an unknown time zone \"" + name + "\": using Europe/Sofia");
  return *events::TimeZone::named("Europe/Sofia");
}

}  // namespace

Programme::Programme(std::string time_zone, std::string now)
    : configured_zone_(std::move(time_zone)), now_text_(std::move(now)), zone_(events::TimeZone::utc()) {}

std::int64_t Programme::wall_s(double now_ms) const {
  if (fake_origin_s_) return *fake_origin_s_ + static_cast<std::int64_t>(std::floor((now_ms - fake_origin_ms_) / 1000));
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

void Programme::show(const catalog::Snapshot* snapshot, double now_ms) {
  snapshot_ = snapshot;
  if (!snapshot) return;
  zone_ = configured_zone_.empty() ? zone_or_sofia(snapshot->pack.time_zone, "the pack")
                                   : zone_or_sofia(configured_zone_, "events.time_zone");
  if (!now_text_.empty() && !fake_origin_s_) {
    fake_origin_s_ = events::parse_instant(now_text_, zone_);  // checked by parse_options
    fake_origin_ms_ = now_ms;
    if (fake_origin_s_) log::info("events", "the clock starts at " + events::format_instant(*fake_origin_s_) + " (--now)");
  }
  collections_.clear();  // a new pack shows its collections at once, whatever the visitor does
  recompute(wall_s(now_ms));
  collections_ = pending_collections_;
}

void Programme::recompute(std::int64_t wall) {
  last_wall_ = wall;
  ++serial_;
  const auto verdict = events::check_clock(*snapshot_, wall);
  if (verdict != verdict_) {
    if (verdict != events::ClockVerdict::ok)
      log::warn("events", "the clock says " + events::format_instant(wall) + ", " + events::to_string(verdict) + " (built " +
                              snapshot_->pack.created + "): events and scheduled collections are hidden until it is right");
    else
      log::info("events", "the clock (" + events::format_instant(wall) + ") can be believed again: the programme is shown");
    verdict_ = verdict;
  }
  pending_collections_ = events::shown_collections(*snapshot_, zone_, wall, verdict_);
  next_change_ = clock_trusted() ? events::next_change(*snapshot_, zone_, wall) : std::nullopt;
}

bool Programme::poll(double now_ms, bool idle_moment) {
  if (!snapshot_) return false;
  const auto wall = wall_s(now_ms);
  const auto serial = serial_;
  if ((next_change_ && wall >= *next_change_) || wall < last_wall_ || wall > last_wall_ + kJumpS) recompute(wall);
  else last_wall_ = wall;
  bool changed = serial != serial_;
  if (pending_collections_ != collections_ && idle_moment) {
    collections_ = pending_collections_;
    ++serial_;
    changed = true;
  }
  return changed;
}

std::optional<double> Programme::next_deadline_ms(double now_ms) const {
  if (!snapshot_ || !next_change_) return std::nullopt;
  const auto wall = wall_s(now_ms);
  // The boundary's second, on the app's clock: the wall clock's fraction of a second is unknown
  // here, so a few ms after it at most one poll early (which then waits for the rest).
  return now_ms + static_cast<double>(std::max<std::int64_t>(0, *next_change_ - wall)) * 1000.0 + 5;
}

std::vector<std::size_t> Programme::attract_events(double now_ms, std::size_t limit) const {
  std::vector<std::size_t> out;
  if (!snapshot_ || !clock_trusted()) return out;
  const auto listing = events::list_events(*snapshot_, zone_, wall_s(now_ms));
  for (const auto* part : {&listing.today, &listing.this_week, &listing.later})
    for (const auto& l : *part)
      if (out.size() < limit) out.push_back(static_cast<std::size_t>(l.event - snapshot_->events.data()));
  return out;
}

}  // namespace orpheus::app
