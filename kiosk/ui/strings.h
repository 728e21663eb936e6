#pragma once
// The interface's words: the English in the code, the other languages from gettext catalogues
// (assets/po/<lang>.po, i18n/messages.h), and the languages' names from ICU. Every lookup names a
// context key and the English; xgettext extracts them (the `pot` build target) by the keywords
// translate:2c,3 and translate_plural:2c,3,4 (and UiFrame's tr/trf/trn). Main thread only.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/messages.h"

namespace orpheus::ui {

using i18n::Args;

class Strings {
 public:
  // Every *.po in `dir`; a bad file is logged with file:line and its language left out (English).
  static Strings load(const std::filesystem::path& dir);
  explicit Strings(i18n::Messages messages = {}) : messages_(std::move(messages)) {}

  std::string_view translate(std::string_view lang, std::string_view context, std::string_view english) const {
    return messages_.get(lang, context, english);
  }
  // The form for `n`, with {n} and `args` filled in.
  std::string translate_plural(std::string_view lang, std::string_view context, std::string_view one,
                               std::string_view other, std::uint64_t n, Args args = {}) const;

  bool has_language(std::string_view lang) const { return messages_.has_language(lang); }
  std::vector<std::string> languages() const { return messages_.languages(); }  // with an interface
  void set_pseudo(bool on) { messages_.set_pseudo(on); }

  // The language's name in itself, for the language switch ("Deutsch", "Ελληνικά"): ICU's (CLDR)
  // name (core/language_names.h), computed on the first call for that language and kept.
  std::string_view language_name(std::string_view lang) const;
  // `lang`'s name as `reader` writes it in the middle of a sentence ("английски", "anglais").
  std::string_view language_name_in(std::string_view lang, std::string_view reader) const;

 private:
  i18n::Messages messages_;
  mutable std::map<std::string, std::string, std::less<>> names_;  // "lang" or "lang>reader" → name
};

}  // namespace orpheus::ui
