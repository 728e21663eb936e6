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
void write_pack(const PackSource& source, const BuildOptions& options, const std::string& created,
                BuildCounts& counts, std::vector<Problem>& problems);

}  // namespace orpheus::packs::detail
