#include <doctest/doctest.h>

#include <cctype>
#include <optional>
#include <string>

#include "catalog/catalog.h"

using orpheus::catalog::Certainty;
using orpheus::catalog::format_period;

namespace {
struct Case {
  std::optional<int> from, to;
  const char* bg;
  const char* en;
};
}  // namespace

TEST_SUITE("Period labels") {
  TEST_CASE("Year ranges read as Bulgarian and English period labels") {
    const Case cases[] = {
        // A single year is exact: it used to read "ок. 350 г. пр. Хр." / "c. 350 BC" whatever the
        // museum wrote, so an exact 1844 showed as "c. AD 1844". Circa is asked for explicitly now.
        {-350, -350, "350 г. пр. Хр.", "350 BCE"},
        {200, 200, "200 г. сл. Хр.", "200 CE"},
        {1844, 1844, "1844 г.", "1844"},
        {-350, -300, "350–300 г. пр. Хр.", "350–300 BCE"},
        {200, 250, "200–250 г. сл. Хр.", "200–250 CE"},
        // The era is named only in our first millennium: "1825–1827", not "1825–1827 CE".
        {1825, 1827, "1825–1827 г.", "1825–1827"},
        {999, 1001, "999–1001 г. сл. Хр.", "999–1001 CE"},
        {1000, 1000, "1000 г.", "1000"},
        // Across the era, both ends name theirs; there is no year 0 between 1 BCE and 1 CE.
        {-20, 10, "20 г. пр. Хр. – 10 г. сл. Хр.", "20 BCE – 10 CE"},
        {-1, 1, "1 г. пр. Хр. – 1 г. сл. Хр.", "1 BCE – 1 CE"},
        {-399, -301, "IV в. пр. Хр.", "4th century BCE"},
        {-400, -300, "IV–III в. пр. Хр.", "4th–3rd century BCE"},
        {-1200, -1101, "XII в. пр. Хр.", "12th century BCE"},
        {-500, -100, "V–I в. пр. Хр.", "5th–1st century BCE"},
        {101, 300, "II–III в. сл. Хр.", "2nd–3rd century CE"},
        {901, 1000, "X в. сл. Хр.", "10th century CE"},
        {1101, 1300, "XII–XIII в.", "12th–13th century"},
        {1901, 2000, "XX в.", "20th century"},
        {2001, 2100, "XXI в.", "21st century"},
        {-100, 100, "I в. пр. Хр. – I в. сл. Хр.", "1st century BCE – 1st century CE"},
        {-4500, -4000, "XLV–XL в. пр. Хр.", "45th–40th century BCE"},
        {-1500, -501, "XV–VI в. пр. Хр.", "15th–6th century BCE"},
        // Millennia: whole ones, ranges of 1,000 years or more, and anything older than 10,000 BCE.
        {-2000, -1001, "II хил. пр. Хр.", "2nd millennium BCE"},
        {1, 1000, "I хил. сл. Хр.", "1st millennium CE"},
        {1001, 2000, "II хил.", "2nd millennium"},
        {-6000, -3000, "VI–III хил. пр. Хр.", "6th–3rd millennium BCE"},
        {-25000, -9001, "XXV–X хил. пр. Хр.", "25th–10th millennium BCE"},
        {-12000, -11500, "XII хил. пр. Хр.", "12th millennium BCE"},
        {-1000, 1000, "I хил. пр. Хр. – I хил. сл. Хр.", "1st millennium BCE – 1st millennium CE"},
        // Far back: years again, grouped.
        {-12000, -11990, "12 000–11 990 г. пр. Хр.", "12,000–11,990 BCE"},
        {-500000, -500000, "500 000 г. пр. Хр.", "500,000 BCE"},
        {-1400000, -1200000, "1 400 000–1 200 000 г. пр. Хр.", "1,400,000–1,200,000 BCE"},
    };
    for (const auto& c : cases) {
      CAPTURE(*c.from);
      CAPTURE(*c.to);
      // Bulgarian groups thousands with a no-break space, so a number never breaks across lines.
      std::string bg = c.bg;
      for (std::size_t at = 1; at + 1 < bg.size(); ++at)
        if (bg[at] == ' ' && std::isdigit(static_cast<unsigned char>(bg[at - 1])) &&
            std::isdigit(static_cast<unsigned char>(bg[at + 1])))
          bg.replace(at, 1, "\u00A0");
      CHECK(format_period(c.from, c.to, "bg") == bg);
      CHECK(format_period(c.from, c.to, "en") == c.en);
    }
  }

  TEST_CASE("Circa and uncertain dates say so in front") {
    CHECK(format_period(1825, 1827, "en", Certainty::circa) == "c. 1825–1827");
    CHECK(format_period(1825, 1827, "bg", Certainty::circa) == "ок. 1825–1827 г.");
    CHECK(format_period(-350, -350, "en", Certainty::circa) == "c. 350 BCE");
    CHECK(format_period(-350, -350, "bg", Certainty::circa) == "ок. 350 г. пр. Хр.");
    CHECK(format_period(200, 200, "en", Certainty::circa) == "c. 200 CE");
    CHECK(format_period(-400, -301, "bg", Certainty::circa) == "ок. IV в. пр. Хр.");
    CHECK(format_period(1780, 1780, "en", Certainty::uncertain) == "probably 1780");
    CHECK(format_period(1780, 1780, "bg", Certainty::uncertain) == "вероятно 1780 г.");
    CHECK(format_period(1844, 1844, "en", Certainty::exact) == "1844");
  }

  TEST_CASE("One known end reads as a single year") {
    // Exact, like any single year (this read "c. 350 BC" before circa became a parameter).
    CHECK(format_period(-350, std::nullopt, "en") == "350 BCE");
    CHECK(format_period(std::nullopt, 120, "bg") == "120 г. сл. Хр.");
  }

  TEST_CASE("No dates, or a language without wording, give an empty label") {
    CHECK(format_period(std::nullopt, std::nullopt, "bg").empty());
    CHECK(format_period(std::nullopt, std::nullopt, "en", Certainty::circa).empty());
    CHECK(format_period(-350, -300, "de").empty());
  }

  TEST_CASE("Reversed ends are put in order") {
    CHECK(format_period(-300, -400, "en") == "4th–3rd century BCE");
  }
}
