#include "app/kiosk_main.h"

#include <malloc.h>

#include <cstdio>
#include <exception>
#include <iostream>

#include "admin/pin.h"
#include "app/app.h"
#include "app/settings.h"
#include "config/config.h"
#include "core/log.h"

namespace orpheus::app {
namespace {

// --check-config: every problem with its key and line, or the effective settings. Exit 1 if bad.
int check_config(const Options& options, const Settings& settings) {
  if (!settings.problems.empty()) {
    for (const auto& p : settings.problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    std::fprintf(stderr, "orpheus-kiosk: %zu problem%s in the configuration\n", settings.problems.size(),
                 settings.problems.size() == 1 ? "" : "s");
    return 1;
  }
  std::printf("# %s: no problems. Effective settings:\n%s",
              options.config ? options.config->c_str() : "no configuration file, defaults",
              config::describe(settings.config).c_str());
  return 0;
}

}  // namespace

int kiosk_main(int argc, char** argv, ui::ScreenRegistry screens) {
  // Image-sized blocks (decoded pictures, software-rendered textures) come from mmap and go back
  // to the system when freed. glibc's default raises this threshold as large blocks are freed,
  // after which they stay in the heap: a kiosk cycling through images for days would keep the
  // high-water mark of every size it ever used.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  // glibc gives threads their own arenas (up to 8 per core), each keeping what its thread freed:
  // the decoders, the start-up checks and bakes would each hold a few MB for nothing. Their big
  // blocks come from mmap anyway, so sharing two arenas costs them no waiting worth measuring.
  mallopt(M_ARENA_MAX, 2);
  Options options;
  try {
    options = parse_options({argv + 1, argv + argc});
  } catch (const UsageError& e) {
    std::fprintf(stderr, "orpheus-kiosk: %s\n%s", e.what(), usage());
    return 2;
  }
  if (options.help) {
    std::fputs(usage(), stdout);
    return 0;
  }
  if (options.hash_pin) {
    try {
      std::printf("pin_hash = \"%s\"\n", admin::read_and_hash_pin().c_str());
      return 0;
    } catch (const admin::PinError& e) {
      std::fprintf(stderr, "orpheus-kiosk: %s\n", e.what());
      return 1;
    }
  }
  Settings settings = resolve_settings(options);
  if (options.check_config) return check_config(options, settings);
  log::Level level = log::Level::info;
  if (log::parse_level(settings.config.log.level, level)) log::set_level(level);
  // A partly bad configuration never stops the kiosk: the bad keys keep their last good (or
  // default) values, and every problem is logged where the technician looks.
  for (const auto& p : settings.problems) log::error("config", p.to_string());
  if (!settings.problems.empty() && settings.used_last_good)
    log::warn("config", "bad keys keep the values of the last good configuration");
  if (settings.problems.empty() && options.config)
    if (const auto problem = remember_good_config(settings.config); !problem.empty()) log::warn("config", problem);
  try {
    App app(options, std::move(settings), std::move(screens));
    return app.run();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "orpheus-kiosk: %s\n%s", e.what(), usage());
    return 2;
  } catch (const KioskError& e) {
    log::error("app", e.what());
    return 2;
  } catch (const ScriptError& e) {
    log::error("replay", e.what());
    return 2;
  } catch (const std::exception& e) {
    log::error("app", e.what());
    return 1;
  }
}

}  // namespace orpheus::app
