// The baked font atlas: two halves baked on two threads and stacked into one texture. Every
// glyph of every font must find its own pixels there: its texture rectangle has the glyph's size,
// lies inside the texture, overlaps no other glyph's, and has ink.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "ui/fonts.h"

using namespace orpheus;

TEST_CASE("Both text sizes bake into one atlas where every glyph has its own pixels") {
  const ui::BakedFonts baked = ui::bake_fonts(ui::make_metrics(96), ORPHEUS_FONT_DIR, true);
  ImFontAtlas& atlas = *baked.atlas;
  unsigned char* px = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&px, &w, &h);  // kept by the atlas until it is uploaded
  REQUIRE(px != nullptr);
  CHECK(w == 4096);
  const std::vector<ImFont*> fonts = {baked.fonts.normal.small, baked.fonts.normal.ui,    baked.fonts.normal.body,
                                      baked.fonts.normal.lead,  baked.fonts.normal.title, baked.fonts.normal.display,
                                      baked.fonts.large.small,  baked.fonts.large.ui,     baked.fonts.large.body,
                                      baked.fonts.large.lead,   baked.fonts.large.title,  baked.fonts.large.display};
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
  CHECK(checked > 10000);  // 12 fonts of ~1,100 code points
  CHECK(misplaced == 0);
  CHECK(overlaps == 0);
  CHECK(blank == 0);
  // Shapes are drawn with the white pixel: it must still be white after stacking.
  const int wx = static_cast<int>(atlas.TexUvWhitePixel.x * static_cast<float>(w));
  const int wy = static_cast<int>(atlas.TexUvWhitePixel.y * static_cast<float>(h));
  CHECK(px[static_cast<std::size_t>(wy) * static_cast<std::size_t>(w) + static_cast<std::size_t>(wx)] == 255);
}
