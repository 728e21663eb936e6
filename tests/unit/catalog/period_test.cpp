#include <doctest/doctest.h>

#include <cctype>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "core/utf8.h"

using orpheus::catalog::Certainty;
using orpheus::catalog::format_period;
using orpheus::catalog::period_language;

namespace {
struct Case {
  std::optional<int> from, to;
  const char* bg;
  const char* en;
};

struct MoreCase {
  std::optional<int> from, to;
  const char* de;
  const char* fr;
  const char* ru;
  const char* el;
};

// Bulgarian, French and Russian group thousands with a no-break space, so that a number never
// breaks across lines; the cases write a plain one for legibility.
std::string no_break(std::string s) {
  for (std::size_t at = 1; at + 1 < s.size(); ++at)
    if (s[at] == ' ' && std::isdigit(static_cast<unsigned char>(s[at - 1])) &&
        std::isdigit(static_cast<unsigned char>(s[at + 1])))
      s.replace(at, 1, "\u00A0");
  return s;
}
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
      CHECK(format_period(c.from, c.to, "bg") == no_break(c.bg));
      CHECK(format_period(c.from, c.to, "en") == c.en);
    }
  }

  TEST_CASE("Year ranges read as German, French, Russian and Greek period labels, by the same rules") {
    const MoreCase cases[] = {
        {-350, -350, "350 v. Chr.", "350 av. J.-C.", "350 г. до н. э.", "350 π.Χ."},
        {200, 200, "200 n. Chr.", "200 apr. J.-C.", "200 г. н. э.", "200 μ.Χ."},
        {1844, 1844, "1844", "1844", "1844 г.", "1844"},
        // Russian counts a range of years in "гг.", of centuries in "вв.".
        {-350, -300, "350–300 v. Chr.", "350–300 av. J.-C.", "350–300 гг. до н. э.", "350–300 π.Χ."},
        {1825, 1827, "1825–1827", "1825–1827", "1825–1827 гг.", "1825–1827"},
        {999, 1001, "999–1001 n. Chr.", "999–1001 apr. J.-C.", "999–1001 гг. н. э.", "999–1001 μ.Χ."},
        {-20, 10, "20 v. Chr. – 10 n. Chr.", "20 av. J.-C. – 10 apr. J.-C.", "20 г. до н. э. – 10 г. н. э.",
         "20 π.Χ. – 10 μ.Χ."},
        {-1, 1, "1 v. Chr. – 1 n. Chr.", "1 av. J.-C. – 1 apr. J.-C.", "1 г. до н. э. – 1 г. н. э.", "1 π.Χ. – 1 μ.Χ."},
        {-399, -301, "4. Jh. v. Chr.", "IVe siècle av. J.-C.", "IV в. до н. э.", "4ος αι. π.Χ."},
        {-400, -300, "4.–3. Jh. v. Chr.", "IVe–IIIe siècle av. J.-C.", "IV–III вв. до н. э.", "4ος–3ος αι. π.Χ."},
        {-500, -100, "5.–1. Jh. v. Chr.", "Ve–Ier siècle av. J.-C.", "V–I вв. до н. э.", "5ος–1ος αι. π.Χ."},
        {101, 200, "2. Jh. n. Chr.", "IIe siècle apr. J.-C.", "II в. н. э.", "2ος αι. μ.Χ."},
        {101, 300, "2.–3. Jh. n. Chr.", "IIe–IIIe siècle apr. J.-C.", "II–III вв. н. э.", "2ος–3ος αι. μ.Χ."},
        {1101, 1300, "12.–13. Jh.", "XIIe–XIIIe siècle", "XII–XIII вв.", "12ος–13ος αι."},
        // A Greek ordinal keeps the accent of its word: εικοστός "20ός", δέκατος "10ος".
        {1901, 2000, "20. Jh.", "XXe siècle", "XX в.", "20ός αι."},
        {2001, 2100, "21. Jh.", "XXIe siècle", "XXI в.", "21ος αι."},
        {-1000, -901, "10. Jh. v. Chr.", "Xe siècle av. J.-C.", "X в. до н. э.", "10ος αι. π.Χ."},
        {-100, 100, "1. Jh. v. Chr. – 1. Jh. n. Chr.", "Ier siècle av. J.-C. – Ier siècle apr. J.-C.",
         "I в. до н. э. – I в. н. э.", "1ος αι. π.Χ. – 1ος αι. μ.Χ."},
        // Millennia; χιλιετία is feminine.
        {-1000, -1, "1. Jahrtausend v. Chr.", "Ier millénaire av. J.-C.", "I тыс. до н. э.", "1η χιλιετία π.Χ."},
        {-2000, -1001, "2. Jahrtausend v. Chr.", "IIe millénaire av. J.-C.", "II тыс. до н. э.", "2η χιλιετία π.Χ."},
        {1001, 2000, "2. Jahrtausend", "IIe millénaire", "II тыс.", "2η χιλιετία"},
        {-6000, -3000, "6.–3. Jahrtausend v. Chr.", "VIe–IIIe millénaire av. J.-C.", "VI–III тыс. до н. э.",
         "6η–3η χιλιετία π.Χ."},
        {-25000, -9001, "25.–10. Jahrtausend v. Chr.", "XXVe–Xe millénaire av. J.-C.", "XXV–X тыс. до н. э.",
         "25η–10η χιλιετία π.Χ."},
        {-20000, -19001, "20. Jahrtausend v. Chr.", "XXe millénaire av. J.-C.", "XX тыс. до н. э.", "20ή χιλιετία π.Χ."},
        {-1000, 1000, "1. Jahrtausend v. Chr. – 1. Jahrtausend n. Chr.", "Ier millénaire av. J.-C. – Ier millénaire apr. J.-C.",
         "I тыс. до н. э. – I тыс. н. э.", "1η χιλιετία π.Χ. – 1η χιλιετία μ.Χ."},
        // Far back: years again, grouped with a dot (de, el) or a no-break space (fr, ru).
        {-12000, -11990, "12.000–11.990 v. Chr.", "12 000–11 990 av. J.-C.", "12 000–11 990 гг. до н. э.",
         "12.000–11.990 π.Χ."},
        {-500000, -500000, "500.000 v. Chr.", "500 000 av. J.-C.", "500 000 г. до н. э.", "500.000 π.Χ."},
        {-1400000, -1200000, "1.400.000–1.200.000 v. Chr.", "1 400 000–1 200 000 av. J.-C.",
         "1 400 000–1 200 000 гг. до н. э.", "1.400.000–1.200.000 π.Χ."},
    };
    for (const auto& c : cases) {
      CAPTURE(*c.from);
      CAPTURE(*c.to);
      CHECK(format_period(c.from, c.to, "de") == c.de);
      CHECK(format_period(c.from, c.to, "fr") == no_break(c.fr));
      CHECK(format_period(c.from, c.to, "ru") == no_break(c.ru));
      CHECK(format_period(c.from, c.to, "el") == c.el);
    }
  }

  TEST_CASE("Every label is drawn by the kiosk's fonts") {
    // Basic Latin to Latin Extended-A, combining marks, Greek, Cyrillic, Greek Extended, and
    // dashes to quotes: no narrow no-break space (U+202F), which the fonts lack.
    const auto drawn = [](char32_t c) {
      return (c >= 0x20 && c <= 0x17F) || (c >= 0x300 && c <= 0x36F) || (c >= 0x370 && c <= 0x3FF) ||
             (c >= 0x400 && c <= 0x52F) || (c >= 0x1F00 && c <= 0x1FFF) || (c >= 0x2010 && c <= 0x2027) ||
             (c >= 0x2030 && c <= 0x203A);
    };
    const int ranges[][2] = {{-350, -350}, {-400, -300}, {-2000, -1001}, {-100, 100}, {-20, 10}, {-500000, -400000}};
    for (const char* lang : {"bg", "en", "de", "fr", "ru", "el"})
      for (const auto& [from, to] : ranges)
        for (Certainty certainty : {Certainty::exact, Certainty::circa, Certainty::uncertain}) {
          const std::string label = format_period(from, to, lang, certainty);
          CAPTURE(label);
          REQUIRE_FALSE(label.empty());
          for (std::size_t at = 0; at < label.size();) {
            const auto [c, length] = orpheus::core::decode_utf8(label, at);
            REQUIRE(length > 0);
            CHECK(drawn(c));
            at += length;
          }
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
    // German and French say "um 350" and "vers 350" of a year, but "ca." and "vers le" of a century.
    CHECK(format_period(-350, -350, "de", Certainty::circa) == "um 350 v. Chr.");
    CHECK(format_period(1825, 1827, "de", Certainty::circa) == "um 1825–1827");
    CHECK(format_period(-400, -301, "de", Certainty::circa) == "ca. 4. Jh. v. Chr.");
    CHECK(format_period(1780, 1780, "de", Certainty::uncertain) == "vermutlich 1780");
    CHECK(format_period(-350, -350, "fr", Certainty::circa) == "vers 350 av. J.-C.");
    CHECK(format_period(-400, -301, "fr", Certainty::circa) == "vers le IVe siècle av. J.-C.");
    CHECK(format_period(-1000, -1, "fr", Certainty::circa) == "vers le Ier millénaire av. J.-C.");
    CHECK(format_period(1780, 1780, "fr", Certainty::uncertain) == "probablement 1780");
    CHECK(format_period(-350, -350, "ru", Certainty::circa) == "ок. 350 г. до н. э.");
    CHECK(format_period(-400, -301, "ru", Certainty::circa) == "ок. IV в. до н. э.");
    CHECK(format_period(1780, 1780, "ru", Certainty::uncertain) == "предположительно 1780 г.");
    CHECK(format_period(-350, -350, "el", Certainty::circa) == "περ. 350 π.Χ.");
    CHECK(format_period(-400, -301, "el", Certainty::circa) == "περ. 4ος αι. π.Χ.");
    CHECK(format_period(1780, 1780, "el", Certainty::uncertain) == "πιθανώς 1780");
  }

  TEST_CASE("One known end reads as a single year") {
    // Exact, like any single year (this read "c. 350 BC" before circa became a parameter).
    CHECK(format_period(-350, std::nullopt, "en") == "350 BCE");
    CHECK(format_period(std::nullopt, 120, "bg") == "120 г. сл. Хр.");
    CHECK(format_period(-350, std::nullopt, "de") == "350 v. Chr.");
    CHECK(format_period(std::nullopt, 120, "fr") == "120 apr. J.-C.");
    CHECK(format_period(-350, std::nullopt, "ru") == "350 г. до н. э.");
    CHECK(format_period(std::nullopt, 120, "el") == "120 μ.Χ.");
  }

  TEST_CASE("A year 0 reads as 1 CE") {
    CHECK(format_period(0, 0, "en") == "1 CE");
    CHECK(format_period(0, 0, "de") == "1 n. Chr.");
    CHECK(format_period(-10, 0, "ru") == "10 г. до н. э. – 1 г. н. э.");
  }

  TEST_CASE("No dates, or a language without wording, give an empty label") {
    CHECK(format_period(std::nullopt, std::nullopt, "bg").empty());
    CHECK(format_period(std::nullopt, std::nullopt, "en", Certainty::circa).empty());
    CHECK(format_period(std::nullopt, std::nullopt, "el").empty());
    CHECK(format_period(-350, -300, "it").empty());
  }

  TEST_CASE("Reversed ends are put in order") {
    CHECK(format_period(-300, -400, "en") == "4th–3rd century BCE");
    CHECK(format_period(-300, -400, "fr") == "IVe–IIIe siècle av. J.-C.");
    CHECK(format_period(10, -20, "el") == "20 π.Χ. – 10 μ.Χ.");
  }

  TEST_CASE("A visitor's language words the dates where it can, else English") {
    for (const char* lang : {"bg", "de", "el", "en", "fr", "ru"}) CHECK(period_language(lang) == lang);
    CHECK(period_language("it") == "en");
    CHECK(period_language("") == "en");
  }
}
