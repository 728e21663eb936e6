// The unattended kiosk, end to end on the real binary (headless): the idle reset and the attract
// loop, the hidden admin PIN pad, sd_notify and the health file, kiosk mode refusing an
// invisible display.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "kiosk.h"
#include "support/wait.h"

using namespace orpheus;
using e2e::Json;
using e2e::tap;
namespace fs = std::filesystem;

namespace {


// `orpheus-kiosk --hash-pin` with the PIN on a pipe, as a technician's script would.
bool file_contains(const fs::path& file, const std::string& needle) {
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.find(needle) != std::string::npos;
}

// A datagram socket standing in for systemd's NOTIFY_SOCKET: records every message with the
// time it arrived.
class NotifySocket {
 public:
  explicit NotifySocket(const fs::path& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{0, 50'000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    thread_ = std::thread([this] {
      char buf[4096];
      while (!stop_) {
        const ssize_t n = recv(fd_, buf, sizeof buf, 0);
        if (n > 0)
          messages_.push_back({std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count(),
                               std::string(buf, static_cast<std::size_t>(n))});
      }
    });
  }
  ~NotifySocket() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  struct Message {
    double t_ms;
    std::string text;
  };
  std::vector<Message> stop() {
    stop_ = true;
    thread_.join();
    thread_ = std::thread([] {});
    return messages_;
  }

 private:
  fs::path path_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::vector<Message> messages_;
  std::thread thread_;
};

}  // namespace

TEST_SUITE("Unattended kiosk") {
  TEST_CASE("Left in a collection in English with large text and high contrast, the kiosk goes home in Bulgarian, then to the attract loop") {
    // The first card of the home screen, where the touch that ends the attract loop will land.
    const auto home = e2e::run_kiosk({R"({"state": "$DIR/home.json"})", R"({"quit": true})"});
    const Json h = home.state("home.json");
    std::string card;
    for (const auto& t : h["targets"])
      if (t["name"].get<std::string>().rfind("collection.", 0) == 0) {
        card = t["name"];
        break;
      }
    REQUIRE(!card.empty());
    const auto [cx, cy] = e2e::target_center(h, card);
    const std::string at = std::to_string(cx) + ", " + std::to_string(cy);

    const auto run = e2e::run_kiosk(e2e::timed({
        tap("lang.en"), tap("text.size"), tap("contrast"), tap("reach"), tap(card), R"({"state": "$DIR/collection.json"})", tap("nav.home"),
        tap(card), R"({"state": "$DIR/before.json"})", R"({"screenshot": "$DIR/contrast.png"})",
        R"({"t_ms": 60000, "state": "$DIR/t60.json"})",      // not yet idle
        R"({"t_ms": 100000, "state": "$DIR/t100.json"})",    // idle since ~90 s: reset
        R"({"t_ms": 100000, "frame_ms": 250})",              // the attract loop's cross-fades in a time-lapse
        R"({"t_ms": 200000, "state": "$DIR/t200.json"})",    // attract since ~180 s
        R"({"t_ms": 200001, "screenshot": "$DIR/attract.png"})",
        R"({"t_ms": 209900, "frame_ms": 16.667})",           // real frames again for the visitor
        R"({"t_ms": 210000, "tap": [)" + at + "]}",          // a visitor touches a card's place
        R"({"t_ms": 211000, "state": "$DIR/after.json"})",
        tap(card), R"({"state": "$DIR/second.json"})",       // the next tap is theirs
        R"({"quit": true})"}), ORPHEUS_DEMO_PACK, {"--set", "session.default_language=\"bg\""});
    REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
    const Json before = run.state("before.json");
    CHECK(before["screen"] == "collection");
    CHECK(before["language"] == "en");
    CHECK(before["text_size"] == "large");
    CHECK(before["high_contrast"] == true);
    CHECK(before["reach"]["on"] == true);
    CHECK(before["reach"]["top_px"].get<float>() > 0);
    // The high-contrast palette: the background is black (the standard one is a warm near-black).
    const auto shot = run.screenshot("contrast.png");
    const std::size_t corner = (static_cast<std::size_t>(shot.height - 2) * shot.width + 2) * shot.channels;
    CHECK(int{shot.pixels[corner]} + shot.pixels[corner + 1] + shot.pixels[corner + 2] == 0);
    CHECK(run.state("t60.json")["screen"] == "collection");
    const Json reset = run.state("t100.json");
    CHECK(reset["screen"] == "home");
    CHECK(reset["language"] == "bg");
    CHECK(reset["text_size"] == "normal");
    CHECK(reset["high_contrast"] == false);
    CHECK(reset["reach"]["on"] == false);
    CHECK(reset["reach"]["top_px"] == 0);
    CHECK(reset["depth"] == 1);
    CHECK(reset["scroll"] == 0);
    const Json attract = run.state("t200.json");
    CHECK(attract["screen"] == "attract");
    CHECK(attract["attract"]["slides"].get<int>() > 10);
    CHECK(e2e::contrast(run.screenshot("attract.png")) > 20);
    const Json after = run.state("after.json");
    CHECK(after["screen"] == "home");  // the touch ended the loop and opened nothing
    CHECK(after["language"] == "bg");
    CHECK(run.state("second.json")["screen"] == "collection");
  }

  TEST_CASE("The hidden admin: a 5 s hold in the corner, a PIN, lockout, and only the hash on disk") {
    test::TempDir dir;
    const std::string pin = "2468";
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << "[admin]\n" << e2e::hash_pin(pin) << "hold_seconds = 5\n[state]\ndir = \"state\"\n"
                          << "[content]\nrequire_signature = false\n";
    std::vector<std::string> lines = {
        R"({"t_ms": 100, "finger_down": [0, 20, 20]})",
        R"({"t_ms": 4000, "state": "$DIR/early.json"})",      // held 3.9 s: nothing yet
        R"({"t_ms": 5200, "state": "$DIR/pad.json"})",
        R"({"t_ms": 5300, "finger_up": [0, 20, 20]})"};
    for (char d : std::string("1111")) lines.push_back(tap(std::string("admin.pin.") + d));
    lines.push_back(tap("admin.pin.ok"));
    lines.push_back(R"({"state": "$DIR/wrong.json"})");
    for (char d : pin) lines.push_back(tap(std::string("admin.pin.") + d));
    lines.push_back(tap("admin.pin.ok"));
    lines.push_back(R"({"state": "$DIR/panel.json"})");
    lines.push_back(tap("admin.idle.more"));
    lines.push_back(tap("admin.volume.less"));
    lines.push_back(R"({"state": "$DIR/changed.json"})");
    lines.push_back(tap("admin.close"));
    lines.push_back(R"({"state": "$DIR/closed.json"})");
    lines.push_back(R"({"quit": true})");
    const auto run = e2e::run_kiosk(e2e::timed(lines), ORPHEUS_DEMO_PACK, {"--config", config.string()});
    REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
    CHECK_FALSE(run.state("early.json").contains("admin"));
    const Json pad = run.state("pad.json");
    CHECK(pad["admin"]["mode"] == "pin");
    const Json wrong = run.state("wrong.json");
    CHECK(wrong["admin"]["mode"] == "pin");
    CHECK(wrong["admin"]["failures"] == 1);
    CHECK(wrong["admin"]["digits"] == 0);
    const Json panel = run.state("panel.json");
    CHECK(panel["admin"]["mode"] == "panel");
    CHECK(panel["admin"]["failures"] == 0);
    CHECK(run.state("changed.json")["admin"]["idle_timeout"] == 120);
    CHECK(run.state("changed.json")["admin"]["volume"] == 60);  // the narration's, from 70
    const Json closed = run.state("closed.json");
    CHECK_FALSE(closed.contains("admin"));
    CHECK(closed["screen"] == "home");  // the hold under the corner opened nothing beneath
    // The change outlives the process; the PIN is nowhere: not in the files, not in the log.
    CHECK(file_contains(dir / "state" / "admin.toml", "idle_timeout = 120"));
    CHECK(file_contains(dir / "state" / "admin.toml", "volume = 60"));
    for (const auto& e : fs::recursive_directory_iterator(dir.path()))
      if (e.is_regular_file()) CHECK_MESSAGE(!file_contains(e.path(), pin), e.path());
    CHECK(run.result.err.find(pin) == std::string::npos);
    CHECK(run.result.err.find("wrong PIN") != std::string::npos);
  }

  TEST_CASE("Five wrong PINs lock the pad, and the lock grows") {
    test::TempDir dir;
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << "[admin]\n" << e2e::hash_pin("97531") << "hold_seconds = 2\n[content]\nrequire_signature = false\n";
    std::vector<std::string> lines = {R"({"t_ms": 100, "finger_down": [0, 10, 10]})",
                                      R"({"t_ms": 2300, "finger_up": [0, 10, 10]})"};
    const auto wrong_pin = [&] {
      for (char d : std::string("0000")) lines.push_back(tap(std::string("admin.pin.") + d));
      lines.push_back(tap("admin.pin.ok"));
    };
    for (int i = 0; i < 5; ++i) wrong_pin();
    lines.push_back(R"({"state": "$DIR/locked.json"})");
    // While locked, digits and OK do nothing.
    lines.push_back(R"({"tap_target": "admin.pin.9"})");
    lines.push_back(R"({"state": "$DIR/still.json"})");
    lines.push_back(R"({"t_ms": 45000, "state": "$DIR/unlocked.json"})");  // 30 s later
    wrong_pin();
    lines.push_back(R"({"state": "$DIR/relocked.json"})");
    lines.push_back(R"({"t_ms": 80000, "state": "$DIR/t80.json"})");  // the 2nd lock is 60 s
    lines.push_back(R"({"quit": true})");
    const auto run = e2e::run_kiosk(e2e::timed(lines), ORPHEUS_DEMO_PACK, {"--config", config.string()});
    REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
    const Json locked = run.state("locked.json");
    CHECK(locked["admin"]["failures"] == 5);
    CHECK(locked["admin"]["locked"] == true);
    CHECK(run.state("still.json")["admin"]["digits"] == 0);
    CHECK(run.state("unlocked.json")["admin"]["locked"] == false);
    CHECK(run.state("relocked.json")["admin"]["failures"] == 6);
    CHECK(run.state("relocked.json")["admin"]["locked"] == true);
    CHECK(run.state("t80.json")["admin"]["locked"] == true);
  }

  TEST_CASE("sd_notify: READY after the first frame, WATCHDOG from the loop, none while a frame hangs") {
    test::TempDir dir;
    NotifySocket sock(dir / "notify");
    setenv("NOTIFY_SOCKET", (dir / "notify").c_str(), 1);
    setenv("WATCHDOG_USEC", "300000", 1);  // pings every 150 ms
    const auto run = e2e::run_kiosk({R"({"t_ms": 0, "sleep_real": 2500})", R"({"t_ms": 10, "stall": 1500})",
                                     R"({"t_ms": 20, "sleep_real": 1500})", R"({"t_ms": 30, "quit": true})"},
                                    ORPHEUS_DEMO_PACK,
                                    {"--set", "health.file=\"$DIR/health.json\"", "--set", "health.interval=1"});
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    const auto messages = sock.stop();
    REQUIRE_MESSAGE(run.result.exit_code == 0, run.result.err);
    REQUIRE(!messages.empty());
    CHECK(messages.front().text.find("READY=1") != std::string::npos);  // pings start once it is up
    CHECK(messages.back().text.find("STOPPING=1") != std::string::npos);
    std::vector<double> pings;
    for (const auto& m : messages)
      if (m.text.find("WATCHDOG=1") != std::string::npos) pings.push_back(m.t_ms);
    REQUIRE(pings.size() >= 8);  // ~10 in the 1.5 s after the stall alone
    int long_gaps = 0;
    double longest = 0;
    for (std::size_t i = 1; i < pings.size(); ++i) {
      const double gap = pings[i] - pings[i - 1];
      longest = std::max(longest, gap);
      if (gap <= 400) continue;
      MESSAGE("no watchdog ping for " << gap << " ms after " << pings[i - 1] << " ms");
      ++long_gaps;
    }
    CHECK(long_gaps == 1);     // the hung frame, and only it, missed the watchdog
    CHECK(longest >= 1400);
    CHECK(longest < 2500);
    // The health file was rewritten while running and says so at the end.
    const Json health = Json::parse(test::read_text(run.dir + "/health.json"));
    CHECK(health["state"] == "stopping");
  }

  TEST_CASE("The health file tells a monitor what the kiosk shows, and it is rewritten while it runs") {
    test::TempDir dir;
    test::use_headless_environment();
    const std::string script = e2e::write_script(dir.path().string(), {R"({"t_ms": 0, "sleep_real": 4000})", R"({"quit": true})"});
    const fs::path health = dir / "health.json";
    const pid_t pid = test::spawn(
        e2e::with_default_kiosk_args({ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "800x600", "--replay", script,
                                      "--set", "health.file=\"" + health.string() + "\"", "--set", "health.interval=1"}),
        (dir / "err.txt").string());
    Json first, later;
    test::wait_while_running(pid, [&] {
      const auto text = test::read_text(health.string());
      if (!text.empty()) first = Json::parse(text);
      return first.is_object() && first["state"] == "running";
    }, std::chrono::seconds(60));
    // Time must pass with nothing drawn (the replay sleeps 4 s): what the file says 1.5 s on.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    later = Json::parse(test::read_text(health.string()));
    CHECK(test::wait_exit(pid, 60) == 0);
    REQUIRE(first.is_object());
    CHECK(first["state"] == "running");
    CHECK(first["pid"] == pid);
    CHECK(first["screen"] == "home");
    CHECK(first["pack"]["id"] == "bg.thracology.demo");
    CHECK(later["uptime_s"].get<double>() > first["uptime_s"].get<double>());
    CHECK(later["last_frame_age_s"].get<double>() < 1.5);  // the loop runs though nothing is drawn
  }

  TEST_CASE("Kiosk mode refuses to start on an invisible display") {
    test::use_headless_environment();
    const auto r = test::run({ORPHEUS_KIOSK, "--kiosk", "--pack", ORPHEUS_DEMO_PACK});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("kiosk mode needs a real display") != std::string::npos);
    CHECK(r.err.find("'offscreen'") != std::string::npos);
  }

  TEST_CASE("Kiosk mode refuses to start with no display at all") {
    // As on a console without a session: SDL either fails or falls back to its invisible
    // offscreen driver by itself; the kiosk must not run unseen either way.
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");
    const auto r = test::run({ORPHEUS_KIOSK, "--kiosk", "--pack", ORPHEUS_DEMO_PACK}, 30);
    test::use_headless_environment();
    CHECK_MESSAGE(r.exit_code == 2, r.err);
    CHECK(r.err.find("kiosk mode needs a real display") != std::string::npos);
  }

  TEST_CASE("--check-config names every bad key and exits 1; a good file prints the settings") {
    test::TempDir dir;
    const fs::path bad = dir / "bad.toml";
    std::ofstream(bad) << "[session]\nidle_timeout = 5\nlanguages = [\"bg\", 3]\n[display]\nrotation = 45\n[sesion]\nx = 1\n";
    auto r = test::run({ORPHEUS_KIOSK, "--check-config", "--config", bad.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(bad.string() + ":2:") != std::string::npos);
    CHECK(r.err.find("session.idle_timeout") != std::string::npos);
    CHECK(r.err.find("display.rotation") != std::string::npos);
    CHECK(r.err.find("sesion") != std::string::npos);
    CHECK(r.err.find("4 problems") != std::string::npos);
    const fs::path good = dir / "good.toml";
    std::ofstream(good) << "[session]\nidle_timeout = 30\n";
    r = test::run({ORPHEUS_KIOSK, "--check-config", "--config", good.string(), "--set", "log.level=debug"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("idle_timeout = 30") != std::string::npos);
    CHECK(r.out.find("level = \"debug\"") != std::string::npos);
    r = test::run({ORPHEUS_KIOSK, "--check-config", "--config", good.string(), "--set", "session.idle_timeout=1"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("--set session.idle_timeout") != std::string::npos);
  }

  TEST_CASE("A partly bad configuration never stops the kiosk: good keys apply, problems are logged") {
    test::TempDir dir;
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << "[session]\nidle_timeout = \"soon\"\ndefault_language = \"en\"\n"
                          << "[content]\nrequire_signature = false\n";
    const auto run = e2e::run_kiosk({R"({"state": "$DIR/s.json"})", R"({"quit": true})"}, ORPHEUS_DEMO_PACK,
                                    {"--config", config.string()});
    CHECK(run.result.exit_code == 0);
    CHECK(run.state("s.json")["language"] == "en");
    CHECK(run.result.err.find("session.idle_timeout") != std::string::npos);
  }
}
