// Vessels: lathe-turned bodies seen from the side (amphora-rhyton, jug, kantharos, kylix,
// beaker), the phiale seen from above, and horn rhyta ending in an animal forepart or head.
#include <algorithm>
#include <cmath>
#include <vector>

#include "illustrate/figures.h"
#include "illustrate/kinds.h"
#include "illustrate/kit.h"

namespace orpheus::illustrate {
namespace {

struct BandSpec {
  float y0, y1;  // fraction of the vessel height
  Band kind;
};

struct VesselSpec {
  std::vector<Vec2> profile;               // (radius, y) in vessel heights, y from the rim
  std::vector<std::vector<Vec2>> handles;  // right-hand handle spines (mirrored to the left)
  float handle_r = 0.016f;
  bool mirror_handles = true;
  std::vector<BandSpec> bands;
  float frieze_y0 = -1.f, frieze_y1 = -1.f;  // figural frieze (fraction of height)
  bool spout = false;                        // trefoil jug mouth
};

Box extent(const VesselSpec& v) {
  Box b{0.f, 0.f, 0.f, 0.f};
  for (Vec2 p : v.profile) {
    b.x1 = std::max(b.x1, p.x);
    b.y0 = std::min(b.y0, p.y);
    b.y1 = std::max(b.y1, p.y);
  }
  for (const auto& h : v.handles)
    for (Vec2 p : h) {
      b.x1 = std::max(b.x1, p.x + v.handle_r);
      b.y0 = std::min(b.y0, p.y - v.handle_r);
    }
  b.x0 = -b.x1;
  return b;
}

VesselSpec spec_for(const std::string& variant, Rng& rng) {
  VesselSpec v;
  const float j = rng.uniform(-1.f, 1.f), k = rng.uniform(-1.f, 1.f);
  if (variant == "amphora-rhyton") {
    v.profile = {{0.135f, 0.f},   {0.128f, 0.022f}, {0.095f, 0.07f},  {0.09f, 0.16f},  {0.135f, 0.225f},
                 {0.215f + 0.01f * j, 0.30f}, {0.255f + 0.01f * j, 0.42f}, {0.245f, 0.55f}, {0.19f, 0.68f},
                 {0.115f, 0.79f}, {0.062f, 0.86f},  {0.05f, 0.90f},   {0.085f, 0.94f},  {0.112f, 0.975f}, {0.105f, 1.f}};
    v.handles = {{{0.095f, 0.055f}, {0.2f, 0.02f}, {0.285f, 0.07f}, {0.30f, 0.18f}, {0.25f, 0.29f}, {0.215f, 0.31f}}};
    v.handle_r = 0.019f;
    v.bands = {{0.03f, 0.07f, Band::beads}, {0.09f, 0.155f, rng.chance(0.5f) ? Band::palmettes : Band::lotus},
               {0.235f, 0.285f, Band::ovolo}, {0.605f, 0.65f, Band::guilloche}, {0.66f, 0.78f, Band::tongues},
               {0.935f, 0.965f, Band::beads}};
    v.frieze_y0 = 0.305f;
    v.frieze_y1 = 0.585f;
  } else if (variant == "jug") {
    v.profile = {{0.115f, 0.f},  {0.10f, 0.035f}, {0.075f, 0.12f}, {0.08f, 0.2f},   {0.17f + 0.01f * j, 0.32f},
                 {0.235f + 0.01f * k, 0.47f}, {0.22f, 0.64f}, {0.16f, 0.8f}, {0.1f, 0.885f}, {0.112f, 0.95f}, {0.11f, 1.f}};
    v.handles = {{{0.09f, 0.025f}, {0.17f, -0.07f}, {0.27f, -0.02f}, {0.29f, 0.12f}, {0.24f, 0.28f}, {0.19f, 0.34f}}};
    v.mirror_handles = false;
    v.handle_r = 0.02f;
    v.spout = true;
    v.bands = {{0.205f, 0.245f, Band::ovolo}, {0.27f, 0.33f, Band::tongues}, {0.70f, 0.74f, Band::beads}};
    v.frieze_y0 = 0.36f;
    v.frieze_y1 = 0.66f;
    if (rng.chance(0.5f)) {
      v.frieze_y0 = -1.f;
      v.bands.push_back({0.40f, 0.60f, Band::tongues});
    }
  } else if (variant == "kantharos") {
    v.profile = {{0.33f, 0.f},  {0.315f, 0.03f}, {0.29f, 0.2f},   {0.27f + 0.01f * j, 0.36f}, {0.21f, 0.47f},
                 {0.09f, 0.54f}, {0.055f, 0.6f}, {0.048f, 0.76f}, {0.08f, 0.86f}, {0.19f, 0.95f}, {0.2f, 1.f}};
    v.handles = {{{0.30f, 0.05f}, {0.37f, -0.13f}, {0.47f, -0.19f}, {0.53f, -0.1f}, {0.5f, 0.1f}, {0.41f, 0.3f}, {0.26f, 0.42f}}};
    v.handle_r = 0.02f;
    v.bands = {{0.035f, 0.09f, Band::meander}, {0.38f, 0.45f, Band::tongues}, {0.88f, 0.92f, Band::beads}};
    v.frieze_y0 = 0.11f;
    v.frieze_y1 = 0.34f;
    if (rng.chance(0.4f)) v.bands[0].kind = Band::ovolo;
  } else if (variant == "kylix") {
    v.profile = {{0.5f, 0.f},   {0.485f, 0.04f}, {0.43f, 0.15f}, {0.28f, 0.26f}, {0.1f, 0.32f},
                 {0.055f, 0.38f}, {0.048f, 0.56f}, {0.09f, 0.64f}, {0.21f, 0.71f}, {0.215f, 0.75f}};
    v.handles = {{{0.44f, 0.12f}, {0.56f, 0.09f}, {0.64f, 0.02f}, {0.68f, 0.08f}, {0.62f, 0.16f}, {0.47f, 0.19f}}};
    v.handle_r = 0.017f;
    v.bands = {{0.025f, 0.075f, rng.chance(0.5f) ? Band::meander : Band::ovolo}, {0.66f, 0.69f, Band::beads}};
    v.frieze_y0 = 0.09f;
    v.frieze_y1 = 0.22f;
  } else {  // beaker
    v.profile = {{0.26f, 0.f},  {0.25f, 0.025f}, {0.225f + 0.01f * j, 0.3f}, {0.2f, 0.6f},
                 {0.17f, 0.84f}, {0.13f, 0.895f}, {0.11f, 0.925f}, {0.145f, 0.965f}, {0.145f, 1.f}};
    v.bands = {{0.04f, 0.1f, rng.chance(0.5f) ? Band::ovolo : Band::meander}, {0.12f, 0.15f, Band::beads},
               {0.5f, 0.55f, Band::guilloche}, {0.57f, 0.80f, Band::tongues}};
    v.frieze_y0 = 0.17f;
    v.frieze_y1 = 0.48f;
  }
  // The seed varies the secondary bands a little.
  for (BandSpec& b : v.bands)
    if (b.kind == Band::ovolo && rng.chance(0.25f)) b.kind = Band::scales;
  return v;
}

// Open mouth seen slightly from above: dark interior and a rounded lip.
void draw_mouth(Canvas& c, const MaterialLook& look, Vec2 centre, float rx, float ry, bool glaze) {
  Plane inside = c.plane();
  Path ell;
  ell.ellipse(centre, rx * 0.94f, ry * 0.86f);
  fill(inside, c, ell);
  each(inside, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float u = (p.x - centre.x) / rx, v = (p.y - centre.y) / ry;
    const float d = std::min(1.f, u * u + v * v);
    float& h = c.h.at(x, y);
    h += (rx * 0.35f * (d - 1.f) + h * 0.f - h) * m;
  });
  c.h.mark(inside.dirty);
  lay(c, inside, [&](Vec2 p) {
    Finish f = glaze ? Finish{palette::glaze_black, 0.f, 0.3f} : look.at(p);
    const float v = (p.y - (centre.y - ry)) / (2.f * ry);
    f.albedo = f.albedo * (0.25f + 0.3f * v);  // the inner wall is in shadow at the back
    return f;
  });
  Plane lip = c.plane();
  Polyline ring = arc(centre, rx * 0.97f, ry * 0.93f, 0.f, 2.f * kPi, 160);
  stroke(lip, c, ring, rx * 0.05f);
  Plane lh = c.plane();
  copy(lh, lip);
  blur(lh, c, rx * 0.012f, 2);
  raise(c, lh, rx * 0.03f);
  lay(c, lip, [&](Vec2 p) { return glaze ? Finish{palette::glaze_black, 0.f, 0.25f} : look.at(p); });
}

void draw_lathe_vessel(const Recipe& r, Canvas& c, Stage& st, Rng& rng) {
  const VesselSpec v = spec_for(r.variant, rng);
  const Box ext = extent(v);
  const float aspect = ext.w() / ext.h();
  const Box box = fit_box(c, aspect, 0.09f);
  const float H = box.h() / ext.h();  // design px per vessel height
  const float cx = box.center().x;
  const float top = box.y0 - ext.y0 * H;
  set_stage(st, r, box, default_backdrop(r.material));

  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c);
  const bool clay = r.material == Material::clay;
  const bool gilded = r.material == Material::gilded_silver;

  std::vector<Vec2> prof;
  for (Vec2 p : v.profile) prof.push_back({p.x * H, top + p.y * H});
  const Lathe lathe(cx, prof);

  // Handles go behind the body at their far ends: draw them first, then the body, then
  // the handles again only where they are outside the body.
  Plane handles = c.plane(), hh = c.plane();
  for (const auto& spine : v.handles) {
    for (int side = 0; side < (v.mirror_handles ? 2 : 1); ++side) {
      const float sx = side == 0 ? 1.f : -1.f;
      std::vector<Vec2> pts;
      for (Vec2 p : spine) pts.push_back({cx + sx * p.x * H, top + p.y * H});
      const Polyline line = spline(pts, 16);
      std::vector<TubeNode> nodes;
      for (std::size_t i = 0; i < line.size(); ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(line.size() - 1);
        nodes.push_back({line[i], v.handle_r * H * (1.f + 0.35f * (1.f - std::sin(t * kPi)))});
      }
      // Ribbed handle: three strands.
      tube(c, nodes, handles, hh, [&](float, float across) {
        return std::cos(across * kPi * 1.5f) * v.handle_r * H * 0.08f;
      });
    }
  }

  Plane body = c.plane();
  lathe.draw(c, body);
  if (clay) {
    lay(c, body, [&](Vec2 p) {
      Finish f{palette::glaze_black, 0.f, 0.22f};
      const float n = look.at(p).albedo.r;
      f.albedo = f.albedo * (0.8f + 0.4f * n);
      return f;
    });
  } else {
    lay(c, body, [&](Vec2 p) { return look.at(p); });
  }

  // Ornament bands, wrapped round the body.
  const Finish reserve{palette::terracotta, 0.f, 0.6f};
  const Finish glaze{palette::glaze_black, 0.f, 0.25f};
  for (const BandSpec& b : v.bands) {
    const float y0 = top + b.y0 * H, y1 = top + b.y1 * H;
    const float rref = lathe.radius((y0 + y1) * 0.5f);
    if (rref <= 1.f) continue;
    const float hgt = y1 - y0;
    Rng brng = rng.fork(static_cast<std::uint64_t>(b.y0 * 1000.f));
    const Motif m = band(b.kind, -kPi * 0.5f * rref, kPi * 0.5f * rref, hgt, brng);
    const Motif w = m.mapped([&](Vec2 uv) { return lathe.wrap({uv.x, y0 + uv.y}, rref); }, std::max(1.f, hgt * 0.05f));
    MotifStyle ms;
    if (clay) {
      // Red-figure manner: ornament reserved in the clay colour on the black glaze.
      Plane ground = c.plane();
      Path strip;
      strip.rect({cx - rref * 1.2f, y0 - hgt * 0.05f}, {cx + rref * 1.2f, y1 + hgt * 0.05f});
      fill(ground, c, strip);
      each(ground, [&](int x, int y, float) { ground.at(x, y) *= body.at(x, y); });
      if (b.kind != Band::tongues) lay(c, ground, reserve);
      ms.paint_high = b.kind == Band::tongues ? &reserve : &glaze;
      ms.paint_low = b.kind == Band::tongues ? &reserve : &glaze;
      ms.paint_lines = &glaze;
      ms.high = hgt * 0.01f;
    } else {
      ms.high = hgt * 0.12f;
      ms.low = hgt * 0.06f;
      ms.soft = hgt * 0.035f;
      ms.line_depth = hgt * 0.03f;
      ms.gild_high = gilded;
      ms.gild_low = gilded;
    }
    apply_motif(c, w, ms, look);
    // Fillets framing the band.
    for (float yy : {y0 - hgt * 0.08f, y1 + hgt * 0.08f}) {
      const float rr = lathe.radius(yy);
      if (rr <= 0.f) continue;
      const Polyline ln = {{cx - rr, yy}, {cx + rr, yy}};
      Plane f = c.plane();
      stroke(f, c, ln, hgt * 0.09f);
      each(f, [&](int x, int y, float val) { f.at(x, y) = val * body.at(x, y); });
      if (clay) {
        lay(c, f, reserve);
      } else {
        emboss(c, f, hgt * 0.06f, hgt * 0.03f);
        if (gilded) lay(c, f, [&](Vec2 p) { return look.gilt(p); });
      }
    }
  }

  // Figural frieze: figures in repoussé (metal) or reserved (clay) round the widest part.
  if (v.frieze_y0 >= 0.f) {
    const float y0 = top + v.frieze_y0 * H, y1 = top + v.frieze_y1 * H;
    const float rref = lathe.radius((y0 + y1) * 0.5f);
    Rng frng = rng.fork(77);
    const FigureSet figs = frieze(FriezeTheme::mixed, -kPi * 0.5f * rref * 0.92f, kPi * 0.5f * rref * 0.92f, y1 - y0, frng);
    auto wrapf = [&](Vec2 uv) { return lathe.wrap({uv.x, y0 + uv.y}, rref); };
    const FigureSet w = figs.mapped(wrapf, std::max(1.f, (y1 - y0) * 0.01f));
    FigureStyle fs;
    fs.relief = clay ? 0.f : (y1 - y0) * 0.07f;
    fs.soft = (y1 - y0) * 0.02f;
    fs.line_depth = clay ? 0.f : (y1 - y0) * 0.006f;
    fs.line_width = (y1 - y0) * 0.006f;
    fs.gild = gilded;
    if (clay) {
      fs.paint = &reserve;
      fs.paint_lines = &glaze;
    }
    draw_figures(c, w, fs, look);
  }

  // Handles in front (outside the body), then the mouth.
  each(handles, [&](int x, int y, float) {
    const float b = body.at(x, y);
    const Vec2 p = c.design(x, y);
    // Near the attachments the handle lies on the body surface; elsewhere it is beside it.
    if (b > 0.f && lathe.facing(p) > 0.45f) handles.at(x, y) *= 0.f;
  });
  place_height(c, handles, hh, true);
  if (clay)
    lay(c, handles, glaze);
  else
    lay(c, handles, [&](Vec2 p) { return gilded ? look.gilt(p) : look.at(p); });

  const float rtop = lathe.radius(top + 0.001f * H);
  draw_mouth(c, look, {cx, top}, rtop, rtop * 0.17f, clay);
  if (v.spout) {
    // Trefoil jug: the front lobe pinched out into a spout on the left.
    Plane sp = c.plane();
    Path p;
    const Vec2 pts[5] = {{cx - rtop * 0.5f, top - rtop * 0.15f}, {cx - rtop * 1.35f, top - rtop * 0.3f},
                         {cx - rtop * 1.2f, top - rtop * 0.05f}, {cx - rtop * 0.6f, top + rtop * 0.3f},
                         {cx - rtop * 0.3f, top + rtop * 0.1f}};
    p.smooth(pts);
    fill(sp, c, p);
    emboss(c, sp, rtop * 0.08f, rtop * 0.05f);
    if (clay)
      lay(c, sp, glaze);
    else
      lay(c, sp, [&](Vec2 q) { return look.at(q); });
  }
}

// Phiale mesomphalos seen from above: central boss, concentric rows of bosses and tongues.
void draw_phiale(const Recipe& r, Canvas& c, Stage& st, Rng& rng) {
  const Box box = fit_box(c, 1.f, 0.08f);
  set_stage(st, r, box, default_backdrop(r.material));
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c);
  const bool gilded = r.material == Material::gilded_silver;
  const Vec2 ctr = box.center();
  const float R = box.w() * 0.5f;

  Plane disc_m = c.plane();
  Path outline;
  outline.circle(ctr, R);
  fill(disc_m, c, outline);
  // Shallow bowl: the rim is a rolled lip, the floor dips, the omphalos rises.
  each(disc_m, [&](int x, int y, float m) {
    const Vec2 p = c.design(x, y);
    const float d = length(p - ctr) / R;
    float h = R * 0.05f * (1.f - d * d) * 0.0f;
    h += R * 0.025f * std::exp(-std::pow((d - 0.96f) / 0.025f, 2.f));   // lip
    h -= R * 0.05f * smoothstep(0.95f, 0.2f, d);                        // sunk floor
    h += R * 0.10f * std::sqrt(std::max(0.f, 1.f - std::pow(d / 0.15f, 2.f)));  // omphalos
    float& hh = c.h.at(x, y);
    hh += (h - hh) * m;
  });
  c.h.mark(disc_m.dirty);
  lay(c, disc_m, [&](Vec2 p) { return look.at(p); });

  // Rows of bosses ("acorns" / heads) between the omphalos and the rim.
  const int rows = rng.range(2, 3);
  Plane bosses = c.plane(), bh = c.plane();
  for (int row = 0; row < rows; ++row) {
    const float rr = R * (0.30f + 0.55f * (static_cast<float>(row) + 0.5f) / static_cast<float>(rows));
    const float size = R * 0.55f / static_cast<float>(rows) * 0.42f;
    const int n = std::max(8, static_cast<int>(2.f * kPi * rr / (size * 2.3f)));
    const float off = row % 2 ? 0.5f : 0.f;
    for (int i = 0; i < n; ++i) {
      const float a = 2.f * kPi * (static_cast<float>(i) + off) / static_cast<float>(n);
      const Vec2 d = polar(a, 1.f);
      // Acorn-shaped boss pointing outward: an elongated dome.
      const Vec2 pc = ctr + d * rr;
      std::vector<TubeNode> nodes = {{pc - d * (size * 0.45f), size * 0.55f}, {pc + d * (size * 0.35f), size * 0.78f},
                                     {pc + d * (size * 0.6f), size * 0.5f}};
      tube(c, nodes, bosses, bh);
    }
  }
  place_height(c, bosses, bh, true);
  if (gilded) lay(c, bosses, [&](Vec2 p) { return look.gilt(p); });
  // Tongues (radiating flutes) between the bosses and an ovolo ring near the rim.
  Rng brng = rng.fork(5);
  const float ring_out = R * 0.93f, ring_h = R * 0.06f;
  const Motif ov = band(Band::ovolo, 0.f, 2.f * kPi * (ring_out - ring_h * 0.5f), ring_h, brng);
  MotifStyle ms;
  ms.high = ring_h * 0.16f;
  ms.low = ring_h * 0.08f;
  ms.soft = ring_h * 0.05f;
  ms.gild_high = gilded;
  apply_motif(c, ov.mapped(ring_map(ctr, ring_out, ring_out - ring_h * 0.5f), ring_h * 0.05f), ms, look);
  const float in_out = R * 0.24f, in_h = R * 0.05f;
  const Motif bd = band(Band::beads, 0.f, 2.f * kPi * (in_out - in_h * 0.5f), in_h, brng);
  apply_motif(c, bd.mapped(ring_map(ctr, in_out, in_out - in_h * 0.5f), in_h * 0.05f), ms, look);
  // Engraved radial lines between bosses (fine detail).
  std::vector<Polyline> rays;
  const int nr = 96;
  for (int i = 0; i < nr; ++i) {
    const Vec2 d = polar(2.f * kPi * (static_cast<float>(i) + 0.5f) / nr, 1.f);
    rays.push_back({ctr + d * (R * 0.27f), ctr + d * (R * 0.3f)});
  }
  engrave(c, rays, R * 0.004f, R * 0.002f);
}

// Horn rhyton: a curved horn with its mouth at the top right and, at the lower left, an
// animal forepart (variant rhyton-animal) or a head (rhyton-head).
void draw_rhyton(const Recipe& r, Canvas& c, Stage& st, Rng& rng, bool head) {
  const Box box = fit_box(c, 1.0f, 0.08f);
  set_stage(st, r, box, default_backdrop(r.material));
  const MaterialLook look(r.material, static_cast<std::uint64_t>(r.seed), c);
  const bool gilded = r.material == Material::gilded_silver;
  const float S = box.w();
  auto P = [&](float x, float y) { return box.at(x, y); };

  // Horn spine from the mouth (top right) down to the junction with the animal.
  const float bend = rng.uniform(-0.03f, 0.03f);
  const std::vector<Vec2> key = head ? std::vector<Vec2>{P(0.80f, 0.08f), P(0.79f + bend, 0.28f), P(0.72f, 0.44f), P(0.60f, 0.54f)}
                                     : std::vector<Vec2>{P(0.80f, 0.06f), P(0.78f + bend, 0.28f), P(0.70f, 0.46f), P(0.58f, 0.56f)};
  const Polyline spine = spline(key, 24);
  const float r0 = S * 0.12f, r1 = S * 0.05f;
  std::vector<TubeNode> nodes;
  const float total = polyline_length(spine);
  float acc = 0.f;
  for (std::size_t i = 0; i < spine.size(); ++i) {
    if (i > 0) acc += length(spine[i] - spine[i - 1]);
    const float t = acc / total;
    nodes.push_back({spine[i], lerp(r0, r1, std::pow(t, 0.8f))});
  }
  Plane horn = c.plane(), hh = c.plane();
  // Fluted horn: shallow channels running along it.
  tube(c, nodes, horn, hh, [&](float along, float across) {
    const float t = along / total;
    return (t > 0.18f && t < 0.92f) ? -std::pow(std::fabs(std::sin(across * kPi * 3.5f)), 0.5f) * S * 0.003f : 0.f;
  });
  // Cut the rounded cap off the mouth end.
  const Vec2 d0 = normalize(spine[1] - spine[0]);
  {
    Path cap;
    const Vec2 side = perp(d0) * (r0 * 1.6f);
    const Vec2 pts[4] = {spine[0] + side, spine[0] - side, spine[0] - side - d0 * r0 * 2.f, spine[0] + side - d0 * r0 * 2.f};
    cap.polygon(pts);
    cut(horn, c, cap);
  }
  place_height(c, horn, hh, false);
  lay(c, horn, [&](Vec2 p) { return look.at(p); });

  // The animal (or head) at the lower end, its back receiving the horn.
  const FigureSet animal = head ? rhyton_head(spine.back(), S * 0.52f, rng) : rhyton_protome(spine.back(), S * 0.62f, rng);
  FigureStyle fs;
  fs.relief = S * 0.05f;
  fs.soft = S * 0.012f;
  fs.line_depth = S * 0.0025f;
  fs.line_width = S * 0.0035f;
  fs.gild = gilded;
  fs.base_height = S * 0.03f;
  fs.standalone = true;
  draw_figures(c, animal, fs, look);

  // Decorated rim band and a necklace band at the junction.
  const Vec2 side0 = perp(d0);
  {
    Rng brng = rng.fork(3);
    const float bh = S * 0.045f;
    const Motif m = band(rng.chance(0.5f) ? Band::ovolo : Band::palmettes, -r0, r0, bh, brng);
    const Vec2 o = spine[0] + d0 * (S * 0.02f);
    const Motif w = m.mapped(
        [&](Vec2 uv) {
          const float u = std::clamp(uv.x / r0, -1.f, 1.f);
          const float rr = r0 * 0.98f;
          return o + side0 * (std::sin(u * kPi * 0.5f) * rr) + d0 * uv.y;
        },
        bh * 0.05f);
    MotifStyle ms;
    ms.high = bh * 0.12f;
    ms.low = bh * 0.06f;
    ms.soft = bh * 0.04f;
    ms.gild_high = gilded;
    apply_motif(c, w, ms, look);
  }
  const Vec2 dj = normalize(spine.back() - spine[spine.size() - 2]);
  {
    const Vec2 sj = perp(dj);
    const Vec2 j = spine.back() - dj * (r1 * 0.6f);
    Plane collar = c.plane();
    stroke(collar, c, Polyline{j - sj * r1 * 1.05f, j + sj * r1 * 1.05f}, r1 * 0.35f);
    emboss(c, collar, r1 * 0.12f, r1 * 0.05f);
    if (gilded) lay(c, collar, [&](Vec2 p) { return look.gilt(p); });
  }
  draw_mouth(c, look, spine[0], r0, r0 * 0.28f, false);
}

}  // namespace

void draw_vessel(const Recipe& r, Canvas& c, Stage& st) {
  Rng rng = recipe_rng(r);
  if (r.variant == "phiale")
    draw_phiale(r, c, st, rng);
  else if (r.variant == "rhyton-animal")
    draw_rhyton(r, c, st, rng, false);
  else if (r.variant == "rhyton-head")
    draw_rhyton(r, c, st, rng, true);
  else
    draw_lathe_vessel(r, c, st, rng);
}

}  // namespace orpheus::illustrate
