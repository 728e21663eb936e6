// parse_date: museum dates into years. The grammar is in docs/dates.md; the words it knows are
// the tables below. Text is read as tokens (numbers, words, dashes, '?', '/', ','), words
// lower-cased, so "B.C." is the words "b" "c" and "пр.Хр." is "пр" "хр".
#include "packs/dates.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "packs/text_rules.h"

namespace orpheus::packs {
namespace {

using catalog::Certainty;

constexpr long long kMaxCe = 9999;         // a later "year" is a number of something else
constexpr long long kMaxBce = 10'000'000;  // 10 million years back: still an int
constexpr int kMaxDigits = 12;

// --- Tokens ---------------------------------------------------------------------------------

enum class Type { number, ordinal, decade, word, dash, slash, question, comma };

struct Token {
  Type type = Type::word;
  std::string text;       // lower-cased: "1825", "18th", "1820s", "c", "пр", "-", "?"
  long long value = 0;    // number, ordinal, decade
  int digits = 0;         // digits written: 1 for the "7" of "1825–7"
  std::size_t begin = 0;  // byte offsets in the original text
  std::size_t end = 0;
};

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Marks that carry nothing for a date: "c.1825", "[1825]", "(?)", "1820's", quotes.
bool is_ignored(char32_t c) {
  return c == '.' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\'' || c == '"' || c == '*' ||
         c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB;
}

bool is_dash(char32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A character that ends a word: all ASCII but letters, and the separators above.
bool ends_word(char32_t c) {
  return (c < 0x80 && !is_ascii_letter(c)) || is_space(c) || is_ignored(c) || is_dash(c);
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (i_ < s_.size()) {
      const std::size_t begin = i_;
      const char32_t c = next();
      if (is_space(c) || is_ignored(c)) continue;
      if (is_digit(c)) {
        out.push_back(number(begin));
        continue;
      }
      Token t;
      t.begin = begin;
      if (is_dash(c)) {
        t.type = Type::dash;
        t.text = "-";
      } else if (c == '?' || c == '/' || c == ',' || c == ';') {
        t.type = c == '?' ? Type::question : c == '/' ? Type::slash : Type::comma;
        t.text = std::string(1, static_cast<char>(c));
      } else if (c < 0x80 && !is_ascii_letter(c)) {
        t.text = std::string(1, static_cast<char>(c));  // a word of its own: "~", "&", ":"
      } else {
        while (i_ < s_.size() && !ends_word(peek())) next();
        t.text = detail::fold_case(s_.substr(begin, i_ - begin));
      }
      t.end = i_;
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  char32_t peek(std::size_t at) const {
    if (at >= s_.size()) return 0;
    const auto [c, len] = detail::decode_utf8(s_, at);
    return len ? c : 0xFFFD;
  }
  char32_t peek() const { return peek(i_); }
  char32_t next() {
    const auto [c, len] = detail::decode_utf8(s_, i_);
    i_ += len ? len : 1;
    return len ? c : 0xFFFD;
  }
  std::size_t width(std::size_t at) const {
    const auto [c, len] = detail::decode_utf8(s_, at);
    return len ? len : 1;
  }

  // Three digits at `at` and no fourth: a group after a thousands separator.
  bool group_at(std::size_t at) const {
    for (int k = 0; k < 3; ++k)
      if (!is_digit(peek(at + static_cast<std::size_t>(k)))) return false;
    return !is_digit(peek(at + 3));
  }

  // "1825"; "500,000" and "500 000" (a first group of at most three digits, then groups of
  // three); "18th", "1st", "2nd", "3rd"; "1820s", "1820's".
  Token number(std::size_t begin) {
    Token t;
    t.type = Type::number;
    t.begin = begin;
    i_ = begin;
    auto digits = [&] {
      while (is_digit(peek())) {
        if (t.digits < kMaxDigits) t.value = t.value * 10 + (s_[i_] - '0');
        ++t.digits;
        ++i_;
      }
    };
    digits();
    if (t.digits <= 3)
      for (;;) {
        const char32_t sep = peek();
        if (sep != ',' && !is_space(sep)) break;
        const std::size_t after = i_ + width(i_);
        if (!group_at(after)) break;
        i_ = after;
        digits();
      }
    // Letters glued to the number: an ordinal or decade ending; anything else is a word of its own.
    std::size_t j = i_;
    if (peek(j) == '\'' || peek(j) == 0x2019) j += width(j);
    std::string suffix;
    while (j < s_.size() && is_ascii_letter(peek(j))) suffix += static_cast<char>(s_[j++] | 0x20);
    const bool apostrophe = j > i_ && !is_ascii_letter(peek(i_));
    if (j < s_.size() && !ends_word(peek(j))) suffix.clear();  // "1825г": not an ending
    if (suffix == "s") t.type = Type::decade;
    else if (!apostrophe && (suffix == "th" || suffix == "st" || suffix == "nd" || suffix == "rd"))
      t.type = Type::ordinal;
    if (t.type != Type::number) i_ = j;
    t.end = i_;
    t.text = t.type == Type::number ? std::to_string(t.value)
                                    : std::to_string(t.value) + (t.type == Type::decade ? "s" : suffix);
    return t;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// --- Words ----------------------------------------------------------------------------------

// Words and phrases (words separated by one space) as the tokens spell them.
using Phrases = std::span<const std::string_view>;

constexpr std::string_view kUnknown[] = {
    "date not known", "not known", "unknown", "date unknown", "unknown date", "undated", "not dated",
    "no date", "n d", "nd", "s d", "sd", "sine dato", "without date", "неизвестна", "неизвестно",
    "неизвестна дата", "дата неизвестна", "без дата", "няма дата", "недатиран", "недатирана", "недатирано"};
constexpr std::string_view kCirca[] = {
    "c", "ca", "cca", "circa", "approx", "approximately", "about", "around", "~", "ок", "около", "прибл",
    "приблизително"};
constexpr std::string_view kProbably[] = {"probably", "possibly", "perhaps", "likely", "вероятно", "може би"};
constexpr std::string_view kFiller[] = {"the", "of", "in", "from", "between", "в", "през", "от", "между"};
constexpr std::string_view kRangeSeparators[] = {"to", "until", "till", "and", "до", "и"};
constexpr std::string_view kAlternativeSeparators[] = {"or", "или"};
constexpr std::string_view kQualifiers[] = {
    "published", "first", "exhibited", "engraved", "printed", "reprinted", "cast", "dated", "made", "painted",
    "drawn", "executed", "inscribed", "signed", "issued", "minted", "struck", "built", "founded",
    "reproduced", "after", "before", "by", "not before", "not after", "not later than", "no later than",
    "not earlier than", "изработен", "изработена", "издаден", "издадена", "отпечатан", "отпечатана",
    "датиран", "датирана", "след", "преди", "до", "не по - късно от", "не по - рано от"};

enum class Unit { none, year, decade, century, millennium };
enum class Era { none, bce, ce, bp, other };
enum class Part { whole, early, mid, late, first_half, second_half };

constexpr std::string_view kYearWords[] = {"г", "год", "година", "години", "гг"};
constexpr std::string_view kCenturyWords[] = {"century", "centuries", "cent", "в", "век", "века", "вв"};
constexpr std::string_view kMillenniumWords[] = {
    "millennium", "millennia", "mill", "хил", "хилядолетие", "хилядолетия"};

constexpr std::string_view kBce[] = {
    "bc", "b c", "bce", "b c e", "before christ", "пр хр", "пр н е", "преди христа", "преди новата ера"};
constexpr std::string_view kCe[] = {
    "ad", "a d", "ce", "c e", "сл хр", "след христа", "н е", "от н е", "от новата ера"};
constexpr std::string_view kBp[] = {"bp", "b p", "years bp", "years ago", "години назад"};
// Hijri: such an end is dropped for its Gregorian alternative ("1028 AH/AD 1618-1619").
constexpr std::string_view kOtherCalendar[] = {"ah", "a h", "хиджра"};

constexpr std::string_view kEarly[] = {"early", "beginning of", "start of", "началото на", "начало на"};
constexpr std::string_view kMid[] = {"mid", "middle of", "middle", "средата на", "среда на"};
constexpr std::string_view kLate[] = {"late", "end of", "края на", "краят на", "край на"};
constexpr std::string_view kFirstHalf[] = {
    "first half of", "1st half of", "първата половина на", "първа половина на"};
constexpr std::string_view kSecondHalf[] = {
    "second half of", "2nd half of", "втората половина на", "втора половина на"};
constexpr std::string_view kAd[] = {"ad", "a d"};  // before the year: "AD 200"
constexpr std::string_view kCenturyC[] = {"c"};    // after 18th or XVIII only: "late 18th C"

struct PartWords {
  Part part;
  Phrases words;
};
constexpr PartWords kParts[] = {
    {Part::early, kEarly}, {Part::mid, kMid}, {Part::late, kLate}, {Part::first_half, kFirstHalf},
    {Part::second_half, kSecondHalf},
};

// I..C written the usual way ("XIV", not "XIIII"); Cyrillic look-alikes count: "ХVІІІ".
std::optional<int> roman_value(std::string_view word) {
  std::string latin;
  for (std::size_t i = 0; i < word.size();) {
    const auto [c, len] = detail::decode_utf8(word, i);
    i += len ? len : 1;
    switch (c) {
      case 'i': case 'v': case 'x': case 'l': case 'c': case 'd': case 'm': latin += static_cast<char>(c); break;
      case U'х': latin += 'x'; break;
      case U'і': latin += 'i'; break;
      case U'с': latin += 'c'; break;
      case U'м': latin += 'm'; break;
      default: return std::nullopt;
    }
  }
  static constexpr struct { int value; std::string_view digits; } table[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
      {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
  // Read greedily, then written back: the numeral must be the usual spelling of its value.
  int value = 0;
  std::string_view rest = latin;
  for (const auto& [v, digits] : table)
    while (rest.substr(0, digits.size()) == digits) {
      value += v;
      rest.remove_prefix(digits.size());
    }
  // Up to C: the 100th century or millennium is as far as Roman numerals go in period labels.
  if (!rest.empty() || value == 0 || value > 100) return std::nullopt;
  std::string canonical;
  for (int left = value; const auto& [v, digits] : table)
    for (; left >= v; left -= v) canonical += digits;
  if (canonical != latin) return std::nullopt;
  return value;
}

// --- Parsing --------------------------------------------------------------------------------

struct End {
  long long number = 0;
  int digits = 0;
  Type written = Type::number;  // number, ordinal, decade; word for a Roman numeral
  Unit unit = Unit::none;
  bool unit_written = false;
  Era era = Era::none;
  bool era_written = false;
  Part part = Part::whole;
  bool alternative = false;     // joined to the end before it by "or" or '/'
  bool minus = false;           // "-350"
  std::string as_written;       // for messages
};

struct Span {
  long long first, last;
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), t_(std::move(tokens)) {}

  Date run() {
    Date d;
    // The first clause is the date; what follows a comma is a note ("reprinted 1874").
    const auto comma = std::find_if(t_.begin(), t_.end(), [](const Token& t) { return t.type == Type::comma; });
    if (comma != t_.end()) {
      d.note = trim(text_.substr(comma->end));
      if (comma == t_.begin()) {
        d = Date{};
        d.why = "no date before " + quoted(0);
        return d;
      }
      t_.erase(comma, t_.end());
    }
    if (unknown()) {
      d.kind = Date::Kind::unknown;
    } else if (clause(d)) {
      d.kind = Date::Kind::years;
    } else {
      d = Date{};
      d.why = why_;
    }
    return d;
  }

 private:
  static std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
  }

  bool unknown() const {
    std::string words;
    for (const Token& t : t_) {
      if (t.type == Type::question) continue;
      if (t.type != Type::word) return false;
      words += (words.empty() ? "" : " ") + t.text;
    }
    if (words.empty()) return true;  // nothing, or only "?"
    return std::find(std::begin(kUnknown), std::end(kUnknown), words) != std::end(kUnknown);
  }

  // Tokens of the longest phrase of `phrases` that starts at `at_`, 0 if none.
  std::size_t match(Phrases phrases) const {
    std::size_t best = 0;
    for (std::string_view phrase : phrases) {
      std::size_t k = 0, at = at_;
      bool ok = true;
      while (ok && !phrase.empty()) {
        const auto space = phrase.find(' ');
        const std::string_view word = phrase.substr(0, space);
        phrase = space == std::string_view::npos ? std::string_view{} : phrase.substr(space + 1);
        ok = at < t_.size() && t_[at].text == word && t_[at].type != Type::number;
        ++at, ++k;
      }
      if (ok) best = std::max(best, k);
    }
    return best;
  }
  bool take(Phrases phrases) {
    const std::size_t n = match(phrases);
    at_ += n;
    return n > 0;
  }
  bool take(Type type) {
    if (at_ >= t_.size() || t_[at_].type != type) return false;
    ++at_;
    return true;
  }
  bool fail(std::string why) {
    why_ = std::move(why);
    return false;
  }
  std::optional<Span> none(std::string why) {
    why_ = std::move(why);
    return std::nullopt;
  }
  std::string quoted(std::size_t at) const {
    return "'" + std::string(text_.substr(t_[at].begin, t_[at].end - t_[at].begin)) + "'";
  }

  // A minus sign at at_: a dash glued to the digits after it, first in the text or after a
  // range separator ("-400 – -300"), not the dash of "1825–7".
  bool minus_here() const {
    if (at_ + 1 >= t_.size() || t_[at_].type != Type::dash || t_[at_ + 1].type != Type::number) return false;
    if (t_[at_].end != t_[at_ + 1].begin) return false;
    return at_ == 0 || t_[at_ - 1].type == Type::dash || t_[at_ - 1].type == Type::slash || t_[at_ - 1].type == Type::word;
  }

  // The part of a period ("late", "края на") spelt at at_, or the end of kParts.
  const PartWords* part_here() const {
    return std::find_if(std::begin(kParts), std::end(kParts), [&](const PartWords& p) { return match(p.words) > 0; });
  }

  // [?] [qualifier words] end (separator end)* [?]
  bool clause(Date& d) {
    for (;;) {
      if (take(Type::question)) uncertain_ = true;
      else if (part_here() != std::end(kParts)) break;
      else if (const std::size_t n = match(kQualifiers)) {
        for (std::size_t k = 0; k < n; ++k) d.qualifier += (d.qualifier.empty() ? "" : " ") + t_[at_ + k].text;
        at_ += n;
      } else break;
    }
    std::vector<End> ends;
    for (;;) {
      End e;
      if (!end(e)) return false;
      ends.push_back(std::move(e));
      if (take(Type::dash) || take(kRangeSeparators)) continue;
      if (take(Type::slash) || take(kAlternativeSeparators)) {
        alternative_next_ = true;
        continue;
      }
      break;
    }
    while (take(Type::question)) uncertain_ = true;
    if (at_ < t_.size())
      return fail(quoted(at_) + " is not part of a date (after " + quoted(at_ - 1) + ")");
    return years(ends, d);
  }

  // One end of a range: [?] [circa] [part] [AD | -] number [unit] [era] [?]
  bool end(End& e) {
    e.alternative = alternative_next_;
    alternative_next_ = false;
    for (;;) {
      if (minus_here()) {  // "-350", "−350": BCE negative, as in a spreadsheet's year column
        ++at_;
        e.era = Era::bce;
        e.era_written = e.minus = true;
        break;
      }
      if (take(Type::question) || take(kProbably)) uncertain_ = true;
      else if (take(kCirca)) circa_ = true;
      else if (take(kFiller)) {}  // "the 1820s", "from 1825 to 1827", "в края на"
      else if (const PartWords* part = part_here(); part != std::end(kParts)) {
        if (e.part != Part::whole) return fail("two parts of a period (" + quoted(at_) + ")");
        e.part = part->part;
        take(part->words);
        take(Type::dash);  // "mid-19th century"
      } else if (take(kAd)) {
        e.era = Era::ce;
        e.era_written = true;
      } else break;
    }
    if (at_ >= t_.size())
      return fail(at_ == 0 ? "no year" : "no year after " + quoted(at_ - 1));
    const Token& n = t_[at_];
    if (n.type == Type::number || n.type == Type::ordinal || n.type == Type::decade) {
      e.number = n.value;
      e.digits = n.digits;
      e.written = n.type;
      if (n.digits > kMaxDigits) return fail(quoted(at_) + " is too large for a year");
      if (n.type == Type::decade) {
        e.unit = Unit::decade;
        e.unit_written = true;
      }
    } else if (const auto r = n.type == Type::word ? roman_value(n.text) : std::nullopt) {
      e.number = *r;
      e.written = Type::word;
    } else {
      return fail(quoted(at_) + " is not a year" + (n.type == Type::word ? " or part of a date" : ""));
    }
    e.as_written = quoted(at_);
    ++at_;
    for (;;) {
      const bool numeral = e.written == Type::ordinal || e.written == Type::word;
      if (e.written == Type::number && at_ + 1 < t_.size() && t_[at_].type == Type::dash && t_[at_ + 1].text == "те") {
        at_ += 2;  // "1820-те (години)"
        if (e.unit_written) return fail("two units after " + e.as_written);
        e.unit = Unit::decade;
        e.unit_written = true;
        continue;
      }
      if (at_ + 1 < t_.size() && t_[at_].type == Type::dash) {  // "18th-century": a hyphen before the unit
        ++at_;
        if (!match(kCenturyWords) && !match(kMillenniumWords)) --at_;
      }
      Unit unit = Unit::none;
      if (take(kYearWords)) unit = Unit::year;
      else if (take(kCenturyWords) || (numeral && take(kCenturyC))) unit = Unit::century;  // "late 18th C"
      else if (take(kMillenniumWords)) unit = Unit::millennium;
      if (unit != Unit::none) {
        if (e.unit == Unit::decade && unit == Unit::year) continue;  // "1820-те години"
        if (e.unit_written) return fail("two units after " + e.as_written);
        e.unit = unit;
        e.unit_written = true;
        continue;
      }
      Era era = Era::none;
      if (take(kBce)) era = Era::bce;
      else if (take(kCe)) era = Era::ce;
      else if (take(kBp)) era = Era::bp;
      else if (take(kOtherCalendar)) era = Era::other;
      if (era != Era::none) {
        if (e.minus) return fail(e.as_written + " has both a minus sign and an era: write -350 or 350 BC");
        if (e.era_written && e.era != era) return fail("two eras after " + e.as_written);
        e.era = era;
        e.era_written = true;
        continue;
      }
      if (take(Type::question)) {
        uncertain_ = true;
        continue;
      }
      return true;
    }
  }

  // Units, eras and shortened years from the neighbours, then the years.
  bool years(std::vector<End>& ends, Date& d) {
    const std::size_t n = ends.size();
    for (std::size_t i = 0; i < n; ++i) {
      End& e = ends[i];
      const bool numeral = e.written == Type::ordinal || e.written == Type::word;
      if (!e.unit_written) {
        // The unit written after the last end counts for all: "IV–III в.", "18th–19th century".
        std::optional<Unit> shared;
        for (std::size_t j = i + 1; j < n && !shared; ++j)
          if (ends[j].unit_written) shared = ends[j].unit;
        for (std::size_t j = i; j-- > 0 && !shared;)
          if (ends[j].unit_written) shared = ends[j].unit;
        e.unit = shared ? *shared : numeral ? Unit::century : Unit::year;
      }
      if (numeral && (e.unit == Unit::year || e.unit == Unit::decade))
        return fail(e.as_written + " is a century or millennium, not a year");
      if (!e.era_written) {
        // An era written after the last end counts for all ("350–300 BC"); one before it counts
        // for the ends after it ("AD 200–250"), except that an end with its own unit but no era
        // after a BC one is AD ("20 г. пр. Хр. – 10 г.", "IV в. пр. Хр. – I в.").
        std::optional<Era> later, earlier;
        for (std::size_t j = i + 1; j < n && !later; ++j)
          if (ends[j].era_written) later = ends[j].era;
        for (std::size_t j = i; j-- > 0 && !earlier;)
          if (ends[j].era_written && ends[j].era != Era::other) earlier = ends[j].era;
        if (later) e.era = *later;
        else if (earlier) e.era = *earlier == Era::bce && e.unit_written ? Era::ce : *earlier;
        else e.era = Era::ce;
      }
      // "1825–7", "c.1825–27", "1618/19": the second year's missing digits are the first's.
      if (i > 0) {
        const End& p = ends[i - 1];
        if (!e.era_written && e.era == Era::ce && p.era == Era::ce && e.written != Type::ordinal &&
            e.written != Type::word && p.written != Type::ordinal && p.written != Type::word &&
            (e.unit == Unit::year || e.unit == Unit::decade) && e.digits < p.digits) {
          long long scale = 1;
          for (int k = 0; k < e.digits; ++k) scale *= 10;
          e.number += p.number / scale * scale;
          e.digits = p.digits;
        }
      }
    }
    // Groups of ends joined by ranges, the groups joined as alternatives; other calendars dropped.
    std::vector<Span> spans;
    std::size_t groups = 0;
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i + 1;
      while (j < n && !ends[j].alternative) ++j;
      if (j - i > 2) return fail("a range with more than two ends");
      const bool other = std::any_of(ends.begin() + static_cast<std::ptrdiff_t>(i),
                                     ends.begin() + static_cast<std::ptrdiff_t>(j),
                                     [](const End& e) { return e.era == Era::other; });
      if (!other) {
        const std::optional<Span> a = span(ends[i]);
        if (!a) return false;
        const std::optional<Span> b = span(ends[j - 1]);
        if (!b) return false;
        if (a->first > b->last)
          return fail("the range ends before it begins (" + ends[i].as_written + " to " + ends[j - 1].as_written + ")");
        spans.push_back({a->first, b->last});
        ++groups;
      }
      i = j;
    }
    if (spans.empty()) return fail("a date in another calendar only (AH)");
    long long first = spans.front().first, last = spans.front().last;
    for (const Span& s : spans) {
      first = std::min(first, s.first);
      last = std::max(last, s.last);
    }
    d.earliest = static_cast<int>(first);
    d.latest = static_cast<int>(last);
    d.alternative = groups > 1;
    d.part_of_period = std::any_of(ends.begin(), ends.end(), [](const End& e) { return e.part != Part::whole; });
    d.certainty = uncertain_ || d.alternative ? Certainty::uncertain : circa_ ? Certainty::circa : Certainty::exact;
    return true;
  }

  // The years an end names, BCE negative: "1820s" 1820..1829, "IV в. пр. Хр." -400..-301.
  std::optional<Span> span(const End& e) {
    const long long n = e.number;
    if (n < 1) return none("there is no year 0 (" + e.as_written + ")");
    long long size = 1;
    if (e.unit == Unit::decade) {
      if (e.digits < 3 || n % 10 != 0) return none(e.as_written + " is not a decade: write 1820s");
      size = 10;
    } else if (e.unit == Unit::century) {
      size = 100;
    } else if (e.unit == Unit::millennium) {
      size = 1000;
    }
    // Centuries and millennia count from 1: the 18th century is 1701..1800, the 4th BC 400..301 BC.
    const long long number_first = e.unit == Unit::century || e.unit == Unit::millennium ? (n - 1) * size + 1 : n;
    const long long number_last = number_first + size - 1;
    Span s{};
    if (e.era == Era::bce) {
      if (e.unit == Unit::decade) s = {-(n + 9), -n};  // the 340s BC: 349..340 BC
      else s = {-number_last, -number_first};
    } else if (e.era == Era::bp) {
      if (e.unit != Unit::year) return none(e.as_written + ": BP only with years");
      const long long y = 1950 - n;  // before present = before 1950, as radiocarbon dates count
      s = {y <= 0 ? y - 1 : y, y <= 0 ? y - 1 : y};
    } else {
      s = {number_first, number_last};
    }
    if (s.last > kMaxCe) return none(e.as_written + " is after AD " + std::to_string(kMaxCe));
    if (s.first < -kMaxBce) return none(e.as_written + " is more than 10 million years ago");
    if (e.unit != Unit::year) s = part(s, e.part);
    return s;
  }

  // Early, mid, late: thirds (a century: 33, 34, 33 years); halves.
  static Span part(Span s, Part p) {
    const long long size = s.last - s.first + 1, third = size / 3, half = size / 2;
    switch (p) {
      case Part::whole: return s;
      case Part::early: return {s.first, s.first + third - 1};
      case Part::mid: return {s.first + third, s.last - third};
      case Part::late: return {s.last - third + 1, s.last};
      case Part::first_half: return {s.first, s.first + half - 1};
      case Part::second_half: return {s.first + half, s.last};
    }
    return s;
  }

  std::string_view text_;
  std::vector<Token> t_;
  std::size_t at_ = 0;
  bool uncertain_ = false, circa_ = false, alternative_next_ = false;
  std::string why_;
};

}  // namespace

Date parse_date(std::string_view text) { return Parser(text, Tokenizer(text).run()).run(); }

}  // namespace orpheus::packs
