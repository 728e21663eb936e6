#include "usage/journal.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "catalog/sqlite.h"
#include "core/log.h"
#include "core/search_text.h"
#include "events/zone.h"

namespace orpheus::usage {
namespace {

using Json = nlohmann::json;
constexpr std::size_t kBatch = 64;
constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS visit(
  id INTEGER PRIMARY KEY, day TEXT NOT NULL, hour INTEGER NOT NULL, seconds INTEGER NOT NULL,
  language TEXT NOT NULL, large_text INTEGER NOT NULL, high_contrast INTEGER NOT NULL, reach INTEGER NOT NULL,
  from_attract INTEGER NOT NULL, narrations INTEGER NOT NULL, narration_s INTEGER NOT NULL, pack TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS visit_day ON visit(day);
CREATE TABLE IF NOT EXISTS visit_item(visit INTEGER NOT NULL, slug TEXT NOT NULL, views INTEGER NOT NULL, dwell_s INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS visit_item_visit ON visit_item(visit);
CREATE TABLE IF NOT EXISTS visit_screen(visit INTEGER NOT NULL, screen TEXT NOT NULL, opens INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS visit_screen_visit ON visit_screen(visit);
CREATE TABLE IF NOT EXISTS visit_search(visit INTEGER NOT NULL, text TEXT NOT NULL, key TEXT NOT NULL, results INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS visit_search_visit ON visit_search(visit);
CREATE TABLE IF NOT EXISTS visit_event(visit INTEGER NOT NULL, slug TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS visit_event_visit ON visit_event(visit);
CREATE TABLE IF NOT EXISTS hour_on(day TEXT NOT NULL, hour INTEGER NOT NULL, PRIMARY KEY(day, hour)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS title(slug TEXT PRIMARY KEY, titles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS day_summary(day TEXT PRIMARY KEY, summary TEXT NOT NULL);
)";

// The key search texts are counted by: the same words whatever the case, alphabet or spacing.
std::string search_key(std::string_view text) {
  std::string key;
  for (const auto& w : core::search_words(text)) key += (key.empty() ? "" : " ") + w;
  return key;
}

std::string shifted_day(const std::string& day, int delta) {
  const auto d = events::parse_date(day);
  return d ? events::format_date(*d + delta) : day;
}

// --- a day summarised from its sessions ----------------------------------------------------------

std::int64_t median(std::vector<std::int64_t> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2] + 1) / 2;
}

void sort_items(std::vector<ItemDay>& items) {
  std::sort(items.begin(), items.end(), [](const ItemDay& a, const ItemDay& b) {
    return a.views != b.views ? a.views > b.views : a.dwell_s != b.dwell_s ? a.dwell_s > b.dwell_s : a.id < b.id;
  });
}

std::map<std::string, std::int64_t> counts(sql::Database& db, const char* query, const std::string& day) {
  std::map<std::string, std::int64_t> out;
  auto s = db.prepare(query);
  s.bind(1, day);
  while (s.step()) out[s.text(0)] = s.int64(1);
  return out;
}

// Nullopt if nothing at all was recorded that day.
std::optional<DaySummary> summarise_sessions(sql::Database& db, const std::string& day) {
  DaySummary d;
  d.date = day;
  std::set<int> hours;
  {
    auto s = db.prepare("SELECT hour FROM hour_on WHERE day = ?1");
    s.bind(1, day);
    while (s.step()) hours.insert(static_cast<int>(s.int64(0)));
  }
  std::vector<std::int64_t> lengths;
  {
    auto s = db.prepare(
        "SELECT hour, seconds, language, large_text, high_contrast, reach, from_attract, narrations, narration_s, pack "
        "FROM visit WHERE day = ?1");
    s.bind(1, day);
    std::set<std::string> packs;
    while (s.step()) {
      const int hour = std::clamp(static_cast<int>(s.int64(0)), 0, 23);
      hours.insert(hour);
      ++d.sessions;
      ++d.sessions_by_hour[static_cast<std::size_t>(hour)];
      const auto seconds = s.int64(1);
      d.session_s += seconds;
      lengths.push_back(seconds);
      ++d.length_bands[static_cast<std::size_t>(length_band(seconds))];
      ++d.languages[s.text(2)];
      const char* modes[] = {"large_text", "high_contrast", "reach"};
      for (int m = 0; m < 3; ++m)
        if (s.int64(3 + m)) ++d.accessibility[modes[m]];
      d.attract_interruptions += s.int64(6) ? 1 : 0;
      d.narrations += s.int64(7);
      d.narration_s += s.int64(8);
      if (s.int64(7) > 0) ++d.accessibility["narration"];
      if (!s.text(9).empty()) packs.insert(s.text(9));
    }
    d.packs.assign(packs.begin(), packs.end());
  }
  if (d.sessions == 0 && hours.empty()) return std::nullopt;
  d.hours_on.assign(hours.begin(), hours.end());
  d.median_session_s = median(std::move(lengths));
  {
    auto s = db.prepare(
        "SELECT i.slug, sum(i.views), sum(i.dwell_s), count(DISTINCT i.visit) FROM visit_item i JOIN visit v ON v.id = i.visit "
        "WHERE v.day = ?1 GROUP BY i.slug");
    s.bind(1, day);
    while (s.step()) {
      d.items.push_back({s.text(0), s.int64(1), s.int64(2), s.int64(3)});
      d.item_views += s.int64(1);
      d.item_dwell_s += s.int64(2);
    }
    sort_items(d.items);
  }
  d.screens = counts(db, "SELECT x.screen, sum(x.opens) FROM visit_screen x JOIN visit v ON v.id = x.visit WHERE v.day = ?1 GROUP BY x.screen", day);
  d.events_opened = counts(db, "SELECT e.slug, count(*) FROM visit_event e JOIN visit v ON v.id = e.visit WHERE v.day = ?1 GROUP BY e.slug", day);
  {
    auto s = db.prepare(
        "SELECT count(*), coalesce(sum(x.results = 0), 0) FROM visit_search x JOIN visit v ON v.id = x.visit WHERE v.day = ?1");
    s.bind(1, day);
    s.step();
    d.searches = s.int64(0);
    d.searches_empty = s.int64(1);
  }
  {
    // A text is told when kSearchTextSessions sessions typed it (the same words, any case or
    // alphabet), in the spelling typed most.
    auto s = db.prepare(
        "WITH x AS (SELECT x.visit, x.text, x.key FROM visit_search x JOIN visit v ON v.id = x.visit WHERE v.day = ?1 AND x.key <> ''), "
        "k AS (SELECT key, count(DISTINCT visit) AS sessions FROM x GROUP BY key HAVING sessions >= ?2) "
        "SELECT k.sessions, (SELECT text FROM x WHERE x.key = k.key GROUP BY text ORDER BY count(*) DESC, text LIMIT 1) FROM k");
    s.bind(1, day).bind(2, kSearchTextSessions);
    while (s.step()) d.queries[s.text(1)] += s.int64(0);
  }
  return d;
}

std::optional<DaySummary> rolled_summary(sql::Database& db, const std::string& day) {
  auto s = db.prepare("SELECT summary FROM day_summary WHERE day = ?1");
  s.bind(1, day);
  if (!s.step()) return std::nullopt;
  return parse_day(s.text(0));
}

// The day from both: a rolled-up summary, and sessions recorded after it (a clock set back).
std::optional<DaySummary> summarise(sql::Database& db, const std::string& day) {
  auto rolled = rolled_summary(db, day);
  auto fresh = summarise_sessions(db, day);
  if (!rolled) return fresh;
  if (fresh) merge_into(*rolled, *fresh);
  return rolled;
}

void delete_sessions(sql::Database& db, const std::string& day) {
  for (const char* table : {"visit_item", "visit_screen", "visit_search", "visit_event"}) {
    auto s = db.prepare(std::string("DELETE FROM ") + table + " WHERE visit IN (SELECT id FROM visit WHERE day = ?1)");
    s.bind(1, day);
    s.step();
  }
  for (const char* sql : {"DELETE FROM visit WHERE day = ?1", "DELETE FROM hour_on WHERE day = ?1"}) {
    auto s = db.prepare(sql);
    s.bind(1, day);
    s.step();
  }
}

void open_schema(sql::Database& db) {
  // Pages the roll-up frees go back to the file system (incremental_vacuum after it): the file
  // stays the size of what it holds. Takes effect when the file is made.
  db.exec("PRAGMA auto_vacuum = INCREMENTAL");
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec(kSchema);
  auto s = db.prepare("SELECT value FROM meta WHERE key = 'schema'");
  if (!s.step()) {
    auto w = db.prepare("INSERT INTO meta(key, value) VALUES('schema', ?1)");
    w.bind(1, std::to_string(kSchemaVersion));
    w.step();
  } else if (s.text(0) != std::to_string(kSchemaVersion)) {
    throw sql::Error(std::string(sqlite3_db_filename(db.get(), "main")) + ": a usage journal of schema " + s.text(0) +
                     "; this kiosk writes schema " + std::to_string(kSchemaVersion));
  }
}

void write_visit(sql::Database& db, const VisitRecord& v) {
  auto s = db.prepare(
      "INSERT INTO visit(day, hour, seconds, language, large_text, high_contrast, reach, from_attract, narrations, narration_s, pack) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.bind(1, v.day).bind(2, v.hour).bind(3, v.seconds).bind(4, v.language).bind(5, int{v.large_text}).bind(6, int{v.high_contrast});
  s.bind(7, int{v.reach}).bind(8, int{v.from_attract}).bind(9, v.narrations).bind(10, v.narration_s).bind(11, v.pack);
  s.step();
  const std::int64_t id = sqlite3_last_insert_rowid(db.get());
  for (const auto& i : v.items) {
    auto w = db.prepare("INSERT INTO visit_item(visit, slug, views, dwell_s) VALUES(?1, ?2, ?3, ?4)");
    w.bind(1, id).bind(2, i.slug).bind(3, i.views).bind(4, i.dwell_s);
    w.step();
  }
  for (const auto& [screen, opens] : v.screens) {
    auto w = db.prepare("INSERT INTO visit_screen(visit, screen, opens) VALUES(?1, ?2, ?3)");
    w.bind(1, id).bind(2, screen).bind(3, opens);
    w.step();
  }
  for (const auto& x : v.searches) {
    auto w = db.prepare("INSERT INTO visit_search(visit, text, key, results) VALUES(?1, ?2, ?3, ?4)");
    w.bind(1, id).bind(2, x.text).bind(3, search_key(x.text)).bind(4, x.results);
    w.step();
  }
  for (const auto& e : v.events) {
    auto w = db.prepare("INSERT INTO visit_event(visit, slug) VALUES(?1, ?2)");
    w.bind(1, id).bind(2, e);
    w.step();
  }
}

void roll_up_before(sql::Database& db, const std::string& today, const JournalOptions& o) {
  const auto cutoff = shifted_day(today, -o.detail_days);
  std::vector<std::string> days;
  {
    auto s = db.prepare("SELECT day FROM visit WHERE day < ?1 UNION SELECT day FROM hour_on WHERE day < ?1");
    s.bind(1, cutoff);
    while (s.step()) days.push_back(s.text(0));
  }
  for (const auto& day : days) {
    sql::Transaction t(db);
    if (const auto d = summarise(db, day)) {
      auto s = db.prepare("INSERT OR REPLACE INTO day_summary(day, summary) VALUES(?1, ?2)");
      s.bind(1, day).bind(2, day_text(*d));
      s.step();
    }
    delete_sessions(db, day);
    t.commit();
  }
  auto s = db.prepare("DELETE FROM day_summary WHERE day < ?1");
  s.bind(1, shifted_day(today, -o.keep_days));
  s.step();
  if (!days.empty()) db.exec("PRAGMA incremental_vacuum");
  if (!days.empty()) log::info("usage", "rolled up " + std::to_string(days.size()) + " days before " + cutoff + " into day totals");
}

}  // namespace

// --- the writer ----------------------------------------------------------------------------------

Journal::Journal(std::filesystem::path file, JournalOptions options)
    : file_(std::move(file)), options_(options), thread_([this] { run(); }) {}

Journal::~Journal() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Journal::push(Record r) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(r));
    ++queued_;
  }
  cv_.notify_all();
}

void Journal::add(VisitRecord visit) { push(std::move(visit)); }
void Journal::hour_on(std::string day, int hour) { push(HourOn{std::move(day), hour}); }
void Journal::titles(std::map<std::string, std::map<std::string, std::string>> titles) { push(Titles{std::move(titles)}); }
void Journal::roll_up(std::string today) { push(RollUp{std::move(today)}); }
void Journal::time_zone(std::string name) { push(Zone{std::move(name)}); }

void Journal::flush() {
  std::unique_lock lock(mutex_);
  const auto target = queued_;
  flush_now_ = true;
  cv_.notify_all();
  flushed_cv_.wait(lock, [&] { return written_ >= target; });
}

std::uint64_t Journal::committed() const {
  std::lock_guard lock(mutex_);
  return committed_visits_;
}

void Journal::run() {
  std::optional<sql::Database> db;
  try {
    std::filesystem::create_directories(file_.parent_path());
    db.emplace(file_, sql::Database::Mode::read_write_create);
    open_schema(*db);
  } catch (const std::exception& e) {
    log::error("usage", std::string("the usage journal cannot be written, visits are not counted: ") + e.what());
    db.reset();
  }
  const auto wait = std::chrono::milliseconds(static_cast<long>(options_.flush_s * 1000));
  std::unique_lock lock(mutex_);
  for (;;) {
    // A batch: when it is full, when asked, at the end, or flush_s after its first record.
    cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    cv_.wait_for(lock, wait, [&] { return stop_ || flush_now_ || queue_.size() >= kBatch; });
    std::deque<Record> batch;
    batch.swap(queue_);
    flush_now_ = false;
    const bool stopping = stop_;
    lock.unlock();
    std::uint64_t visits = 0;
    if (db && !batch.empty()) {
      try {
        std::vector<std::string> roll_ups;
        {
          sql::Transaction t(*db);
          for (const auto& r : batch) {
            if (const auto* v = std::get_if<VisitRecord>(&r)) {
              write_visit(*db, *v);
              ++visits;
            } else if (const auto* h = std::get_if<HourOn>(&r)) {
              auto s = db->prepare("INSERT OR IGNORE INTO hour_on(day, hour) VALUES(?1, ?2)");
              s.bind(1, h->day).bind(2, h->hour);
              s.step();
            } else if (const auto* t2 = std::get_if<Titles>(&r)) {
              for (const auto& [slug, titles] : t2->titles) {
                auto s = db->prepare("INSERT OR REPLACE INTO title(slug, titles) VALUES(?1, ?2)");
                s.bind(1, slug).bind(2, Json(titles).dump());
                s.step();
              }
            } else if (const auto* u = std::get_if<RollUp>(&r)) {
              roll_ups.push_back(u->today);
            } else if (const auto* z = std::get_if<Zone>(&r)) {
              auto s = db->prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('time_zone', ?1)");
              s.bind(1, z->name);
              s.step();
            }
          }
          t.commit();
        }
        for (const auto& today : roll_ups) roll_up_before(*db, today, options_);
      } catch (const std::exception& e) {
        log::error("usage", std::string("a batch of the usage journal was lost: ") + e.what());
        visits = 0;
      }
    }
    lock.lock();
    written_ += batch.size();
    committed_visits_ += visits;
    flushed_cv_.notify_all();
    if (stopping && queue_.empty()) return;
  }
}

// --- reading -------------------------------------------------------------------------------------

std::vector<DaySummary> read_days(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  sql::Database db(file, sql::Database::Mode::read_only);
  std::vector<std::string> days;
  {
    auto s = db.prepare(
        "SELECT day FROM visit WHERE day BETWEEN ?1 AND ?2 UNION SELECT day FROM hour_on WHERE day BETWEEN ?1 AND ?2 "
        "UNION SELECT day FROM day_summary WHERE day BETWEEN ?1 AND ?2 ORDER BY 1");
    s.bind(1, from).bind(2, to);
    while (s.step()) days.push_back(s.text(0));
  }
  std::vector<DaySummary> out;
  sql::Transaction t(db);  // one consistent view while the kiosk writes
  for (const auto& day : days)
    if (auto d = summarise(db, day)) out.push_back(std::move(*d));
  return out;
}

std::optional<std::string> journal_time_zone(const std::filesystem::path& file) {
  sql::Database db(file, sql::Database::Mode::read_only);
  auto s = db.prepare("SELECT value FROM meta WHERE key = 'time_zone'");
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::map<std::string, std::map<std::string, std::string>> read_titles(const std::filesystem::path& file,
                                                                      const std::vector<DaySummary>& days) {
  std::set<std::string> wanted;
  for (const auto& d : days)
    for (const auto& i : d.items) wanted.insert(i.id);
  std::map<std::string, std::map<std::string, std::string>> out;
  sql::Database db(file, sql::Database::Mode::read_only);
  auto s = db.prepare("SELECT slug, titles FROM title");
  while (s.step())
    if (wanted.count(s.text(0))) out[s.text(0)] = Json::parse(s.text(1)).get<std::map<std::string, std::string>>();
  return out;
}

void merge_into(DaySummary& into, const DaySummary& day) {
  std::set<int> hours(into.hours_on.begin(), into.hours_on.end());
  hours.insert(day.hours_on.begin(), day.hours_on.end());
  into.hours_on.assign(hours.begin(), hours.end());
  into.sessions += day.sessions;
  for (std::size_t h = 0; h < 24; ++h) into.sessions_by_hour[h] += day.sessions_by_hour[h];
  into.session_s += day.session_s;
  for (std::size_t b = 0; b < kLengthBands.size(); ++b) into.length_bands[b] += day.length_bands[b];
  into.median_session_s = median_from_bands(into.length_bands);
  into.item_views += day.item_views;
  into.item_dwell_s += day.item_dwell_s;
  using Counts = std::map<std::string, std::int64_t> DaySummary::*;
  for (const Counts maps : {&DaySummary::languages, &DaySummary::accessibility, &DaySummary::screens, &DaySummary::queries,
                            &DaySummary::events_opened})
    for (const auto& [k, n] : day.*maps) (into.*maps)[k] += n;
  for (const auto& i : day.items) {
    const auto it = std::find_if(into.items.begin(), into.items.end(), [&](const ItemDay& x) { return x.id == i.id; });
    if (it == into.items.end()) {
      into.items.push_back(i);
    } else {
      it->views += i.views;
      it->dwell_s += i.dwell_s;
      it->sessions += i.sessions;
    }
  }
  sort_items(into.items);
  into.narrations += day.narrations;
  into.narration_s += day.narration_s;
  into.searches += day.searches;
  into.searches_empty += day.searches_empty;
  into.attract_interruptions += day.attract_interruptions;
  for (const auto& p : day.packs)
    if (std::find(into.packs.begin(), into.packs.end(), p) == into.packs.end()) into.packs.push_back(p);
}

Dashboard read_dashboard(const std::filesystem::path& file, const std::string& today) {
  Dashboard b;
  b.today = today;
  const auto first = shifted_day(today, -29);
  const auto days = read_days(file, first, today);
  b.day.date = today;
  b.month.date = first;
  for (int i = 0; i < 30; ++i) b.sessions_by_day.emplace_back(shifted_day(first, i), 0);
  for (const auto& d : days) {
    if (d.date == today) b.day = d;
    merge_into(b.month, d);
    for (auto& [date, n] : b.sessions_by_day)
      if (date == d.date) n = d.sessions;
  }
  b.titles = read_titles(file, {b.month});
  return b;
}

}  // namespace orpheus::usage
