// A content pack as the kiosk opens it (app/content_watch.h open_checked: the seal and signature,
// then catalog::load_snapshot), then what the kiosk does with it off the frame: the search index
// built and asked, every text visited, periods worded, the programme listed at an instant, and
// media blobs, tiles and narrations read (not decoded: fuzz_image does that). Input: the pack
// file's bytes (SQLite); seeds from fuzz_seed_packs.
#include "app/content_watch.h"
#include "catalog/catalog.h"
#include "catalog/search.h"
#include "catalog/search_index.h"
#include "catalog/snapshot_texts.h"
#include "events/programme.h"
#include "events/zone.h"
#include "fuzz_support.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

namespace {

void use(const catalog::Snapshot& snap, const std::filesystem::path& file) {
  catalog::for_each_text(snap, [](std::string_view text, const catalog::TextPlace& place) {
    (void)text.size();
    (void)place.str();
  });
  const auto index = catalog::SearchIndex::build(snap);
  for (const auto& lang : snap.pack.languages) {
    (void)index.page(snap, "злато gold", lang, 20);
    (void)index.suggest("zlto");
  }
  for (const auto& item : snap.items)
    for (const char* lang : {"bg", "en", "de"}) (void)catalog::format_period(item.year_from, item.year_to, lang, item.certainty);

  const auto named = events::TimeZone::named(snap.pack.time_zone);
  const events::TimeZone zone = named ? *named : events::TimeZone::utc();
  for (const std::int64_t at : {std::int64_t{1'796'000'000}, std::int64_t{0}}) {
    const auto clock = events::check_clock(snap, at);
    (void)events::shown_collections(snap, zone, at, clock);
    const auto listing = events::list_events(snap, zone, at);
    (void)events::audiences(listing);
    (void)events::next_change(snap, zone, at);
    for (const auto& e : snap.events) (void)events::upcoming(e, zone, at, 3);
  }

  catalog::MediaReader reader(file);
  std::size_t reads = 0;
  for (const auto& item : snap.items) {
    for (const auto& m : item.media) {
      if (++reads > 8) break;
      for (auto v : {catalog::MediaVariant::thumbnail, catalog::MediaVariant::display})
        (void)reader.read(m.id, v);
      if (m.tile_levels > 0) (void)reader.read_tile(m.id, m.tile_levels - 1, 0, 0);
    }
    for (const auto& n : item.narrations) (void)reader.read_narration(n.id);
  }
  if (snap.map.present()) (void)reader.read_tile(catalog::kMapMedia, 0, 0, 0);

  catalog::ItemSearch search(file);
  (void)search.find("gold зла", snap.pack.default_language, 10);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = fuzz::write_file("pack.db", fuzz::text_of(data, size));
  app::ContentPolicy policy;  // development: an unsigned pack is shown with a warning
  try {
    const app::CheckedPack pack = app::open_checked(file, policy);
    use(*pack.snapshot, file);
  } catch (const catalog::LoadError& e) {
    fuzz::refused(e);
  }
  return 0;
}
