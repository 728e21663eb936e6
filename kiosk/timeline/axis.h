#pragma once
// Years as historians count them (BCE negative, no year 0: 1 BCE is followed by AD 1) on a
// continuous time axis, for drawing and arithmetic. Time t is measured in years from the start of
// AD 1: AD y covers [y - 1, y), y BCE (stored -y) covers [-y, -y + 1). So 1 BCE is [-1, 0), and
// "IV в. пр. Хр." (-400..-301) covers [-400, -300): exactly 100 years. Pure functions.
#include <optional>

namespace orpheus::timeline {

// Where a year starts and ends on the axis. A 0 is read as AD 1 (as catalog::format_period does).
constexpr double year_start(int year) { return year > 0 ? year - 1 : year == 0 ? 0 : year; }
constexpr double year_end(int year) { return year_start(year) + 1; }

// The year that holds time t: year_at(-0.5) == -1, year_at(0) == 1, year_at(99.9) == 100.
int year_at(double t);

// Whole years from the start of `from` to the start of `to`: years_between(-1, 1) == 1,
// years_between(-400, -300) == 100, years_between(-50, 50) == 99.
constexpr int years_between(int from, int to) { return static_cast<int>(year_start(to) - year_start(from)); }

// `year` moved by `delta` years, skipping the year 0: add_years(-1, 1) == 1, add_years(1, -1) == -1.
int add_years(int year, int delta);

// An item's span on the axis: [start of from, end of to); one known end stands for both. None
// without years.
struct Span {
  double t0 = 0, t1 = 0;
  double middle() const { return (t0 + t1) / 2; }
  double length() const { return t1 - t0; }
};
std::optional<Span> span_of(std::optional<int> from, std::optional<int> to);

}  // namespace orpheus::timeline
