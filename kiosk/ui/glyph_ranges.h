#pragma once
// The code points every font atlas has: Latin, Cyrillic, Greek (with polytonic) and the
// typographic marks Bulgarian and English texts use („ “ ” — – … № ‹ ›), for the interface's
// strings and the on-screen keyboards. ImGui's own Cyrillic range lacks several of these. A
// pack's other characters are added per pack (pack_glyphs.h). No ImGui here, so tests can check
// content coverage.
#include <array>
#include <cstddef>
#include <utility>

namespace orpheus::ui {

inline constexpr std::array<std::pair<char32_t, char32_t>, 10> kGlyphRanges{{
    {0x0020, 0x00FF},  // Basic Latin, Latin-1 (· ° « » ©)
    {0x0100, 0x017F},  // Latin Extended-A
    {0x0300, 0x036F},  // combining accents
    {0x0370, 0x03FF},  // Greek and Coptic
    {0x0400, 0x052F},  // Cyrillic and Cyrillic Supplement
    {0x1F00, 0x1FFF},  // Greek Extended (inscriptions)
    {0x2010, 0x2027},  // ‐ – — ‘ ’ ‚ “ ” „ † • …
    {0x2030, 0x203A},  // ‰ ′ ″ ‹ ›
    {0x2116, 0x2116},  // №
    {0x2190, 0x2193},  // ← ↑ → ↓
}};

// How many code points the ranges hold.
constexpr std::size_t glyph_ranges_size() {
  std::size_t n = 0;
  for (const auto& [lo, hi] : kGlyphRanges) n += static_cast<std::size_t>(hi - lo) + 1;
  return n;
}

constexpr bool in_glyph_ranges(char32_t c) {
  for (const auto& [lo, hi] : kGlyphRanges)
    if (c >= lo && c <= hi) return true;
  return false;
}

}  // namespace orpheus::ui
