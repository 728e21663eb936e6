#pragma once
// Figural motifs of Thracian art as silhouettes + detail lines: the horseman, stag, griffin,
// lion, standing/seated/reclining people, profile heads, the ram's head and animal
// forepart of rhyta. Each figure is drawn in its own unit box (height 1, ground at y = 1,
// facing right) and placed with an affine map; a negative x scale faces it left.
// A FigureSet collects parts in painting order (later parts lie on top) and is rendered
// as relief (metal, marble), painted silhouettes (fresco, clay) or engraving.
#include <functional>
#include <span>
#include <vector>

#include "illustrate/canvas.h"
#include "illustrate/material.h"
#include "illustrate/path.h"
#include "illustrate/rng.h"

namespace orpheus::illustrate {

// Paint tones of figure parts (used by painted renderings).
enum class Tone { skin, garment, garment2, hair, horse, horse2, animal, metal, wood, dark };

struct FigurePart {
  Path shape;
  float height = 1.f;  // relative relief height
  Tone tone = Tone::garment;
};

struct FigureSet {
  std::vector<FigurePart> parts;
  std::vector<Polyline> lines;  // detail lines (engraved / painted dark)
  FigureSet mapped(const std::function<Vec2(Vec2)>& fn, float max_len) const;
  void append(const FigureSet& o);
  Box bounds() const;
};

// Local widths of figures (unit box height 1).
inline constexpr float kHorsemanWidth = 1.2f;
inline constexpr float kHorseWidth = 1.2f;
inline constexpr float kStagWidth = 0.85f;
inline constexpr float kGriffinWidth = 1.05f;
inline constexpr float kLionWidth = 1.0f;
inline constexpr float kWalkerWidth = 0.42f;
inline constexpr float kSeatedWidth = 0.55f;

void horseman(FigureSet& out, const Affine& t, Rng& rng, bool spear = true);
void horse(FigureSet& out, const Affine& t, Rng& rng, float gallop = 1.f);
void stag(FigureSet& out, const Affine& t, Rng& rng, bool recumbent = false);
void griffin(FigureSet& out, const Affine& t, Rng& rng);
void lion(FigureSet& out, const Affine& t, Rng& rng);
// A draped person walking right; `offering` raises the forearms holding a vessel.
void walker(FigureSet& out, const Affine& t, Rng& rng, bool female, bool offering);
// A frontal draped woman (nymph, caryatid); arms: 0 down/holding hands, 1 raised.
void frontal_woman(FigureSet& out, const Affine& t, Rng& rng, int arms);
// Seated on a stool facing right (unit box height 1 incl. the seat).
void seated(FigureSet& out, const Affine& t, Rng& rng, bool female);
// Reclining banqueter on a couch (unit box: width 1.6, height 1).
void banqueter(FigureSet& out, const Affine& t, Rng& rng);
// Large profile head facing right in a unit box (coins).
void profile_head(FigureSet& out, const Affine& t, Rng& rng, bool wreath);
// Frontal face (greave knee) in a unit box.
void frontal_face(FigureSet& out, const Affine& t, Rng& rng);
// Chariot with two horses galloping right (unit box width 1.7, height 1).
void chariot(FigureSet& out, const Affine& t, Rng& rng);

// Props of votive reliefs: a tree with a snake coiled round it (unit box width 0.4), an
// altar (width 0.35, height 0.4 of the unit), a three-legged table with food (width 0.4).
void tree_with_snake(FigureSet& out, const Affine& t, Rng& rng);
void altar(FigureSet& out, const Affine& t);
void table(FigureSet& out, const Affine& t);

// Tapered limb through (x, y, width) points in figure space, mapped by t: union of
// trapezoids and round joints (fill with nonzero).
struct LimbPoint {
  float x, y, w;
};
Path limb_path(const Affine& t, std::span<const LimbPoint> pts);

enum class FriezeTheme { mixed, animals, riders, procession };
// Figures filling a band u0..u1 (v from 0 to hgt, ground at hgt).
FigureSet frieze(FriezeTheme theme, float u0, float u1, float hgt, Rng& rng);

// Ends of horn rhyta: forepart of a stag or horse / a ram's head, facing left, whose back
// joins the horn at `junction`; `size` is the figure scale in design px.
FigureSet rhyton_protome(Vec2 junction, float size, Rng& rng);
FigureSet rhyton_head(Vec2 junction, float size, Rng& rng);

// Builds figures with `build(set, transform)` scaled (and flipped if `flip`) to fit `target`,
// centred; horizontal alignment by `align_x` (0 left, 0.5 centre, 1 right), vertical at the
// bottom if `ground` else centred. `build` is called twice and must be deterministic.
FigureSet fit_figures(const std::function<void(FigureSet&, const Affine&)>& build, Box target, bool flip = false,
                      bool ground = false, float align_x = 0.5f);

struct FigureStyle {
  float relief = 0.f;       // cushion height of a part with height 1, design px
  float soft = 1.f;         // rounding radius, design px
  float line_depth = 0.f;   // incision depth of detail lines
  float line_width = 1.f;   // design px
  bool gild = false;        // gilt parts (gilded silver)
  bool standalone = false;  // parts form the object itself (lay the material, set height)
  float base_height = 0.f;  // standalone: flat level under the cushion
  const Finish* paint = nullptr;        // one paint for every part (clay reserve)
  const Finish* paint_lines = nullptr;  // painted detail lines
  std::function<Finish(Tone, Vec2)> tones;  // per-tone paint (frescoes)
};

void draw_figures(Canvas& c, const FigureSet& f, const FigureStyle& style, const MaterialLook& look);

}  // namespace orpheus::illustrate
