#pragma once
// Imports a collection-management export (CSV) as a pack source, guided by a small mapping
// file (TOML) that says which column holds which field in which language. See
// docs/import-csv.md. Blocking, any thread. Not for the kiosk process.
#include <filesystem>
#include <vector>

#include "packs/source.h"

namespace orpheus::packs {

struct CsvImportOptions {
  std::filesystem::path csv;                      // the export
  std::filesystem::path mapping;                  // the mapping file (.toml)
  std::vector<std::filesystem::path> image_dirs;  // searched after the CSV's own folder
};

// Every problem found is appended, mapping file first, then the CSV by line: in the CSV as
// FILE:LINE:COL (the physical line where the record starts, the 1-based column number) with
// the column's header name as the field; in the mapping file as FILE:LINE:COL with the TOML
// key ("columns.title.en"). A missing image is an error, or a warning (the item imported without
// it) when the mapping says missing_images = "warning"; a removed <script> is a warning. Images
// are only located here: build_from_source() checks their content. The returned source is
// complete when no error was added.
PackSource import_csv(const CsvImportOptions& options, std::vector<Problem>& problems);

}  // namespace orpheus::packs
