#pragma once
// The baked fonts: a few sizes only (FreeType-rasterised Noto Sans/Serif), each with the fixed
// ranges of the interface (Latin, Cyrillic, Greek: glyph_ranges.h) and the characters the shown
// pack uses besides (pack_glyphs.h), drawn by other installed faces merged into each size where
// the main fonts lack them (Hebrew, Arabic, Georgian, Armenian, Ethiopic, CJK, ...: fontconfig,
// core/installed_fonts.h). Baked at start-up, when the density changes and when a pack with
// other characters is shown; never inside a frame.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "imgui.h"
#include "session/session.h"
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

// The three text sizes a visitor can choose (session::TextSize): `large` reads about a third
// bigger, `largest` (for low vision) about two thirds bigger; headings and the buttons' labels
// grow less, so layouts keep their shape. At start-up only `normal` is baked before the first
// frame; the bigger sets follow together (baked in the background, a fraction of a second later),
// and until they are there `get` gives the next smaller set baked, so choosing bigger text never
// waits for a bake.
struct FontSet {
  Fonts normal, large, largest;
  const Fonts& at(session::TextSize size) const {
    return size == session::TextSize::largest ? largest : size == session::TextSize::large ? large : normal;
  }
  Fonts& at(session::TextSize size) { return const_cast<Fonts&>(std::as_const(*this).at(size)); }
  bool has(session::TextSize size) const { return at(size).body != nullptr; }
  // The biggest size baked (normal when none bigger is).
  session::TextSize biggest() const {
    return has(session::TextSize::largest) ? session::TextSize::largest
           : has(session::TextSize::large) ? session::TextSize::large
                                           : session::TextSize::normal;
  }
  // The fonts of `size`, or of the biggest size baked below it.
  const Fonts& get(session::TextSize size) const { return at(std::min(size, biggest())); }
};

// How much bigger than normal each role is at a text size: `text` for the text roles (small,
// body, lead), `ui` for the buttons' labels and metadata, `headings` for title and display.
struct FontScale {
  float text = 1, ui = 1, headings = 1;
};
FontScale font_scale(session::TextSize size);
// "normal text", "normal and large text", "all three text sizes": what a bake up to `up_to` holds (logs).
std::string text_sizes(session::TextSize up_to);

// A font atlas baked apart from any ImGui context, with the fonts in it. Baking is CPU work only
// (FreeType), so it may run on any thread; the atlas then goes to ImGuiRuntime (main thread),
// which uploads it (one byte a pixel, ready here: the main thread only uploads).
struct BakedFonts {
  std::unique_ptr<ImFontAtlas> atlas;
  FontSet fonts;     // pointers into `atlas`; the sizes above `up_to` empty
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
// even so, the biggest text size is left out, then the next (logged; FontSet::get then gives the
// biggest baked), and then the pack's own characters (an error; `undrawn` lists them all).
// `up_to`: the biggest text size to bake, with every smaller one.
BakedFonts bake_fonts(const Metrics& metrics, const std::filesystem::path& font_dir, session::TextSize up_to,
                      const PackGlyphs& glyphs = {}, int max_texture_size = 16384);

}  // namespace orpheus::ui
