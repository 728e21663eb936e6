// Orpheus next to the usual alternative, a static HTML gallery in headless Chromium, on the same
// 100-item gallery: the demo pack's pictures (the pack's own thumbnails, mirrored on the second
// pass through them so that all 100 differ) under the demo's Bulgarian titles, 1920x1080. Prints
// medians side by side:
//   - time to first frame from process spawn: Orpheus's log line "first frame presented"; in
//     Chromium the page's first contentful paint (PerformanceObserver 'paint', as epoch ms),
//     against the epoch time at spawn
//   - peak RSS and PSS summed over the program's process tree (Chromium runs a browser, a zygote,
//     renderers, GPU and utility processes), sampled every 100 ms over the whole run, which shows
//     all 100 thumbnails: Orpheus replays a script that opens the gallery and flicks its grid to
//     the end and back; the page scrolls itself to the end and back once every picture is decoded
//   - CPU of the process tree while idle for 30 s afterwards, % of one core (Orpheus: in the
//     replay's sleep_real, on the gallery; and the live kiosk without a replay, idle on its home
//     screen, as it runs unattended)
// and, to read the memory figures by, what drawing alone costs here (gl_floor: a bare window of the
// kiosk's kind, measured once) and how much of Orpheus's PSS is Mesa's code (llvmpipe without a GPU);
// and marks the targets PASS/MISS: Orpheus needs at least 5x less memory (RSS and PSS) and is at
// least 5x faster to its first frame than Chromium, and idles under 1% CPU. A missed target does
// not fail the benchmark; a figure that could not be measured does.
// Usage: bench_gallery [--quick] [--runs N] [--chromium-arg ARG]... [--keep DIR]
// Default 5 runs each, alternating. --quick: one run each, Orpheus's replay at 20 frames a second
// of virtual time, and a 3 s idle window (keeps the benchmark working in CI; its figures are not
// the ones to report); without `chromium` on PATH
// it then shows Orpheus alone and succeeds, where a full run fails. --chromium-arg adds a flag to
// Chromium's command line (e.g. --disable-gpu, to compare). --keep DIR: works in DIR and leaves
// there the pack, the page, the replay script and both programs' logs, to look into a figure.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "catalog/sqlite.h"
#include "support/process.h"
#include "support/synthetic_pack.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr int kItems = 100;
constexpr const char* kSlug = "gallery";
constexpr const char* kMarker = "ORPHEUS_BENCH ";  // the page's console.log lines, on Chromium's stderr
constexpr auto kSampleEvery = std::chrono::milliseconds(100);
constexpr double kFaster = 5, kLessMemory = 5, kIdleCpu = 1;  // the targets

// What we ask of Chromium besides the page. --no-sandbox: the benchmark runs as root in CI, where
// Chromium refuses its sandbox. The GPU process is left on (no --disable-gpu): a gallery kiosk
// runs Chromium with it, and on a machine without a GPU it renders with SwiftShader on the CPU,
// as Orpheus does with llvmpipe; --chromium-arg --disable-gpu shows the difference.
const std::vector<std::string> kChromiumFlags = {"--headless=new", "--no-sandbox", "--window-size=1920,1080",
                                                 "--enable-logging=stderr", "--v=0", "--no-first-run"};

double median(std::vector<double> v) {
  std::erase_if(v, [](double x) { return x < 0; });  // runs that could not measure it (reported, and failing)
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
double epoch_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
}
bool contains(const std::string& file, std::string_view what) { return test::read_text(file).find(what) != std::string::npos; }

// The machine's 1, 5 and 15 minute load averages: other work competes with both programs.
std::string load_average() {
  const std::string text = test::read_text("/proc/loadavg");
  std::size_t end = 0;
  for (int i = 0; i < 3 && end != std::string::npos; ++i) end = text.find(' ', end + 1);
  return text.substr(0, end);
}

// `name` in a directory of PATH (execv, unlike execvp, needs the path); empty if none has it.
std::string find_program(const std::string& name) {
  std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin");
  for (std::string dir; std::getline(path, dir, ':');)
    if (!dir.empty() && access((dir + "/" + name).c_str(), X_OK) == 0) return dir + "/" + name;
  return {};
}

// ---- the gallery as a static page ----

std::string html_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The kiosk's collection screen in CSS: its palette, and its sizes in millimetres (CSS mm are
// 96/25.4 px, the kiosk's density here): 12 mm margins, 7 mm gaps, columns of at least 78 mm
// (5 at 1920 px), cards of a 4:3 picture, a bold title of up to two lines and the period. Font
// sizes are the kiosk's divided by 1.36: ImGui sizes a font by its ascent to descent, CSS by its
// em, and Noto Sans spans 1.36 em. No scroll bar, as on the kiosk.
constexpr const char* kPageHead = R"(<!doctype html>
<html lang="bg"><head><meta charset="utf-8"><title>Галерия</title>
<style>
html { scrollbar-width: none; }
body { margin: 0; background: rgb(20, 18, 16); color: rgb(240, 233, 220); font-family: "Noto Sans", sans-serif; }
header { position: sticky; top: 0; height: 20mm; display: flex; align-items: center; padding: 0 12mm;
         background: rgb(20, 18, 16); border-bottom: 0.25mm solid rgb(78, 70, 60); font-size: 5.4mm; z-index: 1; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(78mm, 1fr)); gap: 7mm; padding: 8mm 12mm 12mm; }
figure { margin: 0; background: rgb(34, 31, 28); border-radius: 2.5mm; overflow: hidden; }
img { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; }
figcaption { padding: 3.2mm 4mm 4mm; }
h2 { margin: 0 0 1mm; font-size: 4.3mm; line-height: 1.15; height: 2.3em; overflow: hidden; display: -webkit-box;
     -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
p { margin: 0; font-size: 3.7mm; color: rgb(184, 173, 156); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style></head>
<body><header>Галерия</header>
<main>
)";

// Reports the first contentful paint as epoch ms; once every picture is decoded, scrolls to the end
// and back half a screen at a time, two frames each so that every card is painted, and reports
// how many pictures are shown.
constexpr const char* kPageScript = R"(</main>
<script>
const mark = (what) => console.log('ORPHEUS_BENCH ' + what);
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (e.name === 'first-contentful-paint') mark('fcp ' + (performance.timeOrigin + e.startTime).toFixed(1));
}).observe({type: 'paint', buffered: true});
const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
addEventListener('load', async () => {
  const images = [...document.images];
  await Promise.allSettled(images.map((img) => img.decode()));
  const end = document.documentElement.scrollHeight - innerHeight;
  for (let y = 0; y < end; y += innerHeight / 2) { scrollTo(0, y); await frames(); }
  for (let y = end; y > 0; y -= innerHeight / 2) { scrollTo(0, y); await frames(); }
  scrollTo(0, 0);
  await frames();
  mark('shown ' + images.filter((img) => img.complete && img.naturalWidth > 0).length);
});
</script>
</body></html>
)";

// dir/gallery.html and dir/thumbs/: the very thumbnails, Bulgarian titles and periods of the
// pack's gallery collection, in its order. Returns the page's path.
std::string write_gallery_page(const std::string& pack, const std::string& dir) {
  fs::create_directories(dir + "/thumbs");
  sql::Database db(pack, sql::Database::Mode::read_only);
  auto q = db.prepare(
      "SELECT t.title, t.period, b.mime, b.bytes FROM item i "
      "JOIN collection c ON c.id = i.collection_id "
      "JOIN item_text t ON t.item_id = i.id AND t.lang = 'bg' "
      "JOIN media m ON m.item_id = i.id AND m.ord = 0 "
      "JOIN media_blob b ON b.media_id = m.id AND b.variant = 'thumbnail' "
      "WHERE c.slug = ? ORDER BY i.ord");
  q.bind(1, std::string_view(kSlug));
  std::ostringstream html;
  html << kPageHead;
  for (int n = 0; q.step(); ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "thumbs/%03d.%s", n, q.text(2) == "image/png" ? "png" : "jpg");
    const auto bytes = q.blob(3);
    std::ofstream(dir + "/" + name, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                            static_cast<std::streamsize>(bytes.size()));
    html << "<figure><img src=\"" << name << "\" alt=\"\"><figcaption><h2>" << html_escape(q.text(0)) << "</h2><p>"
         << html_escape(q.text(1)) << "</p></figcaption></figure>\n";
  }
  html << kPageScript;
  test::write_text(dir + "/gallery.html", html.str());
  return dir + "/gallery.html";
}

// ---- the program under test, a process tree ----

// `root` and all its descendants, from the parent pid (field 4) of every /proc/PID/stat.
std::vector<pid_t> process_tree(pid_t root) {
  std::multimap<pid_t, pid_t> children;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = test::read_text(entry.path() / "stat");
    const auto paren = stat.rfind(')');  // the command name before it may hold spaces and parentheses
    int ppid = 0;
    if (paren != std::string::npos && std::sscanf(stat.c_str() + paren + 1, " %*c %d", &ppid) == 1)
      children.emplace(ppid, static_cast<pid_t>(std::stol(name)));
  }
  std::vector<pid_t> tree{root};
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const auto [first, last] = children.equal_range(tree[i]);
    for (auto it = first; it != last; ++it) tree.push_back(it->second);
  }
  return tree;
}

// The kB figure after `key` in a /proc key-value text such as smaps_rollup; 0 if absent (a
// process that just ended).
long kb_after(const std::string& text, std::string_view key) {
  const auto at = text.find(key);
  return at == std::string::npos ? 0 : std::atol(text.c_str() + at + key.size());
}

// PSS of the GL driver's code and data in process `pid`: Mesa's driver (*_dri.so, libgallium*) and
// the LLVM it compiles shaders with (libLLVM*), from /proc/PID/smaps. On a machine without a GPU
// this is llvmpipe, mapped only by the process that draws.
long renderer_pss_kb(pid_t pid) {
  std::istringstream smaps(test::read_text("/proc/" + std::to_string(pid) + "/smaps"));
  long kb = 0;
  bool renderer = false;
  for (std::string line; std::getline(smaps, line);) {
    if (line.empty()) continue;
    const char c = line[0];
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {  // a mapping's first line; field names are capitalised
      const auto slash = line.rfind('/');
      const std::string name = slash == std::string::npos ? "" : line.substr(slash + 1);
      renderer = name.starts_with("libLLVM") || name.starts_with("libgallium") || name.ends_with("_dri.so");
    } else if (renderer && line.starts_with("Pss:")) {
      kb += std::atol(line.c_str() + 4);
    }
  }
  return kb;
}

struct TreeUsage {
  double cpu_ticks = 0;  // utime + stime, all threads
  long rss_kb = 0, pss_kb = 0;
  std::size_t processes = 0;
};

TreeUsage tree_usage(pid_t root) {
  TreeUsage u;
  for (const pid_t pid : process_tree(root)) {
    const std::string rollup = test::read_text("/proc/" + std::to_string(pid) + "/smaps_rollup");
    u.cpu_ticks += test::cpu_ticks(pid);
    u.rss_kb += kb_after(rollup, "\nRss:");  // the first line names the range, so every key follows a newline
    u.pss_kb += kb_after(rollup, "\nPss:");
    ++u.processes;
  }
  return u;
}

// A program we started, sampled every 100 ms for its memory peaks while the benchmark waits on it.
// Reading smaps_rollup walks every mapping (a Chromium renderer has ~1,000: milliseconds each),
// so samples are spaced at least 10 times as long as the last one took: the sampling never takes
// more than a tenth of a core from the programs measured.
class Watched {
 public:
  explicit Watched(pid_t pid) : pid_(pid) {}
  pid_t pid() const { return pid_; }

  // Samples until `ready()` (asked every `poll`) holds: true; false if the program ended or
  // `timeout_s` passed first. A poll faster than the samples times something to the millisecond:
  // it does not sample, as a sample would delay noticing it.
  bool wait_until(const std::function<bool()>& ready, double timeout_s,
                  std::chrono::milliseconds poll = kSampleEvery) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeout_s);
    while (!ended()) {
      if (poll >= kSampleEvery && Clock::now() >= next_sample_) sample();
      if (ready()) return true;
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(poll);
    }
    return false;
  }

  // The process tree's CPU use over the next `seconds`, % of one core; -1 if the program ended.
  double cpu_percent_over(double seconds) {
    const auto t0 = Clock::now();
    const double before = tree_usage(pid_).cpu_ticks;
    wait_until([] { return false; }, seconds);
    const double used = tree_usage(pid_).cpu_ticks - before;
    if (ended()) return -1;
    return 100.0 * used / static_cast<double>(sysconf(_SC_CLK_TCK)) / (ms_since(t0) / 1000);
  }

  // Samples until the program ends: its exit code, -1 if a signal ended it, -2 if it is still
  // running after `timeout_s`.
  int wait_exit(double timeout_s) {
    wait_until([] { return false; }, timeout_s);
    if (!status_) return -2;
    return WIFEXITED(*status_) ? WEXITSTATUS(*status_) : -1;
  }

  bool ended() {
    int status = 0;
    if (!status_ && waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
    return status_.has_value();
  }

  long peak_rss_kb = 0, peak_pss_kb = 0;
  std::size_t most_processes = 0;
  long samples = 0;

 private:
  void sample() {
    const auto start = Clock::now();
    const auto u = tree_usage(pid_);
    next_sample_ = start + std::max<Clock::duration>(kSampleEvery, 10 * (Clock::now() - start));
    ++samples;
    peak_rss_kb = std::max(peak_rss_kb, u.rss_kb);
    peak_pss_kb = std::max(peak_pss_kb, u.pss_kb);
    most_processes = std::max(most_processes, u.processes);
  }

  pid_t pid_;
  Clock::time_point next_sample_{};
  std::optional<int> status_;
};

// ---- the runs ----

struct Figures {  // -1: not measured
  double first_frame_ms = -1, rss_mb = -1, pss_mb = -1, idle_cpu = -1, processes = -1;
  double live_idle_cpu = -1;  // Orpheus only: the live kiosk, no replay
  double renderer_mb = -1;    // Orpheus only: PSS of Mesa's code in it (renderer_pss_kb)
  double sample_ms = -1;      // mean time between memory samples
  bool complete() const { return first_frame_ms > 0 && rss_mb > 0 && pss_mb > 0 && idle_cpu >= 0; }
  bool complete_orpheus() const { return complete() && live_idle_cpu >= 0 && renderer_mb > 0; }
};

std::string figure(double v, const char* fmt) {
  if (v < 0) return "n/a";
  char b[32];
  std::snprintf(b, sizeof b, fmt, v);
  return b;
}

void keep_peaks(Figures& f, const Watched& w, Clock::time_point t0) {
  f.sample_ms = w.samples > 0 ? ms_since(t0) / static_cast<double>(w.samples) : -1;
  f.rss_mb = static_cast<double>(w.peak_rss_kb) / 1024;
  f.pss_mb = static_cast<double>(w.peak_pss_kb) / 1024;
  f.processes = static_cast<double>(w.most_processes);
}

void print_run(const char* who, int run, int runs, const Figures& f) {
  std::printf("  run %d/%d %-9s first frame %7s ms   peak RSS %7s MB   peak PSS %7s MB   idle CPU %5s %%%s   %s processes"
              "   memory sampled every %s ms\n",
              run, runs, who, figure(f.first_frame_ms, "%.1f").c_str(), figure(f.rss_mb, "%.1f").c_str(),
              figure(f.pss_mb, "%.1f").c_str(), figure(f.idle_cpu, "%.2f").c_str(),
              f.live_idle_cpu >= 0 ? (" (live " + figure(f.live_idle_cpu, "%.2f") + " %)").c_str() : "",
              figure(f.processes, "%.0f").c_str(), figure(f.sample_ms, "%.0f").c_str());
  std::fflush(stdout);
}

struct Setup {
  std::string dir, pack, script, page, chromium;
  std::vector<std::string> chromium_args;
  double idle_s = 30;
  bool quick = false;  // the replay at 20 frames a second of virtual time (its flicks in a third of the frames)
};

// The grid scrolls ~7,000 px (20 rows); a 700 px flick and its glide move it ~1,270 px, so eight
// reach either end from the other with room to spare (the state dumps check that they did).
constexpr int kFlicks = 8;

// Opens the gallery, flicks its grid to the end (state dump: the last item must be on screen) and
// back (state dump: the first item; its file tells the benchmark that all is shown), then keeps
// the real loop running with no input for the idle window and a little more, and quits. While a
// replay sleeps, the loop waits for events as a live kiosk does.
void write_replay(const Setup& s) {
  std::ofstream script(s.script);
  if (s.quick) script << R"({"t_ms": 0, "frame_ms": 50})" << "\n";
  script << R"({"t_ms": 100, "tap_target": "collection.)" << kSlug << R"("})" << "\n";
  int t = 1000;
  for (const auto& [y0, y1, dump] : {std::tuple{950, 250, "bottom"}, std::tuple{250, 950, "top"}}) {
    for (int i = 0; i < kFlicks; ++i, t += 1500)
      script << R"({"t_ms": )" << t << R"(, "drag": [960, )" << y0 << ", 960, " << y1 << R"(], "ms": 400})" << "\n";
    script << R"({"state": ")" << s.dir << "/orpheus-" << dump << R"(.json"})" << "\n";
    t += 5000;
  }
  script << R"({"sleep_real": )" << static_cast<long>(s.idle_s * 1000) + 2000 << "}\n" << R"({"quit": true})" << "\n";
}

// Whether the state dump `file` lists the target of item `i` of the gallery (it is on screen).
bool shows_item(const std::string& file, int i) {
  const auto j = nlohmann::json::parse(test::read_text(file), nullptr, false);
  if (j.is_discarded() || !j.contains("targets")) return false;
  const std::string name = "item." + std::string(kSlug) + "-" + std::to_string(i);
  return std::any_of(j["targets"].begin(), j["targets"].end(), [&](const auto& t) { return t.value("name", "") == name; });
}

// The live kiosk (no replay) on its home screen, settled (its log line "settled": thumbnails
// loaded and faded in): its CPU over the idle window, % of one core. A replay's sleep_real polls;
// this is what an unattended kiosk costs.
double live_idle_cpu(const Setup& s) {
  const std::string err = s.dir + "/orpheus-live-stderr.txt";
  Watched w(test::spawn({ORPHEUS_KIOSK, "--pack", s.pack, "--windowed", "1920x1080"}, err));
  double cpu = -1;
  if (w.wait_until([&] { return contains(err, "app: settled "); }, 60)) cpu = w.cpu_percent_over(s.idle_s);
  else std::fprintf(stderr, "live kiosk: no \"settled\" line within 60 s\n");
  kill(w.pid(), SIGTERM);
  if (w.wait_exit(15) != 0) std::fprintf(stderr, "live kiosk did not stop cleanly:\n%s\n", test::read_text(err).c_str());
  return cpu;
}

Figures run_orpheus(const Setup& s, int run, int runs) {
  Figures f;
  const std::string err = s.dir + "/orpheus-stderr.txt", top = s.dir + "/orpheus-top.json", bottom = s.dir + "/orpheus-bottom.json";
  for (const auto& stale : {err, top, bottom}) fs::remove(stale);
  const auto t0 = Clock::now();
  Watched w(test::spawn({ORPHEUS_KIOSK, "--pack", s.pack, "--windowed", "1920x1080", "--replay", s.script}, err));
  // Polled every millisecond, not sampled meanwhile: the figure to compare is in milliseconds.
  if (w.wait_until([&] { return contains(err, "first frame presented"); }, 60, std::chrono::milliseconds(1)))
    f.first_frame_ms = ms_since(t0);
  std::string failure;
  if (w.wait_until([&] { return fs::exists(top); }, 600)) {
    f.renderer_mb = static_cast<double>(renderer_pss_kb(w.pid())) / 1024;
    f.idle_cpu = w.cpu_percent_over(s.idle_s);
  }
  const int code = w.wait_exit(30);
  keep_peaks(f, w, t0);
  if (code != 0) failure = code == -2 ? "did not quit" : "exit code " + std::to_string(code);
  else if (!shows_item(bottom, kItems - 1)) failure = "the flicks did not reach the last item (more flicks needed)";
  else if (!shows_item(top, 0)) failure = "the flicks did not return to the first item";
  if (!failure.empty()) {
    std::fprintf(stderr, "orpheus run %d: %s; its stderr:\n%s\n", run, failure.c_str(), test::read_text(err).c_str());
    f.idle_cpu = -1;  // not after the whole gallery was shown
  }
  f.live_idle_cpu = live_idle_cpu(s);
  print_run("orpheus", run, runs, f);
  return f;
}

// What drawing alone costs on this machine: gl_floor (a bare window of the kiosk's kind drawing
// one textured quad) once it has drawn. Not measured: all figures -1.
struct Floor {
  double rss_mb = -1, pss_mb = -1, renderer_mb = -1;
  std::string renderer;  // GL_RENDERER
  bool complete() const { return rss_mb > 0 && pss_mb > 0 && renderer_mb > 0; }
};

Floor measure_floor(const Setup& s) {
  Floor f;
  const std::string out = s.dir + "/gl-floor-stdout.txt", err = s.dir + "/gl-floor-stderr.txt";
  Watched w(test::spawn({ORPHEUS_GL_FLOOR}, err, out));
  // "ready" comes after its frames are drawn and finished (glFinish): what it holds then is the floor.
  if (w.wait_until([&] { return contains(out, "\n"); }, 60, std::chrono::milliseconds(10)) && contains(out, "ready ")) {
    const auto u = tree_usage(w.pid());
    f.rss_mb = static_cast<double>(u.rss_kb) / 1024;
    f.pss_mb = static_cast<double>(u.pss_kb) / 1024;
    f.renderer_mb = static_cast<double>(renderer_pss_kb(w.pid())) / 1024;
    f.renderer = test::read_text(out).substr(6);
    f.renderer.erase(f.renderer.find_last_not_of(" \n") + 1);
  }
  kill(w.pid(), SIGTERM);
  if (w.wait_exit(15) != 0 || !f.complete()) {
    kill(w.pid(), SIGKILL);
    std::fprintf(stderr, "gl_floor failed; its stderr:\n%s\n", test::read_text(err).c_str());
    w.wait_exit(5);
    f = {};
  }
  return f;
}

// The number after the page's marker `what` on Chromium's stderr, if it came.
std::optional<double> page_mark(const std::string& log, const std::string& what) {
  const auto at = log.find(kMarker + what + " ");
  if (at == std::string::npos) return std::nullopt;
  return std::strtod(log.c_str() + at + std::strlen(kMarker) + what.size() + 1, nullptr);
}

Figures run_chromium(const Setup& s, int run, int runs) {
  Figures f;
  const std::string err = s.dir + "/chromium-stderr.txt";
  // One profile for all runs, as a kiosk keeps its own: only the first run creates it.
  std::vector<std::string> argv = {s.chromium, "--user-data-dir=" + s.dir + "/chromium-profile"};
  argv.insert(argv.end(), kChromiumFlags.begin(), kChromiumFlags.end());
  argv.insert(argv.end(), s.chromium_args.begin(), s.chromium_args.end());
  argv.push_back("file://" + s.page);
  const auto t0 = Clock::now();
  const double spawned = epoch_ms();
  const pid_t pid = test::spawn(argv, err, {}, true);
  Watched w(pid);
  std::string failure;
  if (w.wait_until([&] { return contains(err, std::string(kMarker) + "shown"); }, 180)) {
    const std::string log = test::read_text(err);
    if (const auto fcp = page_mark(log, "fcp")) f.first_frame_ms = *fcp - spawned;
    if (const auto shown = page_mark(log, "shown"); shown && *shown == kItems) f.idle_cpu = w.cpu_percent_over(s.idle_s);
    else failure = "the page shows " + std::to_string(shown.value_or(0)) + " of the " + std::to_string(kItems) + " pictures";
  } else {
    failure = w.ended() ? "Chromium ended early" : "no \"shown\" mark from the page within 180 s";
  }
  // The whole group: the browser ends its helpers on SIGTERM, and SIGKILL takes any that linger.
  killpg(pid, SIGTERM);
  w.wait_exit(15);
  killpg(pid, SIGKILL);
  w.wait_exit(5);
  keep_peaks(f, w, t0);
  if (!failure.empty())
    std::fprintf(stderr, "chromium run %d: %s; the page's marks and errors:\n%s\n", run, failure.c_str(),
                 test::read_text(err).c_str());
  print_run("chromium", run, runs, f);
  return f;
}

// ---- the table ----

// One row: both medians, Chromium's over Orpheus's, and the target with PASS/MISS (n/a without a figure).
void row(const char* label, double orpheus, double chromium, const char* fmt, const char* target, std::optional<bool> pass) {
  const double ratio = orpheus > 0 && chromium > 0 ? chromium / orpheus : -1;
  std::printf("  %-36s %10s %10s %10s   %-26s %s\n", label, figure(orpheus, fmt).c_str(), figure(chromium, fmt).c_str(),
              figure(ratio, "%.1fx").c_str(), target, pass ? (*pass ? "PASS" : "MISS") : *target ? "n/a" : "");
}

// At least `times` less of something than Chromium (time, memory); none without both figures.
std::optional<bool> times_less(double orpheus, double chromium, double times) {
  if (orpheus <= 0 || chromium <= 0) return std::nullopt;
  return chromium >= times * orpheus;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int runs = 5;
  std::string keep;
  Setup s;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--chromium-arg") && i + 1 < argc) s.chromium_args.push_back(argv[++i]);
    else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc) keep = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_gallery [--quick] [--runs N] [--chromium-arg ARG]... [--keep DIR]\n");
      return 2;
    }
  }
  if (quick) runs = 1;
  s.idle_s = quick ? 3 : 30;
  s.quick = quick;
  test::use_headless_environment();
  std::optional<test::TempDir> temp;
  if (keep.empty()) s.dir = temp.emplace().path().string();
  else fs::create_directories(s.dir = fs::absolute(keep).string());
  s.pack = s.dir + "/gallery.db";
  s.script = s.dir + "/gallery.jsonl";
  test::make_gallery_pack(ORPHEUS_DEMO_PACK, s.pack, kSlug, kItems);
  s.page = write_gallery_page(s.pack, s.dir + "/html");
  write_replay(s);
  s.chromium = find_program("chromium");

  std::string chromium_version = "not installed";
  if (!s.chromium.empty()) {
    chromium_version = test::run({s.chromium, "--version"}, 30).out;
    chromium_version.erase(chromium_version.find_last_not_of(" \n") + 1);
  } else {
    std::printf("chromium not found on PATH: install it (apt-get install chromium) for the comparison; Orpheus alone below\n");
  }
  std::printf("bench_gallery: the same %d-item gallery (demo pictures, Bulgarian titles), 1920x1080, headless, %u cores%s\n"
              "  Orpheus:  orpheus-kiosk --replay (SDL offscreen, Mesa llvmpipe): open the gallery, flick to the end and back\n"
              "  Chromium: %s, static gallery.html, the page scrolls to the end and back\n",
              kItems, std::thread::hardware_concurrency(), quick ? " [quick: not for reporting]" : "", chromium_version.c_str());
  std::string flags;
  for (const auto& f : kChromiumFlags) flags += " " + f;
  for (const auto& f : s.chromium_args) flags += " " + f;
  std::printf("            flags:%s\n  load average before: %s\n", flags.c_str(), load_average().c_str());
  std::fflush(stdout);

  const Floor floor = measure_floor(s);
  std::vector<Figures> orpheus, chromium;
  for (int r = 1; r <= runs; ++r) {  // alternating, so that a change in the machine's load falls on both
    orpheus.push_back(run_orpheus(s, r, runs));
    if (!s.chromium.empty()) chromium.push_back(run_chromium(s, r, runs));
  }

  const auto med = [](const std::vector<Figures>& v, double Figures::*field) {
    std::vector<double> x;
    for (const auto& f : v) x.push_back(f.*field);
    return median(x);
  };
  const double o_first = med(orpheus, &Figures::first_frame_ms), c_first = med(chromium, &Figures::first_frame_ms);
  const double o_rss = med(orpheus, &Figures::rss_mb), c_rss = med(chromium, &Figures::rss_mb);
  const double o_pss = med(orpheus, &Figures::pss_mb), c_pss = med(chromium, &Figures::pss_mb);
  const double o_idle = med(orpheus, &Figures::idle_cpu), c_idle = med(chromium, &Figures::idle_cpu);
  char idle_label[64], faster[32], less[32], idle_target[32];
  std::snprintf(idle_label, sizeof idle_label, "CPU idle %.0f s after, %% of a core", s.idle_s);
  std::snprintf(faster, sizeof faster, "Orpheus >= %.0fx faster", kFaster);
  std::snprintf(less, sizeof less, "Orpheus >= %.0fx less", kLessMemory);
  std::snprintf(idle_target, sizeof idle_target, "Orpheus < %.0f %%", kIdleCpu);
  std::printf("\nmedians of %d run%s                     %10s %10s %10s   %-26s\n", runs, runs == 1 ? " " : "s", "Orpheus",
              "Chromium", "Chr/Orph", "target");
  row("time to first frame, ms", o_first, c_first, "%.1f", faster, times_less(o_first, c_first, kFaster));
  row("peak RSS, MB (all processes)", o_rss, c_rss, "%.1f", less, times_less(o_rss, c_rss, kLessMemory));
  row("peak PSS, MB (all processes)", o_pss, c_pss, "%.1f", less, times_less(o_pss, c_pss, kLessMemory));
  const double o_renderer = med(orpheus, &Figures::renderer_mb);
  row("  of it Mesa's code (LLVM, driver)", o_renderer, -1, "%.1f", "", std::nullopt);
  row(idle_label, o_idle, c_idle, "%.2f", idle_target, o_idle >= 0 ? std::optional(o_idle < kIdleCpu) : std::nullopt);
  const double o_live = med(orpheus, &Figures::live_idle_cpu);
  row("  Orpheus live on home, no replay", o_live, -1, "%.2f", idle_target, o_live >= 0 ? std::optional(o_live < kIdleCpu) : std::nullopt);
  row("processes (most at once)", med(orpheus, &Figures::processes), med(chromium, &Figures::processes), "%.0f", "", std::nullopt);
  std::printf("  first frame: Orpheus spawn -> \"first frame presented\" on stderr; Chromium spawn -> first contentful paint\n"
              "  memory: summed over the process tree, sampled over the whole run; CPU: utime+stime of the tree\n"
              "  Orpheus idles in a replay's sleep_real on the gallery; \"live\" is the kiosk without a replay on\n"
              "  its home screen (same pack), as it idles unattended\n"
              "  memory sampled every %s ms (Orpheus) and %s ms (Chromium) on average: at least 100, and 10x a sample's time\n"
              "  load average after: %s (%u cores; a load near or above the cores means other work competed)\n",
              figure(med(orpheus, &Figures::sample_ms), "%.0f").c_str(), figure(med(chromium, &Figures::sample_ms), "%.0f").c_str(),
              load_average().c_str(), std::thread::hardware_concurrency());

  if (floor.complete()) {
    std::printf("  drawing alone (gl_floor: a bare 1920x1080 window of the kiosk's kind drawing one textured quad,\n"
                "  %s): PSS %.1f MB, of it Mesa's code %.1f MB; RSS %.1f MB. Orpheus's PSS is %.1f MB above it\n",
                floor.renderer.c_str(), floor.pss_mb, floor.renderer_mb, floor.rss_mb, o_pss - floor.pss_mb);
    if (c_pss > 0)
      std::printf("  the PSS target (%.1f MB, Chromium's / %.0f) leaves %.1f MB above it for the kiosk's own work\n",
                  c_pss / kLessMemory, kLessMemory, c_pss / kLessMemory - floor.pss_mb);
  }

  const auto all_complete = [](const std::vector<Figures>& v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](const Figures& f) { return f.complete(); });
  };
  const bool orpheus_ok = floor.complete() && all_complete(orpheus) && std::all_of(orpheus.begin(), orpheus.end(), [](const Figures& f) {
    return f.complete_orpheus();
  });
  const bool chromium_ok = all_complete(chromium);
  if (!orpheus_ok) std::fprintf(stderr, "bench_gallery: some Orpheus figures could not be measured\n");
  if (!s.chromium.empty() && !chromium_ok) std::fprintf(stderr, "bench_gallery: some Chromium figures could not be measured\n");
  if (!orpheus_ok) return 1;
  if (s.chromium.empty()) return quick ? 0 : 1;
  return chromium_ok ? 0 : 1;
}
