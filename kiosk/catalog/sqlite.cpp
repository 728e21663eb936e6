#include "catalog/sqlite.h"

#include <climits>

namespace orpheus::sql {
namespace {

// "FILE: sqlite's message (while: what we were doing)". An in-memory database has no file.
std::string describe(sqlite3* db, std::string_view doing) {
  std::string msg;
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  msg += (file && *file) ? file : ":memory:";
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : "out of memory";
  // SQLITE_TOOBIG from a value over SQLITE_LIMIT_LENGTH: say which limit (an untrusted file's is
  // lower than SQLite's own).
  if (db && (sqlite3_extended_errcode(db) & 0xff) == SQLITE_TOOBIG &&
      std::string_view(sqlite3_errmsg(db)) == "string or blob too big")
    msg += " (more than the limit of " + std::to_string(sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1)) + " bytes)";
  if (!doing.empty()) {
    msg += " (while: ";
    // Long SQL is cut: the first line says which statement it was.
    std::string_view first = doing.substr(0, doing.find('\n'));
    if (first.size() > 120) first = first.substr(0, 120);
    msg += first;
    if (first.size() < doing.size()) msg += "…";
    msg += ")";
  }
  return msg;
}

// The limits of an untrusted connection, each well above what Orpheus's own statements and
// schema need (the longest CREATE is under 1 KB, the widest table has 10 columns, no statement
// nests deeper than a few levels or binds more than 4 parameters) and far below SQLite's
// defaults, which are sized for trusted SQL.
struct Limit {
  int id;
  int value;
  const char* name;
};
constexpr Limit kUntrustedLimits[] = {
    {SQLITE_LIMIT_LENGTH, kUntrustedMaxLength, "LENGTH"},
    {SQLITE_LIMIT_SQL_LENGTH, 100'000, "SQL_LENGTH"},  // also bounds each CREATE in the schema
    {SQLITE_LIMIT_COLUMN, 100, "COLUMN"},
    {SQLITE_LIMIT_EXPR_DEPTH, 100, "EXPR_DEPTH"},
    {SQLITE_LIMIT_COMPOUND_SELECT, 10, "COMPOUND_SELECT"},
    {SQLITE_LIMIT_VDBE_OP, 250'000, "VDBE_OP"},
    {SQLITE_LIMIT_FUNCTION_ARG, 16, "FUNCTION_ARG"},
    {SQLITE_LIMIT_ATTACHED, 0, "ATTACHED"},  // no ATTACH at all
    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100, "LIKE_PATTERN_LENGTH"},
    {SQLITE_LIMIT_VARIABLE_NUMBER, 100, "VARIABLE_NUMBER"},
    {SQLITE_LIMIT_TRIGGER_DEPTH, 1, "TRIGGER_DEPTH"},  // triggers are off anyway
};

struct Option {
  int op;
  int value;
  const char* name;
};
constexpr Option kUntrustedOptions[] = {
    {SQLITE_DBCONFIG_DEFENSIVE, 1, "DEFENSIVE"},
    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "TRUSTED_SCHEMA"},
    {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, "ENABLE_TRIGGER"},
    {SQLITE_DBCONFIG_ENABLE_VIEW, 0, "ENABLE_VIEW"},
    {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, "ENABLE_LOAD_EXTENSION"},
    // Debian builds SQLite with SQLITE_ENABLE_FTS3_TOKENIZER: the two-argument fts3_tokenizer(),
    // which takes a function pointer from SQL, would be on.
    {SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, "ENABLE_FTS3_TOKENIZER"},
};

// Every option and limit is read back: an SQLite that ignored one (too old to know it) must not
// leave the connection half hardened without a word.
void harden(sqlite3* db, const std::filesystem::path& file) {
  for (const Option& o : kUntrustedOptions) {
    int now = -1;
    if (sqlite3_db_config(db, o.op, o.value, &now) != SQLITE_OK || now != o.value)
      throw Error(file.string() + ": cannot open safely: this SQLite (" + sqlite3_libversion() +
                  ") does not take SQLITE_DBCONFIG_" + o.name);
  }
  for (const Limit& l : kUntrustedLimits) {
    sqlite3_limit(db, l.id, l.value);
    if (sqlite3_limit(db, l.id, -1) != l.value)
      throw Error(file.string() + ": cannot open safely: this SQLite does not take SQLITE_LIMIT_" + l.name + " = " +
                  std::to_string(l.value));
  }
}

}  // namespace

Database::Database(const std::filesystem::path& file, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;  // one connection per thread, see the header
  flags |= mode == Mode::read_write_create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  // Debian's SQLite takes a name starting with "file:" as a URI (SQLITE_USE_URI), whose query
  // could choose a VFS or options; "./file:..." is the same file as a plain name.
  std::string name = file.string();
  if (name.rfind("file:", 0) == 0) name = "./" + name;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  db_.reset(raw);  // sqlite3_open_v2 may hand out a handle even on failure: it must be closed
  if (rc != SQLITE_OK) {
    std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw Error(file.string() + ": cannot open: " + reason);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 2000);
  if (mode == Mode::read_write_create) exec("PRAGMA foreign_keys = ON");
  if (mode == Mode::untrusted) {
    harden(raw, file);
    // None of these reads the schema: a crafted one is refused by the first statement that does.
    exec("PRAGMA query_only = ON; PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0");
  }
}

void Database::exec(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
  char* err = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);  // sqlite3_errmsg still has the same message
    throw Error(describe(db_.get(), sql));
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_.get(), sql); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sql.size() > static_cast<std::size_t>(INT_MAX)) throw Error("SQL statement too long");
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) throw Error(describe(db, sql));
  if (!raw) throw Error(describe(db, "empty SQL statement"));
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw Error(describe(db_, sqlite3_sql(stmt_.get())));
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());  // its return code repeats the last step's error, already reported
  sqlite3_clear_bindings(stmt_.get());
}

namespace {
void check_bind(sqlite3* db, sqlite3_stmt* s, int rc) {
  if (rc != SQLITE_OK) throw Error(describe(db, std::string("binding a parameter of ") + sqlite3_sql(s)));
}
}  // namespace

Statement& Statement::bind(int i, std::int64_t v) {
  check_bind(db_, stmt_.get(), sqlite3_bind_int64(stmt_.get(), i, v));
  return *this;
}

Statement& Statement::bind(int i, double v) {
  check_bind(db_, stmt_.get(), sqlite3_bind_double(stmt_.get(), i, v));
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  // An empty string_view may have a null data(): that would bind NULL, not ''.
  const char* data = v.data() ? v.data() : "";
  check_bind(db_, stmt_.get(), sqlite3_bind_text64(stmt_.get(), i, data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind(int i, std::span<const std::uint8_t> blob) {
  // A zero-length blob is still a blob (not NULL): sqlite3_bind_blob64 with a null pointer
  // would bind NULL.
  static const std::uint8_t empty = 0;
  const void* data = blob.empty() ? &empty : blob.data();
  check_bind(db_, stmt_.get(), sqlite3_bind_blob64(stmt_.get(), i, data, blob.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_null(int i) {
  check_bind(db_, stmt_.get(), sqlite3_bind_null(stmt_.get(), i));
  return *this;
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

double Statement::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }

std::string Statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
  const int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::span<const std::uint8_t> Statement::blob(int col) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
  const int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::span<const std::uint8_t>(p, static_cast<std::size_t>(n)) : std::span<const std::uint8_t>();
}

std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

std::optional<double> Statement::opt_real(int col) const {
  if (is_null(col)) return std::nullopt;
  return real(col);
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  // Never throws: a failed rollback leaves nothing better to do (the connection's own
  // cleanup rolls back when it closes).
  sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace orpheus::sql
