#pragma once
// The kiosk's configuration file (TOML), shared by orpheus-kiosk and orpheus-pack (install,
// list, rollback), so both agree on where content lives and whom to trust. Every key has a
// default; packaging/kiosk.toml is the commented reference of every key:
//
//   [display]
//   index = 0                   # which display (SDL's index) the kiosk fills
//   rotation = 0                # output rotation applied by the kiosk session: 0, 90, 180, 270
//   fullscreen = true
//   dpi = 0                     # 0: as the display reports it; else 40..1000
//   [touch]
//   rotation = 0                # the display is mounted turned this many degrees from the panel
//   max_touches = 5             # 2..20; more contacts at once are a palm
//   [session]
//   idle_timeout = 90           # s without a touch before the visitor session is reset (10..3600)
//   attract_timeout = 180       # s without a touch before the attract slideshow; 0: never
//   default_language = "bg"     # "": the pack's default
//   languages = ["bg", "en"]    # enabled languages; []: all that the pack and the interface have
//   fallback_languages = ["en"] # a text missing in the visitor's language is shown in the first
//                               # of these the pack has, then in the pack's default and its others
//   [content]
//   dir = "/var/lib/orpheus/content"             # the content store (store/content_store.h)
//   trusted_keys = ["keys/museum.pub",           # key files, relative to this file's folder,
//                   "orpheus-ed25519:BASE64"]    # or keys written out
//   require_signature = true                     # false: development, untrusted packs only warn
//   switch_after_idle = 60                       # s without a touch before a new pack shows
//   [admin]
//   pin_hash = "$argon2id$v=19$..."  # from `orpheus-kiosk --hash-pin`; "": the admin pad never opens
//   hold_seconds = 5                 # long press in the top-left corner that opens the pad (2..30)
//   [log]
//   level = "info"              # debug, info, warn, error
//   [health]
//   file = "/run/orpheus/health.json"  # "": none
//   interval = 5                       # s between rewrites (1..3600)
//   [state]
//   dir = "/var/lib/orpheus/state"     # admin changes and the last good copy of this file
//   [media]
//   texture_budget_mb = 256     # GPU memory for images (32..4096); least recently used go first
//   decode_threads = 0          # image decoding threads; 0: the cores minus one for the UI (1..32)
//   [reach]                     # reach mode for seated visitors (touch/reach.h)
//   screen_bottom_mm = 900      # height of the screen's active area's lower edge above the floor (0..2500)
//   reach_mm = 1220             # the highest point a seated visitor must touch (600..2000)
//   [audio]
//   volume = 70                 # narration loudness, % of the sound card's (0..100); visitors may step it up or down
//   [events]                    # the museum's programme ("What's on", docs/events.md)
//   time_zone = ""              # the museum's IANA time zone ("Europe/Sofia"); "": the pack's
//   in_attract = true           # the attract loop shows coming events between the objects
//   [usage]                     # anonymous counts of what visitors do (docs/usage.md)
//   enabled = true              # false: nothing is recorded
//   file = ""                   # the journal; "": usage.db in [state] dir (none without one)
//   detail_days = 35            # sessions kept one by one (30..400), then rolled up into day totals
//   keep_days = 730             # day totals kept (30..3650)
//   kiosk_name = ""             # how reports name this kiosk; "": the host name
//   institution = ""            # the museum, as reports across institutions group kiosks
//   [update]                    # orpheus-update: packs from a channel on a web server (docs/fleet.md)
//   channel = ""                # URL of the channel file; "": no automatic updates
//   group = ""                  # this kiosk's group in the channel's rollouts; "": "*" rollouts only
//   delta = true                # download patches against the current pack when the channel has them
//   proxy = ""                  # "http://proxy:3128"; "": the environment's (https_proxy)
//   ca_file = ""                # PEM file of the CA that signed the server's certificate; "": the system's
//   status_url = ""             # folder URL the kiosk PUTs its status (and usage exports) to; "": none
//   upload_usage = true         # with status_url: the daily usage export too
//
// Blocking file I/O: read at start-up, never in a frame. Any thread.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "trust/seal.h"

namespace orpheus::config {

inline constexpr const char* kDefaultPath = "/etc/orpheus/kiosk.toml";

// The configuration every program reads when no --config is given: $ORPHEUS_CONFIG when set and
// not empty (a second installation beside the packaged one; the tests, which must never read
// the machine's own), else kDefaultPath. Whether the file exists is the caller's question.
std::filesystem::path default_path();

struct DisplayConfig {
  int index = 0;
  int rotation = 0;
  bool fullscreen = true;
  float dpi = 0;  // 0: the display's own
};

struct TouchConfig {
  int rotation = 0;
  int max_touches = 5;
};

struct SessionConfig {
  double idle_timeout_s = 90;
  double attract_timeout_s = 180;  // 0: no attract loop; otherwise >= idle_timeout_s
  std::string default_language;    // empty: the pack's default
  std::vector<std::string> languages;  // empty: every language of the pack the interface speaks
  std::vector<std::string> fallback_languages{"en"};  // before the pack's own order
};

struct ContentConfig {
  std::filesystem::path dir;                  // empty: not configured
  std::vector<trust::PublicKey> trusted_keys;
  bool require_signature = true;
  double switch_after_idle_s = 60;
};

struct AdminConfig {
  std::string pin_hash;  // Argon2id string (admin/pin.h); empty: no admin access
  double hold_s = 5;
};

struct LogConfig {
  std::string level = "info";
};

struct HealthConfig {
  std::filesystem::path file;  // empty: no health file
  double interval_s = 5;
};

struct StateConfig {
  std::filesystem::path dir;  // empty: admin changes are not kept across restarts
};

struct MediaConfig {
  int texture_budget_mb = 256;
  int decode_threads = 0;  // 0: automatic
};

struct ReachConfig {
  double screen_bottom_mm = 900;
  double reach_mm = 1220;
};

struct AudioConfig {
  int volume = 70;  // percent
};

struct EventsConfig {
  std::string time_zone;   // empty: the pack's (PackInfo::time_zone)
  bool in_attract = true;
};

struct UsageConfig {
  bool enabled = true;
  std::filesystem::path file;  // empty: usage.db in StateConfig::dir
  int detail_days = 35;
  int keep_days = 730;
  std::string kiosk_name, institution;
};

struct UpdateConfig {
  std::string channel;          // URL; empty: no updates
  std::string group;
  bool delta = true;
  std::string proxy;
  std::filesystem::path ca_file;
  std::string status_url;       // empty: no uploads
  bool upload_usage = true;
};

struct Config {
  std::filesystem::path file;  // where it was read from; empty for the defaults
  DisplayConfig display;
  TouchConfig touch;
  SessionConfig session;
  ContentConfig content;
  AdminConfig admin;
  LogConfig log;
  HealthConfig health;
  StateConfig state;
  MediaConfig media;
  ReachConfig reach;
  AudioConfig audio;
  EventsConfig events;
  UsageConfig usage;
  UpdateConfig update;
};

// One problem: "FILE:LINE:COL: KEY: reason" when printed.
struct Problem {
  std::filesystem::path file;
  int line = 0, column = 0;  // 0: unknown (e.g. a --set override, a missing file)
  std::string key;           // "session.idle_timeout", "content.trusted_keys[2]", "" for the file
  std::string reason;
  std::string to_string() const;
};

// Every problem, one per line.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the whole file on top of `base` (the defaults unless given): every good key replaces
// base's value, every bad key (wrong type, out of range, unknown name, a key file that cannot be
// read) keeps base's value and adds a Problem. A missing or unparsable file gives base and one
// Problem. Relative paths resolve against `relative_to` (default: the file's folder).
// Never throws for the file's contents.
struct Loaded {
  Config config;
  std::vector<Problem> problems;
};
Loaded read_config(const std::filesystem::path& file, const Config& base = {},
                   const std::optional<std::filesystem::path>& relative_to = std::nullopt);

// Strict: read_config, and throw ConfigError listing every problem if there is one.
Config load_config(const std::filesystem::path& file);

// A command-line override "section.key=VALUE" where VALUE is written as in TOML (strings quoted
// or bare words taken as strings: `session.default_language=en`, `session.languages=["bg","en"]`).
// Checked exactly like the file; a problem names the override ("--set session.idle_timeout").
std::vector<Problem> apply_override(Config& config, const std::string& assignment);

// Every key with its effective value, as TOML (for --check-config and the admin screen).
std::string describe(const Config& config);

// The usage journal: [usage] file, else usage.db in [state] dir; empty (no journal) without
// either or when [usage] enabled is false.
std::filesystem::path usage_file(const Config& config);

// Where the hashes of packs already read in full are remembered (trust::HashMemo): beside the
// admin's state ([state] dir), else in the user's cache folder ($XDG_CACHE_HOME/orpheus, or
// ~/.cache/orpheus); empty without either. The kiosk reads it; orpheus-pack install adds to it.
std::filesystem::path pack_hashes_file(const Config& config);

}  // namespace orpheus::config
