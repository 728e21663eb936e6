#pragma once
// Internal to orpheus_catalog: opens a pack read-only and checks it is one this kiosk can
// read. Shared by load_snapshot and MediaReader so both refuse the same files, in the same words.
#include <filesystem>

#include "catalog/sqlite.h"

namespace orpheus::catalog::detail {

struct OpenPack {
  sql::Database db;
  int schema_version = 0;
};

// Throws LoadError naming `file` and the reason: missing (never created), not a SQLite file,
// empty or foreign database, schema older than kMinReadableVersion or newer than kSchemaVersion.
OpenPack open_pack(const std::filesystem::path& file);

}  // namespace orpheus::catalog::detail
