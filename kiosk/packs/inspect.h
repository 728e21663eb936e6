#pragma once
// A human-readable summary of a built pack: manifest, languages, collections with their item
// counts, media sizes. Throws catalog::LoadError for a file that is not a readable pack.
#include <filesystem>
#include <ostream>

namespace orpheus::packs {

void inspect_pack(const std::filesystem::path& pack, std::ostream& out);

}  // namespace orpheus::packs
