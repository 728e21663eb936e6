#include "packs/text_rules.h"

#include <algorithm>

#include "core/letters.h"

namespace orpheus::packs::detail {

using core::is_apostrophe;
using core::lower;
using core::transliterate;

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
    } else if (is_apostrophe(c) || core::is_combining_mark(c)) {
      continue;  // "O'Brien" -> "obrien"; a decomposed "é" -> "e"
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
