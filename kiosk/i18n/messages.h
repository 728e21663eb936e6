#pragma once
// The interface's words in every language: one catalogue per PO file (assets/po/<lang>.po), the
// English source in the code itself. A lookup names the context (a stable key such as
// "home.prompt") and the English text; it gives the translation, or the English text when the
// language, the entry or its translation is missing, fuzzy or empty, so a gap never shows a blank.
// Plurals pick their form with the catalogue's own Plural-Forms rule. Loaded once at start-up;
// main thread only afterwards (pseudo-localised strings are made on first use and kept).
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "i18n/plural.h"
#include "i18n/po.h"

namespace orpheus::i18n {

// One language's translations.
class Catalogue {
 public:
  Catalogue() = default;
  // Every translated entry of `po` (fuzzy and empty ones are left out, as gettext does); its
  // Plural-Forms rule (English's when the header has none; PoError when it has a broken one).
  static Catalogue from(const PoFile& po, const std::string& name = "<po>");

  // The translation, or null.
  const std::string* find(std::string_view context, std::string_view id) const;
  // The form of a plural entry for `n`, or null.
  const std::string* find(std::string_view context, std::string_view id, std::uint64_t n) const;
  const PluralRule& plural() const { return plural_; }
  std::size_t size() const { return table_.size(); }

 private:
  static std::string key(std::string_view context, std::string_view id);
  std::unordered_map<std::string, std::vector<std::string>> table_;  // "context\x04id" → msgstr(s)
  PluralRule plural_;
};

using Args = std::initializer_list<std::pair<std::string_view, std::string>>;

// `text` with each {name} of `args` replaced by its value; other braces stay.
std::string format(std::string_view text, Args args);

// The English written as a tester of layouts reads it: every Latin letter accented ("Bäçk"), the
// text 40 % longer, {placeholders} untouched, in brackets so that a clipped end shows.
std::string pseudo_localize(std::string_view text);

class Messages {
 public:
  // Every <lang>.po in `dir`. A file that cannot be read or parsed is reported in `problems`
  // ("FILE:LINE: reason") and its language left out: its visitors see English.
  static Messages load(const std::filesystem::path& dir, std::vector<std::string>* problems = nullptr);
  void add(const std::string& language, Catalogue catalogue);

  std::string_view get(std::string_view language, std::string_view context, std::string_view english) const;
  // The plural form for `n`: the language's, else English's (`one` for 1, `other` otherwise).
  std::string_view get(std::string_view language, std::string_view context, std::string_view one,
                       std::string_view other, std::uint64_t n) const;

  bool has_language(std::string_view language) const;  // English always
  std::vector<std::string> languages() const;           // English and every catalogue, sorted
  const Catalogue* catalogue(std::string_view language) const;

  // --pseudo-locale: every string given pseudo_localize()d.
  void set_pseudo(bool on) { pseudo_ = on; }
  bool pseudo() const { return pseudo_; }

 private:
  std::string_view shown(std::string_view text) const;
  std::map<std::string, Catalogue, std::less<>> catalogues_;
  bool pseudo_ = false;
  mutable std::unordered_map<std::string, std::string> pseudo_cache_;  // nodes: their strings never move
};

}  // namespace orpheus::i18n
