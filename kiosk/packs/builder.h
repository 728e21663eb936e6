#pragma once
// Builds a content pack (one SQLite file) from a pack source folder (docs/pack-source.md).
// Reads and checks everything first; writes only when there is no problem at all, into a
// temporary file beside the output that is renamed over it at the very end. On any failure
// nothing is left at the output path, and an older file there stays untouched.
// Blocking; spawns its own worker threads for images. Not for the kiosk process.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gshhg.h"
#include "packs/progress.h"

namespace orpheus::packs {

// One content problem, printed as "FILE:LINE:COL: FIELD: reason". line/column are 1-based and
// 0 when unknown (then "FILE: FIELD: reason"); field is a dotted path such as "title.bg" or
// "images[2].file" (arrays count from 1, as a curator does).
// A warning (something left out, e.g. an image not found by an importer) is reported but
// does not stop the build; str() then starts the reason with "warning: ".
// kind: a short name for problems of the same kind ("image not found"), by which reports group
// and count them; empty when the reason says it (see commands.cpp).
struct Problem {
  std::filesystem::path file;
  int line = 0, column = 0;
  std::string field;
  std::string reason;
  bool warning = false;
  std::string kind{};
  std::string str() const;
};

bool has_errors(const std::vector<Problem>& problems);  // any problem that is not a warning

struct BuildOptions {
  std::filesystem::path source_dir;                // holds pack.toml, collections/, items/
  std::filesystem::path output;                    // the pack file to (re)place
  std::vector<std::filesystem::path> media_dirs;   // searched for images after source_dir, in order
  std::vector<std::filesystem::path> events_dirs;  // further events (*.toml, *.ics, *.csv), read after SRC/events
  unsigned threads = 0;                            // image workers; 0 = one per core (at most 8)
  std::filesystem::path gshhg_dir = geo::kGshhgDir; // GSHHG's binned files, for a source with map.toml
  // Speak every item text that has no recording with espeak-ng into the pack (docs/narration.md).
  bool narrate = false;
  std::string espeak = "espeak-ng";                // the synthesiser to run (a name on PATH or a path)
  // Languages in which every item and collection text must exist (--require-languages), besides
  // the source's own require_languages: each missing text is an error (coverage.h).
  std::vector<std::string> require_languages;
  // Called from the building thread: notes ("reading SRC") and counts ("images", 52 of 200).
  ProgressFn progress;
};

struct BuildCounts {
  int languages = 0, tags = 0, collections = 0, items = 0, images = 0, tiles = 0;
  int events = 0, event_dates = 0;  // the programme (docs/events.md): events and their occurrences
  std::uint64_t output_bytes = 0;
  double tile_seconds = 0;  // CPU time the workers spent making tile pyramids (summed over threads)
  // The map (map.toml): its size in map pixels, its tiles and lines (points summed over the
  // detail levels), their bytes, its places, and the wall-clock time it took to make.
  int map_width = 0, map_height = 0, map_tiles = 0, map_details = 0, map_lines = 0, map_places = 0;
  std::uint64_t map_points = 0, map_tile_bytes = 0, map_line_bytes = 0;
  double map_seconds = 0;
  // Narration: item texts per language recorded by the curator, synthesised (--narrate), or
  // left silent; the audio's bytes and length, and the wall-clock time spent making it.
  int narrations_recorded = 0, narrations_synthetic = 0, narrations_silent = 0;
  std::uint64_t narration_bytes = 0;
  std::int64_t narration_ms = 0;
  double narration_seconds = 0;
};

struct BuildResult {
  std::vector<Problem> problems;  // sorted by file, line, column; only warnings on success
  BuildCounts counts;             // of what was read (and written, on success)
  bool ok() const;                // no problem that is not a warning
};

// The source cannot be written as a pack for a reason that is not its content (output folder
// not writable, disk full, ...). The message names the file.
class BuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PackBuilder {
 public:
  explicit PackBuilder(BuildOptions options);
  // Reads and checks the source, then writes the pack if there is no problem. Content problems
  // come back in the result; I/O failures on the output throw BuildError.
  BuildResult build();

 private:
  BuildOptions options_;
};

inline BuildResult build_pack(BuildOptions options) { return PackBuilder(std::move(options)).build(); }

}  // namespace orpheus::packs
