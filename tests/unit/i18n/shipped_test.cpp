// The catalogues the kiosk ships: in step with the code, complete, and checked.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "i18n/check.h"
#include "i18n/messages.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace orpheus::i18n;

namespace {

const std::filesystem::path kDir = ORPHEUS_SOURCE_DIR "/assets/po";

std::set<std::tuple<std::string, std::string, std::string>> entries(const PoFile& po) {
  std::set<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& e : po.entries) out.emplace(e.context, e.id, e.plural_id);
  return out;
}

}  // namespace

TEST_SUITE("Shipped translations") {
  TEST_CASE("The template holds exactly the words of the code") {
    // What `cmake --build B --target pot` would write now, against the template in the tree:
    // a string added or changed in the code without `pot` fails here.
    orpheus::test::TempDir dir;
    const auto run = orpheus::test::run({ORPHEUS_SOURCE_DIR "/scripts/extract-messages.sh", (dir / "now.pot").string()});
    REQUIRE_MESSAGE(run.exit_code == 0, "scripts/extract-messages.sh failed (is gettext installed?): " << run.err);
    const auto now = read_po_file(dir / "now.pot"), shipped = read_po_file(kDir / "orpheus.pot");
    CHECK(entries(now) == entries(shipped));
    CHECK(now.entries.size() > 80);
  }

  TEST_CASE("Every catalogue is complete for visitors and passes the build's checks") {
    const auto pot = read_po_file(kDir / "orpheus.pot");
    const std::set<std::string> expected{"bg", "de", "el", "fr", "ru"};
    std::set<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
      if (entry.path().extension() != ".po") continue;
      const std::string lang = entry.path().stem().string();
      found.insert(lang);
      CAPTURE(lang);
      // The staff's admin screen may stay English except in Bulgarian.
      const CheckOptions options{&pot, true, lang == "bg" ? std::vector<std::string>{} : std::vector<std::string>{"admin."}};
      for (const auto& p : check_po(read_po_file(entry.path()), entry.path().string(), options)) FAIL_CHECK(p.str());
    }
    CHECK(found == expected);
  }

  TEST_CASE("Translated, not copied: visitors' words differ from the English") {
    const auto m = Messages::load(kDir);
    for (const char* lang : {"bg", "de", "el", "fr", "ru"}) {
      CAPTURE(lang);
      CHECK(m.get(lang, "home.prompt", "Touch a collection to explore") != "Touch a collection to explore");
      CHECK(m.get(lang, "nav.back", "Back") != "Back");
      CHECK(m.get(lang, "search.title", "Search") != "Search");
    }
  }
}
