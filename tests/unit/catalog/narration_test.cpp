#include <doctest/doctest.h>

#include <string>

#include "catalog/catalog.h"
#include "catalog/schema.h"
#include "catalog/sqlite.h"
#include "support/temp_dir.h"
#include "test_pack.h"

using namespace orpheus;

namespace {

// The small pack with a Bulgarian narration of the rhyton: recorded, timed, two sentences.
void add_narration(const std::filesystem::path& file) {
  sql::Database db(file, sql::Database::Mode::read_write_create);
  db.exec(R"sql(
    INSERT INTO narration VALUES (5, 1, 'bg', 0, 1, 4200);
    INSERT INTO narration_sentence VALUES (5, 1, 'summary', 0, 10, 1500), (5, 0, 'title', 0, 23, 0);
    INSERT INTO narration_audio VALUES (5, 'audio/ogg', CAST('OGGBYTES' AS BLOB));
  )sql");
}

}  // namespace

TEST_SUITE("Narration in the catalog") {
  TEST_CASE("A narration loads with its sentences in order, its audio only through MediaReader") {
    test::TempDir dir;
    const auto file = dir / "p.db";
    test::write_small_pack(file);
    add_narration(file);
    const auto snap = catalog::load_snapshot(file);
    const catalog::Item* rhyton = snap->find_item(1);
    REQUIRE(rhyton);
    REQUIRE(rhyton->narrations.size() == 1);
    const catalog::Narration* n = rhyton->narration("bg");
    REQUIRE(n);
    CHECK(n->id == 5);
    CHECK_FALSE(n->synthetic);
    CHECK(n->timed);
    CHECK(n->duration_ms == 4200);
    REQUIRE(n->sentences.size() == 2);
    CHECK(n->sentences[0].part == catalog::NarrationSentence::Part::title);
    CHECK(n->sentences[0].end == 23);
    CHECK(n->sentences[1].part == catalog::NarrationSentence::Part::summary);
    CHECK(n->sentences[1].start_ms == 1500);
    CHECK(rhyton->narration("en") == nullptr);  // no fallback to another language
    CHECK(snap->find_item(2)->narrations.empty());

    catalog::MediaReader reader(file);
    const auto bytes = reader.read_narration(5);
    CHECK(std::string(bytes.begin(), bytes.end()) == "OGGBYTES");
    CHECK(reader.read_narration(6).empty());
  }

  TEST_CASE("Loading narrations reads no audio page") {
    test::TempDir dir;
    const auto file = dir / "p.db";
    test::write_small_pack(file);
    add_narration(file);
    sql::Database db(file, sql::Database::Mode::read_only);
    auto plan = db.prepare("EXPLAIN QUERY PLAN SELECT n.id, n.item_id, n.lang, n.synthetic, n.timed, n.duration_ms FROM narration n");
    std::string all;
    while (plan.step()) all += plan.text(3) + "\n";
    CHECK(all.find("narration_audio") == std::string::npos);
  }

  TEST_CASE("A version 5 pack migrates to 6 without narration and still loads") {
    test::TempDir dir;
    const auto file = dir / "v5.db";
    test::write_small_pack(file, 5);
    {
      const auto snap = catalog::load_snapshot(file);
      CHECK(snap->pack.schema_version == 5);
      CHECK(snap->find_item(1)->narrations.empty());
      catalog::MediaReader reader(file);
      CHECK(reader.read_narration(1).empty());
    }
    sql::Database db(file, sql::Database::Mode::read_write_create);
    catalog::migrate(db.get(), 6);
    CHECK(catalog::schema_version(db.get()) == 6);
    auto count = db.prepare("SELECT count(*) FROM narration");
    REQUIRE(count.step());
    CHECK(count.int64(0) == 0);
  }

  TEST_CASE("Part names") {
    using P = catalog::NarrationSentence::Part;
    for (P p : {P::title, P::summary, P::description}) CHECK(catalog::narration_part_named(catalog::to_string(p)) == p);
    CHECK_FALSE(catalog::narration_part_named("caption"));
  }
}
