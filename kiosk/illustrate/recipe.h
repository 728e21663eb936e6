#pragma once
// Illustration recipes (docs/illustrations.md): `[[image]]` tables in TOML files.
//
//   file     output path relative to the output folder (".jpg"/".jpeg", no "..", not absolute)
//   kind     one of kinds() (kinds.h);  variant: one of that kind's variants
//   material gold | silver | gilded-silver | bronze | clay | marble | stone | fresco
//   seed     integer; varies details, never the kind
//   width, height   pixels, 64..16384 each
//   title    optional, for logs only
//   backdrop optional extension: "black" | "grey" | "linen" (default chosen per material)
//
// Parsing never throws: every problem becomes a RecipeError with the source position of the
// offending value (or of the [[image]] table for a missing key).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "illustrate/material.h"
#include "illustrate/shade.h"

namespace orpheus::illustrate {

struct Recipe {
  std::string file;
  std::string kind;
  std::string variant;
  Material material = Material::gold;
  std::int64_t seed = 0;
  int width = 0;
  int height = 0;
  std::string title;
  std::optional<Backdrop> backdrop;
  // Where it was defined (for messages).
  std::string source;
  int line = 0;
  int column = 0;
};

struct RecipeError {
  std::string source;
  int line = 0;
  int column = 0;
  std::string key;
  std::string reason;
  // "FILE:LINE:COL: key: reason"
  std::string message() const;
};

struct RecipeSet {
  std::vector<Recipe> recipes;
  std::vector<RecipeError> errors;
};

// Parses TOML text; `source` names it in messages. Appends to `out`.
void parse_recipes(std::string_view text, const std::string& source, RecipeSet& out);
// Reads and parses a file (a missing/unreadable file is an error at line 0).
void parse_recipe_file(const std::filesystem::path& path, RecipeSet& out);
// Cross-recipe checks (two recipes writing the same output file); then sorts the errors
// into reading order.
void check_recipe_set(RecipeSet& set);

inline constexpr int kMinSide = 64;
inline constexpr int kMaxSide = 16384;

}  // namespace orpheus::illustrate
