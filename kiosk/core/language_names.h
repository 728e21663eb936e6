#pragma once
// A language's name in that language, for labelling it to the people who read it: "fr" →
// "Français", "bg" → "Български", "ja" → "日本語", "pt-BR" → "Português (Brasil)". The names come
// from ICU's CLDR data, the first letter upper-cased by the language's own rules (a label starts
// a line; CLDR writes many names in lower case). A code ICU has no name for comes back unchanged
// ("xx"). Any thread. It costs microseconds and loads ICU data on first use: call it when a pack
// is shown or cache the result, never once per frame.
#include <string>
#include <string_view>

namespace orpheus::core {

std::string native_language_name(std::string_view code);

// `code`'s name as the readers of `reader` write it in the middle of a sentence ("en" in "bg":
// "английски", in "fr": "anglais", in "de": "Englisch"). The code itself if ICU has no name.
std::string language_name_in(std::string_view code, std::string_view reader);

}  // namespace orpheus::core
