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

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto end_word = [&] {
    if (!word.empty()) words.push_back(spelling_key(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    auto [c, len] = decode_utf8(text, i);
    if (len == 0) {  // not UTF-8: a break between words, never a letter
      end_word();
      ++i;
      continue;
    }
    i += len;
    c = lower(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      word += static_cast<char>(c);
    else if (is_apostrophe(c))
      continue;
    else if (const auto latin = transliterate(c); !latin.empty())
      word += latin;
    else
      end_word();
  }
  end_word();
  return words;
}

}  // namespace orpheus::core
