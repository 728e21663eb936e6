#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/sentences.h"

using orpheus::core::split_sentences;

namespace {

std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& s : split_sentences(text)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_SUITE("Sentences") {
  TEST_CASE("Plain sentences end at . ! ? and … and are trimmed") {
    CHECK(sentences("  One. Two!  Three? Four… Five") == V{"One.", "Two!", "Three?", "Four…", "Five"});
    CHECK(sentences("Really?! Yes...  No.") == V{"Really?!", "Yes...", "No."});
    CHECK(sentences("").empty());
    CHECK(sentences(" \n\t ").empty());
    CHECK(sentences("A title without a full stop") == V{"A title without a full stop"});
  }

  TEST_CASE("Spans are byte ranges into the text") {
    const std::string_view text = " Едно. Две.";
    const auto spans = split_sentences(text);
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].begin == 1);
    CHECK(spans[0].end == 1 + std::string_view("Едно.").size());
    CHECK(spans[1].end == text.size());
  }

  TEST_CASE("Closing quotes and brackets stay with their sentence") {
    CHECK(sentences("He said “go.” Then he left.") == V{"He said “go.”", "Then he left."});
    CHECK(sentences("Наречен „Орфей.“ После.") == V{"Наречен „Орфей.“", "После."});
    CHECK(sentences("Те казват «да!» Добре.") == V{"Те казват «да!»", "Добре."});
    CHECK(sentences("(See the map.) Next one.") == V{"(See the map.)", "Next one."});
  }

  TEST_CASE("Numbers, initials and abbreviations do not end a sentence") {
    CHECK(sentences("It weighs 1.7 kg. It is gold.") == V{"It weighs 1.7 kg.", "It is gold."});
    CHECK(sentences("Made c. 300 BCE, ca. 1900 seen, e.g. here, i.e. there. Next.") ==
          V{"Made c. 300 BCE, ca. 1900 seen, e.g. here, i.e. there.", "Next."});
    CHECK(sentences("St. George and Dr. Smith, No. 5 vs. No. 6, fl. 400 BCE. Done.") ==
          V{"St. George and Dr. Smith, No. 5 vs. No. 6, fl. 400 BCE.", "Done."});
    CHECK(sentences("Excavated by A. Fol and Г. Китов. Later.") == V{"Excavated by A. Fol and Г. Китов.", "Later."});
    CHECK(sentences("Край с. Рогозен, гр. Враца, т.е. на север, напр. тук, ок. 350 г. Така.") ==
          V{"Край с. Рогозен, гр. Враца, т.е. на север, напр. тук, ок. 350 г.", "Така."});
  }

  TEST_CASE("Dates in Bulgarian: 'г.', 'в.' and 'Хр.' end a sentence only before a capital") {
    // From content/thracology (valchitran, rogozen, sites).
    CHECK(sentences("IV – началото на III в. пр. Хр.") == V{"IV – началото на III в. пр. Хр."});
    CHECK(sentences("Съкровището е от края на IV – началото на III в. пр. Хр. и е намерено през 1985 г. край Враца.") ==
          V{"Съкровището е от края на IV – началото на III в. пр. Хр. и е намерено през 1985 г. край Враца."});
    CHECK(sentences("Датира от IV в. пр. Хр. Намерено е случайно.") == V{"Датира от IV в. пр. Хр.", "Намерено е случайно."});
    CHECK(sentences("Основан около 845 г. Цялата ѝ история е тук.") == V{"Основан около 845 г.", "Цялата ѝ история е тук."});
    CHECK(sentences("През II хил. пр. Хр. хората са тук; II–I хил. пр. Хр. също.") ==
          V{"През II хил. пр. Хр. хората са тук; II–I хил. пр. Хр. също."});
    CHECK(sentences("От 3. юни до края. Друго.") == V{"От 3. юни до края.", "Друго."});
  }

  TEST_CASE("A paragraph break always ends a sentence") {
    CHECK(sentences("First paragraph without a stop\n\nSecond one. Third") ==
          V{"First paragraph without a stop", "Second one.", "Third"});
    CHECK(sentences("Line one\ncontinues here.") == V{"Line one\ncontinues here."});
    CHECK(sentences("Ends with ок.\n  \nNew paragraph.") == V{"Ends with ок.", "New paragraph."});
  }

  TEST_CASE("Invalid UTF-8 does not throw or run past the text") {
    const std::string bad = "Bad \xE2\x80 bytes. And \xFF more.";
    const auto spans = split_sentences(bad);
    CHECK(spans.size() == 2);
    for (const auto& s : spans) CHECK(s.end <= bad.size());
  }
}
