#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "config/config.h"
#include "support/env.h"
#include "support/temp_dir.h"
#include "trust/seal.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

// The message of the ConfigError load_config throws, or a failure.
std::string error_of(const fs::path& file) {
  try {
    config::load_config(file);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  FAIL_CHECK("no ConfigError for " << file);
  return {};
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find('\n', start), s.size());
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The line of `message` about `key`, checked to be "FILE:LINE:COL: KEY: reason" at `line`.
std::string problem(const std::string& message, const fs::path& file, int line, const std::string& key) {
  const std::regex shape("^(.*):([0-9]+):([0-9]+): ([^ ]+): (.+)$");
  for (const std::string& l : lines(message)) {
    std::smatch m;
    if (!std::regex_match(l, m, shape) || m[4] != key) continue;
    CHECK(m[1] == file.string());
    CHECK(std::stoi(m[2]) == line);
    CHECK(std::stoi(m[3]) >= 1);
    return m[5];
  }
  FAIL_CHECK("no problem about " << key << " in:\n" << message);
  return {};
}

}  // namespace

TEST_SUITE("Kiosk configuration") {
  TEST_CASE("A good file: the folder and key files are relative to the configuration's folder") {
    test::TempDir dir;
    fs::create_directories(dir / "etc/keys");
    fs::create_directories(dir / "elsewhere");
    const auto museum = trust::generate_key_pair(dir / "etc/keys/museum", "Regional Museum, curators");
    const auto other = trust::generate_key_pair(dir / "elsewhere/other", "Other");
    test::write_text(dir / "etc/kiosk.toml", "# the kiosk\n"
                                             "[content]\n"
                                             "dir = \"content\"\n"
                                             "trusted_keys = [\"keys/museum.pub\",\n"
                                             "                \"" + other.public_key.text() + "\"]\n"
                                             "require_signature = false\n"
                                             "switch_after_idle = 90\n");
    const config::Config c = config::load_config(dir / "etc/kiosk.toml");
    CHECK(c.file == dir / "etc/kiosk.toml");
    CHECK(c.content.dir == dir / "etc/content");
    REQUIRE(c.content.trusted_keys.size() == 2);
    CHECK(c.content.trusted_keys[0] == museum.public_key);
    CHECK(c.content.trusted_keys[0].comment == "Regional Museum, curators");
    CHECK(c.content.trusted_keys[1] == other.public_key);
    CHECK_FALSE(c.content.require_signature);
    CHECK(c.content.switch_after_idle_s == 90);
  }

  TEST_CASE("An absolute folder stays as written; fractional seconds and zero are allowed") {
    test::TempDir dir;
    test::write_text(dir / "a.toml", "[content]\ndir = \"/var/lib/orpheus/content\"\nswitch_after_idle = 2.5\n");
    const auto a = config::load_config(dir / "a.toml");
    CHECK(a.content.dir == fs::path("/var/lib/orpheus/content"));
    CHECK(a.content.switch_after_idle_s == 2.5);
    test::write_text(dir / "b.toml", "[content]\nswitch_after_idle = 0\nrequire_signature = true\n");
    const auto b = config::load_config(dir / "b.toml");
    CHECK(b.content.switch_after_idle_s == 0);
    CHECK(b.content.require_signature);
  }

  TEST_CASE("An empty file gives the defaults") {
    test::TempDir dir;
    test::write_text(dir / "kiosk.toml", "# nothing set\n");
    const auto c = config::load_config(dir / "kiosk.toml");
    CHECK(c.content.dir.empty());
    CHECK(c.content.trusted_keys.empty());
    CHECK(c.content.require_signature);
    CHECK(c.content.switch_after_idle_s == 60);
  }

  TEST_CASE("Every problem is reported at once with FILE:LINE:COL and the key") {
    test::TempDir dir;
    const fs::path file = dir / "kiosk.toml";
    test::write_text(file,
                     "[content]\n"                                                             // 1
                     "dri = \"content\"\n"                                                     // 2
                     "trusted_keys = [\"missing.pub\",\n"                                      // 3
                     "  \"orpheus-ed25519:AAAA\",\n"                                           // 4
                     "  5]\n"                                                                  // 5
                     "require_signature = \"yes\"\n"                                           // 6
                     "switch_after_idle = 100000\n"                                            // 7
                     "\n"                                                                      // 8
                     "[contnet]\n"                                                             // 9
                     "dir = \"x\"\n");                                                         // 10
    const std::string e = error_of(file);
    CHECK(lines(e).size() == 7);
    CHECK(problem(e, file, 2, "content.dri").find("unknown key; expected one of: dir, trusted_keys") != std::string::npos);
    const std::string missing = problem(e, file, 3, "content.trusted_keys[1]");
    CHECK(missing.find((dir / "missing.pub").string()) != std::string::npos);
    CHECK_FALSE(problem(e, file, 4, "content.trusted_keys[2]").empty());
    CHECK(problem(e, file, 5, "content.trusted_keys[3]") == "expected a string");
    CHECK(problem(e, file, 6, "content.require_signature") == "expected true or false");
    CHECK(problem(e, file, 7, "content.switch_after_idle") == "expected seconds between 0 and 86400");
    CHECK(problem(e, file, 9, "contnet").find("unknown key; expected one of: content") != std::string::npos);
  }

  TEST_CASE("Wrong types are named with what was expected") {
    test::TempDir dir;
    test::write_text(dir / "a.toml", "content = 5\n");
    CHECK(problem(error_of(dir / "a.toml"), dir / "a.toml", 1, "content") == "expected a [content] table");
    test::write_text(dir / "b.toml", "[content]\ndir = 3\ntrusted_keys = \"keys/museum.pub\"\n");
    const std::string b = error_of(dir / "b.toml");
    CHECK(problem(b, dir / "b.toml", 2, "content.dir") == "expected a folder path (a non-empty string)");
    CHECK(problem(b, dir / "b.toml", 3, "content.trusted_keys") == "expected a list of key files or keys");
    test::write_text(dir / "c.toml", "[content]\ndir = \"\"\n");
    CHECK(problem(error_of(dir / "c.toml"), dir / "c.toml", 2, "content.dir").find("non-empty") != std::string::npos);
  }

  TEST_CASE("switch_after_idle must be a number of seconds from 0 to a day") {
    test::TempDir dir;
    for (const char* bad : {"-1", "86401", "inf", "nan", "\"60\"", "true"}) {
      CAPTURE(bad);
      test::write_text(dir / "k.toml", std::string("[content]\nswitch_after_idle = ") + bad + "\n");
      CHECK(problem(error_of(dir / "k.toml"), dir / "k.toml", 2, "content.switch_after_idle") ==
            "expected seconds between 0 and 86400");
    }
    test::write_text(dir / "k.toml", "[content]\nswitch_after_idle = 86400\n");
    CHECK(config::load_config(dir / "k.toml").content.switch_after_idle_s == 86400);
  }

  TEST_CASE("Bad key texts say what is wrong with them") {
    test::TempDir dir;
    const auto keys = trust::generate_key_pair(dir / "k", "");
    std::string secret_line;
    for (const std::string& l : lines(test::read_text(keys.secret_file)))
      if (l.starts_with("orpheus-ed25519-secret:")) secret_line = l;
    REQUIRE(secret_line.starts_with("orpheus-ed25519-secret:"));
    test::write_text(dir / "kiosk.toml", "[content]\ntrusted_keys = [\n  \"orpheus-ed25519:not base64!\",\n  \"" +
                                             secret_line + "\",\n  \"keys\",\n]\n");
    fs::create_directories(dir / "keys");
    const std::string e = error_of(dir / "kiosk.toml");
    CHECK(lines(e).size() == 3);
    CHECK_FALSE(problem(e, dir / "kiosk.toml", 3, "content.trusted_keys[1]").empty());
    CHECK(problem(e, dir / "kiosk.toml", 4, "content.trusted_keys[2]").find("secret key") != std::string::npos);
    CHECK(e.find("orpheus-ed25519-secret:") == std::string::npos);  // the secret is not echoed
    CHECK(problem(e, dir / "kiosk.toml", 5, "content.trusted_keys[3]").find((dir / "keys").string()) !=
          std::string::npos);
  }

  TEST_CASE("A TOML syntax error gives its position") {
    test::TempDir dir;
    test::write_text(dir / "kiosk.toml", "[content]\ndir = \"unterminated\nrequire_signature = true\n");
    const std::string e = error_of(dir / "kiosk.toml");
    CHECK(lines(e).size() == 1);
    CHECK(e.starts_with((dir / "kiosk.toml").string() + ":2:"));
    test::write_text(dir / "dup.toml", "[content]\ndir = \"a\"\ndir = \"b\"\n");
    CHECK(error_of(dir / "dup.toml").starts_with((dir / "dup.toml").string() + ":3:"));
  }

  TEST_CASE("A missing file or a folder is one clear error") {
    test::TempDir dir;
    const std::string missing = error_of(dir / "nope.toml");
    CHECK(missing.starts_with((dir / "nope.toml").string() + ": "));
    CHECK(missing.find("not found") != std::string::npos);
    fs::create_directories(dir / "kiosk.toml");
    const std::string folder = error_of(dir / "kiosk.toml");
    CHECK(folder.starts_with((dir / "kiosk.toml").string() + ": "));
    CHECK(folder.find("folder") != std::string::npos);
  }
}

namespace {

// A shape-valid Argon2id hash (admin::hash_pin's format); never a real PIN's.
const std::string kHash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

// A base unlike the defaults and unlike the values the tests write, so "kept base's value" shows.
config::Config odd_base() {
  config::Config b;
  b.display = {3, 180, false, 120};
  b.touch = {90, 7};
  b.session = {200, 400, "en", {"en", "de"}};
  b.content.dir = "/base/content";
  b.content.require_signature = false;
  b.content.switch_after_idle_s = 30;
  b.admin = {kHash, 7};
  b.log.level = "warn";
  b.health = {"/base/health.json", 9};
  b.state.dir = "/base/state";
  b.reach = {700, 1300};
  b.audio.volume = 40;
  b.events = {"America/New_York", false};
  b.usage = {false, "/srv/usage.db", 60, 365, "Lobby", "A museum"};
  b.update = {"https://base.example/channel.json", "base", false, "http://proxy.base:3128", "/base/ca.pem",
              "https://base.example/status/", false};
  return b;
}

// Every field but `file`.
void check_same(const config::Config& a, const config::Config& b) {
  CHECK(a.display.index == b.display.index);
  CHECK(a.display.rotation == b.display.rotation);
  CHECK(a.display.fullscreen == b.display.fullscreen);
  CHECK(a.display.dpi == b.display.dpi);
  CHECK(a.touch.rotation == b.touch.rotation);
  CHECK(a.touch.max_touches == b.touch.max_touches);
  CHECK(a.session.idle_timeout_s == b.session.idle_timeout_s);
  CHECK(a.session.attract_timeout_s == b.session.attract_timeout_s);
  CHECK(a.session.default_language == b.session.default_language);
  CHECK(a.session.languages == b.session.languages);
  CHECK(a.content.dir == b.content.dir);
  CHECK(a.content.trusted_keys == b.content.trusted_keys);
  CHECK(a.content.require_signature == b.content.require_signature);
  CHECK(a.content.switch_after_idle_s == b.content.switch_after_idle_s);
  CHECK(a.admin.pin_hash == b.admin.pin_hash);
  CHECK(a.admin.hold_s == b.admin.hold_s);
  CHECK(a.log.level == b.log.level);
  CHECK(a.health.file == b.health.file);
  CHECK(a.health.interval_s == b.health.interval_s);
  CHECK(a.state.dir == b.state.dir);
  CHECK(a.reach.screen_bottom_mm == b.reach.screen_bottom_mm);
  CHECK(a.reach.reach_mm == b.reach.reach_mm);
  CHECK(a.audio.volume == b.audio.volume);
  CHECK(a.events.time_zone == b.events.time_zone);
  CHECK(a.events.in_attract == b.events.in_attract);
  CHECK(a.usage.enabled == b.usage.enabled);
  CHECK(a.usage.file == b.usage.file);
  CHECK(a.usage.detail_days == b.usage.detail_days);
  CHECK(a.usage.keep_days == b.usage.keep_days);
  CHECK(a.usage.kiosk_name == b.usage.kiosk_name);
  CHECK(a.usage.institution == b.usage.institution);
  CHECK(a.update.channel == b.update.channel);
  CHECK(a.update.group == b.update.group);
  CHECK(a.update.delta == b.update.delta);
  CHECK(a.update.proxy == b.update.proxy);
  CHECK(a.update.ca_file == b.update.ca_file);
  CHECK(a.update.status_url == b.update.status_url);
  CHECK(a.update.upload_usage == b.update.upload_usage);
}

config::Loaded read_text_config(const fs::path& file, const std::string& text, const config::Config& base = {}) {
  test::write_text(file, text);
  return config::read_config(file, base);
}

// The "section.key" names a TOML text sets or describes as not set, sorted.
std::vector<std::string> key_names(const std::string& toml) {
  std::vector<std::string> out;
  std::string section;
  const std::regex header(R"(^\[([a-z_]+)\]\s*$)"), assignment(R"(^([a-z_]+) = .*)"), unset(R"(^# ([a-z_]+): not set$)");
  for (const std::string& l : lines(toml)) {
    std::smatch m;
    if (std::regex_match(l, m, header)) section = m[1];
    else if (std::regex_match(l, m, assignment) || std::regex_match(l, m, unset)) out.push_back(section + "." + m[1].str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_SUITE("Kiosk configuration: every key") {
  TEST_CASE("Good values of every key apply; relative paths are taken from the file's folder") {
    test::TempDir dir;
    fs::create_directories(dir / "etc/keys");
    const auto key = trust::generate_key_pair(dir / "etc/keys/museum", "Museum");
    const auto l = read_text_config(dir / "etc/kiosk.toml",
                                    "[display]\nindex = 2\nrotation = 270\nfullscreen = false\ndpi = 96.5\n"
                                    "[touch]\nrotation = 180\nmax_touches = 10\n"
                                    "[session]\nidle_timeout = 45.5\nattract_timeout = 0\ndefault_language = \"pt-BR\"\n"
                                    "languages = [\"pt-BR\", \"en\", \"sr-Latn\"]\n"
                                    "[content]\ndir = \"content\"\ntrusted_keys = [\"keys/museum.pub\"]\n"
                                    "[admin]\npin_hash = \"" + kHash + "\"\nhold_seconds = 2.5\n"
                                    "[log]\nlevel = \"debug\"\n"
                                    "[health]\nfile = \"run/health.json\"\ninterval = 1\n"
                                    "[state]\ndir = \"/srv/state\"\n"
                                    "[media]\ntexture_budget_mb = 64\ndecode_threads = 3\n"
                                    "[reach]\nscreen_bottom_mm = 1000.5\nreach_mm = 1100\n"
                                    "[audio]\nvolume = 85\n"
                                    "[events]\ntime_zone = \"Europe/Athens\"\nin_attract = true\n"
                                    "[usage]\nenabled = true\nfile = \"usage/visits.db\"\ndetail_days = 40\nkeep_days = 3650\n"
                                    "kiosk_name = \"Зала 3, до витрината\"\ninstitution = \"РИМ Пловдив\"\n"
                                    "[update]\nchannel = \"https://packs.museum.bg/orpheus/stable/channel.json\"\n"
                                    "group = \"plovdiv.hall-3\"\ndelta = true\nproxy = \"http://proxy.local:3128\"\n"
                                    "ca_file = \"keys/museum-ca.pem\"\nstatus_url = \"https://packs.museum.bg/status/\"\n"
                                    "upload_usage = true\n",
                                    odd_base());
    CHECK(l.problems.empty());
    const auto& c = l.config;
    CHECK(c.display.index == 2);
    CHECK(c.display.rotation == 270);
    CHECK_FALSE(c.display.fullscreen);
    CHECK(c.display.dpi == 96.5f);
    CHECK(c.touch.rotation == 180);
    CHECK(c.touch.max_touches == 10);
    CHECK(c.session.idle_timeout_s == 45.5);
    CHECK(c.session.attract_timeout_s == 0);
    CHECK(c.session.default_language == "pt-BR");
    CHECK(c.session.languages == std::vector<std::string>{"pt-BR", "en", "sr-Latn"});
    CHECK(c.content.dir == dir / "etc/content");
    REQUIRE(c.content.trusted_keys.size() == 1);
    CHECK(c.content.trusted_keys[0] == key.public_key);
    CHECK_FALSE(c.content.require_signature);  // not in the file: base's
    CHECK(c.content.switch_after_idle_s == 30);
    CHECK(c.admin.pin_hash == kHash);
    CHECK(c.admin.hold_s == 2.5);
    CHECK(c.log.level == "debug");
    CHECK(c.health.file == dir / "etc/run/health.json");
    CHECK(c.health.interval_s == 1);
    CHECK(c.state.dir == fs::path("/srv/state"));
    CHECK(c.media.texture_budget_mb == 64);
    CHECK(c.media.decode_threads == 3);
    CHECK(c.reach.screen_bottom_mm == 1000.5);
    CHECK(c.reach.reach_mm == 1100);
    CHECK(c.audio.volume == 85);
    CHECK(c.events.time_zone == "Europe/Athens");
    CHECK(c.events.in_attract);
    CHECK(c.usage.enabled);
    CHECK(c.usage.file == dir / "etc/usage/visits.db");
    CHECK(config::usage_file(c) == dir / "etc/usage/visits.db");
    CHECK(c.usage.detail_days == 40);
    CHECK(c.usage.keep_days == 3650);
    CHECK(c.usage.kiosk_name == "Зала 3, до витрината");
    CHECK(c.usage.institution == "РИМ Пловдив");
    CHECK(c.update.channel == "https://packs.museum.bg/orpheus/stable/channel.json");
    CHECK(c.update.group == "plovdiv.hall-3");
    CHECK(c.update.delta);
    CHECK(c.update.proxy == "http://proxy.local:3128");
    CHECK(c.update.ca_file == dir / "etc/keys/museum-ca.pem");
    CHECK(c.update.status_url == "https://packs.museum.bg/status/");
    CHECK(c.update.upload_usage);
  }

  TEST_CASE("The usage journal: beside the state, its own file, or none") {
    config::Config c;
    CHECK(config::usage_file(c).empty());  // no state folder
    c.state.dir = "/var/lib/orpheus/state";
    CHECK(config::usage_file(c) == fs::path("/var/lib/orpheus/state/usage.db"));
    c.usage.file = "/srv/u.db";
    CHECK(config::usage_file(c) == fs::path("/srv/u.db"));
    c.usage.enabled = false;
    CHECK(config::usage_file(c).empty());
  }

  TEST_CASE("Empty strings: no health file, no state folder, no admin access, the pack's language") {
    test::TempDir dir;
    const auto l = read_text_config(dir / "k.toml",
                                    "[health]\nfile = \"\"\n[state]\ndir = \"\"\n[admin]\npin_hash = \"\"\n"
                                    "[session]\ndefault_language = \"\"\nlanguages = []\n",
                                    odd_base());
    CHECK(l.problems.empty());
    CHECK(l.config.health.file.empty());
    CHECK(l.config.state.dir.empty());
    CHECK(l.config.admin.pin_hash.empty());
    CHECK(l.config.session.default_language.empty());
    CHECK(l.config.session.languages.empty());
  }

  TEST_CASE("relative_to replaces the file's folder for relative paths") {
    test::TempDir dir;
    fs::create_directories(dir / "other");
    const auto key = trust::generate_key_pair(dir / "other/museum", "");
    test::write_text(dir / "state/last-good.toml",
                     "[content]\ndir = \"content\"\ntrusted_keys = [\"museum.pub\"]\n[health]\nfile = \"h.json\"\n");
    const auto l = config::read_config(dir / "state/last-good.toml", {}, dir / "other");
    CHECK(l.problems.empty());
    CHECK(l.config.content.dir == dir / "other/content");
    CHECK(l.config.health.file == dir / "other/h.json");
    REQUIRE(l.config.content.trusted_keys.size() == 1);
    CHECK(l.config.content.trusted_keys[0] == key.public_key);
  }

  TEST_CASE("Every key refuses a wrong type and an out-of-range value, names itself and keeps base's value") {
    struct Case {
      std::string section, key, value, reason;
    };
    const std::string lang = "expected a language code like \"bg\" or \"en-GB\" (2-3 lowercase letters, optionally -REGION)";
    const std::string pin = "this looks like the PIN itself; the PIN must never be written in this file, only its hash: "
                            "make it with `orpheus-kiosk --hash-pin`";
    const std::string argon = "expected an Argon2id hash (\"$argon2id$v=19$m=...,t=...,p=...$SALT$HASH\") from "
                              "`orpheus-kiosk --hash-pin`, or \"\" for no admin access";
    const std::string dpi = "expected 0 (as the display reports it) or dots per inch between 40 and 1000, got ";
    const std::string attract = "expected 0 (no attract loop) or seconds up to 86400, got ";
    const std::vector<Case> cases = {
        {"display", "index", "\"1\"", "expected an integer from 0 to 15, got \"1\""},
        {"display", "index", "1.5", "expected an integer from 0 to 15, got 1.5"},
        {"display", "index", "16", "expected an integer from 0 to 15, got 16"},
        {"display", "index", "-1", "expected an integer from 0 to 15, got -1"},
        {"display", "rotation", "\"90\"", "expected 0, 90, 180 or 270 (degrees), got \"90\""},
        {"display", "rotation", "45", "expected 0, 90, 180 or 270 (degrees), got 45"},
        {"display", "rotation", "90.0", "expected 0, 90, 180 or 270 (degrees), got 90.0"},
        {"display", "fullscreen", "\"yes\"", "expected true or false"},
        {"display", "fullscreen", "1", "expected true or false"},
        {"display", "dpi", "\"96\"", dpi + "\"96\""},
        {"display", "dpi", "20", dpi + "20"},
        {"display", "dpi", "1000.5", dpi + "1000.5"},
        {"display", "dpi", "nan", dpi + "nan"},
        {"display", "dpi", "-inf", dpi + "-inf"},
        {"touch", "rotation", "true", "expected 0, 90, 180 or 270 (degrees), got true"},
        {"touch", "rotation", "360", "expected 0, 90, 180 or 270 (degrees), got 360"},
        {"touch", "max_touches", "\"5\"", "expected an integer from 2 to 20, got \"5\""},
        {"touch", "max_touches", "5.0", "expected an integer from 2 to 20, got 5.0"},
        {"touch", "max_touches", "1", "expected an integer from 2 to 20, got 1"},
        {"touch", "max_touches", "21", "expected an integer from 2 to 20, got 21"},
        {"session", "idle_timeout", "\"90\"", "expected seconds between 10 and 3600, got \"90\""},
        {"session", "idle_timeout", "5", "expected seconds between 10 and 3600, got 5"},
        {"session", "idle_timeout", "3600.5", "expected seconds between 10 and 3600, got 3600.5"},
        {"session", "idle_timeout", "nan", "expected seconds between 10 and 3600, got nan"},
        {"session", "idle_timeout", "inf", "expected seconds between 10 and 3600, got inf"},
        {"session", "attract_timeout", "\"0\"", attract + "\"0\""},
        {"session", "attract_timeout", "-1", attract + "-1"},
        {"session", "attract_timeout", "86401", attract + "86401"},
        {"session", "attract_timeout", "nan", attract + "nan"},
        {"session", "default_language", "5", lang + ", or \"\" for the pack's default, got 5"},
        {"session", "default_language", "\"EN\"", lang + ", or \"\" for the pack's default, got \"EN\""},
        {"session", "default_language", "\"english\"", lang + ", or \"\" for the pack's default, got \"english\""},
        {"session", "languages", "\"bg\"", "expected a list of language codes like [\"bg\", \"en\"], got \"bg\""},
        {"content", "dir", "[\"a\"]", "expected a folder path (a non-empty string)"},
        {"content", "trusted_keys", "5", "expected a list of key files or keys"},
        {"content", "require_signature", "0", "expected true or false"},
        {"content", "switch_after_idle", "\"60\"", "expected seconds between 0 and 86400"},
        {"content", "switch_after_idle", "-0.5", "expected seconds between 0 and 86400"},
        {"admin", "pin_hash", "1234", pin},
        {"admin", "pin_hash", "\"123456\"", pin},
        {"admin", "pin_hash", "\"secret\"", argon},
        {"admin", "pin_hash", "\"$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA\"", argon},
        {"admin", "pin_hash", "\"$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$\"", argon},
        {"admin", "pin_hash", "\"(set)\"",
         "\"(set)\" stands for a hash describe() does not show, and none is set; write the hash from "
         "`orpheus-kiosk --hash-pin`"},
        {"admin", "pin_hash", "true",
         "expected the PIN's hash (a string from `orpheus-kiosk --hash-pin`), or \"\" for no admin access"},
        {"admin", "hold_seconds", "\"5\"", "expected seconds between 2 and 30, got \"5\""},
        {"admin", "hold_seconds", "1.5", "expected seconds between 2 and 30, got 1.5"},
        {"admin", "hold_seconds", "31", "expected seconds between 2 and 30, got 31"},
        {"log", "level", "1", "expected one of debug, info, warn, error, got 1"},
        {"log", "level", "\"verbose\"", "expected one of debug, info, warn, error, got \"verbose\""},
        {"log", "level", "\"INFO\"", "expected one of debug, info, warn, error, got \"INFO\""},
        {"health", "file", "5", "expected a file path (a string; \"\" for none), got 5"},
        {"health", "file", "[\"a\"]", "expected a file path (a string; \"\" for none), got a list"},
        {"health", "interval", "\"5\"", "expected seconds between 1 and 3600, got \"5\""},
        {"health", "interval", "0.5", "expected seconds between 1 and 3600, got 0.5"},
        {"health", "interval", "3601", "expected seconds between 1 and 3600, got 3601"},
        {"state", "dir", "true", "expected a folder path (a string; \"\" for none), got true"},
        {"state", "dir", "{ path = \"x\" }", "expected a folder path (a string; \"\" for none), got a table"},
        {"reach", "screen_bottom_mm", "\"900\"",
         "expected the height of the screen's lower edge above the floor in millimetres, 0 to 2500, got \"900\""},
        {"reach", "screen_bottom_mm", "-1",
         "expected the height of the screen's lower edge above the floor in millimetres, 0 to 2500, got -1"},
        {"reach", "reach_mm", "48",
         "expected the highest point a seated visitor must touch in millimetres above the floor, 600 to 2000 (1220 is "
         "the usual), got 48"},
        {"audio", "volume", "101", "expected an integer from 0 to 100, got 101"},
        {"audio", "volume", "\"loud\"", "expected an integer from 0 to 100, got \"loud\""},
        {"events", "time_zone", "\"Europe/Sofija\"",
         "expected a time zone's IANA name (\"Europe/Sofia\"), or \"\" for the pack's, got \"Europe/Sofija\""},
        {"events", "in_attract", "1", "expected true or false"},
        {"usage", "enabled", "\"no\"", "expected true or false"},
        {"usage", "detail_days", "7", "expected an integer from 30 to 400, got 7"},
        {"usage", "keep_days", "10000", "expected an integer from 30 to 3650, got 10000"},
        {"usage", "kiosk_name", "\"a\\nb\"", "expected one line of text, at most 200 bytes, got \"a\\nb\""},
        {"usage", "institution", "42", "expected one line of text, at most 200 bytes, got 42"},
        {"update", "channel", "\"ftp://host/channel.json\"",
         "expected the URL of the channel file (http:// or https://), or \"\" for none, got \"ftp://host/channel.json\""},
        {"update", "channel", "\"https://host/a b.json\"",
         "expected the URL of the channel file (http:// or https://), or \"\" for none, got \"https://host/a b.json\""},
        {"update", "group", "\"*\"",
         "expected a group name of letters, digits, '-', '_' and '.' (at most 64), or \"\" for none, got \"*\""},
        {"update", "group", "\"hall 3\"",
         "expected a group name of letters, digits, '-', '_' and '.' (at most 64), or \"\" for none, got \"hall 3\""},
        {"update", "delta", "\"yes\"", "expected true or false"},
        {"update", "proxy", "3128", "expected a proxy URL (http:// or https://), or \"\" for none, got 3128"},
        {"update", "ca_file", "5", "expected a file path (a string; \"\" for none), got 5"},
        {"update", "status_url", "\"webdav://x\"",
         "expected the URL of the folder that kiosks write their status to (http:// or https://), or \"\" for none, got "
         "\"webdav://x\""},
        {"update", "upload_usage", "0", "expected true or false"},
        {"reach", "reach_mm", "nan",
         "expected the highest point a seated visitor must touch in millimetres above the floor, 600 to 2000 (1220 is "
         "the usual), got nan"},
    };
    test::TempDir dir;
    config::Config base = odd_base();
    base.admin.pin_hash.clear();  // so "(set)" has nothing to keep
    for (const Case& c : cases) {
      const std::string text = "# a comment\n[" + c.section + "]\n" + c.key + " = " + c.value + "\n";
      CAPTURE(text);
      const auto l = read_text_config(dir / "kiosk.toml", text, base);
      REQUIRE(l.problems.size() == 1);
      const auto& p = l.problems[0];
      CHECK(p.key == c.section + "." + c.key);
      CHECK(p.file == dir / "kiosk.toml");
      CHECK(p.line == 3);
      CHECK(p.column == static_cast<int>(c.key.size()) + 4);
      CHECK(p.reason == c.reason);
      check_same(l.config, base);
    }
  }

  TEST_CASE("Languages: each entry is checked and a list with a bad entry keeps base's list") {
    test::TempDir dir;
    const auto l = read_text_config(dir / "k.toml",
                                    "[session]\nlanguages = [\n  \"bg\",\n  \"BG\",\n  5,\n  \"bg\",\n]\n", odd_base());
    REQUIRE(l.problems.size() == 3);
    CHECK(l.problems[0].key == "session.languages[2]");
    CHECK(l.problems[0].line == 4);
    CHECK(l.problems[0].reason.ends_with(", got \"BG\""));
    CHECK(l.problems[1].key == "session.languages[3]");
    CHECK(l.problems[1].line == 5);
    CHECK(l.problems[1].reason.ends_with(", got 5"));
    CHECK(l.problems[2].key == "session.languages[4]");
    CHECK(l.problems[2].line == 6);
    CHECK(l.problems[2].reason == "\"bg\" is listed twice");
    CHECK(l.config.session.languages == std::vector<std::string>{"en", "de"});
  }

  TEST_CASE("The default language must be one of the enabled languages") {
    test::TempDir dir;
    const fs::path file = dir / "k.toml";
    auto l = read_text_config(file, "[session]\ndefault_language = \"de\"\nlanguages = [\"bg\", \"en\"]\n");
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].to_string() == file.string() +
                                           ":2:20: session.default_language: \"de\" is not among session.languages "
                                           "(bg, en)");
    CHECK(l.config.session.default_language.empty());  // the default's
    CHECK(l.config.session.languages == std::vector<std::string>{"bg", "en"});

    // Only the list in the file: the base's default language is not in it.
    l = read_text_config(file, "[session]\nlanguages = [\"bg\"]\n", odd_base());
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].key == "session.default_language");
    CHECK(l.problems[0].line == 2);
    CHECK(l.config.session.default_language == "en");
    CHECK(l.config.session.languages == std::vector<std::string>{"en", "de"});

    l = read_text_config(file, "[session]\ndefault_language = \"de\"\n", odd_base());
    CHECK(l.problems.empty());
    CHECK(l.config.session.default_language == "de");
  }

  TEST_CASE("attract_timeout below idle_timeout is a problem naming both") {
    test::TempDir dir;
    const fs::path file = dir / "k.toml";
    auto l = read_text_config(file, "[session]\nidle_timeout = 120\nattract_timeout = 60\n");
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].key == "session.attract_timeout");
    CHECK(l.problems[0].line == 3);
    CHECK(l.problems[0].reason ==
          "60 s is below session.idle_timeout (120 s): the attract loop starts after the visitor session is reset; "
          "expected 0 (no attract loop) or at least 120");
    CHECK(l.config.session.idle_timeout_s == 120);
    CHECK(l.config.session.attract_timeout_s == 180);

    // Only idle_timeout in the file, above the default attract_timeout: reported where idle is.
    l = read_text_config(file, "[session]\nidle_timeout = 300\n");
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].key == "session.attract_timeout");
    CHECK(l.problems[0].line == 2);
    CHECK(l.problems[0].reason.starts_with("180 s is below session.idle_timeout (300 s)"));
    CHECK(l.config.session.idle_timeout_s == 90);
    CHECK(l.config.session.attract_timeout_s == 180);

    l = read_text_config(file, "[session]\nidle_timeout = 3600\nattract_timeout = 0\n");
    CHECK(l.problems.empty());
    l = read_text_config(file, "[session]\nidle_timeout = 300\nattract_timeout = 300\n");
    CHECK(l.problems.empty());
    CHECK(l.config.session.attract_timeout_s == 300);
  }

  TEST_CASE("Unknown keys and sections list the known ones and suggest the nearest") {
    test::TempDir dir;
    const auto l = read_text_config(dir / "k.toml",
                                    "rotation = 90\n"          // 1
                                    "[display]\n"              // 2
                                    "rotaton = 90\n"           // 3
                                    "[content]\n"              // 4
                                    "idle_timeout = 30\n"      // 5
                                    "[touch]\n"                // 6
                                    "pressure = 1\n"           // 7
                                    "[sesion]\n"               // 8
                                    "idle_timeout = 30\n"      // 9
                                    "[colours]\n"              // 10
                                    "x = 1\n",
                                    odd_base());
    REQUIRE(l.problems.size() == 6);
    const std::string sections = "unknown key; expected one of: content, display, touch, session, admin, log, health, state, media, reach, audio, events, usage, update";
    CHECK(l.problems[0].key == "rotation");
    CHECK(l.problems[0].line == 1);
    CHECK(l.problems[0].reason == sections + "; did you mean display.rotation or touch.rotation?");
    CHECK(l.problems[1].key == "display.rotaton");
    CHECK(l.problems[1].line == 3);
    CHECK(l.problems[1].reason == "unknown key; expected one of: index, rotation, fullscreen, dpi; did you mean rotation?");
    CHECK(l.problems[2].key == "content.idle_timeout");
    CHECK(l.problems[2].reason ==
          "unknown key; expected one of: dir, trusted_keys, require_signature, switch_after_idle; "
          "did you mean session.idle_timeout?");
    CHECK(l.problems[3].key == "touch.pressure");
    CHECK(l.problems[3].reason == "unknown key; expected one of: rotation, max_touches");
    CHECK(l.problems[4].key == "sesion");
    CHECK(l.problems[4].line == 8);
    CHECK(l.problems[4].reason == sections + "; did you mean session?");
    CHECK(l.problems[5].key == "colours");
    CHECK(l.problems[5].reason == sections);  // not near any section: no suggestion
    check_same(l.config, odd_base());
  }

  TEST_CASE("Unknown section with no near name, and a section that is not a table") {
    test::TempDir dir;
    auto l = read_text_config(dir / "k.toml", "[colours]\nx = 1\n");
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].key == "colours");
    CHECK(l.problems[0].reason ==
          "unknown key; expected one of: content, display, touch, session, admin, log, health, state, media, reach, audio, events, usage, update");
    l = read_text_config(dir / "k.toml", "[[display]]\nindex = 1\n");
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].key == "display");
    CHECK(l.problems[0].reason == "expected a [display] table");
    CHECK(l.config.display.index == 0);
  }

  TEST_CASE("A partly bad file keeps its good keys and base's values for the bad ones") {
    test::TempDir dir;
    const config::Config base = odd_base();
    const auto l = read_text_config(dir / "k.toml",
                                    "[display]\nindex = 1\nrotation = 45\n"
                                    "[touch]\nmax_touches = 50\nrotation = 270\n"
                                    "[session]\nidle_timeout = 60\ndefault_language = \"English\"\n"
                                    "[log]\nlevel = \"error\"\n[health]\ninterval = \"often\"\n"
                                    "[state]\ndir = \"/srv/state\"\n",
                                    base);
    REQUIRE(l.problems.size() == 4);
    CHECK(l.problems[0].key == "display.rotation");
    CHECK(l.problems[1].key == "touch.max_touches");
    CHECK(l.problems[2].key == "session.default_language");
    CHECK(l.problems[3].key == "health.interval");
    const auto& c = l.config;
    CHECK(c.display.index == 1);
    CHECK(c.display.rotation == 180);
    CHECK(c.touch.max_touches == 7);
    CHECK(c.touch.rotation == 270);
    CHECK(c.session.idle_timeout_s == 60);
    CHECK(c.session.default_language == "en");
    CHECK(c.log.level == "error");
    CHECK(c.health.interval_s == 9);
    CHECK(c.state.dir == fs::path("/srv/state"));
    CHECK(c.admin.pin_hash == kHash);
    CHECK(c.file == dir / "k.toml");
  }

  TEST_CASE("A syntax error, a missing file or a folder gives base and one problem") {
    test::TempDir dir;
    const config::Config base = odd_base();
    auto l = read_text_config(dir / "k.toml", "[display]\nindex = 1\nrotation = = 90\n", base);
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].file == dir / "k.toml");
    CHECK(l.problems[0].line == 3);
    CHECK(l.problems[0].column >= 1);
    CHECK(l.problems[0].key.empty());
    CHECK(l.problems[0].to_string().starts_with((dir / "k.toml").string() + ":3:"));
    check_same(l.config, base);  // index = 1 is not taken from a file that does not parse
    CHECK(l.config.file.empty());

    l = config::read_config(dir / "missing.toml", base);
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].line == 0);
    CHECK(l.problems[0].to_string() == (dir / "missing.toml").string() + ": file not found");
    check_same(l.config, base);

    l = config::read_config(dir.path(), base);
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].to_string() == dir.path().string() + ": is a folder, not a configuration file");
    check_same(l.config, base);
  }

  TEST_CASE("load_config lists every problem, one per line, in the file's order") {
    test::TempDir dir;
    const fs::path file = dir / "k.toml";
    test::write_text(file, "[touch]\nmax_touches = 1\n[display]\nindex = 99\n[session]\nidle_timeout = 5\n");
    const std::string e = error_of(file);
    CHECK(e == file.string() + ":2:15: touch.max_touches: expected an integer from 2 to 20, got 1\n" +
                   file.string() + ":4:9: display.index: expected an integer from 0 to 15, got 99\n" + file.string() +
                   ":6:16: session.idle_timeout: expected seconds between 10 and 3600, got 5");
  }

  TEST_CASE("Problem texts with and without a position or a file") {
    CHECK(config::Problem{"/etc/k.toml", 2, 5, "log.level", "bad"}.to_string() == "/etc/k.toml:2:5: log.level: bad");
    CHECK(config::Problem{"/etc/k.toml", 0, 0, "log.level", "bad"}.to_string() == "/etc/k.toml: log.level: bad");
    CHECK(config::Problem{"/etc/k.toml", 0, 0, "", "file not found"}.to_string() == "/etc/k.toml: file not found");
    CHECK(config::Problem{{}, 0, 0, "--set log.level", "bad"}.to_string() == "--set log.level: bad");
  }
}

TEST_SUITE("Kiosk configuration: overrides") {
  TEST_CASE("Good overrides: numbers, booleans, quoted strings, bare words and lists") {
    config::Config c = odd_base();
    CHECK(config::apply_override(c, "session.idle_timeout=120").empty());
    CHECK(c.session.idle_timeout_s == 120);
    CHECK(config::apply_override(c, " display.fullscreen = true ").empty());
    CHECK(c.display.fullscreen);
    CHECK(config::apply_override(c, "display.dpi=96.5").empty());
    CHECK(c.display.dpi == 96.5f);
    CHECK(config::apply_override(c, "session.languages=[\"bg\", \"en\"]").empty());
    CHECK(c.session.languages == std::vector<std::string>{"bg", "en"});
    CHECK(config::apply_override(c, "session.default_language=bg").empty());  // a bare word
    CHECK(c.session.default_language == "bg");
    CHECK(config::apply_override(c, "log.level=\"debug\"").empty());
    CHECK(c.log.level == "debug");
    CHECK(config::apply_override(c, "content.dir=/srv/content").empty());
    CHECK(c.content.dir == fs::path("/srv/content"));
    CHECK(config::apply_override(c, "health.file=health.json").empty());  // relative: the current directory
    CHECK(c.health.file == fs::current_path() / "health.json");
    CHECK(config::apply_override(c, "admin.pin_hash=\"\"").empty());
    CHECK(c.admin.pin_hash.empty());
  }

  TEST_CASE("A bad override names itself, has no position and changes nothing") {
    config::Config c = odd_base();
    auto p = config::apply_override(c, "session.idle_timeout=5");
    REQUIRE(p.size() == 1);
    CHECK(p[0].file.empty());
    CHECK(p[0].line == 0);
    CHECK(p[0].to_string() == "--set session.idle_timeout: expected seconds between 10 and 3600, got 5");
    p = config::apply_override(c, "display.index=one");
    REQUIRE(p.size() == 1);
    CHECK(p[0].to_string() == "--set display.index: expected an integer from 0 to 15, got \"one\"");
    p = config::apply_override(c, "session.languages=bg,en");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason == "expected a list of language codes like [\"bg\", \"en\"], got \"bg,en\"");
    p = config::apply_override(c, "session.languages=[\"bg\", \"xx-\"]");
    REQUIRE(p.size() == 1);
    CHECK(p[0].key == "--set session.languages[2]");
    p = config::apply_override(c, "admin.pin_hash=1234");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason.find("the PIN must never be written") != std::string::npos);
    CHECK(p[0].to_string().find("1234") == std::string::npos);
    p = config::apply_override(c, "session.attract_timeout=100");  // below idle_timeout 200
    REQUIRE(p.size() == 1);
    CHECK(p[0].to_string() ==
          "--set session.attract_timeout: 100 s is below session.idle_timeout (200 s): the attract loop starts after "
          "the visitor session is reset; expected 0 (no attract loop) or at least 200");
    p = config::apply_override(c, "session.idle_timeout=500");  // above attract_timeout 400
    REQUIRE(p.size() == 1);
    CHECK(p[0].key == "--set session.attract_timeout");
    check_same(c, odd_base());
  }

  TEST_CASE("Malformed and unknown overrides") {
    config::Config c = odd_base();
    auto p = config::apply_override(c, "session.idle_timeout");
    REQUIRE(p.size() == 1);
    CHECK(p[0].to_string() == "--set session.idle_timeout: expected section.key=VALUE, e.g. session.idle_timeout=120");
    p = config::apply_override(c, "idle_timeout=5");
    REQUIRE(p.size() == 1);
    CHECK(p[0].key == "--set idle_timeout");
    p = config::apply_override(c, "sesion.idle_timeout=120");
    REQUIRE(p.size() == 1);
    CHECK(p[0].to_string() == "--set sesion.idle_timeout: unknown section; expected one of: content, display, touch, "
                              "session, admin, log, health, state, media, reach, audio, events, usage, update; did you mean session?");
    p = config::apply_override(c, "session.idle_timout=120");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason == "unknown key; expected one of: idle_timeout, attract_timeout, default_language, languages, fallback_languages; "
                         "did you mean idle_timeout?");
    p = config::apply_override(c, "session.idle_timeout=");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason.starts_with("expected one value written as in TOML"));
    p = config::apply_override(c, "log.level=\"unterminated");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason.starts_with("expected one value written as in TOML"));
    // A value cannot carry a second setting.
    p = config::apply_override(c, "session.idle_timeout=120\n[display]\nindex = 3");
    REQUIRE(p.size() == 1);
    CHECK(p[0].reason.starts_with("expected one value written as in TOML"));
    check_same(c, odd_base());
  }
}

TEST_SUITE("Kiosk configuration: describe and the packaged file") {
  TEST_CASE("describe() lists every key and reads back to the same configuration") {
    test::TempDir dir;
    fs::create_directories(dir / "keys");
    const auto key = trust::generate_key_pair(dir / "keys/museum", "Museum \"curators\"");
    const auto other = trust::generate_key_pair(dir / "keys/other", "");
    const auto first = read_text_config(dir / "etc/kiosk.toml",
                                        "[display]\nindex = 1\nrotation = 90\nfullscreen = false\ndpi = 141.3\n"
                                        "[touch]\nrotation = 270\nmax_touches = 11\n"
                                        "[session]\nidle_timeout = 33.25\nattract_timeout = 600\n"
                                        "default_language = \"en\"\nlanguages = [\"bg\", \"en\"]\n"
                                        "[content]\ndir = \"store with \\\"quotes\\\" and ü\"\n"
                                        "trusted_keys = [\"../keys/museum.pub\", \"" + other.public_key.text() + "\"]\n"
                                        "require_signature = false\nswitch_after_idle = 0.5\n"
                                        "[admin]\npin_hash = \"" + kHash + "\"\nhold_seconds = 3\n"
                                        "[log]\nlevel = \"warn\"\n"
                                        "[health]\nfile = \"\"\ninterval = 12\n[state]\ndir = \"state\"\n"
                                        "[reach]\nscreen_bottom_mm = 955\nreach_mm = 1200.5\n");
    REQUIRE(first.problems.empty());
    const std::string text = config::describe(first.config);
    CAPTURE(text);
    CHECK(text.find(kHash) == std::string::npos);  // never the hash
    CHECK(text.find("pin_hash = \"(set)\"") != std::string::npos);
    CHECK(text.find("trusted_keys = [\n  \"" + key.public_key.text() + "\",  # Museum \"curators\"\n  \"" +
                    other.public_key.text() + "\",\n]") != std::string::npos);
    CHECK(key_names(text) == key_names(config::describe(config::Config{})));
    CHECK(key_names(text).size() == 41);

    // Read back elsewhere, on a base that holds the hash "(set)" stands for.
    config::Config base;
    base.admin.pin_hash = kHash;
    const auto again = read_text_config(dir / "elsewhere/described.toml", text, base);
    CHECK(again.problems.empty());
    check_same(again.config, first.config);
    // The same text but for the first line (the file read) and the key's comment, which came
    // from its key file and is not part of a key written out.
    const auto after_first_line = [](const std::string& t) { return t.substr(t.find('\n')); };
    std::string expected = after_first_line(text);
    const std::string comment = "  # Museum \"curators\"";
    REQUIRE(expected.find(comment) != std::string::npos);
    expected.erase(expected.find(comment), comment.size());
    CHECK(after_first_line(config::describe(again.config)) == expected);
  }

  TEST_CASE("describe() of the defaults reads back to the defaults") {
    test::TempDir dir;
    const config::Config defaults;
    const std::string text = config::describe(defaults);
    CHECK(text.find("# dir: not set") != std::string::npos);  // [content] dir has no default
    CHECK(text.find("pin_hash = \"\"") != std::string::npos);
    const auto l = read_text_config(dir / "d.toml", text);
    CHECK(l.problems.empty());
    check_same(l.config, defaults);
  }

  TEST_CASE("The packaged kiosk.toml sets every key, each with a comment, and reads cleanly") {
    const fs::path packaged = fs::path(ORPHEUS_SOURCE_DIR) / "packaging/kiosk.toml";
    std::string text = test::read_text(packaged);
    REQUIRE_FALSE(text.empty());
    CHECK(key_names(text) == key_names(config::describe(config::Config{})));
    for (const std::string& l : lines(text))
      if (l.find(" = ") != std::string::npos && !l.starts_with("#")) {
        CAPTURE(l);
        CHECK(l.find(" # ") != std::string::npos);
      }

    // As installed: the demo key may not exist on this machine, and nothing else may be wrong.
    const auto as_is = config::read_config(packaged);
    for (const auto& p : as_is.problems) CHECK(p.key == "content.trusted_keys[1]");
    CHECK(as_is.problems.size() <= 1);

    // With the demo key where the file says it is (the path rewritten into a temp dir).
    const std::string demo = "\"/usr/share/orpheus/keys/demo.pub\"";
    const auto at = text.find(demo);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(demo, at + 1) == std::string::npos);
    test::TempDir dir;
    fs::create_directories(dir / "keys");
    const auto key = trust::generate_key_pair(dir / "keys/demo", "Orpheus demo");
    text.replace(at, demo.size(), "\"" + (dir / "keys/demo.pub").string() + "\"");
    const auto l = read_text_config(dir / "kiosk.toml", text, odd_base());
    CHECK(l.problems.empty());
    const auto& c = l.config;
    CHECK(c.display.index == 0);
    CHECK(c.display.rotation == 0);
    CHECK(c.display.fullscreen);
    CHECK(c.display.dpi == 0);
    CHECK(c.touch.rotation == 0);
    CHECK(c.touch.max_touches == 5);
    CHECK(c.session.idle_timeout_s == 90);
    CHECK(c.session.attract_timeout_s == 180);
    CHECK(c.session.default_language == "bg");
    CHECK(c.session.languages.empty());  // all that the pack and the interface share
    CHECK(c.session.fallback_languages == std::vector<std::string>{"en"});
    CHECK(c.content.dir == fs::path("/var/lib/orpheus/content"));
    REQUIRE(c.content.trusted_keys.size() == 1);
    CHECK(c.content.trusted_keys[0] == key.public_key);
    CHECK(c.content.require_signature);
    CHECK(c.content.switch_after_idle_s == 60);
    CHECK(c.admin.pin_hash.empty());
    CHECK(c.admin.hold_s == 5);
    CHECK(c.log.level == "info");
    CHECK(c.health.file == fs::path("/run/orpheus/health.json"));
    CHECK(c.health.interval_s == 5);
    CHECK(c.state.dir == fs::path("/var/lib/orpheus/state"));
    CHECK(c.reach.screen_bottom_mm == 900);
    CHECK(c.reach.reach_mm == 1220);
  }

  TEST_CASE("Pack hashes are remembered beside the admin state, else in the user's cache folder") {
    config::Config c;
    c.state.dir = "/var/lib/orpheus/state";
    {
      test::EnvVar xdg("XDG_CACHE_HOME", "/x/cache");
      CHECK(config::pack_hashes_file(c) == fs::path("/var/lib/orpheus/state/pack-hashes"));
      c.state.dir.clear();
      CHECK(config::pack_hashes_file(c) == fs::path("/x/cache/orpheus/pack-hashes"));
    }
    test::EnvVar xdg("XDG_CACHE_HOME", "");  // empty: as if unset
    {
      test::EnvVar home("HOME", "/home/k");
      CHECK(config::pack_hashes_file(c) == fs::path("/home/k/.cache/orpheus/pack-hashes"));
    }
    test::EnvVar home("HOME", nullptr);
    CHECK(config::pack_hashes_file(c).empty());
  }

  TEST_CASE("Without --config, $ORPHEUS_CONFIG, else the packaged /etc/orpheus/kiosk.toml") {
    {
      test::EnvVar env("ORPHEUS_CONFIG", "/srv/second/kiosk.toml");
      CHECK(config::default_path() == fs::path("/srv/second/kiosk.toml"));
    }
    for (const char* unset : {static_cast<const char*>(nullptr), ""}) {
      test::EnvVar env("ORPHEUS_CONFIG", unset);
      CHECK(config::default_path() == fs::path("/etc/orpheus/kiosk.toml"));
    }
  }
}
