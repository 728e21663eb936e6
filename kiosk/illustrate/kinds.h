#pragma once
// The catalogue of drawable kinds and their variants (docs/illustrations.md), and the
// drawing entry point of each kind.
//
// A DrawFn paints the object into the canvas layers (coverage, height, albedo, metal,
// roughness) and sets up the stage (backdrop, light pool). It is called once per raster
// band and once at low resolution, so it must be a deterministic function of the recipe.
// Blurs should stay within a total reach (radius x passes, chained) of about
// kMaxBlurReach * canvas.unit() design pixels: band overlaps are sized from the reach
// that blur() records (chains through copy() are tracked; values carried from a blurred
// plane into another by hand are not, so do not blur those again).
#include <span>
#include <string_view>

#include "illustrate/canvas.h"
#include "illustrate/recipe.h"
#include "illustrate/shade.h"

namespace orpheus::illustrate {

inline constexpr float kMaxBlurReach = 0.03f;

using DrawFn = void (*)(const Recipe&, Canvas&, Stage&);

struct KindInfo {
  std::string_view name;
  std::span<const std::string_view> variants;
  DrawFn draw;
};

std::span<const KindInfo> kinds();
const KindInfo* find_kind(std::string_view name);
bool has_variant(const KindInfo& kind, std::string_view variant);

// Per-kind drawing functions (kinds/*.cpp).
void draw_vessel(const Recipe&, Canvas&, Stage&);
void draw_helmet(const Recipe&, Canvas&, Stage&);
void draw_greave(const Recipe&, Canvas&, Stage&);
void draw_jewelry(const Recipe&, Canvas&, Stage&);
void draw_plaque(const Recipe&, Canvas&, Stage&);
void draw_relief(const Recipe&, Canvas&, Stage&);
void draw_fresco(const Recipe&, Canvas&, Stage&);
void draw_tomb(const Recipe&, Canvas&, Stage&);
void draw_site(const Recipe&, Canvas&, Stage&);
void draw_coin(const Recipe&, Canvas&, Stage&);
void draw_ornament(const Recipe&, Canvas&, Stage&);

}  // namespace orpheus::illustrate
