#include "packs/installer.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstdint>
#include <optional>
#include <system_error>

#include "packs/verify.h"

namespace orpheus::packs {
namespace {

namespace fs = std::filesystem;

// Tells the kiosk's hash memo the hash of the copy just installed, so that its next start shows
// the pack without reading it whole first (it still does, after its first frame). The copy was
// read in full before it was renamed into place; the rename moved its change time, so the
// identity remembered is the one it has now, in the store that nothing else writes. A memo that
// cannot be written costs one read in full: a note, not a failure.
std::string remember_hash(const fs::path& memo_file, const fs::path& installed, const trust::Seal& seal) {
  std::error_code ec;
  if (memo_file.empty() || !fs::is_directory(memo_file.parent_path(), ec)) return {};
  const auto identity = trust::identity_of(installed);
  if (!identity) return {};
  try {
    trust::HashMemo(memo_file).remember(installed, *identity, seal);
  } catch (const trust::TrustError& e) {
    return std::string(e.what()) + "; the kiosk reads the pack in full before showing it";
  }
  return {};
}

// "thracology-1.2.0-3f2a9c1e5b7d": what the store calls an installed pack.
std::string install_name(const Manifest& m, const trust::Seal& seal) {
  std::string name = m.id + "-" + m.version + "-" + trust::to_hex(seal.actual).substr(0, 12);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return name;
}

// "2 problems found when verifying it, the first: signature: not signed by any curator key".
std::string verification_error(const std::vector<Problem>& problems) {
  const auto is_error = [](const Problem& p) { return !p.warning; };
  const auto errors = std::count_if(problems.begin(), problems.end(), is_error);
  const auto first = std::find_if(problems.begin(), problems.end(), is_error);
  assert(first != problems.end());
  return std::to_string(errors) +
         (errors == 1 ? " problem found when verifying it: " : " problems found when verifying it, the first: ") +
         (first->field.empty() ? "" : first->field + ": ") + first->reason;
}

}  // namespace

std::string InstallResult::summary() const {
  if (installed) return "installed " + id + " " + version + " as " + file.string();
  return pack.string() + ": not installed: " + error + "; the kiosk keeps its current pack";
}

std::string RollbackResult::summary() const {
  if (!ok) return "not rolled back: " + error + "; the kiosk keeps its current pack";
  return "rolled back: current " + current.string() + ", " +
         (previous.empty() ? std::string("no previous pack") : "previous " + previous.string());
}

InstallResult Installer::install(const fs::path& pack, const InstallOptions& options) const {
  InstallResult result;
  result.pack = pack;
  if (options.require_trusted && options.trusted.empty()) {
    result.refusal = Refusal::no_trusted_keys;
    result.error = "no trusted keys were given, and a trusted signature is required";
    return result;
  }

  VerifyOptions v;
  v.trusted = options.trusted;
  v.require_trusted = options.require_trusted;
  v.threads = options.threads;
  v.progress = options.progress;
  VerifyReport r = verify_pack(pack, v);
  result.problems = std::move(r.problems);
  result.id = r.manifest.id;
  result.version = r.manifest.version;
  if (options.verified) options.verified(result.problems);
  if (has_errors(result.problems)) {
    result.refusal = Refusal::problems;
    result.error = verification_error(result.problems);
    return result;
  }
  if (!r.seal.seal) {
    result.refusal = Refusal::no_seal;
    result.error = "it has no seal (" + r.seal.reason + ")";
    return result;
  }

  const trust::ContentHash verified = r.seal.seal->actual;
  store::InstallOptions io;
  io.name = install_name(r.manifest, *r.seal.seal);
  if (options.progress)
    io.progress = [&](std::uint64_t done, std::uint64_t total) { options.progress(Progress{"copying", done, total}); };
  std::optional<trust::Seal> copied;  // the seal of the copy, read in full
  io.check_copy = [&](const fs::path& copy) {
    trust::Seal seal;
    try {
      seal = trust::read_seal(copy);
    } catch (const trust::TrustError& e) {  // the store passes this on unchanged: make it the store's failure
      throw store::StoreError(e.what());
    }
    if (seal.actual != verified || !seal.intact())
      throw store::StoreError(copy.string() + ": the copy differs from the pack that was verified (did " + pack.string() +
                              " change while it was copied?)");
    copied = seal;
  };
  // ContentStore holds only its folder's path; a copy keeps this method const and thread-safe.
  store::ContentStore store = store_;
  try {
    const store::State before = store.state();
    result.file = store.install(pack, io);
    if (!before.current.empty() && before.current != result.file.filename().string())
      result.previous = store.dir() / before.current;
  } catch (const store::StoreError& e) {
    result.file.clear();
    result.refusal = Refusal::store;
    result.error = e.what();
    return result;
  }
  result.installed = true;
  if (copied) result.note = remember_hash(options.hash_memo, result.file, *copied);
  return result;
}

RollbackResult Installer::rollback() const {
  RollbackResult result;
  store::ContentStore store = store_;
  try {
    const store::State now = store.rollback();
    result.current = store.dir() / now.current;
    if (!now.previous.empty()) result.previous = store.dir() / now.previous;
    result.ok = true;
  } catch (const store::StoreError& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace orpheus::packs
