#include "core/installed_fonts.h"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>

#include "core/log.h"

namespace orpheus::core {
namespace {

struct Face {
  FontFace face;
  const FcCharSet* charset = nullptr;  // owned by Fonts::set
  int weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, width = FC_WIDTH_NORMAL;
  bool mono = false;
};

// fontconfig's configuration and the faces that count (see the header), read once.
struct Fonts {
  FcConfig* config = nullptr;
  FcFontSet* set = nullptr;
  std::vector<Face> faces;

  Fonts() {
    config = FcInitLoadConfigAndFonts();
    if (!config) {
      log::warn("fonts", "fontconfig could not be initialised: no fonts besides the kiosk's own");
      return;
    }
    FcPattern* outline = FcPatternCreate();
    FcPatternAddBool(outline, FC_OUTLINE, FcTrue);
    FcObjectSet* objects = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, FC_WEIGHT, FC_SLANT, FC_WIDTH, FC_SPACING,
                                            FC_CHARSET, FC_FONTFORMAT, FC_COLOR, nullptr);
    set = FcFontList(config, outline, objects);
    FcObjectSetDestroy(objects);
    FcPatternDestroy(outline);
    if (!set) return;
    for (int i = 0; i < set->nfont; ++i) {
      FcPattern* p = set->fonts[i];
      FcChar8* file = nullptr;
      FcChar8* format = nullptr;
      FcCharSet* charset = nullptr;
      if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
          FcPatternGetCharSet(p, FC_CHARSET, 0, &charset) != FcResultMatch)
        continue;
      // What FreeType turns into outlines ImGui can bake: not bitmap strikes, not colour layers.
      if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
          std::strcmp(reinterpret_cast<const char*>(format), "TrueType") != 0 &&
          std::strcmp(reinterpret_cast<const char*>(format), "CFF") != 0)
        continue;
      FcBool color = FcFalse;
      if (FcPatternGetBool(p, FC_COLOR, 0, &color) == FcResultMatch && color) continue;
      Face f;
      f.face.file = reinterpret_cast<const char*>(file);
      FcPatternGetInteger(p, FC_INDEX, 0, &f.face.index);
      if (FcChar8* family = nullptr; FcPatternGetString(p, FC_FAMILY, 0, &family) == FcResultMatch)
        f.face.family = reinterpret_cast<const char*>(family);
      f.charset = charset;
      FcPatternGetInteger(p, FC_WEIGHT, 0, &f.weight);
      FcPatternGetInteger(p, FC_SLANT, 0, &f.slant);
      FcPatternGetInteger(p, FC_WIDTH, 0, &f.width);
      int spacing = FC_PROPORTIONAL;
      FcPatternGetInteger(p, FC_SPACING, 0, &spacing);
      f.mono = spacing >= FC_MONO || f.face.family.find(" Mono") != std::string::npos;
      faces.push_back(std::move(f));
    }
  }
  ~Fonts() {
    if (set) FcFontSetDestroy(set);
    if (config) FcConfigDestroy(config);
  }
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;
};

std::mutex& fonts_lock() {
  static std::mutex m;
  return m;
}

// Under fonts_lock(). The machine's fonts do not change under a running kiosk often enough to
// read them again: a new font package is seen at the next start.
Fonts& fonts() {
  static Fonts f;
  return f;
}

int weight_of(FontStyle style) { return style == FontStyle::sans_bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR; }

// A BCP 47 language as fontconfig's rules name it: they tell Chinese by region ("zh-tw"), and
// take a bare "zh" for each region at once.
std::string fontconfig_language(std::string lang) {
  std::transform(lang.begin(), lang.end(), lang.begin(), [](unsigned char c) { return c == '_' ? '-' : std::tolower(c); });
  if (lang == "zh" || lang.rfind("zh-hans", 0) == 0) return "zh-cn";
  if (lang.rfind("zh-hant", 0) == 0) return lang.find("-hk") != std::string::npos ? "zh-hk" : "zh-tw";
  return lang;
}

// The place of every face in fontconfig's own order for the style's family and weight, the
// language and the characters `left`: faces that draw more of them first, then its rules (Debian's
// fonts-noto-cjk ships them: the Japanese CJK face first for "ja", the Korean one for "ko", ...).
std::map<std::pair<std::string, int>, int> fontconfig_order(Fonts& f, FontStyle style, const std::string& language,
                                                            FcCharSet* left) {
  std::map<std::pair<std::string, int>, int> rank;
  if (!f.config) return rank;
  FcPattern* p = FcPatternCreate();
  // The generic family too: fontconfig's language rules (70-fonts-noto-cjk.conf) test for it.
  const bool serif = style == FontStyle::serif;
  FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(serif ? "Noto Serif" : "Noto Sans"));
  FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(serif ? "serif" : "sans-serif"));
  FcPatternAddInteger(p, FC_WEIGHT, weight_of(style));
  FcPatternAddCharSet(p, FC_CHARSET, left);
  if (!language.empty()) {
    FcLangSet* langs = FcLangSetCreate();
    FcLangSetAdd(langs, reinterpret_cast<const FcChar8*>(fontconfig_language(language).c_str()));
    FcPatternAddLangSet(p, FC_LANG, langs);
    FcLangSetDestroy(langs);
  }
  FcConfigSubstitute(f.config, p, FcMatchPattern);
  FcDefaultSubstitute(p);
  FcResult result = FcResultMatch;
  if (FcFontSet* sorted = FcFontSort(f.config, p, FcFalse, nullptr, &result)) {
    for (int i = 0; i < sorted->nfont; ++i) {
      FcChar8* file = nullptr;
      int index = 0;
      if (FcPatternGetString(sorted->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
      FcPatternGetInteger(sorted->fonts[i], FC_INDEX, 0, &index);
      rank.emplace(std::pair(std::string(reinterpret_cast<const char*>(file)), index), i);
    }
    FcFontSetDestroy(sorted);
  }
  FcPatternDestroy(p);
  return rank;
}

// 0: the style's own family; 1: Noto's others; 2: any other face; 3: monospaced faces.
int family_tier(const Face& f, FontStyle style) {
  if (f.mono) return 3;
  const std::string& family = f.face.family;
  const auto starts = [&](const char* prefix) { return family.rfind(prefix, 0) == 0; };
  if (style == FontStyle::serif ? starts("Noto Serif") || starts("Noto Naskh Arabic") : starts("Noto Sans")) return 0;
  return starts("Noto ") ? 1 : 2;
}

std::vector<char32_t> drawn(const FcCharSet* charset, std::span<const char32_t> wanted) {
  std::vector<char32_t> out;
  for (char32_t c : wanted)
    if (FcCharSetHasChar(charset, static_cast<FcChar32>(c))) out.push_back(c);
  return out;
}

}  // namespace

std::vector<FontCover> covering_faces(std::span<const char32_t> wanted, FontStyle style,
                                      std::span<const std::string> languages) {
  std::vector<FontCover> covers;
  std::vector<char32_t> left;
  for (char32_t c : wanted)
    if (c <= kLastDrawable) left.push_back(c);
  std::sort(left.begin(), left.end());
  left.erase(std::unique(left.begin(), left.end()), left.end());
  if (left.empty()) return covers;
  std::lock_guard lock(fonts_lock());
  Fonts& f = fonts();
  const int weight = weight_of(style);
  // Greedy, one face a round: of the faces drawing any character still left, the best by family,
  // slant, width and weight, then by fontconfig's order for what is left (so "Noto Sans Arabic",
  // drawing all of an Arabic text, beats a face that has only its punctuation).
  while (!left.empty()) {
    FcCharSet* left_set = FcCharSetCreate();
    for (char32_t c : left) FcCharSetAddChar(left_set, static_cast<FcChar32>(c));
    const auto rank = fontconfig_order(f, style, languages.empty() ? std::string() : languages.front(), left_set);
    const Face* best = nullptr;
    std::tuple<int, bool, int, int, int> best_key;
    for (const Face& face : f.faces) {
      if (FcCharSetIntersectCount(face.charset, left_set) == 0) continue;
      const auto r = rank.find({face.face.file.string(), face.face.index});
      const std::tuple key(family_tier(face, style), face.slant != FC_SLANT_ROMAN, std::abs(face.width - FC_WIDTH_NORMAL),
                           std::abs(face.weight - weight), r == rank.end() ? f.set->nfont : r->second);
      if (!best || key < best_key) {
        best = &face;
        best_key = key;
      }
    }
    FcCharSetDestroy(left_set);
    if (!best) break;  // no face draws what is left
    std::vector<char32_t> taken = drawn(best->charset, left);
    std::vector<char32_t> rest;
    std::set_difference(left.begin(), left.end(), taken.begin(), taken.end(), std::back_inserter(rest));
    left = std::move(rest);
    covers.push_back({best->face, std::move(taken)});
  }
  return covers;
}

std::vector<char32_t> drawn_by(const std::filesystem::path& file, int index, std::span<const char32_t> wanted) {
  std::lock_guard lock(fonts_lock());
  for (const Face& face : fonts().faces)
    if (face.face.file == file && face.face.index == index) return drawn(face.charset, wanted);
  // Outside fontconfig's folders (a font folder configured for the kiosk): read its character map.
  int count = 0;
  FcPattern* p = FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(file.c_str()), index, nullptr, &count);
  if (!p) return {};
  std::vector<char32_t> out;
  if (FcCharSet* charset = nullptr; FcPatternGetCharSet(p, FC_CHARSET, 0, &charset) == FcResultMatch)
    out = drawn(charset, wanted);
  FcPatternDestroy(p);
  return out;
}

std::vector<char32_t> undrawable(std::span<const char32_t> wanted, std::span<const std::filesystem::path> dirs) {
  std::lock_guard lock(fonts_lock());
  std::vector<const FcCharSet*> charsets;
  for (const Face& face : fonts().faces) {
    const std::string file = face.face.file.string();
    const bool inside = dirs.empty() || std::any_of(dirs.begin(), dirs.end(), [&](const std::filesystem::path& d) {
                          std::string dir = d.string();
                          if (!dir.empty() && dir.back() != '/') dir += '/';
                          return file.rfind(dir, 0) == 0;
                        });
    if (inside) charsets.push_back(face.charset);
  }
  std::vector<char32_t> out;
  for (char32_t c : wanted)
    if (c > kLastDrawable || std::none_of(charsets.begin(), charsets.end(), [c](const FcCharSet* s) {
          return FcCharSetHasChar(s, static_cast<FcChar32>(c));
        }))
      out.push_back(c);
  return out;
}

}  // namespace orpheus::core
