// Translations for curators: inspect counts each language's texts, --require-languages (and
// require_languages in pack.toml or a CSV mapping) fails a build on every missing one.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "packs/builder.h"
#include "packs/csv_import.h"
#include "packs/inspect.h"
#include "packs/source.h"
#include "problem_lines.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

const std::string kPackToml = R"(id = "test.partial"
version = "1"
default_language = "bg"
languages = ["bg", "en", "de"]
title = { bg = "Проба", en = "Test" }
)";

// Three languages, German begun: two collections and three items whose titles, summaries and
// descriptions are complete in bg and en but not in de. The tombs have no summary or description
// in any language, so none is ever expected of them. Line numbers matter to the tests.
void write_partial_tree(const fs::path& src, const std::string& pack_toml = kPackToml) {
  test::write_text(src / "pack.toml", pack_toml);
  test::write_text(src / "collections/treasures.toml", R"(id = "treasures"
order = 1
title = { bg = "Съкровища", en = "Treasures", de = "Schätze" }
summary = { bg = "Злато и сребро.", en = "Gold and silver." }
description = { bg = "Дълго." }
)");
  test::write_text(src / "collections/tombs.toml", R"(id = "tombs"
order = 2
title = { bg = "Гробници", en = "Tombs", de = "Gräber" }
)");
  test::write_text(src / "items/treasures/rhyton.toml", R"(id = "rhyton"
collection = "treasures"
order = 1
title = { bg = "Ритон", en = "Rhyton", de = "Rhyton" }
summary = { bg = "Съд.", en = "A vessel.", de = "Ein Gefäß." }
description = { bg = "Дълго.", en = "Long." }
credit = { bg = "НИМ" }

[[metadata]]
label = { bg = "Материал", en = "Material", de = "Material" }
value = { bg = "злато", en = "gold" }
)");
  test::write_text(src / "items/treasures/phiale.toml", R"(id = "phiale"
collection = "treasures"
order = 2
title = { bg = "Фиала", en = "Phiale", de = "Phiale" }
summary = { bg = "Чаша.", en = "A bowl." }
description = { bg = "Дълго.", en = "Long." }
credit = { bg = "НИМ" }
)");
  test::write_text(src / "items/tombs/kazanlak.toml", R"(id = "kazanlak"
collection = "tombs"
order = 1
title = { bg = "Казанлък", en = "Kazanlak" }
summary = { bg = "Гробница.", en = "A tomb." }
description = { bg = "Дълго.", en = "Long." }
credit = { bg = "НИМ" }
)");
}

packs::BuildOptions options(const test::TempDir& dir, std::vector<std::string> required = {}) {
  packs::BuildOptions o;
  o.source_dir = dir / "src";
  o.output = dir / "out/pack.db";
  o.threads = 2;
  o.require_languages = std::move(required);
  return o;
}

const std::string kWhy = ", a required language (--require-languages)";

}  // namespace

TEST_SUITE("Translations") {
  TEST_CASE("inspect counts each language's texts of items and of collections, of those that have them at all") {
    test::TempDir dir;
    write_partial_tree(dir / "src");
    const auto r = packs::build_pack(options(dir));
    REQUIRE_MESSAGE(r.ok(), test::joined_lines(test::problem_lines(r.problems, dir)));

    const auto d = packs::describe_pack(dir / "out/pack.db");
    const auto& items = d["texts"]["items"];
    CHECK(items["of"] == nlohmann::ordered_json{{"titles", 3}, {"summaries", 3}, {"descriptions", 3}, {"metadata", 1},
                                                {"captions", 0}});
    CHECK(items["languages"]["bg"]["descriptions"] == 3);
    CHECK(items["languages"]["en"]["summaries"] == 3);
    CHECK(items["languages"]["de"] == nlohmann::ordered_json{{"titles", 2}, {"summaries", 1}, {"descriptions", 0},
                                                             {"metadata", 0}, {"captions", 0}, {"narrations", 0}});
    CHECK(items["languages"]["en"]["metadata"] == 1);  // label and value both in English
    const auto& collections = d["texts"]["collections"];
    CHECK(collections["of"] == nlohmann::ordered_json{{"titles", 2}, {"summaries", 1}, {"descriptions", 1}});
    CHECK(collections["languages"]["en"] == nlohmann::ordered_json{{"titles", 2}, {"summaries", 1}, {"descriptions", 0}});
    CHECK(collections["languages"]["de"] == nlohmann::ordered_json{{"titles", 2}, {"summaries", 0}, {"descriptions", 0}});

    std::ostringstream text;
    packs::print_description(d, text);
    CHECK_MESSAGE(text.str().find("item texts:        titles  summaries  descriptions  narrations\n"
                                  "  bg               3/3     3/3        3/3           0\n"
                                  "  en               3/3     3/3        3/3           0\n"
                                  "  de               2/3     1/3        0/3           0\n"
                                  "collection texts:  titles  summaries  descriptions\n"
                                  "  bg               2/2     1/1        1/1\n"
                                  "  en               2/2     1/1        0/1\n"
                                  "  de               2/2     0/1        0/1\n") != std::string::npos,
                  text.str());
    std::ostringstream verbose;
    packs::print_description(packs::describe_pack(dir / "out/pack.db", true), verbose, true);
    CHECK_MESSAGE(verbose.str().find("item texts:        titles  summaries  descriptions  metadata  captions  narrations\n"
                                     "  bg               3/3     3/3        3/3           1/1       -         0\n") !=
                      std::string::npos,
                  verbose.str());
  }

  TEST_CASE("Without a required language a pack with partial translations builds, with no word about them") {
    test::TempDir dir;
    write_partial_tree(dir / "src");
    const auto r = packs::build_pack(options(dir));
    CHECK_MESSAGE(r.problems.empty(), test::joined_lines(test::problem_lines(r.problems, dir)));
    CHECK(fs::exists(dir / "out/pack.db"));
  }

  TEST_CASE("--require-languages reports every missing text at once, at its file and line, and writes no pack") {
    test::TempDir dir;
    write_partial_tree(dir / "src");
    test::write_text(dir / "out/pack.db", "an older pack");
    const auto r = packs::build_pack(options(dir, {"de", "en"}));
    CHECK_FALSE(r.ok());
    CHECK(test::problem_lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/src/collections/treasures.toml:4:11: summary: no text in \"de\"" + kWhy,
              "DIR/src/collections/treasures.toml:5:15: description: no text in \"de\"" + kWhy,
              "DIR/src/collections/treasures.toml:5:15: description: no text in \"en\"" + kWhy,
              "DIR/src/items/tombs/kazanlak.toml:4:9: title: no text in \"de\"" + kWhy,
              "DIR/src/items/tombs/kazanlak.toml:5:11: summary: no text in \"de\"" + kWhy,
              "DIR/src/items/tombs/kazanlak.toml:6:15: description: no text in \"de\"" + kWhy,
              "DIR/src/items/treasures/phiale.toml:5:11: summary: no text in \"de\"" + kWhy,
              "DIR/src/items/treasures/phiale.toml:6:15: description: no text in \"de\"" + kWhy,
              "DIR/src/items/treasures/rhyton.toml:6:15: description: no text in \"de\"" + kWhy,
          });
    CHECK(test::read_text(dir / "out/pack.db") == "an older pack");

    // A language whose texts are all there builds.
    const auto en = packs::build_pack(options(dir, {"bg"}));
    CHECK_MESSAGE(en.ok(), test::joined_lines(test::problem_lines(en.problems, dir)));
  }

  TEST_CASE("A required language must be one of the pack's") {
    test::TempDir dir;
    write_partial_tree(dir / "src");
    const auto r = packs::build_pack(options(dir, {"fr", "x!"}));
    CHECK(test::problem_lines(r.problems, dir) ==
          std::vector<std::string>{
              "--require-languages: 'fr' is not one of the pack's languages [bg, en, de]",
              "--require-languages: 'x!' is not a language code (like \"de\" or \"fr\")",
          });
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));
  }

  TEST_CASE("require_languages in pack.toml requires the same, and is checked where it is written") {
    test::TempDir dir;
    write_partial_tree(dir / "src", kPackToml + "require_languages = [\"de\"]\n");
    auto r = packs::build_pack(options(dir));
    auto lines = test::problem_lines(r.problems, dir);
    CHECK(lines.size() == 8);
    CHECK(lines.front() ==
          "DIR/src/collections/treasures.toml:4:11: summary: no text in \"de\", a required language "
          "(require_languages in pack.toml)");
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));

    // The command line adds to it; each missing text is named once, by the first to require it.
    r = packs::build_pack(options(dir, {"de"}));
    CHECK(test::problem_lines(r.problems, dir).size() == 8);

    write_partial_tree(dir / "src", kPackToml + "require_languages = [\"en\", \"fr\", \"en\", 7]\n");
    r = packs::build_pack(options(dir));
    CHECK(test::problem_lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/src/pack.toml:6:28: require_languages[2]: 'fr' is not in languages [bg, en, de]",
              "DIR/src/pack.toml:6:34: require_languages[3]: language 'en' is listed twice",
              "DIR/src/pack.toml:6:40: require_languages[4]: expected a language code string, got an integer",
              "DIR/src/collections/treasures.toml:5:15: description: no text in \"en\", a required language "
              "(require_languages in pack.toml)",
          });
  }

  TEST_CASE("A CSV import requires languages the same way: each missing text at its record's line") {
    test::TempDir dir;
    test::write_text(dir / "mapping.toml", R"([pack]
id = "test.csv"
version = "1"
languages = ["en", "de"]
default_language = "en"
require_languages = ["de"]
title = { en = "Test", de = "Test" }

[columns]
id = "Inv"
title = { en = "Title", de = "Titel" }
summary = { en = "Summary", de = "Kurz" }
)");
    test::write_text(dir / "export.csv", "Inv,Title,Titel,Summary,Kurz\nA-1,Cup,Becher,A cup.,Ein Becher.\n"
                                         "A-2,Bowl,,A bowl.,\nA-3,Jug,Krug,,\n");
    packs::CsvImportOptions io;
    io.csv = dir / "export.csv";
    io.mapping = dir / "mapping.toml";
    std::vector<packs::Problem> problems;
    packs::PackSource s = packs::import_csv(io, problems);
    packs::BuildOptions o;
    o.source_dir = dir.path();
    o.output = dir / "out/pack.db";
    const auto r = packs::build_from_source(std::move(s), o, std::move(problems));
    CHECK(test::problem_lines(r.problems, dir) ==
          std::vector<std::string>{
              "DIR/export.csv:3:1: title: no text in \"de\", a required language (require_languages in mapping.toml)",
              "DIR/export.csv:3:1: summary: no text in \"de\", a required language (require_languages in mapping.toml)",
          });
    CHECK_FALSE(fs::exists(dir / "out/pack.db"));
  }
}
