// The characters of a pack the fonts must add to the fixed ranges, and the installed faces that
// draw them (fontconfig): the kiosk bakes exactly these. Needs fonts-noto-core (the kiosk's
// package depends on it); Japanese is drawn only where fonts-noto-cjk is installed.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/installed_fonts.h"
#include "ui/bidi.h"
#include "ui/glyph_ranges.h"
#include "ui/pack_glyphs.h"

using namespace orpheus;

namespace {

catalog::Snapshot world_pack() {
  catalog::Snapshot s;
  s.pack.languages = {"en", "ja", "he", "ka", "hy", "am", "ar"};
  s.pack.title = {{"en", "Scripts of the World"}, {"ja", "世界の文字"}};
  s.tags["seal"] = {{"en", "seal"}, {"hy", "կնիք"}};
  catalog::Collection c;
  c.slug = "all";
  c.title = {{"en", "Everything"}, {"ka", "ყველა"}};
  s.collections.push_back(c);
  catalog::Item it;
  it.slug = "pointer";
  it.title = {{"en", "Torah pointer (יד)"}, {"he", "יד"}};
  it.description = {{"am", "ጸሎት"}, {"ar", "بركة"}};
  it.metadata.push_back({{{"en", "Mark"}}, {{"en", "\uE000"}}});
  catalog::MediaRef m;
  m.caption = {{"en", "Maker: 𠮟"}};  // beyond U+FFFF
  it.media.push_back(m);
  s.items.push_back(it);
  return s;
}

bool has(const std::vector<char32_t>& v, char32_t c) { return std::binary_search(v.begin(), v.end(), c); }

std::string family_for(char32_t c, core::FontStyle style, const std::vector<std::string>& langs = {}) {
  const char32_t one[] = {c};
  const auto covers = core::covering_faces(one, style, langs);
  return covers.empty() ? std::string() : covers.front().face.family;
}

bool installed(const char* file) {
  return std::filesystem::exists(std::filesystem::path(ORPHEUS_FONT_DIR) / file) ||
         std::filesystem::exists(std::filesystem::path("/usr/share/fonts/opentype/noto") / file);
}

}  // namespace

TEST_SUITE("Pack glyphs") {
  TEST_CASE("Every character of every text beyond the fixed ranges, sorted, once") {
    const auto snap = world_pack();
    const std::vector<std::string> names = {"日本語", "עברית"};
    const ui::PackGlyphs g = ui::pack_glyphs(snap, names);
    CHECK(std::is_sorted(g.code_points.begin(), g.code_points.end()));
    CHECK(std::adjacent_find(g.code_points.begin(), g.code_points.end()) == g.code_points.end());
    for (char32_t c : {U'世', U'文', U'字', U'の', U'י', U'ד', U'ყ', U'կ', U'ጸ', U'ب', U'\uE000', U'語', U'ע'}) {
      CAPTURE(static_cast<unsigned>(c));
      CHECK(has(g.code_points, c));
    }
    for (char32_t c : g.code_points) CHECK_FALSE(ui::in_glyph_ranges(c));
    CHECK_FALSE(has(g.code_points, U'a'));
    CHECK_FALSE(has(g.code_points, U'𠮟'));  // ImGui cannot draw it: nothing to bake
  }

  TEST_CASE("The language using most of the characters comes first: it chooses the CJK face") {
    catalog::Snapshot s;
    s.pack.languages = {"en", "ko", "ja"};
    s.pack.title = {{"en", "Tea (茶)"}, {"ko", "차"}, {"ja", "茶の湯の道具"}};
    // English uses one Han character, Korean one Hangul syllable, Japanese six characters.
    CHECK(ui::pack_glyphs(s).languages == std::vector<std::string>{"ja", "en", "ko"});
    s.pack.title = {{"en", "Tea"}};
    CHECK(ui::pack_glyphs(s).languages.empty());
  }

  TEST_CASE("The heading sizes get the titles' characters only") {
    const ui::PackGlyphs g = ui::pack_glyphs(world_pack(), std::vector<std::string>{"日本語"});
    for (char32_t c : {U'世', U'文', U'字', U'ყ', U'י', U'ד'}) CHECK(has(g.heading_code_points, c));
    CHECK_FALSE(has(g.heading_code_points, U'ጸ'));  // a description
    CHECK_FALSE(has(g.heading_code_points, U'կ'));  // a tag
    CHECK_FALSE(has(g.heading_code_points, U'語'));  // the language switch
    CHECK(std::includes(g.code_points.begin(), g.code_points.end(), g.heading_code_points.begin(),
                        g.heading_code_points.end()));
  }

  TEST_CASE("Arabic adds the joined forms it is drawn with") {
    const ui::PackGlyphs g = ui::pack_glyphs(world_pack());
    for (char32_t c : {U'\uFE91', U'\uFEAE', U'\uFEDB', U'\uFE94'}) {  // بركة joined
      CAPTURE(static_cast<unsigned>(c));
      CHECK(has(g.code_points, c));
    }
  }

  TEST_CASE("A pack in the interface's scripts needs nothing more") {
    catalog::Snapshot s;
    s.pack.title = {{"bg", "Съкровищата на траките"}, {"en", "Treasures of the Thracians"}, {"el", "Θησαυροί"}};
    s.pack.languages = {"bg", "en"};
    CHECK(ui::pack_glyphs(s).empty());
  }
}

TEST_SUITE("Installed fonts") {
  TEST_CASE("Each script finds the Noto face of the style asked for") {
    REQUIRE(installed("NotoSerifHebrew-Regular.ttf"));  // fonts-noto-core
    CHECK(family_for(U'א', core::FontStyle::serif) == "Noto Serif Hebrew");
    CHECK(family_for(U'א', core::FontStyle::sans) == "Noto Sans Hebrew");
    CHECK(family_for(U'ა', core::FontStyle::serif) == "Noto Serif Georgian");
    CHECK(family_for(U'Ա', core::FontStyle::serif) == "Noto Serif Armenian");
    CHECK(family_for(U'ሀ', core::FontStyle::serif) == "Noto Serif Ethiopic");
    CHECK(family_for(U'ሀ', core::FontStyle::sans) == "Noto Sans Ethiopic");
    CHECK(family_for(U'ب', core::FontStyle::serif) == "Noto Naskh Arabic");  // Arabic's serif style
    CHECK(family_for(U'ب', core::FontStyle::sans) == "Noto Sans Arabic");
  }

  TEST_CASE("The bold style takes bold faces") {
    const char32_t hebrew[] = {U'א'};
    const auto covers = core::covering_faces(hebrew, core::FontStyle::sans_bold, {});
    REQUIRE(covers.size() == 1);
    CHECK(covers[0].face.file.filename() == "NotoSansHebrew-Bold.ttf");
  }

  TEST_CASE("Han characters take the face of the pack's language") {
    if (!installed("NotoSerifCJK-Regular.ttc")) {
      MESSAGE("fonts-noto-cjk is not installed: Japanese is not drawn here");
      const char32_t kanji[] = {U'日'};
      CHECK(core::undrawable(kanji, {}).size() == 1);
      return;
    }
    CHECK(family_for(U'日', core::FontStyle::serif, {"ja", "en"}) == "Noto Serif CJK JP");
    CHECK(family_for(U'日', core::FontStyle::serif, {"zh-Hant"}) == "Noto Serif CJK TC");
    CHECK(family_for(U'日', core::FontStyle::sans, {"zh"}) == "Noto Sans CJK SC");
    CHECK(family_for(U'日', core::FontStyle::sans, {"ja"}) == "Noto Sans CJK JP");
    CHECK(family_for(U'日', core::FontStyle::serif, {"ko"}) == "Noto Serif CJK KR");
  }

  TEST_CASE("A mixed text is split among faces, each character drawn by one") {
    const std::vector<char32_t> wanted = {U'Ա', U'א', U'ა', U'ሀ', U'あ', U'日', U'\uE000'};
    std::vector<char32_t> sorted = wanted;
    std::sort(sorted.begin(), sorted.end());
    const auto covers = core::covering_faces(sorted, core::FontStyle::serif, std::vector<std::string>{"ja"});
    std::vector<char32_t> drawn;
    for (const auto& c : covers) drawn.insert(drawn.end(), c.code_points.begin(), c.code_points.end());
    std::sort(drawn.begin(), drawn.end());
    CHECK(std::adjacent_find(drawn.begin(), drawn.end()) == drawn.end());  // no character twice
    CHECK_FALSE(has(drawn, U'\uE000'));  // a private-use character: no face
    const auto undrawn = core::undrawable(sorted, {});
    // What no face draws is exactly what is left out.
    std::vector<char32_t> left;
    std::set_difference(sorted.begin(), sorted.end(), drawn.begin(), drawn.end(), std::back_inserter(left));
    CHECK(left == undrawn);
    CHECK(has(undrawn, U'\uE000'));
    for (char32_t c : {U'Ա', U'א', U'ა', U'ሀ'}) CHECK(has(drawn, c));
    if (installed("NotoSerifCJK-Regular.ttc"))
      for (char32_t c : {U'あ', U'日'}) CHECK(has(drawn, c));
  }

  TEST_CASE("Characters beyond U+FFFF are never drawn, whatever the fonts") {
    const char32_t beyond[] = {U'𠮟'};
    CHECK(core::covering_faces(beyond, core::FontStyle::serif, {}).empty());
    CHECK(core::undrawable(beyond, {}).size() == 1);
  }

  TEST_CASE("A main font's own characters") {
    const std::vector<char32_t> wanted = {U'A', U'Ж', U'א'};
    const auto own = core::drawn_by(std::filesystem::path(ORPHEUS_FONT_DIR) / "NotoSerif-Regular.ttf", 0, wanted);
    CHECK(own == std::vector<char32_t>{U'A', U'Ж'});
  }
}
