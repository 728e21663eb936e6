#pragma once
// Imports a collection-management export (CSV) as a pack source, guided by a small mapping
// file (TOML) that says which column holds which field in which language. See
// docs/import-csv.md. Blocking, any thread. Not for the kiosk process.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "packs/progress.h"
#include "packs/source.h"

namespace orpheus::packs {

struct CsvImportOptions {
  std::filesystem::path csv;                      // the export
  std::filesystem::path mapping;                  // the mapping file (.toml)
  std::vector<std::filesystem::path> image_dirs;  // searched after the CSV's own folder
  // Partial import, as database loaders do: a record with an error is left out and listed in
  // CsvImportReport::rejected, and the others are imported. Problems of the mapping or of the
  // file as a whole (its encoding, a quote never closed, a header naming no mapped column) still
  // stop the import. false: all or nothing, any error stops it.
  bool skip_invalid = false;
  ProgressFn progress{};  // "rows": records checked of all, from the calling thread; may be empty
};

// A record left out by skip_invalid: where it is, its cells as read, and why.
struct RejectedRecord {
  int line = 0;                     // where the record starts, as in its problems
  std::vector<std::string> cells;   // as read: quotes undone, line breaks kept (a ragged row's count)
  std::vector<Problem> errors;      // why, in column order (its warnings are dropped with it)
};

// What an import did, record by record, for the summary and the reject file.
struct CsvImportReport {
  std::vector<std::string> header;  // the export's column names, as read
  char delimiter = ',';
  bool byte_order_mark = false;
  std::size_t records = 0;          // data records in the file, empty ones included
  std::size_t imported = 0;         // records that became items
  std::size_t empty = 0;            // records of nothing but empty or NULL cells: left out, warned about
  std::size_t invalid = 0;          // records with at least one error (rejected ones when skip_invalid)
  std::size_t missing_images = 0;   // pictures named but not found (imported items only)
  std::size_t dated = 0;            // imported items with a year
  bool dates_mapped = false;        // a date or year column is mapped: `dated` is worth saying
  bool blocked = false;             // a problem of the mapping or the whole file: nothing was imported
  std::vector<RejectedRecord> rejected;  // skip_invalid only, in file order
};

// Every problem found is appended, mapping file first, then the CSV by line: in the CSV as
// FILE:LINE:COL (the physical line where the record starts, the 1-based column number) with
// the column's header name as the field; in the mapping file as FILE:LINE:COL with the TOML
// key ("columns.title.en"). A missing image is an error, or a warning (the item imported without
// it) when the mapping says missing_images = "warning"; a removed <script> and a record with no
// value at all are warnings. Each problem carries a kind (Problem::kind) for grouped reports.
// With skip_invalid the errors of rejected records go into `report` instead, and the images of
// the records kept are checked here (an unreadable one rejects its record); otherwise images are
// only located here and build_from_source() checks them. The returned source is complete when no
// error was added.
PackSource import_csv(const CsvImportOptions& options, std::vector<Problem>& problems,
                      CsvImportReport* report = nullptr);

// The name of the column holding a rejected record's line and of the one holding its reasons,
// after the export's own columns in a reject file.
inline constexpr const char* kRejectLineColumn = "reject_line";
inline constexpr const char* kRejectReasonColumn = "reject_reason";

// Writes the rejected records as CSV, to be fixed and imported again with the same mapping: the
// export's header and delimiter, then the records as read (a short row padded with empty cells),
// each followed by its line and its reasons ("column: reason", several joined by " | "). UTF-8,
// with a byte order mark when the export had one; written to a temporary file renamed over
// `file`. Throws BuildError naming the file when it cannot be written.
void write_rejects(const std::filesystem::path& file, const CsvImportReport& report);

}  // namespace orpheus::packs
