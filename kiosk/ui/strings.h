#pragma once
// The UI's own words per language, from assets/strings/<lang>.toml (loaded once at start-up).
// Lookup falls back to English, then to any language, then to the key itself, so a missing
// translation never shows a blank. Main thread only (language_name() fills a cache).
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orpheus::ui {

class Strings {
 public:
  // Reads every *.toml in `dir`; a bad file is logged with file:line and skipped.
  static Strings load(const std::filesystem::path& dir);
  void set(const std::string& lang, const std::string& key, std::string text);

  std::string_view get(std::string_view lang, std::string_view key) const;
  // get() with {name} placeholders replaced.
  std::string format(std::string_view lang, std::string_view key,
                     std::initializer_list<std::pair<std::string_view, std::string>> args) const;
  bool has_language(std::string_view lang) const { return table_.count(std::string(lang)) != 0; }
  std::vector<std::string> languages() const;  // every language with a strings file

  // The language's name in itself, for the language switch: its strings file's `language_name`,
  // else ICU's (CLDR) name, "Français" (core/language_names.h), computed on the first call for
  // that language and kept; never another language's name.
  std::string_view language_name(std::string_view lang) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> table_;
  mutable std::map<std::string, std::string, std::less<>> native_names_;  // language_name()'s ICU names
};

}  // namespace orpheus::ui
