#include "catalog/search_index.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <tuple>
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

// Levenshtein distance, or more than `max` as soon as it must be.
std::size_t edits(std::string_view a, std::string_view b, std::size_t max) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > max) return max + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0], best = row[0] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      best = std::min(best, row[i]);
    }
    if (best > max) return max + 1;
  }
  return row[a.size()];
}

// Whether a typed word (the last one: `last`, typed as it is being typed) finds `term`, and how:
// the rules of SearchIndex::find() for one term.
std::optional<SearchIndex::Match> matches(std::string_view w, bool last, std::string_view term) {
  if (term == w) return SearchIndex::Match::exact;
  if (last && term.starts_with(w)) return SearchIndex::Match::prefix;
  if (last && (w.back() == 'i' || w.back() == 'j') && term.size() >= w.size() &&
      term.substr(0, w.size() - 1) == w.substr(0, w.size() - 1) && term[w.size() - 1] == 'y')
    return SearchIndex::Match::prefix;
  if (w.size() < kTypoFrom || term.empty()) return std::nullopt;
  const bool swapped_start = term.size() >= 2 && term[0] == w[1] && term[1] == w[0];
  if (term[0] != w[0] && !swapped_start) return std::nullopt;
  if (last ? starts_within_one_edit(w, term) : within_one_edit(w, term)) return SearchIndex::Match::typo;
  return std::nullopt;
}

}  // namespace

std::vector<core::TextSpan> SearchIndex::marks(std::string_view text, std::string_view typed) {
  const auto words = core::search_words(typed);
  std::vector<core::TextSpan> out;
  if (words.empty()) return out;
  for (const auto& span : core::search_word_spans(text))
    for (std::size_t k = 0; k < words.size(); ++k)
      if (matches(words[k], k + 1 == words.size(), span.key)) {
        out.push_back(span);
        break;
      }
  return out;
}

std::vector<std::string> SearchIndex::suggest(std::string_view typed, std::size_t n) const {
  const auto words = core::search_words(typed);
  if (words.empty()) return {};
  // The words that find nothing on their own, each with its nearest terms (fewest edits, then
  // the most objects), the others kept as they are.
  std::vector<std::vector<std::string>> choices;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    if (!find(w, 1).empty()) {
      choices.push_back({w});
      continue;
    }
    // Visitors who see nothing found have finished typing: whole words are compared.
    const std::size_t max = w.size() >= 8 ? 3 : w.size() >= 5 ? 2 : 1;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> ranked;  // edits, rarity, term
    for (std::size_t t = 0; t < terms_.size(); ++t) {
      const std::string& term = terms_[t];
      if (term[0] != w[0] && (term.size() < 2 || term[1] != w[0] || w.size() < 2 || term[0] != w[1])) continue;
      if (const auto d = edits(w, term, max); d <= max) ranked.emplace_back(d, items_ - (offsets_[t + 1] - offsets_[t]), t);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> options;
    for (const auto& [d, rarity, t] : ranked) {
      if (options.size() == n) break;
      options.push_back(terms_[t]);
    }
    if (options.empty()) return {};  // a word nothing is near: no suggestion is honest
    choices.push_back(std::move(options));
  }
  // The first choice for every word, but one word at a time through its other choices: up to n
  // queries, each checked to find something.
  std::vector<std::string> out;
  for (std::size_t k = 0; k < choices.size(); ++k)
    for (const auto& option : choices[k]) {
      std::string query;
      for (std::size_t j = 0; j < choices.size(); ++j) query += (j ? " " : "") + (j == k ? option : choices[j].front());
      if (out.size() < n && std::find(out.begin(), out.end(), query) == out.end() && !find(query, 1).empty())
        out.push_back(std::move(query));
    }
  return out;
}

std::string SearchIndex::spelling(const Snapshot& snapshot, std::string_view key, std::string_view language) const {
  const auto t = std::lower_bound(terms_.begin(), terms_.end(), key);
  if (t == terms_.end() || *t != key || snapshot.items.size() != items_) return {};
  const auto term = static_cast<std::size_t>(t - terms_.begin());
  std::string other;
  for (std::uint32_t p = offsets_[term]; p < offsets_[term + 1] && p < offsets_[term] + 8; ++p) {
    const Item& it = snapshot.items[postings_[p].item()];
    for (const LangText* text : {&it.title, &it.summary, &it.description, &it.period, &it.place_name})
      for (const auto& [lang, words] : text->entries())
        for (const auto& span : core::search_word_spans(words))
          if (span.key == key) {
            if (lang == language) return words.substr(span.begin, span.end - span.begin);
            if (other.empty()) other = words.substr(span.begin, span.end - span.begin);
          }
  }
  return other;
}

namespace {

// About 90 bytes of `text` around its first mark, cut at spaces, "…" where it begins later.
void excerpt(std::string_view text, const std::vector<core::TextSpan>& marks, SearchIndex::Shown& shown) {
  constexpr std::size_t kBefore = 30, kLength = 90;
  std::size_t from = 0;
  if (marks.front().begin > kBefore) {
    from = text.rfind(' ', marks.front().begin - kBefore);
    from = from == std::string_view::npos ? 0 : from + 1;
  }
  std::size_t to = std::min(text.size(), from + kLength);
  if (to < text.size()) {
    const auto space = text.rfind(' ', to);
    if (space != std::string_view::npos && space > marks.front().end) to = space;
  }
  const std::string lead = from > 0 ? "\xE2\x80\xA6 " : "";
  shown.line = lead + std::string(text.substr(from, to - from));
  for (const auto& m : marks)
    if (m.begin >= from && m.end <= to) shown.line_marks.push_back({m.begin - from + lead.size(), m.end - from + lead.size()});
}

}  // namespace

SearchIndex::Page SearchIndex::page(const Snapshot& snap, std::string_view typed, std::string_view language,
                                    std::size_t limit, std::size_t lined, const std::function<bool()>& cancelled) const {
  Page page{std::string(typed), std::string(language), {}, 0, {}};
  const auto text = [&](const LangText& t) { return t.get(language, snap.fallback()); };
  for (const auto& hit : find(typed, limit)) {
    if (cancelled && cancelled()) return page;
    const Item& item = snap.items[hit.item];
    Shown shown{hit.item, marks(text(item.title), typed), {}, {}};
    if (page.items.size() < lined) {
      // Every word in the title: the summary is the line, else the first text with a word.
      for (const LangText* t : {&item.summary, &item.description, &item.place_name, &item.period}) {
        if (hit.field == Field::title) break;
        if (const auto found = marks(text(*t), typed); !found.empty()) {
          excerpt(text(*t), found, shown);
          break;
        }
        if (hit.field == Field::summary) break;  // the words are in the title and the summary only
      }
      ++page.lined;
    }
    if (shown.line.empty()) shown.line = std::string(text(hit.field == Field::title ? item.summary : item.period));
    if (shown.line.empty()) shown.line = std::string(text(item.period));
    page.items.push_back(std::move(shown));
  }
  if (!page.items.empty()) return page;
  for (const auto& keys : suggest(typed)) {
    std::string spelt;
    for (std::size_t at = 0; at <= keys.size();) {
      const auto space = std::min(keys.find(' ', at), keys.size());
      const std::string key = keys.substr(at, space - at);
      const auto word = spelling(snap, key, language);
      spelt += (spelt.empty() ? "" : " ") + (word.empty() ? key : word);
      at = space + 1;
    }
    page.did_you_mean.push_back(std::move(spelt));
  }
  return page;
}

std::vector<std::size_t> SearchIndex::one_edit_away(const std::string& w, bool last) const {
  // Every edit of w is looked up in the sorted terms (as a prefix, for the last word: what the
  // term begins with): a few hundred binary searches, whatever the number of terms.
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz0123456789";  // of search keys
  std::vector<std::size_t> found;
  const auto look_up = [&](const std::string& edited) {
    auto t = std::lower_bound(terms_.begin(), terms_.end(), edited);
    for (; t != terms_.end() && (last ? t->starts_with(edited) : *t == edited); ++t)
      found.push_back(static_cast<std::size_t>(t - terms_.begin()));
  };
  std::string e;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (i + 1 < w.size() && w[i] != w[i + 1]) {  // two neighbours swapped, the first two too
      e = w;
      std::swap(e[i], e[i + 1]);
      look_up(e);
    }
    if (i == 0) continue;  // the first letter is never the one wrong
    look_up(e.assign(w).erase(i, 1));  // a letter too many
    for (const char c : kLetters) {
      if (c != w[i]) {  // a letter wrong
        e = w;
        e[i] = c;
        look_up(e);
      }
      look_up(e.assign(w).insert(i, 1, c));  // a letter missing
    }
  }
  if (!last)  // a letter missing at the end (the last word is a prefix: it has them all)
    for (const char c : kLetters) look_up(e.assign(w) + c);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

SearchIndex SearchIndex::build(const Snapshot& snapshot) {
  if (snapshot.items.size() > 0x3FFFFFFFu) throw std::length_error("search index: more than 2^30 items");
  std::unordered_map<std::string, std::vector<Posting>> found;
  const auto add = [&](const LangText& text, std::uint32_t item, Field field) {
    for (const auto& [lang, words] : text.entries())
      for (auto& w : core::search_words(words)) {
        auto& postings = found[std::move(w)];
        if (!postings.empty() && postings.back().item() == item)
          postings.back().improve(field);
        else
          postings.emplace_back(item, field);
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
  index.items_ = snapshot.items.size();
  index.terms_.reserve(found.size());
  std::size_t total = 0;
  for (const auto& [term, postings] : found) {
    index.terms_.push_back(term);
    total += postings.size();
  }
  std::sort(index.terms_.begin(), index.terms_.end());
  index.offsets_.reserve(index.terms_.size() + 1);
  index.postings_.reserve(total);  // exactly: tens of millions of postings, no spare half
  for (const auto& term : index.terms_) {
    index.offsets_.push_back(static_cast<std::uint32_t>(index.postings_.size()));
    auto& postings = found[term];
    // Titles first: a short prefix reads only those, and stops at the first other field.
    std::stable_sort(postings.begin(), postings.end(), [](const Posting& a, const Posting& b) { return a.field() < b.field(); });
    index.postings_.insert(index.postings_.end(), postings.begin(), postings.end());
  }
  index.offsets_.push_back(static_cast<std::uint32_t>(index.postings_.size()));
  return index;
}

std::vector<SearchIndex::Hit> SearchIndex::find(std::string_view typed, std::size_t limit) const {
  const auto words = core::search_words(typed);
  if (words.empty() || terms_.empty()) return {};
  // Scores per item, field-major (field * 3 + match: lower is better), in arrays as long as the
  // pack has items: a common word's postings are merged without a hash per posting.
  constexpr std::uint8_t kNone = 0xFF;
  const auto code = [](Field f, Match m) { return static_cast<std::uint8_t>(static_cast<int>(f) * 3 + static_cast<int>(m)); };
  std::vector<std::uint8_t> result(items_, kNone), hit(items_, kNone);
  std::vector<std::uint32_t> matching, touched;  // items in `result`; items in `hit`
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    const bool last = k + 1 == words.size();
    // A last word of one or two letters is too short to say much: titles only.
    const bool titles_only = last && w.size() < 3;
    const auto take = [&](std::size_t term, Match match) {
      for (std::uint32_t p = offsets_[term]; p < offsets_[term + 1]; ++p) {
        const Posting& posting = postings_[p];
        if (titles_only && posting.field() != Field::title) break;
        const std::uint8_t c = code(posting.field(), match);
        std::uint8_t& best = hit[posting.item()];
        if (best == kNone) touched.push_back(posting.item());
        best = std::min(best, c);
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
    // One typo in a longer word, anywhere but its first letter (visitors rarely miss that one),
    // or its first two letters swapped.
    if (w.size() >= kTypoFrom)
      for (const std::size_t term : one_edit_away(w, last))
        if (terms_[term] != w && !(last && terms_[term].starts_with(w))) take(term, Match::typo);  // else found above
    if (k == 0) {
      matching = touched;
      for (const auto item : matching) result[item] = hit[item];
    } else {
      std::vector<std::uint32_t> kept;
      for (const auto item : matching)
        if (hit[item] != kNone) {
          result[item] = std::max(result[item], hit[item]);  // the weaker of the two
          kept.push_back(item);
        }
      matching.swap(kept);
    }
    for (const auto item : touched) hit[item] = kNone;
    touched.clear();
  }
  // The best `limit` in order: a common word matches half the pack, of which a screenful is shown.
  const auto better = [&](std::uint32_t a, std::uint32_t b) { return result[a] != result[b] ? result[a] < result[b] : a < b; };
  if (matching.size() > limit) {
    std::nth_element(matching.begin(), matching.begin() + static_cast<std::ptrdiff_t>(limit), matching.end(), better);
    matching.resize(limit);
  }
  std::sort(matching.begin(), matching.end(), better);
  std::vector<Hit> out;
  out.reserve(matching.size());
  for (const auto item : matching)
    out.push_back({item, static_cast<Match>(result[item] % 3), static_cast<Field>(result[item] / 3)});
  return out;
}

}  // namespace orpheus::catalog
