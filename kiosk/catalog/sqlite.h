#pragma once
// RAII owners and small helpers for the SQLite C API. A Database shall not be shared by
// several threads; open one per thread. Destructors never throw.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace orpheus::sql {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DbCloser { void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); } };
struct StmtFinalizer { void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); } };

class Statement;

// The largest string, blob or whole row an untrusted connection reads (SQLITE_LIMIT_LENGTH):
// above the largest file orpheus-pack stores (packs::detail::kMaxImageFileBytes, 500 MiB: a
// curator's original image), well below SQLite's 1,000,000,000. A bigger row fails with
// SQLITE_TOOBIG before its bytes are allocated.
inline constexpr int kUntrustedMaxLength = 512 * 1024 * 1024;

class Database {
 public:
  // untrusted: read-only and hardened for a file anyone may have crafted (a content pack):
  // SQLITE_DBCONFIG_DEFENSIVE; the schema not trusted (a function not marked innocuous in a
  // CHECK, DEFAULT, generated column, index expression, view or trigger is an error);
  // triggers, views, extension loading and the fts3_tokenizer() pointer form off; ATTACH
  // impossible; limits on lengths and depths (sqlite.cpp); query_only, cell_size_check,
  // no memory-mapped I/O.
  enum class Mode { read_only, read_write_create, untrusted };
  Database(const std::filesystem::path& file, Mode mode);  // throws Error
  sqlite3* get() const { return db_.get(); }
  void exec(std::string_view sql);                          // throws Error
  Statement prepare(std::string_view sql);                  // throws Error

 private:
  std::unique_ptr<sqlite3, DbCloser> db_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);  // throws Error
  bool step();                                   // true: a row is ready; false: done
  void reset();
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, std::span<const std::uint8_t> blob);
  Statement& bind_null(int i);
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) { return v ? bind(i, *v) : bind_null(i); }
  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::span<const std::uint8_t> blob(int col) const;  // valid until the next step/reset
  std::optional<std::int64_t> opt_int64(int col) const;
  std::optional<double> opt_real(int col) const;

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt_;
};

// Rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace orpheus::sql
