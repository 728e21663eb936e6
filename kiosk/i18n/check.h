#pragma once
// What the build checks in a translation (orpheus-po check), each problem with file and line:
// - its header's Plural-Forms parses;
// - a plural entry has one msgstr per form, a singular entry one msgstr;
// - every translated msgstr has the same {placeholders} as the English (a plural form: as
//   msgid_plural), except that a form the rule uses for one number only may leave out {n}
//   ("1 предмет"); a form used for more numbers (Russian's 1, 21, 31 ...) must keep it;
// - with a template: each entry exists in the template with the same English (a stale
//   translation), and (`complete`) every template entry outside `optional_prefixes` is translated.
#include <string>
#include <string_view>
#include <vector>

#include "i18n/po.h"

namespace orpheus::i18n {

struct PoProblem {
  std::string file;
  int line = 0;
  std::string reason;
  std::string str() const;  // "FILE:LINE: reason"
};

// The {name}s in `text`, sorted, each once.
std::vector<std::string> placeholders(std::string_view text);

struct CheckOptions {
  const PoFile* pot = nullptr;              // the template to check against, if any
  bool complete = false;                    // every template entry must be translated
  std::vector<std::string> optional_prefixes;  // contexts that may stay untranslated ("admin.")
};

std::vector<PoProblem> check_po(const PoFile& po, const std::string& file, const CheckOptions& options = {});

}  // namespace orpheus::i18n
