// The real Tate export (3,008 records, CC0; ORPHEUS_TESTDATA_DIR/real/tate, see
// ../shared/testdata/SOURCES.md section 4) imported through the mapping a curator would write
// (tests/unit/packs/data/tate-mapping.toml). The counts below are what this importer achieves
// today; the test fails if one of them drops.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "packs/builder.h"
#include "packs/csv_import.h"
#include "packs/source.h"
#include "support/temp_dir.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

const fs::path kTate = ORPHEUS_TESTDATA_DIR "/real/tate/tate-artworks-sample.csv";
const fs::path kMapping = ORPHEUS_SOURCE_DIR "/tests/unit/packs/data/tate-mapping.toml";

bool have_data() {
  if (fs::is_regular_file(kTate)) return true;
  MESSAGE("Tate export not found at " << kTate.string() << ": skipped");
  return false;
}

struct Imported {
  packs::PackSource source;
  std::vector<packs::Problem> problems;
  packs::CsvImportReport report;
};

Imported import(bool skip) {
  packs::CsvImportOptions o;
  o.csv = kTate;
  o.mapping = kMapping;
  o.skip_invalid = skip;
  Imported r;
  r.source = packs::import_csv(o, r.problems, &r.report);
  return r;
}

std::string errors(const std::vector<packs::Problem>& problems) {
  std::string s;
  for (const auto& p : problems)
    if (!p.warning) s += p.str() + "\n";
  return s;
}

const packs::ItemSource* item(const packs::PackSource& s, const std::string& slug) {
  for (const auto& it : s.items)
    if (it.slug == slug) return &it;
  return nullptr;
}

}  // namespace

TEST_SUITE("Tate export") {
  TEST_CASE("The Tate export imports all but the records without a classification") {
    if (!have_data()) return;
    const auto r = import(true);
    REQUIRE_MESSAGE(!packs::has_errors(r.problems), errors(r.problems));
    CHECK(r.report.records == 3008);
    CHECK(r.report.empty == 0);
    CHECK(r.report.imported >= 3001);  // drops if a valid record is rejected
    CHECK(r.report.rejected.size() <= 7);
    for (const auto& rej : r.report.rejected) {
      REQUIRE(rej.errors.size() == 1);
      CHECK(rej.errors[0].field == "classification");
      CHECK(rej.errors[0].kind == "no collection");
    }
    CHECK(r.report.imported + r.report.rejected.size() == r.report.records);
    // dateText read by packs::parse_date: every record with years (the 266 "date not known" have
    // none, even where the export gives a year), less the 6 dated among the 7 rejected.
    CHECK(r.report.dated >= 2736);
    CHECK(r.report.missing_images == 2522);  // every thumbnailUrl: no picture is on this computer
    MESSAGE(r.report.imported << " imported, " << r.report.rejected.size() << " rejected, " << r.report.dated
                              << " dated, " << r.report.missing_images << " missing images");

    CHECK(r.source.collections.size() == 7);
    const auto* elihu = item(r.source, "a00023");
    REQUIRE(elihu);
    CHECK(elihu->title.exact("en") == "The Wrath of Elihu");
    CHECK(elihu->period.exact("en") == "1825, reprinted 1874");
    CHECK(elihu->year_from == 1825);
    CHECK(elihu->year_to == 1825);
    // Circa: labelled with its certainty; exact and unknown years as the museum wrote them or not at all.
    const auto* crucifixion = item(r.source, "a00046");  // "c.1825–7"
    REQUIRE(crucifixion);
    CHECK(crucifixion->year_from == 1825);
    CHECK(crucifixion->year_to == 1827);
    CHECK(crucifixion->certainty == catalog::Certainty::circa);
    CHECK(crucifixion->period.empty());  // the kiosk labels it: "c. 1825–1827", "ок. 1825–1827 г."
    for (const auto& it : r.source.items)
      if (it.period.exact("en") == "date not known") CHECK_FALSE(it.year_from);
    CHECK(elihu->collection == "on-paper-unique");
    CHECK(elihu->tags.size() == 12);
    CHECK(r.source.tags.at("job-chapter-1").exact("en") == "Job, chapter 1");  // commas stay inside a subject
    REQUIRE(elihu->metadata.size() == 5);
    CHECK(elihu->metadata[0].value.exact("en") == "Blake, William");
    // Two contributors: a list, one per line, each name whole.
    bool found = false;
    for (const auto& it : r.source.items)
      for (const auto& m : it.metadata)
        if (m.label.exact("en") == "Artist" && m.value.exact("en") == "Turner, Joseph Mallord William\nGirtin, Thomas")
          found = true;
    CHECK(found);
  }

  TEST_CASE("All or nothing, the Tate export names its seven records and imports none") {
    if (!have_data()) return;
    const auto r = import(false);
    CHECK(r.report.invalid == 7);
    CHECK(std::count_if(r.problems.begin(), r.problems.end(), [](const auto& p) { return !p.warning; }) == 7);
    CHECK(r.report.rejected.empty());
  }

  TEST_CASE("The imported Tate records build a pack that loads") {
    if (!have_data()) return;
    auto r = import(true);
    test::TempDir dir;
    packs::BuildOptions options;
    options.source_dir = kTate.parent_path();
    options.output = dir / "tate.db";
    const auto built = packs::build_from_source(std::move(r.source), options, std::move(r.problems));
    REQUIRE_MESSAGE(built.ok(), errors(built.problems));
    const auto s = catalog::load_snapshot(dir / "tate.db");
    CHECK(s->items.size() == r.report.imported);
    CHECK(s->pack.languages == std::vector<std::string>{"en"});
    CHECK(s->pack.title.exact("en") == "Tate: works from the collection");
  }
}
