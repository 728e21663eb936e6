// Usage journal benchmark (issue 23, docs/usage.md): what counting visits costs the kiosk.
// - Frames: a 60 Hz loop hands the journal visits at rates from 10 to 10,000 a second (a real
//   kiosk sees one every few seconds at most) for 3 s; prints the time add() takes per frame
//   (median, maximum) against the frame's CPU budget, and whether the writer thread kept up
//   (everything committed within a second of the last frame).
// - Per visit: CPU (the whole process: the writer thread's SQLite work) and disk (journal + WAL)
//   per realistic visit (4 objects, 3 screens, a search, an event).
// - Roll-up of 35 days of 300 visits a day; the admin screen's 30-day read; an export's read of
//   365 rolled-up days.
// Medians of 3 runs. Usage: bench_usage [--quick]. --quick: shorter runs (CI keeps it working).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "events/zone.h"
#include "support/temp_dir.h"
#include "usage/journal.h"

using namespace orpheus;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kFrameMs = 1000.0 / 60;
constexpr double kFrameCpuBudgetMs = 3;  // app/frame_stats.h: FrameStats::kFrameCpuMs

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double process_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

std::uintmax_t journal_bytes(const std::filesystem::path& file) {
  std::uintmax_t n = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    const auto s = std::filesystem::file_size(file.string() + suffix, ec);
    if (!ec) n += s;
  }
  return n;
}

std::string date_of(int day) { return events::format_date(events::civil_day(2027, 1, 1) + day); }  // day 0: 2027-01-01


// A visit as a kiosk records one: objects opened with their dwell, screens, a search, an event.
usage::VisitRecord realistic(std::mt19937& rng, const std::string& day) {
  static const char* slugs[] = {"panagyurishte-amphora-rhyton", "panagyurishte-phiale", "rogozen-treasure", "valchitran-kantharos",
                                "kazanlak-tomb", "letnitsa-horseman-bear", "seuthopolis", "horseman-glava-panega"};
  usage::VisitRecord v;
  v.day = day;
  v.hour = 9 + static_cast<int>(rng() % 9);
  v.seconds = 20 + rng() % 300;
  v.language = rng() % 3 ? "bg" : "en";
  v.pack = "bg.thracology.demo 1.4.0";
  v.from_attract = rng() % 2;
  for (int i = 0; i < 4; ++i) v.items.push_back({slugs[rng() % 8], 1, static_cast<std::int64_t>(5 + rng() % 60)});
  v.screens = {{"collection", 2}, {"viewer", 1}, {"search", 1}};
  v.searches = {{rng() % 2 ? "злато" : "ритон", static_cast<std::int64_t>(rng() % 20)}};
  v.events = {"gold-and-wine"};
  return v;
}

struct FrameRun {
  double add_median_us = 0, add_max_us = 0, catch_up_ms = 0;
  std::uint64_t committed = 0;
};

FrameRun frames(int per_second, double seconds) {
  test::TempDir dir;
  std::mt19937 rng(7);
  FrameRun r;
  std::vector<double> per_frame;
  std::uint64_t added = 0;
  {
    usage::Journal j(dir / "usage.db");
    const auto start = Clock::now();
    double owed = 0;
    for (int frame = 0; frame < static_cast<int>(seconds * 60); ++frame) {
      owed += per_second / 60.0;
      std::vector<usage::VisitRecord> batch;
      for (; owed >= 1; owed -= 1) batch.push_back(realistic(rng, "2027-03-19"));  // made outside the timing
      const auto t = Clock::now();
      for (auto& v : batch) j.add(std::move(v));
      per_frame.push_back(ms_since(t) * 1000);
      added += batch.size();
      const double next = (frame + 1) * kFrameMs;
      if (const double wait = next - ms_since(start); wait > 0) std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait));
    }
    const auto t = Clock::now();
    j.flush();
    r.catch_up_ms = ms_since(t);
    r.committed = j.committed();
  }
  r.add_median_us = median(per_frame);
  r.add_max_us = *std::max_element(per_frame.begin(), per_frame.end());
  if (r.committed != added) std::fprintf(stderr, "bench_usage: %llu added, %llu committed\n", static_cast<unsigned long long>(added),
                                         static_cast<unsigned long long>(r.committed));
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int runs = quick ? 1 : 3;
  const double seconds = quick ? 1 : 3;
  bool ok = true;

  std::printf("Frames at 60 Hz handing visits to the journal (%g s each, median of %d runs)\n", seconds, runs);
  std::printf("  %10s  %14s  %14s  %16s  %s\n", "visits/s", "add() median", "add() max", "catch-up after", "kept up");
  for (const int rate : {10, 100, 1000, 10000}) {
    std::vector<double> med, max, lag;
    std::uint64_t committed = 0;
    for (int i = 0; i < runs; ++i) {
      const auto r = frames(rate, seconds);
      med.push_back(r.add_median_us);
      max.push_back(r.add_max_us);
      lag.push_back(r.catch_up_ms);
      committed = r.committed;
    }
    const bool kept_up = median(lag) < 1000;
    const bool in_budget = median(max) / 1000 < kFrameCpuBudgetMs / 10;
    ok = ok && committed > 0;
    std::printf("  %10d  %11.1f us  %11.1f us  %13.1f ms  %s%s\n", rate, median(med), median(max), median(lag), kept_up ? "yes" : "NO",
                in_budget ? "" : "  (add() over a tenth of the frame budget)");
  }

  {
    const int n = quick ? 300 : 3000;
    std::vector<double> cpu_us, bytes;
    for (int i = 0; i < runs; ++i) {
      test::TempDir dir;
      std::mt19937 rng(11);
      const double cpu0 = process_cpu_s();
      {
        usage::Journal j(dir / "usage.db");
        for (int k = 0; k < n; ++k) j.add(realistic(rng, date_of(k / 300)));
      }  // committed and checkpointed
      cpu_us.push_back((process_cpu_s() - cpu0) * 1e6 / n);
      bytes.push_back(static_cast<double>(journal_bytes(dir / "usage.db")) / n);
    }
    std::printf("\nPer visit (%d realistic visits, the writer thread's work included)\n", n);
    std::printf("  CPU %.0f us per visit, disk %.0f bytes per visit\n", median(cpu_us), median(bytes));
  }

  {
    const int per_day = quick ? 50 : 300, days = quick ? 40 : 400;
    test::TempDir dir;
    std::mt19937 rng(13);
    {
      usage::Journal j(dir / "usage.db", {.detail_days = 35, .keep_days = 730});
      for (int d = 0; d < days; ++d)
        for (int k = 0; k < per_day; ++k) j.add(realistic(rng, date_of(d)));
    }
    const auto before = journal_bytes(dir / "usage.db");
    const auto t = Clock::now();
    {
      usage::Journal j(dir / "usage.db", {.detail_days = 35, .keep_days = 730});
      j.roll_up(date_of(days - 1));
      j.flush();
    }
    const double roll_ms = ms_since(t);
    std::printf("\nRoll-up: %d days of %d visits, those older than 35 days rolled up in %.0f ms; journal %.1f MB before, %.1f MB after\n",
                days, per_day, roll_ms, static_cast<double>(before) / 1e6, static_cast<double>(journal_bytes(dir / "usage.db")) / 1e6);
    std::vector<double> dash, all;
    for (int i = 0; i < 5; ++i) {
      auto t0 = Clock::now();
      const auto b = usage::read_dashboard(dir / "usage.db", date_of(days - 1));
      dash.push_back(ms_since(t0));
      ok = ok && b.month.sessions == 30 * per_day;
      t0 = Clock::now();
      const auto d = usage::read_days(dir / "usage.db", date_of(0), date_of(days - 1));
      all.push_back(ms_since(t0));
      ok = ok && static_cast<int>(d.size()) == days;
    }
    std::printf("  the admin screen's 30 days read in %.1f ms (median of 5); an export's %d days in %.0f ms\n", median(dash), days,
                median(all));
  }
  if (!ok) std::fprintf(stderr, "bench_usage: a figure could not be measured\n");
  return ok ? 0 : 1;
}
