#include "packs/font_coverage.h"

#include <unicode/uchar.h>

#include <bitset>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "core/installed_fonts.h"
#include "core/utf8.h"

namespace orpheus::packs {
namespace {

namespace fs = std::filesystem;

// Calls `fn` with every code point of `text` worth checking: not ASCII (every font draws it),
// not an invalid byte (the readers report those).
template <class Fn>
void each_code_point(std::string_view text, Fn&& fn) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const auto [c, len] = core::decode_utf8(text, i);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    fn(c);
  }
}

std::string code(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// "U+05D0 'א' (HEBREW LETTER ALEF)", "U+E000 (a private-use character)".
std::string describe(char32_t c) {
  std::string s = code(c);
  const auto uc = static_cast<UChar32>(c);
  const auto type = static_cast<UCharCategory>(u_charType(uc));
  if (u_isgraph(uc) && type != U_PRIVATE_USE_CHAR) {
    s += " '";
    core::append_utf8(s, c);
    s += "'";
  }
  char name[256];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_charName(uc, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_SUCCESS(status) && n > 0)
    s += " (" + std::string(name, static_cast<std::size_t>(n)) + ")";
  else if (type == U_PRIVATE_USE_CHAR)
    s += " (a private-use character)";
  else if (type == U_UNASSIGNED)
    s += " (not assigned in Unicode " U_UNICODE_VERSION ")";
  return s;
}

std::string times(int n) { return n == 1 ? "once" : std::to_string(n) + " times"; }

// The lines of source files, read once each for locating characters.
class SourceFiles {
 public:
  const std::vector<std::string>* lines(const fs::path& file) {
    auto [it, fresh] = files_.try_emplace(file);
    if (fresh) {
      std::error_code ec;
      std::ifstream in(file, std::ios::binary);
      if (fs::is_regular_file(file, ec) && in) {
        it->second.emplace();
        for (std::string line; std::getline(in, line);) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          it->second->push_back(std::move(line));
        }
      }
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  std::map<fs::path, std::optional<std::vector<std::string>>> files_;
};

// Moves `where` to the character itself: the line of `text` holding it is looked for in the file
// from where.line on, then from the top; failing that (escapes, doubled quotes), the character
// alone. Left as it is if neither is found.
void locate(Problem& where, std::string_view text, char32_t c, SourceFiles& files) {
  if (where.file.empty()) return;
  const auto* lines = files.lines(where.file);
  if (!lines || lines->empty()) return;
  std::string ch;
  core::append_utf8(ch, c);
  const std::size_t at = text.find(ch);
  if (at == std::string_view::npos) return;
  const std::size_t line_start = text.rfind('\n', at) == std::string_view::npos ? 0 : text.rfind('\n', at) + 1;
  const std::size_t line_end = std::min(text.find('\n', at), text.size());
  const std::string_view segment = text.substr(line_start, line_end - line_start);
  const std::size_t offset = at - line_start;
  const std::size_t n = lines->size();
  const std::size_t first = where.line > 0 ? std::min<std::size_t>(static_cast<std::size_t>(where.line - 1), n) : 0;
  for (const auto& [needle, in_needle] : {std::pair(segment, offset), std::pair(std::string_view(ch), std::size_t{0})})
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = (first + k) % n;
      const std::size_t pos = (*lines)[i].find(needle);
      if (pos == std::string::npos) continue;
      where.line = static_cast<int>(i + 1);
      where.column = static_cast<int>(core::count_code_points(std::string_view((*lines)[i]).substr(0, pos + in_needle)) + 1);
      return;
    }
}

}  // namespace

std::vector<fs::path> packaged_font_dirs() {
  std::vector<fs::path> dirs;
  const std::string all = ORPHEUS_PACKAGED_FONT_DIRS;
  for (std::size_t start = 0; start <= all.size();) {
    const std::size_t end = std::min(all.find(':', start), all.size());
    if (end > start) dirs.emplace_back(all.substr(start, end - start));
    start = end + 1;
  }
  return dirs;
}

std::vector<Problem> font_warnings(const TextWalk& walk, std::span<const fs::path> font_dirs, bool find_in_files) {
  // First the distinct characters, asked of fontconfig at once; then where the undrawable ones are.
  const auto bmp = std::make_unique<std::bitset<0x10000>>();
  std::set<char32_t> beyond;
  walk([&](std::string_view text, const TextWhere&) {
    each_code_point(text, [&](char32_t c) {
      if (c <= 0xFFFF)
        bmp->set(c);
      else
        beyond.insert(c);
    });
  });
  std::vector<char32_t> wanted;
  for (char32_t c = 0x80; c <= 0xFFFF; ++c)
    if (bmp->test(c)) wanted.push_back(c);
  wanted.insert(wanted.end(), beyond.begin(), beyond.end());
  const std::vector<char32_t> undrawn = core::undrawable(wanted, font_dirs);
  if (undrawn.empty()) return {};

  struct Seen {
    Problem first;
    int count = 0;
  };
  std::map<char32_t, Seen> seen;
  std::vector<char32_t> order;  // first met first
  SourceFiles files;
  const std::set<char32_t> bad(undrawn.begin(), undrawn.end());
  walk([&](std::string_view text, const TextWhere& where) {
    each_code_point(text, [&](char32_t c) {
      if (!bad.count(c)) return;
      Seen& s = seen[c];
      if (s.count++ == 0) {
        s.first = where();
        if (find_in_files) locate(s.first, text, c, files);
        order.push_back(c);
      }
    });
  });

  std::vector<Problem> out;
  for (std::size_t i = 0; i < order.size() && i < static_cast<std::size_t>(kMaxFontWarnings); ++i) {
    const char32_t c = order[i];
    Problem p = seen[c].first;
    p.warning = true;
    const std::string where = " (" + times(seen[c].count) + " in the pack, first here)";
    p.reason = c > core::kLastDrawable
                   ? describe(c) + " is beyond U+FFFF, which the kiosk cannot draw: it shows '?'" + where
                   : "no font a kiosk is installed with draws " + describe(c) + ": it shows '?'" + where;
    out.push_back(std::move(p));
  }
  if (order.size() > static_cast<std::size_t>(kMaxFontWarnings)) {
    Problem p = seen[order[kMaxFontWarnings]].first;
    p.warning = true;
    std::string list;
    int total = 0;
    for (std::size_t i = kMaxFontWarnings; i < order.size(); ++i) {
      total += seen[order[i]].count;
      if (i < kMaxFontWarnings + 10u) list += (list.empty() ? "" : ", ") + code(order[i]);
    }
    if (order.size() > kMaxFontWarnings + 10u) list += ", ...";
    p.reason = std::to_string(order.size() - kMaxFontWarnings) + " more characters no font a kiosk is installed with draws (" +
               list + "; " + times(total) + " in the pack, the first here)";
    out.push_back(std::move(p));
  }
  return out;
}

namespace detail {

void check_fonts(const PackSource& source, std::vector<Problem>& problems) {
  const fs::path pack_toml = source.dir / "pack.toml";
  const auto walk = [&](const TextVisitor& visit) {
    const auto each = [&](const LangText& text, const SourceLoc& loc, const std::string& field) {
      for (const auto& [lang, t] : text.entries())
        if (!t.empty())
          visit(t, [&, &lang = lang] { return Problem{loc.file, loc.line, loc.column, field + "." + lang, {}}; });
    };
    const SourceLoc pack{pack_toml, 0, 0};
    each(source.title, pack, "title");
    each(source.credit, pack, "credit");
    for (const auto& [slug, label] : source.tags) each(label, pack, "tags." + slug);
    for (const auto& c : source.collections) {
      each(c.title, c.loc, "title");
      each(c.summary, c.loc, "summary");
      each(c.description, c.loc, "description");
    }
    for (const auto& it : source.items) {
      each(it.title, it.loc, "title");
      each(it.summary, it.loc, "summary");
      each(it.description, it.loc, "description");
      each(it.period, it.loc, "period");
      each(it.place_name, it.loc, "place_name");
      each(it.credit, it.loc, "credit");
      for (std::size_t i = 0; i < it.metadata.size(); ++i) {
        const std::string m = "metadata[" + std::to_string(i + 1) + "]";
        each(it.metadata[i].label, it.loc, m + ".label");
        each(it.metadata[i].value, it.loc, m + ".value");
      }
      for (std::size_t i = 0; i < it.images.size(); ++i) {
        const auto& img = it.images[i];
        const std::string m = "images[" + std::to_string(i + 1) + "]";
        each(img.caption, img.loc.file.empty() ? it.loc : img.loc, m + ".caption");
        each(img.alt, img.loc.file.empty() ? it.loc : img.loc, m + ".alt");
      }
    }
    for (const auto& place : source.map.places) each(place.name, place.loc, "name");  // named on the map
    for (const auto& e : source.events) {  // the programme (docs/events.md)
      const std::pair<const LangText*, const char*> texts[] = {
          {&e.title, "title"}, {&e.summary, "summary"}, {&e.description, "description"}, {&e.room, "room"},
          {&e.place, "place"}, {&e.address, "address"},   {&e.price, "price"},             {&e.booking, "booking"}};
      for (const auto& [text, field] : texts) each(*text, e.loc, field);
    }
  };
  const auto dirs = packaged_font_dirs();
  for (auto& p : font_warnings(walk, dirs, true)) problems.push_back(std::move(p));
}

}  // namespace detail
}  // namespace orpheus::packs
