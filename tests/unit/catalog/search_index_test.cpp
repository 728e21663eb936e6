#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "catalog/search_index.h"

using namespace orpheus;
using catalog::SearchIndex;

namespace {

catalog::Item item(std::int64_t id, catalog::LangText title, catalog::LangText summary = {}, catalog::LangText description = {}) {
  catalog::Item it;
  it.id = id;
  it.slug = "item-" + std::to_string(id);
  it.title = std::move(title);
  it.summary = std::move(summary);
  it.description = std::move(description);
  return it;
}

// A few objects of the demo collection, in both languages, as the pack has them.
catalog::Snapshot thracian() {
  catalog::Snapshot s;
  s.pack.languages = {"bg", "en"};
  s.items.push_back(item(1, {{"bg", "Амфора-ритон"}, {"en", "Amphora-rhyton"}},
                         {{"bg", "Най-големият съд от Панагюрското съкровище."}, {"en", "The largest vessel of the Panagyurishte treasure."}}));
  s.items.push_back(item(2, {{"bg", "Панагюрското златно съкровище"}, {"en", "The Panagyurishte Gold Treasure"}}));
  s.items.push_back(item(3, {{"bg", "Тракийски конник"}, {"en", "Thracian horseman"}}, {},
                         {{"bg", "Оброчна плочка от светилище край Панагюрище."}, {"en", "A votive tablet from a sanctuary near Panagyurishte."}}));
  s.items.push_back(item(4, {{"bg", "Фиала"}, {"en", "Phiale"}}, {{"bg", "Златна фиала с глави на негри."}, {"en", "A gold phiale."}}));
  s.items.push_back(item(5, {{"bg", "Ритон с глава на елен"}, {"en", "Rhyton with a stag's head"}}));
  return s;
}

std::vector<std::int64_t> ids(const catalog::Snapshot& s, const std::vector<SearchIndex::Hit>& hits) {
  std::vector<std::int64_t> out;
  for (const auto& h : hits) out.push_back(s.items[h.item].id);
  return out;
}

}  // namespace

TEST_SUITE("Search index") {
  const auto snap = thracian();
  const auto index = SearchIndex::build(snap);

  TEST_CASE("Either alphabet and every spelling find the same objects, title before summary before the rest") {
    const std::vector<std::int64_t> panagyurishte{2, 1, 3};  // title, summary, description
    for (const char* typed : {"Панагюрище", "panagyurishte", "panagiurishte", "panagjurishte", "ПАНАГЮР", "panag"}) {
      CAPTURE(typed);
      CHECK(ids(snap, index.find(typed)) == panagyurishte);
    }
    const auto hits = index.find("panagyurishte");
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].field == SearchIndex::Field::title);
    CHECK(hits[1].field == SearchIndex::Field::summary);
    CHECK(hits[2].field == SearchIndex::Field::other);
  }

  TEST_CASE("The last word is a prefix; the others are whole words; every word must match") {
    CHECK(ids(snap, index.find("кон")) == std::vector<std::int64_t>{3});
    CHECK(ids(snap, index.find("ko")) == std::vector<std::int64_t>{3});  // a prefix of two letters finds too,
    CHECK(ids(snap, index.find("go")) == std::vector<std::int64_t>{2});  // in titles only ("gold" of 4 is in its summary)
    CHECK(ids(snap, index.find("gol")) == std::vector<std::int64_t>{2, 1, 4});  // and "големият" in 1's summary
    CHECK(index.find("kon horseman").empty());          // "kon" is not a whole word of any object
    CHECK(ids(snap, index.find("thracian hors")) == std::vector<std::int64_t>{3});
    CHECK(ids(snap, index.find("gold phi")) == std::vector<std::int64_t>{4});
    CHECK(ids(snap, index.find("фи")) == std::vector<std::int64_t>{4});  // "fi", on its way to "fyala"
    CHECK(index.find("gold stag").empty());
  }

  TEST_CASE("Exact before prefix before a typo; one typo only in words of five letters or more") {
    // "ритон" and "rhyton" are one letter apart ("riton", "ryton"): found as a typo, after exact.
    const auto hits = index.find("ритон");
    REQUIRE(ids(snap, hits) == std::vector<std::int64_t>{1, 5});
    CHECK(hits[0].match == SearchIndex::Match::exact);  // "Амфора-ритон"
    CHECK(hits[1].match == SearchIndex::Match::exact);  // "Ритон с глава..."
    CHECK(ids(snap, index.find("rhyton")) == std::vector<std::int64_t>{1, 5});
    CHECK(ids(snap, index.find("horsman")) == std::vector<std::int64_t>{3});  // a letter dropped
    CHECK(ids(snap, index.find("hrosemanx")).empty());                        // two edits: no
    CHECK(ids(snap, index.find("panagyruishte")) == std::vector<std::int64_t>{2, 1, 3});  // two letters swapped
    CHECK(index.find("stak").empty());   // four letters: no typo allowed ("stag")
    CHECK(ids(snap, index.find("hroseman")) == std::vector<std::int64_t>{3});  // the first two swapped
    CHECK(ids(snap, index.find("hprseman")) == std::vector<std::int64_t>{3});  // the second letter wrong
    CHECK(index.find("qorseman").empty());  // the first letter wrong: not looked for
    CHECK(ids(snap, index.find("stag")) == std::vector<std::int64_t>{5});
    CHECK(index.find("treasure")[0].match == SearchIndex::Match::exact);
    const auto typo = index.find("traesure");
    REQUIRE(typo.size() == 2);
    CHECK(typo[0].match == SearchIndex::Match::typo);
  }

  TEST_CASE("Hostile text finds nothing or words, never fails") {
    CHECK(index.find("").empty());
    CHECK(index.find("\"\" OR * NEAR( -- ;DROP TABLE item;").empty());
    CHECK(index.find(std::string("\xC3\xFF\xFE", 3)).empty());
    CHECK(index.find(std::string(10000, 'x')).empty());
    CHECK(ids(snap, index.find("  \xF0\x9F\x8F\xBA фиала \xF0\x9F\x8F\xBA ")) == std::vector<std::int64_t>{4});
    CHECK(SearchIndex().find("anything").empty());
  }

  TEST_CASE("Marks: the words of a text that the typed words find, by the same rules") {
    const auto marked = [](std::string_view text, std::string_view typed) {
      std::vector<std::string> out;
      for (const auto& m : SearchIndex::marks(text, typed)) out.emplace_back(text.substr(m.begin, m.end - m.begin));
      return out;
    };
    using W = std::vector<std::string>;
    CHECK(marked("Амфора-ритон от Панагюрище", "panagiur") == W{"Панагюрище"});      // the last word a prefix, either alphabet
    CHECK(marked("Амфора-ритон от Панагюрище", "rhyton amf") == W{"Амфора", "ритон"});  // a typo, a prefix
    CHECK(marked("O'Brien's rhyton", "obriens") == W{"O'Brien's"});                    // apostrophes inside the word
    CHECK(marked("Ритон с глава на елен", "на").size() == 1);
    CHECK(marked("Ритон с глава на елен", "").empty());
    CHECK(marked("stak stag", "stak") == W{"stak"});  // no typo under five letters
    CHECK(marked("\xC3\xFF ритон \xFE", "ритон") == W{"ритон"});
  }

  TEST_CASE("Did you mean: for what finds nothing, the nearest words of the pack, as the pack spells them") {
    CHECK(index.suggest("panagyurishte").size() <= 3);     // finds something: still only real words,
    CHECK(index.suggest("horsmaen").empty() == false);      // two edits: find() gives nothing, suggest does
    REQUIRE(index.find("horsmaen").empty());
    CHECK(index.suggest("horsmaen").front() == "horseman");
    CHECK(index.suggest("thracian horsmaen").front() == "thracyan horseman");  // the good word kept (as keys)
    CHECK(index.suggest("zzqxv").empty());                  // nothing near: no suggestion is honest
    CHECK(index.suggest("").empty());
    for (const auto& q : index.suggest("fiallle")) CHECK_FALSE(index.find(q).empty());
    CHECK(index.spelling(snap, "konik", "bg") == "конник");  // keys: a doubled letter counts once
    CHECK(index.spelling(snap, "horseman", "en") == "horseman");
    CHECK(index.spelling(snap, "horseman", "bg") == "horseman");  // not in Bulgarian: as another language has it
    CHECK(index.spelling(snap, "nowhere", "en").empty());
  }

  TEST_CASE("A page: the words marked in each title, a line cut around them, suggestions spelt as the pack has them") {
    const auto marked = [](const std::string& text, const std::vector<core::TextSpan>& spans) {
      std::vector<std::string> out;
      for (const auto& m : spans) out.push_back(text.substr(m.begin, m.end - m.begin));
      return out;
    };
    using W = std::vector<std::string>;
    // In a description, far in: the line begins a little before the word, with an ellipsis.
    auto far = thracian();
    far.items[2].description = {{"en", "A votive tablet of marble, found in eighteen ninety-five by villagers "
                                       "ploughing a field near Panagyurishte, with a rider and a hound."}};
    const auto far_index = SearchIndex::build(far);
    const auto page = far_index.page(far, "panagyur", "en", 10);
    REQUIRE(page.items.size() == 3);
    CHECK(page.lined == 3);
    const auto& third = page.items[2];
    CHECK(far.items[third.item].id == 3);
    CHECK(third.line.rfind("\xE2\x80\xA6 ", 0) == 0);
    CHECK(third.line.size() < 100);
    CHECK(marked(third.line, third.line_marks) == W{"Panagyurishte"});
    // Every word in the title: marked there, and the summary is the line, as it is.
    const auto first = page.items[0];
    CHECK(marked(std::string(far.items[first.item].title.exact("en")), first.title_marks) == W{"Panagyurishte"});
    // Past `lined`, no line is cut (the period, here none) until asked again.
    const auto quick = far_index.page(far, "panagyur", "en", 10, 1);
    CHECK(quick.lined == 1);
    CHECK(quick.items[2].line_marks.empty());
    // Cancelled: stops between items.
    CHECK(far_index.page(far, "panagyur", "en", 10, 10, [] { return true; }).items.empty());
    // Nothing found: the nearest spelling, in the visitor's language where the pack has it.
    const auto none = index.page(snap, "horsmaen", "en", 10);
    CHECK(none.items.empty());
    CHECK(none.did_you_mean == W{"horseman"});
    CHECK(index.page(snap, "коникк", "bg", 10).items.size() == 1);  // one typo: found, no suggestion needed
  }

  TEST_CASE("At most `limit` hits") {
    CHECK(index.find("a", 2).size() == 2);
  }
}
