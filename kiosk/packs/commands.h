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
  bool terminal = false;  // err is a terminal: draw progress bars
  bool quiet = false;     // print nothing but problems
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

int build(BuildOptions options, Output& o);
int import_iiif(const IiifImportOptions& import, BuildOptions options, Output& o);
int import_csv(const CsvImportOptions& import, BuildOptions options, Output& o);
int verify(const std::filesystem::path& pack, const TrustOptions& trust, unsigned threads, Output& o);
int inspect(const std::filesystem::path& pack, bool json, Output& o);
int keygen(const std::filesystem::path& base, const std::string& comment, bool force, Output& o);
int sign(const std::filesystem::path& pack, const std::filesystem::path& key, Output& o);
int install(const std::filesystem::path& pack, const StoreOptions& store, const TrustOptions& trust, unsigned threads,
            Output& o);
int list(const StoreOptions& store, bool json, Output& o);
int rollback(const StoreOptions& store, Output& o);

}  // namespace orpheus::packs::commands
