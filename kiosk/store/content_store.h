#pragma once
// The kiosk's content directory: installed packs and which one is shown. Knows nothing of
// what is inside a pack (the caller checks packs through InstallOptions::check_copy).
//
//   DIR/state         "current = NAME.db" and "previous = NAME.db" lines; replaced only by
//                     an atomic rename, so a reader sees the old or the new state, never half
//   DIR/NAME.db       installed packs; never modified once in place
//   DIR/.incoming-*   a copy in progress; removed by the next install
//   DIR/.lock         flock()ed by install and rollback: one writer at a time
//
// Killing a writer at any instant leaves `state` naming complete, fsynced files. Readers (the
// kiosk) need no lock. Methods block on disk I/O: never call them from a frame.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace orpheus::store {

class StoreError : public std::runtime_error {  // names the file and the reason
 public:
  using std::runtime_error::runtime_error;
};

struct State {
  std::string current, previous;  // file names inside DIR; empty if none
  bool operator==(const State&) const = default;
};

struct InstallOptions {
  std::string name;  // file name stem in DIR, e.g. "thracology-1.2.0-3f2a9c1e"; [A-Za-z0-9._-]+
  // Bytes copied so far and in all; called from the installing thread.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // Called on the complete, fsynced copy before it goes live; throw to refuse it (the copy is
  // then removed and nothing changes). For checking that the copy is the pack that was verified.
  std::function<void(const std::filesystem::path& copy)> check_copy;
};

struct Entry {
  std::filesystem::path file;
  std::uint64_t bytes = 0;
  bool current = false, previous = false;
};

class ContentStore {
 public:
  explicit ContentStore(std::filesystem::path dir);  // touches nothing on disk
  const std::filesystem::path& dir() const { return dir_; }

  // Reads DIR/state. An absent directory or state file is an empty State; an unreadable or
  // malformed one, or one naming a file with a path separator, throws StoreError.
  State state() const;
  std::optional<std::filesystem::path> current() const;   // DIR/NAME.db, if any
  std::optional<std::filesystem::path> previous() const;

  // Creates DIR if needed, copies `pack` to DIR/.incoming-*, fsyncs it, calls check_copy, renames
  // it to DIR/NAME.db, fsyncs DIR, makes it current (the old current becomes previous) by
  // replacing DIR/state atomically, then removes every other *.db and leftover .incoming-*.
  // Installing the pack that is already current changes nothing; the previous one swaps them.
  // Returns the installed file. Throws StoreError (disk full, not writable, ...): then `state`
  // is as before.
  std::filesystem::path install(const std::filesystem::path& pack, const InstallOptions& options);

  // Swaps current and previous. Throws StoreError if there is no previous pack.
  State rollback();

  // The *.db files in DIR, current first, then previous, then any others, by name.
  std::vector<Entry> list() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace orpheus::store
