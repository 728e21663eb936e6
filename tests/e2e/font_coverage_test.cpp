// Every character of the demo pack's texts and of the UI strings is in the atlas's glyph
// ranges and has a glyph in the font files the kiosk bakes (no tofu on screen).
#include <doctest/doctest.h>

#include <filesystem>

#include <set>
#include <stb_truetype.h>

#include "catalog/catalog.h"
#include "core/utf8.h"
#include "media/image.h"
#include "ui/glyph_ranges.h"
#include "ui/strings.h"

using namespace orpheus;

namespace {
// Every code point of `s` (an invalid byte: U+FFFD).
std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto [c, len] = core::decode_utf8(s, i);
    out.push_back(c);
    i += len ? len : 1;
  }
  return out;
}

void collect(const catalog::LangText& t, std::set<char32_t>& chars) {
  for (const auto& [lang, text] : t.entries())
    for (char32_t c : decode_utf8(text)) chars.insert(c);
}
}  // namespace

TEST_CASE("Every character the kiosk shows is covered by the fonts") {
  std::set<char32_t> chars;
  const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
  collect(snap->pack.title, chars);
  collect(snap->pack.credit, chars);
  for (const auto& c : snap->collections) {
    collect(c.title, chars);
    collect(c.summary, chars);
    collect(c.description, chars);
  }
  for (const auto& it : snap->items) {
    for (const auto* t : {&it.title, &it.summary, &it.description, &it.period, &it.place_name, &it.credit}) collect(*t, chars);
    for (const auto& m : it.metadata) {
      collect(m.label, chars);
      collect(m.value, chars);
    }
    for (const auto& m : it.media) collect(m.caption, chars);
  }
  for (const auto& [slug, label] : snap->tags) collect(label, chars);
  for (const auto& lang : snap->pack.languages)
    for (int from : {-1200, -350, -50})
      for (char32_t c : decode_utf8(catalog::format_period(from, from + 100, lang))) chars.insert(c);
  // Every translation of the interface and every keyboard layout.
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"/assets/po", "/assets/keyboards"})
    for (const auto& entry : std::filesystem::directory_iterator(std::string(ORPHEUS_SOURCE_DIR) + dir)) files.push_back(entry.path());
  REQUIRE(files.size() >= 12);
  for (const auto& file : files) {
    const auto bytes = media::read_file(file);
    for (char32_t c : decode_utf8(std::string(bytes.begin(), bytes.end())))
      if (c >= 0x20) chars.insert(c);
  }
  chars.erase(U'\n');
  REQUIRE(chars.size() > 100);  // Latin and Cyrillic at least

  for (const char* font : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSerif-Regular.ttf"}) {
    CAPTURE(font);
    const auto bytes = media::read_file(std::string(ORPHEUS_FONT_DIR) + "/" + font);
    stbtt_fontinfo info;
    REQUIRE(stbtt_InitFont(&info, bytes.data(), stbtt_GetFontOffsetForIndex(bytes.data(), 0)) != 0);
    for (char32_t c : chars) {
      CAPTURE(static_cast<std::uint32_t>(c));
      CHECK(ui::in_glyph_ranges(c));
      CHECK(stbtt_FindGlyphIndex(&info, static_cast<int>(c)) != 0);
    }
  }
}
