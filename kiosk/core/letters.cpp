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
// Greek Extended U+1F00..U+1FFF (polytonic Greek): the base letter of each, in Beta Code
// (a α, e ε, h η, i ι, o ο, u υ, w ω, r ρ), '.' for marks and unassigned code points. Generated
// from the Unicode 14 canonical decompositions (first code point of the NFD, lower-cased).
constexpr std::string_view kGreekExtended =
    "aaaaaaaaaaaaaaaa" "eeeeee..eeeeee.." "hhhhhhhhhhhhhhhh" "iiiiiiiiiiiiiiii"  // 1F00..1F3F
    "oooooo..oooooo.." "uuuuuuuu.u.u.u.u" "wwwwwwwwwwwwwwww" "aaeehhiioouuww.."  // 1F40..1F7F
    "aaaaaaaaaaaaaaaa" "hhhhhhhhhhhhhhhh" "wwwwwwwwwwwwwwww" "aaaaa.aaaaaaa.i."  // 1F80..1FBF
    "..hhh.hheehhh..." "iiii..iiiiii...." "uuuurruuuuuur..." "..www.wwoowww...";  // 1FC0..1FFF
static_assert(kGreekExtended.size() == 0x100);
// Lower case of the capitals U+1FB8..U+1FBC, U+1FC8.., U+1FD8.., U+1FE8.., U+1FF8..U+1FFC, as
// U+1F00 + the byte (0 for an unassigned code point); the rest of Greek Extended is regular.
constexpr std::array<unsigned char, 25> kGreekExtendedLower{
    0xB0, 0xB1, 0x70, 0x71, 0xB3,  // Ᾰ Ᾱ Ὰ Ά ᾼ
    0x72, 0x73, 0x74, 0x75, 0xC3,  // Ὲ Έ Ὴ Ή ῌ
    0xD0, 0xD1, 0x76, 0x77, 0x00,  // Ῐ Ῑ Ὶ Ί
    0xE0, 0xE1, 0x7A, 0x7B, 0xE5,  // Ῠ Ῡ Ὺ Ύ Ῥ
    0x78, 0x79, 0x7C, 0x7D, 0xF3};  // Ὸ Ό Ὼ Ώ ῼ

// The letter of U+1F00..U+1FFF without its marks, in lower case; 0 if it is not a letter.
char32_t greek_extended_base(char32_t c) {
  switch (kGreekExtended[c - 0x1F00]) {
    case 'a': return 0x3B1;
    case 'e': return 0x3B5;
    case 'h': return 0x3B7;
    case 'i': return 0x3B9;
    case 'o': return 0x3BF;
    case 'u': return 0x3C5;
    case 'w': return 0x3C9;
    case 'r': return 0x3C1;
    default: return 0;
  }
}

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
  if (c >= 0x218 && c <= 0x21B) return c | 1;                         // Ș ș Ț ț (Romanian)
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;        // Α..Ω, Ϊ Ϋ
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;                      // Ѐ..Џ
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                      // А..Я
  if (c == 0x490) return 0x491;                                       // Ґ
  if (c >= 0x1F00 && c <= 0x1FFF && greek_extended_base(c) != 0) {    // polytonic Greek
    if (c < 0x1F70 || (c >= 0x1F80 && c < 0x1FB0)) return (c & 8) ? c - 8 : c;  // rows: 8 lower, 8 upper
    if (c >= 0x1FB0 && (c & 0xF) >= 8 && (c & 0xF) <= 0xC) return 0x1F00 + kGreekExtendedLower[((c >> 4) - 0x1FB) * 5 + (c & 0xF) - 8];
  }
  return c;
}

std::string_view transliterate(char32_t c) {
  if (c == 0xDF) return "ss";
  if (c >= 0xE0 && c <= 0xFF) return kLatin1[c - 0xE0];
  if (c >= 0x100 && c <= 0x17F) return kLatinA[c - 0x100];
  if (c == 0x219) return "s";  // ș
  if (c == 0x21B) return "t";  // ț
  if (c == 0x390) return "i";
  if (c >= 0x3AC && c <= 0x3CE) return kGreek[c - 0x3AC];
  if (c >= 0x430 && c <= 0x45F) return kCyrillic[c - 0x430];
  if (c == 0x491) return "g";
  if (c >= 0x1F00 && c <= 0x1FFF) {
    const char32_t base = greek_extended_base(c);
    return base ? kGreek[base - 0x3AC] : std::string_view{};
  }
  if (c == 0x2116) return "no";  // №
  return {};
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2BC || c == '`' || c == 0xB4; }

bool is_combining_mark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

}  // namespace orpheus::core
