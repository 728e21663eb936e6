#pragma once
// `orpheus-stats export`: the journal's days in a signed export file (usage/summary.h), by the
// kiosk's own key. The key is made on first use beside the journal (usage-key.key, mode 0600, and
// usage-key.pub, which the museum may collect to check that reports come from its kiosks).
// Blocking file I/O; any thread.
#include <filesystem>
#include <string>

#include "config/config.h"
#include "usage/summary.h"

namespace orpheus::usage {

struct ExportRequest {
  std::filesystem::path journal;
  std::string from, to;           // YYYY-MM-DD, inclusive
  std::string kiosk_name;         // "": the host name
  std::string institution;
  std::string created;            // UTC "YYYY-MM-DDTHH:MM:SSZ"; "": now
};

// The key pair's base path (BASE.key, BASE.pub) beside `journal`.
std::filesystem::path kiosk_key_base(const std::filesystem::path& journal);
// The kiosk's secret key, made on first use. Throws trust::TrustError naming the file.
trust::SecretKey kiosk_key(const std::filesystem::path& journal);

// The export as read from the journal (unsigned; export_text signs it).
Export read_export_days(const ExportRequest& request);

// The museum's day `delta` days from today on the system clock, in the zone the journal
// recorded (UTC if none): "yesterday" for the default export.
std::string journal_day(const std::filesystem::path& journal, int delta);

// The whole of `orpheus-stats export`: the journal `config` names (config::usage_file), the days
// from `since` to `until` ("": yesterday), signed, written atomically to `output` ("": the
// default name usage-<kiosk id>-<since>-<until>.json in the current folder; "-": stdout, then the
// result is "-"). Throws std::runtime_error naming the file and the reason.
std::filesystem::path export_file(const config::Config& config, std::string since, std::string until,
                                  std::filesystem::path output);

}  // namespace orpheus::usage
