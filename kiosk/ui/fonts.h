#pragma once
// The baked fonts: a few sizes only (FreeType-rasterised Noto Sans/Serif with Latin,
// Cyrillic and Greek). Built once at start-up or when the DPI changes, never inside a frame.
#include <filesystem>

#include "imgui.h"
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
// less, so layouts keep their shape).
struct FontSet {
  Fonts normal, large;
  const Fonts& get(bool large_text) const { return large_text ? large : normal; }
};

// Adds the fonts to ImGui's atlas (clearing it first). Missing font files are logged and
// replaced by DejaVu, then by ImGui's built-in font, so the kiosk still starts.
FontSet build_fonts(const Metrics& metrics, const std::filesystem::path& font_dir);

}  // namespace orpheus::ui
