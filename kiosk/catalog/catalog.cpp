// load_snapshot: reads a whole pack (everything but the media bytes) into plain structs.
#include "catalog/catalog.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "catalog/map_rows.h"
#include "catalog/pack_file.h"

namespace orpheus::catalog {

LoadError::LoadError(std::filesystem::path file, std::string reason)
    : std::runtime_error(file.string() + ": " + reason), file_(std::move(file)), reason_(std::move(reason)) {}

const char* to_string(MediaVariant v) {
  switch (v) {
    case MediaVariant::original: return "original";
    case MediaVariant::display: return "display";
    case MediaVariant::thumbnail: return "thumbnail";
  }
  return "original";
}

const char* to_string(NarrationSentence::Part part) {
  switch (part) {
    case NarrationSentence::Part::title: return "title";
    case NarrationSentence::Part::summary: return "summary";
    case NarrationSentence::Part::description: return "description";
  }
  return "description";
}

std::optional<NarrationSentence::Part> narration_part_named(std::string_view name) {
  if (name == "title") return NarrationSentence::Part::title;
  if (name == "summary") return NarrationSentence::Part::summary;
  if (name == "description") return NarrationSentence::Part::description;
  return std::nullopt;
}

const char* to_string(Audience a) {
  switch (a) {
    case Audience::children: return "children";
    case Audience::families: return "families";
    case Audience::adults: return "adults";
    case Audience::schools: return "schools";
    case Audience::accessible: return "accessible";
  }
  return "adults";
}

std::optional<Audience> audience_named(std::string_view name) {
  for (Audience a : kAudiences)
    if (name == to_string(a)) return a;
  return std::nullopt;
}

const Narration* Item::narration(std::string_view lang) const {
  for (const Narration& n : narrations)
    if (n.lang == lang) return &n;
  return nullptr;
}

const Collection* Snapshot::find_collection(std::int64_t id) const {
  auto it = std::find_if(collections.begin(), collections.end(), [&](const Collection& c) { return c.id == id; });
  return it == collections.end() ? nullptr : &*it;
}

const Item* Snapshot::find_item(std::int64_t id) const {
  auto i = item_index(id);
  return i ? &items[*i] : nullptr;
}

std::optional<std::size_t> Snapshot::item_index(std::int64_t id) const {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return i;
  return std::nullopt;
}

const Item* Snapshot::neighbour(std::int64_t item_id, int delta) const {
  const auto idx = item_index(item_id);
  if (!idx) return nullptr;
  const Collection* coll = find_collection(items[*idx].collection_id);
  if (!coll || coll->items.size() < 2) return nullptr;
  const auto pos = std::find(coll->items.begin(), coll->items.end(), *idx);
  if (pos == coll->items.end()) return nullptr;
  return &items[coll->items[wrapped(static_cast<std::size_t>(pos - coll->items.begin()), delta, coll->items.size())]];
}

namespace {

// A consistent view across all queries, even if a writer commits meanwhile. Never throws on exit.
class ReadTransaction {
 public:
  explicit ReadTransaction(sql::Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadTransaction() { sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr); }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  sql::Database& db_;
};

int as_int(std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, INT32_MIN, INT32_MAX)); }

std::optional<int> opt_int(const sql::Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return as_int(st.int64(col));
}

class Loader {
 public:
  Loader(sql::Database& db, Snapshot& s) : db_(db), s_(s) {}

  void run() {
    pack_info();
    collections();
    items();
    texts();
    metadata();
    tags();
    media();
    timeline();
    map();
    narrations();
    derived_periods();
    schedules();
    events();
  }

 private:
  void pack_info() {
    auto st = db_.prepare("SELECT key, value FROM pack_info");
    while (st.step()) {
      const std::string key = st.text(0);
      if (key == "id") s_.pack.id = st.text(1);
      else if (key == "version") s_.pack.version = st.text(1);
      else if (key == "created") s_.pack.created = st.text(1);
      else if (key == "default_language") s_.pack.default_language = st.text(1);
      else if (key == "time_zone" && !st.text(1).empty()) s_.pack.time_zone = st.text(1);
    }
    if (s_.pack.id.empty()) fail("pack_info has no id");
    auto langs = db_.prepare("SELECT code FROM pack_language ORDER BY ord, code");
    while (langs.step()) s_.pack.languages.push_back(langs.text(0));
    if (s_.pack.languages.empty()) fail("the pack declares no languages");
    auto& l = s_.pack.languages;
    if (s_.pack.default_language.empty()) s_.pack.default_language = l.front();
    if (std::find(l.begin(), l.end(), s_.pack.default_language) == l.end())
      fail("default language '" + s_.pack.default_language + "' is not among the pack's languages");
    s_.fallback_order = {s_.pack.default_language};
    for (const auto& code : l)
      if (code != s_.pack.default_language) s_.fallback_order.push_back(code);
    auto texts = db_.prepare("SELECT lang, title, credit FROM pack_text");
    while (texts.step()) {
      s_.pack.title.set(texts.text(0), texts.text(1));
      s_.pack.credit.set(texts.text(0), texts.text(2));
    }
  }

  void collections() {
    auto st = db_.prepare("SELECT id, slug, ord, cover_media_id FROM collection ORDER BY ord, slug");
    while (st.step()) {
      Collection c;
      c.id = st.int64(0);
      c.slug = st.text(1);
      c.order = as_int(st.int64(2));
      c.cover_media = st.opt_int64(3);
      collection_at_[c.id] = s_.collections.size();
      s_.collections.push_back(std::move(c));
    }
    if (s_.collections.empty()) fail("the pack has no collections");
    auto texts = db_.prepare("SELECT collection_id, lang, title, summary, description FROM collection_text");
    while (texts.step()) {
      auto it = collection_at_.find(texts.int64(0));
      if (it == collection_at_.end()) continue;
      Collection& c = s_.collections[it->second];
      const std::string lang = texts.text(1);
      c.title.set(lang, texts.text(2));
      c.summary.set(lang, texts.text(3));
      c.description.set(lang, texts.text(4));
    }
  }

  void items() {
    const bool certainty = s_.pack.schema_version >= 4;  // exact before
    const bool within = s_.pack.schema_version >= 5;     // no uncertain find-spots before
    auto st = db_.prepare(std::string("SELECT i.id, i.slug, i.collection_id, i.ord, i.year_from, i.year_to, i.latitude, "
                                      "i.longitude, ") +
                          (certainty ? "i.date_certainty" : "'exact'") + (within ? ", i.place_within_km" : ", NULL") +
                          " FROM item i JOIN collection c ON c.id = i.collection_id ORDER BY c.ord, c.slug, i.ord, i.slug");
    while (st.step()) {
      Item it;
      it.id = st.int64(0);
      it.slug = st.text(1);
      it.collection_id = st.int64(2);
      it.order = as_int(st.int64(3));
      it.year_from = opt_int(st, 4);
      it.year_to = opt_int(st, 5);
      it.latitude = st.opt_real(6);
      it.longitude = st.opt_real(7);
      it.certainty = certainty_named(st.text(8));
      it.within_km = st.opt_real(9);
      const std::size_t index = s_.items.size();
      item_at_[it.id] = index;
      s_.collections[collection_at_.at(it.collection_id)].items.push_back(index);
      s_.items.push_back(std::move(it));
    }
  }

  Item* item(std::int64_t id) {
    auto it = item_at_.find(id);
    return it == item_at_.end() ? nullptr : &s_.items[it->second];
  }

  void texts() {
    auto st = db_.prepare(
        "SELECT item_id, lang, title, summary, description, period, place, credit FROM item_text");
    while (st.step()) {
      Item* it = item(st.int64(0));
      if (!it) continue;
      const std::string lang = st.text(1);
      it->title.set(lang, st.text(2));
      it->summary.set(lang, st.text(3));
      it->description.set(lang, st.text(4));
      it->period.set(lang, st.text(5));
      it->place_name.set(lang, st.text(6));
      it->credit.set(lang, st.text(7));
    }
  }

  void metadata() {
    auto st = db_.prepare("SELECT item_id, ord, lang, label, value FROM item_metadata ORDER BY item_id, ord");
    std::int64_t last_item = -1, last_ord = -1;
    while (st.step()) {
      Item* it = item(st.int64(0));
      if (!it) continue;
      if (st.int64(0) != last_item || st.int64(1) != last_ord) it->metadata.emplace_back();
      last_item = st.int64(0);
      last_ord = st.int64(1);
      const std::string lang = st.text(2);
      it->metadata.back().label.set(lang, st.text(3));
      it->metadata.back().value.set(lang, st.text(4));
    }
  }

  void tags() {
    auto labels = db_.prepare("SELECT t.slug, x.lang, x.label FROM tag t LEFT JOIN tag_text x ON x.tag_id = t.id");
    while (labels.step()) {
      LangText& label = s_.tags[labels.text(0)];
      if (!labels.is_null(1)) label.set(labels.text(1), labels.text(2));
    }
    auto st = db_.prepare(
        "SELECT it.item_id, t.slug FROM item_tag it JOIN tag t ON t.id = it.tag_id ORDER BY it.item_id, it.ord");
    while (st.step())
      if (Item* it = item(st.int64(0))) it->tags.push_back(st.text(1));
  }

  void media() {
    std::unordered_map<std::int64_t, MediaRef*> by_id;
    auto st = db_.prepare("SELECT id, item_id, width, height FROM media WHERE item_id IS NOT NULL ORDER BY item_id, ord");
    while (st.step()) {
      Item* it = item(st.int64(1));
      if (!it) continue;
      MediaRef m;
      m.id = st.int64(0);
      m.width = as_int(st.int64(2));
      m.height = as_int(st.int64(3));
      it->media.push_back(std::move(m));
    }
    for (Item& it : s_.items)
      for (MediaRef& m : it.media) by_id[m.id] = &m;  // pointers are stable from here on

    auto texts = db_.prepare("SELECT media_id, lang, caption, alt FROM media_text");
    while (texts.step()) {
      auto found = by_id.find(texts.int64(0));
      if (found == by_id.end()) continue;
      const std::string lang = texts.text(1);
      found->second->caption.set(lang, texts.text(2));
      found->second->alt.set(lang, texts.text(3));
    }
    // Served by the covering index media_blob_meta: no blob page is read.
    auto sizes = db_.prepare("SELECT media_id, variant, width, height FROM media_blob INDEXED BY media_blob_meta");
    while (sizes.step()) {
      auto found = by_id.find(sizes.int64(0));
      if (found == by_id.end()) continue;
      const std::string variant = sizes.text(1);
      MediaRef& m = *found->second;
      if (variant == "display") {
        m.display_width = as_int(sizes.int64(2));
        m.display_height = as_int(sizes.int64(3));
      } else if (variant == "thumbnail") {
        m.thumb_width = as_int(sizes.int64(2));
        m.thumb_height = as_int(sizes.int64(3));
      }
    }
    if (s_.pack.schema_version < 3) return;  // no deep-zoom pyramids before version 3
    auto pyramids = db_.prepare("SELECT media_id, tile_size, levels FROM media_pyramid");
    while (pyramids.step()) {
      auto found = by_id.find(pyramids.int64(0));
      if (found == by_id.end()) continue;
      found->second->tile_size = as_int(pyramids.int64(1));
      found->second->tile_levels = as_int(pyramids.int64(2));
    }
  }

  void timeline() {
    if (s_.pack.schema_version < 4) return;  // no timeline before version 4
    std::unordered_map<std::int64_t, std::size_t> at;
    auto st = db_.prepare("SELECT id, slug, kind, year_from, year_to, certainty, colour FROM timeline_entry ORDER BY ord, slug");
    while (st.step()) {
      TimelineEntry e;
      e.slug = st.text(1);
      e.kind = st.text(2) == "event" ? TimelineEntry::Kind::event : TimelineEntry::Kind::period;
      e.year_from = as_int(st.int64(3));
      e.year_to = as_int(st.int64(4));
      e.certainty = certainty_named(st.text(5));
      if (!st.is_null(6)) e.colour = static_cast<std::uint32_t>(st.int64(6) & 0xFFFFFF);
      at[st.int64(0)] = s_.timeline.size();
      s_.timeline.push_back(std::move(e));
    }
    auto texts = db_.prepare("SELECT entry_id, lang, name, summary FROM timeline_entry_text");
    while (texts.step()) {
      const auto found = at.find(texts.int64(0));
      if (found == at.end()) continue;
      TimelineEntry& e = s_.timeline[found->second];
      e.name.set(texts.text(1), texts.text(2));
      e.summary.set(texts.text(1), texts.text(3));
    }
  }

  // The map: its frame and pyramid, its places with their names, its lines per detail level.
  // A pack without map.toml (or older than version 5) has none: MapInfo stays empty.
  void map() {
    if (s_.pack.schema_version < 5) return;
    MapInfo& m = s_.map;
    auto info = db_.prepare("SELECT west, south, east, north, width, height, tile_size, levels, credit FROM map");
    if (!info.step()) return;
    m.frame.region = geo::Box{info.real(0), info.real(1), info.real(2), info.real(3)};
    m.frame.width = as_int(info.int64(4));
    m.frame.height = as_int(info.int64(5));
    m.tile_size = as_int(info.int64(6));
    m.tile_levels = as_int(info.int64(7));
    m.credit = info.text(8);

    std::unordered_map<std::int64_t, std::size_t> at;
    auto places = db_.prepare("SELECT id, slug, latitude, longitude, rank FROM map_place ORDER BY ord, slug");
    while (places.step()) {
      at[places.int64(0)] = m.places.size();
      m.places.push_back(MapPlace{places.text(1), places.real(2), places.real(3), as_int(places.int64(4)), {}});
    }
    auto names = db_.prepare("SELECT place_id, lang, name FROM map_place_text");
    while (names.step())
      if (const auto found = at.find(names.int64(0)); found != at.end()) m.places[found->second].name.set(names.text(1), names.text(2));

    auto lines = db_.prepare("SELECT layer, level, tolerance, x0, y0, x1, y1, points FROM map_line ORDER BY tolerance, id");
    while (lines.step()) {
      const double tolerance = lines.real(2);
      if (m.details.empty() || m.details.back().tolerance != tolerance) m.details.push_back(MapDetail{tolerance, {}});
      MapLine line;
      line.layer = map_layer_named(lines.text(0)).value_or(MapLine::Layer::shore);
      line.level = as_int(lines.int64(1));
      line.x0 = static_cast<float>(lines.real(3));
      line.y0 = static_cast<float>(lines.real(4));
      line.x1 = static_cast<float>(lines.real(5));
      line.y1 = static_cast<float>(lines.real(6));
      line.xy = decode_map_points(lines.blob(7));
      if (line.xy.size() >= 4) m.details.back().lines.push_back(std::move(line));
    }
  }

  // Narrations and their sentences (version 6); the audio stays in narration_audio, unread.
  void narrations() {
    if (s_.pack.schema_version < 6) return;
    std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> at;  // id -> item index, narration index
    auto st = db_.prepare(
        "SELECT n.id, n.item_id, n.lang, n.synthetic, n.timed, n.duration_ms FROM narration n "
        "LEFT JOIN pack_language l ON l.code = n.lang ORDER BY n.item_id, l.ord, n.lang");
    while (st.step()) {
      const auto found = item_at_.find(st.int64(1));
      if (found == item_at_.end()) continue;
      Narration n;
      n.id = st.int64(0);
      n.lang = st.text(2);
      n.synthetic = st.int64(3) != 0;
      n.timed = st.int64(4) != 0;
      n.duration_ms = as_int(st.int64(5));
      auto& list = s_.items[found->second].narrations;
      at[n.id] = {found->second, list.size()};
      list.push_back(std::move(n));
    }
    auto sentences = db_.prepare(
        "SELECT narration_id, part, begin, end, start_ms FROM narration_sentence ORDER BY narration_id, ord");
    while (sentences.step()) {
      const auto found = at.find(sentences.int64(0));
      if (found == at.end()) continue;
      NarrationSentence x;
      x.part = narration_part_named(sentences.text(1)).value_or(NarrationSentence::Part::description);
      x.begin = static_cast<std::uint32_t>(std::clamp<std::int64_t>(sentences.int64(2), 0, UINT32_MAX));
      x.end = static_cast<std::uint32_t>(std::clamp<std::int64_t>(sentences.int64(3), 0, UINT32_MAX));
      x.start_ms = as_int(sentences.int64(4));
      s_.items[found->second.first].narrations[found->second.second].sentences.push_back(x);
    }
  }

  // An item with a date but no period label in some language gets the derived wording, so the
  // kiosk never falls back to another language's label when it can say it in this one.
  void derived_periods() {
    for (Item& it : s_.items) {
      if (!it.year_from && !it.year_to) continue;
      for (const std::string& lang : s_.pack.languages)
        if (!it.period.has(lang)) it.period.set(lang, format_period(it.year_from, it.year_to, lang, it.certainty));
    }
  }

  // The schedules of collections (when the home screen shows them) and of events (when they are
  // listed), version 7; read before events() fills in the events' ids.
  void schedules() {
    if (s_.pack.schema_version < 7) return;
    std::unordered_map<std::int64_t, Schedule> by_id;
    auto st = db_.prepare("SELECT id, collection_id, event_id, from_day, until_day FROM schedule ORDER BY id");
    while (st.step()) {
      Schedule sc;
      if (!st.is_null(3)) sc.from_day = static_cast<std::int32_t>(as_int(st.int64(3)));
      if (!st.is_null(4)) sc.until_day = static_cast<std::int32_t>(as_int(st.int64(4)));
      by_id[st.int64(0)] = std::move(sc);
      if (!st.is_null(1)) schedule_of_collection_[st.int64(1)] = st.int64(0);
      if (!st.is_null(2)) schedule_of_event_[st.int64(2)] = st.int64(0);
    }
    auto parts = db_.prepare(
        "SELECT schedule_id, weekdays, from_minute, to_minute FROM schedule_part ORDER BY schedule_id, ord");
    while (parts.step()) {
      const auto found = by_id.find(parts.int64(0));
      if (found == by_id.end()) continue;
      Schedule::Part part;
      part.weekdays = static_cast<std::uint8_t>(parts.int64(1) & 0x7f);
      part.from_minute = std::clamp(as_int(parts.int64(2)), 0, 1440);
      part.to_minute = std::clamp(as_int(parts.int64(3)), 0, 1440);
      found->second.parts.push_back(part);
    }
    schedules_ = std::move(by_id);
    for (Collection& c : s_.collections)
      if (const auto id = schedule_of_collection_.find(c.id); id != schedule_of_collection_.end())
        c.schedule = schedules_[id->second];
  }

  // The programme (version 7): events by first occurrence (then slug), occurrences in time order;
  // an event without any occurrence is left out (it could never be listed).
  void events() {
    if (s_.pack.schema_version < 7) return;
    std::unordered_map<std::int64_t, std::size_t> at;
    auto st = db_.prepare("SELECT id, slug, free, media_id FROM event ORDER BY ord, slug");
    std::vector<Event> events;
    while (st.step()) {
      Event e;
      e.id = st.int64(0);
      e.slug = st.text(1);
      e.free = st.int64(2) != 0;
      e.image = st.opt_int64(3);
      if (const auto id = schedule_of_event_.find(e.id); id != schedule_of_event_.end()) e.visibility = schedules_[id->second];
      at[e.id] = events.size();
      events.push_back(std::move(e));
    }
    auto texts = db_.prepare(
        "SELECT event_id, lang, title, summary, description, room, place, address, price, booking FROM event_text");
    while (texts.step()) {
      const auto found = at.find(texts.int64(0));
      if (found == at.end()) continue;
      Event& e = events[found->second];
      const std::string lang = texts.text(1);
      LangText* fields[] = {&e.title, &e.summary, &e.description, &e.room, &e.place, &e.address, &e.price, &e.booking};
      for (int i = 0; i < 8; ++i) fields[i]->set(lang, texts.text(2 + i));
    }
    auto audience = db_.prepare("SELECT event_id, audience FROM event_audience ORDER BY event_id, ord");
    while (audience.step()) {
      const auto found = at.find(audience.int64(0));
      const auto a = audience_named(audience.text(1));
      if (found != at.end() && a) events[found->second].audience.push_back(*a);
    }
    auto occurrences = db_.prepare("SELECT event_id, all_day, start, end FROM event_occurrence WHERE start < end");
    while (occurrences.step()) {
      const auto found = at.find(occurrences.int64(0));
      if (found == at.end()) continue;
      events[found->second].occurrences.push_back(
          EventOccurrence{occurrences.int64(1) != 0, occurrences.int64(2), occurrences.int64(3)});
    }
    // Time order needs the zone only to compare an all-day occurrence (days) with a timed one
    // (seconds); a day is taken as from its UTC midnight, which the writer's order already settled.
    const auto instant = [](const EventOccurrence& o) { return o.all_day ? o.start * 86400 : o.start; };
    for (Event& e : events) {
      std::sort(e.occurrences.begin(), e.occurrences.end(), [&](const EventOccurrence& a, const EventOccurrence& b) {
        return std::pair(instant(a), a.all_day) < std::pair(instant(b), b.all_day);
      });
      if (!e.occurrences.empty()) s_.events.push_back(std::move(e));
    }
  }

  [[noreturn]] void fail(const std::string& reason) { throw LoadError(s_.file, reason); }

  sql::Database& db_;
  Snapshot& s_;
  std::unordered_map<std::int64_t, std::size_t> collection_at_, item_at_;
  std::unordered_map<std::int64_t, Schedule> schedules_;                          // by schedule id
  std::unordered_map<std::int64_t, std::int64_t> schedule_of_collection_, schedule_of_event_;  // -> schedule id
};

}  // namespace

std::shared_ptr<const Snapshot> load_snapshot(const std::filesystem::path& pack,
                                              const std::vector<std::string>& fallback_first) {
  auto open = detail::open_pack(pack);
  auto snap = std::make_shared<Snapshot>();
  snap->file = pack;
  snap->pack.schema_version = open.schema_version;
  try {
    ReadTransaction tx(open.db);
    Loader(open.db, *snap).run();
  } catch (const LoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw LoadError(pack, std::string("cannot read the pack: ") + e.what());
  }
  auto& order = snap->fallback_order;
  for (auto first = fallback_first.rbegin(); first != fallback_first.rend(); ++first)
    if (const auto at = std::find(order.begin(), order.end(), *first); at != order.end())
      std::rotate(order.begin(), at, at + 1);
  return snap;
}

}  // namespace orpheus::catalog
