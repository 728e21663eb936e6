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
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

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
  std::size_t terms() const { return terms_.size(); }

 private:
  struct Posting {
    std::uint32_t item;
    Field field;  // the best field the term is in for this item
  };
  // Term i's postings are postings_[offsets_[i] .. offsets_[i + 1]), titles first.
  std::size_t items_ = 0;           // in the snapshot it was built from
  std::vector<std::string> terms_;  // sorted, unique
  std::vector<std::uint32_t> offsets_;
  std::vector<Posting> postings_;
};

}  // namespace orpheus::catalog
