#pragma once
// Letters of the alphabets Orpheus knows, one rule for every part that compares or spells text
// (the importers' slugs, search): lower case for Latin, Greek and Cyrillic, and transliteration
// to ASCII Latin (the Bulgarian streamlined system for Cyrillic, the usual table for Greek, Latin
// letters without their marks). Pure functions, any thread.
#include <string_view>

namespace orpheus::core {

// ASCII, Latin-1/Latin Extended-A, Romanian (Ș Ț), Greek (polytonic too) and Cyrillic capitals
// lower-cased; anything else as is.
char32_t lower(char32_t c);
// The ASCII Latin letters for a lower-case letter beyond ASCII ("щ" -> "sht", "ä" -> "a",
// "θ" -> "th", "ῆ" -> "i", "№" -> "no"); empty if it is not one we know (ASCII included).
std::string_view transliterate(char32_t c);
// ' and its typographic look-alikes: dropped inside words ("O'Brien").
bool is_apostrophe(char32_t c);
// Combining diacritical marks (U+0300..U+036F) of decomposed text ("e" + U+0301 for "é"):
// dropped like apostrophes, never a break between words, so "é" typed either way folds to "e".
bool is_combining_mark(char32_t c);

}  // namespace orpheus::core
