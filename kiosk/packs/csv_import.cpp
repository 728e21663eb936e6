// import_csv: a collection-management export (CSV) + a mapping file (TOML) -> PackSource.
// See docs/import-csv.md for the mapping format and what each problem means.
//
// Each record is read into a Pending (its item, its own problems, the collection and tag labels it
// brings) without touching the pack; pendings are then committed in file order, or, with
// skip_invalid, those with an error are rejected instead. So a rejected record leaves nothing
// behind: no collection of its own, no tag, no order number.
#include "packs/csv_import.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>

#include "catalog/catalog.h"
#include "packs/csv.h"
#include "packs/dates.h"
#include "packs/html_text.h"
#include "packs/image_lookup.h"
#include "packs/images.h"
#include "packs/text_rules.h"
#include "packs/toml_check.h"

namespace orpheus::packs {
namespace {

using detail::Fields;
using detail::LangRules;
using detail::TomlFile;
namespace fs = std::filesystem;

constexpr int kMinYear = -10000, kMaxYear = 2200;

// Problem::kind of each problem a record can have: the reports group and count by these.
namespace kind {
constexpr std::string_view empty_record = "empty record", no_id = "no id", duplicate_id = "duplicate id",
                           no_title = "no title", no_collection = "no collection", order = "not a whole number",
                           year = "not a year", years_reversed = "years reversed", place = "not a place",
                           tags = "tags do not line up", per_image = "captions do not line up",
                           image_path = "image not a file name", unreadable_image = "unreadable image",
                           script = "script removed", label_differs = "label differs", malformed = "malformed row",
                           date = "date not understood";
}  // namespace kind

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? std::string(sep) : std::string()) + v[i];
  return s;
}

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A cell that database exports write for "no value".
bool null_marker(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  return cell.empty() || cell == "NULL" || cell == "null" || cell == "Null" || cell == "\\N" || cell == "(null)";
}

// A column the mapping names: where the name is in the mapping, and which cell it is once the
// CSV header is known.
struct ColumnRef {
  std::string name;   // as written in the mapping, trimmed
  std::string key;    // the mapping key, "columns.title.en"
  toml::source_region where;
  int index = -1;     // 0-based cell index; -1 while unknown or not found
};

// A text field: one column per language.
struct TextColumns {
  std::vector<std::pair<std::string, ColumnRef>> langs;
  const ColumnRef* of(std::string_view lang) const {
    for (const auto& [l, c] : langs)
      if (l == lang) return &c;
    return nullptr;
  }
};

struct MetaMapping {
  LangText label;
  TextColumns value;
  std::optional<std::string> separator;  // else [csv] multi_value
};

struct Mapping {
  char delimiter = 0;  // 0 = detect
  std::string multi_value = "|";
  bool missing_images_warn = false;
  std::optional<ColumnRef> id, order, year_from, year_to, date, latitude, longitude, images;
  TextColumns collection, title, summary, description, period, place, credit, image_captions, image_alts, tags;
  std::vector<MetaMapping> metadata;
  bool columns_read = false;  // [columns] was there and a table

  std::vector<ColumnRef*> all() {
    std::vector<ColumnRef*> out;
    for (auto* c : {&id, &order, &year_from, &year_to, &date, &latitude, &longitude, &images})
      if (*c) out.push_back(&**c);
    for (auto* t : {&collection, &title, &summary, &description, &period, &place, &credit, &image_captions,
                    &image_alts, &tags})
      for (auto& [l, c] : t->langs) out.push_back(&c);
    for (auto& m : metadata)
      for (auto& [l, c] : m.value.langs) out.push_back(&c);
    return out;
  }
};

std::string read_bytes(const fs::path& file, bool& ok) {
  std::ifstream in(file, std::ios::binary);
  ok = static_cast<bool>(in);
  std::stringstream buffer;
  if (ok) buffer << in.rdbuf();
  return buffer.str();
}

// "\r\n" and a lone "\r" become "\n", so that a separator "\n" splits every kind of line.
std::string unify_line_ends(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// One record read, not yet part of the pack.
struct Pending {
  detail::CsvRecord* record = nullptr;  // its cells are let go once it is committed
  ItemSource item;
  bool keep = true;                      // has an id and a collection: can become an item
  LangText collection_title;             // its collection's title as this row gives it
  int collection_column = 0;             // where (0: no collection column)
  std::vector<LangText> tag_labels;      // parallel to item.tags
  std::vector<Problem> problems;         // this record's, errors and warnings
  bool has_errors() const { return packs::has_errors(problems); }
};

class CsvImporter {
 public:
  CsvImporter(const CsvImportOptions& o, std::vector<Problem>& problems, CsvImportReport& report)
      : o_(o), problems_(problems), report_(report), mapping_file_(o.mapping, problems), sink_(&problems) {}

  PackSource run() {
    const std::size_t first = problems_.size();
    import();
    // Mapping problems first, then the CSV's by line and column (a row's checks run field by
    // field, the parser's before them).
    std::stable_sort(problems_.begin() + static_cast<std::ptrdiff_t>(first), problems_.end(),
                     [&](const Problem& a, const Problem& b) {
                       return std::tuple(a.file != o_.mapping, a.line, a.column) <
                              std::tuple(b.file != o_.mapping, b.line, b.column);
                     });
    return std::move(s_);
  }

 private:
  void import() {
    s_.dir = o_.csv.parent_path();
    const bool mapping_ok = read_mapping();
    const bool csv_ok = read_csv();
    if (csv_ok && mapping_ok) resolve_columns();
    report_.header = table_.header;
    report_.delimiter = table_.delimiter ? table_.delimiter : ',';
    report_.byte_order_mark = table_.byte_order_mark;
    report_.records = table_.records.size() + table_.empty_records.size();
    report_.dates_mapped = usable(m_.date) || usable(m_.year_from) || usable(m_.year_to);

    // Problems of one record go with it (it may be rejected); the others concern the file.
    std::map<int, std::vector<Problem>> record_issues;
    for (const auto& issue : issues_) {
      Problem p{o_.csv, issue.line, issue.column, header_name(issue.column - 1), issue.reason};
      if (issue.record) {
        p.kind = kind::malformed;
        record_issues[issue.record].push_back(std::move(p));
      } else {
        problems_.push_back(std::move(p));
      }
    }
    for (int line : table_.empty_records)
      problems_.push_back(Problem{o_.csv, line, 0, "", "empty record: every cell is empty; left out", true,
                                  std::string(kind::empty_record)});
    report_.empty = table_.empty_records.size();
    if (csv_ok && table_.records.empty())
      problems_.push_back(Problem{o_.csv, table_.header_line, 0, "",
                                  "no rows after the header line: nothing to import"});
    if (!csv_ok || !mapping_ok || !m_.columns_read) {
      for (auto& [line, p] : record_issues) problems_.insert(problems_.end(), p.begin(), p.end());
      report_.blocked = true;
      return;
    }

    // Anything wrong with the mapping or the file as a whole (all reported by now): every
    // problem is listed, nothing is imported, whatever skip_invalid says.
    report_.blocked = has_errors(problems_);
    const bool skipping = o_.skip_invalid && !report_.blocked;

    // Records are read and committed a batch at a time: memory holds one batch of pendings,
    // and the images of a batch are checked on all cores at once.
    constexpr std::size_t kBatch = 512;
    std::vector<Pending> batch;
    batch.reserve(kBatch);
    auto flush = [&] {
      if (skipping) check_images(batch);
      for (auto& p : batch) {
        if (p.has_errors()) ++report_.invalid;
        if (skipping && p.has_errors())
          reject(p);
        else
          commit(p);
      }
      batch.clear();
    };
    s_.items.reserve(table_.records.size());
    const std::uint64_t total = table_.records.size();
    auto progress = [&](std::uint64_t done) {
      if (o_.progress && total) o_.progress(Progress{"rows", done, total});
    };
    progress(0);
    std::uint64_t done = 0;
    for (auto& r : table_.records) {
      if (++done % 1024 == 0) progress(done);
      Pending p;
      p.record = &r;
      if (auto found = record_issues.find(r.line); found != record_issues.end()) p.problems = std::move(found->second);
      if (r.ragged) {
        p.keep = false;
      } else if (std::all_of(r.cells.begin(), r.cells.end(), [](const std::string& c) { return null_marker(c); })) {
        problems_.push_back(Problem{o_.csv, r.line, 0, "", "empty record: every cell is empty or NULL; left out",
                                    true, std::string(kind::empty_record)});
        ++report_.empty;
        continue;
      } else {
        row(p);
      }
      batch.push_back(std::move(p));
      if (batch.size() == kBatch) flush();
    }
    flush();
    progress(total);
    if (skipping && s_.items.empty() && !report_.rejected.empty())
      problems_.push_back(Problem{o_.csv, 0, 0, "", "every record has an error: nothing to import"});
  }

  // The images of the records that are to be kept, checked as the build will (readable JPEG or
  // PNG): with skip_invalid an unreadable one rejects its record instead of stopping the build.
  void check_images(std::vector<Pending>& pending) {
    std::vector<ImageSource*> images;
    std::map<int, Pending*> by_line;
    for (auto& p : pending) {
      if (p.has_errors() || !p.keep) continue;
      by_line[p.record->line] = &p;
      for (auto& img : p.item.images) images.push_back(&img);
    }
    std::vector<Problem> found;
    detail::check_images(images, 0, found);
    for (auto& problem : found) {
      problem.kind = kind::unreadable_image;
      if (auto p = by_line.find(problem.line); p != by_line.end())
        p->second->problems.push_back(std::move(problem));
      else
        problems_.push_back(std::move(problem));
    }
  }

  void reject(Pending& p) {
    RejectedRecord r;
    r.line = p.record->line;
    r.cells = std::move(p.record->cells);
    for (auto& problem : p.problems)
      if (!problem.warning) r.errors.push_back(std::move(problem));
    std::stable_sort(r.errors.begin(), r.errors.end(),
                     [](const Problem& a, const Problem& b) { return std::tie(a.line, a.column) < std::tie(b.line, b.column); });
    report_.rejected.push_back(std::move(r));
  }

  // The record becomes part of the pack: its collection and tags, its place in the collection.
  void commit(Pending& p) {
    for (const auto& problem : p.problems)
      if (problem.kind == kMissingImage) ++report_.missing_images;
    problems_.insert(problems_.end(), std::make_move_iterator(p.problems.begin()),
                     std::make_move_iterator(p.problems.end()));
    std::vector<std::string>().swap(p.record->cells);  // read: 100,000 rows need not stay in memory twice
    if (!p.keep) return;
    const detail::CsvRecord& r = *p.record;
    ItemSource& it = p.item;
    add_to_collection(r, it, p.collection_title, p.collection_column);
    if (!usable(m_.order)) it.order = ++rows_in_[it.collection];
    for (std::size_t i = 0; i < it.tags.size(); ++i) {
      auto [known, fresh] = s_.tags.emplace(it.tags[i], p.tag_labels[i]);
      if (fresh)
        tag_lines_[it.tags[i]] = r.line;
      else
        merge_label(r, m_.tags, known->second, p.tag_labels[i], "tag " + q(it.tags[i]), tag_lines_[it.tags[i]]);
    }
    if (it.year_from) ++report_.dated;
    ++report_.imported;
    s_.items.push_back(std::move(it));
  }

  // --- the mapping file ------------------------------------------------------------------

  bool read_mapping() {
    std::error_code ec;
    if (!fs::is_regular_file(o_.mapping, ec)) {
      mapping_file_.report("", "mapping file not found");
      return false;
    }
    if (!mapping_file_.load()) return false;
    const toml::table& root = mapping_file_.root();
    Fields top(mapping_file_, root, "");
    top.allow({"pack", "csv", "columns", "metadata"});
    if (const toml::table* pack = top.table("pack", true)) read_pack(*pack);
    if (const toml::table* csv = top.table("csv", false)) read_csv_options(*csv);
    if (const toml::table* columns = top.table("columns", true)) read_columns(*columns);
    if (const toml::array* meta = top.array("metadata", false)) read_metadata(*meta);
    return true;
  }

  void read_pack(const toml::table& table) {
    TomlFile& f = mapping_file_;
    Fields t(f, table, "pack");
    t.allow({"id", "version", "languages", "default_language", "require_languages", "title", "credit"});
    rules_ = detail::read_pack_identity(t, s_);
    if (const toml::node* title = table.get("title"))
      s_.title = texts(*title, "pack.title", true);
    else
      t.report("title", "required field is missing");
    if (const toml::node* credit = table.get("credit")) s_.credit = texts(*credit, "pack.credit", false);
  }

  bool known_language(const toml::key& k, const std::string& field) {
    if (!rules_.known || std::find(rules_.languages.begin(), rules_.languages.end(), k.str()) != rules_.languages.end())
      return true;
    mapping_file_.report(k.source(), field,
                         "language " + q(k.str()) + " is not in [pack] languages [" + join(rules_.languages) + "]");
    return false;
  }

  // A language map of texts: { bg = "…", en = "…" }; in a pack of one language, a plain string too.
  LangText texts(const toml::node& node, const std::string& field, bool need_default) {
    LangText out;
    if (node.is_string() && rules_.known && rules_.languages.size() == 1) {
      out.set(rules_.default_language, sanitize_text(node.as_string()->get()));
      if (need_default && out.empty()) mapping_file_.report(node.source(), field, "must not be empty");
      return out;
    }
    const toml::table* t = node.as_table();
    if (!t) {
      mapping_file_.report(node.source(), field,
                           "expected a language map like { " + example_language() + " = \"…\" }" +
                               (node.is_string() ? " (a plain string is enough in a pack of one language)"
                                                 : std::string()) +
                               ", got " + detail::type_name(node.type()));
      return out;
    }
    for (auto&& [k, v] : *t) {
      const std::string sub = field + "." + std::string(k.str());
      if (!known_language(k, sub)) continue;
      if (!v.is_string()) {
        mapping_file_.report(v.source(), sub, "expected a string, got " + detail::type_name(v.type()));
        continue;
      }
      out.set(k.str(), sanitize_text(v.as_string()->get()));
    }
    if (need_default && rules_.known && !out.has(rules_.default_language))
      mapping_file_.report(node.source(), field,
                           "missing the text in the default language " + q(rules_.default_language));
    return out;
  }

  std::string example_language() const { return rules_.known ? rules_.default_language : "bg"; }

  void read_csv_options(const toml::table& table) {
    Fields t(mapping_file_, table, "csv");
    t.allow({"delimiter", "multi_value", "encoding", "missing_images"});
    if (auto d = t.string("delimiter", false)) {
      if (*d == "auto") m_.delimiter = 0;
      else if (*d == "tab" || *d == "\\t") m_.delimiter = '\t';
      else if (d->size() == 1 && std::string_view(",;\t|").find((*d)[0]) != std::string_view::npos) m_.delimiter = (*d)[0];
      else
        t.report("delimiter", q(*d) + " is not a delimiter this importer reads: use \"auto\", \",\", \";\", "
                              "\"\\t\" (tab) or \"|\"");
    }
    if (auto mv = t.string("multi_value", false)) {
      if (mv->empty() || mv->find('"') != std::string::npos)
        t.report("multi_value", "must be one or more characters that separate the values in one cell, like \"|\"");
      else
        m_.multi_value = *mv;
    }
    if (auto enc = t.string("encoding", false)) {
      const std::string e = detail::fold_case(*enc);
      if (e != "utf-8" && e != "utf8")
        t.report("encoding", q(*enc) + ": only UTF-8 is read. Export or save the file as UTF-8 (in Excel: "
                             "\"CSV UTF-8\"; in LibreOffice: character set \"Unicode (UTF-8)\") and write "
                             "encoding = \"UTF-8\" or leave the key out");
    }
    if (auto mi = t.string("missing_images", false)) {
      if (*mi == "warning") m_.missing_images_warn = true;
      else if (*mi != "error")
        t.report("missing_images", q(*mi) + ": use \"error\" (the default: nothing is built) or \"warning\" "
                                   "(the item is imported without the image)");
    }
  }

  std::optional<ColumnRef> column(const toml::node& node, const std::string& field) {
    if (!node.is_string()) {
      mapping_file_.report(node.source(), field,
                           "expected a column name (a string), got " + detail::type_name(node.type()));
      return std::nullopt;
    }
    ColumnRef c{sanitize_text(node.as_string()->get()), field, node.source(), -1};
    if (c.name.empty()) {
      mapping_file_.report(node.source(), field, "must name a column of the CSV header");
      return std::nullopt;
    }
    return c;
  }

  // A column name (the default language's text) or a language map of column names.
  TextColumns text_columns(const toml::node& node, const std::string& field) {
    TextColumns out;
    if (node.is_string()) {
      if (auto c = column(node, field); c && rules_.known) out.langs.emplace_back(rules_.default_language, *c);
      return out;
    }
    const toml::table* t = node.as_table();
    if (!t) {
      mapping_file_.report(node.source(), field,
                           "expected a column name or a language map of column names like { " + example_language() +
                               " = \"Column\" }, got " + detail::type_name(node.type()));
      return out;
    }
    for (auto&& [k, v] : *t) {
      const std::string sub = field + "." + std::string(k.str());
      if (!known_language(k, sub)) continue;
      if (auto c = column(v, sub)) out.langs.emplace_back(std::string(k.str()), *c);
    }
    return out;
  }

  void read_columns(const toml::table& table) {
    m_.columns_read = true;
    Fields t(mapping_file_, table, "columns");
    t.allow({"id", "collection", "order", "title", "summary", "description", "period", "place", "credit",
             "year_from", "year_to", "date", "latitude", "longitude", "images", "image_captions", "image_alts", "tags"});
    auto single = [&](std::string_view key, std::optional<ColumnRef>& out, bool required) {
      if (const toml::node* n = table.get(key))
        out = column(*n, "columns." + std::string(key));
      else if (required)
        t.report(key, "required field is missing: name the column that holds it");
    };
    auto texts_of = [&](std::string_view key, TextColumns& out) {
      if (const toml::node* n = table.get(key)) out = text_columns(*n, "columns." + std::string(key));
    };
    single("id", m_.id, true);
    single("order", m_.order, false);
    single("year_from", m_.year_from, false);
    single("year_to", m_.year_to, false);
    single("date", m_.date, false);
    single("latitude", m_.latitude, false);
    single("longitude", m_.longitude, false);
    single("images", m_.images, false);
    texts_of("collection", m_.collection);
    texts_of("title", m_.title);
    texts_of("summary", m_.summary);
    texts_of("description", m_.description);
    texts_of("period", m_.period);
    texts_of("place", m_.place);
    texts_of("credit", m_.credit);
    texts_of("image_captions", m_.image_captions);
    texts_of("image_alts", m_.image_alts);
    texts_of("tags", m_.tags);

    const std::string def = q(rules_.known ? rules_.default_language : "");
    if (!table.get("title"))
      t.report("title", "required field is missing: name the title column of each language");
    else if (rules_.known && !m_.title.of(rules_.default_language) && table.get("title")->is_table())
      t.report("title", "needs a column in the default language " + def);
    if (rules_.known && table.get("collection") && table.get("collection")->is_table() &&
        !m_.collection.of(rules_.default_language))
      t.report("collection", "needs a column in the default language " + def + ": collection ids are made from it");
    if (rules_.known && table.get("tags") && table.get("tags")->is_table() && !m_.tags.of(rules_.default_language))
      t.report("tags", "needs a column in the default language " + def + ": tag ids are made from it");
    if (table.get("latitude") && !table.get("longitude"))
      t.report("latitude", "latitude and longitude go together: name the longitude column too");
    if (table.get("longitude") && !table.get("latitude"))
      t.report("longitude", "latitude and longitude go together: name the latitude column too");
    for (std::string_view key : {"image_captions", "image_alts"})
      if (table.get(key) && !table.get("images"))
        t.report(key, "there is no images column: name it as columns.images");
  }

  void read_metadata(const toml::array& meta) {
    std::size_t i = 0;
    for (const toml::node& n : meta) {
      const std::string prefix = "metadata[" + std::to_string(++i) + "]";
      const toml::table* t = n.as_table();
      if (!t) {
        mapping_file_.report(n.source(), prefix, "expected a [[metadata]] table, got " + detail::type_name(n.type()));
        continue;
      }
      Fields m(mapping_file_, *t, prefix);
      m.allow({"label", "column", "separator"});
      MetaMapping mm;
      if (const toml::node* label = t->get("label"))
        mm.label = texts(*label, prefix + ".label", true);
      else
        m.report("label", "required field is missing: the label shown beside the value, per language");
      if (const toml::node* col = t->get("column"))
        mm.value = text_columns(*col, prefix + ".column");
      else
        m.report("column", "required field is missing: the column holding the value (or one per language)");
      if (auto sep = m.string("separator", false)) {
        if (sep->empty() || sep->find('"') != std::string::npos)
          m.report("separator", "must be one or more characters that separate the values in one cell, like \"; \"");
        else
          mm.separator = *sep;
      }
      m_.metadata.push_back(std::move(mm));
    }
  }

  // --- the CSV file ----------------------------------------------------------------------

  bool read_csv() {
    std::error_code ec;
    if (!fs::is_regular_file(o_.csv, ec)) {
      problems_.push_back(Problem{o_.csv, 0, 0, "", "CSV file not found"});
      return false;
    }
    bool ok = false;
    const std::string bytes = read_bytes(o_.csv, ok);
    if (!ok) {
      problems_.push_back(Problem{o_.csv, 0, 0, "", "cannot open the file"});
      return false;
    }
    table_ = detail::parse_csv(bytes, m_.delimiter, issues_);
    if (table_.refused) return false;
    if (table_.header_line == 0) {
      problems_.push_back(Problem{o_.csv, 0, 0, "",
                                  "the file is empty: expected a header line naming the columns, then one line per "
                                  "object"});
      return false;
    }
    return true;
  }

  std::string header_name(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= table_.header.size()) return {};
    return table_.header[static_cast<std::size_t>(index)];
  }

  void resolve_columns() {
    const auto& header = table_.header;
    std::vector<std::string> listed;
    for (const auto& h : header)
      if (!h.empty()) listed.push_back("\"" + h + "\"");
    for (ColumnRef* c : m_.all()) {
      std::vector<int> found;
      for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == c->name) found.push_back(static_cast<int>(i));
      if (found.size() == 1) {
        c->index = found.front();
        continue;
      }
      if (found.size() > 1) {
        std::vector<std::string> numbers;
        for (int i : found) numbers.push_back(std::to_string(i + 1));
        mapping_file_.report(c->where, c->key,
                             "the CSV header has the column \"" + c->name + "\" " + std::to_string(found.size()) +
                                 " times (columns " + join(numbers, ", ") + "): rename them in the export so that "
                                 "each name is used once");
        continue;
      }
      std::string reason = "no column \"" + c->name + "\" in the header of " + o_.csv.filename().string();
      const std::string folded = squeeze(detail::fold_case(c->name));
      for (const auto& h : header)
        if (squeeze(detail::fold_case(h)) == folded) {
          reason += "; did you mean \"" + h + "\"?";
          break;
        }
      reason += " (the columns are: " + join(listed) + ")";
      mapping_file_.report(c->where, c->key, std::move(reason));
    }
  }

  static std::string squeeze(std::string_view s) {  // without spaces and dots: "Inv. No" ~ "inv no."
    std::string out;
    for (char c : s)
      if (c != ' ' && c != '.' && c != '_' && c != '-') out += c;
    return out;
  }

  // --- one row -----------------------------------------------------------------------------

  // A problem of the record being read (into its Pending), or, while committing, of the import.
  void problem(const detail::CsvRecord& r, const ColumnRef& c, std::string reason, std::string_view what,
               bool warning = false) {
    sink_->push_back(
        Problem{o_.csv, r.line, c.index + 1, header_name(c.index), std::move(reason), warning, std::string(what)});
  }

  static bool usable(const ColumnRef* c) { return c && c->index >= 0; }
  static bool usable(const std::optional<ColumnRef>& c) { return c && c->index >= 0; }

  static std::string_view raw(const detail::CsvRecord& r, const ColumnRef& c) {
    return c.index >= 0 && static_cast<std::size_t>(c.index) < r.cells.size()
               ? std::string_view(r.cells[static_cast<std::size_t>(c.index)])
               : std::string_view();
  }

  // A cell (or one value of it) as safe plain text: HTML reduced, everything sanitised.
  std::string text(const detail::CsvRecord& r, const ColumnRef& c, std::string_view value) {
    if (detail::fold_case(value).find("<script") != std::string::npos && looks_like_html(value))
      problem(r, c, "an HTML <script> element was removed with its content", kind::script, true);
    return to_plain_text(value);
  }

  static std::vector<std::string> split(std::string_view cell, std::string_view separator) {
    const std::string s = unify_line_ends(cell);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      const std::size_t at = s.find(separator, start);
      parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
      if (at == std::string::npos) break;
      start = at + separator.size();
    }
    return parts;
  }

  // The language map of a text field for this row.
  LangText texts(const detail::CsvRecord& r, const TextColumns& cols) {
    LangText out;
    for (const auto& [lang, c] : cols.langs)
      if (c.index >= 0) out.set(lang, text(r, c, raw(r, c)));
    return out;
  }

  // Reads one record into p: every field checked, every problem into p.problems.
  void row(Pending& p) {
    const detail::CsvRecord& r = *p.record;
    std::vector<Problem> parser_issues = std::move(p.problems);  // a text after a closing quote
    sink_ = &p.problems;
    ItemSource& it = p.item;
    const std::string& def = s_.default_language;

    bool id_ok = false;  // a usable id no row took before
    if (usable(m_.id)) {
      const ColumnRef& c = *m_.id;
      it.loc = SourceLoc{o_.csv, r.line, c.index + 1};
      const std::string id = sanitize_text(raw(r, c));
      if (id.empty()) {
        problem(r, c, "empty: every row needs an id", kind::no_id);
        p.keep = false;
      } else if (it.slug = detail::slugify(id); it.slug.empty()) {
        problem(r, c, q(id) + " gives no usable item id: it needs letters or digits", kind::no_id);
        p.keep = false;
      } else if (auto seen = ids_.find(it.slug); seen != ids_.end()) {
        const auto& [line, first] = seen->second;
        problem(r, c, first == id ? "duplicate id " + q(id) + ": also on line " + std::to_string(line)
                                  : "duplicate id: " + q(id) + " gives the item id " + q(it.slug) +
                                        ", the same as " + q(first) + " on line " + std::to_string(line),
                kind::duplicate_id);
        p.keep = false;
      } else {
        id_ok = true;
      }
    }

    if (!collection(r, p)) p.keep = false;

    it.title = texts(r, m_.title);
    if (const ColumnRef* c = m_.title.of(def); usable(c) && !it.title.has(def))
      problem(r, *c, "empty: every row needs a title in the default language " + q(def), kind::no_title);
    it.summary = texts(r, m_.summary);
    it.description = texts(r, m_.description);
    it.period = texts(r, m_.period);
    it.place_name = texts(r, m_.place);
    it.credit = texts(r, m_.credit);

    order(r, it);
    dates(r, it);
    place(r, it);
    tags(r, p);
    images(r, it);
    metadata(r, it);

    p.problems.insert(p.problems.begin(), std::make_move_iterator(parser_issues.begin()),
                      std::make_move_iterator(parser_issues.end()));
    sink_ = &problems_;
    // With skip_invalid an id is taken only by a row that is kept, so that a rejected row does not
    // make a later one with its id a duplicate; all or nothing, every duplicate is listed.
    if (id_ok && (!o_.skip_invalid || !p.has_errors()))
      ids_.emplace(it.slug, std::pair{r.line, sanitize_text(raw(r, *m_.id))});
  }

  // The row's collection: its id and title (the collection itself is made when the row is committed).
  bool collection(const detail::CsvRecord& r, Pending& p) {
    ItemSource& it = p.item;
    LangText title;
    int& column = p.collection_column;
    if (m_.collection.langs.empty()) {  // no collection column: one collection named after the pack
      title = s_.title;
    } else {
      const ColumnRef* c = m_.collection.of(s_.default_language);
      if (!usable(c)) return false;
      title = texts(r, m_.collection);
      column = c->index + 1;
      if (!title.has(s_.default_language)) {
        problem(r, *c, "empty: every row needs a collection in the default language " + q(s_.default_language),
                kind::no_collection);
        return false;
      }
    }
    std::string slug = detail::slugify(title.exact(s_.default_language));
    if (slug.empty() && m_.collection.langs.empty()) slug = "collection";
    if (slug.empty()) {
      problem(r, *m_.collection.of(s_.default_language),
              q(title.exact(s_.default_language)) + " gives no usable collection id: it needs letters or digits",
              kind::no_collection);
      return false;
    }
    it.collection = slug;  // collection_loc and tag_locs are for read_source's cross-check: left empty
    p.collection_title = std::move(title);
    return true;
  }

  // Collections appear in the order of their first committed row.
  void add_to_collection(const detail::CsvRecord& r, const ItemSource& it, const LangText& title, int column) {
    auto found = std::find_if(s_.collections.begin(), s_.collections.end(),
                              [&](const CollectionSource& c) { return c.slug == it.collection; });
    if (found == s_.collections.end()) {
      CollectionSource c;
      c.slug = it.collection;
      c.order = 10 * static_cast<int>(s_.collections.size() + 1);
      c.title = title;
      c.loc = SourceLoc{o_.csv, r.line, column};
      s_.collections.push_back(std::move(c));
      return;
    }
    if (!m_.collection.langs.empty())
      merge_label(r, m_.collection, found->title, title, "collection " + q(it.collection), found->loc.line);
  }

  // A label (collection title, tag) met again: fills languages it lacked, warns of a different text.
  void merge_label(const detail::CsvRecord& r, const TextColumns& cols, LangText& kept, const LangText& here,
                   const std::string& what, int first_line) {
    for (const auto& [lang, text] : here.entries()) {
      if (!kept.has(lang)) {
        kept.set(lang, text);
      } else if (kept.exact(lang) != text) {
        const ColumnRef* c = cols.of(lang);
        problem(r, *c,
                what + " is called " + q(kept.exact(lang)) + " on line " + std::to_string(first_line) + " but " +
                    q(text) + " here; the first is kept",
                kind::label_differs, true);
      }
    }
  }

  // With an order column, the position it gives; without one the row's place (set on commit).
  void order(const detail::CsvRecord& r, ItemSource& it) {
    if (!usable(m_.order)) return;
    const std::string v = sanitize_text(raw(r, *m_.order));
    int n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
      problem(r, *m_.order, (v.empty() ? std::string("empty") : q(v) + " is not a whole number") +
                                ": the order column needs a whole number on every row",
              kind::order);
      return;
    }
    it.order = n;
  }

  std::optional<int> year(const detail::CsvRecord& r, const std::optional<ColumnRef>& c, bool& bad) {
    if (!usable(c)) return std::nullopt;
    const std::string v = sanitize_text(raw(r, *c));
    if (v.empty()) return std::nullopt;
    std::string why;
    auto y = detail::parse_year(v, why);
    if (!y) {
      problem(r, *c, why, kind::year);
      bad = true;
    } else if (*y < kMinYear || *y > kMaxYear) {
      problem(r, *c, "year " + std::to_string(*y) + " is out of range " + std::to_string(kMinYear) + ".." +
                         std::to_string(kMaxYear) + " (BCE years are negative)",
              kind::year);
      bad = true;
      y.reset();
    }
    return y;
  }

  // The item's date: year_from / year_to, one year each; where they give none, the years of the
  // free-text date column as packs::parse_date reads it ("c.1825–7", "IV–III в. пр. Хр.",
  // "date not known"), with their certainty. The period column, if any, is the text the kiosk
  // shows as written; without one, the date column gives it when the years and their certainty
  // do not say it all ("1825, reprinted 1874", as written); else the kiosk labels the years in
  // each language ("c. 1825–1827").
  void dates(const detail::CsvRecord& r, ItemSource& it) {
    years(r, it);
    if (!usable(m_.date)) return;
    const std::string text = sanitize_text(raw(r, *m_.date));
    if (text.empty()) return;
    const Date d = parse_date(text);
    if (!d.understood())
      problem(r, *m_.date, "not a date Orpheus reads (" + d.why + "): shown as written, without years", kind::date, true);
    if (d.kind == Date::Kind::years && !it.year_from) {
      it.year_from = d.earliest;
      it.year_to = d.latest;
      it.certainty = d.certainty;
    }
    if (it.period.empty() && rules_.known && !d.plain()) it.period.set(rules_.default_language, text);
  }

  void years(const detail::CsvRecord& r, ItemSource& it) {
    bool bad = false;
    const bool one_column = usable(m_.year_from) && usable(m_.year_to) && m_.year_from->index == m_.year_to->index;
    auto from = year(r, m_.year_from, bad);
    auto to = one_column ? from : year(r, m_.year_to, bad);  // one column for both: read (and reported) once
    if (bad) return;
    if (!from) from = to;  // one year given: from = to
    if (!to) to = from;
    if (from && to && *from > *to) {
      problem(r, *m_.year_from, "from (" + std::to_string(*from) + ") is after to (" + std::to_string(*to) +
                                    "); BCE years are negative or written with BC, e.g. -400 to -300",
              kind::years_reversed);
      return;
    }
    it.year_from = from;
    it.year_to = to;
  }

  void place(const detail::CsvRecord& r, ItemSource& it) {
    if (!usable(m_.latitude) || !usable(m_.longitude)) return;
    const std::string lat_s = sanitize_text(raw(r, *m_.latitude)), lon_s = sanitize_text(raw(r, *m_.longitude));
    if (lat_s.empty() && lon_s.empty()) return;
    if (lat_s.empty() || lon_s.empty()) {
      problem(r, lat_s.empty() ? *m_.latitude : *m_.longitude,
              lat_s.empty() ? "empty, but the longitude is given: a place needs both"
                            : "empty, but the latitude is given: a place needs both",
              kind::place);
      return;
    }
    const auto lat = detail::parse_decimal(lat_s), lon = detail::parse_decimal(lon_s);
    if (!lat) problem(r, *m_.latitude, q(lat_s) + " is not a number of degrees (like 42.5081)", kind::place);
    else if (*lat < -90.0 || *lat > 90.0)
      problem(r, *m_.latitude, "latitude " + number(*lat) + " is outside -90..90", kind::place);
    if (!lon) problem(r, *m_.longitude, q(lon_s) + " is not a number of degrees (like 24.1833)", kind::place);
    else if (*lon < -180.0 || *lon > 180.0)
      problem(r, *m_.longitude, "longitude " + number(*lon) + " is outside -180..180 (west is negative)", kind::place);
    if (lat && lon && *lat >= -90.0 && *lat <= 90.0 && *lon >= -180.0 && *lon <= 180.0) {
      it.latitude = lat;
      it.longitude = lon;
    }
  }

  // The non-empty values of a multi-value cell, as plain text.
  std::vector<std::string> values(const detail::CsvRecord& r, const ColumnRef& c, bool keep_empty,
                                  std::string_view separator) {
    std::vector<std::string> out;
    for (const auto& part : split(raw(r, c), separator)) {
      std::string v = text(r, c, part);
      if (!v.empty() || keep_empty) out.push_back(std::move(v));
    }
    if (keep_empty && out.size() == 1 && out.front().empty()) out.clear();  // an empty cell: no values
    return out;
  }
  std::vector<std::string> values(const detail::CsvRecord& r, const ColumnRef& c, bool keep_empty) {
    return values(r, c, keep_empty, m_.multi_value);
  }

  // The row's tags: ids and labels (added to the pack's tags when the row is committed).
  void tags(const detail::CsvRecord& r, Pending& p) {
    ItemSource& it = p.item;
    const ColumnRef* main = m_.tags.of(s_.default_language);
    if (!usable(main)) return;
    const auto names = values(r, *main, false);
    struct Labels {
      std::string lang;
      std::vector<std::string> labels;
    };
    std::vector<Labels> others;  // parallel to `names`, per other language
    for (const auto& [lang, c] : m_.tags.langs) {
      if (lang == s_.default_language || c.index < 0) continue;
      auto labels = values(r, c, false);
      if (!labels.empty() && labels.size() != names.size()) {
        problem(r, c, "lists " + count(labels.size(), "tag", "tags") + " but the " + s_.default_language +
                          " column lists " + std::to_string(names.size()) +
                          ": give the labels of the same tags in the same order",
                kind::tags);
        continue;
      }
      others.push_back(Labels{lang, std::move(labels)});
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string slug = detail::slugify(names[i]);
      if (slug.empty()) {
        problem(r, *main, "tag " + q(names[i]) + " gives no usable tag id: it needs letters or digits", kind::tags);
        continue;
      }
      if (std::find(it.tags.begin(), it.tags.end(), slug) != it.tags.end()) continue;  // listed twice
      LangText label;
      label.set(s_.default_language, names[i]);
      for (const auto& o : others)
        if (i < o.labels.size()) label.set(o.lang, o.labels[i]);
      it.tags.push_back(slug);
      p.tag_labels.push_back(std::move(label));
    }
  }

  void images(const detail::CsvRecord& r, ItemSource& it) {
    if (!usable(m_.images)) return;
    const ColumnRef& c = *m_.images;
    std::vector<std::string> files;
    for (const auto& part : split(raw(r, c), m_.multi_value))
      if (auto f = sanitize_text(part); !f.empty()) files.push_back(std::move(f));
    // Captions and alternative texts: one per image, in the same order (empty ones allowed).
    auto per_image = [&](const TextColumns& cols, std::pair<const char*, const char*> what) {
      std::vector<std::pair<std::string, std::vector<std::string>>> out;
      for (const auto& [lang, col] : cols.langs) {
        if (col.index < 0) continue;
        auto v = values(r, col, true);
        if (v.empty()) continue;
        if (v.size() != files.size()) {
          problem(r, col, "lists " + count(v.size(), what.first, what.second) + " for " +
                              count(files.size(), "image", "images") + ": give one per image, in the same order (an empty one between two "
                              "separators is fine)",
                  kind::per_image);
          continue;
        }
        out.emplace_back(lang, std::move(v));
      }
      return out;
    };
    const auto captions = per_image(m_.image_captions, {"caption", "captions"});
    const auto alts = per_image(m_.image_alts, {"alternative text", "alternative texts"});
    for (std::size_t i = 0; i < files.size(); ++i) {
      ImageSource img;
      img.file = files[i];
      if (!detail::is_web_address(img.file)) std::replace(img.file.begin(), img.file.end(), '\\', '/');
      img.loc = SourceLoc{o_.csv, r.line, c.index + 1};
      img.field = header_name(c.index);
      for (const auto& [lang, v] : captions) img.caption.set(lang, v[i]);
      for (const auto& [lang, v] : alts) img.alt.set(lang, v[i]);
      if (!locate(r, c, img)) continue;
      it.images.push_back(std::move(img));
    }
  }

  // The folders a picture is looked for in: the CSV's own, then each image folder.
  std::vector<fs::path> image_roots() const {
    std::vector<fs::path> roots{s_.dir.empty() ? fs::path(".") : s_.dir};
    roots.insert(roots.end(), o_.image_dirs.begin(), o_.image_dirs.end());
    return roots;
  }

  // A picture not found: an error, or a warning when the mapping says so (false: leave it out).
  bool not_found(const detail::CsvRecord& r, const ColumnRef& c, const std::string& what) {
    if (m_.missing_images_warn) {
      problem(r, c, what + "; the item is imported without it", kMissingImage, true);
      return false;
    }
    problem(r, c, what, kMissingImage);
    return true;
  }

  // The CSV's folder first, then each image folder. False if the image is to be left out.
  bool locate(const detail::CsvRecord& r, const ColumnRef& c, ImageSource& img) {
    const std::string& file = img.file;
    if (detail::is_web_address(file)) {
      // Never downloaded: the file of that name in an image folder, as the IIIF importer finds it.
      const auto names = detail::image_names(file);
      if (names.empty()) {
        problem(r, c, "image " + q(file) + " is a web address without a file name: save the picture in an image "
                      "folder and write its file name",
                kind::image_path);
        return true;  // an error: the row is not imported as it is
      }
      if (!folders_) folders_.emplace(image_roots());
      img.resolved = folders_->find(names);
      if (!img.resolved.empty()) return true;
      return not_found(r, c, "image " + q(file) + " not found " + folders_->looked_for(names));
    }
    const fs::path rel(file);
    if (rel.is_absolute() || (file.size() > 1 && file[1] == ':')) {
      problem(r, c, "image " + q(file) + " must be a file name relative to the CSV's folder or an image "
                    "folder, not an absolute path",
              kind::image_path);
      return true;
    }
    const auto roots = image_roots();
    std::error_code ec;
    for (const auto& root : roots)
      if (fs::is_regular_file(root / rel, ec)) {
        img.resolved = root / rel;
        return true;
      }
    std::vector<std::string> looked;
    for (const auto& root : roots) looked.push_back(root.string());
    return not_found(r, c, "image " + q(file) + " not found (looked in: " + join(looked) + ")");
  }

  // Label/value pairs. A cell of several values (split at the pair's separator, else [csv]
  // multi_value) is shown as a list, one value per line, so that "Blake, William" stays whole.
  void metadata(const detail::CsvRecord& r, ItemSource& it) {
    for (const auto& mm : m_.metadata) {
      MetaSource pair;
      pair.label = mm.label;
      for (const auto& [lang, c] : mm.value.langs) {
        if (c.index < 0) continue;
        pair.value.set(lang, join(values(r, c, false, mm.separator ? *mm.separator : m_.multi_value), "\n"));
      }
      if (!pair.value.empty()) it.metadata.push_back(std::move(pair));
    }
  }

  const CsvImportOptions& o_;
  std::vector<Problem>& problems_;
  CsvImportReport& report_;
  TomlFile mapping_file_;
  std::vector<Problem>* sink_;  // where problem() puts a row's problems
  PackSource s_;
  LangRules rules_;
  Mapping m_;
  detail::CsvTable table_;
  std::vector<detail::CsvIssue> issues_;
  std::optional<detail::ImageFolders> folders_;              // for web addresses: listed once, when first needed
  std::map<std::string, std::pair<int, std::string>> ids_;  // item id -> line, id as written
  std::map<std::string, int> rows_in_;                       // collection -> rows so far
  std::map<std::string, int> tag_lines_;                     // tag -> line it was first seen
};

// A cell as CSV: quoted when it holds the delimiter, a quote, a line break or white space at an end.
std::string csv_cell(const std::string& cell, char delimiter) {
  const bool quote = cell.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != std::string::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' ' || cell.front() == '\t' ||
                                        cell.back() == '\t'));
  if (!quote) return cell;
  std::string out = "\"";
  for (char ch : cell) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

PackSource import_csv(const CsvImportOptions& options, std::vector<Problem>& problems, CsvImportReport* report) {
  CsvImportReport local;
  return CsvImporter(options, problems, report ? *report : local).run();
}

void write_rejects(const fs::path& file, const CsvImportReport& report) {
  const char d = report.delimiter;
  std::string out = report.byte_order_mark ? "\xEF\xBB\xBF" : "";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? std::string(1, d) : std::string()) + csv_cell(cells[i], d);
    out += "\r\n";
  };
  std::vector<std::string> header = report.header;
  header.push_back(kRejectLineColumn);
  header.push_back(kRejectReasonColumn);
  line(header);
  for (const auto& r : report.rejected) {
    std::vector<std::string> cells = r.cells;
    if (cells.size() < report.header.size()) cells.resize(report.header.size());
    std::vector<std::string> reasons;
    for (const auto& e : r.errors) reasons.push_back(e.field.empty() ? e.reason : e.field + ": " + e.reason);
    cells.push_back(std::to_string(r.line));
    cells.push_back(join(reasons, " | "));
    line(cells);
  }
  fs::path temp = file;
  temp += ".tmp";
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  {
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.close();
    if (!f) {
      fs::remove(temp, ec);
      throw BuildError(file.string() + ": cannot write the reject file");
    }
  }
  fs::rename(temp, file, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw BuildError(file.string() + ": cannot write the reject file: " + ec.message());
  }
}

}  // namespace orpheus::packs
