#include "timeline/ticks.h"

#include <cmath>
#include <iterator>
#include <optional>

#include "catalog/catalog.h"
#include "timeline/axis.h"

namespace orpheus::timeline {
namespace {

constexpr TickUnit kUnits[] = {TickUnit::millennium, TickUnit::century, TickUnit::years10, TickUnit::years5,
                               TickUnit::year};

// Spans: millennia and centuries start on whole thousands and hundreds of axis time (the 4th
// century BC is [-400, -300), the 2nd century AD [100, 200)).
double span_length(TickUnit u) { return u == TickUnit::millennium ? 1000 : u == TickUnit::century ? 100 : 0; }

int year_step(TickUnit u) {
  switch (u) {
    case TickUnit::years10: return 10;
    case TickUnit::years5: return 5;
    default: return 1;
  }
}

}  // namespace

Ticks ticks_of(TickUnit unit, double t0, double t1, std::string_view lang) {
  Ticks out;
  out.unit = unit;
  if (const double len = span_length(unit); len > 0) {
    double a = std::floor(t0 / len) * len;
    for (; a < t1; a += len) {
      out.marks.push_back(a);
      out.labels.push_back({a + len / 2, catalog::format_period(year_at(a), year_at(a + len - 0.5), lang)});
    }
    out.marks.push_back(a);  // the end of the last span
    return out;
  }
  // Years that are multiples of the step, AD 1 standing for the year 0 that does not exist.
  const int step = year_step(unit);
  const int first = static_cast<int>(std::floor(year_at(t0) / static_cast<double>(step))) * step;
  for (int y = first;; y += step) {
    if (y == 0 && step == 1) continue;  // AD 1 comes next anyway
    const int year = y == 0 ? 1 : y;
    const double t = year_start(year);
    if (t >= t1) break;
    if (t < t0) continue;
    out.marks.push_back(t);
    out.labels.push_back({t, catalog::format_period(year, year, lang)});
  }
  return out;
}

Ticks choose_ticks(double t0, double t1, double px_per_year, std::string_view lang, const MeasureText& width,
                   float gap_px) {
  // From the finest unit to the coarsest, the first whose labels fit. A unit whose step is
  // narrower than half its first label cannot fit and is not labelled at all: at the whole span,
  // single years would be ten thousand labels.
  std::optional<Ticks> chosen;
  for (auto u = std::rbegin(kUnits); !chosen && *u != TickUnit::millennium; ++u) {
    const double len = span_length(*u), step = len > 0 ? len : year_step(*u);
    const Ticks first = ticks_of(*u, t0, t0 + step, lang);
    if (first.labels.empty() || step * px_per_year < width(first.labels.front().text) / 2 + gap_px) continue;
    Ticks candidate = ticks_of(*u, t0, t1, lang);
    bool fits = !candidate.labels.empty();
    float previous_half = 0;
    for (std::size_t i = 0; fits && i < candidate.labels.size(); ++i) {
      const float w = width(candidate.labels[i].text);
      if (len > 0 && w + gap_px > len * px_per_year) fits = false;  // the span holds its name
      if (i > 0 && (candidate.labels[i].t - candidate.labels[i - 1].t) * px_per_year < previous_half + w / 2 + gap_px)
        fits = false;
      previous_half = w / 2;
    }
    if (fits) chosen = std::move(candidate);
  }
  if (!chosen) chosen = ticks_of(TickUnit::millennium, t0, t1, lang);
  // Millennia too close to name each (the whole of prehistory on a screen): every other one, or
  // fewer, so that names never collide.
  std::vector<TickLabel> kept;
  float kept_half = 0;
  for (auto& label : chosen->labels) {
    const float w = width(label.text);
    if (!kept.empty() && (label.t - kept.back().t) * px_per_year < kept_half + w / 2 + gap_px) continue;
    kept_half = w / 2;
    kept.push_back(std::move(label));
  }
  chosen->labels = std::move(kept);
  return std::move(*chosen);
}

}  // namespace orpheus::timeline
