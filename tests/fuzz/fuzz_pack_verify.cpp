// A content pack as orpheus-pack verify, install and inspect read it before anything trusts it
// (packs/verify.h, inspect.h): integrity, schema, seal, every blob and tile decoded, narrations,
// events, references; then the description inspect prints. Input: the pack file's bytes.
#include <sstream>

#include "catalog/catalog.h"
#include "fuzz_support.h"
#include "packs/inspect.h"
#include "packs/verify.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = fuzz::write_file("pack.db", fuzz::text_of(data, size));
  packs::VerifyOptions options;
  options.require_trusted = false;
  options.threads = 1;
  options.max_pixels = 1'000'000;  // as fuzz_image: a large honest picture would take seconds
  const packs::VerifyReport report = packs::verify_pack(file, options);
  for (const auto& p : report.problems) (void)p.str();
  if (!report.ok()) return 0;
  try {
    const auto description = packs::describe_pack(file, true, std::int64_t{1'796'000'000});
    std::ostringstream out;
    packs::print_description(description, out, true);
  } catch (const catalog::LoadError& e) {
    fuzz::refused(e);
  }
  return 0;
}
