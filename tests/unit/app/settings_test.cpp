#include <doctest/doctest.h>

#include <fstream>

#include "app/settings.h"
#include "support/temp_dir.h"

using namespace orpheus::app;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
}  // namespace

TEST_SUITE("Settings") {
  TEST_CASE("File < admin changes < --set < dedicated options") {
    orpheus::test::TempDir dir;
    write(dir / "kiosk.toml", "[session]\nidle_timeout = 60\nattract_timeout = 300\n[log]\nlevel = \"warn\"\n"
                              "[state]\ndir = \"state\"\n[touch]\nmax_touches = 8\n");
    Options o;
    o.config = dir / "kiosk.toml";
    Settings s = resolve_settings(o);
    CHECK(s.problems.empty());
    CHECK(s.config.session.idle_timeout_s == 60);
    CHECK(s.config.state.dir == dir / "state");

    s.config.session.idle_timeout_s = 120;
    s.config.session.attract_timeout_s = 600;
    s.config.audio.volume = 35;
    save_admin_changes(s.config);
    s = resolve_settings(o);
    CHECK(s.problems.empty());
    CHECK(s.config.session.idle_timeout_s == 120);
    CHECK(s.config.session.attract_timeout_s == 600);
    CHECK(s.config.audio.volume == 35);

    o.sets = {"session.idle_timeout=45", "log.level=debug"};
    o.log_level = "error";
    o.max_touches = 3;
    s = resolve_settings(o);
    CHECK(s.problems.empty());
    CHECK(s.config.session.idle_timeout_s == 45);
    CHECK(s.config.log.level == "error");     // --log-level beats --set log.level
    CHECK(s.config.touch.max_touches == 3);   // --max-touches beats the file
  }

  TEST_CASE("A partly bad file keeps its good keys, and bad keys take the last good values") {
    orpheus::test::TempDir dir;
    const fs::path file = dir / "kiosk.toml";
    write(file, "[session]\nidle_timeout = 60\n[content]\nrequire_signature = true\nswitch_after_idle = 30\n"
                "[state]\ndir = \"state\"\n");
    Options o;
    o.config = file;
    Settings good = resolve_settings(o);
    REQUIRE(good.problems.empty());
    CHECK(remember_good_config(good.config).empty());
    CHECK(fs::exists(dir / "state" / "kiosk.last-good.toml"));

    // Today's edit: a typo in a number and a bad value; one good change.
    write(file, "[session]\nidle_timeout = \"sixty\"\nattract_timeout = 400\n[content]\nrequire_signature = \"no\"\n"
                "switch_after_idle = 30\n[state]\ndir = \"state\"\n");
    Settings s = resolve_settings(o);
    CHECK(s.problems.size() == 2);
    CHECK(s.used_last_good);
    CHECK(s.config.session.idle_timeout_s == 60);          // from the last good file, not the default 90
    CHECK(s.config.session.attract_timeout_s == 400);     // the good change applies
    CHECK(s.config.content.require_signature == true);

    // An unreadable file: every key from the last good copy.
    write(file, "[session\nidle_timeout = 5\n");
    s = resolve_settings(o);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].line == 1);
    // Without [state] dir known from the broken file, the defaults apply: never no settings.
    CHECK(s.config.session.idle_timeout_s == 90);
  }

  TEST_CASE("Enabled languages and the start language") {
    orpheus::config::SessionConfig c;
    const std::vector<std::string> pack{"bg", "en", "de"}, spoken{"bg", "de", "el", "en", "fr", "ru"};
    CHECK(enabled_languages(c, pack, spoken) == pack);
    c.languages = {"en", "fr", "bg"};
    CHECK(enabled_languages(c, pack, spoken) == std::vector<std::string>{"en", "bg"});
    c.languages = {"fr"};
    CHECK(enabled_languages(c, pack, spoken) == pack);  // none of them in the pack: all of the pack's
    // A pack language the interface does not speak is offered only when configured, or when the
    // interface speaks none of the pack's.
    c.languages = {};
    CHECK(enabled_languages(c, {"bg", "it", "en"}, spoken) == std::vector<std::string>{"bg", "en"});
    CHECK(enabled_languages(c, {"it", "hu"}, spoken) == std::vector<std::string>{"it", "hu"});
    c.languages = {"it", "en"};
    CHECK(enabled_languages(c, {"bg", "it", "en"}, spoken) == std::vector<std::string>{"it", "en"});
    CHECK(start_language(c, {"en", "bg"}, "bg") == "bg");
    c.default_language = "en";
    CHECK(start_language(c, {"en", "bg"}, "bg") == "en");
    c.default_language = "de";
    CHECK(start_language(c, {"en", "bg"}, "bg") == "bg");
    CHECK(start_language(c, {"en"}, "bg") == "en");
  }
}
