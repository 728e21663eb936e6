// Content packs from a curator's computer to a running kiosk, with the real orpheus-pack and
// orpheus-kiosk binaries: keys, signing, refusal of unsigned/untrusted/tampered packs, atomic
// install and rollback, a running kiosk switching at an idle moment, and install killed at
// random instants.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "catalog/catalog.h"
#include "kiosk.h"
#include "pack_tool.h"
#include "support/source_tree.h"
#include "support/wait.h"
#include "trust/seal.h"

using namespace orpheus;
using e2e::Json;
namespace fs = std::filesystem;

namespace {

using e2e::Keys;
using e2e::list_json;
using e2e::make_keys;
using e2e::make_pack;
using e2e::PackOptions;
using e2e::pack_tool;

// A kiosk configuration: the store, the museum's key, strict.
fs::path write_config(const test::TempDir& dir, const Keys& keys, double switch_after_idle = 60) {
  const fs::path file = dir / "kiosk.toml";
  test::write_text(file, "[content]\ndir = \"" + (dir / "content").string() + "\"\ntrusted_keys = [\"" +
                             keys.pub.string() + "\"]\nrequire_signature = true\nswitch_after_idle = " +
                             std::to_string(switch_after_idle) + "\n");
  return file;
}

// Built once for the whole binary (a pack build is the slow part of a case): the museum's and a
// stranger's keys, and the small pack at versions 1 to 3, unsigned and signed by either key.
// The cases install or copy these files and never change them.
struct SharedPacks {
  test::TempDir dir;
  Keys keys;
  std::map<std::string, fs::path> unsigned_packs, museum, stranger;  // by version
  SharedPacks() : keys(make_keys(dir)) {
    for (const std::string version : {"1", "2", "3"}) {
      const fs::path built = make_pack(dir, version, {});
      unsigned_packs[version] = built;
      museum[version] = signed_copy(built, keys.secret, "museum");
      stranger[version] = signed_copy(built, keys.other_secret, "stranger");
    }
  }
  fs::path signed_copy(const fs::path& pack, const fs::path& key, const std::string& signer) const {
    const fs::path out = dir / (signer + "-" + pack.filename().string());
    fs::copy_file(pack, out);
    const auto r = pack_tool({"sign", "-q", out.string(), "--key", key.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return out;
  }
};

const SharedPacks& shared() {
  static const SharedPacks packs;
  return packs;
}

// Starts the kiosk on the store and dumps its state once, then quits.
Json kiosk_state(const fs::path& config) {
  const auto run = e2e::run_kiosk({R"({"state": "$DIR/s.json"})", R"({"quit": true})"}, "",
                                  {"--config", config.string(), "--windowed", "1280x720"});
  REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
  return run.state("s.json");
}

}  // namespace

TEST_SUITE("Content packs end to end") {
  TEST_CASE("Unsigned, untrusted and tampered packs are refused; a trusted one installs and rolls back") {
    test::TempDir dir;
    const Keys& keys = shared().keys;
    const fs::path config = write_config(dir, keys);
    const fs::path unsigned_pack = shared().unsigned_packs.at("1");
    const fs::path stranger_pack = dir / "stranger.db";
    fs::copy_file(unsigned_pack, stranger_pack);
    REQUIRE(pack_tool({"sign", "-q", stranger_pack.string(), "--key", keys.other_secret.string()}).exit_code == 0);

    auto r = pack_tool({"install", unsigned_pack.string(), "--config", config.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("not signed") != std::string::npos);
    CHECK(r.err.find("not installed; the kiosk keeps its current pack") != std::string::npos);
    r = pack_tool({"install", stranger_pack.string(), "--config", config.string()});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find(trust::read_public_key(keys.other_pub).id()) != std::string::npos, r.err);
    CHECK_FALSE(fs::exists(dir / "content/state"));

    const fs::path v1 = shared().museum.at("1");
    // One byte changed anywhere is refused: a few places spread over the file.
    const auto size = fs::file_size(v1);
    for (std::uintmax_t at : {std::uintmax_t{100}, size / 3, size / 2, size - 10}) {
      CAPTURE(at);
      const fs::path bad = dir / "tampered.db";
      fs::copy_file(v1, bad, fs::copy_options::overwrite_existing);
      {
        std::fstream f(bad, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(at));
        const char c = static_cast<char>(f.get() ^ 0x20);
        f.seekp(static_cast<std::streamoff>(at));
        f.put(c);
      }
      r = pack_tool({"install", "-q", bad.string(), "--config", config.string()});
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("not installed") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(dir / "content/state"));

    r = pack_tool({"install", v1.string(), "--config", config.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("installed test.pack 1") != std::string::npos);
    const fs::path v2 = shared().museum.at("2");
    r = pack_tool({"install", v2.string(), "--config", config.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("previous:") != std::string::npos);

    Json list = list_json(config);
    REQUIRE(list["packs"].size() == 2);
    CHECK(list["packs"][0]["current"] == true);
    CHECK(list["packs"][0]["version"] == "2");
    CHECK(list["packs"][1]["previous"] == true);
    CHECK(list["packs"][1]["version"] == "1");
    CHECK(kiosk_state(config)["pack"]["version"] == "2");

    r = pack_tool({"rollback", "--config", config.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    list = list_json(config);
    CHECK(list["packs"][0]["version"] == "1");
    CHECK(list["packs"][0]["current"] == true);
    const Json state = kiosk_state(config);
    CHECK(state["pack"]["version"] == "1");
    CHECK(state["pack"]["trusted"] == true);
  }

  TEST_CASE("The kiosk refuses an untrusted pack in kiosk mode and shows it with a warning otherwise") {
    test::TempDir dir;
    const Keys& keys = shared().keys;
    const fs::path pack = shared().stranger.at("1");
    const fs::path config = write_config(dir, keys);
    const auto lines = std::vector<std::string>{R"({"state": "$DIR/s.json"})", R"({"quit": true})"};
    auto run = e2e::run_kiosk(lines, pack.string(), {"--config", config.string()});
    CHECK(run.result.exit_code == 0);
    CHECK(run.state("s.json")["screen"] == "unavailable");
    CHECK(run.result.err.find("refused") != std::string::npos);
    run = e2e::run_kiosk(lines, pack.string());  // development: no configuration, no --kiosk
    CHECK(run.result.exit_code == 0);
    const Json s = run.state("s.json");
    CHECK(s["screen"] == "home");
    CHECK(s["pack"]["trusted"] == false);
    CHECK(run.result.err.find("not kiosk mode") != std::string::npos);
  }

  TEST_CASE("A pack's hash is remembered across starts (from its install on), and a pack damaged under it is dropped once read in full") {
    test::TempDir dir;
    const Keys& keys = shared().keys;
    const fs::path config = dir / "kiosk.toml";
    test::write_text(config, "[content]\ndir = \"" + (dir / "content").string() + "\"\ntrusted_keys = [\"" +
                                 keys.pub.string() + "\"]\nrequire_signature = true\n[state]\ndir = \"" +
                                 (dir / "state").string() + "\"\n");
    fs::create_directory(dir / "state");  // as the package makes it, for the kiosk's user: install never does
    for (const char* version : {"1", "2"})
      REQUIRE(pack_tool({"install", "-q", shared().museum.at(version).string(), "--config", config.string()}).exit_code == 0);
    // Shown (on whichever hash), then once more: a replay finishes the background work a frame
    // started (here the reading in full) before its next step, so no pause in real time is needed.
    const std::vector<std::string> lines = {R"({"state": "$DIR/shown.json"})", R"({"state": "$DIR/later.json"})",
                                            R"({"quit": true})"};
    const auto start = [&] {
      auto run = e2e::run_kiosk(lines, "", {"--config", config.string(), "--windowed", "1280x720"});
      REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
      return run;
    };
    const auto has = [](const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; };
    const fs::path memo = dir / "state" / "pack-hashes";
    // The memo's entries: "HASH OFFSET DEVICE INODE SIZE MTIME CTIME /absolute/path".
    const auto entries = [&] {
      std::vector<std::string> found;
      std::ifstream in(memo);
      for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') found.push_back(line);
      return found;
    };
    const auto path_of = [](const std::string& entry) { return fs::path(entry.substr(entry.find('/'))); };

    // The installs remembered the hashes of both copies they read in full: the first start shows
    // the current pack on its remembered hash, and reads it in full only after.
    REQUIRE(entries().size() == 2);
    const fs::path current = path_of(entries()[1]);  // the newest entry last
    CHECK(trust::to_hex(trust::read_seal(current).actual) == entries()[1].substr(0, 64));
    CHECK(trust::to_hex(trust::read_seal(path_of(entries()[0])).actual) == entries()[0].substr(0, 64));
    auto run = start();
    CHECK(run.state("shown.json")["pack"]["version"] == "2");
    CHECK(run.state("shown.json")["pack"]["trusted"] == true);
    CHECK(has(run.result.err, current.string() + ": shown on its remembered hash"));
    CHECK_MESSAGE(has(run.result.err, "still has the hash it was shown on"), run.result.err);
    CHECK(run.state("later.json")["pack"]["version"] == "2");

    // Without a memo, the whole file is read before it is shown, and its hash remembered.
    fs::remove(memo);
    run = start();
    CHECK(run.state("shown.json")["pack"]["version"] == "2");
    CHECK_FALSE(has(run.result.err, "remembered hash"));
    REQUIRE(entries().size() == 1);
    CHECK(path_of(entries()[0]) == current);
    CHECK(trust::to_hex(trust::read_seal(current).actual) == entries()[0].substr(0, 64));
    run = start();
    CHECK(has(run.result.err, current.string() + ": shown on its remembered hash"));

    // Damage below the filesystem: a byte changes, the file's identity does not (made here by
    // editing the file, then writing its new identity into the memo beside the old hash). The
    // byte is one of a picture's, so that only reading the file in full finds it.
    {
      const auto snap = catalog::load_snapshot(current);
      std::int64_t media_id = 0;
      for (const auto& it : snap->items)
        if (!it.media.empty()) media_id = it.media.front().id;
      REQUIRE(media_id != 0);
      const auto blob = catalog::MediaReader(current).read(media_id, catalog::MediaVariant::original);
      REQUIRE(blob.size() > 4096);
      const std::string file = test::read_text(current);
      const std::string sample(blob.begin() + static_cast<long>(blob.size() / 2), blob.begin() + static_cast<long>(blob.size() / 2) + 64);
      const auto at = file.find(sample);
      REQUIRE(at != std::string::npos);
      std::fstream f(current, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(at + 32));
      f.put(static_cast<char>(file[at + 32] ^ 0x20));
    }
    const auto id = trust::identity_of(current);
    REQUIRE(id.has_value());
    std::istringstream old(entries()[0]);
    std::string hash, offset;
    old >> hash >> offset;
    test::write_text(memo, "# memo\n" + hash + " " + offset + " " + std::to_string(id->device) + " " +
                               std::to_string(id->inode) + " " + std::to_string(id->size) + " " +
                               std::to_string(id->mtime_ns) + " " + std::to_string(id->ctime_ns) + " " + current.string() + "\n");
    run = start();
    // Shown at first, as its identity promised (for a moment: this small pack is read in full in
    // milliseconds); once read in full, refused, and the previous pack shown instead.
    CHECK(has(run.result.err, current.string() + ": shown on its remembered hash"));
    CHECK_MESSAGE(has(run.result.err, "its bytes changed since its hash was remembered"), run.result.err);
    CHECK(has(run.result.err, "refused"));
    CHECK(run.state("later.json")["pack"]["version"] == "1");
    CHECK(run.state("later.json")["pack"]["trusted"] == true);
    // The next start refuses the damaged file at once (the memo now holds the hash it really
    // has) and shows the previous pack.
    run = start();
    CHECK(run.state("shown.json")["pack"]["version"] == "1");
    CHECK(has(run.result.err, "refused"));
    CHECK_FALSE(has(run.result.err, current.string() + ": shown on its remembered hash"));
  }

  TEST_CASE("A running kiosk switches to a newly installed pack only when nobody touches it") {
    test::TempDir dir;
    const Keys& keys = shared().keys;
    const fs::path config = write_config(dir, keys, 2.0);
    REQUIRE(pack_tool({"install", "-q", shared().museum.at("1").string(), "--config", config.string()}).exit_code == 0);
    const fs::path v2 = shared().museum.at("2");

    test::use_headless_environment();
    test::TempDir run;
    // A finger rests on the screen while the new pack arrives; it lifts, and two idle seconds later
    // (virtual time) the kiosk shows the new pack.
    const std::vector<std::string> lines = {
        R"({"t_ms": 0, "state": "$DIR/before.json"})",
        R"({"t_ms": 100, "finger_down": [1, 40, 40]})",
        R"({"wait_new_pack": 60000})",
        R"({"t_ms": 400, "state": "$DIR/held.json"})",
        R"({"t_ms": 1500, "state": "$DIR/still_held.json"})",
        R"({"t_ms": 1600, "finger_up": [1, 40, 40]})",
        R"({"t_ms": 2600, "state": "$DIR/soon.json"})",
        R"({"t_ms": 4000, "state": "$DIR/after.json"})",
        R"({"quit": true})"};
    const pid_t kiosk = test::spawn({ORPHEUS_KIOSK, "--config", config.string(), "--windowed", "1280x720", "--replay",
                                     e2e::write_script(run.path().string(), lines)},
                                    (run / "kiosk.err").string());
    // Install once the kiosk shows version 1.
    const auto shown = test::wait_while_running(kiosk, [&] { return fs::exists(run / "before.json"); }, std::chrono::seconds(60));
    REQUIRE_MESSAGE(shown == test::Waited::found, "no before.json (" << test::describe(shown, std::chrono::seconds(60))
                                                                     << "); kiosk stderr:\n" << test::read_text(run / "kiosk.err"));
    const auto r = pack_tool({"install", "-q", v2.string(), "--config", config.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const int code = test::wait_exit(kiosk, 120);
    const std::string err = test::read_text(run / "kiosk.err");
    REQUIRE_MESSAGE(code == 0, err);
    auto state = [&](const char* name) { return Json::parse(test::read_text(run / name)); };
    CHECK(state("before.json")["pack"]["version"] == "1");
    CHECK(state("held.json")["pack"]["version"] == "1");
    CHECK(state("still_held.json")["pack"]["version"] == "1");
    CHECK(state("soon.json")["pack"]["version"] == "1");  // lifted 1 s ago: the visitor may still be reading
    CHECK(state("after.json")["pack"]["version"] == "2");
    CHECK(state("after.json")["pack"]["trusted"] == true);
  }

  TEST_CASE("A technician installs a pack from a USB stick on the admin screen and rolls it back (the installer library)") {
    test::TempDir dir;
    const Keys& keys = shared().keys;
    const fs::path config = write_config(dir, keys, 60.0);
    std::ofstream(config, std::ios::app) << "[admin]\n" << e2e::hash_pin("2468") << "hold_seconds = 2\n";
    REQUIRE(pack_tool({"install", "-q", shared().museum.at("1").string(), "--config", config.string()}).exit_code == 0);
    // The stick: a trusted pack and a stranger's, a folder down, as a file manager leaves them.
    fs::create_directories(dir / "usb/exhibition");
    fs::copy_file(shared().museum.at("2"), dir / "usb/exhibition/a-new-edition.db");
    fs::copy_file(shared().stranger.at("3"), dir / "usb/exhibition/b-from-a-stranger.db");
    ::setenv("ORPHEUS_MEDIA_ROOTS", (dir / "usb").c_str(), 1);
    std::vector<std::string> lines;
    const auto open_panel = [&](int t) {
      lines.push_back("{\"t_ms\": " + std::to_string(t) + ", \"finger_down\": [0, 20, 20]}");
      lines.push_back("{\"t_ms\": " + std::to_string(t + 2400) + ", \"finger_up\": [0, 20, 20]}");
      for (const char* key : {"2", "4", "6", "8", "ok"}) lines.push_back(std::string(R"({"tap_target": "admin.pin.)") + key + "\"}");
    };
    open_panel(100);
    lines.insert(lines.end(), {R"({"state": "$DIR/panel.json"})", R"({"tap_target": "admin.install.1"})",
                               R"({"state": "$DIR/refused.json"})", R"({"tap_target": "admin.install.0"})",
                               R"({"state": "$DIR/installed.json"})", R"({"wait_new_pack": 60000})",
                               R"({"tap_target": "admin.close"})", R"({"state": "$DIR/new.json"})"});
    open_panel(20000);
    lines.insert(lines.end(), {R"({"tap_target": "admin.rollback"})", R"({"state": "$DIR/rolled.json"})",
                               R"({"wait_new_pack": 60000})", R"({"tap_target": "admin.close"})",
                               R"({"state": "$DIR/old.json"})", R"({"quit": true})"});
    const auto run = e2e::run_kiosk(e2e::timed(lines), "", {"--config", config.string(), "--windowed", "1280x720"});
    ::unsetenv("ORPHEUS_MEDIA_ROOTS");
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);
    const Json panel = run.state("panel.json");
    CHECK(panel["admin"]["mode"] == "panel");
    REQUIRE(panel["admin"]["candidates"].size() == 2);
    CHECK(panel["admin"]["candidates"][0] == (dir / "usb/exhibition/a-new-edition.db").string());
    CHECK(panel["admin"]["installed"] == 1);
    // The stranger's pack: refused, with the reason on the screen, the kiosk unchanged.
    const std::string refused = run.state("refused.json")["admin"]["result"];
    CHECK(refused.find("b-from-a-stranger.db: not installed") != std::string::npos);
    CHECK(refused.find("the kiosk keeps its current pack") != std::string::npos);
    CHECK(run.state("refused.json")["pack"]["version"] == "1");
    const std::string installed = run.state("installed.json")["admin"]["result"];
    CHECK(installed.rfind("installed test.pack 2 as " + (dir / "content").string(), 0) == 0);
    CHECK(run.state("installed.json")["admin"]["installed"] == 2);
    // Closing the admin screen shows what the technician installed, at once.
    const Json shown = run.state("new.json");
    CHECK_FALSE(shown.contains("admin"));
    CHECK(shown["pack"]["version"] == "2");
    CHECK(shown["pack"]["trusted"] == true);
    CHECK(std::string(run.state("rolled.json")["admin"]["result"]).rfind("rolled back: current ", 0) == 0);
    CHECK(run.state("old.json")["pack"]["version"] == "1");
  }

  TEST_CASE("install killed at 50+ random instants never leaves the kiosk without an intact pack") {
    test::TempDir dir;
    const Keys& keys = shared().keys;
    const fs::path config = write_config(dir, keys);
    // Three packs: each install brings the one that is neither current nor previous, so it is
    // always copied (installing the previous pack only swaps the two). A 2000 x 1500 photo of
    // noise makes each ~10 MB: its verification and copy take long enough for kills to land in
    // every phase, and every one of the 56+ rounds verifies, copies and checks it again.
    PackOptions noisy;
    noisy.noise_width = 2000;
    noisy.noise_height = 1500;
    const fs::path packs[3] = {make_pack(dir, "1", keys.secret, noisy), make_pack(dir, "2", keys.secret, noisy),
                               make_pack(dir, "3", keys.secret, noisy)};
    MESSAGE("pack size " << fs::file_size(packs[0]) / 1000000 << " MB");
    REQUIRE(pack_tool({"install", "-q", packs[0].string(), "--config", config.string()}).exit_code == 0);

    // The store's files named `prefix`..., each as "NAME INODE": a file made again under the same
    // name is another file.
    auto files = [&](const std::string& prefix) {
      std::set<std::string> out;
      for (const auto& e : fs::directory_iterator(dir / "content")) {
        const std::string name = e.path().filename().string();
        struct stat st {};
        if (name.rfind(prefix, 0) == 0 && ::stat(e.path().c_str(), &st) == 0) out.insert(name + " " + std::to_string(st.st_ino));
      }
      return out;
    };
    // Whether a file named `prefix`... that was not there `before` has appeared (what a killed round
    // left behind is cleaned up by the next install, so the counts alone can go down, then up again).
    auto appeared = [&](const std::string& prefix, const std::set<std::string>& before) {
      const auto now = files(prefix);
      return std::any_of(now.begin(), now.end(), [&](const std::string& f) { return !before.count(f); });
    };
    // An uninterrupted install, watched as the kills below watch theirs: how long its verification
    // lasts (until the copy appears) and its copy (until the new pack is renamed into place). The
    // kills are drawn from these spans, so that each lands in the phase it aims at.
    const auto ms_since = [](std::chrono::steady_clock::time_point t) {
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    };
    double verify_ms = 0, copy_ms = 0, install_ms = 0;
    {
      const auto incoming_before = files(".incoming"), dbs_before = files("test.pack-");
      const auto t0 = std::chrono::steady_clock::now();
      const pid_t pid = test::spawn({ORPHEUS_PACK, "install", "-q", packs[1].string(), "--config", config.string()},
                                    (dir / "install.err").string());
      int status = 0;
      while (::waitpid(pid, &status, WNOHANG) != pid) {
        if (verify_ms == 0 && appeared(".incoming", incoming_before)) verify_ms = ms_since(t0);
        if (verify_ms > 0 && copy_ms == 0 && appeared("test.pack-", dbs_before)) copy_ms = ms_since(t0) - verify_ms;
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
      install_ms = ms_since(t0);
      REQUIRE_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0), test::read_text(dir / "install.err"));
      if (verify_ms == 0) verify_ms = install_ms;  // the copy came and went between two looks
      copy_ms = std::max(copy_ms, 1.0);
    }
    REQUIRE(pack_tool({"rollback", "-q", "--config", config.string()}).exit_code == 0);
    MESSAGE("install " << install_ms << " ms: verification " << verify_ms << " ms, then the copy " << copy_ms << " ms");
    const unsigned seed = std::random_device{}();
    MESSAGE("seed " << seed);
    std::mt19937 rng(seed);
    std::map<std::string, int> phases;  // where the kills landed, judged from what they left
    int killed = 0;
    for (int i = 0; killed < 56 && i < 120; ++i) {
      CAPTURE(i);
      const std::string state_before = test::read_text(dir / "content/state");
      const auto incoming_before = files(".incoming");
      // The current and previous packs (the list also names a copy a killed round left in place).
      std::set<std::string> kept;
      const Json before = list_json(config);
      for (const auto& p : before["packs"])
        if (p["current"].get<bool>() || p["previous"].get<bool>()) kept.insert(p["version"].get<std::string>());
      const fs::path& next = packs[!kept.count("1") ? 0 : !kept.count("2") ? 1 : 2];
      // A third of the kills at a random instant of the verification, a third at a random
      // moment after the copy has started, a third as soon as the new pack is renamed into place.
      const pid_t pid = test::spawn({ORPHEUS_PACK, "install", "-q", next.string(), "--config", config.string()},
                                    (dir / "install.err").string());
      const auto start = std::chrono::steady_clock::now();
      const int mode = i % 3;
      const double delay = mode == 0   ? std::uniform_real_distribution<double>(0, verify_ms)(rng)
                           : mode == 1 ? std::uniform_real_distribution<double>(0, copy_ms)(rng)
                                       : 0.0;
      const auto dbs_before = files("test.pack-");
      int status = 0;
      bool exited = false;
      std::optional<std::chrono::steady_clock::time_point> triggered;
      std::optional<double> copy_seen, renamed_seen;  // ms after the start, as this loop saw them
      if (mode == 0) triggered = start;
      while (!(exited = ::waitpid(pid, &status, WNOHANG) == pid)) {
        if (!copy_seen && appeared(".incoming", incoming_before)) copy_seen = ms_since(start);
        if (!renamed_seen && appeared("test.pack-", dbs_before)) renamed_seen = ms_since(start);
        if (!triggered && ((mode == 1 && copy_seen) || (mode == 2 && renamed_seen))) triggered = std::chrono::steady_clock::now();
        if (triggered && std::chrono::steady_clock::now() - *triggered >= std::chrono::duration<double, std::milli>(delay)) {
          ::kill(pid, SIGKILL);
          break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
      if (!exited) ::waitpid(pid, &status, 0);
      const bool was_killed = WIFSIGNALED(status);
      killed += was_killed;
      if (!was_killed) REQUIRE_MESSAGE(WEXITSTATUS(status) == 0, test::read_text(dir / "install.err"));
      // A round that ran to its end tells how long the phases take on the machine as loaded now:
      // the next kills aim by it (the calibration above, made under another load, would miss).
      if (!was_killed && copy_seen && renamed_seen) {
        verify_ms = (verify_ms + *copy_seen) / 2;
        copy_ms = std::max(1.0, (copy_ms + *renamed_seen - *copy_seen) / 2);
      }

      const bool switched = test::read_text(dir / "content/state") != state_before;
      const bool copying = appeared(".incoming", incoming_before);
      const bool renamed = appeared("test.pack-", dbs_before);
      ++phases[!was_killed ? "finished"
               : switched  ? "killed after the switch"
               : renamed   ? "killed between the rename and the switch"
               : copying   ? "killed while copying"
                           : "killed before copying"];

      const Json list = list_json(config);
      REQUIRE(!list["packs"].empty());
      REQUIRE(list["packs"][0]["current"] == true);
      for (const auto& p : list["packs"]) {
        if (!(p["current"].get<bool>() || p["previous"].get<bool>())) continue;
        const trust::Seal seal = trust::read_seal(p["file"].get<std::string>());
        CHECK_MESSAGE(seal.intact(), p["file"]);
      }
      const Json state = kiosk_state(config);
      CHECK(state["screen"] == "home");
      CHECK(state["pack"]["version"] == list["packs"][0]["version"]);
      CHECK(state["pack"]["trusted"] == true);
    }
    for (const auto& [phase, n] : phases) MESSAGE(phase << ": " << n);
    CHECK(killed >= 50);
    CHECK(phases["killed before copying"] > 0);
    CHECK(phases["killed while copying"] > 0);
    CHECK(phases["killed between the rename and the switch"] + phases["killed after the switch"] > 0);
    // The store still works afterwards and cleans up what the kills left behind.
    REQUIRE(pack_tool({"install", "-q", packs[1].string(), "--config", config.string()}).exit_code == 0);
    CHECK(files(".incoming").empty());
  }

  TEST_CASE("A pack in seven scripts is drawn in its own letters, right-to-left titles flush right") {
    // tests/e2e/packs/world-scripts: Japanese, Hebrew, Arabic, Georgian, Armenian and Ethiopic
    // beside English, no pictures; one private-use character and one beyond U+FFFF.
    const auto has = [](const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; };
    test::TempDir dir;
    const fs::path pack = dir / "world.db";
    auto r = pack_tool({"build", ORPHEUS_SOURCE_DIR "/tests/e2e/packs/world-scripts", "-o", pack.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.err, "items/unknown-mark.toml:5:57: summary.en: warning: no font a kiosk is installed with draws U+E000"));
    CHECK(has(r.err, "items/unknown-mark.toml:6:107: description.en: warning: U+20B9F"));

    const auto run = e2e::run_kiosk(e2e::timed({R"({"screenshot": "$DIR/home.png"})", R"({"tap_target": "collection.near-east"})",
                                                R"({"tap_target": "lang.ar"})", R"({"state": "$DIR/ar.json"})",
                                                R"({"screenshot": "$DIR/ar.png"})", R"({"quit": true})"}),
                                    pack.string(),
                                    // Offered although the interface has no Arabic: the technician named it.
                                    {"--set", R"(session.languages=["en","he","ar"])"});
    REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
    // Each script baked from the face fontconfig names for it; only the private-use one is '?'.
    for (const char* script : {"Hebrew", "Arabic", "Georgian", "Armenian", "Ethiopic"}) {
      CAPTURE(script);
      CHECK(has(run.result.err, std::string("Noto Sans ") + script));
    }
    if (fs::exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
      CHECK(has(run.result.err, "Noto Sans CJK JP"));
    else
      MESSAGE("fonts-noto-cjk is not installed: Japanese is not drawn here");
    CHECK(has(run.result.err, "no installed font draws 1 of them (shown as '?')"));
    CHECK(e2e::contrast(run.screenshot("home.png")) > 10);

    // In Arabic the near-east collection holds an Arabic title and an English one ("Torah
    // pointer (יד, yad)"): the bright title text under each card's picture starts on the right
    // for the first, on the left for the second.
    const Json state = run.state("ar.json");
    const media::Image shot = run.screenshot("ar.png");
    const auto title_extent = [&](const std::string& target) {
      for (const auto& t : state["targets"]) {
        if (t["name"] != target) continue;
        const int x0 = t["x"].get<int>(), y0 = t["y"].get<int>(), w = t["w"].get<int>(), h = t["h"].get<int>();
        int left = x0 + w, right = x0;
        for (int y = y0 + h * 7 / 10; y < y0 + h; ++y)
          for (int x = x0; x < x0 + w; ++x) {
            const auto* p = &shot.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(shot.width) +
                                          static_cast<std::size_t>(x)) * static_cast<std::size_t>(shot.channels)];
            if (0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2] > 200) {
              left = std::min(left, x);
              right = std::max(right, x);
            }
          }
        REQUIRE_MESSAGE(right > left, "no title text under the picture of " << target);
        return std::pair{static_cast<double>(left - x0) / w, static_cast<double>(x0 + w - right) / w};
      }
      FAIL("no target " << target << " on screen " << state["screen"]);
      return std::pair{0.0, 0.0};
    };
    const auto [ar_left, ar_right] = title_extent("item.blessing-bowl");
    CHECK(ar_right < 0.1);
    CHECK(ar_left > 0.3);
    const auto [en_left, en_right] = title_extent("item.torah-pointer");
    CHECK(en_left < 0.1);
    CHECK(en_right > 0.3);
  }
}
