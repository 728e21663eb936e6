#include <doctest/doctest.h>

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
}
