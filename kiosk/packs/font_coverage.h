#pragma once
// Characters of a pack that a kiosk would show as '?': those no font of the packages a kiosk is
// installed with draws (fonts-noto-core, fonts-noto-cjk: their folders, ORPHEUS_PACKAGED_FONT_DIRS,
// looked up with fontconfig as the kiosk does), and any above U+FFFF, which the kiosk's ImGui
// cannot draw at all. orpheus-pack build (so also import-csv and import-iiif, which build) and
// verify warn once per character: how often it occurs, and where first (file, line, column and
// field). Warnings only: the pack is still written. Blocking (fontconfig reads the font list once,
// tens of ms); no SDL, GL or ImGui.
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "packs/builder.h"
#include "packs/source.h"

namespace orpheus::packs {

// At most this many characters are named one by one; one more warning counts the rest.
inline constexpr int kMaxFontWarnings = 30;

// A text's place, made only when a warning needs it: file, line, column (of what holds the text
// when the text's own is not known) and field; the reason is left empty.
using TextWhere = std::function<Problem()>;
using TextVisitor = std::function<void(std::string_view text, const TextWhere& where)>;
// Calls its visitor with every text to check; font_warnings() walks twice.
using TextWalk = std::function<void(const TextVisitor& visit)>;

// The folders of ORPHEUS_PACKAGED_FONT_DIRS.
std::vector<std::filesystem::path> packaged_font_dirs();

// One warning per character no font in `font_dirs` draws (every installed font if empty), in
// the order first met. With `find_in_files` the line and column become those of the character
// itself where the file holds the text as written (a TOML string without escapes, a CSV cell,
// JSON): an editor opens at it.
std::vector<Problem> font_warnings(const TextWalk& walk, std::span<const std::filesystem::path> font_dirs,
                                   bool find_in_files);

namespace detail {
// The build's check: every text of the source (pack, tags, collections, items, their metadata
// and image captions), with the packaged fonts; appends the warnings to `problems`.
void check_fonts(const PackSource& source, std::vector<Problem>& problems);
}  // namespace detail

}  // namespace orpheus::packs
