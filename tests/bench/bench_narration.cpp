// Narration benchmark (docs/narration.md): the demo pack built from content/thracology with and
// without --narrate. Prints the synthesis time (espeak-ng subprocesses and Vorbis encoding on the
// build's worker threads, wall clock), the audio's length and bytes, the pack's growth (bytes and
// % against the pack without narration; the target: <= 30 %), and the time to decode one
// narration (the longest, as the kiosk does: read from the pack, then stb_vorbis; median of 5).
// Usage: bench_narration [--quick] [-j N]. --quick: the first 3 items only, checking that every
// figure was measured (keeps the benchmark working in CI; not figures to report). Needs espeak-ng.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "media/audio.h"
#include "packs/builder.h"
#include "packs/source.h"
#include "support/kiosk_bench.h"
#include "support/temp_dir.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// CPU seconds of this process and of its waited-for children (espeak-ng) so far.
double cpu_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    getrusage(who, &u);
    total += static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  return total;
}

struct Built {
  packs::BuildCounts counts;
  double seconds = 0, cpu = 0;  // wall clock; CPU time, espeak-ng's included
};

// The demo source (only its first `items` items when > 0), built with or without narration.
Built build(const fs::path& out, bool narrate, int items, unsigned threads) {
  packs::BuildOptions o;
  o.source_dir = ORPHEUS_DEMO_SOURCE;
  o.media_dirs = {ORPHEUS_DEMO_IMAGES};
  o.output = out;
  o.narrate = narrate;
  o.threads = threads;
  const auto start = std::chrono::steady_clock::now();
  const double cpu = cpu_seconds();
  std::vector<packs::Problem> problems;
  packs::PackSource source = packs::read_source(o, problems);
  if (items > 0 && source.items.size() > static_cast<std::size_t>(items)) {
    source.items.resize(static_cast<std::size_t>(items));
    std::erase_if(source.collections, [&](const packs::CollectionSource& c) {
      for (const auto& it : source.items)
        if (it.collection == c.slug) return false;
      return true;
    });
    for (auto& c : source.collections) c.cover.reset();
  }
  packs::BuildResult r = packs::build_from_source(std::move(source), o, std::move(problems));
  if (!r.ok()) {
    for (const auto& p : r.problems) std::fprintf(stderr, "%s\n", p.str().c_str());
    std::exit(1);
  }
  return Built{r.counts, since(start), cpu_seconds() - cpu};
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  unsigned threads = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick"))
      quick = true;
    else if (!std::strcmp(argv[i], "-j") && i + 1 < argc)
      threads = static_cast<unsigned>(std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: bench_narration [--quick] [-j N]\n");
      return 2;
    }
  }
  if (std::system("espeak-ng --version >/dev/null 2>&1") != 0) {
    std::printf("skipped: espeak-ng is not installed (apt-get install espeak-ng)\n");
    return 0;
  }
  test::TempDir dir;
  const int items = quick ? 3 : 0;
  std::printf("load average at start: %s\n", test::load_average().c_str());
  std::fflush(stdout);
  const Built plain = build(dir / "plain.db", false, items, threads);
  const Built narrated = build(dir / "narrated.db", true, items, threads);
  const auto& c = narrated.counts;
  const double growth = static_cast<double>(c.output_bytes) - static_cast<double>(plain.counts.output_bytes);

  // The longest narration, read and decoded as the kiosk will.
  const auto snap = catalog::load_snapshot(dir / "narrated.db");
  const catalog::Narration* longest = nullptr;
  for (const auto& it : snap->items)
    for (const auto& n : it.narrations)
      if (!longest || n.duration_ms > longest->duration_ms) longest = &n;
  std::vector<double> decode_ms;
  std::size_t ogg_bytes = 0;
  if (longest) {
    catalog::MediaReader reader(dir / "narrated.db");
    for (int run = 0; run < 5; ++run) {
      const auto t = std::chrono::steady_clock::now();
      const auto bytes = reader.read_narration(longest->id);
      const media::Pcm pcm = media::decode_vorbis(bytes);
      decode_ms.push_back(since(t) * 1000);
      ogg_bytes = bytes.size();
      if (pcm.samples.empty()) return 1;
    }
  }

  std::printf("demo source%s: %d items, %d narrations synthesised, %d recorded, %d silent\n",
              quick ? " (first 3 items)" : "", c.items, c.narrations_synthetic, c.narrations_recorded, c.narrations_silent);
  std::printf("build without --narrate: %.1f s (%.1f s CPU), %.1f MB\n", plain.seconds, plain.cpu,
              static_cast<double>(plain.counts.output_bytes) / 1e6);
  std::printf("build with --narrate:    %.1f s (%.1f s CPU, espeak-ng's included), %.1f MB\n", narrated.seconds,
              narrated.cpu, static_cast<double>(c.output_bytes) / 1e6);
  std::printf("narration CPU (the difference): %.1f s\n", narrated.cpu - plain.cpu);
  std::printf("synthesis (espeak-ng + Vorbis, wall clock): %.1f s for %.1f min of speech (%.0fx real time)\n",
              c.narration_seconds, static_cast<double>(c.narration_ms) / 60000.0,
              c.narration_seconds > 0 ? static_cast<double>(c.narration_ms) / 1000.0 / c.narration_seconds : 0.0);
  std::printf("narration audio: %.2f MB, %.1f kbit/s\n", static_cast<double>(c.narration_bytes) / 1e6,
              c.narration_ms > 0 ? static_cast<double>(c.narration_bytes) * 8.0 / static_cast<double>(c.narration_ms) : 0.0);
  std::printf("pack growth: %.2f MB, %.1f %% (target <= 30 %%)\n", growth / 1e6,
              100.0 * growth / static_cast<double>(plain.counts.output_bytes));
  if (longest)
    std::printf("decode of the longest narration (%.1f s, %zu bytes): median %.1f ms\n", longest->duration_ms / 1000.0,
                ogg_bytes, test::median(decode_ms));
  const bool measured = c.narrations_synthetic > 0 && c.narration_bytes > 0 && c.narration_seconds > 0 && growth > 0 &&
                        longest && !decode_ms.empty();
  if (!measured) std::fprintf(stderr, "bench_narration: a figure was not measured\n");
  return measured ? 0 : 1;
}
