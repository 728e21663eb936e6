// write_pack: a checked PackSource -> temp SQLite file -> integrity check -> fsync -> rename.
#include "packs/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <tuple>

#include "catalog/map_rows.h"
#include "catalog/schema.h"
#include "catalog/sqlite.h"
#include "packs/images.h"
#include "packs/map_layers.h"
#include "packs/narration.h"
#include "packs/parallel.h"
#include "trust/seal.h"

#ifndef ORPHEUS_VERSION
#define ORPHEUS_VERSION "0"
#endif

namespace orpheus::packs::detail {
namespace {

namespace fs = std::filesystem;

// The temporary pack beside the output; removed (with any SQLite side file) unless released.
class TempFile {
 public:
  explicit TempFile(const fs::path& output) {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    const fs::path dir = output.has_parent_path() ? output.parent_path() : fs::path(".");
    path_ = dir / ("." + output.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                   std::to_string(counter++) + "-" + std::to_string(rd() % 100000));
  }
  ~TempFile() {
    if (!released_) remove_all_parts();
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }
  void release() { released_ = true; }

 private:
  void remove_all_parts() noexcept {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_.string() + suffix, ec);
  }
  fs::path path_;
  bool released_ = false;
};

void fsync_path(const fs::path& p, bool directory) {
  const int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) throw BuildError(p.string() + ": cannot open to sync: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw BuildError(p.string() + ": fsync failed: " + std::strerror(err));
}

class Writer {
 public:
  Writer(const PackSource& s, const BuildOptions& o, std::vector<Problem>& problems, BuildCounts& counts,
         const Narrator* narrator)
      : s_(s), o_(o), problems_(problems), counts_(counts), narrator_(narrator) {}

  void run(const std::string& created) {
    const fs::path dir = o_.output.has_parent_path() ? o_.output.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) throw BuildError(dir.string() + ": output folder does not exist and cannot be created");

    TempFile temp(o_.output);
    {
      std::optional<sql::Database> db;
      try {
        db.emplace(temp.path(), sql::Database::Mode::read_write_create);
        db->exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA page_size = 8192");
        catalog::migrate(db->get());
        {
          sql::Transaction tx(*db);
          insert_all(*db, created);
          if (has_errors(problems_)) return;  // tx rolls back, temp is removed
          db->exec("INSERT INTO item_search(item_search) VALUES ('optimize')");
          tx.commit();
        }
        check(*db);
      } catch (const BuildError&) {
        throw;
      } catch (const sql::Error& e) {  // names the temp file already
        throw BuildError(std::string("writing the pack failed: ") + e.what());
      } catch (const std::runtime_error& e) {  // migrate()
        throw BuildError(temp.path().string() + ": " + e.what());
      }
    }  // closed
    try {
      trust::write_content_hash(temp.path());  // fsyncs
    } catch (const trust::TrustError& e) {
      throw BuildError(std::string("sealing the pack failed: ") + e.what());
    }
    counts_.output_bytes = fs::file_size(temp.path(), ec);
    fs::rename(temp.path(), o_.output, ec);
    if (ec) throw BuildError(o_.output.string() + ": cannot move the new pack into place: " + ec.message());
    temp.release();
    fsync_path(dir, true);
  }

 private:
  static void check(sql::Database& db) {
    auto ic = db.prepare("PRAGMA integrity_check");
    std::string report;
    while (ic.step()) report += (report.empty() ? "" : "; ") + ic.text(0);
    if (report != "ok") throw BuildError("the written pack failed its integrity check: " + report);
    auto fk = db.prepare("PRAGMA foreign_key_check");
    if (fk.step()) throw BuildError("the written pack has a broken reference in table " + fk.text(0));
  }

  void insert_all(sql::Database& db, const std::string& created) {
    const auto seal = trust::blank_seal();
    db.prepare("INSERT INTO pack_seal(seal) VALUES (?1)").bind(1, std::span<const std::uint8_t>(seal)).step();
    pack(db, created);
    tags(db);
    collections_and_items(db);
    timeline(db);
    media(db);
    covers(db);
    events(db);
    schedules(db);
    map(db);
    narrations(db);
  }

  void text_rows(sql::Statement& st, std::int64_t id, std::initializer_list<const LangText*> texts) {
    for (const std::string& lang : s_.languages) {
      bool any = false;
      for (const LangText* t : texts) any = any || t->has(lang);
      if (!any) continue;
      st.reset();
      st.bind(1, id).bind(2, std::string_view(lang));
      int col = 3;
      for (const LangText* t : texts) st.bind(col++, t->exact(lang));
      st.step();
    }
  }

  void timeline(sql::Database& db) {
    auto entry = db.prepare(
        "INSERT INTO timeline_entry(id, slug, kind, ord, year_from, year_to, certainty, colour) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto text = db.prepare("INSERT INTO timeline_entry_text(entry_id, lang, name, summary) VALUES (?1, ?2, ?3, ?4)");
    std::int64_t id = 0;
    for (const TimelineSource& e : s_.timeline) {
      ++id;
      entry.reset();
      entry.bind(1, id).bind(2, std::string_view(e.slug));
      entry.bind(3, std::string_view(e.kind == catalog::TimelineEntry::Kind::event ? "event" : "period")).bind(4, id);
      entry.bind(5, e.year_from).bind(6, e.year_to).bind(7, std::string_view(catalog::to_string(e.certainty)));
      entry.bind(8, e.colour ? std::optional<std::int64_t>(*e.colour) : std::nullopt).step();
      text_rows(text, id, {&e.name, &e.summary});
    }
  }

  void pack(sql::Database& db, const std::string& created) {
    auto info = db.prepare("INSERT INTO pack_info(key, value) VALUES (?1, ?2)");
    const std::pair<const char*, std::string> rows[] = {{"id", s_.id},
                                                         {"version", s_.version},
                                                         {"default_language", s_.default_language},
                                                         {"created", created},
                                                         {"time_zone", s_.time_zone},
                                                         {"generator", std::string("orpheus-pack ") + ORPHEUS_VERSION}};
    for (const auto& [k, v] : rows) {
      info.reset();
      info.bind(1, std::string_view(k)).bind(2, std::string_view(v)).step();
    }
    auto lang = db.prepare("INSERT INTO pack_language(code, ord) VALUES (?1, ?2)");
    for (std::size_t i = 0; i < s_.languages.size(); ++i) {
      lang.reset();
      lang.bind(1, std::string_view(s_.languages[i])).bind(2, static_cast<std::int64_t>(i)).step();
    }
    auto text = db.prepare("INSERT INTO pack_text(lang, title, credit) VALUES (?1, ?2, ?3)");
    for (const std::string& l : s_.languages) {
      if (!s_.title.has(l) && !s_.credit.has(l)) continue;
      text.reset();
      text.bind(1, std::string_view(l)).bind(2, s_.title.exact(l)).bind(3, s_.credit.exact(l)).step();
    }
    counts_.languages = static_cast<int>(s_.languages.size());
  }

  void tags(sql::Database& db) {
    auto tag = db.prepare("INSERT INTO tag(id, slug) VALUES (?1, ?2)");
    auto text = db.prepare("INSERT INTO tag_text(tag_id, lang, label) VALUES (?1, ?2, ?3)");
    std::int64_t id = 0;
    for (const auto& [slug, label] : s_.tags) {
      tag_ids_[slug] = ++id;
      tag.reset();
      tag.bind(1, id).bind(2, std::string_view(slug)).step();
      text_rows(text, id, {&label});
    }
    counts_.tags = static_cast<int>(s_.tags.size());
  }

  void collections_and_items(sql::Database& db) {
    std::vector<const CollectionSource*> cols;
    for (const auto& c : s_.collections) cols.push_back(&c);
    std::sort(cols.begin(), cols.end(), [](auto* a, auto* b) { return std::tie(a->order, a->slug) < std::tie(b->order, b->slug); });
    auto col = db.prepare("INSERT INTO collection(id, slug, ord) VALUES (?1, ?2, ?3)");
    auto col_text = db.prepare(
        "INSERT INTO collection_text(collection_id, lang, title, summary, description) VALUES (?1, ?2, ?3, ?4, ?5)");
    std::int64_t cid = 0;
    for (const CollectionSource* c : cols) {
      collection_ids_[c->slug] = ++cid;
      col.reset();
      col.bind(1, cid).bind(2, std::string_view(c->slug)).bind(3, c->order).step();
      text_rows(col_text, cid, {&c->title, &c->summary, &c->description});
    }
    counts_.collections = static_cast<int>(cols.size());

    // Items grouped by collection, in display order: ids follow that order.
    for (const auto& it : s_.items) items_.push_back(&it);
    std::sort(items_.begin(), items_.end(), [&](auto* a, auto* b) {
      return std::tuple(collection_ids_.at(a->collection), a->order, a->slug) <
             std::tuple(collection_ids_.at(b->collection), b->order, b->slug);
    });
    auto item = db.prepare(
        "INSERT INTO item(id, slug, collection_id, ord, year_from, year_to, latitude, longitude, date_certainty, "
        "place_within_km) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    auto item_text = db.prepare(
        "INSERT INTO item_text(item_id, lang, title, summary, description, period, place, credit) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto meta = db.prepare("INSERT INTO item_metadata(item_id, ord, lang, label, value) VALUES (?1, ?2, ?3, ?4, ?5)");
    auto item_tag = db.prepare("INSERT INTO item_tag(item_id, tag_id, ord) VALUES (?1, ?2, ?3)");
    std::int64_t iid = 0;
    const auto total = static_cast<std::uint64_t>(items_.size());
    if (o_.progress && total) o_.progress(Progress{"items", 0, total});
    for (const ItemSource* it : items_) {
      if (o_.progress && iid % 1024 == 1023) o_.progress(Progress{"items", static_cast<std::uint64_t>(iid) + 1, total});
      item_ids_[it] = ++iid;
      item.reset();
      item.bind(1, iid).bind(2, std::string_view(it->slug)).bind(3, collection_ids_.at(it->collection)).bind(4, it->order);
      item.bind(5, it->year_from).bind(6, it->year_to).bind(7, it->latitude).bind(8, it->longitude);
      item.bind(9, std::string_view(catalog::to_string(it->certainty))).bind(10, it->within_km).step();
      text_rows(item_text, iid,
                {&it->title, &it->summary, &it->description, &it->period, &it->place_name, &it->credit});
      for (std::size_t m = 0; m < it->metadata.size(); ++m)
        for (const std::string& lang : s_.languages) {
          const auto& pair = it->metadata[m];
          if (!pair.label.has(lang) && !pair.value.has(lang)) continue;
          meta.reset();
          meta.bind(1, iid).bind(2, static_cast<std::int64_t>(m)).bind(3, std::string_view(lang));
          meta.bind(4, pair.label.exact(lang)).bind(5, pair.value.exact(lang)).step();
        }
      for (std::size_t t = 0; t < it->tags.size(); ++t) {
        item_tag.reset();
        item_tag.bind(1, iid).bind(2, tag_ids_.at(it->tags[t])).bind(3, static_cast<std::int64_t>(t)).step();
      }
    }
    if (o_.progress && total) o_.progress(Progress{"items", total, total});
    counts_.items = static_cast<int>(items_.size());
  }

  // Items' images, then the events' own pictures (media rows of no item, schema version 7).
  void media(sql::Database& db) {
    struct Job {
      const ImageSource* image;
      const ImageSource* thumbnail;  // the item's chosen thumbnail, for its first image
      std::optional<std::int64_t> item_id;  // none: an event's picture
      std::int64_t media_id;
      int ord;
    };
    std::vector<Job> jobs;
    for (const ItemSource* it : items_)
      for (std::size_t i = 0; i < it->images.size(); ++i)
        jobs.push_back(Job{&it->images[i], i == 0 && it->thumbnail ? &*it->thumbnail : nullptr, item_ids_.at(it),
                           static_cast<std::int64_t>(jobs.size() + 1), static_cast<int>(i)});
    for (const EventSource& e : s_.events)
      if (e.image) {
        jobs.push_back(Job{&*e.image, nullptr, std::nullopt, static_cast<std::int64_t>(jobs.size() + 1), 0});
        media_of_event_[&e] = jobs.back().media_id;
      }

    auto media = db.prepare(
        "INSERT INTO media(id, item_id, ord, source_name, width, height) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto text = db.prepare("INSERT INTO media_text(media_id, lang, caption, alt) VALUES (?1, ?2, ?3, ?4)");
    auto blob = db.prepare(
        "INSERT INTO media_blob(media_id, variant, mime, width, height, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto pyramid = db.prepare("INSERT INTO media_pyramid(media_id, tile_size, levels) VALUES (?1, ?2, ?3)");
    auto tile = db.prepare("INSERT INTO media_tile(media_id, level, col, row, mime, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    const std::uint64_t total = jobs.size();
    if (o_.progress && total) o_.progress(Progress{"images", 0, total});

    parallel_ordered<Renditions>(
        jobs.size(), worker_count(o_.threads), [&](std::size_t i) { return render(*jobs[i].image, jobs[i].thumbnail); },
        [&](std::size_t i, Renditions r) {
          const Job& job = jobs[i];
          const ImageSource& img = *job.image;
          if (!r.problem.empty()) {
            problems_.push_back(Problem{img.loc.file, img.loc.line, img.loc.column, img.field,
                                        "image '" + img.file + "' (" + img.resolved.string() + "): " + r.problem});
            return;
          }
          media.reset();
          media.bind(1, job.media_id).bind(2, job.item_id).bind(3, job.ord).bind(4, std::string_view(img.file));
          media.bind(5, r.original.width).bind(6, r.original.height).step();
          text_rows(text, job.media_id, {&img.caption, &img.alt});
          for (auto [name, v] : {std::pair{"original", &r.original}, std::pair{"display", &r.display},
                                 std::pair{"thumbnail", &r.thumbnail}}) {
            blob.reset();
            blob.bind(1, job.media_id).bind(2, std::string_view(name)).bind(3, std::string_view(v->mime));
            blob.bind(4, v->width).bind(5, v->height).bind(6, std::span<const std::uint8_t>(v->bytes)).step();
          }
          if (!r.tiles.empty()) {
            pyramid.reset();
            pyramid.bind(1, job.media_id).bind(2, kTileSize).bind(3, r.tiles.back().level + 1).step();
            for (const Tile& t : r.tiles) {
              tile.reset();
              tile.bind(1, job.media_id).bind(2, t.level).bind(3, t.col).bind(4, t.row);
              tile.bind(5, std::string_view(t.image.mime)).bind(6, std::span<const std::uint8_t>(t.image.bytes)).step();
            }
            counts_.tiles += static_cast<int>(r.tiles.size());
            counts_.tile_seconds += r.tile_seconds;
          }
          ++counts_.images;
          if (o_.progress) o_.progress(Progress{"images", i + 1, total});
        });
    for (const Job& job : jobs)
      if (job.ord == 0 && job.item_id) media_of_item_[*job.item_id] = job.media_id;
  }

  // The programme: events in order of their first occurrence (the source's order), each with its
  // texts, audiences, occurrences and picture (its own, or its image_item's first image).
  void events(sql::Database& db) {
    auto event = db.prepare("INSERT INTO event(id, slug, ord, free, media_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    auto text = db.prepare(
        "INSERT INTO event_text(event_id, lang, title, summary, description, room, place, address, price, booking) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    auto audience = db.prepare("INSERT INTO event_audience(event_id, audience, ord) VALUES (?1, ?2, ?3)");
    auto occurrence = db.prepare("INSERT OR IGNORE INTO event_occurrence(event_id, all_day, start, end) VALUES (?1, ?2, ?3, ?4)");
    std::map<std::string, std::int64_t> item_by_slug;
    for (const auto& [it, id] : item_ids_) item_by_slug[it->slug] = id;
    std::int64_t id = 0;
    for (const EventSource& e : s_.events) {
      ++id;
      event_ids_[&e] = id;
      std::optional<std::int64_t> media;
      if (const auto own = media_of_event_.find(&e); own != media_of_event_.end()) {
        media = own->second;
      } else if (e.image_item) {
        if (const auto item = item_by_slug.find(*e.image_item); item != item_by_slug.end())
          if (const auto first = media_of_item_.find(item->second); first != media_of_item_.end()) media = first->second;
      }
      event.reset();
      event.bind(1, id).bind(2, std::string_view(e.slug)).bind(3, id).bind(4, e.free ? 1 : 0).bind(5, media).step();
      text_rows(text, id, {&e.title, &e.summary, &e.description, &e.room, &e.place, &e.address, &e.price, &e.booking});
      for (std::size_t i = 0; i < e.audience.size(); ++i) {
        audience.reset();
        audience.bind(1, id).bind(2, std::string_view(catalog::to_string(e.audience[i]))).bind(3, static_cast<std::int64_t>(i)).step();
      }
      for (const catalog::EventOccurrence& o : e.occurrences) {
        occurrence.reset();
        occurrence.bind(1, id).bind(2, o.all_day ? 1 : 0).bind(3, o.start).bind(4, o.end).step();
        ++counts_.event_dates;
      }
    }
    counts_.events = static_cast<int>(s_.events.size());
  }

  // When collections are shown and events listed: a schedule row each (none: always), its day parts.
  void schedules(sql::Database& db) {
    auto schedule = db.prepare(
        "INSERT INTO schedule(id, collection_id, event_id, from_day, until_day) VALUES (?1, ?2, ?3, ?4, ?5)");
    auto part = db.prepare(
        "INSERT INTO schedule_part(schedule_id, ord, weekdays, from_minute, to_minute) VALUES (?1, ?2, ?3, ?4, ?5)");
    std::int64_t id = 0;
    auto write = [&](const catalog::Schedule& sc, std::optional<std::int64_t> collection, std::optional<std::int64_t> event) {
      if (sc.empty()) return;
      ++id;
      const auto day = [](const std::optional<std::int32_t>& d) {
        return d ? std::optional<std::int64_t>(*d) : std::nullopt;
      };
      schedule.reset();
      schedule.bind(1, id).bind(2, collection).bind(3, event).bind(4, day(sc.from_day)).bind(5, day(sc.until_day)).step();
      for (std::size_t i = 0; i < sc.parts.size(); ++i) {
        const catalog::Schedule::Part& p = sc.parts[i];
        part.reset();
        part.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, static_cast<std::int64_t>(p.weekdays));
        part.bind(4, p.from_minute).bind(5, p.to_minute).step();
      }
    };
    for (const CollectionSource& c : s_.collections) write(c.schedule, collection_ids_.at(c.slug), std::nullopt);
    for (const EventSource& e : s_.events) write(e.visibility, std::nullopt, event_ids_.at(&e));
  }

  // The map of map.toml's region (map_layers.h): its frame and tiles, its places, its lines.
  void map(sql::Database& db) {
    if (!s_.map.region) return;
    if (o_.progress) o_.progress(Progress{"map of the region from GSHHG"});
    BuiltMap m;
    try {
      m = build_map(*s_.map.region, o_.gshhg_dir, worker_count(o_.threads), o_.progress);
    } catch (const geo::GshhgError& e) {
      const SourceLoc& at = s_.map.region_loc;
      problems_.push_back(Problem{at.file, at.line, at.column, "region", e.what()});
      return;
    }
    const geo::Box& r = m.frame.region;
    auto info = db.prepare(
        "INSERT INTO map(id, west, south, east, north, width, height, tile_size, levels, credit) "
        "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    info.bind(1, r.west).bind(2, r.south).bind(3, r.east).bind(4, r.north).bind(5, m.frame.width).bind(6, m.frame.height);
    info.bind(7, m.tile_size).bind(8, m.levels).bind(9, std::string_view(kMapCredit)).step();
    auto tile = db.prepare("INSERT INTO map_tile(level, col, row, mime, bytes) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const Tile& t : m.tiles) {
      tile.reset();
      tile.bind(1, t.level).bind(2, t.col).bind(3, t.row).bind(4, std::string_view(t.image.mime));
      tile.bind(5, std::span<const std::uint8_t>(t.image.bytes)).step();
      counts_.map_tile_bytes += t.image.bytes.size();
    }
    auto place = db.prepare("INSERT INTO map_place(id, slug, ord, latitude, longitude, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto name = db.prepare("INSERT INTO map_place_text(place_id, lang, name) VALUES (?1, ?2, ?3)");
    std::int64_t id = 0;
    for (const PlaceSource& p : s_.map.places) {
      ++id;
      place.reset();
      place.bind(1, id).bind(2, std::string_view(p.slug)).bind(3, id).bind(4, p.at.lat).bind(5, p.at.lon).bind(6, p.rank).step();
      text_rows(name, id, {&p.name});
    }
    auto line = db.prepare(
        "INSERT INTO map_line(layer, level, tolerance, x0, y0, x1, y1, points) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const catalog::MapDetail& d : m.details)
      for (const catalog::MapLine& l : d.lines) {
        const auto points = catalog::encode_map_points(l.xy);
        line.reset();
        line.bind(1, std::string_view(catalog::to_string(l.layer))).bind(2, l.level).bind(3, d.tolerance);
        line.bind(4, static_cast<double>(l.x0)).bind(5, static_cast<double>(l.y0));
        line.bind(6, static_cast<double>(l.x1)).bind(7, static_cast<double>(l.y1));
        line.bind(8, std::span<const std::uint8_t>(points)).step();
        counts_.map_points += l.xy.size() / 2;
        counts_.map_line_bytes += points.size();
        ++counts_.map_lines;
      }
    counts_.map_width = m.frame.width;
    counts_.map_height = m.frame.height;
    counts_.map_tiles = static_cast<int>(m.tiles.size());
    counts_.map_details = static_cast<int>(m.details.size());
    counts_.map_places = static_cast<int>(s_.map.places.size());
    counts_.map_seconds = m.seconds;
  }

  // Per item and language with a text: the curator's recording, else (with a narrator) the texts
  // synthesised, else nothing. Rendered on worker threads, written here in item order.
  void narrations(sql::Database& db) {
    struct Job {
      const ItemSource* item;
      std::int64_t item_id;
      const RecordingSource* recording;  // null: synthesise
      std::string lang;
      SpokenTexts texts;
    };
    std::vector<Job> jobs;
    for (const ItemSource* it : items_)
      for (const std::string& lang : s_.languages) {
        SpokenTexts texts = spoken_texts(*it, lang);
        if (texts.empty()) continue;
        const auto rec = std::find_if(it->recordings.begin(), it->recordings.end(),
                                      [&](const RecordingSource& r) { return r.lang == lang; });
        if (rec != it->recordings.end())
          jobs.push_back(Job{it, item_ids_.at(it), &*rec, lang, std::move(texts)});
        else if (narrator_ && narrator_->voices.count(lang))
          jobs.push_back(Job{it, item_ids_.at(it), nullptr, lang, std::move(texts)});
        else
          ++counts_.narrations_silent;
      }
    if (jobs.empty()) return;
    const auto start = std::chrono::steady_clock::now();
    auto narration = db.prepare(
        "INSERT INTO narration(id, item_id, lang, synthetic, timed, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto sentence = db.prepare(
        "INSERT INTO narration_sentence(narration_id, ord, part, begin, end, start_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto audio = db.prepare("INSERT INTO narration_audio(narration_id, mime, bytes) VALUES (?1, 'audio/ogg', ?2)");
    const std::uint64_t total = jobs.size();
    if (o_.progress) o_.progress(Progress{"narration", 0, total});
    std::int64_t id = 0;
    parallel_ordered<RenderedNarration>(
        jobs.size(), worker_count(o_.threads),
        [&](std::size_t i) {
          const Job& job = jobs[i];
          return job.recording ? render_recording(*job.recording, job.texts) : synthesise(*narrator_, job.lang, job.texts);
        },
        [&](std::size_t i, RenderedNarration r) {
          if (!r.problem.empty()) {
            const SourceLoc& at = r.loc.file.empty() ? jobs[i].item->loc : r.loc;
            problems_.push_back(Problem{at.file, at.line, at.column, "narration." + r.lang, r.problem});
            return;
          }
          ++id;
          narration.reset();
          narration.bind(1, id).bind(2, jobs[i].item_id).bind(3, std::string_view(r.lang));
          narration.bind(4, r.synthetic ? 1 : 0).bind(5, r.timed ? 1 : 0).bind(6, r.duration_ms).step();
          for (std::size_t k = 0; k < r.sentences.size(); ++k) {
            const catalog::NarrationSentence& x = r.sentences[k];
            sentence.reset();
            sentence.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, std::string_view(catalog::to_string(x.part)));
            sentence.bind(4, static_cast<std::int64_t>(x.begin)).bind(5, static_cast<std::int64_t>(x.end)).bind(6, x.start_ms).step();
          }
          audio.reset();
          audio.bind(1, id).bind(2, std::span<const std::uint8_t>(r.bytes)).step();
          (r.synthetic ? counts_.narrations_synthetic : counts_.narrations_recorded)++;
          counts_.narration_bytes += r.bytes.size();
          counts_.narration_ms += r.duration_ms;
          if (o_.progress) o_.progress(Progress{"narration", i + 1, total});
        });
    counts_.narration_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  // The card image: the cover item's first image, else the first image in the collection.
  void covers(sql::Database& db) {
    auto update = db.prepare("UPDATE collection SET cover_media_id = ?1 WHERE id = ?2");
    std::map<std::string, std::int64_t> item_by_slug;
    for (const auto& [it, id] : item_ids_) item_by_slug[it->slug] = id;
    for (const auto& c : s_.collections) {
      std::optional<std::int64_t> media;
      if (c.cover) {
        auto found = media_of_item_.find(item_by_slug.at(*c.cover));
        if (found != media_of_item_.end()) media = found->second;
      }
      if (!media)
        for (const ItemSource* it : items_)
          if (it->collection == c.slug) {
            auto found = media_of_item_.find(item_ids_.at(it));
            if (found != media_of_item_.end()) {
              media = found->second;
              break;
            }
          }
      if (!media) continue;
      update.reset();
      update.bind(1, *media).bind(2, collection_ids_.at(c.slug)).step();
    }
  }

  const PackSource& s_;
  const BuildOptions& o_;
  std::vector<Problem>& problems_;
  BuildCounts& counts_;
  std::map<std::string, std::int64_t> tag_ids_, collection_ids_;
  std::vector<const ItemSource*> items_;
  std::map<const ItemSource*, std::int64_t> item_ids_;
  std::map<std::int64_t, std::int64_t> media_of_item_;
  std::map<const EventSource*, std::int64_t> media_of_event_, event_ids_;
  const Narrator* narrator_ = nullptr;
};

}  // namespace

void write_pack(const PackSource& source, const BuildOptions& options, const std::string& created,
                BuildCounts& counts, std::vector<Problem>& problems, const Narrator* narrator) {
  Writer(source, options, problems, counts, narrator).run(created);
}

}  // namespace orpheus::packs::detail
