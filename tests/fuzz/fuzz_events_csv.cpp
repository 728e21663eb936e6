// A museum's programme as a CSV file (packs/events_csv.h: a spreadsheet, the museum's own system),
// then checked and ordered as the pack builder does.
#include "fuzz_support.h"
#include "packs/events_csv.h"
#include "packs/events_source.h"

using namespace orpheus;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const events::TimeZone sofia = *events::TimeZone::named("Europe/Sofia");
  const auto file = fuzz::write_file("events/programme.csv", fuzz::text_of(data, size));
  packs::PackSource source;
  source.languages = {"bg", "en"};
  source.default_language = "bg";
  std::vector<packs::Problem> problems;
  source.events = packs::import_events_csv(file, sofia, source.languages, source.default_language, problems);
  packs::detail::check_events(source, sofia, problems);
  for (const auto& e : source.events)
    for (const auto& o : e.occurrences) (void)packs::detail::local_text(o, sofia, true);
  for (const auto& p : problems) (void)p.str();
  return 0;
}
