#include <doctest/doctest.h>

#include <string>

#include "core/language_names.h"

using orpheus::core::native_language_name;

TEST_SUITE("Languages' own names") {
  TEST_CASE("A language is named in itself, its first letter upper-cased") {
    CHECK(native_language_name("fr") == "Français");
    CHECK(native_language_name("it") == "Italiano");
    CHECK(native_language_name("de") == "Deutsch");
    CHECK(native_language_name("en") == "English");
    CHECK(native_language_name("el") == "Ελληνικά");
    CHECK(native_language_name("bg") == "Български");
  }

  TEST_CASE("Scripts without case are left as they are") {
    CHECK(native_language_name("ja") == "日本語");
    CHECK(native_language_name("he") == "עברית");
    CHECK(native_language_name("ar") == "العربية");
  }

  TEST_CASE("Only the first letter changes") {
    CHECK(native_language_name("nb") == "Norsk bokmål");
  }

  TEST_CASE("A region or a script is named too") {
    CHECK(native_language_name("pt-BR") == "Português (Brasil)");
    CHECK(native_language_name("sr-Latn") == "Srpski (latinica)");
  }

  TEST_CASE("A code without a name comes back as it was written") {
    CHECK(native_language_name("xx") == "xx");
    CHECK(native_language_name("xx-YY") == "xx-YY");
    CHECK(native_language_name("") == "");
    CHECK(native_language_name("not a code!") == "not a code!");
    CHECK(native_language_name(std::string(300, 'a')) == std::string(300, 'a'));
  }
}
