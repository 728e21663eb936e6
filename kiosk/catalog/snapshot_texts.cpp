#include "catalog/snapshot_texts.h"

namespace orpheus::catalog {

std::string TextPlace::str() const {
  std::string s;
  switch (owner) {
    case Owner::pack: s = "pack"; break;
    case Owner::collection: s = "collection '" + std::string(slug) + "'"; break;
    case Owner::item: s = "item '" + std::string(slug) + "'"; break;
    case Owner::tag: s = "tag '" + std::string(slug) + "'"; break;
    case Owner::timeline: s = "timeline '" + std::string(slug) + "'"; break;
    case Owner::place: s = "place '" + std::string(slug) + "'"; break;
    case Owner::map: s = "map"; break;
    case Owner::event: s = "event '" + std::string(slug) + "'"; break;
  }
  if (!list.empty()) s += "." + std::string(list) + "[" + std::to_string(index) + "]";
  s += "." + std::string(field);
  if (!lang.empty()) s += "." + std::string(lang);
  if (derived) s += " (from its dates)";
  return s;
}

void for_each_text(const Snapshot& snap, const std::function<void(std::string_view, const TextPlace&)>& fn) {
  TextPlace place;
  const auto each = [&](const LangText& text, std::string_view field) {
    place.field = field;
    for (const auto& [lang, t] : text.entries()) {
      if (t.empty()) continue;
      place.lang = lang;
      fn(t, place);
    }
    place.lang = {};
  };
  place.owner = TextPlace::Owner::pack;
  each(snap.pack.title, "title");
  each(snap.pack.credit, "credit");
  place.owner = TextPlace::Owner::tag;
  for (const auto& [slug, label] : snap.tags) {
    place.slug = slug;
    each(label, "label");
  }
  place.owner = TextPlace::Owner::collection;
  for (const auto& c : snap.collections) {
    place.slug = c.slug;
    each(c.title, "title");
    each(c.summary, "summary");
    each(c.description, "description");
  }
  place.owner = TextPlace::Owner::item;
  for (const auto& it : snap.items) {
    place.slug = it.slug;
    each(it.title, "title");
    each(it.summary, "summary");
    each(it.description, "description");
    each(it.period, "period");
    each(it.place_name, "place_name");
    each(it.credit, "credit");
    if (it.period.empty() && (it.year_from || it.year_to)) {
      place.field = "period";
      place.derived = true;
      for (const auto& lang : snap.pack.languages) {
        const std::string label = format_period(it.year_from, it.year_to, lang, it.certainty);
        if (label.empty()) continue;
        place.lang = lang;
        fn(label, place);
      }
      place.derived = false;
      place.lang = {};
    }
    place.list = "metadata";
    for (std::size_t i = 0; i < it.metadata.size(); ++i) {
      place.index = static_cast<int>(i + 1);
      each(it.metadata[i].label, "label");
      each(it.metadata[i].value, "value");
    }
    place.list = "images";
    for (std::size_t i = 0; i < it.media.size(); ++i) {
      place.index = static_cast<int>(i + 1);
      each(it.media[i].caption, "caption");
      each(it.media[i].alt, "alt");
    }
    place.list = {};
    place.index = 0;
  }
  place.owner = TextPlace::Owner::timeline;
  for (const auto& e : snap.timeline) {
    place.slug = e.slug;
    each(e.name, "name");
    each(e.summary, "summary");
  }
  place.owner = TextPlace::Owner::place;
  for (const auto& p : snap.map.places) {
    place.slug = p.slug;
    each(p.name, "name");
  }
  place.owner = TextPlace::Owner::event;
  for (const auto& e : snap.events) {
    place.slug = e.slug;
    each(e.title, "title");
    each(e.summary, "summary");
    each(e.description, "description");
    each(e.room, "room");
    each(e.place, "place");
    each(e.address, "address");
    each(e.price, "price");
    each(e.booking, "booking");
  }
  place.owner = TextPlace::Owner::map;
  place.slug = {};
  if (!snap.map.credit.empty()) {
    place.field = "credit";
    fn(snap.map.credit, place);
  }
}

}  // namespace orpheus::catalog
