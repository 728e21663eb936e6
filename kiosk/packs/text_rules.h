#pragma once
// Internal to orpheus_packs: the rules every reader of pack sources shares (the TOML source,
// the CSV and IIIF importers): UTF-8 at the byte level, and what ids and language codes look like.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/language.h"

namespace orpheus::packs::detail {

// The code point starting at s[i] and its length in bytes, or {U+FFFD, 0} when s[i] does not
// start valid UTF-8 (overlong forms, surrogates, values above U+10FFFF, truncated sequences).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i);
void append_utf8(std::string& out, char32_t c);

// Lower-case ASCII letters, digits and '-' (and '.' if allow_dot: pack ids), not empty.
bool is_slug(std::string_view s, bool allow_dot);
using core::is_language_code;

}  // namespace orpheus::packs::detail
