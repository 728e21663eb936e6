#pragma once
// The on-screen keyboard's layouts, one TOML file each in assets/keyboards/: a layout is data,
// not code (docs/keyboards.md). Each names itself in its own language, says which language it
// is for and what the "next layout" key shows for it ("АБВ", "ABC", "ΑΒΓ"), and lists its rows of
// keys, one letter or digit a key. Loaded once at start-up; a bad file is reported with
// file:line:column and the field, and left out: the other layouts still load.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace orpheus::ui {

struct KeyboardLayout {
  std::string id;        // the file's name without .toml: "bg-phonetic"
  std::string name;      // "Български (фонетична)"
  std::string short_name;  // under the script on the next-layout key: "БДС" (optional)
  std::string language;  // ISO 639-1: the visitor language it is for
  std::string script;    // what the next-layout key shows to bring this layout up
  int order = 1000;      // among the layouts of its language, and then of all
  std::vector<std::vector<std::string>> rows;  // top to bottom; each key one code point (UTF-8)
};

// Rows of at most this many keys (a 12 mm key on a 1920-pixel, 96 dpi screen leaves margins);
// at most this many rows.
inline constexpr std::size_t kMaxKeysPerRow = 13;
inline constexpr std::size_t kMaxRows = 5;

struct KeyboardProblem {
  std::filesystem::path file;
  int line = 0, column = 0;
  std::string field, reason;
  std::string str() const;  // "FILE:LINE:COL: field: reason"
};

class KeyboardLayouts {
 public:
  // Every *.toml in `dir`, in `order`; problems are logged and kept (problems()).
  static KeyboardLayouts load(const std::filesystem::path& dir);
  // One file; throws nothing: the problems found instead of a layout.
  static std::vector<KeyboardProblem> read(const std::filesystem::path& file, KeyboardLayout& out);

  const std::vector<KeyboardLayout>& all() const { return layouts_; }
  const std::vector<KeyboardProblem>& problems() const { return problems_; }
  // The first layout for a visitor language, else the first English one, else the first of
  // all; null when none loaded.
  const KeyboardLayout* for_language(std::string_view language) const;
  // The layout the "next layout" key brings up after `current`: the others of the visitor's
  // language (or English) first, then the rest in order, round to the start.
  const KeyboardLayout* next(const KeyboardLayout& current, std::string_view language) const;

 private:
  std::vector<const KeyboardLayout*> cycle(std::string_view language) const;

  std::vector<KeyboardLayout> layouts_;
  std::vector<KeyboardProblem> problems_;
};

}  // namespace orpheus::ui
