#include "i18n/messages.h"

#include <algorithm>

#include "core/utf8.h"

namespace orpheus::i18n {

std::string Catalogue::key(std::string_view context, std::string_view id) {
  std::string k;
  k.reserve(context.size() + 1 + id.size());
  k.append(context).push_back('\x04');
  k.append(id);
  return k;
}

Catalogue Catalogue::from(const PoFile& po, const std::string& name) {
  Catalogue c;
  if (const auto forms = po.header.find("Plural-Forms"); forms != po.header.end()) {
    std::string error;
    auto rule = PluralRule::parse(forms->second, &error);
    if (!rule) throw PoError(name, po.header_line, "Plural-Forms: " + error);
    c.plural_ = std::move(*rule);
  }
  for (const auto& e : po.entries)
    if (e.translated()) c.table_[key(e.context, e.id)] = e.strs;
  return c;
}

const std::string* Catalogue::find(std::string_view context, std::string_view id) const {
  const auto it = table_.find(key(context, id));
  return it == table_.end() ? nullptr : &it->second.front();
}

const std::string* Catalogue::find(std::string_view context, std::string_view id, std::uint64_t n) const {
  const auto it = table_.find(key(context, id));
  if (it == table_.end()) return nullptr;
  const auto form = static_cast<std::size_t>(plural_.form(n));
  return form < it->second.size() ? &it->second[form] : nullptr;
}

std::string format(std::string_view text, Args args) {
  std::string s(text);
  for (const auto& [name, value] : args) {
    const std::string token = "{" + std::string(name) + "}";
    for (auto pos = s.find(token); pos != std::string::npos; pos = s.find(token, pos + value.size()))
      s.replace(pos, token.size(), value);
  }
  return s;
}

std::string pseudo_localize(std::string_view text) {
  // Accented forms inside Latin-1 and Latin Extended-A, which every font atlas has.
  constexpr std::string_view kPlain = "abcdeghijklnorstuwyzACDEGHIJKLNORSTUWYZ";
  static const char32_t kAccented[] = {U'á', U'b', U'ç', U'ď', U'é', U'ğ', U'ĥ', U'í', U'ĵ', U'ķ', U'ľ', U'ñ', U'ö',
                                       U'ŕ', U'š', U'ţ', U'ü', U'ŵ', U'ý', U'ž', U'Á', U'Ç', U'Ď', U'É', U'Ğ', U'Ĥ',
                                       U'Í', U'Ĵ', U'Ķ', U'Ľ', U'Ñ', U'Ö', U'Ŕ', U'Š', U'Ţ', U'Ü', U'Ŵ', U'Ý', U'Ž'};
  static_assert(std::size(kAccented) == kPlain.size());
  constexpr std::string_view kVowels = "aeiouAEIOU";
  // 40 % more letters: the first vowels doubled ("Bááçk"), then '~' if there were too few.
  std::size_t letters = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, len] = core::decode_utf8(text, i);
    if (c == U'{') {
      const auto close = text.find('}', i);
      i = close == std::string_view::npos ? text.size() : close + 1;
      continue;
    }
    letters += c != U' ';
    i += std::max<std::size_t>(len, 1);
  }
  std::size_t extra = (letters * 2 + 4) / 5;  // ceil(0.4 × letters)
  std::string out = "[";
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const auto close = text.find('}', i);
      const auto end = close == std::string_view::npos ? text.size() : close + 1;
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    const auto [c, len] = core::decode_utf8(text, i);
    if (len == 0) {  // not UTF-8: as it is
      out += text[i++];
      continue;
    }
    const auto at = c < 0x80 ? kPlain.find(static_cast<char>(c)) : std::string_view::npos;
    const char32_t shown = at == std::string_view::npos ? c : kAccented[at];
    core::append_utf8(out, shown);
    if (extra > 0 && c < 0x80 && kVowels.find(static_cast<char>(c)) != std::string_view::npos) {
      core::append_utf8(out, shown);
      --extra;
    }
    i += len;
  }
  out.append(extra, '~');
  out += "]";
  return out;
}

Messages Messages::load(const std::filesystem::path& dir, std::vector<std::string>* problems) {
  Messages m;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".po") files.push_back(entry.path());
  if (ec && problems) problems->push_back(dir.string() + ": cannot be read: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    try {
      m.add(file.stem().string(), Catalogue::from(read_po_file(file), file.string()));
    } catch (const PoError& e) {
      if (problems) problems->push_back(e.what());
    }
  }
  return m;
}

void Messages::add(const std::string& language, Catalogue catalogue) { catalogues_[language] = std::move(catalogue); }

const Catalogue* Messages::catalogue(std::string_view language) const {
  const auto it = catalogues_.find(language);
  return it == catalogues_.end() ? nullptr : &it->second;
}

bool Messages::has_language(std::string_view language) const { return language == "en" || catalogue(language); }

std::vector<std::string> Messages::languages() const {
  std::vector<std::string> out{"en"};
  for (const auto& [lang, _] : catalogues_)
    if (lang != "en") out.push_back(lang);
  std::sort(out.begin(), out.end());
  return out;
}

std::string_view Messages::shown(std::string_view text) const {
  if (!pseudo_) return text;
  const auto [it, fresh] = pseudo_cache_.try_emplace(std::string(text));
  if (fresh) it->second = pseudo_localize(text);
  return it->second;
}

std::string_view Messages::get(std::string_view language, std::string_view context, std::string_view english) const {
  if (const auto* c = catalogue(language))
    if (const auto* t = c->find(context, english)) return shown(*t);
  return shown(english);
}

std::string_view Messages::get(std::string_view language, std::string_view context, std::string_view one,
                               std::string_view other, std::uint64_t n) const {
  if (const auto* c = catalogue(language))
    if (const auto* t = c->find(context, one, n)) return shown(*t);
  return shown(n == 1 ? one : other);
}

}  // namespace orpheus::i18n
