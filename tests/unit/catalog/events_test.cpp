#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/snapshot_texts.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;
using catalog::Audience;

namespace {

// Two events in the small pack (written out of order: the late one first), a collection schedule
// and an event's visibility, its own picture (media 9, no item) and an item's (media 7).
void add_programme(const std::filesystem::path& file) {
  sql::Database db(file, sql::Database::Mode::read_write_create);
  db.exec(R"sql(
    BEGIN;
    INSERT INTO pack_info VALUES ('time_zone', 'Europe/Berlin');
    INSERT INTO media VALUES (9, NULL, 0, 'images/events/concert.jpg', 1200, 800);
    INSERT INTO media_blob VALUES (9, 'original', 'image/jpeg', 1200, 800, CAST('ORIG' AS BLOB)),
                                  (9, 'display', 'image/jpeg', 1200, 800, CAST('DISP' AS BLOB)),
                                  (9, 'thumbnail', 'image/jpeg', 512, 341, CAST('THMB' AS BLOB));
    INSERT INTO event VALUES (2, 'concert', 2, 0, 9), (1, 'tour', 1, 1, 7);
    INSERT INTO event_text(event_id, lang, title, summary, room, price) VALUES
      (2, 'bg', 'Концерт', 'Тракийска музика.', '', '10 лв.'), (2, 'en', 'Concert', '', '', '5 EUR');
    INSERT INTO event_text(event_id, lang, title, summary, place, address, booking) VALUES
      (1, 'bg', 'Обиколка', 'С уредник.', 'Старинен Пловдив', 'ул. Съборна 1', 'На касата');
    INSERT INTO event_audience VALUES (1, 'families', 0), (1, 'children', 1), (2, 'adults', 0);
    INSERT INTO event_occurrence VALUES (1, 0, 1800000000, 1800005400), (1, 0, 1799395200, 1799400600),
                                        (2, 1, 20900, 20901);
    INSERT INTO schedule VALUES (1, 1, NULL, 20800, 20990), (2, NULL, 2, 20850, NULL);
    INSERT INTO schedule_part VALUES (1, 1, 96, 600, 1080), (1, 0, 31, 540, 780);
    COMMIT;
  )sql");
}

}  // namespace

TEST_SUITE("Events in the catalog") {
  TEST_CASE("Audience names go both ways; anything else is none") {
    for (Audience a : catalog::kAudiences) CHECK(catalog::audience_named(catalog::to_string(a)) == a);
    CHECK(std::string(catalog::to_string(Audience::accessible)) == "accessible");
    CHECK_FALSE(catalog::audience_named("pets"));
    CHECK_FALSE(catalog::audience_named("Children"));
  }

  TEST_CASE("A pack's programme loads: events by their order, occurrences in time order, schedules, the zone") {
    test::TempDir dir;
    const auto file = dir / "p.db";
    test::write_small_pack(file);
    add_programme(file);
    const auto s = catalog::load_snapshot(file);
    CHECK(s->pack.time_zone == "Europe/Berlin");
    REQUIRE(s->events.size() == 2);
    const catalog::Event& tour = s->events[0];
    CHECK(tour.slug == "tour");
    CHECK(tour.free);
    CHECK(tour.image == 7);  // an item's picture
    CHECK(tour.title.exact("bg") == "Обиколка");
    CHECK(tour.place.exact("bg") == "Старинен Пловдив");
    CHECK(tour.address.exact("bg") == "ул. Съборна 1");
    CHECK(tour.booking.exact("bg") == "На касата");
    CHECK(tour.room.empty());
    CHECK(tour.audience == std::vector<Audience>{Audience::families, Audience::children});
    REQUIRE(tour.occurrences.size() == 2);
    CHECK(tour.occurrences[0].start == 1799395200);
    CHECK(tour.occurrences[1].start == 1800000000);
    CHECK(tour.occurrences[1].end == 1800005400);
    CHECK_FALSE(tour.occurrences[0].all_day);
    CHECK(tour.visibility.empty());

    const catalog::Event& concert = s->events[1];
    CHECK(concert.image == 9);  // its own
    CHECK_FALSE(concert.free);
    CHECK(concert.price.exact("en") == "5 EUR");
    REQUIRE(concert.occurrences.size() == 1);
    CHECK(concert.occurrences[0].all_day);
    CHECK(concert.occurrences[0].end - concert.occurrences[0].start == 1);
    CHECK(concert.visibility.from_day == 20850);
    CHECK_FALSE(concert.visibility.until_day);
    CHECK(concert.visibility.parts.empty());

    const catalog::Schedule& gold = s->collections[0].schedule;
    CHECK(gold.from_day == 20800);
    CHECK(gold.until_day == 20990);
    REQUIRE(gold.parts.size() == 2);
    CHECK(gold.parts[0].weekdays == 31);  // by ord
    CHECK(gold.parts[0].from_minute == 540);
    CHECK(gold.parts[0].to_minute == 780);
    CHECK(gold.parts[1].weekdays == 96);

    // The event's own picture is no item's image, but MediaReader reads it like one.
    for (const auto& it : s->items) CHECK(it.media.size() <= 1);
    catalog::MediaReader reader(file);
    const auto bytes = reader.read(9, catalog::MediaVariant::display);
    CHECK(std::string(bytes.begin(), bytes.end()) == "DISP");

    std::vector<std::string> places;
    catalog::for_each_text(*s, [&](std::string_view, const catalog::TextPlace& p) {
      if (p.owner == catalog::TextPlace::Owner::event) places.push_back(p.str());
    });
    CHECK(std::find(places.begin(), places.end(), "event 'concert'.price.en") != places.end());
    CHECK(std::find(places.begin(), places.end(), "event 'tour'.address.bg") != places.end());
  }

  TEST_CASE("An older pack (version 6) loads with no events, no schedules and the default zone") {
    test::TempDir dir;
    const auto file = dir / "v6.db";
    test::write_small_pack(file, 6);
    const auto s = catalog::load_snapshot(file);
    CHECK(s->pack.schema_version == 6);
    CHECK(s->events.empty());
    CHECK(s->pack.time_zone == "Europe/Sofia");
    CHECK(s->collections[0].schedule.empty());
    CHECK(s->items[1].media.size() == 1);
  }
}
