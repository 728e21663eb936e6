#include <doctest/doctest.h>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "store/content_store.h"
#include "support/temp_dir.h"
#include "support/wait.h"

using namespace orpheus;
namespace fs = std::filesystem;
using store::ContentStore;
using store::InstallOptions;
using store::State;
using store::StoreError;

namespace {

using Clock = std::chrono::steady_clock;

std::string random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; i += 8) {
    const std::uint64_t v = rng();
    std::memcpy(&s[i], &v, std::min<std::size_t>(8, n - i));
  }
  return s;
}

// A source pack of `bytes` random bytes under T/src.
fs::path make_pack(const test::TempDir& t, const std::string& file, std::size_t bytes, std::uint64_t seed) {
  const fs::path p = t / "src" / file;
  test::write_text(p, random_bytes(bytes, seed));
  return p;
}

// Whether /proc/locks lists a lock request blocked on `file` ("N: -> FLOCK ... MAJ:MIN:INODE ..."):
// someone waits for its lock.
bool lock_awaited(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return false;
  char id[64];
  std::snprintf(id, sizeof id, " %02x:%02x:%llu ", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  std::istringstream locks(test::read_text("/proc/locks"));
  for (std::string line; std::getline(locks, line);)
    if (line.find("-> ") != std::string::npos && line.find(id) != std::string::npos) return true;
  return false;
}

InstallOptions named(const std::string& name) {
  InstallOptions o;
  o.name = name;
  return o;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

bool has_prefix(const std::set<std::string>& names, const std::string& prefix) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.starts_with(prefix); });
}

bool has_temp_files(const fs::path& dir) {
  const auto names = names_in(dir);
  return has_prefix(names, ".incoming-") || has_prefix(names, ".state-");
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string s(fs::file_size(file), '\0');
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  REQUIRE(in.gcount() == static_cast<std::streamsize>(s.size()));
  return s;
}

std::size_t content_hash(const fs::path& file) { return std::hash<std::string>{}(read_all(file)); }

std::string what(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Runs `body` in a forked child; returns its exit code (or -signal) and the string it returned.
struct ChildResult {
  int status = -1000;
  std::string out;
};
ChildResult in_child(const std::function<std::string()>& body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string msg;
    int code = 0;
    try {
      msg = body();
    } catch (const std::exception& e) {
      msg = std::string("exception: ") + e.what();
      code = 1;
    } catch (...) {
      code = 2;
    }
    for (std::size_t off = 0; off < msg.size();) {
      const ssize_t w = ::write(fds[1], msg.data() + off, msg.size() - off);
      if (w <= 0) break;
      off += static_cast<std::size_t>(w);
    }
    ::_exit(code);
  }
  ::close(fds[1]);
  ChildResult r;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    r.out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return r;
}

// In a child: as root, become nobody so that file permissions apply.
std::string drop_root() {
  if (::geteuid() != 0) return "";
  if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) return "cannot drop root";
  return "";
}

// A content directory under a fresh temp dir, with small packs a, b, c in T/src.
struct Fixture {
  test::TempDir t;
  fs::path dir = t / "content";
  ContentStore store{dir};
  fs::path a = make_pack(t, "a.db", 100'000, 1), b = make_pack(t, "b.db", 3'000'000, 2),
           c = make_pack(t, "c.db", 5'000, 3);
  std::string state_text() const { return test::read_text(dir / "state"); }
};

}  // namespace

TEST_SUITE("content store") {
  TEST_CASE("An absent directory has an empty state, no packs and is not created by reading") {
    Fixture f;
    CHECK(f.store.state() == State{});
    CHECK_FALSE(f.store.current());
    CHECK_FALSE(f.store.previous());
    CHECK(f.store.list().empty());
    CHECK_THROWS_AS(f.store.rollback(), StoreError);
    CHECK_FALSE(fs::exists(f.dir));
  }

  TEST_CASE("Installing makes the pack current, copies its bytes and reports progress up to the total") {
    Fixture f;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    InstallOptions o = named("b");
    o.progress = [&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); };
    const fs::path installed = f.store.install(f.b, o);
    CHECK(installed == f.dir / "b.db");
    CHECK(f.store.state() == State{"b.db", ""});
    CHECK(f.store.current() == f.dir / "b.db");
    CHECK_FALSE(f.store.previous());
    CHECK(test::read_text(installed) == test::read_text(f.b));
    CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "b.db"});
    REQUIRE(calls.size() >= 3);  // 3 MB in 1 MiB chunks
    CHECK(calls.front() == std::pair<std::uint64_t, std::uint64_t>{0, 3'000'000});
    CHECK(calls.back() == std::pair<std::uint64_t, std::uint64_t>{3'000'000, 3'000'000});
    CHECK(std::is_sorted(calls.begin(), calls.end()));
    // Installed packs are read-only.
    CHECK((fs::status(installed).permissions() & fs::perms::owner_write) == fs::perms::none);
  }

  TEST_CASE("The state file has a comment, current and previous lines") {
    Fixture f;
    f.store.install(f.a, named("a"));
    f.store.install(f.b, named("b"));
    const std::string text = f.state_text();
    CHECK(text.starts_with("# "));
    CHECK(contains(text, "\ncurrent = b.db\n"));
    CHECK(contains(text, "\nprevious = a.db\n"));
  }

  TEST_CASE("Install, list and rollback round trips") {
    Fixture f;
    f.store.install(f.a, named("a"));
    f.store.install(f.b, named("b"));
    CHECK(f.store.state() == State{"b.db", "a.db"});
    CHECK(f.store.previous() == f.dir / "a.db");

    auto l = f.store.list();
    REQUIRE(l.size() == 2);
    CHECK(l[0].file == f.dir / "b.db");
    CHECK(l[0].current);
    CHECK_FALSE(l[0].previous);
    CHECK(l[0].bytes == 3'000'000);
    CHECK(l[1].file == f.dir / "a.db");
    CHECK(l[1].previous);
    CHECK(l[1].bytes == 100'000);

    CHECK(f.store.rollback() == State{"a.db", "b.db"});
    CHECK(f.store.state() == State{"a.db", "b.db"});
    CHECK(f.store.list()[0].file == f.dir / "a.db");
    CHECK(f.store.rollback() == State{"b.db", "a.db"});
    CHECK(test::read_text(*f.store.current()) == test::read_text(f.b));
    CHECK(test::read_text(*f.store.previous()) == test::read_text(f.a));

    // A third pack pushes the oldest out.
    f.store.install(f.c, named("c"));
    CHECK(f.store.state() == State{"c.db", "b.db"});
    CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "b.db", "c.db"});
  }

  TEST_CASE("Rollback without a previous pack throws and changes nothing") {
    Fixture f;
    f.store.install(f.a, named("a"));
    const std::string before = f.state_text();
    const std::string msg = what([&] { f.store.rollback(); });
    CHECK(contains(msg, (f.dir / "state").string()));
    CHECK(contains(msg, "no previous pack"));
    CHECK(f.state_text() == before);
  }

  TEST_CASE("Installing the current pack again changes nothing; the previous one swaps without a copy") {
    Fixture f;
    f.store.install(f.a, named("a"));
    f.store.install(f.b, named("b"));
    struct stat sa {}, sb {};
    REQUIRE(::stat((f.dir / "a.db").c_str(), &sa) == 0);
    REQUIRE(::stat((f.dir / "b.db").c_str(), &sb) == 0);
    const std::string before = f.state_text();

    int checks = 0;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    InstallOptions o = named("b");
    o.check_copy = [&](const fs::path&) { ++checks; };
    o.progress = [&](std::uint64_t d, std::uint64_t t) { calls.emplace_back(d, t); };
    CHECK(f.store.install(f.b, o) == f.dir / "b.db");
    CHECK(f.state_text() == before);
    CHECK(checks == 0);
    CHECK(calls == std::vector<std::pair<std::uint64_t, std::uint64_t>>{{3'000'000, 3'000'000}});

    o.name = "a";
    calls.clear();
    CHECK(f.store.install(f.a, o) == f.dir / "a.db");
    CHECK(f.store.state() == State{"a.db", "b.db"});
    CHECK(checks == 0);
    CHECK(calls == std::vector<std::pair<std::uint64_t, std::uint64_t>>{{100'000, 100'000}});
    struct stat sa2 {}, sb2 {};
    REQUIRE(::stat((f.dir / "a.db").c_str(), &sa2) == 0);
    REQUIRE(::stat((f.dir / "b.db").c_str(), &sb2) == 0);
    CHECK(sa2.st_ino == sa.st_ino);
    CHECK(sb2.st_ino == sb.st_ino);

    // Another pack under a name already in use is refused, whether current or previous.
    const std::string state = f.state_text();
    for (const char* name : {"a", "b"}) {
      const std::string msg = what([&] { f.store.install(f.c, named(name)); });
      CHECK(contains(msg, (f.dir / name).string() + ".db: a different pack (") );
      CHECK(contains(msg, "under another name"));
      CHECK(f.state_text() == state);
    }
  }

  TEST_CASE("Garbage collection removes other packs and leftovers of interrupted writers, nothing else") {
    Fixture f;
    f.store.install(f.a, named("a"));
    test::write_text(f.dir / ".incoming-b.db-123-0-42", "half a copy");
    test::write_text(f.dir / ".state-123-1-42", "current = b.db\n");
    test::write_text(f.dir / "old.db", "an old pack");
    test::write_text(f.dir / "notes.txt", "kept");
    test::write_text(f.dir / "UPPER.DB", "kept: not a .db name");
    fs::create_directories(f.dir / "folder.db");
    // Not yet: only a writer collects, and only after switching.
    CHECK(f.store.list().size() == 2);
    CHECK(f.store.list()[0].current);
    CHECK(f.store.list()[1].file == f.dir / "old.db");

    f.store.install(f.b, named("b"));
    CHECK(names_in(f.dir) ==
          std::set<std::string>{".lock", "state", "a.db", "b.db", "notes.txt", "UPPER.DB", "folder.db"});

    // A no-op install and a rollback clean up too.
    test::write_text(f.dir / ".incoming-x.db-1-2-3", "x");
    f.store.install(f.b, named("b"));
    CHECK_FALSE(has_temp_files(f.dir));
    test::write_text(f.dir / ".state-1-2-3", "x");
    test::write_text(f.dir / "stray.db", "x");
    f.store.rollback();
    CHECK_FALSE(has_temp_files(f.dir));
    CHECK_FALSE(fs::exists(f.dir / "stray.db"));
  }

  TEST_CASE("Pack names are checked before anything is touched") {
    Fixture f;
    for (const std::string& bad : std::vector<std::string>{"", ".hidden", "a/b", "../x", "/abs", "a b", "caf\xc3\xa9", "x\n", "x\\y", ".db", ".",
                                  "..", std::string(198, 'a'), std::string("a\0b", 3)}) {
      const std::string msg = what([&] { f.store.install(f.a, named(bad)); });
      CHECK_MESSAGE(contains(msg, "invalid pack name"), bad << ": " << msg);
      CHECK_MESSAGE(contains(msg, f.dir.string()), msg);
    }
    CHECK_FALSE(fs::exists(f.dir));
    CHECK(f.store.install(f.a, named("thracology-1.2.0-3f2a9c1e")) == f.dir / "thracology-1.2.0-3f2a9c1e.db");
    CHECK(f.store.install(f.b, named("x.db")) == f.dir / "x.db");
    CHECK(f.store.install(f.c, named("A_b.c-1")) == f.dir / "A_b.c-1.db");
    CHECK(f.store.install(f.a, named(std::string(197, 'z'))) == f.dir / (std::string(197, 'z') + ".db"));
  }

  TEST_CASE("State files with comments, blank lines, CRLF, spacing and no previous line are read") {
    Fixture f;
    fs::create_directories(f.dir);
    const std::vector<std::pair<std::string, State>> good = {
        {"", {}},
        {"# nothing installed yet\n\n", {}},
        {"current = a.db", {"a.db", ""}},
        {"  current=a.db  \r\n\r\n# c\n\tprevious   =\tb.db\r\n", {"a.db", "b.db"}},
        {"previous = b.db\ncurrent = a.db\n", {"a.db", "b.db"}},
        {"current = gone.db\n", {"gone.db", ""}},
    };
    for (const auto& [text, expected] : good) {
      test::write_text(f.dir / "state", text);
      CHECK_MESSAGE(f.store.state() == expected, text);
    }
  }

  TEST_CASE("Malformed state files throw a StoreError naming the file, and writers leave them alone") {
    Fixture f;
    f.store.install(f.a, named("a"));
    f.store.install(f.b, named("b"));
    const std::vector<std::string> bad = {
        "current = a.db\ncurrent = b.db\n",
        "current: a.db\n",
        "colour = a.db\n",
        "previous = a.db\n",
        "current = a.db\nprevious = a.db\n",
        "current = ../a.db\n",
        "current = /etc/passwd\n",
        "current = sub/a.db\n",
        "current = sub\\a.db\n",
        "current = a.sqlite\n",
        "current = .hidden.db\n",
        "current = \n",
        "current = a b.db\n",
        "current = .db\n",
        std::string("current = a.db\0\n", 16),
        "\x7f" "ELF\x02\x01\x01 binary",
        std::string(100'000, '#'),
    };
    for (const std::string& text : bad) {
      test::write_text(f.dir / "state", text);
      const std::string msg = what([&] { f.store.state(); });
      CHECK_MESSAGE(contains(msg, (f.dir / "state").string()), text.substr(0, 40) << " -> " << msg);
      CHECK_MESSAGE(contains(msg, "malformed"), msg);
      CHECK_THROWS_AS(f.store.current(), StoreError);
      CHECK_THROWS_AS(f.store.previous(), StoreError);
      CHECK_THROWS_AS(f.store.list(), StoreError);
      CHECK_THROWS_AS(f.store.install(f.c, named("c")), StoreError);
      CHECK_THROWS_AS(f.store.rollback(), StoreError);
      CHECK(f.state_text() == text);
      CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "a.db", "b.db"});
    }
    fs::remove(f.dir / "state");
    fs::create_directories(f.dir / "state");
    CHECK(contains(what([&] { f.store.state(); }), (f.dir / "state").string()));
  }

  TEST_CASE("A state naming a missing file: state() gives the name, current() and previous() do not") {
    Fixture f;
    f.store.install(f.a, named("a"));
    test::write_text(f.dir / "state", "current = gone.db\nprevious = a.db\n");
    CHECK(f.store.state() == State{"gone.db", "a.db"});
    CHECK_FALSE(f.store.current());
    CHECK(f.store.previous() == f.dir / "a.db");
    auto l = f.store.list();
    REQUIRE(l.size() == 1);
    CHECK(l[0].previous);

    SUBCASE("rollback restores the previous pack, with no previous after") {
      CHECK(f.store.rollback() == State{"a.db", ""});
    }
    SUBCASE("a new pack keeps the previous one when the current file is gone") {
      f.store.install(f.c, named("c"));
      CHECK(f.store.state() == State{"c.db", "a.db"});
    }
    SUBCASE("installing the missing pack copies it afresh") {
      f.store.install(f.c, named("gone"));
      CHECK(f.store.state() == State{"gone.db", "a.db"});
      CHECK(test::read_text(f.dir / "gone.db") == test::read_text(f.c));
    }
    SUBCASE("a missing previous cannot be rolled back to") {
      test::write_text(f.dir / "state", "current = a.db\nprevious = gone.db\n");
      CHECK_FALSE(f.store.previous());
      const std::string msg = what([&] { f.store.rollback(); });
      CHECK(contains(msg, (f.dir / "gone.db").string()));
      CHECK(contains(msg, "missing"));
      f.store.install(f.b, named("b"));
      CHECK(f.store.state() == State{"b.db", "a.db"});
    }
  }

  TEST_CASE("A read-only directory: install and rollback fail naming it, and nothing changes") {
    Fixture f;
    f.store.install(f.a, named("a"));
    f.store.install(f.c, named("c"));
    const std::string before = f.state_text();
    const auto names = names_in(f.dir);
    fs::permissions(f.dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                               fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    const ChildResult r = in_child([&] {
      if (std::string e = drop_root(); !e.empty()) return e;
      return what([&] { ContentStore(f.dir).install(f.b, named("b")); }) + "\n" +
             what([&] { ContentStore(f.dir).rollback(); }) + "\n" +
             (ContentStore(f.dir).current() == f.dir / "c.db" ? "reads" : "cannot read");
    });
    fs::permissions(f.dir, fs::perms::owner_all, fs::perm_options::add);
    CHECK_MESSAGE(r.status == 0, r.out);
    CHECK_MESSAGE(contains(r.out, f.dir.string() + "/b.db: cannot create the copy in " + f.dir.string() +
                                      ": Permission denied"),
                  r.out);
    CHECK_MESSAGE(contains(r.out, f.dir.string() + "/state: cannot create a new state file"), r.out);
    CHECK(contains(r.out, "\nreads"));
    CHECK(f.state_text() == before);
    CHECK(names_in(f.dir) == names);
  }

  TEST_CASE("A write error during the copy (here the file size limit) changes nothing and leaves no temp file") {
    Fixture f;
    f.store.install(f.a, named("a"));
    const std::string before = f.state_text();
    const ChildResult r = in_child([&] {
      std::signal(SIGXFSZ, SIG_IGN);
      const rlimit lim{1'000'000, 1'000'000};
      if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) return std::string("setrlimit failed");
      return what([&] { ContentStore(f.dir).install(f.b, named("b")); });
    });
    CHECK_MESSAGE(r.status == 0, r.out);
    CHECK_MESSAGE(contains(r.out, (f.dir / "b.db").string() + ": cannot write the copy: File too large"), r.out);
    CHECK(f.state_text() == before);
    CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "a.db"});
  }

  TEST_CASE("A missing source or a directory as source throws naming it, and nothing changes") {
    Fixture f;
    std::string msg = what([&] { f.store.install(f.t / "src/nope.db", named("nope")); });
    CHECK(contains(msg, (f.t / "src/nope.db").string()));
    CHECK(contains(msg, "No such file or directory"));
    CHECK_FALSE(fs::exists(f.dir));
    f.store.install(f.a, named("a"));
    const std::string before = f.state_text();
    msg = what([&] { f.store.install(f.t / "src", named("src")); });
    CHECK(contains(msg, (f.t / "src").string() + ": is a directory"));
    CHECK(f.state_text() == before);
    CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "a.db"});
  }

  TEST_CASE("A source removed during the copy is copied whole; one truncated during the copy is refused") {
    Fixture f;
    f.store.install(f.a, named("a"));
    const std::string b_bytes = test::read_text(f.b);
    InstallOptions o = named("b");
    bool acted = false;
    SUBCASE("removed") {
      o.progress = [&](std::uint64_t done, std::uint64_t) {
        if (done > 0 && !acted) acted = fs::remove(f.b);
      };
      f.store.install(f.b, o);
      CHECK(acted);
      CHECK(f.store.state() == State{"b.db", "a.db"});
      CHECK(test::read_text(f.dir / "b.db") == b_bytes);
    }
    SUBCASE("truncated") {
      const std::string before = f.state_text();
      o.progress = [&](std::uint64_t done, std::uint64_t) {
        if (done > 0 && !acted) {
          fs::resize_file(f.b, 1000);
          acted = true;
        }
      };
      const std::string msg = what([&] { f.store.install(f.b, o); });
      CHECK(contains(msg, f.b.string() + ": changed while being copied"));
      CHECK(f.state_text() == before);
      CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "a.db"});
    }
  }

  TEST_CASE("check_copy sees the complete copy; when it throws, its exception comes out and nothing changes") {
    struct Refused : std::runtime_error {
      using std::runtime_error::runtime_error;
    };
    Fixture f;
    f.store.install(f.a, named("a"));
    const std::string before = f.state_text();
    InstallOptions o = named("b");
    fs::path seen;
    o.check_copy = [&](const fs::path& copy) {
      seen = copy;
      CHECK(copy.parent_path() == f.dir);
      CHECK(copy.filename().string().starts_with(".incoming-"));
      CHECK(test::read_text(copy) == test::read_text(f.b));
      throw Refused("not the verified pack");
    };
    CHECK_THROWS_AS(f.store.install(f.b, o), Refused);
    CHECK_FALSE(seen.empty());
    CHECK(f.state_text() == before);
    CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "a.db"});

    // A throwing progress callback cancels the same way.
    o.check_copy = nullptr;
    o.progress = [](std::uint64_t done, std::uint64_t) {
      if (done > 0) throw Refused("cancelled");
    };
    CHECK_THROWS_AS(f.store.install(f.b, o), Refused);
    CHECK(f.state_text() == before);
    CHECK(names_in(f.dir) == std::set<std::string>{".lock", "state", "a.db"});
  }

  TEST_CASE("A second writer waits for the lock, and a held lock never blocks readers") {
    Fixture f;
    f.store.install(f.a, named("a"));
    const int fd = ::open((f.dir / ".lock").c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    std::atomic<bool> done{false};
    std::string error;
    std::thread writer([&] {
      error = what([&] { f.store.install(f.b, named("b")); });
      done = true;
    });
    // The writer is seen blocked on the lock (not merely not there yet) before the checks.
    REQUIRE_MESSAGE(test::wait_until([&] { return lock_awaited(f.dir / ".lock"); }, std::chrono::seconds(10),
                                     std::chrono::milliseconds(2)),
                    "no lock request waits on " << (f.dir / ".lock") << " in /proc/locks");
    CHECK_FALSE(done.load());
    CHECK(f.store.state() == State{"a.db", ""});
    CHECK(f.store.current() == f.dir / "a.db");
    ::flock(fd, LOCK_UN);
    writer.join();
    ::close(fd);
    CHECK(done.load());
    CHECK(error == "(nothing thrown)");
    CHECK(f.store.state() == State{"b.db", "a.db"});
  }

  TEST_CASE("Concurrent installers in threads serialise while a reader keeps reading") {
    test::TempDir t;
    const fs::path dir = t / "content";
    std::vector<fs::path> packs;
    std::map<std::string, std::size_t> hashes;
    for (int i = 0; i < 4; ++i) {
      packs.push_back(make_pack(t, "t" + std::to_string(i) + ".db", 300'000 + i, 10 + i));
      hashes["t" + std::to_string(i) + ".db"] = content_hash(packs.back());
    }
    std::atomic<int> inside{0}, overlaps{0}, copies{0}, reads{0}, bad_reads{0};
    std::atomic<bool> stop{false};
    std::vector<std::string> errors(4);
    std::thread reader([&] {
      const ContentStore s(dir);
      while (!stop) {
        try {
          const State st = s.state();
          if (!st.current.empty() && !hashes.count(st.current)) ++bad_reads;
          ++reads;
        } catch (const std::exception&) {
          ++bad_reads;
        }
      }
    });
    std::vector<std::thread> writers;
    for (int i = 0; i < 4; ++i)
      writers.emplace_back([&, i] {
        ContentStore s(dir);
        InstallOptions o;
        o.check_copy = [&](const fs::path&) {
          if (++inside > 1) ++overlaps;
          ++copies;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          --inside;
        };
        try {
          for (int k = 0; k < 8; ++k) {
            const int which = (i + k) % 4;
            o.name = "t" + std::to_string(which);
            s.install(packs[static_cast<std::size_t>(which)], o);
          }
        } catch (const std::exception& e) {
          errors[static_cast<std::size_t>(i)] = e.what();
        }
      });
    for (auto& w : writers) w.join();
    stop = true;
    reader.join();
    for (const auto& e : errors) CHECK(e == "");
    CHECK(overlaps == 0);
    CHECK(copies > 0);
    CHECK(reads > 0);
    CHECK(bad_reads == 0);
    const ContentStore s(dir);
    const State st = s.state();
    REQUIRE(hashes.count(st.current));
    REQUIRE(hashes.count(st.previous));
    CHECK(content_hash(*s.current()) == hashes[st.current]);
    CHECK(content_hash(*s.previous()) == hashes[st.previous]);
    CHECK(names_in(dir) == std::set<std::string>{".lock", "state", st.current, st.previous});
  }

  TEST_CASE("Concurrent installers in two processes serialise") {
    test::TempDir t;
    const fs::path dir = t / "content";
    const fs::path log = t / "log";
    const fs::path p0 = make_pack(t, "p0.db", 400'000, 20), p1 = make_pack(t, "p1.db", 400'000, 21),
                   q0 = make_pack(t, "q0.db", 400'000, 22), q1 = make_pack(t, "q1.db", 400'000, 23);
    std::fflush(nullptr);
    std::vector<pid_t> pids;
    for (int child = 0; child < 2; ++child) {
      const pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        int code = 0;
        try {
          ContentStore s(dir);
          for (int k = 0; k < 6; ++k) {
            InstallOptions o = named(std::string(child ? "q" : "p") + std::to_string(k % 2) + "-" + std::to_string(k));
            o.check_copy = [&](const fs::path&) {
              const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
              const std::string in = "in " + std::to_string(child) + "\n", out = "out " + std::to_string(child) + "\n";
              if (::write(fd, in.data(), in.size()) < 0) code = 3;
              std::this_thread::sleep_for(std::chrono::milliseconds(15));
              if (::write(fd, out.data(), out.size()) < 0) code = 3;
              ::close(fd);
            };
            s.install(child ? (k % 2 ? q1 : q0) : (k % 2 ? p1 : p0), o);
          }
        } catch (...) {
          code = 1;
        }
        ::_exit(code);
      }
      pids.push_back(pid);
    }
    for (const pid_t pid : pids) {
      int status = 0;
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }
    const std::string text = test::read_text(log);
    int lines = 0, switches = 0;
    std::string expect_out, last_child;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t nl = text.find('\n', pos);
      const std::string line = text.substr(pos, nl - pos);
      pos = nl + 1;
      if (lines++ % 2 == 0) {
        REQUIRE(line.starts_with("in "));
        expect_out = "out " + line.substr(3);
        if (line.substr(3) != last_child) ++switches;
        last_child = line.substr(3);
      } else {
        CHECK_MESSAGE(line == expect_out, text);  // never two writers inside at once
      }
    }
    CHECK(lines == 24);
    MESSAGE("two processes, 12 installs, writer changed " << switches << " times");
    const ContentStore s(dir);
    const State st = s.state();
    CHECK(names_in(dir) == std::set<std::string>{".lock", "state", st.current, st.previous});
  }

  // THE FAULT TEST. A child installs a 20 MB pack B into a store whose state is {a, p}; the
  // parent kills it with SIGKILL at an instant spread over a whole install (stratified over a
  // measured uninterrupted run) or just after a step seen through inotify (copy created, copy
  // closed, renamed into place, state temp created, state renamed, old pack removed). After
  // every kill the state must be {a, p} or {b, a} with intact files, and the next writer must
  // work and clean up. ORPHEUS_STORE_FAULT_SEED=N replays a run.
  TEST_CASE("Killing an install at any instant leaves the current pack intact, and the next writer cleans up") {
    std::uint64_t seed = std::random_device{}();
    if (const char* e = std::getenv("ORPHEUS_STORE_FAULT_SEED")) seed = std::strtoull(e, nullptr, 10);
    std::mt19937_64 rng(seed);
    const auto test_start = Clock::now();

    test::TempDir t;
    const fs::path dir = t / "content";
    constexpr std::size_t kBig = 20 * 1000 * 1000;
    const fs::path p = make_pack(t, "p.db", 64 * 1024, seed + 1), a = make_pack(t, "a.db", 1'000'000, seed + 2),
                   b = make_pack(t, "b.db", kBig, seed + 3);
    const std::map<std::string, std::size_t> hashes = {
        {"p.db", content_hash(p)}, {"a.db", content_hash(a)}, {"b.db", content_hash(b)}};
    const State before{"a.db", "p.db"}, after{"b.db", "a.db"};
    ContentStore store(dir);
    // The state {a, p}, made directly (installed packs are never written to, so links are safe).
    const auto reset = [&] {
      fs::remove_all(dir);
      fs::create_directories(dir);
      fs::create_hard_link(p, dir / "p.db");
      fs::create_hard_link(a, dir / "a.db");
      test::write_text(dir / "state", "current = a.db\nprevious = p.db\n");
    };
    const auto spawn_installer = [&] {
      std::fflush(nullptr);
      const pid_t pid = ::fork();
      if (pid == 0) {
        try {
          ContentStore(dir).install(b, named("b"));
        } catch (...) {
          ::_exit(1);
        }
        ::_exit(0);
      }
      return pid;
    };
    const auto reap = [](pid_t pid) {
      int status = 0;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return status;
    };

    // One uninterrupted install, measured from fork to exit (second fastest of five: disk
    // times vary, and a late kill is wasted while an early one still tests something).
    std::vector<double> runs;
    for (int i = 0; i < 5; ++i) {
      reset();
      const auto t0 = Clock::now();
      const pid_t pid = spawn_installer();
      REQUIRE(pid > 0);
      const int status = reap(pid);
      runs.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      REQUIRE(WIFEXITED(status));
      REQUIRE(WEXITSTATUS(status) == 0);
      REQUIRE(store.state() == after);
    }
    std::sort(runs.begin(), runs.end());
    const double full = runs[1];

    // The kill plan: stratified instants over the whole install, and kills on inotify events.
    struct Plan {
      double delay = 0;       // seconds after fork, or after the event
      std::uint32_t mask = 0; // inotify event to wait for; 0: timed
      std::string prefix;     // file name the event must be about (prefix)
    };
    std::vector<Plan> plans;
    constexpr int kTimed = 66;
    for (int i = 0; i < kTimed; ++i)
      plans.push_back({(i + std::uniform_real_distribution<double>(0, 1)(rng)) * full / kTimed, 0, ""});
    const std::vector<std::pair<std::uint32_t, std::string>> events = {
        {IN_CREATE, ".incoming-"}, {IN_CLOSE_WRITE, ".incoming-"}, {IN_MOVED_TO, "b.db"},
        {IN_CREATE, ".state-"},    {IN_MOVED_TO, "state"},         {IN_DELETE, "p.db"}};
    for (const auto& [mask, prefix] : events)
      for (int k = 0; k < 3; ++k)
        plans.push_back({k == 0 ? 0.0 : std::uniform_real_distribution<double>(0, 300e-6)(rng), mask, prefix});
    // Guards: events a correct install never causes (writing into the state or a pack in
    // place); should one happen, the kill lands right in the middle of it.
    for (const char* name : {"state", "a.db"})
      for (int k = 0; k < 2; ++k) plans.push_back({0.0, IN_MODIFY, name});
    std::shuffle(plans.begin(), plans.end(), rng);

    std::map<std::string, int> phases;
    int kills = 0, finished_first = 0, missed_events = 0, iteration = 0, extra = 0;
    double fastest = full;  // the fastest install seen to finish before its kill
    for (std::size_t next_plan = 0; next_plan < plans.size() || (kills < 60 && iteration < 200); ++iteration) {
      if (kills >= 60 && Clock::now() - test_start > std::chrono::seconds(25)) break;  // time budget
      // Installs turned out faster than measured: more timed kills, within the fastest one.
      if (next_plan == plans.size()) {
        plans.push_back({std::uniform_real_distribution<double>(0, 0.9 * fastest)(rng), 0, ""});
        ++extra;
      }
      const Plan plan = plans[next_plan++];
      reset();
      int ino = -1;
      if (plan.mask) {
        ino = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        REQUIRE(ino >= 0);
        REQUIRE(::inotify_add_watch(ino, dir.c_str(), plan.mask) >= 0);
      }
      const auto t0 = Clock::now();
      const pid_t pid = spawn_installer();
      REQUIRE(pid > 0);
      int status = 0;
      bool reaped = false;
      if (!plan.mask) {
        std::this_thread::sleep_until(t0 + std::chrono::duration<double>(plan.delay));
        ::kill(pid, SIGKILL);
      } else {
        bool seen = false;
        alignas(inotify_event) char buf[8192];
        while (!seen && !reaped) {
          pollfd pfd{ino, POLLIN, 0};
          ::poll(&pfd, 1, 2);
          for (ssize_t n; !seen && (n = ::read(ino, buf, sizeof buf)) > 0;) {
            for (char* q = buf; q < buf + n;) {
              const auto* ev = reinterpret_cast<const inotify_event*>(q);
              if ((ev->mask & plan.mask) && ev->len &&
                  (plan.mask == IN_MODIFY ? plan.prefix == ev->name : std::string(ev->name).starts_with(plan.prefix)))
                seen = true;
              q += sizeof(inotify_event) + ev->len;
            }
          }
          if (seen) {
            const auto at = Clock::now() + std::chrono::duration<double>(plan.delay);
            while (Clock::now() < at) {
            }
            ::kill(pid, SIGKILL);
          } else if (::waitpid(pid, &status, WNOHANG) == pid) {
            reaped = true;
          }
        }
        if (!seen && plan.mask != IN_MODIFY) ++missed_events;
        CHECK_MESSAGE(!(seen && plan.mask == IN_MODIFY), plan.prefix << " was written in place; seed " << seed);
        ::close(ino);
      }
      if (!reaped) status = reap(pid);
      if (WIFSIGNALED(status)) {
        CHECK(WTERMSIG(status) == SIGKILL);
        ++kills;
      } else {
        CHECK_MESSAGE(WEXITSTATUS(status) == 0, "the installer failed; seed " << seed);
        ++finished_first;
        if (!plan.mask) fastest = std::min(fastest, plan.delay);
      }

      // The state is old or new, and every file it names is intact.
      State s;
      REQUIRE_NOTHROW(s = store.state());
      CHECK_MESSAGE((s == before || s == after), "state " << s.current << "/" << s.previous << "; seed " << seed);
      const auto cur = store.current();
      const auto prev = store.previous();
      REQUIRE(cur);
      REQUIRE(prev);
      CHECK_MESSAGE(content_hash(*cur) == hashes.at(s.current), *cur << "; seed " << seed);
      CHECK_MESSAGE(content_hash(*prev) == hashes.at(s.previous), *prev << "; seed " << seed);

      // Where it was killed, judged from what it left.
      const auto names = names_in(dir);
      std::string phase;
      if (s == after)
        phase = names.count("p.db") || has_temp_files(dir) ? "5 switched, cleanup pending" : "6 complete";
      else if (has_prefix(names, ".state-"))
        phase = "4 writing the state";
      else if (names.count("b.db"))
        phase = "3 renamed into place";
      else if (has_prefix(names, ".incoming-")) {
        const auto it = std::find_if(names.begin(), names.end(), [](const std::string& n) { return n.starts_with(".incoming-"); });
        phase = fs::file_size(dir / *it) < kBig ? "1 copying" : "2 copied (fsync, check)";
      } else {
        phase = "0 not started";
      }
      ++phases[phase];

      // The next writer works and cleans up: alternately install B again and roll back.
      State next;
      if (iteration % 2) {
        REQUIRE_NOTHROW(store.install(b, named("b")));
        next = after;
      } else {
        REQUIRE_NOTHROW(next = store.rollback());
        CHECK(next == State{s.previous, s.current});
      }
      CHECK(store.state() == next);
      const std::set<std::string> clean{".lock", "state", next.current, next.previous};
      CHECK_MESSAGE(names_in(dir) == clean, "seed " << seed);
      CHECK(content_hash(*store.current()) == hashes.at(next.current));
      CHECK(content_hash(*store.previous()) == hashes.at(next.previous));
    }

    const double total = std::chrono::duration<double>(Clock::now() - test_start).count();
    std::string table;
    for (const auto& [name, n] : phases) table += "\n  " + name.substr(2) + ": " + std::to_string(n);
    MESSAGE("fault test: seed " << seed << ", uninterrupted install " << static_cast<int>(full * 1000) << " ms, "
                                << iteration << " runs, " << kills << " killed, " << finished_first
                                << " finished before the kill, " << extra << " extra timed runs, " << missed_events << " events not seen, "
                                << static_cast<int>(total) << " s in all; killed while:" << table);
    CHECK(kills >= 60);
    CHECK(phases["1 copying"] > 0);
    CHECK(phases["3 renamed into place"] + phases["4 writing the state"] + phases["5 switched, cleanup pending"] > 0);
  }
}
