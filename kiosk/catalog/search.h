#pragma once
// Full-text search over item texts (title, summary, description, period, place) in one
// language, through the pack's FTS5 index (schema version 2 and later). Case- and
// accent-insensitive for Cyrillic and Latin alike: "ЗЛАТО" finds "злато".
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::catalog {

// One instance per thread: it owns its own read-only connection.
class ItemSearch {
 public:
  explicit ItemSearch(const std::filesystem::path& pack);  // throws LoadError (also for a v1 pack)
  ~ItemSearch();
  ItemSearch(ItemSearch&&) noexcept;
  ItemSearch& operator=(ItemSearch&&) noexcept;

  // Item ids, best match first. `text` is what a visitor typed: every word must occur, the last
  // one may be a prefix (search as you type). Empty text, or text without a word: no results.
  std::vector<std::int64_t> find(std::string_view text, std::string_view lang, int limit = 100);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The FTS5 query for what a visitor typed: each word quoted (so no FTS syntax leaks through),
// the last one as a prefix. Empty if there is no word. Exposed for tests.
std::string fts_query(std::string_view text);

}  // namespace orpheus::catalog
