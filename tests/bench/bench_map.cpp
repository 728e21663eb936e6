// Map benchmark: CPU per frame of the map screen (1920x1080, headless) while a visitor pinches and
// pans it, on 10,000 generated find-spots (test::make_map_pack) next to the demo pack's own, and the
// size of the map in the demo pack. Each run opens the map, waits for its layouts (the "before"
// dump: markers where it opens), then replays 8 pinches about points across the screen,
// alternately 3x in and 3x out, 400-600 ms each, one more pinch in, and 6 flings in four
// directions (700 px in 120 ms, a second to run out). Prints the medians over runs of the frames'
// median and p99 UI CPU (the screens building their UI; the target: p99 < 2 ms) and whole-frame
// CPU (with tile uploads and GL submission on llvmpipe), and the frames drawn; then the map's bytes
// in the demo pack (the target: <= 5 MB).
// Usage: bench_map [--quick] [--runs N]. --quick: one run of 2 pinches and 2 flings at 20 frames a
// second of virtual time, checking that every figure was measured (keeps the benchmark working in
// CI; not figures to report).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "catalog/sqlite.h"
#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/synthetic_pack.h"

using namespace orpheus;

namespace {

using test::median;
using test::pinch_step;

constexpr double kFirstGestureMs = 4000;  // virtual time: after the map has opened and settled

test::ScreenRun pinch_and_pan(const std::string& dir, const std::string& pack, int pinches, int flings, bool quick) {
  std::vector<std::string> steps = {R"({"t_ms": 100, "tap_target": "open.map"})", test::state_step(dir)};
  if (quick) steps.insert(steps.begin(), test::quick_frames_step());
  double t = kFirstGestureMs;
  for (int i = 0; i < pinches; ++i) {
    const int ms = 400 + 100 * (i % 3), cx = 400 + 1100 * i / std::max(1, pinches - 1), cy = 350 + 100 * (i % 4);
    steps.push_back(i % 2 ? pinch_step(t, cx, cy, 600, 200, ms) : pinch_step(t, cx, cy, 200, 600, ms));
    t += ms + 500;
  }
  steps.push_back(pinch_step(t, 960, 540, 200, 600, 500));  // in, so that a fling has room to run
  t += 1000;
  for (int i = 0; i < flings; ++i, t += 1200) {
    const int dx = i % 2 ? 700 : -700, dy = i % 4 < 2 ? 300 : -300;
    steps.push_back(test::drag_step(t, 960 - dx / 2, 540 - dy / 2, 960 + dx / 2, 540 + dy / 2, 120));
  }
  return test::run_screen(ORPHEUS_KIOSK, dir, pack, steps, "map", kFirstGestureMs, "bench_map");
}

void print(const char* name, const test::ScreenSeries& s) {
  s.print(name, s.before.value("located", -1), std::to_string(s.before.value("markers", nlohmann::json::array()).size()));
}

// The bytes of the demo pack's map: its tiles (PNG) and lines (float pairs).
void print_map_size(const std::string& pack) {
  sql::Database db(pack, sql::Database::Mode::read_only);
  auto tiles = db.prepare("SELECT COUNT(*), SUM(length(bytes)) FROM map_tile");
  tiles.step();
  auto lines = db.prepare("SELECT COUNT(*), SUM(length(points)) FROM map_line");
  lines.step();
  const auto tile_bytes = tiles.int64(1), line_bytes = lines.int64(1);
  std::printf("map layers in the demo pack: %d tiles, %.1f KB of PNG; %d lines, %.1f KB (%lld points over all detail "
              "levels)\n",
              static_cast<int>(tiles.int64(0)), static_cast<double>(tile_bytes) / 1024, static_cast<int>(lines.int64(0)),
              static_cast<double>(line_bytes) / 1024, static_cast<long long>(line_bytes / 8));
  const auto total = tile_bytes + line_bytes;
  std::printf("  total %.2f MB; target <= 5 MB: %s\n", static_cast<double>(total) / (1 << 20), total <= 5 << 20 ? "met" : "NOT met");
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = test::parse_bench_runs(argc, argv, "bench_map");
  if (!options) return 2;
  const bool quick = options->quick;
  test::use_headless_environment();
  test::TempDir temp;
  const std::string dir = temp.path().string();
  const std::string pack = dir + "/map.db";
  test::make_map_pack(ORPHEUS_DEMO_PACK, pack, 10000, 0);

  const int pinches = quick ? 2 : 8, flings = quick ? 2 : 6;
  test::ScreenSeries big, demo;
  for (int r = 0; r < options->runs; ++r) {
    big.add(pinch_and_pan(dir, pack, pinches, flings, quick));
    demo.add(pinch_and_pan(dir, ORPHEUS_DEMO_PACK, pinches, flings, quick));
  }

  std::printf("map benchmark (1920x1080, SDL offscreen/llvmpipe, %d cores, load %s): %d pinches, %d flings, "
              "medians of %d runs%s\n",
              static_cast<int>(std::thread::hardware_concurrency()), test::load_average().c_str(), pinches + 1, flings,
              options->runs, quick ? " [quick: not for reporting]" : "");
  std::printf("  %-14s %6s %11s %11s %11s %11s %7s   %s\n", "pack", "pins", "UI median", "UI p99", "frame med",
              "frame p99", "frames", "markers at the start");
  print("10,000 items", big);
  print("demo", demo);
  const double p99 = median(big.ui_p99);
  std::printf("  target: UI p99 < 2 ms on the 10,000 items: %s (%.3f ms)\n", p99 >= 0 && p99 < 2 ? "met" : "NOT met", p99);
  print_map_size(ORPHEUS_DEMO_PACK);

  const bool complete = big.complete && demo.complete;
  if (!complete) std::fprintf(stderr, "bench_map: some figures could not be measured\n");
  return complete ? 0 : 1;
}
