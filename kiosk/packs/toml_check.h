#pragma once
// Internal to orpheus_packs: reads one TOML file and checks its tables field by field, turning
// every mistake into a Problem with file, line, column and the field's dotted path.
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packs/source.h"

namespace orpheus::packs::detail {

class TomlFile {
 public:
  // `shown` is the path printed in problems; `problems` outlives this object.
  TomlFile(std::filesystem::path shown, std::vector<Problem>& problems);
  bool load();  // false (and one problem) if the file is unreadable or not valid TOML
  const toml::table& root() const { return root_; }
  const std::filesystem::path& path() const { return shown_; }

  void report(const toml::source_region& where, std::string field, std::string reason);
  void report(std::string field, std::string reason);  // no line known
  SourceLoc loc(const toml::source_region& where) const;

 private:
  std::filesystem::path shown_;
  std::vector<Problem>& problems_;
  toml::table root_;
};

// Languages a language map may use. When pack.toml could not be read, `known` is false and
// language checks are skipped (the pack.toml problem is reported on its own).
struct LangRules {
  bool known = false;
  std::vector<std::string> languages;
  std::string default_language;
};

enum class Need { optional, default_language };

// Checks one table of a TomlFile. `prefix` is its dotted path ("", "date", "images[2]").
class Fields {
 public:
  Fields(TomlFile& file, const toml::table& table, std::string prefix);

  // Reports every key not in `known` ("unknown key; expected one of: ...").
  void allow(std::initializer_list<std::string_view> known);

  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  std::optional<int> int32(std::string_view key, bool required);
  std::optional<double> number(std::string_view key, bool required);  // integer or float
  const toml::table* table(std::string_view key, bool required);
  const toml::array* array(std::string_view key, bool required);
  LangText text(std::string_view key, Need need, const LangRules& rules);

  // Reports a missing/ill-typed field where it is (the key's value) or, if absent, where the
  // table is (or no line for a file's top level).
  void report(std::string_view key, std::string reason);
  toml::source_region where(std::string_view key) const;
  std::string field(std::string_view key) const;
  TomlFile& file() { return file_; }

 private:
  const toml::node* get(std::string_view key, toml::node_type want, const char* want_name, bool required);

  TomlFile& file_;
  const toml::table& table_;
  std::string prefix_;
};

// id, version, languages, default_language and the optional require_languages of a pack, read
// and checked the same way from pack.toml and from a CSV mapping's [pack] table. Fills `pack`; the returned rules are known
// only when the languages and the default language are all valid.
LangRules read_pack_identity(Fields& t, PackSource& pack);

// "string", "integer", "table", ... for messages.
std::string type_name(toml::node_type t);
// Checks and reads a language map node: a table of language code -> string.
LangText read_lang_map(TomlFile& file, const toml::node& node, const std::string& field, Need need,
                       const LangRules& rules);

}  // namespace orpheus::packs::detail
