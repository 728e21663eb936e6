#include <optional>

#include "catalog/catalog.h"
#include "catalog/pack_file.h"

namespace orpheus::catalog {

struct MediaReader::Impl {
  std::filesystem::path file;
  sql::Database db;
  sql::Statement select;
  std::optional<sql::Statement> select_tile;  // packs before schema version 3 have no tiles
  std::optional<sql::Statement> select_map_tile;  // nor, before version 5, a map
  std::optional<sql::Statement> select_narration;  // nor, before version 6, narration

  // The first column of the one row `st` finds, as bytes; `what` names the image in errors.
  std::vector<std::uint8_t> first_blob(sql::Statement& st, const std::string& what) {
    std::vector<std::uint8_t> bytes;
    try {
      if (st.step()) {
        auto blob = st.blob(0);
        bytes.assign(blob.begin(), blob.end());
      }
    } catch (const sql::Error& e) {
      st.reset();
      throw LoadError(file, "cannot read " + what + ": " + e.what());
    }
    st.reset();  // ends the read transaction: a pack swapped underneath is seen by the next read
    return bytes;
  }
};

MediaReader::MediaReader(const std::filesystem::path& pack) {
  auto open = detail::open_pack(pack);
  sqlite3_limit(open.db.get(), SQLITE_LIMIT_LENGTH, kMaxMediaBytes);  // below sql::kUntrustedMaxLength
  try {
    auto st = open.db.prepare("SELECT bytes FROM media_blob WHERE media_id = ?1 AND variant = ?2");
    std::optional<sql::Statement> tile, map_tile, narration;
    if (open.schema_version >= 3)
      tile = open.db.prepare("SELECT bytes FROM media_tile WHERE media_id = ?1 AND level = ?2 AND col = ?3 AND row = ?4");
    if (open.schema_version >= 5)
      map_tile = open.db.prepare("SELECT bytes FROM map_tile WHERE level = ?1 AND col = ?2 AND row = ?3");
    if (open.schema_version >= 6)
      narration = open.db.prepare("SELECT bytes FROM narration_audio WHERE narration_id = ?1");
    impl_ = std::make_unique<Impl>(
        Impl{pack, std::move(open.db), std::move(st), std::move(tile), std::move(map_tile), std::move(narration)});
  } catch (const sql::Error& e) {
    throw LoadError(pack, std::string("cannot read media: ") + e.what());
  }
}

MediaReader::~MediaReader() = default;
MediaReader::MediaReader(MediaReader&&) noexcept = default;
MediaReader& MediaReader::operator=(MediaReader&&) noexcept = default;

std::vector<std::uint8_t> MediaReader::read(std::int64_t media_id, MediaVariant variant) {
  auto& st = impl_->select;
  st.reset();
  st.bind(1, media_id).bind(2, std::string_view(to_string(variant)));
  return impl_->first_blob(st, "media " + std::to_string(media_id) + " (" + to_string(variant) + ")");
}

std::vector<std::uint8_t> MediaReader::read_tile(std::int64_t media_id, int level, int col, int row) {
  if (media_id == kMapMedia) {
    if (!impl_->select_map_tile) return {};
    auto& st = *impl_->select_map_tile;
    st.reset();
    st.bind(1, level).bind(2, col).bind(3, row);
    return impl_->first_blob(st, "map tile " + std::to_string(level) + "/" + std::to_string(col) + "/" + std::to_string(row));
  }
  if (!impl_->select_tile) return {};
  auto& st = *impl_->select_tile;
  st.reset();
  st.bind(1, media_id).bind(2, level).bind(3, col).bind(4, row);
  return impl_->first_blob(st, "media " + std::to_string(media_id) + " tile " + std::to_string(level) + "/" +
                                   std::to_string(col) + "/" + std::to_string(row));
}

std::vector<std::uint8_t> MediaReader::read_narration(std::int64_t id) {
  if (!impl_->select_narration) return {};
  auto& st = *impl_->select_narration;
  st.reset();
  st.bind(1, id);
  return impl_->first_blob(st, "narration " + std::to_string(id));
}

}  // namespace orpheus::catalog
