#include "timeline/axis.h"

#include <cmath>

namespace orpheus::timeline {

int year_at(double t) {
  const auto f = static_cast<int>(std::floor(t));
  return f >= 0 ? f + 1 : f;
}

int add_years(int year, int delta) { return year_at(year_start(year) + delta); }

std::optional<Span> span_of(std::optional<int> from, std::optional<int> to) {
  if (!from && !to) return std::nullopt;
  const int a = from ? *from : *to, b = to ? *to : *from;
  const double t0 = year_start(a), t1 = year_end(b);
  if (t1 <= t0) return Span{year_start(b), year_end(a)};  // reversed: the builder refuses it, drawn anyway
  return Span{t0, t1};
}

}  // namespace orpheus::timeline
