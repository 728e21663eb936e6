// orpheus-pack: builds and inspects content packs.
//   orpheus-pack build SRC_DIR -o PACK.db [--media-dir DIR]... [--jobs N] [--quiet]
//   orpheus-pack inspect PACK.db
// Exit codes: 0 ok, 1 content problems (or the pack could not be written/read), 2 usage.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "packs/builder.h"
#include "packs/inspect.h"

namespace {

constexpr int kOk = 0, kProblems = 1, kUsage = 2;

int run_build(const orpheus::packs::BuildOptions& options, bool quiet) {
  using namespace orpheus::packs;
  const auto start = std::chrono::steady_clock::now();
  BuildOptions o = options;
  if (!quiet) o.progress = [](std::string_view note) { std::cerr << "orpheus-pack: " << note << "\n"; };
  BuildResult r;
  try {
    r = build_pack(std::move(o));
  } catch (const BuildError& e) {
    std::cerr << "orpheus-pack: error: " << e.what() << "\n";
    return kProblems;
  }
  if (!r.ok()) {
    for (const auto& p : r.problems) std::cerr << p.str() << "\n";
    const auto n = r.problems.size();
    std::cerr << n << (n == 1 ? " problem in " : " problems in ") << options.source_dir.string() << "\n";
    return kProblems;
  }
  if (!quiet) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[256];
    std::snprintf(line, sizeof line, "%d collections, %d items, %d images, %d languages, %.1f MB in %.1f s",
                  r.counts.collections, r.counts.items, r.counts.images, r.counts.languages,
                  static_cast<double>(r.counts.output_bytes) / 1e6, secs);
    std::cout << "wrote " << options.output.string() << ": " << line << "\n";
  }
  return kOk;
}

int run_inspect(const std::string& pack) {
  try {
    orpheus::packs::inspect_pack(pack, std::cout);
  } catch (const std::exception& e) {  // LoadError names the file
    std::cerr << "orpheus-pack: " << e.what() << "\n";
    return kProblems;
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Builds and inspects Orpheus content packs (one SQLite file per pack).", "orpheus-pack"};
  app.set_version_flag("--version", std::string(ORPHEUS_VERSION));
  app.require_subcommand(1);
  app.footer("Exit status: 0 ok, 1 content problems or an unreadable/unwritable pack, 2 usage.\n"
             "See docs/pack-source.md for the pack source format.");

  orpheus::packs::BuildOptions build_opts;
  std::string src, output;
  std::vector<std::string> media_dirs;
  bool quiet = false;
  auto* build = app.add_subcommand("build", "Check a pack source folder and build a pack from it.");
  build->add_option("SRC_DIR", src, "Pack source folder (pack.toml, collections/, items/)")->required();
  build->add_option("-o,--output", output, "Pack file to write (replaced only if the build succeeds)")->required();
  build->add_option("--media-dir", media_dirs, "Further folder to look for images in, after SRC_DIR (repeatable)")
      ->allow_extra_args(false);
  build->add_option("-j,--jobs", build_opts.threads, "Image worker threads (default: one per core, at most 8)")
      ->check(CLI::Range(1, 64));
  build->add_flag("-q,--quiet", quiet, "Print nothing but problems");
  build->footer("Every problem is printed as FILE:LINE:COL: FIELD: reason; nothing is written if there is one.");

  std::string pack;
  auto* inspect = app.add_subcommand("inspect", "Print a built pack's manifest, languages and contents.");
  inspect->add_option("PACK", pack, "Pack file (.db)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // help on stdout, status 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const CLI::App* where = build->parsed() ? build : inspect->parsed() ? inspect : &app;
    std::cerr << "orpheus-pack: " << e.what() << "\n\n" << where->help(where == &app ? "" : "orpheus-pack");
    return kUsage;
  }

  if (build->parsed()) {
    build_opts.source_dir = src;
    build_opts.output = output;
    for (const auto& d : media_dirs) build_opts.media_dirs.emplace_back(d);
    return run_build(build_opts, quiet);
  }
  return run_inspect(pack);
}
