#pragma once
// Imports IIIF Presentation manifests and collections (3.0 and 2.x, JSON files on disk) as a
// pack source: one item per manifest, one pack collection per collection. Never touches the
// network: images are looked up in local folders. What goes where: docs/import-iiif.md.
// Blocking, any thread. Not for the kiosk process.
#include <filesystem>
#include <string>
#include <vector>

#include "packs/source.h"

namespace orpheus::packs {

struct IiifImportOptions {
  // Manifest and collection files (a folder stands for the *.json files directly in it). A
  // collection becomes a pack collection holding the manifests it lists that are among
  // `inputs` (matched by id); a manifest no given collection lists goes into a collection
  // named after the pack (see docs/import-iiif.md).
  std::vector<std::filesystem::path> inputs;
  // Folders searched, in order, for each image a canvas paints (and each thumbnail): by the
  // URL's last path segment, or by the Image API / image service identifier + .jpg/.jpeg/.png.
  std::vector<std::filesystem::path> image_dirs;
  std::string pack_id;           // empty: derived from the first input's id / file name
  std::string version = "1";
  std::string default_language;  // empty: the language most manifest/collection labels are in
};

// Every problem found is appended (file = the JSON file, field = a JSON path such as
// "items[2].label", arrays counted from 1 as in pack sources; invalid JSON with the parser's
// line and column). A missing image or thumbnail is a warning (Problem::warning): the item
// is imported without it. The returned source is complete when no error was added; images are
// located (ImageSource::resolved) but not yet checked: build_from_source() does that.
PackSource import_iiif(const IiifImportOptions& options, std::vector<Problem>& problems);

}  // namespace orpheus::packs
