// Interface catalogues (assets/po): the kiosk with six interface languages next to two. Two assets
// folders, both with every keyboard: "two" has po/bg.po alone (English, in the code, and
// Bulgarian), "six" every assets/po/*.po (English and five). Prints the medians of each and six - two:
//   - the kiosk on the demo pack (live, headless, 1920x1080; the runs alternate between the folders):
//     process start -> its log line "first frame presented", measured from outside as bench_kiosk
//     does, and the kiosk's own figure in that line (from App::start, after the process has loaded);
//     its resident memory (VmRSS of /proc/PID/status, the rss_bytes of its health file) once the
//     home screen has settled (its log line "settled": drawn in full, nothing loading), with its anonymous part (RssAnon: the
//     heap and the threads' stacks, without the mapped libraries and ICU data), and its peak resident
//     memory up to then (VmHWM); the kiosk rows also show the runs' lowest and highest figure
//   - in-process, the catalogues alone: i18n::Messages::load on each po/ folder, time and the heap
//     it keeps (mallinfo2: bytes in use, mmapped chunks included, after the load minus before)
// The demo pack's languages the interface lacks are not offered to its visitors (app/settings.h),
// so "two" shows a Bulgarian / English switch and "six" every language: the kiosk figures are
// those of the kiosk as set up, the in-process ones the catalogues' own cost.
// Usage: bench_catalogues [--quick] [--runs N]. --runs: kiosk runs with each folder (default 9).
// --quick: two kiosk runs each and a few loads (keeps the benchmark working in CI; its figures are
// not the ones to report).
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "i18n/messages.h"
#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/wait.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

using test::median;

// An assets folder DIR/NAME: every keyboard, and those of assets/po/*.po that `keep` accepts.
template <class Keep>
std::string make_assets(const std::string& dir, const std::string& name, Keep keep) {
  const fs::path out = fs::path(dir) / name;
  fs::create_directories(out / "po");
  fs::copy(fs::path(ORPHEUS_ASSETS) / "keyboards", out / "keyboards", fs::copy_options::recursive);
  for (const auto& e : fs::directory_iterator(fs::path(ORPHEUS_ASSETS) / "po"))
    if (e.path().extension() == ".po" && keep(e.path().stem().string())) fs::copy_file(e.path(), out / "po" / e.path().filename());
  return out.string();
}

// A "NAME:   1234 kB" line of /proc/PID/status, in kB; -1 if missing.
long status_kb(pid_t pid, const char* name) {
  std::istringstream in(test::read_text("/proc/" + std::to_string(pid) + "/status"));
  for (std::string line; std::getline(in, line);)
    if (line.rfind(name, 0) == 0) return std::atol(line.c_str() + std::strlen(name));
  return -1;
}

struct KioskRun {
  double outside_ms = -1, own_ms = -1;  // start -> first frame
  long rss_kb = -1, anon_kb = -1, hwm_kb = -1;  // once settled
};

// One live kiosk on the demo pack with `assets`: start -> "first frame presented", then its memory
// once it has settled. Prints its log if it fails.
KioskRun run_kiosk(const std::string& dir, const std::string& assets) {
  const std::string err = dir + "/kiosk.txt";
  fs::remove(err);  // the child creates it: no stale line from the last run
  KioskRun r;
  const auto t0 = Clock::now();
  const pid_t pid = test::spawn({ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--windowed", "1920x1080", "--assets", assets}, err);
  const std::string line = "first frame presented ";
  // Polled every half millisecond: the figure is in milliseconds.
  if (test::wait_until([&] { return test::file_has(err, line); }, std::chrono::seconds(30), std::chrono::microseconds(500))) {
    r.outside_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    const std::string log = test::read_text(err);
    r.own_ms = std::atof(log.c_str() + log.find(line) + line.size());
  }
  if (r.outside_ms >= 0 &&
      test::wait_while_running(pid, [&] { return test::file_has(err, "app: settled "); }, std::chrono::seconds(60)) ==
          test::Waited::found) {
    r.rss_kb = status_kb(pid, "VmRSS:");
    r.anon_kb = status_kb(pid, "RssAnon:");
    r.hwm_kb = status_kb(pid, "VmHWM:");
  }
  kill(pid, SIGTERM);
  const int status = test::wait_exit(pid, 10);
  if (r.outside_ms < 0 || r.rss_kb <= 0 || r.anon_kb <= 0 || status != 0) {
    std::fprintf(stderr, "bench_catalogues: kiosk run with %s failed (exit %d):\n%s\n", assets.c_str(), status,
                 test::read_text(err).c_str());
    r = {};
  }
  return r;
}

// Heap in use by this process: malloc's arenas and its mmapped chunks.
double heap_bytes() {
  const auto m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

struct LoadRun {
  double ms = -1, heap_kb = -1;
  std::size_t languages = 0, entries = 0;
};

LoadRun load_catalogues(const std::string& po) {
  LoadRun r;
  std::vector<std::string> problems;
  const double before = heap_bytes();
  const auto t0 = Clock::now();
  const auto m = i18n::Messages::load(po, &problems);
  r.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  r.heap_kb = (heap_bytes() - before) / 1024;
  for (const auto& l : m.languages())
    if (const auto* c = m.catalogue(l)) r.entries += c->size();
  r.languages = m.languages().size();
  for (const auto& p : problems) std::fprintf(stderr, "bench_catalogues: %s\n", p.c_str());
  if (!problems.empty()) r.ms = -1;
  return r;
}

struct Series {
  std::vector<double> outside, own, rss, anon, hwm, load_ms, heap;
  std::size_t languages = 0, entries = 0;
  long po_bytes = 0;
  void add(const KioskRun& r) {
    outside.push_back(r.outside_ms);
    own.push_back(r.own_ms);
    rss.push_back(static_cast<double>(r.rss_kb) / 1024);
    anon.push_back(static_cast<double>(r.anon_kb) / 1024);
    hwm.push_back(static_cast<double>(r.hwm_kb) / 1024);
  }
  void add(const LoadRun& r) {
    load_ms.push_back(r.ms);
    heap.push_back(r.heap_kb);
    languages = r.languages;
    entries = r.entries;
  }
};

// "  WHAT  two  six  six - two", with the runs' range of each when `range`.
void row(const char* what, const std::vector<double>& two, const std::vector<double>& six, const char* unit, int decimals,
         bool range = false) {
  std::printf("  %-44s %9.*f %-2s %9.*f %-2s %+9.*f %s", what, decimals, median(two), unit, decimals, median(six), unit,
              decimals, median(six) - median(two), unit);
  if (range && !two.empty() && !six.empty())
    std::printf("   (runs %.*f-%.*f, %.*f-%.*f)", decimals, *std::min_element(two.begin(), two.end()), decimals,
                *std::max_element(two.begin(), two.end()), decimals, *std::min_element(six.begin(), six.end()), decimals,
                *std::max_element(six.begin(), six.end()));
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = test::parse_bench_runs(argc, argv, "bench_catalogues");
  if (!options) return 2;
  const bool quick = options->quick;
  const bool runs_given = std::find_if(argv + 1, argv + argc, [](const char* a) { return std::strcmp(a, "--runs") == 0; }) != argv + argc;
  const int runs = quick ? 2 : runs_given ? options->runs : 9;
  const int loads = quick ? 5 : 201;
  test::use_headless_environment();
  test::TempDir temp;
  const std::string dir = temp.path().string();
  const std::string two = make_assets(dir, "two", [](const std::string& lang) { return lang == "bg"; });
  const std::string six = make_assets(dir, "six", [](const std::string&) { return true; });
  Series s2, s6;
  for (auto* s : {&s2, &s6})
    for (const auto& e : fs::directory_iterator((s == &s2 ? two : six) + "/po")) s->po_bytes += static_cast<long>(e.file_size());

  const std::string load_before = test::load_average();
  // In-process first (a warm-up load each), then the kiosk runs; both alternate.
  load_catalogues(two + "/po");
  load_catalogues(six + "/po");
  for (int i = 0; i < loads; ++i) {
    s2.add(load_catalogues(two + "/po"));
    s6.add(load_catalogues(six + "/po"));
  }
  for (int i = 0; i < runs; ++i) {
    s2.add(run_kiosk(dir, two));
    s6.add(run_kiosk(dir, six));
  }

  std::printf("orpheus-kiosk interface catalogues, six next to two (demo pack, 1920x1080, SDL offscreen/llvmpipe, %d cores)%s\n",
              static_cast<int>(std::thread::hardware_concurrency()), quick ? " [quick: not for reporting]" : "");
  std::printf("  two: English + bg (%zu languages, %zu entries, %ld bytes of PO); six: English + every assets/po "
              "(%zu languages, %zu entries, %ld bytes)\n",
              s2.languages, s2.entries, s2.po_bytes, s6.languages, s6.entries, s6.po_bytes);
  std::printf("  medians: %d live kiosk runs each, alternating; %d loads each in-process; load average %s before, %s after\n", runs,
              loads, load_before.c_str(), test::load_average().c_str());
  std::printf("  %-44s %12s %12s %12s\n", "", "two", "six", "six - two");
  row("kiosk: start -> first frame (from outside)", s2.outside, s6.outside, "ms", 1, true);
  row("kiosk: start -> first frame (its log line)", s2.own, s6.own, "ms", 1, true);
  row("kiosk: resident memory once settled", s2.rss, s6.rss, "MB", 1, true);
  row("         its anonymous part", s2.anon, s6.anon, "MB", 1, true);
  row("kiosk: peak resident memory by then", s2.hwm, s6.hwm, "MB", 1, true);
  row("in-process: Messages::load time", s2.load_ms, s6.load_ms, "ms", 3);
  row("in-process: Messages::load heap kept", s2.heap, s6.heap, "kB", 1);

  bool complete = s2.languages == 2 && s6.languages == 6;
  for (const auto* s : {&s2, &s6})
    for (const auto* v : {&s->outside, &s->own, &s->rss, &s->anon, &s->hwm, &s->load_ms, &s->heap})
      complete = complete && std::all_of(v->begin(), v->end(), [](double x) { return x >= 0; }) && !v->empty();
  if (!complete) std::fprintf(stderr, "bench_catalogues: some figures could not be measured\n");
  return complete ? 0 : 1;
}
