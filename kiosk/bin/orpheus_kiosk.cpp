// orpheus-kiosk: parses the command line and runs the app. Everything else lives in kiosk/app.
#include <cstdio>
#include <exception>

#include "app/app.h"
#include "config/config.h"
#include "core/log.h"

int main(int argc, char** argv) {
  using namespace orpheus;
  app::Options options;
  try {
    options = app::parse_options({argv + 1, argv + argc});
  } catch (const app::UsageError& e) {
    std::fprintf(stderr, "orpheus-kiosk: %s\n%s", e.what(), app::usage());
    return 2;
  }
  if (options.help) {
    std::fputs(app::usage(), stdout);
    return 0;
  }
  const char* levels[] = {"debug", "info", "warn", "error"};
  for (int i = 0; i < 4; ++i)
    if (options.log_level == levels[i]) log::set_level(static_cast<log::Level>(i));
  try {
    app::App app(options);
    return app.run();
  } catch (const app::UsageError& e) {
    std::fprintf(stderr, "orpheus-kiosk: %s\n%s", e.what(), app::usage());
    return 2;
  } catch (const config::ConfigError& e) {
    std::fprintf(stderr, "orpheus-kiosk: bad configuration:\n%s\n", e.what());
    return 2;
  } catch (const app::ScriptError& e) {
    log::error("replay", e.what());
    return 2;
  } catch (const std::exception& e) {
    log::error("app", e.what());
    return 1;
  }
}
