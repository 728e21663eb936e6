#include <doctest/doctest.h>

#include <filesystem>

#include "app/options.h"
#include "config/config.h"
#include "support/env.h"
#include "support/temp_dir.h"

using namespace orpheus::app;
namespace fs = std::filesystem;
using orpheus::test::EnvVar;

TEST_SUITE("Command line") {
  TEST_CASE("Defaults are fullscreen on the given pack") {
    const auto o = parse_options({"--pack", "a.db"});
    CHECK(o.pack == "a.db");
    CHECK(o.fullscreen);
    CHECK_FALSE(o.replay);
  }

  TEST_CASE("Windowed size, replay, screenshot, dpi and language") {
    const auto o = parse_options({"--pack", "a.db", "--windowed", "1280x800", "--replay", "r.jsonl", "--screenshot",
                                  "o.png", "--dpi", "120", "--lang", "en"});
    CHECK_FALSE(o.fullscreen);
    CHECK(o.width == 1280);
    CHECK(o.height == 800);
    CHECK(*o.replay == "r.jsonl");
    CHECK(*o.screenshot == "o.png");
    CHECK(*o.dpi == 120);
    CHECK(o.language == "en");
  }

  TEST_CASE("Touch rotation, palm limit, recording and frame trace") {
    const auto d = parse_options({"--pack", "a.db"});
    CHECK_FALSE(d.touch_rotation);  // not given: the configuration decides (default 0 and 5)
    CHECK_FALSE(d.max_touches);
    CHECK_FALSE(d.record);
    const auto o = parse_options({"--pack", "a.db", "--touch-rotation", "270", "--max-touches", "10", "--record", "r.jsonl",
                                  "--trace-frames", "t.jsonl"});
    CHECK(o.touch_rotation == 270);
    CHECK(o.max_touches == 10);
    CHECK(*o.record == "r.jsonl");
    CHECK(*o.trace_frames == "t.jsonl");
    CHECK_THROWS_WITH_AS(parse_options({"--pack", "a", "--touch-rotation", "45"}),
                         "--touch-rotation: expected 0, 90, 180 or 270, got 45", UsageError);
    CHECK_THROWS_AS(parse_options({"--pack", "a", "--max-touches", "1"}), UsageError);
  }

  TEST_CASE("Misuse is a usage error naming the problem") {
    CHECK_THROWS_WITH_AS(parse_options({}),
                         "--pack, --content-dir or --config is required (no /nonexistent/orpheus-tests/kiosk.toml)",
                         UsageError);
    CHECK_THROWS_WITH_AS(parse_options({"--pack", "a", "--content-dir", "d"}), "--pack and --content-dir exclude each other",
                         UsageError);
    CHECK_THROWS_WITH_AS(parse_options({"--pack"}), "--pack needs a value", UsageError);
    CHECK_THROWS_AS(parse_options({"--pack", "a", "--windowed", "big"}), UsageError);
    CHECK_THROWS_AS(parse_options({"--pack", "a", "--windowed", "10x10"}), UsageError);
    CHECK_THROWS_AS(parse_options({"--pack", "a", "--dpi", "9000"}), UsageError);
    CHECK_THROWS_WITH_AS(parse_options({"--pack", "a", "--frobnicate"}), "unknown argument: --frobnicate", UsageError);
  }

  TEST_CASE("Content from a store or a configuration, and kiosk mode") {
    const auto d = parse_options({"--pack", "a.db"});
    CHECK_FALSE(d.kiosk);
    CHECK_FALSE(d.config);
    const auto s = parse_options({"--content-dir", "/var/lib/orpheus/content", "--kiosk"});
    CHECK(s.content_dir == "/var/lib/orpheus/content");
    CHECK(s.pack.empty());
    CHECK(s.kiosk);
    const auto c = parse_options({"--config", "k.toml"});
    REQUIRE(c.config);
    CHECK(*c.config == "k.toml");
  }

  TEST_CASE("Without --pack or --config: the installed configuration, on a machine with and without the package") {
    orpheus::test::TempDir dir;
    orpheus::test::write_text(dir / "kiosk.toml", "[content]\ndir = \"content\"\n");
    {  // installed where $ORPHEUS_CONFIG says
      EnvVar env("ORPHEUS_CONFIG", (dir / "kiosk.toml").string());
      CHECK(parse_options({"--kiosk"}).config == dir / "kiosk.toml");
      CHECK_FALSE(parse_options({"--pack", "a.db"}).config);  // an explicit pack needs no configuration
    }
    {  // this machine as it is: the package's /etc/orpheus/kiosk.toml is used if it is there
      EnvVar env("ORPHEUS_CONFIG", nullptr);
      if (fs::exists(orpheus::config::kDefaultPath)) {
        MESSAGE("the package is installed here: /etc/orpheus/kiosk.toml exists");
        CHECK(parse_options({}).config == fs::path(orpheus::config::kDefaultPath));
      } else {
        MESSAGE("the package is not installed here: no /etc/orpheus/kiosk.toml");
        CHECK_THROWS_WITH_AS(parse_options({}), "--pack, --content-dir or --config is required (no /etc/orpheus/kiosk.toml)",
                             UsageError);
      }
      CHECK(parse_options({"--check-config"}).check_config);
    }
  }

  TEST_CASE("--help needs no pack") { CHECK(parse_options({"--help"}).help); }

  TEST_CASE("Configuration overrides, --check-config and --hash-pin") {
    const auto o = parse_options({"--pack", "a.db", "--set", "session.idle_timeout=30", "--set", "log.level=debug",
                                  "--display", "1"});
    CHECK(o.sets == std::vector<std::string>{"session.idle_timeout=30", "log.level=debug"});
    CHECK(*o.display == 1);
    CHECK_THROWS_WITH_AS(parse_options({"--pack", "a", "--set", "idle"}), "--set: expected section.key=VALUE, got idle",
                         UsageError);
    CHECK_THROWS_AS(parse_options({"--pack", "a", "--display", "16"}), UsageError);
    // --check-config needs no pack, and no configuration file either (then the defaults are checked).
    CHECK(parse_options({"--check-config", "--config", "k.toml"}).check_config);
    CHECK(parse_options({"--hash-pin"}).hash_pin);
    CHECK_THROWS_WITH_AS(parse_options({"--hash-pin", "--pack", "a.db"}), "--hash-pin takes no other option", UsageError);
  }
}
