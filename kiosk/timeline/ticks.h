#pragma once
// The time axis's ticks and labels at a zoom: millennia or centuries named over their spans
// ("2nd millennium BC", "IV в. пр. Хр."), or years at a step of 10, 5 or 1 ("350 BC",
// "AD 100", "350 г. пр. Хр."), the finest whose labels do not collide: centuries are named until
// decades fit, as historians think in them. Labels come from
// catalog::format_period, the one date model of the kiosk. Pure: the caller measures text.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::timeline {

enum class TickUnit { millennium, century, years10, years5, year };

struct TickLabel {
  double t = 0;  // where its centre goes on the axis (a span's middle, or a year's start)
  std::string text;
};

struct Ticks {
  TickUnit unit = TickUnit::millennium;
  std::vector<double> marks;       // tick marks on the axis: span boundaries, or the years labelled
  std::vector<TickLabel> labels;   // left to right
};

// The width in pixels of a label as it will be drawn.
using MeasureText = std::function<float(std::string_view)>;

// Ticks over [t0, t1) (axis time, timeline/axis.h) at `px_per_year`, in `lang`: the finest unit
// whose neighbouring labels keep at least `gap_px` between them (and whose spans hold their
// label). Millennia if nothing fits, only as many named as fit (every other one, or fewer). At most a few thousand ticks: the caller asks for what is
// on screen and around it.
Ticks choose_ticks(double t0, double t1, double px_per_year, std::string_view lang, const MeasureText& width,
                   float gap_px);

// The ticks of one unit over [t0, t1), labels unmeasured (for tests and for choose_ticks).
Ticks ticks_of(TickUnit unit, double t0, double t1, std::string_view lang);

}  // namespace orpheus::timeline
