// Unattended kiosk benchmark: what the live kiosk costs over a long stretch with nobody touching
// it, as a technician wants to know before leaving it in a gallery for years. Two scenarios on
// the demo pack, 1920x1080, headless:
//   home     --set session.attract_timeout=0: the home screen, attract loop disabled
//   attract  --set session.idle_timeout=10 --set session.attract_timeout=10: the slideshow,
//            measured from when it runs
// Each is sampled every second from /proc (utime+stime of the whole process, all threads; VmRSS;
// Pss from smaps_rollup) after a warm-up, and prints: CPU % of one core (mean over the period,
// median and p99 over 10 s windows), RSS and PSS at the start, at the end, the maximum and the
// growth (a leak shows there), frames presented (--trace-frames), and how many cores other
// processes kept busy meanwhile (/proc/stat minus the kiosk's own time), so a noisy run shows.
// The kiosk is stopped with SIGTERM at the end; if it died early, its exit status and last
// stderr lines are shown and the benchmark fails.
// Usage: bench_idle [--minutes N] [--only home|attract] [--quick]
// Default 10 minutes per scenario after a 15 s warm-up. The home scenario is measured once the kiosk
// has also said it settled (thumbnails loaded and faded in), the attract one once the slideshow
// runs. --quick: one 10 s window per scenario as soon as it is ready, no warm-up (keeps the
// benchmark working in CI; checks every figure was measured, asserts no performance target; its
// figures are not the ones to report).
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"
#include "support/wait.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWindowS = 10;  // CPU median/p99 are over windows of this many seconds

double median(std::vector<double> v) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double p99(std::vector<double> v) {  // nearest rank: with fewer than 100 windows, the maximum
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(v.size())));
  return v[std::max<std::size_t>(rank, 1) - 1];
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
double mb(long kb) { return static_cast<double>(kb) / 1024.0; }

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const char* name = sigabbrev_np(WTERMSIG(status));
    return "killed by signal " + std::to_string(WTERMSIG(status)) + (name ? std::string(" (SIG") + name + ")" : "");
  }
  return "status " + std::to_string(status);
}

std::string last_lines(const std::string& text, int n) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (int i = 0; i < n && pos > 0; ++i) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos == 0 ? 0 : pos + 1);
}

// utime + stime of the whole process (all threads), in clock ticks; nullopt if unreadable.
std::optional<double> process_cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  const std::string stat((std::istreambuf_iterator<char>(in)), {});
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 > stat.size()) return std::nullopt;
  std::istringstream fields(stat.substr(paren + 2));  // field 3 (state) onwards: comm may hold spaces
  std::string f;
  double utime = -1, stime = -1;
  for (int i = 3; fields >> f; ++i) {
    if (i == 14) utime = std::strtod(f.c_str(), nullptr);
    if (i == 15) {
      stime = std::strtod(f.c_str(), nullptr);
      break;
    }
  }
  if (utime < 0 || stime < 0) return std::nullopt;
  return utime + stime;
}

// The value in kB of the line starting with `key` in a /proc key-value file; -1 if missing.
long proc_kb(const std::string& file, const char* key) {
  std::ifstream in(file);
  const std::size_t len = std::strlen(key);
  for (std::string line; std::getline(in, line);)
    if (line.compare(0, len, key) == 0) return std::atol(line.c_str() + len);
  return -1;
}

// Lines appended to a growing file (the kiosk's frame trace) since the last call.
class LineCounter {
 public:
  explicit LineCounter(std::string file) : file_(std::move(file)) {}
  long count() {
    std::ifstream in(file_, std::ios::binary);
    if (!in) return lines_;
    in.seekg(static_cast<std::streamoff>(offset_));
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      offset_ += static_cast<std::size_t>(in.gcount());
      lines_ += std::count(buf, buf + in.gcount(), '\n');
    }
    return lines_;
  }

 private:
  std::string file_;
  std::size_t offset_ = 0;
  long lines_ = 0;
};

struct Sample {
  double t = 0;           // s since the kiosk was started
  double cpu_ticks = 0;   // kiosk utime + stime
  long rss_kb = 0, pss_kb = 0;
  long frames = 0;        // frames presented so far
  double machine_busy = 0, self_cpu = 0;  // s
};

struct Scenario {
  const char* name;
  std::vector<std::string> sets;  // --set arguments
  const char* ready_line;         // measure only once this stderr line appeared (besides the warm-up)
  const char* what;
};

struct Result {
  const Scenario* scenario = nullptr;
  std::vector<Sample> samples;  // the measured period: samples[0] is its start
  std::string failure;          // empty: ran to the end and stopped cleanly
  std::string exit_text;        // how the kiosk ended
  int warn_lines = 0, error_lines = 0;
  bool complete() const { return failure.empty(); }
};

struct Figures {
  double seconds = 0, cpu_mean = -1, cpu_median = -1, cpu_p99 = -1, fps = -1, others_mean = -1, others_max = -1;
  long frames = -1, rss_start = 0, rss_end = 0, rss_max = 0, pss_start = 0, pss_end = 0, pss_max = 0;
  int windows = 0;
};

double cpu_percent(const Sample& a, const Sample& b) {
  return b.t > a.t ? 100.0 * (b.cpu_ticks - a.cpu_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK)) / (b.t - a.t) : -1;
}

// Cores other processes kept busy between two samples: the machine's busy time minus the
// kiosk's and this benchmark's own.
double other_cores(const Sample& a, const Sample& b) {
  if (b.t <= a.t) return -1;
  const double kiosk = (b.cpu_ticks - a.cpu_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
  return std::max(0.0, (b.machine_busy - a.machine_busy) - kiosk - (b.self_cpu - a.self_cpu)) / (b.t - a.t);
}

Figures figures(const Result& r) {
  Figures f;
  const auto& s = r.samples;
  if (s.size() < 2) return f;
  f.seconds = s.back().t - s.front().t;
  f.cpu_mean = cpu_percent(s.front(), s.back());
  f.others_mean = other_cores(s.front(), s.back());
  std::vector<double> windows;
  f.others_max = 0;
  for (std::size_t i = 0; i + kWindowS < s.size(); i += kWindowS) {
    windows.push_back(cpu_percent(s[i], s[i + kWindowS]));
    f.others_max = std::max(f.others_max, other_cores(s[i], s[i + kWindowS]));
  }
  f.windows = static_cast<int>(windows.size());
  if (windows.empty()) f.others_max = -1;
  f.cpu_median = median(windows);
  f.cpu_p99 = p99(windows);
  f.frames = s.back().frames - s.front().frames;
  f.fps = f.seconds > 0 ? static_cast<double>(f.frames) / f.seconds : -1;
  f.rss_start = s.front().rss_kb;
  f.rss_end = s.back().rss_kb;
  f.pss_start = s.front().pss_kb;
  f.pss_end = s.back().pss_kb;
  for (const auto& x : s) f.rss_max = std::max(f.rss_max, x.rss_kb), f.pss_max = std::max(f.pss_max, x.pss_kb);
  return f;
}

// Runs one scenario: start, warm up, sample every second for `measure_s`, stop with SIGTERM.
Result run(const Scenario& sc, const std::string& dir, double warmup_s, double measure_s, bool progress_per_window) {
  Result r;
  r.scenario = &sc;
  const std::string err = dir + "/" + sc.name + "-stderr.txt", trace = dir + "/" + sc.name + "-frames.jsonl";
  std::vector<std::string> argv = {ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1920x1080",
                                   "--trace-frames", trace};
  for (const auto& s : sc.sets) argv.insert(argv.end(), {"--set", s});
  std::string cmd = "orpheus-kiosk";
  for (std::size_t i = 1; i < argv.size(); ++i) cmd += " " + (argv[i] == trace ? std::string("FRAMES.jsonl") : argv[i]);
  std::printf("\nscenario %s: %s\n  %s\n", sc.name, sc.what, cmd.c_str());
  std::fflush(stdout);

  const auto t0 = Clock::now();
  const pid_t pid = test::spawn(argv, err);
  if (pid < 0) {
    r.failure = "fork failed";
    return r;
  }
  const std::string proc = "/proc/" + std::to_string(pid);
  LineCounter frames(trace);
  const double ready_deadline = warmup_s + 60;  // start-up, or the slideshow, must come by then
  int status = 0;
  bool exited = false;
  for (int tick = 1;; ++tick) {
    std::this_thread::sleep_until(t0 + std::chrono::seconds(tick));
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      r.failure = "the kiosk died " + std::to_string(tick) + " s after start";
      break;
    }
    Sample x;
    x.t = seconds_since(t0);
    const auto ticks = process_cpu_ticks(pid);
    x.rss_kb = proc_kb(proc + "/status", "VmRSS:");
    x.pss_kb = proc_kb(proc + "/smaps_rollup", "Pss:");
    x.frames = frames.count();
    x.machine_busy = test::machine_busy_seconds();
    x.self_cpu = test::rusage_cpu_seconds(RUSAGE_SELF);
    if (!ticks || x.rss_kb <= 0 || x.pss_kb <= 0) {
      // Gone from /proc: it may be dying; its status if it ends within a moment.
      test::wait_until([&] { return test::child_ended(pid); }, std::chrono::milliseconds(200), std::chrono::milliseconds(5));
      if (waitpid(pid, &status, WNOHANG) == pid) exited = true;  // it died between the two checks
      r.failure = std::string("cannot read ") + (!ticks ? "stat" : x.rss_kb <= 0 ? "VmRSS" : "Pss") + " of the kiosk (" +
                  proc + ") " + std::to_string(tick) + " s after start";
      break;
    }
    x.cpu_ticks = *ticks;

    if (r.samples.empty()) {
      const std::string log = test::read_text(err);
      const bool started = log.find("first frame presented") != std::string::npos;
      const bool ready = started && (!sc.ready_line || log.find(sc.ready_line) != std::string::npos);
      if (!ready && x.t > ready_deadline) {
        r.failure = !started ? "no \"first frame presented\" line within " + std::to_string(static_cast<int>(ready_deadline)) + " s"
                             : std::string("no \"") + sc.ready_line + "\" line within " +
                                   std::to_string(static_cast<int>(ready_deadline)) + " s";
        break;
      }
      if (!ready || x.t < warmup_s) continue;
      std::printf("  measuring from %.0f s after start (warm-up %.0f s%s)\n", x.t, warmup_s,
                  sc.ready_line ? (std::string(", and \"") + sc.ready_line + "\" seen").c_str() : "");
      std::printf("  %7s %12s %10s %10s %9s %14s\n", "time", "CPU % (10 s)", "RSS MB", "PSS MB", "frames", "others (cores)");
      std::fflush(stdout);
    }
    r.samples.push_back(x);
    const auto n = r.samples.size() - 1;  // seconds measured so far
    const int every = progress_per_window ? kWindowS : 60;
    if (n > 0 && n % static_cast<std::size_t>(every) == 0) {
      const auto& a = r.samples[n - kWindowS];
      const long m = std::lround(x.t - r.samples.front().t);
      std::printf("  %4ld:%02ld %12.2f %10.1f %10.1f %9ld %14.2f\n", m / 60, m % 60,
                  cpu_percent(a, x), mb(x.rss_kb), mb(x.pss_kb), x.frames - r.samples.front().frames, other_cores(a, x));
      std::fflush(stdout);
    }
    if (x.t - r.samples.front().t >= measure_s - 0.5) break;
  }

  if (!exited) {
    kill(pid, SIGTERM);
    if (!test::wait_until([&] { return waitpid(pid, &status, WNOHANG) != 0; }, std::chrono::seconds(15),
                          std::chrono::milliseconds(20))) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      if (r.failure.empty()) r.failure = "the kiosk did not stop within 15 s of SIGTERM (killed)";
    }
    r.exit_text = describe_status(status) + " after SIGTERM";
    if (r.failure.empty() && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
      r.failure = "the kiosk did not stop cleanly on SIGTERM";
  } else {
    r.exit_text = describe_status(status) + " before the end";
  }
  const std::string log = test::read_text(err);
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    r.warn_lines += line.rfind("warn ", 0) == 0;
    r.error_lines += line.rfind("error ", 0) == 0;
  }
  if (frames.count() <= 0 && r.failure.empty()) r.failure = "the frame trace is empty";
  if (r.failure.empty() && r.samples.size() < 2) r.failure = "no samples measured";
  if (r.failure.empty() && figures(r).windows < 1) r.failure = "no complete 10 s window measured";

  std::printf("  kiosk: %s\n", r.exit_text.c_str());
  if (!r.failure.empty()) {
    std::printf("  FAILED: %s; the kiosk's last stderr lines:\n", r.failure.c_str());
    std::istringstream tail(last_lines(log, 20));
    for (std::string line; std::getline(tail, line);) std::printf("    | %s\n", line.c_str());
  }
  std::fflush(stdout);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double minutes = 10;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--minutes") && i + 1 < argc) minutes = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_idle [--minutes N] [--only home|attract] [--quick]\n");
      return 2;
    }
  }
  if (!(minutes > 0) || (!only.empty() && only != "home" && only != "attract")) {
    std::fprintf(stderr, "usage: bench_idle [--minutes N] [--only home|attract] [--quick]\n");
    return 2;
  }
  // Quick: just over one window (its 11 samples), the 10 s of idle time the attract loop needs first aside.
  const double measure_s = quick ? kWindowS + 0.5 : std::max(static_cast<double>(kWindowS), std::round(minutes * 60));
  const double warmup_s = quick ? 0 : 15;

  const std::vector<Scenario> all = {
      {"home", {"session.attract_timeout=0"}, "app: settled ", "the home screen, nobody touching it, attract loop disabled"},
      {"attract", {"session.idle_timeout=10", "session.attract_timeout=10"}, "attract loop:",
       "the attract slideshow (starts 10 s after the last touch)"},
  };
  test::use_headless_environment();
  test::TempDir temp;
  const unsigned cores = std::thread::hardware_concurrency();
  std::printf("bench_idle: orpheus-kiosk left alone on the demo pack, 1920x1080, SDL offscreen/llvmpipe, %u cores%s\n"
              "  per scenario: %.0f s measured after a %.0f s warm-up, sampled every 1 s from /proc\n"
              "  CPU %% = %% of one core used by the whole kiosk process (all threads), counted in clock ticks\n"
              "  of %.0f ms: one tick is %.2f %% of a 10 s window\n",
              cores, quick ? " [quick: not for reporting]" : "", measure_s, warmup_s,
              1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK)), 100.0 / static_cast<double>(sysconf(_SC_CLK_TCK)) / kWindowS);

  std::vector<Result> results;
  for (const auto& sc : all)
    if (only.empty() || only == sc.name) results.push_back(run(sc, temp.path().string(), warmup_s, measure_s, quick));

  std::vector<Figures> f;
  for (const auto& r : results) f.push_back(figures(r));
  std::printf("\nsummary (measured period only; CPU %% of one core)\n  %-44s", "");
  for (const auto& r : results) std::printf(" %16s", r.scenario->name);
  std::printf("\n");
  auto row = [&](const char* label, auto value) {
    std::printf("  %-44s", label);
    for (std::size_t i = 0; i < results.size(); ++i) std::printf(" %16s", value(f[i], results[i]).c_str());
    std::printf("\n");
  };
  auto num = [](const char* fmt, double v) {  // negative: not measured
    if (v < 0) return std::string("-");
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return std::string(b);
  };
  auto growth = [&](long a, long b) {
    if (a <= 0) return std::string("-");
    char s[64];
    std::snprintf(s, sizeof s, "%+.2f (%+.2f%%)", mb(b - a), 100.0 * static_cast<double>(b - a) / static_cast<double>(a));
    return std::string(s);
  };
  row("measured, s", [&](const Figures& x, const Result&) { return num("%.0f", x.seconds); });
  row("CPU %, mean over the whole period", [&](const Figures& x, const Result&) { return num("%.2f", x.cpu_mean); });
  row("CPU %, MEDIAN of 10 s windows", [&](const Figures& x, const Result&) { return num("%.2f", x.cpu_median); });
  row("CPU %, p99 of 10 s windows", [&](const Figures& x, const Result&) { return num("%.2f", x.cpu_p99); });
  row("  (10 s windows)", [&](const Figures& x, const Result&) { return num("%.0f", x.windows); });
  row("frames presented", [&](const Figures& x, const Result&) { return num("%.0f", static_cast<double>(x.frames)); });
  row("frames per second, mean", [&](const Figures& x, const Result&) { return num("%.2f", x.fps); });
  row("RSS MB at start", [&](const Figures& x, const Result&) { return num("%.1f", mb(x.rss_start)); });
  row("RSS MB at end", [&](const Figures& x, const Result&) { return num("%.1f", mb(x.rss_end)); });
  row("RSS MB max", [&](const Figures& x, const Result&) { return num("%.1f", mb(x.rss_max)); });
  row("RSS growth end-start, MB (%)", [&](const Figures& x, const Result&) { return growth(x.rss_start, x.rss_end); });
  row("PSS MB at start", [&](const Figures& x, const Result&) { return num("%.1f", mb(x.pss_start)); });
  row("PSS MB at end", [&](const Figures& x, const Result&) { return num("%.1f", mb(x.pss_end)); });
  row("PSS MB max", [&](const Figures& x, const Result&) { return num("%.1f", mb(x.pss_max)); });
  row("PSS growth end-start, MB (%)", [&](const Figures& x, const Result&) { return growth(x.pss_start, x.pss_end); });
  row("kiosk log lines: warn / error", [&](const Figures&, const Result& r) {
    return std::to_string(r.warn_lines) + " / " + std::to_string(r.error_lines);
  });
  row("other processes kept N cores busy, mean", [&](const Figures& x, const Result&) { return num("%.2f", x.others_mean); });
  row("  ... max over 10 s windows", [&](const Figures& x, const Result&) { return num("%.2f", x.others_max); });
  row("kiosk ended", [&](const Figures&, const Result& r) { return r.complete() ? std::string("ok (SIGTERM)") : std::string("FAILED"); });

  double busiest = 0;
  for (const auto& x : f) busiest = std::max(busiest, x.others_mean);
  std::printf("  other processes kept %.2f of the %u cores busy on average during a scenario%s\n", busiest, cores,
              busiest > 0.2 ? "  <- BUSY MACHINE: the kiosk's CPU % competes with them (llvmpipe renders on the CPU)" : "");
  std::printf("  a leak shows as RSS growing from one progress line to the next, not as one step (such as the\n"
              "  visitor-session reset session.idle_timeout after start); PSS splits shared pages (Mesa, LLVM)\n"
              "  among the processes mapping them, so it moves as other processes start and stop\n");

  bool complete = !results.empty();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& x = f[i];
    complete = complete && results[i].complete() && results[i].samples.size() >= 2 && x.windows >= 1 &&
               x.cpu_mean >= 0 && x.cpu_median >= 0 && x.rss_start > 0 && x.rss_end > 0 && x.pss_start > 0 &&
               x.pss_end > 0 && x.frames >= 0;
  }
  if (!complete) std::fprintf(stderr, "bench_idle: some figures could not be measured (see FAILED above)\n");
  return complete ? 0 : 1;
}
