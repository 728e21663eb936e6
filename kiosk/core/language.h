#pragma once
// What a language code looks like, for every reader of codes (pack sources, importers, the
// kiosk configuration): BCP 47-ish, 2-3 lowercase letters, then optionally "-" and a region or
// script: "bg", "en", "pt-BR", "sr-Latn".
#include <string_view>

namespace orpheus::core {

bool is_language_code(std::string_view s);

}  // namespace orpheus::core
