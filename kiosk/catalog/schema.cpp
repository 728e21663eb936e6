#include "catalog/schema.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace orpheus::catalog {
namespace {

// Version 1: the catalogue. Texts live in *_text tables, one row per (thing, language).
// Media metadata is apart from media_blob, and media_blob_meta covers every column but the
// bytes, so loading a snapshot never reads a blob page.
constexpr const char* schema_v1_sql = R"sql(
PRAGMA application_id = 1330794568;  -- 'ORPH'

CREATE TABLE pack_info(
  key   TEXT PRIMARY KEY NOT NULL,   -- id, version, default_language, created, generator
  value TEXT NOT NULL
) STRICT;

CREATE TABLE pack_language(
  code TEXT PRIMARY KEY NOT NULL,
  ord  INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TABLE pack_text(
  lang   TEXT PRIMARY KEY NOT NULL REFERENCES pack_language(code),
  title  TEXT NOT NULL DEFAULT '',
  credit TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE collection(
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  ord            INTEGER NOT NULL,
  cover_media_id INTEGER REFERENCES media(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE collection_text(
  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
  lang          TEXT NOT NULL REFERENCES pack_language(code),
  title         TEXT NOT NULL DEFAULT '',
  summary       TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (collection_id, lang)
) STRICT;

CREATE TABLE item(
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL UNIQUE,
  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
  ord           INTEGER NOT NULL,
  year_from     INTEGER,
  year_to       INTEGER,
  latitude      REAL,
  longitude     REAL,
  CHECK (year_from IS NULL OR year_to IS NULL OR year_from <= year_to),
  CHECK (latitude IS NULL OR latitude BETWEEN -90.0 AND 90.0),
  CHECK (longitude IS NULL OR longitude BETWEEN -180.0 AND 180.0),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
) STRICT;
CREATE INDEX item_by_collection ON item(collection_id, ord);

CREATE TABLE item_text(
  item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL REFERENCES pack_language(code),
  title       TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  period      TEXT NOT NULL DEFAULT '',
  place       TEXT NOT NULL DEFAULT '',
  credit      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, lang)
) STRICT;

CREATE TABLE item_metadata(
  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  lang    TEXT NOT NULL REFERENCES pack_language(code),
  label   TEXT NOT NULL DEFAULT '',
  value   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, ord, lang)
) STRICT;

CREATE TABLE tag(
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE tag_text(
  tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  lang   TEXT NOT NULL REFERENCES pack_language(code),
  label  TEXT NOT NULL,
  PRIMARY KEY (tag_id, lang)
) STRICT;

CREATE TABLE item_tag(
  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  tag_id  INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  PRIMARY KEY (item_id, tag_id)
) STRICT;
CREATE INDEX item_tag_by_tag ON item_tag(tag_id, item_id);

CREATE TABLE media(
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  source_name TEXT NOT NULL,
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  UNIQUE (item_id, ord)
) STRICT;

CREATE TABLE media_text(
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  lang     TEXT NOT NULL REFERENCES pack_language(code),
  caption  TEXT NOT NULL DEFAULT '',
  alt      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (media_id, lang)
) STRICT;

CREATE TABLE media_blob(
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  variant  TEXT NOT NULL CHECK (variant IN ('original', 'display', 'thumbnail')),
  mime     TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  width    INTEGER NOT NULL CHECK (width > 0),
  height   INTEGER NOT NULL CHECK (height > 0),
  bytes    BLOB NOT NULL,
  PRIMARY KEY (media_id, variant)
) STRICT;
CREATE INDEX media_blob_meta ON media_blob(media_id, variant, width, height, mime);
)sql";

// Version 2: full-text search over item texts, one row per (item, language), kept in step
// with item_text by triggers. SQLite's lower()/LIKE only fold ASCII; unicode61 folds
// Cyrillic case and (remove_diacritics 2) Latin accents.
constexpr const char* schema_v2_sql = R"sql(
CREATE VIRTUAL TABLE item_search USING fts5(
  title, summary, description, period, place,
  item_id UNINDEXED, lang UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO item_search(rowid, title, summary, description, period, place, item_id, lang)
  SELECT rowid, title, summary, description, period, place, item_id, lang FROM item_text;

CREATE TRIGGER item_text_search_insert AFTER INSERT ON item_text BEGIN
  INSERT INTO item_search(rowid, title, summary, description, period, place, item_id, lang)
    VALUES (new.rowid, new.title, new.summary, new.description, new.period, new.place, new.item_id, new.lang);
END;
CREATE TRIGGER item_text_search_delete AFTER DELETE ON item_text BEGIN
  DELETE FROM item_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER item_text_search_update AFTER UPDATE ON item_text BEGIN
  DELETE FROM item_search WHERE rowid = old.rowid;
  INSERT INTO item_search(rowid, title, summary, description, period, place, item_id, lang)
    VALUES (new.rowid, new.title, new.summary, new.description, new.period, new.place, new.item_id, new.lang);
END;
)sql";

// Version 3: deep-zoom tile pyramids for images larger than their display variant, and the
// pack's seal (content hash and signature, see trust/seal.h). Level 0 is full resolution, each
// level halves the one before (sizes rounded up) down to the first that fits in one tile;
// tile (col, row) covers pixels [col*tile_size, ...) of its level, edge tiles are smaller.
constexpr const char* schema_v3_sql = R"sql(
CREATE TABLE media_pyramid(
  media_id  INTEGER PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
  tile_size INTEGER NOT NULL CHECK (tile_size BETWEEN 64 AND 4096),
  levels    INTEGER NOT NULL CHECK (levels BETWEEN 1 AND 32)
) STRICT;

CREATE TABLE media_tile(
  media_id INTEGER NOT NULL REFERENCES media_pyramid(media_id) ON DELETE CASCADE,
  level    INTEGER NOT NULL CHECK (level >= 0),
  col      INTEGER NOT NULL CHECK (col >= 0),
  row      INTEGER NOT NULL CHECK (row >= 0),
  mime     TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes    BLOB NOT NULL,
  PRIMARY KEY (media_id, level, col, row)
) STRICT;

CREATE TABLE pack_seal(
  seal BLOB NOT NULL CHECK (length(seal) = 144)
) STRICT;
)sql";

// Version 4: the timeline. How sure an item's date is (drawn with soft ends on the timeline,
// "c." in its label), and the pack's periods and dated events: bands and marks on the time axis,
// named per language. Years as everywhere: BCE negative, no year 0.
constexpr const char* schema_v4_sql = R"sql(
ALTER TABLE item ADD COLUMN date_certainty TEXT NOT NULL DEFAULT 'exact'
  CHECK (date_certainty IN ('exact', 'circa', 'uncertain'));

CREATE TABLE timeline_entry(
  id        INTEGER PRIMARY KEY,
  slug      TEXT NOT NULL UNIQUE,
  kind      TEXT NOT NULL CHECK (kind IN ('period', 'event')),
  ord       INTEGER NOT NULL,
  year_from INTEGER NOT NULL CHECK (year_from <> 0),
  year_to   INTEGER NOT NULL CHECK (year_to <> 0),
  certainty TEXT NOT NULL DEFAULT 'exact' CHECK (certainty IN ('exact', 'circa', 'uncertain')),
  colour    INTEGER CHECK (colour IS NULL OR colour BETWEEN 0 AND 16777215),  -- 0xRRGGBB
  CHECK (year_from <= year_to)
) STRICT;

CREATE TABLE timeline_entry_text(
  entry_id INTEGER NOT NULL REFERENCES timeline_entry(id) ON DELETE CASCADE,
  lang     TEXT NOT NULL REFERENCES pack_language(code),
  name     TEXT NOT NULL,
  summary  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entry_id, lang)
) STRICT;
)sql";

// Version 5: the map (map.toml). How closely an item's find-spot is known; the map's region and
// its base picture (land, sea and lakes) as a tile pyramid like media_tile's, of width x height
// map pixels (geo::MapFrame: the region in Web Mercator, (0, 0) at its north-west corner); the
// places named on it; and its coasts, borders and rivers per detail level, each line simplified
// so that no left-out point is further than `tolerance` map pixels from it, its points
// little-endian float32 x, y pairs in map pixels, with its bounding box for culling.
constexpr const char* schema_v5_sql = R"sql(
ALTER TABLE item ADD COLUMN place_within_km REAL CHECK (place_within_km IS NULL OR place_within_km > 0);

CREATE TABLE map(
  id        INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
  west      REAL NOT NULL CHECK (west BETWEEN -180.0 AND 180.0),
  south     REAL NOT NULL CHECK (south BETWEEN -90.0 AND 90.0),
  east      REAL NOT NULL CHECK (east BETWEEN -180.0 AND 180.0),
  north     REAL NOT NULL CHECK (north BETWEEN -90.0 AND 90.0),
  width     INTEGER NOT NULL CHECK (width > 0),
  height    INTEGER NOT NULL CHECK (height > 0),
  tile_size INTEGER NOT NULL CHECK (tile_size BETWEEN 64 AND 4096),
  levels    INTEGER NOT NULL CHECK (levels BETWEEN 1 AND 32),
  credit    TEXT NOT NULL DEFAULT '',
  CHECK (west < east AND south < north)
) STRICT;

CREATE TABLE map_tile(
  level INTEGER NOT NULL CHECK (level >= 0),
  col   INTEGER NOT NULL CHECK (col >= 0),
  row   INTEGER NOT NULL CHECK (row >= 0),
  mime  TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes BLOB NOT NULL,
  PRIMARY KEY (level, col, row)
) STRICT;

CREATE TABLE map_place(
  id        INTEGER PRIMARY KEY,
  slug      TEXT NOT NULL UNIQUE,
  ord       INTEGER NOT NULL,
  latitude  REAL NOT NULL CHECK (latitude BETWEEN -90.0 AND 90.0),
  longitude REAL NOT NULL CHECK (longitude BETWEEN -180.0 AND 180.0),
  rank      INTEGER NOT NULL DEFAULT 2 CHECK (rank BETWEEN 1 AND 3)
) STRICT;

CREATE TABLE map_place_text(
  place_id INTEGER NOT NULL REFERENCES map_place(id) ON DELETE CASCADE,
  lang     TEXT NOT NULL REFERENCES pack_language(code),
  name     TEXT NOT NULL,
  PRIMARY KEY (place_id, lang)
) STRICT;

CREATE TABLE map_line(
  id        INTEGER PRIMARY KEY,
  layer     TEXT NOT NULL CHECK (layer IN ('shore', 'border', 'river')),
  level     INTEGER NOT NULL CHECK (level >= 0),
  tolerance REAL NOT NULL CHECK (tolerance > 0),
  x0        REAL NOT NULL,
  y0        REAL NOT NULL,
  x1        REAL NOT NULL,
  y1        REAL NOT NULL,
  points    BLOB NOT NULL CHECK (length(points) >= 16 AND length(points) % 8 = 0),
  CHECK (x0 <= x1 AND y0 <= y1)
) STRICT;
CREATE INDEX map_line_by_tolerance ON map_line(tolerance, id);
)sql";

// Version 6: narration (docs/narration.md). Per item and language at most one: the item's title,
// summary and description read aloud, recorded by the curator or synthesised at build time
// (espeak-ng), as Ogg Vorbis in narration_audio (apart, like media_blob, so loading a snapshot
// never reads an audio page); its sentences with the part and bytes of the text each speaks and
// when it starts. timed = 0: the starts are estimated from the text's length.
constexpr const char* schema_v6_sql = R"sql(
CREATE TABLE narration(
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL REFERENCES pack_language(code),
  synthetic   INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
  timed       INTEGER NOT NULL CHECK (timed IN (0, 1)),
  duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
  UNIQUE (item_id, lang)
) STRICT;

CREATE TABLE narration_sentence(
  narration_id INTEGER NOT NULL REFERENCES narration(id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL CHECK (ord >= 0),
  part         TEXT NOT NULL CHECK (part IN ('title', 'summary', 'description')),
  begin        INTEGER NOT NULL CHECK (begin >= 0),
  end          INTEGER NOT NULL,
  start_ms     INTEGER NOT NULL CHECK (start_ms >= 0),
  PRIMARY KEY (narration_id, ord),
  CHECK (begin < end)
) STRICT;

CREATE TABLE narration_audio(
  narration_id INTEGER PRIMARY KEY REFERENCES narration(id) ON DELETE CASCADE,
  mime         TEXT NOT NULL CHECK (mime = 'audio/ogg'),
  bytes        BLOB NOT NULL
) STRICT;
)sql";

// Version 7: the museum's programme and schedules (docs/events.md). pack_info gains the key
// time_zone (an IANA name, "Europe/Sofia"), in which every wall-clock time and day below is read.
//
// An event's own picture is stored as an item's image is (media + media_blob's original, display
// and thumbnail variants, a tile pyramid if it is large): one pipeline for building, verifying and
// reading pictures (MediaReader). So `media` may now belong to no item: item_id becomes NULL-able.
// SQLite cannot drop a NOT NULL in place, so the table is rebuilt with the same columns in the same
// order (sqlite.org/lang_altertable.html, "other kinds of table schema changes"; migrate() turns
// foreign key enforcement off around it, so that dropping the old table cascades to nothing, and
// checks every reference before committing). The event names its picture in event.media_id:
// its own (a media row whose item_id is NULL) or an item's first image (image_item), which is then
// shared, never copied. (A separate event_media table would have kept `media` untouched, but only
// by making the event's own picture pretend to belong to an item.)
//
// Occurrences are expanded at build time (the kiosk never expands recurrence rules): timed ones in
// Unix seconds UTC, all-day ones in civil days since 1970-01-01 in the museum's time zone, both
// [start, end). A schedule (catalog::Schedule) says when a collection is on the home screen or an
// event is listed: from a day, until a day (both inclusive), and in day parts (weekdays as a mask,
// bit 0 Monday, and minutes of the day [from, to)); no row: always.
constexpr const char* schema_v7_sql = R"sql(
CREATE TABLE media_v7(
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER REFERENCES item(id) ON DELETE CASCADE,  -- NULL: an event's own picture (event.media_id)
  ord         INTEGER NOT NULL,
  source_name TEXT NOT NULL,
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  UNIQUE (item_id, ord)
) STRICT;
INSERT INTO media_v7(id, item_id, ord, source_name, width, height)
  SELECT id, item_id, ord, source_name, width, height FROM media;
DROP TABLE media;
ALTER TABLE media_v7 RENAME TO media;

CREATE TABLE event(
  id       INTEGER PRIMARY KEY,
  slug     TEXT NOT NULL UNIQUE,
  ord      INTEGER NOT NULL,                               -- by first occurrence
  free     INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1)),
  media_id INTEGER REFERENCES media(id) DEFERRABLE INITIALLY DEFERRED  -- its picture, its own or an item's
) STRICT;

CREATE TABLE event_text(
  event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL REFERENCES pack_language(code),
  title       TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  room        TEXT NOT NULL DEFAULT '',   -- a room of the museum, or
  place       TEXT NOT NULL DEFAULT '',   -- another place
  address     TEXT NOT NULL DEFAULT '',   -- and its address
  price       TEXT NOT NULL DEFAULT '',
  booking     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, lang)
) STRICT;

CREATE TABLE event_audience(
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  audience TEXT NOT NULL CHECK (audience IN ('children', 'families', 'adults', 'schools', 'accessible')),
  ord      INTEGER NOT NULL,
  PRIMARY KEY (event_id, audience)
) STRICT;

CREATE TABLE event_occurrence(
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  all_day  INTEGER NOT NULL CHECK (all_day IN (0, 1)),
  start    INTEGER NOT NULL,  -- timed: Unix seconds UTC; all-day: civil day in the museum's time zone
  end      INTEGER NOT NULL,  -- exclusive, in the same unit
  PRIMARY KEY (event_id, all_day, start),
  CHECK (start < end)
) STRICT;
CREATE INDEX event_occurrence_by_end ON event_occurrence(all_day, end, start);

CREATE TABLE schedule(
  id            INTEGER PRIMARY KEY,
  collection_id INTEGER UNIQUE REFERENCES collection(id) ON DELETE CASCADE,  -- when the home screen shows it
  event_id      INTEGER UNIQUE REFERENCES event(id) ON DELETE CASCADE,       -- when it is listed at all
  from_day      INTEGER,  -- civil days since 1970-01-01, inclusive; NULL: open
  until_day     INTEGER,
  CHECK ((collection_id IS NULL) <> (event_id IS NULL)),
  CHECK (from_day IS NULL OR until_day IS NULL OR from_day <= until_day)
) STRICT;

CREATE TABLE schedule_part(
  schedule_id INTEGER NOT NULL REFERENCES schedule(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  weekdays    INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),  -- bit 0 Monday ... bit 6 Sunday
  from_minute INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
  to_minute   INTEGER NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
  PRIMARY KEY (schedule_id, ord),
  CHECK (from_minute < to_minute)
) STRICT;
)sql";

// Runs `sql` on a raw handle; the caller owns `db`, we only borrow it.
void exec(sqlite3* db, const char* sql, int step) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = "schema migration to version " + std::to_string(step) + " failed: " +
                      (err ? err : sqlite3_errmsg(db));
    sqlite3_free(err);
    throw std::runtime_error(msg);
  }
}

const char* step_sql(int version) {
  switch (version) {
    case 1: return schema_v1_sql;
    case 2: return schema_v2_sql;
    case 3: return schema_v3_sql;
    case 4: return schema_v4_sql;
    case 5: return schema_v5_sql;
    case 6: return schema_v6_sql;
    case 7: return schema_v7_sql;
    default: return nullptr;
  }
}

// Steps that rebuild a table (create a new one, copy, drop the old, rename): foreign keys are not
// enforced while they run, or dropping the old table would delete the rows that refer to it.
bool rebuilds_tables(int version) { return version == 7; }

// The first column of the first row of `sql` (a PRAGMA), as text; empty when there is no row.
std::string first_value(sqlite3* db, const char* sql, int step) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
    throw std::runtime_error("schema migration to version " + std::to_string(step) + " failed: " + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, &sqlite3_finalize);
  const int rc = sqlite3_step(raw);
  if (rc == SQLITE_DONE) return {};
  if (rc != SQLITE_ROW)
    throw std::runtime_error("schema migration to version " + std::to_string(step) + " failed: " + sqlite3_errmsg(db));
  const unsigned char* text = sqlite3_column_text(raw, 0);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// After a rebuild, inside its transaction: every reference still finds its row.
void check_references(sqlite3* db, int step) {
  const std::string table = first_value(db, "PRAGMA foreign_key_check", step);
  if (!table.empty())
    throw std::runtime_error("schema migration to version " + std::to_string(step) + " failed: table " + table +
                             " refers to a missing row");
}

}  // namespace

int schema_version(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("cannot read the schema version: ") + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, &sqlite3_finalize);
  const int rc = sqlite3_step(raw);
  if (rc != SQLITE_ROW)
    throw std::runtime_error(std::string("cannot read the schema version: ") + sqlite3_errmsg(db));
  return sqlite3_column_int(raw, 0);
}

void migrate(sqlite3* db, int target) {
  if (target > kSchemaVersion)
    throw std::runtime_error("cannot migrate to schema version " + std::to_string(target) +
                             ": the latest known is " + std::to_string(kSchemaVersion));
  const int current = schema_version(db);
  if (current > kSchemaVersion)
    throw std::runtime_error("schema version " + std::to_string(current) +
                             " is newer than this program supports (" + std::to_string(kSchemaVersion) + ")");
  if (target < current)
    throw std::runtime_error("cannot migrate backwards from schema version " + std::to_string(current) +
                             " to " + std::to_string(target));
  for (int v = current + 1; v <= target; ++v) {
    // PRAGMA foreign_keys is a no-op inside a transaction: switched off before, back on after.
    const bool rebuild = rebuilds_tables(v);
    const bool enforced = rebuild && first_value(db, "PRAGMA foreign_keys", v) == "1";
    if (enforced) exec(db, "PRAGMA foreign_keys = OFF", v);
    exec(db, "BEGIN IMMEDIATE", v);
    try {
      exec(db, step_sql(v), v);
      if (rebuild) check_references(db, v);
      exec(db, ("PRAGMA user_version = " + std::to_string(v)).c_str(), v);
      exec(db, "COMMIT", v);
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      if (enforced) sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
      throw;
    }
    if (enforced) exec(db, "PRAGMA foreign_keys = ON", v);
  }
}

}  // namespace orpheus::catalog
