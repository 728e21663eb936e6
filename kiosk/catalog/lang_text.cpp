#include "catalog/lang_text.h"

#include <algorithm>

namespace orpheus::catalog {

void LangText::set(std::string_view lang, std::string text) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == lang; });
  if (text.empty()) {  // an empty text is no text: it must not hide a fallback
    if (it != entries_.end()) entries_.erase(it);
    return;
  }
  if (it != entries_.end())
    it->second = std::move(text);
  else
    entries_.emplace_back(std::string(lang), std::move(text));
}

std::string_view LangText::exact(std::string_view lang) const {
  for (const auto& [l, t] : entries_)
    if (l == lang) return t;
  return {};
}

std::string_view LangText::get(std::string_view lang, const std::vector<std::string>& order) const {
  return exact(language_of(lang, order));
}

std::string_view LangText::language_of(std::string_view lang, const std::vector<std::string>& order) const {
  if (has(lang)) return lang;
  for (const auto& l : order)
    if (has(l)) return l;
  for (const auto& [l, t] : entries_)
    if (!t.empty()) return l;
  return {};
}

bool LangText::empty() const {
  return std::none_of(entries_.begin(), entries_.end(), [](const auto& e) { return !e.second.empty(); });
}

}  // namespace orpheus::catalog
