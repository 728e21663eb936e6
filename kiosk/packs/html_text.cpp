#include "packs/html_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "core/text.h"
#include "packs/text_rules.h"

namespace orpheus::packs {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// The code point at s[i], advancing i; a malformed sequence yields U+FFFD and consumes one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto [c, len] = detail::decode_utf8(s, i);
  i += len ? len : 1;
  return c;
}

bool dropped(char32_t c) {
  return (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF;
}

struct Entity {
  std::string_view name;
  char32_t code;
};
constexpr std::array<Entity, 40> kEntities{{
    {"amp", '&'},        {"lt", '<'},         {"gt", '>'},         {"quot", '"'},       {"apos", '\''},
    {"nbsp", 0xA0},      {"shy", 0xAD},       {"copy", 0xA9},      {"reg", 0xAE},       {"trade", 0x2122},
    {"deg", 0xB0},       {"middot", 0xB7},    {"times", 0xD7},     {"divide", 0xF7},    {"plusmn", 0xB1},
    {"para", 0xB6},      {"sect", 0xA7},      {"laquo", 0xAB},     {"raquo", 0xBB},     {"lsquo", 0x2018},
    {"rsquo", 0x2019},   {"sbquo", 0x201A},   {"ldquo", 0x201C},   {"rdquo", 0x201D},   {"bdquo", 0x201E},
    {"ndash", 0x2013},   {"mdash", 0x2014},   {"hellip", 0x2026},  {"bull", 0x2022},    {"prime", 0x2032},
    {"euro", 0x20AC},    {"pound", 0xA3},     {"frac12", 0xBD},    {"frac14", 0xBC},    {"frac34", 0xBE},
    {"sup1", 0xB9},      {"sup2", 0xB2},      {"sup3", 0xB3},      {"numero", 0x2116},  {"thinsp", 0x2009},
}};

// Windows-1252 at 0x80..0x9F; its five unassigned bytes give U+FFFD.
constexpr std::array<char32_t, 32> kWindows1252{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// A character reference at s[i] ('&'): the decoded code point and its length, or 0 length if
// it is not one (then the '&' is literal text).
std::pair<char32_t, std::size_t> character_reference(std::string_view s, std::size_t i) {
  const std::size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 12) return {0, 0};
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  if (body.size() >= 2 && body[0] == '#') {
    const bool hex = body[1] == 'x' || body[1] == 'X';
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return {0, 0};
    std::uint32_t v = 0;
    for (char d : digits) {
      int n;
      if (d >= '0' && d <= '9') n = d - '0';
      else if (hex && d >= 'a' && d <= 'f') n = d - 'a' + 10;
      else if (hex && d >= 'A' && d <= 'F') n = d - 'A' + 10;
      else return {0, 0};
      v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(n);
      if (v > 0x10FFFF) v = 0x110000;  // saturate: replaced below
    }
    char32_t c = v;
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
    // &#128;..&#159; mean Windows-1252 (HTML's rule): &#146; is a right single quote as
    // pasted from Word, not a C1 control character.
    if (c >= 0x80 && c <= 0x9F) c = kWindows1252[c - 0x80];
    return {c, semi - i + 1};
  }
  for (const Entity& e : kEntities)
    if (e.name == body) return {e.code, semi - i + 1};
  return {0, 0};
}

bool is_block(std::string_view tag) {
  static constexpr std::string_view blocks[] = {"p",  "div", "br", "li", "ul", "ol", "h1", "h2", "h3",
                                                "h4", "h5",  "h6", "tr", "table", "blockquote", "section",
                                                "article", "header", "footer", "dd", "dt", "dl", "hr", "pre"};
  return std::find(std::begin(blocks), std::end(blocks), tag) != std::end(blocks);
}

bool is_paragraph(std::string_view tag) {
  return tag == "p" || tag == "blockquote" || tag == "ul" || tag == "ol" || tag == "table" ||
         (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6');
}

// Builds the text of an HTML fragment with HTML's white-space rule (runs collapse to one
// space) and explicit line breaks from block elements.
class TextBuilder {
 public:
  void text(char32_t c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      pending_space_ = !out_.empty() && breaks_ == 0;
      return;
    }
    if (pending_space_) out_ += ' ';
    pending_space_ = false;
    if (breaks_ > 0) {
      out_.append(static_cast<std::size_t>(breaks_), '\n');
      breaks_ = 0;
    }
    detail::append_utf8(out_, c);
  }
  void line_break(int n) {  // 1 = new line, 2 = new paragraph; never more than one blank line
    pending_space_ = false;
    if (!out_.empty()) breaks_ = std::max(breaks_, n);
  }
  void hard_break() {  // <br>: each one counts
    pending_space_ = false;
    if (!out_.empty()) breaks_ = std::min(breaks_ + 1, 2);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool pending_space_ = false;
  int breaks_ = 0;
};

}  // namespace

std::string sanitize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next_code_point(text, i);
    if (c == '\r') {
      if (i < text.size() && text[i] == '\n') ++i;
      c = '\n';
    }
    if (c == '\t') c = ' ';
    if (dropped(c)) continue;
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();  // spaces at line end
    }
    detail::append_utf8(out, c);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  const std::size_t start = std::min(out.find_first_not_of(" \n"), out.size());
  return out.substr(start);
}

bool looks_like_html(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '<') {
      const char n = s[i + 1];
      if (std::isalpha(static_cast<unsigned char>(n)) || n == '!' ||
          (n == '/' && i + 2 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 2]))))
        return true;
    } else if (s[i] == '&' && character_reference(s, i).second > 0) {
      return true;
    }
  }
  return false;
}

std::string html_to_text(std::string_view s) {
  TextBuilder b;
  std::size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    if (ch == '<') {
      if (s.substr(i, 4) == "<!--") {
        const auto end = s.find("-->", i + 4);
        i = end == std::string_view::npos ? s.size() : end + 3;
        continue;
      }
      if (s.substr(i, 9) == "<![CDATA[") {
        const auto end = s.find("]]>", i + 9);
        const auto stop = end == std::string_view::npos ? s.size() : end;
        for (std::size_t k = i + 9; k < stop;) b.text(next_code_point(s, k));
        i = end == std::string_view::npos ? s.size() : end + 3;
        continue;
      }
      std::size_t j = i + 1;
      const bool closing = j < s.size() && s[j] == '/';
      if (closing) ++j;
      std::size_t name_end = j;  // a tag name starts with a letter: "a <3 b", "x<5cm" are text
      if (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j])))
        while (name_end < s.size() && (std::isalnum(static_cast<unsigned char>(s[name_end])))) ++name_end;
      if (name_end == j && !(j < s.size() && s[j] == '!')) {  // "a < b": a literal '<'
        b.text('<');
        ++i;
        continue;
      }
      // The tag ends at the first '>' outside a quoted attribute value.
      std::size_t k = name_end;
      char quote = 0;
      for (; k < s.size(); ++k) {
        if (quote) {
          if (s[k] == quote) quote = 0;
        } else if (s[k] == '"' || s[k] == '\'') {
          quote = s[k];
        } else if (s[k] == '>') {
          break;
        }
      }
      const std::string tag = core::ascii_lowered(s.substr(j, name_end - j));
      i = k < s.size() ? k + 1 : s.size();
      if (!closing && (tag == "script" || tag == "style")) {  // their content is not text
        const std::string close = "</" + tag;
        std::size_t end = i;
        while (true) {
          end = s.find('<', end);
          if (end == std::string_view::npos || core::ascii_lowered(s.substr(end, close.size())) == close) break;
          ++end;
        }
        if (end == std::string_view::npos) {
          i = s.size();
        } else {
          const auto gt = s.find('>', end);
          i = gt == std::string_view::npos ? s.size() : gt + 1;
        }
        continue;
      }
      if (tag == "br") b.hard_break();
      else if (tag == "td" || tag == "th") b.text(' ');  // table cells: "a b", not "ab"
      else if (is_paragraph(tag)) b.line_break(2);
      else if (is_block(tag)) b.line_break(1);
      continue;
    }
    if (ch == '&') {
      const auto [code, len] = character_reference(s, i);
      if (len > 0) {
        if (code != 0xAD) b.text(code);  // a soft hyphen is only a hint
        i += len;
        continue;
      }
    }
    b.text(next_code_point(s, i));
  }
  return sanitize_text(b.take());
}

std::string to_plain_text(std::string_view text) {
  return looks_like_html(text) ? html_to_text(text) : sanitize_text(text);
}

}  // namespace orpheus::packs
