#include "packs/toml_check.h"

#include <algorithm>
#include <climits>
#include <fstream>
#include <sstream>

#include "packs/text_rules.h"

namespace orpheus::packs::detail {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Levenshtein distance, for "did you mean" on unknown keys. Keys are short ASCII words.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a fraction";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

TomlFile::TomlFile(std::filesystem::path shown, std::vector<Problem>& problems)
    : shown_(std::move(shown)), problems_(problems) {}

bool TomlFile::load() {
  std::ifstream in(shown_, std::ios::binary);
  if (!in) {
    report("", "cannot open the file");
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    root_ = toml::parse(buffer.str(), shown_.string());
  } catch (const toml::parse_error& e) {
    report(e.source(), "", "not valid TOML: " + std::string(e.description()));
    return false;
  }
  return true;
}

SourceLoc TomlFile::loc(const toml::source_region& where) const {
  return SourceLoc{shown_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

void TomlFile::report(const toml::source_region& where, std::string field, std::string reason) {
  problems_.push_back(Problem{shown_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                              std::move(field), std::move(reason)});
}

void TomlFile::report(std::string field, std::string reason) {
  problems_.push_back(Problem{shown_, 0, 0, std::move(field), std::move(reason)});
}

Fields::Fields(TomlFile& file, const toml::table& table, std::string prefix)
    : file_(file), table_(table), prefix_(std::move(prefix)) {}

std::string Fields::field(std::string_view key) const {
  if (prefix_.empty()) return std::string(key);
  if (key.empty()) return prefix_;
  return prefix_ + "." + std::string(key);
}

toml::source_region Fields::where(std::string_view key) const {
  if (const toml::node* n = table_.get(key)) return n->source();
  if (&table_ == &file_.root()) return {};  // a file's top level: no useful line
  return table_.source();
}

void Fields::report(std::string_view key, std::string reason) {
  const auto w = where(key);
  if (w.begin.line == 0)
    file_.report(field(key), std::move(reason));
  else
    file_.report(w, field(key), std::move(reason));
}

void Fields::allow(std::initializer_list<std::string_view> known) {
  for (auto&& [k, v] : table_) {
    if (std::find(known.begin(), known.end(), k.str()) != known.end()) continue;
    std::string expected;
    std::string_view closest;
    std::size_t best = 3;  // suggest only near misses: "captoin" -> "caption", "credits" -> "credit"
    for (auto name : known) {
      expected += (expected.empty() ? "" : ", ") + std::string(name);
      if (const auto d = distance(k.str(), name); d < best) {
        best = d;
        closest = name;
      }
    }
    file_.report(k.source(), field(k.str()),
                 closest.empty() ? "unknown key; expected one of: " + expected
                                 : "unknown key; did you mean '" + std::string(closest) + "'?");
  }
}

const toml::node* Fields::get(std::string_view key, toml::node_type want, const char* want_name, bool required) {
  const toml::node* n = table_.get(key);
  if (!n) {
    if (required) report(key, "required field is missing");
    return nullptr;
  }
  if (n->type() != want) {
    report(key, std::string("expected ") + want_name + ", got " + type_name(n->type()));
    return nullptr;
  }
  return n;
}

std::optional<std::string> Fields::string(std::string_view key, bool required) {
  const toml::node* n = get(key, toml::node_type::string, "a string", required);
  if (!n) return std::nullopt;
  return n->as_string()->get();
}

std::optional<std::int64_t> Fields::integer(std::string_view key, bool required) {
  const toml::node* n = get(key, toml::node_type::integer, "an integer", required);
  if (!n) return std::nullopt;
  return n->as_integer()->get();
}

std::optional<int> Fields::int32(std::string_view key, bool required) {
  auto v = integer(key, required);
  if (!v) return std::nullopt;
  if (*v < INT_MIN || *v > INT_MAX) {
    report(key, "number out of range");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<double> Fields::number(std::string_view key, bool required) {
  const toml::node* n = table_.get(key);
  if (n && n->is_integer()) return static_cast<double>(n->as_integer()->get());
  n = get(key, toml::node_type::floating_point, "a number", required);
  if (!n) return std::nullopt;
  return n->as_floating_point()->get();
}

const toml::table* Fields::table(std::string_view key, bool required) {
  const toml::node* n = get(key, toml::node_type::table, "a table", required);
  return n ? n->as_table() : nullptr;
}

const toml::array* Fields::array(std::string_view key, bool required) {
  const toml::node* n = get(key, toml::node_type::array, "a list", required);
  return n ? n->as_array() : nullptr;
}

LangText Fields::text(std::string_view key, Need need, const LangRules& rules) {
  const toml::node* n = table_.get(key);
  if (!n) {
    if (need == Need::default_language) report(key, "required field is missing");
    return {};
  }
  return read_lang_map(file_, *n, field(key), need, rules);
}

LangText read_lang_map(TomlFile& file, const toml::node& node, const std::string& field, Need need,
                       const LangRules& rules) {
  LangText out;
  const toml::table* t = node.as_table();
  if (!t) {
    std::string example = rules.known && !rules.languages.empty() ? rules.languages.front() : "bg";
    file.report(node.source(), field,
                "expected a language map like { " + example + " = \"…\" }, got " + type_name(node.type()));
    return out;
  }
  for (auto&& [k, v] : *t) {
    const std::string lang(k.str());
    const std::string sub = field + "." + lang;
    if (rules.known && std::find(rules.languages.begin(), rules.languages.end(), lang) == rules.languages.end()) {
      file.report(k.source(), sub, "language '" + lang + "' is not in pack.toml languages [" + join(rules.languages) + "]");
      continue;
    }
    if (!v.is_string()) {
      file.report(v.source(), sub, "expected a string, got " + type_name(v.type()));
      continue;
    }
    out.set(lang, v.as_string()->get());
  }
  if (need == Need::default_language && rules.known && !out.has(rules.default_language)) {
    const bool present = t->get(rules.default_language) != nullptr;
    file.report(node.source(), field,
                present ? "the text in the default language '" + rules.default_language + "' is empty"
                        : "missing the text in the default language '" + rules.default_language + "'");
  }
  return out;
}

LangRules read_pack_identity(Fields& t, PackSource& pack) {
  TomlFile& f = t.file();
  if (auto id = t.string("id", true)) {
    if (!is_slug(*id, true))
      t.report("id", "'" + *id + "' is not a valid pack id: use lower-case letters, digits, '.' and '-'");
    pack.id = *id;
  }
  if (auto v = t.string("version", true)) {
    if (v->empty()) t.report("version", "must not be empty");
    pack.version = *v;
  }
  auto& langs = pack.languages;
  bool ok = false;
  if (const toml::array* list = t.array("languages", true)) {
    ok = true;
    std::size_t i = 0;
    for (const toml::node& n : *list) {
      const std::string field = t.field("languages") + "[" + std::to_string(++i) + "]";
      if (!n.is_string()) {
        f.report(n.source(), field, "expected a language code string, got " + type_name(n.type()));
        ok = false;
        continue;
      }
      const std::string code = n.as_string()->get();
      if (!is_language_code(code)) {
        f.report(n.source(), field, "'" + code + "' is not a language code (like \"bg\" or \"en\")");
        ok = false;
      } else if (std::find(langs.begin(), langs.end(), code) != langs.end()) {
        f.report(n.source(), field, "language '" + code + "' is listed twice");
      } else {
        langs.push_back(code);
      }
    }
    if (langs.empty()) {
      t.report("languages", "must list at least one language");
      ok = false;
    }
  }
  if (auto d = t.string("default_language", true)) {
    pack.default_language = *d;
    if (ok && std::find(langs.begin(), langs.end(), *d) == langs.end()) {
      t.report("default_language", "'" + *d + "' is not in languages [" + join(langs) + "]");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const toml::array* list = t.array("require_languages", false)) {
    pack.required_languages_loc = f.loc(t.where("require_languages"));
    std::size_t i = 0;
    for (const toml::node& n : *list) {
      const std::string field = t.field("require_languages") + "[" + std::to_string(++i) + "]";
      if (!n.is_string()) {
        f.report(n.source(), field, "expected a language code string, got " + type_name(n.type()));
        continue;
      }
      const std::string code = n.as_string()->get();
      auto& required = pack.required_languages;
      if (ok && std::find(langs.begin(), langs.end(), code) == langs.end())
        f.report(n.source(), field, "'" + code + "' is not in languages [" + join(langs) + "]");
      else if (std::find(required.begin(), required.end(), code) != required.end())
        f.report(n.source(), field, "language '" + code + "' is listed twice");
      else if (ok)
        required.push_back(code);
    }
  }
  if (!ok) return LangRules{};
  return LangRules{true, langs, pack.default_language};
}

}  // namespace orpheus::packs::detail
