// orpheus-pack build (packs/builder.h) from a curator's source folder: every TOML file the builder
// reads. Input: the files' texts separated by kFileBreak lines, in this order: pack.toml,
// collections/c.toml, items/i.toml, timeline.toml, map.toml, events/e.toml (an empty part: no
// such file). A source without errors is written as a pack, which the kiosk must then load.
// There is no GSHHG folder, so a map region is an error and no map is cut (seconds per input).
#include <cstdio>
#include <cstdlib>

#include "catalog/catalog.h"
#include "fuzz_support.h"
#include "packs/builder.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr const char* kFiles[] = {"pack.toml", "collections/c.toml", "items/i.toml",
                                           "timeline.toml", "map.toml", "events/e.toml"};
  const auto parts = fuzz::split_files(fuzz::text_of(data, size), std::size(kFiles));
  fuzz::clear_scratch();
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (i == 0 || !parts[i].empty()) fuzz::write_file(std::filesystem::path("src") / kFiles[i], parts[i]);

  packs::BuildOptions options;
  options.source_dir = fuzz::Scratch::dir() / "src";
  options.output = fuzz::Scratch::dir() / "out.db";
  options.threads = 1;
  options.gshhg_dir = fuzz::Scratch::dir() / "no-gshhg";
  const packs::BuildResult result = packs::build_pack(options);
  for (const auto& p : result.problems) (void)p.str();
  if (result.ok()) {
    try {
      (void)catalog::load_snapshot(options.output);
    } catch (const catalog::LoadError& e) {
      std::fprintf(stderr, "the kiosk refuses the pack the builder wrote: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
