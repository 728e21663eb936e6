#pragma once
// Command line of orpheus-kiosk. Pure: parse_options() throws UsageError for misuse, which
// main() reports with the usage text and exit code 2.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace orpheus::app {

struct Options {
  std::filesystem::path pack;               // a pack file to show (development), or
  std::filesystem::path content_dir;        // a content store: its current pack, and new ones as installed
  std::optional<std::filesystem::path> config;  // kiosk.toml; see config/config.h
  // Kiosk mode: fullscreen on the configured display, cursor hidden, screensaver off, window
  // manager and keyboard escapes ignored, a real display required, packs must be trusted.
  bool kiosk = false;
  std::vector<std::string> sets;            // --set section.key=VALUE, in order (config overrides)
  bool check_config = false;                // --check-config: report the configuration and exit
  bool hash_pin = false;                    // --hash-pin: read a PIN, print its hash, exit
  // The options below override the configuration's keys when given (config/config.h).
  bool fullscreen = true;                   // display.fullscreen (false with --windowed)
  int width = 1920, height = 1080;          // window size with --windowed
  std::optional<std::filesystem::path> replay;
  std::optional<std::filesystem::path> screenshot;  // first settled frame, then exit
  std::optional<int> display;               // display.index
  std::optional<float> dpi;                 // display.dpi: overrides the display's reported DPI
  std::string language;                     // session.default_language; empty: from the configuration
  std::filesystem::path assets_dir;         // po/, keyboards/; default: next to the binary or the source tree
  bool pseudo_locale = false;               // interface texts pseudo-localised (i18n::pseudo_localize)
  std::string log_level;                    // log.level; empty: from the configuration
  std::optional<int> touch_rotation;        // touch.rotation: degrees clockwise the display is mounted
  std::optional<int> max_touches;           // touch.max_touches: more at once are a palm, ignored
  // --now: the wall clock starts here (events::parse_instant, read in the museum's time zone once
  // the pack is known) and runs on; empty: the system's clock.
  std::string now;
  std::optional<std::filesystem::path> record;        // every input event, as a replayable script
  std::optional<std::filesystem::path> trace_frames;  // one line per presented frame (latency benchmark)
  bool help = false;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Options parse_options(const std::vector<std::string>& args);
const char* usage();

}  // namespace orpheus::app
