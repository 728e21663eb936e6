#pragma once
// A text in several languages (an IIIF-style language map) and the fallback rule:
// the requested language, then the languages of `order` in turn, then any language that has
// a non-empty text. Only when no language has one is the result empty.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orpheus::catalog {

class LangText {
 public:
  LangText() = default;
  LangText(std::initializer_list<std::pair<std::string, std::string>> init) {
    for (auto& [l, t] : init) set(l, t);
  }

  void set(std::string_view lang, std::string text);
  // Exact language only; empty if absent.
  std::string_view exact(std::string_view lang) const;
  // With fallback: `lang`, then `order` (e.g. the pack's default language first), then any.
  std::string_view get(std::string_view lang, const std::vector<std::string>& order = {}) const;
  // The language get() takes its text from: `lang` itself, a fallback, or "" when there is none.
  std::string_view language_of(std::string_view lang, const std::vector<std::string>& order = {}) const;
  bool has(std::string_view lang) const { return !exact(lang).empty(); }
  bool empty() const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;  // few languages: a vector beats a map
};

}  // namespace orpheus::catalog
