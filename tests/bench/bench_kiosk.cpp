// Kiosk benchmark: prints medians of
//   - process start -> first frame presented (demo pack, 1920x1080, headless)
//   - CPU time per frame while dragging a 10,000-item collection grid, next to a 30-item one,
//     and while panning a 20,000 x 20,000 image at twice full resolution (its tile pyramid)
//   - CPU used by the live kiosk while idle on the home screen for 10 s
//   - peak RSS of those runs
// Usage: bench_kiosk [--quick] [--runs N]. --quick: one run each, replays at 20 frames a second of
// virtual time, and a 2 s idle window (keeps the benchmark working in CI; its figures are not the
// ones to report).
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/soak_pack.h"
#include "support/synthetic_pack.h"
#include "support/wait.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;

namespace {

using test::drag_step;
using test::FrameStats;
using test::median;
using test::state_step;

// Start -> "first frame presented" log line, measured from outside the process.
double time_to_first_frame(const std::string& dir) {
  const std::string err = dir + "/start.txt";
  std::filesystem::remove(err);  // the child creates it: no stale line from the last run
  const auto t0 = Clock::now();
  const pid_t pid = test::spawn({ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1920x1080"}, err);
  double ms = -1;
  // Polled every half millisecond: the figure is in milliseconds.
  if (test::wait_until([&] { return test::file_has(err, "first frame presented"); }, std::chrono::seconds(30),
                      std::chrono::microseconds(500)))
    ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  kill(pid, SIGTERM);
  test::wait_exit(pid, 10);
  return ms;
}

// Opens a collection and drags its grid up and down.
FrameStats drag_grid(const std::string& dir, const std::string& pack, const std::string& collection, int drags, bool quick) {
  std::vector<std::string> steps = {R"({"t_ms": 100, "tap_target": "collection.)" + collection + R"("})", state_step(dir)};
  if (quick) steps.insert(steps.begin(), test::quick_frames_step());
  double t = 1000;
  for (int i = 0; i < drags; ++i, t += 700) {
    const int y0 = i % 4 == 3 ? 300 : 900, y1 = i % 4 == 3 ? 900 : 300;  // mostly forward, sometimes back
    steps.push_back(drag_step(t, 960, y0, 960, y1, 400));
  }
  return test::replay_frames(ORPHEUS_KIOSK, dir, pack, steps);
}

// Opens the huge image (support/soak_pack.h), pinches it to twice full resolution, then pans
// across it in every direction: the frames of the pan.
FrameStats pan_huge(const std::string& dir, const std::string& pack, int pans, bool quick) {
  std::vector<std::string> steps = {R"({"t_ms": 300, "tap_target": "collection.huge"})",
                                    R"({"t_ms": 1500, "tap_target": "item.huge-0"})",
                                    R"({"t_ms": 3000, "tap_target": "item.image"})"};
  if (quick) steps.insert(steps.begin(), test::quick_frames_step());
  double t = 5000;
  for (int i = 0; i < 5; ++i, t += 1500)
    steps.push_back(R"({"t_ms": )" + std::to_string(static_cast<long>(t)) + R"(, "pinch": [960, 500, 100, 1000], "ms": 500})");
  steps.push_back(state_step(dir));
  for (int i = 0; i < pans; ++i, t += 900) {
    const int dx = (i % 4 < 2 ? 1 : -1) * 1200, dy = (i % 2 ? 1 : -1) * 500;
    steps.push_back(drag_step(t, 960 - dx / 2, 500 - dy / 2, 960 + dx / 2, 500 + dy / 2, 700));
  }
  return test::replay_frames(ORPHEUS_KIOSK, dir, pack, steps);
}

// Live kiosk (no replay) on the home screen: CPU share over `seconds` once settled (its log line
// "settled": thumbnails loaded and faded in, nothing else to do); -1 if it never settles.
double idle_cpu_percent(const std::string& dir, int seconds, long* rss_kb) {
  const std::string err = dir + "/idle.txt";
  const pid_t pid = test::spawn({ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1920x1080"}, err);
  const auto settled = test::wait_while_running(pid, [&] { return test::file_has(err, "app: settled "); }, std::chrono::seconds(60));
  if (settled != test::Waited::found) {
    std::fprintf(stderr, "bench_kiosk: the idle kiosk did not settle (%s):\n%s\n",
                 test::describe(settled, std::chrono::seconds(60)).c_str(), test::read_text(err).c_str());
    kill(pid, SIGTERM);
    test::wait_exit(pid, 10, rss_kb);
    return -1;
  }
  const double before = test::cpu_ticks(pid);
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  const double used = test::cpu_ticks(pid) - before;
  kill(pid, SIGTERM);
  test::wait_exit(pid, 10, rss_kb);
  return 100.0 * used / static_cast<double>(sysconf(_SC_CLK_TCK)) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = test::parse_bench_runs(argc, argv, "bench_kiosk");
  if (!options) return 2;
  const bool quick = options->quick;
  const int runs = options->runs;
  test::use_headless_environment();
  test::TempDir temp;
  const std::string dir = temp.path().string();
  const std::string pack = dir + "/bench.db";
  test::make_grid_pack(ORPHEUS_DEMO_PACK, pack, {30, 10000});
  const int huge_size = quick ? 4096 : 20000;
  const std::string huge = dir + "/huge.db";
  test::make_huge_image_pack(ORPHEUS_DEMO_PACK, huge, huge_size);

  std::vector<double> start, idle;
  std::vector<double> grid_med, grid_p99, small_med, small_p99, grid_ui_med, grid_ui_p99, small_ui_med, small_ui_p99;
  long rss_idle = 0, rss_grid = 0;
  for (int r = 0; r < runs; ++r) start.push_back(time_to_first_frame(dir));
  const int drags = quick ? 2 : 16;
  for (int r = 0; r < (quick ? 1 : 3); ++r) {
    const auto big = drag_grid(dir, pack, "grid-10000", drags, quick);
    const auto small = drag_grid(dir, pack, "grid-30", drags, quick);
    grid_med.push_back(big.median);
    grid_p99.push_back(big.p99);
    small_med.push_back(small.median);
    small_p99.push_back(small.p99);
    grid_ui_med.push_back(big.ui_median);
    grid_ui_p99.push_back(big.ui_p99);
    small_ui_med.push_back(small.ui_median);
    small_ui_p99.push_back(small.ui_p99);
    rss_grid = std::max(rss_grid, big.rss_kb);
  }
  std::vector<double> pan_med, pan_p99;
  for (int r = 0; r < (quick ? 1 : 3); ++r) {
    const auto pan = pan_huge(dir, huge, quick ? 2 : 16, quick);
    pan_med.push_back(pan.median);
    pan_p99.push_back(pan.p99);
  }
  for (int r = 0; r < (quick ? 1 : 3); ++r) {
    long rss = 0;
    idle.push_back(idle_cpu_percent(dir, quick ? 2 : 10, &rss));
    rss_idle = std::max(rss_idle, rss);
  }

  std::printf("orpheus-kiosk benchmark (1920x1080, SDL offscreen/llvmpipe, %d cores)%s\n",
              static_cast<int>(std::thread::hardware_concurrency()), quick ? " [quick: not for reporting]" : "");
  std::printf("  start -> first frame presented      median %8.1f ms   (%zu runs)\n", median(start), start.size());
  std::printf("  UI build CPU, 10,000-item grid      median %8.3f ms   p99 %8.3f ms\n", median(grid_ui_med), median(grid_ui_p99));
  std::printf("  UI build CPU, 30-item grid          median %8.3f ms   p99 %8.3f ms\n", median(small_ui_med), median(small_ui_p99));
  std::printf("  whole frame CPU (with texture uploads and GL submission, llvmpipe):\n");
  std::printf("                 10,000-item grid     median %8.3f ms   p99 %8.3f ms\n", median(grid_med), median(grid_p99));
  std::printf("                 30-item grid         median %8.3f ms   p99 %8.3f ms\n", median(small_med), median(small_p99));
  std::printf("                 %dx%d image, panned at twice full resolution (tiles)\n", huge_size, huge_size);
  std::printf("                                      median %8.3f ms   p99 %8.3f ms\n", median(pan_med), median(pan_p99));
  std::printf("  CPU while idle on home (%2d s)       median %8.2f %%\n", quick ? 2 : 10, median(idle));
  std::printf("  peak RSS: idle home %ld MB, 10,000-item grid %ld MB\n", rss_idle / 1024, rss_grid / 1024);

  const bool complete = median(start) > 0 && median(grid_med) >= 0 && median(small_med) >= 0 && median(pan_med) >= 0 &&
                        median(idle) >= 0 &&
                        rss_idle > 0 && rss_grid > 0;
  if (!complete) std::fprintf(stderr, "bench_kiosk: some figures could not be measured\n");
  return complete ? 0 : 1;
}
