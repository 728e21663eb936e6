// format_period: a human label for a year range, in Bulgarian or English.
#include <cstdlib>
#include <string>

#include "catalog/catalog.h"

namespace orpheus::catalog {
namespace {

constexpr const char* kDash = "\u2013";      // en dash between the ends of a range
constexpr const char* kNoBreak = "\u00A0";   // groups the thousands of Bulgarian numbers
constexpr long long kYearsUpTo = 50;         // a range this short shows years, not centuries
constexpr long long kCenturiesUnder = 1000;  // a range this long shows millennia
constexpr int kCenturiesFrom = -10000;       // older years show millennia ("CCL в." is unreadable)
constexpr int kMillenniaFrom = -100000;      // older years show years ("500 000 г. пр. Хр.", not "D хил.")
constexpr int kEraFrom = 1000;               // years of our era from this one on go without "CE" / "сл. Хр."

enum class Lang { bg, en };

struct Year {
  int number;  // 350 for 350 BC, 200 for AD 200
  bool bce;
};

// Years are BCE-negative. There is no year 0; a 0 is read as AD 1's neighbour, i.e. CE.
Year year_of(int y) { return y < 0 ? Year{-y, true} : Year{y == 0 ? 1 : y, false}; }

int century_of(const Year& y) { return (y.number - 1) / 100 + 1; }
int millennium_of(const Year& y) { return (y.number - 1) / 1000 + 1; }

std::string roman(int n) {
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

std::string ordinal(int n) {
  const int last_two = n % 100, last = n % 10;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    else if (last == 2) suffix = "nd";
    else if (last == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

// 1844 -> "1844"; from 10,000 on the thousands are grouped: "500,000" / "500 000".
std::string number(int n, Lang l) {
  std::string digits = std::to_string(n);
  if (n < 10000) return digits;
  const std::string separator = l == Lang::bg ? kNoBreak : ",";
  for (auto at = static_cast<long>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), separator);
  return digits;
}

// Whether a range starting at `a` names its era: always before Christ, in our era only in its
// first millennium ("200 CE", "II в. сл. Хр.", but "1844", "XII в."), and on both sides of a
// range that crosses from one era into the other.
bool names_era(Year a) { return a.bce || a.number < kEraFrom; }

// --- Bulgarian: "350 г. пр. Хр.", "200 г. сл. Хр.", "IV–III в. пр. Хр.", "II хил. пр. Хр." ---
std::string era_bg(Year a) { return !names_era(a) ? "" : a.bce ? " пр. Хр." : " сл. Хр."; }

std::string years_bg(Year a, Year b) {
  const Lang l = Lang::bg;
  if (a.number == b.number && a.bce == b.bce) return number(a.number, l) + " г." + era_bg(a);
  if (a.bce == b.bce) return number(a.number, l) + kDash + number(b.number, l) + " г." + era_bg(a);
  return number(a.number, l) + " г. пр. Хр. " + kDash + " " + number(b.number, l) + " г. сл. Хр.";
}

// `unit` " в." for centuries, " хил." for millennia; `of` numbers a year's century or millennium.
std::string spans_bg(Year a, Year b, int (*of)(const Year&), const char* unit) {
  const int ca = of(a), cb = of(b);
  if (a.bce == b.bce) {
    if (ca == cb) return roman(ca) + unit + era_bg(a);
    return roman(ca) + kDash + roman(cb) + unit + era_bg(a);
  }
  return roman(ca) + unit + " пр. Хр. " + kDash + " " + roman(cb) + unit + " сл. Хр.";
}

// --- English: "350 BCE", "350–300 BCE", "200–250 CE", "1825–1827", "4th–3rd century BCE" ---
std::string era_en(Year a) { return !names_era(a) ? "" : a.bce ? " BCE" : " CE"; }

std::string years_en(Year a, Year b) {
  const Lang l = Lang::en;
  const std::string na = number(a.number, l), nb = number(b.number, l);
  if (a.number == b.number && a.bce == b.bce) return na + era_en(a);
  if (a.bce == b.bce) return na + kDash + nb + era_en(a);
  return na + " BCE " + kDash + " " + nb + " CE";
}

// `unit` " century" or " millennium"; `of` numbers a year's century or millennium.
std::string spans_en(Year a, Year b, int (*of)(const Year&), const char* unit) {
  const int ca = of(a), cb = of(b);
  if (a.bce == b.bce) {
    if (ca == cb) return ordinal(ca) + unit + era_en(a);
    return ordinal(ca) + kDash + ordinal(cb) + unit + era_en(a);
  }
  return ordinal(ca) + unit + " BCE " + kDash + " " + ordinal(cb) + unit + " CE";
}

// y0..y1 is exactly one or more whole millennia, e.g. -2000..-1001 or 1001..2000.
bool whole_millennia(int y0, int y1) {
  const auto starts = [](int y) { return y < 0 ? -y % 1000 == 0 : y % 1000 == 1; };
  const auto ends = [](int y) { return y < 0 ? -y % 1000 == 1 : y % 1000 == 0; };
  return starts(y0) && ends(y1);
}

const char* prefix(Certainty c, Lang l) {
  switch (c) {
    case Certainty::exact: return "";
    case Certainty::circa: return l == Lang::bg ? "ок. " : "c. ";
    case Certainty::uncertain: return l == Lang::bg ? "вероятно " : "probably ";
  }
  return "";
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

std::string_view period_language(std::string_view lang) { return lang == "bg" ? lang : "en"; }

std::string format_period(std::optional<int> from, std::optional<int> to, std::string_view lang, Certainty certainty) {
  Lang l;
  if (lang == "bg") l = Lang::bg;
  else if (lang == "en") l = Lang::en;
  else return {};  // no wording for this language: the caller falls back to another one
  if (!from && !to) return {};
  int y0 = from ? *from : *to, y1 = to ? *to : *from;
  if (y0 > y1) std::swap(y0, y1);
  const Year a = year_of(y0), b = year_of(y1);
  // Years apart across the era: 20 BC .. AD 10 is 29 years (no year 0), but a rough count is fine.
  const long long span = static_cast<long long>(y1) - y0;
  std::string label;
  if (span <= kYearsUpTo || y0 < kMillenniaFrom) label = l == Lang::bg ? years_bg(a, b) : years_en(a, b);
  else if (span >= kCenturiesUnder || whole_millennia(y0, y1) || y0 < kCenturiesFrom)
    label = l == Lang::bg ? spans_bg(a, b, millennium_of, " хил.") : spans_en(a, b, millennium_of, " millennium");
  else label = l == Lang::bg ? spans_bg(a, b, century_of, " в.") : spans_en(a, b, century_of, " century");
  return prefix(certainty, l) + label;
}

}  // namespace orpheus::catalog
