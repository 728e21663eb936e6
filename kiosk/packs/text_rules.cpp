#include "packs/text_rules.h"

#include <algorithm>
#include <array>

namespace orpheus::packs::detail {
namespace {

char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;                      // Latin-1
  if (c >= 0x100 && c <= 0x137) return c | 1;                         // Ā..ķ: even upper
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;           // Ĺ..ň: odd upper
  if (c >= 0x14A && c <= 0x177) return c | 1;                         // Ŋ..ŷ
  if (c == 0x178) return 0xFF;                                        // Ÿ
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;           // Ź..ž
  if (c == 0x386) return 0x3AC;                                       // Greek with tonos
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;        // Α..Ω
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;                      // Ѐ..Џ
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                      // А..Я
  if (c == 0x490) return 0x491;                                       // Ґ
  return c;
}

// Latin letters of U+00E0..U+00FF (lower case) without their marks.
constexpr std::array<std::string_view, 32> kLatin1{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
// U+0100..U+017F (Latin Extended-A) without their marks.
constexpr std::array<std::string_view, 128> kLatinA{
    "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d",  "d",   // 0100
    "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g",  "g",   // 0110
    "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i",  "i",   // 0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l",  "l",   // 0130
    "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "ng", "ng", "o", "o", "o", "o",  // 0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s",  "s",   // 0150
    "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u",  "u",   // 0160
    "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z",  "s"};  // 0170
// Greek U+03AC..U+03CE (lower case, with tonos at the ends).
constexpr std::array<std::string_view, 35> kGreek{
    "a", "e", "i", "i",                                                               // ά έ ή ί
    "y",                                                                              // ΰ
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",  // α..π
    "r", "s", "s", "t", "y", "f", "ch", "ps", "o",                                    // ρ..ω
    "i", "y", "o", "y", "o"};                                                         // ϊ ϋ ό ύ ώ
// Cyrillic U+0430..U+045F: Bulgarian streamlined system, with the other Cyrillic alphabets'
// letters by their usual romanisation.
constexpr std::array<std::string_view, 48> kCyrillic{
    "a",  "b",  "v",  "g",  "d", "e",   "zh", "z",  "i",  "y",  "k",  "l",  "m",  "n",  "o",  "p",   // а..п
    "r",  "s",  "t",  "u",  "f", "h",   "ts", "ch", "sh", "sht", "a", "y",  "y",  "e",  "yu", "ya",  // р..я
    "e",  "yo", "dj", "gj", "ye", "dz", "i",  "yi", "j",  "lj", "nj", "c",  "kj", "i",  "u",  "dz"}; // ѐ..џ

// The Latin letters standing for a lower-case code point; empty if it is not a letter we know.
std::string_view transliterate(char32_t c) {
  if (c == 0xDF) return "ss";
  if (c >= 0xE0 && c <= 0xFF) return kLatin1[c - 0xE0];
  if (c >= 0x100 && c <= 0x17F) return kLatinA[c - 0x100];
  if (c == 0x390) return "i";
  if (c >= 0x3AC && c <= 0x3CE) return kGreek[c - 0x3AC];
  if (c >= 0x430 && c <= 0x45F) return kCyrillic[c - 0x430];
  if (c == 0x491) return "g";
  if (c == 0x2116) return "no";  // №
  return {};
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2BC || c == '`' || c == 0xB4; }

}  // namespace


bool is_slug(std::string_view s, bool allow_dot) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_dot && c == '.');
  });
}

std::string fold_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto [c, len] = decode_utf8(s, i);
    if (len == 0) {
      out += s[i++];
      continue;
    }
    append_utf8(out, lower(c));
    i += len;
  }
  return out;
}

std::string slugify(std::string_view text, std::size_t max_length) {
  std::string out;
  bool gap = false;
  auto add = [&](std::string_view letters) {
    if (gap && !out.empty()) out += '-';
    gap = false;
    out += letters;
  };
  for (std::size_t i = 0; i < text.size();) {
    auto [c, len] = decode_utf8(text, i);
    i += len ? len : 1;
    c = lower(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      const char ch = static_cast<char>(c);
      add(std::string_view(&ch, 1));
    } else if (is_apostrophe(c)) {
      continue;  // "O'Brien" -> "obrien"
    } else if (const auto t = transliterate(c); !t.empty()) {
      add(t);
    } else {
      gap = true;
    }
  }
  if (out.size() > max_length) {
    // A '-' at max_length itself ends a whole word that fits; a cut that would lose more than
    // half ("a-verylongword...") is made hard instead, so the slug still says something.
    const auto cut = out.rfind('-', max_length);
    out.resize(cut != std::string::npos && 2 * cut >= max_length ? cut : max_length);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace orpheus::packs::detail
