#include "app/settings.h"


#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/files.h"

namespace orpheus::app {
namespace fs = std::filesystem;

namespace {
constexpr const char* kLastGood = "kiosk.last-good.toml";
constexpr const char* kAdminFile = "admin.toml";

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

Settings resolve_settings(const Options& o) {
  Settings s;
  if (o.config) {
    auto loaded = config::read_config(*o.config);
    if (!loaded.problems.empty() && !loaded.config.state.dir.empty()) {
      // Bad keys fall back to the last configuration that loaded cleanly, not to defaults: a
      // typo made today must not switch off signature checks or move the content folder.
      const fs::path last_good = loaded.config.state.dir / kLastGood;
      std::error_code ec;
      if (fs::exists(last_good, ec)) {
        auto good = config::read_config(last_good, {}, o.config->parent_path());
        if (good.problems.empty()) {
          loaded = config::read_config(*o.config, good.config);
          s.used_last_good = true;
        }
      }
    }
    s.config = std::move(loaded.config);
    s.problems = std::move(loaded.problems);
    if (!s.config.state.dir.empty()) {
      std::error_code ec;
      const fs::path admin = s.config.state.dir / kAdminFile;
      if (fs::exists(admin, ec)) {
        auto changes = config::read_config(admin, s.config);
        s.config = std::move(changes.config);
        for (auto& p : changes.problems) s.problems.push_back(std::move(p));
      }
    }
  }
  std::vector<std::string> sets = o.sets;
  if (!o.fullscreen) sets.push_back("display.fullscreen=false");
  if (o.display) sets.push_back("display.index=" + std::to_string(*o.display));
  if (o.dpi) sets.push_back("display.dpi=" + std::to_string(static_cast<int>(*o.dpi)));
  if (!o.language.empty()) sets.push_back("session.default_language=" + quoted(o.language));
  if (!o.log_level.empty()) sets.push_back("log.level=" + quoted(o.log_level));
  if (o.touch_rotation) sets.push_back("touch.rotation=" + std::to_string(*o.touch_rotation));
  if (o.max_touches) sets.push_back("touch.max_touches=" + std::to_string(*o.max_touches));
  for (const auto& set : sets)
    for (auto& p : config::apply_override(s.config, set)) s.problems.push_back(std::move(p));
  return s;
}

std::string remember_good_config(const config::Config& config) {
  if (config.state.dir.empty() || config.file.empty()) return "";
  try {
    std::ifstream in(config.file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return config.file.string() + ": cannot read it to keep a last good copy";
    fs::create_directories(config.state.dir);
    core::write_file_atomically(config.state.dir / kLastGood,
                     "# The last configuration that loaded without problems, copied from " + config.file.string() +
                         " by orpheus-kiosk.\n# Bad keys in that file take their values from here.\n" + text.str());
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void save_admin_changes(const config::Config& config) {
  if (config.state.dir.empty())
    throw std::runtime_error("no [state] dir is configured: the change lasts until the kiosk restarts");
  std::error_code ec;
  fs::create_directories(config.state.dir, ec);
  std::ostringstream text;
  text << "# Changed on the kiosk's admin screen; these values override " << config.file.string() << ".\n"
       << "# Delete this file to go back to the configuration's values.\n[session]\n"
       << "idle_timeout = " << config.session.idle_timeout_s << "\nattract_timeout = " << config.session.attract_timeout_s
       << "\n[audio]\nvolume = " << config.audio.volume << "\n";
  core::write_file_atomically(config.state.dir / kAdminFile, text.str());
}

std::vector<std::string> enabled_languages(const config::SessionConfig& session,
                                           const std::vector<std::string>& pack_languages,
                                           const std::vector<std::string>& interface_languages) {
  const auto in = [](const std::vector<std::string>& list, const std::string& l) {
    return std::find(list.begin(), list.end(), l) != list.end();
  };
  std::vector<std::string> out;
  for (const auto& l : session.languages)
    if (in(pack_languages, l)) out.push_back(l);
  if (!out.empty()) return out;
  for (const auto& l : pack_languages)
    if (in(interface_languages, l)) out.push_back(l);
  return out.empty() ? pack_languages : out;
}

std::string start_language(const config::SessionConfig& session, const std::vector<std::string>& enabled,
                           const std::string& pack_default) {
  const auto has = [&](const std::string& l) { return std::find(enabled.begin(), enabled.end(), l) != enabled.end(); };
  if (!session.default_language.empty() && has(session.default_language)) return session.default_language;
  if (has(pack_default) || enabled.empty()) return pack_default;
  return enabled.front();
}

}  // namespace orpheus::app
