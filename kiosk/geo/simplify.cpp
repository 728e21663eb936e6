#include "geo/simplify.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace orpheus::geo {

double segment_distance(Metres p, Metres a, Metres b) {
  const double vx = b.x - a.x, vy = b.y - a.y;
  const double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy));
}

std::vector<Metres> simplify(const std::vector<Metres>& line, double tolerance) {
  if (line.size() < 3) return line;
  std::vector<bool> keep(line.size(), false);
  keep.front() = keep.back() = true;
  // Iterative, so that a coast of a hundred thousand points cannot overflow the stack.
  std::vector<std::pair<std::size_t, std::size_t>> todo{{0, line.size() - 1}};
  while (!todo.empty()) {
    const auto [a, b] = todo.back();
    todo.pop_back();
    double worst = -1;
    std::size_t at = a;
    for (std::size_t i = a + 1; i < b; ++i)
      if (const double d = segment_distance(line[i], line[a], line[b]); d > worst) {
        worst = d;
        at = i;
      }
    if (worst > tolerance) {
      keep[at] = true;
      todo.push_back({a, at});
      todo.push_back({at, b});
    }
  }
  std::vector<Metres> out;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (keep[i]) out.push_back(line[i]);
  return out;
}

}  // namespace orpheus::geo
