// The text rules every pack source reader shares (packs/text_rules.h): slugs and case folding.
#include <doctest/doctest.h>

#include <string>

#include "packs/text_rules.h"

using namespace orpheus;
using packs::detail::slugify;

TEST_SUITE("Text rules") {
  TEST_CASE("Slugs transliterate Cyrillic and drop marks") {
    CHECK(slugify("Инв. № 3201") == "inv-no-3201");
    CHECK(slugify("ИНВ. №3201") == "inv-no3201");
    CHECK(slugify("Панагюрище") == "panagyurishte");
    CHECK(slugify("Щит, жезъл, цар, чаша, юзда, ябълка") == "shtit-zhezal-tsar-chasha-yuzda-yabalka");
    CHECK(slugify("Ђурђевдан Љубљана") == "djurdjevdan-ljubljana");
    CHECK(slugify("Český Krumlov, Straße, Øresund") == "cesky-krumlov-strasse-oresund");
    CHECK(slugify("Αθηνά") == "athina");
    CHECK(slugify("O'Brien’s") == "obriens");
    CHECK(slugify("  --A   B--  ") == "a-b");
    CHECK(slugify("A-1") == slugify("a 1"));
    CHECK(slugify("???") == "");
    CHECK(slugify("漢字") == "");
    CHECK(slugify("urn:x-museum:Object No. 42") == "urn-x-museum-object-no-42");
    CHECK(slugify("bad \xFF byte") == "bad-byte");  // invalid UTF-8 is a separator, not a letter
  }

  TEST_CASE("A long slug is cut after a whole word when that keeps at least half, else hard") {
    CHECK(slugify("alpha beta gamma", 12) == "alpha-beta");    // the '-' at 10 keeps more than half
    CHECK(slugify("abcde fghij", 5) == "abcde");               // a '-' right at the maximum: the word fits
    CHECK(slugify("abcd efghij", 8) == "abcd");                // exactly half is enough
    CHECK(slugify("abc efghijk", 8) == "abc-efgh");            // less than half: cut hard
    CHECK(slugify("ab cdefghijkl", 10) == "ab-cdefghi");
    CHECK(slugify("abcdefghijkl", 5) == "abcde");              // no '-' at all: cut hard
    CHECK(slugify("Щит щит", 6) == "shtit");                   // counted in bytes of the slug, not of the text
    CHECK(slugify("abc", 3) == "abc");                         // not longer than the maximum: kept whole
    CHECK(slugify("abc", 0) == "");
    CHECK(slugify(std::string(100, 'x')).size() == 80);        // the default maximum

    // Whatever the maximum: a prefix of the whole slug, not longer, never ending in '-', and
    // ending after a whole word whenever a cut there keeps at least half.
    const std::string text = "Tall amphora with a red-figure scene: Dionysos, Ariadne and two satyrs";
    const std::string whole = slugify(text, 1000);
    REQUIRE(whole == "tall-amphora-with-a-red-figure-scene-dionysos-ariadne-and-two-satyrs");
    for (std::size_t max = 1; max <= whole.size() + 1; ++max) {
      CAPTURE(max);
      const std::string s = slugify(text, max);
      CHECK(s.size() <= max);
      CHECK(whole.compare(0, s.size(), s) == 0);
      CHECK_FALSE(s.empty());
      CHECK(s.back() != '-');
      const auto dash = whole.rfind('-', max);
      if (max >= whole.size()) CHECK(s == whole);
      else if (dash != std::string::npos && 2 * dash >= max) CHECK(s.size() == dash);
    }
  }

  TEST_CASE("Case folding lowers the letters slugs know and leaves the rest") {
    using packs::detail::fold_case;
    CHECK(fold_case("ЗЛАТО Gold ÆØÅ Ŝ ΑΘΗΝΆ") == "злато gold æøå ŝ αθηνά");
    CHECK(fold_case("漢字 ×") == "漢字 ×");
    CHECK(fold_case("a\xFF" "B") == "a\xFF" "b");
  }
}
