// Runs the orpheus-pack executable: exit codes and what a curator sees.
#include <doctest/doctest.h>

#include "pack_tool.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/schema.h"
#include "support/source_tree.h"

using namespace orpheus;

namespace {

using test::Run;
using test::run;

// An English-only mapping for the import-csv tests: plain strings, as a curator writes them.
const std::string kCsvMapping = R"([pack]
id = "test.cli"
version = "1"
languages = ["en"]
default_language = "en"
title = "Test"

[columns]
id = "Inv"
title = "Title"
year_from = "Year"
)";

}  // namespace

TEST_SUITE("orpheus-pack command") {
  TEST_CASE("Building and inspecting a good tree succeed") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const std::string db = (dir / "out/p.db").string();
    auto r = run(dir, "build '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find("2 collections, 3 items, 3 images, 66 tiles, 2 languages") != std::string::npos, r.out);
    r = run(dir, "build --quiet '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'");
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    r = run(dir, "inspect '" + db + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("test.pack 1.2.3") != std::string::npos);
    CHECK(r.out.find("gold: 2 items, 2 images") != std::string::npos);
    CHECK(r.out.find("bg (default) en") != std::string::npos);
    CHECK(r.out.find("seal:        unsigned") != std::string::npos);
    CHECK(r.out.find("tiles: 66 tiles") != std::string::npos);
    r = run(dir, "inspect --json '" + db + "'");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["manifest"]["id"] == "test.pack");
    CHECK(j["manifest"]["version"] == "1.2.3");
    CHECK(j["manifest"]["schema_version"] == catalog::kSchemaVersion);
    CHECK(j["manifest"]["title"]["en"] == "Test pack");
    CHECK(j["manifest"]["languages"] == nlohmann::json::array({"bg", "en"}));
    CHECK(j["seal"]["state"] == "unsigned");
    CHECK(j["seal"]["content_hash"].get<std::string>().size() == 64);
    CHECK(j["counts"]["items"] == 3);
    CHECK(j["media"]["tiles"]["count"] == 66);
    CHECK(j["collections"][1]["id"] == "gold");
  }

  TEST_CASE("A pack with a map: build cuts it from GSHHG in --gshhg DIR and says so; inspect says what it holds") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/map.toml", "region = { west = 23.5, south = 42.0, east = 25.0, north = 43.0 }\n");
    const std::string db = (dir / "out/p.db").string();
    const std::string build = "build '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'";
    auto r = run(dir, build + " --gshhg '" + (dir / "nothing").string() + "'");
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("map.toml:1:10: region: " + (dir / "nothing/binned_GSHHS_h.nc").string() +
                             " is missing: the map's coasts, borders and rivers come from GSHHG; install Debian's gmt-gshhg-high") !=
                      std::string::npos,
                  r.err);
    if (!std::filesystem::exists("/usr/share/gmt-gshhg/binned_GSHHS_h.nc")) {
      MESSAGE("skipped the rest: no GSHHG (apt-get install gmt-gshhg-high)");
      return;
    }
    r = run(dir, build);  // the default: Debian's folder
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find(" tiles (") != std::string::npos, r.out);
    CHECK(r.out.find("\nmap: ") != std::string::npos);
    r = run(dir, "inspect '" + db + "'");
    CHECK(r.status == 0);
    CHECK_MESSAGE(r.out.find("\nmap:         ") != std::string::npos, r.out);
    CHECK(r.out.find(" lines in ") != std::string::npos);
  }

  TEST_CASE("keygen, sign and verify: a signed pack verifies with its key and not with another") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const std::string db = (dir / "p.db").string(), key = (dir / "keys/curator").string();
    REQUIRE(run(dir, "build -q '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'").status == 0);
    auto r = run(dir, "keygen '" + key + "' --comment 'Plovdiv museum'");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(test::read_text(key + ".pub").find("Plovdiv museum") != std::string::npos);
    CHECK((std::filesystem::status(key + ".key").permissions() & std::filesystem::perms::group_read) == std::filesystem::perms::none);
    r = run(dir, "keygen '" + key + "'");
    CHECK(r.status == 1);  // never replaces a key without --force
    REQUIRE(run(dir, "keygen -q '" + (dir / "keys/other").string() + "'").status == 0);

    r = run(dir, "verify '" + db + "' --trust '" + key + ".pub'");
    CHECK(r.status == 1);
    CHECK(r.err.find("not signed") != std::string::npos);
    r = run(dir, "verify '" + db + "' --trust '" + key + ".pub' --allow-unsigned");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.find("warning:") != std::string::npos);

    r = run(dir, "sign '" + db + "' --key '" + key + ".key'");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    r = run(dir, "verify '" + db + "' --trust '" + key + ".pub'");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find(": ok: test.pack 1.2.3, 3 items") != std::string::npos);
    CHECK(r.out.find("signed by trusted key") != std::string::npos);
    r = run(dir, "verify '" + db + "' --trust '" + (dir / "keys/other.pub").string() + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find("does not trust") != std::string::npos);
    r = run(dir, "inspect --json '" + db + "'");
    CHECK(nlohmann::json::parse(r.out)["seal"]["state"] == "signed");
  }

  TEST_CASE("install refuses without trusted keys unless told it is development") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const std::string db = (dir / "p.db").string(), content = (dir / "content").string();
    REQUIRE(run(dir, "build -q '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'").status == 0);
    auto r = run(dir, "install '" + db + "' --content-dir '" + content + "'");
    CHECK(r.status == 2);
    CHECK(r.err.find("no trusted keys") != std::string::npos);
    r = run(dir, "install '" + db + "' --content-dir '" + content + "' --allow-unsigned");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("installed test.pack 1.2.3") != std::string::npos);
    r = run(dir, "list --content-dir '" + content + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("current   test.pack-1.2.3-") != std::string::npos);
    r = run(dir, "rollback --content-dir '" + content + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find("previous") != std::string::npos);
    r = run(dir, "list");
    CHECK(r.status == 2);  // no --content-dir, no configuration
  }

  TEST_CASE("Long work draws a progress bar on a terminal and plain lines elsewhere") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const std::string args = "build '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" +
                             (dir / "p.db").string() + "'";
    const auto plain = run(dir, args);
    REQUIRE(plain.status == 0);
    CHECK(plain.err.find("images: 3/3 done in") != std::string::npos);
    CHECK(plain.err.find('\r') == std::string::npos);
    // script(1) gives the command a terminal and copies what it draws into a file.
    const auto typescript = dir / "typescript";
    const std::string cmd = "TERM=xterm script -qec \"'" + std::string(ORPHEUS_PACK_EXE) + "' " + args + "\" '" +
                            typescript.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string drawn = test::read_text(typescript);
    CHECK_MESSAGE(drawn.find("\rimages  [") != std::string::npos, drawn);
    CHECK(drawn.find("3/3  100%") != std::string::npos);
  }

  TEST_CASE("Content problems exit 1 with every problem and a summary on stderr") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/items/gold/amphora.toml", "id = \"amphora\"\ncolection = \"gold\"\n");
    const auto r = run(dir, "build -q '" + (dir / "src").string() + "' -o '" + (dir / "p.db").string() + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find("amphora.toml:2:1: colection: unknown key; did you mean 'collection'?") != std::string::npos);
    CHECK(r.err.find("images[1].file: image 'generated/cup.jpg' not found") != std::string::npos);
    CHECK_MESSAGE(r.err.find("8 problems in " + (dir / "src").string() + "\n") != std::string::npos, r.err);
    CHECK_FALSE(std::filesystem::exists(dir / "p.db"));
  }

  TEST_CASE("build --require-languages fails on every text missing in those languages; without one missing it builds") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const std::string src = (dir / "src").string(), db = (dir / "p.db").string();
    const std::string build = "build '" + src + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "' ";
    auto r = run(dir, build + "--require-languages en,bg");
    CHECK(r.status == 1);
    const std::string why = ", a required language (--require-languages)\n";
    CHECK_MESSAGE(r.err.find(src + "/collections/silver.toml:3:9: title: no text in \"en\"" + why) != std::string::npos, r.err);
    CHECK(r.err.find(src + "/items/gold/amphora.toml:6:15: description: no text in \"en\"" + why) != std::string::npos);
    CHECK(r.err.find(src + "/items/silver/cup.toml:7:11: summary: no text in \"en\"" + why) != std::string::npos);
    CHECK_MESSAGE(r.err.find("7 problems in " + src + "\n") != std::string::npos, r.err);
    CHECK_FALSE(std::filesystem::exists(db));
    r = run(dir, build + "-q --require-languages bg");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.empty());
    CHECK(std::filesystem::exists(db));
    r = run(dir, build + "--require-languages de");
    CHECK(r.status == 1);
    CHECK(r.err.find("--require-languages: 'de' is not one of the pack's languages [bg, en]\n") != std::string::npos);
  }

  TEST_CASE("Usage mistakes exit 2 with the usage on stderr; help exits 0") {
    test::TempDir dir;
    auto r = run(dir, "");
    CHECK(r.status == 2);
    CHECK(r.err.find("Usage:") != std::string::npos);
    r = run(dir, "build");
    CHECK(r.status == 2);
    CHECK(r.err.find("orpheus-pack build [OPTIONS] SRC_DIR") != std::string::npos);
    r = run(dir, "build src");
    CHECK(r.status == 2);
    CHECK(r.err.find("--output is required") != std::string::npos);
    r = run(dir, "frobnicate");
    CHECK(r.status == 2);
    r = run(dir, "--help");
    CHECK(r.status == 0);
    for (const char* sub : {"build", "import-iiif", "import-csv", "verify", "inspect", "keygen", "sign", "install", "list",
                            "rollback"})
      CHECK_MESSAGE(r.out.find(sub) != std::string::npos, sub);
    r = run(dir, "build --help");
    CHECK(r.status == 0);
    CHECK(r.out.find("--media-dir") != std::string::npos);
  }

  TEST_CASE("--narrate works for import-csv as for build; inspect counts, -v lists the items") {
    if (std::system("espeak-ng --version >/dev/null 2>&1") != 0) {
      MESSAGE("skipped: espeak-ng is not installed (apt-get install espeak-ng)");
      return;
    }
    test::TempDir dir;
    test::write_text(dir / "mapping.toml", kCsvMapping);
    test::write_text(dir / "export.csv", "Inv,Title,Year\nA-1,One cup. Of silver,1850\nA-2,Two,1851\n");
    const std::string db = (dir / "out/p.db").string();
    auto r = run(dir, "import-csv '" + (dir / "export.csv").string() + "' -m '" + (dir / "mapping.toml").string() +
                          "' -o '" + db + "' --narrate");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find("narration: 0 recorded, 2 synthetic, 0 silent;") != std::string::npos, r.out);
    r = run(dir, "inspect '" + db + "'");
    CHECK_MESSAGE(r.out.find("\nitem texts:        titles  summaries  descriptions  narrations\n"
                             "  en               2/2     -          -             2 synthetic\n") != std::string::npos,
                  r.out);
    CHECK(r.out.find("A-1:") == std::string::npos);
    r = run(dir, "inspect -v '" + db + "'");
    CHECK_MESSAGE(r.out.find(" en synthetic (") != std::string::npos, r.out);
    CHECK_MESSAGE(r.out.find(", 2 sentences)") != std::string::npos, r.out);
    r = run(dir, "verify --allow-unsigned '" + db + "'");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find("2 narrations decoded") != std::string::npos, r.out);
  }

  TEST_CASE("import-csv --skip-invalid imports the valid records, writes a reject file and counts everything") {
    test::TempDir dir;
    test::write_text(dir / "mapping.toml", kCsvMapping);
    test::write_text(dir / "export.csv", "Inv,Title,Year\nA-1,One,1850\nA-2,,1851\nA-3,Three,someday\nA-4,Four,\n,,\n");
    const std::string args = "import-csv '" + (dir / "export.csv").string() + "' -m '" + (dir / "mapping.toml").string() +
                             "' -o '" + (dir / "out/p.db").string() + "'";
    // All or nothing: the errors, and what --skip-invalid would do, last.
    auto r = run(dir, args);
    CHECK(r.status == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out/p.db"));
    CHECK(r.err.find("export.csv:3:2: Title: empty: every row needs a title") != std::string::npos);
    CHECK_MESSAGE(r.err.find("\nnothing imported: 2 of 5 records have errors (--skip-invalid imports the other 2 and "
                             "writes those to a reject file); 0 missing images; 1 warning\n") != std::string::npos,
                  r.err);

    r = run(dir, args + " --skip-invalid");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto rejects = dir / "out/p.rejects.csv";
    CHECK_MESSAGE(r.err.find("2 records rejected, written to " + rejects.string() + " with the reasons:\n") !=
                      std::string::npos,
                  r.err);
    CHECK(r.err.find("rejected for: 1 no title, 1 not a year\n") != std::string::npos);
    CHECK(r.err.find("export.csv:6:0: warning: empty record: every cell is empty; left out") != std::string::npos);
    CHECK(r.out.find("wrote " + (dir / "out/p.db").string()) != std::string::npos);
    CHECK_MESSAGE(r.out.find("2 records imported (1 with a date), 2 rejected (" + rejects.string() +
                             "), 1 empty left out; 0 missing images; 1 warning\n") != std::string::npos,
                  r.out);
    const std::string written = test::read_text(rejects);
    CHECK(written.find("Inv,Title,Year,reject_line,reject_reason\r\n") == 0);
    CHECK(written.find("A-3,Three,someday,4,\"Year: 'someday': 'someday' is not a year or part of a date") != std::string::npos);

    // -q keeps the errors and the counts; --rejects names the file.
    r = run(dir, args + " --skip-invalid -q --rejects '" + (dir / "bad.csv").string() + "'");
    CHECK(r.status == 0);
    CHECK(std::filesystem::exists(dir / "bad.csv"));
    CHECK(r.err.find("warning") == std::string::npos);
    CHECK(r.err.find("Title: empty") != std::string::npos);
    CHECK(r.out.find("2 records imported (1 with a date), 2 rejected") != std::string::npos);
    CHECK(r.out.find("wrote") == std::string::npos);
    CHECK(run(dir, args + " --rejects x.csv").status == 2);  // only with --skip-invalid
  }

  TEST_CASE("Import problems: errors first, then warnings grouped by kind, all of them with --all-warnings") {
    test::TempDir dir;
    test::write_text(dir / "mapping.toml", kCsvMapping + "images = \"Images\"\n[csv]\nmissing_images = \"warning\"\n");
    std::string csv = "Inv,Title,Year,Images\n";
    for (int i = 1; i <= 5; ++i)
      csv += "A-" + std::to_string(i) + ",Title " + std::to_string(i) + ",1900,https://example.org/p" + std::to_string(i) + ".jpg\n";
    csv += "A-6,<p>x<script>y()</script></p>,oops,\n";
    test::write_text(dir / "export.csv", csv);
    const std::string args = "import-csv '" + (dir / "export.csv").string() + "' -m '" + (dir / "mapping.toml").string() +
                             "' -o '" + (dir / "p.db").string() + "'";
    auto r = run(dir, args);
    CHECK(r.status == 1);
    const auto error = r.err.find("export.csv:7:3: Year: 'oops': 'oops' is not a year");
    const auto group = r.err.find("5 warnings: image not found (the first 3; --all-warnings lists all):\n  ");
    const auto script = r.err.find("export.csv:7:2: Title: warning: an HTML <script> element was removed");
    CHECK_MESSAGE(error < group, r.err);
    CHECK(group < script);
    CHECK(r.err.find("p3.jpg") != std::string::npos);
    CHECK(r.err.find("p4.jpg") == std::string::npos);
    CHECK(r.err.find("; 5 missing images; 6 warnings\n") != std::string::npos);

    r = run(dir, args + " --all-warnings");
    CHECK(r.err.find("5 warnings: image not found:\n") != std::string::npos);
    CHECK(r.err.find("p5.jpg") != std::string::npos);

    r = run(dir, args + " -q");
    CHECK(r.err.find("warning:") == std::string::npos);
    CHECK(r.err.find("'oops' is not a year") != std::string::npos);
    CHECK_MESSAGE(r.err.find("nothing imported: 1 of 6 records has errors") != std::string::npos, r.err);
  }

  TEST_CASE("import-csv shows its rows as a progress bar on a terminal") {
    test::TempDir dir;
    test::write_text(dir / "mapping.toml", kCsvMapping);
    test::write_text(dir / "export.csv", "Inv,Title,Year\nA-1,One,1850\n");
    const std::string args = "import-csv '" + (dir / "export.csv").string() + "' -m '" + (dir / "mapping.toml").string() +
                             "' -o '" + (dir / "p.db").string() + "'";
    const auto typescript = dir / "typescript";
    const std::string cmd = "TERM=xterm script -qec \"'" + std::string(ORPHEUS_PACK_EXE) + "' " + args + "\" '" +
                            typescript.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string drawn = test::read_text(typescript);
    CHECK_MESSAGE(drawn.find("\rrows  [") != std::string::npos, drawn);
    CHECK(drawn.find("1/1  100%") != std::string::npos);
    CHECK(drawn.find("1 record imported (1 with a date), 0 rejected; 0 missing images; 0 warnings") != std::string::npos);
  }

  TEST_CASE("import-iiif ends with the manifests imported, the missing images and the warnings") {
    const std::filesystem::path manifest = ORPHEUS_TESTDATA_DIR "/iiif/cookbook_0009-book-1_manifest.json";
    if (!std::filesystem::exists(manifest)) {
      MESSAGE("IIIF cookbook test data not found: skipped");
      return;
    }
    test::TempDir dir;
    std::filesystem::create_directories(dir / "images");
    const auto r = run(dir, "import-iiif '" + manifest.string() + "' --images '" + (dir / "images").string() + "' -o '" +
                                (dir / "p.db").string() + "'");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.err.find("5 warnings: image not found (the first 3; --all-warnings lists all):") != std::string::npos,
                  r.err);
    CHECK_MESSAGE(r.out.find("1 manifest imported; 5 missing images; 5 warnings\n") != std::string::npos, r.out);
  }

  TEST_CASE("inspect refuses a file that is not a pack, naming it") {
    test::TempDir dir;
    test::write_text(dir / "x.db", "hello");
    const auto r = run(dir, "inspect '" + (dir / "x.db").string() + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find((dir / "x.db").string()) != std::string::npos);
  }
}
