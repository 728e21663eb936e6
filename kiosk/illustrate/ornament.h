#pragma once
// Ornament bands of classical and Thracian metalwork, built in band-local coordinates:
// u along the band (design px, from u0 to u1), v across it (0 = top edge, hgt = bottom).
// A Motif holds filled shapes at two relief levels and incised detail lines; callers map
// it onto its carrier (straight frieze, vessel wall, ring) with Motif::mapped().
#include <functional>
#include <vector>

#include "illustrate/path.h"
#include "illustrate/rng.h"

namespace orpheus::illustrate {

struct Motif {
  Path high;                   // main raised / painted shapes
  Path low;                    // secondary shapes (frames, stems), lower relief / 2nd colour
  std::vector<Polyline> lines; // incised or painted detail lines
  float line_width = 1.f;      // suggested width of `lines`

  // Applies a (non-linear) map to everything; `max_len` subdivision step in local units.
  Motif mapped(const std::function<Vec2(Vec2)>& fn, float max_len) const;
  void append(const Motif& o);
};

enum class Band { meander, beads, ovolo, tongues, palmettes, spirals, guilloche, zigzag, rosettes, scales, lotus };

// One ornament band. Repeats are fitted to a whole number over [u0, u1].
Motif band(Band kind, float u0, float u1, float hgt, Rng& rng);

// A rosette centred at c: `petals` petals of radius r (with a raised centre).
Motif rosette(Vec2 c, float r, int petals, float rotation = 0.f);
// A single palmette: base at `base`, height `h`, growing upward (direction -y).
Motif palmette(Vec2 base, float h, int leaves);
// Concentric rows for round objects: maps band coordinates around a circle
// (u = arc length at radius `r_mid`, v = radial distance inward from `r_out`).
std::function<Vec2(Vec2)> ring_map(Vec2 centre, float r_out, float r_mid, float rot = 0.f);
// Straight band with its top-left corner at `origin` (u along x, v along y).
std::function<Vec2(Vec2)> straight_map(Vec2 origin, float u0 = 0.f);

}  // namespace orpheus::illustrate
