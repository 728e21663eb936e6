#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/letters.h"
#include "core/search_text.h"

using orpheus::core::search_word_spans;
using orpheus::core::search_words;
using orpheus::core::spelling_key;
using Words = std::vector<std::string>;

TEST_SUITE("Search words") {
  TEST_CASE("Cyrillic and the Latin spellings of it give one key") {
    const Words key = search_words("Панагюрище");
    REQUIRE(key.size() == 1);
    for (const char* typed : {"panagyurishte", "panagiurishte", "panagjurishte", "Panagyurishte", "PANAGIURISHTE",
                              "панагюрище", "ПАНАГЮРИЩЕ"}) {
      CAPTURE(typed);
      CHECK(search_words(typed) == key);
    }
    CHECK(search_words("Рогозен") == search_words("Rogozen"));
    CHECK(search_words("конник") == search_words("konnik"));
    CHECK(search_words("Вълчитрън") == search_words("Valchitran"));
    CHECK(search_words("Щит") == search_words("Shtit"));
    CHECK(search_words("Юзда") == search_words("Iuzda"));
    CHECK(search_words("Юзда") == search_words("Juzda"));
    CHECK(search_words("България") == search_words("Balgaria"));  // "ия" at the end: "ia" officially
    CHECK(search_words("България") == search_words("Balgariya"));
    CHECK(search_words("фиала") == search_words("phiala"));
    CHECK(search_words("Θράκη") == search_words("thraki"));
  }

  TEST_CASE("Case and marks fold; apostrophes join; everything else separates words") {
    CHECK(search_words("Český Krumlov, Straße") == Words{"cesky", "krumlov", "strase"});
    CHECK(search_words("O'Brien’s") == Words{"obriens"});
    CHECK(search_words("Инв. № 3201") == Words{"inv", "no", "3201"});
    CHECK(search_words("gold\xF0\x9F\x8F\xBA vessel") == Words{"gold", "vesel"});  // an emoji between
    CHECK(search_words("  \"rhyton*\" OR (NEAR) -- ") == Words{"ryton", "or", "near"});  // FTS syntax is just words
    CHECK(search_words("").empty());
    CHECK(search_words("?!…").empty());
  }

  TEST_CASE("Greek with dialytika, polytonic Greek and Romanian fold like their base letters") {
    CHECK(search_words("ΪΑΣΩΝ") == search_words("Iason"));  // not "ason"
    CHECK(search_words("ΠΡΩΤΕΪΝΗ") == search_words("πρωτεΐνη"));
    CHECK(search_words("ΠΡΩΤΕΪΝΗ") == Words{"proteini"});
    CHECK(search_words("ΫΔΡΑ") == search_words("ϋδρα"));
    CHECK(search_words("Ἡρακλῆς") == search_words("Ηρακλής"));
    CHECK(search_words("Ἡρακλῆς") == search_words("iraklis"));
    CHECK(search_words("ᾍΔΗΣ ᾴδω ῥήτωρ") == Words{"adis", "ado", "ritor"});
    CHECK(search_words("Timișoara Țară") == Words{"timisoara", "tara"});
    CHECK(search_words("TIMIȘOARA ȚARĂ") == Words{"timisoara", "tara"});
    CHECK(search_words("Timişoara Ţară") == Words{"timisoara", "tara"});  // the cedilla forms
  }

  TEST_CASE("Combining marks are dropped inside and after a word, never a break") {
    CHECK(search_words("Българи\u0300я") == search_words("България"));  // и + combining grave
    CHECK(search_words("Caf\u00E9 cafe\u0301") == Words{"cafe", "cafe"});   // é composed and decomposed
    CHECK(search_words("Ι\u0308ΑΣΩΝ") == search_words("ΪΑΣΩΝ"));
    CHECK(search_words("\u0301 a\u0301\u0301b") == Words{"ab"});
    const auto spans = search_word_spans("se\u0301 x");
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].key == "se");
    CHECK(spans[0].begin == 0);
    CHECK(spans[0].end == 4);  // the mark after the word is part of it
  }

  TEST_CASE("The spellings visitors mix up become one") {
    CHECK(spelling_key("phiale") == "fyale");
    CHECK(spelling_key("rhyton") == "ryton");
    CHECK(spelling_key("apollo") == "apolo");  // as "Аполон" spells it, but for the n
    CHECK(spelling_key("alexander") == "aleksander");
    CHECK(spelling_key("seuthes") == "seuthes");
    CHECK(spelling_key("wolf") == "volf");
    CHECK(spelling_key("mozart") == "mozart");
    CHECK(spelling_key("kotzen") == "kotsen");
    CHECK(spelling_key("1100") == "1100");  // digits are never collapsed
    CHECK(spelling_key("jelena") == "yelena");
  }

  TEST_CASE("Any bytes in, words out: invalid UTF-8 and 10 kB of text") {
    CHECK(search_words(std::string("ab\xC3" "cd\xFF\xFE" "ef")) == Words{"ab", "cd", "ef"});
    CHECK(search_words(std::string("\xE2\x82", 2)).empty());  // a cut sequence
    std::string big;
    while (big.size() < 10'000) big += "Тракийски конник, Thracian horseman; ";
    const Words w = search_words(big);
    CHECK(w.size() == 4 * (big.size() / std::string("Тракийски конник, Thracian horseman; ").size()));
    CHECK(w.front() == search_words("тракийски").front());
  }
}

TEST_SUITE("Letters") {
  using orpheus::core::is_combining_mark;
  using orpheus::core::lower;
  using orpheus::core::transliterate;

  TEST_CASE("Greek capitals with tonos and dialytika lower-case") {
    CHECK(lower(U'Ά') == U'ά');
    for (char32_t c = U'Έ'; c <= U'Ί'; ++c) CHECK(lower(c) == c + 0x25);
    CHECK(lower(U'Ό') == U'ό');
    CHECK(lower(U'Ύ') == U'ύ');
    CHECK(lower(U'Ώ') == U'ώ');
    for (char32_t c = U'Α'; c <= U'Ϋ'; ++c) {
      CAPTURE(static_cast<unsigned>(c));
      CHECK(lower(c) == (c == 0x3A2 ? c : c + 0x20));  // U+03A2 is unassigned
    }
    CHECK(lower(U'ϊ') == U'ϊ');
    CHECK(transliterate(U'ϊ') == "i");
    CHECK(transliterate(U'ΐ') == "i");
    CHECK(transliterate(U'ϋ') == "y");
    CHECK(transliterate(U'ΰ') == "y");
  }

  TEST_CASE("Polytonic Greek lower-cases and loses its marks") {
    CHECK(lower(U'Ἡ') == U'ἡ');
    CHECK(lower(U'ᾏ') == U'ᾇ');
    CHECK(lower(U'ᾼ') == U'ᾳ');
    CHECK(lower(U'Ὼ') == U'ὼ');
    CHECK(lower(U'Ῥ') == U'ῥ');
    CHECK(lower(U'ὸ') == U'ὸ');  // U+1F78: lower case in a row without capitals
    CHECK(lower(0x1F58) == 0x1F58);  // unassigned
    CHECK(transliterate(U'ἡ') == "i");
    CHECK(transliterate(U'ῆ') == "i");
    CHECK(transliterate(U'ᾴ') == "a");
    CHECK(transliterate(U'ῥ') == "r");
    CHECK(transliterate(U'ὕ') == "y");
    CHECK(transliterate(U'ῷ') == "o");
    CHECK(transliterate(0x1FBD).empty());  // koronis, a spacing mark
  }

  TEST_CASE("Romanian s and t with comma or cedilla") {
    CHECK(lower(U'Ș') == U'ș');
    CHECK(lower(U'Ț') == U'ț');
    CHECK(lower(U'Ş') == U'ş');
    CHECK(lower(U'Ţ') == U'ţ');
    for (char32_t c : {U'ș', U'ş'}) CHECK(transliterate(c) == "s");
    for (char32_t c : {U'ț', U'ţ'}) CHECK(transliterate(c) == "t");
  }

  TEST_CASE("Combining marks are U+0300..U+036F") {
    CHECK(is_combining_mark(0x300));
    CHECK(is_combining_mark(0x301));
    CHECK(is_combining_mark(0x36F));
    CHECK_FALSE(is_combining_mark(0x2FF));
    CHECK_FALSE(is_combining_mark(0x370));
    CHECK_FALSE(is_combining_mark(U'e'));
  }
}
