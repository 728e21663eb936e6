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

inline float step01(float t) {
  t = t < 0.f ? 0.f : (t > 1.f ? 1.f : t);
  return t * t * (3.f - 2.f * t);
}
// 1 inside [a, b], smooth edges of half-width w; inv_2w = 1 / (2w).
inline float soft_box(float x, float a, float b, float w, float inv_2w) {
  return step01((x - a + w) * inv_2w) * (1.f - step01((x - b + w) * inv_2w));
}

// Studio environment seen in the mirror direction r, blurred by roughness: a tall softbox
// to the left, a narrow strip light to the right, an overhead diffuser, a dim camera
// side, the floor (backdrop) below and a dark room behind.
Rgb environment(V3 r, float rough, float floor_level) {
  const float w = 0.03f + 0.45f * rough * rough;
  const float az = fast_atan2(r.x, r.z);  // 0 toward the viewer, negative to the left
  const float el = -r.y;                  // up positive
  const float iw = 0.5f / w, iw8 = 0.5f / (w * 0.8f), iwf = 0.5f / (0.2f + w);
  const float box = soft_box(az, -1.05f, -0.42f, w, iw) * soft_box(el, -0.35f, 0.9f, w, iw) * 2.6f;
  const float strip = soft_box(az, 0.85f, 1.08f, w * 0.8f, iw8) * soft_box(el, -0.25f, 0.75f, w, iw) * 1.3f;
  const float top = step01((el - 0.6f + w) / (0.3f + 2.f * w)) * 0.55f;
  const float az2 = az * az * (1.f / 0.9f);
  const float front = 0.30f / (1.f + az2 + 0.5f * az2 * az2) * soft_box(el, -0.45f, 0.6f, 0.2f + w, iwf);
  const float floor_refl = floor_level * step01((-0.15f - w - el) / std::max(0.05f, 0.3f - w));
  const float k = box + strip + top + front + floor_refl + 0.03f;
  return {k * 1.0f, k * 0.97f, k * 0.93f};  // slightly warm lights
}

struct Encoder {
  // Tone-mapped linear [0,1] -> sRGB * 255 + 0.5, indexed by sqrt(linear) so that a small
  // table (fits the L1 cache) is fine in the shadows: < 0.2 of an 8-bit step anywhere.
  static constexpr int kSize = 2048;
  std::array<float, kSize + 1> lut{};
  Encoder() {
    for (std::size_t i = 0; i < lut.size(); ++i) {
      const double r = std::min(1.0, static_cast<double>(i) / (kSize - 1));
      const double v = r * r;
      const double sv = v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1.0 / 2.4) - 0.055;
      lut[i] = static_cast<float>(sv * 255.0 + 0.5);
    }
  }
  static float tone(float x) {
    if (x < 0.72f) return std::max(x, 0.f);
    return 0.72f + 0.28f * (1.f - std::exp(-(x - 0.72f) / 0.28f));
  }
  // dither in [-0.5, 0.5] sRGB steps.
  std::uint8_t encode(float x, float dither) const {
    const float v = lut[static_cast<std::size_t>(std::sqrt(tone(x)) * (kSize - 1) + 0.5f)] + dither;
    return static_cast<std::uint8_t>(v < 0.f ? 0.f : (v > 255.f ? 255.f : v));
  }
};

const Encoder& encoder() {
  static const Encoder e;  // immutable table, built once (thread-safe static init)
  return e;
}

// Dither offsets in [-0.5, 0.5] for a 64x64 tile, three channels (hashed, decorrelated).
struct DitherTile {
  std::array<float, 64 * 64 * 3> v{};
  DitherTile() {
    for (std::size_t i = 0; i < v.size(); ++i)
      v[i] = static_cast<float>(mix64(i * 0x9e3779b97f4a7c15ULL + 12345) >> 40) / 16777216.f - 0.5f;
  }
};

const DitherTile& dither_tile() {
  static const DitherTile t;  // immutable table
  return t;
}

// Smooth, low-frequency part of the backdrop: the pool of light round the object and the
// vignette (evaluated on the low-resolution light map).
float backdrop_light(const Stage& st, Vec2 p, float unit, float width, float height) {
  const float dx = (p.x - st.focus.x) / unit, dy = (p.y - st.focus.y) / unit;
  const float r2 = dx * dx + dy * dy;
  const float ex = (p.x / width - 0.5f) * 2.f, ey = (p.y / height - 0.5f) * 2.f;
  const float vig = 1.f - 0.11f * (ex * ex + ey * ey);
  switch (st.backdrop) {
    case Backdrop::black: return (0.22f + 0.78f * std::exp(-r2 / 0.30f)) * vig;
    case Backdrop::grey: return (0.55f + 0.5f * std::exp(-r2 / 0.55f) - 0.08f * dy) * vig;
    case Backdrop::linen: return (0.62f + 0.45f * std::exp(-r2 / 0.7f) - 0.06f * dy) * vig;
  }
  return 1.f;
}

// Fine texture of the backdrop (velvet, card, woven linen) times its colour.
Rgb backdrop_texture(const Stage& st, const Noise& nz, Vec2 p, float unit) {
  const float q = 1.f / unit;
  switch (st.backdrop) {
    case Backdrop::black:  // velvet: any texture would be below one 8-bit step
      return Rgb{0.0205f, 0.0193f, 0.0178f};
    case Backdrop::grey: {
      const float tex = 1.f + 0.025f * nz.value(p.x * q * 400.f, p.y * q * 400.f);
      return Rgb{0.155f, 0.140f, 0.120f} * tex;
    }
    case Backdrop::linen: {
      const float period = unit * 0.0032f;
      const float u = p.x / period, v = p.y / period;
      const std::int64_t iu = fast_floor(u), iv = fast_floor(v);
      const float fu = u - static_cast<float>(iu), fv = v - static_cast<float>(iv);
      const bool warp_on_top = ((iu + iv) & 1) == 0;
      // Thread bulge across, slight shading along, slubs (irregular thickness).
      const float bu = 4.f * fu * (1.f - fu), bv = 4.f * fv * (1.f - fv);
      const float across = warp_on_top ? bu : bv;
      const float along = warp_on_top ? bv : bu;
      const float slub = warp_on_top ? nz.cell(iu, static_cast<std::int64_t>(v * 0.05f)) : nz.cell(static_cast<std::int64_t>(u * 0.05f) + 977, iv);
      const float weave = 0.84f + 0.12f * across + 0.04f * along + 0.06f * (slub - 0.5f);
      const float tex = 1.f + 0.03f * nz.value(p.x * q * 25.f, p.y * q * 25.f);
      return Rgb{0.40f, 0.35f, 0.27f} * (weave * tex);
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
  const float width = static_cast<float>(lo.width()), height = static_cast<float>(lo.height());
  for (int y = win.y0; y < win.y1; ++y)
    for (int x = win.x0; x < win.x1; ++x) {
      const float shadow = stage.shadow_strength * clamp01(0.55f * soft.at(x, y) + 0.45f * contact.at(x, y));
      sm.plane_.at(x, y) = backdrop_light(stage, lo.design(x, y), unit, width, height) * (1.f - 0.62f * shadow);
    }
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
  return lerp(lerp(a, b, tx), lerp(c, d, tx), ty);
}

ShadowMap::Row ShadowMap::row(float y) const {
  Row r;
  const IRect w = plane_.window();
  float fy = y * scale_ - 0.5f;
  fy = std::clamp(fy, static_cast<float>(w.y0), static_cast<float>(w.y1 - 1));
  int i = static_cast<int>(fy);
  const int j = std::min(i + 1, w.y1 - 1);
  r.ty = fy - static_cast<float>(i);
  r.r0 = plane_.row(i);
  r.r1 = plane_.row(j);
  r.scale = scale_;
  r.x0 = w.x0;
  r.x1 = w.x1;
  return r;
}

int shade_margin(const Canvas& c, const Stage& stage) {
  return static_cast<int>(std::ceil(stage.relief_scale * c.unit() * c.scale() * 1.0f * 3.f)) + 3;
}

void shade(const Canvas& c, const Stage& stage, const ShadowMap& shadow, int y0, int y1, std::uint8_t* out,
           std::size_t stride, ShadeStats* stats) {
  double cov_sum = 0.0;
  long long nonfinite = 0;
  const Encoder& enc = encoder();
  const DitherTile& dt = dither_tile();
  std::vector<float> light(static_cast<std::size_t>(std::max(0, c.window().w())));
  const Noise nz(stage.seed ^ 0xb5ad4eceda1ce2a9ULL);
  const float unit = c.unit();
  const float s = c.scale();
  const IRect win = c.window();
  // Local mean of the height field (recess detection), only where needed.
  Plane hb = c.plane();
  copy(hb, c.h);
  const float rc = stage.relief_scale * unit;
  blur(hb, c, rc * 1.15f, 2);
  const float cav_gain = 0.55f / std::max(rc, 1e-3f);
  // Floor reflection level follows the backdrop brightness.
  const float floor_level = stage.backdrop == Backdrop::black ? 0.03f : (stage.backdrop == Backdrop::grey ? 0.10f : 0.16f);

  for (int y = y0; y < y1; ++y) {
    std::uint8_t* o = out + static_cast<std::size_t>(y - y0) * stride;
    const float* cov = c.cov.row(y);
    const int yu = std::max(y - 1, win.y0), yd = std::min(y + 1, win.y1 - 1);
    const float* hrow = c.h.row(y);
    const float* hup = c.h.row(yu);
    const float* hdn = c.h.row(yd);
    const float* hbr = hb.row(y);
    const float ky = s / static_cast<float>(std::max(1, yd - yu));
    const ShadowMap::Row light_row = shadow.row(c.design(win.x0, y).y);
    light_row.fill(light.data(), win.x0, win.x1, s);
    const float py = c.design(win.x0, y).y;
    const float inv_s = 1.f / s;
    const float* alb_r = c.ar.row(y);
    const float* alb_g = c.ag.row(y);
    const float* alb_b = c.ab.row(y);
    const float* met = c.metal.row(y);
    const float* rou = c.rough.row(y);
    for (int x = win.x0; x < win.x1; ++x) {
      const Vec2 p{(static_cast<float>(x) + 0.5f) * inv_s, py};
      const float a = std::min(cov[x], 1.f);
      Rgb bg{};
      if (a < 1.f) bg = backdrop_texture(stage, nz, p, unit) * light[static_cast<std::size_t>(x - win.x0)];
      Rgb col = bg;
      if (a > 0.f) {
        const int xl = std::max(x - 1, win.x0), xr = std::min(x + 1, win.x1 - 1);
        const float hx = (hrow[xr] - hrow[xl]) * s / static_cast<float>(std::max(1, xr - xl));
        const float hy = (hdn[x] - hup[x]) * ky;
        const V3 n = norm3({-hx, -hy, 1.f});
        const Rgb alb{alb_r[x], alb_g[x], alb_b[x]};
        const float metal = clamp01(met[x]);
        const float rough = std::clamp(rou[x], 0.05f, 1.f);
        // Recesses: below the local mean height -> darker (ambient occlusion, dirt).
        const float cav = (hrow[x] - hbr[x]) * cav_gain;
        const float ao = std::clamp(1.f + cav, 0.25f, 1.12f);
        // Diffuse lighting.
        const float hemi = 0.55f + 0.45f * std::max(0.f, -n.y) + 0.2f * n.z;
        const float diff = 0.16f * hemi + 0.95f * std::max(0.f, dot3(n, kKey)) + 0.22f * std::max(0.f, dot3(n, kFill));
        const Rgb kd = alb * ((1.f - metal) * diff);
        // Reflection of the studio.
        const float gloss = lerp((1.f - rough) * (1.f - rough), 1.f, metal);
        Rgb ks{};
        if (gloss > 0.02f) {  // matte stone, plaster, paper: reflections are negligible
          const V3 r{2.f * n.z * n.x, 2.f * n.z * n.y, 2.f * n.z * n.z - 1.f};
          const Rgb env = environment(r, rough, floor_level);
          const float f1 = 1.f - std::max(n.z, 0.f), f2 = f1 * f1;
          const float fres = f2 * f2 * f1;
          const Rgb f0 = mix(Rgb{0.04f, 0.04f, 0.04f}, alb, metal);
          const Rgb fr = f0 + (Rgb{1.f, 1.f, 1.f} - f0) * (fres * 0.5f);
          ks = fr * env * gloss;
        }
        const Rgb obj = (kd + ks) * ao;
        col = mix(bg, obj, a);
      }
      cov_sum += a;
      if (!std::isfinite(col.r + col.g + col.b)) {
        ++nonfinite;
        col = {1.f, 0.f, 1.f};  // loud magenta, never silently black
      }
      // Dither (stable, position based).
      const float* d = dt.v.data() + (static_cast<std::size_t>(y & 63) * 64 + static_cast<std::size_t>(x & 63)) * 3;
      const float d0 = d[0], d1 = d[1], d2 = d[2];
      o[0] = enc.encode(col.r, d0);
      o[1] = enc.encode(col.g, d1);
      o[2] = enc.encode(col.b, d2);
      o += 3;
    }
  }
  if (stats) {
    stats->coverage += cov_sum;
    stats->pixels += static_cast<long long>(y1 - y0) * c.window().w();
    stats->nonfinite += nonfinite;
  }
}

}  // namespace orpheus::illustrate
