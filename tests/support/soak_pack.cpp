#include "support/soak_pack.h"

#include <array>
#include <cmath>
#include <filesystem>
#include <span>

#include "catalog/sqlite.h"
#include "media/deep_zoom.h"
#include "media/image.h"

namespace orpheus::test {
namespace {

constexpr int kWidth = 1024, kHeight = 768, kTile = 64, kPictures = 8;

std::int64_t last_id(sql::Database& db) { return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.get())); }

// Rings and stripes with detail down to single pixels, tinted per picture.
media::Image picture(int k) {
  media::Image img;
  img.width = kWidth;
  img.height = kHeight;
  img.channels = 4;
  img.pixels.resize(static_cast<std::size_t>(kWidth) * kHeight * 4);
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x) {
      auto* p = &img.pixels[(static_cast<std::size_t>(y) * kWidth + x) * 4];
      const double r = std::hypot(x - kWidth / 2.0, y - kHeight / 2.0);
      const auto ring = static_cast<std::uint8_t>(127 + 127 * std::sin(r * (0.05 + 0.01 * k)));
      p[0] = static_cast<std::uint8_t>((ring + 40 * k) & 0xff);
      p[1] = ((x / (1 + k)) + y) % 2 ? ring : static_cast<std::uint8_t>(255 - ring);
      p[2] = static_cast<std::uint8_t>((x ^ y) & 0xff);
      p[3] = 255;
    }
  return img;
}

media::Image crop(const media::Image& level, int col, int row) {
  media::Image t;
  const int x = col * kTile, y = row * kTile;
  t.width = std::min(kTile, level.width - x);
  t.height = std::min(kTile, level.height - y);
  t.pixels.resize(static_cast<std::size_t>(t.width) * t.height * 4);
  for (int r = 0; r < t.height; ++r)
    std::copy_n(&level.pixels[(static_cast<std::size_t>(y + r) * level.width + x) * 4], static_cast<std::size_t>(t.width) * 4,
                &t.pixels[static_cast<std::size_t>(r) * t.width * 4]);
  return t;
}

// One picture's encoded variants and tiles.
struct Encoded {
  std::vector<std::uint8_t> original, display, thumbnail;
  std::vector<std::pair<media::TileId, std::vector<std::uint8_t>>> tiles;
};

Encoded encode(int k) {
  Encoded e;
  const media::Image full = picture(k);
  e.original = media::encode_jpeg(full, 85);
  const media::PyramidShape shape = media::pyramid_shape(kWidth, kHeight, kTile);
  media::Image level = full;
  for (int l = 0; l < static_cast<int>(shape.levels.size()); ++l) {
    if (l > 0) level = media::half_size(level);
    if (l == 1) e.display = media::encode_jpeg(level, 85);
    if (l == 2) e.thumbnail = media::encode_jpeg(level, 85);
    for (int r = 0; r < shape.levels[static_cast<std::size_t>(l)].rows; ++r)
      for (int c = 0; c < shape.levels[static_cast<std::size_t>(l)].cols; ++c)
        e.tiles.push_back({{l, c, r}, media::encode_jpeg(crop(level, c, r), 85)});
  }
  return e;
}

// The huge image's pixel at full-resolution (x, y), seen at a level `scale` full pixels wide.
void huge_pixel(double x, double y, double scale, int size, std::uint8_t* p) {
  const auto line = [&](double period) {
    // A line 1.5 level pixels wide every `period` full pixels, where the level can show it.
    if (period < 4 * scale) return false;
    const double dx = std::fmod(x, period), dy = std::fmod(y, period);
    return std::min(dx, dy) < 1.5 * scale;
  };
  p[0] = static_cast<std::uint8_t>(40 + 180 * x / size);
  p[1] = static_cast<std::uint8_t>(40 + 180 * y / size);
  p[2] = static_cast<std::uint8_t>(120 + 100 * std::sin((x + y) / size * 20));
  if (line(64)) p[0] = p[1] = p[2] = 30;
  if (line(512)) p[0] = p[1] = p[2] = 240;
  if (line(4096)) p[0] = 250, p[1] = p[2] = 40;
  p[3] = 255;
}

media::Image huge_region(int size, double scale, double x0, double y0, int w, int h) {
  media::Image img;
  img.width = w;
  img.height = h;
  img.pixels.resize(static_cast<std::size_t>(w) * h * 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      huge_pixel(x0 + (x + 0.5) * scale, y0 + (y + 0.5) * scale, scale, size,
                 &img.pixels[(static_cast<std::size_t>(y) * w + x) * 4]);
  return img;
}

// A collection first on the home screen, titled in Bulgarian and English; returns its id.
std::int64_t add_collection(sql::Database& db, std::string_view slug, std::string_view bg, std::string_view en) {
  db.prepare("INSERT INTO collection(slug, ord) VALUES (?, -1)").bind(1, slug).step();
  const auto coll = last_id(db);
  db.prepare("INSERT INTO collection_text(collection_id, lang, title, summary) VALUES (?1, 'bg', ?2, ''), (?1, 'en', ?3, '')")
      .bind(1, coll).bind(2, bg).bind(3, en).step();
  return coll;
}

}  // namespace

void make_huge_image_pack(const std::string& demo_pack, const std::string& out, int size) {
  std::filesystem::copy_file(demo_pack, out, std::filesystem::copy_options::overwrite_existing);
  constexpr int kHugeTile = 256;
  const media::PyramidShape shape = media::pyramid_shape(size, size, kHugeTile);
  sql::Database db(out, sql::Database::Mode::read_write_create);
  sql::Transaction tx(db);
  const auto coll = add_collection(db, "huge", "Огромно", "Huge");
  db.prepare("INSERT INTO item(slug, collection_id, ord) VALUES ('huge-0', ?, 0)").bind(1, coll).step();
  const auto item_id = last_id(db);
  db.prepare("INSERT INTO item_text(item_id, lang, title, summary, description, period, place, credit) "
             "VALUES (?1, 'bg', 'Огромно изображение', '', '', '', '', ''), (?1, 'en', 'A huge image', '', '', '', '', '')")
      .bind(1, item_id).step();
  db.prepare("INSERT INTO media(item_id, ord, source_name, width, height) VALUES (?, 0, 'huge', ?, ?)")
      .bind(1, item_id).bind(2, size).bind(3, size).step();
  const auto media_id = last_id(db);
  auto blob = db.prepare("INSERT INTO media_blob(media_id, variant, mime, width, height, bytes) VALUES (?, ?, 'image/jpeg', ?, ?, ?)");
  for (const auto& [variant, side] : {std::pair{"display", 2048}, std::pair{"thumbnail", 512}}) {
    const auto jpeg = media::encode_jpeg(huge_region(size, static_cast<double>(size) / side, 0, 0, side, side), 85);
    blob.reset();
    blob.bind(1, media_id).bind(2, std::string_view(variant)).bind(3, side).bind(4, side)
        .bind(5, std::span<const std::uint8_t>(jpeg)).step();
  }
  db.prepare("INSERT INTO media_pyramid(media_id, tile_size, levels) VALUES (?, ?, ?)")
      .bind(1, media_id).bind(2, kHugeTile).bind(3, static_cast<int>(shape.levels.size())).step();
  auto tile = db.prepare("INSERT INTO media_tile(media_id, level, col, row, mime, bytes) VALUES (?, ?, ?, ?, 'image/jpeg', ?)");
  for (int l = 0; l < static_cast<int>(shape.levels.size()); ++l) {
    const auto& lv = shape.levels[static_cast<std::size_t>(l)];
    const double scale = static_cast<double>(size) / lv.width;  // full pixels per level pixel
    for (int r = 0; r < lv.rows; ++r)
      for (int c = 0; c < lv.cols; ++c) {
        const int w = std::min(kHugeTile, lv.width - c * kHugeTile), h = std::min(kHugeTile, lv.height - r * kHugeTile);
        const auto jpeg = media::encode_jpeg(huge_region(size, scale, c * kHugeTile * scale, r * kHugeTile * scale, w, h), 85);
        tile.reset();
        tile.bind(1, media_id).bind(2, l).bind(3, c).bind(4, r).bind(5, std::span<const std::uint8_t>(jpeg)).step();
      }
  }
  tx.commit();
}

void make_soak_pack(const std::string& demo_pack, const std::string& out, int count) {
  std::filesystem::copy_file(demo_pack, out, std::filesystem::copy_options::overwrite_existing);
  std::vector<Encoded> pictures;
  for (int k = 0; k < kPictures; ++k) pictures.push_back(encode(k));
  const int levels = static_cast<int>(media::pyramid_shape(kWidth, kHeight, kTile).levels.size());

  sql::Database db(out, sql::Database::Mode::read_write_create);
  sql::Transaction tx(db);
  const auto coll = add_collection(db, "soak", "Изпитание", "Soak");
  auto item = db.prepare("INSERT INTO item(slug, collection_id, ord) VALUES (?, ?, ?)");
  auto text = db.prepare("INSERT INTO item_text(item_id, lang, title, summary, description, period, place, credit) "
                         "VALUES (?1, 'bg', 'Предмет ' || ?2, '', '', '', '', ''), (?1, 'en', 'Object ' || ?2, '', '', '', '', '')");
  auto media = db.prepare("INSERT INTO media(item_id, ord, source_name, width, height) VALUES (?, 0, 'soak', ?, ?)");
  auto blob = db.prepare("INSERT INTO media_blob(media_id, variant, mime, width, height, bytes) VALUES (?, ?, 'image/jpeg', ?, ?, ?)");
  auto pyramid = db.prepare("INSERT INTO media_pyramid(media_id, tile_size, levels) VALUES (?, ?, ?)");
  auto tile = db.prepare("INSERT INTO media_tile(media_id, level, col, row, mime, bytes) VALUES (?, ?, ?, ?, 'image/jpeg', ?)");
  for (int i = 0; i < count; ++i) {
    const Encoded& e = pictures[static_cast<std::size_t>(i % kPictures)];
    item.reset();
    item.bind(1, "soak-" + std::to_string(i)).bind(2, coll).bind(3, i).step();
    const auto item_id = last_id(db);
    text.reset();
    text.bind(1, item_id).bind(2, std::to_string(i + 1)).step();
    media.reset();
    media.bind(1, item_id).bind(2, kWidth).bind(3, kHeight).step();
    const auto media_id = last_id(db);
    const std::array<std::tuple<const char*, int, const std::vector<std::uint8_t>*>, 3> variants = {
        std::tuple{"original", 1, &e.original}, {"display", 2, &e.display}, {"thumbnail", 4, &e.thumbnail}};
    for (const auto& [variant, div, bytes] : variants) {
      blob.reset();
      blob.bind(1, media_id).bind(2, std::string_view(variant)).bind(3, kWidth / div).bind(4, kHeight / div)
          .bind(5, std::span<const std::uint8_t>(*bytes)).step();
    }
    pyramid.reset();
    pyramid.bind(1, media_id).bind(2, kTile).bind(3, levels).step();
    for (const auto& [id, bytes] : e.tiles) {
      tile.reset();
      tile.bind(1, media_id).bind(2, id.level).bind(3, id.col).bind(4, id.row).bind(5, std::span<const std::uint8_t>(bytes)).step();
    }
  }
  tx.commit();
}

}  // namespace orpheus::test
