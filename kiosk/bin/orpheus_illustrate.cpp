// orpheus-illustrate: draws the demo collection's illustrations from recipe files
// (docs/illustrations.md).
//
//   orpheus-illustrate RECIPES.toml... -o OUT_DIR [--only FILE] [--jobs N]
//
// No recipe files at all (an empty glob in the build) draws nothing and succeeds.
// Exit status: 0 all images written; 1 bad recipes (every problem is reported as
// FILE:LINE:COL: key: reason) or an image could not be drawn/written; 2 usage error.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/log.h"
#include "illustrate/recipe.h"
#include "illustrate/render.h"

namespace {

namespace il = orpheus::illustrate;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kUsage =
    "usage: orpheus-illustrate RECIPES.toml... -o OUT_DIR [--only FILE] [--jobs N]\n"
    "\n"
    "Draws every [[image]] of the recipe files (docs/illustrations.md) as JPEG into OUT_DIR.\n"
    "  -o, --output DIR  output folder (created if needed)\n"
    "  --only FILE       draw only the image whose `file` is FILE\n"
    "  -j, --jobs N      drawing threads (default: number of cores, at most 8)\n"
    "  -q, --quiet       no per-image lines, only the summary\n"
    "  -h, --help        this help\n";

struct Options {
  std::vector<std::filesystem::path> recipes;
  std::filesystem::path out_dir;
  std::string only;
  unsigned jobs = 0;
  bool quiet = false;
};

struct Result {
  bool ok = false;
  double seconds = 0.0;
  std::size_t bytes = 0;
  std::string error;
};

int usage_error(std::string_view why) {
  std::fprintf(stderr, "orpheus-illustrate: %.*s\n\n%.*s", static_cast<int>(why.size()), why.data(),
               static_cast<int>(kUsage.size()), kUsage.data());
  return 2;
}

// Returns -1 if parsing succeeded, otherwise the exit status.
int parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "-h" || a == "--help") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      return 0;
    } else if (a == "-o" || a == "--output") {
      const char* v = value();
      if (!v) return usage_error("-o needs a folder");
      o.out_dir = v;
    } else if (a == "--only") {
      const char* v = value();
      if (!v) return usage_error("--only needs a file name");
      o.only = v;
    } else if (a == "-j" || a == "--jobs") {
      const char* v = value();
      char* end = nullptr;
      const long n = v ? std::strtol(v, &end, 10) : 0;
      if (!v || *end != '\0' || n < 1 || n > 64) return usage_error("--jobs needs a number from 1 to 64");
      o.jobs = static_cast<unsigned>(n);
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a.size() > 1 && a.front() == '-') {
      return usage_error("unknown option " + std::string(a));
    } else {
      o.recipes.emplace_back(a);
    }
  }
  if (argc <= 1) return usage_error("no arguments");
  if (o.out_dir.empty()) return usage_error("no output folder given (-o OUT_DIR)");
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (const int rc = parse_args(argc, argv, opt); rc >= 0) return rc;

  if (opt.recipes.empty()) {
    // A build may glob an empty recipe folder: nothing to draw is not an error.
    orpheus::log::warn("illustrate", "no recipe files given, nothing to draw");
    std::error_code ec;
    std::filesystem::create_directories(opt.out_dir, ec);
    return 0;
  }
  il::RecipeSet set;
  for (const auto& f : opt.recipes) il::parse_recipe_file(f, set);
  il::check_recipe_set(set);
  if (!set.errors.empty()) {
    for (const il::RecipeError& e : set.errors) std::fprintf(stderr, "%s\n", e.message().c_str());
    std::fprintf(stderr, "orpheus-illustrate: %zu problem(s) in the recipes, nothing drawn\n", set.errors.size());
    return 1;
  }
  std::vector<const il::Recipe*> todo;
  for (const il::Recipe& r : set.recipes)
    if (opt.only.empty() || r.file == opt.only) todo.push_back(&r);
  if (todo.empty()) {
    if (!opt.only.empty()) {
      std::fprintf(stderr, "orpheus-illustrate: no recipe writes '%s'\n", opt.only.c_str());
      return 1;
    }
    orpheus::log::warn("illustrate", "the recipe files define no images");
    return 0;
  }
  // Largest first, so the big image does not end up alone at the tail.
  std::stable_sort(todo.begin(), todo.end(), [](const il::Recipe* a, const il::Recipe* b) {
    return static_cast<long long>(a->width) * a->height > static_cast<long long>(b->width) * b->height;
  });

  unsigned jobs = opt.jobs ? opt.jobs : std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(todo.size()));
  std::vector<Result> results(todo.size());
  std::atomic<std::size_t> next{0};
  const auto t0 = Clock::now();
  auto worker = [&] {
    il::Workspace workspace;  // buffers reused by the images of this thread
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= todo.size()) return;
      const il::Recipe& r = *todo[i];
      Result& res = results[i];
      const auto start = Clock::now();
      try {
        // One image in memory per thread at a time.
        std::vector<std::uint8_t> jpeg;
        {
          il::ShadeStats stats;
          il::RenderOptions options;
          options.stats = &stats;
          const il::Image img = il::render(r, options, &workspace);
          if (stats.nonfinite > 0)
            orpheus::log::warn("illustrate", r.file + ": " + std::to_string(stats.nonfinite) + " pixel(s) were not finite");
          jpeg = il::encode_jpeg(img, 90);
        }
        il::write_file_atomic(opt.out_dir / r.file, jpeg);
        res.ok = true;
        res.bytes = jpeg.size();
      } catch (const std::exception& e) {
        res.error = e.what();
      }
      res.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < jobs; ++t) pool.emplace_back(worker);
  }
  const double total = std::chrono::duration<double>(Clock::now() - t0).count();

  int failed = 0;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const il::Recipe& r = *todo[i];
    const Result& res = results[i];
    if (!res.ok) {
      ++failed;
      std::fprintf(stderr, "%s:%d:%d: %s: cannot draw: %s\n", r.source.c_str(), r.line, r.column, r.file.c_str(),
                   res.error.c_str());
    } else if (!opt.quiet) {
      std::printf("%-48s %5dx%-5d %-8s %-15s %6.2f s %6zu KiB\n", r.file.c_str(), r.width, r.height, r.kind.c_str(),
                  r.variant.c_str(), res.seconds, res.bytes / 1024);
    }
  }
  std::printf("orpheus-illustrate: %zu image(s) drawn, %d failed, %.2f s on %u thread(s) -> %s\n",
              todo.size() - static_cast<std::size_t>(failed), failed, total, jobs, opt.out_dir.string().c_str());
  return failed ? 1 : 0;
}
