#pragma once
// The words of a text as search keys: the same rule for what a pack indexes and what a visitor
// types, so that either alphabet finds the other. Letters are lower-cased and transliterated to
// ASCII Latin (core/letters.h: "Панагюрище" -> "panagyurishte"), apostrophes dropped, anything
// else separates words; then the spellings visitors mix up become one ("panagiurishte",
// "panagjurishte" and "panagyurishte" give the same key): see spelling_key. Pure, any thread;
// any bytes in (invalid UTF-8 separates words), never throws.
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::core {

std::vector<std::string> search_words(std::string_view text);

// The same words with where they stand in `text` (bytes [begin, end), apostrophes and marks inside
// included): for marking the words a search matched.
struct TextSpan {
  std::size_t begin = 0, end = 0;  // bytes
};
struct WordSpan : TextSpan {
  std::string key;
};
std::vector<WordSpan> search_word_spans(std::string_view text);

// One word already in ASCII Latin lower case, with the variants of romanisation made one:
// i or j before a, o, u and j before e are y (ю, я, ё, є: "iu", "ju", "yu"), and "iy" before a,
// o, u is y too ("ия": "iya", "ia"); ph -> f, rh -> r,
// ck -> k, tz -> ts, x -> ks, w -> v, q -> k; a letter doubled counts once ("Apollo", "Аполон").
// Digits are kept as they are.
std::string spelling_key(std::string_view word);

}  // namespace orpheus::core
