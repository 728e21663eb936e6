#include "packs/coverage.h"

#include <algorithm>

#include "packs/text_rules.h"

namespace orpheus::packs {

std::string_view field_name(CoveredText t) {
  switch (t) {
    case CoveredText::title: return "title";
    case CoveredText::summary: return "summary";
    case CoveredText::description: break;
  }
  return "description";
}

std::string_view plural_name(CoveredText t) {
  switch (t) {
    case CoveredText::title: return "titles";
    case CoveredText::summary: return "summaries";
    case CoveredText::description: break;
  }
  return "descriptions";
}

namespace detail {
namespace {

const SourceLoc& text_loc(const TextLocs& locs, CoveredText t) {
  switch (t) {
    case CoveredText::title: return locs.title;
    case CoveredText::summary: return locs.summary;
    case CoveredText::description: break;
  }
  return locs.description;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

struct Required {
  std::string lang;
  std::string by;  // "--require-languages", "require_languages in pack.toml"
};

}  // namespace

void check_required_languages(const PackSource& source, const BuildOptions& options, std::vector<Problem>& problems) {
  if (source.languages.empty()) return;  // the pack's languages could not be read: reported on their own
  std::vector<Required> required;
  auto known = [&](const std::string& lang) {
    return std::find(source.languages.begin(), source.languages.end(), lang) != source.languages.end();
  };
  auto listed = [&](const std::string& lang) {
    return std::any_of(required.begin(), required.end(), [&](const Required& r) { return r.lang == lang; });
  };
  for (const std::string& lang : options.require_languages) {
    if (listed(lang)) continue;
    if (!is_language_code(lang))
      problems.push_back(Problem{{}, 0, 0, "--require-languages", "'" + lang + "' is not a language code (like \"de\" or \"fr\")"});
    else if (!known(lang))
      problems.push_back(Problem{{}, 0, 0, "--require-languages",
                                 "'" + lang + "' is not one of the pack's languages [" + joined(source.languages) + "]"});
    else
      required.push_back(Required{lang, "--require-languages"});
  }
  // The source's own list was checked against its languages when it was read.
  const std::string in_source = "require_languages in " + source.required_languages_loc.file.filename().string();
  for (const std::string& lang : source.required_languages)
    if (!listed(lang) && known(lang)) required.push_back(Required{lang, in_source});
  if (required.empty()) return;

  auto check = [&](const auto& thing, const SourceLoc& fallback) {
    for (CoveredText t : kCoveredTexts) {
      const catalog::LangText& text = covered_text(thing, t);
      if (text.empty()) continue;  // not written in any language: not asked for
      const SourceLoc& written = text_loc(thing.text_locs, t);
      const SourceLoc& at = written.line == 0 ? fallback : written;
      for (const Required& r : required)
        if (!text.has(r.lang))
          problems.push_back(Problem{at.file, at.line, at.column, std::string(field_name(t)),
                                     "no text in \"" + r.lang + "\", a required language (" + r.by + ")", false,
                                     "missing text in a required language"});
    }
  };
  for (const CollectionSource& c : source.collections) check(c, c.loc);
  for (const ItemSource& it : source.items) check(it, it.loc);
  // An event's title and summary (its description, often long and left to the default language,
  // is never required).
  for (const EventSource& e : source.events)
    for (CoveredText t : {CoveredText::title, CoveredText::summary}) {
      const catalog::LangText& text = covered_text(e, t);
      if (text.empty()) continue;
      const SourceLoc& written = text_loc(e.text_locs, t);
      const SourceLoc& at = written.line == 0 ? e.loc : written;
      for (const Required& r : required)
        if (!text.has(r.lang))
          problems.push_back(Problem{at.file, at.line, at.column, std::string(field_name(t)),
                                     "no text in \"" + r.lang + "\", a required language (" + r.by + ")", false,
                                     "missing text in a required language"});
    }
}

}  // namespace detail
}  // namespace orpheus::packs
