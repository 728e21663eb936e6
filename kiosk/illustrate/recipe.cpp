#include "illustrate/recipe.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "core/text.h"
#include "illustrate/kinds.h"

namespace orpheus::illustrate {
namespace {

constexpr std::array<std::string_view, 9> kKeys = {"file",  "kind",   "variant", "material", "seed",
                                                   "width", "height", "title",   "backdrop"};

std::string join(std::span<const std::string_view> items) {
  std::string s;
  for (std::string_view v : items) {
    if (!s.empty()) s += ", ";
    s += v;
  }
  return s;
}

// Why `file` is not an acceptable output path (empty if fine).
std::string check_output_path(const std::string& f) {
  if (f.empty()) return "must not be empty";
  if (f.find('\\') != std::string::npos) return "use '/' as separator";
  if (f.front() == '/') return "must be relative to the output folder";
  std::stringstream ss(f);
  std::string part;
  while (std::getline(ss, part, '/')) {
    if (part.empty()) return "empty path component";
    if (part == "." || part == "..") return "'.' and '..' are not allowed";
  }
  if (f.back() == '/') return "must name a file";
  const std::string l = core::ascii_lowered(f);
  if (!(l.ends_with(".jpg") || l.ends_with(".jpeg"))) return "must end in .jpg or .jpeg";
  return {};
}

class TableReader {
 public:
  TableReader(const toml::table& t, const std::string& source, RecipeSet& out) : t_(t), source_(source), out_(out) {}

  void error_at(const toml::source_region& where, std::string_view key, std::string reason) {
    out_.errors.push_back({source_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                           std::string(key), std::move(reason)});
    ok_ = false;
  }
  void error(std::string_view key, std::string reason) { error_at(t_.source(), key, std::move(reason)); }

  const toml::node* need(std::string_view key) {
    const toml::node* n = t_.get(key);
    if (!n) error(key, "missing (required)");
    return n;
  }

  std::optional<std::string> string(std::string_view key, bool required) {
    const toml::node* n = required ? need(key) : t_.get(key);
    if (!n) return std::nullopt;
    if (const auto* v = n->as_string()) return v->get();
    error_at(n->source(), key, "must be a string");
    return std::nullopt;
  }

  std::optional<std::int64_t> integer(std::string_view key, bool required) {
    const toml::node* n = required ? need(key) : t_.get(key);
    if (!n) return std::nullopt;
    if (const auto* v = n->as_integer()) return v->get();
    error_at(n->source(), key, "must be an integer");
    return std::nullopt;
  }

  const toml::source_region& where(std::string_view key) const {
    const toml::node* n = t_.get(key);
    return n ? n->source() : t_.source();
  }
  bool ok() const { return ok_; }

 private:
  const toml::table& t_;
  const std::string& source_;
  RecipeSet& out_;
  bool ok_ = true;
};

void read_image(const toml::table& t, const std::string& source, RecipeSet& out) {
  TableReader rd(t, source, out);
  Recipe r;
  r.source = source;
  r.line = static_cast<int>(t.source().begin.line);
  r.column = static_cast<int>(t.source().begin.column);

  for (const auto& [k, v] : t) {
    if (std::find(kKeys.begin(), kKeys.end(), k.str()) == kKeys.end())
      rd.error_at(v.source(), k.str(), "unknown key (known: " + join(kKeys) + ")");
  }

  if (auto f = rd.string("file", true)) {
    if (std::string why = check_output_path(*f); !why.empty())
      rd.error_at(rd.where("file"), "file", why);
    r.file = *f;
  }
  const KindInfo* kind = nullptr;
  if (auto k = rd.string("kind", true)) {
    kind = find_kind(*k);
    if (!kind) {
      std::vector<std::string_view> names;
      for (const KindInfo& ki : kinds()) names.push_back(ki.name);
      rd.error_at(rd.where("kind"), "kind", "unknown kind '" + *k + "' (known: " + join(names) + ")");
    }
    r.kind = *k;
  }
  if (auto v = rd.string("variant", true)) {
    if (kind && !has_variant(*kind, *v))
      rd.error_at(rd.where("variant"), "variant",
                  "unknown variant '" + *v + "' of kind " + r.kind + " (known: " + join(kind->variants) + ")");
    r.variant = *v;
  }
  if (auto m = rd.string("material", true)) {
    if (auto mat = material_from_name(*m))
      r.material = *mat;
    else
      rd.error_at(rd.where("material"), "material",
                  "unknown material '" + *m + "' (known: gold, silver, gilded-silver, bronze, clay, marble, stone, fresco)");
  }
  if (auto s = rd.integer("seed", true)) r.seed = *s;
  for (std::string_view side : {"width", "height"}) {
    if (auto v = rd.integer(side, true)) {
      if (*v < kMinSide || *v > kMaxSide)
        rd.error_at(rd.where(side), side,
                    "must be between " + std::to_string(kMinSide) + " and " + std::to_string(kMaxSide) + " pixels");
      else
        (side == "width" ? r.width : r.height) = static_cast<int>(*v);
    }
  }
  if (auto title = rd.string("title", false)) r.title = *title;
  if (auto b = rd.string("backdrop", false)) {
    if (*b == "black")
      r.backdrop = Backdrop::black;
    else if (*b == "grey" || *b == "gray")
      r.backdrop = Backdrop::grey;
    else if (*b == "linen")
      r.backdrop = Backdrop::linen;
    else
      rd.error_at(rd.where("backdrop"), "backdrop", "unknown backdrop '" + *b + "' (known: black, grey, linen)");
  }
  if (rd.ok()) out.recipes.push_back(std::move(r));
}

}  // namespace

std::string RecipeError::message() const {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + key + ": " + reason;
}

void parse_recipes(std::string_view text, const std::string& source, RecipeSet& out) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    out.errors.push_back({source, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                          "toml", std::string(e.description())});
    return;
  }
  for (const auto& [k, v] : root) {
    if (k.str() != "image")
      out.errors.push_back({source, static_cast<int>(v.source().begin.line), static_cast<int>(v.source().begin.column),
                            std::string(k.str()), "unknown top-level key (expected [[image]] tables)"});
  }
  const toml::node* images = root.get("image");
  if (!images) {
    out.errors.push_back({source, 1, 1, "image", "no [[image]] tables in file"});
    return;
  }
  const toml::array* arr = images->as_array();
  if (!arr) {
    out.errors.push_back({source, static_cast<int>(images->source().begin.line),
                          static_cast<int>(images->source().begin.column), "image",
                          "must be an array of tables ([[image]])"});
    return;
  }
  for (const toml::node& n : *arr) {
    if (const toml::table* t = n.as_table())
      read_image(*t, source, out);
    else
      out.errors.push_back({source, static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column),
                            "image", "must be a table"});
  }
}

void parse_recipe_file(const std::filesystem::path& path, RecipeSet& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.errors.push_back({path.string(), 0, 0, "file", "cannot read recipe file"});
    return;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  parse_recipes(ss.str(), path.string(), out);
}

void check_recipe_set(RecipeSet& set) {
  // Problems in reading order: by file (as first seen), then line and column.
  std::map<std::string, const Recipe*> seen;
  for (const Recipe& r : set.recipes) {
    const std::string key = core::ascii_lowered(r.file);
    auto [it, inserted] = seen.emplace(key, &r);
    if (!inserted) {
      const Recipe& first = *it->second;
      set.errors.push_back({r.source, r.line, r.column, "file",
                            "output '" + r.file + "' already written by the recipe at " + first.source + ":" +
                                std::to_string(first.line) + ":" + std::to_string(first.column)});
    }
  }
  std::map<std::string, std::size_t> order;
  for (const RecipeError& e : set.errors) order.emplace(e.source, order.size());
  std::stable_sort(set.errors.begin(), set.errors.end(), [&](const RecipeError& a, const RecipeError& b) {
    const std::size_t oa = order[a.source], ob = order[b.source];
    if (oa != ob) return oa < ob;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
}

}  // namespace orpheus::illustrate
