#pragma once
// The kiosk's effective settings, from lowest to highest precedence:
//   1. defaults (config/config.h);
//   2. the configuration file, read leniently: a bad key keeps the value it had in the last
//      configuration that loaded cleanly (STATE/kiosk.last-good.toml), else its default, so a
//      partly bad file never leaves a kiosk without settings; every problem is reported;
//   3. the admin screen's changes (STATE/admin.toml: idle and attract timeouts);
//   4. --set KEY=VALUE overrides, in order;
//   5. the dedicated options (--windowed, --display, --dpi, --lang, --log-level, ...).
// Blocking file I/O: start-up and the admin worker only, never a frame.
#include <filesystem>
#include <string>
#include <vector>

#include "app/options.h"
#include "config/config.h"

namespace orpheus::app {

struct Settings {
  config::Config config;
  std::vector<config::Problem> problems;  // the kiosk runs anyway, with the values above
  bool used_last_good = false;            // bad keys took the last good configuration's values
};

Settings resolve_settings(const Options& options);

// After a clean start: keeps a copy of the configuration file as STATE/kiosk.last-good.toml
// (if [state] dir is set). Returns a problem text, or "" on success.
std::string remember_good_config(const config::Config& config);

// The admin screen's changes (the idle and attract timeouts, the narration volume: their values
// in `config`), written atomically to STATE/admin.toml. Throws std::runtime_error naming the file
// if it cannot be written (or no [state] dir is configured).
void save_admin_changes(const config::Config& config);

// The languages visitors can switch between: the configured ones the pack has (in the
// configuration's order; a technician may offer a language the interface does not speak, whose
// buttons then speak English); without any, the pack's languages that the interface also speaks
// (`interface_languages`); without any, all of the pack's. Never empty for a pack with a language.
std::vector<std::string> enabled_languages(const config::SessionConfig& session,
                                           const std::vector<std::string>& pack_languages,
                                           const std::vector<std::string>& interface_languages);
// The language a new visitor session starts in: the configured default if enabled, else the
// pack's default if enabled, else the first enabled one.
std::string start_language(const config::SessionConfig& session, const std::vector<std::string>& enabled,
                           const std::string& pack_default);

}  // namespace orpheus::app
