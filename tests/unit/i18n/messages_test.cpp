#include <doctest/doctest.h>

#include "i18n/messages.h"
#include "support/temp_dir.h"

using namespace orpheus::i18n;
using orpheus::test::TempDir;
using orpheus::test::write_text;

namespace {

const char* kRussian = R"(msgid ""
msgstr ""
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgctxt "nav.back"
msgid "Back"
msgstr "Назад"

msgctxt "home.objects"
msgid "1 object"
msgid_plural "{n} objects"
msgstr[0] "{n} предмет"
msgstr[1] "{n} предмета"
msgstr[2] "{n} предметов"

#, fuzzy
msgctxt "nav.next"
msgid "Next"
msgstr "Следующий?"

msgctxt "nav.home"
msgid "Home"
msgstr ""
)";

}  // namespace

TEST_SUITE("Interface messages") {
  TEST_CASE("A translation, else the English: fuzzy, empty, unknown entries and languages") {
    Messages m;
    m.add("ru", Catalogue::from(parse_po(kRussian)));
    CHECK(m.get("ru", "nav.back", "Back") == "Назад");
    CHECK(m.get("ru", "nav.next", "Next") == "Next");   // fuzzy: awaiting review
    CHECK(m.get("ru", "nav.home", "Home") == "Home");   // empty
    CHECK(m.get("ru", "nav.close", "Close") == "Close");  // not in the catalogue
    CHECK(m.get("ru", "other.back", "Back") == "Back");   // another context
    CHECK(m.get("ru", "nav.back", "Go back") == "Go back");  // the English changed: not this translation
    CHECK(m.get("xx", "nav.back", "Back") == "Back");
    CHECK(m.has_language("ru"));
    CHECK(m.has_language("en"));
    CHECK_FALSE(m.has_language("xx"));
    CHECK(m.languages() == std::vector<std::string>{"en", "ru"});
  }

  TEST_CASE("Plural forms by the catalogue's rule, English's without one") {
    Messages m;
    m.add("ru", Catalogue::from(parse_po(kRussian)));
    const auto objects = [&](const char* lang, std::uint64_t n) {
      return format(m.get(lang, "home.objects", "1 object", "{n} objects", n), {{"n", std::to_string(n)}});
    };
    CHECK(objects("ru", 1) == "1 предмет");
    CHECK(objects("ru", 2) == "2 предмета");
    CHECK(objects("ru", 5) == "5 предметов");
    CHECK(objects("ru", 11) == "11 предметов");
    CHECK(objects("ru", 21) == "21 предмет");
    CHECK(objects("ru", 22) == "22 предмета");
    CHECK(objects("ru", 111) == "111 предметов");
    CHECK(objects("en", 1) == "1 object");
    CHECK(objects("en", 0) == "0 objects");
    CHECK(objects("de", 3) == "3 objects");
  }

  TEST_CASE("Placeholders are replaced, other braces stay") {
    CHECK(format("{i} of {n}", {{"i", "3"}, {"n", "12"}}) == "3 of 12");
    CHECK(format("{n} {n} {x} {", {{"n", "{n}"}}) == "{n} {n} {x} {");
  }

  TEST_CASE("Pseudo-localised text: accented, 40 % longer, placeholders untouched") {
    const std::string p = pseudo_localize("Touch a collection to explore");
    CHECK(p.front() == '[');
    CHECK(p.back() == ']');
    CHECK(p.find("Ţ") != std::string::npos);
    CHECK(p.find("o") == std::string::npos);  // every o accented
    const auto letters = [](std::string_view s) {
      std::size_t n = 0;
      for (unsigned char c : s) n += (c & 0xC0) != 0x80 && c != ' ' && c != '[' && c != ']';
      return n;
    };
    CHECK(letters(p) >= letters("Touch a collection to explore") * 14 / 10);
    CHECK(pseudo_localize("{i} of {n}").find("{i}") != std::string::npos);
    CHECK(pseudo_localize("{i} of {n}").find("{n}") != std::string::npos);
    CHECK(pseudo_localize("Назад").find("Назад") != std::string::npos);  // other scripts as they are, padded
    Messages m;
    m.set_pseudo(true);
    const auto a = m.get("en", "nav.back", "Back");
    CHECK(a == pseudo_localize("Back"));
    CHECK(m.get("en", "nav.back", "Back").data() == a.data());  // made once, kept
  }

  TEST_CASE("A corrupt catalogue is reported by file and line; its language falls back to English") {
    TempDir dir;
    write_text(dir / "ru.po", kRussian);
    write_text(dir / "de.po", "msgid \"Back\"\nmsgstr \"Zurück\n");
    write_text(dir / "el.po", std::string("msgid \"Back\"\nmsgstr \"\xCE\"\n"));
    write_text(dir / "fr.po", "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n > ;\\n\"\n");
    write_text(dir / "notes.txt", "not a catalogue");
    std::vector<std::string> problems;
    const auto m = Messages::load(dir.path(), &problems);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == (dir / "de.po").string() + ":2: a string without its closing quote");
    CHECK(problems[1] == (dir / "el.po").string() + ":2: not UTF-8 text (save the file as UTF-8)");
    CHECK(problems[2].starts_with((dir / "fr.po").string() + ":1: Plural-Forms: plural=(n > : unexpected end"));
    CHECK(m.languages() == std::vector<std::string>{"en", "ru"});
    CHECK(m.get("de", "nav.back", "Back") == "Back");
    CHECK(m.get("ru", "nav.back", "Back") == "Назад");
  }

  TEST_CASE("A missing folder: English only, and said") {
    std::vector<std::string> problems;
    const auto m = Messages::load("/nonexistent/po", &problems);
    CHECK(m.languages() == std::vector<std::string>{"en"});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].starts_with("/nonexistent/po: cannot be read"));
  }
}
