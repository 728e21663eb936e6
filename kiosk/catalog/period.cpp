// format_period: a human label for a year range, in Bulgarian or English.
#include <cstdlib>
#include <string>

#include "catalog/catalog.h"

namespace orpheus::catalog {
namespace {

constexpr const char* kDash = "\u2013";  // en dash between the ends of a range
constexpr int kYearsUpTo = 50;           // a range this short shows years, not centuries

enum class Lang { bg, en };

struct Year {
  int number;  // 350 for 350 BC, 200 for AD 200
  bool bce;
};

// Years are BCE-negative. There is no year 0; a 0 is read as AD 1's neighbour, i.e. CE.
Year year_of(int y) { return y < 0 ? Year{-y, true} : Year{y == 0 ? 1 : y, false}; }

int century_of(const Year& y) { return (y.number - 1) / 100 + 1; }

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

// --- Bulgarian: "ок. 350 г. пр. Хр.", "350–300 г. пр. Хр.", "IV–III в. пр. Хр.", "II в." ---
std::string era_bg(bool bce) { return bce ? " пр. Хр." : ""; }

std::string years_bg(Year a, Year b) {
  if (a.number == b.number && a.bce == b.bce) return "ок. " + std::to_string(a.number) + " г." + era_bg(a.bce);
  if (a.bce == b.bce)
    return std::to_string(a.number) + kDash + std::to_string(b.number) + " г." + era_bg(a.bce);
  return std::to_string(a.number) + " г." + era_bg(true) + " " + kDash + " " + std::to_string(b.number) + " г.";
}

std::string centuries_bg(Year a, Year b) {
  const int ca = century_of(a), cb = century_of(b);
  if (a.bce == b.bce) {
    if (ca == cb) return roman(ca) + " в." + era_bg(a.bce);
    return roman(ca) + kDash + roman(cb) + " в." + era_bg(a.bce);
  }
  return roman(ca) + " в." + era_bg(true) + " " + kDash + " " + roman(cb) + " в.";
}

// --- English: "c. 350 BC", "350–300 BC", "AD 200–250", "4th–3rd century BC", "2nd century AD" ---
std::string years_en(Year a, Year b) {
  const std::string na = std::to_string(a.number), nb = std::to_string(b.number);
  if (a.number == b.number && a.bce == b.bce) return a.bce ? "c. " + na + " BC" : "c. AD " + na;
  if (a.bce == b.bce) return a.bce ? na + kDash + nb + " BC" : "AD " + na + kDash + nb;
  return na + " BC " + kDash + " AD " + nb;
}

std::string centuries_en(Year a, Year b) {
  const int ca = century_of(a), cb = century_of(b);
  const char* era_a = a.bce ? " BC" : " AD";
  if (a.bce == b.bce) {
    if (ca == cb) return ordinal(ca) + " century" + era_a;
    return ordinal(ca) + kDash + ordinal(cb) + " century" + era_a;
  }
  return ordinal(ca) + " century BC " + kDash + " " + ordinal(cb) + " century AD";
}

}  // namespace

std::string format_period(std::optional<int> from, std::optional<int> to, std::string_view lang) {
  Lang l;
  if (lang == "bg") l = Lang::bg;
  else if (lang == "en") l = Lang::en;
  else return {};  // no wording for this language: the caller falls back to another one
  if (!from && !to) return {};
  int y0 = from ? *from : *to, y1 = to ? *to : *from;
  if (y0 > y1) std::swap(y0, y1);
  const Year a = year_of(y0), b = year_of(y1);
  // Years apart across the era: 20 BC .. AD 10 is 29 years (no year 0), but a rough count is fine.
  const bool short_range = static_cast<long long>(y1) - y0 <= kYearsUpTo;
  if (short_range) return l == Lang::bg ? years_bg(a, b) : years_en(a, b);
  return l == Lang::bg ? centuries_bg(a, b) : centuries_en(a, b);
}

}  // namespace orpheus::catalog
