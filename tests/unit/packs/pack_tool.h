#pragma once
// The pack tests' hands on real files: orpheus-pack run as a command (its exit status and
// output), and SQL run on a pack read-write to damage it (the seal recomputed, unless asked not to).
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/source_tree.h"
#include "trust/seal.h"

namespace orpheus::test {

struct Run {
  int status;
  std::string out, err;
};

// orpheus-pack with `args` (shell words), its output kept in `dir`.
inline Run run(const TempDir& dir, const std::string& args) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = std::string("'") + ORPHEUS_PACK_EXE + "' " + args + " >'" + out.string() + "' 2>'" +
                          err.string() + "'";
  const int rc = std::system(cmd.c_str());
  return Run{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_text(out), read_text(err)};
}

// Runs `sql` on the pack read-write, then (with `reseal`) records the new content hash so the seal
// matches again: what is left to find is the damage itself, not "tampered".
inline void damage(const std::filesystem::path& pack, const std::string& sql, bool reseal = true) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(pack.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message << "\nin: " << sql);
  if (reseal) trust::write_content_hash(pack);
}

}  // namespace orpheus::test
