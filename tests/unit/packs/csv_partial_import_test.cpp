// import_csv with skip_invalid (partial import, reject file), empty and NULL records, images
// named by web address, and the mapping conveniences of a one-language pack.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "media/image.h"
#include "packs/builder.h"
#include "packs/csv.h"
#include "packs/csv_import.h"
#include "packs/iiif_import.h"
#include "packs/source.h"
#include "problem_lines.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

const std::string kPackEn = R"([pack]
id = "test.partial"
version = "1"
languages = ["en"]
default_language = "en"
title = "Test"
)";

// Id, collection, title, a year, tags: every row can go wrong in its own way.
const std::string kMapping = kPackEn + R"(
[columns]
id = "Inv"
collection = "Collection"
title = "Title"
year_from = "Year"
tags = "Tags"
)";

struct Imported {
  packs::PackSource source;
  std::vector<packs::Problem> problems;
  packs::CsvImportReport report;
};

Imported run_import(const fs::path& dir, const std::string& csv, const std::string& mapping, bool skip,
                    std::vector<fs::path> image_dirs = {}) {
  test::write_text(dir / "export.csv", csv);
  test::write_text(dir / "mapping.toml", mapping);
  packs::CsvImportOptions o;
  o.csv = dir / "export.csv";
  o.mapping = dir / "mapping.toml";
  o.image_dirs = std::move(image_dirs);
  o.skip_invalid = skip;
  Imported r;
  r.source = packs::import_csv(o, r.problems, &r.report);
  return r;
}

Imported run_import(const test::TempDir& dir, const std::string& csv, const std::string& mapping, bool skip,
                    std::vector<fs::path> image_dirs = {}) {
  return run_import(dir.path(), csv, mapping, skip, std::move(image_dirs));
}

std::vector<std::string> lines(const std::vector<packs::Problem>& problems, const test::TempDir& dir) {
  return test::problem_lines(problems, dir);
}
std::string all(const std::vector<std::string>& v) { return test::joined_lines(v); }

std::vector<std::string> slugs(const packs::PackSource& s) {
  std::vector<std::string> out;
  for (const auto& it : s.items) out.push_back(it.slug);
  return out;
}

const packs::ItemSource* item(const packs::PackSource& s, const std::string& slug) {
  for (const auto& it : s.items)
    if (it.slug == slug) return &it;
  FAIL_CHECK("no item " << slug);
  return nullptr;
}

void write_jpeg(const fs::path& file, int w = 20, int h = 10) {
  test::write_bytes(file, media::encode_jpeg(test::solid(w, h, 90, 120, 150), 85));
}

// Every kind of record problem once, between good rows.
const std::string kMixed =
    "Inv,Collection,Title,Year,Tags\n"
    "A-1,Paintings,Sunset,1850,sea|sky\n"          // 2 good
    ",Paintings,No id,1850,\n"                     // 3 no id
    "A-3,Drawings,Sketch,c.1825–7,pencil\n"        // 4 not a year (its collection and tag: nowhere else)
    "A-1,Paintings,Again,1851,\n"                  // 5 duplicate of line 2
    "A-5,Paintings,\"Short\"\n"                    // 6 ragged
    "A-6,Paintings,Boat,1870,sea\n"                // 7 good
    "A-7,Prints,\"Quoted\"x,1900,\n"               // 8 text after a closing quote
    "A-8,Paintings,,1880,\n"                       // 9 no title
    "A-9,Prints,Etching,1901,sky\n";               // 10 good

}  // namespace

TEST_SUITE("CSV partial import") {
  TEST_CASE("Without skip_invalid one bad record stops the whole import") {
    test::TempDir dir;
    const auto r = run_import(dir, kMixed, kMapping, false);
    CHECK(packs::has_errors(r.problems));
    CHECK(r.report.invalid == 6);
    CHECK(r.report.rejected.empty());
    CHECK_FALSE(r.report.blocked);
    CHECK(r.report.records == 9);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:3:1: Inv: empty: every row needs an id",
              "DIR/export.csv:4:4: Year: 'c.1825–7' is 1825 to 1827, not one year: put the first year in year_from and the "
          "last in year_to, or map the column as date",
              "DIR/export.csv:5:1: Inv: duplicate id 'A-1': also on line 2",
              "DIR/export.csv:6:4: Year: this row has 3 cells but the header has 5: a line break inside a value that "
              "is not in quotes, or a missing delimiter? The row is left out",
              "DIR/export.csv:8:3: Title: text after the closing quote of a quoted cell: a quote inside a quoted cell "
              "must be doubled (\"\")",
              "DIR/export.csv:9:3: Title: empty: every row needs a title in the default language 'en'"});
  }

  TEST_CASE("With skip_invalid every valid record is imported and the others are rejected with their reasons") {
    test::TempDir dir;
    const auto r = run_import(dir, kMixed, kMapping, true);
    REQUIRE_MESSAGE(!packs::has_errors(r.problems), all(lines(r.problems, dir)));
    CHECK(slugs(r.source) == std::vector<std::string>{"a-1", "a-6", "a-9"});
    CHECK(r.report.imported == 3);
    CHECK(r.report.invalid == 6);
    REQUIRE(r.report.rejected.size() == 6);
    std::vector<int> rejected_lines;
    for (const auto& rej : r.report.rejected) rejected_lines.push_back(rej.line);
    CHECK(rejected_lines == std::vector<int>{3, 4, 5, 6, 8, 9});
    const auto& bad_year = r.report.rejected[1];
    CHECK(bad_year.cells == std::vector<std::string>{"A-3", "Drawings", "Sketch", "c.1825–7", "pencil"});
    REQUIRE(bad_year.errors.size() == 1);
    CHECK(bad_year.errors[0].field == "Year");
    CHECK(bad_year.errors[0].kind == "not a year");
    CHECK(r.report.rejected[2].errors[0].kind == "duplicate id");
    CHECK(r.report.rejected[3].cells.size() == 3);  // ragged: as read
    CHECK(r.report.rejected[3].errors[0].kind == "malformed row");
    CHECK(r.report.rejected[4].errors[0].reason.find("closing quote") != std::string::npos);

    // A rejected record leaves nothing behind: no collection, tag or order number of its own.
    std::vector<std::string> collections;
    for (const auto& c : r.source.collections) collections.push_back(c.slug);
    CHECK(collections == std::vector<std::string>{"paintings", "prints"});
    CHECK_FALSE(r.source.tags.count("pencil"));
    CHECK(item(r.source, "a-6")->order == 2);
    CHECK(item(r.source, "a-9")->order == 1);
  }

  TEST_CASE("A rejected record does not make a later record with its id a duplicate") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Collection,Title,Year,Tags\nA-1,P,,1850,\nA-1,P,Second try,1850,\n", kMapping, true);
    REQUIRE_MESSAGE(!packs::has_errors(r.problems), all(lines(r.problems, dir)));
    CHECK(slugs(r.source) == std::vector<std::string>{"a-1"});
    CHECK(item(r.source, "a-1")->title.exact("en") == "Second try");
    REQUIRE(r.report.rejected.size() == 1);
    CHECK(r.report.rejected[0].line == 2);
  }

  TEST_CASE("The warnings of a rejected record go with it; the kept records keep theirs") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              "Inv,Collection,Title,Year,Tags\n"
                              "A-1,P,<p>x<script>bad()</script></p>,1850,\n"
                              "A-2,P,<p>y<script>bad()</script></p>,year?,\n",
                              kMapping, true);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:2:3: Title: warning: an HTML <script> element was removed with its content"});
    REQUIRE(r.report.rejected.size() == 1);
    CHECK(r.report.rejected[0].errors.size() == 1);  // its warning is not among its reasons
  }

  TEST_CASE("One column for both years is read, and reported, once") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Title,Year\nA-1,One,1850\nA-2,Two,c.1825–7\n",
                              kPackEn + "[columns]\nid = \"Inv\"\ntitle = \"Title\"\nyear_from = \"Year\"\nyear_to = \"Year\"\n",
                              true);
    CHECK(item(r.source, "a-1")->year_from == 1850);
    CHECK(item(r.source, "a-1")->year_to == 1850);
    REQUIRE(r.report.rejected.size() == 1);
    CHECK(r.report.rejected[0].errors.size() == 1);
  }

  TEST_CASE("Empty and NULL records are reported as warnings, never dropped silently") {
    test::TempDir dir;
    const std::string csv =
        "Inv,Collection,Title,Year,Tags\n"
        "A-1,P,One,,\n"
        ",,,,\n"                       // 3: every cell empty
        "NULL,NULL,null,\\N,(null)\n"  // 4: a database's empty record
        "\n"                           // 5: a blank line between records
        "A-2,P,Two,,\n"
        " , ,\t, ,\n"                  // 7: white space only
        "\n\n";                        // blank lines at the end: not records
    for (bool skip : {false, true}) {
      CAPTURE(skip);
      const auto r = run_import(dir, csv, kMapping, skip);
      CHECK(lines(r.problems, dir) ==
            std::vector<std::string>{"DIR/export.csv:3:0: warning: empty record: every cell is empty; left out",
                                     "DIR/export.csv:4:0: warning: empty record: every cell is empty or NULL; left out",
                                     "DIR/export.csv:5:0: warning: empty record: every cell is empty; left out",
                                     "DIR/export.csv:7:0: warning: empty record: every cell is empty; left out"});
      CHECK(r.report.empty == 4);
      CHECK(r.report.records == 6);
      CHECK(r.report.imported == 2);
      CHECK(r.report.rejected.empty());
      for (const auto& p : r.problems) CHECK(p.kind == "empty record");
    }
  }

  TEST_CASE("Problems of the mapping or of the whole file stop a partial import too") {
    test::TempDir dir;
    auto r = run_import(dir, kMixed, kMapping + "place = \"Where\"\n", true);  // no such column
    CHECK(r.report.blocked);
    CHECK(r.report.rejected.empty());
    CHECK(packs::has_errors(r.problems));

    r = run_import(dir, "Inv,Collection,Title,Year,Tags\nA-1,P,Caf\xE9,1850,\nA-2,P,Ok,1850,\n", kMapping, true);
    CHECK(r.report.blocked);  // another encoding: every text would be wrong, re-export the file
    CHECK(r.report.rejected.empty());
    CHECK(lines(r.problems, dir).at(0).find("DIR/export.csv:2:3: Title: not valid UTF-8 (byte 0xE9)") == 0);

    r = run_import(dir, "Inv,Collection,Title,Year,Tags\nA-1,P,\"Never closed,1850,\nA-2,P,Ok,1850,\n", kMapping, true);
    CHECK(r.report.blocked);
    CHECK(r.report.rejected.empty());
  }

  TEST_CASE("Every record rejected is an error: nothing to import") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Collection,Title,Year,Tags\nA-1,P,,1850,\n", kMapping, true);
    CHECK(r.report.rejected.size() == 1);
    CHECK(lines(r.problems, dir) == std::vector<std::string>{"DIR/export.csv: every record has an error: nothing to import"});
  }

  TEST_CASE("A missing image rejects its record unless missing images are warnings; an unreadable one always does") {
    test::TempDir dir;
    write_jpeg(dir / "good.jpg");
    test::write_text(dir / "broken.jpg", "not a picture");
    const std::string mapping = kPackEn + "[columns]\nid = \"Inv\"\ntitle = \"Title\"\nimages = \"Images\"\n";
    const std::string csv = "Inv,Title,Images\nA-1,One,good.jpg\nA-2,Two,gone.jpg\nA-3,Three,broken.jpg\n";
    auto r = run_import(dir, csv, mapping, true);
    REQUIRE_MESSAGE(!packs::has_errors(r.problems), all(lines(r.problems, dir)));
    CHECK(slugs(r.source) == std::vector<std::string>{"a-1"});
    REQUIRE(r.report.rejected.size() == 2);
    CHECK(r.report.rejected[0].errors.at(0).kind == packs::kMissingImage);
    CHECK(r.report.rejected[1].errors.at(0).kind == "unreadable image");
    CHECK(r.report.rejected[1].errors.at(0).line == 4);
    CHECK(r.report.missing_images == 0);  // of the imported records

    r = run_import(dir, csv, kPackEn + "[csv]\nmissing_images = \"warning\"\n" +
                                 "[columns]\nid = \"Inv\"\ntitle = \"Title\"\nimages = \"Images\"\n",
                   true);
    CHECK(slugs(r.source) == std::vector<std::string>{"a-1", "a-2"});
    CHECK(r.report.missing_images == 1);
    CHECK(r.report.rejected.size() == 1);
  }

  TEST_CASE("The report counts records, imports, rejections, missing images and dates") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              "Inv,Collection,Title,Year,Tags\nA-1,P,One,1850,\nA-2,P,Two,,\nA-3,P,Three,oops,\n,,,,\n",
                              kMapping, true);
    CHECK(r.report.header == std::vector<std::string>{"Inv", "Collection", "Title", "Year", "Tags"});
    CHECK(r.report.delimiter == ',');
    CHECK(r.report.records == 4);
    CHECK(r.report.imported == 2);
    CHECK(r.report.rejected.size() == 1);
    CHECK(r.report.empty == 1);
    CHECK(r.report.dated == 1);
    CHECK(r.report.missing_images == 0);
  }

  TEST_CASE("Progress counts the rows up to all of them") {
    test::TempDir dir;
    std::string csv = "Inv,Collection,Title,Year,Tags\n";
    for (int i = 1; i <= 3000; ++i) csv += "A-" + std::to_string(i) + ",P,Title " + std::to_string(i) + ",1900,\n";
    test::write_text(dir / "export.csv", csv);
    test::write_text(dir / "mapping.toml", kMapping);
    std::vector<std::uint64_t> seen;
    packs::CsvImportOptions o;
    o.csv = dir / "export.csv";
    o.mapping = dir / "mapping.toml";
    o.progress = [&](const packs::Progress& p) {
      CHECK(p.stage == "rows");
      CHECK(p.total == 3000);
      seen.push_back(p.done);
    };
    std::vector<packs::Problem> problems;
    const auto s = packs::import_csv(o, problems);
    CHECK(s.items.size() == 3000);
    CHECK(seen == std::vector<std::uint64_t>{0, 1024, 2048, 3000});
  }
}

TEST_SUITE("CSV reject file") {
  TEST_CASE("The reject file holds the rows as read, their line and reasons, in the export's own form") {
    test::TempDir dir;
    const std::string bom = "\xEF\xBB\xBF";
    const std::string csv = bom +
                            "Inv;Collection;Title;Year;Tags\r\n"
                            "A-1;P;One;1850;\r\n"
                            "A-2;P;\"Two; with \"\"quotes\"\"\nand a line break\";year?;\r\n"
                            "A-3;P\r\n";
    const auto r = run_import(dir, csv, kMapping, true);
    REQUIRE(r.report.rejected.size() == 2);
    packs::write_rejects(dir / "out/rejects.csv", r.report);
    const std::string text = test::read_text(dir / "out/rejects.csv");
    CHECK(text.rfind(bom, 0) == 0);
    std::vector<packs::detail::CsvIssue> issues;
    const auto t = packs::detail::parse_csv(text, 0, issues);
    CHECK_MESSAGE(issues.empty(), issues.front().reason);
    CHECK(t.delimiter == ';');
    CHECK(t.header == std::vector<std::string>{"Inv", "Collection", "Title", "Year", "Tags", "reject_line", "reject_reason"});
    REQUIRE(t.records.size() == 2);
    CHECK(t.records[0].cells == std::vector<std::string>{"A-2", "P", "Two; with \"quotes\"\nand a line break", "year?", "",
                                                         "3", "Year: 'year?': 'year' is not a year or part of a date "
                                                              "(write 1876, -350, 350 BC or 350 пр. Хр.)"});
    // A short row is padded, so that its line and reasons stay in their columns.
    CHECK(t.records[1].cells.size() == 7);
    CHECK(t.records[1].cells[0] == "A-3");
    CHECK(t.records[1].cells[5] == "5");
    CHECK(t.records[1].cells[6].find("this row has 2 cells but the header has 5") != std::string::npos);
  }

  TEST_CASE("Fixed rows of a reject file import again with the same mapping") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Collection,Title,Year,Tags\nA-1,P,One,1850,\nA-2,P,Two,year?,\n", kMapping, true);
    packs::write_rejects(dir / "rejects.csv", r.report);
    std::string text = test::read_text(dir / "rejects.csv");
    text.replace(text.find("year?"), 5, "1851");  // what the curator fixes
    const auto again = run_import(dir, text, kMapping, true);
    REQUIRE_MESSAGE(!packs::has_errors(again.problems), all(lines(again.problems, dir)));
    CHECK(slugs(again.source) == std::vector<std::string>{"a-2"});
    CHECK(item(again.source, "a-2")->year_from == 1851);
  }

  TEST_CASE("A reject file that cannot be written is an error naming it") {
    test::TempDir dir;
    packs::CsvImportReport report;
    report.header = {"a"};
    test::write_text(dir / "file", "x");
    CHECK_THROWS_AS(packs::write_rejects(dir / "file/rejects.csv", report), packs::BuildError);
  }
}

TEST_SUITE("CSV mapping conveniences") {
  TEST_CASE("A plain string stands for the text in a pack of one language") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Title,Medium\nA-1,One,Oil on canvas\n",
                              kPackEn + "credit = \"The museum\"\n[columns]\nid = \"Inv\"\ntitle = \"Title\"\n"
                                        "[[metadata]]\nlabel = \"Medium\"\ncolumn = \"Medium\"\n",
                              false);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    CHECK(r.source.title.exact("en") == "Test");
    CHECK(r.source.credit.exact("en") == "The museum");
    const auto* a1 = item(r.source, "a-1");
    REQUIRE(a1);
    REQUIRE(a1->metadata.size() == 1);
    CHECK(a1->metadata[0].label.exact("en") == "Medium");
    CHECK(a1->metadata[0].value.exact("en") == "Oil on canvas");
  }

  TEST_CASE("A plain string in a pack of two languages still needs a language map, and says so") {
    test::TempDir dir;
    const std::string mapping = R"([pack]
id = "test.two"
version = "1"
languages = ["bg", "en"]
default_language = "bg"
title = "Проба"
[columns]
id = "Inv"
title = "Title"
)";
    const auto r = run_import(dir, "Inv,Title\nA-1,One\n", mapping, false);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "pack.title");
    CHECK(r.problems[0].reason ==
          "expected a language map like { bg = \"…\" } (a plain string is enough in a pack of one language), got a string");
  }

  TEST_CASE("Multi-value cells become lists: tags, and details shown one per line with commas kept") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              "Inv,Title,Artist,Subjects,Medium\n"
                              "A-1,One,\"Turner, Joseph Mallord William; Girtin, Thomas\",Elihu; Job's wife; anger,"
                              "oil / canvas\n",
                              kPackEn + "[csv]\nmulti_value = \"; \"\n[columns]\nid = \"Inv\"\ntitle = \"Title\"\n"
                                        "tags = \"Subjects\"\n"
                                        "[[metadata]]\nlabel = \"Artist\"\ncolumn = \"Artist\"\n"
                                        "[[metadata]]\nlabel = \"Medium\"\ncolumn = \"Medium\"\nseparator = \" / \"\n",
                              false);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    const auto* a1 = item(r.source, "a-1");
    REQUIRE(a1);
    CHECK(a1->tags == std::vector<std::string>{"elihu", "jobs-wife", "anger"});
    CHECK(r.source.tags.at("jobs-wife").exact("en") == "Job's wife");
    REQUIRE(a1->metadata.size() == 2);
    CHECK(a1->metadata[0].value.exact("en") == "Turner, Joseph Mallord William\nGirtin, Thomas");
    CHECK(a1->metadata[1].value.exact("en") == "oil\ncanvas");  // its own separator
  }

  TEST_CASE("A metadata separator must separate something") {
    test::TempDir dir;
    const std::string mapping =
        kPackEn + "[columns]\nid = \"Inv\"\ntitle = \"Title\"\n[[metadata]]\nlabel = \"A\"\ncolumn = \"Title\"\nseparator = \"\"\n";
    const auto r = run_import(dir, "Inv,Title\nA-1,One\n", mapping, false);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "metadata[1].separator");
  }
}

TEST_SUITE("Images by web address") {
  TEST_CASE("A web address in the images column is matched by its file name in the image folders") {
    test::TempDir dir;
    write_jpeg(dir / "photos/A00023_8.jpg", 21);
    write_jpeg(dir / "photos/a00046_8.JPG", 22);   // another letter case
    write_jpeg(dir / "photos/vase front.jpg", 23);  // %20
    write_jpeg(dir / "more/abc-id.jpg", 24);        // an IIIF Image API identifier
    const std::string mapping = kPackEn + "[csv]\nmissing_images = \"warning\"\n[columns]\nid = \"Inv\"\ntitle = \"Title\"\n"
                                          "images = \"Images\"\n";
    const auto r = run_import(dir,
                              "Inv,Title,Images\n"
                              "A-1,One,http://www.tate.org.uk/art/images/work/A/A00/A00023_8.jpg\n"
                              "A-2,Two,HTTPS://www.tate.org.uk/art/images/work/A/A00/A00046_8.jpg?size=large\n"
                              "A-3,Three,https://example.org/pics/vase%20front.jpg\n"
                              "A-4,Four,https://example.org/iiif/abc-id/full/max/0/default.jpg\n"
                              "A-5,Five,https://example.org/pics/gone.jpg\n",
                              mapping, false, {dir / "photos", dir / "more"});
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:6:3: Images: warning: image 'https://example.org/pics/gone.jpg' not "
                                   "found (looked for gone.jpg in DIR, DIR/photos, DIR/more); the item is imported "
                                   "without it"});
    CHECK(r.problems.at(0).kind == packs::kMissingImage);
    CHECK(r.report.missing_images == 1);
    CHECK(item(r.source, "a-1")->images.at(0).resolved == dir / "photos/A00023_8.jpg");
    CHECK(item(r.source, "a-1")->images.at(0).file == "http://www.tate.org.uk/art/images/work/A/A00/A00023_8.jpg");
    CHECK(item(r.source, "a-2")->images.at(0).resolved == dir / "photos/a00046_8.JPG");
    CHECK(item(r.source, "a-3")->images.at(0).resolved == dir / "photos/vase front.jpg");
    CHECK(item(r.source, "a-4")->images.at(0).resolved == dir / "more/abc-id.jpg");
    CHECK(item(r.source, "a-5")->images.empty());
  }

  TEST_CASE("A web address without a file name is an error") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Title,Images\nA-1,One,https://example.org/\n",
                              kPackEn + "[columns]\nid = \"Inv\"\ntitle = \"Title\"\nimages = \"Images\"\n", false);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:2:3: Images: image 'https://example.org/' is a web address without a "
                                   "file name: save the picture in an image folder and write its file name"});
  }

  TEST_CASE("The CSV and the IIIF importer find the same file for the same address") {
    test::TempDir dir;
    write_jpeg(dir / "images/Whistler.JPG", 31);
    write_jpeg(dir / "images/abc-id.png", 32);
    for (const std::string url : {"https://example.org/pics/whistler.jpg",
                                  "https://example.org/iiif/abc-id/full/max/0/default.jpg"}) {
      CAPTURE(url);
      test::write_text(dir / "m/manifest.json", R"({
  "@context": "http://iiif.io/api/presentation/3/context.json",
  "id": "https://example.org/m/manifest.json", "type": "Manifest", "label": {"en": ["M"]},
  "items": [{"id": "https://example.org/m/c1", "type": "Canvas", "width": 10, "height": 10,
    "items": [{"id": "https://example.org/m/p1", "type": "AnnotationPage",
      "items": [{"id": "https://example.org/m/a1", "type": "Annotation", "motivation": "painting",
        "target": "https://example.org/m/c1", "body": {"id": ")" + url + R"(", "type": "Image"}}]}]}]})");
      packs::IiifImportOptions io;
      io.inputs = {dir / "m/manifest.json"};
      io.image_dirs = {dir / "images"};
      std::vector<packs::Problem> problems;
      const auto iiif = packs::import_iiif(io, problems);
      REQUIRE_MESSAGE(problems.empty(), problems.front().str());
      const auto csv = run_import(dir / "c", "Inv,Title,Images\nA-1,One," + url + "\n",
                                  kPackEn + "[columns]\nid = \"Inv\"\ntitle = \"Title\"\nimages = \"Images\"\n", false,
                                  {dir / "images"});
      REQUIRE_MESSAGE(csv.problems.empty(), all(lines(csv.problems, dir)));
      CHECK(csv.source.items.at(0).images.at(0).resolved == iiif.items.at(0).images.at(0).resolved);
      CHECK_FALSE(csv.source.items.at(0).images.at(0).resolved.empty());
    }
  }
}
