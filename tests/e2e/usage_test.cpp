// Visits counted on the real kiosk, headless: a replayed visitor day on a faked clock, the
// journal it writes, `orpheus-stats export` of that day (signed), and `orpheus-stats report` of it
// beside another museum's export; the numbers in the export and in the page are those the replay
// made. And the journal surviving a kill -9 mid-day.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "catalog/sqlite.h"
#include "kiosk.h"
#include "support/synthetic_usage.h"
#include "support/temp_dir.h"
#include "support/wait.h"
#include "usage/journal.h"
#include "usage/summary.h"

using namespace orpheus;
using e2e::Json;

namespace fs = std::filesystem;

namespace {

// One visitor of the replayed day: when (minutes after 09:00), the language they switch to (""
// stays Bulgarian), a collection and objects opened in turn (seconds on each), a search.
struct Planned {
  int minute;
  std::string language;
  std::string collection;
  std::vector<std::pair<std::string, int>> items;
  std::string search;
};

const std::vector<Planned> kDay = {
    {5, "", "panagyurishte", {{"panagyurishte-amphora-rhyton", 20}, {"panagyurishte-phiale", 10}}, "злато"},
    {50, "en", "panagyurishte", {{"panagyurishte-amphora-rhyton", 30}}, "злато"},
    {70, "", "rogozen", {{"rogozen-treasure", 15}, {"rogozen-auge-phiale", 5}}, "ЗЛАТО"},
    {130, "en", "valchitran", {{"valchitran-kantharos", 40}}, "ритон"},
    {190, "", "panagyurishte", {{"panagyurishte-amphora-rhyton", 8}}, "злато"},
    {200, "en", "rogozen", {{"rogozen-treasure", 12}}, ""},
    {250, "", "valchitran", {{"valchitran-kantharos", 6}, {"valchitran-triple-vessel", 9}}, "злато "},
    {310, "en", "panagyurishte", {{"panagyurishte-phiale", 25}}, "ритон"},
};

// The attract loop starts after 58 minutes alone: the visitors at 11:10, 12:10 and 14:10, each an
// hour after the one before, find it running (for a minute or so: even in a time-lapse its
// cross-fades cost real frames), the others the home screen (the longest other gap is 50 minutes).
constexpr int kAttractMinutes = 58;
constexpr int kFromAttract = 3;

// The replay of kDay: each visitor wakes the attract loop if it runs, may switch language, opens
// a collection and its objects, then searches.
std::vector<std::string> day_script(const std::string& state_name) {
  std::vector<std::string> lines;
  const auto at = [&](double ms, const std::string& rest) {
    lines.push_back(R"({"t_ms": )" + std::to_string(static_cast<long>(ms)) + ", " + rest.substr(1));
  };
  double last = 0;  // the last touch
  int woken = 0;
  for (const auto& p : kDay) {
    double t = p.minute * 60000.0;
    if (t - last > kAttractMinutes * 60000.0) {
      at(t, R"({"tap": [640, 400]})");  // swallowed: it ends the attract loop
      lines.push_back(R"({"frame_ms": 16.667})");  // the visit in real frames ...
      t += 1500;
      ++woken;
    }
    if (!p.language.empty()) at(t, e2e::tap("lang." + p.language)), t += 1000;
    at(t, e2e::tap("collection." + p.collection));
    t += 1500;
    for (const auto& [slug, seconds] : p.items) {
      at(t, e2e::tap("item." + slug));
      t += seconds * 1000.0;
      at(t, e2e::tap("nav.back"));
      t += 1000;
    }
    if (!p.search.empty()) {
      at(t, e2e::tap("open.search"));
      lines.push_back(Json{{"type", p.search}}.dump());
    }
    lines.push_back(R"({"frame_ms": 250})");  // ... the time until the next one in a time-lapse (the attract loop)
    last = t;
  }
  REQUIRE(woken == kFromAttract);
  lines.push_back(R"({"t_ms": )" + std::to_string((kDay.back().minute + 10) * 60000) + "}");  // the last visitor leaves: the idle reset
  lines.push_back(e2e::state(state_name));
  lines.push_back(R"({"quit": true})");
  return lines;
}

std::string kiosk_toml(const fs::path& dir, const std::string& name, const std::string& institution) {
  return "[state]\ndir = \"" + (dir / "state").string() + "\"\n[usage]\nkiosk_name = \"" + name + "\"\ninstitution = \"" +
         institution + "\"\n";
}

test::RunResult stats(const std::vector<std::string>& args) {
  std::vector<std::string> argv{ORPHEUS_STATS};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run(argv, 120);
}

}  // namespace

TEST_CASE("a replayed visitor day: the journal, the signed export, the report across museums") {
  e2e::KioskRun probe;  // its folder holds the configuration
  const fs::path dir = probe.dir;
  test::write_text(dir / "kiosk.toml", kiosk_toml(dir, "Gold room", "Regional Museum of History Plovdiv"));
  const auto run = e2e::run_kiosk(day_script("day.json"), ORPHEUS_DEMO_PACK,
                                  {"--windowed", "1280x800", "--set", "state.dir=\"" + (dir / "state").string() + "\"", "--set",
                                   "session.attract_timeout=" + std::to_string(kAttractMinutes * 60), "--now", "2027-03-19T09:00"});
  REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
  const auto s = run.state("day.json");
  CHECK(s["usage"]["on"] == true);
  CHECK(s["usage"]["committed"] == kDay.size());

  // What the replay did, counted here.
  std::map<std::string, std::int64_t> views, languages;
  std::array<std::int64_t, 24> by_hour{};
  for (const auto& p : kDay) {
    for (const auto& [slug, seconds] : p.items) ++views[slug];
    ++languages[p.language.empty() ? "bg" : p.language];
    ++by_hour[static_cast<std::size_t>(9 + p.minute / 60)];
  }

  const auto file = dir / "day-export.json";
  const auto exported = stats({"export", "--config", (dir / "kiosk.toml").string(), "--since", "2027-03-19", "--until",
                               "2027-03-19", "-o", file.string()});
  REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  const auto e = usage::read_export(file);  // signature checked
  CHECK(e.kiosk.name == "Gold room");
  CHECK(e.kiosk.institution == "Regional Museum of History Plovdiv");
  CHECK(e.time_zone == "Europe/Sofia");
  REQUIRE(e.days.size() == 1);
  const auto& d = e.days[0];
  CHECK(d.date == "2027-03-19");
  CHECK(d.sessions == static_cast<std::int64_t>(kDay.size()));
  CHECK(d.sessions_by_hour == by_hour);
  CHECK(d.languages == languages);
  CHECK(d.attract_interruptions == kFromAttract);
  for (const auto& item : d.items) CHECK_MESSAGE(views[item.id] == item.views, item.id);
  CHECK(d.items.size() == views.size());
  CHECK(d.item_views == 11);
  // Five visits searched "злато" (any case, a trailing space): told; two "ритон": not.
  CHECK(d.queries == std::map<std::string, std::int64_t>{{"злато", 5}});
  CHECK(d.searches == 7);
  CHECK(d.screens.at("search") == 7);
  // Dwell: at least the seconds the script stayed on each object (the taps' own frames add a little).
  const auto rhyton = std::find_if(d.items.begin(), d.items.end(), [](const auto& i) { return i.id == "panagyurishte-amphora-rhyton"; });
  REQUIRE(rhyton != d.items.end());
  CHECK(rhyton->dwell_s >= 58);
  CHECK(rhyton->dwell_s <= 62);
  CHECK(e.objects.at("panagyurishte-amphora-rhyton").count("bg") == 1);

  // The same export with one number changed is refused, naming the file.
  auto text = test::read_text(file);
  const auto at = text.find("\"sessions\": 8");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "\"sessions\": 9");
  test::write_text(dir / "tampered.json", text);
  const auto verified = stats({"verify", file.string(), (dir / "tampered.json").string()});
  CHECK(verified.exit_code == 1);
  CHECK(verified.out.find("tampered.json") != std::string::npos);

  // Beside another museum's kiosk (synthetic, signed by its own key): the report across both.
  {
    test::SyntheticUsage other;
    other.institutions = other.kiosks = 1;
    other.days = 1;
    other.first_day = "2027-03-19";
    const auto files = test::write_synthetic_exports(other, dir / "other");
    REQUIRE(files.exports.size() == 1);
  }
  const auto page = dir / "report.html";
  const auto reported = stats({"report", file.string(), (dir / "other").string(), "-o", page.string()});
  REQUIRE_MESSAGE(reported.exit_code == 0, reported.err);
  const auto html = test::read_text(page);
  // The museum's row of the comparison: one kiosk, eight visits; its section: the visits per
  // hour and each object's views as the replay made them.
  CHECK(html.find("Regional Museum of History Plovdiv</a></th><td>1</td><td>8<") != std::string::npos);
  const auto section = html.substr(html.find("<h2>Regional Museum of History Plovdiv</h2>"));
  CHECK(section.find("<b>8</b><span>Visits</span>") != std::string::npos);
  for (const auto& [slug, n] : views) {
    std::string title = e.objects.at(slug).at("en"), escaped;
    for (const char c : title) escaped += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : std::string(1, c);
    CHECK_MESSAGE(section.find("<title>" + escaped + ": " + std::to_string(n) + "</title>") != std::string::npos, title);
  }
  // The hour table: its "HH:00" columns and its Visits rows, in order, against the replay's hours.
  {
    const auto from = section.find("<h3>Visits by hour of day</h3>");
    REQUIRE(from != std::string::npos);
    const auto table = section.substr(from, section.find("</table>", from) - from);
    std::vector<int> columns;
    std::vector<std::int64_t> visits;
    for (auto pos = table.find("<th scope=\"col\">"); pos != std::string::npos; pos = table.find("<th scope=\"col\">", pos + 1))
      if (const auto cell = table.substr(pos + 16, 5); cell.size() == 5 && cell[2] == ':') columns.push_back(std::stoi(cell));
    for (auto row = table.find("<th scope=\"row\">Visits</th>"); row != std::string::npos;
         row = table.find("<th scope=\"row\">Visits</th>", row + 1))
      for (auto td = table.find("<td>", row); td != std::string::npos && td < table.find("</tr>", row); td = table.find("<td>", td + 1))
        visits.push_back(std::stoll(table.substr(td + 4)));
    REQUIRE(columns.size() == visits.size());
    std::array<std::int64_t, 24> shown{};
    for (std::size_t i = 0; i < columns.size(); ++i) shown[static_cast<std::size_t>(columns[i])] = visits[i];
    CHECK(shown == by_hour);
  }

  // Looked at as a museum would: the page in headless Chromium (Debian's chromium), when there is one.
  if (!fs::exists("/usr/bin/chromium")) {
    MESSAGE("chromium is not installed (Debian: chromium): the report's screenshot is skipped");
    return;
  }
  const auto shot = dir / "report.png";
  const auto chromium = test::run({"/usr/bin/chromium", "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                                   "--user-data-dir=" + (dir / "chromium").string(), "--window-size=1280,2000",
                                   "--screenshot=" + shot.string(), "file://" + page.string()},
                                  120);
  REQUIRE_MESSAGE(fs::exists(shot), chromium.err);
  const auto img = media::decode(media::read_file(shot.string()));
  CHECK(img.width == 1280);
  CHECK(e2e::contrast(img) > 20);  // a page with text and charts, not a blank one
  if (const char* keep = std::getenv("ORPHEUS_KEEP_REPORT")) fs::copy_file(shot, keep, fs::copy_options::overwrite_existing);
}

TEST_CASE("the journal survives kill -9 mid-day: committed visits kept, the file whole, counting goes on") {
  test::TempDir dir;
  const auto journal = dir / "state" / "usage.db";
  std::vector<std::string> lines;
  for (int v = 0; v < 3; ++v) {  // no attract loop (attract_timeout = 0): three visits from the home screen
    const double t = v * 300000.0;
    lines.push_back(R"({"t_ms": )" + std::to_string(static_cast<long>(t + 1500)) + R"(, "tap_target": "collection.rogozen"})");
    lines.push_back(R"({"t_ms": )" + std::to_string(static_cast<long>(t + 3000)) + R"(, "tap_target": "item.rogozen-treasure"})");
  }
  lines.push_back(R"({"t_ms": 1000000})");
  lines.push_back(e2e::state("flushed.json"));  // the state dump waits for the journal's commit
  lines.push_back(R"({"t_ms": 1001000, "tap_target": "collection.rogozen"})");  // a visit under way ...
  lines.push_back(e2e::state("visiting.json"));                                  // ... (its collection open)
  lines.push_back(R"({"sleep_real": 120000})");                                 // ... when the kiosk is killed
  test::use_headless_environment();
  const auto script = e2e::write_script(dir.path().string(), lines);
  std::vector<std::string> argv = e2e::with_default_kiosk_args(
      {ORPHEUS_KIOSK, "--windowed", "1280x800", "--replay", script, "--pack", ORPHEUS_DEMO_PACK, "--set",
       "state.dir=\"" + (dir / "state").string() + "\"", "--set", "session.attract_timeout=0", "--now", "2027-03-19T09:00"});
  const pid_t pid = test::spawn(argv, (dir / "kiosk.err").string());
  // Killed once the visit under way shows (the three before it committed: flushed.json came first).
  const auto visiting = test::wait_while_running(pid, [&] { return fs::exists(dir / "visiting.json"); }, std::chrono::seconds(120));
  REQUIRE_MESSAGE(visiting == test::Waited::found, "no visiting.json (" << test::describe(visiting, std::chrono::seconds(120))
                                                                        << "):\n" << test::read_text(dir / "kiosk.err"));
  REQUIRE(fs::exists(dir / "flushed.json"));
  const Json visiting_state = Json::parse(test::read_text(dir / "visiting.json"));
  CHECK(visiting_state["screen"] == "collection");
  CHECK(visiting_state["usage"]["session"] == true);  // under way, not handed to the journal
  ::kill(pid, SIGKILL);
  test::wait_exit(pid, 30);

  {
    sql::Database db(journal, sql::Database::Mode::read_only);
    auto check = db.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.text(0) == "ok");
  }
  auto d = usage::read_days(journal, "2027-03-19", "2027-03-19");
  REQUIRE(d.size() == 1);
  CHECK(d[0].sessions == 3);  // the visit under way was lost with the kiosk, nothing else
  CHECK(d[0].items.at(0) == usage::ItemDay{"rogozen-treasure", 3, d[0].items.at(0).dwell_s, 3});

  // The next start appends to the same file.
  const auto again = e2e::run_kiosk({R"({"t_ms": 100, "tap_target": "collection.rogozen"})", R"({"t_ms": 200000})",
                                     R"({"quit": true})"},
                                    ORPHEUS_DEMO_PACK,
                                    {"--set", "state.dir=\"" + (dir / "state").string() + "\"", "--set", "session.attract_timeout=0",
                                     "--now", "2027-03-19T12:00"});
  REQUIRE_MESSAGE(again.result.exit_code == 0, again.result.err);
  d = usage::read_days(journal, "2027-03-19", "2027-03-19");
  REQUIRE(d.size() == 1);
  CHECK(d[0].sessions == 4);
  CHECK(d[0].hours_on.back() == 12);
}
