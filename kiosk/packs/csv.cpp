#include "packs/csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "core/utf8.h"
#include "packs/dates.h"
#include "packs/text_rules.h"

namespace orpheus::packs::detail {
namespace {

constexpr int kMaxEncodingReports = 10;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// The first record of `s` from `pos`: up to the first line break outside quotes.
std::string_view first_record(std::string_view s, std::size_t pos) {
  bool quoted = false;
  for (std::size_t i = pos; i < s.size(); ++i) {
    if (s[i] == '"') quoted = !quoted;
    else if (!quoted && (s[i] == '\n' || s[i] == '\r')) return s.substr(pos, i - pos);
  }
  return s.substr(pos);
}

int count_lines(std::string_view s) {  // line breaks in s: LF, CRLF, lone CR
  int n = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++n;
  return n;
}

std::string cells(std::size_t n) { return std::to_string(n) + (n == 1 ? " cell" : " cells"); }

std::string hex_byte(unsigned char b) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

class Parser {
 public:
  Parser(std::string_view s, std::vector<CsvIssue>& issues) : s_(s), issues_(issues) {}

  CsvTable run(char delimiter) {
    if (refuse_other_encodings()) return std::move(t_);
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") {  // UTF-8 byte order mark
      i_ = 3;
      t_.byte_order_mark = true;
    }
    const char excel = excel_separator_line();  // consumed even when the mapping names the delimiter
    if (!delimiter) delimiter = excel;
    if (!delimiter) {
      delimiter = detect_delimiter(first_record(s_, i_));
      if (!delimiter && i_ < s_.size()) {
        issues_.push_back({line_, 0,
                           "no delimiter found in the header line (none of , ; tab |): set [csv] delimiter in the "
                           "mapping, or check that this is a CSV export"});
        delimiter = ',';
      }
    }
    t_.delimiter = delimiter;
    d_ = delimiter;
    std::vector<int> blank_lines;  // empty records of one cell: records only if another follows
    while (i_ < s_.size()) {
      CsvRecord r = record();
      const bool blank = std::all_of(r.cells.begin(), r.cells.end(),
                                     [](const std::string& c) { return trim(c).empty(); });
      if (blank) {
        if (t_.header_line == 0) continue;
        (r.cells.size() > 1 ? t_.empty_records : blank_lines).push_back(r.line);
        continue;
      }
      if (t_.header_line == 0) {
        t_.header_line = r.line;
        for (auto& c : r.cells) t_.header.push_back(trim(c));
        continue;
      }
      t_.empty_records.insert(t_.empty_records.end(), blank_lines.begin(), blank_lines.end());
      blank_lines.clear();
      check_width(r);
      t_.records.push_back(std::move(r));
    }
    std::sort(t_.empty_records.begin(), t_.empty_records.end());
    if (bad_lines_ > kMaxEncodingReports)
      issues_.push_back({first_unreported_, 0, "… and " + std::to_string(bad_lines_ - kMaxEncodingReports) +
                                                   " more lines with invalid UTF-8 from here on"});
    return std::move(t_);
  }

 private:
  bool refuse_other_encodings() {
    struct Bom {
      std::string_view bytes, name;
    };
    static constexpr Bom boms[] = {{std::string_view("\xFF\xFE\0\0", 4), "UTF-32 (little-endian)"},
                                   {std::string_view("\0\0\xFE\xFF", 4), "UTF-32 (big-endian)"},
                                   {"\xFF\xFE", "UTF-16 (little-endian)"},
                                   {"\xFE\xFF", "UTF-16 (big-endian)"}};
    for (const Bom& b : boms)
      if (s_.substr(0, b.bytes.size()) == b.bytes) {
        issues_.push_back({1, 0, "the file is " + std::string(b.name) +
                                     " (it starts with that byte order mark), not UTF-8: save or export it as "
                                     "UTF-8 (in Excel: \"CSV UTF-8\"; in LibreOffice: character set \"Unicode (UTF-8)\")"});
        t_.refused = true;
        return true;
      }
    if (const auto nul = s_.find('\0'); nul != std::string_view::npos) {
      issues_.push_back({count_lines(s_.substr(0, nul)) + 1, 0,
                         "the file holds NUL bytes: it is probably UTF-16 without a byte order mark, not UTF-8; "
                         "save or export it as UTF-8"});
      t_.refused = true;
      return true;
    }
    return false;
  }

  // Excel's "sep=;" first line names the delimiter.
  char excel_separator_line() {
    const std::string_view rest = s_.substr(i_);
    if (rest.size() < 5 || rest.substr(0, 4) != "sep=") return 0;
    if (rest.size() > 5 && rest[5] != '\n' && rest[5] != '\r') return 0;
    const char d = rest[4];
    i_ += 5;
    end_of_line();
    return d;
  }

  bool at_line_end() const { return i_ < s_.size() && (s_[i_] == '\n' || s_[i_] == '\r'); }

  void end_of_line() {
    if (i_ >= s_.size()) return;
    if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
  }

  CsvRecord record() {
    CsvRecord r;
    r.line = line_;
    while (true) {
      const int cell_line = line_;
      const int cell_no = static_cast<int>(r.cells.size()) + 1;
      std::string cell;
      if (i_ < s_.size() && s_[i_] == '"') {
        const int open_line = line_;
        ++i_;
        bool closed = false;
        while (i_ < s_.size()) {
          const char c = s_[i_];
          if (c == '"') {
            if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
              cell += '"';
              i_ += 2;
              continue;
            }
            ++i_;
            closed = true;
            break;
          }
          if (c == '\n' || (c == '\r' && (i_ + 1 == s_.size() || s_[i_ + 1] != '\n'))) ++line_;
          cell += c;
          ++i_;
        }
        if (!closed) {
          issues_.push_back({open_line, cell_no,
                             "the quote that opens this cell is never closed: everything from here to the end "
                             "of the file (line " + std::to_string(line_) + ") was read as this one cell"});
        } else if (i_ < s_.size() && s_[i_] != d_ && !at_line_end()) {
          issues_.push_back({line_, cell_no,
                             "text after the closing quote of a quoted cell: a quote inside a quoted cell "
                             "must be doubled (\"\")",
                             r.line});
          while (i_ < s_.size() && s_[i_] != d_ && !at_line_end()) cell += s_[i_++];
        }
      } else {
        while (i_ < s_.size() && s_[i_] != d_ && !at_line_end()) cell += s_[i_++];
      }
      check_encoding(cell, cell_line, cell_no);
      r.cells.push_back(std::move(cell));
      if (i_ >= s_.size()) break;
      if (s_[i_] == d_) {
        ++i_;
        if (i_ >= s_.size()) {  // a delimiter just before the end of the file: one more empty cell
          r.cells.emplace_back();
          break;
        }
        continue;
      }
      end_of_line();
      break;
    }
    return r;
  }

  void check_encoding(std::string_view cell, int cell_line, int cell_no) {
    const std::size_t bad = core::invalid_utf8_at(cell);
    if (bad == std::string_view::npos) return;
    const int at = cell_line + count_lines(cell.substr(0, bad));
    if (at == last_bad_line_) return;  // one report per line
    last_bad_line_ = at;
    if (++bad_lines_ > kMaxEncodingReports) {
      if (bad_lines_ == kMaxEncodingReports + 1) first_unreported_ = at;
      return;
    }
    std::string reason = "not valid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(cell[bad])) + ")";
    if (bad_lines_ == 1)
      reason += ": the file is probably in another encoding (Windows-1251, Latin-1, …); save or export it as "
                "UTF-8 (in Excel: \"CSV UTF-8\")";
    issues_.push_back({at, cell_no, std::move(reason)});
  }

  void check_width(CsvRecord& r) {
    const std::size_t want = t_.header.size(), got = r.cells.size();
    if (got > want) {
      const bool extras_empty = std::all_of(r.cells.begin() + static_cast<std::ptrdiff_t>(want), r.cells.end(),
                                            [](const std::string& c) { return trim(c).empty(); });
      if (extras_empty) {
        r.cells.resize(want);
        return;
      }
      r.ragged = true;
      issues_.push_back({r.line, static_cast<int>(want) + 1,
                         "this row has " + cells(got) + " but the header has " + std::to_string(want) +
                             ": a delimiter (" + delimiter_name(d_) +
                             ") inside a value that is not in quotes? The row is left out",
                         r.line});
    } else if (got < want) {
      r.ragged = true;
      issues_.push_back({r.line, static_cast<int>(got) + 1,
                         "this row has " + cells(got) + " but the header has " + std::to_string(want) +
                             ": a line break inside a value that is not in quotes, or a missing delimiter? The row "
                             "is left out",
                         r.line});
    }
  }

  std::string_view s_;
  std::vector<CsvIssue>& issues_;
  CsvTable t_;
  std::size_t i_ = 0;
  int line_ = 1;
  char d_ = ',';
  int bad_lines_ = 0, last_bad_line_ = 0, first_unreported_ = 0;
};

}  // namespace

CsvTable parse_csv(std::string_view bytes, char delimiter, std::vector<CsvIssue>& issues) {
  return Parser(bytes, issues).run(delimiter);
}

char detect_delimiter(std::string_view record) {
  static constexpr char candidates[] = {',', ';', '\t', '|'};
  std::array<int, 4> counts{};
  bool quoted = false;
  for (char c : record) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (std::size_t k = 0; k < counts.size(); ++k)
      if (c == candidates[k]) ++counts[k];
  }
  const auto best = std::max_element(counts.begin(), counts.end());  // the first of equals
  return *best ? candidates[best - counts.begin()] : 0;
}

std::string delimiter_name(char d) {
  switch (d) {
    case '\t': return "tab";
    case ',': return "comma";
    case ';': return "semicolon";
    case '|': return "|";
    default: return std::string(1, d);
  }
}

std::optional<int> parse_year(std::string_view text, std::string& why) {
  const Date d = parse_date(text);
  const std::string quoted = "'" + std::string(text) + "'";
  if (d.kind == Date::Kind::years && d.earliest == d.latest && d.plain()) return *d.earliest;
  if (d.kind == Date::Kind::not_understood)
    why = quoted + ": " + d.why +
          (d.why.find("write") == std::string::npos ? " (write 1876, -350, 350 BC or 350 пр. Хр.)" : "");
  else if (d.kind == Date::Kind::unknown)
    why = quoted + " says the date is not known: leave the cell empty";
  else if (d.earliest != d.latest)
    why = quoted + " is " + std::to_string(*d.earliest) + " to " + std::to_string(*d.latest) +
          ", not one year: put the first year in year_from and the last in year_to, or map the column as date";
  else
    why = quoted + " says more than a year: map the column as date to keep what it says";
  return std::nullopt;
}

std::optional<double> parse_decimal(std::string_view text) {
  std::string s = trim(text);
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  if (s.find('.') == std::string::npos && std::count(s.begin(), s.end(), ',') == 1) s[s.find(',')] = '.';
  if (s.empty() || s.find_first_not_of("-0123456789.eE") != std::string::npos) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace orpheus::packs::detail
