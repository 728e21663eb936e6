#pragma once
// What each kiosk tells the museum about itself, without a server of ours: after every update
// check orpheus-update PUTs a small signed status file to [update] status_url (an nginx WebDAV
// folder, an object store), one folder per kiosk, and `orpheus-pack fleet-status DIR` reads the
// folder the server writes them to into a table: which kiosk runs what, when it was last seen,
// what is wrong (docs/fleet.md, "Status").
//
//   STATUS_URL/<kiosk id>/status.json     rewritten at every check
//   STATUS_URL/<kiosk id>/usage-<from>-<to>.json   the daily usage exports (usage/summary.h)
//
// status.json, pretty-printed UTF-8, numbers integers:
//   { "format": "orpheus-kiosk-status", "version": 1,
//     "kiosk": { "id": "<key id>", "public_key": "orpheus-ed25519:...", "name": "Gold room",
//                "institution": "Regional Museum Plovdiv", "group": "plovdiv" },
//     "written": "2026-12-07T10:00:00Z", "orpheus_version": "0.1.0",
//     "pack": { "id", "version", "file", "hash" } | null,
//     "update": { "channel": "https://...", "serial": 12, "result": "installed",
//                 "message": "installed bg.thracology.demo 1.0.1 (delta, 819 KB of 140 MB)",
//                 "last_check": "...Z", "last_success": "...Z" | "", "failures": 0 },
//     "health": { "state": "running", "written": "...Z", "last_frame_age_s": 1, "errors": 0,
//                 "problems": 2, "recent_errors": ["..."] } | null,
//     "disk_free_bytes": 12345678,
//     "signature": "<base64 Ed25519>" }
// Signed by the kiosk's own key (the usage exports' key; its id names the kiosk) over
// "orpheus-status-v1\0" + the canonical form without "signature", as the channel is. A status
// whose signature does not verify, or whose folder is not its kiosk's id, is a problem of its
// own in the table (someone else wrote it), never silently shown as the kiosk's.
// Any thread; files only where a function says so.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/channel.h"
#include "trust/seal.h"

namespace orpheus::fleet {

inline constexpr int kStatusVersion = 1;

class StatusError : public std::runtime_error {  // "ORIGIN: reason"
 public:
  using std::runtime_error::runtime_error;
};

struct StatusPack {
  std::string id, version, file;
  trust::ContentHash hash{};
  bool operator==(const StatusPack&) const = default;
};

struct UpdateStatus {
  std::string channel;          // URL
  std::uint64_t serial = 0;     // of the last channel accepted; 0: none yet
  std::string result;           // UpdateOutcome's name (updater.h)
  std::string message;          // the last run's one-line summary
  std::string last_check, last_success;  // UTC; last_success "" if never
  int failures = 0;             // consecutive failed runs
  bool operator==(const UpdateStatus&) const = default;
};

struct HealthStatus {  // from the kiosk's health file (ops/health.h), as far as it could be read
  std::string state, written;
  std::int64_t last_frame_age_s = -1;  // -1: no frame yet
  std::int64_t errors = 0, problems = 0;
  std::vector<std::string> recent_errors;
  bool operator==(const HealthStatus&) const = default;
};

struct KioskStatus {
  std::string kiosk_id;  // set from the key by status_text
  std::optional<trust::PublicKey> kiosk_key;
  std::string name, institution, group;
  std::string written, orpheus_version;
  std::optional<StatusPack> pack;
  UpdateStatus update;
  std::optional<HealthStatus> health;
  std::uint64_t disk_free_bytes = 0;
  bool operator==(const KioskStatus&) const = default;
};

// The signed text (kiosk_id and kiosk_key from `key`).
std::string status_text(const KioskStatus& status, const trust::SecretKey& key);

// Parses and checks format, fields and the signature against the key the file carries (and
// that kiosk.id is that key's id). Throws StatusError "ORIGIN: reason" naming the field.
KioskStatus parse_status(std::string_view text, std::string_view origin);

// The health file's fields a status carries; nullopt if it is missing or unreadable.
std::optional<HealthStatus> read_health(const std::filesystem::path& health_file);

// --- the museum's side: orpheus-pack fleet-status ---------------------------------------------

struct FleetRow {
  std::filesystem::path folder;   // DIR/<kiosk id>
  std::optional<KioskStatus> status;
  std::uint64_t age_s = 0;        // now - written
  std::string expected_version;   // what the channel's rollouts give this kiosk ("" without one)
  int usage_exports = 0;          // usage-*.json files beside the status
  std::vector<std::string> problems;  // sentences; empty: all well
};

struct FleetOptions {
  std::string now;                 // UTC; "": the clock
  std::uint64_t stale_after_s = 2 * 3600;  // not seen for longer is a problem
  std::optional<Channel> channel;  // to tell kiosks behind it (expected_version)
};

// Every sub-folder of `dir` that holds a status.json (or should: a folder without one, or with
// an unreadable one, is a row with that problem), sorted by institution, then name. Throws
// StatusError if `dir` is not a readable folder.
std::vector<FleetRow> read_fleet(const std::filesystem::path& dir, const FleetOptions& options);

// An aligned plain-text table for a terminal (kiosk, institution, group, Orpheus, pack, last
// seen, update, problems), then one line per problem; and the same as JSON.
void print_fleet_table(const std::vector<FleetRow>& rows, std::ostream& out);
std::string fleet_json(const std::vector<FleetRow>& rows);

}  // namespace orpheus::fleet
