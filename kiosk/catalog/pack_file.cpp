#include "catalog/pack_file.h"

#include <optional>
#include <stdexcept>
#include <system_error>

#include "catalog/catalog.h"
#include "catalog/schema.h"

namespace orpheus::catalog::detail {
namespace {

// sqlite's own words for the common cases are technical; say it plainly, keep theirs after.
std::string plain(const std::runtime_error& e, sqlite3* db) {
  const int code = db ? (sqlite3_extended_errcode(db) & 0xff) : SQLITE_ERROR;
  std::string what = e.what();
  if (code == SQLITE_NOTADB) return "not a SQLite database (wrong file, or damaged beyond repair)";
  if (code == SQLITE_CORRUPT) return "the database is damaged (" + what + ")";
  if (code == SQLITE_CANTOPEN) return "cannot open the file (" + what + ")";
  if (code == SQLITE_IOERR) return "cannot read the file (" + what + ")";
  return what;
}

bool has_table(sql::Database& db, std::string_view name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  st.bind(1, name);
  return st.step();
}

}  // namespace

OpenPack open_pack(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) throw LoadError(file, "file not found");
  if (std::filesystem::is_directory(status)) throw LoadError(file, "is a folder, not a pack file");

  std::optional<sql::Database> db;
  try {
    db.emplace(file, sql::Database::Mode::read_only);
  } catch (const sql::Error& e) {
    throw LoadError(file, std::string("cannot open: ") + e.what());
  }
  int version = 0;
  try {
    db->exec("PRAGMA query_only = ON");
    version = schema_version(db->get());
    if (version == 0 || !has_table(*db, "pack_info")) {
      auto st = db->prepare("SELECT count(*) FROM sqlite_schema");
      st.step();
      if (st.int64(0) == 0) throw LoadError(file, "empty database: it holds no content pack");
      if (!has_table(*db, "pack_info"))
        throw LoadError(file, "a SQLite database, but not an Orpheus content pack (no pack_info table)");
    }
  } catch (const LoadError&) {
    throw;
  } catch (const std::runtime_error& e) {  // sql::Error, or schema_version's runtime_error
    throw LoadError(file, plain(e, db->get()));
  }
  if (version > kSchemaVersion)
    throw LoadError(file, "schema version " + std::to_string(version) + " is newer than this kiosk supports (" +
                              std::to_string(kSchemaVersion) + "): update the kiosk software");
  if (version < kMinReadableVersion)
    throw LoadError(file, "schema version " + std::to_string(version) + " is older than this kiosk reads (" +
                              std::to_string(kMinReadableVersion) + " to " + std::to_string(kSchemaVersion) +
                              "): rebuild the pack");
  return OpenPack{std::move(*db), version};
}

}  // namespace orpheus::catalog::detail
