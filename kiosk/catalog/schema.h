#pragma once
// The pack schema, shared by the builder (packs) and the reader (catalog).
// Versioned with PRAGMA user_version; migrations only go forward, one step at a time, each in
// its own transaction. The reader accepts kMinReadableVersion..kSchemaVersion.
#include <sqlite3.h>

namespace orpheus::catalog {

inline constexpr int kSchemaVersion = 7;
inline constexpr int kMinReadableVersion = 1;

int schema_version(sqlite3* db);
// Brings `db` (empty, or any older version) to `target` (default: the latest). Throws
// std::runtime_error naming the failing step. Target must not be lower than the current version.
void migrate(sqlite3* db, int target = kSchemaVersion);

}  // namespace orpheus::catalog
