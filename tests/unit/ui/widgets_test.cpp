// Widgets drawn into a draw list of their own, with the real fonts, no window and no GPU.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "ui/bidi_text.h"
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
  Drawing() : baked(bake_fonts(make_metrics(96), ORPHEUS_FONT_DIR, session::TextSize::normal)) {
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

TEST_SUITE("Right-to-left lines") {
  // Each glyph AddText draws is a quad: its left edge, and whether it is the ellipsis.
  struct Glyph {
    float x0, x1;
    bool ellipsis;
  };
  std::vector<Glyph> glyphs_drawn(Drawing& d, const std::function<void(ImDrawList*, ImFont*)>& draw) {
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRect({-10000, -10000}, {10000, 10000});
    dl.PushTextureID(d.baked.atlas->TexID);
    ImFont* font = d.baked.fonts.normal.body;
    draw(&dl, font);
    const ImFontGlyph* ell = font->FindGlyphNoFallback(0x2026);
    REQUIRE(ell != nullptr);
    std::vector<Glyph> out;
    for (int i = 0; i + 3 < dl.VtxBuffer.Size; i += 4) {
      const ImDrawVert& a = dl.VtxBuffer[i];
      const ImDrawVert& c = dl.VtxBuffer[i + 2];
      out.push_back({a.pos.x, c.pos.x, a.uv.x == ell->U0 && a.uv.y == ell->V0});
    }
    return out;
  }

  TEST_CASE("A cut line ends in an ellipsis on the side its paragraph ends: right for Latin, left for Hebrew") {
    Drawing d;
    const std::string hebrew = "הכתר הזהב של המלך התרקי מן הקבר הגדול בעמק המלכים";
    const std::string latin = "The golden wreath of the Thracian king from the great tomb";
    for (const auto& [text, rtl] : {std::pair{hebrew, true}, std::pair{latin, false}}) {
      CAPTURE(text);
      const Direction dir = rtl ? Direction::rtl : Direction::ltr;
      for (float align : {0.0f, 0.5f, 1.0f}) {
        CAPTURE(align);
        const auto g = glyphs_drawn(d, [&](ImDrawList* dl, ImFont* font) {
          const char* cut = text.data();
          font->CalcTextSizeA(font->FontSize, 260, 0, text.data(), text.data() + text.size(), &cut);
          draw_cut(dl, font, {250, 100}, 300, align, IM_COL32_WHITE,
                   {text.data(), static_cast<std::size_t>(cut - text.data())}, dir);
        });
        REQUIRE(g.size() > 5);
        const auto [left, right] = std::minmax_element(g.begin(), g.end(), [](const Glyph& a, const Glyph& b) { return a.x0 < b.x0; });
        CHECK(std::count_if(g.begin(), g.end(), [](const Glyph& x) { return x.ellipsis; }) == 1);
        CHECK((rtl ? left : right)->ellipsis);
        // Inside [250, 550], flush with the side asked for.
        CHECK(left->x0 >= 249);
        CHECK(right->x1 <= 551);
        if (align == 0.0f) CHECK(left->x0 < 260);
        if (align == 1.0f) CHECK(right->x1 > 540);
        if (align == 0.5f) CHECK(std::abs((left->x0 - 250) - (550 - right->x1)) < 15);
      }
    }
  }

  TEST_CASE("A long word breaks at its soft hyphen, drawn as \"-\" there and nowhere else") {
    Drawing d;
    const std::string word = "Sammlungs\u00ADgegenst\u00E4nde";  // 20 letters, one break point
    ImFont* font = d.baked.fonts.normal.body;
    const float whole = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "Sammlungsgegenst\u00E4nde").x;
    const float head = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "Sammlungs-").x;
    // Room for it all: one line of its 20 letters, the soft hyphen not drawn.
    auto g = glyphs_drawn(d, [&](ImDrawList* dl, ImFont* f) { text_block(dl, f, {0, 0}, whole + 20, IM_COL32_WHITE, word); });
    CHECK(g.size() == 20);
    CHECK(text_block(nullptr, font, {0, 0}, whole + 20, IM_COL32_WHITE, word) == doctest::Approx(font->FontSize));
    // Too narrow: "Sammlungs-" over "gegenstände", 21 glyphs on two lines, the first no wider than the column.
    const float narrow = (head + whole) * 0.5f;
    g = glyphs_drawn(d, [&](ImDrawList* dl, ImFont* f) { text_block(dl, f, {0, 0}, narrow, IM_COL32_WHITE, word); });
    CHECK(g.size() == 21);
    for (const Glyph& x : g) CHECK(x.x1 <= narrow + 1);
    CHECK(text_block(nullptr, font, {0, 0}, narrow, IM_COL32_WHITE, word) == doctest::Approx(2 * font->FontSize));
    // After another word on the line: the word's first part joins that line.
    const std::string two = "Die " + word;
    const float die = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "Die Sammlungs-").x;
    g = glyphs_drawn(d, [&](ImDrawList* dl, ImFont* f) { text_block(dl, f, {0, 0}, die + 4, IM_COL32_WHITE, two); });
    CHECK(g.size() == 24);
    CHECK(text_block(nullptr, font, {0, 0}, die + 4, IM_COL32_WHITE, two) == doctest::Approx(2 * font->FontSize));
  }

  TEST_CASE("A word found is marked where it is drawn, also in a right-to-left line") {
    Drawing d;
    constexpr ImU32 kMark = IM_COL32(255, 0, 0, 128);
    // The horizontal extent of the marks drawn behind `text` (a line 600 wide at x = 0).
    const auto marked = [&](std::string_view text, std::string_view word) {
      const std::size_t at = text.find(word);
      REQUIRE(at != std::string_view::npos);
      const core::TextSpan span{at, at + word.size()};
      const Marks marks{std::span(&span, 1), kMark};
      ImDrawList dl(ImGui::GetDrawListSharedData());
      dl._ResetForNewFrame();
      dl.PushClipRect({-10000, -10000}, {10000, 10000});
      dl.PushTextureID(d.baked.atlas->TexID);
      text_block(&dl, d.baked.fonts.normal.body, {0, 0}, 600, IM_COL32_WHITE, text, 1.0f, 0, &marks);
      float x0 = 1e9f, x1 = -1e9f;
      for (const ImDrawVert& v : dl.VtxBuffer)
        if (v.col == kMark) {
          x0 = std::min(x0, v.pos.x);
          x1 = std::max(x1, v.pos.x);
        }
      return std::pair{x0, x1};
    };
    const auto [gold0, gold1] = marked("Thracian gold", "gold");
    CHECK(gold0 > 50);  // after "Thracian "
    CHECK(gold1 < 300);
    // Flush right, and the first word in the logical order is drawn rightmost.
    const auto [first0, first1] = marked("שלום עולם", "שלום");
    const auto [second0, second1] = marked("שלום עולם", "עולם");
    CHECK(first1 > 590);
    CHECK(first1 < 610);
    CHECK(second1 < first0);
    CHECK(second0 > 400);
  }
}

#include "ui/narration_bar.h"

TEST_SUITE("Narration transcript") {
  TEST_CASE("The sentence spoken at a time: the last that started, none before the first") {
    catalog::Narration n;
    n.duration_ms = 9000;
    for (int start : {300, 2500, 2600, 7000}) n.sentences.push_back({catalog::NarrationSentence::Part::description, 0, 1, start});
    CHECK(sentence_at(n, 0) == -1);
    CHECK(sentence_at(n, 299) == -1);
    CHECK(sentence_at(n, 300) == 0);
    CHECK(sentence_at(n, 2599) == 1);
    CHECK(sentence_at(n, 2600) == 2);
    CHECK(sentence_at(n, 6999) == 2);
    CHECK(sentence_at(n, 9000) == 3);
    CHECK(sentence_at(catalog::Narration{}, 100) == -1);
    CHECK(clock_text(0) == "0:00");
    CHECK(clock_text(7400) == "0:07");
    CHECK(clock_text(65000) == "1:05");
    CHECK(clock_text(760000) == "12:40");
    CHECK(clock_text(-5) == "0:00");
  }

  TEST_CASE("A wrapped text tells where the line holding a sentence begins, measured or drawn") {
    Drawing d;
    ImFont* font = d.baked.fonts.normal.body;
    const std::string text =
        "The first sentence is short. The second one goes on for a good while, long enough to wrap onto a further line "
        "of the column. The third starts later still, after the second has wrapped more than once in this narrow column.";
    const core::TextSpan third{text.find("The third"), text.size()};
    float y = -1;
    const Marks marks{std::span(&third, 1), IM_COL32(200, 160, 90, 100), &y};
    const float h = text_block(nullptr, font, {10, 100}, 300, IM_COL32_WHITE, text, 1.4f, 0, &marks);
    REQUIRE(y >= 100);
    CHECK(y > 100 + font->FontSize * 1.4f);  // not on the first line
    CHECK(y < 100 + h);
    // The same place when drawn.
    float drawn = -1;
    const Marks marks2{std::span(&third, 1), IM_COL32(200, 160, 90, 100), &drawn};
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRect({-10000, -10000}, {10000, 10000});
    dl.PushTextureID(d.baked.atlas->TexID);
    text_block(&dl, font, {10, 100}, 300, IM_COL32_WHITE, text, 1.4f, 0, &marks2);
    CHECK(drawn == y);
    // The first sentence is on the first line.
    const core::TextSpan first{0, 28};
    const Marks marks3{std::span(&first, 1), 0, &drawn};
    text_block(nullptr, font, {10, 100}, 300, IM_COL32_WHITE, text, 1.4f, 0, &marks3);
    CHECK(drawn == 100);
  }
}
