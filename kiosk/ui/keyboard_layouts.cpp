#include "ui/keyboard_layouts.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "core/language.h"
#include "core/log.h"
#include "core/utf8.h"

namespace orpheus::ui {
namespace {

// The keys of one row: separated by spaces, each exactly one code point that is neither a
// control character nor a space. Returns why not, or nothing.
std::string split_row(std::string_view row, std::vector<std::string>& keys) {
  std::size_t i = 0;
  while (i < row.size()) {
    if (row[i] == ' ') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < row.size() && row[i] != ' ') ++i;
    const std::string_view key = row.substr(start, i - start);
    const auto [c, len] = core::decode_utf8(key, 0);
    if (len == 0) return "not valid UTF-8 at key " + std::to_string(keys.size() + 1);
    if (len != key.size()) return "key \"" + std::string(key) + "\" is more than one letter (separate keys with spaces)";
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return "key " + std::to_string(keys.size() + 1) + " is a control character";
    keys.emplace_back(key);
  }
  if (keys.empty()) return "an empty row";
  if (keys.size() > kMaxKeysPerRow)
    return std::to_string(keys.size()) + " keys, at most " + std::to_string(kMaxKeysPerRow) + " fit a row";
  return {};
}

}  // namespace

std::string KeyboardProblem::str() const {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         (field.empty() ? "" : field + ": ") + reason;
}

std::vector<KeyboardProblem> KeyboardLayouts::read(const std::filesystem::path& file, KeyboardLayout& out) {
  std::vector<KeyboardProblem> problems;
  const auto problem = [&](const toml::source_region& where, std::string field, std::string reason) {
    problems.push_back({file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), std::move(field),
                        std::move(reason)});
  };
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    problem(e.source(), "", std::string(e.description()));
    return problems;
  }
  out = {};
  out.id = file.stem().string();
  const auto text = [&](const char* key, std::string& into) {
    const toml::node* n = t.get(key);
    if (!n) return problem(t.source(), key, "missing");
    const auto* s = n->as_string();
    if (!s || s->get().empty()) return problem(n->source(), key, "must be a text that is not empty");
    into = s->get();
  };
  text("name", out.name);
  text("language", out.language);
  text("script", out.script);
  if (const toml::node* n = t.get("short_name")) {
    const auto* sn = n->as_string();
    if (!sn || sn->get().empty() || sn->get().size() > 40)
      problem(n->source(), "short_name", "must be a short text that is not empty");
    else
      out.short_name = sn->get();
  }
  if (!out.language.empty() && !core::is_language_code(out.language))
    problem(t.get("language")->source(), "language", "\"" + out.language + "\" is not a language code such as \"bg\"");
  if (const toml::node* n = t.get("order")) {
    if (const auto* i = n->as_integer())
      out.order = static_cast<int>(std::clamp<std::int64_t>(i->get(), -1000000, 1000000));
    else
      problem(n->source(), "order", "must be a whole number");
  }
  const toml::node* rows = t.get("rows");
  const toml::array* array = rows ? rows->as_array() : nullptr;
  if (!array || array->empty() || array->size() > kMaxRows) {
    problem(rows ? rows->source() : t.source(), "rows",
            "must be a list of 1 to " + std::to_string(kMaxRows) + " rows, each a text of keys separated by spaces");
  } else {
    std::set<std::string> seen;
    for (std::size_t r = 0; r < array->size(); ++r) {
      const toml::node& row = (*array)[r];
      const std::string field = "rows[" + std::to_string(r + 1) + "]";
      const auto* s = row.as_string();
      if (!s) {
        problem(row.source(), field, "must be a text of keys separated by spaces");
        continue;
      }
      std::vector<std::string> keys;
      if (auto why = split_row(s->get(), keys); !why.empty()) {
        problem(row.source(), field, why);
        continue;
      }
      for (const auto& k : keys)
        if (!seen.insert(k).second) problem(row.source(), field, "key \"" + k + "\" is already on the keyboard");
      out.rows.push_back(std::move(keys));
    }
  }
  for (const auto& [key, node] : t)
    if (key != "name" && key != "short_name" && key != "language" && key != "script" && key != "order" && key != "rows")
      problem(key.source(), std::string(key.str()), "unknown key (known: name, short_name, language, script, order, rows)");
  return problems;
}

KeyboardLayouts KeyboardLayouts::load(const std::filesystem::path& dir) {
  KeyboardLayouts all;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  if (ec) log::error("keyboards", "cannot read " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    KeyboardLayout layout;
    const auto problems = read(file, layout);
    for (const auto& p : problems) log::error("keyboards", p.str() + " (layout left out)");
    all.problems_.insert(all.problems_.end(), problems.begin(), problems.end());
    if (problems.empty()) all.layouts_.push_back(std::move(layout));
  }
  std::stable_sort(all.layouts_.begin(), all.layouts_.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  return all;
}

std::vector<const KeyboardLayout*> KeyboardLayouts::cycle(std::string_view language) const {
  // A visitor language without a layout of its own types on the English one first.
  if (std::none_of(layouts_.begin(), layouts_.end(), [&](const auto& l) { return l.language == language; })) language = "en";
  std::vector<const KeyboardLayout*> out;
  for (const auto& l : layouts_)
    if (l.language == language) out.push_back(&l);
  for (const auto& l : layouts_)
    if (l.language != language) out.push_back(&l);
  return out;
}

const KeyboardLayout* KeyboardLayouts::for_language(std::string_view language) const {
  const auto c = cycle(language);
  return c.empty() ? nullptr : c.front();
}

const KeyboardLayout* KeyboardLayouts::next(const KeyboardLayout& current, std::string_view language) const {
  const auto c = cycle(language);
  const auto it = std::find(c.begin(), c.end(), &current);
  if (it == c.end()) return c.empty() ? nullptr : c.front();
  return std::next(it) == c.end() ? c.front() : *std::next(it);
}

}  // namespace orpheus::ui
