#pragma once
// The kiosk's configuration file (TOML), shared by orpheus-kiosk and orpheus-pack's install,
// list and rollback, so both agree on where content lives and whom to trust:
//
//   [content]
//   dir = "/var/lib/orpheus/content"             # the content store (store/content_store.h)
//   trusted_keys = ["keys/museum.pub",           # key files, relative to this file's folder,
//                   "orpheus-ed25519:BASE64"]    # or keys written out
//   require_signature = true                     # false: development, untrusted packs only warn
//   switch_after_idle = 60                       # seconds without a touch before a new pack shows
//
// Blocking file I/O: read at start-up, never in a frame. Any thread.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "trust/seal.h"

namespace orpheus::config {

inline constexpr const char* kDefaultPath = "/etc/orpheus/kiosk.toml";

struct ContentConfig {
  std::filesystem::path dir;                  // empty: not configured
  std::vector<trust::PublicKey> trusted_keys;
  bool require_signature = true;
  double switch_after_idle_s = 60;
};

struct Config {
  std::filesystem::path file;  // where it was read from; empty for the defaults
  ContentConfig content;
};

// Every problem in the file, one per line as "FILE:LINE:COL: KEY: reason".
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and checks the whole file; throws ConfigError naming every problem at once (unknown
// keys included, so a typo never silently falls back to a default).
Config load_config(const std::filesystem::path& file);

}  // namespace orpheus::config
