#pragma once
// A summary of a built pack: manifest, seal, languages, collections with their item counts,
// media sizes. As JSON for scripts (orpheus-pack inspect --json) and as text for people.
#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

namespace orpheus::packs {

// Throws catalog::LoadError for a file that is not a readable pack. Reads the whole file once
// (the seal's hash).
// "narration": per language how many items' texts are recorded, synthetic or silent, and the
// audio's bytes and length; `verbose` adds each item's ("items": slug -> lang -> state).
nlohmann::ordered_json describe_pack(const std::filesystem::path& pack, bool verbose = false);
void print_description(const nlohmann::ordered_json& description, std::ostream& out);

}  // namespace orpheus::packs
