#include "catalog/pack_file.h"

#include <map>
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
  // trusted_schema off: a CHECK, DEFAULT, generated column or index expression calls a function
  // SQLite does not mark innocuous. SQLite calls the schema malformed; it was crafted.
  if (what.find("unsafe use of ") != std::string::npos)
    return "its schema calls a function a pack's schema may not use (" + what + ")";
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

// The views, virtual tables and triggers of a schema by name: their type ("view", "virtual",
// "trigger") and CREATE statement. Types as SQLite built them (pragma_table_list), not as the
// file's sqlite_schema rows claim.
std::map<std::string, std::pair<std::string, std::string>> special_objects(sql::Database& db) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  auto tables = db.prepare(
      "SELECT l.name, l.type, s.sql FROM pragma_table_list l LEFT JOIN sqlite_schema s ON s.name = l.name "
      "WHERE l.schema = 'main' AND l.type IN ('view', 'virtual')");
  while (tables.step()) out[tables.text(0)] = {tables.text(1), tables.text(2)};
  auto triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'");
  while (triggers.step()) out[triggers.text(0)] = {"trigger", triggers.text(1)};
  return out;
}

// Those orpheus-pack writes: the full-text index item_search (fts5) and the triggers that fill it
// (schema.cpp; each schema version only adds, so an older pack has a subset). Worked out once
// from the schema itself.
const std::map<std::string, std::pair<std::string, std::string>>& ours() {
  static const auto objects = [] {
    sql::Database db(":memory:", sql::Database::Mode::read_write_create);
    migrate(db.get());
    return special_objects(db);
  }();
  return objects;
}

// Views, virtual tables and triggers are code that runs when a table is read or written. A pack
// holds only the ones orpheus-pack writes, word for word: anything else was crafted. (Views and
// triggers are off on the connection anyway; this names the reason instead of failing later.)
void check_schema_objects(sql::Database& db, const std::filesystem::path& file) {
  const auto& expected = ours();
  for (const auto& [name, object] : special_objects(db)) {
    const auto& [type, text] = object;
    const auto it = expected.find(name);
    const std::string what = (type == "virtual" ? "virtual table" : type) + " '" + name + "'";
    if (it == expected.end())
      throw LoadError(file, "its schema holds a " + what + ", which no Orpheus pack has (a crafted or altered file)");
    if (it->second != object)
      throw LoadError(file, "its schema's " + what + " is not the one orpheus-pack writes (a crafted or altered file)");
  }
}

}  // namespace

OpenPack open_pack(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) throw LoadError(file, "file not found");
  if (std::filesystem::is_directory(status)) throw LoadError(file, "is a folder, not a pack file");

  std::optional<sql::Database> db;
  try {
    db.emplace(file, sql::Database::Mode::untrusted);  // a pack may come from anyone
  } catch (const sql::Error& e) {
    throw LoadError(file, std::string("cannot open: ") + e.what());
  }
  int version = 0;
  try {
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
  try {
    check_schema_objects(*db, file);  // after the version: a newer pack may have more of them
  } catch (const LoadError&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw LoadError(file, plain(e, db->get()));
  }
  return OpenPack{std::move(*db), version};
}

}  // namespace orpheus::catalog::detail
