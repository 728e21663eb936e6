#pragma once
// Every text of a snapshot that a screen may show, with where it is in the pack: one walk shared
// by the kiosk's font bake (which characters to bake, ui/pack_glyphs.h) and orpheus-pack verify
// (which characters no font draws, packs/font_coverage.h). Period labels the kiosk derives from
// dates are included, in every pack language. Pure; any thread.
#include <functional>
#include <string>
#include <string_view>

#include "catalog/catalog.h"

namespace orpheus::catalog {

// Where a text is, cheap to pass around; str() spells it as orpheus-pack verify names things:
// "item 'amphora'.images[2].caption.en", "pack.title.bg", "tag 'gold'.label.en",
// "place 'plovdiv'.name.bg" (named on the map), "map.credit", "event 'night-tour'.room.en".
struct TextPlace {
  enum class Owner { pack, collection, item, tag, timeline, place, map, event };
  Owner owner = Owner::pack;
  std::string_view slug;   // of the collection, item, tag, ... or event
  std::string_view list;   // "images", "metadata" or empty
  int index = 0;           // in `list`, from 1
  std::string_view field;  // "title", "caption", "label", ...
  std::string_view lang;
  bool derived = false;    // a period label made from the item's dates, not stored text
  std::string str() const;
};

// Calls `fn` with every non-empty text of `snap` (every language of every field) and its place.
void for_each_text(const Snapshot& snap, const std::function<void(std::string_view text, const TextPlace& place)>& fn);

}  // namespace orpheus::catalog
