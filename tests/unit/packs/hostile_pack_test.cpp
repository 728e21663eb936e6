// Crafted packs and source images through the real orpheus-pack: verify, inspect and install
// read a pack before its signature is checked, build reads whatever images a source folder
// holds. Each refuses with a message naming the file and what is wrong, exits non-zero, and
// install leaves the content folder untouched.
#include <doctest/doctest.h>

#include "pack_tool.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/source_tree.h"
#include "unit/media/builders.h"

using namespace orpheus;
using media::test::hex;
using media::test::png_header_only;
namespace fs = std::filesystem;

namespace {

// One good pack built from write_good_tree, shared by every test.
const fs::path& good_pack() {
  static test::TempDir dir;
  static const fs::path pack = [] {
    const auto r = test::build_good_pack(dir.path(), dir / "good.db");
    REQUIRE(r.ok());
    return dir / "good.db";
  }();
  return pack;
}

fs::path copy_of_good(const test::TempDir& dir) {
  const fs::path out = dir / "crafted.db";
  fs::copy_file(good_pack(), out, fs::copy_options::overwrite_existing);
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  return out;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Nothing of the pack in the content folder: no state, no pack file.
void check_nothing_installed(const fs::path& content) {
  if (!fs::exists(content)) return;
  CHECK_FALSE(fs::exists(content / "state"));
  for (const auto& e : fs::recursive_directory_iterator(content)) CHECK_MESSAGE(e.path().extension() != ".db", e.path());
}

}  // namespace

TEST_SUITE("Hostile packs through orpheus-pack") {
  TEST_CASE("verify, inspect and install refuse a crafted pack, say why and install nothing") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    std::string why;
    SUBCASE("A view in place of a table") {
      test::damage(pack, "DROP TABLE item_tag; CREATE VIEW item_tag AS SELECT 1 AS item_id, id AS tag_id, 0 AS ord FROM tag");
      why = "its schema holds a view 'item_tag'";
    }
    SUBCASE("A trigger orpheus-pack never writes") {
      test::damage(pack, "CREATE TRIGGER noisy BEFORE DELETE ON item BEGIN SELECT RAISE(ABORT, 'the trigger ran'); END");
      why = "its schema holds a trigger 'noisy'";
    }
    SUBCASE("A virtual table in place of a table") {
      test::damage(pack, "DROP TABLE item_tag; CREATE VIRTUAL TABLE item_tag USING fts4(item_id, tag_id, ord)");
      why = "its schema holds a virtual table 'item_tag'";
    }
    SUBCASE("An index calling a function SQLite does not trust in a schema") {
      test::damage(pack, "CREATE INDEX evil ON item(json_valid(slug))");
      why = "unsafe use of json_valid()";
    }
    SUBCASE("A display image whose header claims 60000 x 60000") {
      test::damage(pack, "UPDATE media_blob SET bytes = X'" + hex(png_header_only(60000, 60000)) +
                             "' WHERE rowid = (SELECT min(rowid) FROM media_blob WHERE variant = 'display')");
      why = "60000 x 60000 = 3600000000 pixels, more than the limit";
    }
    SUBCASE("Damaged pages") {
      // Bytes flipped at the start and in the middle of every page of the file's middle third
      // (the seal stays as it was: the integrity check speaks first).
      const auto size = fs::file_size(pack);
      std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
      for (std::uintmax_t page = size / 3 / 4096 * 4096; page < size * 2 / 3; page += 4096)
        for (std::uintmax_t at : {page, page + 1, page + 5, page + 2048}) {
          f.seekg(static_cast<std::streamoff>(at));
          char c = 0;
          f.get(c);
          f.seekp(static_cast<std::streamoff>(at));
          f.put(static_cast<char>(c ^ 0x5A));
        }
      why = "database";
    }
    CAPTURE(why);

    auto r = test::run(dir, "verify " + quoted(pack));
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find(pack.string()) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find(why) != std::string::npos, r.err);

    const fs::path content = dir / "content";
    r = test::run(dir, "install " + quoted(pack) + " --content-dir " + quoted(content) + " --allow-unsigned");
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find(why) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("not installed") != std::string::npos, r.err);
    check_nothing_installed(content);

    // inspect reads what the kiosk reads: a pack it cannot load, or an image it would only fail
    // to decode (the image case inspects; verify and install are what decode every image).
    r = test::run(dir, "inspect " + quoted(pack));
    if (why.find("60000") == std::string::npos) {
      CHECK(r.status != 0);
      CHECK_MESSAGE(r.err.find(pack.string()) != std::string::npos, r.err);
    } else {
      CHECK_MESSAGE(r.status == 0, r.err);
    }
  }

  TEST_CASE("build refuses a source image whose header claims 60000 x 60000, naming the file") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    test::write_bytes(dir / "src/images/wide.png", png_header_only(60000, 60000));
    const fs::path out = dir / "out.db";
    const auto r = test::run(dir, "build -q " + quoted(dir / "src") + " --media-dir " + quoted(dir / "media") + " -o " + quoted(out));
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("image 'images/wide.png' (" + (dir / "src/images/wide.png").string() + ")") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("60000 x 60000 = 3600000000 pixels, more than the limit of 200000000 pixels") != std::string::npos, r.err);
    CHECK_FALSE(fs::exists(out));
  }

  TEST_CASE("build refuses an image file too large to store, before reading it") {
    test::TempDir dir;
    test::write_good_tree(dir / "src", dir / "media");
    // A sparse file: no disk space, only a size over the limit.
    fs::resize_file(dir / "src/images/wide.png", 501ull * 1024 * 1024);
    const fs::path out = dir / "out.db";
    const auto r = test::run(dir, "build -q " + quoted(dir / "src") + " --media-dir " + quoted(dir / "media") + " -o " + quoted(out));
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("image 'images/wide.png'") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("the file is 525336576 bytes, more than the 524288000 a pack stores per image") != std::string::npos,
                  r.err);
    CHECK_FALSE(fs::exists(out));
  }
}
