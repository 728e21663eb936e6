#include "ui/bidi.h"

#include <fribidi.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "core/utf8.h"

namespace orpheus::ui {
namespace {

constexpr bool rtl_code_point(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) ||                    // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, ...
         c == 0x200F || c == 0x202B || c == 0x202E || c == 0x2067 ||  // RLM, RLE, RLO, RLI
         (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||  // presentation forms
         (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

// No glyph to draw once the line is in visual order: direction marks, embeddings, overrides and
// isolates, joiners, and the filler FriBidi leaves where two letters became one ligature.
constexpr bool invisible_control(char32_t c) {
  return c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0xFEFF;
}

std::vector<FriBidiChar> decode(std::string_view s) {
  std::vector<FriBidiChar> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto [c, len] = core::decode_utf8(s, i);
    out.push_back(c);
    i += len ? len : 1;
  }
  return out;
}

// The lines reordered lately, by direction and text. Cleared when full: a screen shows at most a
// few hundred lines, and they come back the next frame.
// Lines drawn are drawn again in the next frame: FriBidi runs once per line (and paragraph
// direction, and marked range), the frames after find it here. Cleared when full.
template <class T>
using Memo = std::unordered_map<std::string, T>;
constexpr std::size_t kMemoLines = 512;

}  // namespace

bool has_rtl(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Lead bytes below 0xD6 start code points below U+0580: ASCII, Latin, Greek, Cyrillic, Armenian.
    if (static_cast<unsigned char>(text[i]) < 0xD6) {
      ++i;
      continue;
    }
    const auto [c, len] = core::decode_utf8(text, i);
    if (rtl_code_point(c)) return true;
    i += len ? len : 1;
  }
  return false;
}

Direction paragraph_direction(std::string_view paragraph) {
  if (!has_rtl(paragraph)) return Direction::ltr;
  for (std::size_t i = 0; i < paragraph.size();) {
    const auto [c, len] = core::decode_utf8(paragraph, i);
    i += len ? len : 1;
    const FriBidiCharType type = fribidi_get_bidi_type(c);
    if (FRIBIDI_IS_LETTER(type)) return FRIBIDI_IS_RTL(type) ? Direction::rtl : Direction::ltr;
  }
  return Direction::ltr;
}

namespace {

FriBidiParType base_of(Direction paragraph) {
  return paragraph == Direction::rtl ? FRIBIDI_PAR_RTL : paragraph == Direction::ltr ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
}

}  // namespace

std::string visual_line(std::string_view logical_line, Direction paragraph) {
  if (!has_rtl(logical_line)) return std::string(logical_line);
  thread_local Memo<std::string> memo;
  std::string key;
  key.reserve(logical_line.size() + 1);
  key += static_cast<char>('0' + static_cast<int>(paragraph));
  key += logical_line;
  if (const auto it = memo.find(key); it != memo.end()) return it->second;

  const std::vector<FriBidiChar> logical = decode(logical_line);
  std::vector<FriBidiChar> visual(logical.size());
  FriBidiParType base = base_of(paragraph);
  // Mirroring, Arabic presentation forms and lam-alef ligatures (FRIBIDI_FLAGS_DEFAULT |
  // FRIBIDI_FLAGS_ARABIC), reordered as one line.
  if (fribidi_log2vis(logical.data(), static_cast<FriBidiStrIndex>(logical.size()), &base, visual.data(), nullptr,
                      nullptr, nullptr) == 0)
    return std::string(logical_line);  // out of memory: logical order beats nothing
  std::string out;
  out.reserve(logical_line.size());
  for (FriBidiChar c : visual)
    if (!invisible_control(c)) core::append_utf8(out, c);
  if (memo.size() >= kMemoLines) memo.clear();
  memo.emplace(std::move(key), out);
  return out;
}

std::vector<ByteRange> visual_ranges(std::string_view logical_line, Direction paragraph, std::size_t begin,
                                     std::size_t end) {
  end = std::min(end, logical_line.size());
  if (begin >= end) return {};
  if (!has_rtl(logical_line)) return {{begin, end}};
  thread_local Memo<std::vector<ByteRange>> memo;
  std::string key = std::to_string(static_cast<int>(paragraph)) + ' ' + std::to_string(begin) + ' ' + std::to_string(end) + ' ';
  key += logical_line;
  if (const auto it = memo.find(key); it != memo.end()) return it->second;
  // The code points of the line with their byte offsets, and where each one goes.
  std::vector<FriBidiChar> logical;
  std::vector<std::size_t> offset;
  for (std::size_t i = 0; i < logical_line.size();) {
    const auto [c, len] = core::decode_utf8(logical_line, i);
    logical.push_back(c);
    offset.push_back(i);
    i += len ? len : 1;
  }
  const auto n = static_cast<FriBidiStrIndex>(logical.size());
  std::vector<FriBidiChar> visual(logical.size());
  std::vector<FriBidiStrIndex> to_visual(logical.size());
  FriBidiParType base = base_of(paragraph);
  if (fribidi_log2vis(logical.data(), n, &base, visual.data(), to_visual.data(), nullptr, nullptr) == 0)
    return {{begin, end}};  // as visual_line: the logical order
  // Byte offsets in visual_line's string of each visual position (the invisible ones take none).
  std::vector<std::size_t> at(visual.size() + 1, 0);
  for (std::size_t v = 0; v < visual.size(); ++v)
    at[v + 1] = at[v] + (invisible_control(visual[v]) ? 0 : core::utf8_length(visual[v]));
  std::vector<bool> marked(visual.size(), false);
  for (std::size_t l = 0; l < logical.size(); ++l)
    if (offset[l] >= begin && offset[l] < end) marked[static_cast<std::size_t>(to_visual[l])] = true;
  std::vector<ByteRange> out;
  for (std::size_t v = 0; v < visual.size(); ++v) {
    if (!marked[v] || at[v + 1] == at[v]) continue;
    if (!out.empty() && out.back().end == at[v])
      out.back().end = at[v + 1];
    else
      out.push_back({at[v], at[v + 1]});
  }
  if (memo.size() >= kMemoLines) memo.clear();
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace orpheus::ui
