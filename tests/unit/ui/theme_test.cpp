#include <doctest/doctest.h>

#include <algorithm>
#include <utility>

#include "ui/glyph_ranges.h"
#include "ui/theme.h"

using namespace orpheus::ui;

TEST_SUITE("Theme") {
  TEST_CASE("Touch targets are at least 9 mm and text is large enough at 1 m on any density") {
    for (float dpi : {72.0f, 96.0f, 160.0f, 220.0f}) {
      CAPTURE(dpi);
      const auto m = make_metrics(dpi);
      CHECK(m.target / m.mm >= 9.0f);
      CHECK(m.font_body / m.mm >= 6.0f);
      CHECK(m.font_small / m.mm >= 4.5f);
      CHECK(m.font_small < m.font_body);
      CHECK(m.font_body < m.font_title);
      CHECK(m.font_title < m.font_display);
    }
  }

  TEST_CASE("Glyph ranges include the marks ImGui's Cyrillic range lacks") {
    for (char32_t c : {U'„', U'“', U'—', U'–', U'…', U'№', U'Ж', U'Ω', U'ἀ', U'·'}) CHECK(in_glyph_ranges(c));
    CHECK_FALSE(in_glyph_ranges(U'中'));
  }

  TEST_CASE("WCAG contrast ratios: the formula's known values") {
    CHECK(contrast_ratio(IM_COL32_BLACK, IM_COL32_WHITE) == doctest::Approx(21));
    CHECK(contrast_ratio(IM_COL32_WHITE, IM_COL32_BLACK) == doctest::Approx(21));
    CHECK(contrast_ratio(IM_COL32(118, 118, 118, 255), IM_COL32_WHITE) == doctest::Approx(4.54).epsilon(0.01));  // #767676
    CHECK(contrast_ratio(IM_COL32(120, 60, 200, 255), IM_COL32(120, 60, 200, 255)) == doctest::Approx(1));
    CHECK(contrast_ratio(IM_COL32(255, 0, 0, 255), IM_COL32_WHITE) == doctest::Approx(4.0).epsilon(0.01));
  }

  TEST_CASE("Every text and control colour meets WCAG 2.2 AA on what it is drawn on, in both palettes") {
    for (const auto& [name, palette] : {std::pair{"standard", Palette{}}, std::pair{"high contrast", high_contrast_palette()}}) {
      CAPTURE(name);
      const auto pairs = colour_pairs(palette);
      REQUIRE(pairs.size() >= 13);
      for (const auto& p : pairs) {
        CAPTURE(p.what);
        CHECK(contrast_ratio(p.fg, p.bg) >= p.least);
      }
    }
    // The high-contrast palette gives more than the standard one wherever it can.
    const auto standard = colour_pairs(Palette{}), high = colour_pairs(high_contrast_palette());
    for (std::size_t i = 0; i < standard.size(); ++i) {
      CAPTURE(standard[i].what);
      CHECK(contrast_ratio(high[i].fg, high[i].bg) >= std::min(7.0f, contrast_ratio(standard[i].fg, standard[i].bg)));
    }
  }
}
