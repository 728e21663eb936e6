// import_events_csv: a programme as CSV -> events of the pack source. The header names the
// columns (no mapping file: the names are fixed, with aliases); each row is one date of an event,
// rows with the same id being the dates of one event.
#include "packs/events_csv.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "core/text.h"
#include "packs/csv.h"
#include "packs/events_ics.h"
#include "packs/html_text.h"
#include "packs/recurrence.h"
#include "packs/text_rules.h"

namespace orpheus::packs {
namespace {

namespace fs = std::filesystem;
using events::LocalTime;

constexpr std::int64_t kDaySeconds = 86400;

enum class Field { id, title, summary, description, start, end, room, place, address, audience, price, free, booking,
                   image, item, repeat };

bool has_language(Field f) {
  switch (f) {
    case Field::title:
    case Field::summary:
    case Field::description:
    case Field::room:
    case Field::place:
    case Field::address:
    case Field::price:
    case Field::booking:
      return true;
    default:
      return false;
  }
}

// Column names (folded case) and their field: the documented name first.
const std::vector<std::pair<std::string, Field>>& names() {
  static const std::vector<std::pair<std::string, Field>> n = {
      {"id", Field::id},
      {"slug", Field::id},
      {"uid", Field::id},
      {"title", Field::title},
      {"name", Field::title},
      {"заглавие", Field::title},
      {"summary", Field::summary},
      {"резюме", Field::summary},
      {"description", Field::description},
      {"details", Field::description},
      {"описание", Field::description},
      {"start", Field::start},
      {"starts", Field::start},
      {"start time", Field::start},
      {"start_time", Field::start},
      {"begin", Field::start},
      {"from", Field::start},
      {"date", Field::start},
      {"начало", Field::start},
      {"дата", Field::start},
      {"end", Field::end},
      {"ends", Field::end},
      {"end time", Field::end},
      {"end_time", Field::end},
      {"until", Field::end},
      {"to", Field::end},
      {"край", Field::end},
      {"room", Field::room},
      {"hall", Field::room},
      {"зала", Field::room},
      {"place", Field::place},
      {"venue", Field::place},
      {"location", Field::place},
      {"място", Field::place},
      {"address", Field::address},
      {"адрес", Field::address},
      {"audience", Field::audience},
      {"for", Field::audience},
      {"публика", Field::audience},
      {"price", Field::price},
      {"цена", Field::price},
      {"free", Field::free},
      {"безплатно", Field::free},
      {"booking", Field::booking},
      {"записване", Field::booking},
      {"image", Field::image},
      {"picture", Field::image},
      {"снимка", Field::image},
      {"item", Field::item},
      {"repeat", Field::repeat},
      {"rrule", Field::repeat},
  };
  return n;
}

std::optional<Field> field_named(std::string_view folded) {
  for (const auto& [name, f] : names())
    if (name == folded) return f;
  return std::nullopt;
}

using core::trim;

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

// A start or end cell.
struct CellTime {
  enum class Kind { date, time_of_day, date_time } kind = Kind::date;
  LocalTime local;  // time_of_day: minute/second only
};

std::optional<std::int32_t> real_day(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const std::int32_t day = events::civil_day(y, m, d);
  const auto back = events::civil_date(day);
  if (back.year != y || back.month != m || back.day != d) return std::nullopt;
  return day;
}

std::optional<CellTime> parse_cell_time(std::string_view text) {
  std::string s(trim(text));
  // "11:00 ч." / "11.00ч": the hour word
  for (const char* suffix : {"ч.", "ч"})
    if (s.ends_with(suffix)) {
      s.resize(s.size() - std::string_view(suffix).size());
      s = std::string(trim(s));
      break;
    }
  CellTime t;
  if (auto d = events::parse_date(s)) {
    t.local.day = *d;
    return t;
  }
  if (auto l = events::parse_local_time(s)) {
    t.kind = CellTime::Kind::date_time;
    t.local = *l;
    return t;
  }
  static const std::regex time_re(R"(^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$)");
  // 14.03.2027, 14.3.2027 г., "14.03.2027 г., 11:00", 14/03/2027 (day first, as in Bulgaria)
  static const std::regex date_re(
      "^(\\d{1,2})[./](\\d{1,2})[./](\\d{4})(?:\\s*г\\.?)?(?:\\s*,?\\s*(?:в\\s+)?(\\d{1,2})[:.](\\d{2})(?::(\\d{2}))?)?$");
  std::smatch m;
  if (std::regex_match(s, m, time_re)) {
    const int h = std::stoi(m[1]), mi = std::stoi(m[2]), sec = m[3].matched ? std::stoi(m[3]) : 0;
    if (h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi || sec))) return std::nullopt;
    t.kind = CellTime::Kind::time_of_day;
    t.local.minute = h * 60 + mi;
    t.local.second = sec;
    return t;
  }
  if (std::regex_match(s, m, date_re)) {
    const auto day = real_day(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
    if (!day) return std::nullopt;
    t.local.day = *day;
    if (!m[4].matched) return t;
    const int h = std::stoi(m[4]), mi = std::stoi(m[5]), sec = m[6].matched ? std::stoi(m[6]) : 0;
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
    t.kind = CellTime::Kind::date_time;
    t.local.minute = h * 60 + mi;
    t.local.second = sec;
    return t;
  }
  return std::nullopt;
}

std::optional<bool> parse_yes_no(std::string_view text) {
  const std::string v = detail::fold_case(trim(text));
  for (const char* yes : {"yes", "y", "true", "1", "x", "да", "д", "✓", "✔"})
    if (v == yes) return true;
  for (const char* no : {"no", "n", "false", "0", "не", "н", ""})
    if (v == no) return false;
  return std::nullopt;
}

struct Column {
  Field field = Field::id;
  std::string lang;  // text fields only
  int index = 0;
};

class Reader {
 public:
  Reader(const fs::path& file, const events::TimeZone& zone, const std::vector<std::string>& languages,
         const std::string& default_language, std::vector<Problem>& problems)
      : file_(file), zone_(zone), languages_(languages), default_(default_language), problems_(problems) {}

  std::vector<EventSource> run() {
    std::string bytes;
    {
      std::ifstream in(file_, std::ios::binary);
      if (!in) {
        problems_.push_back(Problem{file_, 0, 0, "", "cannot read the file"});
        return {};
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      bytes = ss.str();
    }
    std::vector<detail::CsvIssue> issues;
    table_ = detail::parse_csv(bytes, 0, issues);
    for (const auto& i : issues) problems_.push_back(Problem{file_, i.line, i.column, header(i.column - 1), i.reason});
    if (table_.refused) return {};
    if (table_.header_line == 0) {
      problems_.push_back(Problem{file_, 0, 0, "",
                                  "the file is empty: expected a header line naming the columns (id, title, start, "
                                  "end, ...), then one line per date"});
      return {};
    }
    if (!read_header()) return {};
    for (const auto& r : table_.records) read_row(r);
    std::vector<EventSource> out;
    for (auto& e : events_) {
      if (e.occurrences.empty()) continue;
      std::sort(e.occurrences.begin(), e.occurrences.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  std::string header(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= table_.header.size()) return {};
    return table_.header[static_cast<std::size_t>(index)];
  }

  void header_problem(int index, std::string reason, bool warning = false) {
    problems_.push_back(Problem{file_, table_.header_line, index + 1, header(index), std::move(reason), warning});
  }

  bool is_pack_language(std::string_view l) const {
    return std::find(languages_.begin(), languages_.end(), l) != languages_.end();
  }

  std::string language_list() const {
    std::string s;
    for (const auto& l : languages_) s += (s.empty() ? "" : ", ") + l;
    return s;
  }

  // "title_bg", "title-bg", "title.bg", "title:bg", "title (bg)", "title [bg]" -> title, bg.
  static std::optional<std::pair<std::string, std::string>> split_language(const std::string& name) {
    static const std::regex suffix(R"(^(.+?)\s*(?:[_.:-]\s*|\s*[(\[]\s*)([a-z]{2,3}(?:-[a-z0-9]{2,8})?)\s*[)\]]?$)");
    std::smatch m;
    if (!std::regex_match(name, m, suffix)) return std::nullopt;
    return std::make_pair(m[1].str(), m[2].str());
  }

  bool read_header() {
    std::map<std::pair<Field, std::string>, int> seen;
    bool fatal = false;
    for (std::size_t i = 0; i < table_.header.size(); ++i) {
      const int index = static_cast<int>(i);
      const std::string name = detail::fold_case(trim(table_.header[i]));
      if (name.empty()) continue;
      Column c;
      c.index = index;
      if (auto f = field_named(name)) {
        c.field = *f;
        if (has_language(*f)) c.lang = default_;
      } else if (auto split = split_language(name); split && field_named(split->first)) {
        c.field = *field_named(split->first);
        if (!has_language(c.field)) {
          header_problem(index, "the " + names_of(c.field) + " is the same in every language: name the column " +
                                    q(names_of(c.field)));
          fatal = true;
          continue;
        }
        std::string lang = split->second;
        if (!is_pack_language(lang) && is_pack_language(lang.substr(0, lang.find('-')))) lang = lang.substr(0, lang.find('-'));
        if (!is_pack_language(lang)) {
          header_problem(index, q(split->second) + " is not a language of the pack (" + language_list() +
                                    "): the column is left out",
                         true);
          continue;
        }
        c.lang = lang;
      } else {
        header_problem(index, "not a column of a programme: left out (the columns are id, title, summary, "
                              "description, start, end, room, place, address, audience, price, free, booking, "
                              "image, item, repeat; texts per language as title_bg, title_en)",
                       true);
        continue;
      }
      if (auto [at, fresh] = seen.emplace(std::make_pair(c.field, c.lang), index); !fresh) {
        header_problem(index, "the same column as column " + std::to_string(at->second + 1) + " (" +
                                  q(header(at->second)) + ")" +
                                  (c.lang.empty() ? std::string() : " in " + c.lang));
        fatal = true;
        continue;
      }
      columns_.push_back(c);
    }
    const bool has_title = std::any_of(columns_.begin(), columns_.end(), [](const Column& c) { return c.field == Field::title; });
    const bool has_start = std::any_of(columns_.begin(), columns_.end(), [](const Column& c) { return c.field == Field::start; });
    if (!has_title) {
      problems_.push_back(Problem{file_, table_.header_line, 0, "", "no title column (title, or title_bg, title_en, ...)"});
      fatal = true;
    }
    if (!has_start) {
      problems_.push_back(Problem{file_, table_.header_line, 0, "", "no start column (start: 2027-03-14 11:00 or 14.03.2027 11:00)"});
      fatal = true;
    }
    return !fatal;
  }

  static std::string names_of(Field f) {
    for (const auto& [name, field] : names())
      if (field == f) return name;
    return {};
  }

  const Column* column(Field f, std::string_view lang = {}) const {
    for (const Column& c : columns_)
      if (c.field == f && (lang.empty() || c.lang == lang)) return &c;
    return nullptr;
  }

  static std::string_view cell(const detail::CsvRecord& r, const Column& c) {
    return static_cast<std::size_t>(c.index) < r.cells.size() ? std::string_view(r.cells[static_cast<std::size_t>(c.index)])
                                                              : std::string_view();
  }

  void problem(const detail::CsvRecord& r, const Column& c, std::string reason, bool warning = false) {
    problems_.push_back(Problem{file_, r.line, c.index + 1, header(c.index), std::move(reason), warning});
  }

  // One row: a date of an event, new or seen before (by id).
  void read_row(const detail::CsvRecord& r) {
    EventSource e;
    bool ok = true;
    e.loc = SourceLoc{file_, r.line, 0};
    // Texts.
    for (const Column& c : columns_) {
      if (!has_language(c.field)) continue;
      const std::string_view raw = cell(r, c);
      std::string text = c.field == Field::description || c.field == Field::summary ? to_plain_text(raw) : sanitize_text(raw);
      if (text.empty()) continue;
      const SourceLoc at{file_, r.line, c.index + 1};
      switch (c.field) {
        case Field::title:
          e.title.set(c.lang, std::move(text));
          e.text_locs.title = at;
          break;
        case Field::summary:
          e.summary.set(c.lang, std::move(text));
          e.text_locs.summary = at;
          break;
        case Field::description:
          e.description.set(c.lang, std::move(text));
          e.text_locs.description = at;
          break;
        case Field::room:
          e.room.set(c.lang, std::move(text));
          break;
        case Field::place:
          e.place.set(c.lang, std::move(text));
          break;
        case Field::address:
          e.address.set(c.lang, std::move(text));
          break;
        case Field::price:
          e.price.set(c.lang, std::move(text));
          break;
        case Field::booking:
          e.booking.set(c.lang, std::move(text));
          break;
        default:
          break;
      }
    }
    std::string raw_id;
    if (const Column* c = column(Field::id)) {
      raw_id = sanitize_text(cell(r, *c));
      e.loc.column = c->index + 1;
    }
    if (const Column* c = column(Field::audience)) {
      std::string_view rest = cell(r, *c);
      while (!trim(rest).empty()) {
        const auto sep = rest.find_first_of(",;");
        const std::string_view word = trim(rest.substr(0, sep));
        rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
        if (word.empty()) continue;
        if (auto a = detail::audience_from_word(word)) {
          if (std::find(e.audience.begin(), e.audience.end(), *a) == e.audience.end()) e.audience.push_back(*a);
        } else {
          problem(r, *c, q(word) + " is not an audience (children, families, adults, schools, accessible; деца, "
                                   "семейства, възрастни, училища, достъпно)");
          ok = false;
        }
      }
    }
    if (const Column* c = column(Field::free)) {
      if (auto v = parse_yes_no(cell(r, *c))) {
        e.free = *v;
      } else {
        problem(r, *c, q(cell(r, *c)) + " is not yes or no (yes, да, 1, true; no, не, 0, false)");
        ok = false;
      }
    }
    const Column* image = column(Field::image);
    const Column* item = column(Field::item);
    if (image && !trim(cell(r, *image)).empty()) {
      ImageSource img;
      img.file = std::string(trim(cell(r, *image)));
      img.loc = SourceLoc{file_, r.line, image->index + 1};
      img.field = header(image->index);
      e.image = std::move(img);
    }
    if (item && !trim(cell(r, *item)).empty()) {
      if (e.image) {
        problem(r, *item, "both an image and an item whose image stands for the event: give one");
        ok = false;
      }
      e.image_item = std::string(trim(cell(r, *item)));
      e.image_item_loc = SourceLoc{file_, r.line, item->index + 1};
    }

    // The date.
    std::vector<catalog::EventOccurrence> dates;
    if (!read_dates(r, dates)) ok = false;

    // A later row of an event already read: its date only (other cells empty or the same).
    if (!raw_id.empty()) {
      if (auto found = by_id_.find(raw_id); found != by_id_.end()) {
        if (found->second.index == kFailed) return;  // the first row of this id had an error (reported)
        EventSource& first = events_[found->second.index];
        if (!same_as_first(r, found->second.line)) ok = false;
        if (!ok) return;
        for (const auto& o : dates) {
          if (std::any_of(first.occurrences.begin(), first.occurrences.end(),
                          [&](const auto& x) { return x.start == o.start && x.all_day == o.all_day; })) {
            const Column* start = column(Field::start);
            problem(r, *start, "the same date as an earlier row of " + q(raw_id) + ": left out", true);
            continue;
          }
          first.occurrences.push_back(o);
        }
        return;
      }
    }
    if (e.title.empty()) {
      const Column* c = column(Field::title, default_);
      if (!c) c = column(Field::title);
      problem(r, *c, "no title in any language");
      ok = false;
    }
    // Without an id: the title's slug.
    std::string slug = raw_id.empty() ? detail::slugify(e.title.get(default_), 60) : detail::slugify(raw_id, 80);
    if (slug.empty()) {
      if (!raw_id.empty()) {
        problem(r, *column(Field::id), q(raw_id) + " gives no id (letters a-z, digits, '-')");
        ok = false;
      }
      slug = "event";
    }
    if (!ok) {
      if (!raw_id.empty()) by_id_.emplace(raw_id, First{kFailed, r.line, {}});
      return;
    }
    e.slug = unique(slug);
    e.occurrences = std::move(dates);
    if (!raw_id.empty()) by_id_.emplace(raw_id, First{events_.size(), r.line, r.cells});
    events_.push_back(std::move(e));
  }

  // A row's start, end and repeat as occurrences; false (and problems) when they are wrong.
  bool read_dates(const detail::CsvRecord& r, std::vector<catalog::EventOccurrence>& out) {
    const Column* start_col = column(Field::start);
    const Column* end_col = column(Field::end);
    const std::string_view start_text = trim(cell(r, *start_col));
    if (start_text.empty()) {
      problem(r, *start_col, "no start (2027-03-14 11:00, 14.03.2027 11:00, or a date alone for all day)");
      return false;
    }
    const auto start = parse_cell_time(start_text);
    if (!start || start->kind == CellTime::Kind::time_of_day) {
      problem(r, *start_col, q(start_text) + " is not a date or a date and time (2027-03-14 11:00, 14.03.2027 11:00, "
                                             "2027-03-14)");
      return false;
    }
    SeriesStart first;
    first.all_day = start->kind == CellTime::Kind::date;
    first.start = start->local;
    const std::string_view end_text = end_col ? trim(cell(r, *end_col)) : std::string_view();
    if (end_text.empty()) {
      if (!first.all_day) {
        problem(r, end_col ? *end_col : *start_col,
                "an event at a time needs an end (a time such as 13:00 is enough)");
        return false;
      }
      first.end = LocalTime{start->local.day + 1, 0, 0};
    } else {
      const auto end = parse_cell_time(end_text);
      if (!end) {
        problem(r, *end_col, q(end_text) + " is not a date, a time or both (2027-03-14 13:00, 14.03.2027 13:00, 13:00)");
        return false;
      }
      if (first.all_day) {
        if (end->kind != CellTime::Kind::date) {
          problem(r, *end_col, "the start is a date (all day), so the end is a date too (its last day)");
          return false;
        }
        first.end = LocalTime{end->local.day + 1, 0, 0};  // the last day, inclusive
      } else if (end->kind == CellTime::Kind::date) {
        problem(r, *end_col, "the start has a time, so the end has one too (13:00, or 2027-03-15 13:00)");
        return false;
      } else if (end->kind == CellTime::Kind::time_of_day) {
        first.end = events::wall_time(std::int64_t{start->local.day} * kDaySeconds + end->local.minute * 60 +
                                       end->local.second);
      } else {
        first.end = end->local;
      }
      const bool backwards = first.all_day ? first.end.day <= first.start.day
                                           : events::wall_seconds(first.end) <= events::wall_seconds(first.start);
      if (backwards) {
        problem(r, *end_col, "the event ends before it starts (" + std::string(end_text) + " is not after " +
                                 std::string(start_text) + ")");
        return false;
      }
    }
    std::string rule;
    const Column* repeat_col = column(Field::repeat);
    if (repeat_col) rule = std::string(trim(cell(r, *repeat_col)));
    const Expansion x = expand_series(first, rule, {}, zone_);
    if (!x.error.empty()) {
      problem(r, repeat_col && !rule.empty() ? *repeat_col : *start_col, x.error);
      return false;
    }
    out = x.occurrences;
    return true;
  }

  // A later row with an id seen before: every cell but start, end and id empty or as in the first.
  bool same_as_first(const detail::CsvRecord& r, int first_line) {
    const auto& first = by_id_.find(sanitize_text(cell(r, *column(Field::id))))->second;
    bool ok = true;
    for (const Column& c : columns_) {
      if (c.field == Field::id || c.field == Field::start || c.field == Field::end || c.field == Field::repeat) continue;
      const std::string_view v = trim(cell(r, c));
      const std::string_view was = static_cast<std::size_t>(c.index) < first.cells.size()
                                       ? trim(std::string_view(first.cells[static_cast<std::size_t>(c.index)]))
                                       : std::string_view();
      if (v.empty() || v == was) continue;
      problem(r, c, "differs from line " + std::to_string(first_line) +
                        " (the first row of this id): another date of an event repeats only start and end; "
                        "leave this cell empty or give the event another id");
      ok = false;
    }
    return ok;
  }

  std::string unique(const std::string& slug) {
    if (slugs_.insert(slug).second) return slug;
    for (int n = 2;; ++n)
      if (slugs_.insert(slug + "-" + std::to_string(n)).second) return slug + "-" + std::to_string(n);
  }

  static constexpr std::size_t kFailed = static_cast<std::size_t>(-1);
  struct First {
    std::size_t index = 0;  // in events_; kFailed: that row had an error
    int line = 0;
    std::vector<std::string> cells;
  };

  const fs::path& file_;
  const events::TimeZone& zone_;
  const std::vector<std::string>& languages_;
  const std::string& default_;
  std::vector<Problem>& problems_;
  detail::CsvTable table_;
  std::vector<Column> columns_;
  std::vector<EventSource> events_;
  std::map<std::string, First> by_id_;
  std::set<std::string> slugs_;
};

}  // namespace

std::vector<EventSource> import_events_csv(const std::filesystem::path& file, const events::TimeZone& museum_zone,
                                           const std::vector<std::string>& languages,
                                           const std::string& default_language, std::vector<Problem>& problems) {
  return Reader(file, museum_zone, languages, default_language, problems).run();
}

}  // namespace orpheus::packs
