#include "packs/inspect.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <tuple>

#include "catalog/catalog.h"
#include "catalog/sqlite.h"
#include "events/zone.h"
#include "packs/coverage.h"
#include "packs/events_source.h"
#include "packs/verify.h"
#include "trust/seal.h"

namespace orpheus::packs {
namespace {

using nlohmann::ordered_json;

std::string megabytes(std::int64_t bytes) {
  char buf[32];
  if (bytes < 1'000'000)
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(bytes) / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

ordered_json lang_map(const catalog::LangText& t) {
  ordered_json j = ordered_json::object();
  for (const auto& [lang, text] : t.entries()) j[lang] = text;
  return j;
}

ordered_json seal_of(const std::filesystem::path& pack) {
  const trust::Check c = trust::check(pack, {});
  ordered_json j;
  if (!c.seal) return {{"state", "unsealed"}, {"reason", c.reason}};
  const trust::Seal& s = *c.seal;
  j["content_hash"] = trust::to_hex(s.recorded);
  j["state"] = !s.intact() ? "tampered" : s.signer ? "signed" : "unsigned";
  if (s.signer) j["signer"] = {{"id", s.signer->id()}, {"key", s.signer->text()}};
  if (c.verdict == trust::Verdict::bad_signature || c.verdict == trust::Verdict::tampered) j["reason"] = c.reason;
  return j;
}

// Per language: how many items' texts are recorded, synthetic or silent (some text in that
// language, no narration); the audio's bytes and length; with `verbose` every item's state.
ordered_json narration_of(const catalog::Snapshot& snap, sql::Database& db, bool verbose) {
  ordered_json langs = ordered_json::object();
  ordered_json items = ordered_json::object();
  std::int64_t duration_ms = 0;
  for (const std::string& lang : snap.pack.languages) langs[lang] = {{"recorded", 0}, {"synthetic", 0}, {"silent", 0}};
  for (const catalog::Item& it : snap.items) {
    ordered_json states = ordered_json::object();
    for (const std::string& lang : snap.pack.languages) {
      const catalog::Narration* n = it.narration(lang);
      std::string state;
      if (n)
        state = n->synthetic ? "synthetic" : "recorded";
      else if (it.title.has(lang) || it.summary.has(lang) || it.description.has(lang))
        state = "silent";
      else
        continue;  // nothing to say in this language
      langs[lang][state] = langs[lang][state].get<int>() + 1;
      if (n) duration_ms += n->duration_ms;
      if (verbose) states[lang] = n ? ordered_json{{"state", state}, {"duration_ms", n->duration_ms}, {"timed", n->timed},
                                                   {"sentences", n->sentences.size()}}
                                    : ordered_json{{"state", state}};
    }
    if (verbose) items[it.slug] = std::move(states);
  }
  std::int64_t count = 0, bytes = 0;
  if (snap.pack.schema_version >= 6) {
    auto st = db.prepare("SELECT count(*), coalesce(sum(length(bytes)), 0) FROM narration_audio");
    st.step();
    count = st.int64(0);
    bytes = st.int64(1);
  }
  ordered_json j = {{"count", count}, {"bytes", bytes}, {"duration_ms", duration_ms}, {"languages", std::move(langs)}};
  if (verbose) j["items"] = std::move(items);
  return j;
}

// Per language (coverage.h): how many items and collections have each covered text in it, of
// those that have it in any language ("of"); for items also their metadata pairs (label and value
// both in that language), their images' captions and their narrations (recorded or synthetic).
ordered_json texts_of(const catalog::Snapshot& snap) {
  const std::vector<std::string>& languages = snap.pack.languages;
  auto table = [&](const auto& things, bool items) {
    const std::vector<LanguageTally> tallies = tally_texts(languages, things);
    ordered_json of = ordered_json::object(), langs = ordered_json::object();
    for (std::size_t i = 0; i < kCoveredTexts.size(); ++i)
      of[std::string(plural_name(kCoveredTexts[i]))] = tallies.empty() ? 0 : tallies.front().texts[i].of;
    for (const LanguageTally& t : tallies) {
      ordered_json& l = langs[t.lang] = ordered_json::object();
      for (std::size_t i = 0; i < kCoveredTexts.size(); ++i) l[std::string(plural_name(kCoveredTexts[i]))] = t.texts[i].have;
    }
    if (!items) return ordered_json{{"of", std::move(of)}, {"languages", std::move(langs)}};
    int metadata = 0, captions = 0;
    for (const catalog::Item& it : snap.items) {
      metadata += static_cast<int>(it.metadata.size());
      for (const catalog::MediaRef& m : it.media) captions += m.caption.empty() ? 0 : 1;
    }
    of["metadata"] = metadata;
    of["captions"] = captions;
    for (const std::string& lang : languages) {
      int meta = 0, caption = 0, narrated = 0;
      for (const catalog::Item& it : snap.items) {
        for (const catalog::MetaPair& m : it.metadata) meta += m.label.has(lang) && m.value.has(lang) ? 1 : 0;
        for (const catalog::MediaRef& m : it.media) caption += m.caption.has(lang) ? 1 : 0;
        narrated += it.narration(lang) ? 1 : 0;
      }
      langs[lang]["metadata"] = meta;
      langs[lang]["captions"] = caption;
      langs[lang]["narrations"] = narrated;
    }
    return ordered_json{{"of", std::move(of)}, {"languages", std::move(langs)}};
  };
  ordered_json out = {{"items", table(snap.items, true)}, {"collections", table(snap.collections, false)}};
  if (!snap.events.empty()) {
    // Only titles and summaries: an event's description is never required (coverage.h).
    ordered_json events = table(snap.events, false);
    events["of"].erase("descriptions");
    for (auto& counts : events["languages"]) counts.erase("descriptions");
    out["events"] = std::move(events);
  }
  return out;
}

// The programme: how many events and dates, and the next `limit` occurrences not yet ended at
// `now` (those happening then first among equals), local times in the pack's zone.
ordered_json events_of(const catalog::Snapshot& snap, std::int64_t now, std::size_t limit) {
  const auto named = events::TimeZone::named(snap.pack.time_zone);
  const events::TimeZone zone = named ? *named : events::TimeZone::utc();
  struct Next {
    std::int64_t start, end;
    const catalog::Event* event;
    const catalog::EventOccurrence* occurrence;
  };
  std::vector<Next> next;
  std::size_t dates = 0;
  for (const catalog::Event& e : snap.events)
    for (const catalog::EventOccurrence& o : e.occurrences) {
      ++dates;
      const std::int64_t start = o.all_day ? zone.day_start(static_cast<std::int32_t>(o.start)) : o.start;
      const std::int64_t end = o.all_day ? zone.day_start(static_cast<std::int32_t>(o.end)) : o.end;
      if (end > now) next.push_back(Next{start, end, &e, &o});
    }
  std::sort(next.begin(), next.end(), [](const Next& a, const Next& b) {
    return std::tuple(a.start, a.end, a.event->slug) < std::tuple(b.start, b.end, b.event->slug);
  });
  if (next.size() > limit) next.resize(limit);
  ordered_json upcoming = ordered_json::array();
  for (const Next& n : next)
    upcoming.push_back({{"id", n.event->slug},
                        {"all_day", n.occurrence->all_day},
                        {"start", detail::local_text(*n.occurrence, zone)},
                        {"end", detail::local_text(*n.occurrence, zone, true)},
                        {"now", n.start <= now},
                        {"title", lang_map(n.event->title)}});
  const events::LocalTime local = zone.to_local(now);
  char from[32];
  std::snprintf(from, sizeof from, " %02d:%02d", local.minute / 60, local.minute % 60);
  return {{"time_zone", zone.name()},
          {"count", snap.events.size()},
          {"dates", dates},
          {"from", events::format_date(local.day) + from},
          {"upcoming", std::move(upcoming)}};
}

// The "texts" of describe_pack as two tables sharing their columns, one row per language:
//   item texts:        titles  summaries  descriptions  narrations
//     de               41/41   41/41       0/41         0
// "-" where no item (collection) has that text in any language; metadata and captions with
// `verbose`. The narrations say recorded and synthetic apart (from "narration").
void print_texts(const ordered_json& j, bool verbose, std::ostream& out) {
  using Row = std::vector<std::string>;
  const auto& texts = j["texts"];
  const ordered_json* narration = j.contains("narration") ? &j["narration"]["languages"] : nullptr;
  std::vector<std::string> columns;
  for (CoveredText t : kCoveredTexts) columns.emplace_back(plural_name(t));
  if (verbose) columns.insert(columns.end(), {"metadata", "captions"});
  std::vector<Row> rows;  // a heading row starts with its label ending in ':'
  for (const char* part : {"items", "collections", "events"}) {
    if (!texts.contains(part)) continue;
    const auto& table = texts[part];
    const bool items = std::string_view(part) == "items";
    Row heading{items ? "item texts:" : std::string_view(part) == "events" ? "event texts:" : "collection texts:"};
    for (const auto& c : columns)
      if (items || table["of"].contains(c)) heading.push_back(c);
    if (items) heading.push_back("narrations");
    rows.push_back(heading);
    for (const auto& [lang, counts] : table["languages"].items()) {
      Row row{"  " + lang};
      for (std::size_t c = 1; c < heading.size(); ++c) {
        const std::string& name = heading[c];
        if (name == "narrations") {
          const int recorded = narration ? (*narration)[lang]["recorded"].get<int>() : 0;
          const int synthetic = narration ? (*narration)[lang]["synthetic"].get<int>() : 0;
          std::string cell = recorded ? std::to_string(recorded) + " recorded" : "";
          if (synthetic) cell += (cell.empty() ? "" : " + ") + std::to_string(synthetic) + " synthetic";
          row.push_back(cell.empty() ? "0" : cell);
          continue;
        }
        const int of = table["of"][name].get<int>();
        row.push_back(of ? std::to_string(counts[name].get<int>()) + "/" + std::to_string(of) : "-");
      }
      rows.push_back(std::move(row));
    }
  }
  // Column widths over both tables: a heading's, and its cells' (right-aligned among themselves;
  // the narrations, last, left-aligned).
  const std::size_t narrations = columns.size() + 1;
  std::vector<std::size_t> cell_width(narrations + 1), width(narrations + 1);
  for (const Row& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (r[0].back() != ':' && c > 0) cell_width[c] = std::max(cell_width[c], r[c].size());
      width[c] = std::max({width[c], r[c].size(), cell_width[c]});
    }
  for (const Row& r : rows) {
    const bool heading = r[0].back() == ':';
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      std::string cell = r[c];
      if (!heading && c > 0 && c < narrations) cell.insert(0, cell_width[c] - cell.size(), ' ');
      if (c + 1 < r.size()) cell.resize(width[c] + 2, ' ');
      line += cell;
    }
    out << line << "\n";
  }
}

std::string minutes(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f min", static_cast<double>(ms) / 60000.0);
  return buf;
}

}  // namespace

ordered_json describe_pack(const std::filesystem::path& pack, bool verbose, std::optional<std::int64_t> now,
                           std::size_t upcoming) {
  const auto snap = catalog::load_snapshot(pack);  // LoadError for anything that is not a pack
  const Manifest m = read_manifest(pack);
  ordered_json j;
  std::error_code ec;
  j["file"] = pack.string();
  j["bytes"] = std::filesystem::file_size(pack, ec);
  j["manifest"] = {{"id", m.id},
                   {"version", m.version},
                   {"title", lang_map(m.title)},
                   {"credit", lang_map(m.credit)},
                   {"schema_version", m.schema_version},
                   {"created", m.created},
                   {"generator", m.generator},
                   {"default_language", m.default_language},
                   {"languages", m.languages}};
  j["seal"] = seal_of(pack);
  ordered_json cols = ordered_json::array();
  std::size_t images = 0;
  for (const auto& c : snap->collections) {
    std::size_t media = 0;
    for (auto i : c.items) media += snap->items[i].media.size();
    images += media;
    cols.push_back({{"id", c.slug}, {"title", lang_map(c.title)}, {"items", c.items.size()}, {"images", media}});
  }
  j["counts"] = {{"collections", snap->collections.size()},
                 {"items", snap->items.size()},
                 {"images", images},
                 {"tags", snap->tags.size()}};
  j["collections"] = std::move(cols);
  sql::Database db(pack, sql::Database::Mode::untrusted);
  ordered_json media = ordered_json::object();
  auto st = db.prepare("SELECT variant, count(*), sum(length(bytes)) FROM media_blob GROUP BY variant ORDER BY variant");
  while (st.step()) media[st.text(0)] = {{"count", st.int64(1)}, {"bytes", st.int64(2)}};
  if (m.schema_version >= 3) {
    auto tiles = db.prepare("SELECT count(*), coalesce(sum(length(bytes)), 0) FROM media_tile");
    tiles.step();
    media["tiles"] = {{"count", tiles.int64(0)}, {"bytes", tiles.int64(1)}};
  }
  j["media"] = std::move(media);
  j["narration"] = narration_of(*snap, db, verbose);
  j["texts"] = texts_of(*snap);
  if (snap->pack.schema_version >= 7) {
    const std::int64_t at = now ? *now : std::chrono::duration_cast<std::chrono::seconds>(
                                              std::chrono::system_clock::now().time_since_epoch()).count();
    j["events"] = events_of(*snap, at, upcoming);
  }
  if (const catalog::MapInfo& map = snap->map; map.present()) {
    auto tiles = db.prepare("SELECT count(*), coalesce(sum(length(bytes)), 0) FROM map_tile");
    tiles.step();
    auto lines = db.prepare("SELECT count(*), coalesce(sum(length(points)), 0) FROM map_line");
    lines.step();
    const geo::Box& r = map.frame.region;
    j["map"] = {{"region", {{"west", r.west}, {"south", r.south}, {"east", r.east}, {"north", r.north}}},
                {"width", map.frame.width},
                {"height", map.frame.height},
                {"tiles", {{"count", tiles.int64(0)}, {"bytes", tiles.int64(1)}, {"size", map.tile_size}, {"levels", map.tile_levels}}},
                {"lines", {{"count", lines.int64(0)}, {"bytes", lines.int64(1)}, {"detail_levels", map.details.size()}}},
                {"places", map.places.size()},
                {"credit", map.credit}};
  }
  return j;
}

void print_description(const ordered_json& j, std::ostream& out, bool verbose) {
  const auto& m = j["manifest"];
  const std::string lang = m["default_language"];
  auto text = [&](const ordered_json& map) -> std::string {
    if (map.contains(lang)) return map[lang];
    return map.empty() ? std::string() : map.begin()->get<std::string>();
  };
  out << "pack:        " << m["id"].get<std::string>() << " " << m["version"].get<std::string>() << "\n"
      << "title:       " << text(m["title"]) << "\n"
      << "created:     " << m["created"].get<std::string>()
      << (m["generator"].get<std::string>().empty() ? "" : " by " + m["generator"].get<std::string>()) << "\n"
      << "schema:      version " << m["schema_version"].get<int>() << "\n"
      << "languages:  ";
  for (const auto& l : m["languages"]) out << " " << l.get<std::string>() << (l == lang ? " (default)" : "");
  out << "\n";
  const auto& seal = j["seal"];
  const std::string state = seal["state"];
  out << "seal:        ";
  if (state == "unsealed") out << "none (" << seal["reason"].get<std::string>() << ")";
  else if (state == "signed") out << "signed by key " << seal["signer"]["id"].get<std::string>();
  else out << state;
  if (seal.contains("content_hash")) out << "\ncontent:     " << seal["content_hash"].get<std::string>();
  if (seal.contains("reason") && state != "unsealed") out << "\n             " << seal["reason"].get<std::string>();
  out << "\n"
      << "tags:        " << j["counts"]["tags"].get<int>() << "\n"
      << "collections: " << j["collections"].size() << "\n";
  for (const auto& c : j["collections"])
    out << "  " << c["id"].get<std::string>() << ": " << c["items"].get<int>() << " items, " << c["images"].get<int>()
        << " images  \"" << text(c["title"]) << "\"\n";
  out << "items:       " << j["counts"]["items"].get<int>() << "\n"
      << "images:      " << j["counts"]["images"].get<int>() << "\n";
  for (const auto& [name, v] : j["media"].items())
    out << "  " << name << ": " << v["count"].get<std::int64_t>() << (name == "tiles" ? " tiles, " : " blobs, ")
        << megabytes(v["bytes"].get<std::int64_t>()) << "\n";
  if (j.contains("texts")) print_texts(j, verbose, out);
  if (j.contains("map")) {
    const auto& map = j["map"];
    out << "map:         " << map["width"].get<int>() << " x " << map["height"].get<int>() << " px, "
        << map["tiles"]["count"].get<std::int64_t>() << " tiles (" << megabytes(map["tiles"]["bytes"].get<std::int64_t>())
        << "), " << map["lines"]["count"].get<std::int64_t>() << " lines in " << map["lines"]["detail_levels"].get<int>()
        << " detail levels (" << megabytes(map["lines"]["bytes"].get<std::int64_t>()) << "), "
        << map["places"].get<int>() << " places\n";
  }
  if (j.contains("events")) {
    const auto& e = j["events"];
    const auto& next = e["upcoming"];
    // "2027-03-14 11:00–12:30", "2027-03-14 19:00 – 2027-03-15 01:00"; "2027-03-14 all day",
    // "2027-03-01 – 2027-04-11"
    auto when = [](const ordered_json& o) {
      const std::string start = o["start"], end = o["end"];
      if (o["all_day"].get<bool>()) return start == end ? start + " all day" : start + " – " + end;
      if (start.substr(0, 10) == end.substr(0, 10)) return start + "–" + end.substr(11);
      return start + " – " + end;
    };
    out << "events:      ";
    if (e["count"].get<std::size_t>() == 0)
      out << "none";
    else
      out << e["count"].get<std::size_t>() << " events, " << e["dates"].get<std::size_t>() << " dates";
    if (!next.empty()) out << ", next: " << when(next[0]) << " " << text(next[0]["title"]);
    else if (e["count"].get<std::size_t>() > 0) out << ", none after " << e["from"].get<std::string>();
    out << "\n";
    if (!next.empty()) {
      out << "  upcoming from " << e["from"].get<std::string>() << " (" << e["time_zone"].get<std::string>() << "):\n";
      // Padded by characters, not bytes ("–" is three).
      auto columns = [](const std::string& s) {
        return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
      };
      std::size_t width = 0;
      for (const auto& o : next) width = std::max(width, columns(when(o)));
      for (const auto& o : next) {
        std::string w = when(o);
        w.append(width - columns(w), ' ');
        out << "    " << w << "  " << text(o["title"]) << (o["now"].get<bool>() ? "  (now)" : "") << "\n";
      }
    }
  }
  if (j.contains("narration")) {
    const auto& n = j["narration"];
    out << "narration:   " << n["count"].get<std::int64_t>() << " narrations, " << minutes(n["duration_ms"].get<std::int64_t>())
        << ", " << megabytes(n["bytes"].get<std::int64_t>()) << "\n";
    if (n.contains("items"))
      for (const auto& [slug, states] : n["items"].items()) {
        out << "    " << slug << ":";
        for (const auto& [l, st] : states.items()) {
          out << " " << l << " " << st["state"].get<std::string>();
          if (st.contains("duration_ms")) {
            char buf[48];
            std::snprintf(buf, sizeof buf, " (%.1f s, %d sentences%s)", st["duration_ms"].get<double>() / 1000.0,
                          st["sentences"].get<int>(), st["timed"].get<bool>() ? "" : ", estimated");
            out << buf;
          }
        }
        out << "\n";
      }
  }
  out << "file size:   " << megabytes(j["bytes"].get<std::int64_t>()) << "\n";
}

}  // namespace orpheus::packs
