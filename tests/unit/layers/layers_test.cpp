// The layers of docs/architecture.md, checked on every source file: a folder includes only its
// own headers and those of folders below it, so dependencies point one way; nothing below the UI
// and platform layers includes SDL, GL or ImGui; and every folder has its place in the order.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Bottom-up: a folder may include from the folders before it.
const std::vector<std::string> kOrder = {"core",   "i18n", "geo",        "catalog",  "events",  "media", "trust",   "store",    "config",
                                         "admin",  "ops",        "packs", "illustrate", "touch", "timeline", "map",
                                         "session", "usage", "fleet", "platform", "ui",   "app",   "bin"};
// May include SDL, GL or ImGui.
const std::set<std::string> kGraphical = {"platform", "ui", "app", "bin"};

struct Include {
  fs::path file;
  int line;
  std::string target;
};

std::vector<Include> includes_of(const fs::path& file) {
  std::vector<Include> out;
  std::ifstream in(file);
  static const std::regex re(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::string text;
  for (int n = 1; std::getline(in, text); ++n)
    if (std::smatch m; std::regex_search(text, m, re)) out.push_back({file, n, m[1]});
  return out;
}

}  // namespace

TEST_CASE("Dependencies point down the layers, and only the UI layers know SDL, GL and ImGui") {
  const fs::path kiosk = fs::path(ORPHEUS_SOURCE_DIR) / "kiosk";
  REQUIRE(fs::is_directory(kiosk));
  std::size_t files = 0;
  for (const auto& dir : fs::directory_iterator(kiosk)) {
    if (!dir.is_directory()) continue;
    const std::string folder = dir.path().filename().string();
    const auto rank = std::find(kOrder.begin(), kOrder.end(), folder);
    CHECK_MESSAGE(rank != kOrder.end(), "kiosk/" << folder << " has no place in the layers (docs/architecture.md)");
    if (rank == kOrder.end()) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
      const auto ext = e.path().extension();
      if (ext != ".h" && ext != ".cpp") continue;
      ++files;
      for (const auto& inc : includes_of(e.path())) {
        // A layer's header is named by its folder ("map/layout.h"); a bare name is a standard one (<map>).
        const auto slash = inc.target.find('/');
        const std::string head = slash == std::string::npos ? std::string() : inc.target.substr(0, slash);
        const auto used = std::find(kOrder.begin(), kOrder.end(), head);
        if (used != kOrder.end())
          CHECK_MESSAGE(used <= rank, inc.file.string() << ":" << inc.line << ": " << folder << " includes " << inc.target
                                                       << ", from a layer above it");
        const bool graphical = inc.target.rfind("SDL", 0) == 0 || inc.target.rfind("GL", 0) == 0 ||
                               inc.target.rfind("imgui", 0) == 0 || inc.target.rfind("backends/", 0) == 0 ||
                               inc.target.rfind("EGL", 0) == 0;
        if (graphical)
          CHECK_MESSAGE(kGraphical.count(folder), inc.file.string() << ":" << inc.line << ": " << folder << " includes "
                                                                   << inc.target << " (only platform, ui and app may)");
      }
    }
  }
  CHECK(files > 100);  // the tree was really read
}
