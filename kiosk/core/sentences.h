#pragma once
// Sentences of a UTF-8 text in English or Bulgarian, as byte ranges: what a narration speaks one
// at a time and what the transcript highlights. Pure functions, any thread.
#include <cstddef>
#include <string_view>
#include <vector>

namespace orpheus::core {

// Bytes [begin, end) of one sentence, without the spaces around it.
struct SentenceSpan {
  std::size_t begin = 0, end = 0;
};

// The sentences of `text`, in order. A sentence ends at . ! ? … (a run of them, then any closing
// quotes or brackets ” “ » " ’ ' ) ]) followed by white space or the end of the text, and always
// at a paragraph break (a blank line); never inside a number (1.7), after an initial (a single
// capital letter: "A. Fol", "Г. Китов") or after a common abbreviation ("c.", "ca.", "e.g.",
// "i.e.", "St.", "Dr.", "No.", "vs.", "fl."; "пр.", "сл.", "т.е.", "напр.", "ок.", "с.", "гр.").
// The abbreviations that often end a sentence ("г.", "в.", "Хр.", "хил.", "etc.") end one only
// when the next word starts with a capital letter: "IV в. пр. Хр." is one sentence, so is
// "през 1949 г. край Панагюрище", but "...пр. Хр. Намерен е..." is two. Text without a
// terminator is one sentence; white space alone is none.
std::vector<SentenceSpan> split_sentences(std::string_view text);

}  // namespace orpheus::core
