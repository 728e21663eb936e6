// Report benchmark (issue 23): the comparative report over a year of a museum network's kiosks,
// 10 institutions x 50 kiosks x 365 days of synthetic exports (tests/support/synthetic_usage.h:
// one signed file per kiosk, about 1.5 MB each). Times, over several runs, the library's two stages
// (reading, verifying and summing every file; rendering the page) and `orpheus-stats report` as a
// user runs it, with its peak RSS; prints the medians, the page size and whether the issue's
// target (under 10 s for the whole command) is met. Exits non-zero only when something could not
// be measured or the command failed.
// Usage: bench_report [--quick] [--runs N] [--keep DIR]. --quick: 2 x 3 x 30 (CI). --keep: write
// the exports and the pages (report-en.html, report-bg.html) to DIR and leave them there.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/kiosk_bench.h"
#include "support/process.h"
#include "support/synthetic_usage.h"
#include "support/temp_dir.h"
#include "usage/report.h"

using namespace orpheus;
using test::median;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::uintmax_t bytes_in(const std::vector<std::filesystem::path>& files) {
  std::uintmax_t n = 0;
  for (const auto& f : files) n += std::filesystem::file_size(f);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int runs = 0;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc) keep = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_report [--quick] [--runs N] [--keep DIR]\n");
      return 2;
    }
  }
  test::SyntheticUsage set;
  if (quick) set = {2, 3, 30, "2027-03-01", 23};
  if (runs <= 0) runs = quick ? 1 : 3;

  test::TempDir temp;
  const std::filesystem::path dir = keep.empty() ? temp.path() : std::filesystem::path(keep);
  std::filesystem::create_directories(dir);
  std::printf("bench_report: %d institutions x %d kiosks x %d days, %d run(s); load average %s\n", set.institutions, set.kiosks,
              set.days, runs, test::load_average().c_str());
  auto t0 = std::chrono::steady_clock::now();
  const auto files = test::write_synthetic_exports(set, dir / "exports");
  std::printf("  generated and signed %zu exports, %.1f MB, in %.1f s (not timed below)\n", files.exports.size(),
              static_cast<double>(bytes_in(files.exports)) / 1e6, seconds_since(t0));

  std::vector<double> sum_s, render_s, cli_s, rss_mb;
  std::size_t page_bytes = 0, refused = 0, kiosks = 0;
  for (int run = 0; run < runs; ++run) {
    t0 = std::chrono::steady_clock::now();
    const usage::Report report = usage::report_from_files(files.exports, std::nullopt);
    sum_s.push_back(seconds_since(t0));
    refused = report.refused.size();
    kiosks = report.kiosks;
    t0 = std::chrono::steady_clock::now();
    const std::string page = usage::render_html(report, "en");
    render_s.push_back(seconds_since(t0));
    page_bytes = page.size();

    const auto out = dir / "report-en.html";
    t0 = std::chrono::steady_clock::now();
    const pid_t pid = test::spawn({ORPHEUS_STATS, "report", (dir / "exports").string(), "-o", out.string(), "--trusted-kiosks",
                                   files.keys.string(), "-q"},
                                  (dir / "stderr.txt").string());
    long rss_kb = 0;
    const int status = test::wait_exit(pid, 600, &rss_kb);
    cli_s.push_back(seconds_since(t0));
    rss_mb.push_back(static_cast<double>(rss_kb) / 1024);
    if (status != 0) {
      std::fprintf(stderr, "bench_report: orpheus-stats report exited with %d:\n%s", status,
                   test::read_text(dir / "stderr.txt").c_str());
      return 1;
    }
  }
  if (!keep.empty()) {
    const pid_t pid = test::spawn({ORPHEUS_STATS, "report", (dir / "exports").string(), "-o", (dir / "report-bg.html").string(),
                                   "--lang", "bg", "-q"},
                                  (dir / "stderr.txt").string());
    if (test::wait_exit(pid, 600) != 0) return 1;
  }

  std::printf("  medians over %d run(s), %u cores:\n", runs, std::thread::hardware_concurrency());
  std::printf("    read, verify, sum %zu files (report_from_files) %8.3f s\n", files.exports.size(), median(sum_s));
  std::printf("    render_html (en)                              %8.3f s\n", median(render_s));
  std::printf("    orpheus-stats report (with --trusted-kiosks)  %8.3f s   peak RSS %.0f MB   (target < 10 s: %s)\n", median(cli_s), median(rss_mb),
              median(cli_s) < 10 ? "met" : "NOT met");
  std::printf("    page                                          %8.0f KB   %zu kiosks\n", static_cast<double>(page_bytes) / 1024, kiosks);
  if (refused != 0 || kiosks != files.exports.size() || page_bytes == 0) {
    std::fprintf(stderr, "bench_report: %zu exports refused, %zu kiosks in the report\n", refused, kiosks);
    return 1;
  }
  return 0;
}
