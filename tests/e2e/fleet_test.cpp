// Fleet updates end to end (docs/fleet.md): the real orpheus-pack publishes signed packs on a
// channel folder that a real nginx on 127.0.0.1 serves; the real orpheus-update, run as the
// timer runs it, brings kiosks' stores up to date; a running orpheus-kiosk switches at its next
// idle moment. Interrupted downloads, bad channels and bad files, and the status the kiosks
// send back to the museum.
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <optional>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fleet/channel.h"
#include "fleet/http.h"
#include "fleet/status.h"
#include "kiosk.h"
#include "pack_tool.h"
#include "support/nginx.h"
#include "support/wait.h"
#include "trust/seal.h"
#include "usage/journal.h"
#include "usage/summary.h"
#include "events/zone.h"

using namespace orpheus;
using e2e::Json;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One museum: its keys, its channel folder (www/stable) served by nginx with the kiosks' status
// folder (dav), and kiosks, each a folder with its configuration, store and state.
struct Fleet {
  test::TempDir dir;
  e2e::Keys keys = e2e::make_keys(dir);
  fs::path www = dir / "www", channel_dir = www / "stable", dav = dir / "dav";
  std::unique_ptr<test::Nginx> nginx;

  explicit Fleet(std::string limit_rate = {}, std::string extra = {}) {
    fs::create_directories(channel_dir);
    fs::create_directories(dav);
    test::NginxOptions o;
    o.root = www;
    o.dav_root = dav;
    o.limit_rate = std::move(limit_rate);
    o.extra = std::move(extra);
    nginx = std::make_unique<test::Nginx>(o);
  }

  std::string channel_url(const std::string& folder = "stable") const { return nginx->url("/" + folder + "/channel.json"); }

  // A kiosk's configuration: strict, the museum's key, its own store and state.
  fs::path kiosk(const std::string& name, const std::string& channel_folder = "stable", const std::string& more = {}) const {
    const fs::path k = dir / "kiosks" / name, file = k / "kiosk.toml";
    fs::create_directories(k / "state");
    test::write_text(file, "[content]\ndir = \"" + (k / "content").string() + "\"\ntrusted_keys = [\"" + keys.pub.string() +
                               "\"]\nrequire_signature = true\n[state]\ndir = \"" + (k / "state").string() +
                               "\"\n[update]\nchannel = \"" + channel_url(channel_folder) + "\"\n" + more);
    return file;
  }

  test::RunResult publish(const fs::path& pack, std::vector<std::string> more = {}) const {
    std::vector<std::string> args = {"publish", "-q", pack.string(), "--channel", channel_dir.string(), "--key", keys.secret.string()};
    args.insert(args.end(), more.begin(), more.end());
    return e2e::pack_tool(args);
  }

  std::vector<test::AccessLine> requests_since(std::size_t& seen) const {
    auto log = nginx->access_log();
    std::vector<test::AccessLine> out(log.begin() + static_cast<std::ptrdiff_t>(std::min(seen, log.size())), log.end());
    seen = log.size();
    return out;
  }
};

test::RunResult update(const fs::path& config, std::vector<std::string> more = {"--now"}) {
  std::vector<std::string> args = {ORPHEUS_UPDATE, "--config", config.string()};
  args.insert(args.end(), more.begin(), more.end());
  return test::run(args, 300);
}

// A pack with a noise photo of this size (a few MB with its tiles), one item's text changed if given.
e2e::PackOptions noisy(int width, int height, std::string summary = {}) {
  e2e::PackOptions o;
  o.noise_width = width;
  o.noise_height = height;
  o.summary = std::move(summary);
  return o;
}

// The store's current pack: version and whole-file hash ("" if none).
struct Current {
  std::string version, hash;
};
Current current_of(const fs::path& config) {
  const Json list = e2e::list_json(config);
  for (const auto& p : list["packs"])
    if (p["current"] == true) return {p.value("version", ""), trust::to_hex(trust::hash_file(p["file"].get<std::string>()))};
  return {};
}

std::string file_hash(const fs::path& f) { return trust::to_hex(trust::hash_file(f)); }

bool ends_with(const std::string& s, const std::string& tail) { return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0; }

// The store's current pack file is intact and signed by a trusted key (never a partial file).
bool current_intact(const fs::path& config, const fs::path& pub) {
  const Json list = e2e::list_json(config);
  for (const auto& p : list["packs"])
    if (p["current"] == true) {
      const std::vector<trust::PublicKey> trusted{trust::read_public_key(pub)};
      return trust::check(p["file"].get<std::string>(), trusted).trusted();
    }
  return false;
}

// Writes a file served by nginx as an upload a little later would: nginx's ETag and
// Last-Modified have a resolution of one second, so a file rewritten within the same second at
// the same size would look unchanged to a conditional GET (as it would to any cache).
void serve(const fs::path& file, const std::string& text) {
  const auto before = fs::exists(file) ? fs::last_write_time(file) : fs::file_time_type::clock::now();
  if (fs::exists(file)) fs::permissions(file, fs::perms::owner_write, fs::perm_options::add);
  test::write_text(file, text);
  fs::last_write_time(file, std::max(fs::file_time_type::clock::now(), before + std::chrono::seconds(2)));
}

// The channel in a folder, changed by `edit` and signed again with `key` (as a curator's tool
// that does not exist would write it: an older version without rollback, an expired channel).
void resign_channel(const fs::path& channel_dir, const fs::path& museum_pub, const fs::path& key,
                    const std::function<void(fleet::Channel&)>& edit) {
  const fs::path file = channel_dir / "channel.json";
  const auto secret = trust::read_secret_key(key);
  const std::vector<trust::PublicKey> signers{trust::read_public_key(museum_pub), secret.public_key()};
  fleet::Channel c = fleet::parse_channel(test::read_text(file), signers, file.string());
  edit(c);
  serve(file, fleet::channel_text(c, secret));
}

}  // namespace

TEST_SUITE("Fleet updates end to end") {
  TEST_CASE("A kiosk installs what its channel names: the whole pack first, then only a patch, then nothing") {
    SKIP_WITHOUT_NGINX();
    Fleet f;
    test::TempDir packs;
    const fs::path v1 = e2e::make_pack(packs, "1", f.keys.secret, noisy(1600, 1200));
    const fs::path v2 = e2e::make_pack(packs, "2", f.keys.secret, noisy(1600, 1200, "Ein geänderter Text."));
    const fs::path config = f.kiosk("a");
    std::size_t seen = 0;

    auto r = f.publish(v1);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = update(config);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.err, "installed test.pack 1"));
    CHECK(current_of(config).version == "1");
    CHECK(current_of(config).hash == file_hash(v1));
    f.requests_since(seen);

    r = f.publish(v2);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = update(config);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.err, "installed test.pack 2"));
    CHECK(contains(r.err, "delta"));
    CHECK(current_of(config).hash == file_hash(v2));
    std::uint64_t patch_bytes = 0, pack_bytes = 0;
    for (const auto& a : f.requests_since(seen)) {
      if (ends_with(a.uri, ".zst")) patch_bytes += a.body_bytes;
      if (ends_with(a.uri, ".db")) pack_bytes += a.body_bytes;
    }
    const auto size = fs::file_size(v2);
    MESSAGE("pack " << size << " bytes; the update downloaded a patch of " << patch_bytes << " bytes ("
                    << 100.0 * static_cast<double>(patch_bytes) / static_cast<double>(size) << "%)");
    CHECK(pack_bytes == 0);
    CHECK(patch_bytes > 0);
    CHECK(patch_bytes * 20 <= size);  // one changed item: at most 5% of the pack

    r = update(config);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.err, "up to date"));
    const auto last = f.requests_since(seen);
    REQUIRE(last.size() == 1);
    CHECK(last[0].status == 304);  // the channel, not modified: nothing else asked for
  }

  TEST_CASE("A running kiosk shows what orpheus-update installed at its next idle moment") {
    SKIP_WITHOUT_NGINX();
    Fleet f;
    test::TempDir packs;
    const fs::path config = f.kiosk("a", "stable", "");
    std::ofstream(config, std::ios::app) << "";
    // switch_after_idle = 2 s (virtual time in the replay).
    std::string text = test::read_text(config);
    text.replace(text.find("require_signature = true\n"), 25, "require_signature = true\nswitch_after_idle = 2\n");
    test::write_text(config, text);
    REQUIRE(f.publish(e2e::make_pack(packs, "1", f.keys.secret)).exit_code == 0);
    REQUIRE(update(config).exit_code == 0);
    REQUIRE(f.publish(e2e::make_pack(packs, "2", f.keys.secret)).exit_code == 0);

    test::use_headless_environment();
    test::TempDir run;
    const std::vector<std::string> lines = {R"({"t_ms": 0, "state": "$DIR/before.json"})",
                                            R"({"wait_new_pack": 60000})",
                                            R"({"t_ms": 4000, "state": "$DIR/after.json"})",
                                            R"({"quit": true})"};
    const pid_t kiosk = test::spawn({ORPHEUS_KIOSK, "--config", config.string(), "--windowed", "1280x720", "--replay",
                                     e2e::write_script(run.path().string(), lines)},
                                    (run / "kiosk.err").string());
    const auto shown = test::wait_while_running(kiosk, [&] { return fs::exists(run / "before.json"); }, std::chrono::seconds(60));
    REQUIRE_MESSAGE(shown == test::Waited::found, "no before.json (" << test::describe(shown, std::chrono::seconds(60))
                                                                     << "); kiosk stderr:\n" << test::read_text(run / "kiosk.err"));
    const auto r = update(config);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    REQUIRE_MESSAGE(test::wait_exit(kiosk, 120) == 0, test::read_text(run / "kiosk.err"));
    CHECK(Json::parse(test::read_text(run / "before.json"))["pack"]["version"] == "1");
    const Json after = Json::parse(test::read_text(run / "after.json"));
    CHECK(after["pack"]["version"] == "2");
    CHECK(after["pack"]["trusted"] == true);
  }

  TEST_CASE("Killed at 100 random instants, the updater resumes where it stopped and only an intact pack is ever current") {
    SKIP_WITHOUT_NGINX();
    Fleet f("4m");  // per connection: a download of the new pack takes about a second
    test::TempDir packs;
    REQUIRE(f.publish(e2e::make_pack(packs, "1", f.keys.secret)).exit_code == 0);
    const fs::path v2 = e2e::make_pack(packs, "2", f.keys.secret, noisy(1200, 900));
    const fs::path templ = f.kiosk("template");
    REQUIRE(update(templ).exit_code == 0);  // every trial starts from this kiosk: version 1 current
    REQUIRE(f.publish(v2).exit_code == 0);
    const std::string v2_hash = file_hash(v2);

    // A kiosk copied from the template whose channel URL is its own (a link to the same folder),
    // so that the access log tells its requests apart.
    auto make_kiosk = [&](const std::string& name) {
      fs::copy(f.dir / "kiosks/template", f.dir / "kiosks" / name, fs::copy_options::recursive);
      fs::create_directory_symlink("stable", f.www / name);
      return f.kiosk(name, name);
    };
    auto updater = [](const fs::path& config) {
      return std::vector<std::string>{ORPHEUS_UPDATE, "--config", config.string(), "--now", "--no-delta", "-q"};
    };
    const auto started = std::chrono::steady_clock::now();
    const auto calibration = test::run(updater(make_kiosk("calibration")), 300);
    const double full_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    REQUIRE_MESSAGE(calibration.exit_code == 0, calibration.err);
    MESSAGE("an uninterrupted update of " << fs::file_size(v2) << " bytes takes " << full_s << " s");

    struct Trial {
      double kill_at_s = 0;
      std::string version_after_kill;
      bool intact_after_kill = false;
      std::uintmax_t part_bytes = 0;  // the download the kill left
      int resumed_exit = -1;
      std::string resumed_err, final_version, final_hash;
    };
    constexpr int kTrials = 100, kParallel = 4;
    std::vector<Trial> trials(kTrials);
    std::vector<fs::path> configs;
    for (int i = 0; i < kTrials; ++i) configs.push_back(make_kiosk("t" + std::to_string(i)));
    std::vector<std::thread> workers;
    for (int w = 0; w < kParallel; ++w)
      workers.emplace_back([&, w] {
        std::mt19937 rng(1000 + static_cast<unsigned>(w));
        for (int i = w; i < kTrials; i += kParallel) {
          Trial& t = trials[static_cast<std::size_t>(i)];
          const fs::path& config = configs[static_cast<std::size_t>(i)];
          t.kill_at_s = std::uniform_real_distribution<double>(0, 1.1 * full_s)(rng);
          const pid_t pid = test::spawn(updater(config), (config.parent_path() / "killed.err").string());
          std::this_thread::sleep_for(std::chrono::duration<double>(t.kill_at_s));
          ::kill(pid, SIGKILL);
          test::wait_exit(pid, 30);
          const Current c = current_of(config);
          t.version_after_kill = c.version;
          t.intact_after_kill = current_intact(config, f.keys.pub);
          std::error_code ec;
          for (const auto& e : fs::directory_iterator(config.parent_path() / "state/update/downloads", ec))
            if (e.path().extension() == ".part") t.part_bytes = e.file_size();
          const auto r = test::run(updater(config), 300);
          t.resumed_exit = r.exit_code;
          t.resumed_err = r.err;
          const Current after = current_of(config);
          t.final_version = after.version;
          t.final_hash = after.hash;
        }
      });
    for (auto& w : workers) w.join();

    const auto log = f.nginx->access_log();
    int resumed = 0;
    for (int i = 0; i < kTrials; ++i) {
      const Trial& t = trials[static_cast<std::size_t>(i)];
      CAPTURE(i);
      CAPTURE(t.kill_at_s);
      CHECK((t.version_after_kill == "1" || t.version_after_kill == "2"));
      CHECK(t.intact_after_kill);
      CHECK_MESSAGE(t.resumed_exit == 0, t.resumed_err);
      CHECK(t.final_version == "2");
      CHECK(t.final_hash == v2_hash);
      if (t.part_bytes == 0) continue;
      // Resumed, not started over: the next request for the pack asked for the rest only.
      const std::string prefix = "/t" + std::to_string(i) + "/", range = "bytes=" + std::to_string(t.part_bytes) + "-";
      const bool asked = std::any_of(log.begin(), log.end(), [&](const test::AccessLine& a) {
        return a.uri.rfind(prefix, 0) == 0 && ends_with(a.uri, ".db") && a.range == range;
      });
      CHECK_MESSAGE(asked, "trial " << i << " left " << t.part_bytes << " bytes but never asked for " << range);
      resumed += asked;
    }
    MESSAGE(resumed << " of " << kTrials << " kills fell inside the download and were resumed with a Range request");
    CHECK(resumed >= kTrials / 4);
  }

  TEST_CASE("Bad channels and bad files are refused with one clear line, and the kiosk keeps its pack") {
    SKIP_WITHOUT_NGINX();
    Fleet f({}, "location = /broken/channel.json { return 500; }\n"
                "location = /garbage/channel.json { default_type text/html; return 200 '<html>Site under maintenance</html>'; }\n");
    test::TempDir packs;
    const fs::path v1 = e2e::make_pack(packs, "1", f.keys.secret), v2 = e2e::make_pack(packs, "2", f.keys.secret);
    REQUIRE(f.publish(v1).exit_code == 0);
    const std::string serial1 = test::read_text(f.channel_dir / "channel.json");
    const fs::path config = f.kiosk("a");
    REQUIRE(update(config).exit_code == 0);
    const std::string v1_hash = file_hash(v1);

    // Runs the updater on a kiosk whose channel is `folder`: exit status 1, the log says `why`,
    // and the current pack is `keeps`.
    auto refused = [&](const std::string& folder, const std::string& why, const std::string& keeps,
                       std::vector<std::string> more = {"--now"}) {
      const fs::path c = folder == "stable" ? config : f.kiosk(folder + "-kiosk", folder);
      if (folder != "stable") fs::copy(f.dir / "kiosks/a/content", f.dir / "kiosks" / (folder + "-kiosk") / "content",
                                       fs::copy_options::recursive | fs::copy_options::skip_existing);
      const auto r = update(c, more);
      CAPTURE(folder);
      CHECK(r.exit_code == 1);
      CHECK_MESSAGE(contains(r.err, why), r.err);
      CHECK(current_of(c).hash == keeps);
      return r.err;
    };

    SUBCASE("servers that answer 500, 404 or a web page; the next runs back off") {
      CHECK(contains(refused("broken", "HTTP 500", v1_hash), f.channel_url("broken")));
      // The timer's next run, minutes later: it waits (exit 0, nothing asked of the server).
      std::size_t seen = f.nginx->access_log().size();
      const auto later = update(f.dir / "kiosks/broken-kiosk/kiosk.toml", {});
      CHECK(later.exit_code == 0);
      CHECK_MESSAGE(contains(later.err, "backing off after 1 failed attempts until"), later.err);
      CHECK(f.requests_since(seen).empty());
      refused("nowhere", "HTTP 404", v1_hash);
      refused("garbage", f.channel_url("garbage"), v1_hash);
    }
    SUBCASE("a channel signed by a key the kiosk does not trust") {
      const auto stranger = trust::read_public_key(f.keys.other_pub).id();
      resign_channel(f.channel_dir, f.keys.pub, f.keys.other_secret, [](fleet::Channel&) {});
      refused("stable", stranger, v1_hash);
    }
    SUBCASE("a channel changed after it was signed") {
      std::string text = test::read_text(f.channel_dir / "channel.json");
      text.replace(text.find("\"percent\": 100"), 14, "\"percent\": 99");
      serve(f.channel_dir / "channel.json", text);
      refused("stable", "signature", v1_hash);
    }
    SUBCASE("an expired channel") {
      resign_channel(f.channel_dir, f.keys.pub, f.keys.secret, [](fleet::Channel& c) {
        c.published = "2020-01-01T00:00:00Z";
        c.expires = "2020-04-01T00:00:00Z";
      });
      refused("stable", "expired", v1_hash);
    }
    SUBCASE("a replayed older channel, an older version without rollback, then a rollback") {
      REQUIRE(f.publish(v2).exit_code == 0);
      const auto r = update(config);
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      const std::string v2_hash = file_hash(v2);
      REQUIRE(current_of(config).hash == v2_hash);
      const std::string serial2 = test::read_text(f.channel_dir / "channel.json");
      serve(f.channel_dir / "channel.json", serial1);  // an attacker's copy of the old channel
      refused("stable", "serial", v2_hash);
      serve(f.channel_dir / "channel.json", serial2);
      // A newer channel naming version 1 for every kiosk, without rollback.
      resign_channel(f.channel_dir, f.keys.pub, f.keys.secret, [&](fleet::Channel& c) {
        const fleet::Channel old = fleet::parse_channel(serial1, std::vector{trust::read_public_key(f.keys.pub)}, "serial 1");
        c.serial += 1;
        c.packs.push_back(old.packs.at(0));
        c.rollouts.at(0).version = "1";
      });
      refused("stable", "older", v2_hash);
      resign_channel(f.channel_dir, f.keys.pub, f.keys.secret, [](fleet::Channel& c) {
        c.serial += 1;
        c.rollouts.at(0).rollback = true;
      });
      const auto back = update(config);
      CHECK_MESSAGE(back.exit_code == 0, back.err);
      CHECK(contains(back.err, "installed test.pack 1"));
      CHECK(current_of(config).hash == v1_hash);
    }
    SUBCASE("a pack signed by a key the kiosk does not trust: refused once, not downloaded again") {
      REQUIRE(f.publish(e2e::make_pack(packs, "3", f.keys.other_secret)).exit_code == 0);
      const std::string err = refused("stable", "not installed", v1_hash);
      CHECK(contains(err, trust::read_public_key(f.keys.other_pub).id()));
      std::size_t seen = f.nginx->access_log().size();
      refused("stable", "refused before, not downloaded again", v1_hash);
      const auto asked = f.requests_since(seen);
      CHECK(std::none_of(asked.begin(), asked.end(), [](const test::AccessLine& a) { return a.uri.find("/packs/") != std::string::npos; }));
    }
    SUBCASE("a pack on the server that is not the one the channel signed, one cut short, a damaged patch") {
      REQUIRE(f.publish(v2).exit_code == 0);
      const fleet::Channel c = fleet::parse_channel(test::read_text(f.channel_dir / "channel.json"),
                                                    std::vector{trust::read_public_key(f.keys.pub)}, "channel");
      const fleet::PackRef& pack = *c.find("test.pack", "2");
      REQUIRE(pack.patches.size() == 1);
      const fs::path served = f.channel_dir / pack.file, patch = f.channel_dir / pack.patches[0].file;
      const std::string good = test::read_text(served), good_patch = test::read_text(patch);
      std::string other = good;
      other[other.size() / 2] = static_cast<char>(other[other.size() / 2] ^ 0x55);  // same size, other bytes
      serve(served, other);
      refused("stable", "hash differs", v1_hash, {"--now", "--no-delta"});
      std::error_code ec;
      CHECK(fs::is_empty(f.dir / "kiosks/a/state/update/downloads", ec));  // the bad download is gone
      serve(served, good.substr(0, good.size() / 3));
      refused("stable", "has " + std::to_string(good.size() / 3) + " bytes, expected " + std::to_string(good.size()), v1_hash,
              {"--now", "--no-delta"});
      // A damaged patch: the updater says so and takes the whole pack instead.
      serve(served, good);
      std::string bad_patch = good_patch;
      bad_patch[bad_patch.size() / 2] = static_cast<char>(bad_patch[bad_patch.size() / 2] ^ 0x55);
      serve(patch, bad_patch);
      const auto r = update(config);
      CHECK_MESSAGE(r.exit_code == 0, r.err);
      CHECK(contains(r.err, "downloading the whole pack instead"));
      CHECK(current_of(config).hash == file_hash(v2));
    }
  }

  TEST_CASE("Kiosks tell the museum their status and usage; fleet-status shows the fleet") {
    SKIP_WITHOUT_NGINX();
    Fleet f;
    test::TempDir packs;
    REQUIRE(f.publish(e2e::make_pack(packs, "1", f.keys.secret)).exit_code == 0);
    const std::string status = "status_url = \"" + f.nginx->url("/status/") + "\"\n";
    const fs::path gold = f.kiosk("gold", "stable", status + "group = \"plovdiv\"\n[usage]\nkiosk_name = \"Gold room\"\ninstitution = \"RIM Plovdiv\"\n");
    const fs::path lobby = f.kiosk("lobby", "nowhere", status + "[usage]\nkiosk_name = \"Lobby\"\ninstitution = \"RIM Plovdiv\"\n");
    // Yesterday two visits on the gold room's kiosk (the journal the kiosk writes).
    const std::string yesterday = events::format_date(events::TimeZone::utc().to_local(std::time(nullptr)).day - 1);
    {
      usage::Journal journal(f.dir / "kiosks/gold/state/usage.db");
      journal.time_zone("UTC");
      for (int i = 0; i < 2; ++i) {
        usage::VisitRecord v;
        v.day = yesterday;
        v.hour = 10 + i;
        v.seconds = 60 + 30 * i;
        v.language = "bg";
        journal.add(v);
      }
      journal.flush();
    }
    auto r = update(gold);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = update(lobby);
    CHECK(r.exit_code == 1);  // its channel is missing: the status says so

    std::vector<fs::path> folders;
    for (const auto& e : fs::directory_iterator(f.dav)) folders.push_back(e.path());
    REQUIRE(folders.size() == 2);
    std::optional<fleet::KioskStatus> gold_status;
    for (const auto& folder : folders) {
      const auto s = fleet::parse_status(test::read_text(folder / "status.json"), (folder / "status.json").string());
      CHECK(s.kiosk_id == folder.filename().string());
      if (s.name == "Gold room") {
        gold_status = s;
        REQUIRE(fs::exists(folder / ("usage-" + yesterday + "-" + yesterday + ".json")));
        const auto e = usage::read_export(folder / ("usage-" + yesterday + "-" + yesterday + ".json"));
        REQUIRE(e.days.size() == 1);
        CHECK(e.days[0].sessions == 2);
      } else {
        CHECK(s.update.result == "failed");
        CHECK(contains(s.update.message, "HTTP 404"));
        CHECK(s.update.failures == 1);
      }
    }
    REQUIRE(gold_status);
    REQUIRE(gold_status->pack);
    CHECK(gold_status->pack->version == "1");
    CHECK(gold_status->update.result == "installed");
    CHECK(gold_status->group == "plovdiv");

    const auto table = e2e::pack_tool({"fleet-status", f.dav.string()});
    MESSAGE(table.out);
    CHECK(table.exit_code == 1);  // a kiosk has a problem
    CHECK(contains(table.out, "Gold room"));
    CHECK(contains(table.out, "Lobby"));
    CHECK(contains(table.out, "HTTP 404"));
    const auto json = e2e::pack_tool({"fleet-status", "--json", f.dav.string()});
    CHECK(Json::parse(json.out)["kiosks"].size() == 2);
  }

  TEST_CASE("The packaged nginx site serves a fleet over HTTPS and takes the kiosks' status behind a password") {
    SKIP_WITHOUT_NGINX();
    if (::access("/usr/bin/openssl", X_OK) != 0) {
      MESSAGE("skipped: this test makes its certificates with /usr/bin/openssl");
      return;
    }
    test::TempDir dir;
    const e2e::Keys keys = e2e::make_keys(dir);
    const auto tls = test::make_certificates(dir / "tls");
    // htpasswd's format from openssl (apache2-utils is not needed on a test machine).
    const auto hash = test::run({"/usr/bin/openssl", "passwd", "-apr1", "s3cret"}, 30);
    REQUIRE(hash.exit_code == 0);
    test::write_text(dir / "htpasswd", "kiosk:" + hash.out);
    // The example as shipped, with its machine-specific lines pointed at this test's files: the
    // address and port, the certificate, the served folder, the password file, its log (the
    // fixture's), and the plain-HTTP redirect on a socket file instead of port 80.
    std::string site = test::read_text(fs::path(ORPHEUS_SOURCE_DIR) / "packaging/nginx/nginx-orpheus.conf");
    const std::pair<std::string, std::string> edits[] = {
        {"listen 443 ssl;", "listen 127.0.0.1:${PORT} ssl;"},
        {"listen [::]:443 ssl;", ""},
        {"listen 80;", "listen unix:${DIR}/redirect.sock;"},
        {"listen [::]:80;", ""},
        {"/etc/ssl/certs/packs.museum.example.pem", tls.cert.string()},
        {"/etc/ssl/private/packs.museum.example.key", tls.key.string()},
        {"root /srv/orpheus;", "root " + (dir / "srv").string() + ";"},
        {"auth_basic_user_file /etc/nginx/orpheus-kiosks.htpasswd;", "auth_basic_user_file " + (dir / "htpasswd").string() + ";"},
        {"access_log /var/log/nginx/orpheus.access.log;", ""}};
    for (const auto& [from, to] : edits) {
      const auto at = site.find(from);
      REQUIRE_MESSAGE(at != std::string::npos, "the example no longer has: " << from);
      site.replace(at, from.size(), to);
    }
    fs::create_directories(dir / "srv/channels/stable");
    fs::create_directories(dir / "srv/status");
    test::NginxOptions o;
    o.site = site;
    o.tls_cert = tls.cert;
    o.tls_key = tls.key;
    test::Nginx nginx(o);

    test::TempDir packs;
    auto r = e2e::pack_tool({"publish", "-q", e2e::make_pack(packs, "1", keys.secret).string(), "--channel",
                             (dir / "srv/channels/stable").string(), "--key", keys.secret.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string base = nginx.url("/");  // https://127.0.0.1:PORT/
    auto kiosk = [&](const std::string& name, const std::string& password) {
      const fs::path k = dir / name;
      fs::create_directories(k / "state");
      test::write_text(k / "kiosk.toml",
                       "[content]\ndir = \"" + (k / "content").string() + "\"\ntrusted_keys = [\"" + keys.pub.string() +
                           "\"]\n[state]\ndir = \"" + (k / "state").string() + "\"\n[update]\nchannel = \"" + base +
                           "channels/stable/channel.json\"\nca_file = \"" + tls.ca.string() + "\"\nstatus_url = \"https://kiosk:" +
                           password + "@" + base.substr(8) + "status/\"\n");
      return k / "kiosk.toml";
    };
    r = update(kiosk("good", "s3cret"));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contains(r.err, "installed test.pack 1"));
    CHECK_FALSE_MESSAGE(contains(r.err, "not sent"), r.err << nginx.error_log());
    std::vector<fs::path> statuses;
    for (const auto& e : fs::recursive_directory_iterator(dir / "srv/status"))
      if (e.path().filename() == "status.json") statuses.push_back(e.path());
    REQUIRE(statuses.size() == 1);
    CHECK(fleet::parse_status(test::read_text(statuses[0]), statuses[0].string()).update.result == "installed");

    // A wrong password: the pack still installs, the status is refused (401) and said so, the
    // password never in the log.
    r = update(kiosk("wrong", "guess"));
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "the status was not sent"));
    CHECK(contains(r.err, "HTTP 401"));
    CHECK_FALSE(contains(r.err, "guess"));
    // Nobody reads the status folder through the web, and nothing outside channels/ is served.
    for (const char* path : {"status/", "channels/../status/", "srv/"}) {
      CAPTURE(path);
      long status = 0;
      try {
        fleet::HttpOptions trusting;
        trusting.ca_file = tls.ca;
        fleet::Http(trusting).get(base + std::string(path));
      } catch (const fleet::HttpError& e) {
        status = e.status();
      }
      CHECK((status == 401 || status == 403 || status == 404));
    }
  }

  TEST_CASE("Behind the museum's proxy: every request goes through the proxy the configuration names") {
    SKIP_WITHOUT_NGINX();
    Fleet f;
    test::TempDir packs;
    REQUIRE(f.publish(e2e::make_pack(packs, "1", f.keys.secret)).exit_code == 0);
    // A second nginx as the museum's HTTP proxy: it takes absolute-form requests and passes them on.
    test::NginxOptions p;
    p.site = "server {\n  listen 127.0.0.1:${PORT};\n  location / { proxy_pass " + f.nginx->url("") + "; }\n}\n";
    test::Nginx proxy(p);
    const fs::path config = f.kiosk("behind-proxy", "stable", "proxy = \"" + proxy.url("") + "\"\nstatus_url = \"" + f.nginx->url("/status/") + "\"\n");
    const auto r = update(config);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err << proxy.error_log());
    CHECK(contains(r.err, "installed test.pack 1"));
    std::vector<std::string> through;
    for (const auto& a : proxy.access_log()) through.push_back(a.method + " " + a.uri);
    CAPTURE(through);
    REQUIRE(through.size() == 3);  // the channel, the pack, the status
    CHECK(through[0].starts_with("GET "));
    CHECK(ends_with(through[0], "/stable/channel.json"));
    CHECK(ends_with(through[1], ".db"));
    CHECK(through[2].starts_with("PUT "));
    CHECK(f.nginx->access_log().size() == 3);  // the server saw only what the proxy passed on
  }
}
