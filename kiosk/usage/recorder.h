#pragma once
// One visitor session as the journal keeps it (VisitRecord), and the Recorder that builds it from
// what the app sees between frames: touches, the screen and item shown, the visitor's choices,
// narrations, searches, events opened. Only what docs/usage.md lists: no touch positions, no
// times finer than the local hour the session began, lengths in whole seconds. Pure logic on the
// app's clock (virtual in replays); no SQLite, no SDL. Main thread.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::usage {

struct VisitRecord {
  std::string day;   // YYYY-MM-DD, the museum's local day the session began
  int hour = 0;      // ... and its local hour
  std::int64_t seconds = 0;  // first touch to last touch
  std::string language;      // the one it ended in
  bool large_text = false, high_contrast = false, reach = false;  // used at any moment
  bool from_attract = false;  // begun by touching the attract loop
  std::string pack;           // "id version" shown
  struct Item {
    std::string slug;
    std::int64_t views = 0, dwell_s = 0;
    bool operator==(const Item&) const = default;
  };
  std::vector<Item> items;                 // in order of first opening
  std::map<std::string, std::int64_t> screens;  // registered screens opened ("search", "map", ...)
  std::int64_t narrations = 0, narration_s = 0;
  struct Search {
    std::string text;  // as typed, spaces collapsed
    std::int64_t results = 0;
    bool operator==(const Search&) const = default;
  };
  std::vector<Search> searches;
  std::vector<std::string> events;  // slugs of the What's on events opened, each time
  bool operator==(const VisitRecord&) const = default;
};

// Where a session's screen is: the route's screen name, and the item it shows ("" for none).
struct Place {
  std::string screen;  // "home", "collection", "item", "viewer", "search", ...
  std::string item;    // the item's slug on "item" and "viewer"
  bool operator==(const Place&) const = default;
};

class Recorder {
 public:
  // Sessions longer than this are cut there (a finger resting on the screen all day is not a visit).
  static constexpr double kMaxSessionMs = 2 * 3600 * 1000.0;
  // At most this many searches and event openings are kept per session (a visitor hammering).
  static constexpr std::size_t kMaxListed = 100;

  bool active() const { return active_; }
  // A visitor's touch. The first one begins a session: `day`/`hour` local, `from_attract` if the
  // attract loop was showing, `place` the screen shown, `pack` "id version".
  void touched(double now_ms, std::string_view day, int hour, bool from_attract, const Place& place, std::string_view pack);
  // Between frames, while a session runs: the screen shown now and the visitor's choices.
  void shown(double now_ms, const Place& place);
  void modes(std::string_view language, bool large_text, bool high_contrast, bool reach);
  void narration(double now_ms, bool playing);
  // The search screen's latest delivered search (called as the visitor types: the session keeps
  // one search per visit of the search screen, the last text it showed results for).
  void searched(std::string_view text, std::int64_t results, std::uint32_t route_serial);
  void event_opened(std::string_view slug);
  // The session ends (idle reset, a new pack, the kiosk stopping): its record, with the time
  // after the last touch left out. Nullopt if none was running.
  std::optional<VisitRecord> end(double last_touch_ms);
  // Forgets the session running: it was a technician's (the corner held for the admin pad).
  void discard() { active_ = false; }

 private:
  void close_place(double until_ms);
  VisitRecord::Item& item(const std::string& slug);

  bool active_ = false;
  VisitRecord visit_;
  double begun_ms_ = 0;
  Place place_;
  double place_since_ms_ = 0;
  std::optional<double> playing_since_ms_;
  // The search being typed: the visit of the search screen it belongs to.
  std::optional<std::uint32_t> search_route_;
};

}  // namespace orpheus::usage
