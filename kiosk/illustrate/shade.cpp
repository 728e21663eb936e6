#include "illustrate/shade.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "illustrate/rng.h"

namespace orpheus::illustrate {
namespace {

struct V3 {
  float x, y, z;
};
inline V3 norm3(V3 v) {
  const float l = 1.f / std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
  return {v.x * l, v.y * l, v.z * l};
}
inline float dot3(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

// Image coordinates: x right, y down, z toward the viewer.
const V3 kKey = norm3({-0.50f, -0.70f, 0.62f});
const V3 kFill = norm3({0.85f, -0.15f, 0.50f});

// atan2 with ~0.005 rad error, good enough for environment lookups.
inline float fast_atan2(float y, float x) {
  const float ax = std::fabs(x), ay = std::fabs(y);
  const float mx = std::max(ax, ay), mn = std::min(ax, ay);
  if (mx <= 0.f) return 0.f;
  const float a = mn / mx, s = a * a;
  float r = ((-0.0464964749f * s + 0.15931422f) * s - 0.327622764f) * s * a + a;
  if (ay > ax) r = 1.57079637f - r;
  if (x < 0.f) r = 3.14159274f - r;
  return y < 0.f ? -r : r;
}

inline float soft_box(float x, float a, float b, float w) {
  return smoothstep(a - w, a + w, x) * (1.f - smoothstep(b - w, b + w, x));
}

// Studio environment seen in the mirror direction r, blurred by roughness: a tall softbox
// to the left, a narrow strip light to the right, an overhead diffuser, a dim camera
// side, the floor (backdrop) below and a dark room behind.
Rgb environment(V3 r, float rough, float floor_level) {
  const float w = 0.03f + 0.45f * rough * rough;
  const float az = fast_atan2(r.x, r.z);  // 0 toward the viewer, negative to the left
  const float el = -r.y;                  // up positive
  const float box = soft_box(az, -1.05f, -0.42f, w) * soft_box(el, -0.35f, 0.9f, w) * 2.6f;
  const float strip = soft_box(az, 0.85f, 1.08f, w * 0.8f) * soft_box(el, -0.25f, 0.75f, w) * 1.3f;
  const float top = smoothstep(0.6f - w, 0.9f + w, el) * 0.55f;
  const float front = 0.30f * std::exp(-az * az / 0.9f) * soft_box(el, -0.45f, 0.6f, 0.2f + w);
  const float floor_refl = floor_level * smoothstep(-0.15f - w, -0.45f, el);
  const float k = box + strip + top + front + floor_refl + 0.03f;
  return {k * 1.0f, k * 0.97f, k * 0.93f};  // slightly warm lights
}

struct Encoder {
  // Linear [0,1] -> sRGB * 255, sampled at 4096 points and interpolated.
  std::array<float, 4097> lut{};
  Encoder() {
    for (std::size_t i = 0; i < lut.size(); ++i) {
      const double v = std::min(1.0, static_cast<double>(i) / 4095.0);
      const double sv = v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1.0 / 2.4) - 0.055;
      lut[i] = static_cast<float>(sv * 255.0);
    }
  }
  static float tone(float x) {
    if (x < 0.72f) return std::max(x, 0.f);
    return 0.72f + 0.28f * (1.f - std::exp(-(x - 0.72f) / 0.28f));
  }
  // dither in [-0.5, 0.5] sRGB steps.
  std::uint8_t encode(float x, float dither) const {
    const float f = tone(x) * 4095.f;
    const auto i = static_cast<std::size_t>(f);
    const float t = f - static_cast<float>(i);
    const float v = lut[i] + (lut[i + 1] - lut[i]) * t + dither;
    return static_cast<std::uint8_t>(std::clamp(v + 0.5f, 0.f, 255.f));
  }
};

const Encoder& encoder() {
  static const Encoder e;  // immutable table, built once (thread-safe static init)
  return e;
}

Rgb backdrop_at(const Stage& st, const Noise& nz, Vec2 p, float unit, float width, float height) {
  const float dx = (p.x - st.focus.x) / unit, dy = (p.y - st.focus.y) / unit;
  const float r2 = dx * dx + dy * dy;
  // Gentle darkening toward the frame edges (vignette).
  const float ex = (p.x / width - 0.5f) * 2.f, ey = (p.y / height - 0.5f) * 2.f;
  const float vig = 1.f - 0.22f * (ex * ex + ey * ey) * 0.5f;
  const float q = 1.f / unit;
  switch (st.backdrop) {
    case Backdrop::black: {
      const float pool = std::exp(-r2 / 0.30f);
      const float tex = 1.f + 0.05f * nz.fbm(p.x * q * 120.f, p.y * q * 120.f, 2);
      const Rgb base{0.0045f, 0.0043f, 0.0041f};
      return (base + Rgb{0.020f, 0.0185f, 0.0165f} * pool) * (tex * vig);
    }
    case Backdrop::grey: {
      const float pool = 0.55f + 0.5f * std::exp(-r2 / 0.55f) - 0.08f * dy;
      const float tex = 1.f + 0.025f * nz.fbm(p.x * q * 60.f, p.y * q * 60.f, 3) +
                        0.015f * nz.value(p.x * q * 700.f, p.y * q * 700.f);
      return Rgb{0.155f, 0.140f, 0.120f} * (pool * tex * vig);
    }
    case Backdrop::linen: {
      const float pool = 0.62f + 0.45f * std::exp(-r2 / 0.7f) - 0.06f * dy;
      const float period = unit * 0.0032f;
      const float u = p.x / period, v = p.y / period;
      const float fu = u - std::floor(u), fv = v - std::floor(v);
      const auto iu = static_cast<std::int64_t>(std::floor(u)), iv = static_cast<std::int64_t>(std::floor(v));
      const bool warp_on_top = ((iu + iv) & 1) == 0;
      // Thread bulge across, slight shading along, and slubs (irregular thickness).
      const float across = warp_on_top ? std::sin(kPi * fu) : std::sin(kPi * fv);
      const float along = warp_on_top ? std::sin(kPi * fv) : std::sin(kPi * fu);
      const float slub = warp_on_top ? nz.value(static_cast<float>(iu) * 0.37f, v * 0.05f)
                                     : nz.value(u * 0.05f, static_cast<float>(iv) * 0.37f + 100.f);
      const float weave = 0.84f + 0.12f * across + 0.04f * along + 0.05f * slub;
      const float tex = 1.f + 0.03f * nz.fbm(p.x * q * 25.f, p.y * q * 25.f, 3);
      return Rgb{0.40f, 0.35f, 0.27f} * (pool * weave * tex * vig);
    }
  }
  return {};
}

}  // namespace

ShadowMap ShadowMap::from(const Canvas& lo, const Stage& stage) {
  ShadowMap sm;
  sm.scale_ = lo.scale();
  const IRect win = lo.window();
  Plane soft(win), contact(win);
  const float unit = lo.unit();
  const int sdx = static_cast<int>(std::lround(0.012f * unit * lo.scale()));
  const int sdy = static_cast<int>(std::lround(0.020f * unit * lo.scale()));
  const int cdy = static_cast<int>(std::lround(0.004f * unit * lo.scale()));
  for (int y = win.y0; y < win.y1; ++y)
    for (int x = win.x0; x < win.x1; ++x) {
      const int xs = x - sdx, ys = y - sdy, yc = y - cdy;
      if (xs >= win.x0 && xs < win.x1 && ys >= win.y0 && ys < win.y1) soft.at(x, y) = lo.cov.at(xs, ys);
      if (yc >= win.y0 && yc < win.y1) contact.at(x, y) = lo.cov.at(x, yc);
    }
  soft.dirty = win;
  contact.dirty = win;
  blur(soft, lo, 0.018f * unit, 3);
  blur(contact, lo, 0.004f * unit, 2);
  sm.plane_ = Plane(win);
  for (int y = win.y0; y < win.y1; ++y)
    for (int x = win.x0; x < win.x1; ++x)
      sm.plane_.at(x, y) = stage.shadow_strength * clamp01(0.55f * soft.at(x, y) + 0.45f * contact.at(x, y));
  sm.plane_.dirty = win;
  return sm;
}

float ShadowMap::at(Vec2 p) const {
  const IRect w = plane_.window();
  if (w.empty()) return 0.f;
  const float fx = p.x * scale_ - 0.5f, fy = p.y * scale_ - 0.5f;
  const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
  const float tx = fx - static_cast<float>(x0), ty = fy - static_cast<float>(y0);
  float a, b, c, d;
  if (x0 >= w.x0 && y0 >= w.y0 && x0 + 1 < w.x1 && y0 + 1 < w.y1) {
    const float* r0 = plane_.row(y0);
    const float* r1 = plane_.row(y0 + 1);
    a = r0[x0];
    b = r0[x0 + 1];
    c = r1[x0];
    d = r1[x0 + 1];
  } else {
    a = plane_.clamped(x0, y0);
    b = plane_.clamped(x0 + 1, y0);
    c = plane_.clamped(x0, y0 + 1);
    d = plane_.clamped(x0 + 1, y0 + 1);
  }
  if (a == 0.f && b == 0.f && c == 0.f && d == 0.f) return 0.f;
  return lerp(lerp(a, b, tx), lerp(c, d, tx), ty);
}

int shade_margin(const Canvas& c, const Stage& stage) {
  return static_cast<int>(std::ceil(stage.relief_scale * c.unit() * c.scale() * 1.0f * 3.f)) + 3;
}

void shade(const Canvas& c, const Stage& stage, const ShadowMap& shadow, int y0, int y1, std::uint8_t* out,
           std::size_t stride) {
  const Encoder& enc = encoder();
  const Noise nz(stage.seed ^ 0xb5ad4eceda1ce2a9ULL);
  const float unit = c.unit();
  const float s = c.scale();
  const IRect win = c.window();
  // Local mean of the height field (recess detection), only where needed.
  Plane hb = c.plane();
  copy(hb, c.h);
  const float rc = stage.relief_scale * unit;
  blur(hb, c, rc, 3);
  const float cav_gain = 0.55f / std::max(rc, 1e-3f);
  // Floor reflection level follows the backdrop brightness.
  const float floor_level = stage.backdrop == Backdrop::black ? 0.03f : (stage.backdrop == Backdrop::grey ? 0.10f : 0.16f);
  const float width = static_cast<float>(c.width()), height = static_cast<float>(c.height());

  for (int y = y0; y < y1; ++y) {
    std::uint8_t* o = out + static_cast<std::size_t>(y - y0) * stride;
    const float* cov = c.cov.row(y);
    const int yu = std::max(y - 1, win.y0), yd = std::min(y + 1, win.y1 - 1);
    const float* hrow = c.h.row(y);
    const float* hup = c.h.row(yu);
    const float* hdn = c.h.row(yd);
    const float* hbr = hb.row(y);
    const float ky = s / static_cast<float>(std::max(1, yd - yu));
    for (int x = win.x0; x < win.x1; ++x) {
      const Vec2 p = c.design(x, y);
      const float a = std::min(cov[x], 1.f);
      Rgb bg{};
      if (a < 1.f) bg = backdrop_at(stage, nz, p, unit, width, height) * (1.f - 0.62f * shadow.at(p));
      Rgb col = bg;
      if (a > 0.f) {
        const int xl = std::max(x - 1, win.x0), xr = std::min(x + 1, win.x1 - 1);
        const float hx = (hrow[xr] - hrow[xl]) * s / static_cast<float>(std::max(1, xr - xl));
        const float hy = (hdn[x] - hup[x]) * ky;
        const V3 n = norm3({-hx, -hy, 1.f});
        const Rgb alb{c.ar.at(x, y), c.ag.at(x, y), c.ab.at(x, y)};
        const float metal = clamp01(c.metal.at(x, y));
        const float rough = std::clamp(c.rough.at(x, y), 0.05f, 1.f);
        // Recesses: below the local mean height -> darker (ambient occlusion, dirt).
        const float cav = (hrow[x] - hbr[x]) * cav_gain;
        const float ao = std::clamp(1.f + cav, 0.25f, 1.12f);
        // Diffuse lighting.
        const float hemi = 0.55f + 0.45f * std::max(0.f, -n.y) + 0.2f * n.z;
        const float diff = 0.16f * hemi + 0.95f * std::max(0.f, dot3(n, kKey)) + 0.22f * std::max(0.f, dot3(n, kFill));
        const Rgb kd = alb * ((1.f - metal) * diff);
        // Reflection of the studio.
        const V3 r{2.f * n.z * n.x, 2.f * n.z * n.y, 2.f * n.z * n.z - 1.f};
        const Rgb env = environment(r, rough, floor_level);
        const float f1 = 1.f - std::max(n.z, 0.f), f2 = f1 * f1;
        const float fres = f2 * f2 * f1;
        const Rgb f0 = mix(Rgb{0.04f, 0.04f, 0.04f}, alb, metal);
        const float gloss = lerp((1.f - rough) * (1.f - rough), 1.f, metal);
        const Rgb fr = f0 + (Rgb{1.f, 1.f, 1.f} - f0) * (fres * 0.5f);
        const Rgb ks = fr * env * gloss;
        const Rgb obj = (kd + ks) * ao;
        col = mix(bg, obj, a);
      }
      // Dither from a per-pixel hash (stable, position based).
      const std::uint64_t hsh = mix64(static_cast<std::uint64_t>(x) * 0x9e3779b97f4a7c15ULL ^
                                      static_cast<std::uint64_t>(y) * 0xc2b2ae3d27d4eb4fULL ^ stage.seed);
      const float d0 = static_cast<float>(hsh & 0xffff) / 65535.f - 0.5f;
      const float d1 = static_cast<float>((hsh >> 16) & 0xffff) / 65535.f - 0.5f;
      const float d2 = static_cast<float>((hsh >> 32) & 0xffff) / 65535.f - 0.5f;
      o[0] = enc.encode(col.r, d0);
      o[1] = enc.encode(col.g, d1);
      o[2] = enc.encode(col.b, d2);
      o += 3;
    }
  }
}

}  // namespace orpheus::illustrate
