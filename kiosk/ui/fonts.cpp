#include "ui/fonts.h"

#include <string>
#include <vector>

#include "core/log.h"
#include "imgui_freetype.h"
#include "ui/glyph_ranges.h"

namespace orpheus::ui {
namespace {

const ImWchar* atlas_ranges() {
  // ImGui keeps a pointer to the ranges: they must outlive the atlas.
  static const std::vector<ImWchar> ranges = [] {
    std::vector<ImWchar> r;
    for (const auto& [lo, hi] : kGlyphRanges) {
      r.push_back(static_cast<ImWchar>(lo));
      r.push_back(static_cast<ImWchar>(hi));
    }
    r.push_back(0);
    return r;
  }();
  return ranges.data();
}

std::filesystem::path pick(const std::filesystem::path& dir, const char* noto, const char* dejavu) {
  const auto a = dir / noto;
  if (std::filesystem::exists(a)) return a;
  const std::filesystem::path b = std::filesystem::path("/usr/share/fonts/truetype/dejavu") / dejavu;
  log::warn("fonts", "missing " + a.string() + ", using " + b.string());
  return std::filesystem::exists(b) ? b : std::filesystem::path{};
}

ImFont* add(const std::filesystem::path& file, float size) {
  ImGuiIO& io = ImGui::GetIO();
  if (file.empty()) {
    ImFontConfig cfg;
    cfg.SizePixels = size;
    return io.Fonts->AddFontDefault(&cfg);
  }
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  ImFont* f = io.Fonts->AddFontFromFileTTF(file.c_str(), size, &cfg, atlas_ranges());
  if (!f) {
    log::error("fonts", "cannot load " + file.string());
    f = io.Fonts->AddFontDefault();
  }
  return f;
}

}  // namespace

FontSet build_fonts(const Metrics& m, const std::filesystem::path& dir) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  io.Fonts->TexDesiredWidth = 4096;
  const auto sans = pick(dir, "NotoSans-Regular.ttf", "DejaVuSans.ttf");
  const auto sans_bold = pick(dir, "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf");
  const auto serif = pick(dir, "NotoSerif-Regular.ttf", "DejaVuSerif.ttf");
  const auto make = [&](float text, float headings) {
    Fonts f;
    f.small = add(sans, m.font_small * text);
    f.ui = add(sans_bold, m.font_body * 0.92f * headings);
    f.body = add(serif, m.font_body * text);
    f.lead = add(serif, m.font_lead * text);
    f.title = add(serif, m.font_title * headings);
    f.display = add(serif, m.font_display * headings);
    return f;
  };
  FontSet f{make(1.0f, 1.0f), make(1.35f, 1.15f)};
  io.FontDefault = f.normal.ui;
  if (!io.Fonts->Build()) log::error("fonts", "the font atlas could not be built");
  log::debug("fonts", "atlas " + std::to_string(io.Fonts->TexWidth) + "x" + std::to_string(io.Fonts->TexHeight));
  return f;
}

}  // namespace orpheus::ui
