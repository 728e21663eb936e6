#pragma once
// Imports IIIF Presentation manifests and collections (3.0 and 2.x, JSON files on disk) as a
// pack source. Never touches the network: images are looked up in local folders.
// Blocking, any thread. Not for the kiosk process.
#include <filesystem>
#include <string>
#include <vector>

#include "packs/source.h"

namespace orpheus::packs {

struct IiifImportOptions {
  // Manifest and collection files. A collection becomes a pack collection holding the
  // manifests it lists that are among `inputs` (matched by id); a manifest no given
  // collection lists goes into a collection named after the pack (see docs/import-iiif.md).
  std::vector<std::filesystem::path> inputs;
  // Folders searched, in order, for each image a canvas paints (and each thumbnail).
  std::vector<std::filesystem::path> image_dirs;
  std::string pack_id;           // empty: derived from the first input's id / file name
  std::string version = "1";
  std::string default_language;  // empty: the most used language of the labels
};

// Every problem found is appended (file = the JSON file, field = a JSON path such as
// "items[2].label"). A missing image or thumbnail is a warning (Problem::warning): the item
// is imported without it. The returned source is complete when no error was added.
PackSource import_iiif(const IiifImportOptions& options, std::vector<Problem>& problems);

}  // namespace orpheus::packs
