#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "session/session.h"

using namespace orpheus;
using namespace orpheus::session;

namespace {
// A small snapshot built in memory: two collections, three items in the first.
catalog::Snapshot make_snapshot() {
  catalog::Snapshot s;
  s.pack.languages = {"bg", "en"};
  s.pack.default_language = "bg";
  for (int i = 0; i < 4; ++i) {
    catalog::Item it;
    it.id = 100 + i;
    it.slug = "item-" + std::to_string(i);
    it.collection_id = i < 3 ? 1 : 2;
    it.media.resize(static_cast<std::size_t>(i + 1));
    s.items.push_back(it);
  }
  catalog::Collection a;
  a.id = 1;
  a.items = {0, 1, 2};
  catalog::Collection b;
  b.id = 2;
  b.items = {3};
  s.collections = {a, b};
  return s;
}
}  // namespace

TEST_SUITE("Visitor session") {
  const auto snap = make_snapshot();

  TEST_CASE("Starts on the home screen in its language") {
    Session s("bg");
    CHECK(s.route().screen == screen::home);
    CHECK(s.language() == "bg");
    CHECK(s.text_size() == TextSize::normal);
  }

  TEST_CASE("The text size is the visitor's choice, kept across screens") {
    Session s("bg");
    CHECK(s.apply(intent::SetTextSize{TextSize::large}, snap));
    CHECK_FALSE(s.apply(intent::SetTextSize{TextSize::large}, snap));  // no change
    CHECK(s.apply(intent::OpenCollection{1}, snap));
    CHECK(s.text_size() == TextSize::large);
    CHECK(s.apply(intent::SetTextSize{TextSize::largest}, snap));
    CHECK(s.apply(intent::OpenItem{101}, snap));
    CHECK(s.apply(intent::Back{}, snap));
    CHECK(s.text_size() == TextSize::largest);
    CHECK(s.apply(intent::SetTextSize{TextSize::normal}, snap));
    CHECK(s.text_size() == TextSize::normal);
  }

  TEST_CASE("The text-size toggle steps normal, large, largest and round to normal; a new visitor starts at normal") {
    CHECK(next(TextSize::normal) == TextSize::large);
    CHECK(next(TextSize::large) == TextSize::largest);
    CHECK(next(TextSize::largest) == TextSize::normal);
    Session s("bg");
    std::vector<TextSize> seen;
    for (int tap = 0; tap < 4; ++tap) {
      CHECK(s.apply(intent::SetTextSize{next(s.text_size())}, snap));
      seen.push_back(s.text_size());
    }
    CHECK(seen == std::vector<TextSize>{TextSize::large, TextSize::largest, TextSize::normal, TextSize::large});
    CHECK(std::string(text_size_name(TextSize::largest)) == "largest");
    CHECK(std::string(text_size_name(TextSize::normal)) == "normal");
    CHECK(Session("bg").text_size() == TextSize::normal);  // the idle reset makes a new session
  }

  TEST_CASE("High contrast is the visitor's choice, kept across screens, apart from text size; a new visitor starts without") {
    Session s("bg");
    CHECK_FALSE(s.high_contrast());
    CHECK(s.apply(intent::SetHighContrast{true}, snap));
    CHECK_FALSE(s.apply(intent::SetHighContrast{true}, snap));  // no change
    CHECK(s.apply(intent::OpenCollection{1}, snap));
    CHECK(s.high_contrast());
    CHECK(s.text_size() == TextSize::normal);
    CHECK(s.apply(intent::SetTextSize{TextSize::largest}, snap));
    CHECK(s.high_contrast());
    CHECK(s.apply(intent::SetHighContrast{false}, snap));
    CHECK_FALSE(s.high_contrast());
    CHECK(s.text_size() == TextSize::largest);
    CHECK_FALSE(Session("bg").high_contrast());  // the idle reset makes a new session
  }

  TEST_CASE("Reach mode is the visitor's choice, kept across screens, apart from contrast; a new visitor starts without") {
    Session s("bg");
    CHECK_FALSE(s.reach());
    CHECK(s.apply(intent::SetReach{true}, snap));
    CHECK_FALSE(s.apply(intent::SetReach{true}, snap));  // no change
    CHECK(s.apply(intent::OpenCollection{1}, snap));
    CHECK(s.apply(intent::OpenItem{102}, snap));
    CHECK(s.apply(intent::OpenViewer{2}, snap));
    CHECK(s.reach());
    CHECK(s.apply(intent::Home{}, snap));
    CHECK(s.reach());
    CHECK(s.apply(intent::SetHighContrast{true}, snap));
    CHECK(s.reach());
    CHECK(s.apply(intent::SetReach{false}, snap));
    CHECK_FALSE(s.reach());
    CHECK(s.high_contrast());
    CHECK_FALSE(Session("bg").reach());  // the idle reset makes a new session
  }

  TEST_CASE("The narration's volume is the visitor's: quieter, the kiosk's, louder; a new visitor gets the kiosk's") {
    Session s("bg");
    CHECK(s.volume() == 1);
    CHECK(s.apply(intent::SetVolume{2}, snap));
    CHECK_FALSE(s.apply(intent::SetVolume{2}, snap));  // no change
    CHECK(s.apply(intent::OpenCollection{1}, snap));
    CHECK(s.apply(intent::SetLanguage{"en"}, snap));
    CHECK(s.volume() == 2);
    CHECK(s.apply(intent::SetVolume{0}, snap));
    CHECK(s.volume() == 0);
    CHECK_FALSE(s.apply(intent::SetVolume{-4}, snap));  // clamped to the quietest, which it is
    CHECK(s.apply(intent::SetVolume{9}, snap));
    CHECK(s.volume() == 2);
    CHECK(Session("bg").volume() == 1);  // the idle reset makes a new session
  }

  TEST_CASE("Home, collection, item, viewer, back and home") {
    Session s("bg");
    CHECK(s.apply(intent::OpenCollection{1}, snap));
    CHECK(s.route().screen == screen::collection);
    CHECK(s.apply(intent::OpenItem{102}, snap));
    CHECK(s.route().screen == screen::item);
    CHECK(s.apply(intent::OpenViewer{2}, snap));
    CHECK(s.route().screen == screen::viewer);
    CHECK(s.apply(intent::ShowMedia{1}, snap));
    CHECK(s.apply(intent::Back{}, snap));
    CHECK(s.route().screen == screen::item);
    CHECK(s.route().media_index == 1);  // the item shows what the viewer last showed
    CHECK(s.apply(intent::Home{}, snap));
    CHECK(s.stack().size() == 1);
    CHECK_FALSE(s.apply(intent::Back{}, snap));
  }

  TEST_CASE("A registered screen opens about an item or none; every route pushed has its own number") {
    Session s("bg");
    constexpr ScreenId kTimeline{screen::kFirstRegistered};
    CHECK(s.apply(intent::OpenItem{102}, snap));
    const std::uint32_t item_serial = s.route().serial;
    CHECK(item_serial != 0);
    CHECK(s.apply(intent::Open{kTimeline, 102}, snap));  // "show on the timeline"
    CHECK(s.route().screen == kTimeline);
    CHECK(s.route().item_id == 102);
    CHECK(s.route().collection_id == 1);
    const std::uint32_t timeline_serial = s.route().serial;
    CHECK(timeline_serial > item_serial);
    CHECK(s.apply(intent::Back{}, snap));
    CHECK(s.route().serial == item_serial);  // a return is the same route
    CHECK(s.apply(intent::Home{}, snap));
    CHECK(s.apply(intent::Open{kTimeline, 999}, snap));  // an item that is not there: none
    CHECK(s.route().item_id == 0);
    CHECK(s.route().serial > timeline_serial);  // a new opening, never an old number
  }

  TEST_CASE("Previous and next step through the collection and wrap around") {
    Session s("bg");
    s.apply(intent::OpenCollection{1}, snap);
    s.apply(intent::OpenItem{100}, snap);
    s.route().scroll = 300;
    CHECK(s.apply(intent::StepItem{+1}, snap));
    CHECK(s.route().item_id == 101);
    CHECK(s.route().scroll == 0);
    CHECK(s.apply(intent::StepItem{-2}, snap));
    CHECK(s.route().item_id == 102);  // wrapped
    CHECK(s.apply(intent::StepItem{+1}, snap));
    CHECK(s.route().item_id == 100);
    CHECK(s.stack().size() == 3);  // stepping replaces, back still returns to the grid
    s.apply(intent::Back{}, snap);
    CHECK(s.route().screen == screen::collection);
  }

  TEST_CASE("Invalid targets change nothing") {
    Session s("bg");
    CHECK_FALSE(s.apply(intent::OpenCollection{99}, snap));
    CHECK_FALSE(s.apply(intent::OpenItem{99}, snap));
    CHECK_FALSE(s.apply(intent::StepItem{1}, snap));
    CHECK_FALSE(s.apply(intent::OpenViewer{0}, snap));
    s.apply(intent::OpenItem{100}, snap);
    CHECK_FALSE(s.apply(intent::OpenViewer{5}, snap));
    CHECK_FALSE(s.apply(intent::ShowMedia{-1}, snap));
    CHECK(s.route().screen == screen::item);
  }

  TEST_CASE("Only the pack's languages can be chosen") {
    Session s("bg");
    CHECK(s.apply(intent::SetLanguage{"en"}, snap));
    CHECK(s.language() == "en");
    CHECK_FALSE(s.apply(intent::SetLanguage{"en"}, snap));
    CHECK_FALSE(s.apply(intent::SetLanguage{"fr"}, snap));
    CHECK(s.language() == "en");
  }
}
