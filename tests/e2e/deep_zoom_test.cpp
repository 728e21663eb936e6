// Deep zoom on the real binary: the largest image of the demo pack, zoomed in to beyond full
// resolution and panned across. What the screen shows must be the source image's own pixels
// (from the tiles), not the display image blown up: a crop of each screenshot is compared with
// the same region resampled from the pack's original and from its display image.
#include <cmath>

#include "catalog/catalog.h"
#include "kiosk.h"

using namespace orpheus;
using namespace orpheus::e2e;

namespace {

// Bilinear sample of `img` at (x, y) in its pixel coordinates (pixel centres at +0.5), as
// GL's linear filtering does; channel c.
double sample(const media::Image& img, double x, double y, int c) {
  x = std::clamp(x - 0.5, 0.0, img.width - 1.0);
  y = std::clamp(y - 0.5, 0.0, img.height - 1.0);
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, img.width - 1), y1 = std::min(y0 + 1, img.height - 1);
  const double fx = x - x0, fy = y - y0;
  const auto px = [&](int xx, int yy) {
    return static_cast<double>(img.pixels[(static_cast<std::size_t>(yy) * img.width + xx) * img.channels + c]);
  };
  return (px(x0, y0) * (1 - fx) + px(x1, y0) * fx) * (1 - fy) + (px(x0, y1) * (1 - fx) + px(x1, y1) * fx) * fy;
}

// Mean absolute difference per channel between the screenshot's region [x0, x1) x [y0, y1)
// and `source` (of the image's full width) placed as the viewer state says: a screen point s
// shows image point (s - offset) / scale.
double difference(const media::Image& shot, const media::Image& source, int full_width, const Json& viewer,
                  int x0, int y0, int x1, int y1) {
  const double scale = viewer["scale"], ox = viewer["offset"][0], oy = viewer["offset"][1];
  const double k = static_cast<double>(source.width) / full_width;  // source pixels per image pixel
  double sum = 0;
  long n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      for (int c = 0; c < 3; ++c, ++n) {
        const double ix = (x + 0.5 - ox) / scale * k, iy = (y + 0.5 - oy) / scale * k;
        sum += std::abs(shot.pixels[(static_cast<std::size_t>(y) * shot.width + x) * shot.channels + c] - sample(source, ix, iy, c));
      }
  return sum / static_cast<double>(n);
}

// The centre of the 256-pixel block of `original` where the display image loses the most
// detail: where the tiles must show what the display image cannot.
std::pair<double, double> most_detail(const media::Image& original, const media::Image& display) {
  const int block = 256;
  const double k = static_cast<double>(display.width) / original.width;
  double best = -1;
  std::pair<double, double> at{original.width / 2.0, original.height / 2.0};
  for (int by = block; by + 2 * block <= original.height; by += block)
    for (int bx = block; bx + 2 * block <= original.width; bx += block) {
      double sum = 0;
      for (int y = by; y < by + block; y += 4)
        for (int x = bx; x < bx + block; x += 4)
          sum += std::abs(original.pixels[(static_cast<std::size_t>(y) * original.width + x) * original.channels + 1] -
                          sample(display, (x + 0.5) * k, (y + 0.5) * k, 1));
      if (sum > best) {
        best = sum;
        at = {bx + block / 2.0, by + block / 2.0};
      }
    }
  return at;
}

}  // namespace

TEST_SUITE("Deep zoom") {
  TEST_CASE("Zoomed to full resolution and panned across, the screen shows the source's own pixels") {
    const auto snap = catalog::load_snapshot(ORPHEUS_DEMO_PACK);
    // The largest image with a tile pyramid, and where to find it.
    const catalog::Item* item = nullptr;
    int index = 0;
    for (const auto& it : snap->items)
      for (std::size_t i = 0; i < it.media.size(); ++i)
        if (it.media[i].tile_levels > 0 &&
            (!item || static_cast<long>(it.media[i].width) * it.media[i].height >
                          static_cast<long>(item->media[static_cast<std::size_t>(index)].width) *
                              item->media[static_cast<std::size_t>(index)].height)) {
          item = &it;
          index = static_cast<int>(i);
        }
    REQUIRE_MESSAGE(item, "the demo pack has no image with a tile pyramid");
    const auto& media = item->media[static_cast<std::size_t>(index)];
    INFO("item " << item->slug << ", image " << index << ": " << media.width << "x" << media.height);
    const auto* coll = snap->find_collection(item->collection_id);
    REQUIRE(coll);
    catalog::MediaReader reader(ORPHEUS_DEMO_PACK);
    const auto original = media::decode(reader.read(media.id, catalog::MediaVariant::original));
    const auto display = media::decode(reader.read(media.id, catalog::MediaVariant::display));
    REQUIRE(original.width == media.width);

    // At 20 frames a second of virtual time (e2e::kCoarseFrames): the drags and the zoom's spring
    // pass through fewer views, each of them tiles to decode; where they come to rest is the same.
    const std::vector<std::string> open = {
        kCoarseFrames, R"({"t_ms": 300, "tap_target": "collection.)" + coll->slug + R"("})",
        R"({"t_ms": 1500, "tap_target": "item.)" + item->slug + R"("})",
        R"({"t_ms": 2500, "tap_target": "item.media.)" + std::to_string(index) + R"(", "if_present": true})",
        R"({"t_ms": 3500, "tap_target": "item.image"})", R"({"state": "$DIR/fit.json"})"};
    // First run: where the image lies at fit, to aim at its most detailed part.
    auto probe_lines = open;
    probe_lines.push_back(R"({"quit": true})");
    const auto probe = run_kiosk(probe_lines);
    REQUIRE(probe.result.exit_code == 0);
    const auto fit = probe.state("fit.json");
    REQUIRE(fit["screen"] == "viewer");
    CHECK(fit["viewer"]["level"] == -1);  // at fit the display image is enough
    CHECK(fit["viewer"]["sharp"] == true);
    const auto [px, py] = most_detail(original, display);
    const double fs = fit["viewer"]["scale"];
    const std::string focal = std::to_string(fit["viewer"]["offset"][0].get<double>() + px * fs) + ", " +
                              std::to_string(fit["viewer"]["offset"][1].get<double>() + py * fs);

    // Second run: in there by a double tap, then a pinch far beyond the limit (it springs back
    // to the viewer's maximum, twice full resolution), then four long drags across the image.
    auto lines = open;
    lines.insert(lines.end(), {R"({"t_ms": 5000, "double_tap": [)" + focal + "]}",
                               R"({"t_ms": 6500, "pinch": [)" + focal + R"(, 100, 1000], "ms": 500})",
                               R"({"t_ms": 8500})", R"({"state": "$DIR/zoomed.json"})",
                               R"({"screenshot": "$DIR/zoomed.png"})"});
    for (int i = 0; i < 4; ++i)
      lines.push_back(R"({"t_ms": )" + std::to_string(10000 + i * 1500) + R"(, "drag": [1600, 900, 300, 250], "ms": 600})");
    lines.insert(lines.end(), {R"({"t_ms": 17000})", R"({"state": "$DIR/panned.json"})",
                               R"({"screenshot": "$DIR/panned.png"})", R"({"quit": true})"});
    const auto run = run_kiosk(lines);
    INFO("kiosk stderr:\n" << run.result.err);
    REQUIRE(run.result.exit_code == 0);

    for (const std::string name : {"zoomed", "panned"}) {
      CAPTURE(name);
      const auto state = run.state(name + ".json");
      const auto& v = state["viewer"];
      CHECK(v["scale"].get<double>() >= 1.0);  // at least full resolution
      CHECK(v["level"] == 0);
      CHECK(v["sharp"] == true);
      CHECK(v["tiles_drawn"].get<int>() > 0);
      CHECK(state["textures"]["failed"] == 0);  // every tile on screen decoded and uploaded
      const auto shot = run.screenshot(name + ".png");
      // Zoomed: around the detailed point (kept under the fingers); panned: the middle of the
      // screen. Both away from the controls and the caption band.
      int cx = 960, cy = 500;
      if (name == "zoomed") {
        cx = std::clamp(static_cast<int>(v["offset"][0].get<double>() + px * v["scale"].get<double>()), 400, 1520);
        cy = std::clamp(static_cast<int>(v["offset"][1].get<double>() + py * v["scale"].get<double>()), 300, 700);
      }
      const double from_source = difference(shot, original, media.width, v, cx - 300, cy - 200, cx + 300, cy + 200);
      const double from_display = difference(shot, display, media.width, v, cx - 300, cy - 200, cx + 300, cy + 200);
      MESSAGE(name << ": mean difference from the original " << from_source << ", from the display image " << from_display);
      CHECK(from_source < 3.0);  // the tiles' own pixels, up to JPEG noise
      // ... with detail the display image does not have.
      if (name == "zoomed") CHECK(from_source < from_display * 0.5);
    }
    // The pan moved the view by about the drags' length (less the rubber band at the edge).
    const auto z = run.state("zoomed.json")["viewer"]["offset"], p = run.state("panned.json")["viewer"]["offset"];
    CHECK(p[0].get<double>() < z[0].get<double>() - 1500);
    CHECK(p[1].get<double>() < z[1].get<double>() - 600);
  }
}
