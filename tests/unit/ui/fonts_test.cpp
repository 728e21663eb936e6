// The baked font atlas: every text size, in two halves baked on two threads and stacked into one texture. Every
// glyph of every font must find its own pixels there: its texture rectangle has the glyph's size,
// lies inside the texture, overlaps no other glyph's, and has ink.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>

#include "ui/fonts.h"

using namespace orpheus;

using session::TextSize;

TEST_CASE("All three text sizes bake into one atlas where every glyph has its own pixels") {
  const ui::BakedFonts baked = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::largest);
  ImFontAtlas& atlas = *baked.atlas;
  unsigned char* px = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&px, &w, &h);  // kept by the atlas until it is uploaded
  REQUIRE(px != nullptr);
  CHECK(w == 4096);
  const std::vector<ImFont*> fonts = {baked.fonts.normal.small, baked.fonts.normal.ui,    baked.fonts.normal.body,
                                      baked.fonts.normal.lead,  baked.fonts.normal.title, baked.fonts.normal.display,
                                      baked.fonts.large.small,  baked.fonts.large.ui,     baked.fonts.large.body,
                                      baked.fonts.large.lead,   baked.fonts.large.title,  baked.fonts.large.display,
                                      baked.fonts.largest.small, baked.fonts.largest.ui,  baked.fonts.largest.body,
                                      baked.fonts.largest.lead, baked.fonts.largest.title, baked.fonts.largest.display};
  CHECK(atlas.Fonts.Size == static_cast<int>(fonts.size()));
  std::vector<bool> taken(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), false);
  int checked = 0, overlaps = 0, misplaced = 0, blank = 0;
  for (ImFont* f : fonts) {
    REQUIRE(f != nullptr);
    CHECK(f->ContainerAtlas == &atlas);
    CHECK(f->FindGlyphNoFallback(U'Ж') != nullptr);
    CHECK(f->FindGlyphNoFallback(U'ἀ') != nullptr);
    for (const ImFontGlyph& g : f->Glyphs) {
      if (!g.Visible) continue;
      ++checked;
      const int x0 = static_cast<int>(std::lround(g.U0 * static_cast<float>(w)));
      const int y0 = static_cast<int>(std::lround(g.V0 * static_cast<float>(h)));
      const int x1 = static_cast<int>(std::lround(g.U1 * static_cast<float>(w)));
      const int y1 = static_cast<int>(std::lround(g.V1 * static_cast<float>(h)));
      // The rectangle is the glyph's size (its quad is drawn 1:1 at the font's size).
      if (std::abs((x1 - x0) - std::lround(g.X1 - g.X0)) > 1 || std::abs((y1 - y0) - std::lround(g.Y1 - g.Y0)) > 1 ||
          x0 < 0 || y0 < 0 || x1 > w || y1 > h) {
        ++misplaced;
        continue;
      }
      long ink = 0;
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
          const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x);
          if (taken[i]) ++overlaps;
          taken[i] = true;
          ink += px[i];
        }
      if (ink == 0) ++blank;
    }
  }
  CHECK(checked > 15000);  // 18 fonts of ~1,100 code points
  CHECK(misplaced == 0);
  CHECK(overlaps == 0);
  CHECK(blank == 0);
  // Shapes are drawn with the white pixel: it must still be white after stacking.
  const int wx = static_cast<int>(atlas.TexUvWhitePixel.x * static_cast<float>(w));
  const int wy = static_cast<int>(atlas.TexUvWhitePixel.y * static_cast<float>(h));
  CHECK(px[static_cast<std::size_t>(wy) * static_cast<std::size_t>(w) + static_cast<std::size_t>(wx)] == 255);
}

TEST_CASE("A pack's other scripts are merged into every size, each glyph on the main font's baseline") {
  ui::PackGlyphs glyphs;
  glyphs.code_points = {U'Ա', U'א', U'ש', U'ა', U'ሀ', U'あ', U'日', U'\uE000', U'\uFEB3'};
  std::sort(glyphs.code_points.begin(), glyphs.code_points.end());
  glyphs.heading_code_points = glyphs.code_points;
  glyphs.languages = {"ja", "en"};
  const ui::BakedFonts plain = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::largest);
  const ui::BakedFonts baked = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::largest, glyphs);
  CHECK(baked.glyphs == glyphs);
  const bool cjk = std::filesystem::exists("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc");
  for (const ui::Fonts* set : {&baked.fonts.normal, &baked.fonts.large, &baked.fonts.largest})
    for (ImFont* f : {set->small, set->ui, set->body, set->lead, set->title, set->display}) {
      REQUIRE(f != nullptr);
      CAPTURE(f->FontSize);
      for (char32_t c : {U'Ա', U'א', U'ש', U'ა', U'ሀ', U'\uFEB3', U'Ж'}) {
        CAPTURE(static_cast<unsigned>(c));
        CHECK(f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
      }
      CHECK(f->FindGlyphNoFallback(0xE000) == nullptr);  // no installed font has it: drawn as '?'
      if (cjk) CHECK(f->FindGlyphNoFallback(U'日') != nullptr);
      // A Hebrew letter sits on the line like a Latin one: its bottom near that of 'x'.
      const ImFontGlyph* x = f->FindGlyphNoFallback('x');
      const ImFontGlyph* shin = f->FindGlyphNoFallback(U'ש');
      REQUIRE(x != nullptr);
      REQUIRE(shin != nullptr);
      CHECK(std::abs(shin->Y1 - x->Y1) <= f->FontSize * 0.1f);
    }
  CHECK(std::find(baked.undrawn.begin(), baked.undrawn.end(), U'\uE000') != baked.undrawn.end());
  CHECK(std::find(baked.faces.begin(), baked.faces.end(), "Noto Serif Hebrew") != baked.faces.end());
  // Nine characters more cost a few rows of the atlas, not another atlas.
  CHECK(baked.atlas->TexHeight > plain.atlas->TexHeight);
  CHECK(baked.atlas->TexHeight < plain.atlas->TexHeight * 4);
}

TEST_CASE("The heading sizes bake the titles' characters, the text sizes all") {
  ui::PackGlyphs glyphs;
  glyphs.code_points = {U'Ա', U'א', U'ა'};
  glyphs.heading_code_points = {U'א'};
  const ui::BakedFonts baked = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::normal, glyphs);
  const ui::Fonts& f = baked.fonts.normal;
  for (ImFont* text : {f.small, f.ui, f.body, f.lead})
    for (char32_t c : {U'Ա', U'א', U'ა'}) CHECK(text->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
  for (ImFont* heading : {f.title, f.display}) {
    CHECK(heading->FindGlyphNoFallback(U'א') != nullptr);
    CHECK(heading->FindGlyphNoFallback(U'Ա') == nullptr);
    CHECK(heading->FindGlyphNoFallback(U'Ж') != nullptr);  // the fixed ranges in every size
  }
}

TEST_CASE("A merged face has the em of the font it is merged into, whatever its line height") {
  // Noto Sans Arabic is 2.11 em from ascender to descender, Noto Serif Hebrew 1.19, Noto Serif
  // 1.36: at the same pixel size an alef would be two thirds of an 'l', a Hebrew vav larger.
  ui::PackGlyphs glyphs;
  glyphs.code_points = {U'ו', U'ا'};
  glyphs.heading_code_points = glyphs.code_points;
  const ui::BakedFonts baked = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::normal, glyphs);
  for (ImFont* f : {baked.fonts.normal.body, baked.fonts.normal.ui, baked.fonts.normal.display}) {
    CAPTURE(f->FontSize);
    const ImFontGlyph* l = f->FindGlyphNoFallback('l');
    const ImFontGlyph* alef = f->FindGlyphNoFallback(U'ا');
    const ImFontGlyph* vav = f->FindGlyphNoFallback(U'ו');
    REQUIRE(l != nullptr);
    REQUIRE(alef != nullptr);
    REQUIRE(vav != nullptr);
    // Their heights against an 'l' at the same em: about 0.9 for both (at the same pixel size, an
    // alef would be 0.73-0.77, a serif vav 1.0).
    const float ascender = l->Y1 - l->Y0;
    CHECK((alef->Y1 - alef->Y0) / ascender > 0.85f);
    CHECK((alef->Y1 - alef->Y0) / ascender < 1.1f);
    CHECK((vav->Y1 - vav->Y0) / ascender > 0.7f);
    CHECK((vav->Y1 - vav->Y0) / ascender < 0.95f);
  }
}

TEST_CASE("Each text size is bigger than the one before; largest body text at least half as big again") {
  const ui::BakedFonts baked = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::largest);
  const ui::FontSet& f = baked.fonts;
  REQUIRE(f.biggest() == TextSize::largest);
  for (ImFont* ui::Fonts::*role : {&ui::Fonts::small, &ui::Fonts::ui, &ui::Fonts::body, &ui::Fonts::lead,
                                   &ui::Fonts::title, &ui::Fonts::display}) {
    CHECK((f.large.*role)->FontSize > (f.normal.*role)->FontSize);
    CHECK((f.largest.*role)->FontSize > (f.large.*role)->FontSize);
  }
  CHECK(f.largest.body->FontSize >= f.normal.body->FontSize * 1.5f);
  CHECK(f.largest.small->FontSize >= f.normal.small->FontSize * 1.5f);
  // Headings grow less, so the layouts keep their shape.
  CHECK(f.largest.title->FontSize / f.normal.title->FontSize < f.largest.body->FontSize / f.normal.body->FontSize);
  CHECK(&f.get(TextSize::largest) == &f.largest);
}

TEST_CASE("A text size not baked gives the biggest baked below it") {
  const ui::BakedFonts normal = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::normal);
  CHECK(normal.fonts.biggest() == TextSize::normal);
  CHECK(&normal.fonts.get(TextSize::largest) == &normal.fonts.normal);
  CHECK(&normal.fonts.get(TextSize::large) == &normal.fonts.normal);
  const ui::BakedFonts large = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, TextSize::large);
  CHECK(large.fonts.biggest() == TextSize::large);
  CHECK_FALSE(large.fonts.has(TextSize::largest));
  CHECK(&large.fonts.get(TextSize::largest) == &large.fonts.large);
  CHECK(&large.fonts.get(TextSize::normal) == &large.fonts.normal);
}

TEST_CASE("The atlas fits the GPU's largest texture: the biggest text goes first, then the next, then the pack's characters") {
  ui::PackGlyphs glyphs;  // the Ethiopic syllables: some 350 glyphs in each size
  for (char32_t c = 0x1200; c <= 0x137C; ++c) glyphs.code_points.push_back(c);
  glyphs.heading_code_points = glyphs.code_points;
  const auto m = ui::make_metrics(96);
  const auto area = [](const ui::BakedFonts& b) { return double(b.atlas->TexWidth) * b.atlas->TexHeight; };
  const ui::BakedFonts all = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::largest, glyphs);
  const ui::BakedFonts two = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::large, glyphs);
  const ui::BakedFonts normal = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::normal, glyphs);
  const ui::BakedFonts fixed = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::normal);
  REQUIRE(all.fonts.biggest() == TextSize::largest);
  const auto ethiopic_drawn = [](const ui::BakedFonts& b) { return b.fonts.normal.body->FindGlyphNoFallback(U'ሀ'); };
  REQUIRE(ethiopic_drawn(all));
  // A square texture between two bakes' areas holds the smaller, not the larger.
  const auto between = [](double a, double b) { return static_cast<int>(std::sqrt((a + b) / 2)); };
  const auto fits = [](const ui::BakedFonts& b, int limit) {
    CHECK(b.atlas->TexWidth <= limit);
    CHECK(b.atlas->TexHeight <= limit);
  };
  {
    const int limit = between(area(all), area(two));
    CAPTURE(limit);
    const ui::BakedFonts b = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::largest, glyphs, limit);
    fits(b, limit);
    CHECK(b.fonts.biggest() == TextSize::large);  // FontSet::get(largest) gives the large size
    CHECK(ethiopic_drawn(b));
  }
  {
    const int limit = between(area(two), area(normal));
    CAPTURE(limit);
    const ui::BakedFonts b = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::largest, glyphs, limit);
    fits(b, limit);
    CHECK(b.fonts.biggest() == TextSize::normal);  // FontSet::get(largest) gives the normal size
    CHECK(ethiopic_drawn(b));
    CHECK(b.undrawn == normal.undrawn);
  }
  {
    const int limit = between(area(normal), area(fixed));
    CAPTURE(limit);
    const ui::BakedFonts b = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::largest, glyphs, limit);
    fits(b, limit);
    CHECK(b.fonts.biggest() == TextSize::normal);
    CHECK_FALSE(ethiopic_drawn(b));
    CHECK(b.fonts.normal.body->FindGlyphNoFallback(U'Ж') != nullptr);
    CHECK(b.glyphs == glyphs);  // asked for, so the same pack does not bake again
    CHECK(b.undrawn == glyphs.code_points);
  }
  // A GPU that takes more than 4096 gets a wider atlas only when 4096 wide would be too tall.
  const ui::BakedFonts wide = ui::bake_fonts(m, ORPHEUS_FONT_DIR, TextSize::largest, glyphs, 8192);
  CHECK(wide.atlas->TexWidth == all.atlas->TexWidth);
}
