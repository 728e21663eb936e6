// The configuration a program reads when no --config is given, with the real binaries: the
// package's (config::default_path: $ORPHEUS_CONFIG, else /etc/orpheus/kiosk.toml) on a machine
// that has one, a clear "what is missing" on a machine that has none. The tests' main points
// ORPHEUS_CONFIG at a file that does not exist; these cases set it to each machine in turn.
#include <doctest/doctest.h>

#include "kiosk.h"
#include "pack_tool.h"
#include "support/env.h"

using namespace orpheus;
namespace fs = std::filesystem;

TEST_SUITE("The installed configuration") {
  TEST_CASE("Without --config the tools read the installed configuration, and without one they say which file is missing") {
    test::TempDir dir;
    const auto keys = e2e::make_keys(dir);
    const fs::path pack = e2e::make_pack(dir, "1.0.0", keys.secret);
    const fs::path installed = dir / "etc/kiosk.toml", store = dir / "var/content";
    test::write_text(installed, "[content]\ndir = \"" + store.string() + "\"\ntrusted_keys = [\"" + keys.pub.string() +
                                    "\"]\nrequire_signature = true\n");

    SUBCASE("a machine with the package: its configuration names the store and the trusted keys") {
      test::EnvVar env("ORPHEUS_CONFIG", installed.string());
      auto r = e2e::pack_tool({"install", "-q", pack.string()});
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK(fs::exists(store / "state"));
      r = e2e::pack_tool({"list"});
      CHECK_MESSAGE(r.exit_code == 0, r.err);
      CHECK(r.out.find("1.0.0") != std::string::npos);
      r = test::run({ORPHEUS_KIOSK, "--check-config"});
      CHECK_MESSAGE(r.exit_code == 0, r.err);
      CHECK(r.out.find("# " + installed.string() + ": no problems") != std::string::npos);
      CHECK(r.out.find(store.string()) != std::string::npos);
      // The kiosk itself, started with no arguments, shows the installed pack.
      const auto run = e2e::run_kiosk({R"({"state": "$DIR/s.json"})", R"({"quit": true})"}, "", {"--windowed", "1280x720"});
      REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
      CHECK(run.state("s.json")["screen"] == "home");
    }
    SUBCASE("a machine without it: nothing is read, and the message names the file looked for") {
      const fs::path absent = dir / "etc/none.toml";
      test::EnvVar env("ORPHEUS_CONFIG", absent.string());
      auto r = e2e::pack_tool({"install", "-q", pack.string()});
      CHECK(r.exit_code == 2);
      CHECK_MESSAGE(r.err.find("no content folder") != std::string::npos, r.err);
      CHECK_MESSAGE(r.err.find(absent.string()) != std::string::npos, r.err);
      CHECK_FALSE(fs::exists(store));
      r = test::run({ORPHEUS_KIOSK});
      CHECK(r.exit_code == 2);
      CHECK_MESSAGE(r.err.find("--pack, --content-dir or --config is required (no " + absent.string() + ")") != std::string::npos,
                    r.err);
    }
  }
}
