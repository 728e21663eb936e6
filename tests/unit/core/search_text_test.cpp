#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/search_text.h"

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
