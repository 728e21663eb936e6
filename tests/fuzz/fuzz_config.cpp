// The kiosk configuration (config/config.h): the TOML file orpheus-kiosk and orpheus-pack read,
// and --set overrides. Input: the file; each of its lines is also tried as an override.
#include <sstream>

#include "config/config.h"
#include "fuzz_support.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  const auto file = fuzz::write_file("kiosk.toml", text);
  config::Loaded loaded = config::read_config(file);
  for (const auto& p : loaded.problems) (void)p.to_string();
  (void)config::describe(loaded.config);
  (void)config::usage_file(loaded.config);
  (void)config::pack_hashes_file(loaded.config);
  std::istringstream lines{std::string(text)};
  int n = 0;
  for (std::string line; std::getline(lines, line) && n < 16; ++n) {
    try {
      for (const auto& p : config::apply_override(loaded.config, line)) (void)p.to_string();
    } catch (const config::ConfigError& e) {
      fuzz::refused(e);
    }
  }
  return 0;
}
