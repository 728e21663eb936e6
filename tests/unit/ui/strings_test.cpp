#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ui/strings.h"

using orpheus::ui::Strings;

TEST_SUITE("UI strings") {
  TEST_CASE("Lookup falls back to English, then any language, then the key") {
    Strings s;
    s.set("en", "nav.back", "Back");
    s.set("bg", "nav.back", "Назад");
    s.set("en", "only.en", "English only");
    s.set("de", "only.de", "Nur Deutsch");
    CHECK(s.get("bg", "nav.back") == "Назад");
    CHECK(s.get("bg", "only.en") == "English only");
    CHECK(s.get("bg", "only.de") == "Nur Deutsch");
    CHECK(s.get("bg", "no.such.key") == "no.such.key");
  }

  TEST_CASE("Placeholders are replaced") {
    Strings s;
    s.set("bg", "nav.position", "{i} от {n}");
    CHECK(s.format("bg", "nav.position", {{"i", "3"}, {"n", "12"}}) == "3 от 12");
  }

  TEST_CASE("Every language is named in itself, never in English") {
    Strings s;
    s.set("en", "language_name", "English");
    s.set("bg", "language_name", "Български");
    s.set("fr", "nav.back", "Retour");  // interface words, but no name of its own
    CHECK(s.language_name("en") == "English");
    CHECK(s.language_name("bg") == "Български");
    CHECK(s.language_name("fr") == "Français");
    CHECK(s.language_name("it") == "Italiano");
    CHECK(s.language_name("de") == "Deutsch");
    CHECK(s.language_name("xx") == "xx");
    // Kept: a second call gives the same characters, where the first left them.
    const auto first = s.language_name("it");
    CHECK(s.language_name("it").data() == first.data());
  }

  TEST_CASE("A strings file's own name wins over ICU's") {
    Strings s;
    s.set("de", "language_name", "Deutsch (Schweiz)");
    CHECK(s.language_name("de") == "Deutsch (Schweiz)");
  }

  TEST_CASE("The shipped string files have the same keys in every language") {
    const auto s = Strings::load(ORPHEUS_SOURCE_DIR "/assets/strings");
    REQUIRE(s.has_language("bg"));
    REQUIRE(s.has_language("en"));
    for (const char* key : {"language_name", "home.prompt", "home.objects_one", "home.objects_other", "nav.back",
                            "nav.home", "nav.previous", "nav.next", "nav.position", "item.tap_to_enlarge",
                            "unavailable.title", "unavailable.body"}) {
      CAPTURE(key);
      CHECK(s.get("bg", key) != key);
      CHECK(s.get("bg", key) != s.get("en", key));  // translated, not copied
    }
  }

  TEST_CASE("A broken string file is skipped, the others still load") {
    const auto dir = std::filesystem::temp_directory_path() / "orpheus-strings-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "en.toml") << "[nav]\nback = \"Back\"\n";
    std::ofstream(dir / "xx.toml") << "[nav\nback = ";
    const auto s = Strings::load(dir);
    CHECK(s.get("en", "nav.back") == "Back");
    CHECK_FALSE(s.has_language("xx"));
    std::filesystem::remove_all(dir);
  }
}
