#include "ui/fonts.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/log.h"
#include "imgui_freetype.h"
#include "ui/glyph_ranges.h"

namespace orpheus::ui {
namespace {

constexpr int kAtlasWidth = 4096;

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
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return f;
  f.data.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  if (!in.read(f.data.data(), static_cast<std::streamsize>(f.data.size()))) f.data.clear();
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

std::unique_ptr<ImFontAtlas> new_atlas() {
  auto atlas = std::make_unique<ImFontAtlas>();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas->TexDesiredWidth = kAtlasWidth;
  // As tall as the glyphs need, not the next power of two (GL 3 has no such limit): up to half
  // of the texture's memory (on the GPU, or in RAM with a software renderer) and upload time.
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  return atlas;
}

void build(ImFontAtlas& atlas) {
  if (!atlas.Build()) log::error("fonts", "the font atlas could not be built");
  // The glyphs are baked (one byte a pixel, uploaded as such): the font files can go, and
  // ClearInputData also forgets the configs that point at them.
  atlas.ClearInputData();
}

// Moves the fonts of `below` into `atlas`, its pixels under atlas's: each glyph's V coordinates
// (and those of atlas's white pixel and lines) are mapped into the taller texture. False (and
// nothing moved) if either has no pixels or their widths differ.
bool stack(ImFontAtlas& atlas, ImFontAtlas& below) {
  unsigned char *top_px = nullptr, *below_px = nullptr;
  int w = 0, top_h = 0, below_w = 0, below_h = 0;
  atlas.GetTexDataAsAlpha8(&top_px, &w, &top_h);
  below.GetTexDataAsAlpha8(&below_px, &below_w, &below_h);
  if (!top_px || !below_px || w != below_w) return false;
  const int h = top_h + below_h;
  auto* px = static_cast<unsigned char*>(IM_ALLOC(static_cast<std::size_t>(w) * static_cast<std::size_t>(h)));
  std::memcpy(px, top_px, static_cast<std::size_t>(w) * static_cast<std::size_t>(top_h));
  std::memcpy(px + static_cast<std::size_t>(w) * static_cast<std::size_t>(top_h), below_px,
              static_cast<std::size_t>(w) * static_cast<std::size_t>(below_h));
  const float top = static_cast<float>(top_h) / static_cast<float>(h);
  const auto remap = [](ImFont* f, float offset, float scale) {
    for (ImFontGlyph& g : f->Glyphs) {
      g.V0 = offset + g.V0 * scale;
      g.V1 = offset + g.V1 * scale;
    }
  };
  for (ImFont* f : atlas.Fonts) remap(f, 0, top);
  for (ImFont* f : below.Fonts) {
    remap(f, top, 1 - top);
    f->ContainerAtlas = &atlas;
    atlas.Fonts.push_back(f);
  }
  below.Fonts.clear();  // owned by `atlas` now
  atlas.TexUvWhitePixel.y *= top;
  for (ImVec4& line : atlas.TexUvLines) {
    line.y *= top;
    line.w *= top;
  }
  IM_FREE(atlas.TexPixelsAlpha8);
  atlas.TexPixelsAlpha8 = px;
  atlas.TexHeight = h;
  atlas.TexUvScale = ImVec2(1.0f / static_cast<float>(w), 1.0f / static_cast<float>(h));
  return true;
}

}  // namespace

BakedFonts bake_fonts(const Metrics& m, const std::filesystem::path& dir, bool with_large) {
  FontFile sans = read_font(pick(dir, "NotoSans-Regular.ttf", "DejaVuSans.ttf"));
  FontFile sans_bold = read_font(pick(dir, "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"));
  FontFile serif = read_font(pick(dir, "NotoSerif-Regular.ttf", "DejaVuSerif.ttf"));
  BakedFonts out;
  out.metrics = m;
  struct Size {
    ImFont** font;
    FontFile* file;
    float px;
  };
  std::vector<Size> sizes;
  const auto sizes_of = [&](Fonts& f, float text, float headings) {
    sizes.push_back({&f.small, &sans, m.font_small * text});
    sizes.push_back({&f.ui, &sans_bold, m.font_body * 0.92f * headings});
    sizes.push_back({&f.body, &serif, m.font_body * text});
    sizes.push_back({&f.lead, &serif, m.font_lead * text});
    sizes.push_back({&f.title, &serif, m.font_title * headings});
    sizes.push_back({&f.display, &serif, m.font_display * headings});
  };
  sizes_of(out.fonts.normal, 1.0f, 1.0f);
  if (with_large) sizes_of(out.fonts.large, 1.35f, 1.15f);

  // Rasterising is most of a bake (FreeType; ~0.1 s for the normal set on a small PC): the sizes
  // go to two atlases baked on two threads, biggest first to the one with less glyph area so far,
  // and the second is then stacked under the first (ImGui draws all text from one atlas).
  out.atlas = new_atlas();
  const auto second = new_atlas();
  second->Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoBakedLines;  // the first has them
  std::sort(sizes.begin(), sizes.end(), [](const Size& a, const Size& b) { return a.px > b.px; });
  float area[2] = {0, 0};
  for (const Size& s : sizes) {
    const int half = area[0] <= area[1] ? 0 : 1;
    area[half] += s.px * s.px;
    *s.font = add(half == 0 ? *out.atlas : *second, *s.file, s.px);
  }
  std::thread other([&second] { build(*second); });
  build(*out.atlas);
  other.join();
  if (!stack(*out.atlas, *second)) {
    // Only if a build failed (logged): all in one atlas then, so no font is left in `second`.
    log::warn("fonts", "the two halves of the font atlas could not be stacked: baking it whole");
    out.atlas = new_atlas();
    for (const Size& s : sizes) *s.font = add(*out.atlas, *s.file, s.px);
    build(*out.atlas);
  }
  log::debug("fonts", "atlas " + std::to_string(out.atlas->TexWidth) + "x" + std::to_string(out.atlas->TexHeight) +
                          (with_large ? ", both text sizes" : ", normal text"));
  return out;
}

}  // namespace orpheus::ui
