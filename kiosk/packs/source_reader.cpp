// read_source: pack.toml, collections/*.toml, items/**/*.toml, events/ -> PackSource + problems.
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <tuple>

#include "events/zone.h"
#include "packs/events_source.h"
#include "packs/source.h"
#include "packs/text_rules.h"
#include "packs/toml_check.h"

namespace orpheus::packs {
namespace {

using detail::Fields;
using detail::is_slug;
using detail::LangRules;
using detail::Need;
using detail::TomlFile;
namespace fs = std::filesystem;

constexpr int kMinYear = -10000, kMaxYear = 2200;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string quoted_list(const std::vector<std::string>& v, std::size_t max = 12) {
  std::string s;
  for (std::size_t i = 0; i < v.size() && i < max; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > max) s += ", …";
  return s;
}

// *.toml files under `dir` (recursively or not), sorted, as paths relative to `base`.
std::vector<fs::path> toml_files(const fs::path& dir, const fs::path& base, bool recursive) {
  std::vector<fs::path> out;
  std::error_code ec;
  auto consider = [&](const fs::directory_entry& e) {
    if (e.is_regular_file(ec) && e.path().extension() == ".toml") out.push_back(e.path().lexically_relative(base));
  };
  if (recursive) {
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec), end;
         !ec && it != end; it.increment(ec))
      consider(*it);
  } else {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) consider(*it);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class SourceReader {
 public:
  SourceReader(const BuildOptions& o, std::vector<Problem>& problems) : o_(o), problems_(problems) {
    s_.dir = o.source_dir;
  }

  PackSource run() {
    std::error_code ec;
    if (!fs::is_directory(o_.source_dir, ec)) {
      problems_.push_back(Problem{o_.source_dir, 0, 0, "", "not a folder (expected a pack source folder)"});
      return std::move(s_);
    }
    read_pack();
    const fs::path collections = o_.source_dir / "collections";
    if (!fs::is_directory(collections, ec))
      problems_.push_back(Problem{collections, 0, 0, "", "folder missing: a pack needs at least one collection"});
    for (const auto& rel : toml_files(collections, o_.source_dir, false)) read_collection(rel);
    for (const auto& rel : toml_files(o_.source_dir / "items", o_.source_dir, true)) read_item(rel);
    read_timeline();
    read_map();
    detail::read_events(o_, rules_, zone(), s_, problems_);
    cross_check();
    detail::check_events(s_, zone(), problems_);
    return std::move(s_);
  }

 private:
  fs::path shown(const fs::path& rel) const { return o_.source_dir / rel; }

  // The museum's time zone: pack.toml's, else (none given, or an unknown one, reported) Sofia's.
  const events::TimeZone& zone() {
    if (!zone_) zone_ = events::TimeZone::named(s_.time_zone);
    if (!zone_) zone_ = events::TimeZone::utc();
    return *zone_;
  }

  void read_pack() {
    TomlFile f(shown("pack.toml"), problems_);
    std::error_code ec;
    if (!fs::exists(f.path(), ec)) {
      f.report("", "file missing: every pack source needs a pack.toml");
      return;
    }
    if (!f.load()) return;
    Fields t(f, f.root(), "");
    t.allow({"id", "version", "default_language", "languages", "require_languages", "title", "credit", "time_zone", "tags"});
    rules_ = detail::read_pack_identity(t, s_);
    if (auto name = t.string("time_zone", false)) {
      s_.time_zone_loc = f.loc(t.where("time_zone"));
      if (auto z = events::TimeZone::named(*name)) {
        s_.time_zone = z->name();  // the IANA name, also for a Windows one
        zone_ = std::move(z);
      } else {
        t.report("time_zone", "'" + *name + "' is not a time zone: write an IANA name like \"Europe/Sofia\" or \"Europe/Berlin\"");
      }
    }
    s_.title = t.text("title", Need::default_language, rules_);
    s_.credit = t.text("credit", Need::optional, rules_);
    if (const toml::table* tags = t.table("tags", false)) {
      for (auto&& [k, v] : *tags) {
        const std::string slug(k.str());
        const std::string field = "tags." + slug;
        if (!is_slug(slug, false))
          f.report(k.source(), field, "'" + slug + "' is not a valid tag slug: use lower-case letters, digits and '-'");
        s_.tags[slug] = detail::read_lang_map(f, v, field, Need::default_language, rules_);
      }
    }
  }

  // The required `id`: a slug, and where it is written (for cross-reference messages).
  static void read_id(TomlFile& f, Fields& t, std::string& slug, SourceLoc& loc) {
    auto id = t.string("id", true);
    if (!id) return;
    if (!is_slug(*id, false)) t.report("id", "'" + *id + "' is not a valid id: use lower-case letters, digits and '-'");
    slug = *id;
    loc = f.loc(t.where("id"));
  }

  // Where title, summary and description are written (line 0 for one that is not).
  static TextLocs text_locs(TomlFile& f, Fields& t) {
    return TextLocs{f.loc(t.where("title")), f.loc(t.where("summary")), f.loc(t.where("description"))};
  }

  void read_collection(const fs::path& rel) {
    TomlFile f(shown(rel), problems_);
    if (!f.load()) return;
    Fields t(f, f.root(), "");
    t.allow({"id", "order", "title", "summary", "description", "cover", "schedule"});
    CollectionSource c;
    c.loc = SourceLoc{f.path(), 0, 0};
    read_id(f, t, c.slug, c.loc);
    if (auto order = t.int32("order", true)) c.order = *order;
    c.title = t.text("title", Need::default_language, rules_);
    c.summary = t.text("summary", Need::optional, rules_);
    c.description = t.text("description", Need::optional, rules_);
    c.text_locs = text_locs(f, t);
    if (auto cover = t.string("cover", false)) {
      c.cover = *cover;
      c.cover_loc = f.loc(t.where("cover"));
    }
    if (const toml::node* schedule = f.root().get("schedule")) {
      c.schedule = detail::read_schedule(f, *schedule, "schedule");
      c.schedule_loc = f.loc(schedule->source());
    }
    s_.collections.push_back(std::move(c));
  }

  void read_item(const fs::path& rel) {
    TomlFile f(shown(rel), problems_);
    if (!f.load()) return;
    Fields t(f, f.root(), "");
    t.allow({"id", "collection", "order", "date", "place", "tags", "title", "summary", "description", "period",
             "place_name", "credit", "images", "metadata"});
    ItemSource it;
    it.loc = SourceLoc{f.path(), 0, 0};
    read_id(f, t, it.slug, it.loc);
    if (auto c = t.string("collection", true)) {
      it.collection = *c;
      it.collection_loc = f.loc(t.where("collection"));
    }
    if (auto order = t.int32("order", true)) it.order = *order;
    if (const toml::table* date = t.table("date", false)) read_date(f, *date, it);
    if (const toml::table* place = t.table("place", false)) read_place(f, *place, it);
    if (const toml::array* tags = t.array("tags", false)) read_tags(f, *tags, it);
    it.title = t.text("title", Need::default_language, rules_);
    it.summary = t.text("summary", Need::default_language, rules_);
    it.description = t.text("description", Need::default_language, rules_);
    it.text_locs = text_locs(f, t);
    it.period = t.text("period", Need::optional, rules_);
    it.place_name = t.text("place_name", Need::optional, rules_);
    it.credit = t.text("credit", Need::default_language, rules_);
    if (const toml::array* images = t.array("images", false)) read_images(f, *images, it);
    if (const toml::array* meta = t.array("metadata", false)) read_metadata(f, *meta, it);
    s_.items.push_back(std::move(it));
  }

  // `[date]`: from and to (years, BCE negative), and how sure they are ("circa", "uncertain";
  // exact when left out). Both years in `from`/`to` when they are valid.
  bool read_years(Fields& d, std::optional<int>& year_from, std::optional<int>& year_to, catalog::Certainty& certainty) {
    d.allow({"from", "to", "certainty"});
    auto from = d.int32("from", true), to = d.int32("to", true);
    bool ok = from && to;
    for (auto [key, v] : {std::pair{"from", from}, std::pair{"to", to}})
      if (v && (*v < kMinYear || *v > kMaxYear)) {
        d.report(key, "year " + std::to_string(*v) + " is out of range " + std::to_string(kMinYear) + ".." +
                          std::to_string(kMaxYear) + " (BCE years are negative)");
        ok = false;
      }
    if (ok && *from > *to) {
      d.report("from", "from (" + std::to_string(*from) + ") is after to (" + std::to_string(*to) +
                           "); BCE years are negative, e.g. from = -400, to = -300");
      ok = false;
    }
    if (auto c = d.string("certainty", false)) {
      if (*c != "exact" && *c != "circa" && *c != "uncertain")
        d.report("certainty", "'" + *c + "' is not a certainty: write \"circa\" or \"uncertain\" (or leave it out: exact)");
      else
        certainty = catalog::certainty_named(*c);
    }
    if (ok) {
      year_from = from;
      year_to = to;
    }
    return ok;
  }

  void read_date(TomlFile& f, const toml::table& date, ItemSource& it) {
    Fields d(f, date, "date");
    read_years(d, it.year_from, it.year_to, it.certainty);
  }

  // Each [[key]] table of `root` with its field prefix ("key[2]"); anything else in the array is
  // reported.
  template <class Visit>
  static void each_table(TomlFile& f, Fields& root, const char* key, Visit&& visit) {
    const toml::array* list = root.array(key, false);
    if (!list) return;
    std::size_t i = 0;
    for (const toml::node& n : *list) {
      const std::string prefix = std::string(key) + "[" + std::to_string(++i) + "]";
      if (const toml::table* t = n.as_table()) visit(*t, prefix);
      else f.report(n.source(), prefix, std::string("expected a [[") + key + "]] table, got " + detail::type_name(n.type()));
    }
  }

  // timeline.toml (optional): [[period]] and [[event]] tables, each with an id, a name per
  // language, an optional summary, a [date] like an item's, and for a period an optional colour.
  void read_timeline() {
    std::error_code ec;
    if (!fs::exists(o_.source_dir / "timeline.toml", ec)) return;
    TomlFile f(shown("timeline.toml"), problems_);
    if (!f.load()) return;
    Fields root(f, f.root(), "");
    root.allow({"period", "event"});
    for (const auto kind : {catalog::TimelineEntry::Kind::period, catalog::TimelineEntry::Kind::event}) {
      const char* key = kind == catalog::TimelineEntry::Kind::period ? "period" : "event";
      each_table(f, root, key, [&](const toml::table& t, const std::string& prefix) {
        Fields e(f, t, prefix);
        if (kind == catalog::TimelineEntry::Kind::period)
          e.allow({"id", "name", "summary", "date", "colour"});
        else
          e.allow({"id", "name", "summary", "date"});
        TimelineSource entry;
        entry.kind = kind;
        entry.loc = SourceLoc{f.path(), 0, 0};
        read_id(f, e, entry.slug, entry.loc);
        entry.name = e.text("name", Need::default_language, rules_);
        entry.summary = e.text("summary", Need::optional, rules_);
        bool dated = false;
        if (const toml::table* date = e.table("date", true)) {
          Fields d(f, *date, prefix + ".date");
          std::optional<int> from, to;
          dated = read_years(d, from, to, entry.certainty);
          if (dated) {
            entry.year_from = *from;
            entry.year_to = *to;
          }
        }
        if (auto colour = e.string("colour", false)) {
          const bool hex = colour->size() == 7 && (*colour)[0] == '#' &&
                           colour->find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
          if (!hex)
            e.report("colour", "'" + *colour + "' is not a colour: write it as \"#RRGGBB\", e.g. \"#8a5a2b\"");
          else
            entry.colour = static_cast<std::uint32_t>(std::stoul(colour->substr(1), nullptr, 16));
        }
        if (dated) s_.timeline.push_back(std::move(entry));
      });
    }
  }

  // { lat, lon } in WGS 84 degrees, each in range; none if either is missing or out of range.
  static std::optional<geo::LonLat> read_lat_lon(Fields& p) {
    auto lat = p.number("lat", true), lon = p.number("lon", true);
    bool ok = lat && lon;
    if (lat && !(*lat >= -90.0 && *lat <= 90.0)) {
      p.report("lat", "latitude " + number(*lat) + " is outside -90..90");
      ok = false;
    }
    if (lon && !(*lon >= -180.0 && *lon <= 180.0)) {
      p.report("lon", "longitude " + number(*lon) + " is outside -180..180 (west is negative)");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return geo::LonLat{*lon, *lat};
  }

  void read_place(TomlFile& f, const toml::table& place, ItemSource& it) {
    Fields p(f, place, "place");
    p.allow({"lat", "lon", "within_km"});
    it.place_loc = f.loc(p.where("lat"));
    if (const auto at = read_lat_lon(p)) {
      it.latitude = at->lat;
      it.longitude = at->lon;
    }
    if (const auto within = p.number("within_km", false)) {
      if (!(*within > 0 && *within <= 1000))
        p.report("within_km", "an uncertainty of " + number(*within) + " km: give a radius above 0 and up to 1000 km");
      else
        it.within_km = within;
    }
  }

  // map.toml (optional): the region the map shows, and reference places named on it.
  void read_map() {
    std::error_code ec;
    if (!fs::exists(o_.source_dir / "map.toml", ec)) return;
    TomlFile f(shown("map.toml"), problems_);
    if (!f.load()) return;
    Fields root(f, f.root(), "");
    root.allow({"region", "place"});
    if (const toml::table* region = root.table("region", true)) {
      Fields r(f, *region, "region");
      r.allow({"west", "south", "east", "north"});
      const auto w = r.number("west", true), s = r.number("south", true), e = r.number("east", true),
                 n = r.number("north", true);
      bool ok = w && s && e && n;
      for (const auto& [key, v, limit] : {std::tuple{"west", w, 180.0}, std::tuple{"east", e, 180.0},
                                          std::tuple{"south", s, 90.0}, std::tuple{"north", n, 90.0}})
        if (v && !(*v >= -limit && *v <= limit)) {
          r.report(key, number(*v) + " is outside -" + number(limit) + ".." + number(limit));
          ok = false;
        }
      if (ok && !(*w < *e)) {
        r.report("east", "east (" + number(*e) + ") is not east of west (" + number(*w) + "); a map across 180° is not supported");
        ok = false;
      }
      if (ok && !(*s < *n)) {
        r.report("north", "north (" + number(*n) + ") is not north of south (" + number(*s) + ")");
        ok = false;
      }
      if (ok) {
        s_.map.region = geo::Box{*w, *s, *e, *n};
        s_.map.region_loc = f.loc(root.where("region"));
      }
    }
    each_table(f, root, "place", [&](const toml::table& t, const std::string& prefix) {
      Fields p(f, t, prefix);
      p.allow({"id", "name", "at", "rank"});
      PlaceSource place;
      place.loc = SourceLoc{f.path(), 0, 0};
      read_id(f, p, place.slug, place.loc);
      place.name = p.text("name", Need::default_language, rules_);
      if (auto rank = p.int32("rank", false)) {
        if (*rank < 1 || *rank > 3) p.report("rank", "rank " + std::to_string(*rank) + ": give 1 (always named), 2 or 3 (named only close in)");
        else place.rank = *rank;
      }
      bool located = false;
      if (const toml::table* at = p.table("at", true)) {
        Fields a(f, *at, prefix + ".at");
        a.allow({"lat", "lon"});
        place.at_loc = f.loc(a.where("lat"));
        if (const auto where = read_lat_lon(a)) {
          place.at = *where;
          located = true;
        }
      }
      if (located) s_.map.places.push_back(std::move(place));
    });
  }

  void read_tags(TomlFile& f, const toml::array& tags, ItemSource& it) {
    std::size_t i = 0;
    for (const toml::node& n : tags) {
      ++i;
      const std::string field = "tags[" + std::to_string(i) + "]";
      if (!n.is_string()) {
        f.report(n.source(), field, "expected a tag slug string, got " + detail::type_name(n.type()));
        continue;
      }
      const std::string slug = n.as_string()->get();
      if (std::find(it.tags.begin(), it.tags.end(), slug) != it.tags.end()) {
        f.report(n.source(), field, "tag '" + slug + "' is listed twice");
        continue;
      }
      it.tags.push_back(slug);
      it.tag_locs.push_back(f.loc(n.source()));
    }
  }

  void read_images(TomlFile& f, const toml::array& images, ItemSource& it) {
    std::size_t i = 0;
    for (const toml::node& n : images) {
      ++i;
      const std::string prefix = "images[" + std::to_string(i) + "]";
      const toml::table* t = n.as_table();
      if (!t) {
        f.report(n.source(), prefix, "expected an [[images]] table, got " + detail::type_name(n.type()));
        continue;
      }
      Fields img(f, *t, prefix);
      img.allow({"file", "caption", "alt"});
      ImageSource src;
      src.field = img.field("file");
      src.caption = img.text("caption", Need::optional, rules_);
      src.alt = img.text("alt", Need::optional, rules_);
      if (auto file = img.string("file", true)) {
        src.file = *file;
        src.loc = f.loc(img.where("file"));
        src.resolved = locate(img, *file);
      }
      it.images.push_back(std::move(src));
    }
  }

  // SRC/ first, then each --media-dir in order. Reports a problem (and returns empty) if absent.
  fs::path locate(Fields& img, const std::string& file) { return detail::locate_image(img, "file", file, o_); }

  void read_metadata(TomlFile& f, const toml::array& meta, ItemSource& it) {
    std::size_t i = 0;
    for (const toml::node& n : meta) {
      ++i;
      const std::string prefix = "metadata[" + std::to_string(i) + "]";
      const toml::table* t = n.as_table();
      if (!t) {
        f.report(n.source(), prefix, "expected a [[metadata]] table, got " + detail::type_name(n.type()));
        continue;
      }
      Fields m(f, *t, prefix);
      m.allow({"label", "value"});
      MetaSource pair;
      pair.label = m.text("label", Need::default_language, rules_);
      pair.value = m.text("value", Need::default_language, rules_);
      it.metadata.push_back(std::move(pair));
    }
  }

  // Every find-spot and reference place inside the map's region (a pair of swapped coordinates
  // is named as such); reference place ids unique.
  void check_map() {
    std::map<std::string, const PlaceSource*> ids;
    for (const auto& p : s_.map.places)
      if (!p.slug.empty())
        if (auto [found, fresh] = ids.emplace(p.slug, &p); !fresh)
          problem(p.loc, "id", "duplicate place id '" + p.slug + "' (also on line " + std::to_string(found->second->loc.line) + ")");
    if (!s_.map.region) return;
    const geo::Box& r = *s_.map.region;
    const auto outside = [&](geo::LonLat at) -> std::optional<std::string> {
      if (r.contains(at)) return std::nullopt;
      std::string why = "lat " + number(at.lat) + ", lon " + number(at.lon) + " is outside the map's region (lat " +
                        number(r.south) + ".." + number(r.north) + ", lon " + number(r.west) + ".." + number(r.east) +
                        ", map.toml)";
      if (r.contains({at.lat, at.lon})) why += ": are lat and lon swapped?";
      return why;
    };
    for (const auto& it : s_.items)
      if (it.latitude && it.longitude)
        if (auto why = outside({*it.longitude, *it.latitude})) problem(it.place_loc, "place", *why);
    for (const auto& p : s_.map.places)
      if (auto why = outside(p.at)) problem(p.at_loc, "at", *why);
  }

  void problem(const SourceLoc& at, std::string field, std::string reason) {
    problems_.push_back(Problem{at.file, at.line, at.column, std::move(field), std::move(reason)});
  }

  static std::string where(const SourceLoc& l) {
    std::string s = l.file.string();
    if (l.line) s += ":" + std::to_string(l.line);
    return s;
  }

  void cross_check() {
    std::map<std::string, const CollectionSource*> collections;
    for (const auto& c : s_.collections) {
      if (c.slug.empty()) continue;
      auto [it, fresh] = collections.emplace(c.slug, &c);
      if (!fresh) problem(c.loc, "id", "duplicate collection id '" + c.slug + "' (also in " + where(it->second->loc) + ")");
    }
    std::vector<std::string> collection_names;
    for (const auto& [slug, c] : collections) collection_names.push_back(slug);
    std::vector<std::string> tag_names;
    for (const auto& [slug, label] : s_.tags) tag_names.push_back(slug);

    std::map<std::string, const ItemSource*> items;
    std::set<std::string> duplicates;  // references to these are ambiguous: not checked further
    std::map<std::string, int> items_per_collection;
    for (const auto& it : s_.items) {
      if (!it.slug.empty()) {
        auto [found, fresh] = items.emplace(it.slug, &it);
        if (!fresh) {
          problem(it.loc, "id", "duplicate item id '" + it.slug + "' (also in " + where(found->second->loc) + ")");
          duplicates.insert(it.slug);
        }
      }
      if (!it.collection.empty()) {
        if (!collections.count(it.collection))
          problem(it.collection_loc, "collection",
                  "no collection with id '" + it.collection + "' (known: " + quoted_list(collection_names) + ")");
        else
          ++items_per_collection[it.collection];
      }
      for (std::size_t i = 0; i < it.tags.size(); ++i)
        if (!s_.tags.count(it.tags[i]))
          problem(it.tag_locs[i], "tags[" + std::to_string(i + 1) + "]",
                  "tag '" + it.tags[i] + "' is not declared in pack.toml [tags]" +
                      (tag_names.empty() ? std::string() : " (known: " + quoted_list(tag_names) + ")"));
    }
    for (const auto& c : s_.collections) {
      if (c.cover && !duplicates.count(*c.cover)) {
        auto found = items.find(*c.cover);
        if (found == items.end())
          problem(c.cover_loc, "cover", "no item with id '" + *c.cover + "'");
        else if (found->second->collection != c.slug)
          problem(c.cover_loc, "cover",
                  "item '" + *c.cover + "' belongs to collection '" + found->second->collection + "', not '" + c.slug + "'");
        else if (found->second->images.empty())
          problem(c.cover_loc, "cover", "item '" + *c.cover + "' has no images to show on the card");
      }
      if (!c.slug.empty() && !items_per_collection.count(c.slug))
        problem(c.loc, "id", "collection '" + c.slug + "' has no items (no item file names it as its collection)");
    }
    std::map<std::string, const TimelineSource*> entries;
    std::map<std::pair<std::string, std::string>, const TimelineSource*> period_names;  // (lang, name)
    for (const auto& e : s_.timeline) {
      if (!e.slug.empty()) {
        auto [found, fresh] = entries.emplace(e.slug, &e);
        if (!fresh) problem(e.loc, "id", "duplicate timeline id '" + e.slug + "' (also on line " +
                                             std::to_string(found->second->loc.line) + ")");
      }
      if (e.kind != catalog::TimelineEntry::Kind::period) continue;
      for (const auto& [lang, name] : e.name.entries()) {
        auto [found, fresh] = period_names.emplace(std::pair{lang, name}, &e);
        if (!fresh)
          problem(e.loc, "name." + lang, "period '" + e.slug + "' has the same name, '" + name + "', as period '" +
                                             found->second->slug + "' (line " + std::to_string(found->second->loc.line) +
                                             "): visitors could not tell them apart");
      }
    }
    check_map();
    std::error_code ec;
    if (s_.collections.empty() && fs::is_directory(o_.source_dir / "collections", ec))
      problems_.push_back(Problem{o_.source_dir / "collections", 0, 0, "", "no collection files (*.toml) in this folder"});
  }

  const BuildOptions& o_;
  std::vector<Problem>& problems_;
  PackSource s_;
  LangRules rules_;
  std::optional<events::TimeZone> zone_;
};

}  // namespace

PackSource read_source(const BuildOptions& options, std::vector<Problem>& problems) {
  return SourceReader(options, problems).run();
}

}  // namespace orpheus::packs
