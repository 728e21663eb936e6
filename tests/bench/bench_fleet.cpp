// A fleet updating from one nginx (docs/fleet.md): N simulated kiosks, each the real
// orpheus-update with its own store and state folder, run P at a time (what 2 cores hold), against
// one real nginx on 127.0.0.1 serving a channel that orpheus-pack publish wrote.
//   1. every kiosk starts on version 1 (hard links to one copy: a store never modifies a pack)
//   2. delta, staged: version 2 published at 10% (every kiosk runs; the others stay), then at
//      100%; every kiosk runs once more and takes the patch
//   3. whole packs: every kiosk back on version 1, runs once with --no-delta
// Prints, per scenario: kiosks converged, wall time to converge, bytes nginx sent (in all and per
// kiosk), nginx's CPU seconds, and the median and 90th percentile of one kiosk's update. Exit
// status 1 if a kiosk did not end on version 2's exact bytes, or the staged step strayed far
// from 10%.
// Usage: bench_fleet [--kiosks N] [--parallel P] [--quick]   (--quick: 40 kiosks, for CTest)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "media/image.h"
#include "support/nginx.h"
#include "support/process.h"
#include "support/source_tree.h"
#include "trust/seal.h"

using namespace orpheus;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int kiosks = 1000, parallel = 4;
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "bench_fleet: %s\n", what.c_str());
  std::exit(1);
}

test::RunResult tool(std::vector<std::string> args, const char* exe = ORPHEUS_PACK) {
  args.insert(args.begin(), exe);
  auto r = test::run(args, 600);
  if (r.exit_code != 0) fail(args[1] + " failed: " + r.err);
  return r;
}

// The tests' small pack with a 1200 x 900 noise photo (a few MB with its tiles), at `version`;
// `summary` changes one item's text (version 2).
fs::path make_pack(const fs::path& dir, const std::string& version, const fs::path& key, const std::string& summary) {
  const fs::path src = dir / ("src-" + version), media_dir = dir / ("media-" + version), out = dir / ("pack-" + version + ".db");
  test::write_good_tree(src, media_dir);
  std::string toml = test::kPackToml;
  toml.replace(toml.find("1.2.3"), 5, version);
  test::write_text(src / "pack.toml", toml);
  media::Image noise = test::solid(1200, 900, 0, 0, 0);
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < noise.pixels.size(); ++i)
    if (i % 4 != 3) noise.pixels[i] = static_cast<std::uint8_t>(rng());
  test::write_bytes(src / "images/noise.jpg", media::encode_jpeg(noise, 92));
  std::string item = test::read_text(src / "items/gold/amphora.toml");
  if (!summary.empty()) item.replace(item.find("summary"), item.find('\n', item.find("summary")) - item.find("summary"),
                                     "summary = { bg = \"" + summary + "\" }");
  test::write_text(src / "items/gold/amphora.toml", item + "\n[[images]]\nfile = \"images/noise.jpg\"\n");
  tool({"build", "-q", src.string(), "--media-dir", media_dir.string(), "-o", out.string()});
  tool({"sign", "-q", out.string(), "--key", key.string()});
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

struct Fleet {
  fs::path root;           // kiosks/K<i>/{kiosk.toml, content/, state/}
  fs::path v1_store;       // the template store with version 1 current
  std::string channel_url;
  fs::path pub;
  int count = 0;

  fs::path config(int i) const { return root / ("k" + std::to_string(i)) / "kiosk.toml"; }

  // Kiosk i on version 1: its store's files hard-linked to the template's, a fresh state folder.
  void reset(int i) const {
    const fs::path k = root / ("k" + std::to_string(i));
    fs::remove_all(k);
    fs::create_directories(k / "content");
    fs::create_directories(k / "state");
    for (const auto& e : fs::directory_iterator(v1_store))
      if (e.is_regular_file()) {
        if (e.path().extension() == ".db") fs::create_hard_link(e.path(), k / "content" / e.path().filename());
        else fs::copy_file(e.path(), k / "content" / e.path().filename());
      }
    test::write_text(k / "kiosk.toml", "[content]\ndir = \"" + (k / "content").string() + "\"\ntrusted_keys = [\"" + pub.string() +
                                            "\"]\n[state]\ndir = \"" + (k / "state").string() + "\"\n[update]\nchannel = \"" +
                                            channel_url + "\"\n[log]\nlevel = \"warn\"\n");
  }

  // Whether kiosk i's current pack is exactly `hash`.
  bool on(int i, const trust::ContentHash& hash) const {
    const fs::path content = root / ("k" + std::to_string(i)) / "content";
    std::ifstream state(content / "state");
    std::string line;
    while (std::getline(state, line))
      if (line.rfind("current = ", 0) == 0) return trust::hash_file(content / line.substr(10)) == hash;
    return false;
  }
};

struct Pass {
  double wall_s = 0;
  std::vector<double> update_s;
  int failed = 0;
};

// Every kiosk runs orpheus-update once, `parallel` at a time.
Pass run_all(const Fleet& fleet, int parallel, const std::vector<std::string>& extra) {
  Pass pass;
  std::mutex m;
  std::atomic<int> next{0};
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < parallel; ++w)
    workers.emplace_back([&] {
      for (int i = next++; i < fleet.count; i = next++) {
        std::vector<std::string> args = {ORPHEUS_UPDATE, "--config", fleet.config(i).string(), "--now", "-q"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto t0 = Clock::now();
        const auto r = test::run(args, 600);
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        std::lock_guard lock(m);
        pass.update_s.push_back(s);
        if (r.exit_code != 0) {
          if (pass.failed++ < 3) std::fprintf(stderr, "kiosk %d: %s\n", i, r.err.c_str());
        }
      }
    });
  for (auto& w : workers) w.join();
  pass.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return pass;
}

void report(const char* name, const Pass& pass, std::uint64_t bytes, double cpu_s, int converged, int kiosks,
            std::uint64_t pack_bytes) {
  std::printf("%-22s %5d/%d converged  %7.1f s wall  %9.1f MB served (%7.1f KB per kiosk, %5.2f%% of the pack)  "
              "nginx %5.2f s CPU  one update: median %.2f s, p90 %.2f s\n",
              name, converged, kiosks, pass.wall_s, static_cast<double>(bytes) / 1e6,
              static_cast<double>(bytes) / 1e3 / kiosks, 100.0 * static_cast<double>(bytes) / kiosks / static_cast<double>(pack_bytes),
              cpu_s, percentile(pass.update_s, 0.5), percentile(pass.update_s, 0.9));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") o.kiosks = 40;
    else if (a == "--kiosks" && i + 1 < argc) o.kiosks = std::atoi(argv[++i]);
    else if (a == "--parallel" && i + 1 < argc) o.parallel = std::atoi(argv[++i]);
    else fail("usage: bench_fleet [--kiosks N] [--parallel P] [--quick]");
  }
  if (o.kiosks < 10 || o.parallel < 1) fail("--kiosks at least 10, --parallel at least 1");
  if (!test::Nginx::available()) {
    std::printf("bench_fleet: SKIPPED: no nginx (apt-get install nginx)\n");
    return 0;
  }
  test::TempDir dir;
  tool({"keygen", "-q", (dir / "keys/museum").string()});
  const fs::path key = dir / "keys/museum.key";
  const fs::path v1 = make_pack(dir.path(), "1", key, ""), v2 = make_pack(dir.path(), "2", key, "Ein geänderter Text.");
  const auto v2_hash = trust::hash_file(v2);
  const auto pack_bytes = fs::file_size(v2);
  const fs::path channel = dir / "www/stable";
  fs::create_directories(channel);
  test::NginxOptions served;
  served.root = dir / "www";
  test::Nginx nginx(served);

  Fleet fleet{dir / "kiosks", dir / "template/content", nginx.url("/stable/channel.json"), dir / "keys/museum.pub", o.kiosks};
  auto publish = [&](const fs::path& pack, std::vector<std::string> more) {
    std::vector<std::string> args = {"publish", "-q", pack.string(), "--channel", channel.string(), "--key", key.string()};
    args.insert(args.end(), more.begin(), more.end());
    tool(args);
  };
  publish(v1, {});
  {  // The template: version 1 installed by the updater itself.
    Fleet t{dir / "template-kiosk", {}, fleet.channel_url, fleet.pub, 1};
    fs::create_directories(t.root / "k0");
    test::write_text(t.config(0), "[content]\ndir = \"" + (dir / "template/content").string() + "\"\ntrusted_keys = [\"" +
                                       fleet.pub.string() + "\"]\n[state]\ndir = \"" + (t.root / "k0/state").string() +
                                       "\"\n[update]\nchannel = \"" + fleet.channel_url + "\"\n");
    tool({"--config", t.config(0).string(), "--now", "-q"}, ORPHEUS_UPDATE);
  }
  std::printf("bench_fleet: %d kiosks, %d at a time, pack version 2: %.2f MB (one item's text changed from version 1)\n",
              o.kiosks, o.parallel, static_cast<double>(pack_bytes) / 1e6);

  bool ok = true;
  auto measure = [&](const char* name, const std::vector<std::string>& extra) {
    const auto bytes0 = nginx.bytes_sent();
    const double cpu0 = nginx.cpu_seconds();
    const Pass pass = run_all(fleet, o.parallel, extra);
    int converged = 0;
    for (int i = 0; i < fleet.count; ++i) converged += fleet.on(i, v2_hash);
    report(name, pass, nginx.bytes_sent() - bytes0, nginx.cpu_seconds() - cpu0, converged, fleet.count, pack_bytes);
    return converged;
  };

  // 2. Delta, staged: 10% first, then everyone.
  for (int i = 0; i < fleet.count; ++i) fleet.reset(i);
  publish(v2, {"--percent", "10"});
  const int staged = measure("delta, 10% stage", {});
  const double share = static_cast<double>(staged) / fleet.count;
  if (share < 0.03 || share > 0.2) {
    std::fprintf(stderr, "bench_fleet: the 10%% stage reached %.1f%% of the kiosks\n", 100 * share);
    ok = false;
  }
  publish(v2, {});
  if (measure("delta, then 100%", {}) != fleet.count) ok = false;

  // 3. The same fleet from version 1 again, whole packs only.
  for (int i = 0; i < fleet.count; ++i) fleet.reset(i);
  if (measure("whole packs", {"--no-delta"}) != fleet.count) ok = false;
  for (int i = 0; i < fleet.count; ++i) fs::remove_all(fleet.root / ("k" + std::to_string(i)));
  std::printf("bench_fleet: %s\n", ok ? "every kiosk converged on version 2's exact bytes" : "FAILED");
  return ok ? 0 : 1;
}
