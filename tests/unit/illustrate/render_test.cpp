// Drawing: deterministic, every kind/variant of docs/illustrations.md draws a plausible
// object, banding does not show, bad kinds are refused.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "illustrate/kinds.h"
#include "illustrate/render.h"

namespace il = orpheus::illustrate;

namespace {

il::Recipe recipe(const std::string& kind, const std::string& variant, il::Material m, std::int64_t seed, int w, int h) {
  il::Recipe r;
  r.file = kind + "/" + variant + ".jpg";
  r.kind = kind;
  r.variant = variant;
  r.material = m;
  r.seed = seed;
  r.width = w;
  r.height = h;
  return r;
}

il::Material typical_material(const std::string& kind) {
  if (kind == "relief" || kind == "tomb" || kind == "site") return il::Material::marble;
  if (kind == "fresco") return il::Material::fresco;
  if (kind == "coin" || kind == "helmet") return il::Material::silver;
  if (kind == "greave") return il::Material::bronze;
  return il::Material::gold;
}

// kind -> variants, from the table of docs/illustrations.md.
std::map<std::string, std::vector<std::string>> documented_variants() {
  std::ifstream in(std::string(ORPHEUS_SOURCE_DIR) + "/docs/illustrations.md");
  std::map<std::string, std::vector<std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 3 || line[0] != '|' || line.find("---") != std::string::npos) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) {
      const auto a = cell.find_first_not_of(' '), b = cell.find_last_not_of(' ');
      cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
    }
    if (cells.size() < 2 || cells[0] == "kind") continue;
    std::stringstream vs(cells[1]);
    std::string v;
    while (std::getline(vs, v, ',')) {
      const auto a = v.find_first_not_of(' '), b = v.find_last_not_of(' ');
      out[cells[0]].push_back(v.substr(a, b - a + 1));
    }
  }
  return out;
}

struct PixelStats {
  double mean = 0.0, stddev = 0.0;
};

PixelStats luminance(const il::Image& img) {
  double s = 0.0, s2 = 0.0;
  const std::size_t n = static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height);
  for (std::size_t i = 0; i < n; ++i) {
    const double l = 0.3 * img.rgb[i * 3] + 0.59 * img.rgb[i * 3 + 1] + 0.11 * img.rgb[i * 3 + 2];
    s += l;
    s2 += l * l;
  }
  const double m = s / static_cast<double>(n);
  return {m, std::sqrt(std::max(0.0, s2 / static_cast<double>(n) - m * m))};
}

// Mean absolute difference of the centre region and the frame border (object vs ground).
double centre_vs_border(const il::Image& img) {
  auto lum = [&](int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) + static_cast<std::size_t>(x)) * 3;
    return 0.3 * img.rgb[i] + 0.59 * img.rgb[i + 1] + 0.11 * img.rgb[i + 2];
  };
  double border = 0.0, centre = 0.0;
  int nb = 0, nc = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const bool edge = x < 4 || y < 4 || x >= img.width - 4 || y >= img.height - 4;
      const bool mid = std::abs(x - img.width / 2) < img.width / 5 && std::abs(y - img.height / 2) < img.height / 5;
      if (edge) {
        border += lum(x, y);
        ++nb;
      } else if (mid) {
        centre += lum(x, y);
        ++nc;
      }
    }
  // Not only the mean: the centre must also vary where the border is calm.
  return std::fabs(centre / nc - border / nb);
}

}  // namespace

TEST_CASE("the registry matches docs/illustrations.md exactly") {
  const auto doc = documented_variants();
  REQUIRE(doc.size() == 11);
  for (const auto& [kind, variants] : doc) {
    const il::KindInfo* k = il::find_kind(kind);
    REQUIRE_MESSAGE(k != nullptr, kind);
    CHECK(k->variants.size() == variants.size());
    for (const std::string& v : variants) CHECK_MESSAGE(il::has_variant(*k, v), kind << "/" << v);
  }
  CHECK(il::kinds().size() == doc.size());
}

TEST_CASE("every documented kind and variant draws a plausible object") {
  for (const auto& [kind, variants] : documented_variants()) {
    for (const std::string& v : variants) {
      CAPTURE(kind);
      CAPTURE(v);
      il::ShadeStats stats;
      il::RenderOptions opt;
      opt.stats = &stats;
      const il::Image img = il::render(recipe(kind, v, typical_material(kind), 3, 240, 180), opt);
      REQUIRE(img.rgb.size() == 240u * 180u * 3u);
      CHECK(stats.nonfinite == 0);
      const double coverage = stats.coverage / static_cast<double>(stats.pixels);
      CHECK(coverage > 0.04);  // the object is there (a necklace is mostly air)...
      CHECK(coverage < 0.85);  // ...and the ground shows round it
      const PixelStats ps = luminance(img);
      CHECK(ps.stddev > 6.0);  // not a flat image
      CHECK(centre_vs_border(img) > 3.0);
    }
  }
}

TEST_CASE("all materials draw on every kind without NaN") {
  const il::Material all[] = {il::Material::gold,   il::Material::silver, il::Material::gilded_silver, il::Material::bronze,
                              il::Material::clay,   il::Material::marble, il::Material::stone,         il::Material::fresco};
  for (const il::KindInfo& k : il::kinds()) {
    for (il::Material m : all) {
      CAPTURE(k.name);
      CAPTURE(il::material_name(m));
      il::ShadeStats stats;
      il::RenderOptions opt;
      opt.stats = &stats;
      (void)il::render(recipe(std::string(k.name), std::string(k.variants.front()), m, 5, 96, 72), opt);
      CHECK(stats.nonfinite == 0);
    }
  }
}

TEST_CASE("same recipe, same bytes; another seed, other pixels") {
  const il::Recipe a = recipe("plaque", "griffin", il::Material::gold, 42, 320, 240);
  const il::Image i1 = il::render(a);
  const il::Image i2 = il::render(a);
  CHECK(i1.rgb == i2.rgb);
  CHECK(il::encode_jpeg(i1) == il::encode_jpeg(i2));
  il::Recipe b = a;
  b.seed = 43;
  const il::Image i3 = il::render(b);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < i1.rgb.size(); ++i) differ += i1.rgb[i] != i3.rgb[i];
  CHECK(differ > i1.rgb.size() / 20);
}

TEST_CASE("a reused workspace does not leak state between images") {
  il::Workspace ws;
  const il::Recipe a = recipe("fresco", "couple", il::Material::fresco, 1, 200, 150);
  const il::Recipe b = recipe("vessel", "kylix", il::Material::clay, 2, 200, 150);
  const il::Image fresh = il::render(b);
  (void)il::render(a, {}, &ws);
  const il::Image reused = il::render(b, {}, &ws);
  CHECK(fresh.rgb == reused.rgb);
}

TEST_CASE("drawing in bands gives the same picture as drawing at once") {
  // Every variant: band overlaps are sized from the blurs each drawing measures.
  for (const il::KindInfo& k : il::kinds()) {
    for (std::string_view v : k.variants) {
      CAPTURE(k.name);
      CAPTURE(v);
      const il::Recipe r = recipe(std::string(k.name), std::string(v), typical_material(std::string(k.name)), 9, 200, 150);
      const il::Image whole = il::render(r);
      il::RenderOptions opt;
      opt.band_pixels = 200 * 60;  // forces several bands
      const il::Image banded = il::render(r, opt);
      REQUIRE(whole.rgb.size() == banded.rgb.size());
      // Rounding may differ (sums start at other rows); a seam or a shifted shape would not.
      std::size_t big = 0;
      double sum = 0.0;
      for (std::size_t i = 0; i < whole.rgb.size(); ++i) {
        const int d = std::abs(static_cast<int>(whole.rgb[i]) - static_cast<int>(banded.rgb[i]));
        big += d > 6;
        sum += d;
      }
      CHECK(sum / static_cast<double>(whole.rgb.size()) < 0.05);
      CHECK(static_cast<double>(big) / static_cast<double>(whole.rgb.size()) < 5e-4);
    }
  }
}

TEST_CASE("odd sizes: tall, tiny and non-square images work") {
  for (auto [w, h] : {std::pair{64, 64}, std::pair{90, 400}, std::pair{500, 70}}) {
    const il::Image img = il::render(recipe("coin", "stater", il::Material::gold, 1, w, h));
    CHECK(img.width == w);
    CHECK(img.height == h);
    CHECK(luminance(img).stddev > 2.0);
  }
}

TEST_CASE("unknown kinds and variants are refused") {
  CHECK_THROWS_AS(il::render(recipe("statue", "kouros", il::Material::marble, 1, 64, 64)), std::invalid_argument);
  CHECK_THROWS_AS(il::render(recipe("coin", "obol", il::Material::silver, 1, 64, 64)), std::invalid_argument);
}

TEST_CASE("JPEG output starts with SOI and writes atomically into new folders") {
  const il::Image img = il::render(recipe("ornament", "meander", il::Material::gold, 1, 120, 90));
  const std::vector<std::uint8_t> jpg = il::encode_jpeg(img);
  REQUIRE(jpg.size() > 200);
  CHECK(jpg[0] == 0xFF);
  CHECK(jpg[1] == 0xD8);
  const std::filesystem::path dir = std::filesystem::path(ORPHEUS_BINARY_DIR) / "illustrate-test-out";
  std::filesystem::remove_all(dir);
  const std::filesystem::path f = dir / "a" / "b" / "x.jpg";
  il::write_file_atomic(f, jpg);
  CHECK(std::filesystem::file_size(f) == jpg.size());
  for (const auto& e : std::filesystem::directory_iterator(f.parent_path()))
    CHECK(e.path().filename() == "x.jpg");  // no temporary left behind
  std::filesystem::remove_all(dir);
}
