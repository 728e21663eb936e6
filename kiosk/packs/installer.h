#pragma once
// Installs a pack into the kiosk's content store, and rolls back to the previous one: the library
// behind `orpheus-pack install` / `rollback` and the kiosk's admin screen, which print or show
// the results. A pack is verified in full (verify.h) and refused unless it verifies, has a seal
// and, when required, is signed by a trusted key; its copy in the store must hash to what was
// verified before it goes live (the store switches atomically and keeps the previous pack).
// Reads no configuration file: the caller passes the keys and paths.
// Blocking (verification decodes every image, the copy is fsynced): call it from a worker
// thread, never from a frame. Any thread; several installers on one store take turns (the
// store locks writers). Never throws for a bad pack or a failing store: the result says why.
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "packs/builder.h"
#include "packs/progress.h"
#include "store/content_store.h"
#include "trust/seal.h"

namespace orpheus::packs {

struct InstallOptions {
  std::vector<trust::PublicKey> trusted;  // keys a pack may be signed by
  bool require_trusted = true;            // false (development): unsigned or untrusted is only a warning
  unsigned threads = 0;                   // verification workers; 0 = one per core (at most 8)
  // The kiosk's remembered pack hashes (config::pack_hashes_file), told the hash of the copy
  // installed so that the kiosk's next start shows it without reading it in full first. Empty:
  // none. Written only into a folder that exists: an installer running as another user (root)
  // must not create the kiosk's state folder as its own.
  std::filesystem::path hash_memo;
  // Verification's stages, then "copying" in bytes. Called on the installing thread; may be empty.
  ProgressFn progress;
  // Called once verification is done, with its problems (also in the result), before anything
  // is copied: lets a command line print them where they happened. Not called when nothing was
  // verified (no trusted keys). May be empty.
  std::function<void(const std::vector<Problem>&)> verified;
};

// Why a pack was not installed.
enum class Refusal {
  none,             // installed
  no_trusted_keys,  // a trusted signature is required and no key was given: the pack was not read
  problems,         // verification found errors (in `problems`)
  no_seal,          // it verified but has no seal, so its copy could not be checked
  store,            // the store refused or failed (copying, the copy's check, its state file)
};

struct InstallResult {
  bool installed = false;
  Refusal refusal = Refusal::none;
  std::vector<Problem> problems;   // verification's problems and warnings, in order
  std::string id, version;         // of the pack (manifest), as far as it could be read
  std::filesystem::path pack;      // as given
  std::filesystem::path file;      // the installed copy in the store (when installed)
  std::filesystem::path previous;  // the pack that was current before, if it was another one
  // Why not installed, one sentence to follow "PACK: not installed: " (a store error names its
  // own file); empty when installed.
  std::string error;
  // Not a failure, e.g. the hash memo could not be written (naming it) and what that costs.
  std::string note;
  // One line for people: "installed ID VERSION as FILE", or
  // "PACK: not installed: ERROR; the kiosk keeps its current pack".
  std::string summary() const;
};

struct RollbackResult {
  bool ok = false;
  std::filesystem::path current, previous;  // the store's files after it (previous empty if none)
  std::string error;                        // why not, naming the file; empty when ok
  // One line for people: "rolled back: current FILE, previous FILE" ("no previous pack" when
  // none), or "not rolled back: ERROR; the kiosk keeps its current pack".
  std::string summary() const;
};

class Installer {
 public:
  explicit Installer(store::ContentStore store) : store_(std::move(store)) {}
  const store::ContentStore& store() const { return store_; }

  // Verifies `pack` and makes it the store's current pack (the current one becomes previous).
  // Blocking; any thread. Callbacks in `options` run on the calling thread.
  InstallResult install(const std::filesystem::path& pack, const InstallOptions& options) const;
  // Swaps the current and previous packs. Blocking; any thread.
  RollbackResult rollback() const;

 private:
  store::ContentStore store_;
};

}  // namespace orpheus::packs
