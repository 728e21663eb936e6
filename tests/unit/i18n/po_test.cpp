#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <random>

#include "i18n/messages.h"
#include "i18n/po.h"

using namespace orpheus::i18n;

TEST_SUITE("PO files") {
  TEST_CASE("Entries with contexts, plurals, continued strings, escapes and flags") {
    const auto po = parse_po(R"(# a translator's comment
msgid ""
msgstr ""
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 2);\n"

#. TRANSLATORS: on the Back button
#: kiosk/ui/widgets.cpp:12
msgctxt "nav.back"
msgid "Back"
msgstr "Назад"

msgctxt "home.objects"
msgid "1 object"
msgid_plural "{n} objects"
msgstr[0] "{n} предмет"
msgstr[1] "{n} предмета"
msgstr[2] "{n} предметов"

#, fuzzy
msgid "Long"
msgstr ""
"первая строка\n"
"вторая \"строка\"\t\\"

#~ msgid "Old"
#~ msgstr "Старое"
)",
                             "ru.po");
    CHECK(po.header.at("Language") == "ru");
    CHECK(po.header.at("Plural-Forms").starts_with("nplurals=3"));
    CHECK(po.header_line == 2);
    REQUIRE(po.entries.size() == 3);
    CHECK(po.entries[0].context == "nav.back");
    CHECK(po.entries[0].strs == std::vector<std::string>{"Назад"});
    CHECK(po.entries[0].line == 10);
    CHECK(po.entries[0].translated());
    CHECK(po.entries[1].plural_id == "{n} objects");
    CHECK(po.entries[1].strs.size() == 3);
    CHECK(po.entries[2].fuzzy);
    CHECK_FALSE(po.entries[2].translated());
    CHECK(po.entries[2].strs[0] == "первая строка\nвторая \"строка\"\t\\");
  }

  TEST_CASE("A malformed file is refused with its name, line and why") {
    const auto error = [](std::string_view text) {
      try {
        parse_po(text, "de.po");
      } catch (const PoError& e) {
        return std::string(e.what());
      }
      return std::string("accepted");
    };
    CHECK(error("msgid \"a\"\nmsgstr \"b") == "de.po:2: a string without its closing quote");
    CHECK(error("msgid \"a\"\nmsgtsr \"b\"") == "de.po:2: unknown keyword \"msgtsr\"");
    CHECK(error("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"b\"") == "de.po:3: msgstr[1] where msgstr[0] is next");
    CHECK(error("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"") ==
          "de.po:3: msgstr of a plural entry must be msgstr[0], msgstr[1], ...");
    CHECK(error("\"loose\"") == "de.po:1: a string with no msgid, msgstr or msgctxt before it");
    CHECK(error("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"") == "de.po:1: an entry without msgstr");
    CHECK(error("msgid \"a\"\nmsgstr \"\\q\"") == "de.po:2: unknown escape \\q");
    CHECK(error("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nmsgstr \"\xC3\x28\"") ==
          "de.po:5: not UTF-8 text (save the file as UTF-8)");
    CHECK(error("msgid \"\"\nmsgstr \"\"\n\nmsgid \"\"\nmsgstr \"\"") == "de.po:4: a second header entry (empty msgid)");
  }

  TEST_CASE("A missing file is a clear error") {
    CHECK_THROWS_WITH_AS(read_po_file("/nonexistent/xx.po"), "/nonexistent/xx.po: cannot be read", PoError);
  }
}

TEST_SUITE("PO files: damage") {
  TEST_CASE("Damaged catalogues are refused or read, never crash") {
    // A shipped catalogue cut, with bytes flipped and quotes, backslashes and brackets dropped in:
    // every result is a catalogue or a PoError (the ASan preset runs this too).
    const auto original = read_po_file(ORPHEUS_SOURCE_DIR "/assets/po/ru.po");
    std::string text;
    {
      std::ifstream in(ORPHEUS_SOURCE_DIR "/assets/po/ru.po", std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in), {});
    }
    REQUIRE(text.size() > 1000);
    std::mt19937 random(21);
    int refused = 0, read = 0;
    for (int i = 0; i < 3000; ++i) {
      std::string damaged = text;
      const int edits = 1 + static_cast<int>(random() % 6);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = random() % damaged.size();
        switch (random() % 5) {
          case 0: damaged[at] = static_cast<char>(random() % 256); break;
          case 1: damaged.insert(at, 1, "\"\\[]%\n"[random() % 6]); break;
          case 2: damaged.erase(at, 1 + random() % 40); break;
          case 3: damaged.resize(at); break;
          default: damaged.insert(at, damaged.substr(random() % damaged.size(), random() % 80)); break;
        }
        if (damaged.empty()) damaged = "\"";
      }
      try {
        const auto po = parse_po(damaged, "ru.po");
        try {
          (void)Catalogue::from(po, "ru.po");
        } catch (const PoError&) {
        }
        ++read;
      } catch (const PoError& e) {
        CHECK(std::string(e.what()).starts_with("ru.po"));
        ++refused;
      }
    }
    MESSAGE(read << " damaged copies read, " << refused << " refused");
    CHECK(refused > 100);
    CHECK(original.entries.size() > 80);
  }
}
