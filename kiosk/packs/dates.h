#pragma once
// Dates as museums write them: one parser of the free-text date of a museum export ("c.1825–7",
// "?1780", "1825, reprinted 1874", "IV–III в. пр. Хр.", "25th–10th millennium BC",
// "date not known") into the catalog's date model: the earliest and latest year (BCE negative,
// no year 0, as catalog::Item::year_from/year_to) and how sure the date is. The grammar, with
// examples and what is not understood: docs/dates.md. Pure function, any thread.
//
// The parser keeps no text of its own: the caller keeps the museum's text and shows it as
// written when the curator prefers; catalog::format_period(earliest, latest, lang, certainty)
// writes the label otherwise ("c. 1825–1827", "1844", "ок. 350 г. пр. Хр.").
#include <optional>
#include <string>
#include <string_view>

#include "catalog/catalog.h"

namespace orpheus::packs {

struct Date {
  enum class Kind {
    years,           // earliest and latest are set, earliest <= latest
    unknown,         // the text says there is no date: "date not known", "n.d.", "undated", ""
    not_understood,  // not a date this parser reads; `why` says what stopped it
  };
  Kind kind = Kind::not_understood;
  // Both set for Kind::years only. "1844" -> 1844..1844, "c.1825–7" -> 1825..1827,
  // "18th century" -> 1701..1800, "IV в. пр. Хр." -> -400..-301, "500,000 BC" -> -500000.
  std::optional<int> earliest, latest;
  // circa: "c."/"ca."/"circa"/"ок." anywhere in the date; uncertain: "?", "probably",
  // "вероятно", or alternatives ("1813 or 1814"), which wins over circa.
  catalog::Certainty certainty = catalog::Certainty::exact;
  // Alternatives: one of the years is meant, not the whole range ("1813 or 1814", "1618/19").
  bool alternative = false;
  // Part of a period: "late 18th century" (1768..1800), "началото на III в." (201..233). The
  // years are a convention: early, mid and late are thirds (33, 34, 33 years of a century),
  // halves are halves; of a decade too ("early 1820s": 1820..1822).
  bool part_of_period = false;
  // The words before the date when it is not simply the making, lower-cased: "published",
  // "exhibited", "first printed", or a bound: "after", "before", "by", "след", "преди", "до".
  // For a bound the years are the year named ("after c.1830" -> 1830..1830, circa).
  std::string qualifier;
  // What follows the first date after a comma or semicolon, as written: "reprinted 1874" for
  // "1825, reprinted 1874", "2007" for "1995–6, 2007". Not parsed.
  std::string note;
  // Kind::not_understood: why, naming the word that stopped the parser, e.g.
  // "'reprinted' is not part of a date (after '1825')".
  std::string why;

  bool understood() const { return kind != Kind::not_understood; }
  // A label from the years alone (format_period) says everything the text says: years, no
  // qualifier, no note, no alternatives, no part of a period. Otherwise the text says more.
  bool plain() const {
    return kind == Kind::years && qualifier.empty() && note.empty() && !alternative && !part_of_period;
  }
};

// Reads one museum date. Never throws; anything it does not know is Kind::not_understood.
Date parse_date(std::string_view text);

}  // namespace orpheus::packs
