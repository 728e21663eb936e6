#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "config/config.h"
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
