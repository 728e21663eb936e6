#include "i18n/check.h"

#include <algorithm>
#include <map>
#include <set>

#include "i18n/plural.h"

namespace orpheus::i18n {

std::string PoProblem::str() const { return file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + reason; }

std::vector<std::string> placeholders(std::string_view text) {
  std::set<std::string> found;
  for (auto open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) break;
    const auto name = text.substr(open + 1, close - open - 1);
    const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (word) found.emplace(name);
  }
  return {found.begin(), found.end()};
}

namespace {

std::string joined(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "{" : ", {") + n + "}";
  return s;
}

std::string quoted(std::string_view context, std::string_view id) {
  return (context.empty() ? "" : std::string(context) + " ") + "\"" + std::string(id) + "\"";
}

// How many numbers below 1000 each form serves.
std::vector<int> form_use(const PluralRule& rule) {
  std::vector<int> use(static_cast<std::size_t>(rule.count()), 0);
  for (std::uint64_t n = 0; n < 1000; ++n) ++use[static_cast<std::size_t>(rule.form(n))];
  return use;
}

}  // namespace

std::vector<PoProblem> check_po(const PoFile& po, const std::string& file, const CheckOptions& options) {
  std::vector<PoProblem> out;
  const auto problem = [&](int line, std::string reason) { out.push_back({file, line, std::move(reason)}); };
  PluralRule rule;
  if (const auto forms = po.header.find("Plural-Forms"); forms != po.header.end()) {
    std::string error;
    if (auto parsed = PluralRule::parse(forms->second, &error))
      rule = std::move(*parsed);
    else
      problem(po.header_line, "Plural-Forms: " + error);
  } else if (std::any_of(po.entries.begin(), po.entries.end(), [](const PoEntry& e) { return e.plural(); })) {
    problem(po.header_line, "no Plural-Forms in the header, and the file has plural entries");
  }
  const auto use = form_use(rule);

  std::map<std::pair<std::string, std::string>, const PoEntry*> template_entries;
  if (options.pot)
    for (const auto& e : options.pot->entries) template_entries[{e.context, e.id}] = &e;
  std::set<std::pair<std::string, std::string>> seen;

  for (const auto& e : po.entries) {
    const std::string what = quoted(e.context, e.id);
    if (!seen.insert({e.context, e.id}).second) problem(e.line, what + " appears twice");
    if (options.pot) {
      const auto t = template_entries.find({e.context, e.id});
      if (t == template_entries.end())
        problem(e.line, what + " is not in the template (the English changed or the entry was removed: update from the template)");
      else if (t->second->plural_id != e.plural_id)
        problem(e.line, what + ": the template's plural is \"" + t->second->plural_id + "\"");
    }
    if (e.plural() && e.strs.size() != static_cast<std::size_t>(rule.count()))
      problem(e.line, what + " has " + std::to_string(e.strs.size()) + " plural forms; Plural-Forms says " +
                          std::to_string(rule.count()));
    if (e.fuzzy) continue;
    const auto wanted = placeholders(e.plural() ? e.plural_id : e.id);
    for (std::size_t i = 0; i < e.strs.size(); ++i) {
      if (e.strs[i].empty()) continue;
      auto have = placeholders(e.strs[i]);
      auto expect = wanted;
      // A form for a single number may say the number in words: "1 предмет", "un objet".
      if (e.plural() && i < use.size() && use[i] == 1 && !std::binary_search(have.begin(), have.end(), "n"))
        std::erase(expect, "n");
      if (have != expect)
        problem(e.line, what + (e.plural() ? " msgstr[" + std::to_string(i) + "]" : std::string(" msgstr")) + " has " +
                            joined(have) + " where the English has " + joined(expect));
    }
  }
  if (options.pot && options.complete) {
    for (const auto& t : options.pot->entries) {
      const bool optional = std::any_of(options.optional_prefixes.begin(), options.optional_prefixes.end(),
                                        [&](const std::string& p) { return t.context.rfind(p, 0) == 0; });
      if (optional) continue;
      const auto it = std::find_if(po.entries.begin(), po.entries.end(),
                                   [&](const PoEntry& e) { return e.context == t.context && e.id == t.id; });
      if (it == po.entries.end())
        problem(0, quoted(t.context, t.id) + " is missing (update from the template)");
      else if (!it->translated())
        problem(it->line, quoted(t.context, t.id) + (it->fuzzy ? " is marked fuzzy" : " is not translated"));
    }
  }
  return out;
}

}  // namespace orpheus::i18n
