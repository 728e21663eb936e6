// Runs the orpheus-pack executable: exit codes and what a curator sees.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "source_tree.h"

using namespace orpheus;

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run run(const test::TempDir& dir, const std::string& args) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = std::string("'") + ORPHEUS_PACK_EXE + "' " + args + " >'" + out.string() + "' 2>'" +
                          err.string() + "'";
  const int rc = std::system(cmd.c_str());
  return Run{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, test::read_text(out), test::read_text(err)};
}

}  // namespace

TEST_SUITE("orpheus-pack command") {
  TEST_CASE("Building and inspecting a good tree succeed") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    const std::string db = (dir / "out/p.db").string();
    auto r = run(dir, "build '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("2 collections, 3 items, 3 images, 2 languages") != std::string::npos);
    r = run(dir, "build --quiet '" + (dir / "src").string() + "' --media-dir '" + (dir / "media").string() + "' -o '" + db + "'");
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    r = run(dir, "inspect '" + db + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("test.pack 1.2.3") != std::string::npos);
    CHECK(r.out.find("gold: 2 items, 2 images") != std::string::npos);
    CHECK(r.out.find("bg (default) en") != std::string::npos);
  }

  TEST_CASE("Content problems exit 1 with every problem and a summary on stderr") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_text(dir / "src/items/gold/amphora.toml", "id = \"amphora\"\ncolection = \"gold\"\n");
    const auto r = run(dir, "build -q '" + (dir / "src").string() + "' -o '" + (dir / "p.db").string() + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find("amphora.toml:2:1: colection: unknown key; did you mean 'collection'?") != std::string::npos);
    CHECK(r.err.find("images[1].file: image 'generated/cup.jpg' not found") != std::string::npos);
    CHECK(r.err.find("8 problems in " + (dir / "src").string() + "\n") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "p.db"));
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
    CHECK(r.out.find("build") != std::string::npos);
    r = run(dir, "build --help");
    CHECK(r.status == 0);
    CHECK(r.out.find("--media-dir") != std::string::npos);
  }

  TEST_CASE("inspect refuses a file that is not a pack, naming it") {
    test::TempDir dir;
    test::write_text(dir / "x.db", "hello");
    const auto r = run(dir, "inspect '" + (dir / "x.db").string() + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find((dir / "x.db").string()) != std::string::npos);
  }
}
