#include "i18n/plural.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <vector>

namespace orpheus::i18n {

struct PluralRule::Node {
  enum class Op { n, number, negate, mul, div, mod, add, sub, lt, le, gt, ge, eq, ne, and_, or_, cond } op;
  std::uint64_t value = 0;
  std::vector<std::shared_ptr<const Node>> args;

  // nullopt: division by zero.
  std::optional<std::uint64_t> eval(std::uint64_t n) const {
    if (op == Op::n) return n;
    if (op == Op::number) return value;
    const auto a = args[0]->eval(n);
    if (!a) return std::nullopt;
    if (op == Op::negate) return *a == 0 ? 1 : 0;
    if (op == Op::and_ && *a == 0) return 0;  // short-circuit, as in C
    if (op == Op::or_ && *a != 0) return 1;
    if (op == Op::cond) return *a ? args[1]->eval(n) : args[2]->eval(n);
    const auto b = args[1]->eval(n);
    if (!b) return std::nullopt;
    switch (op) {
      case Op::mul: return *a * *b;
      case Op::div: return *b == 0 ? std::nullopt : std::optional<std::uint64_t>(*a / *b);
      case Op::mod: return *b == 0 ? std::nullopt : std::optional<std::uint64_t>(*a % *b);
      case Op::add: return *a + *b;
      case Op::sub: return *a - *b;
      case Op::lt: return *a < *b;
      case Op::le: return *a <= *b;
      case Op::gt: return *a > *b;
      case Op::ge: return *a >= *b;
      case Op::eq: return *a == *b;
      case Op::ne: return *a != *b;
      case Op::and_: case Op::or_: return *b != 0;
      default: return std::nullopt;
    }
  }
};

namespace {

using Node = PluralRule::Node;
using Ptr = std::shared_ptr<const Node>;
using Op = Node::Op;

struct SyntaxError {
  std::size_t column;
  std::string what;
};

// Recursive descent over C's precedence: ?: < || < && < == != < relational < + - < * / % < unary.
class ExprParser {
 public:
  explicit ExprParser(std::string_view s) : s_(s) {}

  Ptr whole() {
    Ptr e = conditional();
    skip();
    if (i_ < s_.size()) fail("unexpected '" + std::string(1, s_[i_]) + "'");
    return e;
  }

 private:
  Ptr conditional() {
    // Real rules nest a few levels; a hostile file nesting thousands must not exhaust the stack.
    if (++depth_ > kMaxDepth) fail("nested too deeply");
    Ptr c = binary(0);
    if (!eat("?")) {
      --depth_;
      return c;
    }
    Ptr yes = conditional();
    if (!eat(":")) fail("expected ':'");
    Ptr no = conditional();
    --depth_;
    return make(Op::cond, {c, yes, no});
  }

  // Levels, loosest first; each entry: token and op. "<=" before "<" so the longer one matches.
  Ptr binary(int level) {
    static const std::vector<std::vector<std::pair<const char*, Op>>> kLevels{
        {{"||", Op::or_}},
        {{"&&", Op::and_}},
        {{"==", Op::eq}, {"!=", Op::ne}},
        {{"<=", Op::le}, {">=", Op::ge}, {"<", Op::lt}, {">", Op::gt}},
        {{"+", Op::add}, {"-", Op::sub}},
        {{"*", Op::mul}, {"/", Op::div}, {"%", Op::mod}},
    };
    if (level == static_cast<int>(kLevels.size())) return unary();
    Ptr left = binary(level + 1);
    for (;;) {
      bool matched = false;
      for (const auto& [token, op] : kLevels[static_cast<std::size_t>(level)])
        if (eat(token)) {
          left = make(op, {left, binary(level + 1)});
          matched = true;
          break;
        }
      if (!matched) return left;
    }
  }

  Ptr unary() {
    if (eat("!")) {
      if (++depth_ > kMaxDepth) fail("nested too deeply");
      Ptr e = make(Op::negate, {unary()});
      --depth_;
      return e;
    }
    if (eat("(")) {
      Ptr e = conditional();
      if (!eat(")")) fail("expected ')'");
      return e;
    }
    skip();
    if (i_ < s_.size() && s_[i_] == 'n' && (i_ + 1 == s_.size() || !std::isalnum(static_cast<unsigned char>(s_[i_ + 1])))) {
      ++i_;
      return make(Op::n, {});
    }
    if (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
      std::uint64_t v = 0;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
        if (v > std::numeric_limits<std::uint64_t>::max() / 10 - 9) fail("number too large");
        v = v * 10 + static_cast<std::uint64_t>(s_[i_++] - '0');
      }
      auto node = std::make_shared<Node>();
      node->op = Op::number;
      node->value = v;
      return node;
    }
    fail(i_ < s_.size() ? "unexpected '" + std::string(1, s_[i_]) + "'" : "unexpected end");
  }

  static Ptr make(Op op, std::vector<Ptr> args) {
    auto node = std::make_shared<Node>();
    node->op = op;
    node->args = std::move(args);
    return node;
  }

  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  bool eat(std::string_view token) {
    skip();
    if (s_.substr(i_, token.size()) != token) return false;
    // "<" is not "<=", "!" is not "!=", "&" alone is not "&&"
    if (token.size() == 1 && i_ + 1 < s_.size() && s_[i_ + 1] == '=' && std::string_view("<>!=").find(token[0]) != std::string_view::npos)
      return false;
    i_ += token.size();
    return true;
  }

  [[noreturn]] void fail(std::string what) const { throw SyntaxError{i_ + 1, std::move(what)}; }

  static constexpr int kMaxDepth = 64;
  std::string_view s_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

// "key=value" from "nplurals=2; plural=(n != 1);", the value up to the next ';' (none is ever
// inside the expression).
std::optional<std::string_view> field(std::string_view s, std::string_view key) {
  for (std::size_t pos = s.find(key); pos != std::string_view::npos; pos = s.find(key, pos + 1)) {
    if (pos > 0 && std::isalnum(static_cast<unsigned char>(s[pos - 1]))) continue;
    std::size_t i = pos + key.size();
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size() || s[i] != '=') continue;
    ++i;
    return s.substr(i, std::min(s.find(';', i), s.size()) - i);
  }
  return std::nullopt;
}

}  // namespace

PluralRule::PluralRule() : expr_(ExprParser("n != 1").whole()), text_("nplurals=2; plural=(n != 1);") {}

std::optional<PluralRule> PluralRule::parse(std::string_view plural_forms, std::string* error) {
  const auto set_error = [&](std::string e) {
    if (error) *error = std::move(e);
    return std::nullopt;
  };
  const auto count = field(plural_forms, "nplurals");
  const auto expr = field(plural_forms, "plural");
  if (!count || !expr) return set_error("expected \"nplurals=N; plural=EXPRESSION;\"");
  int n = 0;
  for (char c : *count) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || n > 6) return set_error("nplurals: not a number from 1 to 6");
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > 6) return set_error("nplurals: not a number from 1 to 6");
  PluralRule rule;
  rule.count_ = n;
  rule.text_ = std::string(plural_forms);
  try {
    rule.expr_ = ExprParser(*expr).whole();
  } catch (const SyntaxError& e) {
    const std::string shown = expr->size() > 60 ? std::string(expr->substr(0, 60)) + "\u2026" : std::string(*expr);
    return set_error("plural=" + shown + ": " + e.what + " at column " + std::to_string(e.column));
  }
  return rule;
}

int PluralRule::form(std::uint64_t n) const {
  const auto v = expr_->eval(n);
  if (!v || *v >= static_cast<std::uint64_t>(count_)) return count_ - 1;
  return static_cast<int>(*v);
}

}  // namespace orpheus::i18n
