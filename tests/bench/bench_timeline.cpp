// Timeline benchmark: CPU per frame of the timeline screen (1920x1080, headless) while a visitor
// pinches and flings the axis, on 10,000 generated dated objects (test::make_timeline_pack) next to
// the demo pack's 41. Each run opens the timeline, waits for its layouts (the "before" dump, which
// also gives the load: markers and count badges at the whole span), then replays 8 pinches about
// x = 300 .. 1600, alternately 3x in and 3x out, 400-600 ms each, one more pinch in, and 6 flings
// (800 px in 120 ms, a second to run out). Prints the medians over runs of the frames' median and
// p99 UI CPU (the screens building their UI, the target: p99 < 2 ms) and whole-frame CPU (with
// texture uploads and GL submission on llvmpipe), and the frames drawn.
// Usage: bench_timeline [--quick] [--runs N]. --quick: one run of 3 pinches and 2 flings, checking
// that every figure was measured (keeps the benchmark working in CI; not figures to report).
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/synthetic_pack.h"

using namespace orpheus;

namespace {

using test::median;
using test::pinch_step;

constexpr double kFirstGestureMs = 4000;  // virtual time: after the timeline has opened and settled

// Opens the timeline, then pinches and flings it.
test::ScreenRun pinch_and_fling(const std::string& dir, const std::string& pack, int pinches, int flings) {
  std::vector<std::string> steps = {R"({"t_ms": 100, "tap_target": "open.timeline"})", test::state_step(dir)};
  double t = kFirstGestureMs;
  for (int i = 0; i < pinches; ++i) {
    const int ms = 400 + 100 * (i % 3), cx = 300 + 1300 * i / std::max(1, pinches - 1);
    steps.push_back(i % 2 ? pinch_step(t, cx, 540, 600, 200, ms) : pinch_step(t, cx, 540, 200, 600, ms));
    t += ms + 500;
  }
  steps.push_back(pinch_step(t, 960, 540, 200, 600, 500));  // in, so that a fling has room to run
  t += 1000;
  for (int i = 0; i < flings; ++i, t += 1200) {
    const int dx = i % 4 < 2 ? -800 : 800;  // mostly on, sometimes back
    steps.push_back(test::drag_step(t, 960 - dx / 2, 540, 960 + dx / 2, 540, 120));
  }
  return test::run_screen(ORPHEUS_KIOSK, dir, pack, steps, "timeline", kFirstGestureMs, "bench_timeline");
}

void print(const char* name, const test::ScreenSeries& s) {
  s.print(name, s.before.value("placed", -1),
          std::to_string(s.before.value("markers", -1)) + " / " + std::to_string(s.before.value("clusters", -1)));
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = test::parse_bench_runs(argc, argv, "bench_timeline");
  if (!options) return 2;
  const bool quick = options->quick;
  test::use_headless_environment();
  test::TempDir temp;
  const std::string dir = temp.path().string();
  const std::string pack = dir + "/timeline.db";
  test::make_timeline_pack(ORPHEUS_DEMO_PACK, pack, 10000, 0);

  const int pinches = quick ? 2 : 8, flings = quick ? 2 : 6;
  test::ScreenSeries big, demo;
  for (int r = 0; r < options->runs; ++r) {
    big.add(pinch_and_fling(dir, pack, pinches, flings));
    demo.add(pinch_and_fling(dir, ORPHEUS_DEMO_PACK, pinches, flings));
  }

  std::printf("timeline benchmark (1920x1080, SDL offscreen/llvmpipe, %d cores, load %s): %d pinches, %d flings, "
              "medians of %d runs%s\n",
              static_cast<int>(std::thread::hardware_concurrency()), test::load_average().c_str(), pinches + 1, flings,
              options->runs, quick ? " [quick: not for reporting]" : "");
  std::printf("  %-14s %6s %11s %11s %11s %11s %7s   %s\n", "pack", "dated", "UI median", "UI p99", "frame med",
              "frame p99", "frames", "markers / badges at fit");
  print("10,000 items", big);
  print("demo", demo);
  const double p99 = median(big.ui_p99);
  std::printf("  target: UI p99 < 2 ms on the 10,000 items: %s (%.3f ms)\n", p99 >= 0 && p99 < 2 ? "met" : "NOT met", p99);

  const bool complete = big.complete && demo.complete;
  if (!complete) std::fprintf(stderr, "bench_timeline: some figures could not be measured\n");
  return complete ? 0 : 1;
}
