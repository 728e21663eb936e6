// Search: a visitor types a few letters on the on-screen keyboard, in either alphabet, and the
// objects appear as they type (catalog::SearchIndex: both scripts, prefixes, one typo), the words
// found marked in each card. With nothing typed it suggests the pack's collections and themes; when
// nothing is found it says so calmly and offers the nearest spellings that find something.
// Reached from every screen by the magnifier beside Home; Back from an object returns to the
// results as they were. The idle reset forgets the query with the rest of the visitor's screens.
//
// The index is built once per pack, on the low-priority worker when the pack is shown, and shared
// by every visitor; every keystroke starts a search on the worker that supersedes the last one, and
// the results are drawn in the frame they are delivered.
#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog/search_index.h"
#include "core/log.h"
#include "touch/scroll.h"
#include "ui/keyboard.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

using catalog::SearchIndex;

constexpr std::size_t kMaxResults = 300;  // more than anyone scrolls through: "more than 300"
constexpr std::size_t kFirstLined = 24;   // cards whose lines come with the first delivery: a screenful
constexpr std::size_t kThemes = 8;        // tags suggested with an empty query

// What search derives from a whole pack: the index, and the themes offered before anything is
// typed (the tags most objects share).
struct PackSearch {
  SearchIndex index;
  std::vector<std::string> themes;  // tag slugs
};
using PackSearchPtr = std::shared_ptr<const PackSearch>;

PackSearch derive(const catalog::Snapshot& snapshot) {
  PackSearch out{SearchIndex::build(snapshot), {}};
  std::map<std::string, std::size_t> count;
  for (const auto& item : snapshot.items)
    for (const auto& tag : item.tags) ++count[tag];
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& [tag, n] : count)
    if (snapshot.tags.count(tag)) ranked.emplace_back(n, tag);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < ranked.size() && i < kThemes; ++i) out.themes.push_back(ranked[i].second);
  return out;
}

// The search of the pack shown, built once on the low-priority worker when the pack is shown and
// shared by every visitor's instance of the screen. Main thread.
class PackIndex {
 public:
  void build(std::shared_ptr<const catalog::Snapshot> snapshot, core::Background& background) {
    built_.reset();
    failed_ = false;
    building_ = std::make_unique<core::Request<PackSearchPtr>>(background, core::Priority::low);
    building_->start([snapshot = std::move(snapshot)](const core::Cancelled&) {
      return std::make_shared<const PackSearch>(derive(*snapshot));
    });
  }
  // Null until built (or if it could not be).
  const PackSearchPtr& get() {
    try {
      if (building_)
        if (auto built = building_->take()) built_ = std::move(*built);
    } catch (const std::exception& e) {
      log::error("search", std::string("cannot build the search index: ") + e.what());
      failed_ = true;
    }
    return built_;
  }
  bool failed() const { return failed_; }

 private:
  std::unique_ptr<core::Request<PackSearchPtr>> building_;
  PackSearchPtr built_;
  bool failed_ = false;
};

class SearchScreen final : public Screen {
 public:
  SearchScreen(const ScreenContext& context, std::shared_ptr<PackIndex> index)
      : index_(std::move(index)), keyboard_(context.keyboards), searching_(context.background) {}

  void prepare(const catalog::Snapshot& snapshot) override { snapshot_ = &snapshot; }

  void draw(UiFrame& f) override;

  void state(nlohmann::json& out) const override {
    auto& s = out["search"];
    s["query"] = query_;
    s["ready"] = ready_;
    s["searching"] = searching_.pending();
    s["keyboard"] = keyboard_shown_ ? std::string(keyboard_.layout() ? keyboard_.layout()->id : "") : "";
    s["results"] = nlohmann::json::array();
    if (snapshot_)
      for (const auto& r : found_.items) s["results"].push_back(snapshot_->items[r.item].slug);
    s["did_you_mean"] = found_.did_you_mean;
  }

 private:
  // Searches query_ (superseding): the first screenful with its lines, or all of them.
  void start_search(const UiFrame& f, std::size_t lined = kFirstLined);
  float query_field(UiFrame& f, float top);
  void draw_results(UiFrame& f, const Rect& area);
  void draw_suggestions(UiFrame& f, const Rect& area);
  // A row of pill buttons (target name, label), wrapping; returns the y below them. `picked`: the
  // name of the one tapped.
  float chips(UiFrame& f, float x, float y, float right, const std::vector<std::pair<std::string, std::string>>& items,
              std::string* picked);

  std::shared_ptr<PackIndex> index_;
  const catalog::Snapshot* snapshot_ = nullptr;
  OnScreenKeyboard keyboard_;
  bool keyboard_shown_ = true;
  std::string query_;
  core::Request<SearchIndex::Page> searching_;
  SearchIndex::Page found_;  // of the last search delivered
  bool ready_ = false;       // the index is there
  touch::ScrollAxis scroll_;
};

void SearchScreen::start_search(const UiFrame& f, std::size_t lined) {
  const PackSearchPtr search = index_->get();
  if (!search) return;
  searching_.start([&snap = f.snapshot, search, query = query_, lang = f.language, lined](const core::Cancelled& cancelled) {
    return search->index.page(snap, query, lang, kMaxResults, lined, cancelled);
  });
}

void SearchScreen::draw(UiFrame& f) {
  const auto& m = f.metrics();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  if (auto delivered = searching_.take()) {
    if (delivered->typed != found_.typed) {  // new results: from the top
      scroll_.set_offset(0);
      f.route.scroll = 0;
    }
    found_ = std::move(*delivered);
    if (found_.typed == query_) f.note_usage({found_.typed, static_cast<std::int64_t>(found_.items.size()), {}});
    // The first screenful came with its lines: the rest follow, unless the visitor types on.
    if (found_.lined < found_.items.size() && found_.typed == query_) start_search(f, SIZE_MAX);
  }
  // The index arrived, the visitor typed or changed language: search again (superseding).
  const bool was_ready = ready_;
  ready_ = index_->get() != nullptr;
  if (ready_ && (!was_ready || found_.typed != query_ || found_.language != f.language) && !searching_.pending())
    start_search(f);

  // The results scroll between the field and the keyboard, which is drawn over them (a pressed
  // key's enlarged letter rises above it).
  const float field_bottom = query_field(f, m.bar_height + m.px(4));
  const Rect area{{0, field_bottom + m.px(3)}, {size.x, size.y - (keyboard_shown_ ? keyboard_.height(f) : 0)}};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(area.min, area.max, true);
  if (query_.empty() || found_.items.empty())
    draw_suggestions(f, area);
  else
    draw_results(f, area);
  dl->PopClipRect();
  if (keyboard_shown_) {
    if (keyboard_.draw(f, query_)) start_search(f);
    if (keyboard_.hide_requested()) {
      keyboard_shown_ = false;
      f.animating = true;
    }
  }
  top_bar(f, f.tr("search.title", "Search"), false);
}

float SearchScreen::query_field(UiFrame& f, float top) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const Rect r{{m.margin, top}, {size.x - m.margin, top + std::max(m.px(17), f.fonts.lead->FontSize * 1.6f)}};  // taller for bigger text
  dl->AddRectFilled(r.min, r.max, c.surface, r.height() * 0.5f);
  dl->AddRect(r.min, r.max, keyboard_shown_ ? c.accent : c.outline, r.height() * 0.5f, 0, std::max(1.0f, m.mm * 0.4f));
  const float icon = r.height() * 0.42f;
  draw_icon(dl, Icon::search, {r.min.x + r.height() * 0.5f, r.center().y}, icon, c.text_muted);
  ImFont* font = f.fonts.lead;
  const float x = r.min.x + r.height();
  const float y = r.center().y - font->FontSize * 0.55f;
  // What was found, on the right: "12 objects", "more than 300 objects".
  std::string count;
  if (!query_.empty() && ready_ && found_.typed == query_ && !found_.items.empty())
    count = found_.items.size() >= kMaxResults
                ? f.trn("search.many", "more than {n} object", "more than {n} objects", kMaxResults)
                : format_count(f, found_.items.size());
  else if (!query_.empty() && !ready_)
    count = std::string(f.tr("search.preparing", "Preparing the search…"));
  const float count_w = f.fonts.ui->CalcTextSizeA(f.fonts.ui->FontSize, FLT_MAX, 0, count.c_str()).x;
  dl->AddText(f.fonts.ui, f.fonts.ui->FontSize, {r.max.x - r.height() * 0.5f - count_w, r.center().y - f.fonts.ui->FontSize * 0.55f},
              c.text_muted, count.c_str());
  const float text_w = r.max.x - r.height() * 0.5f - count_w - m.px(4) - x;
  if (query_.empty()) {
    text_line(dl, font, {x, y}, text_w, c.text_muted, f.tr("search.placeholder", "Type a name, a place, a word"));
  } else {
    // The end of a long query stays in view, where the visitor types.
    const char* b = query_.c_str();
    const char* e = b + query_.size();
    while (b < e && font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, e).x > text_w - m.px(2)) {
      ++b;
      while (b < e && (static_cast<unsigned char>(*b) & 0xC0) == 0x80) ++b;
    }
    dl->AddText(font, font->FontSize, {x, y}, c.text, b, e);
    const float caret = x + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, e).x + m.px(0.8f);
    dl->AddLine({caret, y}, {caret, y + font->FontSize * 1.1f}, c.accent, std::max(2.0f, m.mm * 0.5f));
  }
  // Touching the field brings the keyboard back.
  if (tapped(f, r, "search.field") && !keyboard_shown_) {
    keyboard_shown_ = true;
    f.animating = true;
  }
  return r.max.y;
}

void SearchScreen::draw_results(UiFrame& f, const Rect& area) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const float avail = area.width() - 2 * m.margin;
  // Cards at least 78 mm wide, wider for bigger text: fewer columns, titles that still fit.
  const int cols = std::max(1, static_cast<int>((avail + m.gap) / (std::max(m.px(78), f.fonts.ui->FontSize * 13) + m.gap)));
  const float card_w = (avail - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float image_h = card_w * 0.62f;
  const float card_h = image_h + m.px(5) + f.fonts.ui->FontSize * 1.15f * 2 + f.fonts.small->FontSize + m.px(6);
  const float row_h = card_h + m.gap;
  const std::size_t n = found_.items.size();
  const std::size_t rows = (n + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols);
  const float content_h = m.px(2) + static_cast<float>(rows) * row_h + m.margin;
  const float offset = vertical_scroll(f, scroll_, area, content_h);
  const float origin = area.min.y + m.px(2) - offset;
  // Virtualised: only the rows in view are drawn.
  const auto first_row = static_cast<std::size_t>(std::max(0.0f, (offset - m.px(2)) / row_h));
  const auto last_row = static_cast<std::size_t>(std::max(0.0f, (offset + area.height()) / row_h));
  const ImU32 mark = with_alpha(c.accent, 0.45f);
  for (std::size_t row = first_row; row <= last_row && row < rows; ++row)
    for (std::size_t col = 0; col < static_cast<std::size_t>(cols); ++col) {
      const std::size_t i = row * static_cast<std::size_t>(cols) + col;
      if (i >= n) break;
      const SearchIndex::Shown& res = found_.items[i];
      const auto& item = f.snapshot.items[res.item];
      const float x = m.margin + static_cast<float>(col) * (card_w + m.gap);
      const float y = origin + static_cast<float>(row) * row_h;
      std::optional<std::int64_t> media;
      if (!item.media.empty()) media = item.media.front().id;
      const Marks title{res.title_marks, mark}, line{res.line_marks, mark};
      if (card(f, {{x, y}, {x + card_w, y + card_h}}, image_h, media, f.text(item.title), res.line, f.fonts.ui,
               "item." + item.slug, area, &title, &line))
        f.intents.push_back(session::intent::OpenItem{item.id});
    }
}

float SearchScreen::chips(UiFrame& f, float x0, float y, float right, const std::vector<std::pair<std::string, std::string>>& items,
                          std::string* picked) {
  const auto& m = f.metrics();
  ImFont* font = f.fonts.ui;
  float x = x0;
  for (const auto& [name, label] : items) {
    const float w = std::min(right - x0, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str()).x + m.px(10));
    if (x + w > right && x > x0) {
      x = x0;
      y += m.target + m.px(3);
    }
    // A chip that does not fit above the keyboard (a short window, reach mode) is left out: drawn
    // clipped under the keys, it would take their taps.
    if (y + m.target > ImGui::GetWindowDrawList()->GetClipRectMax().y + 0.5f) break;
    if (button(f, {{x, y}, {x + w, y + m.target}}, name, label, Icon::none) && picked) *picked = name;
    x += w + m.px(3);
  }
  return y + m.target + m.px(3);
}

void SearchScreen::draw_suggestions(UiFrame& f, const Rect& area) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const float x = m.margin, right = area.max.x - m.margin;
  float y = area.min.y + m.px(3);
  const auto heading = [&](std::string_view text, ImU32 color, ImFont* font) {
    text_line(dl, font, {x, y}, right - x, color, text);
    y += font->FontSize * 1.5f;
  };
  const bool nothing_found = !query_.empty() && ready_ && found_.typed == query_ && found_.items.empty();
  if (!query_.empty() && !ready_) {
    heading(index_->failed() ? f.tr("search.unavailable", "Search is not available at the moment") : f.tr("search.preparing", "Preparing the search…"), c.text_muted, f.fonts.lead);
    return;
  }
  if (nothing_found) {
    heading(f.trf("search.none", "Nothing found for “{q}”", {{"q", query_}}), c.text, f.fonts.lead);
    if (!found_.did_you_mean.empty()) {
      heading(f.tr("search.did_you_mean", "Did you mean"), c.accent, f.fonts.ui);
      std::vector<std::pair<std::string, std::string>> options;
      for (std::size_t i = 0; i < found_.did_you_mean.size(); ++i)
        options.emplace_back("search.suggestion." + std::to_string(i), found_.did_you_mean[i]);
      std::string picked;
      y = chips(f, x, y, right, options, &picked);
      for (std::size_t i = 0; i < options.size(); ++i)
        if (picked == options[i].first) {
          query_ = options[i].second;
          start_search(f);
        }
      y += m.px(3);
    }
    heading(f.tr("search.explore", "Or explore"), c.text_muted, f.fonts.ui);
  } else if (!query_.empty()) {
    return;  // the first results are on their way
  }
  // The pack's collections, then its themes.
  heading(f.tr("search.collections", "Collections"), c.accent, f.fonts.ui);
  std::vector<std::pair<std::string, std::string>> collections;
  for (const auto& coll : f.snapshot.collections) collections.emplace_back("collection." + coll.slug, f.text(coll.title));
  std::string picked;
  y = chips(f, x, y, right, collections, &picked);
  for (const auto& coll : f.snapshot.collections)
    if (picked == "collection." + coll.slug) f.intents.push_back(session::intent::OpenCollection{coll.id});
  const PackSearchPtr& search = index_->get();
  if (!search || search->themes.empty()) return;
  y += m.px(3);
  heading(f.tr("search.themes", "Themes"), c.accent, f.fonts.ui);
  std::vector<std::pair<std::string, std::string>> themes;
  for (const auto& tag : search->themes) themes.emplace_back("search.theme." + tag, f.text(f.snapshot.tags.at(tag)));
  picked.clear();
  chips(f, x, y, right, themes, &picked);
  for (const auto& [name, label] : themes)
    if (picked == name) {
      query_ = label;
      start_search(f);
    }
}

}  // namespace

ScreenEntry search_screen() {
  auto index = std::make_shared<PackIndex>();
  ScreenEntry e{"search", [index](const ScreenContext& c) { return std::make_unique<SearchScreen>(c, index); }, Icon::search};
  e.beside_home = true;
  e.pack_shown = [index](std::shared_ptr<const catalog::Snapshot> snapshot, const ScreenContext& c) {
    index->build(std::move(snapshot), c.background);
  };
  return e;
}

}  // namespace orpheus::ui
