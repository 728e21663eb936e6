#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "ui/screen.h"

using namespace orpheus;
using namespace orpheus::ui;

namespace {

// A screen that only counts what is done to it.
struct Counts {
  int made = 0, prepared = 0;
};
class Counting final : public Screen {
 public:
  explicit Counting(Counts& c) : c_(c) { ++c_.made; }
  void prepare(const catalog::Snapshot&) override { ++c_.prepared; }
  void draw(UiFrame&) override {}
  void state(nlohmann::json& out) const override { out["counting"] = c_.made; }

 private:
  Counts& c_;
};

}  // namespace

TEST_SUITE("Screen registry") {
  TEST_CASE("The standard screens: the browsing ones at the session's fixed ids, then the rest") {
    const ScreenRegistry r = standard_screens();
    REQUIRE(r.size() >= 5);
    CHECK(r.name(session::screen::home) == "home");
    CHECK(r.name(session::screen::collection) == "collection");
    CHECK(r.name(session::screen::item) == "item");
    CHECK(r.name(session::screen::viewer) == "viewer");
    const auto about = r.find("about");
    REQUIRE(about);
    CHECK(about->value >= session::screen::kFirstRegistered);
    CHECK(r.find(*about)->launcher == Icon::info);
    std::set<std::string> names;
    for (std::uint16_t i = 0; i < r.size(); ++i) names.insert(r.find(session::ScreenId{i})->name);
    CHECK(names.size() == r.size());  // one name each: they name the screen in dumps and targets
    CHECK(r.name(session::ScreenId{999}) == "?");
    CHECK_FALSE(r.find(session::ScreenId{999}));
    CHECK_FALSE(r.find("nowhere"));
  }

  TEST_CASE("A registered screen gets the next id, a launcher target, fresh instances prepared for every visitor") {
    Counts counts;
    ScreenRegistry r = standard_screens();
    const std::size_t before = r.size();
    const auto id = r.add({"counting", [&](const ScreenContext&) { return std::make_unique<Counting>(counts); }, Icon::next});
    CHECK(id.value == before);
    core::Background background([] {});
    const KeyboardLayouts keyboards;
    Screens screens(std::move(r), {background, keyboards});
    bool found = false;
    for (const auto& l : screens.launchers())
      if (l.screen == id) found = l.target == "open.counting" && l.icon == Icon::next;
    CHECK(found);
    CHECK(counts.made == 0);  // nothing exists before the first reset
    catalog::Snapshot snapshot;
    screens.reset(&snapshot);
    CHECK(counts.made == 1);
    CHECK(counts.prepared == 1);
    screens.reset(nullptr);  // no pack: made, not prepared
    CHECK(counts.made == 2);
    CHECK(counts.prepared == 1);
    nlohmann::json j;
    screens.state(id, j);
    CHECK(j["screen"] == "counting");
    CHECK(j["counting"] == 2);
  }

  TEST_CASE("Work for the whole pack runs once per pack shown, not for every visitor") {
    Counts counts;
    int shown = 0;
    const catalog::Snapshot* shown_with = nullptr;
    ScreenRegistry r;
    ScreenEntry e{"counting", [&](const ScreenContext&) { return std::make_unique<Counting>(counts); }};
    e.pack_shown = [&](std::shared_ptr<const catalog::Snapshot> s, const ScreenContext&) {
      ++shown;
      shown_with = s.get();
      CHECK(counts.made == 1);  // before the new instances are made,
    };
    r.add(std::move(e));
    core::Background background([] {});
    const KeyboardLayouts keyboards;
    Screens screens(std::move(r), {background, keyboards});
    screens.reset(nullptr);  // the "unavailable" screen: one instance, no pack
    const auto pack = std::make_shared<const catalog::Snapshot>();
    screens.show(pack);
    CHECK(shown == 1);
    CHECK(shown_with == pack.get());
    CHECK(counts.made == 2);  // then new instances, prepared for the pack
    CHECK(counts.prepared == 1);
    screens.reset(pack.get());  // the next visitor: new instances, the pack's work kept
    screens.reset(pack.get());
    CHECK(shown == 1);
    CHECK(counts.made == 4);
    CHECK(counts.prepared == 3);
  }
}
