#include "core/letters.h"

#include <array>

namespace orpheus::core {
namespace {

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

}  // namespace

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

}  // namespace orpheus::core
