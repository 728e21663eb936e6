#include "ui/strings.h"

#include <toml++/toml.h>

#include "core/language_names.h"
#include "core/log.h"

namespace orpheus::ui {
namespace {
void flatten(const toml::table& t, const std::string& prefix, const std::string& lang, Strings& out) {
  for (const auto& [k, v] : t) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table())
      flatten(*sub, key, lang, out);
    else if (const auto* s = v.as_string())
      out.set(lang, key, s->get());
  }
}
}  // namespace

Strings Strings::load(const std::filesystem::path& dir) {
  Strings s;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    try {
      flatten(toml::parse_file(entry.path().string()), "", entry.path().stem().string(), s);
    } catch (const toml::parse_error& e) {
      log::error("strings", entry.path().string() + ":" + std::to_string(e.source().begin.line) + ": " +
                                std::string(e.description()));
    }
  }
  if (ec) log::error("strings", "cannot read " + dir.string() + ": " + ec.message());
  return s;
}

void Strings::set(const std::string& lang, const std::string& key, std::string text) {
  table_[lang][key] = std::move(text);
}

std::vector<std::string> Strings::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, _] : table_) out.push_back(lang);
  return out;
}

std::string_view Strings::get(std::string_view lang, std::string_view key) const {
  const auto lookup = [&](std::string_view l) -> const std::string* {
    const auto t = table_.find(l);
    if (t == table_.end()) return nullptr;
    const auto v = t->second.find(key);
    return v == t->second.end() || v->second.empty() ? nullptr : &v->second;
  };
  if (const auto* v = lookup(lang)) return *v;
  if (const auto* v = lookup("en")) return *v;
  for (const auto& [l, _] : table_)
    if (const auto* v = lookup(l)) return *v;
  return key;
}

std::string_view Strings::language_name(std::string_view lang) const {
  if (const auto t = table_.find(lang); t != table_.end())
    if (const auto v = t->second.find("language_name"); v != t->second.end() && !v->second.empty()) return v->second;
  auto n = native_names_.find(lang);
  if (n == native_names_.end()) n = native_names_.emplace(std::string(lang), core::native_language_name(lang)).first;
  return n->second;
}

std::string Strings::format(std::string_view lang, std::string_view key,
                            std::initializer_list<std::pair<std::string_view, std::string>> args) const {
  std::string s(get(lang, key));
  for (const auto& [name, value] : args) {
    const std::string token = "{" + std::string(name) + "}";
    for (auto pos = s.find(token); pos != std::string::npos; pos = s.find(token, pos + value.size()))
      s.replace(pos, token.size(), value);
  }
  return s;
}

}  // namespace orpheus::ui
