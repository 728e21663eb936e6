#pragma once
// Which of a pack's texts exist in which language: the one rule that orpheus-pack inspect counts
// by and that --require-languages (and require_languages in pack.toml or a CSV mapping's [pack])
// enforces at build time (docs/packs.md, "Translations").
// The covered texts are an item's or a collection's title, summary and description, and an event's
// title and summary (counted apart, docs/events.md). A text is
// expected in a language only where that item or collection has it in some language: an item
// without any description is never asked for one. Everything else (metadata, image captions and
// alt texts, period, place, credit, tags, the timeline, the map's places, the pack's own title)
// falls back to another language on the kiosk and is never required; inspect counts metadata and
// captions for information. Pure functions, any thread.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/lang_text.h"
#include "packs/builder.h"
#include "packs/source.h"

namespace orpheus::packs {

enum class CoveredText { title, summary, description };
inline constexpr std::array<CoveredText, 3> kCoveredTexts{CoveredText::title, CoveredText::summary,
                                                          CoveredText::description};

// "title", "summary", "description": the key in a source file.
std::string_view field_name(CoveredText t);
// "titles", "summaries", "descriptions": for tables.
std::string_view plural_name(CoveredText t);

// The text of an item or collection, of the source (ItemSource, CollectionSource) or of a loaded
// pack (catalog::Item, catalog::Collection) alike.
template <class Thing>
const catalog::LangText& covered_text(const Thing& thing, CoveredText t) {
  switch (t) {
    case CoveredText::title: return thing.title;
    case CoveredText::summary: return thing.summary;
    case CoveredText::description: break;
  }
  return thing.description;
}

// How many have a text in a language (`have`) of how many have it in any language (`of`).
struct Tally {
  int have = 0, of = 0;
};

struct LanguageTally {
  std::string lang;
  std::array<Tally, kCoveredTexts.size()> texts{};  // in kCoveredTexts order
};

// Per language of `languages` (in that order), the covered texts of `things` (items or
// collections) in it.
template <class Range>
std::vector<LanguageTally> tally_texts(const std::vector<std::string>& languages, const Range& things) {
  std::vector<LanguageTally> out;
  for (const std::string& lang : languages) out.push_back(LanguageTally{lang, {}});
  for (const auto& thing : things)
    for (std::size_t i = 0; i < kCoveredTexts.size(); ++i) {
      const catalog::LangText& text = covered_text(thing, kCoveredTexts[i]);
      if (text.empty()) continue;
      for (LanguageTally& l : out) {
        ++l.texts[i].of;
        if (text.has(l.lang)) ++l.texts[i].have;
      }
    }
  return out;
}

namespace detail {
// The build's check: every covered text of every collection and item that is missing in a
// required language (options.require_languages, then source.required_languages), and every event
// title and summary (docs/events.md), is one error at
// the text in its source file (file and line of its language map), e.g.
// "SRC/items/cup.toml:9:15: description: no text in "de", a required language (--require-languages)".
// A required language that is no language of the pack is an error too. All are appended at once.
void check_required_languages(const PackSource& source, const BuildOptions& options, std::vector<Problem>& problems);
}  // namespace detail

}  // namespace orpheus::packs
