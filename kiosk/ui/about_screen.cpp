// "About this exhibition": the pack's own texts for visitors who want the whole picture before
// (or after) the objects: its title and credit line, what it holds (each collection with its
// summary, a tap away), who lent or photographed what and under which rights, and which edition
// of the content this is. Reached from every screen by the (i) launcher.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/search_text.h"
#include "touch/scroll.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// A text shared by several objects (a credit line, a rights statement) and how many carry it.
struct Shared {
  catalog::LangText text;
  std::size_t objects = 0;
};

// Labels under which importers and curators put rights statements (IIIF "rights"/"license",
// spreadsheet columns), compared as search words: any case, any alphabet's capitals.
bool is_rights_label(const catalog::LangText& label) {
  static const auto kLabels = [] {
    std::vector<std::vector<std::string>> words;
    for (const char* l : {"rights", "license", "licence", "copyright", "права", "лиценз", "авторски права"})
      words.push_back(core::search_words(l));
    return words;
  }();
  for (const auto& [lang, text] : label.entries())
    if (std::find(std::begin(kLabels), std::end(kLabels), core::search_words(text)) != std::end(kLabels)) return true;
  return false;
}

// What separates the parts of a credit line: " · ", " — ", "; ".
constexpr std::string_view kSeparators[] = {" \xC2\xB7 ", " \xE2\x80\x94 ", "; "};

// The part of a credit line that every object repeats ("Photo: the museum · "), and that part
// without its separator ("Photo: the museum"): the start all `texts` share, cut after the last
// separator in it. Empty if there is none worth showing once.
std::pair<std::string, std::string> shared_start(const std::vector<std::string_view>& texts) {
  if (texts.size() < 2) return {};
  std::string_view common = texts.front();
  for (const auto t : texts) {
    std::size_t n = 0;
    while (n < common.size() && n < t.size() && common[n] == t[n]) ++n;
    common = common.substr(0, n);
  }
  std::size_t cut = 0, head = 0;
  for (const auto sep : kSeparators)
    if (const auto at = common.rfind(sep); at != std::string_view::npos && at + sep.size() > cut) {
      cut = at + sep.size();
      head = at;
    }
  if (head < 8) return {};
  return {std::string(common.substr(0, cut)), std::string(common.substr(0, head))};
}

// Groups equal texts (in every language), most shared first, then in order of appearance.
class Grouper {
 public:
  void add(const catalog::LangText& t) {
    if (t.empty()) return;
    auto entries = t.entries();
    std::sort(entries.begin(), entries.end());
    std::string key;
    for (const auto& [lang, text] : entries) key += lang + '\x1f' + text + '\x1e';
    auto [it, fresh] = index_.try_emplace(key, groups_.size());
    if (fresh) groups_.push_back({t, 0});
    ++groups_[it->second].objects;
  }
  std::vector<Shared> take() {
    std::stable_sort(groups_.begin(), groups_.end(), [](const Shared& a, const Shared& b) { return a.objects > b.objects; });
    return std::move(groups_);
  }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<Shared> groups_;
};

class AboutScreen final : public Screen {
 public:
  void prepare(const catalog::Snapshot& snapshot) override {
    Grouper credits, rights;
    for (const auto& item : snapshot.items) {
      credits.add(item.credit);
      for (const auto& m : item.metadata)
        if (is_rights_label(m.label)) rights.add(m.value);
    }
    credits_ = credits.take();
    rights_ = rights.take();
    credited_ = 0;
    for (const auto& c : credits_) credited_ += c.objects;
    shared_start_.clear();
    for (const auto& lang : snapshot.pack.languages) {
      std::vector<std::string_view> texts;
      for (const auto& c : credits_) texts.push_back(c.text.get(lang, snapshot.fallback()));
      shared_start_[lang] = shared_start(texts);
    }
  }

  void state(nlohmann::json& out) const override { out["about"] = {{"credits", credits_.size()}, {"rights", rights_.size()}}; }

  void draw(UiFrame& f) override {
    const auto& m = f.metrics();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const Rect area{{0, m.bar_height}, {size.x, size.y}};
    // Landscape: the exhibition on the left, credits on the right; portrait: one below the other.
    const float avail = size.x - 2 * m.margin;
    const bool two_columns = size.x > size.y;
    const float left_w = two_columns ? std::min(avail * 0.56f, m.px(200)) : avail;
    const float right_x = two_columns ? m.margin + left_w + m.px(14) : m.margin;
    const float right_w = two_columns ? size.x - m.margin - right_x : avail;
    const float left_h = exhibition(f, nullptr, {m.margin, 0}, left_w, area);
    const float right_h = credits(f, nullptr, {right_x, 0}, right_w);
    const float content_h = (two_columns ? std::max(left_h, right_h) : left_h + right_h) + m.px(10);
    const float offset = vertical_scroll(f, scroll_, area, content_h);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(area.min, area.max, true);
    const float top = area.min.y + m.px(8) - offset;
    exhibition(f, dl, {m.margin, top}, left_w, area);
    credits(f, dl, {right_x, two_columns ? top : top + left_h}, right_w);
    dl->PopClipRect();
    top_bar(f, f.tr("about.title", "About this exhibition"), false);
  }

 private:
  // The pack's title and credit line, then its collections, each a row to tap. Returns the height;
  // draws nothing when `dl` is null.
  float exhibition(UiFrame& f, ImDrawList* dl, ImVec2 pos, float w, const Rect& clip) const {
    const auto& m = f.metrics();
    const auto& c = f.colors();
    const auto& snap = f.snapshot;
    float y = pos.y;
    y += text_block(dl, f.fonts.display, {pos.x, y}, w, c.text, f.text(snap.pack.title), 1.1f) + m.px(3);
    y += text_block(dl, f.fonts.lead, {pos.x, y}, w, c.text_muted, f.text(snap.pack.credit), 1.35f) + m.px(8);
    y += heading(f, dl, {pos.x, y}, w, f.tr("about.contents", "In this exhibition"));
    const std::string count = format_count(f, snap.items.size()) + "  \xC2\xB7  " +
                              f.trn("about.collections", "1 collection", "{n} collections", shown_collections(f).size());
    if (dl) text_line(dl, f.fonts.ui, {pos.x, y}, w, c.text_muted, count);
    y += f.fonts.ui->FontSize * 1.3f + m.px(4);
    // One row per collection: its cover, title, summary and size; the whole row is the target.
    const float row_h = std::max(m.px(30), f.fonts.lead->FontSize * 1.2f + f.fonts.small->FontSize * 2.6f + m.px(6));
    const float thumb = row_h - m.px(4);
    for (const auto index : shown_collections(f)) {
      const auto& coll = snap.collections[index];
      const Rect r{{pos.x, y}, {pos.x + w, y + row_h}};
      y += row_h + m.px(3);
      if (!dl || r.max.y < clip.min.y || r.min.y > clip.max.y) continue;  // measuring, or off screen
      const bool down = pressed(f, r) && clip.contains({f.gesture.press_origin.x, f.gesture.press_origin.y});
      dl->AddRectFilled(r.min, r.max, down ? c.surface_pressed : c.surface, m.radius);
      const Rect img{{r.min.x + m.px(2), r.min.y + m.px(2)}, {r.min.x + m.px(2) + thumb, r.min.y + m.px(2) + thumb}};
      if (coll.cover_media)
        image(f, dl, img, *coll.cover_media, catalog::MediaVariant::thumbnail, Fit::cover, m.radius);
      else
        dl->AddRectFilled(img.min, img.max, c.placeholder, m.radius);
      const float tx = img.max.x + m.px(4);
      const float tw = r.max.x - tx - m.px(4);
      float ty = r.min.y + m.px(3);
      text_line(dl, f.fonts.lead, {tx, ty}, tw, c.text, f.text(coll.title));
      ty += f.fonts.lead->FontSize * 1.2f;
      text_block(dl, f.fonts.small, {tx, ty}, tw, c.text_muted, f.text(coll.summary), 1.3f, 2);
      if (tapped(f, r, "about.collection." + coll.slug, &clip)) f.intents.push_back(session::intent::OpenCollection{coll.id});
    }
    return y - pos.y;
  }

  // Credits and rights, a line for each text the objects carry with how many carry it (what every
  // credit line starts with, once, first), and which edition of the content this is.
  float credits(UiFrame& f, ImDrawList* dl, ImVec2 pos, float w) const {
    const auto& m = f.metrics();
    const auto& c = f.colors();
    float y = pos.y;
    ImFont* font = f.fonts.small;
    const auto line = [&](std::string_view text, std::size_t objects) {
      const std::string count = format_count(f, objects);
      const float cw = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, count.data(), count.data() + count.size()).x;
      if (dl) dl->AddText(font, font->FontSize, {pos.x + w - cw, y}, c.text_muted, count.data(), count.data() + count.size());
      y += text_block(dl, font, {pos.x, y}, w - cw - m.px(6), c.text, text, 1.3f) + m.px(2.5f);
    };
    y += heading(f, dl, {pos.x, y}, w, f.tr("about.credits", "Credits"));
    const auto shared = shared_start_.find(f.language);
    const std::string_view start = shared != shared_start_.end() ? std::string_view(shared->second.first) : std::string_view();
    if (!start.empty()) line(shared->second.second, credited_);
    for (const auto& s : credits_) {
      std::string_view text = f.text(s.text);
      if (!start.empty() && text.substr(0, start.size()) == start) text.remove_prefix(start.size());
      line(text, s.objects);
    }
    if (!rights_.empty()) {
      y += m.px(3);
      y += heading(f, dl, {pos.x, y}, w, f.tr("about.rights", "Rights"));
      for (const auto& s : rights_) line(f.text(s.text), s.objects);
    }
    y += m.px(4);
    const auto& pack = f.snapshot.pack;
    const std::string edition =
        f.trf("about.edition", "Content version {version} of {date}",
              {{"version", pack.version}, {"date", pack.created.substr(0, std::min<std::size_t>(10, pack.created.size()))}});
    y += text_block(dl, font, {pos.x, y}, w, c.text_muted, edition, 1.3f);
    return y - pos.y;
  }

  static float heading(UiFrame& f, ImDrawList* dl, ImVec2 pos, float w, std::string_view text) {
    if (dl) text_line(dl, f.fonts.lead, pos, w, f.colors().accent, text);
    return f.fonts.lead->FontSize * 1.35f + f.metrics().px(1);
  }

  touch::ScrollAxis scroll_;
  // From prepare(): the objects' credit and rights lines, grouped; how many objects have a credit;
  // per language, what every credit line starts with.
  std::vector<Shared> credits_, rights_;
  std::size_t credited_ = 0;
  std::map<std::string, std::pair<std::string, std::string>> shared_start_;
};

}  // namespace

ScreenEntry about_screen() {
  return {"about", [](const ScreenContext&) { return std::make_unique<AboutScreen>(); }, Icon::info};
}

}  // namespace orpheus::ui
