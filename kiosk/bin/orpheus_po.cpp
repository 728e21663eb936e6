// orpheus-po: checks the interface's translations (docs/translations.md); the build runs it on
// every assets/po/*.po.
//
//   orpheus-po check [--template POT] [--complete] [--optional PREFIX]... FILE.po...
//
// Every problem is reported as FILE:LINE: reason (i18n/check.h). Exit status: 0 no problem;
// 1 problems (or a file that cannot be read or parsed); 2 usage error.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/check.h"
#include "i18n/po.h"

namespace {

constexpr std::string_view kUsage =
    "usage: orpheus-po check [--template POT] [--complete] [--optional PREFIX]... FILE.po...\n"
    "  --template POT     each entry must be in the template, with the same English\n"
    "  --complete         every template entry must be translated (not fuzzy, not empty)\n"
    "  --optional PREFIX  ... except those whose context starts with PREFIX (e.g. admin.)\n";

int usage_error(const std::string& why) {
  std::fprintf(stderr, "orpheus-po: %s\n%s", why.c_str(), kUsage.data());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  namespace i18n = orpheus::i18n;
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage.data(), args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "check") return usage_error("unknown command: " + args[0]);
  i18n::CheckOptions options;
  std::string template_file;
  std::vector<std::string> files;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--template" || a == "--optional") {
      if (i + 1 == args.size()) return usage_error(a + " needs a value");
      (a == "--template" ? template_file : options.optional_prefixes.emplace_back()) = args[++i];
    } else if (a == "--complete") {
      options.complete = true;
    } else if (a.starts_with("-")) {
      return usage_error("unknown option: " + a);
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) return usage_error("no PO file given");
  int problems = 0;
  i18n::PoFile pot;
  try {
    if (!template_file.empty()) {
      pot = i18n::read_po_file(template_file);
      options.pot = &pot;
    }
    for (const auto& file : files) {
      try {
        for (const auto& p : i18n::check_po(i18n::read_po_file(file), file, options)) {
          std::fprintf(stderr, "%s\n", p.str().c_str());
          ++problems;
        }
      } catch (const i18n::PoError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        ++problems;
      }
    }
  } catch (const i18n::PoError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  if (problems > 0) std::fprintf(stderr, "orpheus-po: %d problem%s\n", problems, problems == 1 ? "" : "s");
  return problems > 0 ? 1 : 0;
}
