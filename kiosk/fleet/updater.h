#pragma once
// One run of orpheus-update (docs/fleet.md): fetch the channel (conditional GET), check its
// signature and freshness, choose what this kiosk should run, download it (a patch against the
// current pack when the channel has one, else the whole pack; Range-resumed after any
// interruption), check its hash, install it through the content store (the kiosk shows it at
// its next idle moment), then tell the museum (status and usage uploads). Every failure keeps the
// current pack and is one log line naming the URL or file and the reason.
//
// Its state, under STATE/update/ ([state] dir):
//   state.json       last serial accepted per channel name, the channel's validators (ETag,
//                    Last-Modified) and its last good text, consecutive failures and when to try
//                    again, the last result, a pack refused by verification (not downloaded again
//                    while the channel names it); replaced atomically
//   downloads/       HASH.part: a download in progress (resumed by the next run); removed once
//                    installed, or when the channel no longer names it
//   lock             flock()ed for the whole run: a second updater (the timer and a technician
//                    by hand) waits or, with wait_for_lock false, exits at once
// Blocking; the thread that calls it does the work (the kiosk's UI never calls it).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "fleet/http.h"
#include "trust/seal.h"

namespace orpheus::fleet {

enum class Outcome {
  installed,    // a new pack is current
  up_to_date,   // the channel names what is current (or nothing for this kiosk yet)
  waiting,      // nothing done: backing off after failures, or another updater holds the lock
  failed,       // network, server or disk: tried again later with back-off
  refused,      // the channel or a download is not acceptable (signature, replay, expired, an
                // older version without rollback, a wrong hash, a pack that does not verify)
};
const char* to_string(Outcome o);

struct UpdaterOptions {
  std::string channel_url;                 // required
  std::string group;                       // [update] group
  std::filesystem::path content_dir;       // the content store
  std::filesystem::path state_dir;         // STATE: update/ below it
  std::vector<trust::PublicKey> trusted;   // sign both the channel and the packs
  bool require_signature = true;           // packs (the channel is always checked)
  HttpOptions http;
  bool use_patches = true;                 // false: whole packs only (--no-delta)
  unsigned verify_threads = 0;             // 0: one per core (at most 8)
  std::filesystem::path hash_memo;         // config::pack_hashes_file
  // Telling the museum: status_url "" sends nothing. The kiosk's key (its id names the kiosk and
  // its rollout bucket) is usage::kiosk_key(usage_journal if set, else STATE/usage.db).
  std::string status_url;
  std::filesystem::path usage_journal;     // "": no usage uploads
  std::filesystem::path health_file;       // read into the status; "": none
  std::string kiosk_name, institution;
  // Back-off after consecutive failures: base * 2^(failures-1), at most max, each drawn at random
  // between half and all of it. `ignore_backoff` (a technician's --now) tries at once.
  double retry_base_s = 300, retry_max_s = 6 * 3600;
  bool ignore_backoff = false;
  bool wait_for_lock = true;
  std::string now;                         // UTC; "": the clock (tests)
  // Progress lines ("downloading 12.3 of 140.0 MB") for a terminal; may be empty.
  std::function<void(const std::string&)> progress;
};

struct UpdateResult {
  Outcome outcome = Outcome::failed;
  std::string message;               // the one line logged: what happened, or why not
  std::uint64_t bytes_downloaded = 0;  // by this run (pack or patch bytes)
  bool delta = false;                // a patch was used
  std::uint64_t channel_serial = 0;
};

UpdateResult run_update(const UpdaterOptions& options);

}  // namespace orpheus::fleet
