#pragma once
// Delta updates: a new version of a pack as a patch against an older one (docs/fleet.md,
// "Delta updates"). A patch is a zstd frame compressed with the older pack as its dictionary
// prefix and long-distance matching: exactly what `zstd --patch-from=OLD --long=31` makes and
// reads, so a technician can check one by hand. Packs are SQLite files: one changed item moves
// pages and rewrites the page numbers inside them, which breaks content-defined chunks (measured
// on the demo pack: a re-encoded image leaves 57% of 8 KB pages new) but costs a patch a few
// bytes per moved page (0.6%).
// Blocking file I/O, memory-mapped inputs; any thread.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>

namespace orpheus::fleet {

// "FILE: reason" for a patch that cannot be made or applied (corrupt, for another base, too
// large, disk full).
class DeltaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes the patch turning `from` into `to` at `patch` (replaced atomically). Level 1..19;
// beyond 9 the patch shrinks by 1-2% for ten times the time. Returns the patch's size.
std::uint64_t make_patch(const std::filesystem::path& from, const std::filesystem::path& to,
                         const std::filesystem::path& patch, int level = 9);

// Applies `patch` to `from`, writing the result to `out` (created or truncated; not fsynced:
// the caller checks its hash first). Refuses to write more than `max_bytes` (the size the
// channel promised) and a patch that ends early. `progress(done, max_bytes)` after each block
// written; may be empty. Throws DeltaError naming the file; then `out` is removed.
void apply_patch(const std::filesystem::path& from, const std::filesystem::path& patch,
                 const std::filesystem::path& out, std::uint64_t max_bytes,
                 const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace orpheus::fleet
