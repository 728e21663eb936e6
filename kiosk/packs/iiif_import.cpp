// import_iiif: IIIF Presentation 3.0 and 2.x manifests and collections (local JSON files) ->
// PackSource. Two passes: every file is read into raw structs whose texts keep their language
// keys as written; once every language is known the texts are resolved into the pack's
// languages, collections take the manifests they list, and images are looked up locally.
// Mapping decisions are documented for curators in docs/import-iiif.md.
#include "packs/iiif_import.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>

#include "catalog/catalog.h"
#include "core/text.h"
#include "core/utf8.h"
#include "packs/html_text.h"
#include "packs/image_lookup.h"
#include "packs/text_rules.h"

namespace orpheus::packs {
namespace {

namespace fs = std::filesystem;
using detail::percent_decoded;
using Json = nlohmann::ordered_json;  // keeps the order of language keys as written

constexpr std::uintmax_t kMaxFileBytes = 64u << 20;  // far beyond any real manifest
constexpr int kMaxJsonDepth = 200;                   // deeper JSON is refused before parsing
constexpr int kMaxCollectionDepth = 16;              // embedded collections within collections
constexpr std::size_t kMaxLabelChars = 500;          // titles, labels, captions, credit lines
constexpr std::size_t kMaxTextChars = 20000;         // summaries, metadata values
constexpr std::size_t kMaxLanguages = 20;
constexpr int kMinYear = -10000, kMaxYear = 2200;    // as in pack sources
constexpr std::size_t kMaxSlug = 60;                 // bytes of a slug made from an id (URIs run long)

// How several values in one language become one text (docs/import-iiif.md).
constexpr std::string_view kList = "; ";  // labels, titles, captions, metadata values, credit
constexpr std::string_view kLines = "\n";  // summaries: one line each

// ---------------------------------------------------------------------------------------------
// Small text helpers

// At most `max` code points of valid UTF-8 `s`, with "…" when cut.
std::string shortened(std::string_view s, std::size_t max) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == max) return std::string(core::trim(s.substr(0, i))) + "…";
      ++n;
    }
  return std::string(s);
}

std::string join(const std::vector<std::string>& values, std::string_view sep) {
  std::string out;
  for (const auto& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& v, std::size_t max = 6) {
  std::string s;
  for (std::size_t i = 0; i < v.size() && i < max; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > max) s += ", … (" + std::to_string(v.size()) + " in all)";
  return s;
}

// Canonical case of a language tag: "EN-gb" -> "en-GB", "sr-latn" -> "sr-Latn".
std::string canonical_language(std::string_view tag) {
  std::string out;
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    const auto dash = tag.find('-', start);
    const auto sub = tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    std::string part = core::ascii_lowered(sub);
    if (!first && part.size() == 2) std::transform(part.begin(), part.end(), part.begin(), core::ascii_upper);
    if (!first && part.size() == 4) part[0] = core::ascii_upper(part[0]);
    out += (first ? "" : "-") + part;
    first = false;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return out;
}

// Segments that say nothing about which object a resource is.
bool generic_segment(const std::string& s) {
  static const std::set<std::string> words = {
      "manifest", "manifests", "collection", "collections", "iiif", "presentation", "api", "info", "index",
      "top", "root", "json", "v1", "v2", "v3", "1", "2", "3", "2.0", "2.1", "3.0", "default"};
  return words.count(s) > 0;
}

std::string strip_json_extension(std::string s) {
  for (std::string_view ext : {".jsonld", ".json-ld", ".json"})
    if (s.size() > ext.size() && core::ascii_lowered(s.substr(s.size() - ext.size())) == ext) {
      s.resize(s.size() - ext.size());
      break;
    }
  return s;
}

// The item/collection slug for a IIIF id: its last meaningful path segment ("0009-book-1" in
// ".../recipe/0009-book-1/manifest.json"), with the one before it when that alone would be a bare
// number or too short; the file name when the id gives nothing.
std::string slug_for(const std::string& id, const fs::path& file) {
  std::vector<std::string> meaningful;
  for (const auto& seg : detail::url_path_segments(id)) {
    const std::string s = core::ascii_lowered(strip_json_extension(percent_decoded(seg)));
    if (!generic_segment(s) && !detail::slugify(s, kMaxSlug).empty()) meaningful.push_back(s);
  }
  std::string slug;
  if (!meaningful.empty()) {
    slug = detail::slugify(meaningful.back(), kMaxSlug);
    const bool weak = slug.size() < 3 || std::all_of(slug.begin(), slug.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (weak && meaningful.size() > 1)
      slug = detail::slugify(meaningful[meaningful.size() - 2] + "-" + meaningful.back(), kMaxSlug);
  }
  if (slug.empty()) slug = detail::slugify(strip_json_extension(file.filename().string()), kMaxSlug);
  return slug;
}

std::string unique_slug(std::string base, std::set<std::string>& taken, const char* fallback) {
  if (base.empty()) base = fallback;
  std::string slug = base;
  for (int n = 2; taken.count(slug); ++n) slug = base + "-" + std::to_string(n);
  taken.insert(slug);
  return slug;
}

// For matching a collection's reference to a manifest: scheme-less, trailing '/' removed.
std::string normalized_id(std::string_view id) {
  id = core::trim(id);
  if (const auto scheme = id.find("://"); scheme != std::string_view::npos) id = id.substr(scheme + 3);
  while (!id.empty() && id.back() == '/') id.remove_suffix(1);
  return std::string(id);
}

// The year of an xsd:dateTime ("1856-01-01T00:00:00Z", "-0450-03-01T00:00:00Z"), negative BCE.
// The year of an XSD dateTime ("1856-01-01T00:00:00Z") as written: astronomical, ISO 8601's
// and XSD 1.1's numbering, which has a year 0000 (1 BCE): -0449 is 450 BCE.
std::optional<int> year_of(std::string_view s) {
  s = core::trim(s);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits < 4 || digits > 6) return std::nullopt;
  if (digits < s.size() && s[digits] != '-') return std::nullopt;
  int year = 0;
  for (std::size_t i = 0; i < digits; ++i) year = year * 10 + (s[i] - '0');
  return negative ? -year : year;
}

// An astronomical year as the catalog counts (BCE negative, no year 0): 0 -> -1, -449 -> -450.
int historian_year(int astronomical) { return astronomical > 0 ? astronomical : astronomical - 1; }

// A readable name for a well-known rights URI, else the URI itself.
std::string rights_name(std::string_view uri) {
  const auto segs = detail::url_path_segments(uri);
  const std::string host = [&] {
    const auto scheme = uri.find("://");
    if (scheme == std::string_view::npos) return std::string();
    const auto rest = uri.substr(scheme + 3);
    return core::ascii_lowered(rest.substr(0, rest.find('/')));
  }();
  auto has = [&](std::size_t n) { return segs.size() >= n; };
  if (host == "creativecommons.org" || host == "www.creativecommons.org") {
    if (has(3) && segs[0] == "licenses") {
      std::string code = segs[1];
      std::transform(code.begin(), code.end(), code.begin(), core::ascii_upper);
      return "CC " + code + " " + segs[2];
    }
    if (has(3) && segs[0] == "publicdomain" && segs[1] == "zero") return "CC0 " + segs[2];
    if (has(3) && segs[0] == "publicdomain" && segs[1] == "mark") return "Public Domain Mark " + segs[2];
  }
  if ((host == "rightsstatements.org" || host == "www.rightsstatements.org") && has(3) &&
      (segs[0] == "vocab" || segs[0] == "page")) {
    static const std::map<std::string, std::string> names = {
        {"InC", "In Copyright"},
        {"InC-OW-EU", "In Copyright – EU Orphan Work"},
        {"InC-EDU", "In Copyright – Educational Use Permitted"},
        {"InC-NC", "In Copyright – Non-Commercial Use Permitted"},
        {"InC-RUU", "In Copyright – Rights-holder(s) Unlocatable or Unidentifiable"},
        {"NoC-CR", "No Copyright – Contractual Restrictions"},
        {"NoC-NC", "No Copyright – Non-Commercial Use Only"},
        {"NoC-OKLR", "No Copyright – Other Known Legal Restrictions"},
        {"NoC-US", "No Copyright – United States"},
        {"CNE", "Copyright Not Evaluated"},
        {"UND", "Copyright Undetermined"},
        {"NKC", "No Known Copyright"}};
    if (auto it = names.find(segs[1]); it != names.end()) return it->second;
  }
  return std::string(core::trim(uri));
}

// Labels the importer writes itself, in the languages it knows; English for the others.
const std::map<std::string, std::string>& rights_label() {
  static const std::map<std::string, std::string> m = {{"en", "Rights"},  {"bg", "Права"},  {"fr", "Droits"},
                                                       {"de", "Rechte"},  {"es", "Derechos"}, {"it", "Diritti"},
                                                       {"nl", "Rechten"}, {"ru", "Права"}};
  return m;
}
const std::map<std::string, std::string>& provider_label() {
  static const std::map<std::string, std::string> m = {
      {"en", "Provider"},    {"bg", "Предоставено от"}, {"fr", "Fournisseur"}, {"de", "Bereitgestellt von"},
      {"es", "Proveedor"},   {"it", "Fornitore"},       {"nl", "Aanbieder"},   {"ru", "Предоставлено"}};
  return m;
}

// ---------------------------------------------------------------------------------------------
// Raw structs: what the files say, before the pack's languages are known

// A text as read: values per language key ("" for values without a language: IIIF "none", a
// 2.x plain string). Values are plain text already (HTML reduced, cleaned, length-limited).
struct RawText {
  std::vector<std::pair<std::string, std::vector<std::string>>> langs;

  void add(const std::string& lang, std::string value) {
    for (auto& [l, v] : langs)
      if (l == lang) {
        v.push_back(std::move(value));
        return;
      }
    langs.push_back({lang, {std::move(value)}});
  }
  void append(const RawText& other) {
    for (const auto& [l, vs] : other.langs)
      for (const auto& v : vs) add(l, v);
  }
  const std::vector<std::string>* find(std::string_view lang) const {
    for (const auto& [l, v] : langs)
      if (l == lang) return &v;
    return nullptr;
  }
  bool empty() const { return langs.empty(); }
  // Any one value, for messages: the default language's, else the first.
  std::string any(const std::string& preferred) const {
    if (const auto* v = find(preferred)) return join(*v, kList);
    return langs.empty() ? std::string() : join(langs.front().second, kList);
  }
};

struct RawMeta {
  RawText label, value;
};

struct RawImage {
  std::string url;                 // the resource id as written
  std::vector<std::string> names;  // local file names that would be it, most specific first
  std::string field;               // "items[1].items[1].items[1].body.id"
};

struct RawCanvas {
  std::string id, field;
  RawText label;
  std::vector<RawMeta> metadata;
  std::vector<RawImage> images;
  std::string skipped;  // why a painted resource was not taken, for the warning
};

struct RawManifest {
  fs::path file;
  std::string id;
  RawText label, summary, credit_label, credit_value, provider;
  std::vector<RawMeta> metadata;
  std::vector<std::string> rights;
  std::optional<int> year;
  std::vector<RawImage> thumbnails;
  std::vector<RawCanvas> canvases;
  bool has_label = false;
};

struct RawRef {
  std::string id, field;
  RawText label;
  bool collection = false;
  bool embedded = false;  // a collection whose content is inline (read as its own RawCollection)
};

struct RawCollection {
  fs::path file;
  std::string id, field;  // field: "" for the file's top level, "items[3]" when embedded
  RawText label, summary, credit_label, credit_value;
  std::vector<RawRef> refs;
  bool has_label = false;
};

// A file being read.
struct Doc {
  fs::path file;
  int version = 3;
};

std::string at(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}
std::string at(const std::string& prefix, std::size_t index) {  // counted from 1, as in pack sources
  return prefix + "[" + std::to_string(index + 1) + "]";
}

std::string type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "true/false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unexpected value";
  }
}

const Json* member(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

// 3.0 "id"/"type" and 2.x "@id"/"@type": both spellings are accepted in both versions (3.0
// manifests often carry 2.x image services).
const Json* either(const Json& obj, std::string_view a, std::string_view b, std::string& key) {
  if (const Json* j = member(obj, a)) {
    key = a;
    return j;
  }
  if (const Json* j = member(obj, b)) {
    key = b;
    return j;
  }
  key = a;
  return nullptr;
}

// "Manifest", "sc:Manifest" -> "Manifest".
std::string short_type(std::string_view t) {
  if (const auto colon = t.rfind(':'); colon != std::string_view::npos) t.remove_prefix(colon + 1);
  return std::string(t);
}

// Deepest nesting of arrays/objects, stopping early beyond `limit`.
int json_depth(std::string_view s, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// ---------------------------------------------------------------------------------------------
// The importer

class Importer {
 public:
  Importer(const IiifImportOptions& o, std::vector<Problem>& problems) : o_(o), problems_(problems) {}

  PackSource run() {
    if (o_.inputs.empty()) error({}, "", "no IIIF manifest or collection files given");
    for (const auto& f : expand_inputs()) read_file(f);
    choose_languages();
    assemble();
    return std::move(s_);
  }

 private:
  enum class Kind { label, text };

  void error(const fs::path& file, std::string field, std::string reason, int line = 0, int column = 0) {
    problems_.push_back(Problem{file, line, column, std::move(field), std::move(reason), false});
  }
  void warn(const fs::path& file, std::string field, std::string reason, std::string_view kind = {}) {
    problems_.push_back(Problem{file, 0, 0, std::move(field), std::move(reason), true, std::string(kind)});
  }

  // Files as given; a folder stands for the *.json files in it (sorted). A file given twice is
  // read once.
  std::vector<fs::path> expand_inputs() {
    std::vector<fs::path> out;
    std::set<fs::path> seen;
    auto take = [&](const fs::path& f) {
      std::error_code ec;
      fs::path key = fs::weakly_canonical(f, ec);
      if (ec) key = f;
      if (seen.insert(key).second) out.push_back(f);
    };
    for (const auto& in : o_.inputs) {
      std::error_code ec;
      if (fs::is_directory(in, ec)) {
        std::vector<fs::path> files;
        for (fs::directory_iterator it(in, ec), end; !ec && it != end; it.increment(ec))
          if (it->is_regular_file(ec) && core::ascii_lowered(it->path().extension().string()) == ".json") files.push_back(it->path());
        std::sort(files.begin(), files.end());
        if (files.empty()) error(in, "", "no *.json files in this folder");
        for (const auto& f : files) take(f);
      } else {
        take(in);
      }
    }
    return out;
  }

  void read_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      error(file, "", fs::exists(file, ec) ? "not a file" : "file not found");
      return;
    }
    const auto size = fs::file_size(file, ec);
    if (ec || size > kMaxFileBytes) {
      error(file, "", ec ? "cannot read: " + ec.message()
                         : "file of " + std::to_string(size) + " bytes is too large for a IIIF manifest (at most " +
                               std::to_string(kMaxFileBytes >> 20) + " MB)");
      return;
    }
    std::ifstream in(file, std::ios::binary);
    std::string text(std::istreambuf_iterator<char>(in), {});
    if (!in && !in.eof()) {
      error(file, "", "cannot read the file");
      return;
    }
    if (json_depth(text, kMaxJsonDepth) > kMaxJsonDepth) {
      error(file, "", "not a IIIF manifest: JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      return;
    }
    Json j;
    try {
      j = Json::parse(text);
    } catch (const Json::parse_error& e) {
      report_parse_error(file, text, e);
      return;
    } catch (const Json::exception& e) {  // e.g. a number too large for a double
      std::string reason = e.what();
      if (const auto end = reason.find("] "); !reason.empty() && reason[0] == '[' && end != std::string::npos)
        reason = reason.substr(end + 2);
      error(file, "", "not valid JSON: " + sanitize_text(shortened(reason, 200)));
      return;
    }
    read_document(file, j);
  }

  void report_parse_error(const fs::path& file, std::string_view text, const Json::parse_error& e) {
    // e.byte: 1-based index of the last character read.
    const std::size_t pos = std::min<std::size_t>(e.byte ? e.byte - 1 : 0, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < pos; ++i)
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    const int column = static_cast<int>(core::count_code_points(text.substr(line_start, pos - line_start))) + 1;
    std::string reason = e.what();
    if (const auto p = reason.find("parse error"); p != std::string::npos)
      if (const auto colon = reason.find(": ", p); colon != std::string::npos) reason = reason.substr(colon + 2);
    error(file, "", "not valid JSON: " + sanitize_text(shortened(reason, 200)), line, column);
  }

  void read_document(const fs::path& file, const Json& j) {
    Doc d{file, 3};
    if (!j.is_object()) {
      error(file, "", "not a IIIF manifest or collection: expected a JSON object, got " + type_name(j));
      return;
    }
    d.version = detect_version(j);
    std::string key;
    const Json* type = either(j, d.version == 3 ? "type" : "@type", d.version == 3 ? "@type" : "type", key);
    if (!type) {
      error(file, key, "missing: expected \"Manifest\" or \"Collection\"");
      return;
    }
    if (!type->is_string()) {
      error(file, key, "expected \"Manifest\" or \"Collection\", got " + type_name(*type));
      return;
    }
    const std::string t = short_type(type->get_ref<const std::string&>());
    if (t == "Manifest") {
      read_manifest(d, j);
    } else if (t == "Collection") {
      read_collection(d, j, "", 0);
    } else {
      error(file, key, "'" + sanitize_text(shortened(type->get_ref<const std::string&>(), 60)) +
                           "' is not a IIIF manifest or collection (expected \"Manifest\" or \"Collection\")");
    }
  }

  static int detect_version(const Json& j) {
    auto says = [](const Json& c, std::string_view what) {
      return c.is_string() && c.get_ref<const std::string&>().find(what) != std::string::npos;
    };
    if (const Json* ctx = member(j, "@context")) {
      const std::vector<const Json*> all = [&] {
        std::vector<const Json*> v;
        if (ctx->is_array())
          for (const auto& c : *ctx) v.push_back(&c);
        else
          v.push_back(ctx);
        return v;
      }();
      for (const Json* c : all)
        if (says(*c, "iiif.io/api/presentation/3")) return 3;
      for (const Json* c : all)
        if (says(*c, "iiif.io/api/presentation/2")) return 2;
    }
    if (member(j, "@type") || member(j, "sequences") || member(j, "manifests")) return 2;
    return 3;
  }

  // --- ids, texts -------------------------------------------------------------------------

  // The resource's id; "" (with a warning if `needed`) when absent.
  std::string read_id(const Doc& d, const Json& obj, const std::string& prefix, const char* missing_warning) {
    std::string key;
    const Json* id = either(obj, d.version == 3 ? "id" : "@id", d.version == 3 ? "@id" : "id", key);
    if (!id) {
      if (missing_warning) warn(d.file, at(prefix, key), std::string("missing: ") + missing_warning);
      return {};
    }
    if (!id->is_string()) {
      error(d.file, at(prefix, key), "expected a string (a URI), got " + type_name(*id));
      return {};
    }
    const std::string s = sanitize_text(shortened(core::trim(id->get_ref<const std::string&>()), 2000));
    if (s.empty() && missing_warning) warn(d.file, at(prefix, key), std::string("empty: ") + missing_warning);
    return s;
  }

  // Plain text from one IIIF value. 3.0: HTML exactly when it starts with '<' and ends with '>'
  // (the IIIF rule: "a < b" stays as written). 2.x: HTML whenever it contains markup.
  std::string clean(const Doc& d, const std::string& value, Kind kind, const std::string& field) {
    std::string text;
    if (d.version == 3) {
      const auto t = core::trim(value);
      text = t.size() >= 2 && t.front() == '<' && t.back() == '>' ? html_to_text(t) : sanitize_text(value);
    } else {
      text = to_plain_text(value);
    }
    const std::size_t max = kind == Kind::label ? kMaxLabelChars : kMaxTextChars;
    const std::size_t n = core::count_code_points(text);
    if (n > max) {
      warn(d.file, field, "text of " + std::to_string(n) + " characters cut to " + std::to_string(max));
      text = shortened(text, max);
    }
    return text;
  }

  std::string language_key(const Doc& d, const std::string& key, const std::string& field) {
    if (key == "none" || key == "@none" || key.empty()) return {};
    const std::string code = canonical_language(key);
    // Undetermined, no linguistic content, several, uncoded: as good as "none".
    if (code == "und" || code == "zxx" || code == "mul" || code == "mis") return {};
    if (detail::is_language_code(code)) return code;
    if (odd_keys_.insert({d.file, key}).second)
      warn(d.file, field, "'" + sanitize_text(shortened(key, 40)) +
                              "' is not a language code (like \"en\" or \"pt-BR\"): its texts are taken as having no "
                              "language (as \"none\")");
    return {};
  }

  // A language map (3.0) or a 2.x value at obj[key]; empty if absent.
  RawText read_text(const Doc& d, const Json& obj, std::string_view key, const std::string& prefix, Kind kind) {
    RawText t;
    const Json* j = member(obj, key);
    if (!j) return t;
    if (d.version == 3)
      read_language_map(d, *j, at(prefix, key), kind, t);
    else
      read_v2_value(d, *j, at(prefix, key), kind, t, true);
    return t;
  }

  void read_language_map(const Doc& d, const Json& j, const std::string& field, Kind kind, RawText& out) {
    if (!j.is_object()) {
      error(d.file, field, "expected a language map such as {\"en\": [\"…\"]}, got " + type_name(j));
      return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string f = at(field, it.key());
      const std::string lang = language_key(d, it.key(), f);
      auto one = [&](const Json& v, const std::string& vf) {
        if (!v.is_string()) {
          error(d.file, vf, "expected a string, got " + type_name(v));
          return;
        }
        std::string s = clean(d, v.get_ref<const std::string&>(), kind, vf);
        if (!s.empty()) out.add(lang, std::move(s));
      };
      if (it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) one((*it)[i], at(f, i));
      } else if (it->is_string()) {
        one(*it, f);  // lenient: one string for a one-element array
      } else if (!it->is_null()) {
        error(d.file, f, "expected an array of strings, got " + type_name(*it));
      }
    }
  }

  void read_v2_value(const Doc& d, const Json& j, const std::string& field, Kind kind, RawText& out, bool top) {
    if (j.is_string()) {
      std::string s = clean(d, j.get_ref<const std::string&>(), kind, field);
      if (!s.empty()) out.add("", std::move(s));
    } else if (j.is_object() && member(j, "@value")) {
      const Json& v = j["@value"];
      std::string lang;
      if (const Json* l = member(j, "@language")) {
        if (l->is_string())
          lang = language_key(d, l->get_ref<const std::string&>(), at(field, "@language"));
        else
          error(d.file, at(field, "@language"), "expected a language code string, got " + type_name(*l));
      }
      if (!v.is_string()) {
        error(d.file, at(field, "@value"), "expected a string, got " + type_name(v));
        return;
      }
      std::string s = clean(d, v.get_ref<const std::string&>(), kind, at(field, "@value"));
      if (!s.empty()) out.add(lang, std::move(s));
    } else if (j.is_array() && top) {
      for (std::size_t i = 0; i < j.size(); ++i) read_v2_value(d, j[i], at(field, i), kind, out, false);
    } else if (j.is_object() && std::any_of(j.begin(), j.end(), [](const Json& v) { return v.is_array(); })) {
      // A 3.0 style language map in a 2.x document: accepted as such.
      read_language_map(d, j, field, kind, out);
    } else {
      error(d.file, field,
            "expected a string, a {\"@value\": …, \"@language\": …} object or an array of them, got " + type_name(j));
    }
  }

  // A required label: an error when missing.
  RawText read_label(const Doc& d, const Json& obj, const std::string& prefix, bool& present, const char* why) {
    present = member(obj, "label") != nullptr;
    if (!present) error(d.file, at(prefix, "label"), std::string("missing: ") + why);
    const std::size_t before = problems_.size();
    RawText label = read_text(d, obj, "label", prefix, Kind::label);
    const auto is_error = [](const Problem& p) { return !p.warning; };
    if (std::any_of(problems_.begin() + static_cast<long>(before), problems_.end(), is_error))
      present = false;  // reported already: no second error for the missing title
    return label;
  }

  void read_metadata(const Doc& d, const Json& obj, const std::string& prefix, std::vector<RawMeta>& out) {
    const Json* meta = member(obj, "metadata");
    if (!meta) return;
    const std::string field = at(prefix, "metadata");
    if (!meta->is_array()) {
      error(d.file, field, "expected an array of {label, value} pairs, got " + type_name(*meta));
      return;
    }
    for (std::size_t i = 0; i < meta->size(); ++i) {
      const Json& pair = (*meta)[i];
      const std::string f = at(field, i);
      if (!pair.is_object()) {
        error(d.file, f, "expected a {label, value} pair, got " + type_name(pair));
        continue;
      }
      RawMeta m;
      for (const char* k : {"label", "value"})
        if (!member(pair, k)) error(d.file, at(f, k), "missing: a metadata pair needs a label and a value");
      m.label = read_text(d, pair, "label", f, Kind::label);
      m.value = read_text(d, pair, "value", f, Kind::text);
      if (!m.label.empty() || !m.value.empty()) out.push_back(std::move(m));
    }
  }

  // 3.0 requiredStatement {label, value}; 2.x attribution (a value, no label).
  void read_credit(const Doc& d, const Json& obj, const std::string& prefix, RawText& label, RawText& value) {
    if (d.version == 2) {
      value = read_text(d, obj, "attribution", prefix, Kind::label);
      return;
    }
    const Json* rs = member(obj, "requiredStatement");
    if (!rs) return;
    const std::string f = at(prefix, "requiredStatement");
    if (!rs->is_object()) {
      error(d.file, f, "expected a {label, value} pair, got " + type_name(*rs));
      return;
    }
    if (!member(*rs, "value")) error(d.file, at(f, "value"), "missing: a required statement needs a value");
    label = read_text(d, *rs, "label", f, Kind::label);
    value = read_text(d, *rs, "value", f, Kind::label);
  }

  // A list of strings or objects (3.0 arrays; 2.x allows a single one).
  template <class F>
  void each(const Doc& d, const Json& obj, std::string_view key, const std::string& prefix, const char* expected, F f) {
    const Json* j = member(obj, key);
    if (!j) return;
    const std::string field = at(prefix, key);
    if (j->is_array()) {
      for (std::size_t i = 0; i < j->size(); ++i) f((*j)[i], at(field, i));
    } else if (j->is_object() || j->is_string()) {
      f(*j, field);
    } else {
      error(d.file, field, std::string("expected ") + expected + ", got " + type_name(*j));
    }
  }

  // --- manifests ---------------------------------------------------------------------------

  void read_manifest(const Doc& d, const Json& m) {
    RawManifest r;
    r.file = d.file;
    r.id = read_id(d, m, "", "the item id comes from the file name, and no collection can list this manifest");
    r.label = read_label(d, m, "", r.has_label, "every item needs a title");
    r.summary = read_text(d, m, d.version == 3 ? "summary" : "description", "", Kind::text);
    read_credit(d, m, "", r.credit_label, r.credit_value);
    read_metadata(d, m, "", r.metadata);
    each(d, m, d.version == 3 ? "rights" : "license", "", "a URI string", [&](const Json& v, const std::string& f) {
      if (!v.is_string())
        error(d.file, f, "expected a URI string, got " + type_name(v));
      else if (const auto s = sanitize_text(v.get_ref<const std::string&>()); !s.empty())
        r.rights.push_back(shortened(s, kMaxLabelChars));
    });
    if (d.version == 3)
      each(d, m, "provider", "", "an array of agents", [&](const Json& agent, const std::string& f) {
        if (!agent.is_object())
          error(d.file, f, "expected an agent {id, type, label}, got " + type_name(agent));
        else
          r.provider.append(read_text(d, agent, "label", f, Kind::label));
      });
    if (const Json* nav = member(m, "navDate")) {
      if (!nav->is_string()) {
        error(d.file, "navDate", "expected a date string such as \"1856-01-01T00:00:00Z\", got " + type_name(*nav));
      } else if (auto y = year_of(nav->get_ref<const std::string&>()); !y) {
        warn(d.file, "navDate", "'" + sanitize_text(shortened(nav->get_ref<const std::string&>(), 40)) +
                                    "' is not a date such as \"1856-01-01T00:00:00Z\": no year imported");
      } else if (const int year = historian_year(*y); year < kMinYear || year > kMaxYear) {
        warn(d.file, "navDate", "year " + std::to_string(year) + " is out of range " + std::to_string(kMinYear) + ".." +
                                    std::to_string(kMaxYear) + ": no year imported");
      } else {
        r.year = year;
        // The rule, where a curator may have meant otherwise (grouped in the report: said once).
        if (*y < 0) {
          char meant[16];
          std::snprintf(meant, sizeof meant, "-%04d", -*y - 1);
          warn(d.file, "navDate",
               "'" + sanitize_text(shortened(nav->get_ref<const std::string&>(), 40)) + "' is " +
                   catalog::format_period(year, year, "en") + ": navDate numbers years as ISO 8601 does, 0000 being 1 BCE; " +
                   "for " + std::to_string(-*y) + " BCE write " + meant,
               "navDate before 1 CE");
        }
      }
    }
    each(d, m, "thumbnail", "", "an array of images", [&](const Json& t, const std::string& f) {
      if (auto img = read_image_resource(d, t, f)) r.thumbnails.push_back(std::move(*img));
    });
    if (d.version == 3)
      read_canvases_v3(d, m, r);
    else
      read_canvases_v2(d, m, r);

    if (!r.id.empty()) {
      auto [it, fresh] = manifest_ids_.emplace(r.id, manifests_.size());
      if (!fresh) {
        error(d.file, d.version == 3 ? "id" : "@id",
              "duplicate manifest id '" + r.id + "' (also in " + manifests_[it->second].file.string() + ")");
        return;
      }
      manifest_norm_ids_.emplace(normalized_id(r.id), manifests_.size());
    }
    if (first_slug_.empty()) first_slug_ = slug_for(r.id, r.file);
    manifests_.push_back(std::move(r));
  }

  void read_canvases_v3(const Doc& d, const Json& m, RawManifest& r) {
    const Json* items = member(m, "items");
    if (!items) {
      warn(d.file, "items", "missing: the manifest has no canvases, the item has no images");
      return;
    }
    if (!items->is_array()) {
      error(d.file, "items", "expected an array of canvases, got " + type_name(*items));
      return;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      const Json& c = (*items)[i];
      const std::string cf = at("items", i);
      if (!c.is_object()) {
        error(d.file, cf, "expected a canvas (an object), got " + type_name(c));
        continue;
      }
      RawCanvas canvas = read_canvas_common(d, c, cf);
      if (const Json* pages = member(c, "items")) {
        if (!pages->is_array()) {
          error(d.file, at(cf, "items"), "expected an array of annotation pages, got " + type_name(*pages));
        } else {
          for (std::size_t p = 0; p < pages->size(); ++p) {
            const Json& page = (*pages)[p];
            const std::string pf = at(at(cf, "items"), p);
            if (!page.is_object()) {
              error(d.file, pf, "expected an annotation page (an object), got " + type_name(page));
              continue;
            }
            const Json* annos = member(page, "items");
            if (!annos) continue;
            if (!annos->is_array()) {
              error(d.file, at(pf, "items"), "expected an array of annotations, got " + type_name(*annos));
              continue;
            }
            for (std::size_t a = 0; a < annos->size(); ++a) {
              const Json& anno = (*annos)[a];
              const std::string af = at(at(pf, "items"), a);
              if (!anno.is_object()) {
                error(d.file, af, "expected an annotation (an object), got " + type_name(anno));
                continue;
              }
              if (!is_painting(anno)) continue;
              if (const Json* body = member(anno, "body"))
                read_body(d, *body, at(af, "body"), canvas, 0);
              else
                error(d.file, at(af, "body"), "missing: a painting annotation needs a body");
            }
          }
        }
      }
      r.canvases.push_back(std::move(canvas));
    }
  }

  static bool is_painting(const Json& anno) {
    const Json* mot = member(anno, "motivation");
    if (!mot) return true;  // an annotation in a canvas's items paints unless it says otherwise
    auto painting = [](const Json& v) {
      return v.is_string() && short_type(v.get_ref<const std::string&>()) == "painting";
    };
    if (mot->is_array()) return std::any_of(mot->begin(), mot->end(), painting);
    return painting(*mot);
  }

  void read_canvases_v2(const Doc& d, const Json& m, RawManifest& r) {
    const Json* seqs = member(m, "sequences");
    if (!seqs) {
      warn(d.file, "sequences", "missing: the manifest has no canvases, the item has no images");
      return;
    }
    if (!seqs->is_array()) {
      error(d.file, "sequences", "expected an array of sequences, got " + type_name(*seqs));
      return;
    }
    if (seqs->empty()) return;
    const Json& seq = (*seqs)[0];  // the first sequence is the default order; others are alternatives
    if (!seq.is_object()) {
      error(d.file, "sequences[1]", "expected a sequence (an object), got " + type_name(seq));
      return;
    }
    const Json* canvases = member(seq, "canvases");
    if (!canvases) return;
    if (!canvases->is_array()) {
      error(d.file, "sequences[1].canvases", "expected an array of canvases, got " + type_name(*canvases));
      return;
    }
    for (std::size_t i = 0; i < canvases->size(); ++i) {
      const Json& c = (*canvases)[i];
      const std::string cf = at("sequences[1].canvases", i);
      if (!c.is_object()) {
        error(d.file, cf, "expected a canvas (an object), got " + type_name(c));
        continue;
      }
      RawCanvas canvas = read_canvas_common(d, c, cf);
      each(d, c, "images", cf, "an array of image annotations", [&](const Json& anno, const std::string& af) {
        if (!anno.is_object()) {
          error(d.file, af, "expected an image annotation (an object), got " + type_name(anno));
          return;
        }
        if (const Json* res = member(anno, "resource"))
          read_body(d, *res, at(af, "resource"), canvas, 0);
        else
          error(d.file, at(af, "resource"), "missing: an image annotation needs a resource");
      });
      r.canvases.push_back(std::move(canvas));
    }
  }

  RawCanvas read_canvas_common(const Doc& d, const Json& c, const std::string& cf) {
    RawCanvas canvas;
    canvas.field = cf;
    canvas.id = read_id(d, c, cf, nullptr);
    canvas.label = read_text(d, c, "label", cf, Kind::label);
    read_metadata(d, c, cf, canvas.metadata);
    return canvas;
  }

  // A painting body: an image, a choice (the first/default option), a specific resource (its
  // source), or an array of those. Anything else (video, sound, text) is skipped with a warning.
  void read_body(const Doc& d, const Json& body, const std::string& f, RawCanvas& canvas, int depth) {
    if (depth > 4) return;
    if (body.is_array()) {
      for (std::size_t i = 0; i < body.size(); ++i) read_body(d, body[i], at(f, i), canvas, depth + 1);
      return;
    }
    if (body.is_object()) {
      std::string key;
      const Json* type = either(body, "type", "@type", key);
      const std::string t = type && type->is_string() ? short_type(type->get_ref<const std::string&>()) : "";
      if (t == "Choice") {
        if (const Json* def = member(body, "default")) return read_body(d, *def, at(f, "default"), canvas, depth + 1);
        for (const char* k : {"items", "item"})  // 3.0 "items"; 2.x "item"
          if (const Json* options = member(body, k)) {
            if (options->is_array() && !options->empty())
              return read_body(d, (*options)[0], at(at(f, k), 0), canvas, depth + 1);
            if (options->is_object()) return read_body(d, *options, at(f, k), canvas, depth + 1);
          }
        canvas.skipped = "a choice without options";
        warn(d.file, f, "the canvas paints a choice without options: skipped");
        return;
      }
      if (t == "SpecificResource") {
        if (const Json* src = member(body, "source")) return read_body(d, *src, at(f, "source"), canvas, depth + 1);
      }
      if (!t.empty() && t != "Image") {
        canvas.skipped = "a " + sanitize_text(shortened(t, 40)) + ", not an image";
        warn(d.file, f, "the canvas paints " + canvas.skipped + ": skipped");
        return;
      }
    }
    if (auto img = read_image_resource(d, body, f)) canvas.images.push_back(std::move(*img));
  }

  // An image resource: a URI string or an object with an id and maybe image services.
  std::optional<RawImage> read_image_resource(const Doc& d, const Json& j, const std::string& f) {
    RawImage img;
    detail::ImageNames names;
    if (j.is_string()) {
      img.url = std::string(core::trim(j.get_ref<const std::string&>()));
      img.field = f;
    } else if (j.is_object()) {
      std::string key;
      const Json* id = either(j, "id", "@id", key);
      img.field = at(f, key);
      if (id && !id->is_string()) {
        error(d.file, img.field, "expected a string (a URI), got " + type_name(*id));
        return std::nullopt;
      }
      if (id) img.url = std::string(core::trim(id->get_ref<const std::string&>()));
      std::vector<std::string> services;
      each(d, j, "service", f, "an array of services", [&](const Json& s, const std::string& sf) {
        std::string k;
        const Json* sid = s.is_object() ? either(s, "id", "@id", k) : (s.is_string() ? &s : nullptr);
        if (!s.is_object() && !s.is_string())
          error(d.file, sf, "expected a service (an object), got " + type_name(s));
        else if (sid && !sid->is_string())
          error(d.file, at(sf, k), "expected a string (a URI), got " + type_name(*sid));
        else if (sid)
          services.push_back(sid->get_ref<const std::string&>());
      });
      if (!img.url.empty()) names.add_url(img.url);
      for (const auto& s : services) names.add_service(s);
      if (img.url.empty() && !services.empty()) img.url = services.front();
    } else {
      error(d.file, f, "expected an image (an object with an id), got " + type_name(j));
      return std::nullopt;
    }
    if (j.is_string()) names.add_url(img.url);
    if (img.url.empty()) {
      warn(d.file, img.field, "an image without an id: skipped");
      return std::nullopt;
    }
    img.url = sanitize_text(shortened(img.url, 2000));
    img.names = names.take();
    return img;
  }

  // --- collections -------------------------------------------------------------------------

  void read_collection(const Doc& d, const Json& c, const std::string& prefix, int depth) {
    RawCollection col;
    col.file = d.file;
    col.field = prefix;
    col.id = read_id(d, c, prefix, prefix.empty() ? "the collection id comes from the file name" : nullptr);
    col.label = read_label(d, c, prefix, col.has_label, "every collection needs a title");
    col.summary = read_text(d, c, d.version == 3 ? "summary" : "description", prefix, Kind::text);
    read_credit(d, c, prefix, col.credit_label, col.credit_value);

    if (!col.id.empty()) {
      auto [it, fresh] = collection_ids_.emplace(col.id, collections_.size());
      if (!fresh) {
        const auto& other = collections_[it->second];
        error(d.file, at(prefix, d.version == 3 ? "id" : "@id"),
              "duplicate collection id '" + col.id + "' (also in " + other.file.string() +
                  (other.field.empty() ? "" : " at " + other.field) + ")");
        return;
      }
      collection_norm_ids_.emplace(normalized_id(col.id), collections_.size());
    }
    if (first_slug_.empty()) first_slug_ = slug_for(col.id, col.file);
    const std::size_t index = collections_.size();
    collections_.push_back(std::move(col));

    std::vector<RawRef> refs;
    auto member_ref = [&](const Json& m, const std::string& f, const char* implied_type) {
      if (!m.is_object()) {
        if (m.is_string() && implied_type) {  // 2.x allows a bare URI
          RawRef r;
          r.id = m.get_ref<const std::string&>();
          r.field = f;
          r.collection = std::string_view(implied_type) == "Collection";
          refs.push_back(std::move(r));
          return;
        }
        error(d.file, f, "expected a manifest or collection reference (an object), got " + type_name(m));
        return;
      }
      std::string key;
      const Json* type = either(m, d.version == 3 ? "type" : "@type", d.version == 3 ? "@type" : "type", key);
      std::string t = implied_type ? implied_type : "";
      if (type && type->is_string()) t = short_type(type->get_ref<const std::string&>());
      else if (type) error(d.file, at(f, key), "expected \"Manifest\" or \"Collection\", got " + type_name(*type));
      RawRef r;
      r.field = f;
      r.id = read_id(d, m, f, nullptr);
      r.label = read_text(d, m, "label", f, Kind::label);
      if (t == "Manifest") {
        if (r.id.empty()) {
          warn(d.file, f, "a manifest reference without an id: skipped");
          return;
        }
      } else if (t == "Collection") {
        r.collection = true;
        const bool has_content =
            member(m, "items") || member(m, "manifests") || member(m, "collections") || member(m, "members");
        if (has_content) {
          if (depth + 1 > kMaxCollectionDepth) {
            error(d.file, f, "collections nested deeper than " + std::to_string(kMaxCollectionDepth) + " levels");
            return;
          }
          r.embedded = true;
          read_collection(d, m, f, depth + 1);
        } else if (r.id.empty()) {
          warn(d.file, f, "a collection reference without an id: skipped");
          return;
        }
      } else {
        if (!type) error(d.file, at(f, key), "missing: expected \"Manifest\" or \"Collection\"");
        else if (type->is_string())
          warn(d.file, at(f, key), "'" + sanitize_text(shortened(t, 40)) + "' is not a manifest or collection: skipped");
        return;
      }
      refs.push_back(std::move(r));
    };

    if (d.version == 3) {
      const Json* items = member(c, "items");
      if (items && !items->is_array())
        error(d.file, at(prefix, "items"), "expected an array of manifests and collections, got " + type_name(*items));
      else if (items)
        for (std::size_t i = 0; i < items->size(); ++i) member_ref((*items)[i], at(at(prefix, "items"), i), nullptr);
    } else {
      for (auto [key, implied] : {std::pair{"collections", "Collection"}, std::pair{"manifests", "Manifest"},
                                  std::pair{"members", static_cast<const char*>(nullptr)}}) {
        const Json* list = member(c, key);
        if (!list) continue;
        if (!list->is_array()) {
          error(d.file, at(prefix, key), "expected an array, got " + type_name(*list));
          continue;
        }
        for (std::size_t i = 0; i < list->size(); ++i) member_ref((*list)[i], at(at(prefix, key), i), implied);
      }
    }
    collections_[index].refs = std::move(refs);
  }

  // --- languages ---------------------------------------------------------------------------

  template <class F>
  void each_text(F f) const {
    for (const auto& m : manifests_) {
      f(m.label, true);
      for (const RawText* t : {&m.summary, &m.credit_label, &m.credit_value, &m.provider}) f(*t, false);
      for (const auto& p : m.metadata) f(p.label, false), f(p.value, false);
      for (const auto& c : m.canvases) {
        f(c.label, false);
        for (const auto& p : c.metadata) f(p.label, false), f(p.value, false);
      }
    }
    for (const auto& c : collections_) {
      f(c.label, true);
      for (const RawText* t : {&c.summary, &c.credit_label, &c.credit_value}) f(*t, false);
    }
  }

  // The pack's languages: every language a text is in; the default is the option, else the one
  // most manifest and collection labels are in (then the most used overall, then the first seen).
  void choose_languages() {
    struct Use {
      int labels = 0, all = 0, first = 0;
    };
    std::map<std::string, Use> use;
    int seen = 0;
    each_text([&](const RawText& t, bool is_label) {
      for (const auto& [lang, values] : t.langs) {
        if (lang.empty()) continue;
        auto [it, fresh] = use.try_emplace(lang);
        if (fresh) it->second.first = seen++;
        it->second.all += 1;
        if (is_label) it->second.labels += 1;
      }
    });
    std::vector<std::string> langs;
    for (const auto& [l, u] : use) langs.push_back(l);
    std::sort(langs.begin(), langs.end(), [&](const std::string& a, const std::string& b) {
      const Use &x = use[a], &y = use[b];
      return std::tuple(-x.labels, -x.all, x.first) < std::tuple(-y.labels, -y.all, y.first);
    });

    std::string def;
    if (!o_.default_language.empty()) {
      def = canonical_language(o_.default_language);
      if (!detail::is_language_code(def)) {
        error({}, "default language", "'" + o_.default_language + "' is not a language code (like \"bg\" or \"en\")");
        def.clear();
      }
    }
    if (def.empty() && !langs.empty()) def = langs.front();
    if (def.empty()) {
      def = "en";
      if (!manifests_.empty())
        warn({}, "languages",
             "no text says which language it is in (IIIF \"none\" or 2.x plain strings): taken as 'en'; give the "
             "default language to choose another");
    }
    std::vector<std::string> order{def};
    std::vector<std::string> rest;
    for (const auto& l : langs)
      if (l != def) rest.push_back(l);
    std::stable_sort(rest.begin(), rest.end(), [&](const std::string& a, const std::string& b) {
      return std::pair(-use[a].all, use[a].first) < std::pair(-use[b].all, use[b].first);
    });
    for (const auto& l : rest) {
      if (order.size() == kMaxLanguages) {
        std::vector<std::string> dropped(rest.begin() + static_cast<long>(kMaxLanguages - 1), rest.end());
        warn({}, "languages", "texts in more than " + std::to_string(kMaxLanguages) +
                                  " languages: the least used are left out (" + quoted_list(dropped, 12) + ")");
        break;
      }
      order.push_back(l);
    }
    s_.languages = order;
    s_.default_language = def;
  }

  // --- assembling the pack source ------------------------------------------------------------

  LangText resolve(const RawText& t, std::string_view sep) const {
    LangText out;
    const auto* none = t.find("");
    for (const auto& lang : s_.languages) {
      const auto* v = t.find(lang);
      if (!v) v = none;
      if (v) out.set(lang, join(*v, sep));
    }
    return out;
  }

  // A title in the default language: another language's (with a warning) when it has none. An
  // error when there is no title in any language.
  void ensure_title(LangText& title, const RawText& raw, bool present, const fs::path& file, const std::string& field,
                    const char* what) {
    const std::string& def = s_.default_language;
    if (title.has(def)) return;
    std::string text, from;
    for (const auto& l : s_.languages)
      if (title.has(l)) {
        text = title.exact(l);
        from = l;
        break;
      }
    for (const auto& [l, v] : raw.langs) {
      if (!text.empty()) break;
      text = join(v, kList);
      from = l;
    }
    if (text.empty()) {
      if (present) error(file, field, std::string("no text in any language: every ") + what + " needs a title");
      return;
    }
    title.set(def, text);
    warn(file, field, std::string("no ") + what + " title in the default language '" + def + "': the '" +
                          (from.empty() ? std::string("none") : from) + "' one is used (\"" + shortened(text, 60) +
                          "\")");
  }

  LangText credit(const RawText& label, const RawText& value) const {
    const LangText l = resolve(label, kList), v = resolve(value, kList);
    LangText out;
    for (const auto& lang : s_.languages) {
      if (!v.has(lang)) continue;
      const std::string_view lt = l.exact(lang);
      out.set(lang, lt.empty() ? std::string(v.exact(lang)) : std::string(lt) + ": " + std::string(v.exact(lang)));
    }
    return out;
  }

  LangText fixed_label(const std::map<std::string, std::string>& words) const {
    LangText out;
    for (const auto& lang : s_.languages) {
      auto it = words.find(lang);
      if (it == words.end()) it = words.find(lang.substr(0, lang.find('-')));
      out.set(lang, it != words.end() ? it->second : words.at("en"));
    }
    return out;
  }

  LangText everywhere(const std::string& text) const {
    LangText out;
    for (const auto& lang : s_.languages) out.set(lang, text);
    return out;
  }

  std::string canvas_name(const RawCanvas& c, std::size_t index) const {
    std::string name = c.label.any(s_.default_language);
    std::string s = name.empty() ? "canvas " + std::to_string(index + 1) : "canvas '" + shortened(name, 60) + "'";
    if (!c.id.empty()) s += " (" + shortened(c.id, 200) + ")";
    return s;
  }

  ItemSource make_item(const RawManifest& r) {
    ItemSource it;
    it.loc = SourceLoc{r.file, 0, 0};
    it.collection_loc = it.loc;
    it.slug = unique_slug(slug_for(r.id, r.file), item_slugs_, "item");
    it.title = resolve(r.label, kList);
    ensure_title(it.title, r.label, r.has_label, r.file, "label", "item");
    it.summary = resolve(r.summary, kLines);
    it.credit = credit(r.credit_label, r.credit_value);
    it.year_from = r.year;
    it.year_to = r.year;
    for (const auto& m : r.metadata) it.metadata.push_back(MetaSource{resolve(m.label, kList), resolve(m.value, kList)});
    // Canvas metadata follows the manifest's, its label naming the canvas.
    for (std::size_t ci = 0; ci < r.canvases.size(); ++ci) {
      const RawCanvas& c = r.canvases[ci];
      const LangText caption = resolve(c.label, kList);
      for (const auto& m : c.metadata) {
        MetaSource pair{resolve(m.label, kList), resolve(m.value, kList)};
        LangText label;
        for (const auto& lang : s_.languages) {
          const std::string_view l = pair.label.exact(lang);
          if (l.empty()) continue;
          const std::string_view which = caption.get(lang, s_.languages);
          label.set(lang, std::string(l) + " (" + (which.empty() ? std::to_string(ci + 1) : std::string(which)) + ")");
        }
        pair.label = label;
        it.metadata.push_back(std::move(pair));
      }
    }
    for (const auto& uri : r.rights)
      it.metadata.push_back(MetaSource{fixed_label(rights_label()), everywhere(rights_name(uri))});
    if (!r.provider.empty()) it.metadata.push_back(MetaSource{fixed_label(provider_label()), resolve(r.provider, kList)});
    std::erase_if(it.metadata, [](const MetaSource& m) { return m.value.empty(); });

    for (std::size_t ci = 0; ci < r.canvases.size(); ++ci) {
      const RawCanvas& c = r.canvases[ci];
      if (c.images.empty()) {
        if (c.skipped.empty())  // else already reported where it was skipped
          warn(r.file, c.field, canvas_name(c, ci) + " paints no image: imported without one", "canvas without an image");
        continue;
      }
      for (const RawImage& img : c.images) {
        ImageSource src;
        src.file = img.url;
        src.caption = resolve(c.label, kList);
        src.loc = SourceLoc{r.file, 0, 0};
        src.field = img.field;
        src.resolved = finder_->find(img.names);
        if (src.resolved.empty()) {
          warn(r.file, img.field,
               canvas_name(c, ci) + ": image " + img.url + " not found locally " +
                   finder_->looked_for(img.names) + ": imported without it",
               kMissingImage);
          continue;
        }
        it.images.push_back(std::move(src));
      }
    }
    for (const RawImage& t : r.thumbnails) {
      ImageSource src;
      src.file = t.url;
      src.loc = SourceLoc{r.file, 0, 0};
      src.field = t.field;
      src.resolved = finder_->find(t.names);
      if (!src.resolved.empty()) {
        it.thumbnail = std::move(src);
        break;
      }
    }
    if (!r.thumbnails.empty() && !it.thumbnail) {
      const RawImage& t = r.thumbnails.front();
      warn(r.file, t.field,
           "thumbnail " + t.url + " not found locally " + finder_->looked_for(t.names) +
               ": the list picture is made from the first image",
           "thumbnail not found");
    }
    return it;
  }

  void assemble() {
    const detail::ImageFolders finder(o_.image_dirs);
    for (const auto& dir : finder.missing())
      problems_.push_back(Problem{dir, 0, 0, "", "image folder not found (or not a folder)"});
    finder_ = &finder;
    s_.version = o_.version;
    if (o_.version.empty()) error({}, "version", "must not be empty");
    if (!o_.inputs.empty()) {
      std::error_code ec;
      const fs::path& first = o_.inputs.front();
      s_.dir = fs::is_directory(first, ec) ? first : first.has_parent_path() ? first.parent_path() : fs::path(".");
    }

    // Which collection each manifest goes into: the first that lists it.
    std::vector<std::optional<std::size_t>> home(manifests_.size());
    std::vector<std::vector<std::size_t>> members(collections_.size());
    std::vector<bool> has_children(collections_.size(), false);
    auto find_manifest = [&](const std::string& id) -> std::optional<std::size_t> {
      if (auto it = manifest_ids_.find(id); it != manifest_ids_.end()) return it->second;
      if (auto it = manifest_norm_ids_.find(normalized_id(id)); it != manifest_norm_ids_.end()) return it->second;
      return std::nullopt;
    };
    for (std::size_t ci = 0; ci < collections_.size(); ++ci) {
      const RawCollection& c = collections_[ci];
      for (const RawRef& ref : c.refs) {
        const std::string label = ref.label.any(s_.default_language);
        const std::string named = "'" + ref.id + "'" + (label.empty() ? "" : " (\"" + shortened(label, 60) + "\")");
        if (ref.collection) {
          const bool given = ref.embedded || collection_ids_.count(ref.id) ||
                             collection_norm_ids_.count(normalized_id(ref.id));
          if (given)
            has_children[ci] = true;
          else
            warn(c.file, ref.field, "lists collection " + named + ", which is not among the inputs: skipped");
          continue;
        }
        const auto m = find_manifest(ref.id);
        if (!m) {
          warn(c.file, ref.field, "lists manifest " + named + ", which is not among the inputs: skipped");
        } else if (home[*m] == ci) {
          warn(c.file, ref.field, "lists manifest '" + ref.id + "' twice: the first place is kept");
        } else if (home[*m]) {
          const RawCollection& other = collections_[*home[*m]];
          warn(c.file, ref.field, "manifest '" + ref.id + "' is already in collection '" + other.id +
                                      "': an item belongs to one collection, the first that lists it");
        } else {
          home[*m] = ci;
          members[ci].push_back(*m);
        }
      }
    }

    // Collections that received manifests, in reading order.
    std::vector<std::size_t> kept;
    for (std::size_t ci = 0; ci < collections_.size(); ++ci) {
      if (!members[ci].empty()) {
        kept.push_back(ci);
      } else if (!has_children[ci]) {
        const RawCollection& c = collections_[ci];
        warn(c.file, c.field, "collection '" + (c.id.empty() ? c.file.filename().string() : c.id) +
                                  "' lists none of the given manifests: left out");
      }
    }

    // The pack: id, title and credit from the first kept collection, else the first manifest.
    s_.id = o_.pack_id.empty() ? first_slug_ : o_.pack_id;
    if (!o_.pack_id.empty() && !detail::is_slug(o_.pack_id, true))
      error({}, "pack id", "'" + o_.pack_id + "' is not a valid pack id: use lower-case letters, digits, '.' and '-'");
    if (s_.id.empty()) s_.id = "iiif-import";
    if (!kept.empty()) {
      const RawCollection& c = collections_[kept.front()];
      s_.title = resolve(c.label, kList);
      s_.credit = credit(c.credit_label, c.credit_value);
    } else if (!manifests_.empty()) {
      s_.title = resolve(manifests_.front().label, kList);
      if (manifests_.size() > 1)
        warn({}, "title", "no given collection holds the manifests: the pack and its collection are titled after "
                          "the first manifest (\"" +
                              shortened(std::string(s_.title.get(s_.default_language, s_.languages)), 60) + "\")");
    }
    if (!s_.title.has(s_.default_language)) {  // the collection or item title warns about it
      const std::string any(s_.title.get(s_.default_language, s_.languages));
      s_.title.set(s_.default_language, any.empty() ? s_.id : any);
    }

    if (manifests_.empty()) {
      if (!has_errors(problems_)) error({}, "", "nothing to import: no IIIF manifest among the inputs");
      return;
    }

    int order = 0;
    for (std::size_t ci : kept) {
      const RawCollection& c = collections_[ci];
      CollectionSource col;
      col.slug = unique_slug(slug_for(c.id, c.file), collection_slugs_, "collection");
      col.order = ++order;
      col.title = resolve(c.label, kList);
      ensure_title(col.title, c.label, c.has_label, c.file, at(c.field, "label"), "collection");
      col.summary = resolve(c.summary, kLines);
      col.loc = SourceLoc{c.file, 0, 0};
      int n = 0;
      for (std::size_t mi : members[ci]) {
        ItemSource it = make_item(manifests_[mi]);
        it.collection = col.slug;
        it.order = ++n;
        s_.items.push_back(std::move(it));
      }
      s_.collections.push_back(std::move(col));
    }
    std::vector<std::size_t> loose;
    for (std::size_t mi = 0; mi < manifests_.size(); ++mi)
      if (!home[mi]) loose.push_back(mi);
    if (!loose.empty()) {
      CollectionSource col;
      col.slug = unique_slug(kept.empty() ? detail::slugify(s_.id, kMaxSlug) : std::string("other"), collection_slugs_,
                             "collection");
      col.order = ++order;
      col.title = s_.title;
      col.loc = SourceLoc{manifests_[loose.front()].file, 0, 0};
      int n = 0;
      for (std::size_t mi : loose) {
        ItemSource it = make_item(manifests_[mi]);
        it.collection = col.slug;
        it.order = ++n;
        s_.items.push_back(std::move(it));
      }
      s_.collections.push_back(std::move(col));
    }
    finder_ = nullptr;
  }

  const IiifImportOptions& o_;
  std::vector<Problem>& problems_;
  PackSource s_;
  std::vector<RawManifest> manifests_;
  std::vector<RawCollection> collections_;
  std::map<std::string, std::size_t> manifest_ids_, manifest_norm_ids_, collection_ids_, collection_norm_ids_;
  std::set<std::pair<fs::path, std::string>> odd_keys_;
  std::set<std::string> item_slugs_, collection_slugs_;
  std::string first_slug_;
  const detail::ImageFolders* finder_ = nullptr;
};

}  // namespace

PackSource import_iiif(const IiifImportOptions& options, std::vector<Problem>& problems) {
  return Importer(options, problems).run();
}

}  // namespace orpheus::packs
