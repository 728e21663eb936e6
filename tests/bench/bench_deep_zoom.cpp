// Deep zoom and grid benchmark of the live kiosk on an X server (real clock, real per-frame upload
// budget; no replay). Prints, median and p99 of each run, then the median over runs:
//   1. frame CPU time (the trace's cpu_ms) while flicking a 100-item collection grid: fast vertical
//      drags released while moving, frames of the drags and the flings after them
//   2. frame CPU time while panning the demo pack's largest deep-zoom image, zoomed in by a double tap
//   3. tap on the item's image -> first frame of the full-screen viewer with everything sharp, and
//      double tap's second release -> first sharp frame again once the zoomed-in tiles are on screen
// How: a private Xvfb 1920x1080; the kiosk runs on it with --trace-frames; XTest sends the mouse.
// Where to click is learnt first from state dumps of a headless replay at the same size. Between
// steps the benchmark waits until the kiosk has presented no frame for 500 ms.
// Usage: bench_deep_zoom [--quick] [--runs N]. --quick: one short run (keeps the benchmark working
// in CI; its figures are not the ones to report).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "catalog/catalog.h"
#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/wait.h"
#include "support/synthetic_pack.h"

// Last: Xlib macros.
#include "support/x_kiosk.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;
using test::median;
using test::percentile;
using test::Rect;

namespace {

constexpr int kWidth = 1920, kHeight = 1080;
constexpr auto kEventInterval = std::chrono::milliseconds(4);  // 250 Hz
const std::string kGallery = "gallery";

double now_ms() { return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count(); }
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// The largest image of the demo pack with a tile pyramid: its item, collection and index.
struct Target {
  std::string collection, item;
  int index = 0, width = 0, height = 0;
};
Target largest_deep_zoom_image(const std::string& pack) {
  const auto snap = catalog::load_snapshot(pack);
  Target best;
  long best_pixels = 0;
  for (const auto& it : snap->items)
    for (std::size_t i = 0; i < it.media.size(); ++i) {
      const auto& m = it.media[i];
      const long pixels = static_cast<long>(m.width) * m.height;
      if (m.tile_levels <= 0 || pixels <= best_pixels) continue;
      const auto* coll = snap->find_collection(it.collection_id);
      if (!coll) continue;
      best = {coll->slug, it.slug, static_cast<int>(i), m.width, m.height};
      best_pixels = pixels;
    }
  if (best_pixels == 0) throw std::runtime_error("the demo pack has no image with a tile pyramid");
  return best;
}

// Where to click, from a headless replay of the same steps (window pixels).
struct Layout {
  Rect gallery;                          // home: the gallery's card (gallery pack)
  Rect collection, item, media, image;   // home, collection, item screen (demo pack)
  bool media_tap = false;                // the image is not the item's first: tap its thumbnail first
  double double_tap_x = 0, double_tap_y = 0;  // the middle of the image in the viewer at fit
  double zoom_scale = 0, fit_scale = 0;  // after the double tap (screen px per image px)
  int zoom_level = -2;                   // pyramid level drawn after it
};

nlohmann::json replay(const std::string& dir, const std::string& pack, const std::vector<std::string>& lines,
                      const std::string& last_state) {
  const std::string script = dir + "/layout.jsonl";
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  test::write_text(script, text + "{\"quit\": true}\n");
  test::use_headless_environment();
  const auto r = test::run({ORPHEUS_KIOSK, "--pack", pack, "--windowed", "1920x1080", "--dpi", "96", "--replay", script});
  if (r.exit_code != 0) throw std::runtime_error("layout run failed (exit " + std::to_string(r.exit_code) + "):\n" + r.err);
  return nlohmann::json::parse(test::read_text(last_state));
}

Rect need(const nlohmann::json& state, const std::string& name) {
  const auto all = test::targets(state);
  const auto it = all.find(name);
  if (it == all.end()) throw std::runtime_error("layout run: no target " + name + " on screen " + state["screen"].dump());
  return it->second;
}

Layout learn_layout(const std::string& dir, const std::string& gallery_pack, const Target& t) {
  Layout l;
  const auto s = [&](const std::string& name) { return "{\"state\": \"" + dir + "/" + name + ".json\"}"; };
  const auto state = [&](const std::string& name) { return nlohmann::json::parse(test::read_text(dir + "/" + name + ".json")); };
  l.gallery = need(replay(dir, gallery_pack, {s("ghome")}, dir + "/ghome.json"), "collection." + kGallery);

  l.media_tap = t.index > 0;
  std::vector<std::string> lines = {
      s("home"), R"({"t_ms": 300, "tap_target": "collection.)" + t.collection + R"("})", s("collection"),
      R"({"t_ms": 1500, "tap_target": "item.)" + t.item + R"("})", s("item")};
  if (l.media_tap)
    lines.insert(lines.end(), {R"({"t_ms": 2500, "tap_target": "item.media.)" + std::to_string(t.index) + R"("})", s("media")});
  lines.insert(lines.end(), {R"({"t_ms": 3500, "tap_target": "item.image"})", s("fit")});
  replay(dir, ORPHEUS_DEMO_PACK, lines, dir + "/fit.json");
  l.collection = need(state("home"), "collection." + t.collection);
  l.item = need(state("collection"), "item." + t.item);
  if (l.media_tap) l.media = need(state("item"), "item.media." + std::to_string(t.index));
  l.image = need(state(l.media_tap ? "media" : "item"), "item.image");
  const auto fit = state("fit");
  if (fit["screen"] != "viewer") throw std::runtime_error("layout run: tapping item.image did not open the viewer");
  l.fit_scale = fit["viewer"]["scale"];
  l.double_tap_x = fit["viewer"]["offset"][0].get<double>() + t.width * l.fit_scale / 2;
  l.double_tap_y = fit["viewer"]["offset"][1].get<double>() + t.height * l.fit_scale / 2;

  lines.insert(lines.end(), {R"({"t_ms": 5000, "double_tap": [)" + std::to_string(l.double_tap_x) + ", " +
                                 std::to_string(l.double_tap_y) + "]}",
                             R"({"t_ms": 6500})", s("zoomed")});
  const auto zoomed = replay(dir, ORPHEUS_DEMO_PACK, lines, dir + "/zoomed.json");
  l.zoom_scale = zoomed["viewer"]["scale"];
  l.zoom_level = zoomed["viewer"]["level"];
  return l;
}

// Waits until the kiosk (started with --set log.level=debug) has drawn a frame after `after_ms`
// and said it settled at its last frame (support/kiosk_bench.h); throws after 30 s.
void settle(test::XKiosk& k, const std::string& trace, double after_ms) {
  if (!test::wait_until([&] { return test::settled_after(k.err, trace, after_ms); }, std::chrono::seconds(30),
                        std::chrono::milliseconds(10)))
    throw k.fail("the kiosk did not settle (frames kept coming, or none came) within 30 s");
}

// A click at window point (x, y): press, 60 ms, release. Returns the time just after the release
// reached the X server (XSync).
double click(Display* d, const test::XKiosk& k, double x, double y) {
  test::send_motion(d, k.ox + static_cast<int>(x), k.oy + static_cast<int>(y));
  sleep_ms(30);
  test::send_button(d, true);
  sleep_ms(60);
  test::send_button(d, false);
  XSync(d, False);
  return now_ms();
}

// A drag with the button held from (x0, y0) by (dx, dy) per event, `events` motions 4 ms apart;
// with `release_moving` the button comes up right after the last motion (a fling), else after a
// 100 ms rest. Returns the press and release times.
std::pair<double, double> drag(Display* d, const test::XKiosk& k, int x0, int y0, int dx, int dy, int events, bool release_moving) {
  test::send_motion(d, k.ox + x0, k.oy + y0);
  sleep_ms(20);
  test::send_button(d, true);
  const double press = now_ms();
  auto next = Clock::now();
  for (int i = 1; i <= events; ++i) {
    next += kEventInterval;
    std::this_thread::sleep_until(next);
    test::send_motion(d, k.ox + x0 + dx * i, k.oy + y0 + dy * i);
  }
  if (!release_moving) sleep_ms(100);
  test::send_button(d, false);
  XSync(d, False);
  return {press, now_ms()};
}

std::vector<double> cpu_between(const std::vector<test::TraceFrame>& frames, double from, double to) {
  std::vector<double> cpu;
  for (const auto& f : frames)
    if (f.swap_ms > from && f.swap_ms <= to) cpu.push_back(f.cpu_ms);
  return cpu;
}

struct RunFigures {
  std::vector<double> grid_cpu, pan_cpu;  // ms per frame
  double tap_to_sharp = -1, zoom_to_sharp = -1;
  bool zoom_went_unsharp = false;
};

// 1: the gallery grid, flicked.
void measure_grid(const test::Xvfb& x, const std::string& dir, const std::string& pack, const Layout& l, bool quick, RunFigures& f) {
  Display* d = x.display();
  const std::string trace = dir + "/grid-trace.jsonl";
  std::filesystem::remove(trace);
  test::XKiosk k;
  test::start_x_kiosk(k, x,
                      {ORPHEUS_KIOSK, "--pack", pack, "--windowed", "1920x1080", "--dpi", "96", "--trace-frames", trace, "--set",
                       "log.level=debug"},
                      trace, dir + "/grid-kiosk.txt", kWidth, kHeight);
  settle(k, trace, 0);
  settle(k, trace, click(d, k, l.gallery.cx(), l.gallery.cy()));
  const int flicks = quick ? 2 : 8;
  double start = 0, last_release = 0;
  for (int i = 0; i < flicks; ++i) {
    const bool up = i % 4 < 2;  // two flicks forward, two back
    // 400 px in 100 ms, released while moving: a fling of about 4 px/ms.
    const auto [press, release] = drag(d, k, 960, up ? 850 : 250, 0, up ? -16 : 16, 25, true);
    if (i == 0) start = press;
    last_release = release;
    sleep_ms(quick ? 600 : 1200);  // the fling: the next flick comes while the grid glides
  }
  settle(k, trace, last_release);
  f.grid_cpu = cpu_between(test::read_trace(trace), start, now_ms());
  if (!k.stop()) throw std::runtime_error("the kiosk did not exit cleanly on SIGTERM:\n" + test::read_text(k.err));
}

// 3 and 2: the deep-zoom image opened, zoomed in by a double tap, panned.
void measure_deep_zoom(const test::Xvfb& x, const std::string& dir, const Layout& l, bool quick, RunFigures& f) {
  Display* d = x.display();
  const std::string trace = dir + "/dz-trace.jsonl";
  std::filesystem::remove(trace);
  test::XKiosk k;
  test::start_x_kiosk(k, x,
                      {ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1920x1080", "--dpi", "96", "--trace-frames", trace,
                       "--set", "log.level=debug"},
                      trace, dir + "/dz-kiosk.txt", kWidth, kHeight);
  settle(k, trace, 0);
  settle(k, trace, click(d, k, l.collection.cx(), l.collection.cy()));
  settle(k, trace, click(d, k, l.item.cx(), l.item.cy()));
  if (l.media_tap) settle(k, trace, click(d, k, l.media.cx(), l.media.cy()));

  // Tap -> sharp full-screen image.
  const double tap = click(d, k, l.image.cx(), l.image.cy());
  settle(k, trace, tap);
  for (const auto& fr : test::read_trace(trace))
    if (fr.swap_ms > tap && fr.viewer_sharp.value_or(false)) {
      f.tap_to_sharp = fr.swap_ms - tap;
      break;
    }
  if (f.tap_to_sharp < 0) throw k.fail("no sharp viewer frame after the tap on item.image");

  // Double tap (two clicks, releases 120 ms apart) -> sharp again once zoomed in.
  const int tx = static_cast<int>(l.double_tap_x), ty = static_cast<int>(l.double_tap_y);
  click(d, k, tx, ty);
  sleep_ms(60);
  test::send_button(d, true);
  sleep_ms(60);
  test::send_button(d, false);
  XSync(d, False);
  const double second = now_ms();
  settle(k, trace, second);
  double last_frame = -1;
  for (const auto& fr : test::read_trace(trace)) {
    if (fr.swap_ms <= second) continue;
    last_frame = fr.swap_ms;
    if (!fr.viewer_sharp) continue;
    if (!*fr.viewer_sharp) f.zoom_went_unsharp = true;
    else if (f.zoom_went_unsharp) {
      f.zoom_to_sharp = fr.swap_ms - second;
      break;
    }
  }
  // Never unsharp: the zoom is sharp when its animation ends, the last frame before the kiosk settled.
  if (!f.zoom_went_unsharp && last_frame > 0) f.zoom_to_sharp = last_frame - second;
  if (f.zoom_to_sharp < 0) throw k.fail("no sharp viewer frame after the double tap");

  // The pan: drags in several directions, 1 or 2 px per event (at most 750 px), button held, resting before the release.
  struct Dir { int dx, dy; };
  const std::vector<Dir> dirs = quick ? std::vector<Dir>{{-2, 0}} : std::vector<Dir>{{-2, 0}, {2, 0}, {0, -1}, {0, 1}, {-2, -1}, {2, 1}};
  const int events = quick ? 250 : 375;  // 1 s or 1.5 s
  std::vector<std::pair<double, double>> spans;
  for (const Dir& dr : dirs) {
    const int x0 = 960 - dr.dx * events / 2, y0 = 540 - dr.dy * events / 2;
    spans.push_back(drag(d, k, x0, y0, dr.dx, dr.dy, events, false));
    settle(k, trace, spans.back().second);
  }
  const auto frames = test::read_trace(trace);
  for (const auto& [press, release] : spans) {
    const auto cpu = cpu_between(frames, press, release);
    f.pan_cpu.insert(f.pan_cpu.end(), cpu.begin(), cpu.end());
  }
  if (!k.stop()) throw std::runtime_error("the kiosk did not exit cleanly on SIGTERM:\n" + test::read_text(k.err));
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = test::parse_bench_runs(argc, argv, "bench_deep_zoom");
  if (!options) return 2;
  const bool quick = options->quick;
  const int runs = options->runs;
  if (access(test::Xvfb::program(), X_OK) != 0) {
    std::fprintf(stderr, "bench_deep_zoom: Xvfb is missing (%s); install it: apt-get install xvfb\n", test::Xvfb::program());
    return 1;
  }

  std::vector<double> grid_med, grid_p99, pan_med, pan_p99, tap_sharp, zoom_sharp;
  long grid_frames = 0, pan_frames = 0;
  int zoom_never_unsharp = 0;
  Target target;
  Layout layout;
  const std::string load_before = test::load_average();
  try {
    test::TempDir temp;
    const std::string dir = temp.path().string();
    const std::string gallery = dir + "/gallery.db";
    test::make_gallery_pack(ORPHEUS_DEMO_PACK, gallery, kGallery, 100);
    target = largest_deep_zoom_image(ORPHEUS_DEMO_PACK);
    layout = learn_layout(dir, gallery, target);
    test::Xvfb x(dir);
    int event_base = 0, error_base = 0, major = 0, minor = 0;
    if (!XTestQueryExtension(x.display(), &event_base, &error_base, &major, &minor))
      throw std::runtime_error("the X server has no XTEST extension");
    for (int r = 0; r < runs; ++r) {
      RunFigures f;
      measure_grid(x, dir, gallery, layout, quick, f);
      measure_deep_zoom(x, dir, layout, quick, f);
      grid_med.push_back(median(f.grid_cpu));
      grid_p99.push_back(percentile(f.grid_cpu, 0.99));
      pan_med.push_back(median(f.pan_cpu));
      pan_p99.push_back(percentile(f.pan_cpu, 0.99));
      tap_sharp.push_back(f.tap_to_sharp);
      zoom_sharp.push_back(f.zoom_to_sharp);
      grid_frames += static_cast<long>(f.grid_cpu.size());
      pan_frames += static_cast<long>(f.pan_cpu.size());
      if (!f.zoom_went_unsharp) ++zoom_never_unsharp;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_deep_zoom: %s\n", e.what());
    return 1;
  }

  std::printf("orpheus-kiosk deep zoom and grid (live, Xvfb 1920x1080, GLX/llvmpipe, XTest mouse, %d cores)%s\n",
              static_cast<int>(std::thread::hardware_concurrency()), quick ? " [quick: not for reporting]" : "");
  std::printf("  %d run(s); per run median and p99, then the median over runs; load average %s before, %s after\n", runs,
              load_before.c_str(), test::load_average().c_str());
  std::printf("  image: item %s, image %d, %dx%d; double tap: scale %.3f (fit %.3f, full resolution 1), level %d\n",
              target.item.c_str(), target.index, target.width, target.height, layout.zoom_scale, layout.fit_scale,
              layout.zoom_level);
  std::printf("  frame CPU, flicking a 100-item grid       median %7.2f ms   p99 %7.2f ms   (%ld frames)\n", median(grid_med),
              median(grid_p99), grid_frames);
  std::printf("  frame CPU, panning the zoomed image       median %7.2f ms   p99 %7.2f ms   (%ld frames)\n", median(pan_med),
              median(pan_p99), pan_frames);
  std::printf("  tap on the image -> sharp viewer frame    median %7.1f ms   p99 %7.1f ms\n", median(tap_sharp),
              percentile(tap_sharp, 0.99));
  std::printf("  double tap -> sharp again, zoomed in      median %7.1f ms   p99 %7.1f ms\n", median(zoom_sharp),
              percentile(zoom_sharp, 0.99));
  if (zoom_never_unsharp > 0)
    std::printf("  note: in %d of %d run(s) no frame after the double tap was unsharp (timed to the end of the zoom)\n",
                zoom_never_unsharp, runs);

  const bool complete = median(grid_med) >= 0 && median(pan_med) >= 0 && grid_frames > 0 && pan_frames > 0 &&
                        median(tap_sharp) > 0 && median(zoom_sharp) > 0;
  if (!complete) std::fprintf(stderr, "bench_deep_zoom: some figures could not be measured\n");
  return complete ? 0 : 1;
}
