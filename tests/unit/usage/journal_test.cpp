// The usage journal on real SQLite files: what a day sums to, the search-text threshold, the
// roll-up that must keep every total, reading while the kiosk writes.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "usage/journal.h"

using namespace orpheus;
using namespace orpheus::usage;

namespace {

VisitRecord visit(const char* day, int hour, std::int64_t seconds, const char* language = "bg") {
  VisitRecord v;
  v.day = day;
  v.hour = hour;
  v.seconds = seconds;
  v.language = language;
  v.pack = "thracology 1.0";
  return v;
}

std::int64_t rows(const std::filesystem::path& file, const char* table) {
  sql::Database db(file, sql::Database::Mode::read_only);
  auto s = db.prepare(std::string("SELECT count(*) FROM ") + table);
  s.step();
  return s.int64(0);
}

}  // namespace

TEST_CASE("a day from its sessions: counts, hours, exact median, items, languages, modes") {
  test::TempDir dir;
  const auto file = dir / "state" / "usage.db";  // the folder is made
  {
    Journal j(file);
    j.hour_on("2027-03-19", 9);
    auto a = visit("2027-03-19", 10, 40);
    a.items = {{"rhyton", 2, 30}, {"discs", 1, 5}};
    a.screens = {{"search", 1}};
    a.narrations = 1;
    a.narration_s = 25;
    a.large_text = true;
    a.from_attract = true;
    j.add(a);
    auto b = visit("2027-03-19", 10, 100, "en");
    b.items = {{"rhyton", 1, 60}};
    b.events = {"gold-and-wine", "gold-and-wine"};
    b.searches = {{"gold", 3}, {"xyzzy", 0}};
    j.add(b);
    j.add(visit("2027-03-19", 15, 10));
    j.add(visit("2027-03-20", 11, 70));
    j.flush();
    CHECK(j.committed() == 4);
  }
  const auto days = read_days(file, "2027-03-19", "2027-03-19");
  REQUIRE(days.size() == 1);
  const auto& d = days[0];
  CHECK(d.date == "2027-03-19");
  CHECK(d.hours_on == std::vector<int>{9, 10, 15});
  CHECK(d.sessions == 3);
  CHECK(d.sessions_by_hour[10] == 2);
  CHECK(d.sessions_by_hour[15] == 1);
  CHECK(d.session_s == 150);
  CHECK(d.median_session_s == 40);
  CHECK(d.length_bands[static_cast<std::size_t>(length_band(100))] == 1);
  CHECK(d.item_views == 4);
  CHECK(d.item_dwell_s == 95);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0] == ItemDay{"rhyton", 3, 90, 2});
  CHECK(d.items[1] == ItemDay{"discs", 1, 5, 1});
  CHECK(d.languages == std::map<std::string, std::int64_t>{{"bg", 2}, {"en", 1}});
  CHECK(d.accessibility == std::map<std::string, std::int64_t>{{"large_text", 1}, {"narration", 1}});
  CHECK(d.screens.at("search") == 1);
  CHECK(d.narrations == 1);
  CHECK(d.narration_s == 25);
  CHECK(d.searches == 2);
  CHECK(d.searches_empty == 1);
  CHECK(d.queries.empty());  // one session each: never told
  CHECK(d.events_opened.at("gold-and-wine") == 2);
  CHECK(d.attract_interruptions == 1);
  CHECK(d.packs == std::vector<std::string>{"thracology 1.0"});
  CHECK(read_days(file, "2027-03-01", "2027-03-31").size() == 2);
}

TEST_CASE("a search text is told once five different sessions typed it, in the spelling typed most") {
  test::TempDir dir;
  const auto file = dir / "usage.db";
  {
    Journal j(file);
    const char* typed[] = {"Злато", "злато", "злато ", "ЗЛАТО", "zlato"};  // the same words five times
    for (int i = 0; i < 4; ++i) {
      auto v = visit("2027-03-19", 11, 30);
      v.searches = {{typed[i], 12}, {"wine", 2}};
      if (i == 0) v.searches.push_back({"злато", 12});  // twice in one session counts once
      j.add(v);
    }
    auto v = visit("2027-03-20", 11, 30);  // another day
    v.searches = {{typed[4], 12}};
    j.add(v);
  }
  CHECK(read_days(file, "2027-03-19", "2027-03-19")[0].queries.empty());  // 4 sessions
  {
    Journal j(file);
    auto v = visit("2027-03-19", 12, 30);
    v.searches = {{"zlato", 12}};
    j.add(v);
  }
  const auto d = read_days(file, "2027-03-19", "2027-03-19")[0];
  CHECK(d.queries == std::map<std::string, std::int64_t>{{"злато", 5}});
  CHECK(d.searches == 10);
}

TEST_CASE("the roll-up keeps every total exact, drops the sessions, and old day totals go") {
  test::TempDir dir;
  const auto file = dir / "usage.db";
  {
    Journal j(file, {.detail_days = 35, .keep_days = 400});
    for (int day = 1; day <= 28; ++day) {
      const std::string date = "2027-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
      j.hour_on(date, 9);
      for (int s = 0; s < day % 7 + 1; ++s) {
        auto v = visit(date.c_str(), 9 + s, 20 + 13 * s, s % 2 ? "en" : "bg");
        v.items = {{"rhyton", 1, 10 + s}, {"item-" + std::to_string(s), 2, 7}};
        v.searches = {{"gold mask", s}};
        v.events = {"tour"};
        j.add(v);
      }
    }
    j.add(visit("2025-01-01", 10, 30));  // older than keep_days once rolled
  }
  const auto before = read_days(file, "2027-02-01", "2027-02-28");
  REQUIRE(before.size() == 28);
  CHECK(before[5].queries.at("gold mask") == 7);  // 2027-02-06: 6 % 7 + 1 sessions
  {
    Journal j(file, {.detail_days = 35, .keep_days = 400});
    j.roll_up("2027-03-20");  // rolls up everything before 2027-02-13
    j.flush();
  }
  const auto after = read_days(file, "2027-02-01", "2027-02-28");
  REQUIRE(after.size() == 28);
  for (std::size_t i = 0; i < after.size(); ++i) {
    CAPTURE(after[i].date);
    CHECK(after[i] == before[i]);
  }
  // The sessions of the 12 rolled days are gone, those of the 16 days after kept.
  sql::Database db(file, sql::Database::Mode::read_only);
  auto s = db.prepare("SELECT count(*), min(day) FROM visit");
  s.step();
  CHECK(s.text(1) == "2027-02-13");
  CHECK(rows(file, "day_summary") == 12);  // 2025-01-01 rolled up, then dropped: older than 400 days
  {
    auto free_pages = db.prepare("PRAGMA freelist_count");  // the pages freed went back: the file shrank
    REQUIRE(free_pages.step());
    CHECK(free_pages.int64(0) == 0);
  }
  CHECK(read_days(file, "2025-01-01", "2025-01-01").empty());

  // Merged over the month, rolled or not, the totals are the sums.
  DaySummary month;
  for (const auto& d : after) merge_into(month, d);
  std::int64_t sessions = 0, dwell = 0;
  for (const auto& d : before) sessions += d.sessions, dwell += d.item_dwell_s;
  CHECK(month.sessions == sessions);
  CHECK(month.item_dwell_s == dwell);
  CHECK(month.items.front() == ItemDay{"rhyton", sessions, dwell - 7 * sessions, sessions});  // in every visit, 1 view
}

TEST_CASE("read while the kiosk writes: every read sees whole batches") {
  test::TempDir dir;
  const auto file = dir / "usage.db";
  Journal j(file, {.flush_s = 0.01});
  j.add(visit("2027-03-19", 10, 30));
  j.flush();
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 300; ++i) {
      auto v = visit("2027-03-19", 10, 30);
      v.items = {{"rhyton", 1, 5}};
      j.add(v);
    }
    j.flush();
    done = true;
  });
  int reads = 0;
  while (!done || reads < 3) {
    const auto d = read_days(file, "2027-03-19", "2027-03-19").at(0);
    CHECK(d.item_views == d.sessions - 1);  // a session and its items are one transaction
    ++reads;
  }
  writer.join();
  CHECK(read_days(file, "2027-03-19", "2027-03-19").at(0).sessions == 301);
}

TEST_CASE("a journal that cannot be written: logged, records dropped, the kiosk goes on") {
  test::TempDir dir;
  test::write_text(dir / "file", "x");
  Journal j(dir / "file" / "usage.db");  // a file where a folder should be
  j.add(visit("2027-03-19", 10, 30));
  j.flush();
  CHECK(j.committed() == 0);
}

TEST_CASE("the admin screen's month: 30 days, sessions per day, today's own numbers") {
  test::TempDir dir;
  const auto file = dir / "usage.db";
  {
    Journal j(file);
    j.add(visit("2027-02-18", 10, 30));  // 30 days before: outside
    j.add(visit("2027-02-19", 10, 30));
    j.add(visit("2027-03-20", 10, 30));
    j.add(visit("2027-03-20", 11, 50));
    j.titles({{"rhyton", {{"bg", "Ритон"}, {"en", "Rhyton"}}}});
  }
  const auto b = read_dashboard(file, "2027-03-20");
  REQUIRE(b.sessions_by_day.size() == 30);
  CHECK(b.sessions_by_day.front() == std::pair<std::string, std::int64_t>{"2027-02-19", 1});
  CHECK(b.sessions_by_day.back() == std::pair<std::string, std::int64_t>{"2027-03-20", 2});
  CHECK(b.month.sessions == 3);
  CHECK(b.day.sessions == 2);
  CHECK(b.day.median_session_s == 40);
}
