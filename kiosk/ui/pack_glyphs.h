#pragma once
// The characters a pack needs drawn beyond the fixed ranges every bake has (glyph_ranges.h: the
// interface's scripts and the keyboards): what ui::bake_fonts adds for the pack shown, so that
// the atlas holds the glyphs the pack uses and no others. Collected once per pack, off the main
// thread (a walk over every text: about 0.1 s for 100,000 items). No ImGui: any thread.
#include <span>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace orpheus::ui {

struct PackGlyphs {
  std::vector<char32_t> code_points;   // sorted, unique; outside the fixed ranges; none above U+FFFF
  // Those of the titles (the pack's, the collections', the items'), sorted: the heading sizes
  // (title, display) set nothing else of a pack, and bake only these. Large CJK sizes for every
  // character of the descriptions would be most of the atlas.
  std::vector<char32_t> heading_code_points;
  // The pack's languages whose texts use any of them, the one using most first: it chooses among
  // faces that draw the same characters (Han for a Japanese pack: the Japanese face).
  std::vector<std::string> languages;
  bool empty() const { return code_points.empty(); }
  bool operator==(const PackGlyphs&) const = default;
};

// Of every text of `snap` (catalog::for_each_text) and of `more` (what the interface shows for
// this pack, e.g. its languages' own names on the language switch), in the forms drawn too:
// Arabic letters joined (visual_line()) are other code points than the stored ones.
PackGlyphs pack_glyphs(const catalog::Snapshot& snap, std::span<const std::string> more = {});

}  // namespace orpheus::ui
