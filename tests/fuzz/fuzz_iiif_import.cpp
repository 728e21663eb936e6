// orpheus-pack import-iiif (packs/iiif_import.h): IIIF Presentation 3.0 / 2.x manifests and
// collections from other institutions. Input: one JSON file; a kFileBreak line and a second
// one make a collection and a manifest imported together (a collection lists manifests by id).
// The images folder holds a.png, which canvases and thumbnails may name.
#include "fuzz_support.h"
#include "media/image.h"
#include "packs/iiif_import.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  media::Image px{2, 2, 4, std::vector<std::uint8_t>(16, 200)};
  const auto png = media::encode_png(px);
  fuzz::write_file("images/a.png", {reinterpret_cast<const char*>(png.data()), png.size()});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::split_files(fuzz::text_of(data, size), 2);
  packs::IiifImportOptions options;
  options.inputs.push_back(fuzz::write_file("iiif/1.json", parts[0]));
  if (!parts[1].empty()) options.inputs.push_back(fuzz::write_file("iiif/2.json", parts[1]));
  options.image_dirs = {fuzz::Scratch::dir() / "images"};
  std::vector<packs::Problem> problems;
  (void)packs::import_iiif(options, problems);
  for (const auto& p : problems) (void)p.str();
  return 0;
}
