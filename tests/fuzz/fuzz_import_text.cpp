// The cell readers shared by the importers (CSV, IIIF, events): the RFC 4180 reader with its
// delimiter detection, years and decimals, museum dates ("c.1825–7", "IV в. пр. Хр."), HTML to
// plain text, slugs. The first byte picks the CSV delimiter (0: detected); the rest is the text.
#include "fuzz_support.h"
#include "packs/csv.h"
#include "packs/dates.h"
#include "packs/html_text.h"
#include "packs/text_rules.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr char kDelimiters[] = {0, ',', ';', '\t', '|'};
  const char delimiter = kDelimiters[data[0] % sizeof kDelimiters];
  const std::string_view text = fuzz::text_of(data + 1, size - 1);

  std::vector<packs::detail::CsvIssue> issues;
  const auto table = packs::detail::parse_csv(text, delimiter, issues);
  (void)packs::detail::delimiter_name(table.delimiter);
  (void)packs::detail::detect_delimiter(text.substr(0, text.find('\n')));

  // Each cell of the first records through the value readers, as the importers use them.
  std::size_t cells = 0;
  for (const auto& record : table.records) {
    for (const auto& cell : record.cells) {
      if (++cells > 64) return 0;
      std::string why;
      (void)packs::detail::parse_year(cell, why);
      (void)packs::detail::parse_decimal(cell);
      (void)packs::parse_date(cell);
      (void)packs::to_plain_text(cell);
      (void)packs::sanitize_text(cell);
      (void)packs::detail::slugify(cell);
      (void)packs::detail::fold_case(cell);
      (void)packs::detail::is_slug(cell, true);
    }
  }
  if (table.records.empty() && text.size() < 4096) {
    std::string why;
    (void)packs::detail::parse_year(text, why);
    (void)packs::parse_date(text);
    (void)packs::html_to_text(text);
  }
  return 0;
}
