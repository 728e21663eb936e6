#include "core/search_text.h"

#include "core/letters.h"
#include "core/utf8.h"

namespace orpheus::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string spelling_key(std::string_view w) {
  std::string out;
  out.reserve(w.size() + 4);
  const auto put = [&](char c) {
    if (out.empty() || out.back() != c || is_digit(c)) out += c;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char n = i + 1 < w.size() ? w[i + 1] : '\0';
    if ((c == 'i' || c == 'j') && (n == 'a' || n == 'o' || n == 'u')) {
      put('y');
    } else if (c == 'i' && n == 'y' && i + 2 < w.size() && (w[i + 2] == 'a' || w[i + 2] == 'o' || w[i + 2] == 'u')) {
      continue;  // "iya", as the table spells "ия", is "ia" and "ya" too
    } else if (c == 'j' && n == 'e') {
      put('y');
    } else if ((c == 'p' && n == 'h') || (c == 'r' && n == 'h') || (c == 'c' && n == 'k')) {
      put(c == 'p' ? 'f' : c == 'r' ? 'r' : 'k');
      ++i;
    } else if (c == 't' && n == 'z') {
      put('t');
      put('s');
      ++i;
    } else if (c == 'x') {
      put('k');
      put('s');
    } else {
      put(c == 'w' ? 'v' : c == 'q' ? 'k' : c);
    }
  }
  return out;
}

namespace {

// Calls fn(key, begin, end) for every word of `text`, with its bytes [begin, end) in `text`.
template <class Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  std::string word;
  std::size_t begin = 0, end = 0;
  const auto end_word = [&] {
    if (!word.empty()) fn(spelling_key(word), begin, end);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    auto [c, len] = decode_utf8(text, i);
    if (len == 0) {  // not UTF-8: a break between words, never a letter
      end_word();
      ++i;
      continue;
    }
    const std::size_t at = i;
    i += len;
    c = lower(c);
    const bool dropped = is_apostrophe(c) || is_combining_mark(c);  // inside a word, not a break
    std::string_view letters;
    char ascii = 0;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      ascii = static_cast<char>(c), letters = {&ascii, 1};
    else if (!dropped)
      letters = transliterate(c);
    if (letters.empty() && !dropped) {
      end_word();
      continue;
    }
    if (word.empty()) begin = at;
    word += letters;
    end = i;
  }
  end_word();
}

}  // namespace

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&](std::string key, std::size_t, std::size_t) { words.push_back(std::move(key)); });
  return words;
}

std::vector<WordSpan> search_word_spans(std::string_view text) {
  std::vector<WordSpan> words;
  for_each_word(text, [&](std::string key, std::size_t begin, std::size_t end) { words.push_back({{begin, end}, std::move(key)}); });
  return words;
}

}  // namespace orpheus::core
