#pragma once
// UTF-8 at the byte level, for everything that walks text by code point (importers, search,
// keyboard layouts). Pure functions, any thread.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace orpheus::core {

// The code point starting at s[i] and its length in bytes, or {U+FFFD, 0} when s[i] does not
// start valid UTF-8 (overlong forms, surrogates, values above U+10FFFF, truncated sequences).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i);
void append_utf8(std::string& out, char32_t c);
// Offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
// values above U+10FFFF are invalid), or npos.
std::size_t invalid_utf8_at(std::string_view s);
// How many code points `s` holds, counted as the bytes that do not continue a sequence
// (10xxxxxx): exact for valid UTF-8, which it does not check (a column to report, a length to cap).
std::size_t count_code_points(std::string_view s);
// How many bytes append_utf8 writes for c.
constexpr std::size_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

}  // namespace orpheus::core
