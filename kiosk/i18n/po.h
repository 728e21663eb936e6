#pragma once
// GNU gettext PO files (the translators' format: Poedit and Weblate open them as they are), read
// by our own parser: the kiosk loads them at start-up, and the build checks them
// (orpheus-po check). What is understood: comments (`#`, `#.`, `#:`, `#,` flags, `#|`), msgctxt,
// msgid, msgid_plural, msgstr and msgstr[N], strings continued over several lines, C escapes
// (\n \t \" \\ \a \b \f \r \v and octal/hex), obsolete entries (`#~`, skipped). The header entry
// (empty msgid) is kept apart. Any thread; no I/O except read_po_file().
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::i18n {

struct PoEntry {
  std::string context;            // msgctxt; "" when absent
  std::string id;                 // msgid (the English source)
  std::string plural_id;          // msgid_plural; "" for a singular entry
  std::vector<std::string> strs;  // msgstr, or msgstr[0..N-1]
  bool fuzzy = false;             // `#, fuzzy`: a translator's guess awaiting review, not used
  int line = 0;                   // where its msgid is (1-based)
  bool plural() const { return !plural_id.empty(); }
  bool translated() const;        // not fuzzy and every msgstr non-empty
};

struct PoFile {
  std::map<std::string, std::string> header;  // "Plural-Forms" → "nplurals=2; plural=(n != 1);"
  int header_line = 0;                        // 0: the file has no header entry
  std::vector<PoEntry> entries;
};

// A PO file that cannot be read: "FILE:LINE: reason".
class PoError : public std::runtime_error {
 public:
  PoError(std::string file, int line, const std::string& reason);
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

// `name` only labels errors. Throws PoError at the first malformed line: an unknown keyword, an
// unterminated string, a string with no keyword, msgstr[N] out of order, an entry without
// msgstr, text that is not UTF-8.
PoFile parse_po(std::string_view text, const std::string& name = "<po>");
PoFile read_po_file(const std::filesystem::path& path);  // PoError also when it cannot be read

}  // namespace orpheus::i18n
