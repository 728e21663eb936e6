#pragma once
// Internal to orpheus_packs: the rules every reader of pack sources shares (the TOML source,
// the CSV and IIIF importers): UTF-8 at the byte level, what ids and language codes look like,
// case folding, and how any text becomes an id (slugify). Pure functions, any thread.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/language.h"
#include "core/utf8.h"

namespace orpheus::packs::detail {

using core::append_utf8;
using core::decode_utf8;

// Lower-case ASCII letters, digits and '-' (and '.' if allow_dot: pack ids), not empty.
bool is_slug(std::string_view s, bool allow_dot);
using core::is_language_code;

// ASCII, Latin-1/Latin Extended-A, Greek and Cyrillic letters lower-cased; the rest unchanged
// (invalid UTF-8 bytes too).
std::string fold_case(std::string_view s);

// The one slug rule of every importer: [a-z0-9-], letters lower-cased and transliterated to
// Latin (Bulgarian streamlined system for Cyrillic, so "Инв. № 3201" -> "inv-no-3201",
// "Щит" -> "shtit"; Latin diacritics dropped; Greek by the usual table), '№' -> "no",
// apostrophes dropped ("O'Brien" -> "obrien"), every other run of characters -> one '-', none
// at either end. Empty when nothing is left (e.g. "???" or only CJK characters).
// Longer than `max_length` bytes: cut at the last '-' at or before max_length if that keeps at
// least half of max_length (whole words), else cut hard at max_length; never ending in '-'.
// So ("alpha beta gamma", 12) -> "alpha-beta" and ("ab-cdefghijkl", 10) -> "ab-cdefghi".
std::string slugify(std::string_view text, std::size_t max_length = 80);

}  // namespace orpheus::packs::detail
