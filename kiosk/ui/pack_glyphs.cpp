#include "ui/pack_glyphs.h"

#include <algorithm>
#include <bitset>
#include <map>
#include <memory>

#include "catalog/snapshot_texts.h"
#include "core/installed_fonts.h"
#include "core/utf8.h"
#include "ui/bidi.h"
#include "ui/glyph_ranges.h"

namespace orpheus::ui {
namespace {

using Seen = std::bitset<core::kLastDrawable + 1>;

// Returns how many characters of `text` are beyond the fixed ranges.
std::size_t add_code_points(std::string_view text, Seen& seen) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII: in the fixed ranges
      ++i;
      continue;
    }
    const auto [c, len] = core::decode_utf8(text, i);
    i += len ? len : 1;
    if (c <= core::kLastDrawable && !in_glyph_ranges(c)) {
      seen.set(c);
      ++n;
    }
  }
  return n;
}

std::size_t add_text(std::string_view text, Seen& seen) {
  const std::size_t n = add_code_points(text, seen);
  if (!has_rtl(text)) return n;
  // The joined forms, line by line as the widgets draw them (joining never crosses a line).
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    add_code_points(visual_line(text.substr(start, end - start)), seen);
    start = end + 1;
  }
  return n;
}

}  // namespace

PackGlyphs pack_glyphs(const catalog::Snapshot& snap, std::span<const std::string> more) {
  const auto seen = std::make_unique<Seen>();  // 8 KB each: not on a worker's stack
  const auto heading = std::make_unique<Seen>();
  std::map<std::string, std::size_t, std::less<>> used;  // per language: characters beyond the fixed ranges
  catalog::for_each_text(snap, [&](std::string_view text, const catalog::TextPlace& place) {
    if (place.field == "title" && place.list.empty() && place.owner != catalog::TextPlace::Owner::tag)
      add_text(text, *heading);
    if (const std::size_t n = add_text(text, *seen)) {
      auto it = used.find(place.lang);
      if (it == used.end()) it = used.emplace(std::string(place.lang), 0).first;
      it->second += n;
    }
  });
  for (const auto& text : more) add_text(text, *seen);
  PackGlyphs out;
  for (char32_t c = 0; c <= core::kLastDrawable; ++c) {
    if (seen->test(c)) out.code_points.push_back(c);
    if (heading->test(c)) out.heading_code_points.push_back(c);
  }
  for (const auto& lang : snap.pack.languages)
    if (used.count(lang)) out.languages.push_back(lang);
  std::stable_sort(out.languages.begin(), out.languages.end(),
                   [&](const std::string& a, const std::string& b) { return used.find(a)->second > used.find(b)->second; });
  return out;
}

}  // namespace orpheus::ui
