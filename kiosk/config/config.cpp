#include "config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <system_error>

namespace orpheus::config {
namespace {

namespace fs = std::filesystem;

class Checker {
 public:
  explicit Checker(fs::path file) : file_(std::move(file)) {}

  void problem(const toml::source_region& at, const std::string& key, const std::string& reason) {
    std::string where = file_.string();
    if (at.begin.line) where += ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
    problems_ += (problems_.empty() ? "" : "\n") + where + ": " + key + ": " + reason;
  }
  void unknown_keys(const toml::table& t, const std::string& prefix, std::initializer_list<std::string_view> known) {
    for (const auto& [k, v] : t)
      if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
        std::string list;
        for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
        problem(v.source(), prefix + std::string(k.str()), "unknown key; expected one of: " + list);
      }
  }
  const fs::path& file() const { return file_; }
  const std::string& problems() const { return problems_; }

 private:
  fs::path file_;
  std::string problems_;
};

void read_content(Checker& c, const toml::table& t, ContentConfig& out) {
  c.unknown_keys(t, "content.", {"dir", "trusted_keys", "require_signature", "switch_after_idle"});
  if (const auto* n = t.get("dir")) {
    if (const auto* s = n->as_string(); s && !s->get().empty())
      out.dir = c.file().parent_path() / s->get();
    else
      c.problem(n->source(), "content.dir", "expected a folder path (a non-empty string)");
  }
  if (const auto* n = t.get("trusted_keys")) {
    const auto* arr = n->as_array();
    if (!arr) c.problem(n->source(), "content.trusted_keys", "expected a list of key files or keys");
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
      const auto& item = *arr->get(i);
      const std::string key = "content.trusted_keys[" + std::to_string(i + 1) + "]";
      const auto* s = item.as_string();
      if (!s) {
        c.problem(item.source(), key, "expected a string");
        continue;
      }
      try {
        const std::string& v = s->get();
        // Any "orpheus-ed25519..." text is a key, not a file name: a secret key pasted here gets
        // parse_public_key's advice, not "file not found".
        out.trusted_keys.push_back(v.rfind("orpheus-ed25519", 0) == 0
                                       ? trust::parse_public_key(v)
                                       : trust::read_public_key(c.file().parent_path() / v));
      } catch (const trust::TrustError& e) {
        c.problem(item.source(), key, e.what());
      }
    }
  }
  if (const auto* n = t.get("require_signature")) {
    if (const auto* b = n->as_boolean())
      out.require_signature = b->get();
    else
      c.problem(n->source(), "content.require_signature", "expected true or false");
  }
  if (const auto* n = t.get("switch_after_idle")) {
    const auto v = n->value<double>();
    if (!v || !(*v >= 0 && *v <= 24 * 3600))  // so NaN is refused too
      c.problem(n->source(), "content.switch_after_idle", "expected seconds between 0 and 86400");
    else
      out.switch_after_idle_s = *v;
  }
}

}  // namespace

Config load_config(const fs::path& file) {
  Config config;
  config.file = file;
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (!fs::exists(status)) throw ConfigError(file.string() + ": file not found");
  if (fs::is_directory(status)) throw ConfigError(file.string() + ": is a folder, not a configuration file");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    throw ConfigError(file.string() + (at.line ? ":" + std::to_string(at.line) + ":" + std::to_string(at.column) : "") +
                      ": " + std::string(e.description()));
  }
  Checker c(file);
  c.unknown_keys(root, "", {"content"});
  if (const auto* n = root.get("content")) {
    if (const auto* t = n->as_table())
      read_content(c, *t, config.content);
    else
      c.problem(n->source(), "content", "expected a [content] table");
  }
  if (!c.problems().empty()) throw ConfigError(c.problems());
  return config;
}

}  // namespace orpheus::config

namespace orpheus::config {
// Stubs until the [display]..[state] sections land (helper in progress).
std::string Problem::to_string() const { return file.string() + ": " + key + ": " + reason; }
Loaded read_config(const fs::path& file, const Config& base, const std::optional<fs::path>&) {
  Loaded l{base, {}};
  try { l.config = load_config(file); } catch (const ConfigError& e) { l.problems.push_back({file, 0, 0, "", e.what()}); }
  return l;
}
std::vector<Problem> apply_override(Config&, const std::string& a) { return {{{}, 0, 0, a, "not implemented"}}; }
std::string describe(const Config&) { return {}; }
}  // namespace orpheus::config
