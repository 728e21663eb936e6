#include "support/synthetic_pack.h"

#include <filesystem>
#include <span>

#include "catalog/sqlite.h"
#include "media/image.h"

namespace orpheus::test {
namespace {

std::int64_t last_id(sql::Database& db) { return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.get())); }

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

}  // namespace orpheus::test
