// The main of every doctest executable. Tests are hermetic: whatever this machine has installed
// (/etc/orpheus/kiosk.toml from the package, a technician's $ORPHEUS_CONFIG, ~/.cache/orpheus),
// neither the tests nor the programs they start read it. ORPHEUS_CONFIG, the configuration read
// without --config (config::default_path), names a file that does not exist, and the cache
// (remembered pack hashes) is a folder of this process's own, removed at the end. A test that
// needs an installed configuration writes one and sets ORPHEUS_CONFIG itself.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::string cache = (fs::temp_directory_path() / "orpheus-test-cache.XXXXXX").string();
  if (!mkdtemp(cache.data())) return 2;
  setenv("ORPHEUS_CONFIG", "/nonexistent/orpheus-tests/kiosk.toml", 1);
  setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  doctest::Context context(argc, argv);
  const int status = context.run();
  std::error_code ec;
  fs::remove_all(cache, ec);
  return status;
}
