#include "ui/fonts.h"

#include <cstdio>
#include <fstream>
#include <iterator>
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

// A font file read once; every size added from it shares the bytes (not owned by the atlas,
// which copies nothing: they only need to live until the atlas is built).
struct FontFile {
  std::filesystem::path path;
  std::vector<char> data;
};

FontFile read_font(const std::filesystem::path& path) {
  FontFile f{path, {}};
  if (path.empty()) return f;
  std::ifstream in(path, std::ios::binary);
  if (in) f.data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return f;
}

ImFont* add(ImFontAtlas& atlas, FontFile& file, float size) {
  if (file.path.empty()) {
    ImFontConfig cfg;
    cfg.SizePixels = size;
    return atlas.AddFontDefault(&cfg);
  }
  ImFont* f = nullptr;
  if (!file.data.empty()) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s, %.0fpx", file.path.filename().c_str(), static_cast<double>(size));
    f = atlas.AddFontFromMemoryTTF(file.data.data(), static_cast<int>(file.data.size()), size, &cfg, atlas_ranges());
  }
  if (!f) {
    log::error("fonts", "cannot load " + file.path.string());
    f = atlas.AddFontDefault();
  }
  return f;
}

}  // namespace

BakedFonts bake_fonts(const Metrics& m, const std::filesystem::path& dir, bool with_large) {
  BakedFonts out;
  out.metrics = m;
  out.atlas = std::make_unique<ImFontAtlas>();
  ImFontAtlas& atlas = *out.atlas;
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas.TexDesiredWidth = 4096;
  // As tall as the glyphs need, not the next power of two (GL 3 has no such limit): up to half
  // of the texture's memory (on the GPU, or in RAM with a software renderer) and upload time.
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  FontFile sans = read_font(pick(dir, "NotoSans-Regular.ttf", "DejaVuSans.ttf"));
  FontFile sans_bold = read_font(pick(dir, "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"));
  FontFile serif = read_font(pick(dir, "NotoSerif-Regular.ttf", "DejaVuSerif.ttf"));
  const auto make = [&](float text, float headings) {
    Fonts f;
    f.small = add(atlas, sans, m.font_small * text);
    f.ui = add(atlas, sans_bold, m.font_body * 0.92f * headings);
    f.body = add(atlas, serif, m.font_body * text);
    f.lead = add(atlas, serif, m.font_lead * text);
    f.title = add(atlas, serif, m.font_title * headings);
    f.display = add(atlas, serif, m.font_display * headings);
    return f;
  };
  out.fonts.normal = make(1.0f, 1.0f);
  if (with_large) out.fonts.large = make(1.35f, 1.15f);
  if (!atlas.Build()) log::error("fonts", "the font atlas could not be built");
  // The backend uploads RGBA: convert here, off the main thread. Then the font files can go
  // (the glyphs are baked); ClearInputData also forgets the configs that point at them.
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  atlas.ClearInputData();
  log::debug("fonts", "atlas " + std::to_string(w) + "x" + std::to_string(h) + (with_large ? ", both text sizes" : ", normal text"));
  return out;
}

}  // namespace orpheus::ui
