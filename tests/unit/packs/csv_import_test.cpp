#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "packs/builder.h"
#include "packs/csv.h"
#include "packs/csv_import.h"
#include "packs/source.h"
#include "problem_lines.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;
using packs::detail::CsvIssue;
using packs::detail::parse_csv;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

const std::string kPack = R"([pack]
id = "test.csv"
version = "1.0"
languages = ["bg", "en"]
default_language = "bg"
title = { bg = "Проба", en = "Test" }
credit = { bg = "Музей", en = "Museum" }
)";

// The mapping of most tests: every kind of field.
const std::string kMapping = kPack + R"(
[columns]
id = "Inv"
collection = { bg = "Сбирка", en = "Collection" }
title = { bg = "Име", en = "Title" }
description = { bg = "Описание", en = "Description" }
year_from = "From"
year_to = "To"
latitude = "Lat"
longitude = "Lon"
tags = { bg = "Тагове", en = "Tags" }
images = "Images"
image_captions = { bg = "Надписи", en = "Captions" }

[[metadata]]
label = { bg = "Материал", en = "Material" }
column = { bg = "Материал", en = "Material" }
)";

const std::string kHeader =
    "Inv,Сбирка,Collection,Име,Title,Описание,Description,From,To,Lat,Lon,Тагове,Tags,Images,Надписи,Captions,"
    "Материал,Material\n";

// A mapping with only an id and a title (bg, en) column besides [pack].
const std::string kSmallMapping = kPack + R"(
[columns]
id = "Inv"
title = { bg = "Име", en = "Title" }
)";

struct Imported {
  packs::PackSource source;
  std::vector<packs::Problem> problems;
};

Imported run_import(const test::TempDir& dir, const std::string& csv, const std::string& mapping,
                    std::vector<fs::path> image_dirs = {}) {
  test::write_text(dir / "export.csv", csv);
  test::write_text(dir / "mapping.toml", mapping);
  Imported r;
  r.source = packs::import_csv(packs::CsvImportOptions{dir / "export.csv", dir / "mapping.toml", std::move(image_dirs)},
                               r.problems);
  return r;
}

std::vector<std::string> lines(const std::vector<packs::Problem>& problems, const test::TempDir& dir) {
  return test::problem_lines(problems, dir);
}
std::string all(const std::vector<std::string>& v) { return test::joined_lines(v); }

const packs::ItemSource* item(const packs::PackSource& s, const std::string& slug) {
  for (const auto& it : s.items)
    if (it.slug == slug) return &it;
  FAIL_CHECK("no item " << slug);
  return nullptr;
}

// The line of `needle` in `text`, 1-based, and the column (in characters) where it starts.
std::pair<int, int> position(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  const auto line_start = text.rfind('\n', at);
  const std::string before = text.substr(line_start == std::string::npos ? 0 : line_start + 1,
                                         at - (line_start == std::string::npos ? 0 : line_start + 1));
  const int column = 1 + static_cast<int>(std::count_if(before.begin(), before.end(),
                                                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  return {line, column};
}

std::string at(const std::string& text, const std::string& needle) {
  const auto [l, c] = position(text, needle);
  return std::to_string(l) + ":" + std::to_string(c);
}

void write_png(const fs::path& file, int w, int h) {
  test::write_bytes(file, media::encode_png(test::solid(w, h, 200, 160, 40)));
}

}  // namespace

TEST_SUITE("CSV reader") {
  TEST_CASE("CSV records split at delimiters and line ends") {
    std::vector<CsvIssue> issues;
    const auto t = parse_csv("a,b,c\n1,2,3\n4,,6\n", ',', issues);
    CHECK(issues.empty());
    CHECK(t.header == std::vector<std::string>{"a", "b", "c"});
    CHECK(t.header_line == 1);
    REQUIRE(t.records.size() == 2);
    CHECK(t.records[0].cells == std::vector<std::string>{"1", "2", "3"});
    CHECK(t.records[0].line == 2);
    CHECK(t.records[1].cells == std::vector<std::string>{"4", "", "6"});
    CHECK(t.records[1].line == 3);
  }

  TEST_CASE("CSV quoted cells hold delimiters, doubled quotes and line breaks") {
    std::vector<CsvIssue> issues;
    const auto t = parse_csv("id,text\n1,\"a, \"\"b\"\"\nc\r\nd\"\n2,\"\"\n3,x\n", ',', issues);
    CHECK(issues.empty());
    REQUIRE(t.records.size() == 3);
    CHECK(t.records[0].cells[1] == "a, \"b\"\nc\r\nd");
    CHECK(t.records[0].line == 2);
    CHECK(t.records[1].line == 5);  // physical lines: the quoted cell spans 2-4
    CHECK(t.records[1].cells[1] == "");
    CHECK(t.records[2].line == 6);
  }

  TEST_CASE("CSV line ends may be LF, CRLF or CR, with or without a last one") {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
      std::vector<CsvIssue> issues;
      const auto t = parse_csv("a,b" + eol + "1,2" + eol + "3,4", ',', issues);
      CHECK(issues.empty());
      REQUIRE(t.records.size() == 2);
      CHECK(t.records[1].cells == std::vector<std::string>{"3", "4"});
      CHECK(t.records[1].line == 3);
    }
  }

  TEST_CASE("CSV byte order mark, blank lines and rows of empty cells are skipped") {
    std::vector<CsvIssue> issues;
    const auto t = parse_csv(kBom + "a;b\r\n\r\n1;2\r\n;\r\n  ;  \r\n3;4\r\n\r\n\r\n", ';', issues);
    CHECK(issues.empty());
    CHECK(t.header == std::vector<std::string>{"a", "b"});
    REQUIRE(t.records.size() == 2);
    CHECK(t.records[0].line == 3);
    CHECK(t.records[1].line == 6);
  }

  TEST_CASE("CSV delimiter is detected from the header line, outside quotes") {
    CHECK(packs::detail::detect_delimiter("a,b,c") == ',');
    CHECK(packs::detail::detect_delimiter("a;b;c") == ';');
    CHECK(packs::detail::detect_delimiter("a\tb\tc") == '\t');
    CHECK(packs::detail::detect_delimiter("a|b|c") == '|');
    CHECK(packs::detail::detect_delimiter("\"Title, en\";\"Year, from\";Inv") == ';');
    CHECK(packs::detail::detect_delimiter("Inv. No., Title; Year") == ',');  // the most frequent wins
    CHECK(packs::detail::detect_delimiter("one column") == 0);
    std::vector<CsvIssue> issues;
    const auto t = parse_csv("\"x,y\";z\n1;2\n", 0, issues);
    CHECK(t.delimiter == ';');
    CHECK(t.header == std::vector<std::string>{"x,y", "z"});
  }

  TEST_CASE("CSV Excel sep= line names the delimiter") {
    std::vector<CsvIssue> issues;
    const auto t = parse_csv("sep=|\na|b,c\n1|2,3\n", 0, issues);
    CHECK(issues.empty());
    CHECK(t.delimiter == '|');
    CHECK(t.header == std::vector<std::string>{"a", "b,c"});
    REQUIRE(t.records.size() == 1);
    CHECK(t.records[0].line == 3);
    issues.clear();
    CHECK(parse_csv("sep=;\na;b\n1;2\n", ';', issues).header == std::vector<std::string>{"a", "b"});
  }

  TEST_CASE("CSV header without any delimiter is reported") {
    std::vector<CsvIssue> issues;
    parse_csv("just one name\nvalue\n", 0, issues);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].line == 1);
    CHECK(issues[0].reason.find("no delimiter found") == 0);
  }

  TEST_CASE("CSV ragged rows are reported, extra empty cells are not") {
    std::vector<CsvIssue> issues;
    const auto t = parse_csv("a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n", ',', issues);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].line == 2);
    CHECK(issues[0].column == 3);
    CHECK(issues[0].reason.find("this row has 2 cells but the header has 3") == 0);
    CHECK(issues[1].line == 3);
    CHECK(issues[1].column == 4);
    CHECK(issues[1].reason.find("this row has 4 cells but the header has 3: a delimiter (comma)") == 0);
    REQUIRE(t.records.size() == 3);
    CHECK(t.records[0].ragged);
    CHECK(t.records[1].ragged);
    CHECK_FALSE(t.records[2].ragged);
    CHECK(t.records[2].cells.size() == 3);
  }

  TEST_CASE("CSV unclosed quote and text after a closing quote are reported") {
    std::vector<CsvIssue> issues;
    const auto t = parse_csv("a,b\n1,\"x\"y,z\n2,\"never\nclosed\n", ',', issues);
    REQUIRE(issues.size() == 3);
    CHECK(issues[0].line == 2);
    CHECK(issues[0].column == 2);
    CHECK(issues[0].reason.find("text after the closing quote") == 0);
    CHECK(issues[1].line == 2);  // that row has 3 cells
    CHECK(issues[1].column == 3);
    CHECK(issues[2].line == 3);
    CHECK(issues[2].column == 2);
    CHECK(issues[2].reason.find("the quote that opens this cell is never closed") == 0);
    CHECK(t.records[0].cells[1] == "xy");
  }

  TEST_CASE("CSV in UTF-16 or UTF-32 is refused") {
    for (const std::string& bom : {std::string("\xFF\xFE"), std::string("\xFE\xFF"), std::string("\xFF\xFE\0\0", 4)}) {
      std::vector<CsvIssue> issues;
      const auto t = parse_csv(bom + std::string("a\0,\0b\0", 6), 0, issues);
      CHECK(t.refused);
      REQUIRE(issues.size() == 1);
      CHECK(issues[0].reason.find("not UTF-8") != std::string::npos);
    }
    std::vector<CsvIssue> issues;
    const auto t = parse_csv(std::string("a\0,\0b\0\n\0", 8), 0, issues);
    CHECK(t.refused);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].reason.find("NUL bytes") != std::string::npos);
  }

  TEST_CASE("CSV invalid UTF-8 is reported with its line and cell, ten lines at most") {
    std::vector<CsvIssue> issues;
    parse_csv("a,b\n1,Ren\xE9\n2,\"ok\nstill \xE9 bad\"\n", ',', issues);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].line == 2);
    CHECK(issues[0].column == 2);
    CHECK(issues[0].reason.find("not valid UTF-8 (byte 0xE9): the file is probably in another encoding") == 0);
    CHECK(issues[1].line == 4);  // the bad byte's own line, inside a quoted cell that starts on line 3
    CHECK(issues[1].reason == "not valid UTF-8 (byte 0xE9)");

    std::string latin1 = "a,b\n";
    for (int i = 0; i < 14; ++i) latin1 += std::to_string(i) + ",\xE0\xE9\n";
    issues.clear();
    parse_csv(latin1, ',', issues);
    REQUIRE(issues.size() == 11);
    CHECK(issues[9].line == 11);
    CHECK(issues[10].line == 12);
    CHECK(issues[10].reason == "… and 4 more lines with invalid UTF-8 from here on");
  }
}

TEST_SUITE("CSV text helpers") {
  TEST_CASE("Years are read as curators write them") {
    using packs::detail::parse_year;
    std::string why;
    for (const char* bce : {"-350", "350 BC", "350 BCE", "350 B.C.", "350bc", "c. 350 BC", "ca. 350 BC", "350 пр. Хр.",
                            "350 г. пр. Хр.", "350 пр.Хр.", "350 пр.н.е.", "ок. 350 г. пр. Хр.", "\xE2\x88\x92" "350"}) {
      CAPTURE(bce);
      CHECK(parse_year(bce, why) == -350);
    }
    for (const char* ce : {"200", "AD 200", "200 AD", "200 CE", "A.D. 200", "200 сл. Хр.", "200 г.", "200 н.е."}) {
      CAPTURE(ce);
      CHECK(parse_year(ce, why) == 200);
    }
    CHECK(parse_year("1876", why) == 1876);
    CHECK_FALSE(parse_year("IV в. пр. Хр.", why));
    CHECK(why == "'IV в. пр. Хр.' is -400 to -301, not one year: put the first year in year_from and the last in "
                 "year_to, or map the column as date");
    CHECK_FALSE(parse_year("400-300 BC", why));
    CHECK(why.find("is -400 to -300, not one year") != std::string::npos);
    CHECK_FALSE(parse_year("-350 BC", why));
    CHECK(why.find("both a minus sign and an era") != std::string::npos);
    CHECK_FALSE(parse_year("AD 200 BC", why));
    CHECK_FALSE(parse_year("1876 1877", why));
    CHECK_FALSE(parse_year("unknown", why));
    CHECK(why == "'unknown' says the date is not known: leave the cell empty");
    CHECK_FALSE(parse_year("1876 bananas", why));
    CHECK(why == "'1876 bananas': 'bananas' is not part of a date (after '1876') (write 1876, -350, 350 BC or 350 "
                 "пр. Хр.)");
    CHECK_FALSE(parse_year("n.d.", why));
    CHECK(why == "'n.d.' says the date is not known: leave the cell empty");
    CHECK_FALSE(parse_year("1825, reprinted 1874", why));
    CHECK(why.find("map the column as date") != std::string::npos);
    CHECK_FALSE(parse_year("", why));
  }

  TEST_CASE("Decimal numbers take a point or a comma") {
    using packs::detail::parse_decimal;
    CHECK(parse_decimal("42.5081") == doctest::Approx(42.5081));
    CHECK(parse_decimal("42,5081") == doctest::Approx(42.5081));
    CHECK(parse_decimal(" -24.1 ") == doctest::Approx(-24.1));
    CHECK(parse_decimal("+3") == doctest::Approx(3));
    CHECK_FALSE(parse_decimal("1,2,3"));
    CHECK_FALSE(parse_decimal("42°N"));
    CHECK_FALSE(parse_decimal("nan"));
    CHECK_FALSE(parse_decimal(""));
  }
}

TEST_SUITE("CSV import") {
  TEST_CASE("A CSV export imports with every field") {
    test::TempDir dir;
    write_png(dir / "wide.png", 300, 100);
    write_png(dir / "small.png", 40, 30);
    test::write_bytes(dir / "media/cup.jpg", media::encode_jpeg(test::solid(60, 80, 180, 180, 190), 90));
    const auto r = run_import(dir,
                              kHeader +
                                  "A-1,Злато,Gold,Ритон,Rhyton,Съд.,A vessel.,350 BC,-300,\"42,5081\",24.1833,злато|съд,"
                                  "gold|vessel,wide.png|small.png,Отстрани|,Side|,злато|сребро,gold|silver\n"
                                  "A-2,Сребро,Silver,Чаша,,Описание.,,,,,,сребро,silver,,,,,\n"
                                  "A-3,Злато,Gold,Амфора,Amphora,,,1876,,,,злато,gold,cup.jpg,,,,\n",
                              kMapping, {dir / "media"});
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    const auto& s = r.source;
    CHECK(s.id == "test.csv");
    CHECK(s.version == "1.0");
    CHECK(s.languages == std::vector<std::string>{"bg", "en"});
    CHECK(s.default_language == "bg");
    CHECK(s.title.exact("en") == "Test");
    CHECK(s.credit.exact("bg") == "Музей");

    REQUIRE(s.collections.size() == 2);
    CHECK(s.collections[0].slug == "zlato");
    CHECK(s.collections[0].title.exact("en") == "Gold");
    CHECK(s.collections[0].order < s.collections[1].order);
    CHECK(s.collections[1].slug == "srebro");
    CHECK(s.collections[1].title.exact("bg") == "Сребро");

    REQUIRE(s.items.size() == 3);
    const auto* a1 = item(s, "a-1");
    REQUIRE(a1);
    CHECK(a1->collection == "zlato");
    CHECK(a1->order == 1);
    CHECK(a1->title.exact("bg") == "Ритон");
    CHECK(a1->title.exact("en") == "Rhyton");
    CHECK(a1->description.exact("en") == "A vessel.");
    CHECK(a1->year_from == -350);
    CHECK(a1->year_to == -300);
    CHECK(a1->latitude == doctest::Approx(42.5081));
    CHECK(a1->longitude == doctest::Approx(24.1833));
    CHECK(a1->tags == std::vector<std::string>{"zlato", "sad"});
    CHECK(a1->loc.line == 2);
    CHECK(a1->loc.column == 1);
    REQUIRE(a1->images.size() == 2);
    CHECK(a1->images[0].file == "wide.png");
    CHECK(a1->images[0].resolved == dir / "wide.png");
    CHECK(a1->images[0].caption.exact("bg") == "Отстрани");
    CHECK(a1->images[0].caption.exact("en") == "Side");
    CHECK(a1->images[0].field == "Images");
    CHECK(a1->images[0].loc.line == 2);
    CHECK(a1->images[0].loc.column == 14);
    CHECK(a1->images[1].caption.empty());
    REQUIRE(a1->metadata.size() == 1);
    CHECK(a1->metadata[0].label.exact("en") == "Material");
    CHECK(a1->metadata[0].value.exact("bg") == "злато\nсребро");  // a list: one value per line
    CHECK(a1->metadata[0].value.exact("en") == "gold\nsilver");

    const auto* a2 = item(s, "a-2");
    REQUIRE(a2);
    CHECK(a2->collection == "srebro");
    CHECK(a2->order == 1);
    CHECK_FALSE(a2->title.has("en"));
    CHECK_FALSE(a2->year_from);
    CHECK_FALSE(a2->latitude);
    CHECK(a2->images.empty());
    CHECK(a2->metadata.empty());

    const auto* a3 = item(s, "a-3");
    REQUIRE(a3);
    CHECK(a3->order == 2);
    CHECK(a3->year_from == 1876);
    CHECK(a3->year_to == 1876);  // one year: from = to
    REQUIRE(a3->images.size() == 1);
    CHECK(a3->images[0].resolved == dir / "media/cup.jpg");

    REQUIRE(s.tags.size() == 3);
    CHECK(s.tags.at("zlato").exact("en") == "gold");
    CHECK(s.tags.at("sad").exact("bg") == "съд");
    CHECK(s.tags.at("srebro").exact("en") == "silver");
  }

  TEST_CASE("Quoted cells keep delimiters, quotes and line breaks, and lines are physical") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              "Inv,Име,Title\n"
                              "A-1,\"Ритон, златен\",\"The \"\"Rhyton\"\"\n\nsecond paragraph\"\n"
                              "A-2,Чаша,Cup\n",
                              kSmallMapping);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    REQUIRE(r.source.items.size() == 2);
    CHECK(r.source.items[0].title.exact("bg") == "Ритон, златен");
    CHECK(r.source.items[0].title.exact("en") == "The \"Rhyton\"\n\nsecond paragraph");
    CHECK(r.source.items[1].loc.line == 5);
  }

  TEST_CASE("HTML in cells becomes safe plain text") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              kHeader +
                                  "A-1,Злато,Gold,\"<b>Ритон</b>\",Rhyton &amp; cup,\"<p>Първи <em>абзац</em>.</p>"
                                  "<p>Втори&nbsp;абзац.</p>\",a < b and c > d,,,,,"
                                  "<i>злато</i>|съд,gold|vessel,,,,\"<ul><li>злато</li></ul>\",gold\n",
                              kMapping);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    const auto& it = r.source.items.at(0);
    CHECK(it.title.exact("bg") == "Ритон");
    CHECK(it.title.exact("en") == "Rhyton & cup");
    CHECK(it.description.exact("bg") == "Първи абзац.\n\nВтори\xC2\xA0" "абзац.");
    CHECK(it.description.exact("en") == "a < b and c > d");  // not markup: kept as written
    CHECK(r.source.tags.at("zlato").exact("bg") == "злато");
    CHECK(it.metadata.at(0).value.exact("bg") == "злато");
  }

  TEST_CASE("Control characters and stray byte order marks are removed from cells") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име,Title\nA-1,\" Ри\x01тон \",\"Rhy\xEF\xBB\xBFton\t \"\n", kSmallMapping);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    CHECK(r.source.items.at(0).title.exact("bg") == "Ритон");
    CHECK(r.source.items.at(0).title.exact("en") == "Rhyton");
  }

  TEST_CASE("A script in a cell is removed and reported as a warning") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име,Title\nA-1,Ритон<script>alert(1)</script>,Rhyton\n", kSmallMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:2:2: Име: warning: an HTML <script> element was removed with its content"});
    CHECK_FALSE(packs::has_errors(r.problems));
    CHECK(r.source.items.at(0).title.exact("bg") == "Ритон");
  }

  TEST_CASE("Byte order mark, line ends and delimiters do not change what is imported") {
    const std::vector<std::string> variants{
        "Inv,Име,Title\nA-1,Ритон,Rhyton\nA-2,\"Чаша\nсребърна\",Cup\n",
        kBom + "Inv;Име;Title\r\nA-1;Ритон;Rhyton\r\nA-2;\"Чаша\r\nсребърна\";Cup\r\n\r\n",
        kBom + "Inv\tИме\tTitle\nA-1\tРитон\tRhyton\nA-2\t\"Чаша\nсребърна\"\tCup",
        "sep=|\r\nInv|Име|Title\r\nA-1|Ритон|Rhyton\r\nA-2|\"Чаша\nсребърна\"|Cup\r\n",
    };
    for (const auto& csv : variants) {
      CAPTURE(csv);
      test::TempDir dir;
      const auto r = run_import(dir, csv, kSmallMapping);
      REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
      REQUIRE(r.source.items.size() == 2);
      CHECK(r.source.items[0].slug == "a-1");
      CHECK(r.source.items[0].title.exact("bg") == "Ритон");
      CHECK(r.source.items[1].title.exact("bg") == "Чаша\nсребърна");
      CHECK(r.source.items[1].title.exact("en") == "Cup");
    }
  }

  TEST_CASE("The delimiter may be set in the mapping") {
    test::TempDir dir;
    // Auto-detection would pick the comma here: the header has more commas than semicolons.
    const auto r = run_import(dir, "Inv;Име, bg, long;Title\nA-1;Ритон, златен;Rhyton\n",
                              kPack + "[csv]\ndelimiter = \";\"\n[columns]\nid = \"Inv\"\ntitle = { bg = \"Име, bg, "
                                      "long\", en = \"Title\" }\n");
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    CHECK(r.source.items.at(0).title.exact("bg") == "Ритон, златен");
  }

  TEST_CASE("Cyrillic ids, collections and tags become Latin slugs") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              kHeader + "Инв. № 3201,Тракийско злато,Thracian gold,Щит,Shield,,,,,,,Щит|Въоръжение,"
                                        "shield|arms,,,,,\n",
                              kMapping);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    CHECK(r.source.items.at(0).slug == "inv-no-3201");
    CHECK(r.source.items.at(0).collection == "trakiysko-zlato");
    CHECK(r.source.items.at(0).tags == std::vector<std::string>{"shtit", "vaorazhenie"});
    CHECK(r.source.tags.at("vaorazhenie").exact("bg") == "Въоръжение");
    CHECK(r.source.tags.at("vaorazhenie").exact("en") == "arms");
  }

  TEST_CASE("Duplicate ids are reported with both lines") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              "Inv,Име,Title\n"
                              "A-1,Ритон,Rhyton\n"
                              "B-7,\"Чаша\nсребърна\",Cup\n"
                              "A-1,Амфора,Amphora\n"
                              "a 1,Фиала,Phiale\n",
                              kSmallMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:5:1: Inv: duplicate id 'A-1': also on line 2",
              "DIR/export.csv:6:1: Inv: duplicate id: 'a 1' gives the item id 'a-1', the same as 'A-1' on line 2"});
    REQUIRE(r.source.items.size() == 2);
    CHECK(r.source.items[0].title.exact("bg") == "Ритон");
  }

  TEST_CASE("Row problems name the line, the column number and the header") {
    test::TempDir dir;
    const auto r = run_import(dir,
                              kHeader +
                                  ",Злато,Gold,Ритон,,,,,,,,,,,,,,\n"               // 2: no id
                                  "***,Злато,Gold,Ритон,,,,,,,,,,,,,,\n"            // 3: id without letters
                                  "A-3,Злато,Gold,,Rhyton,,,,,,,,,,,,,\n"           // 4: no bg title
                                  "A-4,,Gold,Ритон,,,,,,,,,,,,,,\n"                 // 5: no collection
                                  "A-5,Злато,Gold,Ритон,,,,IV в.,,,,,,,,,,\n"       // 6: not a year
                                  "A-6,Злато,Gold,Ритон,,,,-300,-400,,,,,,,,,\n"    // 7: years reversed
                                  "A-7,Злато,Gold,Ритон,,,,20000,,,,,,,,,,\n"       // 8: year out of range
                                  "A-8,Злато,Gold,Ритон,,,,,,95,24,,,,,,,\n"        // 9: latitude out of range
                                  "A-9,Злато,Gold,Ритон,,,,,,42.1,,,,,,,,\n"        // 10: latitude alone
                                  "A-10,Злато,Gold,Ритон,,,,,,42.1,east,,,,,,,\n",  // 11: not a number
                              kMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:2:1: Inv: empty: every row needs an id",
              "DIR/export.csv:3:1: Inv: '***' gives no usable item id: it needs letters or digits",
              "DIR/export.csv:4:4: Име: empty: every row needs a title in the default language 'bg'",
              "DIR/export.csv:5:2: Сбирка: empty: every row needs a collection in the default language 'bg'",
              "DIR/export.csv:6:8: From: 'IV в.' is 301 to 400, not one year: put the first year in year_from and the last "
        "in year_to, or map the column as date",
              "DIR/export.csv:7:8: From: from (-300) is after to (-400); BCE years are negative or written with BC, "
              "e.g. -400 to -300",
              "DIR/export.csv:8:8: From: '20000': '20000' is after AD 9999 (write 1876, -350, 350 BC or 350 пр. Хр.)",
              "DIR/export.csv:9:10: Lat: latitude 95 is outside -90..90",
              "DIR/export.csv:10:11: Lon: empty, but the latitude is given: a place needs both",
              "DIR/export.csv:11:11: Lon: 'east' is not a number of degrees (like 24.1833)",
          });
  }

  TEST_CASE("Multi-value cells must line up across languages and with the images") {
    test::TempDir dir;
    write_png(dir / "a.png", 10, 10);
    write_png(dir / "b.png", 10, 10);
    const auto r = run_import(dir,
                              kHeader + "A-1,Злато,Gold,Ритон,,,,,,,,злато|съд,gold,a.png|b.png,Едно|Две|Три,One|Two,,\n",
                              kMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:2:13: Tags: lists 1 tag but the bg column lists 2: give the labels of the same tags in "
              "the same order",
              "DIR/export.csv:2:15: Надписи: lists 3 captions for 2 images: give one per image, in the same order (an "
              "empty one between two separators is fine)"});
    const auto& it = r.source.items.at(0);
    CHECK(it.images.at(1).caption.exact("en") == "Two");
    CHECK(it.tags == std::vector<std::string>{"zlato", "sad"});
  }

  TEST_CASE("The multi-value separator may be set in the mapping, a line break too") {
    test::TempDir dir;
    const std::string columns = "[columns]\nid = \"Inv\"\ntitle = { bg = \"Име\" }\ntags = { bg = \"Тагове\", en = \"Tags\" }\n";
    auto r = run_import(dir, "Inv,Име,Тагове,Tags\nA-1,Ритон,злато; съд,gold; vessel\n",
                        kPack + "[csv]\nmulti_value = \";\"\n" + columns);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    CHECK(r.source.items.at(0).tags == std::vector<std::string>{"zlato", "sad"});
    r = run_import(dir, "Inv,Име,Тагове,Tags\r\nA-1,Ритон,\"злато\r\nсъд\",\"gold\nvessel\"\r\n",
                   kPack + "[csv]\nmulti_value = \"\\n\"\n" + columns);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    CHECK(r.source.items.at(0).tags == std::vector<std::string>{"zlato", "sad"});
    CHECK(r.source.tags.at("sad").exact("en") == "vessel");
  }

  TEST_CASE("Images are looked up in the CSV's folder, then the image folders") {
    test::TempDir dir;
    write_png(dir / "photos/a.png", 10, 10);
    write_png(dir / "extra/b.png", 10, 10);
    write_png(dir / "more/c.png", 10, 10);
    const std::string mapping = kPack + "[columns]\nid = \"Inv\"\ntitle = { bg = \"Име\" }\nimages = \"Images\"\n";
    const auto r = run_import(dir, "Inv,Име,Images\nA-1,Ритон,photos\\a.png | b.png|c.png\n", mapping,
                              {dir / "extra", dir / "more"});
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    const auto& images = r.source.items.at(0).images;
    REQUIRE(images.size() == 3);
    CHECK(images[0].file == "photos/a.png");
    CHECK(images[0].resolved == dir / "photos/a.png");
    CHECK(images[1].resolved == dir / "extra/b.png");
    CHECK(images[2].resolved == dir / "more/c.png");
  }

  TEST_CASE("A missing image is an error with its line, or a warning when the mapping says so") {
    test::TempDir dir;
    write_png(dir / "a.png", 10, 10);
    const std::string columns = "[columns]\nid = \"Inv\"\ntitle = { bg = \"Име\" }\nimages = \"Images\"\n";
    const std::string csv =
        "Inv,Име,Images\nA-1,Ритон,a.png|missing.jpg\nA-2,Чаша,/srv/photos/x.jpg\nA-3,Фиала,https://example.org/y.jpg\n";
    auto r = run_import(dir, csv, kPack + columns, {dir / "media"});
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:2:3: Images: image 'missing.jpg' not found (looked in: DIR, DIR/media)",
              "DIR/export.csv:3:3: Images: image '/srv/photos/x.jpg' must be a file name relative to the CSV's folder "
              "or an image folder, not an absolute path",
              "DIR/export.csv:4:3: Images: image 'https://example.org/y.jpg' not found (looked for y.jpg in DIR)"});
    for (const auto& p : r.problems)
      if (p.line != 3) CHECK(p.kind == packs::kMissingImage);  // counted as missing images

    r = run_import(dir, "Inv,Име,Images\nA-1,Ритон,a.png|missing.jpg\n",
                   kPack + "[csv]\nmissing_images = \"warning\"\n" + columns);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:2:3: Images: warning: image 'missing.jpg' not found (looked in: "
                                   "DIR); the item is imported without it"});
    CHECK_FALSE(packs::has_errors(r.problems));
    REQUIRE(r.source.items.at(0).images.size() == 1);
    CHECK(r.source.items.at(0).images[0].file == "a.png");
  }

  TEST_CASE("Collections follow their first row; a differing title is a warning") {
    test::TempDir dir;
    const std::string mapping =
        kPack + "[columns]\nid = \"Inv\"\ntitle = { bg = \"Име\" }\ncollection = { bg = \"Сбирка\", en = \"Collection\" }\n";
    const auto r = run_import(dir,
                              "Inv,Име,Сбирка,Collection\n"
                              "A-1,Ритон,Сребро,\n"
                              "A-2,Чаша,Злато,Gold\n"
                              "A-3,Фиала,Сребро,Silver\n"
                              "A-4,Амфора,Злато,Golden\n",
                              mapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:5:4: Collection: warning: collection 'zlato' is called 'Gold' on "
                                   "line 3 but 'Golden' here; the first is kept"});
    REQUIRE(r.source.collections.size() == 2);
    CHECK(r.source.collections[0].slug == "srebro");
    CHECK(r.source.collections[0].title.exact("en") == "Silver");  // filled in by a later row
    CHECK(r.source.collections[1].slug == "zlato");
    CHECK(r.source.collections[1].title.exact("en") == "Gold");
    CHECK(item(r.source, "a-3")->order == 2);
    CHECK(item(r.source, "a-4")->order == 2);
  }

  TEST_CASE("Without a collection column every item goes into one collection named after the pack") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име,Title\nA-1,Ритон,Rhyton\nA-2,Чаша,Cup\n", kSmallMapping);
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    REQUIRE(r.source.collections.size() == 1);
    CHECK(r.source.collections[0].slug == "proba");
    CHECK(r.source.collections[0].title.exact("en") == "Test");
    CHECK(item(r.source, "a-2")->collection == "proba");
    CHECK(item(r.source, "a-2")->order == 2);
  }

  TEST_CASE("An order column orders the items") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име,Ред\nA-1,Ритон,20\nA-2,Чаша,10\nA-3,Фиала,първи\n",
                              kPack + "[columns]\nid = \"Inv\"\ntitle = { bg = \"Име\" }\norder = \"Ред\"\n");
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:4:3: Ред: 'първи' is not a whole number: the order column needs a "
                                   "whole number on every row"});
    CHECK(item(r.source, "a-1")->order == 20);
    CHECK(item(r.source, "a-2")->order == 10);
  }

  TEST_CASE("Metadata columns may be per language or one for all") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име,Материал,Material,Размери\nA-1,Ритон,злато,gold,12 см\nA-2,Чаша,,,\n",
                              kPack + R"([columns]
id = "Inv"
title = { bg = "Име" }

[[metadata]]
label = { bg = "Материал", en = "Material" }
column = { bg = "Материал", en = "Material" }

[[metadata]]
label = { bg = "Размери", en = "Dimensions" }
column = "Размери"

[[metadata]]
label = { bg = "Инв. №" }
column = "Inv"
)");
    REQUIRE_MESSAGE(r.problems.empty(), all(lines(r.problems, dir)));
    const auto& m = item(r.source, "a-1")->metadata;
    REQUIRE(m.size() == 3);
    CHECK(m[0].value.exact("en") == "gold");
    CHECK(m[1].label.exact("en") == "Dimensions");
    CHECK(m[1].value.exact("bg") == "12 см");
    CHECK_FALSE(m[1].value.has("en"));  // one column: the default language, shown in every language
    CHECK(m[2].value.exact("bg") == "A-1");
    CHECK(item(r.source, "a-2")->metadata.size() == 1);  // empty values leave their pair out
  }

  TEST_CASE("A mapping naming a missing column lists the header's columns") {
    test::TempDir dir;
    const std::string mapping = kPack + R"([columns]
id = "Inv"
title = { bg = "Име", en = "Titel" }
summary = { bg = "резюме" }
)";
    const auto r = run_import(dir, "Inv,Име,Title,Резюме\nA-1,Ритон,Rhyton,Кратко\n", mapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/mapping.toml:" + at(mapping, "\"Titel\"") +
                  ": columns.title.en: no column \"Titel\" in the header of export.csv (the columns are: \"Inv\", "
                  "\"Име\", \"Title\", \"Резюме\")",
              "DIR/mapping.toml:" + at(mapping, "\"резюме\"") +
                  ": columns.summary.bg: no column \"резюме\" in the header of export.csv; did you mean \"Резюме\"? "
                  "(the columns are: \"Inv\", \"Име\", \"Title\", \"Резюме\")"});
  }

  TEST_CASE("A column named twice in the header cannot be mapped") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име,Title,Име\nA-1,Ритон,Rhyton,Ритон 2\n", kSmallMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/mapping.toml:" + at(kSmallMapping, "\"Име\"") +
                                   ": columns.title.bg: the CSV header has the column \"Име\" 2 times (columns 2, 4): "
                                   "rename them in the export so that each name is used once"});
  }

  TEST_CASE("Mapping mistakes are reported with their TOML line and column") {
    test::TempDir dir;
    const std::string mapping = R"([pack]
id = "Test Pack"
version = "1"
languages = ["bg", "en"]
default_language = "bg"
title = { en = "Test" }

[csv]
delimiter = "::"
encoding = "windows-1251"
missing_images = "ignore"

[columns]
titel = { bg = "Име" }
collection = { en = "Collection" }
summary = { de = "Zusammenfassung" }
latitude = "Lat"
image_captions = { bg = "Надписи" }
year_from = 1

[[metadata]]
column = "Материал"
)";
    const auto r = run_import(dir, "Inv,Име,Lat,Надписи,Материал,Collection\nA-1,Ритон,42,,,\n", mapping);
    auto pos = [&](const std::string& needle) { return "DIR/mapping.toml:" + at(mapping, needle) + ": "; };
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              pos("\"Test Pack\"") + "pack.id: 'Test Pack' is not a valid pack id: use lower-case letters, digits, '.' "
                                     "and '-'",
              pos("{ en = \"Test\" }") + "pack.title: missing the text in the default language 'bg'",
              pos("\"::\"") + "csv.delimiter: '::' is not a delimiter this importer reads: use \"auto\", \",\", "
                              "\";\", \"\\t\" (tab) or \"|\"",
              pos("\"windows-1251\"") + "csv.encoding: 'windows-1251': only UTF-8 is read. Export or save the file "
                                        "as UTF-8 (in Excel: \"CSV UTF-8\"; in LibreOffice: character set \"Unicode "
                                        "(UTF-8)\") and write encoding = \"UTF-8\" or leave the key out",
              pos("\"ignore\"") + "csv.missing_images: 'ignore': use \"error\" (the default: nothing is built) or "
                                  "\"warning\" (the item is imported without the image)",
              pos("[columns]") + "columns.id: required field is missing: name the column that holds it",
              pos("[columns]") + "columns.title: required field is missing: name the title column of each language",
              pos("titel") + "columns.titel: unknown key; did you mean 'title'?",
              pos("{ en = \"Collection\" }") + "columns.collection: needs a column in the default language 'bg': "
                                              "collection ids are made from it",
              pos("de =") + "columns.summary.de: language 'de' is not in [pack] languages [bg, en]",
              pos("\"Lat\"") + "columns.latitude: latitude and longitude go together: name the longitude column too",
              pos("{ bg = \"Надписи\" }") + "columns.image_captions: there is no images column: name it as "
                                           "columns.images",
              pos("1\n\n[[metadata]]") + "columns.year_from: expected a column name (a string), got an integer",
              pos("[[metadata]]") + "metadata[1].label: required field is missing: the label shown beside the value, "
                                    "per language",
          });
  }

  TEST_CASE("A mapping that is not TOML is one problem, and the CSV is still checked") {
    test::TempDir dir;
    const auto r = run_import(dir, "Inv,Име\nA-1\n", "[pack\nid = \"x\"\n");
    const auto l = lines(r.problems, dir);
    REQUIRE(l.size() == 2);
    CHECK(l[0].rfind("DIR/mapping.toml:1:", 0) == 0);
    CHECK(l[0].find("not valid TOML") != std::string::npos);
    CHECK(l[1].rfind("DIR/export.csv:2:2: Име: this row has 1 cell but the header has 2", 0) == 0);
  }

  TEST_CASE("Missing files, an empty CSV and a header without rows are reported") {
    test::TempDir dir;
    std::vector<packs::Problem> problems;
    packs::import_csv({dir / "none.csv", dir / "none.toml", {}}, problems);
    CHECK(lines(problems, dir) ==
          std::vector<std::string>{"DIR/none.toml: mapping file not found", "DIR/none.csv: CSV file not found"});

    auto r = run_import(dir, "", kSmallMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv: the file is empty: expected a header line naming the columns, "
                                   "then one line per object"});
    r = run_import(dir, kBom + "Inv,Име,Title\r\n\r\n", kSmallMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{"DIR/export.csv:1:0: no rows after the header line: nothing to import"});
  }

  TEST_CASE("A CSV that is not UTF-8 is refused or its bad lines named") {
    test::TempDir dir;
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("Inv,Title\n")) utf16 += std::string{c, '\0'};
    auto r = run_import(dir, utf16, kSmallMapping);
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:1:0: the file is UTF-16 (little-endian) (it starts with that byte order mark), not "
              "UTF-8: save or export it as UTF-8 (in Excel: \"CSV UTF-8\"; in LibreOffice: character set \"Unicode "
              "(UTF-8)\")"});

    r = run_import(dir, "Inv,Име,Title\nA-1,Ритон,Rhyton\nA-2,\xD7\xE0\xF8\xE0,Cup\n", kSmallMapping);  // cp1251
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:3:2: Име: not valid UTF-8 (byte 0xD7): the file is probably in another encoding "
              "(Windows-1251, Latin-1, …); save or export it as UTF-8 (in Excel: \"CSV UTF-8\")"});
  }

  TEST_CASE("A mean CSV gives exactly its problems, all at once") {
    test::TempDir dir;
    const std::string csv = kBom +
                            "Inv,Име,Title,Описание\r\n"
                            "A-1,Ритон,Rhyton,\"Първи ред\r\nс \"\"кавички\"\", и запетая\"\r\n"  // lines 2-3
                            "A-2,Чаша,Cup,<p>Сребърна <script>alert('x')</script>чаша</p>\r\n"    // 4
                            "A-3,Амфора\r\n"                                                      // 5: ragged
                            "A-1,Ритон 2,Rhyton 2,Дубликат\r\n"                                   // 6: duplicate
                            "\r\n";
    const auto r = run_import(dir, csv, kSmallMapping + "description = { bg = \"Описание\" }\n");
    CHECK(lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:4:4: Описание: warning: an HTML <script> element was removed with its content",
              "DIR/export.csv:5:3: Title: this row has 2 cells but the header has 4: a line break inside a value "
              "that is not in quotes, or a missing delimiter? The row is left out",
              "DIR/export.csv:6:1: Inv: duplicate id 'A-1': also on line 2"});
    REQUIRE(r.source.items.size() == 2);
    CHECK(r.source.items[0].description.exact("bg") == "Първи ред\nс \"кавички\", и запетая");
    CHECK(r.source.items[1].description.exact("bg") == "Сребърна чаша");
    CHECK(r.source.items[1].loc.line == 4);
  }

  TEST_CASE("A CSV export builds a pack that shows every field") {
    test::TempDir dir;
    write_png(dir / "export/images/ritón-1.png", 300, 200);
    write_png(dir / "export/images/ritón-2.png", 120, 160);
    test::write_bytes(dir / "photos/cup.jpg", media::encode_jpeg(test::solid(90, 60, 180, 180, 190), 90));
    test::write_text(dir / "export/export.csv",
                     kBom +
                         "Инв. №;Сбирка;Collection;Име;Title;Описание;Description;От;До;Шир.;Дълж.;Тагове;Tags;"
                         "Снимки;Надписи;Captions;Материал;Material\r\n"
                         "Инв. № 3201;Злато;Gold;Ритон;Rhyton;\"<p>Първи абзац.</p><p>Втори абзац.</p>\";"
                         "A drinking horn.;400 пр. Хр.;300 BC;42,5081;24,1833;злато|съд;gold|vessel;"
                         "images/ritón-1.png|images/ritón-2.png;Отстрани|Отгоре;Side view|From above;злато;gold\r\n"
                         "Инв. № 3202;Сребро;Silver;Чаша;Cup;Описание.;\"Line one\nline two\";AD 200;;;;сребро;silver;"
                         "cup.jpg;;;сребро;silver\r\n");
    test::write_text(dir / "export/mapping.toml", kMapping + "[csv]\ndelimiter = \";\"\n");
    // kMapping's column names, adapted to this export's header.
    std::string mapping = test::read_text(dir / "export/mapping.toml");
    for (auto [from, to] : {std::pair<std::string, std::string>{"\"Inv\"", "\"Инв. №\""}, {"\"From\"", "\"От\""},
                            {"\"To\"", "\"До\""}, {"\"Lat\"", "\"Шир.\""}, {"\"Lon\"", "\"Дълж.\""},
                            {"\"Images\"", "\"Снимки\""}})
      mapping.replace(mapping.find(from), from.size(), to);
    test::write_text(dir / "export/mapping.toml", mapping);

    std::vector<packs::Problem> problems;
    auto source = packs::import_csv({dir / "export/export.csv", dir / "export/mapping.toml", {dir / "photos"}}, problems);
    REQUIRE_MESSAGE(problems.empty(), all(lines(problems, dir)));
    packs::BuildOptions options;
    options.source_dir = dir / "export";
    options.output = dir / "out/pack.db";
    const auto built = packs::build_from_source(std::move(source), options, problems);
    REQUIRE_MESSAGE(built.ok(), all(lines(built.problems, dir)));
    CHECK(built.counts.items == 2);
    CHECK(built.counts.images == 3);

    const auto s = catalog::load_snapshot(dir / "out/pack.db");
    CHECK(s->pack.id == "test.csv");
    CHECK(s->pack.title.exact("bg") == "Проба");
    CHECK(s->pack.title.exact("en") == "Test");
    CHECK(s->pack.languages == std::vector<std::string>{"bg", "en"});
    REQUIRE(s->collections.size() == 2);
    CHECK(s->collections[0].slug == "zlato");
    CHECK(s->collections[0].title.exact("en") == "Gold");
    CHECK(s->collections[1].title.exact("bg") == "Сребро");
    REQUIRE(s->items.size() == 2);

    const catalog::Item& rhyton = s->items[0];
    CHECK(rhyton.slug == "inv-no-3201");
    CHECK(rhyton.title.exact("bg") == "Ритон");
    CHECK(rhyton.title.exact("en") == "Rhyton");
    CHECK(rhyton.description.exact("bg") == "Първи абзац.\n\nВтори абзац.");
    CHECK(rhyton.description.exact("en") == "A drinking horn.");
    CHECK(rhyton.year_from == -400);
    CHECK(rhyton.year_to == -300);
    CHECK(rhyton.latitude == doctest::Approx(42.5081));
    CHECK(rhyton.longitude == doctest::Approx(24.1833));
    CHECK(rhyton.tags == std::vector<std::string>{"zlato", "sad"});
    CHECK(s->tags.at("sad").exact("en") == "vessel");
    CHECK(s->tags.at("zlato").exact("bg") == "злато");
    REQUIRE(rhyton.metadata.size() == 1);
    CHECK(rhyton.metadata[0].label.exact("bg") == "Материал");
    CHECK(rhyton.metadata[0].value.exact("en") == "gold");
    REQUIRE(rhyton.media.size() == 2);
    CHECK(rhyton.media[0].width == 300);
    CHECK(rhyton.media[0].caption.exact("en") == "Side view");
    CHECK(rhyton.media[1].caption.exact("bg") == "Отгоре");
    CHECK(rhyton.credit.empty());  // no credit column: the kiosk shows the pack's credit

    const catalog::Item& cup = s->items[1];
    CHECK(cup.slug == "inv-no-3202");
    CHECK(cup.description.exact("en") == "Line one\nline two");
    CHECK(cup.year_from == 200);
    CHECK(cup.year_to == 200);
    CHECK_FALSE(cup.latitude);
    REQUIRE(cup.media.size() == 1);
    CHECK(cup.media[0].height == 60);
    CHECK(cup.period.exact("en") == catalog::format_period(200, 200, "en"));
  }

  TEST_CASE("The example export in content/csv-example imports and builds") {
    const fs::path example = fs::path(ORPHEUS_SOURCE_DIR) / "content/csv-example";
    std::vector<packs::Problem> problems;
    auto source = packs::import_csv({example / "export.csv", example / "mapping.toml", {example / "images"}}, problems);
    std::vector<std::string> shown;
    for (const auto& p : problems) shown.push_back(p.str());
    REQUIRE_MESSAGE(problems.empty(), all(shown));
    CHECK(source.collections.size() == 2);
    CHECK(source.items.size() == 4);
    test::TempDir dir;
    packs::BuildOptions options;
    options.source_dir = example;
    options.output = dir / "example.db";
    const auto built = packs::build_from_source(std::move(source), options, problems);
    shown.clear();
    for (const auto& p : built.problems) shown.push_back(p.str());
    REQUIRE_MESSAGE(built.ok(), all(shown));
    const auto s = catalog::load_snapshot(dir / "example.db");
    CHECK(s->items.size() == 4);
    CHECK(s->items[0].slug == "inv-no-3201");
    CHECK(s->items[0].media.size() == 2);
    CHECK(s->items[0].metadata.size() == 3);
  }
}
