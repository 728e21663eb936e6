#include "catalog/search_index.h"

#include <algorithm>
#include <unordered_map>

#include "core/search_text.h"

namespace orpheus::catalog {
namespace {

constexpr std::size_t kTypoFrom = 5;  // words this long may have one typo

// At most one edit apart: a letter changed, added, dropped, or two neighbours swapped.
bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one letter more at the end
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

// A typed last word is the start of `term` with at most one typo.
bool starts_within_one_edit(std::string_view typed, std::string_view term) {
  for (const std::size_t n : {typed.size(), typed.size() - 1, typed.size() + 1})
    if (n <= term.size() && within_one_edit(typed, term.substr(0, n))) return true;
  return false;
}

struct Best {
  SearchIndex::Field field;
  SearchIndex::Match match;
};
bool better(const Best& a, const Best& b) {
  return a.field != b.field ? a.field < b.field : a.match < b.match;
}

}  // namespace

SearchIndex SearchIndex::build(const Snapshot& snapshot) {
  std::unordered_map<std::string, std::vector<Posting>> found;
  const auto add = [&](const LangText& text, std::uint32_t item, Field field) {
    for (const auto& [lang, words] : text.entries())
      for (auto& w : core::search_words(words)) {
        auto& postings = found[std::move(w)];
        if (!postings.empty() && postings.back().item == item) {
          if (field < postings.back().field) postings.back().field = field;
        } else {
          postings.push_back({item, field});
        }
      }
  };
  for (std::size_t i = 0; i < snapshot.items.size(); ++i) {
    const Item& it = snapshot.items[i];
    const auto item = static_cast<std::uint32_t>(i);
    add(it.title, item, Field::title);
    add(it.summary, item, Field::summary);
    for (const LangText* t : {&it.description, &it.period, &it.place_name}) add(*t, item, Field::other);
    for (const auto& tag : it.tags)
      if (const auto label = snapshot.tags.find(tag); label != snapshot.tags.end()) add(label->second, item, Field::other);
  }
  SearchIndex index;
  index.terms_.reserve(found.size());
  for (const auto& [term, postings] : found) index.terms_.push_back(term);
  std::sort(index.terms_.begin(), index.terms_.end());
  index.offsets_.reserve(index.terms_.size() + 1);
  for (const auto& term : index.terms_) {
    index.offsets_.push_back(static_cast<std::uint32_t>(index.postings_.size()));
    const auto& postings = found[term];
    index.postings_.insert(index.postings_.end(), postings.begin(), postings.end());
  }
  index.offsets_.push_back(static_cast<std::uint32_t>(index.postings_.size()));
  return index;
}

std::vector<SearchIndex::Hit> SearchIndex::find(std::string_view typed, std::size_t limit) const {
  const auto words = core::search_words(typed);
  if (words.empty() || terms_.empty()) return {};
  std::unordered_map<std::uint32_t, Best> result;  // items matching every word so far: the weakest match
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    const bool last = k + 1 == words.size();
    std::unordered_map<std::uint32_t, Best> hits;  // items matching this word: the best match
    const auto take = [&](std::size_t term, Match match) {
      for (std::uint32_t p = offsets_[term]; p < offsets_[term + 1]; ++p) {
        const Best b{postings_[p].field, match};
        auto [it, fresh] = hits.try_emplace(postings_[p].item, b);
        if (!fresh && better(b, it->second)) it->second = b;
      }
    };
    // Exact, then (for the last word, typed as it is being typed) every term it begins: in the
    // sorted terms, the word itself comes first and the terms it begins right after it. A last
    // "i" or "j" may yet become "y" (core::spelling_key: "fi" -> "fyala" once "a" follows).
    std::vector<std::string> starts{w};
    if (last && (w.back() == 'i' || w.back() == 'j')) starts.push_back(w.substr(0, w.size() - 1) + 'y');
    for (const auto& start : starts)
      for (auto t = std::lower_bound(terms_.begin(), terms_.end(), start); t != terms_.end(); ++t) {
        const auto term = static_cast<std::size_t>(t - terms_.begin());
        if (*t == w)
          take(term, Match::exact);
        else if (last && t->rfind(start, 0) == 0)
          take(term, Match::prefix);
        else
          break;
      }
    // One typo in a longer word: every term within one edit (of its start, for the last word).
    if (w.size() >= kTypoFrom)
      for (std::size_t t = 0; t < terms_.size(); ++t) {
        const std::string& term = terms_[t];
        if (term == w || (last && term.rfind(w, 0) == 0)) continue;  // found above
        if (last ? starts_within_one_edit(w, term) : within_one_edit(w, term)) take(t, Match::typo);
      }
    if (k == 0) {
      result = std::move(hits);
      continue;
    }
    for (auto it = result.begin(); it != result.end();) {
      const auto h = hits.find(it->first);
      if (h == hits.end()) {
        it = result.erase(it);
        continue;
      }
      if (better(it->second, h->second)) it->second = h->second;  // the weaker of the two
      ++it;
    }
  }
  std::vector<Hit> out;
  out.reserve(result.size());
  for (const auto& [item, b] : result) out.push_back({item, b.match, b.field});
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) {
    if (a.field != b.field) return a.field < b.field;
    if (a.match != b.match) return a.match < b.match;
    return a.item < b.item;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace orpheus::catalog
