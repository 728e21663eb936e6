// orpheus-stats run as a command (kiosk/bin/orpheus_stats.cpp) on signed synthetic exports: exit
// statuses, a tampered file named on stderr and in the page, verify's lines, the trusted list.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "support/synthetic_usage.h"
#include "support/temp_dir.h"

using namespace orpheus;
using namespace orpheus::test;

namespace {

struct Run {
  int status;
  std::string out, err;
};

// orpheus-stats with `args` (shell words), its output kept in `dir`.
Run stats(const TempDir& dir, const std::string& args) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = std::string("'") + ORPHEUS_STATS_EXE + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int rc = std::system(cmd.c_str());
  return Run{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_text(out), read_text(err)};
}

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// Two museums of two kiosks, ten days each.
struct Exports {
  TempDir dir;
  SyntheticFiles files = write_synthetic_exports({2, 2, 10, "2027-03-01", 5}, dir / "exports", 1);
  std::filesystem::path out = dir / "report.html";
};

}  // namespace

TEST_SUITE("orpheus-stats") {
  TEST_CASE("Good exports: a page, status 0, and verify says ok for each") {
    Exports x;
    const Run r = stats(x.dir, "report " + q(x.dir / "exports") + " -o " + q(x.out) + " --trusted-kiosks " + q(x.files.keys));
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "2 institutions, 4 kiosks, 4 exports, 2027-03-01 to 2027-03-10"));
    const std::string page = read_text(x.out);
    CHECK(contains(page, "<html lang=\"en\">"));
    CHECK(contains(page, "Regional Museum of History, Plovdiv"));

    const Run bg = stats(x.dir, "report " + q(x.dir / "exports") + " -o " + q(x.out) + " --lang bg -q");
    CHECK(bg.status == 0);
    CHECK(bg.out.empty());
    CHECK(contains(read_text(x.out), "<html lang=\"bg\">"));

    const Run v = stats(x.dir, "verify " + q(x.dir / "exports"));
    CHECK(v.status == 0);
    CHECK(lines(v.out) == 4);
    CHECK(contains(v.out, (x.dir / "exports" / "usage-1-1.json").string() + ": ok: kiosk "));
    CHECK(contains(v.out, "\"Kiosk 1\", National Museum of History, Sofia, "));
  }

  TEST_CASE("A tampered export: named on stderr, left out, listed in the page; status 1") {
    Exports x;
    const auto bad = x.dir / "exports" / "usage-2-1.json";
    std::string text = read_text(bad);
    const auto at = text.find("\"sessions\": ");
    REQUIRE(at != std::string::npos);
    text.insert(at + 12, "1");  // one more digit: more visits than there were
    write_text(bad, text);

    const Run r = stats(x.dir, "report " + q(x.dir / "exports") + " -o " + q(x.out));
    CHECK(r.status == 1);
    CHECK(contains(r.err, bad.string() + ": the signature does not match its content (altered after export?) (left out)"));
    const std::string page = read_text(x.out);
    CHECK(contains(page, "Refused exports (1)"));
    CHECK(contains(page, bad.string()));
    CHECK(contains(r.out, "3 exports"));

    const Run v = stats(x.dir, "verify " + q(x.dir / "exports"));
    CHECK(v.status == 1);
    CHECK(lines(v.out) == 4);
    CHECK(contains(v.out, bad.string() + ": the signature does not match its content (altered after export?)\n"));

    // Only bad exports: no page, status 2.
    std::filesystem::remove(x.out);
    const Run none = stats(x.dir, "report " + q(bad) + " -o " + q(x.out));
    CHECK(none.status == 2);
    CHECK(contains(none.err, "no export could be used; no report written"));
    CHECK_FALSE(std::filesystem::exists(x.out));
  }

  TEST_CASE("With a trusted list, other kiosks are left out: status 1, named on stderr") {
    Exports x;
    write_text(x.dir / "trusted.txt", "# all but kiosk 2-2\n" + read_text(x.files.keys / "kiosk-1-1.pub") +
                                          read_text(x.files.keys / "kiosk-1-2.pub") + read_text(x.files.keys / "kiosk-2-1.pub"));
    const Run r = stats(x.dir, "report " + q(x.dir / "exports") + " -o " + q(x.out) + " --trusted-kiosks " + q(x.dir / "trusted.txt"));
    CHECK(r.status == 1);
    CHECK(contains(r.err, (x.dir / "exports" / "usage-2-2.json").string() + ": kiosk "));
    CHECK(contains(r.err, " is not among the trusted kiosks (left out)"));
    CHECK(contains(read_text(x.out), "Kiosks not in the trusted list (1)"));

    const Run v = stats(x.dir, "verify " + q(x.dir / "exports") + " --trusted-kiosks " + q(x.dir / "trusted.txt"));
    CHECK(v.status == 1);
    CHECK(contains(v.out, "is not among the trusted kiosks\n"));
  }

  TEST_CASE("Usage errors: status 2, nothing written") {
    Exports x;
    CHECK(stats(x.dir, "report " + q(x.dir / "exports")).status == 2);  // no -o
    CHECK(stats(x.dir, "report " + q(x.dir / "exports") + " -o " + q(x.out) + " --lang fr").status == 2);
    CHECK(stats(x.dir, "report " + q(x.dir / "empty-folder") + " -o " + q(x.out)).status == 2);
    write_text(x.dir / "keys.txt", "not a key\n");
    const Run r = stats(x.dir, "report " + q(x.dir / "exports") + " -o " + q(x.out) + " --trusted-kiosks " + q(x.dir / "keys.txt"));
    CHECK(r.status == 2);
    CHECK(contains(r.err, (x.dir / "keys.txt").string() + ":1: "));
    CHECK_FALSE(std::filesystem::exists(x.out));
    CHECK(stats(x.dir, "").status == 2);
    CHECK(stats(x.dir, "--help").status == 0);
  }
}
