// A build's problems and result, apart from the builder itself: the kiosk's pack installer reports
// with them and so links only this, not the source readers (libical, netCDF) behind the builder.
#include <algorithm>

#include "packs/builder.h"

namespace orpheus::packs {

std::string Problem::str() const {
  std::string s;
  if (!file.empty()) {
    s += file.string();
    if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
    s += ": ";
  }
  if (!field.empty()) s += field + ": ";
  if (warning) s += "warning: ";
  s += reason;
  return s;
}

bool has_errors(const std::vector<Problem>& problems) {
  return std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return !p.warning; });
}

bool BuildResult::ok() const { return !has_errors(problems); }

}  // namespace orpheus::packs
