#pragma once
// The fonts installed on this machine and which characters each draws, from fontconfig: where the
// kiosk finds faces for the scripts its own fonts lack (ui/fonts), and how orpheus-pack tells a
// curator that no font can draw a character (packs/font_coverage). One rule for both.
// Only faces ImGui's FreeType builder bakes into its one-byte atlas count: outlines (TrueType,
// CFF), no colour fonts. Any thread: fontconfig's configuration is read once, on first use
// (tens of ms), and every call holds one lock.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace orpheus::core {

// ImGui as Debian builds it (16-bit ImWchar) draws the Basic Multilingual Plane only: anything
// above U+FFFF shows as '?' whatever the fonts.
inline constexpr char32_t kLastDrawable = 0xFFFF;

struct FontFace {
  std::filesystem::path file;
  int index = 0;       // the face in a collection: NotoSerifCJK-Regular.ttc 0 is "Noto Serif CJK JP"
  std::string family;  // "Noto Serif Hebrew"
  bool operator==(const FontFace& o) const { return file == o.file && index == o.index; }
};

// The style of a main font that other faces stand in for.
enum class FontStyle { sans, sans_bold, serif };

struct FontCover {
  FontFace face;
  std::vector<char32_t> code_points;  // sorted: the wanted ones this face is the first to draw
};

// Faces to draw `wanted` (sorted, unique: what a main font of `style` lacks), best first, each
// with the code points it takes. Faces of the style's own family come first ("Noto Serif
// Hebrew", "Noto Serif CJK JP" for serif; for Arabic, whose serif style is Naskh, "Noto Naskh
// Arabic"), then Noto's other families, then any other face; upright, normal width and the
// style's weight before the rest. Among faces that draw the same characters the first of
// `languages` (BCP 47, e.g. "ja") decides through fontconfig's rules: Han characters take the
// Japanese face for "ja", the Korean one for "ko", the Traditional Chinese one for "zh-Hant".
// Code points no face draws are in no cover.
std::vector<FontCover> covering_faces(std::span<const char32_t> wanted, FontStyle style,
                                      std::span<const std::string> languages);

// The code points of `wanted` that `file` (face `index`) draws, in order; none if it is no font.
std::vector<char32_t> drawn_by(const std::filesystem::path& file, int index, std::span<const char32_t> wanted);

// The code points of `wanted` (sorted) that no face draws, in order: of the faces whose files
// lie in `dirs`, or of every installed face when `dirs` is empty; above kLastDrawable, all.
std::vector<char32_t> undrawable(std::span<const char32_t> wanted, std::span<const std::filesystem::path> dirs = {});

}  // namespace orpheus::core
