#pragma once
// Materials of the recipe format and their surface finishes (albedo, metalness, roughness),
// with position-dependent variation (tarnish, patina, grain, veins) from value noise.
#include <cstdint>
#include <optional>
#include <string_view>

#include "illustrate/canvas.h"
#include "illustrate/field.h"
#include "illustrate/rng.h"

namespace orpheus::illustrate {

enum class Material { gold, silver, gilded_silver, bronze, clay, marble, stone, fresco };

std::optional<Material> material_from_name(std::string_view name);
std::string_view material_name(Material m);
bool is_metal(Material m);

// Per-pixel finish of a material; `wear` 0..1 increases tarnish/patina/weathering.
class MaterialLook {
 public:
  // Variation is laid out over the canvas's full image (resolution independent).
  MaterialLook(Material m, std::uint64_t seed, const Canvas& canvas, float wear = 0.3f);
  Material material() const { return m_; }
  Finish at(Vec2 p) const;
  // Gold for the gilded parts of gilded silver (and of other metals).
  Finish gilt(Vec2 p) const;
  // The finish used for the recesses/ground of a relief in this material.
  Rgb base_colour() const;

 private:
  Material m_;
  Noise noise_;
  float unit_;
  float wear_;
  SmoothField a_, b_, c_;  // low-frequency variation (see material.cpp)
};

// Reference colours (linear).
namespace palette {
inline const Rgb gold{1.00f, 0.67f, 0.27f};
inline const Rgb silver{0.90f, 0.89f, 0.86f};
inline const Rgb bronze{0.78f, 0.50f, 0.28f};
inline const Rgb patina{0.16f, 0.34f, 0.27f};
inline const Rgb terracotta{0.50f, 0.22f, 0.10f};
inline const Rgb glaze_black{0.020f, 0.018f, 0.016f};
inline const Rgb marble{0.62f, 0.60f, 0.55f};
inline const Rgb limestone{0.44f, 0.40f, 0.32f};
inline const Rgb plaster{0.72f, 0.64f, 0.49f};
inline const Rgb ochre{0.62f, 0.36f, 0.10f};
inline const Rgb red_ochre{0.42f, 0.10f, 0.05f};
inline const Rgb earth_black{0.035f, 0.03f, 0.028f};
inline const Rgb egyptian_blue{0.10f, 0.22f, 0.34f};
inline const Rgb green_earth{0.25f, 0.32f, 0.20f};
inline const Rgb skin{0.55f, 0.28f, 0.14f};
}  // namespace palette

}  // namespace orpheus::illustrate
