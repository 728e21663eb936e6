#pragma once
// Small ASCII text helpers shared by the parsers (PO catalogues, IIIF manifests, HTML, key files,
// image URLs, recipes): one rule for each instead of a copy per file. Pure functions, any thread.
#include <string>
#include <string_view>

namespace orpheus::core {

// `s` without the ASCII white space at either end: space, tab, CR and LF (not \f or \v, nor
// anything beyond ASCII such as U+00A0).
constexpr std::string_view trim(std::string_view s) {
  constexpr auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// The value of one hex digit (0-9, a-f, A-F): 0 to 15, or -1 for any other character.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ASCII case only: A-Z to a-z and back, every other byte as it is (UTF-8 left alone), whatever the
// C locale says (unlike std::tolower).
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
inline std::string ascii_lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}
inline std::string ascii_uppered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

}  // namespace orpheus::core
