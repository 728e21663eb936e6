// Delta updates (fleet/delta.h): a zstd patch from the web server applied to the installed pack
// (the updater checks the patch's hash against the signed channel first; this is what a curator's
// broken patch or a bug in the publishing side reaches). Input: the patch; the older pack is a
// fixed 64 KiB file (fuzz_seed_packs makes seed patches against the same bytes).
#include "fleet/delta.h"
#include "fuzz_delta_base.h"
#include "fuzz_support.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path base = [] {
    const auto bytes = fuzz::delta_base();
    return fuzz::write_file("base.db", {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
  }();
  const auto patch = fuzz::write_file("patch.zst", fuzz::text_of(data, size));
  try {
    fleet::apply_patch(base, patch, fuzz::Scratch::dir() / "out.db", 1 << 20);
  } catch (const fleet::DeltaError& e) {
    fuzz::refused(e);
  }
  return 0;
}
