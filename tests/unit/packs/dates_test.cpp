// parse_date: museum dates into years (docs/dates.md). The first table holds real dateText
// values of the Tate collection export (CC0, ORPHEUS_TESTDATA_DIR/real/tate, see
// ../shared/testdata/SOURCES.md); the last test parses every record of that file.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "packs/csv.h"
#include "packs/dates.h"

using namespace orpheus;
using catalog::Certainty;
using packs::Date;
using packs::parse_date;
namespace fs = std::filesystem;

namespace {

constexpr Certainty E = Certainty::exact, C = Certainty::circa, U = Certainty::uncertain;

struct Case {
  const char* text;
  int earliest, latest;
  Certainty certainty = E;
  const char* qualifier = "";
  const char* note = "";
};

void check_years(const Case& c) {
  CAPTURE(c.text);
  const Date d = parse_date(c.text);
  CHECK_MESSAGE(d.kind == Date::Kind::years, d.why);
  if (d.kind != Date::Kind::years) return;
  CHECK(d.earliest == c.earliest);
  CHECK(d.latest == c.latest);
  CHECK(d.certainty == c.certainty);
  CHECK(d.qualifier == c.qualifier);
  CHECK(d.note == c.note);
}

const fs::path kTate = ORPHEUS_TESTDATA_DIR "/real/tate/tate-artworks-sample.csv";

}  // namespace

TEST_SUITE("Museum dates") {
  TEST_CASE("Real dates of the Tate export read as years") {
    const Case cases[] = {
        // Exact years: never circa.
        {"1846", 1846, 1846},
        {"1831", 1831, 1831},
        {"1864", 1864, 1864},
        {"1808", 1808, 1808},
        {"1809", 1809, 1809},
        {"1811", 1811, 1811},
        {"1816", 1816, 1816},
        {"1819", 1819, 1819},
        {"1997", 1997, 1997},
        {"2005", 2005, 2005},
        {"1976", 1976, 1976},
        {"2002", 2002, 2002},
        // Circa.
        {"c.1851", 1851, 1851, C},
        {"c.1858", 1858, 1858, C},
        {"c.1902", 1902, 1902, C},
        {"c.1989", 1989, 1989, C},
        {"c.1789", 1789, 1789, C},
        {"c.1798", 1798, 1798, C},
        {"c.1799", 1799, 1799, C},
        {"c.1797", 1797, 1797, C},
        {"c. 1936", 1936, 1936, C},
        {"c. 1926", 1926, 1926, C},
        // Ranges with the second year shortened, en dashes.
        {"1806–7", 1806, 1807},
        {"1916–7", 1916, 1917},
        {"1951–2", 1951, 1952},
        {"1794–5", 1794, 1795},
        {"1798–9", 1798, 1799},
        {"1796–7", 1796, 1797},
        {"1797–8", 1797, 1798},
        {"1800–1", 1800, 1801},
        {"1976–86", 1976, 1986},
        {"1975–80", 1975, 1980},
        {"1814–16", 1814, 1816},
        {"1818–19", 1818, 1819},
        {"1799–1800", 1799, 1800},
        {"1999–2001", 1999, 2001},
        {"1997–2003", 1997, 2003},
        {"c.1825–7", 1825, 1827, C},
        {"c.1811–2", 1811, 1812, C},
        {"c.1933–8", 1933, 1938, C},
        {"c.1800–7", 1800, 1807, C},
        {"c.1805–6", 1805, 1806, C},
        {"c.1804–6", 1804, 1806, C},
        {"c.1814–15", 1814, 1815, C},
        {"c.1807–10", 1807, 1810, C},
        {"c.1806–10", 1806, 1810, C},
        {"c.1806–14", 1806, 1814, C},
        {"c.1808–10", 1808, 1810, C},
        {"c.1809–14", 1809, 1814, C},
        {"c.1809–11", 1809, 1811, C},
        {"c.1808–11", 1808, 1811, C},
        {"c.1799–1801", 1799, 1801, C},
        {"c.1799–1800", 1799, 1800, C},
        {"c.1799–1802", 1799, 1802, C},
        {"c.1799–1805", 1799, 1805, C},
        {"circa 1809–11", 1809, 1811, C},
        // Question marks: uncertain, also over circa.
        {"?1792", 1792, 1792, U},
        {"?1793", 1793, 1793, U},
        {"?1794", 1794, 1794, U},
        {"?1796", 1796, 1796, U},
        {"?1827–9", 1827, 1829, U},
        {"?1827–8", 1827, 1828, U},
        {"?1829–32", 1829, 1832, U},
        {"?1858–60", 1858, 1860, U},
        {"?c.1825", 1825, 1825, U},
        {"?c.1840–5", 1840, 1845, U},
        {"?c.1815–23", 1815, 1823, U},
        {"?c.1759–65", 1759, 1765, U},
        // Alternatives: the range of both, uncertain.
        {"1786 or 1800", 1786, 1800, U},
        // Decades and centuries.
        {"1950s", 1950, 1959},
        {"late 18th C", 1768, 1800},
        // What the date is of: published, exhibited ... and bounds (the year named).
        {"published 1843", 1843, 1843, E, "published"},
        {"published 1864", 1864, 1864, E, "published"},
        {"published 1818", 1818, 1818, E, "published"},
        {"published 1859–61", 1859, 1861, E, "published"},
        {"first published 1792", 1792, 1792, E, "first published"},
        {"published by 1832–4", 1832, 1834, E, "published by"},
        {"exhibited 1823", 1823, 1823, E, "exhibited"},
        {"exhibited 1843", 1843, 1843, E, "exhibited"},
        {"?exhibited 1812", 1812, 1812, U, "exhibited"},
        {"engraved 1836", 1836, 1836, E, "engraved"},
        {"first printed c.1773", 1773, 1773, C, "first printed"},
        {"after c.1830", 1830, 1830, C, "after"},
        // Reprints, casts, later dates: the first date; the rest kept as written.
        {"1825, reprinted 1874", 1825, 1825, E, "", "reprinted 1874"},
        {"1780, reprinted 1974", 1780, 1780, E, "", "reprinted 1974"},
        {"1821, reprinted 1977", 1821, 1821, E, "", "reprinted 1977"},
        {"1972, reprinted c.1983", 1972, 1972, E, "", "reprinted c.1983"},
        {"1977, reprinted c.1983", 1977, 1977, E, "", "reprinted c.1983"},
        {"published 1819, reprinted 1978–9", 1819, 1819, E, "published", "reprinted 1978–9"},
        {"c. 1821, printed 1830", 1821, 1821, C, "", "printed 1830"},
        {"1985, printed 1990", 1985, 1985, E, "", "printed 1990"},
        {"1976, printed 2003", 1976, 1976, E, "", "printed 2003"},
        {"1953–4, printed 2002", 1953, 1954, E, "", "printed 2002"},
        {"1962, printed after 1971", 1962, 1962, E, "", "printed after 1971"},
        {"1966, printed after 1971", 1966, 1966, E, "", "printed after 1971"},
        {"1970–1, printed after 1971", 1970, 1971, E, "", "printed after 1971"},
        {"1952, probably printed later", 1952, 1952, E, "", "probably printed later"},
        {"1974, printed later", 1974, 1974, E, "", "printed later"},
        {"1830–2, exhibited 1832", 1830, 1832, E, "", "exhibited 1832"},
        {"1829–30, exhibited 1831", 1829, 1830, E, "", "exhibited 1831"},
        {"1839, exhibited 1839", 1839, 1839, E, "", "exhibited 1839"},
        {"1972, published 1983", 1972, 1972, E, "", "published 1983"},
        {"1980–1, published 1982", 1980, 1981, E, "", "published 1982"},
        {"1977–8, published 1979", 1977, 1978, E, "", "published 1979"},
        {"1992, 1993", 1992, 1992, E, "", "1993"},
        {"1973, 1978", 1973, 1973, E, "", "1978"},
        {"1995–6, 2007", 1995, 1996, E, "", "2007"},
        {"c.1982, 2007", 1982, 1982, C, "", "2007"},
        {"1796, c.1818", 1796, 1796, E, "", "c.1818"},
        {"2001, reproduced 2007", 2001, 2001, E, "", "reproduced 2007"},
        {"1976–7, enlarged version 2007", 1976, 1977, E, "", "enlarged version 2007"},
        {"1914, cast c.1964", 1914, 1914, E, "", "cast c.1964"},
        {"1932, cast 1960s", 1932, 1932, E, "", "cast 1960s"},
        {"1926–8, reconstructed 1958", 1926, 1928, E, "", "reconstructed 1958"},
        {"1921, editioned replica 1972", 1921, 1921, E, "", "editioned replica 1972"},
    };
    static_assert(std::size(cases) >= 100);
    for (const Case& c : cases) check_years(c);
  }

  TEST_CASE("English forms read as years") {
    const Case cases[] = {
        {"1844", 1844, 1844},
        {"c. 1825-27", 1825, 1827, C},
        {"?c.1779-80", 1779, 1780, U},
        {"1969–70", 1969, 1970},
        {"1901–2", 1901, 1902},
        {"1899—1901", 1899, 1901},  // em dash
        {"1825 - 1827", 1825, 1827},
        {"1825 to 1827", 1825, 1827},
        {"from 1825 to 1827", 1825, 1827},
        {"between 1825 and 1827", 1825, 1827},
        {"ca. 1825", 1825, 1825, C},
        {"about 1825", 1825, 1825, C},
        {"1825?", 1825, 1825, U},
        {"probably 1825", 1825, 1825, U},
        {"[1825]", 1825, 1825},
        {"1813 or 1814", 1813, 1814, U},
        {"1618/19", 1618, 1619, U},
        {"1820s", 1820, 1829},
        {"the 1820s", 1820, 1829},
        {"1820's", 1820, 1829},
        {"c.1820s", 1820, 1829, C},
        {"early 1820s", 1820, 1822},
        {"1820–30s", 1820, 1839},
        {"18th century", 1701, 1800},
        {"18th c.", 1701, 1800},
        {"18th-century", 1701, 1800},
        {"mid-18th-century", 1734, 1767},
        {"early 19th century", 1801, 1833},
        {"mid-19th century", 1834, 1867},
        {"mid 19th century", 1834, 1867},
        {"late 18th century", 1768, 1800},
        {"first half of the 18th century", 1701, 1750},
        {"2nd half of the 18th century", 1751, 1800},
        {"18th–19th century", 1701, 1900},
        {"late 18th–early 19th century", 1768, 1833},
        {"c. 18th century", 1701, 1800, C},
        {"4th century BC", -400, -301},
        {"4th–3rd century BC", -400, -201},
        {"4th century BC – 1st century AD", -400, 100},
        {"2nd millennium BC", -2000, -1001},
        {"25th–10th millennium BC", -25000, -9001},
        {"500,000 BC", -500000, -500000},
        {"c. 1,400,000 BC", -1400000, -1400000, C},
        {"12,000 BP", -10051, -10051},  // BP counts back from 1950; there is no year 0
        {"350 BC", -350, -350},
        {"-350", -350, -350},  // a spreadsheet's BCE-negative year
        {"\u2212350", -350, -350},
        {"-400 – -300", -400, -300},
        {"350 BCE", -350, -350},
        {"350 B.C.", -350, -350},
        {"c. 350 B.C.E.", -350, -350, C},
        {"350–300 BC", -350, -300},
        {"20 BC – AD 10", -20, 10},
        {"AD 200", 200, 200},
        {"AD 200–50", 200, 250},
        {"200 CE", 200, 200},
        {"200 C.E.", 200, 200},
        {"1028 AH/AD 1618-1619", 1618, 1619},  // the Hijri date is left for the Gregorian one
        {"published 1823", 1823, 1823, E, "published"},
        {"exhibited 1851", 1851, 1851, E, "exhibited"},
        {"before 1850", 1850, 1850, E, "before"},
        {"not later than 1850", 1850, 1850, E, "not later than"},
        {"1825; reprinted 1874", 1825, 1825, E, "", "reprinted 1874"},
        {"XVIII", 1701, 1800},  // a Roman numeral alone is a century
    };
    for (const Case& c : cases) check_years(c);
  }

  TEST_CASE("Bulgarian forms read as years") {
    const Case cases[] = {
        {"1844 г.", 1844, 1844},
        {"1844г.", 1844, 1844},
        {"ок. 1844 г.", 1844, 1844, C},
        {"около 1844 г.", 1844, 1844, C},
        {"1825–1827 г.", 1825, 1827},
        {"1825–27 г.", 1825, 1827},
        {"от 1825 до 1827 г.", 1825, 1827},
        {"между 1825 и 1827 г.", 1825, 1827},
        {"1820-те години", 1820, 1829},
        {"ок. 350 г. пр. Хр.", -350, -350, C},
        {"350 пр.н.е.", -350, -350},
        {"350–300 г. пр. Хр.", -350, -300},
        {"20 г. пр. Хр. – 10 г.", -20, 10},  // an end with its own "г." and no era after a BC one is AD
        {"200 г. сл. Хр.", 200, 200},
        {"200 г. от н.е.", 200, 200},
        {"IV в. пр. Хр.", -400, -301},
        {"IV–III в. пр. Хр.", -400, -201},
        {"IV в. пр. Хр. – I в.", -400, 100},
        {"края на IV в. пр. Хр.", -333, -301},
        {"началото на III в.", 201, 233},
        {"средата на XIX в.", 1834, 1867},
        {"в края на XVIII в.", 1768, 1800},
        {"първата половина на XIX в.", 1801, 1850},
        {"втората половина на XIX век", 1851, 1900},
        {"края на XVIII – началото на XIX в.", 1768, 1833},
        {"XVIII-XIX в.", 1701, 1900},
        {"ХVІІІ в.", 1701, 1800},  // Cyrillic Х and І, as typed on a Bulgarian keyboard
        {"18 в.", 1701, 1800},
        {"ок. XIV–XII в. пр. Хр.", -1400, -1101, C},
        {"II хил. пр. Хр.", -2000, -1001},
        {"XXV–X хил. пр. Хр.", -25000, -9001},
        {"VI–V хилядолетие пр. Хр.", -6000, -4001},
        {"500 000 г. пр. Хр.", -500000, -500000},
        {"вероятно 1844 г.", 1844, 1844, U},
        {"1844 г. (?)", 1844, 1844, U},
        {"изработен 1844 г.", 1844, 1844, E, "изработен"},
        {"след 1878 г.", 1878, 1878, E, "след"},
    };
    for (const Case& c : cases) check_years(c);
  }

  TEST_CASE("Texts saying there is no date read as unknown, not year 1") {
    for (const char* text : {"date not known", "Date not known", "n.d.", "N.D.", "nd", "s.d.", "undated", "unknown",
                             "no date", "(undated)", "?", "", "   ", "неизвестна", "без дата", "недатиран"}) {
      CAPTURE(text);
      const Date d = parse_date(text);
      CHECK(d.kind == Date::Kind::unknown);
      CHECK(d.understood());
      CHECK_FALSE(d.earliest);
      CHECK_FALSE(d.latest);
    }
    const Date d = parse_date("undated, reprinted 1874");
    CHECK(d.kind == Date::Kind::unknown);
    CHECK(d.note == "reprinted 1874");
  }

  TEST_CASE("What is not a date is not understood, and says why") {
    const struct {
      const char* text;
      const char* why;
    } cases[] = {
        {"сл. Хр.", "'сл' is not a year or part of a date"},
        {", reprinted 1874", "no date before ','"},
        {"1899–02", "the range ends before it begins ('1899' to '02')"},
        {"1830–1820", "the range ends before it begins ('1830' to '1820')"},
        {"0", "there is no year 0 ('0')"},
        {"10000", "'10000' is after AD 9999"},
        {"1825s", "'1825s' is not a decade: write 1820s"},
        {"1825 reprinted", "'reprinted' is not part of a date (after '1825')"},
        {"1825–", "no year after '–'"},
        {"1820–1830–1840", "a range with more than two ends"},
        {"XVIII г.", "'XVIII' is a century or millennium, not a year"},
        {"1028 AH", "a date in another calendar only (AH)"},
        {"Victorian", "'Victorian' is not a year or part of a date"},
        {"2 million years ago", "'million' is not part of a date (after '2')"},
        {"20-те години на XIX в.", "'на' is not part of a date (after 'години')"},
        {"mix", "'mix' is not a year or part of a date"},
        {"-350 BC", "'350' has both a minus sign and an era: write -350 or 350 BC"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      const Date d = parse_date(c.text);
      CHECK(d.kind == Date::Kind::not_understood);
      CHECK_FALSE(d.understood());
      CHECK_FALSE(d.earliest);
      CHECK(d.why == c.why);
    }
  }

  TEST_CASE("Odd input never throws") {
    const std::string long_number(40, '9');
    for (const std::string& text : {std::string("\xFF\xFE" "1844"), std::string("1844\xC3"), long_number,
                                    std::string("------"), std::string("??c.?"), std::string(",,,"),
                                    std::string(500, 'x'), std::string("1,000,000,000,000 BC")}) {
      CAPTURE(text);
      CHECK_NOTHROW(parse_date(text));
      const Date d = parse_date(text);
      if (d.kind == Date::Kind::years) CHECK(*d.earliest <= *d.latest);
    }
  }

  TEST_CASE("A plain date is one its label says in full") {
    CHECK(parse_date("1844").plain());
    CHECK(parse_date("c.1825–7").plain());
    CHECK(parse_date("IV–III в. пр. Хр.").plain());
    CHECK_FALSE(parse_date("published 1843").plain());
    CHECK_FALSE(parse_date("1825, reprinted 1874").plain());
    CHECK_FALSE(parse_date("1786 or 1800").plain());
    CHECK(parse_date("1786 or 1800").alternative);
    CHECK_FALSE(parse_date("late 18th C").plain());
    CHECK(parse_date("late 18th C").part_of_period);
    CHECK_FALSE(parse_date("date not known").plain());
  }

  TEST_CASE("Parsed dates get the labels museums expect") {
    const struct {
      const char* text;
      const char* bg;
      const char* en;
    } cases[] = {
        {"1844", "1844 г.", "1844"},  // not "c. AD 1844"
        {"c.1825–7", "ок. 1825–1827 г.", "c. 1825–1827"},
        {"?1780", "вероятно 1780 г.", "probably 1780"},
        {"date not known", "", ""},  // not "c. AD 1"
        {"ок. 350 г. пр. Хр.", "ок. 350 г. пр. Хр.", "c. 350 BCE"},
        {"IV–III в. пр. Хр.", "IV–III в. пр. Хр.", "4th–3rd century BCE"},
        {"II хил. пр. Хр.", "II хил. пр. Хр.", "2nd millennium BCE"},
        {"25th–10th millennium BC", "XXV–X хил. пр. Хр.", "25th–10th millennium BCE"},
        {"500,000 BC", "500\u00A0000 г. пр. Хр.", "500,000 BCE"},
        {"AD 200", "200 г. сл. Хр.", "200 CE"},
        {"20 BC – AD 10", "20 г. пр. Хр. – 10 г. сл. Хр.", "20 BCE – 10 CE"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      const Date d = parse_date(c.text);
      CHECK(catalog::format_period(d.earliest, d.latest, "bg", d.certainty) == c.bg);
      CHECK(catalog::format_period(d.earliest, d.latest, "en", d.certainty) == c.en);
    }
  }

  TEST_CASE("Every label format_period writes reads back as the same label") {
    const int ranges[][2] = {{1844, 1844},   {1825, 1827},   {-350, -350},     {-350, -300},   {200, 250},
                             {-20, 10},      {-400, -301},   {-400, -300},     {-1200, -1101}, {101, 300},
                             {1901, 2000},   {-100, 100},    {-1, 1},        {901, 1000},    {1, 1000},    {-4500, -4000},   {-2000, -1001}, {-25000, -9001},
                             {-6000, -3000}, {-1000, 1000},  {-500000, -500000}, {-12000, -11990}};
    for (const auto& [from, to] : ranges)
      for (const char* lang : {"bg", "en"})
        for (Certainty certainty : {E, C, U}) {
          const std::string label = catalog::format_period(from, to, lang, certainty);
          CAPTURE(label);
          const Date d = parse_date(label);
          REQUIRE_MESSAGE(d.kind == Date::Kind::years, d.why);
          CHECK(d.certainty == certainty);
          CHECK(catalog::format_period(d.earliest, d.latest, lang, d.certainty) == label);
        }
  }

  TEST_CASE("Every date of the Tate export is read") {
    if (!fs::exists(kTate)) {
      MESSAGE("Tate export not found at " << kTate.string() << ": skipped");
      return;
    }
    std::ifstream in(kTate, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<packs::detail::CsvIssue> issues;
    const auto table = packs::detail::parse_csv(bytes, ',', issues);
    REQUIRE(issues.empty());
    REQUIRE(table.records.size() == 3008);
    std::size_t date_at = table.header.size(), year_at = table.header.size();
    for (std::size_t i = 0; i < table.header.size(); ++i) {
      if (table.header[i] == "dateText") date_at = i;
      if (table.header[i] == "year") year_at = i;
    }
    REQUIRE(date_at < table.header.size());
    REQUIRE(year_at < table.header.size());

    int years = 0, unknown = 0, not_understood = 0, with_year = 0, year_inside = 0;
    for (const auto& record : table.records) {
      const std::string& text = record.cells.at(date_at);
      CAPTURE(text);
      Date d;
      REQUIRE_NOTHROW(d = parse_date(text));
      switch (d.kind) {
        case Date::Kind::years:
          ++years;
          REQUIRE(d.earliest);
          REQUIRE(d.latest);
          CHECK(*d.earliest <= *d.latest);
          break;
        case Date::Kind::unknown:
          ++unknown;
          CHECK_FALSE(d.earliest);
          break;
        case Date::Kind::not_understood:
          ++not_understood;
          CHECK_FALSE(d.why.empty());
          MESSAGE("not understood: '" << text << "': " << d.why);
          break;
      }
      // The export's own `year` (a number, or empty) lies within the years read from the text.
      const std::string& year = record.cells.at(year_at);
      if (d.kind != Date::Kind::years || year.empty()) continue;
      ++with_year;
      const int y = std::atoi(year.c_str());
      if (*d.earliest <= y && y <= *d.latest) ++year_inside;
      else MESSAGE("year " << year << " is outside '" << text << "' (" << *d.earliest << ".." << *d.latest << ")");
    }
    MESSAGE(years << " dates read as years, " << unknown << " unknown, " << not_understood << " not understood; year "
                  << "column inside the years read: " << year_inside << " of " << with_year);
    // Measured: 2,742 read as years, 266 "date not known", none not understood; the `year`
    // column lies within the years of 2,736 of the 2,742 (99.8 %; the 6 others disagree with
    // their own text, e.g. "c.1837–40" with year 1833, "late 18th C" with 1750).
    CHECK(years >= 2742);
    CHECK(unknown == 266);
    CHECK(not_understood == 0);
    CHECK(with_year == years);
    CHECK(year_inside * 1000 >= with_year * 995);  // at least 99.5 %
  }
}
