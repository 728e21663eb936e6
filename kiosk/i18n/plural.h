#pragma once
// A PO file's Plural-Forms rule: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : ...);", the C
// expression gettext defines (n, integer constants, ! * / % + - < <= > >= == != && || ?: and
// parentheses), parsed once into a tree and evaluated per number. The same rule that Poedit shows
// the translator picks the form at run time. Any thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace orpheus::i18n {

class PluralRule {
 public:
  PluralRule();  // English's: nplurals=2; plural=(n != 1)
  // The header's value; nullopt with `error` set ("plural=: unexpected ')' at column 12") when it
  // does not parse or nplurals is not 1..6.
  static std::optional<PluralRule> parse(std::string_view plural_forms, std::string* error = nullptr);

  int count() const { return count_; }
  // The form for `n`, always in [0, count()): a formula that gives more (or divides by zero) gives
  // the last form.
  int form(std::uint64_t n) const;
  const std::string& text() const { return text_; }

  struct Node;

 private:
  int count_ = 2;
  std::shared_ptr<const Node> expr_;
  std::string text_;
};

}  // namespace orpheus::i18n
