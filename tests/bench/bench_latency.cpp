// Input latency benchmark of the real kiosk on an X server: prints, while a finger (the mouse
// with the left button held) pans a 200-item collection grid,
//   - input event -> buffer swap latency, median and p99, over every motion event sent
//   - frames per second and pointer events per frame while the finger moves
//   - CPU used by the kiosk (and by the X server, which receives every software-rendered frame)
// How: a private Xvfb; the kiosk runs on it with --trace-frames; XTest sends a click on the
// grid's card, then vertical drags at 250 events per second (1 px per event, faster than any
// display). The time of an event is steady_clock right after XFlush; the trace gives for every
// presented frame the steady_clock time after SDL_GL_SwapWindow and the position of the last
// pointer event handled, which covers every earlier event of the drag.
// Usage: bench_latency [--quick] [--runs N] [--drags N] [--keep DIR]. --quick: one short drag
// (keeps the benchmark working in CI; its figures are not the ones to report). --keep: copy each
// run's frame trace and the times of the events sent into DIR (runN-trace.jsonl, runN-sent.txt).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/synthetic_pack.h"
#include "support/wait.h"

// Last: Xlib defines macros (None, Status, True, ...) that would clash with the headers above.
#include "support/x_kiosk.h"
#include <X11/Xutil.h>

using namespace orpheus;
using Clock = std::chrono::steady_clock;
using test::median;
using test::percentile;
using test::load_average;
using test::send_button;
using test::send_motion;
using test::Rect;

namespace {

constexpr int kWidth = 1920, kHeight = 1080;
constexpr int kDragX = 960, kDragTop = 300, kDragBottom = 900;
constexpr auto kEventInterval = std::chrono::milliseconds(4);  // 250 Hz

double now_ms() { return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count(); }

// Runs the kiosk headless once and reads the grid card's rectangle (window pixels) from a state dump.
Rect learn_layout(const std::string& dir, const std::string& pack) {
  const std::string state = dir + "/home.json", script = dir + "/layout.jsonl";
  test::write_text(script, "{\"state\": \"" + state + "\"}\n{\"quit\": true}\n");
  test::use_headless_environment();
  const auto r = test::run({ORPHEUS_KIOSK, "--pack", pack, "--windowed", "1920x1080", "--dpi", "96", "--replay", script});
  if (r.exit_code != 0) throw std::runtime_error("layout run failed (exit " + std::to_string(r.exit_code) + "):\n" + r.err);
  const auto all = test::targets(nlohmann::json::parse(test::read_text(state)));
  if (const auto it = all.find("collection.grid-200"); it != all.end()) return it->second;
  throw std::runtime_error("no target collection.grid-200 on the home screen (" + state + ")");
}

// A cheap fingerprint of the screen, to check that a click or a drag changed what is shown.
std::uint64_t screen_hash(Display* d) {
  XImage* img = XGetImage(d, DefaultRootWindow(d), 0, 0, kWidth, kHeight, AllPlanes, ZPixmap);
  if (!img) return 0;
  std::uint64_t h = 1469598103934665603ull;
  for (int y = 0; y < kHeight; y += 4)
    for (int x = 0; x < kWidth; x += 4) h = (h ^ XGetPixel(img, x, y)) * 1099511628211ull;
  XDestroyImage(img);
  return h;
}

struct Sent { double t_ms; int y; };  // y in window pixels
struct Drag {
  double press_ms = 0, release_ms = 0;
  int y0 = 0;
  std::vector<Sent> moves;
};

struct RunFigures {
  std::vector<double> latency;         // ms, one per motion event that a frame covered
  std::vector<double> newest_latency;  // ms, per frame: its newest event -> swap
  std::vector<double> press_latency;   // ms, per drag: press -> swap of the frame that handled it
  std::vector<double> frame_interval;  // ms between consecutive frames while the finger moves
  std::vector<double> events_per_frame;
  long motions_sent = 0, unmatched_frames = 0;
  long late_events = 0;     // events a frame left for a later one although sent before it began
  double late_worst_ms = 0;  // how long before that frame began the latest of them was sent
  double fps = -1, kiosk_cpu = -1, xvfb_cpu = -1;  // CPU in % of one core
};

// Matches the frames to the events sent. Events are handled in order, so a frame whose last
// event is the k-th of a drag covers every event of that drag up to k.
void analyze(const std::vector<test::TraceFrame>& frames, const std::vector<Drag>& sent, RunFigures& f) {
  // A frame starts by taking every pending event; one sent this long before the previous frame
  // was presented but handled after it waited a frame for nothing (clocks and X delivery allow ~1 ms).
  constexpr double kLateMarginMs = 2.0;
  double moving_ms = 0;
  long moving_frames = 0;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const Drag& drag = sent[i];
    f.motions_sent += static_cast<long>(drag.moves.size());
    const double end = i + 1 < sent.size() ? sent[i + 1].press_ms : 1e300;
    // Index of the event at window row y: 0 is the press, 1..n the motions (the release shares
    // the last motion's row and is handled after it, so it maps to the last motion too).
    std::map<int, std::size_t> index{{drag.y0, 0}};
    for (std::size_t k = 0; k < drag.moves.size(); ++k) index[drag.moves[k].y] = k + 1;
    const double first_move = drag.moves.front().t_ms, last_move = drag.moves.back().t_ms;
    std::optional<std::size_t> covered;
    std::optional<double> previous_swap, previous_moving_swap;
    for (const test::TraceFrame& fr : frames) {
      if (fr.swap_ms < drag.press_ms || fr.swap_ms >= end) continue;
      if (fr.swap_ms >= first_move && fr.swap_ms <= last_move) {
        ++moving_frames;
        f.events_per_frame.push_back(fr.events);
        if (previous_moving_swap) f.frame_interval.push_back(fr.swap_ms - *previous_moving_swap);
        previous_moving_swap = fr.swap_ms;
      }
      const std::optional<double> before = previous_swap;
      previous_swap = fr.swap_ms;
      if (fr.events == 0 || !fr.last_y) continue;
      const auto it = index.find(static_cast<int>(std::lround(*fr.last_y)));
      if (it == index.end() || std::lround(*fr.last_x) != kDragX) {
        ++f.unmatched_frames;
        continue;
      }
      const std::size_t k = it->second;
      if (!covered) f.press_latency.push_back(fr.swap_ms - drag.press_ms);
      const std::size_t from = covered ? *covered + 1 : 0;
      if (k >= from && k >= 1) f.newest_latency.push_back(fr.swap_ms - drag.moves[k - 1].t_ms);
      for (std::size_t m = std::max<std::size_t>(from, 1); m <= k; ++m) f.latency.push_back(fr.swap_ms - drag.moves[m - 1].t_ms);
      if (before && k < drag.moves.size() && drag.moves[k].t_ms < *before - kLateMarginMs) {
        ++f.late_events;
        f.late_worst_ms = std::max(f.late_worst_ms, *before - drag.moves[k].t_ms);
      }
      covered = std::max(covered.value_or(0), k);
    }
    moving_ms += last_move - first_move;
  }
  if (moving_ms > 0) f.fps = 1000.0 * static_cast<double>(moving_frames) / moving_ms;
}

// One kiosk on the X server: opens the grid, drags `drags` times over `length` px, quits.
RunFigures measure(const test::Xvfb& x, const std::string& dir, const std::string& pack, const Rect& card, int drags, int length,
                   const std::string& keep_prefix) {
  Display* d = x.display();
  const std::string trace = dir + "/trace.jsonl", err = dir + "/kiosk-x11.txt";
  std::filesystem::remove(trace);
  test::XKiosk kiosk_x;
  // log.level=debug: the kiosk says each time it has settled (support/kiosk_bench.h, settled_after).
  test::start_x_kiosk(kiosk_x, x,
                      {ORPHEUS_KIOSK, "--pack", pack, "--windowed", "1920x1080", "--dpi", "96", "--trace-frames", trace, "--set",
                       "log.level=debug"},
                      trace, err, kWidth, kHeight);
  const pid_t kiosk = kiosk_x.pid;
  const int ox = kiosk_x.ox, oy = kiosk_x.oy;
  const auto fail = [&](const std::string& why) { return kiosk_x.fail(why); };
  const auto settle = [&](double after_ms, const std::string& when) {
    if (!test::wait_until([&] { return test::settled_after(err, trace, after_ms); }, std::chrono::seconds(30),
                          std::chrono::milliseconds(10)))
      throw fail("the kiosk did not settle " + when + " within 30 s");
  };
  settle(0, "after its start");  // thumbnails loaded and faded in

  // Click the grid's card: press, 60 ms, release.
  const std::uint64_t home = screen_hash(d);
  send_motion(d, ox + static_cast<int>(card.x + card.w / 2), oy + static_cast<int>(card.y + card.h / 2));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  send_button(d, true);
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  send_button(d, false);
  XSync(d, False);  // the release is on its way to the kiosk
  settle(now_ms(), "after the click on the grid's card");
  const std::uint64_t opened = screen_hash(d);
  if (opened == home) throw fail("clicking the grid-200 card did not change the screen");

  std::vector<Drag> sent;
  const double cpu0 = test::cpu_ticks(kiosk), xcpu0 = test::cpu_ticks(x.pid());
  for (int i = 0; i < drags; ++i) {
    const bool up = i % 2 == 0;  // finger up (scroll forward), then back down
    Drag drag;
    drag.y0 = up ? kDragBottom : kDragTop;
    const int dir_y = up ? -1 : 1;
    send_motion(d, ox + kDragX, oy + drag.y0);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    send_button(d, true);
    drag.press_ms = now_ms();
    auto next = Clock::now();
    for (int k = 1; k <= length; ++k) {
      next += kEventInterval;
      std::this_thread::sleep_until(next);
      const int y = drag.y0 + dir_y * k;
      send_motion(d, ox + kDragX, oy + y);
      drag.moves.push_back({now_ms(), y});
    }
    std::this_thread::sleep_until(next + kEventInterval);
    send_button(d, false);
    drag.release_ms = now_ms();
    sent.push_back(std::move(drag));
    if (i == 0 && screen_hash(d) == opened) throw fail("dragging did not move the collection grid");
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
  }
  RunFigures f;
  // CPU over the drags only (the 400 ms pauses included: momentum scrolling belongs to them).
  const double span_s = (now_ms() - sent.front().press_ms) / 1000.0;
  const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
  f.kiosk_cpu = 100.0 * (test::cpu_ticks(kiosk) - cpu0) / hz / span_s;
  f.xvfb_cpu = 100.0 * (test::cpu_ticks(x.pid()) - xcpu0) / hz / span_s;
  if (!kiosk_x.stop()) throw std::runtime_error("the kiosk did not exit cleanly on SIGTERM:\n" + test::read_text(err));

  if (!keep_prefix.empty()) {  // for a closer look: the kiosk's trace and what was sent
    std::filesystem::copy_file(trace, keep_prefix + "-trace.jsonl", std::filesystem::copy_options::overwrite_existing);
    std::ofstream out(keep_prefix + "-sent.txt");
    out << std::fixed;
    for (const Drag& drag : sent) {
      out << drag.press_ms << " press " << drag.y0 << "\n";
      for (const Sent& m : drag.moves) out << m.t_ms << " move " << m.y << "\n";
      out << drag.release_ms << " release\n";
    }
  }
  analyze(test::read_trace(trace), sent, f);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int runs = 3, drags = 10;
  std::string keep_dir;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--drags") && i + 1 < argc) drags = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc) keep_dir = argv[++i];
    else { std::fprintf(stderr, "usage: bench_latency [--quick] [--runs N] [--drags N] [--keep DIR]\n"); return 2; }
  }
  if (quick) runs = drags = 1;
  const int length = quick ? 200 : kDragBottom - kDragTop;
  if (access(test::Xvfb::program(), X_OK) != 0) {
    std::fprintf(stderr, "bench_latency: Xvfb is missing (%s); install it: apt-get install xvfb\n", test::Xvfb::program());
    return 1;
  }

  std::vector<double> med, p99, newest, fps, interval_med, interval_p99, epf, kiosk_cpu, xvfb_cpu, first_press, later_press;
  long measured = 0, sent = 0, unmatched = 0, late = 0;
  double late_worst = 0;
  const std::string load_before = load_average();
  try {
    test::TempDir temp;
    const std::string dir = temp.path().string();
    const std::string pack = dir + "/grid.db";
    test::make_grid_pack(ORPHEUS_DEMO_PACK, pack, {200});
    const Rect card = learn_layout(dir, pack);
    test::Xvfb x(dir);
    int event_base = 0, error_base = 0, major = 0, minor = 0;
    if (!XTestQueryExtension(x.display(), &event_base, &error_base, &major, &minor))
      throw std::runtime_error("the X server has no XTEST extension");
    for (int r = 0; r < runs; ++r) {
      const std::string keep = keep_dir.empty() ? "" : keep_dir + "/run" + std::to_string(r + 1);
      const RunFigures f = measure(x, dir, pack, card, drags, length, keep);
      med.push_back(median(f.latency));
      p99.push_back(percentile(f.latency, 0.99));
      newest.push_back(median(f.newest_latency));
      fps.push_back(f.fps);
      interval_med.push_back(median(f.frame_interval));
      interval_p99.push_back(percentile(f.frame_interval, 0.99));
      epf.push_back(median(f.events_per_frame));
      kiosk_cpu.push_back(f.kiosk_cpu);
      xvfb_cpu.push_back(f.xvfb_cpu);
      if (!f.press_latency.empty()) first_press.push_back(f.press_latency.front());
      later_press.insert(later_press.end(), f.press_latency.begin() + (f.press_latency.empty() ? 0 : 1), f.press_latency.end());
      measured += static_cast<long>(f.latency.size());
      late += f.late_events;
      late_worst = std::max(late_worst, f.late_worst_ms);
      sent += f.motions_sent;
      unmatched += f.unmatched_frames;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_latency: %s\n", e.what());
    return 1;
  }

  std::printf("orpheus-kiosk input latency (Xvfb 1920x1080, GLX/llvmpipe, XTest mouse drags at 250 Hz, %d cores)%s\n",
              static_cast<int>(std::thread::hardware_concurrency()), quick ? " [quick: not for reporting]" : "");
  std::printf("  %d run(s) x %d drag(s) of %d px; figures are medians over runs; load average %s before, %s after\n", runs,
              drags, length, load_before.c_str(), load_average().c_str());
  std::printf("  event -> swap latency, all motions     median %7.2f ms   p99 %7.2f ms\n", median(med), median(p99));
  std::printf("  newest event of a frame -> swap        median %7.2f ms\n", median(newest));
  std::printf("  press -> swap, first drag on the grid  median %7.2f ms", median(first_press));
  if (!later_press.empty()) std::printf("   later drags median %7.2f ms", median(later_press));
  std::printf("\n");
  std::printf("  motion events measured                 %ld of %ld sent (%ld frames unmatched)\n", measured, sent, unmatched);
  std::printf("  events handled a frame late            %ld (sent > 2 ms before the frame began; worst %.1f ms)\n", late, late_worst);
  std::printf("  frames while the finger moves          %7.1f fps   interval median %6.2f ms   p99 %6.2f ms\n", median(fps),
              median(interval_med), median(interval_p99));
  std::printf("  pointer events per frame               median %7.1f\n", median(epf));
  std::printf("  CPU while dragging: kiosk %.0f %%, Xvfb %.0f %% (of one core)\n", median(kiosk_cpu), median(xvfb_cpu));

  const bool complete = median(med) > 0 && median(p99) > 0 && median(fps) > 0 && median(epf) > 0 && median(kiosk_cpu) >= 0 &&
                        median(first_press) > 0 && measured > 0 && measured * 10 >= sent * 9;
  if (!complete) std::fprintf(stderr, "bench_latency: some figures could not be measured\n");
  return complete ? 0 : 1;
}
