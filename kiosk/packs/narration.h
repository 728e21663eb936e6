#pragma once
// Internal to orpheus_packs: the narration side of a build (docs/narration.md). The curator's
// recordings (narration/<item>.<lang>.ogg, with an optional .txt of sentence starts) are found
// and checked with the rest of the source; with --narrate every item text without one is
// synthesised with espeak-ng (run as a subprocess, one per sentence, so each start is exact)
// and encoded as Ogg Vorbis (libvorbisenc). Rendering runs on the writer's worker threads.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "packs/source.h"

namespace orpheus::packs::detail {

// libvorbisenc's VBR quality for synthetic speech (mono, espeak-ng's 22050 Hz): about 20 kbit/s.
inline constexpr float kNarrationQuality = -0.1f;
// Silence added after each spoken sentence, and after the last of a part (title, summary, description).
inline constexpr int kSentencePauseMs = 350, kPartPauseMs = 800;
// The folder of a pack source (and of each --media-dir) that holds recordings.
inline constexpr const char* kNarrationDir = "narration";

// The item's texts in one language, as the narration speaks them.
struct SpokenTexts {
  std::string title, summary, description;
  bool empty() const { return title.empty() && summary.empty() && description.empty(); }
};
SpokenTexts spoken_texts(const ItemSource& item, const std::string& lang);

// Every sentence of title, summary and description in that order (core::split_sentences), with
// start_ms 0.
std::vector<catalog::NarrationSentence> spoken_sentences(const SpokenTexts& texts);

// Looks for narration/<item-slug>.<lang>.ogg (and .txt) in the source folder, then each media
// folder (the first found wins), and attaches them to their items. A recording or timings file
// for an unknown item or language, or timings without a recording, is a problem naming it.
void find_recordings(PackSource& source, const BuildOptions& options, std::vector<Problem>& problems);

// Decodes every recording in full and reads its timings: a problem naming the file for audio
// that does not decode, a timings file whose count of starts does not match the sentences (naming
// both counts), or a start that is not a number, goes back in time or is past the end.
void check_recordings(const PackSource& source, unsigned threads, std::vector<Problem>& problems);

// The speech synthesiser: espeak-ng and the voice it has for each of the pack's languages.
struct Narrator {
  std::string program = "espeak-ng";
  std::map<std::string, std::string> voices;  // pack language -> espeak-ng voice
};

// Finds `program` and its voices for the pack's languages: an error naming the Debian package
// when the program cannot be run; a warning per language it has no voice for (left silent).
std::optional<Narrator> find_narrator(const PackSource& source, const std::string& program, std::vector<Problem>& problems);

struct RenderedNarration {
  std::string lang;
  bool synthetic = false, timed = false;
  int duration_ms = 0;
  std::vector<catalog::NarrationSentence> sentences;
  std::vector<std::uint8_t> bytes;  // Ogg Vorbis
  std::string problem;              // non-empty: could not be made
  SourceLoc loc;                    // where a problem is reported
};

// A checked recording with its sentences' starts (from its timings file, else estimated in
// proportion to their length).
RenderedNarration render_recording(const RecordingSource& recording, const SpokenTexts& texts);
// The texts spoken by espeak-ng, sentence by sentence, as Ogg Vorbis.
RenderedNarration synthesise(const Narrator& narrator, const std::string& lang, const SpokenTexts& texts,
                             float quality = kNarrationQuality);

}  // namespace orpheus::packs::detail
