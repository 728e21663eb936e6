#include "catalog/search.h"

#include <cctype>

#include "catalog/catalog.h"
#include "catalog/pack_file.h"

namespace orpheus::catalog {

std::string fts_query(std::string_view text) {
  // Words are split on ASCII spaces and punctuation only; unicode61 does the real tokenising
  // inside each quoted string. Quotes are doubled, as FTS5 strings want.
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) q += ' ';
    q += '"';
    for (char c : words[i]) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    q += '"';
    if (i + 1 == words.size()) q += '*';
  }
  return q;
}

struct ItemSearch::Impl {
  std::filesystem::path file;
  sql::Database db;
  sql::Statement select;
};

ItemSearch::ItemSearch(const std::filesystem::path& pack) {
  auto open = detail::open_pack(pack);
  if (open.schema_version < 2)
    throw LoadError(pack, "schema version " + std::to_string(open.schema_version) + " has no search index");
  try {
    auto st = open.db.prepare(
        "SELECT item_id FROM item_search WHERE item_search MATCH ?1 AND lang = ?2 ORDER BY rank LIMIT ?3");
    impl_ = std::make_unique<Impl>(Impl{pack, std::move(open.db), std::move(st)});
  } catch (const sql::Error& e) {
    throw LoadError(pack, std::string("cannot search: ") + e.what());
  }
}

ItemSearch::~ItemSearch() = default;
ItemSearch::ItemSearch(ItemSearch&&) noexcept = default;
ItemSearch& ItemSearch::operator=(ItemSearch&&) noexcept = default;

std::vector<std::int64_t> ItemSearch::find(std::string_view text, std::string_view lang, int limit) {
  std::vector<std::int64_t> ids;
  const std::string q = fts_query(text);
  if (q.empty()) return ids;
  auto& st = impl_->select;
  st.reset();
  st.bind(1, std::string_view(q)).bind(2, lang).bind(3, limit);
  try {
    while (st.step()) ids.push_back(st.int64(0));
  } catch (const sql::Error& e) {
    st.reset();
    throw LoadError(impl_->file, std::string("search failed: ") + e.what());
  }
  st.reset();
  return ids;
}

}  // namespace orpheus::catalog
