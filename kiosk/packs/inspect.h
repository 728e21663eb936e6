#pragma once
// A summary of a built pack: manifest, seal, languages, collections with their item counts,
// media sizes, the programme's next dates. As JSON for scripts (orpheus-pack inspect --json) and
// as text for people.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>

#include <nlohmann/json.hpp>

namespace orpheus::packs {

// Throws catalog::LoadError for a file that is not a readable pack. Reads the whole file once
// (the seal's hash).
// "narration": per language how many items' texts are recorded, synthetic or silent, and the
// audio's bytes and length; `verbose` adds each item's ("items": slug -> lang -> state).
// "texts": for "items" and "collections", "of": how many have each text (titles, summaries,
// descriptions; for items also metadata and captions) in any language, and "languages": how many
// have it in each language (coverage.h), items' "narrations" (recorded or synthetic) too.
// "events" (schema version 7): the pack's time zone, how many events and dates, and the next
// `upcoming` occurrences (those not yet ended at `now`: Unix seconds, default the present) with
// their local times and titles; "texts" then has "events" too (titles and summaries).
nlohmann::ordered_json describe_pack(const std::filesystem::path& pack, bool verbose = false,
                                     std::optional<std::int64_t> now = std::nullopt, std::size_t upcoming = 10);
// As text: the texts as a table, one row per language (metadata and captions with `verbose`),
// whose narrations column replaces per-language narration lines.
void print_description(const nlohmann::ordered_json& description, std::ostream& out, bool verbose = false);

}  // namespace orpheus::packs
