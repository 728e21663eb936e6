#include <doctest/doctest.h>

#include "catalog/lang_text.h"

using orpheus::catalog::LangText;

TEST_SUITE("Language fallback") {
  const std::vector<std::string> order{"bg", "en"};

  TEST_CASE("The requested language wins when it has a text") {
    LangText t{{"bg", "злато"}, {"en", "gold"}};
    CHECK(t.get("en", order) == "gold");
    CHECK(t.get("bg", order) == "злато");
  }

  TEST_CASE("A missing language falls back to the default language") {
    LangText t{{"bg", "злато"}};
    CHECK(t.get("en", order) == "злато");
    CHECK(t.exact("en").empty());
    CHECK_FALSE(t.has("en"));
  }

  TEST_CASE("A text missing in the pack's languages falls back to any language that has one") {
    LangText t{{"de", "Gold"}};
    CHECK(t.get("en", order) == "Gold");
  }

  TEST_CASE("Only a text missing in every language is empty") {
    LangText t;
    CHECK(t.empty());
    CHECK(t.get("en", order).empty());
    LangText blank{{"bg", ""}, {"en", ""}};
    CHECK(blank.empty());
    CHECK(blank.get("en", order).empty());
  }

  TEST_CASE("An empty text does not hide the fallback") {
    LangText t{{"bg", "злато"}, {"en", ""}};
    CHECK(t.get("en", order) == "злато");
  }

  TEST_CASE("Setting a language again replaces its text; setting it empty removes it") {
    LangText t;
    t.set("en", "gold");
    t.set("en", "Gold");
    CHECK(t.exact("en") == "Gold");
    CHECK(t.entries().size() == 1);
    t.set("en", "");
    CHECK(t.empty());
  }

  TEST_CASE("Fallback follows the given order, not the order texts were added") {
    LangText t{{"en", "gold"}, {"bg", "злато"}};
    CHECK(t.get("de", {"bg", "en"}) == "злато");
    CHECK(t.get("de", {"en", "bg"}) == "gold");
  }
}
