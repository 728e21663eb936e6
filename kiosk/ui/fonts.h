#pragma once
// The baked fonts: a few sizes only (FreeType-rasterised Noto Sans/Serif), each with the fixed
// ranges of the interface (Latin, Cyrillic, Greek: glyph_ranges.h) and the characters the shown
// pack uses besides (pack_glyphs.h), drawn by other installed faces merged into each size where
// the main fonts lack them (Hebrew, Arabic, Georgian, Armenian, Ethiopic, CJK, ...: fontconfig,
// core/installed_fonts.h). Baked at start-up, when the density changes and when a pack with
// other characters is shown; never inside a frame.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/pack_glyphs.h"
#include "ui/theme.h"

namespace orpheus::ui {

struct Fonts {
  ImFont* small = nullptr;    // sans, labels and credits
  ImFont* ui = nullptr;       // sans, buttons and metadata
  ImFont* body = nullptr;     // serif, long texts
  ImFont* lead = nullptr;     // serif, summaries
  ImFont* title = nullptr;    // serif, titles
  ImFont* display = nullptr;  // serif, the home heading
};

// Both text sizes a visitor can choose: `large` reads about a third bigger (headings a little
// less, so layouts keep their shape). At start-up only `normal` is baked before the first frame;
// until the large set is there (baked in the background, a fraction of a second later) `get`
// gives the normal one, so choosing large text never waits for a bake.
struct FontSet {
  Fonts normal, large;
  bool has_large() const { return large.body != nullptr; }
  const Fonts& get(bool large_text) const { return large_text && has_large() ? large : normal; }
};

// A font atlas baked apart from any ImGui context, with the fonts in it. Baking is CPU work only
// (FreeType), so it may run on any thread; the atlas then goes to ImGuiRuntime (main thread),
// which uploads it (one byte a pixel, ready here: the main thread only uploads).
struct BakedFonts {
  std::unique_ptr<ImFontAtlas> atlas;
  FontSet fonts;     // pointers into `atlas`; `large` empty unless baked `with_large`
  Metrics metrics;   // the density the sizes were made for
  PackGlyphs glyphs;  // the pack's characters asked for
  // What drew them: "Noto Serif CJK JP" and the like, in the order merged; and the characters of
  // `glyphs` no installed face draws (shown as '?').
  std::vector<std::string> faces;
  std::vector<char32_t> undrawn;
};

// Missing font files are logged and replaced by DejaVu, then by ImGui's built-in font, so the
// kiosk still starts. Each font file is mapped once and shared by all its sizes. Bakes the
// fixed ranges in every size, and `glyphs`: all in the text sizes (small, ui, body, lead), the
// titles' in the heading sizes (title, display; see PackGlyphs), so that a screen setting other
// pack text in a heading size would show '?' for characters no title has. Any thread.
//
// The atlas fits `max_texture_size` (platform::Window::max_texture_size): 4096 pixels wide (or
// the whole size, if that is what it takes), as tall as its glyphs need. If it would be taller
// even so, large text is left out (logged; FontSet::get then gives the normal size), and then
// the pack's own characters (an error; `undrawn` lists them all).
BakedFonts bake_fonts(const Metrics& metrics, const std::filesystem::path& font_dir, bool with_large,
                      const PackGlyphs& glyphs = {}, int max_texture_size = 16384);

}  // namespace orpheus::ui
