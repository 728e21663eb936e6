// The programme in a pack source (docs/events.md): events and schedules read, checked, written and
// loaded back; inspect's next dates; verify's checks of event rows.
#include <doctest/doctest.h>

#include "pack_tool.h"

#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "events/zone.h"
#include "packs/builder.h"
#include "packs/inspect.h"
#include "packs/verify.h"
#include "problem_lines.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;
using catalog::Audience;

namespace {

// An event file that starts with its id, a Bulgarian title and the title with a full stop as its
// summary, then `rest`: the lines a test is about.
std::string event_toml(const std::string& id, const std::string& title, const std::string& rest) {
  return "id = \"" + id + "\"\ntitle = { bg = \"" + title + "\" }\nsummary = { bg = \"" + title + ".\" }\n" + rest;
}

packs::BuildOptions options(const test::TempDir& dir) {
  packs::BuildOptions o;
  o.source_dir = dir / "src";
  o.output = dir / "out/pack.db";
  o.media_dirs = {dir / "media"};
  o.threads = 2;
  return o;
}

std::int64_t instant(const char* iso) { return events::parse_instant(iso, events::TimeZone::utc()).value(); }
std::int64_t day(int y, int m, int d) { return events::civil_day(y, m, d); }

// The good tree (tests/support/source_tree.h) in Sofia's time, its silver collection shown on
// weekdays in the first half of 2027, and a programme: a weekly tour (across the change to summer
// time on 28 March), a six-week exhibition elsewhere with its own picture, an evening lecture.
void write_programme(const test::TempDir& dir) {
  test::write_good_tree(dir / "src", dir / "media");
  test::write_text(dir / "src/pack.toml", std::string("time_zone = \"Europe/Sofia\"\n") + test::kPackToml);
  test::write_text(dir / "src/collections/silver.toml", R"(id = "silver"
order = 10
title = { bg = "Сребро" }
schedule = { from = "2027-01-10", until = "2027-06-30", days = ["mon", "tue", "wed", "thu", "fri"], hours = ["09:00-13:00", "14:00-18:00"] }
)");
  test::write_text(dir / "src/events/tour.toml", R"(id = "tour"
title = { bg = "Обиколка с уредник", en = "Curator's tour" }
summary = { bg = "Всяка събота.", en = "Every Saturday." }
start = "2027-03-13T11:00"
duration = "1h30min"
repeat = { every = "week", on = ["sat"], until = "2027-04-10", except = ["2027-03-27"] }
room = { bg = "Зала 2", en = "Hall 2" }
audience = ["families", "accessible"]
free = true
image_item = "rhyton"
)");
  test::write_text(dir / "src/events/expo.toml", R"(id = "expo"
title = { bg = "Злато и вино", en = "Gold and wine" }
summary = { bg = "Временна изложба.", en = "A temporary exhibition." }
start = 2027-03-01
end = 2027-04-11
place = { bg = "Галерия „Етюд“", en = "Etude gallery" }
address = { bg = "ул. „Съборна“ 1", en = "1 Saborna Street" }
price = { bg = "5 лв.", en = "5 BGN" }
image = "images/events/expo.png"
visible = { from = "2027-02-01" }
)");
  test::write_text(dir / "src/events/lecture.toml", R"(id = "lecture"
title = { bg = "Лекция", en = "Lecture" }
summary = { bg = "За Панагюрското съкровище.", en = "On the Panagyurishte treasure." }
description = { bg = """Дълго.

Описание.""" }
start = "2027-03-14T18:30"
end = "20:00"
audience = ["adults"]
booking = { bg = "На касата", en = "At the desk" }
visible = { days = ["sat", "sun"], hours = ["10:00-18:00"] }
)");
  test::write_bytes(dir / "src/images/events/expo.png", media::encode_png(test::solid(640, 480, 120, 90, 30)));
}

// The problem lines of `r` whose file is under `part` ("events/", "collections/").
std::vector<std::string> lines_in(const packs::BuildResult& r, const test::TempDir& dir, const std::string& part) {
  std::vector<std::string> out;
  for (const std::string& line : test::problem_lines(r.problems, dir))
    if (line.find(part) != std::string::npos) out.push_back(line);
  return out;
}

using test::Run;
using test::run;

// A damaged pack, its seal left as it was (verify reports the damage first).
void damage(const fs::path& pack, const std::string& sql) { test::damage(pack, sql, false); }

bool has_problem(const std::vector<packs::Problem>& problems, const std::string& field, const std::string& reason) {
  return std::any_of(problems.begin(), problems.end(), [&](const packs::Problem& p) {
    return p.field == field && p.reason.find(reason) != std::string::npos;
  });
}

}  // namespace

TEST_SUITE("Pack programme") {
  TEST_CASE("Events, their series and schedules are built into the pack and load back as they were written") {
    test::TempDir dir;
    write_programme(dir);
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), test::joined_lines(test::problem_lines(r.problems, dir)));
    CHECK(r.counts.events == 3);
    CHECK(r.counts.event_dates == 6);

    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    CHECK(s->pack.time_zone == "Europe/Sofia");
    REQUIRE(s->events.size() == 3);
    // By first occurrence: the exhibition (1 March), the tour (13 March), the lecture (14 March).
    const catalog::Event& expo = s->events[0];
    const catalog::Event& tour = s->events[1];
    const catalog::Event& lecture = s->events[2];
    CHECK(expo.slug == "expo");
    CHECK(tour.slug == "tour");
    CHECK(lecture.slug == "lecture");

    // Saturdays at 11:00 on the wall: 09:00 UTC in winter, 08:00 UTC in summer; 27 March left out.
    std::vector<std::int64_t> starts, ends;
    for (const auto& o : tour.occurrences) {
      CHECK_FALSE(o.all_day);
      starts.push_back(o.start);
      ends.push_back(o.end - o.start);
    }
    CHECK(starts == std::vector<std::int64_t>{instant("2027-03-13T09:00:00Z"), instant("2027-03-20T09:00:00Z"),
                                              instant("2027-04-03T08:00:00Z"), instant("2027-04-10T08:00:00Z")});
    CHECK(ends == std::vector<std::int64_t>(4, 90 * 60));
    CHECK(tour.free);
    CHECK(tour.room.exact("en") == "Hall 2");
    CHECK(tour.audience == std::vector<Audience>{Audience::families, Audience::accessible});
    const catalog::Item* rhyton = nullptr;
    for (const auto& it : s->items)
      if (it.slug == "rhyton") rhyton = &it;
    REQUIRE(rhyton);
    CHECK(tour.image == rhyton->media.at(0).id);  // the item's picture, shared
    CHECK(tour.visibility.empty());

    REQUIRE(expo.occurrences.size() == 1);
    CHECK(expo.occurrences[0].all_day);
    CHECK(expo.occurrences[0].start == day(2027, 3, 1));
    CHECK(expo.occurrences[0].end == day(2027, 4, 12));  // the last day, inclusive
    CHECK_FALSE(expo.free);
    CHECK(expo.price.exact("bg") == "5 лв.");
    CHECK(expo.place.exact("en") == "Etude gallery");
    CHECK(expo.address.exact("bg") == "ул. „Съборна“ 1");
    CHECK(expo.room.empty());
    CHECK(expo.visibility.from_day == day(2027, 2, 1));
    CHECK_FALSE(expo.visibility.until_day);
    CHECK(expo.visibility.parts.empty());
    REQUIRE(expo.image);
    for (const auto& it : s->items)
      for (const auto& m : it.media) CHECK(m.id != *expo.image);  // its own, no item's
    catalog::MediaReader reader(dir / "out/pack.db");
    CHECK_FALSE(reader.read(*expo.image, catalog::MediaVariant::display).empty());
    CHECK_FALSE(reader.read(*expo.image, catalog::MediaVariant::thumbnail).empty());

    REQUIRE(lecture.occurrences.size() == 1);
    CHECK(lecture.occurrences[0].start == instant("2027-03-14T16:30:00Z"));
    CHECK(lecture.occurrences[0].end == instant("2027-03-14T18:00:00Z"));
    CHECK(lecture.description.exact("bg") == "Дълго.\n\nОписание.");
    CHECK(lecture.booking.exact("en") == "At the desk");
    CHECK_FALSE(lecture.image);
    REQUIRE(lecture.visibility.parts.size() == 1);
    CHECK(lecture.visibility.parts[0].weekdays == 0x60);
    CHECK(lecture.visibility.parts[0].from_minute == 600);
    CHECK(lecture.visibility.parts[0].to_minute == 1080);

    const catalog::Schedule& silver = s->collections[0].schedule;
    CHECK(s->collections[0].slug == "silver");
    CHECK(silver.from_day == day(2027, 1, 10));
    CHECK(silver.until_day == day(2027, 6, 30));
    REQUIRE(silver.parts.size() == 2);
    CHECK(silver.parts[0].weekdays == 0x1f);
    CHECK(silver.parts[0].from_minute == 9 * 60);
    CHECK(silver.parts[0].to_minute == 13 * 60);
    CHECK(silver.parts[1].from_minute == 14 * 60);
    CHECK(silver.parts[1].to_minute == 18 * 60);
    CHECK(s->collections[1].schedule.empty());  // gold: always

    packs::VerifyOptions v;
    v.require_trusted = false;
    const auto verified = packs::verify_pack(dir / "out/pack.db", v);
    CHECK_MESSAGE(verified.ok(), test::joined_lines(test::problem_lines(verified.problems, dir)));
    CHECK(verified.events == 3);
    CHECK(verified.event_dates == 6);
  }

  TEST_CASE("A pack source without events or a time zone builds a pack in Sofia's time with none") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), test::joined_lines(test::problem_lines(r.problems, dir)));
    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    CHECK(s->pack.time_zone == "Europe/Sofia");
    CHECK(s->events.empty());
    for (const auto& c : s->collections) CHECK(c.schedule.empty());
  }

  TEST_CASE("Every problem of the programme is reported at once, where it is written") {
    test::TempDir dir;
    write_programme(dir);
    test::write_text(dir / "src/pack.toml", std::string("time_zone = \"Europe/Sofiya\"\n") + test::kPackToml);
    test::write_text(dir / "src/collections/silver.toml", R"(id = "silver"
order = 10
title = { bg = "Сребро" }
schedule = { from = "2027-07-10", until = "2027-06-30", days = ["mon", "tues"], hours = ["13:00-09:00", "9-10"] }
)");
    test::write_text(dir / "src/events/bad.toml", R"(id = "bad"
title = { en = "Bad" }
summary = { bg = "Лошо." }
start = "2027-03-14T11:00"
end = "2027-03-14T10:00"
room = { bg = "Зала 1" }
place = { bg = "Другаде" }
free = true
price = { bg = "5 лв." }
audience = ["kids"]
image = "images/events/none.jpg"
)");
    test::write_text(dir / "src/events/endless.toml", R"(id = "endless"
title = { bg = "Безкрайно" }
summary = { bg = "Всеки ден." }
start = "2027-03-14T11:00"
end = "12:00"
repeat = { every = "week", on = ["sat", "2sun"] }
image_item = "nothing"
)");
    test::write_text(dir / "src/events/many.toml", R"(id = "many"
title = { bg = "Много" }
summary = { bg = "Всеки ден." }
start = "2027-03-14"
repeat = { every = "day", until = "2030-03-14" }
visible = { hours = ["25:00-26:00"] }
)");
    test::write_text(dir / "src/events/offset.toml", R"(id = "tour"
title = { bg = "С отместване" }
summary = { bg = "Час с отместване." }
start = "2027-03-14T11:00+02:00"
)");
    test::write_text(dir / "src/events/no-end.toml", R"(id = "no-end"
title = { bg = "Без край" }
summary = { bg = "Няма край." }
start = "2027-03-14T11:00"
)");
    const auto r = packs::build_pack(options(dir));
    CHECK_FALSE(r.ok());
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));
    const auto lines = test::problem_lines(r.problems, dir);
    CHECK_MESSAGE(std::find(lines.begin(), lines.end(),
                            "DIR/src/pack.toml:1:13: time_zone: 'Europe/Sofiya' is not a time zone: write an IANA name "
                            "like \"Europe/Sofia\" or \"Europe/Berlin\"") != lines.end(),
                  test::joined_lines(lines));
    const std::vector<std::string> collections = {
        "DIR/src/collections/silver.toml:4:43: schedule.until: until (2027-06-30) is before from (2027-07-10)",
        "DIR/src/collections/silver.toml:4:72: schedule.days[2]: expected a weekday: \"mon\", \"tue\", \"wed\", \"thu\", "
        "\"fri\", \"sat\", \"sun\"",
        "DIR/src/collections/silver.toml:4:90: schedule.hours[1]: from 13:00 is not before to 09:00 (a day part cannot "
        "cross midnight: split it in two)",
        "DIR/src/collections/silver.toml:4:105: schedule.hours[2]: '9-10' is not a day part: write it as \"09:00-13:00\" "
        "(24-hour HH:MM, \"24:00\" for midnight)",
    };
    CHECK_MESSAGE(lines_in(r, dir, "/collections/") == collections, test::joined_lines(lines_in(r, dir, "/collections/")));
    const std::vector<std::string> events = {
        "DIR/src/events/bad.toml:2:9: title: missing the text in the default language 'bg'",
        "DIR/src/events/bad.toml:5:7: end: end (2027-03-14 10:00) is not after start (2027-03-14 11:00)",
        "DIR/src/events/bad.toml:7:9: place: give either room (a room of the museum) or place (somewhere else, with its "
        "address), not both",
        "DIR/src/events/bad.toml:9:9: price: free = true and a price: give one of them",
        "DIR/src/events/bad.toml:10:13: audience[1]: 'kids' is not an audience; known: \"children\", \"families\", "
        "\"adults\", \"schools\", \"accessible\"",
        "DIR/src/events/bad.toml:11:9: image: image 'images/events/none.jpg' not found (looked in: DIR/src, DIR/media)",
        "DIR/src/events/endless.toml:6:10: repeat: a series must end: give until = \"YYYY-MM-DD\" (its last day) or "
        "count = N",
        "DIR/src/events/endless.toml:6:41: repeat.on[2]: '2sun': which one of the month only in a monthly series",
        "DIR/src/events/endless.toml:7:14: image_item: no item with id 'nothing'",
        "DIR/src/events/many.toml:5:10: repeat: more than 1000 dates",
        "DIR/src/events/many.toml:6:22: visible.hours[1]: '25:00-26:00' is not a day part: write it as \"09:00-13:00\" "
        "(24-hour HH:MM, \"24:00\" for midnight)",
        "DIR/src/events/no-end.toml:4:9: end: required for an event with a start time: give end = \"2027-03-14T12:30\" or "
        "duration = \"90min\"",
        "DIR/src/events/offset.toml:4:9: start: '2027-03-14T11:00+02:00' has a UTC offset: write the museum's local "
        "time, without an offset (time_zone in pack.toml says which), e.g. \"2027-03-14T11:00\"",
        "DIR/src/events/tour.toml:1:6: id: duplicate event id 'tour' (also in DIR/src/events/offset.toml:1)",
    };
    CHECK_MESSAGE(lines_in(r, dir, "/events/") == events, test::joined_lines(lines_in(r, dir, "/events/")));
  }

  TEST_CASE("A series, a duration and an all-day end are checked against the start, the series even when the start fails") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/events/a.toml", event_toml("a", "А", R"(start = "2027-03-14"
end = "2027-03-10"
)"));
    test::write_text(dir / "src/events/b.toml", event_toml("b", "Б", R"(start = "2027-03-14T10:00"
end = "2027-03-14T11:00"
duration = "1h"
repeat = { every = "fortnight", until = "2027-03-01", count = 3 }
)"));
    test::write_text(dir / "src/events/c.toml", event_toml("c", "В", R"(start = "2027-03-14T10:00"
duration = "ten minutes"
repeat = { every = "month", on = ["-1sun", "6sat"], count = 1001 }
)"));
    test::write_text(dir / "src/events/d.toml", event_toml("d", "Г", R"(start = "2027-03-14T10:00"
end = "2027-03-14T11:00"
repeat = { every = "day", until = "2027-03-01" }
)"));
    const auto r = packs::build_pack(options(dir));
    const std::vector<std::string> expected = {
        "DIR/src/events/a.toml:5:7: end: the last day (2027-03-10) is before start (2027-03-14)",
        "DIR/src/events/b.toml:6:12: duration: give end or duration, not both",
        "DIR/src/events/b.toml:7:20: repeat.every: 'fortnight': write \"day\", \"week\" or \"month\"",
        "DIR/src/events/b.toml:7:63: repeat.count: give until (the last day) or count (how many dates), not both",
        "DIR/src/events/c.toml:5:12: duration: expected a length like \"90min\", \"2h\" or \"1h30min\"",
        "DIR/src/events/c.toml:6:44: repeat.on[2]: '6sat': from \"1sat\" to \"5sat\", or \"-1sat\" for the last",
        "DIR/src/events/c.toml:6:61: repeat.count: count 1001: a series has 1 to 1000 dates",
        "DIR/src/events/d.toml:6:35: repeat.until: the series ends (2027-03-01) before it starts (2027-03-14)",
    };
    CHECK_MESSAGE(lines_in(r, dir, "/events/") == expected, test::joined_lines(lines_in(r, dir, "/events/")));
  }

  TEST_CASE("A monthly series on the last Sunday, and a count") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/events/m.toml", event_toml("m", "М", R"(start = "2027-01-31T15:00"
duration = "2h"
repeat = { every = "month", on = ["-1sun"], count = 3 }
)"));
    test::write_text(dir / "src/events/b.toml", event_toml("b", "Б", R"(start = "2027-03-14T10:00"
end = "2027-03-14T11:00"
repeat = { every = "fortnight", until = "2027-03-01", count = 3 }
)"));
    const auto r = packs::build_pack(options(dir));
    const std::vector<std::string> expected = {
        "DIR/src/events/b.toml:6:20: repeat.every: 'fortnight': write \"day\", \"week\" or \"month\"",
        "DIR/src/events/b.toml:6:63: repeat.count: give until (the last day) or count (how many dates), not both"};
    CHECK_MESSAGE(lines_in(r, dir, "/events/") == expected, test::joined_lines(lines_in(r, dir, "/events/")));
    fs::remove(dir / "src/events/b.toml");
    const auto ok = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(ok.ok(), test::joined_lines(test::problem_lines(ok.problems, dir)));
    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    REQUIRE(s->events.size() == 1);
    std::vector<std::int64_t> starts;
    for (const auto& o : s->events[0].occurrences) starts.push_back(o.start);
    // 31 January, 28 February, 28 March (summer time begins that very night, after 15:00).
    CHECK(starts == std::vector<std::int64_t>{instant("2027-01-31T13:00:00Z"), instant("2027-02-28T13:00:00Z"),
                                              instant("2027-03-28T12:00:00Z")});
  }

  TEST_CASE("require_languages asks events for their titles and summaries, never their descriptions") {
    test::TempDir dir;
    write_programme(dir);
    auto o = options(dir);
    o.require_languages = {"en"};
    test::write_text(dir / "src/events/lecture.toml", R"(id = "lecture"
title = { bg = "Лекция" }
summary = { bg = "За съкровището.", en = "On the treasure." }
description = { bg = "Само на български." }
start = "2027-03-14T18:30"
end = "20:00"
)");
    const auto r = packs::build_pack(o);
    const std::vector<std::string> expected = {
        "DIR/src/events/lecture.toml:2:9: title: no text in \"en\", a required language (--require-languages)"};
    CHECK_MESSAGE(lines_in(r, dir, "/events/") == expected, test::joined_lines(lines_in(r, dir, "/events/")));
  }

  TEST_CASE("--events-dir adds events after SRC/events; a clash names both places, also for an imported calendar") {
    test::TempDir dir;
    write_programme(dir);
    auto o = options(dir);
    o.events_dirs = {dir / "generated"};
    test::write_text(dir / "generated/extra.toml", R"(id = "extra"
title = { bg = "Допълнително" }
summary = { bg = "От друга папка." }
start = "2027-05-01"
)");
    auto r = packs::build_pack(o);
    REQUIRE_MESSAGE(r.ok(), test::joined_lines(test::problem_lines(r.problems, dir)));
    CHECK(catalog::load_snapshot(dir / "out/pack.db")->events.back().slug == "extra");

    test::write_text(dir / "generated/again.toml", R"(id = "lecture"
title = { bg = "Пак" }
summary = { bg = "Същото." }
start = "2027-05-02"
)");
    test::write_text(dir / "src/events/calendar.ics",
                     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Orpheus//test//EN\r\nBEGIN:VEVENT\r\nUID:tour\r\n"
                     "DTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/Sofia:20270320T110000\r\n"
                     "DTEND;TZID=Europe/Sofia:20270320T123000\r\nSUMMARY:Обиколка\r\nDESCRIPTION:С уредник.\r\n"
                     "END:VEVENT\r\nEND:VCALENDAR\r\n");
    r = packs::build_pack(o);
    CHECK_FALSE(r.ok());
    const auto lines = test::problem_lines(r.problems, dir);
    CHECK_MESSAGE(std::find(lines.begin(), lines.end(),
                            "DIR/generated/again.toml:1:6: id: duplicate event id 'lecture' (also in "
                            "DIR/src/events/lecture.toml:1)") != lines.end(),
                  test::joined_lines(lines));
    // The calendar is read before the TOML files that sort after it.
    CHECK_MESSAGE(std::any_of(lines.begin(), lines.end(),
                              [](const std::string& l) {
                                return l.rfind("DIR/src/events/tour.toml:1:6: id: duplicate event id 'tour' (also in "
                                               "DIR/src/events/calendar.ics:",
                                               0) == 0;
                              }),
                  test::joined_lines(lines));
  }

  TEST_CASE("inspect counts the events and lists the next dates from --now, in the pack's time zone") {
    test::TempDir dir;
    write_programme(dir);
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), test::joined_lines(test::problem_lines(r.problems, dir)));
    const auto pack = dir / "out/pack.db";
    const auto d = packs::describe_pack(pack, false, instant("2027-03-14T08:00:00Z"));  // 10:00 in Sofia
    const auto& e = d["events"];
    CHECK(e["count"] == 3);
    CHECK(e["dates"] == 6);
    CHECK(e["time_zone"] == "Europe/Sofia");
    CHECK(e["from"] == "2027-03-14 10:00");
    REQUIRE(e["upcoming"].size() == 5);  // the tour of 13 March is over
    CHECK(e["upcoming"][0]["id"] == "expo");
    CHECK(e["upcoming"][0]["now"] == true);
    CHECK(e["upcoming"][1]["start"] == "2027-03-14 18:30");
    CHECK(e["upcoming"][1]["end"] == "2027-03-14 20:00");
    CHECK(e["upcoming"][4]["start"] == "2027-04-10 11:00");
    CHECK(d["texts"]["events"]["of"] == nlohmann::ordered_json{{"titles", 3}, {"summaries", 3}});
    CHECK(d["texts"]["events"]["languages"]["en"] == nlohmann::ordered_json{{"titles", 3}, {"summaries", 3}});

    std::ostringstream text;
    packs::print_description(d, text);
    const std::string expected =
        "events:      3 events, 6 dates, next: 2027-03-01 – 2027-04-11 Злато и вино\n"
        "  upcoming from 2027-03-14 10:00 (Europe/Sofia):\n"
        "    2027-03-01 – 2027-04-11  Злато и вино  (now)\n"
        "    2027-03-14 18:30–20:00   Лекция\n"
        "    2027-03-20 11:00–12:30   Обиколка с уредник\n"
        "    2027-04-03 11:00–12:30   Обиколка с уредник\n"
        "    2027-04-10 11:00–12:30   Обиколка с уредник\n";
    CHECK_MESSAGE(text.str().find(expected) != std::string::npos, text.str());
    CHECK_MESSAGE(text.str().find("event texts:       titles  summaries\n"
                                  "  bg               3/3     3/3\n"
                                  "  en               3/3     3/3\n") != std::string::npos,
                  text.str());

    // The command line: --now read in the pack's zone; an unreadable one is a usage error.
    auto cli = run(dir, "inspect --now 2027-03-14T10:00 '" + pack.string() + "'");
    CHECK_MESSAGE(cli.status == 0, cli.err);
    CHECK_MESSAGE(cli.out.find(expected) != std::string::npos, cli.out);
    cli = run(dir, "inspect --now 2027-04-12T00:00 '" + pack.string() + "'");
    CHECK_MESSAGE(cli.out.find("events:      3 events, 6 dates, none after 2027-04-12 00:00\n") != std::string::npos, cli.out);
    cli = run(dir, "inspect --now tomorrow '" + pack.string() + "'");
    CHECK(cli.status == 2);
    CHECK_MESSAGE(cli.err.find("--now 'tomorrow' is not a time") != std::string::npos, cli.err);
  }

  TEST_CASE("verify reports event rows that do not hold together") {
    test::TempDir dir;
    write_programme(dir);
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), test::joined_lines(test::problem_lines(r.problems, dir)));
    const auto pack = dir / "out/pack.db";
    damage(pack,
           "PRAGMA ignore_check_constraints = ON;"
           "UPDATE event_occurrence SET end = start WHERE event_id = (SELECT id FROM event WHERE slug = 'lecture');"
           "DELETE FROM event_occurrence WHERE event_id = (SELECT id FROM event WHERE slug = 'tour');"
           "UPDATE event_text SET title = '' WHERE lang = 'bg' AND event_id = (SELECT id FROM event WHERE slug = 'expo');"
           "UPDATE event SET media_id = NULL WHERE slug = 'expo';");
    packs::VerifyOptions v;
    v.require_trusted = false;
    const auto verified = packs::verify_pack(pack, v);
    CHECK_FALSE(verified.ok());
    const std::string all = test::joined_lines(test::problem_lines(verified.problems, dir));
    CHECK_MESSAGE(has_problem(verified.problems, "event 'tour'", "has no dates"), all);
    CHECK_MESSAGE(has_problem(verified.problems, "event 'lecture' date", "before it starts"), all);
    CHECK_MESSAGE(has_problem(verified.problems, "event 'expo'.title", "no title in the default language 'bg'"), all);
    CHECK_MESSAGE(has_problem(verified.problems, "media 4 ('images/events/expo.png')", "belongs to no item and is no event's picture"),
                  all);
  }
}
