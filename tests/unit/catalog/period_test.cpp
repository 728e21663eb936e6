#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "catalog/catalog.h"

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
        {-350, -350, "ок. 350 г. пр. Хр.", "c. 350 BC"},
        {200, 200, "ок. 200 г.", "c. AD 200"},
        {-350, -300, "350–300 г. пр. Хр.", "350–300 BC"},
        {200, 250, "200–250 г.", "AD 200–250"},
        {-20, 10, "20 г. пр. Хр. – 10 г.", "20 BC – AD 10"},
        {-399, -301, "IV в. пр. Хр.", "4th century BC"},
        {-400, -300, "IV–III в. пр. Хр.", "4th–3rd century BC"},
        {-1200, -1101, "XII в. пр. Хр.", "12th century BC"},
        {-500, -100, "V–I в. пр. Хр.", "5th–1st century BC"},
        {101, 300, "II–III в.", "2nd–3rd century AD"},
        {1101, 1300, "XII–XIII в.", "12th–13th century AD"},
        {1901, 2000, "XX в.", "20th century AD"},
        {2001, 2100, "XXI в.", "21st century AD"},
        {-100, 100, "I в. пр. Хр. – I в.", "1st century BC – 1st century AD"},
        {-4500, -4000, "XLV–XL в. пр. Хр.", "45th–40th century BC"},
    };
    for (const auto& c : cases) {
      CAPTURE(*c.from);
      CAPTURE(*c.to);
      CHECK(format_period(c.from, c.to, "bg") == c.bg);
      CHECK(format_period(c.from, c.to, "en") == c.en);
    }
  }

  TEST_CASE("One known end reads as a single year") {
    CHECK(format_period(-350, std::nullopt, "en") == "c. 350 BC");
    CHECK(format_period(std::nullopt, 120, "bg") == "ок. 120 г.");
  }

  TEST_CASE("No dates, or a language without wording, give an empty label") {
    CHECK(format_period(std::nullopt, std::nullopt, "bg").empty());
    CHECK(format_period(-350, -300, "de").empty());
  }

  TEST_CASE("Reversed ends are put in order") {
    CHECK(format_period(-300, -400, "en") == "4th–3rd century BC");
  }
}
