// "What's on" on the real kiosk, headless, on a faked clock (--now, running on the replay's
// virtual clock): a programme built by orpheus-pack from a source written here, in March 2027
// around the spring clock change. The screen before, during and after a lecture (it is marked
// while it happens and leaves at its end minute, without a restart); a collection appearing on the
// home screen at its first day and a school programme only on weekday mornings; a clock that is
// obviously wrong hides everything dated; the attract loop shows coming events. And the demo
// pack's programme (dated from its build day) in Bulgarian and English, for screenshots.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "catalog/catalog.h"
#include "events/zone.h"
#include "kiosk.h"
#include "support/temp_dir.h"

using namespace orpheus;
using e2e::Json;
using e2e::shot;
using e2e::state;
using e2e::tap;

namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// A small museum's pack: three collections (one from 20 March, one on weekday mornings), three
// objects, and a programme of a lecture on Friday 19 March 2027 18:00-19:30, a guided tour every
// Saturday 11:00 until 10 April (across the clock change of 28 March) and an exhibition all day
// from 1 March to 30 April.
fs::path build_programme_pack(const fs::path& dir) {
  const auto src = dir / "src";
  write(src / "pack.toml", R"(id = "test.programme"
version = "1.0.0"
default_language = "bg"
languages = ["bg", "en"]
title = { bg = "Музей на теста", en = "Museum of the test" }
time_zone = "Europe/Sofia"
)");
  const auto collection = [&](const std::string& id, int order, const std::string& extra) {
    write(src / "collections" / (id + ".toml"), "id = \"" + id + "\"\norder = " + std::to_string(order) +
                                                    "\ntitle = { bg = \"Сбирка " + id + "\", en = \"Collection " + id +
                                                    "\" }\nsummary = { bg = \"Кратко.\", en = \"Short.\" }\n" + extra);
    write(src / "items" / (id + ".toml"), "id = \"" + id + "-1\"\ncollection = \"" + id +
                                              "\"\norder = 1\ntitle = { bg = \"Предмет\", en = \"Object\" }\n"
                                              "summary = { bg = \"Кратко.\", en = \"Short.\" }\n"
                                              "description = { bg = \"Описание.\", en = \"Description.\" }\n"
                                              "credit = { bg = \"Музеят\", en = \"The museum\" }\n");
  };
  collection("always", 1, "");
  collection("spring", 2, "schedule = { from = \"2027-03-20\" }\n");
  collection("school", 3, "schedule = { days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], hours = [\"09:00-13:00\"] }\n");
  write(src / "events" / "lecture.toml", R"(id = "lecture"
title = { bg = "Лекция за златото", en = "A lecture on the gold" }
summary = { bg = "Какво разказва съкровището.", en = "What the treasure tells." }
start = "2027-03-19T18:00"
end = "2027-03-19T19:30"
room = { bg = "Зала 2", en = "Hall 2" }
audience = ["adults"]
free = true
)");
  write(src / "events" / "tour.toml", R"(id = "tour"
title = { bg = "Беседа с уредник", en = "Guided tour" }
summary = { bg = "Всяка събота.", en = "Every Saturday." }
start = "2027-03-20T11:00"
end = "2027-03-20T12:00"
repeat = { every = "week", on = ["sat"], until = "2027-04-10" }
audience = ["families", "children"]
price = { bg = "5 лв.", en = "5 BGN" }
)");
  write(src / "events" / "exhibition.toml", R"(id = "exhibition"
title = { bg = "Изложба „Тракийски коне“", en = "Exhibition: Thracian horses" }
summary = { bg = "Временна изложба.", en = "A temporary exhibition." }
start = "2027-03-01"
end = "2027-04-30"
room = { bg = "Голямата зала", en = "The great hall" }
)");
  const auto pack = dir / "programme.db";
  const auto r = test::run({ORPHEUS_PACK, "build", "-q", src.string(), "-o", pack.string()});
  INFO("orpheus-pack build:\n" << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return pack;
}

const Json* listed(const Json& s, const std::string& section, const std::string& slug) {
  for (const auto& e : s["whats_on"][section])
    if (e["slug"] == slug) return &e;
  return nullptr;
}

bool on_home(const Json& s, const std::string& collection) { return e2e::has_target(s, "collection." + collection); }

// Milliseconds of the replay's clock from --now 2027-03-19T17:00 (Sofia, EET = UTC+2) to a local
// time that day or later (minutes after 17:00).
std::string at_min(double minutes) { return std::to_string(static_cast<long long>(minutes * 60000)); }

}  // namespace

TEST_SUITE("What's on") {
  TEST_CASE("Before, during and after a lecture; a collection from its first day; a school programme on weekday mornings") {
    test::TempDir dir;
    const auto pack = build_programme_pack(dir.path());
    // No idle reset while the clock jumps hours ahead between steps; the attract loop elsewhere.
    const std::vector<std::string> extra{"--now", "2027-03-19T17:00", "--set", "session.idle_timeout=3600", "--set",
                                         "session.attract_timeout=0", "--lang", "en"};
    const auto open = [](const std::string& t_ms) {
      return R"({"t_ms": )" + t_ms + R"(, "tap_target": "open.whats_on"})";
    };
    const auto dump = [](const std::string& t_ms, const std::string& name) {
      return R"({"t_ms": )" + t_ms + R"(, "state": "$DIR/)" + name + R"("})";
    };
    // The idle reset (an hour without a touch at most) brings the home screen back between the
    // jumps: a visitor's tap on the launcher comes first where the screen matters.
    const auto run = e2e::run_kiosk(
        e2e::timed({
            dump("500", "home_friday.json"),
            open("1000"), dump("2000", "before.json"), shot("before.png"),
            // 17:59:30 a touch; 18:00:30 the lecture has begun, nobody touched the screen since
            open(at_min(59.5)), dump(at_min(60.5), "during.json"), shot("during.png"),
            R"({"t_ms": )" + at_min(61) + R"(, "tap_target": "event.lecture"})", dump(at_min(61.2), "lecture.json"),
            shot("lecture.png"), R"({"t_ms": )" + at_min(61.5) + R"(, "tap_target": "nav.back"})",
            // 19:29:50 opened again; 19:29:58 and 19:30:02: its end minute
            open(at_min(149.5 + 20.0 / 60)), dump(at_min(149.5 + 28.0 / 60), "last_seconds.json"),
            dump(at_min(150 + 2.0 / 60), "ended.json"),
            // Saturday 00:00:30: the spring collection's first day (the visitor has long gone)
            dump(at_min(420.5), "home_saturday.json"),
            // Monday 9:00:30 (two days and 16 hours later): the school programme
            dump(at_min(3840.5), "home_monday.json"),
            // Monday 13:00:30: its end
            dump(at_min(4080.5), "home_monday_afternoon.json"),
            R"({"quit": true})",
        }),
        pack.string(), extra);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);

    const Json friday = run.state("home_friday.json");
    CHECK(friday["programme"]["clock"] == "ok");
    CHECK(friday["programme"]["time_zone"] == "Europe/Sofia");
    CHECK(friday["programme"]["now"] == "2027-03-19T15:00:00Z");
    CHECK(on_home(friday, "always"));
    CHECK(!on_home(friday, "spring"));  // from Saturday
    CHECK(!on_home(friday, "school"));  // Friday 17:00: not a school morning
    CHECK(e2e::has_target(friday, "open.whats_on"));

    const Json before = run.state("before.json");
    REQUIRE(before["screen"] == "whats_on");
    const Json* lecture = listed(before, "today", "lecture");
    REQUIRE(lecture != nullptr);
    CHECK((*lecture)["now"] == false);
    CHECK((*lecture)["when"] == "Today, 18:00\xE2\x80\x93" "19:30");
    const Json* exhibition = listed(before, "today", "exhibition");  // on all day: now, until its last day
    REQUIRE(exhibition != nullptr);
    CHECK((*exhibition)["now"] == true);
    CHECK((*exhibition)["when"].get<std::string>().find("30 April") != std::string::npos);
    const Json* tour = listed(before, "this_week", "tour");  // Saturday 11:00: tomorrow
    REQUIRE(tour != nullptr);
    CHECK((*tour)["when"] == "Tomorrow, 11:00\xE2\x80\x93" "12:00");
    CHECK(e2e::has_target(before, "whats_on.filter.families"));

    const Json during = run.state("during.json");
    REQUIRE(during["screen"] == "whats_on");
    lecture = listed(during, "today", "lecture");
    REQUIRE(lecture != nullptr);
    CHECK((*lecture)["now"] == true);
    CHECK((*lecture)["when"] == "Now, until 19:30");
    const Json opened = run.state("lecture.json");
    CHECK(opened["whats_on"]["open"] == "lecture");

    const Json last = run.state("last_seconds.json");
    CHECK(last["screen"] == "whats_on");
    CHECK(listed(last, "today", "lecture") != nullptr);
    const Json ended = run.state("ended.json");
    CHECK(ended["screen"] == "whats_on");  // nobody touched it: the list changed by itself
    CHECK(listed(ended, "today", "lecture") == nullptr);  // gone at 19:30
    CHECK(listed(ended, "today", "exhibition") != nullptr);

    const Json saturday = run.state("home_saturday.json");
    CHECK(saturday["screen"] == "home");
    CHECK(on_home(saturday, "spring"));  // appeared at its first day's first minute
    CHECK(!on_home(saturday, "school"));
    const Json monday = run.state("home_monday.json");
    CHECK(on_home(monday, "school"));
    CHECK(on_home(monday, "spring"));
    const Json afternoon = run.state("home_monday_afternoon.json");
    CHECK(!on_home(afternoon, "school"));

    // What a visitor sees: a bright card list, the lecture marked while it happens.
    CHECK(e2e::contrast(run.screenshot("during.png")) > 10);
  }

  TEST_CASE("A clock that is obviously wrong hides the programme and scheduled collections, with one warning") {
    test::TempDir dir;
    const auto pack = build_programme_pack(dir.path());
    const auto run = e2e::run_kiosk(e2e::timed({R"({"t_ms": 500, "tap_target": "open.whats_on"})", state("wrong.json"),
                                                shot("wrong.png"), R"({"quit": true})"}),
                                    pack.string(), {"--now", "2000-01-01T00:00Z", "--lang", "en"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const Json s = run.state("wrong.json");
    CHECK(s["programme"]["clock"] == "before the pack was built");
    CHECK(s["whats_on"]["clock_trusted"] == false);
    CHECK(s["whats_on"]["today"].empty());
    CHECK(s["whats_on"]["this_week"].empty());
    CHECK(s["whats_on"]["later"].empty());
    CHECK(s["programme"]["collections"] == 1);  // only the collection without a schedule
    std::size_t warnings = 0;
    for (auto at = run.result.err.find("are hidden until it is right"); at != std::string::npos;
         at = run.result.err.find("are hidden until it is right", at + 1))
      ++warnings;
    CHECK(warnings == 1);
  }

  TEST_CASE("The attract loop shows coming events between the objects") {
    test::TempDir dir;
    const auto pack = build_programme_pack(dir.path());
    std::vector<std::string> lines;
    // Idle after 10 s, slides every 8.8 s: three objects, then an event.
    for (int t = 12; t <= 60; t += 4) lines.push_back(R"({"t_ms": )" + std::to_string(t * 1000) + R"(, "state": "$DIR/a)" + std::to_string(t) + R"(.json"})");
    lines.push_back(R"({"quit": true})");
    const auto run = e2e::run_kiosk(lines, pack.string(),
                                    {"--now", "2027-03-19T17:00", "--set", "session.idle_timeout=10", "--set",
                                     "session.attract_timeout=10", "--lang", "en"});
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    std::set<std::string> shown;
    for (int t = 12; t <= 60; t += 4) {
      const Json s = run.state("a" + std::to_string(t) + ".json");
      if (s["screen"] == "attract" && s["attract"].contains("event")) shown.insert(s["attract"]["event"].get<std::string>());
    }
    CHECK(!shown.empty());
    CHECK(shown.count("lecture") + shown.count("exhibition") + shown.count("tour") == shown.size());
  }

  TEST_CASE("The demo pack's programme in Bulgarian and English") {
    const auto snapshot = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    REQUIRE(!snapshot->events.empty());
    for (const std::string lang : {"bg", "en"}) {
      CAPTURE(lang);
      const auto run = e2e::run_kiosk(e2e::timed({R"({"t_ms": 100, "tap_target": "lang.)" + lang + R"("})", tap("open.whats_on"),
                                                  state("list.json"), shot("list.png"), tap("event.lecture-panagyurishte"),
                                                  state("event.json"), shot("event.png"), R"({"quit": true})"}));
      INFO("kiosk stderr:\n" << run.result.err);
      REQUIRE(run.result.exit_code == 0);
      const Json s = run.state("list.json");
      REQUIRE(s["screen"] == "whats_on");
      CHECK(s["whats_on"]["clock_trusted"] == true);
      // Dated from the pack's build day: something today (the exhibition at least) and later.
      CHECK(!s["whats_on"]["today"].empty());
      CHECK(s["whats_on"]["today"].size() + s["whats_on"]["this_week"].size() + s["whats_on"]["later"].size() >= 4);
      CHECK(e2e::contrast(run.screenshot("list.png")) > 10);
      // The lecture opened: drawn at once, its picture (an object's) on the left half.
      CHECK(run.state("event.json")["whats_on"]["open"] == "lecture-panagyurishte");
      const auto event = run.screenshot("event.png");
      media::Image left{event.width * 2 / 5, event.height / 2, event.channels, {}};
      for (int y = 0; y < left.height; ++y) {
        const auto* row = &event.pixels[(static_cast<std::size_t>(y + event.height / 8) * static_cast<std::size_t>(event.width)) *
                                        static_cast<std::size_t>(event.channels)];
        left.pixels.insert(left.pixels.end(), row, row + static_cast<std::size_t>(left.width * left.channels));
      }
      CHECK(e2e::contrast(left) > 10);
    }
  }
}
