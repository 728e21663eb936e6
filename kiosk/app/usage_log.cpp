#include "app/usage_log.h"

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace orpheus::app {

UsageLog::UsageLog(const config::Config& config) {
  const auto file = config::usage_file(config);
  if (file.empty()) {
    log::info("usage", config.usage.enabled ? "no usage journal: no [state] dir or [usage] file configured"
                                            : "no usage journal: [usage] enabled = false");
    return;
  }
  journal_ = std::make_unique<usage::Journal>(
      file, usage::JournalOptions{.detail_days = config.usage.detail_days, .keep_days = config.usage.keep_days});
  log::info("usage", "counting visits anonymously in " + file.string() + " (docs/usage.md)");
}

UsageLog::~UsageLog() = default;

void UsageLog::clock(std::int64_t wall_s, const events::TimeZone& zone, bool trusted) {
  // Local hours begin on a quarter hour of UTC in every zone: nothing to do within one (unless
  // the zone or the clock's verdict changed), whatever the loop's pace.
  constexpr std::int64_t kQuarterS = 900;
  const std::int64_t quarter = wall_s / kQuarterS;
  if (!journal_ || (quarter == quarter_ && zone.name() == zone_ && trusted == trusted_)) return;
  quarter_ = quarter;
  trusted_ = trusted;
  if (zone.name() != zone_) {
    zone_ = zone.name();
    journal_->time_zone(zone_);
  }
  const auto local = zone.to_local(wall_s);
  if (auto day = events::format_date(local.day); day != day_ || local.minute / 60 != hour_) {
    day_ = std::move(day);
    hour_ = local.minute / 60;
    journal_->hour_on(day_, hour_);
  }
  if (trusted && day_ != rolled_day_) {
    journal_->roll_up(day_);
    rolled_day_ = day_;
  }
}

void UsageLog::pack_shown(const catalog::Snapshot& snapshot, double last_touch_ms) {
  if (!journal_) return;
  end(last_touch_ms);
  pack_ = snapshot.pack.id + " " + snapshot.pack.version;
  std::map<std::string, std::map<std::string, std::string>> titles;
  for (const auto& item : snapshot.items)
    for (const auto& lang : snapshot.pack.languages)
      if (const auto t = item.title.get(lang, {}); !t.empty() && item.title.language_of(lang, {}) == lang)
        titles[item.slug][lang] = std::string(t);
  journal_->titles(std::move(titles));
}

usage::Place UsageLog::place(const session::Session& visitor, const catalog::Snapshot& snapshot,
                             std::string_view screen_name) const {
  const auto& r = visitor.route();
  usage::Place p{std::string(screen_name), {}};
  if (r.screen == session::screen::item || r.screen == session::screen::viewer)
    if (const auto* item = snapshot.find_item(r.item_id)) p.item = item->slug;
  return p;
}

void UsageLog::touched(double now_ms, bool attracting, const session::Session& visitor, const catalog::Snapshot& snapshot,
                       std::string_view screen_name) {
  if (!journal_ || recorder_.active() || hour_ < 0) return;
  recorder_.touched(now_ms, day_, hour_, attracting, place(visitor, snapshot, screen_name), pack_);
}

void UsageLog::follow(double now_ms, const session::Session& visitor, const catalog::Snapshot& snapshot,
                      std::string_view screen_name, bool narration_playing) {
  if (!recorder_.active()) return;
  recorder_.shown(now_ms, place(visitor, snapshot, screen_name));
  recorder_.modes(visitor.language(), visitor.text_size() != session::TextSize::normal, visitor.high_contrast(), visitor.reach());
  recorder_.narration(now_ms, narration_playing);
}

void UsageLog::noted(std::vector<ui::UsageNote>& notes, std::uint32_t route_serial) {
  for (auto& n : notes) {
    if (!n.search.empty()) recorder_.searched(n.search, n.results, route_serial);
    if (!n.event.empty()) recorder_.event_opened(n.event);
  }
  notes.clear();
}

void UsageLog::end(double last_touch_ms) {
  if (auto visit = recorder_.end(last_touch_ms); visit && journal_) journal_->add(std::move(*visit));
}

void UsageLog::state(nlohmann::json& out) {
  if (!journal_) {
    out["usage"] = {{"on", false}};
    return;
  }
  journal_->flush();
  out["usage"] = {{"on", true}, {"file", journal_->file().string()}, {"session", recorder_.active()},
                  {"committed", journal_->committed()}};
}

}  // namespace orpheus::app
