// What a visitor types into search (catalog/search_index.h, search.h): the in-memory index's
// matching, suggestions and marks, and the FTS5 query the pack's index is asked with. The pack is
// the unit tests' small one (tests/unit/catalog/test_pack.h), written once.
#include "catalog/catalog.h"
#include "catalog/search.h"
#include "catalog/search_index.h"
#include "fuzz_support.h"
#include "unit/catalog/test_pack.h"

using namespace orpheus;

namespace {

struct Pack {
  std::filesystem::path file;
  std::shared_ptr<const catalog::Snapshot> snapshot;
  catalog::SearchIndex index;
  catalog::ItemSearch fts;
  explicit Pack(std::filesystem::path f)
      : file(std::move(f)), snapshot(catalog::load_snapshot(file)), index(catalog::SearchIndex::build(*snapshot)), fts(file) {}
};

Pack& pack() {
  static Pack p = [] {
    const auto file = fuzz::Scratch::dir() / "search.db";
    test::write_small_pack(file);
    return Pack(file);
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  (void)pack();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view typed = fuzz::text_of(data, size);
  Pack& p = pack();
  (void)p.index.find(typed, 50);
  (void)p.index.suggest(typed, 3);
  (void)catalog::SearchIndex::marks("Златен ритон, Gold rhyton from Panagyurishte", typed);
  for (const char* lang : {"bg", "en"}) {
    const auto page = p.index.page(*p.snapshot, typed, lang, 20, 5);
    for (const auto& s : page.did_you_mean) (void)p.index.spelling(*p.snapshot, s, lang);
  }
  (void)catalog::fts_query(typed);
  (void)p.fts.find(typed, "bg", 20);
  return 0;
}
