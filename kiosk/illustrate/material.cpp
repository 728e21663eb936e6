#include "illustrate/material.h"

#include <array>
#include <cmath>
#include <utility>

namespace orpheus::illustrate {
namespace {

constexpr std::array<std::pair<std::string_view, Material>, 8> kNames = {{
    {"gold", Material::gold},
    {"silver", Material::silver},
    {"gilded-silver", Material::gilded_silver},
    {"bronze", Material::bronze},
    {"clay", Material::clay},
    {"marble", Material::marble},
    {"stone", Material::stone},
    {"fresco", Material::fresco},
}};

}  // namespace

std::optional<Material> material_from_name(std::string_view name) {
  for (const auto& [n, m] : kNames)
    if (n == name) return m;
  return std::nullopt;
}

std::string_view material_name(Material m) {
  for (const auto& [n, mm] : kNames)
    if (mm == m) return n;
  return "?";
}

bool is_metal(Material m) {
  return m == Material::gold || m == Material::silver || m == Material::gilded_silver || m == Material::bronze;
}

MaterialLook::MaterialLook(Material m, std::uint64_t seed, float unit, float wear)
    : m_(m), noise_(seed ^ 0x51ed270b27a3c4d1ULL), unit_(unit), wear_(wear) {}

Rgb MaterialLook::base_colour() const {
  switch (m_) {
    case Material::gold: return palette::gold;
    case Material::silver:
    case Material::gilded_silver: return palette::silver;
    case Material::bronze: return palette::bronze;
    case Material::clay: return palette::terracotta;
    case Material::marble: return palette::marble;
    case Material::stone: return palette::limestone;
    case Material::fresco: return palette::plaster;
  }
  return palette::plaster;
}

Finish MaterialLook::gilt(Vec2 p) const {
  const float q = 1.f / unit_;
  const float n = noise_.fbm(p.x * q * 40.f, p.y * q * 40.f, 3);
  Finish f{palette::gold, 1.f, 0.26f + 0.06f * n};
  f.albedo = f.albedo * (0.93f + 0.07f * n);
  return f;
}

Finish MaterialLook::at(Vec2 p) const {
  const float q = 1.f / unit_;  // noise in units of the image size: resolution independent
  const float x = p.x * q, y = p.y * q;
  // Budget: about six noise evaluations per call (this runs for every painted pixel).
  switch (m_) {
    case Material::gold: {
      const float n = noise_.fbm(x * 30.f, y * 30.f, 3);
      const float fine = noise_.value(x * 900.f, y * 900.f);
      Finish f{palette::gold * (0.94f + 0.06f * n), 1.f, 0.24f + 0.05f * n + 0.03f * fine};
      // Faint reddish tarnish film in places.
      const float t = smoothstep(0.25f, 0.8f, noise_.fbm(x * 7.f + 3.f, y * 7.f, 2)) * wear_;
      f.albedo = mix(f.albedo, Rgb{0.80f, 0.45f, 0.22f}, 0.35f * t);
      return f;
    }
    case Material::silver:
    case Material::gilded_silver: {
      const float n = noise_.fbm(x * 25.f, y * 25.f, 3);
      const float fine = noise_.value(x * 900.f, y * 900.f);
      Finish f{palette::silver * (0.95f + 0.05f * n), 1.f, 0.30f + 0.05f * n + 0.03f * fine};
      // Sulphide tarnish: warm grey to dark patches.
      const float t = smoothstep(0.0f, 0.8f, noise_.fbm(x * 6.f + 7.f, y * 6.f, 2)) * (0.4f + wear_);
      f.albedo = mix(f.albedo, Rgb{0.32f, 0.28f, 0.24f}, 0.6f * clamp01(t));
      f.rough += 0.2f * clamp01(t);
      return f;
    }
    case Material::bronze: {
      const float n = noise_.fbm(x * 20.f, y * 20.f, 3);
      // Patina in patches (more with wear), a dark cuprite crust, metal showing elsewhere.
      const float pat = smoothstep(0.25f - wear_ * 0.2f, 0.6f - wear_ * 0.2f, noise_.fbm(x * 7.f + 11.f, y * 7.f, 3));
      const float crust = smoothstep(0.0f, 0.6f, noise_.fbm(x * 25.f - 5.f, y * 25.f, 2));
      Finish metal{palette::bronze * (0.55f + 0.12f * n), 1.f, 0.42f + 0.1f * n};
      metal.albedo = mix(metal.albedo, Rgb{0.30f, 0.16f, 0.08f}, 0.5f * crust);
      const Rgb pc = mix(Rgb{0.06f, 0.10f, 0.07f}, Rgb{0.11f, 0.16f, 0.11f}, 0.5f + 0.5f * n);
      Finish out;
      out.albedo = mix(metal.albedo, pc, pat * 0.85f);
      out.metal = 1.f - pat * 0.85f;
      out.rough = lerp(metal.rough, 0.8f, pat);
      return out;
    }
    case Material::clay: {
      const float n = noise_.fbm(x * 40.f, y * 40.f, 3);
      const float fine = noise_.value(x * 1200.f, y * 1200.f);
      Rgb c = palette::terracotta * (0.9f + 0.1f * n + 0.04f * fine);
      c = mix(c, Rgb{0.35f, 0.28f, 0.20f}, 0.25f * smoothstep(0.2f, 0.7f, noise_.fbm(x * 8.f, y * 8.f + 5.f, 2)) * wear_);
      return {c, 0.f, 0.72f};
    }
    case Material::marble: {
      const float n = noise_.fbm(x * 6.f, y * 6.f, 3);
      const float grain = noise_.value(x * 1100.f, y * 1100.f);
      // Veins: thin dark lines along a warped sine field.
      const float v = 1.f - std::fabs(std::sin((x * 9.f + y * 4.f + n * 2.6f) * kPi));
      const float v2 = v * v, v4 = v2 * v2, v8 = v4 * v4, v16 = v8 * v8;
      const float vein = v16 * v2 * (0.6f + 0.4f * n);
      Rgb c = palette::marble * (0.95f + 0.04f * n + 0.03f * grain);
      c = mix(c, Rgb{0.42f, 0.42f, 0.40f}, 0.45f * vein);
      // Weathering: ochre-brown staining.
      const float st = smoothstep(0.1f, 0.7f, noise_.fbm(x * 4.f + 20.f, y * 4.f, 2)) * wear_;
      c = mix(c, Rgb{0.52f, 0.40f, 0.26f}, 0.45f * st);
      return {c, 0.f, 0.5f + 0.1f * n};
    }
    case Material::stone: {
      const float n = noise_.fbm(x * 12.f, y * 12.f, 3);
      const float grain = noise_.value(x * 1100.f, y * 1100.f);
      Rgb c = palette::limestone * (0.88f + 0.1f * n + 0.07f * grain);
      const float st = smoothstep(0.f, 0.6f, noise_.fbm(x * 5.f + 40.f, y * 5.f, 2)) * wear_;
      c = mix(c, Rgb{0.28f, 0.26f, 0.22f}, 0.35f * st);
      return {c, 0.f, 0.9f};
    }
    case Material::fresco: {
      const float n = noise_.fbm(x * 10.f, y * 10.f, 3);
      const float grain = noise_.value(x * 1300.f, y * 1300.f);
      Rgb c = palette::plaster * (0.92f + 0.07f * n + 0.03f * grain);
      return {c, 0.f, 0.88f};
    }
  }
  return {};
}

}  // namespace orpheus::illustrate
