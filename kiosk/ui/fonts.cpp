#include "ui/fonts.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "core/installed_fonts.h"
#include "core/log.h"
#include "imgui_freetype.h"
#include "ui/glyph_ranges.h"

namespace orpheus::ui {
namespace {

constexpr int kAtlasWidth = 4096;

std::filesystem::path pick(const std::filesystem::path& dir, const char* noto, const char* dejavu) {
  const auto a = dir / noto;
  if (std::filesystem::exists(a)) return a;
  const std::filesystem::path b = std::filesystem::path("/usr/share/fonts/truetype/dejavu") / dejavu;
  log::warn("fonts", "missing " + a.string() + ", using " + b.string());
  return std::filesystem::exists(b) ? b : std::filesystem::path{};
}

// A font file mapped read-only, shared by every size added from it: FreeType reads only the
// tables and glyphs it needs, so a 20 MB CJK collection costs what the pack's characters use.
// The atlas copies nothing (FontDataOwnedByAtlas off): the mapping lives until the atlas is built.
class FontFile {
 public:
  explicit FontFile(std::filesystem::path path) : path_(std::move(path)) {
    if (path_.empty()) return;
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  ~FontFile() {
    if (data_) ::munmap(data_, size_);
  }
  FontFile(const FontFile&) = delete;
  FontFile& operator=(const FontFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  bool readable() const { return data_ != nullptr; }
  // ImGui takes a mutable pointer but only reads data it does not own.
  void* data() const { return data_; }
  int size() const { return static_cast<int>(size_); }

 private:
  std::filesystem::path path_;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// Glyph ranges as ImGui takes them (pairs, zero-terminated), from ImFontGlyphRangesBuilder.
// Built before the atlas and kept until it is built: the font configs point at them.
using Ranges = ImVector<ImWchar>;

Ranges ranges_of(std::span<const char32_t> code_points, bool with_fixed) {
  ImFontGlyphRangesBuilder builder;
  if (with_fixed)
    for (const auto& [lo, hi] : kGlyphRanges)
      for (char32_t c = lo; c <= hi; ++c) builder.AddChar(static_cast<ImWchar>(c));
  for (char32_t c : code_points) builder.AddChar(static_cast<ImWchar>(c));
  Ranges r;
  builder.BuildRanges(&r);
  return r;
}

// Another face merged into a main font's sizes for the characters it lacks, at `scale` times
// their size (em_height()).
struct Merge {
  const FontFile* file;
  int index;
  Ranges ranges;
  float scale = 1;
};

// ImGui's FreeType builder sizes a font so that its ascender-to-descender height is the size
// asked for, and that height differs between faces: 2.11 em for Noto Sans Arabic (tall marks),
// 1.36 em for Noto Sans, 1.19 em for Noto Serif Hebrew. A face merged at the main font's size
// would look a third smaller (Arabic) or larger than the text around it; at the main font's size
// times em_height(merged) / em_height(main) both have the same em, as their designers matched
// them. 1.36 (Noto's) if the face cannot be read.
class EmHeights {
 public:
  EmHeights() {
    if (FT_Init_FreeType(&library_) != 0) library_ = nullptr;
  }
  ~EmHeights() {
    if (library_) FT_Done_FreeType(library_);
  }
  EmHeights(const EmHeights&) = delete;
  EmHeights& operator=(const EmHeights&) = delete;

  float operator()(const FontFile& file, int index) {
    constexpr float kNoto = 1.362f;
    const auto [known, fresh] = known_.try_emplace({&file, index}, kNoto);
    if (!fresh) return known->second;
    FT_Face face = nullptr;
    if (!library_ || !file.readable() ||
        FT_New_Memory_Face(library_, static_cast<const FT_Byte*>(file.data()), file.size(), index, &face) != 0)
      return kNoto;
    if (face->units_per_EM > 0 && face->ascender > face->descender)
      known->second = static_cast<float>(face->ascender - face->descender) / static_cast<float>(face->units_per_EM);
    FT_Done_Face(face);
    return known->second;
  }

 private:
  FT_Library library_ = nullptr;
  std::map<std::pair<const FontFile*, int>, float> known_;  // a CJK collection takes ~10 ms to open
};

// A main font (sans, sans bold, serif; serif for headings) with its ranges and the faces merged
// behind it.
struct Role {
  const FontFile* file;
  Ranges ranges;
  std::vector<Merge> merges;
  std::size_t glyphs = 0;  // about how many: the fixed ranges count one each
};

ImFontConfig config_for(const FontFile& file, float size) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  cfg.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  std::snprintf(cfg.Name, sizeof cfg.Name, "%s, %.0fpx", file.path().filename().c_str(), static_cast<double>(size));
  return cfg;
}

ImFont* add(ImFontAtlas& atlas, const Role& role, float size) {
  const FontFile& file = *role.file;
  if (file.path().empty()) {
    ImFontConfig cfg;
    cfg.SizePixels = size;
    return atlas.AddFontDefault(&cfg);
  }
  ImFont* f = nullptr;
  if (file.readable()) {
    ImFontConfig cfg = config_for(file, size);
    f = atlas.AddFontFromMemoryTTF(file.data(), file.size(), size, &cfg, role.ranges.Data);
  }
  if (!f) {
    log::error("fonts", "cannot load " + file.path().string());
    return atlas.AddFontDefault();
  }
  // Merged glyphs sit on the main font's baseline (ImGui places them with its ascent).
  for (const Merge& m : role.merges) {
    ImFontConfig cfg = config_for(*m.file, size);
    cfg.MergeMode = true;
    cfg.FontNo = m.index;
    atlas.AddFontFromMemoryTTF(m.file->data(), m.file->size(), size * m.scale, &cfg, m.ranges.Data);
  }
  return f;
}

std::unique_ptr<ImFontAtlas> new_atlas(int width) {
  auto atlas = std::make_unique<ImFontAtlas>();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas->TexDesiredWidth = width;
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

// One bake, `width` pixels wide, as tall as it takes.
BakedFonts bake_at(const Metrics& m, const std::filesystem::path& dir, session::TextSize up_to, const PackGlyphs& glyphs,
                   int width) {
  // Every file mapped once, whichever roles and sizes use it; std::map keeps them in place.
  std::map<std::filesystem::path, FontFile> files;
  const auto file = [&files](const std::filesystem::path& path) -> const FontFile& {
    return files.try_emplace(path, path).first->second;
  };
  BakedFonts out;
  out.metrics = m;
  out.glyphs = glyphs;
  // Which face draws which of the pack's characters, per main font: its own first, then the
  // faces fontconfig finds for the rest, each with what it is the first to draw.
  struct Split {
    const FontFile* file;
    std::vector<char32_t> own;
    std::vector<core::FontCover> covers;
  };
  const auto split = [&](const std::filesystem::path& path, core::FontStyle style) {
    Split sp{&file(path), {}, {}};
    if (glyphs.empty()) return sp;
    if (sp.file->readable()) sp.own = core::drawn_by(path, 0, glyphs.code_points);
    std::vector<char32_t> lacking;
    std::set_difference(glyphs.code_points.begin(), glyphs.code_points.end(), sp.own.begin(), sp.own.end(),
                        std::back_inserter(lacking));
    for (auto& cover : core::covering_faces(lacking, style, glyphs.languages)) {
      if (!file(cover.face.file).readable()) continue;
      if (std::find(out.faces.begin(), out.faces.end(), cover.face.family) == out.faces.end())
        out.faces.push_back(cover.face.family);
      std::vector<char32_t> rest;
      std::set_difference(lacking.begin(), lacking.end(), cover.code_points.begin(), cover.code_points.end(),
                          std::back_inserter(rest));
      lacking = std::move(rest);
      sp.covers.push_back(std::move(cover));
    }
    for (char32_t c : lacking)
      if (!std::binary_search(out.undrawn.begin(), out.undrawn.end(), c))
        out.undrawn.insert(std::upper_bound(out.undrawn.begin(), out.undrawn.end(), c), c);
    return sp;
  };
  // A main font with the ranges for `subset` of the pack's characters (sorted; all when null).
  EmHeights em_height;
  const auto role = [&](const Split& sp, const std::vector<char32_t>* subset) {
    const auto only = [subset](const std::vector<char32_t>& v) {
      if (!subset) return v;
      std::vector<char32_t> kept;
      std::set_intersection(v.begin(), v.end(), subset->begin(), subset->end(), std::back_inserter(kept));
      return kept;
    };
    const std::vector<char32_t> own = only(sp.own);
    Role r{sp.file, ranges_of(own, true), {}, glyph_ranges_size() + own.size()};
    const float main_em = sp.covers.empty() ? 1 : em_height(*sp.file, 0);
    for (const auto& cover : sp.covers) {
      const std::vector<char32_t> taken = only(cover.code_points);
      if (taken.empty()) continue;
      const FontFile& f = file(cover.face.file);
      r.merges.push_back({&f, cover.face.index, ranges_of(taken, false), em_height(f, cover.face.index) / main_em});
      r.glyphs += taken.size();
    }
    return r;
  };
  const Split sans_split = split(pick(dir, "NotoSans-Regular.ttf", "DejaVuSans.ttf"), core::FontStyle::sans);
  const Split bold_split = split(pick(dir, "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"), core::FontStyle::sans_bold);
  const Split serif_split = split(pick(dir, "NotoSerif-Regular.ttf", "DejaVuSerif.ttf"), core::FontStyle::serif);
  const Role sans = role(sans_split, nullptr);
  const Role sans_bold = role(bold_split, nullptr);
  const Role serif = role(serif_split, nullptr);
  const Role heading = role(serif_split, &glyphs.heading_code_points);
  struct Size {
    ImFont** font;
    const Role* role;
    float px;
  };
  std::vector<Size> sizes;
  for (auto size = session::TextSize::normal; size <= up_to; size = session::next(size)) {
    Fonts& f = out.fonts.at(size);
    const FontScale k = font_scale(size);
    sizes.push_back({&f.small, &sans, m.font_small * k.text});
    sizes.push_back({&f.ui, &sans_bold, m.font_body * 0.92f * k.ui});
    sizes.push_back({&f.body, &serif, m.font_body * k.text});
    sizes.push_back({&f.lead, &serif, m.font_lead * k.text});
    sizes.push_back({&f.title, &heading, m.font_title * k.headings});
    sizes.push_back({&f.display, &heading, m.font_display * k.headings});
    if (size == session::TextSize::largest) break;  // next() wraps round
  }

  // Rasterising is most of a bake (FreeType; ~0.1 s for the normal set on a small PC): the sizes
  // go to two atlases baked on two threads, biggest first to the one with less glyph area so far,
  // and the second is then stacked under the first (ImGui draws all text from one atlas).
  out.atlas = new_atlas(width);
  const auto second = new_atlas(width);
  second->Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoBakedLines;  // the first has them
  std::sort(sizes.begin(), sizes.end(), [](const Size& a, const Size& b) { return a.px > b.px; });
  float area[2] = {0, 0};
  for (const Size& s : sizes) {
    const int half = area[0] <= area[1] ? 0 : 1;
    area[half] += s.px * s.px * static_cast<float>(s.role->glyphs);
    *s.font = add(half == 0 ? *out.atlas : *second, *s.role, s.px);
  }
  std::thread other([&second] { build(*second); });
  build(*out.atlas);
  other.join();
  if (!stack(*out.atlas, *second)) {
    // Only if a build failed (logged): all in one atlas then, so no font is left in `second`.
    log::warn("fonts", "the two halves of the font atlas could not be stacked: baking it whole");
    out.atlas = new_atlas(width);
    for (const Size& s : sizes) *s.font = add(*out.atlas, *s.role, s.px);
    build(*out.atlas);
  }
  char line[160];
  std::snprintf(line, sizeof line, "atlas %dx%d (%.1f MB), %s, %zu characters of the pack beyond the fixed ranges",
                out.atlas->TexWidth, out.atlas->TexHeight,
                static_cast<double>(out.atlas->TexWidth) * out.atlas->TexHeight / 1e6,
                text_sizes(up_to).c_str(), glyphs.code_points.size());
  log::debug("fonts", line);
  return out;
}

}  // namespace

FontScale font_scale(session::TextSize size) {
  switch (size) {
    case session::TextSize::normal: break;
    case session::TextSize::large: return {1.35f, 1.15f, 1.15f};
    // For low vision: body text two thirds bigger; the labels of buttons (of a fixed height) and
    // the headings, already big, less.
    case session::TextSize::largest: return {1.65f, 1.4f, 1.3f};
  }
  return {};
}

std::string text_sizes(session::TextSize up_to) {
  switch (up_to) {
    case session::TextSize::normal: break;
    case session::TextSize::large: return "normal and large text";
    case session::TextSize::largest: return "all three text sizes";
  }
  return "normal text";
}

BakedFonts bake_fonts(const Metrics& m, const std::filesystem::path& dir, session::TextSize up_to, const PackGlyphs& glyphs,
                      int max_texture_size) {
  // Wider is shorter: the full width of the texture only when the usual width is too tall.
  const auto bake = [&](session::TextSize to, const PackGlyphs& g) {
    BakedFonts b = bake_at(m, dir, to, g, std::min(kAtlasWidth, max_texture_size));
    if (b.atlas->TexHeight > max_texture_size && max_texture_size > kAtlasWidth)
      b = bake_at(m, dir, to, g, max_texture_size);
    return b;
  };
  const auto fits = [max_texture_size](const BakedFonts& b) { return b.atlas->TexHeight <= max_texture_size; };
  const auto too_tall = [max_texture_size](const BakedFonts& b) {
    return "the font atlas would be " + std::to_string(b.atlas->TexWidth) + "x" + std::to_string(b.atlas->TexHeight) +
           ", more than the largest texture this GPU takes (" + std::to_string(max_texture_size) + ")";
  };
  BakedFonts out = bake(up_to, glyphs);
  // The biggest size goes first: a visitor asking for it gets the biggest that fits.
  while (!fits(out) && up_to != session::TextSize::normal) {
    const auto smaller = up_to == session::TextSize::largest ? session::TextSize::large : session::TextSize::normal;
    log::warn("fonts", too_tall(out) + ": " + session::text_size_name(up_to) + " text stays the " +
                           session::text_size_name(smaller) + " size");
    up_to = smaller;
    out = bake(up_to, glyphs);
  }
  if (!fits(out) && !glyphs.empty()) {
    log::error("fonts", too_tall(out) + ": the pack's " + std::to_string(glyphs.code_points.size()) +
                            " characters beyond the fixed ranges show as '?'");
    out = bake(session::TextSize::normal, {});
    out.glyphs = glyphs;  // asked for: not baked again for the same pack
    out.undrawn = glyphs.code_points;
  }
  return out;
}

}  // namespace orpheus::ui
