#include <doctest/doctest.h>

#include <unicode/locid.h>
#include <unicode/plurrule.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "i18n/plural.h"
#include "i18n/po.h"

using namespace orpheus::i18n;

namespace {

// CLDR's category of `n` in `language`, from ICU's data (Debian's libicu).
std::string cldr_category(const std::string& language, int n) {
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(icu::Locale(language.c_str()), status));
  REQUIRE(U_SUCCESS(status));
  std::string out;
  rules->select(n).toUTF8String(out);
  return out;
}

}  // namespace

TEST_SUITE("Plural rules") {
  TEST_CASE("The C expressions of Plural-Forms") {
    const auto ru = PluralRule::parse(
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);");
    REQUIRE(ru);
    CHECK(ru->count() == 3);
    for (const auto& [n, form] : std::map<int, int>{{0, 2}, {1, 0}, {2, 1}, {5, 2}, {11, 2}, {21, 0}, {22, 1}, {111, 2}})
      CHECK(ru->form(static_cast<std::uint64_t>(n)) == form);
    const auto fr = PluralRule::parse("nplurals=2; plural=(n > 1);");
    REQUIRE(fr);
    CHECK(fr->form(0) == 0);
    CHECK(fr->form(1) == 0);
    CHECK(fr->form(2) == 1);
    const PluralRule en;
    CHECK(en.form(1) == 0);
    CHECK(en.form(0) == 1);
    const auto one = PluralRule::parse("nplurals=1; plural=0;");
    REQUIRE(one);
    CHECK(one->form(7) == 0);
    // Precedence as in C: 1 + 2 * 3 == 7, !0 == 1, and a division by zero gives the last form.
    CHECK(PluralRule::parse("nplurals=6; plural=n == 1 + 2 * 3 ? !0 + 4 : 2 - 1;")->form(7) == 5);
    CHECK(PluralRule::parse("nplurals=3; plural=n / 0;")->form(4) == 2);
    CHECK(PluralRule::parse("nplurals=2; plural=n*9;")->form(3) == 1);  // beyond the forms: the last
  }

  TEST_CASE("A broken rule says where") {
    std::string error;
    CHECK_FALSE(PluralRule::parse("nplurals=2; plural=(n != 1;", &error));
    CHECK(error == "plural=(n != 1: expected ')' at column 8");
    CHECK_FALSE(PluralRule::parse("nplurals=2; plural=n ! 1;", &error));
    CHECK(error == "plural=n ! 1: unexpected '!' at column 3");
    CHECK_FALSE(PluralRule::parse("nplurals=9; plural=0;", &error));
    CHECK(error == "nplurals: not a number from 1 to 6");
    CHECK_FALSE(PluralRule::parse("nplurals=2; plural=" + std::string(100000, '(') + "n", &error));
    CHECK(error.ends_with("nested too deeply at column 65"));
    CHECK_FALSE(PluralRule::parse("nplurals=2; plural=" + std::string(100000, '!') + "n", &error));
    CHECK(error.ends_with("nested too deeply at column 65"));
    CHECK(PluralRule::parse("nplurals=2; plural=" + std::string(30, '(') + "n != 1" + std::string(30, ')')));
    CHECK_FALSE(PluralRule::parse("plural=n != 1;", &error));
    CHECK(error == "expected \"nplurals=N; plural=EXPRESSION;\"");
  }

  TEST_CASE("Every shipped catalogue's rule agrees with CLDR") {
    // Each form of the catalogue's rule stands for exactly one CLDR category, in CLDR's order
    // (one, few, many, other), for 0 to 1000: so 0, 1, 2, 5, 11, 21, 22 and 111 get the forms a
    // native speaker expects ("1 предмет, 2 предмета, 5 предметов").
    const std::filesystem::path dir = ORPHEUS_SOURCE_DIR "/assets/po";
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".po") continue;
      const std::string language = entry.path().stem().string();
      CAPTURE(language);
      const auto po = read_po_file(entry.path());
      const auto rule = PluralRule::parse(po.header.at("Plural-Forms"));
      REQUIRE(rule);
      const std::vector<std::string> order{"zero", "one", "two", "few", "many", "other"};
      std::map<int, std::set<std::string>> categories;
      for (int n = 0; n <= 1000; ++n) categories[rule->form(static_cast<std::uint64_t>(n))].insert(cldr_category(language, n));
      CHECK(static_cast<int>(categories.size()) == rule->count());
      int last = -1;
      for (const auto& [form, cats] : categories) {
        CAPTURE(form);
        REQUIRE(cats.size() == 1);
        const int rank = static_cast<int>(std::find(order.begin(), order.end(), *cats.begin()) - order.begin());
        CHECK(rank > last);
        last = rank;
      }
      for (int n : {0, 1, 2, 5, 11, 21, 22, 111}) {
        CAPTURE(n);
        CHECK(*categories[rule->form(static_cast<std::uint64_t>(n))].begin() == cldr_category(language, n));
      }
      ++checked;
    }
    CHECK(checked >= 5);
  }
}
