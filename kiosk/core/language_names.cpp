#include "core/language_names.h"

#include <unicode/locdspnm.h>
#include <unicode/locid.h>

#include <memory>
#include <unicode/stringoptions.h>
#include <unicode/unistr.h>

namespace orpheus::core {

std::string native_language_name(std::string_view code) {
  const std::string tag(code);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status) || locale.isBogus() || *locale.getLanguage() == '\0') return tag;
  // Without data for the language ICU gives its code back ("xx", or "xx (YY)" with a region):
  // keep the code exactly as the pack wrote it.
  icu::UnicodeString language;
  locale.getDisplayLanguage(locale, language);
  if (language.isBogus() || language.isEmpty() || language == icu::UnicodeString(locale.getLanguage(), -1, US_INV))
    return tag;
  icu::UnicodeString name;
  locale.getDisplayName(locale, name);
  if (name.isBogus() || name.isEmpty()) return tag;
  // Title-case the first letter only ("norsk bokmål", not "Norsk Bokmål"), leaving the rest as
  // CLDR wrote it, by the language's own case rules (Dutch "ij" becomes "IJ", Turkish "i" "İ").
  name.toTitle(nullptr, locale, U_TITLECASE_WHOLE_STRING | U_TITLECASE_NO_LOWERCASE);
  std::string out;
  name.toUTF8String(out);
  return out;
}

std::string language_name_in(std::string_view code, std::string_view reader) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(std::string(code), status);
  const icu::Locale in = icu::Locale::forLanguageTag(std::string(reader), status);
  if (U_FAILURE(status) || locale.isBogus() || in.isBogus()) return std::string(code);
  UDisplayContext contexts[] = {UDISPCTX_CAPITALIZATION_FOR_MIDDLE_OF_SENTENCE, UDISPCTX_DIALECT_NAMES};
  const std::unique_ptr<icu::LocaleDisplayNames> names(icu::LocaleDisplayNames::createInstance(in, contexts, 2));
  if (!names) return std::string(code);
  icu::UnicodeString name;
  names->localeDisplayName(locale, name);
  if (name.isBogus() || name.isEmpty()) return std::string(code);
  std::string out;
  name.toUTF8String(out);
  return out;
}

}  // namespace orpheus::core
