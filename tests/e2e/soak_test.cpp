// Soak: the real binary driven through 10,000 item visits, each opening the full-screen
// viewer and pinching into the image's tiles, on a pack of small deep-zoom images, a small
// window and a time-lapse replay clock (so the run takes minutes), and a 32 MB texture budget
// with more images than fit in it (so eviction runs all along). Memory must stay flat: the
// resident size and the texture memory at the end within 10% of what they were after the
// first 100 visits. ORPHEUS_SOAK_VISITS sets another number of visits (CTest runs fewer, see
// tests/e2e/CMakeLists.txt).
#include <cstdlib>

#include "kiosk.h"
#include "support/soak_pack.h"

using namespace orpheus;
using namespace orpheus::e2e;

TEST_SUITE("Soak") {
  TEST_CASE("10,000 item visits with zooms: resident and texture memory stay within 10% of the 100th visit's") {
    const char* env = std::getenv("ORPHEUS_SOAK_VISITS");
    const int visits = env ? std::max(200, std::atoi(env)) : 10000;
    test::TempDir temp;
    const std::string pack = (temp.path() / "soak.db").string();
    test::make_soak_pack(ORPHEUS_DEMO_PACK, pack, 120);

    // 100 ms of virtual time per frame: a fade-in takes 3 frames instead of 13.
    std::vector<std::string> lines = {R"({"frame_ms": 100})", R"({"t_ms": 300, "tap_target": "collection.soak"})",
                                      R"({"t_ms": 1000, "tap_target": "item.soak-0"})"};
    double t = 2000;
    const auto at = [&](const std::string& step) {
      lines.push_back(R"({"t_ms": )" + std::to_string(static_cast<long>(t)) + ", " + step + "}");
      t += 400;  // beyond the double-tap window: a tap and the next touch stay two gestures
    };
    for (int v = 1; v <= visits; ++v) {
      at(R"("tap_target": "item.image")");
      // Into the tiles (3 to 6 times the fit), about a point that moves from visit to visit.
      at(R"("pinch": [)" + std::to_string(120 + v % 5 * 20) + ", 110, 40, " + std::to_string(120 + (v % 7) * 20) +
         R"(], "ms": 300)");
      at(R"("tap_target": "viewer.close")");
      at(R"("tap_target": "item.next")");
      if (v == 100) lines.push_back(R"({"state": "$DIR/visit-100.json"})");
    }
    lines.push_back(R"({"state": "$DIR/end.json"})");
    lines.push_back(R"({"quit": true})");
    const auto run = run_kiosk(lines, pack, {"--windowed", "320x240", "--set", "media.texture_budget_mb=32"}, 1500);
    INFO("kiosk stderr (last 4000 bytes):\n" << run.result.err.substr(run.result.err.size() > 4000 ? run.result.err.size() - 4000 : 0));
    REQUIRE(run.result.exit_code == 0);

    const auto early = run.state("visit-100.json"), end = run.state("end.json");
    CHECK(end["screen"] == "item");
    // Every visit went through: each loads the tiles of a new item's image.
    CHECK(end["textures"]["uploaded"].get<long>() > visits * 20L);
    CHECK(end["textures"]["evicted"].get<long>() > visits * 10L);
    CHECK(end["textures"]["failed"] == 0);
    const double rss0 = early["rss_bytes"], rss1 = end["rss_bytes"];
    const double tex0 = early["textures"]["bytes"], tex1 = end["textures"]["bytes"];
    MESSAGE("after 100 visits: resident " << rss0 / 1e6 << " MB, textures " << tex0 / 1e6 << " MB; after " << visits
                                          << ": resident " << rss1 / 1e6 << " MB, textures " << tex1 / 1e6 << " MB");
    CHECK(std::abs(rss1 - rss0) <= 0.1 * rss0);
    CHECK(std::abs(tex1 - tex0) <= 0.1 * tex0);
    CHECK(tex1 <= end["textures"]["budget"].get<double>() * 1.05);  // the budget holds (a frame's own images may exceed it)
  }
}
