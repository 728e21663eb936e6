// Pack build benchmark: `orpheus-pack build` on N generated camera-sized photos, next to
// `vips dzsave` (libvips-tools) making the same deep-zoom pyramids from the same files.
//   - generates N photo-like JPEGs (gradients, shapes, texture, grain; quality 90; deterministic
//     by --seed) and a pack source with one collection and one item per image
//   - times `orpheus-pack build -j J` (wall and CPU seconds, peak RSS, pack size, tiles, and the
//     "tile pyramids: X s of worker CPU time" line it prints)
//   - times `vips dzsave` on the same images, J processes at a time (wall and CPU seconds, peak
//     RSS per process, tiles written)
//   - prints medians over --runs and the ratios ours / vips (pyramid part and whole build), and
//     how many cores other processes kept busy meanwhile (/proc/stat): wall times on a busy
//     machine are inflated, CPU seconds much less
// Usage: bench_packs [--images N] [--size WxH] [--jobs J] [--runs R] [--seed S] [--verify]
//                    [--keep DIR] [--vips PATH] [--quick]
//        bench_packs --csv-rows N[,N...] [--runs R] [--keep DIR]
// --keep DIR works in DIR and leaves everything there; images already generated in DIR with the
// same count, size and seed are reused. --quick: 4 images, 1 run, --verify, and a CSV import of
// 2,000 rows (keeps the benchmark working in CI; its figures are not the ones to report). Without
// vips on PATH the vips part is skipped with a loud note (exit status 0).
// --csv-rows: `orpheus-pack import-csv --skip-invalid` on generated exports shaped like Tate's
// (see tests/unit/packs/data/tate-mapping.toml: English, several names and subjects per cell, a
// web address per picture that is not on this computer, a free-text date), of N rows each, with
// a few bad records (a date in the year column, no classification) and empty ones among them;
// prints the median wall time and the peak RSS (wait4 ru_maxrss) per size, and checks the
// summary line's counts against what was generated.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "media/image.h"
#include "packs/images.h"   // kDisplaySize, kTileSize, kTileQuality: what the builder does
#include "packs/pyramid.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace orpheus;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int images = 200, width = 4000, height = 3000, jobs = 2, runs = 1;
  std::uint32_t seed = 1;
  bool quick = false, verify = false;
  std::string keep, vips;
};

double median(std::vector<double> v) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// What other processes did to the machine while one phase of ours ran: the cores they kept busy
// on average (machine busy time minus our children's CPU time, over the phase's wall time).
struct Others {
  double busy0 = test::machine_busy_seconds(), cpu0 = test::rusage_cpu_seconds(RUSAGE_CHILDREN);
  Clock::time_point t0 = Clock::now();
  double cores() const {
    const double wall = seconds_since(t0);
    if (wall <= 0) return 0;
    return std::max(0.0, (test::machine_busy_seconds() - busy0) - (test::rusage_cpu_seconds(RUSAGE_CHILDREN) - cpu0)) / wall;
  }
};

// Samples a child's anonymous resident memory (RssAnon: its heap and stacks, not file pages it
// maps) every 50 ms; the peak is max_kb.
class AnonSampler {
 public:
  explicit AnonSampler(pid_t pid)
      : thread_([this, pid](std::stop_token stop) {
          const std::string status = "/proc/" + std::to_string(pid) + "/status";
          while (!stop.stop_requested()) {
            std::ifstream in(status);
            for (std::string line; std::getline(in, line);)
              if (line.rfind("RssAnon:", 0) == 0) max_kb = std::max(max_kb.load(), std::atol(line.c_str() + 8));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
        }) {}
  std::atomic<long> max_kb{0};

 private:
  std::jthread thread_;  // last: starts after max_kb exists, joined first
};

std::uintmax_t tree_bytes(const fs::path& dir, std::size_t* files = nullptr, const std::string& ext = {}) {
  std::uintmax_t total = 0;
  std::size_t n = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    total += it->file_size(ec);
    if (ext.empty() || it->path().extension() == ext) ++n;
  }
  if (files) *files = n;
  return total;
}

double mb(std::uintmax_t bytes) { return static_cast<double>(bytes) / 1e6; }

std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
    if (end > start && access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return {};
}

// ---- photo-like images ------------------------------------------------------------------
// Smooth sky/ground gradients, a few low-frequency undulations, overlapping shaded shapes with
// soft edges, two octaves of value-noise texture and per-pixel grain: JPEG sizes like a 12 MP
// camera's (a few MB at quality 90), unlike flat colour (tiny) or white noise (huge).

std::uint32_t mix(std::uint32_t h) {
  h ^= h >> 16;
  h *= 0x7feb352dU;
  h ^= h >> 15;
  h *= 0x846ca68bU;
  h ^= h >> 16;
  return h;
}
std::uint32_t hash3(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  return mix(a * 0x9E3779B1U ^ mix(b * 0x85EBCA77U ^ mix(c + 0x27d4eb2fU)));
}

struct Rng {
  std::uint32_t state;
  std::uint32_t next() { return state = mix(state + 0x9E3779B9U); }
  float uniform(float lo, float hi) { return lo + (hi - lo) * static_cast<float>(next() >> 8) / 16777216.0f; }
};

// Value noise on a lattice of `cell` pixels, smoothstep-interpolated, values in [-1, 1].
class ValueNoise {
 public:
  ValueNoise(int w, int h, int cell, std::uint32_t seed) : cell_(cell), cols_(w / cell + 2) {
    const int rows = h / cell + 2;
    lattice_.resize(static_cast<std::size_t>(cols_) * rows);
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < cols_; ++x)
        lattice_[static_cast<std::size_t>(y) * cols_ + x] =
            static_cast<float>(hash3(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y), seed) >> 8) /
                8388608.0f - 1.0f;
    weights_.resize(static_cast<std::size_t>(cell));
    for (int i = 0; i < cell; ++i) {
      const float t = (static_cast<float>(i) + 0.5f) / static_cast<float>(cell);
      weights_[static_cast<std::size_t>(i)] = t * t * (3 - 2 * t);
    }
  }
  // Fills row y into out[0..w).
  void row(int y, int w, float* out) const {
    const int ly = y / cell_;
    const float wy = weights_[static_cast<std::size_t>(y % cell_)];
    const float* r0 = &lattice_[static_cast<std::size_t>(ly) * cols_];
    const float* r1 = r0 + cols_;
    for (int x = 0; x < w; ++x) {
      const int lx = x / cell_;
      const float wx = weights_[static_cast<std::size_t>(x % cell_)];
      const float top = r0[lx] + (r0[lx + 1] - r0[lx]) * wx;
      const float bottom = r1[lx] + (r1[lx + 1] - r1[lx]) * wx;
      out[x] = top + (bottom - top) * wy;
    }
  }

 private:
  int cell_, cols_;
  std::vector<float> lattice_, weights_;
};

media::Image photo(int w, int h, std::uint32_t seed) {
  Rng rng{mix(seed)};
  const std::size_t n = static_cast<std::size_t>(w) * h;
  std::vector<float> rgb(n * 3);

  // Sky above a horizon, ground below, each a vertical gradient between two colours.
  const float horizon = rng.uniform(0.3f, 0.65f) * static_cast<float>(h);
  float sky0[3], sky1[3], ground0[3], ground1[3];
  for (int k = 0; k < 3; ++k) {
    sky0[k] = rng.uniform(60, 200);
    sky1[k] = rng.uniform(120, 250);
    ground0[k] = rng.uniform(40, 170);
    ground1[k] = rng.uniform(10, 110);
  }
  // Low-frequency undulations: products of a column and a row sinusoid.
  constexpr int kWaves = 4;
  std::vector<float> wave_x(static_cast<std::size_t>(kWaves) * w), wave_y(static_cast<std::size_t>(kWaves) * h);
  float wave_amp[kWaves][3];
  for (int i = 0; i < kWaves; ++i) {
    const float fx = rng.uniform(0.5f, 6.0f) * 6.2832f / static_cast<float>(w), px = rng.uniform(0, 6.2832f);
    const float fy = rng.uniform(0.5f, 6.0f) * 6.2832f / static_cast<float>(h), py = rng.uniform(0, 6.2832f);
    for (int x = 0; x < w; ++x) wave_x[static_cast<std::size_t>(i) * w + x] = std::sin(fx * static_cast<float>(x) + px);
    for (int y = 0; y < h; ++y) wave_y[static_cast<std::size_t>(i) * h + y] = std::sin(fy * static_cast<float>(y) + py);
    for (int k = 0; k < 3; ++k) wave_amp[i][k] = rng.uniform(4, 14);
  }
  for (int y = 0; y < h; ++y) {
    const float fy = static_cast<float>(y);
    const float blend = std::clamp((fy - horizon) / (0.02f * static_cast<float>(h)) + 0.5f, 0.0f, 1.0f);
    float base[3];
    for (int k = 0; k < 3; ++k) {
      const float s = sky0[k] + (sky1[k] - sky0[k]) * std::min(1.0f, fy / std::max(1.0f, horizon));
      const float g = ground0[k] + (ground1[k] - ground0[k]) * std::clamp((fy - horizon) / (static_cast<float>(h) - horizon), 0.0f, 1.0f);
      base[k] = s + (g - s) * blend;
    }
    float* o = &rgb[static_cast<std::size_t>(y) * w * 3];
    for (int x = 0; x < w; ++x, o += 3) {
      float v[3] = {base[0], base[1], base[2]};
      for (int i = 0; i < kWaves; ++i) {
        const float p = wave_x[static_cast<std::size_t>(i) * w + x] * wave_y[static_cast<std::size_t>(i) * h + y];
        for (int k = 0; k < 3; ++k) v[k] += wave_amp[i][k] * p;
      }
      o[0] = v[0];
      o[1] = v[1];
      o[2] = v[2];
    }
  }

  // Shapes: ellipses and rectangles with a linear shading, soft edges, partly transparent.
  const float scale = static_cast<float>(std::min(w, h));
  const int shapes = 25 + static_cast<int>(rng.next() % 25);
  for (int s = 0; s < shapes; ++s) {
    const bool ellipse = rng.next() % 3 != 0;
    const float cx = rng.uniform(0, static_cast<float>(w)), cy = rng.uniform(horizon * 0.5f, static_cast<float>(h));
    const float rx = rng.uniform(0.02f, 0.2f) * scale, ry = rng.uniform(0.02f, 0.2f) * scale;
    const float alpha = rng.uniform(0.55f, 1.0f), edge = rng.uniform(1.0f, 4.0f);
    float c0[3], c1[3];
    for (int k = 0; k < 3; ++k) {
      c0[k] = 0.5f * rng.uniform(10, 245) + 0.5f * ground0[k];  // muted, like things in a landscape
      c1[k] = std::clamp(c0[k] + rng.uniform(-90, 90), 0.0f, 255.0f);
    }
    const float angle = rng.uniform(0, 6.2832f), gx = std::cos(angle), gy = std::sin(angle);
    const int x0 = std::max(0, static_cast<int>(cx - rx - edge)), x1 = std::min(w - 1, static_cast<int>(cx + rx + edge));
    const int y0 = std::max(0, static_cast<int>(cy - ry - edge)), y1 = std::min(h - 1, static_cast<int>(cy + ry + edge));
    for (int y = y0; y <= y1; ++y) {
      const float dy = (static_cast<float>(y) - cy);
      float* o = &rgb[(static_cast<std::size_t>(y) * w + x0) * 3];
      for (int x = x0; x <= x1; ++x, o += 3) {
        const float dx = (static_cast<float>(x) - cx);
        float inside;  // signed distance in pixels, approximately: > 0 inside
        if (ellipse) {
          const float q = std::sqrt((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry));
          inside = (1.0f - q) * std::min(rx, ry);
        } else {
          inside = std::min(rx - std::fabs(dx), ry - std::fabs(dy));
        }
        const float cover = std::clamp(inside / edge + 0.5f, 0.0f, 1.0f) * alpha;
        if (cover <= 0) continue;
        const float t = std::clamp(0.5f + 0.5f * (dx * gx + dy * gy) / std::max(rx, ry), 0.0f, 1.0f);
        for (int k = 0; k < 3; ++k) o[k] += (c0[k] + (c1[k] - c0[k]) * t - o[k]) * cover;
      }
    }
  }

  // Texture (two octaves of value noise, stronger below the horizon) and grain.
  const ValueNoise coarse(w, h, 23, seed * 3 + 1), fine(w, h, 4, seed * 3 + 2);
  const float texture_amp = rng.uniform(10, 18), fine_amp = rng.uniform(8, 12), grain_amp = rng.uniform(9, 12);
  std::vector<float> nc(static_cast<std::size_t>(w)), nf(static_cast<std::size_t>(w));
  media::Image img;
  img.width = w;
  img.height = h;
  img.channels = 3;
  img.pixels.resize(n * 3);
  for (int y = 0; y < h; ++y) {
    coarse.row(y, w, nc.data());
    fine.row(y, w, nf.data());
    const float ground = static_cast<float>(y) > horizon ? 1.0f : 0.35f;
    const float* in = &rgb[static_cast<std::size_t>(y) * w * 3];
    std::uint8_t* out = &img.pixels[static_cast<std::size_t>(y) * w * 3];
    for (int x = 0; x < w; ++x) {
      const std::uint32_t g = hash3(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y), seed);
      // Triangular grain in luminance, a little in chroma.
      const float lum = (static_cast<float>(g & 0xff) + static_cast<float>((g >> 8) & 0xff)) / 255.0f - 1.0f;
      const float chroma = static_cast<float>((g >> 16) & 0xff) / 255.0f - 0.5f;
      const float t = ground * (texture_amp * nc[static_cast<std::size_t>(x)] + fine_amp * nf[static_cast<std::size_t>(x)]);
      for (int k = 0; k < 3; ++k) {
        const float v = in[3 * x + k] + t + grain_amp * lum + (k == 1 ? -chroma : chroma) * 2.0f;
        out[3 * x + k] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
      }
    }
  }
  return img;
}

// ---- pack source ------------------------------------------------------------------------

std::string image_name(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "photo-%04d", i + 1);
  return buf;
}

void write_source(const fs::path& src, int images) {
  test::write_text(src / "pack.toml", R"(id = "bench.packs"
version = "1.0.0"
default_language = "en"
languages = ["en", "bg"]
title = { en = "Pack build benchmark", bg = "Проба за скорост" }
credit = { en = "Generated images", bg = "Генерирани изображения" }
)");
  test::write_text(src / "collections/photos.toml", R"(id = "photos"
order = 1
title = { en = "Photographs", bg = "Снимки" }
summary = { en = "Generated camera-sized images.", bg = "Генерирани изображения." }
)");
  for (int i = 0; i < images; ++i) {
    const std::string name = image_name(i);
    test::write_text(src / "items" / (name + ".toml"),
                     "id = \"" + name + "\"\ncollection = \"photos\"\norder = " + std::to_string(i + 1) +
                         "\ntitle = { en = \"Photo " + std::to_string(i + 1) + "\", bg = \"Снимка " +
                         std::to_string(i + 1) +
                         "\" }\nsummary = { en = \"A generated photograph.\" }\n"
                         "description = { en = \"Smooth gradients, shapes, texture and grain.\" }\n"
                         "credit = { en = \"bench_packs\" }\n\n[[images]]\nfile = \"images/" +
                         name + ".jpg\"\n");
  }
}

// Generates the images (all cores, one image per thread at a time) unless `src` already holds
// them for the same count, size and seed. Returns the total bytes of the JPEGs.
std::uintmax_t generate_images(const fs::path& src, const Options& o, double* seconds, bool* reused) {
  const fs::path stamp = src / "images/.bench-stamp";
  const std::string key = std::to_string(o.images) + " " + std::to_string(o.width) + "x" + std::to_string(o.height) +
                          " seed " + std::to_string(o.seed) + " v2\n";
  const auto t0 = Clock::now();
  *reused = test::read_text(stamp) == key;
  if (!*reused) {
    fs::remove(stamp);
    fs::create_directories(src / "images");
    std::atomic<int> next{0};
    std::vector<std::jthread> pool;
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (int i; (i = next++) < o.images;) {
          const auto jpeg = media::encode_jpeg(photo(o.width, o.height, o.seed * 100003u + static_cast<std::uint32_t>(i)), 90);
          std::ofstream(src / "images" / (image_name(i) + ".jpg"), std::ios::binary)
              .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
        }
      });
    pool.clear();
    test::write_text(stamp, key);
  }
  *seconds = seconds_since(t0);
  std::uintmax_t bytes = 0;
  for (int i = 0; i < o.images; ++i) bytes += fs::file_size(src / "images" / (image_name(i) + ".jpg"));
  return bytes;
}

// ---- orpheus-pack -----------------------------------------------------------------------

struct BuildRun {
  bool ok = false;
  double wall = -1, cpu = -1, tile_worker_seconds = -1, others = 0;
  long rss_kb = 0, anon_kb = 0;
  std::uintmax_t pack_bytes = 0;
  long images = -1, tiles = -1;
};

BuildRun build_pack(const fs::path& work, const Options& o, int timeout_s) {
  BuildRun r;
  const fs::path pack = work / "pack.db";
  fs::remove(pack);
  const std::string out = (work / "build-out.txt").string(), err = (work / "build-err.txt").string();
  // Not -q: the build's summary line and its tile-pyramid worker time are printed only without it.
  const Others others;
  const double cpu0 = test::rusage_cpu_seconds(RUSAGE_CHILDREN);
  const auto t0 = Clock::now();
  const pid_t pid = test::spawn({ORPHEUS_PACK, "build", (work / "src").string(), "-o", pack.string(), "-j",
                                 std::to_string(o.jobs)}, err, out);
  int code;
  {
    AnonSampler anon(pid);
    code = test::wait_exit(pid, timeout_s, &r.rss_kb);
    r.anon_kb = anon.max_kb;
  }
  r.wall = seconds_since(t0);
  r.cpu = test::rusage_cpu_seconds(RUSAGE_CHILDREN) - cpu0;
  r.others = others.cores();
  const std::string text = test::read_text(out);
  if (code != 0) {
    std::fprintf(stderr, "orpheus-pack build failed (exit %d):\n%s%s\n", code, text.c_str(), test::read_text(err).c_str());
    return r;
  }
  std::smatch m;
  if (std::regex_search(text, m, std::regex(R"((\d+) images, (\d+) tiles)"))) {
    r.images = std::stol(m[1]);
    r.tiles = std::stol(m[2]);
  }
  if (std::regex_search(text, m, std::regex(R"(tile pyramids: ([0-9.]+) s of worker CPU time)")))
    r.tile_worker_seconds = std::stod(m[1]);
  std::error_code ec;
  r.pack_bytes = fs::file_size(pack, ec);
  r.ok = r.images >= 0 && r.tiles >= 0 && r.pack_bytes > 0;
  if (!r.ok) std::fprintf(stderr, "orpheus-pack build: could not read its summary from:\n%s\n", text.c_str());
  return r;
}

// ---- vips dzsave ------------------------------------------------------------------------

struct VipsRun {
  bool ok = false;
  double wall = -1, cpu = -1, others = 0;
  long rss_kb = 0;  // the largest of the processes
  std::size_t tiles = 0;
  std::uintmax_t bytes = 0;
};

VipsRun vips_pyramids(const fs::path& work, const Options& o) {
  VipsRun r;
  const fs::path out = work / "vips";
  fs::remove_all(out);
  fs::create_directories(out);
  std::atomic<int> next{0}, failed{0};
  std::atomic<long> rss{0};
  const std::string suffix = ".jpg[Q=" + std::to_string(packs::detail::kTileQuality) + "]";
  const Others others;
  const double cpu0 = test::rusage_cpu_seconds(RUSAGE_CHILDREN);
  const auto t0 = Clock::now();
  {
    std::vector<std::jthread> pool;
    for (int t = 0; t < o.jobs; ++t)
      pool.emplace_back([&] {
        for (int i; (i = next++) < o.images;) {
          const std::string name = image_name(i);
          const std::string err = (out / (name + ".err")).string();
          const pid_t pid = test::spawn({o.vips, "dzsave", (work / "src/images" / (name + ".jpg")).string(),
                                         (out / name).string(), "--tile-size", std::to_string(packs::detail::kTileSize),
                                         "--overlap", "0", "--suffix", suffix, "--depth", "onetile"},
                                        err);
          long kb = 0;
          const int code = test::wait_exit(pid, 600, &kb);
          if (code != 0) {
            if (failed++ == 0)
              std::fprintf(stderr, "vips dzsave %s failed (exit %d):\n%s\n", name.c_str(), code, test::read_text(err).c_str());
            continue;
          }
          fs::remove(err);
          long seen = rss.load();
          while (kb > seen && !rss.compare_exchange_weak(seen, kb)) {
          }
        }
      });
  }  // joins
  r.wall = seconds_since(t0);
  r.cpu = test::rusage_cpu_seconds(RUSAGE_CHILDREN) - cpu0;
  r.others = others.cores();
  r.rss_kb = rss.load();
  std::size_t missing = 0;
  for (int i = 0; i < o.images; ++i) {
    const std::string name = image_name(i);
    std::size_t n = 0;
    tree_bytes(out / (name + "_files"), &n, ".jpg");
    if (!fs::exists(out / (name + ".dzi")) || n == 0) ++missing;
    r.tiles += n;
  }
  r.bytes = tree_bytes(out);  // tiles and .dzi files
  if (missing) std::fprintf(stderr, "vips dzsave: %zu of %d outputs missing or empty\n", missing, o.images);
  r.ok = failed == 0 && missing == 0;
  return r;
}

// ---- CSV import ---------------------------------------------------------------------------

constexpr int kCsvRejectEvery = 500;  // a row with a free-text date in its year column ("c.1830–1833")
constexpr int kCsvNoClassEvery = 1999;  // a row without a classification
constexpr int kCsvEmptyEvery = 2500;  // an empty record (",,,,") after the row

struct CsvExpect {
  long records = 0, imported = 0, rejected = 0, empty = 0, missing = 0;
};

// An export of `rows` Tate-like records and its mapping, in `dir`; what an import should count.
CsvExpect write_csv_export(const fs::path& dir, int rows) {
  fs::create_directories(dir);
  test::write_text(dir / "mapping.toml", R"([pack]
id = "bench.csv"
version = "1"
languages = ["en"]
default_language = "en"
title = "CSV import benchmark"
credit = "Generated records"

[csv]
multi_value = "; "
missing_images = "warning"

[columns]
id = "accession_number"
collection = "classification"
title = "title"
period = "dateText"
year_from = "year"
year_to = "year"
credit = "creditLine"
tags = "subjects"
images = "thumbnailUrl"

[[metadata]]
label = "Artist"
column = "artist"

[[metadata]]
label = "Medium"
column = "medium"

[[metadata]]
label = "Dimensions"
column = "dimensions"
)");
  static const char* classes[] = {"on paper, unique", "on paper, print", "painting", "sculpture",
                                  "installation", "relief", "block for printing"};
  static const char* media[] = {"Graphite on paper", "Oil paint on canvas", "Watercolour on paper", "Etching on paper",
                                "Bronze", "Lithograph on paper", "Ink, gouache and photograph on board"};
  static const char* words[] = {"landscape", "river", "figure", "woman", "man", "tree", "sea", "ship", "church",
                                "bridge", "horse", "cloud", "mountain", "portrait", "interior", "ruin", "moon", "sun",
                                "garden", "city"};
  CsvExpect e;
  Rng rng{12345};
  std::string out = "id,accession_number,artist,title,dateText,creditLine,year,dimensions,medium,classification,"
                    "subjects,thumbnailUrl\n";
  out.reserve(static_cast<std::size_t>(rows) * 420);
  char buf[512];
  for (int i = 1; i <= rows; ++i) {
    const int year = 1600 + static_cast<int>(rng.next() % 420);
    const bool bad_year = i % kCsvRejectEvery == 0, no_class = i % kCsvNoClassEvery == 0;
    const bool two_artists = rng.next() % 40 == 0;
    std::string artist = "\"Artist" + std::to_string(rng.next() % 3000) + ", Given Name";
    if (two_artists) artist += "; Other" + std::to_string(rng.next() % 3000) + ", Given";
    artist += "\"";
    std::string subjects;
    const int n_subjects = 3 + static_cast<int>(rng.next() % 9);
    for (int k = 0; k < n_subjects; ++k) {
      if (k) subjects += "; ";
      subjects += words[rng.next() % 20];
      subjects += ' ';
      subjects += std::to_string(rng.next() % 100);  // about 2,000 subjects in all
    }
    // The year column: a free-text range in the rejected rows, empty in some.
    char year_cell[32] = "";
    if (bad_year)
      std::snprintf(year_cell, sizeof year_cell, "c.%d–%d", year, year + 3);
    else if (i % 12 != 0)
      std::snprintf(year_cell, sizeof year_cell, "%d", year);
    std::snprintf(buf, sizeof buf, "%d,G%06d,%s,\"Study %d for a %s, with %s\",%s%d%s,Presented by a donor %d,%s,"
                  "support: %d x %d mm,\"%s\",\"%s\",\"%s\",http://example.org/art/images/work/G/G%06d_8.jpg\n",
                  i, i, artist.c_str(), i, words[i % 20], words[(i / 20) % 20], i % 7 == 0 ? "c." : "", year,
                  i % 11 == 0 ? "–5" : "", 1900 + i % 120,
                  year_cell,
                  100 + i % 900, 100 + (i * 7) % 900, media[i % 7], no_class ? "" : classes[i % 7], subjects.c_str(), i);
    out += buf;
    if (bad_year || no_class) {
      ++e.rejected;
    } else {
      ++e.imported;
      ++e.missing;
    }
    if (i % kCsvEmptyEvery == 0) {
      out += ",,,,,,,,,,,\n";
      ++e.empty;
    }
  }
  e.records = rows + e.empty;
  test::write_text(dir / "export.csv", out);
  return e;
}

// This process's resident memory now: a child's ru_maxrss counts what the parent had resident
// when it forked (the child starts as its copy), so it is printed beside the figures.
long self_rss_kb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

struct CsvRun {
  bool ok = false;
  double wall = -1;
  long rss_kb = 0, parent_kb = 0;
  std::uintmax_t pack_bytes = 0;
  CsvExpect got;
};

CsvRun import_csv(const fs::path& dir, int timeout_s) {
  CsvRun r;
  fs::remove(dir / "pack.db");
  const std::string out = (dir / "import-out.txt").string(), err = (dir / "import-err.txt").string();
  r.parent_kb = self_rss_kb();
  const auto t0 = Clock::now();
  const pid_t pid = test::spawn({ORPHEUS_PACK, "import-csv", (dir / "export.csv").string(), "-m",
                                 (dir / "mapping.toml").string(), "--skip-invalid", "-o", (dir / "pack.db").string()},
                                err, out);
  const int code = test::wait_exit(pid, timeout_s, &r.rss_kb);
  r.wall = seconds_since(t0);
  const std::string text = test::read_text(out);
  if (code != 0) {
    std::fprintf(stderr, "orpheus-pack import-csv failed (exit %d):\n%s%s\n", code, text.c_str(),
                 test::read_text(err).c_str());
    return r;
  }
  std::smatch m;
  if (std::regex_search(text, m, std::regex(R"((\d+) records? imported(?: \(\d+ with a date\))?, (\d+) rejected.*?(?:, (\d+) empty left out)?; (\d+) missing images?)"))) {
    r.got.imported = std::stol(m[1]);
    r.got.rejected = std::stol(m[2]);
    r.got.empty = m[3].matched ? std::stol(m[3]) : 0;
    r.got.missing = std::stol(m[4]);
  }
  std::error_code ec;
  r.pack_bytes = fs::file_size(dir / "pack.db", ec);
  r.ok = r.got.imported > 0 && r.pack_bytes > 0;
  if (!r.ok) std::fprintf(stderr, "orpheus-pack import-csv: could not read its summary from:\n%s\n", text.c_str());
  return r;
}

// The CSV benchmark at each size; false if a figure could not be measured or a count is wrong.
bool csv_benchmark(const fs::path& work, const std::vector<int>& sizes, int runs) {
  struct Row {
    int rows;
    double wall, gen;
    long rss_kb;
    std::uintmax_t pack_bytes, csv_bytes;
    CsvExpect want, got;
  };
  std::vector<Row> table;
  bool complete = true;
  for (int rows : sizes) {
    const fs::path dir = work / ("csv-" + std::to_string(rows));
    const auto g0 = Clock::now();
    const CsvExpect want = write_csv_export(dir, rows);
    Row row{rows, -1, seconds_since(g0), 0, 0, fs::file_size(dir / "export.csv"), want, {}};
    std::vector<double> walls;
    for (int run = 0; run < runs; ++run) {
      const CsvRun r = import_csv(dir, 600);
      if (!r.ok) {
        complete = false;
        break;
      }
      walls.push_back(r.wall);
      row.rss_kb = std::max(row.rss_kb, r.rss_kb);
      row.pack_bytes = r.pack_bytes;
      row.got = r.got;
      std::printf("  import-csv %d rows, run %d: %.2f s wall, peak RSS %.0f MB (of which up to %.0f MB this "
                  "benchmark's own, inherited at fork)\n",
                  rows, run + 1, r.wall, r.rss_kb / 1024.0, r.parent_kb / 1024.0);
      std::fflush(stdout);
    }
    row.wall = median(walls);
    if (row.got.imported != want.imported || row.got.rejected != want.rejected || row.got.empty != want.empty ||
        row.got.missing != want.missing) {
      std::fprintf(stderr, "import-csv %d rows counted %ld imported, %ld rejected, %ld empty, %ld missing images; "
                           "expected %ld, %ld, %ld, %ld\n", rows, row.got.imported, row.got.rejected, row.got.empty,
                   row.got.missing, want.imported, want.rejected, want.empty, want.missing);
      complete = false;
    }
    table.push_back(row);
  }
  std::printf("\norpheus-pack import-csv --skip-invalid on generated Tate-like exports, %s\n",
              runs > 1 ? ("medians of " + std::to_string(runs) + " runs").c_str() : "1 run");
  std::printf("  %8s %9s %10s %12s %9s %9s %6s %9s %9s\n", "rows", "CSV MB", "wall s", "peak RSS MB", "imported",
              "rejected", "empty", "missing", "pack MB");
  for (const Row& r : table)
    std::printf("  %8d %9.1f %10.2f %12.0f %9ld %9ld %6ld %9ld %9.1f\n", r.rows, mb(r.csv_bytes), r.wall,
                r.rss_kb / 1024.0, r.got.imported, r.got.rejected, r.got.empty, r.got.missing, mb(r.pack_bytes));
  for (const Row& r : table)
    if (r.rows == 100000)
      std::printf("  target for 100,000 rows (under 30 s and 500 MB): %s\n",
                  r.wall <= 0 ? "not measured" : r.wall < 30 && r.rss_kb < 500 * 1024 ? "met" : "NOT MET");
  return complete;
}

bool parse_size(const char* s, int& w, int& h) { return std::sscanf(s, "%dx%d", &w, &h) == 2 && w > 0 && h > 0; }

int usage() {
  std::fprintf(stderr,
               "usage: bench_packs [--images N] [--size WxH] [--jobs J] [--runs R] [--seed S] [--verify]\n"
               "                   [--keep DIR] [--vips PATH] [--quick]\n"
               "       bench_packs --csv-rows N[,N...] [--runs R] [--keep DIR]\n");
  return 2;
}

std::vector<int> parse_list(const char* s) {
  std::vector<int> out;
  for (const char* p = s; *p;) {
    char* end = nullptr;
    const long v = std::strtol(p, &end, 10);
    if (end == p || v <= 0) return {};
    out.push_back(static_cast<int>(v));
    p = *end == ',' ? end + 1 : end;
    if (*end && *end != ',') return {};
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<int> csv_rows;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--quick")) o.quick = true;
    else if (!std::strcmp(argv[i], "--verify")) o.verify = true;
    else if (!std::strcmp(argv[i], "--images") && has_value) o.images = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--size") && has_value) { if (!parse_size(argv[++i], o.width, o.height)) return usage(); }
    else if (!std::strcmp(argv[i], "--jobs") && has_value) o.jobs = std::clamp(std::atoi(argv[++i]), 1, 64);
    else if (!std::strcmp(argv[i], "--runs") && has_value) o.runs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--seed") && has_value) o.seed = static_cast<std::uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    else if (!std::strcmp(argv[i], "--keep") && has_value) o.keep = argv[++i];
    else if (!std::strcmp(argv[i], "--vips") && has_value) o.vips = argv[++i];
    else if (!std::strcmp(argv[i], "--csv-rows") && has_value) {
      csv_rows = parse_list(argv[++i]);
      if (csv_rows.empty()) return usage();
    }
    else return usage();
  }
  if (o.quick) {
    o.images = 4;
    o.runs = 1;
    o.verify = true;
  }
  if (o.vips.empty()) o.vips = find_on_path("vips");
  const bool have_vips = !o.vips.empty() && access(o.vips.c_str(), X_OK) == 0;

  std::optional<test::TempDir> temp;
  fs::path work;
  if (o.keep.empty()) {
    temp.emplace();
    work = temp->path();
  } else {
    work = fs::absolute(o.keep);
    fs::create_directories(work);
  }
  if (!csv_rows.empty() && !o.quick) {
    std::printf("bench_packs: CSV import, work dir %s\n", work.c_str());
    const bool ok = csv_benchmark(work, csv_rows, o.runs);
    if (!ok) std::fprintf(stderr, "bench_packs: some figures could not be measured\n");
    if (!o.keep.empty()) std::printf("  kept in %s\n", work.c_str());
    return ok ? 0 : 1;
  }
  const unsigned cores = std::thread::hardware_concurrency();
  std::printf("bench_packs: %d images of %dx%d, -j %d, %u cores, %d run%s, work dir %s%s\n", o.images, o.width, o.height,
              o.jobs, cores, o.runs, o.runs == 1 ? "" : "s", work.c_str(), o.quick ? " [quick: not for reporting]" : "");
  std::fflush(stdout);

  // Images and the source tree.
  double gen_seconds = 0;
  bool reused = false;
  write_source(work / "src", o.images);
  const std::uintmax_t jpeg_bytes = generate_images(work / "src", o, &gen_seconds, &reused);
  std::printf("  %s %d JPEGs (quality 90): %.1f MB, %.2f MB each on average, in %.1f s\n",
              reused ? "reused" : "generated", o.images, mb(jpeg_bytes), mb(jpeg_bytes) / o.images, gen_seconds);
  std::fflush(stdout);

  // What the builder should make: one pyramid per image larger than its display variant.
  const bool tiled = o.width > packs::detail::kDisplaySize || o.height > packs::detail::kDisplaySize;
  const long tiles_per_image = tiled ? packs::pyramid_shape(o.width, o.height, packs::detail::kTileSize).tile_count() : 0;

  bool complete = true;
  std::vector<double> build_wall, build_cpu, build_tiles_s, vips_wall, vips_cpu, others;
  long build_rss = 0, build_anon = 0, vips_rss = 0;
  std::uintmax_t pack_bytes = 0, vips_bytes = 0, peak_disk = 0;
  long pack_tiles = -1;
  std::size_t vips_tiles = 0;
  const int build_timeout = 300 + o.images * 30;
  for (int run = 0; run < o.runs; ++run) {
    const BuildRun b = build_pack(work, o, build_timeout);
    if (!b.ok) {
      complete = false;
      break;
    }
    build_wall.push_back(b.wall);
    build_cpu.push_back(b.cpu);
    build_tiles_s.push_back(b.tile_worker_seconds);
    build_rss = std::max(build_rss, b.rss_kb);
    build_anon = std::max(build_anon, b.anon_kb);
    others.push_back(b.others);
    pack_bytes = b.pack_bytes;
    pack_tiles = b.tiles;
    std::printf("  run %d: orpheus-pack build %.1f s wall, %.1f s CPU, tile pyramids %.1f s worker time; "
                "other processes kept %.2f cores busy\n", run + 1, b.wall, b.cpu, b.tile_worker_seconds, b.others);
    std::fflush(stdout);
    if (b.images != o.images || b.tiles != tiles_per_image * o.images) {
      std::fprintf(stderr, "orpheus-pack build wrote %ld images and %ld tiles; expected %d and %ld\n", b.images, b.tiles,
                   o.images, tiles_per_image * o.images);
      complete = false;
    }
    if (o.verify && run == 0) {
      const auto t0 = Clock::now();
      const test::RunResult v = test::run({ORPHEUS_PACK, "verify", "-q", "-j", std::to_string(o.jobs), (work / "pack.db").string()},
                                          build_timeout);
      std::printf("  orpheus-pack verify: %s in %.1f s\n", v.exit_code == 0 ? "ok" : "FAILED", seconds_since(t0));
      if (v.exit_code != 0) {
        std::fprintf(stderr, "orpheus-pack verify failed (exit %d):\n%s%s\n", v.exit_code, v.out.c_str(), v.err.c_str());
        complete = false;
      }
    }
    if (have_vips) {
      const VipsRun v = vips_pyramids(work, o);
      peak_disk = std::max(peak_disk, jpeg_bytes + b.pack_bytes + v.bytes);
      if (!v.ok) {
        complete = false;
        break;
      }
      vips_wall.push_back(v.wall);
      vips_cpu.push_back(v.cpu);
      others.push_back(v.others);
      vips_rss = std::max(vips_rss, v.rss_kb);
      vips_tiles = v.tiles;
      vips_bytes = v.bytes;
      std::printf("  run %d: vips dzsave %.1f s wall, %.1f s CPU; other processes kept %.2f cores busy\n", run + 1, v.wall,
                  v.cpu, v.others);
      std::fflush(stdout);
      if (o.keep.empty() || run + 1 < o.runs) fs::remove_all(work / "vips");
    } else {
      peak_disk = std::max(peak_disk, jpeg_bytes + b.pack_bytes);
    }
    if (o.keep.empty() || run + 1 < o.runs) fs::remove(work / "pack.db");
  }
  const double busiest = others.empty() ? 0 : *std::max_element(others.begin(), others.end());

  const double bw = median(build_wall), bc = median(build_cpu), bt = median(build_tiles_s);
  const double vw = median(vips_wall), vc = median(vips_cpu);
  const double pyramid_wall = bt / o.jobs;
  std::printf("\norpheus-pack build vs vips dzsave: %d images of %dx%d (%.2f MB JPEG each), -j %d on %u cores%s\n",
              o.images, o.width, o.height, mb(jpeg_bytes) / o.images, o.jobs, cores,
              o.runs > 1 ? (", medians of " + std::to_string(o.runs) + " runs").c_str() : ", 1 run");
  std::printf("  other processes kept up to %.2f of the %u cores busy during a timed phase%s\n", busiest, cores,
              busiest > 0.2 ? "  <- BUSY MACHINE: wall times (and worker time) are inflated; CPU seconds less so" : "");
  // One table row: ours, then vips ("-" when vips did not run).
  auto row = [&](const char* label, const char* fmt, double ours, double theirs, const char* note = "") {
    char a[32], b[32];
    std::snprintf(a, sizeof a, fmt, ours);
    if (have_vips && theirs >= 0)
      std::snprintf(b, sizeof b, fmt, theirs);
    else
      std::snprintf(b, sizeof b, "-");
    std::printf("  %-28s %14s  %18s%s\n", label, a, b, note);
  };
  std::printf("  %-28s %14s  %18s\n", "", "orpheus-pack", have_vips ? "vips dzsave" : "(vips missing)");
  row("wall s (whole run)", "%.1f", bw, vw);
  row("CPU s (user+sys)", "%.1f", bc, vc);
  row("CPU s per image", "%.2f", bc / o.images, vc / o.images);
  row("images/s", "%.2f", bw > 0 ? o.images / bw : -1, vw > 0 ? o.images / vw : -1);
  row("peak RSS MB (wait4)", "%.0f", build_rss / 1024.0, vips_rss / 1024.0, have_vips ? "   (vips: per process)" : "");
  row("peak anonymous RSS MB", "%.0f", build_anon / 1024.0, -1,
      "   (sampled every 50 ms; the RSS above also counts file pages the process maps)");
  row("output MB", "%.1f", mb(pack_bytes), mb(vips_bytes), "   (pack file; tile files + .dzi)");
  const std::string tiles_label = "tiles (" + std::to_string(tiles_per_image) + " per image)";
  row(tiles_label.c_str(), "%.0f", static_cast<double>(pack_tiles), static_cast<double>(vips_tiles));
  row("tile-pyramid part, wall s", "%.1f", pyramid_wall, vw);
  std::printf("    ours: the build's \"tile pyramids\" worker CPU time (%.1f s: CPU time of its %d worker threads spent\n"
              "    halving, cutting and JPEG-encoding tiles, summed; not decoding, display/thumbnail or writing) / %d jobs,\n"
              "    its wall time on %d free cores.\n"
              "    vips: the whole dzsave pass (decode, shrink, encode, write tile files), %d processes at a time.\n",
              bt, o.jobs, o.jobs, o.jobs, o.jobs);
  if (have_vips && vw > 0 && bw > 0) {
    std::printf("  ratio ours / vips: pyramid part %.2fx (wall, estimated), %.2fx (CPU; vips's includes decoding);\n"
                "                     whole build %.2fx (wall), %.2fx (CPU)\n",
                pyramid_wall / vw, bt / vc, bw / vw, bc / vc);
  }
  std::printf("  disk: source JPEGs %.0f MB + pack %.0f MB + vips output %.0f MB = %.0f MB at the peak\n", mb(jpeg_bytes),
              mb(pack_bytes), mb(vips_bytes), mb(peak_disk));
  if (!have_vips) {
    std::printf("\n  !!! vips not found (apt-get install libvips-tools, or --vips PATH): the vips dzsave comparison was SKIPPED !!!\n");
    std::fprintf(stderr, "bench_packs: vips not found: vips dzsave comparison skipped\n");
  }
  if (have_vips && vips_tiles != static_cast<std::size_t>(pack_tiles) && pack_tiles >= 0)
    std::printf("  note: vips wrote %zu tiles, orpheus-pack %ld: the pyramids differ in shape\n", vips_tiles, pack_tiles);

  complete = complete && bw > 0 && bc >= 0 && bt >= 0 && build_rss > 0 && build_anon > 0 && pack_bytes > 0 &&
             (!have_vips || (vw > 0 && vips_rss > 0 && vips_tiles > 0));
  if (o.quick) complete = csv_benchmark(work, {2000}, 1) && complete;
  if (!complete) std::fprintf(stderr, "bench_packs: some figures could not be measured\n");
  if (!o.keep.empty()) std::printf("  kept in %s\n", work.c_str());
  return complete ? 0 : 1;
}
