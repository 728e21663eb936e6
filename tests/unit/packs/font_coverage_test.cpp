// Warnings for characters a kiosk would show as '?': none for the scripts Debian's Noto fonts
// draw, one per character for what none draws (a private-use character, anything above U+FFFF),
// with how often it occurs and where first; from build (so import too) and verify.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "packs/builder.h"
#include "packs/font_coverage.h"
#include "packs/verify.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

struct Text {
  std::string text;
  packs::Problem where;
};

packs::TextWalk walk_of(const std::vector<Text>& texts) {
  return [&texts](const packs::TextVisitor& visit) {
    for (const auto& t : texts) visit(t.text, [&] { return t.where; });
  };
}

std::vector<packs::Problem> warnings(const std::vector<Text>& texts, bool in_files = false) {
  const auto dirs = packs::packaged_font_dirs();
  return packs::font_warnings(walk_of(texts), dirs, in_files);
}

std::string all(const std::vector<packs::Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += p.str() + "\n";
  return s;
}

bool cjk_installed() { return fs::exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); }

}  // namespace

TEST_SUITE("Font coverage") {
  TEST_CASE("The scripts of Debian's Noto fonts draw without a warning") {
    REQUIRE(fs::exists(fs::path(ORPHEUS_FONT_DIR) / "NotoSansHebrew-Regular.ttf"));  // fonts-noto-core
    const std::vector<Text> texts = {
        {"כתבי העולם", {"pack.toml", 3, 1, "title.he", {}}},
        {"მსოფლიოს დამწერლობები", {"pack.toml", 4, 1, "title.ka", {}}},
        {"Աշխարհի գրերը", {"pack.toml", 5, 1, "title.hy", {}}},
        {"የዓለም ፊደላት", {"pack.toml", 6, 1, "title.am", {}}},
        {"خطوط العالم", {"pack.toml", 7, 1, "title.ar", {}}},
        {"Θησαυροί, Съкровища, Ἀθῆναι", {"pack.toml", 8, 1, "title.el", {}}},
    };
    CHECK_MESSAGE(warnings(texts).empty(), all(warnings(texts)));
  }

  TEST_CASE("Japanese draws where fonts-noto-cjk is installed, else every character is named") {
    const std::vector<Text> texts = {{"世界の文字", {"pack.toml", 3, 1, "title.ja", {}}}};
    const auto w = warnings(texts);
    if (cjk_installed())
      CHECK_MESSAGE(w.empty(), all(w));
    else
      CHECK(w.size() == 5);
  }

  TEST_CASE("A private-use character is warned once, with its count and first place") {
    const std::vector<Text> texts = {
        {"Seal \uE000", {"items/seal.toml", 1, 6, "title.en", {}}},
        {"Mark \uE000 and \uE000 again", {"items/seal.toml", 1, 6, "summary.en", {}}},
        {"Hebrew: שלום", {"items/seal.toml", 1, 6, "description.en", {}}},
    };
    const auto w = warnings(texts);
    REQUIRE_MESSAGE(w.size() == 1, all(w));
    CHECK(w[0].warning);
    CHECK(w[0].field == "title.en");
    CHECK(w[0].file == "items/seal.toml");
    CHECK(w[0].reason.find("U+E000") != std::string::npos);
    CHECK(w[0].reason.find("private-use") != std::string::npos);
    CHECK(w[0].reason.find("3 times") != std::string::npos);
  }

  TEST_CASE("Characters beyond U+FFFF are warned even where a font has them") {
    const std::vector<Text> texts = {{"Maker: 𠮟", {"items/a.toml", 2, 1, "credit.en", {}}}};
    const auto w = warnings(texts);
    REQUIRE(w.size() == 1);
    CHECK(w[0].reason.find("U+20B9F") != std::string::npos);
    CHECK(w[0].reason.find("beyond U+FFFF") != std::string::npos);
  }

  TEST_CASE("The line and column become the character's own in the source file") {
    test::TempDir dir;
    const fs::path file = dir / "items/seal.toml";
    test::write_text(file, "id = \"seal\"\ncollection = \"c\"\ntitle = { en = \"Seal\" }\n"
                           "description = { en = \"\"\"First line.\nЖ is fine, \uE000 is not.\"\"\" }\n");
    const std::vector<Text> texts = {
        {"First line.\nЖ is fine, \uE000 is not.", {file, 1, 1, "description.en", {}}}};
    const auto w = warnings(texts, true);
    REQUIRE(w.size() == 1);
    CHECK(w[0].line == 5);
    CHECK(w[0].column == 12);  // counted in characters: "Ж is fine, " is 11
    CHECK(w[0].field == "description.en");
  }

  TEST_CASE("A place the file does not hold as written stays where it was") {
    test::TempDir dir;
    const fs::path file = dir / "items/seal.toml";
    test::write_text(file, "id = \"seal\"\ntitle = { en = \"Seal \\uE000\" }\n");  // escaped in TOML
    const auto w = warnings({{"Seal \uE000", {file, 1, 1, "title.en", {}}}}, true);
    REQUIRE(w.size() == 1);
    CHECK(w[0].line == 1);
    CHECK(w[0].column == 1);
  }

  TEST_CASE("Many characters: the first ones named, one warning for the rest") {
    std::string text;
    for (char32_t c = 0xE000; c < 0xE000 + 40; ++c) core::append_utf8(text, c);
    const auto w = warnings({{text, {"items/a.toml", 1, 1, "title.en", {}}}});
    REQUIRE(w.size() == static_cast<std::size_t>(packs::kMaxFontWarnings) + 1);
    CHECK(w.back().reason.find("10 more characters") != std::string::npos);
    CHECK(w.back().reason.find("U+E01E") != std::string::npos);
  }
}

TEST_SUITE("Font coverage in build and verify") {
  TEST_CASE("build warns with the item file, line and column; verify names the item's field") {
    test::TempDir dir;
    const fs::path src = dir / "src";
    test::write_text(src / "pack.toml", R"(id = "test.marks"
version = "1"
default_language = "en"
languages = ["en", "he"]
title = { en = "Marks", he = "סימנים" }
)");
    test::write_text(src / "collections/c.toml", "id = \"c\"\norder = 1\ntitle = { en = \"C\" }\n");
    test::write_text(src / "items/seal.toml", "id = \"seal\"\ncollection = \"c\"\norder = 1\n"
                                              "title = { en = \"Seal\", he = \"חותם\" }\n"
                                              "summary = { en = \"A seal.\" }\n"
                                              "description = { en = \"Its mark: \uE000.\" }\n"
                                              "credit = { en = \"Test\" }\n");
    packs::BuildOptions o;
    o.source_dir = src;
    o.output = dir / "marks.db";
    const auto r = packs::build_pack(o);
    REQUIRE_MESSAGE(r.ok(), all(r.problems));  // a warning does not stop the build
    REQUIRE_MESSAGE(r.problems.size() == 1, all(r.problems));
    const auto& p = r.problems[0];
    CHECK(p.warning);
    CHECK(p.file == src / "items/seal.toml");
    CHECK(p.line == 6);
    CHECK(p.column == 33);  // description = { en = "Its mark: ^
    CHECK(p.field == "description.en");
    CHECK(p.reason.find("U+E000") != std::string::npos);

    packs::VerifyOptions v;
    v.require_trusted = false;
    const auto report = packs::verify_pack(dir / "marks.db", v);
    CHECK(report.ok());
    bool found = false;
    for (const auto& q : report.problems)
      if (q.field == "item 'seal'.description.en") {
        found = true;
        CHECK(q.warning);
        CHECK(q.file == dir / "marks.db");
        CHECK(q.reason.find("U+E000") != std::string::npos);
      }
    CHECK_MESSAGE(found, all(report.problems));
  }
}

TEST_SUITE("Font coverage of the world-scripts pack") {
  TEST_CASE("Seven scripts build with warnings for the two characters no font draws only") {
    // The pack source the end-to-end screenshots of right-to-left and CJK text use.
    const fs::path src = fs::path(ORPHEUS_SOURCE_DIR) / "tests/e2e/packs/world-scripts";
    REQUIRE(fs::is_directory(src));
    test::TempDir dir;
    packs::BuildOptions o;
    o.source_dir = src;
    o.output = dir / "world.db";
    const auto r = packs::build_pack(o);
    REQUIRE_MESSAGE(r.ok(), all(r.problems));
    if (!cjk_installed()) {
      MESSAGE("fonts-noto-cjk is not installed: the Japanese characters are warned about too");
      return;
    }
    REQUIRE_MESSAGE(r.problems.size() == 2, all(r.problems));
    const auto& pua = r.problems[0];
    CHECK(pua.file == src / "items/unknown-mark.toml");
    CHECK(pua.line == 5);
    CHECK(pua.column == 57);
    CHECK(pua.field == "summary.en");
    CHECK(pua.reason.find("U+E000 (a private-use character)") != std::string::npos);
    CHECK(pua.reason.find("2 times") != std::string::npos);
    const auto& beyond = r.problems[1];
    CHECK(beyond.line == 6);
    CHECK(beyond.field == "description.en");
    CHECK(beyond.reason.find("U+20B9F") != std::string::npos);
  }
}
