#pragma once
// Right-to-left text for a renderer that draws code points one by one, left to right (ImGui):
// the Unicode bidirectional algorithm and Arabic joining from FriBidi (Debian: libfribidi-dev).
// A text is wrapped in its logical order (as stored); each line is then turned into its visual
// order just before it is drawn. Pure text, no ImGui: any thread.
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::ui {

enum class Direction { automatic, ltr, rtl };

// True if `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...) or a
// right-to-left mark or override: only such text needs visual_line(). A byte scan that skips
// ASCII, Latin, Greek and Cyrillic at once.
bool has_rtl(std::string_view text);

// The direction of a paragraph: that of its first letter with a strong direction (UAX #9, P2-P3),
// ltr when it has none. A text whose paragraphs are rtl is meant to be aligned right.
Direction paragraph_direction(std::string_view paragraph);

// One line as drawn from left to right: right-to-left runs reversed, brackets in them mirrored,
// Arabic letters in their joined presentation forms (initial, medial, final; lam-alef
// ligatures), numbers and Latin words inside them still left to right; direction marks and
// joiners, which have no glyph, left out. `paragraph`: the direction of the paragraph the line
// was wrapped from (paragraph_direction() of it), so that a line starting with a number in an
// Arabic paragraph is still laid out right to left; automatic: the line's own.
// A line without right-to-left characters comes back unchanged (has_rtl() first: cheap).
// Reordered lines are remembered (per thread, the last few hundred): cheap to call every frame.
std::string visual_line(std::string_view logical_line, Direction paragraph = Direction::automatic);

// Where the bytes [begin, end) of `logical_line` are in visual_line(logical_line, paragraph): as
// byte ranges of that string, left to right, one per run (a word found in a Hebrew title is one
// range; a range crossing from Latin into Hebrew may be two). Not remembered: for the few lines
// that carry search marks.
struct ByteRange {
  std::size_t begin, end;
  bool operator==(const ByteRange&) const = default;
};
std::vector<ByteRange> visual_ranges(std::string_view logical_line, Direction paragraph, std::size_t begin,
                                     std::size_t end);

}  // namespace orpheus::ui
