#include <doctest/doctest.h>

#include "i18n/check.h"

using namespace orpheus::i18n;

namespace {

std::vector<std::string> problems(std::string_view po, const CheckOptions& options = {}) {
  std::vector<std::string> out;
  for (const auto& p : check_po(parse_po(po), "xx.po", options)) out.push_back(p.str());
  return out;
}

const char* kRu = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                  "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n\n";
const char* kDe = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n";
const char* kFr = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n";
const char* kObjects = "msgctxt \"home.objects\"\nmsgid \"1 object\"\nmsgid_plural \"{n} objects\"\n";

}  // namespace

TEST_SUITE("Translation checks") {
  TEST_CASE("Placeholders") {
    CHECK(placeholders("{i} of {n}, {i} {not one} {} {x_1}") == std::vector<std::string>{"i", "n", "x_1"});
    CHECK(problems(std::string(kDe) + "msgctxt \"nav.position\"\nmsgid \"{i} of {n}\"\nmsgstr \"{i} von {n}\"\n").empty());
    CHECK(problems(std::string(kDe) + "msgctxt \"nav.position\"\nmsgid \"{i} of {n}\"\nmsgstr \"{i} von\"\n") ==
          std::vector<std::string>{"xx.po:5: nav.position \"{i} of {n}\" msgstr has {i} where the English has {i}, {n}"});
    CHECK(problems(std::string(kDe) + "msgid \"Back\"\nmsgstr \"Zurück {n}\"\n") ==
          std::vector<std::string>{"xx.po:4: \"Back\" msgstr has {n} where the English has none"});
    CHECK(problems(std::string(kDe) + "#, fuzzy\nmsgid \"Back\"\nmsgstr \"{x}\"\n").empty());  // not used yet
  }

  TEST_CASE("A plural form may leave out {n} only where it serves a single number") {
    // German's first form is 1 alone; French's is 0 and 1; Russian's 1, 21, 31 ...
    CHECK(problems(std::string(kDe) + kObjects + "msgstr[0] \"ein Objekt\"\nmsgstr[1] \"{n} Objekte\"\n").empty());
    CHECK(problems(std::string(kFr) + kObjects + "msgstr[0] \"un objet\"\nmsgstr[1] \"{n} objets\"\n") ==
          std::vector<std::string>{"xx.po:5: home.objects \"1 object\" msgstr[0] has none where the English has {n}"});
    CHECK(problems(std::string(kRu) + kObjects + "msgstr[0] \"1 предмет\"\nmsgstr[1] \"{n} предмета\"\nmsgstr[2] \"{n} предметов\"\n") ==
          std::vector<std::string>{"xx.po:5: home.objects \"1 object\" msgstr[0] has none where the English has {n}"});
    CHECK(problems(std::string(kRu) + kObjects + "msgstr[0] \"{n} предмет\"\nmsgstr[1] \"{n} предмета\"\n") ==
          std::vector<std::string>{"xx.po:5: home.objects \"1 object\" has 2 plural forms; Plural-Forms says 3"});
  }

  TEST_CASE("Header, template and completeness") {
    CHECK(problems("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n;\\n\"\n") ==
          std::vector<std::string>{"xx.po:1: Plural-Forms: plural=(n: expected ')' at column 3"});
    CHECK(problems(std::string(kObjects) + "msgstr[0] \"a\"\nmsgstr[1] \"{n} b\"\n") ==
          std::vector<std::string>{"xx.po: no Plural-Forms in the header, and the file has plural entries"});
    const auto pot = parse_po("msgctxt \"nav.back\"\nmsgid \"Back\"\nmsgstr \"\"\n\nmsgctxt \"admin.ok\"\nmsgid \"OK\"\nmsgstr \"\"\n\n"
                              "msgctxt \"nav.next\"\nmsgid \"Next\"\nmsgstr \"\"\n");
    CheckOptions o{&pot, true, {"admin."}};
    CHECK(problems(std::string(kDe) + "msgctxt \"nav.back\"\nmsgid \"Go back\"\nmsgstr \"Zurück\"\n\n"
                                      "#, fuzzy\nmsgctxt \"nav.next\"\nmsgid \"Next\"\nmsgstr \"Weiter\"\n", o) ==
          std::vector<std::string>{
              "xx.po:5: nav.back \"Go back\" is not in the template (the English changed or the entry was removed: update from the template)",
              "xx.po: nav.back \"Back\" is missing (update from the template)",
              "xx.po:10: nav.next \"Next\" is marked fuzzy"});
    CHECK(problems(std::string(kDe) + "msgctxt \"nav.back\"\nmsgid \"Back\"\nmsgstr \"Zurück\"\n\nmsgctxt \"nav.next\"\nmsgid \"Next\"\nmsgstr \"Weiter\"\n", o).empty());
  }
}
