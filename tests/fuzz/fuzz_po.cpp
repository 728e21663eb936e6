// The interface's translations (i18n/po.h, plural.h, messages.h, check.h): PO files from
// translators (Poedit, Weblate) that the kiosk loads at start-up and `orpheus-po check` checks.
// A file that parses is checked against itself as the template, made into a catalogue and asked
// for every entry and plural form; the Plural-Forms rule is evaluated for a few numbers.
#include "fuzz_support.h"
#include "i18n/check.h"
#include "i18n/messages.h"
#include "i18n/plural.h"
#include "i18n/po.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  i18n::PoFile po;
  try {
    po = i18n::parse_po(text, "fuzz.po");
  } catch (const i18n::PoError& e) {
    fuzz::refused(e);
    return 0;
  }
  i18n::CheckOptions options;
  options.pot = &po;
  options.complete = true;
  for (const auto& p : i18n::check_po(po, "fuzz.po", options)) (void)p.str();
  if (const auto forms = po.header.find("Plural-Forms"); forms != po.header.end()) {
    std::string error;
    if (const auto rule = i18n::PluralRule::parse(forms->second, &error))
      for (std::uint64_t n : {0ull, 1ull, 2ull, 5ull, 11ull, 21ull, 101ull, 1000000ull, ~0ull}) (void)rule->form(n);
  }
  i18n::Catalogue catalogue;
  try {
    catalogue = i18n::Catalogue::from(po, "fuzz.po");
  } catch (const i18n::PoError& e) {
    fuzz::refused(e);
    return 0;
  }
  for (const auto& e : po.entries) {
    if (const std::string* s = catalogue.find(e.context, e.id)) {
      (void)i18n::format(*s, {{"n", "3"}, {"title", "Rogozen"}});
      (void)i18n::placeholders(*s);
    }
    for (std::uint64_t n : {0ull, 1ull, 2ull, 7ull}) (void)catalogue.find(e.context, e.id, n);
    (void)i18n::pseudo_localize(e.id);
  }
  i18n::Messages messages;
  messages.add("xx", std::move(catalogue));
  for (const auto& e : po.entries) {
    (void)messages.get("xx", e.context, e.id);
    (void)messages.get("xx", e.context, e.id, e.plural_id, 3);
  }
  return 0;
}
