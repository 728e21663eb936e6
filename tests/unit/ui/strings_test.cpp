#include <doctest/doctest.h>

#include "support/temp_dir.h"
#include "ui/strings.h"

using orpheus::ui::Strings;

TEST_SUITE("UI strings") {
  TEST_CASE("Plural forms are filled in with their number and the other placeholders") {
    const auto s = Strings::load(ORPHEUS_SOURCE_DIR "/assets/po");
    CHECK(s.translate_plural("bg", "home.objects", "1 object", "{n} objects", 1) == "1 предмет");
    CHECK(s.translate_plural("bg", "home.objects", "1 object", "{n} objects", 5) == "5 предмета");
    CHECK(s.translate_plural("ru", "home.objects", "1 object", "{n} objects", 21).starts_with("21 "));
    CHECK(s.translate_plural("en", "map.list_at", "1 object · {where}", "{n} objects · {where}", 7, {{"where", "Rogozen"}}) ==
          "7 objects · Rogozen");
    CHECK(s.translate("xx", "nav.back", "Back") == "Back");
  }

  TEST_CASE("Every language is named in itself, never in English") {
    const Strings s;
    CHECK(s.language_name("en") == "English");
    CHECK(s.language_name("bg") == "Български");
    CHECK(s.language_name("fr") == "Français");
    CHECK(s.language_name("de") == "Deutsch");
    CHECK(s.language_name("el") == "Ελληνικά");
    CHECK(s.language_name("ru") == "Русский");
    CHECK(s.language_name("xx") == "xx");
    // Kept: a second call gives the same characters, where the first left them.
    const auto first = s.language_name("it");
    CHECK(s.language_name("it").data() == first.data());
  }

  TEST_CASE("A language named in the middle of another language's sentence") {
    const Strings s;
    CHECK(s.language_name_in("en", "bg") == "английски");
    CHECK(s.language_name_in("en", "fr") == "anglais");
    CHECK(s.language_name_in("en", "de") == "Englisch");
    CHECK(s.language_name_in("bg", "ru") == "болгарский");
    CHECK(s.language_name_in("en", "el") == "Αγγλικά");  // CLDR's Greek keeps its capital
  }

  TEST_CASE("A broken catalogue is skipped, the others still load") {
    orpheus::test::TempDir dir;
    orpheus::test::write_text(dir / "bg.po", "msgctxt \"nav.back\"\nmsgid \"Back\"\nmsgstr \"Назад\"\n");
    orpheus::test::write_text(dir / "xx.po", "msgid \"Back\nmsgstr ");
    const auto s = Strings::load(dir.path());
    CHECK(s.translate("bg", "nav.back", "Back") == "Назад");
    CHECK_FALSE(s.has_language("xx"));
    CHECK(s.languages() == std::vector<std::string>{"bg", "en"});
  }
}
