#include "illustrate/path.h"

#include <algorithm>
#include <cmath>

namespace orpheus::illustrate {
namespace {

float signed_area(const Polyline& p) {
  double a = 0.0;
  for (std::size_t i = 0, n = p.size(); i < n; ++i) {
    const Vec2 u = p[i], v = p[(i + 1) % n];
    a += static_cast<double>(u.x) * v.y - static_cast<double>(v.x) * u.y;
  }
  return static_cast<float>(a * 0.5);
}

void orient(Polyline& p, bool positive) {
  if ((signed_area(p) >= 0.f) != positive) std::reverse(p.begin(), p.end());
}

int circle_segments(float r, float tol) {
  if (r <= tol) return 6;
  const float step = 2.f * std::acos(std::max(-1.f, 1.f - tol / r));
  const int n = static_cast<int>(std::ceil(2.f * kPi / std::max(step, 1e-3f)));
  return std::clamp(n, 6, 720);
}

}  // namespace

void Path::begin_if_needed() {
  if (!open_) move_to(last_);
}

Polyline& Path::current() { return contours_.back(); }

Path& Path::move_to(Vec2 p) {
  contours_.emplace_back();
  closed_.push_back(false);
  last_ = pen_(p);
  current().push_back(last_);
  open_ = true;
  return *this;
}

Path& Path::line_to(Vec2 p) {
  begin_if_needed();
  last_ = pen_(p);
  current().push_back(last_);
  return *this;
}

Path& Path::quad_to(Vec2 c, Vec2 p) {
  begin_if_needed();
  const Vec2 p0 = last_, p1 = pen_(c), p2 = pen_(p);
  const float dd = length(p0 - p1 * 2.f + p2);
  const int n = std::clamp(static_cast<int>(std::ceil(std::sqrt(dd / (4.f * tol_)))), 1, 256);
  for (int i = 1; i <= n; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(n), u = 1.f - t;
    current().push_back(p0 * (u * u) + p1 * (2.f * u * t) + p2 * (t * t));
  }
  last_ = p2;
  return *this;
}

Path& Path::cubic_to(Vec2 c1, Vec2 c2, Vec2 p) {
  begin_if_needed();
  const Vec2 p0 = last_, p1 = pen_(c1), p2 = pen_(c2), p3 = pen_(p);
  const float dd = std::max(length(p0 - p1 * 2.f + p2), length(p1 - p2 * 2.f + p3));
  const int n = std::clamp(static_cast<int>(std::ceil(std::sqrt(0.75f * dd / tol_))), 1, 256);
  for (int i = 1; i <= n; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(n), u = 1.f - t;
    current().push_back(p0 * (u * u * u) + p1 * (3.f * u * u * t) + p2 * (3.f * u * t * t) +
                        p3 * (t * t * t));
  }
  last_ = p3;
  return *this;
}

Path& Path::close() {
  if (open_) {
    closed_.back() = true;
    if (current().size() > 1) {
      const Vec2 a = current().front(), b = current().back();
      if (a.x == b.x && a.y == b.y) current().pop_back();
    }
    last_ = current().front();
  }
  open_ = false;
  return *this;
}

Path& Path::polygon(std::span<const Vec2> pts, bool hole) {
  if (pts.size() < 3) return *this;
  close();
  Polyline poly;
  poly.reserve(pts.size());
  for (Vec2 p : pts) poly.push_back(pen_(p));
  orient(poly, !hole);
  contours_.push_back(std::move(poly));
  closed_.push_back(true);
  return *this;
}

Path& Path::rect(Vec2 p0, Vec2 p1, bool hole) {
  const Vec2 pts[4] = {p0, {p1.x, p0.y}, p1, {p0.x, p1.y}};
  return polygon(pts, hole);
}

Path& Path::ellipse(Vec2 c, float rx, float ry, bool hole, float rotation) {
  close();
  const float r_px = std::max(rx, ry) * pen_.scale();
  const int n = circle_segments(r_px, tol_);
  Polyline poly;
  poly.reserve(static_cast<std::size_t>(n));
  const float cs = std::cos(rotation), sn = std::sin(rotation);
  // Vertices slightly outside the curve so that the polygon has the ellipse's area.
  const float fn = static_cast<float>(n);
  const float k = std::sqrt(2.f * kPi / (fn * std::sin(2.f * kPi / fn)));
  for (int i = 0; i < n; ++i) {
    const float t = 2.f * kPi * static_cast<float>(i) / static_cast<float>(n);
    const float ex = std::cos(t) * rx * k, ey = std::sin(t) * ry * k;
    poly.push_back(pen_({c.x + ex * cs - ey * sn, c.y + ex * sn + ey * cs}));
  }
  orient(poly, !hole);
  contours_.push_back(std::move(poly));
  closed_.push_back(true);
  return *this;
}

Path& Path::smooth(std::span<const Vec2> pts, std::span<const int> corners, float tension, bool hole) {
  const std::size_t n = pts.size();
  if (n < 3) return *this;
  close();
  auto is_corner = [&](std::size_t i) {
    return std::find(corners.begin(), corners.end(), static_cast<int>(i)) != corners.end();
  };
  // Tangent directions (unit) at every point.
  std::vector<Vec2> tan(n);
  for (std::size_t i = 0; i < n; ++i) {
    tan[i] = is_corner(i) ? Vec2{} : normalize(pts[(i + 1) % n] - pts[(i + n - 1) % n]);
  }
  const std::size_t first = contours_.size();
  move_to(pts[0]);
  for (std::size_t i = 0; i < n; ++i) {
    const Vec2 a = pts[i], b = pts[(i + 1) % n];
    const float len = length(b - a) * tension * (2.f / 3.f);
    cubic_to(a + tan[i] * len, b - tan[(i + 1) % n] * len, b);
  }
  close();
  orient(contours_[first], !hole);
  return *this;
}

Path& Path::smooth_open(std::span<const Vec2> pts, float tension) {
  const std::size_t n = pts.size();
  if (n < 2) return *this;
  close();
  move_to(pts[0]);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const Vec2 a = pts[i], b = pts[i + 1];
    const Vec2 ta = normalize(pts[i + 1] - pts[i > 0 ? i - 1 : 0]);
    const Vec2 tb = normalize(pts[std::min(i + 2, n - 1)] - pts[i]);
    const float len = length(b - a) * tension * (2.f / 3.f);
    cubic_to(a + ta * len, b - tb * len, b);
  }
  open_ = false;  // leave it open (not closed)
  return *this;
}

Path& Path::stroke(std::span<const Vec2> line, float width, bool round_caps) {
  close();
  const float hw = width * 0.5f;
  if (line.empty() || hw <= 0.f) return *this;
  const int nseg = circle_segments(hw, tol_);
  auto disc = [&](Vec2 c) {
    Polyline poly;
    poly.reserve(static_cast<std::size_t>(nseg));
    for (int i = 0; i < nseg; ++i) {
      const float t = 2.f * kPi * static_cast<float>(i) / static_cast<float>(nseg);
      poly.push_back({c.x + std::cos(t) * hw, c.y + std::sin(t) * hw});
    }
    orient(poly, true);
    contours_.push_back(std::move(poly));
    closed_.push_back(true);
  };
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const Vec2 a = line[i], b = line[i + 1];
    const Vec2 d = b - a;
    if (dot(d, d) < 1e-12f) continue;
    const Vec2 n = perp(normalize(d)) * hw;
    Polyline q = {a + n, b + n, b - n, a - n};
    orient(q, true);
    contours_.push_back(std::move(q));
    closed_.push_back(true);
    if (i + 2 < line.size()) disc(b);  // joint
  }
  if (round_caps || line.size() == 1) {
    disc(line.front());
    if (line.size() > 1) disc(line.back());
  }
  return *this;
}

Path& Path::stroke_outline(const Path& other, float width) {
  for (std::size_t i = 0; i < other.contours_.size(); ++i) {
    Polyline line = other.contours_[i];
    if (other.closed_[i] && !line.empty()) line.push_back(line.front());
    stroke(line, width, true);
  }
  return *this;
}

void Path::append(const Path& other) {
  close();
  contours_.insert(contours_.end(), other.contours_.begin(), other.contours_.end());
  closed_.insert(closed_.end(), other.closed_.begin(), other.closed_.end());
}

Path Path::mapped(const std::function<Vec2(Vec2)>& fn, float max_len) const {
  Path out(pen_, tol_);
  out.contours_.reserve(contours_.size());
  for (std::size_t ci = 0; ci < contours_.size(); ++ci) {
    const Polyline& src = contours_[ci];
    Polyline dst;
    dst.reserve(src.size() * 2);
    const std::size_t n = src.size();
    const std::size_t edges = closed_[ci] ? n : (n > 0 ? n - 1 : 0);
    if (n > 0) dst.push_back(fn(src[0]));
    for (std::size_t i = 0; i < edges; ++i) {
      const Vec2 a = src[i], b = src[(i + 1) % n];
      const int k = std::max(1, static_cast<int>(std::ceil(length(b - a) / max_len)));
      const int last = (closed_[ci] && i + 1 == edges) ? k - 1 : k;  // closing point = first
      for (int j = 1; j <= last; ++j) dst.push_back(fn(mix(a, b, static_cast<float>(j) / static_cast<float>(k))));
    }
    out.contours_.push_back(std::move(dst));
    out.closed_.push_back(closed_[ci]);
  }
  return out;
}

Path Path::transformed(const Affine& t) const {
  Path out(pen_, tol_);
  out.contours_ = contours_;
  out.closed_ = closed_;
  for (Polyline& c : out.contours_)
    for (Vec2& p : c) p = t(p);
  return out;
}

Box Path::bounds() const {
  Box b{1e30f, 1e30f, -1e30f, -1e30f};
  for (const Polyline& c : contours_)
    for (Vec2 p : c) {
      b.x0 = std::min(b.x0, p.x);
      b.y0 = std::min(b.y0, p.y);
      b.x1 = std::max(b.x1, p.x);
      b.y1 = std::max(b.y1, p.y);
    }
  return b;
}

Polyline spline(std::span<const Vec2> pts, int per_segment, float tension) {
  Polyline out;
  const std::size_t n = pts.size();
  if (n == 0) return out;
  out.push_back(pts[0]);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const Vec2 a = pts[i], b = pts[i + 1];
    const Vec2 ta = normalize(pts[i + 1] - pts[i > 0 ? i - 1 : 0]);
    const Vec2 tb = normalize(pts[std::min(i + 2, n - 1)] - pts[i]);
    const float len = length(b - a) * tension * (2.f / 3.f);
    const Vec2 c1 = a + ta * len, c2 = b - tb * len;
    for (int j = 1; j <= per_segment; ++j) {
      const float t = static_cast<float>(j) / static_cast<float>(per_segment), u = 1.f - t;
      out.push_back(a * (u * u * u) + c1 * (3.f * u * u * t) + c2 * (3.f * u * t * t) + b * (t * t * t));
    }
  }
  return out;
}

float polyline_length(std::span<const Vec2> line) {
  float len = 0.f;
  for (std::size_t i = 1; i < line.size(); ++i) len += length(line[i] - line[i - 1]);
  return len;
}

Polyline resample(std::span<const Vec2> line, float step) {
  Polyline out;
  if (line.empty()) return out;
  out.push_back(line[0]);
  float carry = 0.f;
  for (std::size_t i = 1; i < line.size(); ++i) {
    const Vec2 a = line[i - 1], b = line[i];
    const float seg = length(b - a);
    float t = step - carry;
    while (t <= seg) {
      out.push_back(mix(a, b, t / seg));
      t += step;
    }
    carry = seg - (t - step);
  }
  if (length(out.back() - line.back()) > step * 0.25f) out.push_back(line.back());
  return out;
}

Polyline arc(Vec2 centre, float rx, float ry, float a0, float a1, int n) {
  Polyline out;
  out.reserve(static_cast<std::size_t>(n) + 1);
  for (int i = 0; i <= n; ++i) {
    const float a = lerp(a0, a1, static_cast<float>(i) / static_cast<float>(n));
    out.push_back({centre.x + std::cos(a) * rx, centre.y + std::sin(a) * ry});
  }
  return out;
}

}  // namespace orpheus::illustrate
