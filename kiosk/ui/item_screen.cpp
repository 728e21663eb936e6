#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "touch/pager.h"
#include "touch/scroll.h"
#include "ui/narration_bar.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

// The sentence being spoken: which of the texts, its bytes there; and, once measured, where its
// first line is in the text column.
struct Spoken {
  catalog::NarrationSentence::Part part;
  core::TextSpan span;
  float y = -1;
};

// One object: its images on one side, its texts on the other; swiped sideways through the
// collection, page following the finger.
class ItemScreen final : public Screen {
 public:
  void draw(UiFrame& f) override;
  void state(nlohmann::json& out) const override {
    out["pager_offset"] = pager_.offset();
    out["text_scroll"] = scroll_.offset();
    out["spoken_sentence"] = spoken_index_;
    if (spoken_index_ >= 0) out["spoken_sentence_top"] = spoken_top_;
    out["text_languages"] = text_languages_;  // {"description": "en"}: shown in another language
    bar_.state(out);
  }

 private:
  struct Layout {
    float top = 0, bottom = 0;       // between the top and the bottom bar
    Rect image_pane, text_pane;      // of the page at rest
    Rect bar;                        // the narration player over the text (empty: nothing to play)
    float text_pad = 0, text_width = 0;
  };
  Layout layout(const UiFrame& f, const catalog::Item& item) const;
  // One item's page shifted right by dx; `current`: the visitor's item (its image index,
  // taps), else a neighbour sliding in.
  void draw_page(UiFrame& f, const Layout& l, const catalog::Item& item, float dx, float scroll, bool current,
                 Spoken* spoken);
  // Keeps the sentence being spoken in view: glides the text there when the narration moves on to
  // a sentence out of view, unless the visitor scrolled the text in the last few seconds.
  float follow_narration(UiFrame& f, const Layout& l, float offset, float sentence_y);
  touch::ScrollAxis scroll_;
  nlohmann::json text_languages_;  // the current item's texts shown in a fallback language
  touch::Pager pager_;
  NarrationBar bar_;
  int spoken_index_ = -1;        // the sentence being spoken, -1: none
  float spoken_top_ = 0;         // its first line's top on screen (state dump)
  int followed_ = -1;            // the sentence the text last glided to
  std::optional<float> glide_to_;
  double visitor_scrolled_ms_ = -1e9;
};


// The launcher with `icon` (the timeline's, the map's), if the kiosk has one.
const Launcher* launcher_of(const UiFrame& f, Icon icon) {
  for (const auto& l : f.launchers)
    if (l.icon == icon) return &l;
  return nullptr;
}

// The scrolling text column: title, when and where ("show on the timeline" under it), summary,
// description, details, credit. Draws nothing when `dl` is null; returns the height either way.
// `live`: the visible part of the column, where its button takes taps (none for a page sliding by).
// `spoken`: the sentence to mark (its y set, relative to pos.y).
float item_text(UiFrame& f, ImDrawList* dl, const catalog::Item& item, ImVec2 pos, float w, const Rect& live,
                Spoken* spoken = nullptr) {
  const auto& m = f.metrics();
  const auto& c = f.colors();
  float y = pos.y;
  // One of the texts the narration reads, the sentence spoken marked if it is in this one.
  using Part = catalog::NarrationSentence::Part;
  // Each text in another language than the visitor's says so above it, once for a run of texts
  // in the same language.
  std::string_view noted = f.language;
  const auto spoken_text = [&](Part part, ImFont* font, const catalog::LangText& t, float spacing) {
    const std::string_view text = f.text(t), shown = f.text_language(t);
    float note = 0;
    if (!text.empty() && shown != noted) {
      note = fallback_note(f, dl, {pos.x, y}, w, shown);
      noted = shown;
    }
    float line_y = -1;
    const Marks marks{spoken ? std::span(&spoken->span, 1) : std::span<const core::TextSpan>{}, with_alpha(c.accent, 0.4f), &line_y};
    const bool here = spoken && spoken->part == part && spoken->span.end <= text.size();
    const float h = text_block(dl, font, {pos.x, y + note}, w, c.text, text, spacing, 0, here ? &marks : nullptr);
    if (here && line_y >= 0) spoken->y = line_y - pos.y;
    return note + h;
  };
  y += spoken_text(Part::title, f.fonts.title, item.title, 1.1f) + m.px(3);

  std::string when(f.text(item.period));
  if (when.empty()) when = catalog::format_period(item.year_from, item.year_to, catalog::period_language(f.language));
  const std::string_view where = f.text(item.place_name);
  std::string line = when;
  if (!where.empty()) line += (line.empty() ? "" : "  \xC2\xB7  ") + std::string(where);  // " · "
  if (!line.empty()) y += text_block(dl, f.fonts.ui, {pos.x, y}, w, c.accent, line, 1.25f) + m.px(5);
  // "Show on the timeline" for a dated object, "show on the map" for one with a find-spot on the
  // pack's map: pills side by side, the second under the first where they do not fit.
  struct Pill {
    const Launcher* to;
    std::string_view label;
    const char* target;
    Icon icon;
  };
  float pill_x = pos.x;
  bool row = false;
  for (const Pill& p : {Pill{(item.year_from || item.year_to) ? launcher_of(f, Icon::timeline) : nullptr,
                             f.tr("timeline.show_in_time", "Show on the timeline"),
                             "item.show_in_time", Icon::timeline},
                        Pill{item.latitude && f.snapshot.map.present() ? launcher_of(f, Icon::map) : nullptr,
                             f.tr("map.show_on_map", "Show on the map"),
                             "item.show_on_map", Icon::map}}) {
    if (!p.to) continue;
    const auto label = p.label;
    const float bw = std::min(w, button_width(f, label, p.icon));
    if (row && pill_x + bw > pos.x + w) {
      pill_x = pos.x;
      y += m.target + m.px(3);
    }
    if (dl && button(f, {{pill_x, y}, {pill_x + bw, y + m.target}}, p.target, label, p.icon, false, &live))
      f.intents.push_back(session::intent::Open{p.to->screen, item.id});
    pill_x += bw + m.px(3);
    row = true;
  }
  if (row) y += m.target + m.px(5);

  y += spoken_text(Part::summary, f.fonts.lead, item.summary, 1.35f) + m.px(5);
  y += spoken_text(Part::description, f.fonts.body, item.description, 1.45f) + m.px(7);

  if (!item.metadata.empty()) {
    if (dl) dl->AddLine({pos.x, y}, {pos.x + w, y}, c.outline, std::max(1.0f, m.mm * 0.25f));
    y += m.px(4);
    const float label_w = std::min(w * 0.38f, m.px(55));
    for (const auto& pair : item.metadata) {
      const float h1 = text_block(dl, f.fonts.small, {pos.x, y + m.px(0.6f)}, label_w - m.px(3), c.text_muted, f.text(pair.label), 1.3f);
      const float h2 = text_block(dl, f.fonts.ui, {pos.x + label_w, y}, w - label_w, c.text, f.text(pair.value), 1.3f);
      y += std::max(h1, h2) + m.px(2.5f);
    }
    y += m.px(3);
  }
  if (!item.tags.empty()) {
    // Tags as quiet chips, wrapping onto further lines.
    float x = pos.x;
    const float chip_h = f.fonts.small->FontSize * 1.8f;
    for (const auto& slug : item.tags) {
      const auto it = f.snapshot.tags.find(slug);
      const std::string_view label = it != f.snapshot.tags.end() ? f.text(it->second) : std::string_view(slug);
      const float tw = f.fonts.small->CalcTextSizeA(f.fonts.small->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
      const float cw = tw + m.px(6);
      if (x + cw > pos.x + w && x > pos.x) {
        x = pos.x;
        y += chip_h + m.px(2);
      }
      if (dl) {
        dl->AddRect({x, y}, {x + cw, y + chip_h}, c.outline, chip_h * 0.5f, 0, std::max(1.0f, m.mm * 0.25f));
        dl->AddText(f.fonts.small, f.fonts.small->FontSize, {x + m.px(3), y + chip_h * 0.22f}, c.text_muted,
                    label.data(), label.data() + label.size());
      }
      x += cw + m.px(2);
    }
    y += chip_h + m.px(6);
  }
  std::string_view credit = f.text(item.credit);
  if (credit.empty()) credit = f.text(f.snapshot.pack.credit);
  y += text_block(dl, f.fonts.small, {pos.x, y}, w, c.text_muted, credit, 1.35f);
  return y - pos.y + m.margin;
}

}  // namespace

ItemScreen::Layout ItemScreen::layout(const UiFrame& f, const catalog::Item& item) const {
  const auto& m = f.metrics();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  Layout l;
  l.top = m.bar_height;
  l.bottom = size.y - m.bar_height;
  if (size.y > size.x) {  // portrait: image above the text
    l.image_pane = {{m.margin, l.top + m.px(5)}, {size.x - m.margin, l.top + (l.bottom - l.top) * 0.45f}};
    l.text_pane = {{0, l.image_pane.max.y + m.px(4)}, {size.x, l.bottom}};
    l.text_pad = m.margin;
  } else {
    const float split = size.x * 0.54f;
    l.image_pane = {{m.margin, l.top + m.px(6)}, {split - m.margin * 0.5f, l.bottom - m.px(4)}};
    l.text_pane = {{split + m.margin * 0.5f, l.top}, {size.x, l.bottom}};
    l.text_pad = m.px(4);
  }
  l.text_width = std::min(l.text_pane.width() - l.text_pad - m.margin, m.px(190));
  if (NarrationBar::of(f, item)) {  // the player heads the text column and stays while the text scrolls
    const float x = l.text_pane.min.x + l.text_pad;
    l.bar = {{x, l.text_pane.min.y + m.px(4)}, {x + l.text_width, l.text_pane.min.y + m.px(4) + m.target}};
    l.text_pane.min.y = l.bar.max.y + m.px(2);
  }
  return l;
}

void ItemScreen::draw_page(UiFrame& f, const Layout& l, const catalog::Item& item, float dx, float scroll, bool current,
                           Spoken* spoken) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const auto shift = [dx](Rect r) { return Rect{{r.min.x + dx, r.min.y}, {r.max.x + dx, r.max.y}}; };
  const Rect image_pane = shift(l.image_pane);
  const Rect text_pane = shift(l.text_pane);
  // Taps reach only the page at rest under the finger, never one sliding past.
  const bool live = current && dx == 0;

  const int media_count = static_cast<int>(item.media.size());
  const int shown = current ? std::clamp(f.route.media_index, 0, std::max(0, media_count - 1)) : 0;
  const float strip_h = media_count > 1 ? m.px(24) : 0;
  const float caption_h = f.fonts.small->FontSize * 2.6f;
  const Rect main_image{image_pane.min, {image_pane.max.x, image_pane.max.y - strip_h - caption_h}};
  if (media_count > 0) {
    const auto& media = item.media[static_cast<std::size_t>(shown)];
    image(f, dl, main_image, media.id, catalog::MediaVariant::display, Fit::contain);
    if (live && tapped(f, main_image, "item.image")) f.intents.push_back(session::intent::OpenViewer{shown});
    std::string caption(f.text(media.caption));
    if (caption.empty()) caption = f.tr("item.tap_to_enlarge", "Touch the image to enlarge");
    text_line(dl, f.fonts.small, {main_image.min.x, main_image.max.y + m.px(2)}, main_image.width(), c.text_muted, caption);
    // Thumbnails of the other images.
    const float t = strip_h - m.px(4);
    for (int i = 0; i < media_count && media_count > 1; ++i) {
      const float x = image_pane.min.x + static_cast<float>(i) * (t + m.px(3));
      const Rect r{{x, image_pane.max.y - t}, {x + t, image_pane.max.y}};
      if (r.max.x > image_pane.max.x) break;
      image(f, dl, r, item.media[static_cast<std::size_t>(i)].id, catalog::MediaVariant::thumbnail, Fit::cover, m.radius);
      if (i == shown) dl->AddRect(r.min, r.max, c.accent, m.radius, 0, m.px(0.8f));
      if (live && tapped(f, r, "item.media." + std::to_string(i))) f.intents.push_back(session::intent::ShowMedia{i});
    }
  } else {  // no picture: the title on a patterned card, as its card in the collection shows it
    title_placeholder(f, dl, main_image, f.text(item.title), "item." + item.slug, m.radius);
  }

  if (const auto* narration = current ? NarrationBar::of(f, item) : nullptr; narration && l.bar.width() > 0)
    bar_.draw(f, dl, shift(l.bar), item, *narration);
  dl->PushClipRect(text_pane.min, text_pane.max, true);
  item_text(f, dl, item, {text_pane.min.x + l.text_pad, text_pane.min.y + m.px(6) - scroll}, l.text_width,
            live ? text_pane : Rect{}, spoken);
  dl->PopClipRect();
}

float ItemScreen::follow_narration(UiFrame& f, const Layout& l, float offset, float sentence_y) {
  const auto& g = f.gesture;
  if (f.route_changed) {  // another object, or back to this one: its text where the visitor left it
    followed_ = spoken_index_;
    glide_to_.reset();
  }
  if (g.fingers > 0 && l.text_pane.contains({g.press_origin.x, g.press_origin.y})) {
    visitor_scrolled_ms_ = f.now_ms;  // the visitor reads elsewhere: leave the text to them a while
    glide_to_.reset();
  }
  if (spoken_index_ != followed_) {
    followed_ = spoken_index_;
    const float h = l.text_pane.height();
    const float top = f.metrics().px(6) + sentence_y - offset;  // in the pane
    if (sentence_y >= 0 && f.now_ms - visitor_scrolled_ms_ > 5000 && (top < h * 0.05f || top > h * 0.6f))
      glide_to_ = std::clamp(sentence_y - h * 0.2f, 0.0f, scroll_.max_offset());
  }
  if (!glide_to_) return offset;
  float o = offset + (*glide_to_ - offset) * std::min(1.0f, static_cast<float>(f.dt_ms) / 120.0f);
  if (std::abs(*glide_to_ - o) < 0.5f) {
    o = *glide_to_;
    glide_to_.reset();
  } else {
    f.animating = true;
  }
  scroll_.set_offset(o);
  f.route.scroll = o;
  return o;
}

void ItemScreen::draw(UiFrame& f) {
  const auto* item = f.snapshot.find_item(f.route.item_id);
  const auto* coll = f.snapshot.find_collection(f.route.collection_id);
  if (!item || !coll) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& m = f.metrics();
  const auto& c = f.colors();
  const auto& g = f.gesture;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  Layout l = layout(f, *item);

  // Horizontal swipes page through the collection, the page following the finger.
  const auto* previous = f.snapshot.neighbour(item->id, -1);
  const auto* next = f.snapshot.neighbour(item->id, +1);
  if (f.route_changed) pager_.reset();
  const float stride = size.x + m.margin;  // pages sit a margin apart while they slide
  pager_.set_width(stride);
  pager_.set_neighbours(previous != nullptr, next != nullptr);
  const Rect page_area{{0, l.top}, {size.x, l.bottom}};
  const bool swiping = g.lock == touch::Lock::horizontal && page_area.contains({g.press_origin.x, g.press_origin.y}) &&
                       !bar_.owns(g);  // a finger along the narration's track seeks
  const int turned = page_swipe(f, pager_, swiping);
  if (turned != 0) {
    // The turn finished in this frame: the neighbour is the page now, drawn at rest already.
    f.intents.push_back(session::intent::StepItem{turned});
    item = turned > 0 ? next : previous;
    scroll_.set_offset(0);
    f.route.scroll = 0;
    f.route.media_index = 0;
    l = layout(f, *item);
  }

  text_languages_ = nlohmann::json::object();
  for (const auto& [part, t] : {std::pair{"title", &item->title}, {"summary", &item->summary}, {"description", &item->description}})
    if (const auto shown = f.text_language(*t); !shown.empty() && shown != f.language) text_languages_[part] = std::string(shown);

  // The sentence being spoken, if this item's narration plays (or waits paused).
  std::optional<Spoken> spoken;
  spoken_index_ = -1;
  if (const auto* narration = NarrationBar::of(f, *item))
    if (const auto ms = bar_.spoken_ms(f, *item)) {
      spoken_index_ = sentence_at(*narration, *ms);
      if (spoken_index_ >= 0) {
        const auto& s = narration->sentences[static_cast<std::size_t>(spoken_index_)];
        spoken = Spoken{s.part, {s.begin, s.end}};
      }
    }

  // Text column of the current page, scrolled by dragging anywhere on it.
  const float content_h = item_text(f, nullptr, *item, {0, 0}, l.text_width, Rect{}, spoken ? &*spoken : nullptr) + m.px(6);
  float offset = vertical_scroll(f, scroll_, l.text_pane, content_h);
  offset = follow_narration(f, l, offset, spoken ? spoken->y : -1);
  spoken_top_ = spoken ? l.text_pane.min.y + m.px(6) + spoken->y - offset : 0;

  // What comes next: the neighbours' first images, decoded and uploaded before the visitor
  // swipes (asked for before this page's images, which the loader then takes first).
  for (const int d : {-1, 1})
    if (const auto* other = f.snapshot.neighbour(item->id, d); other && !other->media.empty())
      f.images.image(other->media.front().id, catalog::MediaVariant::display);

  const float dx = pager_.offset();
  dl->PushClipRect(page_area.min, page_area.max, true);
  draw_page(f, l, *item, dx, offset, true, spoken ? &*spoken : nullptr);
  if (dx > 0 && previous) draw_page(f, l, *previous, dx - stride, 0, false, nullptr);
  if (dx < 0 && next) draw_page(f, l, *next, dx + stride, 0, false, nullptr);
  dl->PopClipRect();
  if (scroll_.max_offset() > 0 && dx == 0) {
    // A slim position indicator: information only, dragging the text is how one scrolls.
    const Rect& tp = l.text_pane;
    const float track = tp.height() - m.px(8);
    const float thumb = std::max(m.px(8), track * tp.height() / content_h);
    const float at = std::clamp(offset / scroll_.max_offset(), 0.0f, 1.0f);
    const float ty = tp.min.y + m.px(4) + (track - thumb) * at;
    const float tx = tp.max.x - m.px(3);
    dl->AddRectFilled({tx, ty}, {tx + m.px(1.2f), ty + thumb}, c.outline, m.px(0.6f));
  }

  // Bottom bar: previous, position in the collection, next.
  const float bottom = l.bottom;
  dl->AddRectFilled({0, bottom}, {size.x, size.y}, c.background);
  dl->AddLine({m.margin, bottom}, {size.x - m.margin, bottom}, c.outline, std::max(1.0f, m.mm * 0.25f));
  const float cy = (bottom + size.y) * 0.5f;
  // 60 mm each, narrower on a small window: the two never overlap (a tap on one must not be the other).
  const float bw = std::min(m.px(60), (size.x - 2 * m.margin - m.px(4)) * 0.5f);
  if (button(f, {{m.margin, cy - m.target * 0.5f}, {m.margin + bw, cy + m.target * 0.5f}}, "item.previous",
             f.tr("nav.previous", "Previous"), Icon::previous))
    f.intents.push_back(session::intent::StepItem{-1});
  if (button(f, {{size.x - m.margin - bw, cy - m.target * 0.5f}, {size.x - m.margin, cy + m.target * 0.5f}}, "item.next",
             f.tr("nav.next", "Next"), Icon::next))
    f.intents.push_back(session::intent::StepItem{+1});
  const auto pos_it = std::find(coll->items.begin(), coll->items.end(), *f.snapshot.item_index(item->id));
  const std::string position =
      f.trf("nav.position", "{i} of {n}",
            {{"i", std::to_string(pos_it - coll->items.begin() + 1)}, {"n", std::to_string(coll->items.size())}});
  const ImVec2 ps = f.fonts.ui->CalcTextSizeA(f.fonts.ui->FontSize, FLT_MAX, 0, position.c_str());
  if (ps.x < size.x - 2 * (m.margin + bw))  // only between the buttons, never over them
    dl->AddText(f.fonts.ui, f.fonts.ui->FontSize, {size.x * 0.5f - ps.x * 0.5f, cy - ps.y * 0.5f}, c.text_muted,
                position.c_str());

  top_bar(f, f.text(coll->title), false);
}

ScreenEntry item_screen() {
  return {"item", [](const ScreenContext&) { return std::make_unique<ItemScreen>(); }};
}

}  // namespace orpheus::ui
