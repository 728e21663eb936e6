// The interface in every language it speaks, on the real kiosk, headless: the demo pack offers
// six (bg, en, de, fr, ru, el), so the top bar has one language button that opens the picker,
// each language named in itself. In each language, and once pseudo-localised (every word
// accented and 40 % longer), every visitor screen keeps its tap targets inside the window and
// apart; an object whose description is not translated shows it in English under a note.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "kiosk.h"

using namespace orpheus;
using e2e::Json;
using e2e::state;
using e2e::tap;

namespace {

const std::vector<std::string> kLanguages{"bg", "en", "de", "fr", "ru", "el"};

// The screens walked: the state dump's name and the steps from the one before.
const std::vector<std::pair<std::string, std::vector<std::string>>>& stops() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> all{
      {"collection", {tap("collection.panagyurishte")}},
      {"item", {tap("item.panagyurishte-amphora-rhyton")}},
      {"viewer", {tap("item.image")}},
      {"search", {tap("viewer.close"), tap("nav.home"), tap("open.search")}},
      {"timeline", {tap("nav.home"), tap("open.timeline")}},
      {"map", {tap("nav.home"), tap("open.map")}},
      {"map-list",
       {tap("nav.home"), tap("collection.panagyurishte"), tap("item.panagyurishte-amphora-rhyton"), tap("item.show_on_map"),
        tap("map.cluster.panagyurishte-amphora-rhyton")}},
      {"about", {tap("map.list.close"), tap("nav.home"), tap("open.about")}},
  };
  return all;
}

struct Run {
  std::string language;
  bool pseudo = false;
  test::TempDir dir{};
  pid_t pid = -1;
  int exit_code = -1;
  std::string name() const { return pseudo ? "pseudo" : language; }
};

void start(Run& r) {
  // Picker opened, the language chosen in it, then every screen: state dumps, what is checked (no
  // screenshots: none was ever looked at, and each is a 1920x1080 PNG to encode).
  std::vector<std::string> lines{e2e::kCoarseFrames, R"({"t_ms": 300, "state": "$DIR/start.json"})", tap("lang"), state("picker.json"),
                                 tap("lang." + r.language), state("home.json")};
  for (const auto& [name, steps] : stops()) {
    lines.insert(lines.end(), steps.begin(), steps.end());
    lines.push_back(state(name + ".json"));
  }
  lines.push_back(R"({"quit": true})");
  const std::string dir = r.dir.path().string();
  // All the demo's languages (the picker), so not e2e::default_kiosk_args' two side by side.
  std::vector<std::string> argv{ORPHEUS_KIOSK, "--windowed", "1920x1080", "--pack", ORPHEUS_DEMO_PACK, "--replay",
                                e2e::write_script(dir, e2e::timed(lines))};
  if (r.pseudo) argv.push_back("--pseudo-locale");
  r.pid = test::spawn(argv, dir + "/stderr.txt");
}

}  // namespace

TEST_SUITE("Interface languages") {
  TEST_CASE("Every screen in every interface language and pseudo-localised: targets inside, apart; fallback noted") {
    test::use_headless_environment();
    std::vector<Run> runs(kLanguages.size() + 1);
    for (std::size_t i = 0; i < kLanguages.size(); ++i) runs[i].language = kLanguages[i];
    runs.back().language = "en";
    runs.back().pseudo = true;
    // Three at a time: each is a software-rendered kiosk.
    for (std::size_t i = 0; i < runs.size(); i += 3) {
      for (std::size_t j = i; j < std::min(runs.size(), i + 3); ++j) start(runs[j]);
      for (std::size_t j = i; j < std::min(runs.size(), i + 3); ++j) runs[j].exit_code = test::wait_exit(runs[j].pid, 240);
    }

    for (const Run& r : runs) {
      const std::string run = r.name();
      CAPTURE(run);
      const std::string dir = r.dir.path().string();
      const std::string err = test::read_text(dir + "/stderr.txt");
      INFO("kiosk stderr:\n" << err);
      REQUIRE(r.exit_code == 0);
      CHECK(err.find("error strings") == std::string::npos);  // every catalogue loaded
      const auto dump = [&dir](const std::string& name) {
        const auto text = test::read_text(dir + "/" + name);
        REQUIRE_MESSAGE(!text.empty(), "no state dump " << name);
        return Json::parse(text);
      };

      // Six languages: one button, which opens the picker with every language, on top.
      const Json first = dump("start.json");
      CHECK(first["language"] == "bg");
      CHECK(first["choosing_language"] == false);
      const Json picker = dump("picker.json");
      CHECK(picker["choosing_language"] == true);
      CHECK(e2e::check_targets(picker, "lang.", 1920, 1080) == kLanguages.size());
      const Json home = dump("home.json");
      CHECK(home["choosing_language"] == false);
      CHECK(home["language"] == r.language);
      CHECK(e2e::check_targets(home, "", 1920, 1080) >= 5);

      for (const auto& [name, steps] : stops()) {
        CAPTURE(name);
        const Json s = dump(name + ".json");
        CHECK(s["language"] == r.language);
        CHECK(s["screen"] == name.substr(0, name.find('-')));
        CHECK(e2e::check_targets(s, name == "map-list" ? "map.list." : "", 1920, 1080) >= 2);
      }
      // The demo's descriptions exist in bg and en only: elsewhere the item's description is
      // English (the kiosk's first fallback) under a note; its title and summary are translated.
      const Json item = dump("item.json");
      if (r.language == "bg" || r.language == "en")
        CHECK(item["text_languages"].empty());
      else
        CHECK(item["text_languages"] == Json{{"description", "en"}});
    }
  }
}
