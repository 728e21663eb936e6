#pragma once
// Importer problems as the CLI prints them, for comparing with expected lines in tests.
#include <string>
#include <vector>

#include "packs/builder.h"
#include "support/source_tree.h"

namespace orpheus::test {

// Problems as printed, with the temporary folder shown as DIR.
inline std::vector<std::string> problem_lines(const std::vector<packs::Problem>& problems, const TempDir& dir) {
  std::vector<std::string> out;
  const std::string root = dir.path().string();
  for (const auto& p : problems) {
    std::string s = p.str();
    for (auto at = s.find(root); at != std::string::npos; at = s.find(root, at)) s.replace(at, root.size(), "DIR");
    out.push_back(s);
  }
  return out;
}

// One line each, for failure messages.
inline std::string joined_lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

}  // namespace orpheus::test
