#pragma once
// Finding objects by what a visitor types, forgiving: every language of the pack at once, either
// alphabet for the other (core/search_text.h), case and marks folded, the last word a prefix
// (search as you type; of one or two letters, in titles only), one typo in words of five letters
// or more, anywhere but in the first letter. Ranked: a match in the title
// before one in the summary before one elsewhere; an exact word before a prefix before a typo.
//
// Built from a snapshot in memory (on a worker: it reads every text once); immutable once built,
// so any number of threads may query it at once. No SQL, no files.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/search_text.h"

namespace orpheus::catalog {

class SearchIndex {
 public:
  enum class Field : std::uint8_t { title = 0, summary = 1, other = 2 };  // description, period, place, tags
  enum class Match : std::uint8_t { exact = 0, prefix = 1, typo = 2 };
  struct Hit {
    std::size_t item = 0;  // index into Snapshot::items
    Match match = Match::exact;  // the loosest match among the words typed
    Field field = Field::title;  // the weakest field a word was found in
  };

  SearchIndex() = default;
  static SearchIndex build(const Snapshot& snapshot);

  // The items matching every word of `typed`, best first (ties in the pack's order), at most
  // `limit`. Nothing for text without a word.
  std::vector<Hit> find(std::string_view typed, std::size_t limit = 200) const;

  // For typed text that finds nothing: up to `n` other queries that find something, nearest
  // first, as search keys ("rogozen sakrovishte"): each word that finds nothing replaced by a word
  // of the pack beginning with the same letter (or the two first swapped) and at most one edit
  // away, two for words of five letters or more, three from eight.
  std::vector<std::string> suggest(std::string_view typed, std::size_t n = 3) const;
  // How `key` (a word of the pack, as a search key) is spelt in the pack, in `language` if it is
  // there, else in another: "rogozen" -> "Rogozen" (en) or "Рогозен" (bg). Empty if unknown.
  std::string spelling(const Snapshot& snapshot, std::string_view key, std::string_view language) const;

  // Where in `text` the words are that `typed` finds, by the rules of find().
  static std::vector<core::TextSpan> marks(std::string_view text, std::string_view typed);

  // What a visitor is shown for `typed` in `language` (what a search screen's worker does at every
  // keystroke): the items found, each with the words found marked in its title and a line of the
  // first other text they are in (summary, description, place, period), cut around them; when
  // nothing is found, the queries suggest() offers, spelt as the pack spells them in `language`.
  // Lines are cut for the first `lined` items only (the rest show their period, until a second
  // call with more: a long description costs more to read than the whole search), so that the
  // first screenful is ready at once. `cancelled` is asked between items.
  struct Shown {
    std::size_t item = 0;
    std::vector<core::TextSpan> title_marks;
    std::string line;  // the period if no other text has the words, or the item is past `lined`
    std::vector<core::TextSpan> line_marks;
  };
  struct Page {
    std::string typed, language;
    std::vector<Shown> items;
    std::size_t lined = 0;  // items with their line cut
    std::vector<std::string> did_you_mean;
  };
  Page page(const Snapshot& snapshot, std::string_view typed, std::string_view language, std::size_t limit,
            std::size_t lined = SIZE_MAX, const std::function<bool()>& cancelled = {}) const;

  std::size_t terms() const { return terms_.size(); }

 private:
  // The terms (indices) within one edit of w, the first letter right: whole terms, or for the
  // last word the terms that begin with w so edited.
  std::vector<std::size_t> one_edit_away(const std::string& w, bool last) const;

  // An item and the best field the term is in for it, in four bytes (100,000 items hold tens of
  // millions of postings): packs of up to 2^30 items.
  class Posting {
   public:
    Posting(std::uint32_t item, Field field) : bits_(item | static_cast<std::uint32_t>(field) << 30) {}
    std::uint32_t item() const { return bits_ & 0x3FFFFFFFu; }
    Field field() const { return static_cast<Field>(bits_ >> 30); }
    void improve(Field f) {
      if (f < field()) *this = Posting(item(), f);
    }

   private:
    std::uint32_t bits_;
  };
  // Term i's postings are postings_[offsets_[i] .. offsets_[i + 1]), titles first.
  std::size_t items_ = 0;           // in the snapshot it was built from
  std::vector<std::string> terms_;  // sorted, unique
  std::vector<std::uint32_t> offsets_;
  std::vector<Posting> postings_;
};

}  // namespace orpheus::catalog
