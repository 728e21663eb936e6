#include "core/language.h"

#include <algorithm>

namespace orpheus::core {

bool is_language_code(std::string_view s) {
  const auto dash = s.find('-');
  const auto primary = s.substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3) return false;
  if (!std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
  if (dash == std::string_view::npos) return true;
  const auto rest = s.substr(dash + 1);
  return !rest.empty() && rest.size() <= 20 && rest.back() != '-' && std::all_of(rest.begin(), rest.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace orpheus::core
