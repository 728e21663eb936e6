// Widgets drawn into a draw list of their own, with the real fonts, no window and no GPU.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "ui/fonts.h"
#include "ui/widgets.h"

using namespace orpheus;
using namespace orpheus::ui;

namespace {

class NoImages final : public ImageProvider {
 public:
  ImageView image(std::int64_t, catalog::MediaVariant) override { return {}; }
  ImageView image_covering(std::int64_t, catalog::MediaVariant, int, int) override { return {}; }
  ImageView tile(std::int64_t, media::TileId, bool) override { return {}; }
};

// One ImGui context, the fonts at 96 dpi, and what a frame refers to.
struct Drawing {
  Drawing() : baked(bake_fonts(make_metrics(96), ORPHEUS_FONT_DIR, false)) {
    context = ImGui::CreateContext(baked.atlas.get());
    theme.metrics = baked.metrics;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {1920, 1080};
    io.DeltaTime = 1 / 60.0f;
    io.IniFilename = nullptr;  // no imgui.ini left in the working folder
    ImGui::NewFrame();  // sets up the draw lists' shared data (circle segments, line texture)
  }
  ~Drawing() {
    ImGui::EndFrame();
    ImGui::DestroyContext(context);
  }
  Drawing(const Drawing&) = delete;
  Drawing& operator=(const Drawing&) = delete;

  // The vertices title_placeholder() draws into a fresh list.
  std::vector<ImDrawVert> placeholder(const Rect& r, std::string_view title, std::string_view seed) {
    catalog::Snapshot snapshot;
    session::Route route;
    const std::string language = "fr";
    const std::vector<std::string> languages = {"fr"};
    const touch::GestureFrame gesture;
    NoImages images;
    std::vector<session::Intent> intents;
    std::vector<Target> targets;
    UiFrame f{snapshot, route, language, languages, gesture, images, strings, theme, baked.fonts.normal, 0, 16,
              intents, targets};
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRect({-10000, -10000}, {10000, 10000});
    dl.PushTextureID(baked.atlas->TexID);
    title_placeholder(f, &dl, r, title, seed, theme.metrics.radius);
    return {dl.VtxBuffer.begin(), dl.VtxBuffer.end()};
  }

  BakedFonts baked;
  ImGuiContext* context = nullptr;
  Strings strings;
  Theme theme;
};

bool same(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].col != b[i].col) return false;
  return true;
}

}  // namespace

TEST_SUITE("Title placeholder") {
  TEST_CASE("A card without a picture gets the same pattern for the same name, in every language") {
    Drawing d;
    const Rect r{{100, 100}, {440, 355}};
    const auto a = d.placeholder(r, "Amphore", "item.amphora");
    REQUIRE_FALSE(a.empty());
    CHECK(same(a, d.placeholder(r, "Amphore", "item.amphora")));
    // The title changes with the language, the pattern under it does not.
    for (const char* seed : {"item.amphora", "item.kylix", "item.lamp", "collection.coins"}) {
      CAPTURE(seed);
      const auto pattern = d.placeholder(r, "", seed);
      for (const char* title : {"Amphore", "Anfora", "Αμφορέας"}) {
        const auto v = d.placeholder(r, title, seed);
        REQUIRE(v.size() > pattern.size());
        CHECK(same(pattern, {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(pattern.size())}));
      }
    }
  }

  TEST_CASE("Different names get different patterns, and each is a few dozen shapes") {
    Drawing d;
    const Rect r{{0, 0}, {340, 255}};
    std::set<std::size_t> kinds;
    std::size_t most = 0;
    for (int i = 0; i < 24; ++i) {
      const auto v = d.placeholder(r, "", "item.object-" + std::to_string(i));
      kinds.insert(v.size());
      most = std::max(most, v.size());
    }
    CHECK(kinds.size() >= 3);  // the frieze, the hatching, the frame
    // A few dozen lines and shapes: some hundreds of vertices (about 800 today), not thousands.
    CHECK(most < 1500);
  }

  TEST_CASE("The title and the pattern stay inside the picture's place, whatever the title") {
    Drawing d;
    const std::string long_title =
        "Lécythe funéraire à fond blanc représentant une femme assise devant une stèle ornée de bandelettes, "
        "avec un jeune homme qui lui tend un coffret, et une inscription peinte au-dessus de la scène";
    for (const Rect& r : {Rect{{0, 0}, {340, 255}}, Rect{{50, 20}, {250, 120}}, Rect{{0, 0}, {30, 20}}})
      for (int i = 0; i < 6; ++i)
        for (const std::string& title : {std::string("Askos"), long_title, std::string(200, 'W'), std::string("Ελληνικά")}) {
          CAPTURE(title);
          const auto v = d.placeholder(r, title, "collection.c" + std::to_string(i));
          bool inside = true;
          for (const auto& p : v)
            inside = inside && p.pos.x >= r.min.x - 1 && p.pos.x <= r.max.x + 1 && p.pos.y >= r.min.y - 1 && p.pos.y <= r.max.y + 1;
          CHECK(inside);
        }
  }
}
