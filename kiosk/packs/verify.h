#pragma once
// Checks a built pack before anything trusts it (orpheus-pack verify and install): the
// database's integrity, its schema, its seal and signature, that every media blob and tile (the
// map's too) decodes within the pixel limit at the size the tables claim, that the map's lines
// lie inside their bounding boxes, that every item and collection has a title in the default
// language, that every narration decodes to the length its row says with its sentences in time
// order inside their texts, that every event has dates that end after they start and a title, and
// that nothing refers to something missing.
// Blocking; decodes on worker threads. Not for a frame.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/lang_text.h"
#include "media/image.h"
#include "packs/builder.h"
#include "packs/progress.h"
#include "trust/seal.h"

namespace orpheus::packs {

// What identifies a pack: pack_info, pack_text and the seal.
struct Manifest {
  std::string id, version, created, generator, default_language;
  std::vector<std::string> languages;
  catalog::LangText title, credit;
  int schema_version = 0;
};

// Reads the manifest without checking anything else. Throws catalog::LoadError for a file
// that is not a readable pack.
Manifest read_manifest(const std::filesystem::path& pack);

struct VerifyOptions {
  std::vector<trust::PublicKey> trusted;  // keys whose signature makes a pack trusted
  bool require_trusted = true;            // false (development): unsigned or untrusted is a warning
  unsigned threads = 0;                   // decoding workers; 0 = one per core (at most 8)
  std::int64_t max_pixels = media::kDefaultMaxPixels;
  ProgressFn progress;                    // stage "checking images": blobs and tiles decoded
};

struct VerifyReport {
  Manifest manifest;                // as far as it could be read
  trust::Check seal;
  std::vector<Problem> problems;    // file: the pack; field: where inside it
  int items = 0, media = 0, blobs = 0, tiles = 0;
  int map_tiles = 0, map_lines = 0;  // the map's (schema version 5), decoded and checked
  int narrations = 0;                // decoded, their sentences checked (schema version 6)
  int events = 0, event_dates = 0;   // the programme's, checked (schema version 7)
  bool ok() const { return !has_errors(problems); }
};

// Reports every problem at once; never throws for a bad pack (an unreadable file is a problem).
VerifyReport verify_pack(const std::filesystem::path& pack, const VerifyOptions& options);

}  // namespace orpheus::packs
