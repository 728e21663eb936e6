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
  std::optional<std::filesystem::path> config;  // kiosk.toml ([content]); see config/config.h
  bool kiosk = false;                       // kiosk mode: packs must be signed by a trusted key
  bool fullscreen = true;
  int width = 1920, height = 1080;          // window size with --windowed
  std::optional<std::filesystem::path> replay;
  std::optional<std::filesystem::path> screenshot;  // first settled frame, then exit
  std::optional<float> dpi;                 // overrides the display's reported DPI
  std::string language;                     // empty: the pack's default language
  std::filesystem::path assets_dir;         // UI strings; default: next to the binary or the source tree
  std::string log_level = "info";
  int touch_rotation = 0;                   // degrees clockwise the display is mounted: 0, 90, 180, 270
  int max_touches = 5;                      // more simultaneous touches are a palm and are ignored
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
