#include "support/synthetic_pack.h"

#include <algorithm>
#include <filesystem>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "catalog/sqlite.h"
#include "media/image.h"
#include "trust/seal.h"

namespace orpheus::test {
namespace {

std::int64_t last_id(sql::Database& db) { return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.get())); }

// The picture flipped left to right, encoded as it came (JPEG or PNG).
std::vector<std::uint8_t> mirrored(std::span<const std::uint8_t> bytes, const std::string& mime) {
  media::Image img = media::decode(bytes);
  const auto px = static_cast<std::size_t>(img.channels);
  for (int y = 0; y < img.height; ++y) {
    auto* row = &img.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) * px];
    for (std::size_t l = 0, r = static_cast<std::size_t>(img.width) - 1; l < r; ++l, --r)
      std::swap_ranges(row + l * px, row + (l + 1) * px, row + r * px);
  }
  return mime == "image/png" ? media::encode_png(img) : media::encode_jpeg(img);
}

}  // namespace

void make_grid_pack(const std::string& demo_pack, const std::string& out, const std::vector<int>& counts) {
  std::filesystem::copy_file(demo_pack, out, std::filesystem::copy_options::overwrite_existing);
  sql::Database db(out, sql::Database::Mode::read_write_create);
  media::Image img;
  img.width = 160;
  img.height = 120;
  img.channels = 4;
  img.pixels.resize(160 * 120 * 4);
  for (int y = 0; y < 120; ++y)
    for (int x = 0; x < 160; ++x) {
      auto* p = &img.pixels[static_cast<std::size_t>((y * 160 + x) * 4)];
      p[0] = static_cast<std::uint8_t>(120 + x / 2);
      p[1] = static_cast<std::uint8_t>(90 + y / 2);
      p[2] = 60;
      p[3] = 255;
    }
  const auto jpeg = media::encode_jpeg(img, 80);
  sql::Transaction tx(db);
  int ord = 1000;
  for (int count : counts) {
    const std::string slug = "grid-" + std::to_string(count);
    db.prepare("INSERT INTO collection(slug, ord) VALUES (?, ?)").bind(1, slug).bind(2, std::int64_t{++ord}).step();
    const auto coll = last_id(db);
    db.prepare("INSERT INTO collection_text(collection_id, lang, title, summary) VALUES (?, 'bg', ?, ''), (?, 'en', ?, '')")
        .bind(1, coll).bind(2, slug).bind(3, coll).bind(4, slug).step();
    auto item = db.prepare("INSERT INTO item(slug, collection_id, ord, year_from, year_to) VALUES (?, ?, ?, -400, -300)");
    auto text = db.prepare(
        "INSERT INTO item_text(item_id, lang, title, summary, description, period, place, credit) "
        "SELECT ?, lang, title || ' ' || ?, summary, description, period, place, credit FROM item_text "
        "WHERE item_id = (SELECT id FROM item WHERE collection_id != ? ORDER BY id LIMIT 1 OFFSET ?)");
    auto media = db.prepare("INSERT INTO media(item_id, ord, source_name, width, height) VALUES (?, 0, 'bench', 160, 120)");
    auto blob = db.prepare("INSERT INTO media_blob(media_id, variant, mime, width, height, bytes) VALUES (?, ?, 'image/jpeg', 160, 120, ?)");
    for (int i = 0; i < count; ++i) {
      item.reset();
      item.bind(1, slug + "-" + std::to_string(i)).bind(2, coll).bind(3, std::int64_t{i}).step();
      const auto id = last_id(db);
      text.reset();
      text.bind(1, id).bind(2, std::to_string(i)).bind(3, coll).bind(4, std::int64_t{i % 40}).step();
      media.reset();
      media.bind(1, id).step();
      const auto media_id = last_id(db);
      for (const char* variant : {"thumbnail", "display"}) {
        blob.reset();
        blob.bind(1, media_id).bind(2, std::string(variant)).bind(3, std::span<const std::uint8_t>(jpeg)).step();
      }
    }
  }
  tx.commit();
}

void make_gallery_pack(const std::string& demo_pack, const std::string& out, const std::string& slug, int count) {
  std::filesystem::copy_file(demo_pack, out, std::filesystem::copy_options::overwrite_existing);
  {  // the database closes before the seal is written
    sql::Database db(out, sql::Database::Mode::read_write_create);
    std::vector<std::pair<std::int64_t, std::int64_t>> sources;  // (media id, item id) of every demo image
    for (auto q = db.prepare("SELECT id, item_id FROM media WHERE item_id IS NOT NULL ORDER BY item_id, ord"); q.step();)
      sources.emplace_back(q.int64(0), q.int64(1));
    if (sources.empty()) throw std::runtime_error(demo_pack + ": no images to build a gallery from");

    sql::Transaction tx(db);
    db.prepare("INSERT INTO collection(slug, ord) SELECT ?, COALESCE(MAX(ord), 0) + 1 FROM collection").bind(1, slug).step();
    const auto coll = last_id(db);
    db.prepare("INSERT INTO collection_text(collection_id, lang, title) VALUES (?, 'bg', 'Галерия'), (?, 'en', 'Gallery')")
        .bind(1, coll).bind(2, coll).step();
    auto item = db.prepare(
        "INSERT INTO item(slug, collection_id, ord, year_from, year_to) SELECT ?, ?, ?, year_from, year_to FROM item WHERE id = ?");
    auto text = db.prepare(
        "INSERT INTO item_text(item_id, lang, title, summary, description, period, place, credit) "
        "SELECT ?, lang, title, summary, description, period, place, credit FROM item_text WHERE item_id = ?");
    auto media = db.prepare("INSERT INTO media(item_id, ord, source_name, width, height) "
                            "SELECT ?, 0, source_name, width, height FROM media WHERE id = ?");
    auto caption = db.prepare("INSERT INTO media_text(media_id, lang, caption, alt) SELECT ?, lang, caption, alt FROM media_text WHERE media_id = ?");
    auto copy_blobs = db.prepare(
        "INSERT INTO media_blob(media_id, variant, mime, width, height, bytes) "
        "SELECT ?, variant, mime, width, height, bytes FROM media_blob WHERE media_id = ? AND variant IN ('thumbnail', 'display')");
    auto read_blobs = db.prepare(
        "SELECT variant, mime, width, height, bytes FROM media_blob WHERE media_id = ? AND variant IN ('thumbnail', 'display')");
    auto add_blob = db.prepare("INSERT INTO media_blob(media_id, variant, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?, ?)");
    std::int64_t cover = 0;
    for (int i = 0; i < count; ++i) {
      const auto [source_media, source_item] = sources[static_cast<std::size_t>(i) % sources.size()];
      item.reset();
      item.bind(1, slug + "-" + std::to_string(i)).bind(2, coll).bind(3, i).bind(4, source_item).step();
      const auto id = last_id(db);
      text.reset();
      text.bind(1, id).bind(2, source_item).step();
      media.reset();
      media.bind(1, id).bind(2, source_media).step();
      const auto media_id = last_id(db);
      if (i == 0) cover = media_id;
      caption.reset();
      caption.bind(1, media_id).bind(2, source_media).step();
      if ((static_cast<std::size_t>(i) / sources.size()) % 2 == 0) {
        copy_blobs.reset();
        copy_blobs.bind(1, media_id).bind(2, source_media).step();
        continue;
      }
      read_blobs.reset();
      read_blobs.bind(1, source_media);
      while (read_blobs.step()) {
        const std::string mime = read_blobs.text(1);
        add_blob.reset();
        add_blob.bind(1, media_id).bind(2, read_blobs.text(0)).bind(3, mime).bind(4, read_blobs.int64(2))
            .bind(5, read_blobs.int64(3)).bind(6, std::span<const std::uint8_t>(mirrored(read_blobs.blob(4), mime))).step();
      }
    }
    if (cover) db.prepare("UPDATE collection SET cover_media_id = ? WHERE id = ?").bind(1, cover).bind(2, coll).step();
    tx.commit();
  }
  trust::write_content_hash(out);
}

void make_timeline_pack(const std::string& demo_pack, const std::string& out, int count, int undated) {
  if (count > 0) make_grid_pack(demo_pack, out, {count});
  else std::filesystem::copy_file(demo_pack, out, std::filesystem::copy_options::overwrite_existing);
  {  // the database closes before the seal is written
    sql::Database db(out, sql::Database::Mode::read_write_create);
    sql::Transaction tx(db);
    std::mt19937 rng(1821);
    auto date = db.prepare("UPDATE item SET year_from = ?, year_to = ?, date_certainty = ? WHERE slug = ?");
    for (int i = 0; i < count; ++i) {
      int from = -3000 + static_cast<int>(rng() % 4500);
      const int kind = static_cast<int>(rng() % 10);
      const int length = kind < 4 ? 0 : kind < 8 ? static_cast<int>(rng() % 60) : kind < 9 ? 100 * (1 + static_cast<int>(rng() % 3)) : 2000;
      if (from == 0) from = 1;  // there is no year 0
      int to = from + length;
      if (from < 0 && to >= 0) ++to;  // ... nor in between
      date.reset();
      date.bind(1, std::int64_t{from}).bind(2, std::int64_t{to}).bind(3, std::string(i % 5 == 0 ? "circa" : "exact"))
          .bind(4, "grid-" + std::to_string(count) + "-" + std::to_string(i)).step();
    }
    // The period labels the grid copied from the demo's objects would contradict the new dates.
    db.prepare("UPDATE item_text SET period = '' WHERE item_id IN (SELECT id FROM item WHERE slug LIKE 'grid-%')").step();
    db.prepare("UPDATE item SET year_from = NULL, year_to = NULL WHERE id IN "
               "(SELECT id FROM item WHERE slug NOT LIKE 'grid-%' ORDER BY id LIMIT ?)")
        .bind(1, std::int64_t{undated}).step();
    tx.commit();
  }
  trust::write_content_hash(out);
}

void make_map_pack(const std::string& demo_pack, const std::string& out, int count, int unlocated) {
  if (count > 0) make_grid_pack(demo_pack, out, {count});
  else std::filesystem::copy_file(demo_pack, out, std::filesystem::copy_options::overwrite_existing);
  {  // the database closes before the seal is written
    sql::Database db(out, sql::Database::Mode::read_write_create);
    sql::Transaction tx(db);
    auto region = db.prepare("SELECT west, south, east, north FROM map");
    if (!region.step()) throw std::runtime_error(demo_pack + ": the demo pack has no map");
    const double west = region.real(0), south = region.real(1), east = region.real(2),
                 north = region.real(3);
    std::mt19937 rng(1396);
    const auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng() % 100000) / 100000; };
    std::vector<std::pair<double, double>> sites(40);  // lat, lon
    for (auto& s : sites) s = {uniform(south + 0.3, north - 0.3), uniform(west + 0.3, east - 0.3)};
    auto spot = db.prepare("UPDATE item SET latitude = ?, longitude = ?, place_within_km = ? WHERE slug = ?");
    for (int i = 0; i < count; ++i) {
      const auto& site = sites[rng() % sites.size()];
      const double spread = i % 10 == 0 ? 0.5 : 0.04;  // degrees: most near their site, some further off
      spot.reset();
      spot.bind(1, site.first + uniform(-spread, spread)).bind(2, site.second + uniform(-spread, spread));
      spot.bind(3, i % 4 == 0 ? std::optional<double>(uniform(2, 20)) : std::nullopt);
      spot.bind(4, "grid-" + std::to_string(count) + "-" + std::to_string(i)).step();
    }
    db.prepare("UPDATE item SET latitude = NULL, longitude = NULL, place_within_km = NULL WHERE id IN "
               "(SELECT id FROM item WHERE slug NOT LIKE 'grid-%' ORDER BY id LIMIT ?)")
        .bind(1, std::int64_t{unlocated}).step();
    tx.commit();
  }
  trust::write_content_hash(out);
}

}  // namespace orpheus::test
