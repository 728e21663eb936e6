#pragma once
// The subcommands of orpheus-pack, after the command line is parsed (kiosk/bin/orpheus_pack.cpp
// only parses). Each returns the exit status: 0 ok, 1 content problems (a refused, damaged or
// unreadable pack, a failed build), 2 usage (bad configuration included). Messages for people
// go to `err`, results to `out`; progress is drawn as a bar when `err` is a terminal.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "packs/builder.h"
#include "packs/csv_import.h"
#include "packs/iiif_import.h"

namespace orpheus::packs::commands {

inline constexpr int kOk = 0, kProblems = 1, kUsage = 2;

struct Output {
  std::ostream& out;
  std::ostream& err;
  bool terminal = false;      // err is a terminal: draw progress bars
  bool quiet = false;         // print nothing but errors (and an import's final counts)
  bool all_warnings = false;  // list every warning, not the first few of each kind
};

// Where trusted keys come from: key files given on the command line, and the kiosk
// configuration's [content] trusted_keys.
struct TrustOptions {
  std::vector<std::filesystem::path> key_files;
  std::optional<std::filesystem::path> config;
  bool allow_unsigned = false;  // development: unsigned or untrusted packs are only warned about
};

// Where the content store is: --content-dir, else the configuration's [content] dir.
struct StoreOptions {
  std::filesystem::path content_dir;
  std::optional<std::filesystem::path> config;
};

// Problems as a curator reads them, on o.err: every error first, then the warnings grouped by
// kind (Problem::kind, else the reason with its quoted names and numbers left out) in the order
// each kind first occurs, a kind of more than three with its count and its first three (all of
// them with o.all_warnings). Only the errors when o.quiet.
void print_problems(const std::vector<Problem>& problems, Output& o);

int build(BuildOptions options, Output& o);
// The imports end with one line counting what was imported, rejected (CSV), the missing images
// and the warnings; -q keeps it.
int import_iiif(const IiifImportOptions& import, BuildOptions options, Output& o);
// With import.skip_invalid the rejected records go to `rejects` (write_rejects; default: beside
// the output, "PACK.rejects.csv"), written whenever the import gets as far as the build.
int import_csv(const CsvImportOptions& import, BuildOptions options, Output& o,
               const std::filesystem::path& rejects = {});
int verify(const std::filesystem::path& pack, const TrustOptions& trust, unsigned threads, Output& o);
// Per language, how many titles, summaries, descriptions and narrations the items and the
// collections have (packs/coverage.h). verbose: with metadata and captions counted too, and every
// item's narration per language (recorded, synthetic, silent).
// The programme's next dates are listed from `now` ("2027-03-14T10:00", read in the pack's time
// zone; with an offset or Z an instant anywhere), or from the present when it is empty.
int inspect(const std::filesystem::path& pack, bool json, Output& o, bool verbose = false, const std::string& now = {});
int keygen(const std::filesystem::path& base, const std::string& comment, bool force, Output& o);
int sign(const std::filesystem::path& pack, const std::filesystem::path& key, Output& o);
int install(const std::filesystem::path& pack, const StoreOptions& store, const TrustOptions& trust, unsigned threads,
            Output& o);
int list(const StoreOptions& store, bool json, Output& o);
int rollback(const StoreOptions& store, Output& o);

}  // namespace orpheus::packs::commands
