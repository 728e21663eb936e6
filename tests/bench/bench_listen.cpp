// Narration as a visitor hears it: the live kiosk on a private Xvfb, its sound going to SDL's
// "disk" audio driver (the samples SDL takes from the kiosk, written in real time), the play
// button clicked through XTest. Prints:
//   start latency   the click's release to the first sound SDL took (the first non-silent sample
//                   appearing in the driver's file; the driver writes a buffer, ~23 ms, at a
//                   time, so this is an upper bound), each start a fresh load (the language
//                   alternates, which stops the narration);
//   CPU             of the whole kiosk process (all threads, /proc) while a narration plays,
//                   and on the same page with nothing playing, % of one core.
// Usage: bench_listen [--quick]   (--quick: 3 starts and 5 s of CPU: keeps it working in CI)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/wait.h"
#include "support/xvfb.h"
// Last: Xlib's macros.
#include "support/x_kiosk.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kCollection = "panagyurishte";
constexpr const char* kItem = "panagyurishte-amphora-rhyton";

double now_ms() { return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count(); }
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// Where to click, from a headless replay at the same size: the collection, the item, play and
// the two language buttons.
std::map<std::string, test::Rect> learn(const std::string& dir) {
  const std::string script = dir + "/layout.jsonl";
  test::write_text(script, std::string("{\"t_ms\": 100, \"tap_target\": \"lang.en\", \"if_present\": true}\n") +
                               "{\"state\": \"" + dir + "/home.json\"}\n{\"t_ms\": 600, \"tap_target\": \"collection." + kCollection +
                               "\"}\n{\"state\": \"" + dir + "/collection.json\"}\n{\"t_ms\": 1200, \"tap_target\": \"item." + kItem +
                               "\"}\n{\"state\": \"" + dir + "/item.json\"}\n{\"quit\": true}\n");
  test::use_headless_environment();
  const auto r = test::run({ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--set", R"(session.languages=["bg","en"])", "--windowed", "1920x1080", "--dpi", "96", "--replay", script});
  if (r.exit_code != 0) throw std::runtime_error("layout run failed:\n" + r.err);
  std::map<std::string, test::Rect> out;
  for (const char* screen : {"home", "collection", "item"})
    for (const auto& [name, rect] : test::targets(nlohmann::json::parse(test::read_text(dir + "/" + screen + ".json"))))
      out[name] = rect;
  for (const char* need : {"lang.en", "lang.bg", "narration.play"})
    if (!out.count(need)) throw std::runtime_error(std::string("layout run: no target ") + need + " (a pack without narration?)");
  return out;
}

// A click at the middle of `r`: press, 60 ms, release. Returns the time just after the release
// reached the X server (XSync).
double click(Display* d, const test::XKiosk& k, const test::Rect& r) {
  test::send_motion(d, k.ox + static_cast<int>(r.x + r.w / 2), k.oy + static_cast<int>(r.y + r.h / 2));
  sleep_ms(30);
  test::send_button(d, true);
  sleep_ms(60);
  test::send_button(d, false);
  XSync(d, False);
  return now_ms();
}

// Waits until the kiosk (started with --set log.level=debug) has drawn a frame after `after_ms`
// and said it settled at its last frame (support/kiosk_bench.h); throws after 30 s.
void settle(test::XKiosk& k, const std::string& trace, double after_ms) {
  if (!test::wait_until([&] { return test::settled_after(k.err, trace, after_ms); }, std::chrono::seconds(30),
                        std::chrono::milliseconds(10)))
    throw k.fail("the kiosk did not settle within 30 s");
}

// Waits until a non-zero sample appears in the driver's file past `from` bytes; its time.
double first_sound(const std::string& file, std::size_t from, double give_up_ms) {
  std::vector<char> buf;
  while (now_ms() < give_up_ms) {
    std::ifstream in(file, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(from));
    buf.assign(std::istreambuf_iterator<char>(in), {});
    const double t = now_ms();
    for (std::size_t i = 0; i + 1 < buf.size(); i += 2)
      if (buf[i] != 0 || buf[i + 1] != 0) return t;
    sleep_ms(1);
  }
  return -1;
}

std::size_t file_size(const std::string& f) {
  std::error_code ec;
  const auto s = std::filesystem::file_size(f, ec);
  return ec ? 0 : static_cast<std::size_t>(s);
}

// CPU of the whole process over `seconds`, % of one core; and the frames drawn meanwhile (from
// the trace): how many a second, and the median main-thread CPU of one.
struct Cpu {
  double percent = -1, frames_per_s = 0, frame_cpu_ms = 0;
  std::map<std::string, double> threads;  // % of one core by thread name (SDL's audio thread, llvmpipe's, ...)
};

// CPU ticks so far of each thread of `pid`, summed by the thread's name without its number.
std::map<std::string, double> thread_ticks(pid_t pid) {
  std::map<std::string, double> out;
  std::error_code ec;
  for (const auto& t : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    const std::string stat = test::read_text(t.path() / "stat");
    const auto open = stat.find('('), close = stat.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::string name = stat.substr(open + 1, close - open - 1);
    while (!name.empty() && (std::isdigit(static_cast<unsigned char>(name.back())) || name.back() == '-')) name.pop_back();
    std::istringstream rest(stat.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
      if (i == 14) utime = std::stod(field);
      if (i == 15) stime = std::stod(field);
    }
    out[name] += utime + stime;
  }
  return out;
}
Cpu cpu_over(pid_t pid, const std::string& trace, int seconds) {
  const double t0 = test::cpu_ticks(pid), w0 = now_ms();
  const auto threads0 = thread_ticks(pid);
  sleep_ms(seconds * 1000);
  const double w1 = now_ms();
  Cpu c;
  const double per_tick = 100.0 / static_cast<double>(sysconf(_SC_CLK_TCK)) / ((w1 - w0) / 1000);
  c.percent = (test::cpu_ticks(pid) - t0) * per_tick;
  for (const auto& [name, ticks] : thread_ticks(pid)) {
    const auto before = threads0.find(name);
    const double used = (ticks - (before == threads0.end() ? 0 : before->second)) * per_tick;
    if (used >= 0.05) c.threads[name] = used;
  }
  std::vector<double> frame_cpu;
  for (const auto& f : test::read_trace(trace))
    if (f.swap_ms > w0 && f.swap_ms <= w1) frame_cpu.push_back(f.cpu_ms);
  c.frames_per_s = static_cast<double>(frame_cpu.size()) / ((w1 - w0) / 1000);
  c.frame_cpu_ms = test::median(frame_cpu);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  try {
    test::TempDir temp;
    const std::string dir = temp.path().string();
    const auto at = learn(dir);
    test::Xvfb x(dir);
    Display* d = x.display();
    const std::string sound = dir + "/sound.raw", trace = dir + "/trace.jsonl";
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", sound.c_str(), 1);
    test::XKiosk k;
    test::start_x_kiosk(k, x,
                        {ORPHEUS_KIOSK, "--pack", ORPHEUS_DEMO_PACK, "--set", R"(session.languages=["bg","en"])", "--windowed", "1920x1080", "--dpi", "96", "--trace-frames", trace,
                         "--set", "session.attract_timeout=0", "--set", "log.level=debug"},
                        trace, dir + "/kiosk-err.txt", 1920, 1080);
    settle(k, trace, 0);
    settle(k, trace, click(d, k, at.at("lang.en")));
    settle(k, trace, click(d, k, at.at("collection." + std::string(kCollection))));
    settle(k, trace, click(d, k, at.at("item." + std::string(kItem))));
    const Cpu idle = cpu_over(k.pid, trace, quick ? 3 : 10);

    std::vector<double> latency;
    const int starts = quick ? 3 : 15;
    Cpu playing;
    for (int i = 0; i < starts; ++i) {
      const std::size_t from = file_size(sound);
      const double released = click(d, k, at.at("narration.play"));
      const double heard = first_sound(sound, from, released + 5000);
      if (heard < 0) throw k.fail("no sound within 5 s of clicking play (start " + std::to_string(i + 1) + ")");
      latency.push_back(heard - released);
      if (i == 0) playing = cpu_over(k.pid, trace, quick ? 5 : 20);
      else sleep_ms(600);
      settle(k, trace, click(d, k, at.at(i % 2 ? "lang.en" : "lang.bg")));  // stops it; the next start loads anew
    }
    if (!k.stop()) throw std::runtime_error("the kiosk did not exit cleanly:\n" + test::read_text(dir + "/kiosk-err.txt"));
    std::vector<double> sorted = latency;
    std::sort(sorted.begin(), sorted.end());
    std::printf("narration start, click release to first sound taken by SDL (%d starts, each a fresh load):\n", starts);
    std::printf("  median %.1f ms, min %.1f ms, max %.1f ms\n", test::median(latency), sorted.front(), sorted.back());
    std::printf("kiosk CPU (all threads), %% of one core: item page idle %.1f %%, narration playing %.1f %%\n", idle.percent,
                playing.percent);
    std::printf("  by thread:");
    for (const auto& [name, percent] : playing.threads) std::printf(" %s %.1f %%", name.c_str(), percent);
    std::printf("\n  while playing: %.1f frames/s (progress and the sentence marked), median %.2f ms main-thread CPU each\n",
                playing.frames_per_s, playing.frame_cpu_ms);
    if (playing.percent < 0 || playing.frames_per_s <= 0 || latency.size() != static_cast<std::size_t>(starts)) return 1;
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_listen: %s\n", e.what());
    return 1;
  }
}
