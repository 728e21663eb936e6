#pragma once
// A summary of a built pack: manifest, seal, languages, collections with their item counts,
// media sizes. As JSON for scripts (orpheus-pack inspect --json) and as text for people.
#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

namespace orpheus::packs {

// Throws catalog::LoadError for a file that is not a readable pack. Reads the whole file once
// (the seal's hash).
nlohmann::ordered_json describe_pack(const std::filesystem::path& pack);
void print_description(const nlohmann::ordered_json& description, std::ostream& out);

}  // namespace orpheus::packs
