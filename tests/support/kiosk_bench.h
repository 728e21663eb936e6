#pragma once
// Shared by the benchmarks that run the kiosk: their command line, order statistics, the machine's load
// average, a replay run's frame CPU, named target rectangles from a state dump, and the kiosk's
// --trace-frames file (docs/replay.md). Header only; the user links orpheus_test_support and nlohmann_json.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

namespace orpheus::test {

// The value below which a fraction p of `v` lies (nearest rank); -1 for an empty `v`.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}
inline double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

// The command line most benchmarks take: --quick (one short run, to keep the benchmark working
// in CI) and --runs N (default 5). Prints the usage and returns nothing for anything else.
struct BenchRuns {
  bool quick = false;
  int runs = 5;
};
inline std::optional<BenchRuns> parse_bench_runs(int argc, char** argv, const char* name) {
  BenchRuns r;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") r.quick = true;
    else if (a == "--runs" && i + 1 < argc) r.runs = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: %s [--quick] [--runs N]\n", name);
      return std::nullopt;
    }
  }
  if (r.quick) r.runs = 1;
  return r;
}

// The 1-minute load average: other work on the machine shows up in every figure.
inline std::string load_average() {
  std::istringstream in(read_text("/proc/loadavg"));
  std::string one;
  in >> one;
  return one.empty() ? "?" : one;
}

// The frame CPU times a replay run measured (the state dump's frame_cpu_ms: whole frames, uploads
// and GL submission included; ui_cpu_ms: the screens building their UI), -1 if not measured.
struct FrameStats {
  double median = -1, p99 = -1, ui_median = -1, ui_p99 = -1;
  long frames = 0;
  long rss_kb = 0;        // peak RSS of the kiosk
  nlohmann::json after;   // the final state dump (null if the run failed)
};

// One run of a benchmark on one screen: the frames from the "before" dump on, that dump's object
// for the screen (e.g. "map"), and whether every figure was measured with the gestures on it.
struct ScreenRun {
  FrameStats frames;
  nlohmann::json before;
  bool complete = false;
};

// The medians over a benchmark's runs of the frames' median and p99 CPU (UI and whole frames)
// and the frames drawn.
struct ScreenSeries {
  std::vector<double> ui_med, ui_p99, med, p99, frames;
  nlohmann::json before;  // the last run's
  bool complete = true;
  void add(const ScreenRun& r) {
    ui_med.push_back(r.frames.ui_median);
    ui_p99.push_back(r.frames.ui_p99);
    med.push_back(r.frames.median);
    p99.push_back(r.frames.p99);
    frames.push_back(static_cast<double>(r.frames.frames));
    before = r.before;
    complete = complete && r.complete;
  }
  // "  NAME  COUNT  UI median  UI p99  frame median  frame p99  frames  EXTRA"
  void print(const char* name, int count, const std::string& extra) const {
    std::printf("  %-14s %6d %8.3f ms %8.3f ms %8.3f ms %8.3f ms %7.0f   %s\n", name, count, median(ui_med), median(ui_p99),
                median(med), median(p99), median(frames), extra.c_str());
  }
};

// A --quick run's first replay step: each replayed frame moves the virtual clock 50 ms, not 1/60 s
// (docs/replay.md, frame_ms), so its gestures take a third of the frames, each a full window
// rasterised on the CPU: every figure still comes, and a quick run's are not for reporting anyway.
inline std::string quick_frames_step() { return R"({"t_ms": 0, "frame_ms": 50})"; }

// A replay step writing the "before" state dump DIR/before.json: it waits until the app has settled,
// and the frame statistics restart from it.
inline std::string state_step(const std::string& dir) { return R"({"state": ")" + dir + R"(/before.json"})"; }

// A two-finger pinch about (cx, cy), the fingers d0 px apart going to d1 over `ms`.
inline std::string pinch_step(double t, int cx, int cy, int d0, int d1, int ms) {
  return R"({"t_ms": )" + std::to_string(static_cast<long>(t)) + R"(, "pinch": [)" + std::to_string(cx) + ", " +
         std::to_string(cy) + ", " + std::to_string(d0) + ", " + std::to_string(d1) + R"(], "ms": )" + std::to_string(ms) + "}";
}

inline std::string drag_step(double t, int x0, int y0, int x1, int y1, int ms) {
  return R"({"t_ms": )" + std::to_string(static_cast<long>(t)) + R"(, "drag": [)" + std::to_string(x0) + ", " +
         std::to_string(y0) + ", " + std::to_string(x1) + ", " + std::to_string(y1) + R"(], "ms": )" + std::to_string(ms) + "}";
}

// Runs the kiosk binary `kiosk` on `pack` at 1920x1080 on a replay script in `dir`: `steps` (JSONL
// lines), then a state dump DIR/after.json; returns the frame CPU times the app measured from the
// last state dump in `steps` (each dump restarts them) to the end. Prints the kiosk's stderr if it fails.
inline FrameStats replay_frames(const std::string& kiosk, const std::string& dir, const std::string& pack,
                                const std::vector<std::string>& steps) {
  std::ofstream script(dir + "/frames.jsonl");
  for (const auto& line : steps) script << line << "\n";
  script << R"({"state": ")" << dir << R"(/after.json"})" << "\n" << R"({"quit": true})" << "\n";
  script.close();
  const pid_t pid = spawn({kiosk, "--pack", pack, "--windowed", "1920x1080", "--replay", dir + "/frames.jsonl"},
                          dir + "/frames-err.txt");
  FrameStats s;
  if (wait_exit(pid, 900, &s.rss_kb) != 0) {
    std::fprintf(stderr, "replay run failed:\n%s\n", read_text(dir + "/frames-err.txt").c_str());
    return s;
  }
  s.after = nlohmann::json::parse(read_text(dir + "/after.json"));
  if (!s.after.contains("frame_cpu_ms")) return s;  // no frame since the last dump
  s.median = s.after["frame_cpu_ms"]["median"];
  s.p99 = s.after["frame_cpu_ms"]["p99"];
  s.frames = s.after["frame_cpu_ms"]["frames"];
  s.ui_median = s.after["ui_cpu_ms"]["median"];
  s.ui_p99 = s.after["ui_cpu_ms"]["p99"];
  return s;
}

// Runs the kiosk on `steps`, which open `screen`, write the "before" dump (state_step) once it has
// settled and start their gestures at `first_gesture_ms`: the frames from the dump on, checked
// to be on `screen` throughout. `bench` names the benchmark in what it reports.
inline ScreenRun run_screen(const std::string& kiosk, const std::string& dir, const std::string& pack,
                            const std::vector<std::string>& steps, const std::string& screen, double first_gesture_ms,
                            const char* bench) {
  ScreenRun r;
  r.frames = replay_frames(kiosk, dir, pack, steps);
  const auto before = nlohmann::json::parse(read_text(dir + "/before.json"), nullptr, false);
  if (before.is_discarded() || r.frames.after.is_null()) return r;
  r.before = before.value(screen, nlohmann::json::object());
  // The gestures must start after the before dump: a step whose time has passed runs at once.
  r.complete = r.frames.frames > 0 && r.frames.ui_p99 >= 0 && r.frames.p99 >= 0 && before.value("screen", "") == screen &&
               before["t_ms"].get<double>() < first_gesture_ms && r.before.value("layouts_ready", false) &&
               r.frames.after.value("screen", "") == screen;
  if (!r.complete)
    std::fprintf(stderr, "%s: incomplete run on %s (before dump at %s ms)\n", bench, pack.c_str(),
                 before.value("t_ms", nlohmann::json(-1)).dump().c_str());
  return r;
}

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double cx() const { return x + w / 2; }
  double cy() const { return y + h / 2; }
};

// The named targets of a state dump (its "targets" list), by name; window pixels.
inline std::map<std::string, Rect> targets(const nlohmann::json& state) {
  std::map<std::string, Rect> out;
  for (const auto& t : state.at("targets")) out[t["name"].get<std::string>()] = {t["x"], t["y"], t["w"], t["h"]};
  return out;
}

// One line of --trace-frames: a presented frame.
struct TraceFrame {
  double swap_ms = 0;  // steady_clock (CLOCK_MONOTONIC) ms right after the swap
  int events = 0;      // input events the frame handled
  std::optional<double> last_x, last_y;  // where the last of them was
  double cpu_ms = 0;   // main-thread CPU time of the frame
  std::optional<bool> viewer_sharp;  // only on frames of the full-screen viewer
};

// The frame named by the live kiosk's last "settled" log line in the stderr file `err` ("app:
// settled ... at frame N": the screen drawn in full, nothing loading; started with --set
// log.level=debug it says so each time it settles, else only the first time), -1 if none yet.
inline long last_settled_frame(const std::string& err) {
  const std::string text = read_text(err);
  const auto at = text.rfind("app: settled ");
  if (at == std::string::npos) return -1;
  const auto frame = text.find("at frame ", at), end = text.find('\n', at);
  if (frame == std::string::npos || frame > end) return -1;
  return std::atol(text.c_str() + frame + 9);
}

// The frames of a trace file; a last line still being written (no newline yet) is left out,
// so a trace may be read while the kiosk runs.
inline std::vector<TraceFrame> read_trace(const std::string& file) {
  std::vector<TraceFrame> frames;
  std::string text = read_text(file);
  text.erase(text.find_last_of('\n') == std::string::npos ? 0 : text.find_last_of('\n') + 1);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    TraceFrame fr;
    fr.swap_ms = j["swap_ms"];
    fr.events = j["events"];
    if (j.contains("last")) {
      fr.last_x = j["last"][0];
      fr.last_y = j["last"][1];
    }
    if (j.contains("cpu_ms")) fr.cpu_ms = j["cpu_ms"];
    if (j.contains("viewer_sharp")) fr.viewer_sharp = j["viewer_sharp"].get<bool>();
    frames.push_back(fr);
  }
  return frames;
}

// Whether the live kiosk (--trace-frames `trace`, stderr in `err`, --set log.level=debug) stands
// settled after `after_ms` (steady-clock ms, the trace's clock): a frame was presented after
// then, and the kiosk said it settled at the last frame of its trace. Input sent and synced
// (XSync) before `after_ms` has reached it by then.
inline bool settled_after(const std::string& err, const std::string& trace, double after_ms) {
  const auto frames = read_trace(trace);
  return !frames.empty() && frames.back().swap_ms > after_ms && last_settled_frame(err) == static_cast<long>(frames.size());
}

}  // namespace orpheus::test
