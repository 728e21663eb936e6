// Recipe parsing: every problem is reported with file, line, column and key.
#include <doctest/doctest.h>

#include <string>

#include "illustrate/recipe.h"

namespace il = orpheus::illustrate;

namespace {

il::RecipeSet parse(const std::string& text, const std::string& name = "test.toml") {
  il::RecipeSet set;
  il::parse_recipes(text, name, set);
  il::check_recipe_set(set);
  return set;
}

const char* kGood = R"([[image]]
file = "panagyurishte/amphora-rhyton-1.jpg"
kind = "vessel"
variant = "amphora-rhyton"
material = "gold"
seed = 11
width = 2400
height = 1800
title = "Amphora-rhyton"
)";

bool has_error(const il::RecipeSet& s, int line, const std::string& key, const std::string& words = "") {
  for (const il::RecipeError& e : s.errors)
    if (e.line == line && e.key == key && e.reason.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the example of docs/illustrations.md parses") {
  const il::RecipeSet s = parse(kGood);
  REQUIRE(s.errors.empty());
  REQUIRE(s.recipes.size() == 1);
  const il::Recipe& r = s.recipes[0];
  CHECK(r.file == "panagyurishte/amphora-rhyton-1.jpg");
  CHECK(r.kind == "vessel");
  CHECK(r.variant == "amphora-rhyton");
  CHECK(r.material == il::Material::gold);
  CHECK(r.seed == 11);
  CHECK(r.width == 2400);
  CHECK(r.height == 1800);
  CHECK(r.title == "Amphora-rhyton");
  CHECK(r.line == 1);
}

TEST_CASE("messages read FILE:LINE:COL: key: reason") {
  std::string t = kGood;
  t.replace(t.find("\"vessel\""), 8, "\"vase\"");
  const il::RecipeSet s = parse(t, "content/x.toml");
  REQUIRE(s.errors.size() == 1);
  CHECK(s.errors[0].message().rfind("content/x.toml:3:8: kind: unknown kind 'vase'", 0) == 0);
  CHECK(s.recipes.empty());
}

TEST_CASE("unknown variant, material, bad types and ranges are all reported at once") {
  const il::RecipeSet s = parse(R"([[image]]
file = "a.jpg"
kind = "helmet"
variant = "corinthian"
material = "tin"
seed = "eleven"
width = 10
height = 99999
)");
  CHECK(s.errors.size() == 5);
  CHECK(has_error(s, 4, "variant", "corinthian"));
  CHECK(has_error(s, 5, "material", "tin"));
  CHECK(has_error(s, 6, "seed", "integer"));
  CHECK(has_error(s, 7, "width", "between"));
  CHECK(has_error(s, 8, "height", "between"));
}

TEST_CASE("missing keys are reported at the [[image]] header, unknown keys at the key") {
  const il::RecipeSet s = parse(R"(# comment
[[image]]
file = "a.jpg"
kind = "coin"
variant = "stater"
material = "gold"
widht = 100
)");
  CHECK(has_error(s, 2, "seed", "missing"));
  CHECK(has_error(s, 2, "width", "missing"));
  CHECK(has_error(s, 2, "height", "missing"));
  CHECK(has_error(s, 7, "widht", "unknown key"));
}

TEST_CASE("output paths must stay inside the output folder and be JPEG") {
  for (const char* bad : {"../escape.jpg", "/abs.jpg", "a//b.jpg", "pic.png", "dir/"}) {
    std::string t = kGood;
    t.replace(t.find("\"panagyurishte/amphora-rhyton-1.jpg\""), 36, std::string("\"") + bad + "\"");
    const il::RecipeSet s = parse(t);
    CHECK_MESSAGE(has_error(s, 2, "file"), bad);
  }
}

TEST_CASE("TOML syntax errors carry their position") {
  const il::RecipeSet s = parse("[[image]]\nfile = \"a.jpg\nkind = 3\n", "broken.toml");
  REQUIRE(s.errors.size() == 1);
  CHECK(s.errors[0].source == "broken.toml");
  CHECK(s.errors[0].line == 2);
}

TEST_CASE("two recipes writing the same file is an error") {
  il::RecipeSet set;
  il::parse_recipes(kGood, "one.toml", set);
  il::parse_recipes(kGood, "two.toml", set);
  il::check_recipe_set(set);
  REQUIRE(set.errors.size() == 1);
  CHECK(set.errors[0].source == "two.toml");
  CHECK(set.errors[0].reason.find("one.toml:1") != std::string::npos);
}

TEST_CASE("a file without [[image]] tables, or other top-level keys, is an error") {
  CHECK_FALSE(parse("title = \"x\"\n").errors.empty());
  CHECK_FALSE(parse("image = 3\n").errors.empty());
}

TEST_CASE("a missing recipe file is an error, not a crash") {
  il::RecipeSet set;
  il::parse_recipe_file("/nonexistent/recipes.toml", set);
  REQUIRE(set.errors.size() == 1);
  CHECK(set.errors[0].source == "/nonexistent/recipes.toml");
}
