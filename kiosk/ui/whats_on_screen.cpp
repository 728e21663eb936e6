// "What's on": the museum's programme from the pack (events/programme.h at the kiosk's clock):
// what is on now and later today, this week, and later, each event a card; a tap opens it (when,
// where, its texts, its picture, its further dates). Filters by audience. An event leaves the
// list at its end minute and one starting is marked "Now", without a restart: the lists are
// derived anew whenever the programme's serial changes (the app wakes at each boundary), never
// in every frame. Reached from every screen by the calendar launcher, for packs with events.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "events/programme.h"
#include "events/wording.h"
#include "touch/scroll.h"
#include "ui/screen.h"
#include "ui/widgets.h"

namespace orpheus::ui {
namespace {

using catalog::Audience;

std::string_view audience_label(const UiFrame& f, Audience a) {
  switch (a) {
    case Audience::children: return f.tr("whats_on.audience.children", "Children");
    case Audience::families: return f.tr("whats_on.audience.families", "Families");
    case Audience::adults: return f.tr("whats_on.audience.adults", "Adults");
    case Audience::schools: return f.tr("whats_on.audience.schools", "Schools");
    case Audience::accessible: return f.tr("whats_on.audience.accessible", "Accessible");
  }
  return {};
}

// An event as a card shows it: the listing's entry and its lines in the visitor's language.
struct Row {
  events::Listed listed;
  std::string when, where, details;  // "Today, 11:00–12:30"; "Hall 2"; "Free · Children, Families"
};

struct Section {
  std::string_view key;  // "today", "this_week", "later"
  std::vector<Row> rows;
};

class WhatsOnScreen final : public Screen {
 public:
  void prepare(const catalog::Snapshot&) override { derived_.reset(); }

  void state(nlohmann::json& out) const override {
    auto& j = out["whats_on"];
    j["filter"] = filter_ ? catalog::to_string(*filter_) : "all";
    j["clock_trusted"] = clock_trusted_;
    for (const auto& s : sections_) {
      auto& list = j[std::string(s.key)] = nlohmann::json::array();
      for (const auto& r : s.rows)
        list.push_back({{"slug", r.listed.event->slug}, {"now", r.listed.now}, {"when", r.when}});
    }
    if (open_) j["open"] = open_->slug;
  }

  void draw(UiFrame& f) override {
    if (f.route.serial != route_serial_) {  // a new opening: the list from its top, no event open
      route_serial_ = f.route.serial;
      open_ = nullptr;
    }
    derive(f);
    if (open_)
      draw_event(f, *open_);
    else
      draw_list(f);
    const auto before = f.intents.size();
    top_bar(f, open_ ? f.text(open_->title) : f.tr("whats_on.title", "What's on"), false);
    // Back from an event returns to the list, not to the screen before.
    if (open_ && f.intents.size() > before && std::holds_alternative<session::intent::Back>(f.intents.back())) {
      f.intents.pop_back();
      open_ = nullptr;
      event_scroll_ = {};
    }
    // What changed inside the screen (an event opened or closed, a filter) is drawn next frame.
    if (open_ != shown_ || filter_ != shown_filter_) {
      if (open_ && open_ != shown_) f.note_usage({{}, 0, open_->slug});
      shown_ = open_;
      shown_filter_ = filter_;
      f.animating = true;
    }
  }

 private:
  // The sections and their rows, anew when the programme, the filter or the language changed.
  void derive(const UiFrame& f) {
    const auto* p = f.programme;
    const std::tuple key{p ? p->serial : 0, filter_, f.language, &f.snapshot};
    if (derived_ == key) return;
    derived_ = key;
    sections_ = {{"today", {}}, {"this_week", {}}, {"later", {}}};
    audiences_.clear();
    clock_trusted_ = p && p->clock_trusted;
    if (!p || !p->zone || !clock_trusted_) return;
    now_ = p->now_s;
    zone_ = p->zone;
    today_ = zone_->to_local(now_).day;
    audiences_ = events::audiences(events::list_events(f.snapshot, *zone_, now_));
    if (filter_ && std::find(audiences_.begin(), audiences_.end(), *filter_) == audiences_.end()) filter_.reset();
    const auto listing = events::list_events(f.snapshot, *zone_, now_, filter_);
    const std::vector<events::Listed>* parts[] = {&listing.today, &listing.this_week, &listing.later};
    for (std::size_t i = 0; i < 3; ++i)
      for (const auto& l : *parts[i]) sections_[i].rows.push_back(row(f, l));
  }

  Row row(const UiFrame& f, const events::Listed& l) const {
    Row r{l, when(f, l.occurrence, l.now), std::string(f.text(l.event->room)), {}};
    if (r.where.empty()) r.where = f.text(l.event->place);
    std::string details = l.event->free ? std::string(f.tr("whats_on.free", "Free")) : std::string(f.text(l.event->price));
    for (std::size_t i = 0; i < l.event->audience.size(); ++i) {
      if (!details.empty()) details += i == 0 ? "  \xC2\xB7  " : ", ";
      details += audience_label(f, l.event->audience[i]);
    }
    r.details = std::move(details);
    return r;
  }

  // When an occurrence is, as a visitor reads it: "Now, until 12:30", "Today, 11:00–12:30",
  // "Tomorrow, 18:00–19:30", "Until Sun 28 April" (an exhibition on now), else the date in full.
  std::string when(const UiFrame& f, const catalog::EventOccurrence& o, bool now) const {
    const auto& lang = f.language;
    if (o.all_day) {
      if (now && o.end - o.start > 1) return f.trf("whats_on.until", "Until {date}", {{"date", events::format_day(static_cast<std::int32_t>(o.end - 1), lang)}});
      if (o.start == today_) return std::string(f.tr("whats_on.today", "Today"));
      if (o.start == today_ + 1) return std::string(f.tr("whats_on.tomorrow", "Tomorrow"));
      return events::format_occurrence(o, *zone_, lang, today_);
    }
    const auto start = zone_->to_local(o.start), end = zone_->to_local(o.end);
    const std::string end_time = events::format_time(end.minute);
    if (now) return f.trf("whats_on.now_until", "Now, until {time}", {{"time", end_time}});
    const bool same_day = end.day == start.day || (end.day == start.day + 1 && end.minute == 0);
    const std::string times = events::format_time(start.minute) + "\xE2\x80\x93" + end_time;
    if (same_day && start.day == today_) return f.trf("whats_on.today_at", "Today, {time}", {{"time", times}});
    if (same_day && start.day == today_ + 1) return f.trf("whats_on.tomorrow_at", "Tomorrow, {time}", {{"time", times}});
    return events::format_occurrence(o, *zone_, lang, today_);
  }

  std::string_view section_title(const UiFrame& f, std::string_view key) const {
    if (key == "today") return f.tr("whats_on.section.today", "Today");
    if (key == "this_week") return f.tr("whats_on.section.this_week", "This week");
    return f.tr("whats_on.section.later", "Later");
  }

  void draw_list(UiFrame& f) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& m = f.metrics();
    const auto& c = f.colors();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    float top = m.bar_height + m.px(3);

    // The audience filters, when the events have more than one audience among them.
    if (audiences_.size() > 1 || filter_) {
      float x = m.margin;
      const float h = m.target;
      const auto chip = [&](std::string name, std::string_view label, bool on) {
        const float w = button_width(f, label, Icon::none);
        if (x + w > size.x - m.margin && x > m.margin) {  // wraps onto a second row
          x = m.margin;
          top += h + m.px(2);
        }
        const bool hit = button(f, {{x, top}, {x + w, top + h}}, std::move(name), label, Icon::none, on);
        x += w + m.px(2);
        return hit;
      };
      if (chip("whats_on.filter.all", f.tr("whats_on.all", "Everyone"), !filter_)) filter_.reset();
      for (const auto a : audiences_)
        if (chip(std::string("whats_on.filter.") + catalog::to_string(a), audience_label(f, a), filter_ == a))
          filter_ = filter_ == a ? std::nullopt : std::optional(a);
      top += h + m.px(4);
    }

    const Rect area{{0, top}, {size.x, size.y}};
    const float avail = size.x - 2 * m.margin;
    const int cols = std::max(1, static_cast<int>((avail + m.gap) / (m.px(150) + m.gap)));
    const float card_w = (avail - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float image_w = std::min(card_w * 0.34f, m.px(48));
    const float text_h = f.fonts.lead->FontSize * 1.2f * 2 + f.fonts.body->FontSize * 1.3f * 2 + f.fonts.small->FontSize * 1.3f + m.px(6);
    const float card_h = std::max(image_w * 0.8f + m.px(4), text_h);
    const float heading_h = f.fonts.title->FontSize * 1.3f + m.px(3);

    // Measure, then scroll, then draw.
    float content_h = 0;
    bool any = false;
    for (const auto& s : sections_) {
      if (s.rows.empty()) continue;
      any = true;
      const auto rows = (s.rows.size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols);
      content_h += heading_h + static_cast<float>(rows) * (card_h + m.gap) + m.px(4);
    }
    const float offset = vertical_scroll(f, scroll_, area, content_h + m.margin);
    dl->PushClipRect(area.min, area.max, true);
    if (!any) {
      const std::string_view empty = filter_ ? f.tr("whats_on.none_for", "Nothing is planned for this audience at the moment.")
                                             : f.tr("whats_on.none", "No events are planned at the moment. Come back soon!");
      text_block(dl, f.fonts.lead, {m.margin, top + m.px(10)}, avail, c.text_muted, empty, 1.3f);
    }
    float y = top - offset;
    for (const auto& s : sections_) {
      if (s.rows.empty()) continue;
      std::string heading(section_title(f, s.key));
      if (s.key == "today") heading += "  \xC2\xB7  " + events::format_day(today_, f.language);
      text_line(dl, f.fonts.title, {m.margin, y}, avail, c.accent, heading);
      y += heading_h;
      for (std::size_t i = 0; i < s.rows.size(); ++i) {
        const float x = m.margin + static_cast<float>(i % static_cast<std::size_t>(cols)) * (card_w + m.gap);
        const float cy = y + static_cast<float>(i / static_cast<std::size_t>(cols)) * (card_h + m.gap);
        if (cy > area.max.y || cy + card_h < area.min.y) continue;
        if (event_card(f, dl, {{x, cy}, {x + card_w, cy + card_h}}, image_w, s.rows[i], area)) {
          open_ = s.rows[i].listed.event;
          event_scroll_ = {};
        }
      }
      const auto rows = (s.rows.size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols);
      y += static_cast<float>(rows) * (card_h + m.gap) + m.px(4);
    }
    dl->PopClipRect();
  }

  // A card: the picture (or the date on a tile) on the left; the title, when, where, price and
  // audience on the right; "Now" on the picture while it happens. Returns true when tapped.
  bool event_card(UiFrame& f, ImDrawList* dl, const Rect& r, float image_w, const Row& row, const Rect& clip) const {
    const auto& m = f.metrics();
    const auto& c = f.colors();
    const auto& e = *row.listed.event;
    dl->AddRectFilled(r.min, r.max, pressed(f, r) && clip.contains({f.gesture.press_origin.x, f.gesture.press_origin.y}) ? c.surface_pressed : c.surface,
                      m.radius);
    const Rect img{{r.min.x + m.px(2), r.min.y + m.px(2)}, {r.min.x + m.px(2) + image_w, r.max.y - m.px(2)}};
    if (e.image)
      image(f, dl, img, *e.image, catalog::MediaVariant::thumbnail, Fit::cover, m.radius);
    else
      date_tile(f, dl, img, row.listed);
    if (row.listed.now) now_badge(f, dl, {img.min.x + m.px(1.5f), img.min.y + m.px(1.5f)});
    const float tx = img.max.x + m.px(4), tw = r.max.x - tx - m.px(3);
    float y = r.min.y + m.px(2.5f);
    y += text_block(dl, f.fonts.lead, {tx, y}, tw, c.text, f.text(e.title), 1.15f, 2) + m.px(1);
    text_line(dl, f.fonts.body, {tx, y}, tw, row.listed.now ? c.accent : c.text, row.when);
    y += f.fonts.body->FontSize * 1.3f;
    if (!row.where.empty()) {
      text_line(dl, f.fonts.body, {tx, y}, tw, c.text_muted, row.where);
      y += f.fonts.body->FontSize * 1.3f;
    }
    if (!row.details.empty()) text_line(dl, f.fonts.small, {tx, y}, tw, c.text_muted, row.details);
    return tapped(f, r, "event." + e.slug, &clip);
  }

  // Without a picture: the day of the month large over its weekday, on the accent colour.
  void date_tile(UiFrame& f, ImDrawList* dl, const Rect& r, const events::Listed& l) const {
    const auto& c = f.colors();
    dl->AddRectFilled(r.min, r.max, c.placeholder, f.metrics().radius);
    const auto day = std::max<std::int64_t>(l.occurrence.all_day ? l.occurrence.start : zone_->to_local(l.start).day, today_);
    const std::string number = std::to_string(events::civil_date(static_cast<std::int32_t>(day)).day);
    const std::string label = events::format_day(static_cast<std::int32_t>(day), f.language);
    ImFont* big = f.fonts.display;
    const ImVec2 ns = big->CalcTextSizeA(big->FontSize, FLT_MAX, 0, number.c_str());
    const float cy = r.center().y - f.fonts.small->FontSize * 0.6f;
    dl->AddText(big, big->FontSize, {r.center().x - ns.x * 0.5f, cy - ns.y * 0.5f}, c.accent, number.c_str());
    text_line(dl, f.fonts.small, {r.min.x + f.metrics().px(2), cy + ns.y * 0.5f}, r.width() - f.metrics().px(4), c.text_muted, label);
  }

  void now_badge(UiFrame& f, ImDrawList* dl, ImVec2 at) const {
    const auto& m = f.metrics();
    const auto label = f.tr("whats_on.now", "Now");
    ImFont* font = f.fonts.small;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
    const ImVec2 max{at.x + ts.x + m.px(4), at.y + ts.y + m.px(1.5f)};
    dl->AddRectFilled(at, max, f.colors().accent, (max.y - at.y) * 0.5f);
    dl->AddText(font, font->FontSize, {at.x + m.px(2), at.y + m.px(0.75f)}, f.colors().accent_text, label.data(), label.data() + label.size());
  }

  // One event: its picture on the left (landscape) or on top (portrait), then its title, when
  // (and its further dates), where, price, audience, booking, summary and description.
  void draw_event(UiFrame& f, const catalog::Event& e) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& m = f.metrics();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const Rect area{{0, m.bar_height}, {size.x, size.y}};
    const bool side = size.x > size.y && e.image;
    const float avail = size.x - 2 * m.margin;
    const float image_w = side ? std::min(avail * 0.42f, m.px(180)) : avail;
    const float image_h = e.image ? (side ? std::min(image_w * 0.75f, area.height() - m.px(12)) : std::min(avail * 0.5f, area.height() * 0.4f)) : 0;
    const float tx = side ? m.margin + image_w + m.px(10) : m.margin;
    const float tw = side ? size.x - m.margin - tx : avail;
    const auto text = [&](ImDrawList* d, float y0) { return event_text(f, d, e, {tx, y0}, tw); };
    const float content_h = (side ? std::max(image_h, text(nullptr, 0)) : image_h + m.px(6) + text(nullptr, 0)) + m.px(14);
    const float offset = vertical_scroll(f, event_scroll_, area, content_h);
    dl->PushClipRect(area.min, area.max, true);
    const float top = area.min.y + m.px(6) - offset;
    if (e.image) image(f, dl, {{m.margin, top}, {m.margin + image_w, top + image_h}}, *e.image, catalog::MediaVariant::display, Fit::contain, m.radius);
    text(dl, side ? top : top + image_h + m.px(6));
    dl->PopClipRect();
  }

  float event_text(UiFrame& f, ImDrawList* dl, const catalog::Event& e, ImVec2 pos, float w) const {
    const auto& m = f.metrics();
    const auto& c = f.colors();
    float y = pos.y;
    const auto* listed = find_row(&e);
    y += text_block(dl, f.fonts.display, {pos.x, y}, w, c.text, f.text(e.title), 1.1f) + m.px(2);
    if (listed && listed->listed.now) {
      if (dl) now_badge(f, dl, {pos.x, y});
      y += f.fonts.small->FontSize + m.px(4);
    }
    const auto line = [&](ImFont* font, ImU32 colour, std::string_view s, float after = 1) {
      if (s.empty()) return;
      y += text_block(dl, font, {pos.x, y}, w, colour, s, 1.3f) + m.px(after);
    };
    if (listed) line(f.fonts.lead, listed->listed.now ? c.accent : c.text, listed->when);
    // Further dates of a series.
    if (zone_) {
      const auto dates = events::upcoming(e, *zone_, now_, 7);
      if (dates.size() > 1) {
        std::string more(f.tr("whats_on.also", "More dates:"));
        for (std::size_t i = 1; i < dates.size(); ++i)
          more += (i == 1 ? " " : "; ") + events::format_occurrence(dates[i], *zone_, f.language, today_);
        if (listed && listed->listed.later_dates + 1 > static_cast<int>(dates.size())) more += " \xE2\x80\xA6";
        line(f.fonts.body, c.text_muted, more, 2);
      }
    }
    std::string where(f.text(e.room));
    if (where.empty()) {
      where = f.text(e.place);
      if (const auto address = f.text(e.address); !address.empty()) where += (where.empty() ? "" : ", ") + std::string(address);
    }
    line(f.fonts.lead, c.text, where, 2);
    if (listed) line(f.fonts.body, c.text_muted, listed->details, 2);
    line(f.fonts.body, c.text_muted, f.text(e.booking), 4);
    y += m.px(2);
    line(f.fonts.lead, c.text, f.text(e.summary), 4);
    if (const auto shown = f.text_language(e.description); !f.text(e.description).empty()) {
      y += fallback_note(f, dl, {pos.x, y}, w, shown);
      line(f.fonts.body, c.text, f.text(e.description), 4);
    }
    return y - pos.y;
  }

  const Row* find_row(const catalog::Event* e) const {
    for (const auto& s : sections_)
      for (const auto& r : s.rows)
        if (r.listed.event == e) return &r;
    return nullptr;
  }

  touch::ScrollAxis scroll_, event_scroll_;
  std::optional<Audience> filter_;
  const catalog::Event* open_ = nullptr;
  const catalog::Event* shown_ = nullptr;  // what the last frame drew: open_ and filter_ before this frame's taps
  std::optional<Audience> shown_filter_;
  std::uint32_t route_serial_ = 0;
  // Derived from the programme (derive()).
  std::optional<std::tuple<std::uint64_t, std::optional<Audience>, std::string, const catalog::Snapshot*>> derived_;
  std::vector<Section> sections_;
  std::vector<Audience> audiences_;
  bool clock_trusted_ = true;
  std::int64_t now_ = 0;
  std::int32_t today_ = 0;
  const events::TimeZone* zone_ = nullptr;
};

}  // namespace

ScreenEntry whats_on_screen() {
  ScreenEntry e{"whats_on", [](const ScreenContext&) { return std::make_unique<WhatsOnScreen>(); }, Icon::calendar};
  e.offered = [](const catalog::Snapshot& s) { return !s.events.empty(); };
  return e;
}

}  // namespace orpheus::ui
