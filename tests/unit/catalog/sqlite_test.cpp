#include <doctest/doctest.h>

#include <string>

#include "catalog/sqlite.h"
#include "support/temp_dir.h"

using namespace orpheus;

TEST_SUITE("SQLite wrappers") {
  TEST_CASE("Errors name the file and carry SQLite's message") {
    test::TempDir dir;
    sql::Database db(dir / "a.db", sql::Database::Mode::read_write_create);
    try {
      db.prepare("SELEC nonsense");
      FAIL("prepare accepted bad SQL");
    } catch (const sql::Error& e) {
      const std::string what = e.what();
      CHECK(what.find((dir / "a.db").string()) != std::string::npos);
      CHECK(what.find("syntax error") != std::string::npos);
    }
  }

  TEST_CASE("Opening a missing file read-only fails and creates nothing") {
    test::TempDir dir;
    CHECK_THROWS_AS(sql::Database(dir / "missing.db", sql::Database::Mode::read_only), sql::Error);
    CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
  }

  TEST_CASE("A transaction rolls back unless committed") {
    test::TempDir dir;
    sql::Database db(dir / "t.db", sql::Database::Mode::read_write_create);
    db.exec("CREATE TABLE t(x INTEGER) STRICT");
    {
      sql::Transaction tx(db);
      db.exec("INSERT INTO t VALUES (1)");
    }
    {
      sql::Transaction tx(db);
      db.exec("INSERT INTO t VALUES (2)");
      tx.commit();
    }
    auto st = db.prepare("SELECT group_concat(x) FROM t");
    REQUIRE(st.step());
    CHECK(st.text(0) == "2");
  }

  TEST_CASE("Empty strings and empty blobs are stored as values, not NULL") {
    test::TempDir dir;
    sql::Database db(dir / "v.db", sql::Database::Mode::read_write_create);
    db.exec("CREATE TABLE v(s TEXT NOT NULL, b BLOB NOT NULL, i INTEGER, r REAL) STRICT");
    auto ins = db.prepare("INSERT INTO v VALUES (?1, ?2, ?3, ?4)");
    ins.bind(1, std::string_view()).bind(2, std::span<const std::uint8_t>()).bind(3, std::optional<int>());
    ins.bind(4, std::optional<double>(2.5)).step();
    auto st = db.prepare("SELECT s, length(b), i, r FROM v");
    REQUIRE(st.step());
    CHECK(st.text(0).empty());
    CHECK(st.int64(1) == 0);
    CHECK_FALSE(st.opt_int64(2).has_value());
    CHECK(st.opt_real(3) == doctest::Approx(2.5));
  }

  TEST_CASE("A statement can be reset and stepped again") {
    test::TempDir dir;
    sql::Database db(dir / "r.db", sql::Database::Mode::read_write_create);
    auto st = db.prepare("SELECT ?1 * 2");
    st.bind(1, 21);
    REQUIRE(st.step());
    CHECK(st.int64(0) == 42);
    st.reset();
    st.bind(1, 5);
    REQUIRE(st.step());
    CHECK(st.int64(0) == 10);
    CHECK_FALSE(st.step());
  }
}
