#include <doctest/doctest.h>

#include "pack_tool.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/schema.h"
#include "packs/builder.h"
#include "packs/verify.h"
#include "support/source_tree.h"
#include "trust/seal.h"
#include "unit/media/builders.h"

using namespace orpheus;
using media::test::hex;
using media::test::png_claiming;
namespace fs = std::filesystem;

namespace {

// One good pack built from write_good_tree, shared by every test (building makes tile pyramids).
const fs::path& good_pack() {
  static test::TempDir dir;
  static const fs::path pack = [] {
    const auto r = test::build_good_pack(dir.path(), dir / "good.db");
    std::string all;
    for (const auto& p : r.problems) all += p.str() + "\n";
    REQUIRE_MESSAGE(r.ok(), all);
    return dir / "good.db";
  }();
  return pack;
}

// A writable copy of the good pack.
fs::path copy_of_good(const test::TempDir& dir, const std::string& name = "pack.db") {
  const fs::path out = dir / name;
  fs::copy_file(good_pack(), out, fs::copy_options::overwrite_existing);
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  return out;
}

using test::damage;

std::int64_t query_int(const fs::path& pack, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(pack.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const std::int64_t v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

std::string all(const packs::VerifyReport& r) {
  std::string s;
  for (const auto& p : r.problems) s += p.str() + "\n";
  return s;
}

int errors(const packs::VerifyReport& r) {
  int n = 0;
  for (const auto& p : r.problems) n += p.warning ? 0 : 1;
  return n;
}

// The problem at `field` whose reason contains `reason`, or a failure listing the report.
const packs::Problem* find(const packs::VerifyReport& r, const std::string& field, const std::string& reason) {
  for (const auto& p : r.problems)
    if (p.field == field && p.reason.find(reason) != std::string::npos) return &p;
  FAIL_CHECK("no problem at '" << field << "' saying '" << reason << "' among:\n" << all(r));
  return nullptr;
}

bool has_field(const packs::VerifyReport& r, const std::string& field) {
  for (const auto& p : r.problems)
    if (p.field == field) return true;
  return false;
}

packs::VerifyOptions development() {
  packs::VerifyOptions o;
  o.require_trusted = false;
  o.threads = 2;
  return o;
}

packs::VerifyOptions strict(std::vector<trust::PublicKey> trusted = {}) {
  packs::VerifyOptions o;
  o.require_trusted = true;
  o.trusted = std::move(trusted);
  o.threads = 2;
  return o;
}



// SQL naming the media row of an item's image (1-based as in the messages).
std::string media_of(const std::string& item, int image) {
  return "(SELECT m.id FROM media m JOIN item i ON i.id = m.item_id WHERE i.slug = '" + item + "' AND m.ord = " +
         std::to_string(image - 1) + ")";
}

}  // namespace

TEST_SUITE("Pack verification") {
  TEST_CASE("A freshly built pack verifies, counting what it checked; unsigned is a warning in development") {
    const auto r = packs::verify_pack(good_pack(), development());
    CHECK_MESSAGE(r.ok(), all(r));
    CHECK(r.manifest.id == "test.pack");
    CHECK(r.manifest.version == "1.2.3");
    CHECK(r.manifest.default_language == "bg");
    CHECK(r.manifest.languages == std::vector<std::string>{"bg", "en"});
    CHECK(r.manifest.schema_version == catalog::kSchemaVersion);
    CHECK(r.manifest.title.exact("en") == "Test pack");
    CHECK(r.items == 3);
    CHECK(r.media == 3);
    CHECK(r.blobs == 9);  // original, display and thumbnail of each image
    CHECK(r.blobs == query_int(good_pack(), "SELECT count(*) FROM media_blob"));
    CHECK(r.tiles == query_int(good_pack(), "SELECT count(*) FROM media_tile"));
    CHECK(r.tiles == 66);  // the 3000 x 1000 image: 48 + 12 + 3 + 2 + 1 tiles of 256
    CHECK(r.seal.verdict == trust::Verdict::unsigned_pack);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].warning);
    CHECK(r.problems[0].field == "signature");
    CHECK(r.problems[0].reason == "not signed by any curator key");  // the file is named once, as the problem's file
    CHECK(r.problems[0].file == good_pack());
  }

  TEST_CASE("Unsigned is an error when a trusted signature is required") {
    const auto r = packs::verify_pack(good_pack(), strict());
    CHECK_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK_FALSE(r.problems[0].warning);
    CHECK(r.problems[0].field == "signature");
    CHECK(r.problems[0].reason.find("not signed") != std::string::npos);
    CHECK(r.items == 3);  // the rest was still checked
    CHECK(r.tiles == 66);
  }

  TEST_CASE("Signed with a trusted key verifies with no signature problem; another key is untrusted") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    const auto keys = trust::generate_key_pair(dir / "curator", "Test curators");
    const auto other = trust::generate_key_pair(dir / "other", "Someone else");
    trust::sign(pack, trust::read_secret_key(keys.secret_file));

    const auto ok = packs::verify_pack(pack, strict({other.public_key, keys.public_key}));
    CHECK_MESSAGE(ok.ok(), all(ok));
    CHECK_MESSAGE(ok.problems.empty(), all(ok));
    CHECK(ok.seal.verdict == trust::Verdict::trusted);

    const auto untrusted = packs::verify_pack(pack, strict({other.public_key}));
    CHECK_FALSE(untrusted.ok());
    CHECK(untrusted.seal.verdict == trust::Verdict::untrusted_key);
    const auto* p = find(untrusted, "signature", "does not trust");
    REQUIRE(p);
    CHECK_FALSE(p->warning);
    CHECK(p->reason.find(keys.public_key.id()) != std::string::npos);

    const auto dev = packs::verify_pack(pack, [&] {
      auto o = development();
      o.trusted = {other.public_key};
      return o;
    }());
    CHECK_MESSAGE(dev.ok(), all(dev));
    REQUIRE(dev.problems.size() == 1);
    CHECK(dev.problems[0].warning);
  }

  TEST_CASE("A pack edited after sealing is tampered, an error even in development") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    damage(pack, "UPDATE item_text SET summary = 'edited' WHERE lang = 'bg'", /*reseal=*/false);
    const auto r = packs::verify_pack(pack, development());
    CHECK_FALSE(r.ok());
    CHECK(r.seal.verdict == trust::Verdict::tampered);
    find(r, "seal", "content changed after the pack was sealed");
  }

  TEST_CASE("Every kind of damage is reported at once, each with where and why") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    const std::int64_t tiles_before = query_int(pack, "SELECT count(*) FROM media_tile");
    const std::string rhyton1 = media_of("rhyton", 1), rhyton2 = media_of("rhyton", 2), cup = media_of("cup", 1);
    damage(pack,
           "PRAGMA foreign_keys = OFF;"
           // an item and a collection without a title in the default language
           "UPDATE item_text SET title = '' WHERE lang = 'bg' AND item_id = (SELECT id FROM item WHERE slug = 'amphora');"
           "DELETE FROM collection_text WHERE lang = 'bg' AND collection_id = (SELECT id FROM collection WHERE slug = 'silver');"
           // garbage bytes, a truncated JPEG
           "UPDATE media_blob SET bytes = X'00112233445566778899AABBCCDDEEFF0011223344' WHERE media_id = " + cup +
               " AND variant = 'display';"
           "UPDATE media_blob SET bytes = substr(bytes, 1, length(bytes) / 2) WHERE media_id = " + cup +
               " AND variant = 'thumbnail';"
           // a header claiming 65535 x 65535
           "UPDATE media_blob SET bytes = X'" + hex(png_claiming(65535, 65535)) + "' WHERE media_id = " + rhyton2 +
               " AND variant = 'display';"
           // a row promising another size than the image has
           "UPDATE media_blob SET width = width + 1 WHERE media_id = " + rhyton2 + " AND variant = 'thumbnail';"
           // a missing variant
           "DELETE FROM media_blob WHERE media_id = " + rhyton1 + " AND variant = 'thumbnail';"
           // a missing tile, a tile outside the pyramid, a wrong level count
           "DELETE FROM media_tile WHERE media_id = " + rhyton1 + " AND level = 0 AND col = 3 AND row = 2;"
           "INSERT INTO media_tile(media_id, level, col, row, mime, bytes) SELECT media_id, 0, 50, 0, mime, bytes "
           "FROM media_tile WHERE media_id = " + rhyton1 + " AND level = 4;"
           "UPDATE media_pyramid SET levels = 4 WHERE media_id = " + rhyton1 + ";"
           // a dangling reference
           "UPDATE item_tag SET tag_id = 999 WHERE item_id = (SELECT id FROM item WHERE slug = 'cup');"
           // a collection with no items
           "INSERT INTO collection(id, slug, ord) VALUES (99, 'empty', 99);"
           "INSERT INTO collection_text(collection_id, lang, title) VALUES (99, 'bg', 'Празна');");
    const auto start = std::chrono::steady_clock::now();
    const auto r = packs::verify_pack(pack, development());
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(all(r));
    CHECK_FALSE(r.ok());
    CHECK(r.seal.verdict == trust::Verdict::unsigned_pack);  // resealed: the damage is what is left
    CHECK_FALSE(has_field(r, "seal"));
    CHECK_FALSE(has_field(r, "database"));
    for (const auto& p : r.problems) CHECK(p.file == pack);

    find(r, "item 'amphora'.title", "no title in the default language 'bg'");
    find(r, "collection 'silver'.title", "no title in the default language 'bg'");
    find(r, "item 'cup' image 1 (display)", "not a JPEG or PNG image");
    find(r, "item 'cup' image 1 (thumbnail)", "truncated");
    find(r, "item 'rhyton' image 2 (display)", "65535 x 65535");
    find(r, "item 'rhyton' image 2 (display)", "more than the limit");
    find(r, "item 'rhyton' image 2 (thumbnail)", "decodes to 40 x 30, not the 41 x 30 its row claims");
    find(r, "item 'rhyton' image 1", "the thumbnail variant is missing");
    find(r, "item 'rhyton' image 1 (tiles)", "has 65 tiles; its pyramid needs 66");
    find(r, "item 'rhyton' image 1 tile 0/50_0", "outside the pyramid");
    find(r, "item 'rhyton' image 1 (tiles)", "the pyramid claims 4 levels; a 3000 x 1000 image has 5");
    const std::int64_t tag_row =
        query_int(pack, "SELECT rowid FROM item_tag WHERE tag_id = 999");
    find(r, "item_tag row " + std::to_string(tag_row), "refers to a missing row of table tag");
    find(r, "collection 'empty'", "has no items");
    CHECK(errors(r) == 12);
    CHECK(r.problems.size() == 13);  // and the unsigned warning

    CHECK(r.items == 3);
    CHECK(r.media == 3);
    CHECK(r.blobs == 8);
    CHECK(r.tiles == tiles_before - 1);  // the one outside the pyramid is not counted
    CHECK(seconds < 20);  // the 65535 x 65535 header is refused, not allocated
  }

  TEST_CASE("A default language that is not one of the pack's is reported once") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    damage(pack, "UPDATE pack_info SET value = 'fr' WHERE key = 'default_language'");
    const auto r = packs::verify_pack(pack, development());
    INFO(all(r));
    CHECK_FALSE(r.ok());
    find(r, "pack_info.default_language", "'fr' is not one of the pack's languages");
    CHECK(errors(r) == 1);  // not also every title "missing" in a language the pack cannot have
  }

  TEST_CASE("A missing default language or id is reported") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    damage(pack, "DELETE FROM pack_info WHERE key IN ('default_language', 'id')");
    const auto r = packs::verify_pack(pack, development());
    INFO(all(r));
    find(r, "pack_info.default_language", "missing");
    find(r, "pack_info.id", "missing");
    CHECK(errors(r) == 2);
  }

  TEST_CASE("Rows edited past their CHECK constraints are reported, not crashed on") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    const std::string rhyton1 = media_of("rhyton", 1), cup = media_of("cup", 1);
    damage(pack,
           "PRAGMA ignore_check_constraints = ON;"
           "UPDATE media_pyramid SET tile_size = 0 WHERE media_id = " + rhyton1 + ";"
           "UPDATE media SET width = 2147483647, height = 2147483647 WHERE id = " + cup + ";"
           "INSERT INTO media_tile(media_id, level, col, row, mime, bytes) SELECT media_id, -1, -2, -3, mime, bytes "
           "FROM media_tile WHERE media_id = " + rhyton1 + " AND level = 4;");
    packs::VerifyReport r;
    CHECK_NOTHROW(r = packs::verify_pack(pack, development()));
    INFO(all(r));
    CHECK_FALSE(r.ok());
    find(r, "item 'rhyton' image 1 (tiles)", "tile size 0");
    find(r, "item 'cup' image 1", "2147483647 x 2147483647");
  }

  TEST_CASE("A file that is not a readable pack is one clear problem, never a throw") {
    test::TempDir dir;
    test::write_text(dir / "text.db", std::string(4096, 'x') + "this is a text file, not a database\n");
    test::write_text(dir / "empty.db", "");
    fs::create_directories(dir / "folder.db");
    struct Case {
      fs::path file;
      std::string reason;
    } cases[] = {{dir / "text.db", "not a SQLite database"},
                 {dir / "empty.db", "empty database"},
                 {dir / "missing.db", "file not found"},
                 {dir / "folder.db", "is a folder"}};
    for (const auto& c : cases) {
      CAPTURE(c.file);
      packs::VerifyReport r;
      CHECK_NOTHROW(r = packs::verify_pack(c.file, strict()));
      CHECK_FALSE(r.ok());
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].file == c.file);
      CHECK_MESSAGE(r.problems[0].reason.find(c.reason) != std::string::npos, r.problems[0].str());
      CHECK(r.items == 0);
      CHECK_THROWS_AS(packs::read_manifest(c.file), catalog::LoadError);
    }
  }

  TEST_CASE("A damaged database page is reported by the integrity check") {
    test::TempDir dir;
    const fs::path pack = copy_of_good(dir);
    const auto page = static_cast<std::uint64_t>(query_int(pack, "PRAGMA page_size"));
    const auto size = fs::file_size(pack);
    const std::uint64_t seal = trust::read_seal(pack).offset;
    // The first page of the item texts: content, not the schema (which SQLite needs to open the file at all).
    std::uint64_t at = (static_cast<std::uint64_t>(query_int(pack, "SELECT rootpage FROM sqlite_schema WHERE name = 'item_text'")) - 1) * page;
    REQUIRE(at < size);
    REQUIRE(seal / page != at / page);  // the seal stays readable: it is the content that is damaged
    {
      std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(at));
      std::string garbage(page, '\0');
      for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919 + 13) % 251);
      f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    trust::write_content_hash(pack);
    packs::VerifyReport r;
    CHECK_NOTHROW(r = packs::verify_pack(pack, development()));
    INFO(all(r));
    CHECK_FALSE(r.ok());
    REQUIRE_FALSE(r.problems.empty());
    for (const auto& p : r.problems) {
      CHECK(p.field == "database");
      CHECK_FALSE(p.warning);
      CHECK(p.reason.find('\n') == std::string::npos);  // one problem, one line
      CHECK(p.reason.find("*** in database") == std::string::npos);
      CHECK(p.reason.find(pack.string()) == std::string::npos);
    }
    CHECK(r.problems.front().reason.starts_with("Page "));
  }

  TEST_CASE("A schema-2 pack has no seal: the problem says to rebuild it") {
    test::TempDir dir;
    const fs::path pack = dir / "old.db";
    {
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open_v2(pack.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
      catalog::migrate(db, 2);
      REQUIRE(sqlite3_exec(db,
                           "INSERT INTO pack_info VALUES ('id', 'old.pack'), ('version', '0.9'), "
                           "('default_language', 'bg');"
                           "INSERT INTO pack_language VALUES ('bg', 0);"
                           "INSERT INTO pack_text VALUES ('bg', 'Стар', '');"
                           "INSERT INTO collection(id, slug, ord) VALUES (1, 'c', 1);"
                           "INSERT INTO collection_text(collection_id, lang, title) VALUES (1, 'bg', 'Сбирка');"
                           "INSERT INTO item(id, slug, collection_id, ord) VALUES (1, 'i', 1, 1);"
                           "INSERT INTO item_text(item_id, lang, title) VALUES (1, 'bg', 'Предмет');",
                           nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(db);
    }
    const auto dev = packs::verify_pack(pack, development());
    INFO(all(dev));
    CHECK(dev.ok());
    CHECK(dev.manifest.schema_version == 2);
    CHECK(dev.manifest.id == "old.pack");
    CHECK(dev.items == 1);
    const auto* w = find(dev, "seal", "rebuild it");
    REQUIRE(w);
    CHECK(w->warning);
    CHECK(w->reason.find("schema version 2") != std::string::npos);

    const auto r = packs::verify_pack(pack, strict());
    CHECK_FALSE(r.ok());
    const auto* e = find(r, "seal", "rebuild it");
    REQUIRE(e);
    CHECK_FALSE(e->warning);
  }

  TEST_CASE("Progress counts every blob and tile once, ending at the total") {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
    auto o = development();
    o.progress = [&](const packs::Progress& p) {
      CHECK(p.stage == "checking images");
      seen.emplace_back(p.done, p.total);
    };
    const auto r = packs::verify_pack(good_pack(), o);
    REQUIRE(!seen.empty());
    const std::uint64_t total = static_cast<std::uint64_t>(r.blobs + r.tiles);
    CHECK(seen.front() == std::pair<std::uint64_t, std::uint64_t>{0, total});
    CHECK(seen.back() == std::pair<std::uint64_t, std::uint64_t>{total, total});
    CHECK(seen.size() == total + 1);
  }
}
