// format_period: a human label for a year range, in each language the kiosk words dates in.
#include <string>
#include <string_view>
#include <utility>

#include "catalog/catalog.h"

namespace orpheus::catalog {
namespace {

constexpr const char* kDash = "\u2013";      // en dash between the ends of a range
constexpr long long kYearsUpTo = 50;         // a range this short shows years, not centuries
constexpr long long kCenturiesUnder = 1000;  // a range this long shows millennia
constexpr int kCenturiesFrom = -10000;       // older years show millennia ("CCL в." is unreadable)
constexpr int kMillenniaFrom = -100000;      // older years show years ("500 000 г. пр. Хр.", not "D хил.")
constexpr int kEraFrom = 1000;               // years of our era from this one on go without "CE" / "сл. Хр."

struct Year {
  int number;  // 350 for 350 BC, 200 for AD 200
  bool bce;
};

// Years are BCE-negative. There is no year 0; a 0 is read as AD 1's neighbour, i.e. CE.
Year year_of(int y) { return y < 0 ? Year{-y, true} : Year{y == 0 ? 1 : y, false}; }

int century_of(const Year& y) { return (y.number - 1) / 100 + 1; }
int millennium_of(const Year& y) { return (y.number - 1) / 1000 + 1; }

// Numbers the n-th century or millennium (`millennia`): "4th", "IV", "4.", "IVe", "4ος" / "4η".
using Ordinal = std::string (*)(int n, bool millennia);

std::string roman(int n, bool = false) {
  static constexpr struct { int value; const char* digits; } table[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
      {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [value, digits] : table)
    while (n >= value) {
      out += digits;
      n -= value;
    }
  return out;
}

std::string ordinal_en(int n, bool) {
  const int last_two = n % 100, last = n % 10;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    else if (last == 2) suffix = "nd";
    else if (last == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string ordinal_de(int n, bool) { return std::to_string(n) + "."; }

// siècle and millénaire are masculine: "Ier", then "IIe", "IVe".
std::string roman_fr(int n, bool) { return roman(n) + (n == 1 ? "er" : "e"); }

// Masculine for αιώνας, feminine for χιλιετία; the ending keeps the accent of the word it stands
// for: "20ός" (εικοστός), "100ός", but "10ος" (δέκατος), "21ος", "110ος".
std::string ordinal_el(int n, bool millennia) {
  const bool stressed = n % 10 == 0 && n % 100 != 10;
  return std::to_string(n) + (millennia ? (stressed ? "ή" : "η") : (stressed ? "ός" : "ος"));
}

// What follows the number or numbers: after one ("350 г.", "IV в.") and after a range of them
// ("350–300 гг.", "IV–III вв.").
struct Unit {
  const char* one;
  const char* range;
};

// How one language words dates. Era and unit words carry their leading space.
struct Words {
  std::string_view lang;
  const char* bce;
  const char* ce;
  const char* thousands;  // groups the thousands of numbers from 10,000 on
  Unit year, century, millennium;
  Ordinal ordinal;
  const char* circa;        // before years: "um 350 v. Chr."
  const char* circa_spans;  // before centuries and millennia: "ca. 4. Jh.", "vers le IVe siècle"
  const char* uncertain;
};

constexpr Words kWords[] = {
    {"bg", " пр. Хр.", " сл. Хр.", "\u00A0", {" г.", " г."}, {" в.", " в."}, {" хил.", " хил."}, roman, "ок. ",
     "ок. ", "вероятно "},
    {"en", " BCE", " CE", ",", {"", ""}, {" century", " century"}, {" millennium", " millennium"}, ordinal_en, "c. ",
     "c. ", "probably "},
    {"de", " v. Chr.", " n. Chr.", ".", {"", ""}, {" Jh.", " Jh."}, {" Jahrtausend", " Jahrtausend"}, ordinal_de,
     "um ", "ca. ", "vermutlich "},
    {"fr", " av. J.-C.", " apr. J.-C.", "\u00A0", {"", ""}, {" siècle", " siècle"}, {" millénaire", " millénaire"},
     roman_fr, "vers ", "vers le ", "probablement "},
    {"ru", " до н. э.", " н. э.", "\u00A0", {" г.", " гг."}, {" в.", " вв."}, {" тыс.", " тыс."}, roman, "ок. ",
     "ок. ", "предположительно "},
    {"el", " π.Χ.", " μ.Χ.", ".", {"", ""}, {" αι.", " αι."}, {" χιλιετία", " χιλιετία"}, ordinal_el, "περ. ",
     "περ. ", "πιθανώς "},
};

const Words* words_of(std::string_view lang) {
  for (const Words& w : kWords)
    if (w.lang == lang) return &w;
  return nullptr;
}

// 1844 -> "1844"; from 10,000 on the thousands are grouped: "500,000", "500.000", "500 000".
std::string number(int n, const Words& w) {
  std::string digits = std::to_string(n);
  if (n < 10000) return digits;
  for (auto at = static_cast<long>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), w.thousands);
  return digits;
}

// Whether a range starting at `a` names its era: always before Christ, in our era only in its
// first millennium ("200 CE", "II в. сл. Хр.", but "1844", "XII в."), and on both sides of a
// range that crosses from one era into the other.
bool names_era(Year a) { return a.bce || a.number < kEraFrom; }

// `na` and `nb` number the ends a and b (years, centuries or millennia) in `unit`: "350 BCE",
// "350–300 гг. до н. э.", "4.–3. Jh. v. Chr.", across the era "20 BCE – 10 CE".
std::string label(const std::string& na, const std::string& nb, Year a, Year b, const Unit& unit, const Words& w) {
  if (a.bce != b.bce) return na + unit.one + w.bce + " " + kDash + " " + nb + unit.one + w.ce;
  const std::string era = !names_era(a) ? "" : a.bce ? w.bce : w.ce;
  if (na == nb) return na + unit.one + era;
  return na + kDash + nb + unit.range + era;
}

// y0..y1 is exactly one or more whole millennia, e.g. -2000..-1001 or 1001..2000.
bool whole_millennia(int y0, int y1) {
  const auto starts = [](int y) { return y < 0 ? -y % 1000 == 0 : y % 1000 == 1; };
  const auto ends = [](int y) { return y < 0 ? -y % 1000 == 1 : y % 1000 == 0; };
  return starts(y0) && ends(y1);
}

}  // namespace

const char* to_string(Certainty c) {
  switch (c) {
    case Certainty::circa: return "circa";
    case Certainty::uncertain: return "uncertain";
    default: return "exact";
  }
}

Certainty certainty_named(std::string_view name) {
  return name == "circa" ? Certainty::circa : name == "uncertain" ? Certainty::uncertain : Certainty::exact;
}

std::string_view period_language(std::string_view lang) {
  const Words* w = words_of(lang);
  return w ? w->lang : "en";
}

std::string format_period(std::optional<int> from, std::optional<int> to, std::string_view lang, Certainty certainty) {
  const Words* w = words_of(lang);
  if (!w) return {};  // no wording for this language: the caller falls back to another one
  if (!from && !to) return {};
  int y0 = from ? *from : *to, y1 = to ? *to : *from;
  if (y0 > y1) std::swap(y0, y1);
  const Year a = year_of(y0), b = year_of(y1);
  // Years apart across the era: 20 BC .. AD 10 is 29 years (no year 0), but a rough count is fine.
  const long long span = static_cast<long long>(y1) - y0;
  const bool years = span <= kYearsUpTo || y0 < kMillenniaFrom;
  const bool millennia = span >= kCenturiesUnder || whole_millennia(y0, y1) || y0 < kCenturiesFrom;
  std::string text;
  if (years) text = label(number(a.number, *w), number(b.number, *w), a, b, w->year, *w);
  else {
    const auto of = millennia ? millennium_of : century_of;
    text = label(w->ordinal(of(a), millennia), w->ordinal(of(b), millennia), a, b,
                 millennia ? w->millennium : w->century, *w);
  }
  const char* prefix = certainty == Certainty::circa       ? (years ? w->circa : w->circa_spans)
                       : certainty == Certainty::uncertain ? w->uncertain
                                                           : "";
  return prefix + text;
}

}  // namespace orpheus::catalog
