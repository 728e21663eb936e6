#include "core/sentences.h"

#include <algorithm>
#include <array>

#include "core/utf8.h"

namespace orpheus::core {
namespace {

// Never the end of a sentence: these are followed by what they abbreviate the start of.
constexpr std::array<std::string_view, 21> kAbbreviations{
    "c",  "ca", "e.g", "i.e", "St", "Dr",   "No",   "vs", "fl", "cf", "Mr",
    "пр", "сл", "т.е", "напр", "ок", "с",  "гр",   "вж", "бел", "Mt"};
// Often the last word of a sentence (a date, a list): the end only before a capital letter.
constexpr std::array<std::string_view, 7> kFinalAbbreviations{"г", "в", "Хр", "хил", "etc", "вв", "хр"};

bool space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F || c == 0x2009; }
bool terminator(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }
bool closing(char32_t c) {
  return c == 0x201D || c == 0x201C || c == 0xBB || c == '"' || c == 0x2019 || c == '\'' || c == ')' || c == ']';
}
bool opening(char32_t c) { return c == 0x201E || c == 0x201C || c == 0xAB || c == '"' || c == '(' || c == '[' || c == 0x2018; }
bool upper(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x42F); }
bool letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x400 && c <= 0x4FF); }

std::pair<char32_t, std::size_t> at(std::string_view s, std::size_t i) {
  auto [c, n] = decode_utf8(s, i);
  return {c, n ? n : 1};  // invalid bytes step one at a time
}

// The code point ending just before byte i (i > 0).
std::pair<char32_t, std::size_t> before(std::string_view s, std::size_t i) {
  std::size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  auto [c, n] = decode_utf8(s, start);
  if (n != i - start) return {static_cast<unsigned char>(s[i - 1]), 1};
  return {c, n};
}

// The word that a '.' at byte `dot` ends: back to white space or an opening bracket or quote.
std::string_view word_before(std::string_view s, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0) {
    auto [c, n] = before(s, start);
    if (space(c) || opening(c)) break;
    start -= n;
  }
  return s.substr(start, dot - start);
}

bool one_capital(std::string_view w) {
  auto [c, n] = at(w, 0);
  return !w.empty() && n == w.size() && upper(c);
}

template <std::size_t N>
bool among(std::string_view w, const std::array<std::string_view, N>& list) {
  if (std::find(list.begin(), list.end(), w) != list.end()) return true;
  // At the start of a sentence: "Ca." as "ca.", "E.g." as "e.g."
  if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') {
    std::string lower(w);
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    return std::find(list.begin(), list.end(), std::string_view(lower)) != list.end();
  }
  return false;
}

// Whether the first word from byte i starts with a capital (after opening quotes or brackets).
bool capital_next(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    auto [c, n] = at(s, i);
    if (space(c) || opening(c) || c == 0x2014 || c == 0x2013) {
      i += n;
      continue;
    }
    return upper(c);
  }
  return false;
}

// Whether a blank line starts at byte i ('\n', then only spaces, then '\n').
bool paragraph_break(std::string_view s, std::size_t i) {
  if (s[i] != '\n') return false;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\n') return true;
    if (s[j] != ' ' && s[j] != '\t' && s[j] != '\r') return false;
  }
  return false;
}

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view text) {
  std::vector<SentenceSpan> out;
  std::size_t start = 0;
  auto emit = [&](std::size_t end) {
    std::size_t b = start, e = end;
    while (b < e) {
      auto [c, n] = at(text, b);
      if (!space(c)) break;
      b += n;
    }
    while (e > b) {
      auto [c, n] = before(text, e);
      if (!space(c)) break;
      e -= n;
    }
    if (b < e) out.push_back(SentenceSpan{b, e});
    start = end;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (paragraph_break(text, i)) {
      emit(i);
      ++i;
      continue;
    }
    auto [c, n] = at(text, i);
    if (!terminator(c)) {
      i += n;
      continue;
    }
    const std::size_t first = i;
    bool only_dot = true;
    while (i < text.size()) {  // "?!", "..."
      auto [t, m] = at(text, i);
      if (!terminator(t)) break;
      only_dot = only_dot && t == '.';
      i += m;
    }
    const bool single_dot = only_dot && i - first == 1;
    while (i < text.size()) {
      auto [q, m] = at(text, i);
      if (!closing(q)) break;
      i += m;
    }
    if (i < text.size() && !space(at(text, i).first)) continue;  // 1.7, e.g. "x.y"
    if (single_dot) {
      const std::string_view word = word_before(text, first);
      if (one_capital(word) || among(word, kAbbreviations)) continue;
      if (among(word, kFinalAbbreviations) && !capital_next(text, i)) continue;
      // A number with a dot before a lower-case word is an ordinal or a date ("3. юни"), not an end.
      if (!word.empty() && word.back() >= '0' && word.back() <= '9' && i < text.size() && !capital_next(text, i)) {
        bool lower_follows = false;
        for (std::size_t j = i; j < text.size();) {
          auto [q, m] = at(text, j);
          if (space(q)) { j += m; continue; }
          lower_follows = letter(q) && !upper(q);
          break;
        }
        if (lower_follows) continue;
      }
    }
    emit(i);
  }
  emit(text.size());
  return out;
}

}  // namespace orpheus::core
