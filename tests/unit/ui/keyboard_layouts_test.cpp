#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/utf8.h"
#include "support/temp_dir.h"
#include "ui/keyboard_layouts.h"

using namespace orpheus;
using ui::KeyboardLayout;
using ui::KeyboardLayouts;
namespace fs = std::filesystem;

namespace {

std::set<std::string> keys_of(const KeyboardLayout& l) {
  std::set<std::string> keys;
  for (const auto& row : l.rows) keys.insert(row.begin(), row.end());
  return keys;
}

// Each code point of `letters` as a key.
std::set<std::string> letters(std::string_view letters) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < letters.size();) {
    const auto [c, len] = core::decode_utf8(letters, i);
    REQUIRE(len > 0);
    out.emplace(letters.substr(i, len));
    i += len;
  }
  return out;
}

bool has_all(const KeyboardLayout& l, const std::set<std::string>& wanted) {
  const auto keys = keys_of(l);
  bool ok = true;
  for (const auto& k : wanted)
    if (!keys.count(k)) {
      MESSAGE(l.id << " lacks " << k);
      ok = false;
    }
  return ok;
}

const KeyboardLayout& by_id(const KeyboardLayouts& all, const std::string& id) {
  const auto it = std::find_if(all.all().begin(), all.all().end(), [&](const auto& l) { return l.id == id; });
  REQUIRE_MESSAGE(it != all.all().end(), "no layout " << id);
  return *it;
}

}  // namespace

TEST_SUITE("Keyboard layouts") {
  TEST_CASE("The shipped layouts load without a problem and hold every letter of their alphabet") {
    const auto all = KeyboardLayouts::load(ORPHEUS_SOURCE_DIR "/assets/keyboards");
    for (const auto& p : all.problems()) FAIL_CHECK(p.str());
    REQUIRE(all.all().size() == 7);
    const auto digits = letters("0123456789");
    const auto bulgarian = letters("абвгдежзийклмнопрстуфхцчшщъьюя");
    CHECK(has_all(by_id(all, "bg-phonetic"), bulgarian));
    CHECK(has_all(by_id(all, "bg-bds"), bulgarian));
    CHECK(has_all(by_id(all, "en-qwerty"), letters("abcdefghijklmnopqrstuvwxyz")));
    CHECK(has_all(by_id(all, "de-qwertz"), letters("abcdefghijklmnopqrstuvwxyzäöüß")));
    CHECK(has_all(by_id(all, "el-greek"), letters("αβγδεζηθικλμνξοπρσςτυφχψω")));
    for (const auto& l : all.all()) {
      CAPTURE(l.id);
      CHECK(has_all(l, digits));
      CHECK_FALSE(l.name.empty());
    }
    // The traditional phonetic layout's top row is the one Bulgarians know it by.
    CHECK(by_id(all, "bg-phonetic").rows[1] == std::vector<std::string>{"я", "в", "е", "р", "т", "ъ", "у", "и", "о", "п", "ш", "щ"});
    CHECK(by_id(all, "bg-bds").rows[1].front() == "у");
    CHECK(by_id(all, "en-qwerty").script == "ABC");
    CHECK(by_id(all, "bg-phonetic").script == "АБВ");
    CHECK(by_id(all, "el-greek").script == "ΑΒΓ");
    // Two layouts of one script are told apart on the next-layout key by their short names.
    CHECK(by_id(all, "bg-bds").short_name == "БДС");
    CHECK(by_id(all, "bg-phonetic").short_name != by_id(all, "bg-bds").short_name);
  }

  TEST_CASE("The layout follows the visitor's language; the next-layout key goes round all of them") {
    const auto all = KeyboardLayouts::load(ORPHEUS_SOURCE_DIR "/assets/keyboards");
    REQUIRE(all.all().size() == 7);
    CHECK(all.for_language("bg")->id == "bg-phonetic");
    CHECK(all.for_language("en")->id == "en-qwerty");
    CHECK(all.for_language("de")->id == "de-qwertz");
    CHECK(all.for_language("el")->id == "el-greek");
    CHECK(all.for_language("fr")->id == "fr-azerty");
    CHECK(all.for_language("ru")->id == "ru-jcuken");
    CHECK(all.for_language("it")->id == "en-qwerty");  // no Italian layout: English
    const auto round = [&](const std::string& lang) {
      std::vector<std::string> ids;
      const KeyboardLayout* l = all.for_language(lang);
      for (int i = 0; i < 8; ++i, l = all.next(*l, lang)) ids.push_back(l->id);
      return ids;
    };
    CHECK(round("bg") == std::vector<std::string>{"bg-phonetic", "bg-bds", "en-qwerty", "de-qwertz", "fr-azerty", "el-greek",
                                                  "ru-jcuken", "bg-phonetic"});
    CHECK(round("en") == std::vector<std::string>{"en-qwerty", "bg-phonetic", "bg-bds", "de-qwertz", "fr-azerty", "el-greek",
                                                  "ru-jcuken", "en-qwerty"});
    CHECK(KeyboardLayouts{}.for_language("bg") == nullptr);
  }

  TEST_CASE("A bad layout file is named with line, column and field, and left out; the others load") {
    test::TempDir dir;
    const auto write = [&](const char* name, const std::string& text) { std::ofstream(dir / name) << text; };
    const std::string good = "name = \"Good\"\nlanguage = \"en\"\nscript = \"ABC\"\nrows = [\"a b c\"]\n";
    write("good.toml", good);
    write("syntax.toml", "name = \"Broken\nlanguage = \"en\"\n");
    write("multi.toml", "name = \"M\"\nlanguage = \"en\"\nscript = \"ABC\"\nrows = [\"a b\", \"cd e\"]\n");
    write("long.toml", "name = \"L\"\nlanguage = \"en\"\nscript = \"ABC\"\nrows = [\"a b c d e f g h i j k l m n o\"]\n");
    write("fields.toml", "language = \"english\"\nscript = \"\"\norder = \"first\"\nrows = []\ncolour = \"red\"\n");
    write("twice.toml", "name = \"T\"\nlanguage = \"en\"\nscript = \"ABC\"\nrows = [\"a b\", \"b c\"]\n");
    write("bytes.toml", "name = \"B\"\nlanguage = \"en\"\nscript = \"ABC\"\nrows = [\"a \\u0007 c\"]\n");
    write("notes.txt", "not a layout");
    const auto all = KeyboardLayouts::load(dir.path());
    REQUIRE(all.all().size() == 1);
    CHECK(all.all()[0].id == "good");
    CHECK(all.all()[0].rows == std::vector<std::vector<std::string>>{{"a", "b", "c"}});
    const auto problem = [&](const std::string& file, const std::string& field) -> const ui::KeyboardProblem* {
      for (const auto& p : all.problems())
        if (p.file.filename() == file && p.field == field) return &p;
      return nullptr;
    };
    REQUIRE(problem("syntax.toml", ""));
    CHECK(problem("syntax.toml", "")->line == 1);
    REQUIRE(problem("multi.toml", "rows[2]"));
    CHECK(problem("multi.toml", "rows[2]")->reason.find("\"cd\" is more than one letter") != std::string::npos);
    CHECK(problem("multi.toml", "rows[2]")->line == 4);
    REQUIRE(problem("long.toml", "rows[1]"));
    CHECK(problem("long.toml", "rows[1]")->reason.find("15 keys, at most 13") != std::string::npos);
    CHECK(problem("fields.toml", "name"));
    CHECK(problem("fields.toml", "language"));
    CHECK(problem("fields.toml", "script"));
    CHECK(problem("fields.toml", "order"));
    CHECK(problem("fields.toml", "rows"));
    REQUIRE(problem("fields.toml", "colour"));
    CHECK(problem("fields.toml", "colour")->line == 5);
    CHECK(problem("fields.toml", "colour")->str() == (dir / "fields.toml").string() + ":5:1: colour: unknown key (known: name, short_name, language, script, order, rows)");
    REQUIRE(problem("twice.toml", "rows[2]"));
    CHECK(problem("twice.toml", "rows[2]")->reason == "key \"b\" is already on the keyboard");
    REQUIRE(problem("bytes.toml", "rows[1]"));
    CHECK(problem("bytes.toml", "rows[1]")->reason.find("control character") != std::string::npos);
  }

  TEST_CASE("Invalid UTF-8 in a key is reported, not loaded") {
    test::TempDir dir;
    // toml++ itself refuses invalid UTF-8 in a file: either way the layout is left out with a line.
    std::ofstream(dir / "bad.toml") << "name = \"X\"\nlanguage = \"en\"\nscript = \"ABC\"\nrows = [\"a \xC3 c\"]\n";
    KeyboardLayout l;
    const auto problems = KeyboardLayouts::read(dir / "bad.toml", l);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.front().line == 4);
  }
}
