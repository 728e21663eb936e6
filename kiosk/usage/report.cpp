// The report across institutions (report.h): reading many exports, summing them, ranking the
// members. The page is report_html.cpp.
#include "usage/report.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "core/utf8.h"
#include "events/zone.h"

namespace orpheus::usage {

namespace fs = std::filesystem;

// --- input ---------------------------------------------------------------------------------------

namespace {

// The regular files directly in `dir` whose name ends in `extension`, by name.
std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec) && e.path().extension() == extension) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool is_folder(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// read_export on every file, `threads` at a time (0: one per core, at most 8), this thread among
// them: `done(i, export, "")` or `done(i, nullptr, reason)` for file i, called on the reading
// thread. Each thread holds one export at a time.
using ReadDone = std::function<void(std::size_t, Export*, const std::string&)>;
void read_each(const std::vector<fs::path>& files, unsigned threads, const ReadDone& done) {
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    ExportScratch scratch;
    for (std::size_t i; (i = next++) < files.size();) {
      std::optional<Export> e;
      std::string reason;
      try {
        e = read_export(files[i], scratch);
      } catch (const ExportError& x) {
        reason = x.file().empty() ? x.what() : x.reason();
      } catch (const std::bad_alloc&) {  // the file is named all the same
        reason = "too large to read into memory";
      }
      done(i, e ? &*e : nullptr, reason);
    }
  };
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(files.size(), 1)));
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
}  // the jthreads join here

}  // namespace

std::vector<fs::path> export_files(const std::vector<fs::path>& paths) {
  std::vector<fs::path> out;
  for (const auto& p : paths) {
    if (!is_folder(p)) {
      out.push_back(p);
      continue;
    }
    const auto found = files_in(p, ".json");
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

ReadExports read_exports(const std::vector<fs::path>& files, unsigned threads) {
  std::vector<std::optional<Export>> read(files.size());
  std::vector<std::string> reasons(files.size());
  read_each(files, threads, [&](std::size_t i, Export* e, const std::string& reason) {
    if (e) read[i] = std::move(*e);
    reasons[i] = reason;
  });
  ReadExports out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (read[i])
      out.exports.push_back({files[i].string(), std::move(*read[i])});
    else
      out.refused.push_back({files[i].string(), std::move(reasons[i])});
  }
  return out;
}

std::vector<CheckedExport> check_exports(const std::vector<fs::path>& files, unsigned threads) {
  std::vector<CheckedExport> out(files.size());
  read_each(files, threads, [&](std::size_t i, Export* e, const std::string& reason) {
    CheckedExport& c = out[i];
    c.file = files[i].string();
    c.reason = reason;
    if (!e) return;
    c.days = e->days.size();
    e->days.clear();
    e->objects.clear();
    c.header = std::move(*e);
  });
  return out;
}

std::vector<trust::PublicKey> read_trusted_kiosks(const std::vector<fs::path>& paths) {
  std::vector<trust::PublicKey> keys;
  const auto read_list = [&](const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw trust::TrustError(file.string() + ": cannot be read");
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      const auto text = core::trim(line);
      if (text.empty() || text.front() == '#') continue;
      try {
        keys.push_back(trust::parse_public_key(text));
      } catch (const trust::TrustError& e) {
        throw trust::TrustError(file.string() + ":" + std::to_string(n) + ": " + e.what());
      }
    }
  };
  for (const auto& p : paths) {
    if (!is_folder(p)) {
      read_list(p);
      continue;
    }
    for (const auto& f : files_in(p, ".pub")) read_list(f);
  }
  return keys;
}

bool signed_by_one_of(const KioskInfo& kiosk, const std::vector<trust::PublicKey>& trusted) {
  const trust::PublicKey key = trust::parse_public_key(kiosk.public_key);
  return std::find(trusted.begin(), trusted.end(), key) != trusted.end();
}

// --- sums ----------------------------------------------------------------------------------------

namespace {

template <typename Map>
void add_counts(std::map<std::string, std::int64_t>& into, const Map& from) {
  for (const auto& [k, n] : from) into[k] += n;
}

}  // namespace

std::optional<double> ratio(std::int64_t a, std::int64_t b) {
  if (b <= 0) return std::nullopt;
  return static_cast<double>(a) / static_cast<double>(b);
}

void Tally::add(const DaySummary& d) {
  ++days;
  open_hours += static_cast<std::int64_t>(d.hours_on.size());
  sessions += d.sessions;
  session_s += d.session_s;
  item_views += d.item_views;
  item_dwell_s += d.item_dwell_s;
  narrations += d.narrations;
  narration_s += d.narration_s;
  searches += d.searches;
  searches_empty += d.searches_empty;
  attract_interruptions += d.attract_interruptions;
  for (std::size_t h = 0; h < sessions_by_hour.size(); ++h) sessions_by_hour[h] += d.sessions_by_hour[h];
  for (std::size_t b = 0; b < length_bands.size(); ++b) length_bands[b] += d.length_bands[b];
  add_counts(languages, d.languages);
  add_counts(accessibility, d.accessibility);
  add_counts(screens, d.screens);
}

void Tally::add(const Tally& t) {
  days += t.days;
  open_hours += t.open_hours;
  sessions += t.sessions;
  session_s += t.session_s;
  item_views += t.item_views;
  item_dwell_s += t.item_dwell_s;
  narrations += t.narrations;
  narration_s += t.narration_s;
  searches += t.searches;
  searches_empty += t.searches_empty;
  attract_interruptions += t.attract_interruptions;
  for (std::size_t h = 0; h < sessions_by_hour.size(); ++h) sessions_by_hour[h] += t.sessions_by_hour[h];
  for (std::size_t b = 0; b < length_bands.size(); ++b) length_bands[b] += t.length_bands[b];
  add_counts(languages, t.languages);
  add_counts(accessibility, t.accessibility);
  add_counts(screens, t.screens);
}

std::optional<double> Tally::sessions_per_open_hour() const { return ratio(sessions, open_hours); }
std::optional<double> Tally::objects_per_session() const { return ratio(item_views, sessions); }
std::optional<double> Tally::dwell_per_view_s() const { return ratio(item_dwell_s, item_views); }
std::optional<double> Tally::searches_empty_share() const { return ratio(searches_empty, searches); }
std::optional<double> Tally::attract_share() const { return ratio(attract_interruptions, sessions); }
std::optional<double> Tally::accessibility_per_100() const {
  std::int64_t uses = 0;
  for (const auto& [mode, n] : accessibility) uses += n;
  const auto r = ratio(uses, sessions);
  return r ? std::optional<double>(*r * 100) : std::nullopt;
}

std::string Tally::main_language() const {
  std::string best;
  std::int64_t most = -1;
  for (const auto& [lang, n] : languages)
    if (n > most) best = lang, most = n;
  return best;
}

std::optional<double> Tally::other_language_share() const {
  std::int64_t all = 0;
  for (const auto& [lang, n] : languages) all += n;
  if (all <= 0) return std::nullopt;
  return 1.0 - static_cast<double>(languages.at(main_language())) / static_cast<double>(all);
}

bool lower_is_better(Measure m) { return m == Measure::searches_empty_share; }

std::optional<double> measure_of(const Tally& t, Measure m) {
  switch (m) {
    case Measure::sessions: return static_cast<double>(t.sessions);
    case Measure::sessions_per_open_hour: return t.sessions_per_open_hour();
    case Measure::median_session_s:
      return t.sessions > 0 ? std::optional<double>(static_cast<double>(t.median_session_s())) : std::nullopt;
    case Measure::objects_per_session: return t.objects_per_session();
    case Measure::dwell_per_view_s: return t.dwell_per_view_s();
    case Measure::other_languages: return t.other_language_share();
    case Measure::accessibility_per_100: return t.accessibility_per_100();
    case Measure::searches_empty_share: return t.searches_empty_share();
  }
  return std::nullopt;
}

const std::string& title_in(const ObjectRow& row, std::string_view language) {
  for (const std::string_view lang : {language, std::string_view("en")})
    if (const auto it = row.titles.find(std::string(lang)); it != row.titles.end() && !it->second.empty()) return it->second;
  for (const auto& [lang, title] : row.titles)
    if (!title.empty()) return title;
  return row.slug;
}

// --- building ------------------------------------------------------------------------------------

namespace {

struct ObjectSums {
  std::int64_t views = 0, dwell_s = 0, sessions = 0;
};

// An export as the builder remembers it once summed: enough to order it and to read it again.
struct Source {
  std::string file, created;
  std::size_t order = 0;  // among the inputs: the later wins a tie in `created`
  bool newer_than(const Source& o) const { return created != o.created ? created > o.created : order > o.order; }
};

struct Title {
  std::string created, text;  // the newest export's title wins
};

// One kiosk's sums while its exports come in.
struct KioskSums {
  std::vector<Source> sources;  // every export added, in the order they came
  std::size_t newest = 0;       // into sources
  KioskInfo info;               // from the newest
  std::string time_zone;
  Tally total;
  struct Day {
    DayPoint point;
    std::size_t source = 0;  // whose day was counted
  };
  std::unordered_map<std::string, Day> days;
  std::unordered_map<std::string, ObjectSums> objects;
  std::unordered_map<std::string, std::int64_t> queries, events;
  std::map<std::string, std::map<std::string, Title>> titles;  // slug -> language
  std::size_t days_replaced = 0;
  bool resum = false;  // a newer export came after an older one had days counted that both have

  // The days of `e` not yet counted; a day counted from an older export marks the kiosk for
  // summing again, newest first (the sums cannot be taken back: the older day is not kept).
  void add(const Export& e, std::size_t source) {
    for (const auto& d : e.days) {
      auto [it, fresh] = days.try_emplace(d.date);
      if (!fresh) {
        if (sources[source].newer_than(sources[it->second.source])) resum = true;
        ++days_replaced;
        continue;
      }
      it->second.source = source;
      DayPoint& p = it->second.point;
      p.date = d.date;
      p.sessions = d.sessions;
      p.item_views = d.item_views;
      p.open_hours = static_cast<std::int64_t>(d.hours_on.size());
      p.kiosks = 1;
      total.add(d);
      for (const auto& item : d.items) {
        ObjectSums& o = objects[item.id];
        o.views += item.views;
        o.dwell_s += item.dwell_s;
        o.sessions += item.sessions;
      }
      for (const auto& [q, n] : d.queries) queries[q] += n;
      for (const auto& [ev, n] : d.events_opened) events[ev] += n;
    }
    for (const auto& [slug, by_language] : e.objects)
      for (const auto& [lang, text] : by_language) {
        Title& t = titles[slug][lang];
        if (t.created.empty() || e.created > t.created) t = {e.created, text};
      }
  }

  // Everything summed forgotten, the sources kept: for summing again.
  void clear_sums() {
    total = {};
    days.clear();
    objects.clear();
    queries.clear();
    events.clear();
    titles.clear();
    days_replaced = 0;
    resum = false;
  }
};

// Names as people sort them: "Kiosk 2" before "Kiosk 10" (runs of digits by their value).
bool natural_less(std::string_view a, std::string_view b) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      std::string_view x = a.substr(i, ei - i), y = b.substr(j, ej - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ei, j = ej;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

template <typename Map>
void add_all(Map& into, const Map& from) {
  for (const auto& [k, n] : from) into[k] += n;
}

void rank(Report& r) {
  r.ranks.assign(r.institutions.size(), {});
  for (std::size_t m = 0; m < kMeasures.size(); ++m) {
    for (std::size_t i = 0; i < r.institutions.size(); ++i) r.ranks[i][m].value = measure_of(r.institutions[i].total, kMeasures[m]);
    for (std::size_t i = 0; i < r.institutions.size(); ++i) {
      Ranked& me = r.ranks[i][m];
      if (!me.value) continue;
      me.rank = 1;
      for (std::size_t j = 0; j < r.institutions.size(); ++j) {
        const auto& other = r.ranks[j][m].value;
        if (other && (lower_is_better(kMeasures[m]) ? *other < *me.value : *other > *me.value)) ++me.rank;
      }
    }
  }
}

}  // namespace

struct ReportBuilder::State {
  std::optional<std::vector<trust::PublicKey>> trusted;
  Reread reread;
  std::mutex lock;
  std::unordered_map<std::string, KioskSums> kiosks;  // by kiosk id
  std::vector<std::pair<std::size_t, Refusal>> refused;
  std::vector<std::pair<std::size_t, Untrusted>> untrusted;
  std::size_t exports = 0;

  KioskReport kiosk_report(KioskSums& k) const {
    KioskReport r;
    r.info = k.info;
    r.time_zone = k.time_zone;
    r.total = k.total;
    // Its files, newest first, those a day was counted from.
    std::vector<std::size_t> used;
    for (const auto& [date, day] : k.days)
      if (std::find(used.begin(), used.end(), day.source) == used.end()) used.push_back(day.source);
    std::sort(used.begin(), used.end(), [&](std::size_t a, std::size_t b) { return k.sources[a].newer_than(k.sources[b]); });
    for (const auto i : used) r.files.push_back(k.sources[i].file);
    r.days.reserve(k.days.size());
    for (auto& [date, day] : k.days) r.days.push_back(std::move(day.point));
    std::sort(r.days.begin(), r.days.end(), [](const DayPoint& a, const DayPoint& b) { return a.date < b.date; });
    return r;
  }
};

ReportBuilder::ReportBuilder(std::optional<std::vector<trust::PublicKey>> trusted, Reread reread)
    : s_(std::make_unique<State>()) {
  s_->trusted = std::move(trusted);
  s_->reread = std::move(reread);
}

ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::add(std::size_t order, const std::string& file, const Export& e) {
  const bool trusted = !s_->trusted || signed_by_one_of(e.kiosk, *s_->trusted);
  std::lock_guard hold(s_->lock);
  if (!trusted) {
    s_->untrusted.push_back({order, {file, e.kiosk}});
    return;
  }
  ++s_->exports;
  KioskSums& k = s_->kiosks[e.kiosk.id];
  k.sources.push_back({file, e.created, order});
  const std::size_t source = k.sources.size() - 1;
  if (source == 0 || k.sources[source].newer_than(k.sources[k.newest])) {
    k.newest = source;
    k.info = e.kiosk;
    k.time_zone = e.time_zone;
  }
  if (!k.resum) k.add(e, source);  // once marked, summed again at the end anyway
}

void ReportBuilder::refuse(std::size_t order, Refusal r) {
  std::lock_guard hold(s_->lock);
  s_->refused.push_back({order, std::move(r)});
}

Report ReportBuilder::finish() {
  State& s = *s_;
  Report r;
  r.trusted_list = s.trusted.has_value();

  // Kiosks whose exports overlap and came oldest first: summed again from copies, newest first.
  for (auto& [id, k] : s.kiosks) {
    if (!k.resum) continue;
    k.clear_sums();
    std::vector<std::size_t> order(k.sources.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&k = k](std::size_t a, std::size_t b) { return k.sources[a].newer_than(k.sources[b]); });
    for (const auto i : order) {
      try {
        k.add(s.reread(k.sources[i].file, k.sources[i].order), i);
      } catch (const ExportError& e) {  // changed since it was read
        s.refused.push_back({k.sources[i].order, {k.sources[i].file, e.file().empty() ? e.what() : e.reason()}});
        --s.exports;
      }
    }
  }

  std::sort(s.refused.begin(), s.refused.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, x] : s.refused) r.refused.push_back(std::move(x));
  std::sort(s.untrusted.begin(), s.untrusted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, x] : s.untrusted) r.untrusted.push_back(std::move(x));
  r.exports = s.exports;

  // Institutions from their kiosks; a kiosk belongs to the one its newest export names.
  struct Sums {
    std::vector<KioskSums*> kiosks;
  };
  std::map<std::string, Sums> by_name;
  for (auto& [id, k] : s.kiosks) by_name[k.info.institution].kiosks.push_back(&k);
  for (auto& [name, group] : by_name) {
    InstitutionReport inst;
    inst.name = name;
    std::unordered_map<std::string, DayPoint> days;
    std::unordered_map<std::string, ObjectSums> objects;
    std::unordered_map<std::string, std::int64_t> queries, events;
    std::map<std::string, std::map<std::string, Title>> titles;
    for (KioskSums* k : group.kiosks) {
      r.days_replaced += k->days_replaced;
      for (const auto& [date, day] : k->days) {
        DayPoint& p = days[date];
        p.sessions += day.point.sessions;
        p.item_views += day.point.item_views;
        p.open_hours += day.point.open_hours;
        ++p.kiosks;
      }
      for (const auto& [slug, o] : k->objects) {
        ObjectSums& sum = objects[slug];
        sum.views += o.views;
        sum.dwell_s += o.dwell_s;
        sum.sessions += o.sessions;
      }
      add_all(queries, k->queries);
      add_all(events, k->events);
      for (const auto& [slug, by_language] : k->titles)
        for (const auto& [lang, t] : by_language) {
          Title& mine = titles[slug][lang];
          if (mine.created.empty() || t.created > mine.created) mine = t;
        }
      inst.kiosks.push_back(s.kiosk_report(*k));
      inst.total.add(k->total);
    }
    std::sort(inst.kiosks.begin(), inst.kiosks.end(), [](const KioskReport& a, const KioskReport& b) {
      return a.info.name != b.info.name ? natural_less(a.info.name, b.info.name) : a.info.id < b.info.id;
    });
    for (auto& [date, p] : days) {
      p.date = date;
      inst.days.push_back(std::move(p));
    }
    std::sort(inst.days.begin(), inst.days.end(), [](const DayPoint& a, const DayPoint& b) { return a.date < b.date; });
    for (const auto& [slug, o] : objects) {
      ObjectRow row{slug, {}, o.views, o.dwell_s, o.sessions};
      if (const auto it = titles.find(slug); it != titles.end())
        for (const auto& [lang, t] : it->second) row.titles.emplace(lang, t.text);
      inst.objects.push_back(std::move(row));
    }
    std::sort(inst.objects.begin(), inst.objects.end(),
              [](const ObjectRow& a, const ObjectRow& b) { return a.views != b.views ? a.views > b.views : a.slug < b.slug; });
    inst.queries = most_first(queries);
    inst.events_opened = most_first(events);
    if (!inst.days.empty()) {
      if (r.from.empty() || inst.days.front().date < r.from) r.from = inst.days.front().date;
      if (r.to.empty() || inst.days.back().date > r.to) r.to = inst.days.back().date;
    }
    r.kiosks += inst.kiosks.size();
    r.institutions.push_back(std::move(inst));
  }
  // By name; the kiosks that named no institution last.
  std::stable_sort(r.institutions.begin(), r.institutions.end(), [](const InstitutionReport& a, const InstitutionReport& b) {
    if (a.name.empty() != b.name.empty()) return b.name.empty();
    return natural_less(a.name, b.name);
  });
  for (const auto& i : r.institutions) r.total.add(i.total);
  rank(r);
  return r;
}

Report build_report(ReportInput input) {
  ReportBuilder builder(std::move(input.trusted), [&](const std::string&, std::size_t order) { return input.exports[order].data; });
  for (std::size_t i = 0; i < input.exports.size(); ++i) builder.add(i, input.exports[i].file, input.exports[i].data);
  for (std::size_t i = 0; i < input.refused.size(); ++i) builder.refuse(i, std::move(input.refused[i]));
  return builder.finish();
}

Report report_from_files(const std::vector<fs::path>& files, std::optional<std::vector<trust::PublicKey>> trusted, unsigned threads) {
  ReportBuilder builder(std::move(trusted), [&](const std::string&, std::size_t order) { return read_export(files[order]); });
  read_each(files, threads, [&](std::size_t i, Export* e, const std::string& reason) {
    if (e)
      builder.add(i, files[i].string(), *e);
    else
      builder.refuse(i, {files[i].string(), reason});
  });
  return builder.finish();
}

}  // namespace orpheus::usage
