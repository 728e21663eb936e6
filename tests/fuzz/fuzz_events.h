#pragma once
// What the two programme targets (fuzz_events_csv, fuzz_events_ics) share: a museum's programme
// written to a file of the given name, read by the importer, then checked and ordered as the pack
// builder does.
#include "fuzz_support.h"
#include "packs/events_source.h"

namespace orpheus::fuzz {

// import(file, zone, languages, default language, problems) -> the events, as packs/events_*.h.
template <class Import>
void programme(const std::filesystem::path& name, std::string_view text, Import import) {
  static const events::TimeZone sofia = *events::TimeZone::named("Europe/Sofia");
  const auto file = write_file(name, text);
  packs::PackSource source;
  source.languages = {"bg", "en"};
  source.default_language = "bg";
  std::vector<packs::Problem> problems;
  source.events = import(file, sofia, source.languages, source.default_language, problems);
  packs::detail::check_events(source, sofia, problems);
  for (const auto& e : source.events)
    for (const auto& o : e.occurrences) (void)packs::detail::local_text(o, sofia, true);
  for (const auto& p : problems) (void)p.str();
}

}  // namespace orpheus::fuzz
