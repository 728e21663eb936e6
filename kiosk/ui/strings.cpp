#include "ui/strings.h"

#include "core/language_names.h"
#include "core/log.h"

namespace orpheus::ui {

Strings Strings::load(const std::filesystem::path& dir) {
  std::vector<std::string> problems;
  auto messages = i18n::Messages::load(dir, &problems);
  for (const auto& p : problems) log::error("strings", p + " (its visitors see English)");
  return Strings(std::move(messages));
}

std::string Strings::translate_plural(std::string_view lang, std::string_view context, std::string_view one,
                                      std::string_view other, std::uint64_t n, Args args) const {
  std::string s = i18n::format(messages_.get(lang, context, one, other, n), {{"n", std::to_string(n)}});
  return args.size() ? i18n::format(s, args) : s;
}

std::string_view Strings::language_name(std::string_view lang) const {
  auto n = names_.find(lang);
  if (n == names_.end()) n = names_.emplace(std::string(lang), core::native_language_name(lang)).first;
  return n->second;
}

std::string_view Strings::language_name_in(std::string_view lang, std::string_view reader) const {
  const std::string key = std::string(lang) + ">" + std::string(reader);
  auto n = names_.find(key);
  if (n == names_.end()) n = names_.emplace(key, core::language_name_in(lang, reader)).first;
  return n->second;
}

}  // namespace orpheus::ui
