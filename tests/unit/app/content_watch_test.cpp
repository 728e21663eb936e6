#include <doctest/doctest.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>

#include "app/content_watch.h"
#include "packs/builder.h"
#include "store/content_store.h"
#include "support/temp_dir.h"
#include "support/wait.h"
#include "trust/seal.h"
#include "support/source_tree.h"

using namespace orpheus;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Built once: a good pack, and copies of it signed by a trusted key, unsigned, signed by another
// key, and signed then edited (tampered).
struct Packs {
  test::TempDir dir;
  trust::KeyFiles trusted_key, other_key;
  fs::path good, signed_pack, unsigned_pack, untrusted_pack, tampered_pack;

  Packs() {
    REQUIRE(test::build_good_pack(dir.path(), dir / "built/good.db").ok());
    good = dir / "built/good.db";
    fs::create_directories(dir / "keys");
    trusted_key = trust::generate_key_pair(dir / "keys/museum", "Museum curators");
    other_key = trust::generate_key_pair(dir / "keys/other", "Someone else");
    signed_pack = copy("signed.db");
    trust::sign(signed_pack, trust::read_secret_key(trusted_key.secret_file));
    unsigned_pack = copy("unsigned.db");
    untrusted_pack = copy("untrusted.db");
    trust::sign(untrusted_pack, trust::read_secret_key(other_key.secret_file));
    tampered_pack = copy("tampered.db");
    trust::sign(tampered_pack, trust::read_secret_key(trusted_key.secret_file));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(tampered_pack.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE item_text SET summary = 'edited after signing'", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(db);
  }

  fs::path copy(const std::string& name) {
    const fs::path out = dir / "packs" / name;
    fs::create_directories(out.parent_path());
    fs::copy_file(good, out);
    fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    return out;
  }
};

const Packs& packs_() {
  static Packs p;
  return p;
}

app::ContentPolicy strict() {
  app::ContentPolicy p;
  p.trusted = {packs_().trusted_key.public_key};
  p.require_trusted = true;
  return p;
}

app::ContentPolicy development() {
  app::ContentPolicy p = strict();
  p.require_trusted = false;
  return p;
}

std::string load_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const catalog::LoadError& e) {
    return e.what();
  }
  FAIL_CHECK("no LoadError");
  return {};
}

fs::path install(store::ContentStore& s, const fs::path& pack, const std::string& name) {
  store::InstallOptions o;
  o.name = name;
  return s.install(pack, o);
}

// Waits up to ten seconds for `done`; the watcher polls every 20 ms.
bool eventually(const std::function<bool()>& done) { return test::wait_until(done, 10s, 2ms); }

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

// Sends stderr (where the log goes) to a file while it lives.
class StderrCapture {
 public:
  StderrCapture() : file_(dir_ / "stderr.txt") {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~StderrCapture() {
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  std::string text() const {
    std::fflush(stderr);
    return test::read_text(file_);
  }

 private:
  test::TempDir dir_;
  fs::path file_;
  int saved_ = -1;
};

constexpr auto kPoll = 20ms;

}  // namespace

TEST_SUITE("Checked packs") {
  TEST_CASE("A pack signed by a trusted key opens with no note") {
    const auto p = app::open_checked(packs_().signed_pack, strict());
    CHECK(p.file == packs_().signed_pack);
    CHECK(p.verdict == trust::Verdict::trusted);
    CHECK(p.trust_note.empty());
    REQUIRE(p.snapshot);
    CHECK(p.snapshot->pack.id == "test.pack");
  }

  TEST_CASE("Kiosk mode refuses unsigned, untrusted and tampered packs, naming the file and why") {
    struct Case {
      fs::path file;
      std::string why;
    } cases[] = {{packs_().unsigned_pack, "not signed by any curator key"},
                 {packs_().untrusted_pack, "which this kiosk does not trust"},
                 {packs_().tampered_pack, "the content changed after the pack was sealed"}};
    for (const auto& c : cases) {
      CAPTURE(c.file);
      try {
        app::open_checked(c.file, strict());
        FAIL_CHECK("not refused");
      } catch (const catalog::LoadError& e) {
        CHECK(e.file() == c.file);
        CHECK(e.reason().starts_with("refused: "));
        CHECK(e.reason().find(c.why) != std::string::npos);
        CHECK(std::string(e.what()).starts_with(c.file.string() + ": refused: "));
        CHECK(count(e.what(), c.file.string()) == 1);  // the file is named once
      }
    }
  }

  TEST_CASE("Development mode shows what kiosk mode refuses, with the reason as a note and a warning") {
    StderrCapture log;
    struct Case {
      fs::path file;
      trust::Verdict verdict;
      std::string why;
    } cases[] = {{packs_().unsigned_pack, trust::Verdict::unsigned_pack, "not signed"},
                 {packs_().untrusted_pack, trust::Verdict::untrusted_key, "does not trust"},
                 {packs_().tampered_pack, trust::Verdict::tampered, "content changed"}};
    for (const auto& c : cases) {
      CAPTURE(c.file);
      const auto p = app::open_checked(c.file, development());
      CHECK(p.verdict == c.verdict);
      CHECK(p.trust_note.find(c.why) != std::string::npos);
      REQUIRE(p.snapshot);
      CHECK(p.snapshot->items.size() == 3);
    }
    const std::string text = log.text();
    CHECK(count(text, "shown only because this is not kiosk mode") == 3);
  }

  TEST_CASE("A file that is no pack is refused in either mode") {
    test::TempDir dir;
    test::write_text(dir / "junk.db", std::string(8192, 'j'));
    for (const auto& policy : {strict(), development()}) {
      const std::string e = load_error([&] { app::open_checked(dir / "junk.db", policy); });
      CHECK(e.starts_with((dir / "junk.db").string() + ": "));
    }
    CHECK(load_error([&] { app::open_checked(dir / "missing.db", development()); }).find("missing.db") !=
          std::string::npos);
  }
}

TEST_SUITE("Content watcher") {
  TEST_CASE("initial() shows the current pack") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    app::ContentWatcher w(s, strict(), [] {}, kPoll);
    const auto p = w.initial();
    CHECK(p.file == dir / "content/a.db");
    REQUIRE(p.snapshot);
    CHECK(p.verdict == trust::Verdict::trusted);
    CHECK_FALSE(w.ready());
    CHECK_FALSE(w.take_ready());
  }

  TEST_CASE("A damaged current pack falls back to the previous one, and says why") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    install(s, packs_().tampered_pack, "t.db");
    StderrCapture log;
    std::atomic<int> wakes{0};
    {
      app::ContentWatcher w(s, strict(), [&] { ++wakes; }, kPoll);
      const auto p = w.initial();
      CHECK(p.file == dir / "content/a.db");
      const std::string text = log.text();
      CHECK(text.find((dir / "content/t.db").string() + ": refused: ") != std::string::npos);
      CHECK(text.find("content changed after the pack was sealed") != std::string::npos);
      std::this_thread::sleep_for(10 * kPoll);  // several polls: the refused current is not retried
      CHECK_FALSE(w.ready());
      CHECK(wakes == 0);
    }
    CHECK(count(log.text(), "t.db") == 1);
  }

  TEST_CASE("With nothing to show, initial() throws every reason, and a later install is still noticed") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().untrusted_pack, "x.db");
    install(s, packs_().unsigned_pack, "u.db");
    StderrCapture log;
    std::atomic<int> wakes{0};
    app::ContentWatcher w(s, strict(), [&] { ++wakes; }, kPoll);
    const std::string e = load_error([&] { w.initial(); });
    CHECK(e.starts_with((dir / "content").string() + ": "));
    CHECK(e.find((dir / "content/u.db").string() + ": refused: ") != std::string::npos);
    CHECK(e.find("not signed") != std::string::npos);
    CHECK(e.find((dir / "content/x.db").string() + ": refused: ") != std::string::npos);
    CHECK(e.find("does not trust") != std::string::npos);

    install(s, packs_().signed_pack, "a.db");
    REQUIRE(eventually([&] { return w.ready(); }));
    CHECK(wakes >= 1);
    const auto p = w.take_ready();
    REQUIRE(p);
    CHECK(p->file == dir / "content/a.db");
    CHECK(p->snapshot);
  }

  TEST_CASE("An empty store says how to install a pack") {
    test::TempDir dir;
    app::ContentWatcher w(store::ContentStore(dir / "content"), strict(), [] {}, kPoll);
    const std::string e = load_error([&] { w.initial(); });
    CHECK(e.find("no pack is installed") != std::string::npos);
    CHECK(e.find("orpheus-pack install") != std::string::npos);
  }

  TEST_CASE("A new install becomes ready after a poll, is taken once, and wakes the app") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    std::atomic<int> wakes{0};
    app::ContentWatcher w(s, strict(), [&] { ++wakes; }, kPoll);
    CHECK(w.initial().file == dir / "content/a.db");
    install(s, packs_().signed_pack, "b.db");
    REQUIRE(eventually([&] { return w.ready(); }));
    // The watcher wakes the app just after the pack is ready: wait for it, on a loaded machine too.
    CHECK(eventually([&] { return wakes > 0; }));
    CHECK(wakes == 1);
    const auto p = w.take_ready();
    REQUIRE(p);
    CHECK(p->file == dir / "content/b.db");
    CHECK(p->verdict == trust::Verdict::trusted);
    REQUIRE(p->snapshot);
    CHECK(p->snapshot->pack.id == "test.pack");
    CHECK_FALSE(w.take_ready());
    CHECK_FALSE(w.ready());
    std::this_thread::sleep_for(5 * kPoll);  // the shown pack is not offered again
    CHECK_FALSE(w.ready());
    CHECK(wakes == 1);

    // A rollback to the pack shown before is a change too.
    s.rollback();
    REQUIRE(eventually([&] { return w.ready(); }));
    const auto back = w.take_ready();
    REQUIRE(back);
    CHECK(back->file == dir / "content/a.db");
    CHECK(wakes == 2);
  }

  TEST_CASE("A refused install is checked once, not at every poll") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    StderrCapture log;
    std::atomic<int> wakes{0};
    app::ContentWatcher w(s, strict(), [&] { ++wakes; }, kPoll);
    CHECK(w.initial().file == dir / "content/a.db");
    install(s, packs_().unsigned_pack, "u.db");
    const std::string u = (dir / "content/u.db").string();
    REQUIRE(eventually([&] { return log.text().find("still showing the last good pack") != std::string::npos; }));
    std::this_thread::sleep_for(10 * kPoll);
    const std::string text = log.text();
    CHECK(count(text, "new pack installed: " + u) == 1);
    CHECK(count(text, u + ": refused: not signed by any curator key; still showing the last good pack") == 1);
    CHECK_FALSE(w.ready());
    CHECK(wakes == 0);

    // A good pack after it is taken as usual.
    install(s, packs_().signed_pack, "b.db");
    REQUIRE(eventually([&] { return w.ready(); }));
    CHECK(w.take_ready()->file == dir / "content/b.db");
  }

  TEST_CASE("A rollback to the shown pack before the new one was taken cancels it") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    app::ContentWatcher w(s, strict(), [] {}, kPoll);
    CHECK(w.initial().file == dir / "content/a.db");
    install(s, packs_().signed_pack, "b.db");
    REQUIRE(eventually([&] { return w.ready(); }));
    s.rollback();
    REQUIRE(eventually([&] { return !w.ready(); }));
    CHECK_FALSE(w.take_ready());
  }

  TEST_CASE("A ready pack that stops being current is withdrawn, even if the new current is refused") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    StderrCapture log;
    app::ContentWatcher w(s, strict(), [] {}, kPoll);
    CHECK(w.initial().file == dir / "content/a.db");
    install(s, packs_().unsigned_pack, "u.db");
    REQUIRE(eventually([&] { return log.text().find("still showing the last good pack") != std::string::npos; }));
    install(s, packs_().signed_pack, "b.db");
    REQUIRE(eventually([&] { return w.ready(); }));
    const auto state = s.rollback();  // back to the refused u.db; b.db becomes previous
    REQUIRE(state.current == "u.db");
    REQUIRE(eventually([&] { return !w.ready(); }));
    CHECK_FALSE(w.take_ready());
  }

  TEST_CASE("Development mode shows an unsigned pack with its note; no wake callback is needed") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().unsigned_pack, "u.db");
    StderrCapture log;
    app::ContentWatcher w(s, development(), {}, kPoll);
    const auto p = w.initial();
    CHECK(p.file == dir / "content/u.db");
    CHECK(p.verdict == trust::Verdict::unsigned_pack);
    CHECK(p.trust_note.find("not signed") != std::string::npos);
    install(s, packs_().untrusted_pack, "x.db");
    REQUIRE(eventually([&] { return w.ready(); }));
    const auto next = w.take_ready();
    REQUIRE(next);
    CHECK(next->verdict == trust::Verdict::untrusted_key);
  }

  TEST_CASE("The watcher stops promptly when destroyed") {
    test::TempDir dir;
    store::ContentStore s(dir / "content");
    install(s, packs_().signed_pack, "a.db");
    const auto start = std::chrono::steady_clock::now();
    {
      app::ContentWatcher w(s, strict(), [] {}, std::chrono::seconds(60));
      w.initial();
    }
    CHECK(std::chrono::steady_clock::now() - start < 30s);
  }
}
