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

MaterialLook::MaterialLook(Material m, std::uint64_t seed, const Canvas& canvas, float wear)
    : m_(m), noise_(seed ^ 0x51ed270b27a3c4d1ULL), unit_(canvas.unit()), wear_(wear) {
  // Field a: the main mottling; b: large stains/tarnish/patina; c: bronze crust.
  struct Freq {
    float fa, fb, fc;
    int oa, ob;
  };
  Freq fq{30.f, 7.f, 0.f, 3, 2};
  switch (m) {
    case Material::gold: fq = {30.f, 7.f, 0.f, 3, 2}; break;
    case Material::silver:
    case Material::gilded_silver: fq = {25.f, 6.f, 0.f, 3, 2}; break;
    case Material::bronze: fq = {20.f, 7.f, 25.f, 3, 3}; break;
    case Material::clay: fq = {40.f, 8.f, 0.f, 3, 2}; break;
    case Material::marble: fq = {6.f, 4.f, 0.f, 3, 2}; break;
    case Material::stone: fq = {12.f, 5.f, 0.f, 3, 2}; break;
    case Material::fresco: fq = {10.f, 3.f, 0.f, 3, 2}; break;
  }
  const float q = 1.f / unit_;
  const Noise& nz = noise_;
  const float cells = std::max(64.f, std::max(fq.fa, fq.fc) * 7.f);
  a_ = SmoothField(canvas, cells, [&](Vec2 p) { return nz.fbm(p.x * q * fq.fa, p.y * q * fq.fa, fq.oa); });
  b_ = SmoothField(canvas, std::max(32.f, fq.fb * 8.f),
                   [&](Vec2 p) { return nz.fbm(p.x * q * fq.fb + 11.f, p.y * q * fq.fb, fq.ob); });
  if (fq.fc > 0.f)
    c_ = SmoothField(canvas, cells, [&](Vec2 p) { return nz.fbm(p.x * q * fq.fc - 5.f, p.y * q * fq.fc, 2); });
}

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
  const float n = a_.at(p);
  Finish f{palette::gold, 1.f, 0.26f + 0.06f * n};
  f.albedo = f.albedo * (0.93f + 0.07f * n);
  return f;
}

Finish MaterialLook::at(Vec2 p) const {
  const float q = 1.f / unit_;  // noise in units of the image size: resolution independent
  const float x = p.x * q, y = p.y * q;
  // Low frequencies come from the precomputed fields; only the grain is evaluated here.
  const float n = a_.at(p), big = b_.at(p);
  switch (m_) {
    case Material::gold: {
      const float fine = noise_.value(x * 900.f, y * 900.f);
      Finish f{palette::gold * (0.94f + 0.06f * n), 1.f, 0.24f + 0.05f * n + 0.03f * fine};
      // Faint reddish tarnish film in places.
      const float t = smoothstep(0.25f, 0.8f, big) * wear_;
      f.albedo = mix(f.albedo, Rgb{0.80f, 0.45f, 0.22f}, 0.35f * t);
      return f;
    }
    case Material::silver:
    case Material::gilded_silver: {
      const float fine = noise_.value(x * 900.f, y * 900.f);
      Finish f{palette::silver * (0.95f + 0.05f * n), 1.f, 0.30f + 0.05f * n + 0.03f * fine};
      // Sulphide tarnish: warm grey to dark patches.
      const float t = smoothstep(0.0f, 0.8f, big) * (0.4f + wear_);
      f.albedo = mix(f.albedo, Rgb{0.32f, 0.28f, 0.24f}, 0.6f * clamp01(t));
      f.rough += 0.2f * clamp01(t);
      return f;
    }
    case Material::bronze: {
      const float fine = noise_.value(x * 700.f, y * 700.f);
      // Patina in patches (more with wear), a dark cuprite crust, metal showing elsewhere.
      const float pat = smoothstep(0.25f - wear_ * 0.2f, 0.6f - wear_ * 0.2f, big + 0.05f * fine);
      const float crust = smoothstep(0.0f, 0.6f, c_.at(p));
      Finish metal{palette::bronze * (0.55f + 0.12f * n + 0.03f * fine), 1.f, 0.42f + 0.1f * n};
      metal.albedo = mix(metal.albedo, Rgb{0.30f, 0.16f, 0.08f}, 0.5f * crust);
      const Rgb pc = mix(Rgb{0.06f, 0.10f, 0.07f}, Rgb{0.11f, 0.16f, 0.11f}, 0.5f + 0.5f * n);
      Finish out;
      out.albedo = mix(metal.albedo, pc, pat * 0.85f);
      out.metal = 1.f - pat * 0.85f;
      out.rough = lerp(metal.rough, 0.8f, pat);
      return out;
    }
    case Material::clay: {
      const float fine = noise_.value(x * 1200.f, y * 1200.f);
      Rgb c = palette::terracotta * (0.9f + 0.1f * n + 0.04f * fine);
      c = mix(c, Rgb{0.35f, 0.28f, 0.20f}, 0.25f * smoothstep(0.2f, 0.7f, big) * wear_);
      return {c, 0.f, 0.72f};
    }
    case Material::marble: {
      const float grain = noise_.value(x * 1100.f, y * 1100.f);
      // Veins: thin dark lines along a warped sine field.
      const float v = 1.f - std::fabs(std::sin((x * 9.f + y * 4.f + n * 2.6f) * kPi));
      const float v2 = v * v, v4 = v2 * v2, v8 = v4 * v4, v16 = v8 * v8;
      const float vein = v16 * v2 * (0.6f + 0.4f * n);
      Rgb c = palette::marble * (0.95f + 0.04f * n + 0.03f * grain);
      c = mix(c, Rgb{0.42f, 0.42f, 0.40f}, 0.45f * vein);
      // Weathering: ochre-brown staining.
      const float st = smoothstep(0.1f, 0.7f, big) * wear_;
      c = mix(c, Rgb{0.52f, 0.40f, 0.26f}, 0.45f * st);
      return {c, 0.f, 0.5f + 0.1f * n};
    }
    case Material::stone: {
      const float grain = noise_.value(x * 1100.f, y * 1100.f);
      Rgb c = palette::limestone * (0.88f + 0.1f * n + 0.07f * grain);
      const float st = smoothstep(0.f, 0.6f, big) * wear_;
      c = mix(c, Rgb{0.28f, 0.26f, 0.22f}, 0.35f * st);
      return {c, 0.f, 0.9f};
    }
    case Material::fresco: {
      const float grain = noise_.value(x * 1300.f, y * 1300.f);
      Rgb c = palette::plaster * (0.92f + 0.07f * n + 0.03f * grain);
      return {c, 0.f, 0.88f};
    }
  }
  return {};
}

}  // namespace orpheus::illustrate
