#include "packs/verify.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

#include "catalog/catalog.h"
#include "catalog/map_rows.h"
#include "catalog/pack_file.h"
#include "catalog/schema.h"
#include "catalog/snapshot_texts.h"
#include "catalog/sqlite.h"
#include "media/audio.h"
#include "packs/font_coverage.h"
#include "packs/images.h"
#include "packs/parallel.h"
#include "packs/pyramid.h"

namespace orpheus::packs {
namespace {

namespace fs = std::filesystem;

constexpr int kFirstSealedVersion = 3;

Manifest manifest_of(sql::Database& db, int schema_version) {
  Manifest m;
  m.schema_version = schema_version;
  auto info = db.prepare("SELECT key, value FROM pack_info");
  while (info.step()) {
    const std::string key = info.text(0);
    std::string* field = key == "id"                 ? &m.id
                         : key == "version"          ? &m.version
                         : key == "created"          ? &m.created
                         : key == "generator"        ? &m.generator
                         : key == "default_language" ? &m.default_language
                                                     : nullptr;
    if (field) *field = info.text(1);
  }
  auto langs = db.prepare("SELECT code FROM pack_language ORDER BY ord");
  while (langs.step()) m.languages.push_back(langs.text(0));
  auto text = db.prepare("SELECT lang, title, credit FROM pack_text");
  while (text.step()) {
    m.title.set(text.text(0), text.text(1));
    m.credit.set(text.text(0), text.text(2));
  }
  return m;
}

// One hardened read-only connection (Mode::untrusted) per worker at a time; a Database must not
// be shared by threads.
class ConnectionPool {
 public:
  explicit ConnectionPool(fs::path file) : file_(std::move(file)) {}
  struct Lease {
    ConnectionPool* pool;
    std::unique_ptr<sql::Database> db;
    ~Lease() {
      std::lock_guard lock(pool->m_);
      pool->free_.push_back(std::move(db));
    }
  };
  Lease acquire() {
    {
      std::lock_guard lock(m_);
      if (!free_.empty()) {
        auto db = std::move(free_.back());
        free_.pop_back();
        return Lease{this, std::move(db)};
      }
    }
    return Lease{this, std::make_unique<sql::Database>(file_, sql::Database::Mode::untrusted)};
  }

 private:
  fs::path file_;
  std::mutex m_;
  std::vector<std::unique_ptr<sql::Database>> free_;
};

// A blob or tile to decode, and the size its row promises.
struct Picture {
  enum class Table { media_blob, media_tile, map_tile };
  Table table = Table::media_blob;
  std::int64_t rowid = 0;
  std::int64_t width = 0, height = 0;
  std::string where;
};

std::string size_text(std::int64_t w, std::int64_t h) { return std::to_string(w) + " x " + std::to_string(h); }

// The size tile (level, col, row) of `shape` must have; none if the pyramid has no such tile.
std::optional<std::pair<int, int>> tile_size_in(const PyramidShape& shape, std::int64_t level, std::int64_t col, std::int64_t row) {
  const auto& levels = shape.levels;
  if (level < 0 || col < 0 || row < 0 || level >= static_cast<std::int64_t>(levels.size())) return std::nullopt;
  const PyramidLevel& l = levels[static_cast<std::size_t>(level)];
  if (col >= l.cols || row >= l.rows) return std::nullopt;
  const int ts = shape.tile_size;
  return std::pair{std::min<int>(ts, l.width - static_cast<int>(col) * ts), std::min<int>(ts, l.height - static_cast<int>(row) * ts)};
}

const char* select_bytes(Picture::Table table) {
  switch (table) {
    case Picture::Table::media_tile: return "SELECT bytes FROM media_tile WHERE rowid = ?1";
    case Picture::Table::map_tile: return "SELECT bytes FROM map_tile WHERE rowid = ?1";
    case Picture::Table::media_blob: break;
  }
  return "SELECT bytes FROM media_blob WHERE rowid = ?1";
}

class Verifier {
 public:
  Verifier(const fs::path& pack, const VerifyOptions& o, VerifyReport& r) : pack_(pack), o_(o), r_(r) {}

  void run() {
    std::optional<catalog::detail::OpenPack> open;
    try {
      open.emplace(catalog::detail::open_pack(pack_));
    } catch (const catalog::LoadError& e) {
      error("", e.reason());
      return;
    }
    sql::Database& db = open->db;
    try {
      // A damaged file may fail to give its manifest: the integrity check then says why.
      std::string manifest_error;
      try {
        r_.manifest = manifest_of(db, open->schema_version);
      } catch (const sql::Error& e) {
        manifest_error = e.what();
        r_.manifest.schema_version = open->schema_version;
      }
      if (!integrity(db)) return;  // the rest would read a damaged file
      if (!manifest_error.empty()) {
        error("", "cannot read the manifest: " + without_file(manifest_error));
        return;
      }
      seal(open->schema_version);
      references(db);
      manifest(db);
      titles(db);
      if (open->schema_version >= 7) programme(db);
      fonts();
      if (open->schema_version < kFirstSealedVersion) return;  // no pyramids to check
      pictures(db, open->schema_version);
      if (open->schema_version >= 6) narrations(db);
    } catch (const sql::Error& e) {
      error("", "cannot read the pack: " + without_file(e.what()));
    } catch (const std::exception& e) {  // never throw for a bad pack
      error("", std::string("cannot check the pack: ") + e.what());
    }
  }

 private:
  void error(std::string field, std::string reason, bool warning = false) {
    r_.problems.push_back(Problem{pack_, 0, 0, std::move(field), std::move(reason), warning});
  }

  bool default_language_known() const {
    const Manifest& m = r_.manifest;
    return !m.default_language.empty() &&
           std::find(m.languages.begin(), m.languages.end(), m.default_language) != m.languages.end();
  }

  // The problem's file names the pack already; the seal's and SQLite's messages start with it too.
  std::string without_file(const std::string& reason) const {
    const std::string prefix = pack_.string() + ": ";
    return reason.rfind(prefix, 0) == 0 ? reason.substr(prefix.size()) : reason;
  }

  // One problem per line of SQLite's report (a row may hold several lines); a check that stops
  // on the damage it found is reported too.
  bool integrity(sql::Database& db) {
    bool ok = true;
    try {
      auto st = db.prepare("PRAGMA integrity_check(50)");
      while (st.step()) {
        const std::string text = st.text(0);
        if (text == "ok") continue;
        ok = false;
        const std::size_t before = r_.problems.size();
        for (std::size_t start = 0; start < text.size();) {
          const std::size_t end = std::min(text.find('\n', start), text.size());
          const std::string line = text.substr(start, end - start);
          start = end + 1;
          if (!line.empty() && line.rfind("*** in database ", 0) != 0) error("database", line);
        }
        if (r_.problems.size() == before) error("database", text);
      }
    } catch (const sql::Error& e) {
      ok = false;
      error("database", "the integrity check stopped: " + without_file(e.what()));
    }
    return ok;
  }

  void seal(int schema_version) {
    const bool strict = o_.require_trusted;
    if (schema_version < kFirstSealedVersion) {
      r_.seal.reason = "schema version " + std::to_string(schema_version) +
                       " predates sealed packs: rebuild it with this orpheus-pack to sign it";
      error("seal", r_.seal.reason, !strict);
      return;
    }
    r_.seal = trust::check(pack_, o_.trusted);
    switch (r_.seal.verdict) {
      case trust::Verdict::trusted: return;
      case trust::Verdict::unsigned_pack:
      case trust::Verdict::untrusted_key: error("signature", without_file(r_.seal.reason), !strict); return;
      case trust::Verdict::tampered:
      case trust::Verdict::bad_signature:
      case trust::Verdict::unsealed: error("seal", without_file(r_.seal.reason)); return;
    }
  }

  void references(sql::Database& db) {
    auto fk = db.prepare("PRAGMA foreign_key_check");
    while (fk.step())
      error(fk.text(0) + " row " + std::to_string(fk.int64(1)), "refers to a missing row of table " + fk.text(2));
    auto cover = db.prepare(
        "SELECT c.slug FROM collection c JOIN media m ON m.id = c.cover_media_id JOIN item i ON i.id = m.item_id "
        "WHERE i.collection_id <> c.id");
    while (cover.step()) error("collection '" + cover.text(0) + "'.cover", "the cover image belongs to another collection");
    auto empty = db.prepare(
        "SELECT slug FROM collection c WHERE NOT EXISTS (SELECT 1 FROM item i WHERE i.collection_id = c.id)");
    while (empty.step()) error("collection '" + empty.text(0) + "'", "has no items");
  }

  void manifest(sql::Database&) {
    const Manifest& m = r_.manifest;
    if (m.id.empty()) error("pack_info.id", "missing");
    if (m.version.empty()) error("pack_info.version", "missing");
    if (m.default_language.empty())
      error("pack_info.default_language", "missing");
    else if (std::find(m.languages.begin(), m.languages.end(), m.default_language) == m.languages.end())
      error("pack_info.default_language", "'" + m.default_language + "' is not one of the pack's languages");
  }

  void titles(sql::Database& db) {
    auto count = db.prepare("SELECT count(*) FROM item");
    count.step();
    r_.items = static_cast<int>(count.int64(0));
    // An unknown default language is reported once by manifest(), not again for every title.
    if (!default_language_known()) return;
    const std::string& lang = r_.manifest.default_language;
    auto items = db.prepare(
        "SELECT slug FROM item i WHERE NOT EXISTS "
        "(SELECT 1 FROM item_text t WHERE t.item_id = i.id AND t.lang = ?1 AND t.title <> '') ORDER BY id");
    items.bind(1, std::string_view(lang));
    while (items.step()) error("item '" + items.text(0) + "'.title", "no title in the default language '" + lang + "'");
    auto cols = db.prepare(
        "SELECT slug FROM collection c WHERE NOT EXISTS "
        "(SELECT 1 FROM collection_text t WHERE t.collection_id = c.id AND t.lang = ?1 AND t.title <> '') ORDER BY id");
    cols.bind(1, std::string_view(lang));
    while (cols.step()) error("collection '" + cols.text(0) + "'.title", "no title in the default language '" + lang + "'");
  }

  // The programme (version 7): every event has dates, each ending after it starts, and a title in
  // the default language; its picture exists (the foreign key check) and a picture of no item is
  // some event's; every schedule's days and day parts are in order.
  void programme(sql::Database& db) {
    auto events = db.prepare(
        "SELECT e.slug, (SELECT count(*) FROM event_occurrence o WHERE o.event_id = e.id) FROM event e ORDER BY e.ord, e.slug");
    while (events.step()) {
      ++r_.events;
      if (events.int64(1) == 0) error("event '" + events.text(0) + "'", "has no dates");
    }
    auto dates = db.prepare(
        "SELECT e.slug, o.all_day, o.start, o.end FROM event_occurrence o JOIN event e ON e.id = o.event_id "
        "ORDER BY e.ord, o.start");
    while (dates.step()) {
      ++r_.event_dates;
      if (dates.int64(3) <= dates.int64(2))
        error("event '" + dates.text(0) + "' date", std::string(dates.int64(1) ? "day " : "") + std::to_string(dates.int64(2)) +
                                                        ": ends (" + std::to_string(dates.int64(3)) + ") before it starts");
    }
    if (default_language_known()) {
      const std::string& lang = r_.manifest.default_language;
      auto titles = db.prepare(
          "SELECT slug FROM event e WHERE NOT EXISTS "
          "(SELECT 1 FROM event_text t WHERE t.event_id = e.id AND t.lang = ?1 AND t.title <> '') ORDER BY ord");
      titles.bind(1, std::string_view(lang));
      while (titles.step()) error("event '" + titles.text(0) + "'.title", "no title in the default language '" + lang + "'");
    }
    auto orphans = db.prepare(
        "SELECT m.id, m.source_name FROM media m WHERE m.item_id IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM event e WHERE e.media_id = m.id) ORDER BY m.id");
    while (orphans.step())
      error("media " + std::to_string(orphans.int64(0)) + " ('" + orphans.text(1) + "')", "belongs to no item and is no event's picture");
    auto schedules = db.prepare(
        "SELECT s.id, coalesce(c.slug, e.slug), c.id IS NOT NULL, s.from_day, s.until_day FROM schedule s "
        "LEFT JOIN collection c ON c.id = s.collection_id LEFT JOIN event e ON e.id = s.event_id ORDER BY s.id");
    auto parts = db.prepare("SELECT ord, weekdays, from_minute, to_minute FROM schedule_part WHERE schedule_id = ?1 ORDER BY ord");
    while (schedules.step()) {
      const std::string owner = (schedules.int64(2) ? "collection '" : "event '") +
                                (schedules.is_null(1) ? std::string("?") : schedules.text(1)) +
                                (schedules.int64(2) ? "'.schedule" : "'.visible");
      if (!schedules.is_null(3) && !schedules.is_null(4) && schedules.int64(4) < schedules.int64(3))
        error(owner, "ends before it begins");
      parts.reset();
      parts.bind(1, schedules.int64(0));
      while (parts.step()) {
        const std::int64_t weekdays = parts.int64(1), from = parts.int64(2), to = parts.int64(3);
        if (weekdays < 1 || weekdays > 127 || from < 0 || to > 1440 || from >= to)
          error(owner + " part " + std::to_string(parts.int64(0) + 1),
                "weekdays " + std::to_string(weekdays) + ", minutes " + std::to_string(from) + "-" + std::to_string(to) +
                    ": not a day part");
      }
    }
  }

  // Warnings for the characters of the pack's texts a kiosk would show as '?' (font_coverage.h),
  // read as the kiosk reads them: from its snapshot.
  void fonts() {
    std::shared_ptr<const catalog::Snapshot> snap;
    try {
      snap = catalog::load_snapshot(pack_);
    } catch (const std::exception&) {
      return;  // what keeps it from loading is reported by the other checks
    }
    const auto walk = [&](const TextVisitor& visit) {
      catalog::for_each_text(*snap, [&](std::string_view text, const catalog::TextPlace& place) {
        visit(text, [&] { return Problem{pack_, 0, 0, place.str(), {}}; });
      });
    };
    const auto dirs = packaged_font_dirs();
    for (auto& p : font_warnings(walk, dirs, false)) r_.problems.push_back(std::move(p));
  }

  // Every stored picture, with where it belongs; missing variants and tiles are reported here.
  std::vector<Picture> list_pictures(sql::Database& db, int schema_version) {
    std::map<std::int64_t, std::string> media_name;
    // From version 7 a picture of no item is an event's (or a stray one, reported by programme()).
    auto media = db.prepare(
        schema_version >= 7
            ? "SELECT m.id, i.slug, m.ord, m.width, m.height, (SELECT e.slug FROM event e WHERE e.media_id = m.id "
              "ORDER BY e.ord LIMIT 1) FROM media m LEFT JOIN item i ON i.id = m.item_id WHERE i.id IS NOT NULL OR "
              "m.item_id IS NULL ORDER BY m.id"
            : "SELECT m.id, i.slug, m.ord, m.width, m.height, NULL FROM media m JOIN item i ON i.id = m.item_id ORDER BY m.id");
    // Only sizes within the pixel limit (the schema's CHECKs can be bypassed by an edit); the
    // pyramid of a media row without a size here is not checked.
    std::map<std::int64_t, std::pair<int, int>> media_size;
    while (media.step()) {
      const auto id = media.int64(0);
      media_name[id] = !media.is_null(1)  ? "item '" + media.text(1) + "' image " + std::to_string(media.int64(2) + 1)
                       : !media.is_null(5) ? "event '" + media.text(5) + "' image"
                                           : "media " + std::to_string(id);
      const std::int64_t w = media.int64(3), h = media.int64(4);
      if (w <= 0 || h <= 0 || w > (1 << 30) || h > (1 << 30) || w > o_.max_pixels / h)
        error(media_name[id], "the media row claims " + size_text(w, h) + " pixels: not a size within the limit of " +
                                  std::to_string(o_.max_pixels) + " pixels");
      else
        media_size[id] = {static_cast<int>(w), static_cast<int>(h)};
    }
    r_.media = static_cast<int>(media_name.size());
    auto name = [&](std::int64_t id) {
      auto it = media_name.find(id);
      return it != media_name.end() ? it->second : "media " + std::to_string(id);
    };

    std::vector<Picture> out;
    std::map<std::int64_t, std::set<std::string>> variants;
    auto blobs = db.prepare("SELECT rowid, media_id, variant, width, height FROM media_blob ORDER BY media_id, variant");
    while (blobs.step()) {
      const auto id = blobs.int64(1);
      const std::string variant = blobs.text(2);
      variants[id].insert(variant);
      out.push_back(Picture{Picture::Table::media_blob, blobs.int64(0), blobs.int64(3), blobs.int64(4), name(id) + " (" + variant + ")"});
      if (variant == "original") {
        const auto size = media_size.find(id);  // absent: reported above or by the foreign key check
        if (size != media_size.end() &&
            (size->second.first != out.back().width || size->second.second != out.back().height))
          error(name(id), "the original is " + size_text(out.back().width, out.back().height) +
                              " but the media row says " + size_text(size->second.first, size->second.second));
      }
    }
    for (const auto& [id, label] : media_name)
      for (const char* v : {"original", "display", "thumbnail"})
        if (!variants[id].count(v)) error(label, std::string("the ") + v + " variant is missing");
    r_.blobs = static_cast<int>(out.size());

    // Pyramids: exactly the tiles their shape calls for, each of the size it must have.
    std::map<std::int64_t, PyramidShape> shapes;
    auto pyramids = db.prepare("SELECT media_id, tile_size, levels FROM media_pyramid ORDER BY media_id");
    while (pyramids.step()) {
      const auto id = pyramids.int64(0);
      const auto size = media_size.find(id);
      if (size == media_size.end()) continue;  // dangling or a bad size: reported already
      const auto [w, h] = size->second;
      const std::int64_t tile_size = pyramids.int64(1);
      if (tile_size < 64 || tile_size > 4096) {
        error(name(id) + " (tiles)", "tile size " + std::to_string(tile_size) + " is not between 64 and 4096");
        continue;
      }
      PyramidShape shape = pyramid_shape(w, h, static_cast<int>(tile_size));
      if (static_cast<std::int64_t>(shape.levels.size()) != pyramids.int64(2))
        error(name(id) + " (tiles)", "the pyramid claims " + std::to_string(pyramids.int64(2)) + " levels; a " +
                                         std::to_string(w) + " x " + std::to_string(h) + " image has " +
                                         std::to_string(shape.levels.size()));
      shapes.emplace(id, std::move(shape));
    }
    std::map<std::int64_t, int> tiles_seen;
    auto tiles = db.prepare("SELECT rowid, media_id, level, col, row FROM media_tile ORDER BY media_id, level, row, col");
    while (tiles.step()) {
      const auto id = tiles.int64(1);
      const auto level = tiles.int64(2), col = tiles.int64(3), row = tiles.int64(4);
      const std::string where = name(id) + " tile " + std::to_string(level) + "/" + std::to_string(col) + "_" +
                                std::to_string(row);
      auto shape = shapes.find(id);
      if (shape == shapes.end()) continue;  // reported by the foreign key check
      const auto size = tile_size_in(shape->second, level, col, row);
      if (!size) {
        error(where, "outside the pyramid");
        continue;
      }
      out.push_back(Picture{Picture::Table::media_tile, tiles.int64(0), size->first, size->second, where});
      ++tiles_seen[id];
      ++r_.tiles;
    }
    for (const auto& [id, shape] : shapes)
      if (tiles_seen[id] != shape.tile_count())
        error(name(id) + " (tiles)", "has " + std::to_string(tiles_seen[id]) + " tiles; its pyramid needs " +
                                         std::to_string(shape.tile_count()));
    return out;
  }

  // The map's base picture: exactly the tiles its pyramid calls for, each of its size; and its
  // lines: whole points, inside the bounding boxes the map screen culls by.
  void map(sql::Database& db, std::vector<Picture>& out) {
    auto info = db.prepare("SELECT width, height, tile_size, levels FROM map");
    if (!info.step()) {
      auto stray = db.prepare("SELECT (SELECT count(*) FROM map_tile) + (SELECT count(*) FROM map_line)");
      if (stray.step() && stray.int64(0) > 0) error("map", "has tiles or lines but no map row");
      return;
    }
    const std::int64_t w = info.int64(0), h = info.int64(1), tile_size = info.int64(2);
    if (w <= 0 || h <= 0 || w > (1 << 30) || h > (1 << 30) || w > o_.max_pixels / h || tile_size < 64 || tile_size > 4096) {
      error("map", "a base picture of " + size_text(w, h) + " pixels in tiles of " + std::to_string(tile_size) +
                       ": not a size within the limit of " + std::to_string(o_.max_pixels) + " pixels");
      return;
    }
    const PyramidShape shape = pyramid_shape(static_cast<int>(w), static_cast<int>(h), static_cast<int>(tile_size));
    if (static_cast<std::int64_t>(shape.levels.size()) != info.int64(3))
      error("map (tiles)", "the pyramid claims " + std::to_string(info.int64(3)) + " levels; a " + size_text(w, h) +
                               " picture has " + std::to_string(shape.levels.size()));
    int seen = 0;
    auto tiles = db.prepare("SELECT rowid, level, col, row FROM map_tile ORDER BY level, row, col");
    while (tiles.step()) {
      const auto level = tiles.int64(1), col = tiles.int64(2), row = tiles.int64(3);
      const std::string where = "map tile " + std::to_string(level) + "/" + std::to_string(col) + "_" + std::to_string(row);
      const auto size = tile_size_in(shape, level, col, row);
      if (!size) {
        error(where, "outside the pyramid");
        continue;
      }
      out.push_back(Picture{Picture::Table::map_tile, tiles.int64(0), size->first, size->second, where});
      ++seen;
      ++r_.map_tiles;
    }
    if (seen != shape.tile_count())
      error("map (tiles)", "has " + std::to_string(seen) + " tiles; its pyramid needs " + std::to_string(shape.tile_count()));
    auto lines = db.prepare("SELECT id, x0, y0, x1, y1, points FROM map_line ORDER BY id");
    while (lines.step()) {
      const std::vector<float> xy = catalog::decode_map_points(lines.blob(5));
      const double x0 = lines.real(1), y0 = lines.real(2), x1 = lines.real(3), y1 = lines.real(4);
      bool inside = xy.size() >= 4;
      for (std::size_t i = 0; inside && i + 1 < xy.size(); i += 2)
        inside = xy[i] >= x0 && xy[i] <= x1 && xy[i + 1] >= y0 && xy[i + 1] <= y1;
      if (!inside)
        error("map line " + std::to_string(lines.int64(0)), "its points are not whole x, y pairs inside its bounding box");
      ++r_.map_lines;
    }
  }

  void pictures(sql::Database& db, int schema_version) {
    std::vector<Picture> all = list_pictures(db, schema_version);
    if (schema_version >= 5) map(db, all);
    ConnectionPool pool(pack_);
    const std::uint64_t total = all.size();
    if (o_.progress) o_.progress(Progress{"checking images", 0, total});
    detail::parallel_ordered<std::string>(
        all.size(), detail::worker_count(o_.threads),
        [&](std::size_t i) -> std::string {
          const Picture& p = all[i];
          try {
            auto lease = pool.acquire();
            auto st = lease.db->prepare(select_bytes(p.table));
            st.bind(1, p.rowid);
            if (!st.step()) return "vanished while reading";
            const media::Image img = media::decode(st.blob(0), o_.max_pixels);
            if (img.width != p.width || img.height != p.height)
              return "decodes to " + size_text(img.width, img.height) + ", not the " + size_text(p.width, p.height) +
                     " its row claims";
            return {};
          } catch (const std::exception& e) {
            return e.what();
          }
        },
        [&](std::size_t i, std::string problem) {
          if (!problem.empty()) error(all[i].where, problem);
          if (o_.progress) o_.progress(Progress{"checking images", i + 1, total});
        });
  }

  // Every narration: its sentences in time order, inside the text (in its language) they speak and
  // before its end; its audio decodes to the length its row says.
  void narrations(sql::Database& db) {
    struct Audio {
      std::int64_t id = 0;
      int duration_ms = 0;
      std::string where;
    };
    std::vector<Audio> all;
    auto st = db.prepare(
        "SELECT n.id, n.duration_ms, i.slug, n.lang, t.title, t.summary, t.description FROM narration n "
        "JOIN item i ON i.id = n.item_id LEFT JOIN item_text t ON t.item_id = n.item_id AND t.lang = n.lang ORDER BY n.id");
    auto sentences = db.prepare(
        "SELECT ord, part, begin, end, start_ms FROM narration_sentence WHERE narration_id = ?1 ORDER BY ord");
    while (st.step()) {
      Audio a{st.int64(0), static_cast<int>(std::clamp<std::int64_t>(st.int64(1), 0, INT32_MAX)),
              "item '" + st.text(2) + "' narration (" + st.text(3) + ")"};
      const std::string texts[3] = {st.is_null(4) ? "" : st.text(4), st.is_null(5) ? "" : st.text(5),
                                    st.is_null(6) ? "" : st.text(6)};
      sentences.reset();
      sentences.bind(1, a.id);
      std::int64_t last_start = -1;
      int last_part = 0, count = 0;
      while (sentences.step()) {
        ++count;
        const std::string at = a.where + " sentence " + std::to_string(sentences.int64(0) + 1);
        const auto part = catalog::narration_part_named(sentences.text(1));
        const std::int64_t begin = sentences.int64(2), end = sentences.int64(3), start = sentences.int64(4);
        if (!part) {
          error(at, "part '" + sentences.text(1) + "' is not title, summary or description");
          continue;
        }
        const std::string& text = texts[static_cast<int>(*part)];
        if (begin < 0 || end <= begin || end > static_cast<std::int64_t>(text.size()))
          error(at, "bytes " + std::to_string(begin) + "-" + std::to_string(end) + " are not inside its " +
                        catalog::to_string(*part) + " (" + std::to_string(text.size()) + " bytes)");
        if (static_cast<int>(*part) < last_part) error(at, "goes back to an earlier part of the item's texts");
        if (start < last_start) error(at, "starts at " + std::to_string(start) + " ms, before the sentence above it");
        if (start >= a.duration_ms)
          error(at, "starts at " + std::to_string(start) + " ms, after the end (" + std::to_string(a.duration_ms) + " ms)");
        last_start = std::max(last_start, start);
        last_part = std::max(last_part, static_cast<int>(*part));
      }
      if (count == 0) error(a.where, "has no sentences");
      all.push_back(std::move(a));
    }
    ConnectionPool pool(pack_);
    detail::parallel_ordered<std::string>(
        all.size(), detail::worker_count(o_.threads),
        [&](std::size_t i) -> std::string {
          try {
            auto lease = pool.acquire();
            auto audio = lease.db->prepare("SELECT bytes FROM narration_audio WHERE narration_id = ?1");
            audio.bind(1, all[i].id);
            if (!audio.step()) return "its audio is missing";
            const media::Pcm pcm = media::decode_vorbis(audio.blob(0));
            const int ms = pcm.duration_ms();
            if (std::abs(ms - all[i].duration_ms) > std::max(50, all[i].duration_ms / 100))
              return "decodes to " + std::to_string(ms) + " ms, not the " + std::to_string(all[i].duration_ms) +
                     " ms its row says";
            return {};
          } catch (const std::exception& e) {
            return e.what();
          }
        },
        [&](std::size_t i, std::string problem) {
          if (!problem.empty()) error(all[i].where, problem);
          ++r_.narrations;
        });
  }

  const fs::path& pack_;
  const VerifyOptions& o_;
  VerifyReport& r_;
};

}  // namespace

Manifest read_manifest(const fs::path& pack) {
  auto open = catalog::detail::open_pack(pack);
  try {
    return manifest_of(open.db, open.schema_version);
  } catch (const sql::Error& e) {
    throw catalog::LoadError(pack, std::string("cannot read the manifest: ") + e.what());
  }
}

VerifyReport verify_pack(const fs::path& pack, const VerifyOptions& options) {
  VerifyReport report;
  Verifier(pack, options, report).run();
  return report;
}

}  // namespace orpheus::packs
