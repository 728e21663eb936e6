#include <optional>

#include "catalog/catalog.h"
#include "catalog/pack_file.h"

namespace orpheus::catalog {

struct MediaReader::Impl {
  std::filesystem::path file;
  sql::Database db;
  sql::Statement select;
};

MediaReader::MediaReader(const std::filesystem::path& pack) {
  auto open = detail::open_pack(pack);
  try {
    auto st = open.db.prepare("SELECT bytes FROM media_blob WHERE media_id = ?1 AND variant = ?2");
    impl_ = std::make_unique<Impl>(Impl{pack, std::move(open.db), std::move(st)});
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
  std::vector<std::uint8_t> bytes;
  try {
    if (st.step()) {
      auto blob = st.blob(0);
      bytes.assign(blob.begin(), blob.end());
    }
  } catch (const sql::Error& e) {
    st.reset();
    throw LoadError(impl_->file, "cannot read media " + std::to_string(media_id) + " (" + to_string(variant) +
                                     "): " + e.what());
  }
  st.reset();  // ends the read transaction: a pack swapped underneath is seen by the next read
  return bytes;
}

}  // namespace orpheus::catalog
