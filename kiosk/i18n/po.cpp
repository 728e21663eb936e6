#include "i18n/po.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "core/utf8.h"

namespace orpheus::i18n {
namespace {

class Parser {
 public:
  Parser(std::string_view text, std::string name) : text_(text), name_(std::move(name)) {}

  PoFile run() {
    if (const auto bad = core::invalid_utf8_at(text_); bad != std::string_view::npos)
      fail_at(1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(bad), '\n')),
              "not UTF-8 text (save the file as UTF-8)");
    std::size_t pos = 0;
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a BOM, as some editors write
    while (pos <= text_.size()) {
      const auto end = std::min(text_.find('\n', pos), text_.size());
      ++line_;
      take(core::trim(text_.substr(pos, end - pos)));
      pos = end + 1;
    }
    finish();
    return std::move(out_);
  }

 private:
  enum class Field { none, context, id, plural_id, str };

  void take(std::string_view line) {
    if (line.empty()) return;
    if (line[0] == '#') {
      if (line.substr(0, 2) == "#~") return;  // obsolete: kept by the tools, not used
      if (line.substr(0, 2) == "#,") {
        finish_if_complete();
        if (line.find("fuzzy") != std::string_view::npos) fuzzy_ = true;
      } else {
        finish_if_complete();
      }
      return;
    }
    if (line[0] == '"') {
      if (field_ == Field::none) fail("a string with no msgid, msgstr or msgctxt before it");
      append(string_at(line));
      return;
    }
    const auto space = line.find_first_of(" \t");
    if (space == std::string_view::npos) fail("expected a keyword and a string: \"" + std::string(line) + "\"");
    const std::string_view keyword = line.substr(0, space);
    const std::string value = string_at(core::trim(line.substr(space)));
    if (keyword == "msgctxt") {
      finish_if_complete();
      if (started_) fail("msgctxt after msgid");
      started_ = true;
      entry_.context = value;
      has_context_ = true;
      field_ = Field::context;
    } else if (keyword == "msgid") {
      finish_if_complete();
      if (has_id_) fail_at(entry_.line, "an entry without msgstr");
      started_ = has_id_ = true;
      entry_.id = value;
      entry_.line = line_;
      field_ = Field::id;
    } else if (keyword == "msgid_plural") {
      if (!has_id_ || field_ != Field::id) fail("msgid_plural without a msgid before it");
      entry_.plural_id = value;
      field_ = Field::plural_id;
    } else if (keyword == "msgstr") {
      if (!has_id_ || (field_ != Field::id && field_ != Field::plural_id)) fail("msgstr without a msgid before it");
      if (entry_.plural()) fail("msgstr of a plural entry must be msgstr[0], msgstr[1], ...");
      entry_.strs.push_back(value);
      field_ = Field::str;
    } else if (keyword.substr(0, 7) == "msgstr[" && keyword.back() == ']') {
      if (!has_id_ || !entry_.plural()) fail("msgstr[N] of an entry without msgid_plural");
      const std::string_view index = keyword.substr(7, keyword.size() - 8);
      if (index != std::to_string(entry_.strs.size()))
        fail("msgstr[" + std::string(index) + "] where msgstr[" + std::to_string(entry_.strs.size()) + "] is next");
      entry_.strs.push_back(value);
      field_ = Field::str;
    } else {
      fail("unknown keyword \"" + std::string(keyword) + "\"");
    }
  }

  // The string that starts `s` and is all of it: "...", with escapes.
  std::string string_at(std::string_view s) const {
    if (s.size() < 2 || s.front() != '"') fail("expected a string in double quotes");
    std::string out;
    std::size_t i = 1;
    for (; i < s.size() && s[i] != '"'; ++i) {
      if (s[i] != '\\') {
        out += s[i];
        continue;
      }
      if (++i == s.size()) break;
      switch (const char c = s[i]) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '"': case '\\': case '\'': case '?': out += c; break;
        case 'x': {
          int v = 0, digits = 0;
          while (i + 1 < s.size() && core::hex_value(s[i + 1]) >= 0 && digits < 2) v = v * 16 + core::hex_value(s[++i]), ++digits;
          if (digits == 0) fail("\\x without hex digits");
          out += static_cast<char>(v);
          break;
        }
        default:
          if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int d = 0; d < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++d) v = v * 8 + (s[++i] - '0');
            out += static_cast<char>(v);
          } else {
            fail(std::string("unknown escape \\") + c);
          }
      }
    }
    if (i >= s.size()) fail("a string without its closing quote");
    if (!core::trim(s.substr(i + 1)).empty()) fail("text after the closing quote");
    return out;
  }

  void append(const std::string& s) {
    switch (field_) {
      case Field::context: entry_.context += s; break;
      case Field::id: entry_.id += s; break;
      case Field::plural_id: entry_.plural_id += s; break;
      case Field::str: entry_.strs.back() += s; break;
      case Field::none: break;
    }
  }

  void finish_if_complete() {
    if (field_ == Field::str) finish();
  }

  void finish() {
    if (!started_) {
      fuzzy_ = false;
      return;
    }
    if (entry_.strs.empty()) fail_at(entry_.line ? entry_.line : line_, "an entry without msgstr");
    entry_.fuzzy = fuzzy_;
    if (entry_.id.empty() && !has_context_) {
      if (out_.header_line) fail_at(entry_.line, "a second header entry (empty msgid)");
      out_.header_line = entry_.line;
      std::istringstream lines(entry_.strs[0]);
      for (std::string l; std::getline(lines, l);)
        if (const auto colon = l.find(':'); colon != std::string::npos)
          out_.header[std::string(core::trim(std::string_view(l).substr(0, colon)))] =
              std::string(core::trim(std::string_view(l).substr(colon + 1)));
    } else {
      out_.entries.push_back(std::move(entry_));
    }
    entry_ = {};
    started_ = has_id_ = has_context_ = fuzzy_ = false;
    field_ = Field::none;
  }

  [[noreturn]] void fail(const std::string& reason) const { fail_at(line_, reason); }
  [[noreturn]] void fail_at(int line, const std::string& reason) const { throw PoError(name_, line, reason); }

  std::string_view text_;
  std::string name_;
  PoFile out_;
  PoEntry entry_;
  Field field_ = Field::none;
  bool started_ = false, has_id_ = false, has_context_ = false, fuzzy_ = false;
  int line_ = 0;
};

}  // namespace

bool PoEntry::translated() const {
  if (fuzzy || strs.empty()) return false;
  for (const auto& s : strs)
    if (s.empty()) return false;
  return true;
}

PoError::PoError(std::string file, int line, const std::string& reason)
    : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + reason),
      file_(std::move(file)),
      line_(line) {}

PoFile parse_po(std::string_view text, const std::string& name) { return Parser(text, name).run(); }

PoFile read_po_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PoError(path.string(), 0, "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw PoError(path.string(), 0, "cannot be read");
  return parse_po(text.str(), path.string());
}

}  // namespace orpheus::i18n
