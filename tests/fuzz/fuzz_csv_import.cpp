// orpheus-pack import-csv (packs/csv_import.h): a collection-management export and the curator's
// mapping. Input: the mapping (TOML), a kFileBreak line, the CSV. The images folder holds a.png
// (good) and b.jpg (damaged), so records naming them reach the image checks.
#include "fuzz_support.h"
#include "media/image.h"
#include "packs/csv_import.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  media::Image px{2, 2, 4, std::vector<std::uint8_t>(16, 200)};
  const auto png = media::encode_png(px);
  fuzz::write_file("images/a.png", {reinterpret_cast<const char*>(png.data()), png.size()});
  fuzz::write_file("images/b.jpg", "\xFF\xD8\xFF\xE0 not a JPEG");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::split_files(fuzz::text_of(data, size), 2);
  packs::CsvImportOptions options;
  options.mapping = fuzz::write_file("import/mapping.toml", parts[0]);
  options.csv = fuzz::write_file("import/export.csv", parts[1]);
  options.image_dirs = {fuzz::Scratch::dir() / "images"};
  options.skip_invalid = true;
  std::vector<packs::Problem> problems;
  packs::CsvImportReport report;
  const packs::PackSource source = packs::import_csv(options, problems, &report);
  for (const auto& p : problems) (void)p.str();
  if (!report.rejected.empty()) packs::write_rejects(fuzz::Scratch::dir() / "import/rejects.csv", report);
  return 0;
}
