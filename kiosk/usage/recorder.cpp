#include "usage/recorder.h"

#include <algorithm>
#include <cmath>

namespace orpheus::usage {
namespace {

std::int64_t whole_seconds(double ms) { return ms <= 0 ? 0 : static_cast<std::int64_t>(std::llround(ms / 1000.0)); }

bool shows_item(const Place& p) { return !p.item.empty() && (p.screen == "item" || p.screen == "viewer"); }

// Spaces collapsed and trimmed: "  gold   mask " -> "gold mask".
std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

VisitRecord::Item& Recorder::item(const std::string& slug) {
  const auto it = std::find_if(visit_.items.begin(), visit_.items.end(), [&](const auto& i) { return i.slug == slug; });
  if (it != visit_.items.end()) return *it;
  return visit_.items.emplace_back(VisitRecord::Item{slug, 0, 0});
}

void Recorder::touched(double now_ms, std::string_view day, int hour, bool from_attract, const Place& place,
                       std::string_view pack) {
  if (active_) return;
  active_ = true;
  visit_ = {};
  visit_.day = day;
  visit_.hour = hour;
  visit_.from_attract = from_attract;
  visit_.pack = pack;
  begun_ms_ = now_ms;
  place_ = {};
  search_route_.reset();
  playing_since_ms_.reset();
  shown(now_ms, place);
}

void Recorder::close_place(double until_ms) {
  if (shows_item(place_)) item(place_.item).dwell_s += whole_seconds(until_ms - place_since_ms_);
}

void Recorder::shown(double now_ms, const Place& place) {
  if (!active_ || place == place_) return;
  close_place(now_ms);
  // A new opening of an item's page: from another screen or another item (its viewer and back is
  // the same viewing).
  if (place.screen == "item" && !(shows_item(place_) && place_.item == place.item)) ++item(place.item).views;
  if (place.screen != place_.screen && place.screen != "home" && place.screen != "item") ++visit_.screens[place.screen];
  place_ = place;
  place_since_ms_ = now_ms;
}

void Recorder::modes(std::string_view language, bool large_text, bool high_contrast, bool reach) {
  if (!active_) return;
  visit_.language = language;
  visit_.large_text = visit_.large_text || large_text;
  visit_.high_contrast = visit_.high_contrast || high_contrast;
  visit_.reach = visit_.reach || reach;
}

void Recorder::narration(double now_ms, bool playing) {
  if (!active_ || playing == playing_since_ms_.has_value()) return;
  if (playing) {
    ++visit_.narrations;
    playing_since_ms_ = now_ms;
  } else {
    visit_.narration_s += whole_seconds(now_ms - *playing_since_ms_);
    playing_since_ms_.reset();
  }
}

void Recorder::searched(std::string_view text, std::int64_t results, std::uint32_t route_serial) {
  if (!active_) return;
  auto typed = collapse_spaces(text);
  if (typed.empty()) return;
  if (search_route_ == route_serial && !visit_.searches.empty()) {
    visit_.searches.back() = {std::move(typed), results};
  } else if (visit_.searches.size() < kMaxListed) {
    visit_.searches.push_back({std::move(typed), results});
    search_route_ = route_serial;
  }
}

void Recorder::event_opened(std::string_view slug) {
  if (active_ && visit_.events.size() < kMaxListed) visit_.events.emplace_back(slug);
}

std::optional<VisitRecord> Recorder::end(double last_touch_ms) {
  if (!active_) return std::nullopt;
  active_ = false;
  const double until = std::clamp(last_touch_ms, begun_ms_, begun_ms_ + kMaxSessionMs);
  close_place(std::max(until, place_since_ms_));
  if (playing_since_ms_) visit_.narration_s += whole_seconds(std::max(until, *playing_since_ms_) - *playing_since_ms_);
  visit_.seconds = whole_seconds(until - begun_ms_);
  return std::move(visit_);
}

}  // namespace orpheus::usage
