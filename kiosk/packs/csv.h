#pragma once
// Internal to orpheus_packs (the CSV importer): an RFC 4180 CSV reader that refuses what is not
// UTF-8, and the value readers the importer needs (years like "350 BC", decimals). Slugs and
// case folding, shared with the other importers, are in text_rules.h. Pure functions, any thread.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::packs::detail {

// One problem found while reading a CSV file. line: the physical line (1-based); column: the
// cell number (1-based), 0 when it concerns the whole line or file. record: the line where the
// record starts when the problem spoils that record only (a ragged row, text after a closing
// quote), so that the record alone can be left out; 0 when it concerns the file as a whole (an
// encoding, a quote never closed, no delimiter).
struct CsvIssue {
  int line = 0, column = 0;
  std::string reason;
  int record = 0;
};

struct CsvRecord {
  int line = 0;                    // physical line where the record starts
  std::vector<std::string> cells;  // raw cell text: quotes removed, "" undone, line breaks kept
  bool ragged = false;             // more or fewer cells than the header (reported)
};

struct CsvTable {
  char delimiter = 0;               // the one used (given or detected); 0 if none could be found
  int header_line = 0;              // 0: no header (empty file, or refused)
  std::vector<std::string> header;  // names as written, white space trimmed
  std::vector<CsvRecord> records;   // data records: blank ones skipped, ragged ones kept (reported)
  // Lines of the data records left out because every cell is empty or white space (";;;;", or a
  // blank line between two records), in order; blank lines after the last record are not records.
  std::vector<int> empty_records;
  bool refused = false;             // not UTF-8 at all (UTF-16/UTF-32): nothing was read
  bool byte_order_mark = false;     // the file starts with the UTF-8 byte order mark
};

// Reads a whole CSV file's bytes: an optional UTF-8 byte order mark; an optional Excel
// "sep=;" first line; records ended by LF, CRLF or CR; quoted cells with "" for a quote and
// line breaks inside. `delimiter` 0 = detected from the header line (see detect_delimiter).
// Reports as issues: a UTF-16/UTF-32 byte order mark or NUL bytes (refused), invalid UTF-8
// (the line and cell of each bad byte, at most 10 lines then a count), an unclosed quote,
// text after a closing quote, a record with fewer or more cells than the header (extra cells
// that are all empty are dropped silently) and a header with no delimiter at all. Records whose
// every cell is empty are not returned, but their lines are (empty_records).
CsvTable parse_csv(std::string_view bytes, char delimiter, std::vector<CsvIssue>& issues);

// The most frequent of , ; TAB | outside quotes in the first record (ties in that order);
// 0 if the line holds none of them.
char detect_delimiter(std::string_view first_record);

// "\t" for a tab, "," for a comma ...: for messages.
std::string delimiter_name(char delimiter);

// One year in a year column, read by packs::parse_date (docs/dates.md): "1876", "-350",
// "350 BC", "c. 350 BC", "350 г. пр. Хр.", "AD 200". BCE years come back negative; circa is
// dropped (the date column keeps it). nullopt and `why` set for anything but one year: a range,
// a century, "n.d.", a note ("1825, reprinted 1874"), text that is no date.
std::optional<int> parse_year(std::string_view text, std::string& why);

// A decimal number, with '.' or a single ',' as the decimal separator ("42,5081").
std::optional<double> parse_decimal(std::string_view text);

}  // namespace orpheus::packs::detail
