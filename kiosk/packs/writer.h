#pragma once
// Internal to orpheus_packs: writes a checked PackSource as a pack file.
#include <string>
#include <vector>

#include "packs/builder.h"
#include "packs/source.h"

namespace orpheus::packs::detail {

// Writes into a temporary file beside options.output, all rows in one transaction, images
// rendered on worker threads; then integrity check, close, fsync, rename over the output.
// An image that fails to render adds a problem and nothing is written. I/O: throws BuildError.
// On any failure the temporary file is gone and the output path is as it was.
// Recordings found in the source are stored with their timings; with a `narrator` every other
// item text is synthesised (narration.h), else left silent.
struct Narrator;
void write_pack(const PackSource& source, const BuildOptions& options, const std::string& created,
                BuildCounts& counts, std::vector<Problem>& problems, const Narrator* narrator = nullptr);

}  // namespace orpheus::packs::detail
