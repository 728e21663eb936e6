#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "catalog/catalog.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;
using catalog::LoadError;

namespace {

// The reason load_snapshot gives for `file`; fails the test if it loads.
std::string refusal(const std::filesystem::path& file) {
  try {
    catalog::load_snapshot(file);
  } catch (const LoadError& e) {
    CHECK(e.file() == file);
    CHECK(std::string(e.what()).find(file.string()) != std::string::npos);  // the message names the file
    return e.reason();
  }
  FAIL("the pack loaded: " << file);
  return {};
}

}  // namespace

TEST_SUITE("Snapshot loading") {
  TEST_CASE("The kiosk's fallback languages come before the pack's default; those the pack lacks are left out") {
    test::TempDir dir;
    const auto file = dir / "p.db";
    test::write_small_pack(file);
    CHECK(catalog::load_snapshot(file)->fallback() == std::vector<std::string>{"bg", "en"});
    const auto s = catalog::load_snapshot(file, {"de", "en"});
    CHECK(s->fallback() == std::vector<std::string>{"en", "bg"});
    CHECK(s->pack.credit.get("fr", s->fallback()) == s->pack.credit.get("en"));
    CHECK(s->pack.credit.language_of("fr", s->fallback()) == (s->pack.credit.has("en") ? "en" : "bg"));
    CHECK(s->pack.credit.language_of("bg", s->fallback()) == "bg");
  }

  TEST_CASE("A pack loads with every field, in display order") {
    test::TempDir dir;
    const auto file = dir / "p.db";
    test::write_small_pack(file);
    const auto s = catalog::load_snapshot(file);
    CHECK(s->file == file);
    CHECK(s->pack.id == "test.pack");
    CHECK(s->pack.version == "2.0");
    CHECK(s->pack.created == "2024-01-02T03:04:05Z");
    CHECK(s->pack.default_language == "bg");
    CHECK(s->pack.languages == std::vector<std::string>{"bg", "en"});
    CHECK(s->pack.schema_version == catalog::kSchemaVersion);
    CHECK(s->pack.title.exact("en") == "Thracians");
    CHECK(s->pack.credit.get("en", s->fallback()) == "Кредит");

    REQUIRE(s->collections.size() == 1);
    const auto& c = s->collections[0];
    CHECK(c.slug == "gold");
    CHECK(c.order == 10);
    CHECK(c.title.exact("bg") == "Злато");
    CHECK(c.summary.get("en", s->fallback()) == "Кратко");
    CHECK(c.cover_media == 7);
    REQUIRE(c.items.size() == 2);
    CHECK(s->items[c.items[0]].slug == "amphora");  // order 1 before order 2
    CHECK(s->items[c.items[1]].slug == "rhyton");

    const catalog::Item* it = s->find_item(1);
    REQUIRE(it);
    CHECK(s->item_index(1) == 1u);
    CHECK(s->find_collection(1) == &c);
    CHECK(s->find_item(99) == nullptr);
    CHECK(it->collection_id == 1);
    CHECK(it->order == 2);
    CHECK(it->year_from == -400);
    CHECK(it->year_to == -300);
    CHECK(it->latitude == doctest::Approx(42.5));
    CHECK(it->longitude == doctest::Approx(24.25));
    CHECK(it->title.exact("bg") == "Златен ритон");
    CHECK(it->summary.get("en", s->fallback()) == "Съд от чисто злато");
    CHECK(it->description.exact("en") == "Long text");
    CHECK(it->place_name.exact("bg") == "Панагюрище");
    CHECK(it->credit.exact("bg") == "РИМ");
    CHECK(it->period.exact("en") == "Early Hellenistic");       // explicit label kept
    CHECK(it->period.exact("bg") == "IV–III в. пр. Хр.");        // derived where there is none
    CHECK(it->tags == std::vector<std::string>{"vessel", "gold"});  // the item's own order
    REQUIRE(it->metadata.size() == 2);
    CHECK(it->metadata[0].label.exact("en") == "Material");
    CHECK(it->metadata[0].value.exact("bg") == "злато");
    CHECK(it->metadata[1].label.get("en", s->fallback()) == "Тегло");
    REQUIRE(it->media.size() == 1);
    const auto& m = it->media[0];
    CHECK(m.id == 7);
    CHECK(m.width == 4000);
    CHECK(m.height == 3000);
    CHECK(m.display_width == 2048);
    CHECK(m.display_height == 1536);
    CHECK(m.thumb_width == 512);
    CHECK(m.thumb_height == 384);
    CHECK(m.caption.get("bg", s->fallback()) == "Side view");
    CHECK(m.alt.exact("en") == "A gold drinking horn");

    const catalog::Item* undated = s->find_item(2);
    REQUIRE(undated);
    CHECK_FALSE(undated->year_from.has_value());
    CHECK_FALSE(undated->latitude.has_value());
    CHECK(undated->period.empty());
    CHECK(undated->media.empty());

    REQUIRE(s->tags.size() == 2);
    CHECK(s->tags.at("gold").exact("en") == "gold");
    CHECK(s->tags.at("vessel").get("en", s->fallback()) == "съд");
  }

  TEST_CASE("Texts fall back to the default language first, whatever the switch order") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    {
      sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
      // Switch order de, en, bg with bg still the default; the item has no German title.
      db.exec("INSERT INTO pack_language VALUES ('de', -1);"
              "UPDATE item_text SET title = 'Gold rhyton (en)' WHERE item_id = 1 AND lang = 'en';");
    }
    const auto s = catalog::load_snapshot(dir / "p.db");
    REQUIRE(s->pack.languages == std::vector<std::string>{"de", "bg", "en"});
    CHECK(s->fallback() == std::vector<std::string>{"bg", "de", "en"});
    CHECK(s->find_item(1)->title.get("de", s->fallback()) == "Златен ритон");
  }

  TEST_CASE("A version 1 pack still loads") {
    test::TempDir dir;
    test::write_small_pack(dir / "v1.db", 1);
    CHECK(catalog::load_snapshot(dir / "v1.db")->pack.schema_version == 1);
  }

  TEST_CASE("A missing file is refused and not created") {
    test::TempDir dir;
    CHECK(refusal(dir / "nope.db") == "file not found");
    CHECK_FALSE(std::filesystem::exists(dir / "nope.db"));
  }

  TEST_CASE("A file that is not SQLite is refused") {
    test::TempDir dir;
    test::write_text(dir / "junk.db", std::string(4096, 'x'));
    CHECK(refusal(dir / "junk.db").find("not a SQLite database") != std::string::npos);
  }

  TEST_CASE("An empty SQLite database is refused") {
    test::TempDir dir;
    test::write_text(dir / "zero.db", "");
    CHECK(refusal(dir / "zero.db").find("empty database") != std::string::npos);
    { sql::Database db(dir / "fresh.db", sql::Database::Mode::read_write_create); db.exec("PRAGMA user_version = 0"); }
    CHECK(refusal(dir / "fresh.db").find("empty database") != std::string::npos);
  }

  TEST_CASE("A foreign SQLite database is refused") {
    test::TempDir dir;
    {
      sql::Database db(dir / "firefox.db", sql::Database::Mode::read_write_create);
      db.exec("CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT)");
    }
    CHECK(refusal(dir / "firefox.db").find("not an Orpheus content pack") != std::string::npos);
    {
      sql::Database db(dir / "versioned.db", sql::Database::Mode::read_write_create);
      db.exec("CREATE TABLE t(x INTEGER); PRAGMA user_version = 2");
    }
    CHECK(refusal(dir / "versioned.db").find("not an Orpheus content pack") != std::string::npos);
  }

  TEST_CASE("A pack with a newer schema version is refused") {
    test::TempDir dir;
    test::write_small_pack(dir / "new.db");
    { sql::Database db(dir / "new.db", sql::Database::Mode::read_write_create); db.exec("PRAGMA user_version = 9"); }
    CHECK(refusal(dir / "new.db") == "schema version 9 is newer than this kiosk supports (" +
                                         std::to_string(catalog::kSchemaVersion) + "): update the kiosk software");
  }

  TEST_CASE("A pack with an older, unreadable schema version is refused") {
    test::TempDir dir;
    test::write_small_pack(dir / "old.db");
    { sql::Database db(dir / "old.db", sql::Database::Mode::read_write_create); db.exec("PRAGMA user_version = 0"); }
    CHECK(refusal(dir / "old.db").find("older than this kiosk reads") != std::string::npos);
  }

  TEST_CASE("A pack without collections is refused") {
    test::TempDir dir;
    test::write_small_pack(dir / "bare.db");
    {
      sql::Database db(dir / "bare.db", sql::Database::Mode::read_write_create);
      db.exec("PRAGMA foreign_keys = OFF; DELETE FROM item; DELETE FROM collection;");
    }
    CHECK(refusal(dir / "bare.db") == "the pack has no collections");
  }

  TEST_CASE("Loading never writes to the pack") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    const auto before = std::filesystem::last_write_time(dir / "p.db");
    const auto size = std::filesystem::file_size(dir / "p.db");
    catalog::load_snapshot(dir / "p.db");
    CHECK(std::filesystem::last_write_time(dir / "p.db") == before);
    CHECK(std::filesystem::file_size(dir / "p.db") == size);
    CHECK_FALSE(std::filesystem::exists(dir / "p.db-journal"));
  }
}

TEST_SUITE("Media reader") {
  TEST_CASE("Each variant reads its own bytes; unknown media or variants read empty") {
    test::TempDir dir;
    test::write_small_pack(dir / "p.db");
    catalog::MediaReader reader(dir / "p.db");
    auto as_string = [](const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); };
    CHECK(as_string(reader.read(7, catalog::MediaVariant::original)) == "ORIG");
    CHECK(as_string(reader.read(7, catalog::MediaVariant::display)) == "DISP");
    CHECK(as_string(reader.read(7, catalog::MediaVariant::thumbnail)) == "THMB");
    CHECK(reader.read(8, catalog::MediaVariant::display).empty());
    {
      sql::Database db(dir / "p.db", sql::Database::Mode::read_write_create);
      db.exec("DELETE FROM media_blob WHERE variant = 'thumbnail'");
    }
    CHECK(reader.read(7, catalog::MediaVariant::thumbnail).empty());
    catalog::MediaReader moved(std::move(reader));
    CHECK(as_string(moved.read(7, catalog::MediaVariant::display)) == "DISP");
  }

  TEST_CASE("The media reader refuses what the snapshot loader refuses") {
    test::TempDir dir;
    CHECK_THROWS_AS(catalog::MediaReader(dir / "missing.db"), LoadError);
    CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
    test::write_text(dir / "junk.db", std::string(4096, 'x'));
    CHECK_THROWS_WITH_AS(catalog::MediaReader(dir / "junk.db"), doctest::Contains("junk.db"), LoadError);
  }

  TEST_CASE("Variant names match the schema") {
    CHECK(std::string(catalog::to_string(catalog::MediaVariant::original)) == "original");
    CHECK(std::string(catalog::to_string(catalog::MediaVariant::display)) == "display");
    CHECK(std::string(catalog::to_string(catalog::MediaVariant::thumbnail)) == "thumbnail");
  }
}
