#pragma once
// The kiosk's content directory: installed packs and which one is shown. Knows nothing of
// what is inside a pack (the caller checks packs through InstallOptions::check_copy).
//
//   DIR/state         "# comment" lines, "current = NAME.db" and (if any) "previous = NAME.db";
//                     replaced only by an atomic rename, so a reader sees the old or the new
//                     state, never half
//   DIR/NAME.db       installed packs (mode 0444); never modified once in place
//   DIR/.incoming-*   a copy in progress; DIR/.state-* a state being written. Both are removed
//                     by the next install or rollback (a writer killed midway leaves them)
//   DIR/.lock         flock()ed by install and rollback: one writer at a time. A second writer
//                     (thread or process) waits until the first is done; the kernel releases
//                     the lock of a writer that dies, so it is never stale
//
// Pack file names are [A-Za-z0-9._-]+, not starting with '.', ending in ".db", at most 200
// characters. Killing a writer at any instant leaves `state` naming complete, fsynced files
// and every pack it names intact. Readers (the kiosk) need no lock. Methods block on disk
// I/O: never call them from a frame. Every method may be called from any thread.
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
  // File name stem in DIR, e.g. "thracology-1.2.0-3f2a9c1e"; [A-Za-z0-9._-]+, not starting with
  // '.', required. A trailing ".db" is allowed ("x.db" is the file x.db, not x.db.db). The name
  // is the pack's identity: installing a name that is current or previous copies nothing, so
  // a different pack needs a different name (put its content hash in it). A file of another
  // size under that name is refused; one of the same size is not detected.
  std::string name;
  // Bytes copied so far and in all; called from the installing thread, under the lock, with
  // (0, total) first and (total, total) last. When no copy is needed it is called once with
  // (total, total). A throw cancels the install like any other error.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // Called on the complete, fsynced copy (DIR/.incoming-*, closed) before it goes live; throw
  // to refuse it (the copy is then removed, nothing changes, and the exception propagates
  // unchanged out of install()). For checking that the copy is the pack that was verified.
  // Not called when no copy is made (the pack is already current or previous).
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
  // malformed one throws StoreError naming the file (and line): a line that is not blank, a
  // "#" comment, "current = NAME" or "previous = NAME"; a key given twice; a NAME that is not
  // a pack file name (a path separator, "..", no ".db"); a previous without a current; current
  // and previous the same. A missing "previous" line is no previous pack. The names are
  // returned as written even if the files are missing.
  State state() const;
  // DIR/NAME.db if the state names a pack and that file exists (as a regular file), else
  // nullopt. Throw like state().
  std::optional<std::filesystem::path> current() const;
  std::optional<std::filesystem::path> previous() const;

  // Creates DIR if needed, copies `pack` to DIR/.incoming-*, fsyncs it, calls check_copy, renames
  // it to DIR/NAME.db, fsyncs DIR, makes it current (the old current becomes previous; if the
  // old current's file is missing, the old previous stays previous) by replacing DIR/state
  // atomically and fsyncing DIR, then removes every other *.db and leftover .incoming-* and
  // .state-* (best effort: a file that cannot be removed is left for the next writer).
  // Installing the pack that is already current changes nothing (but still removes leftovers);
  // the previous one swaps them without copying. A name the state gives whose file is missing
  // is copied afresh. Returns the installed file. Throws StoreError (invalid name, source
  // missing or a directory or changed while copied, disk full, not writable, malformed state:
  // a writer never overwrites a state it cannot read; remove it by hand to start afresh, ...)
  // naming the file and the reason: then `state` is as before and no temporary or pack file
  // of this call is left in DIR (DIR itself and DIR/.lock may have been created). The one
  // exception: if syncing DIR fails after the new state was renamed into place, the error says
  // so and the new state is already visible. Blocks while another writer holds the lock.
  std::filesystem::path install(const std::filesystem::path& pack, const InstallOptions& options);

  // Swaps current and previous (if the current file is missing, there is no previous after),
  // then removes leftovers like install(). Throws StoreError if there is no previous pack or its
  // file is missing or the state is malformed; then nothing changes. Blocks like install().
  // Returns the new state.
  State rollback();

  // The *.db files in DIR, current first, then previous, then any others, by name. An absent
  // DIR is an empty list; a malformed state throws like state().
  std::vector<Entry> list() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace orpheus::store
