// Narration audio (media/audio.h): Ogg Vorbis from the curator's recordings (checked by the pack
// builder) and from packs (played by the kiosk): the probe, the whole decode, and the streaming
// decoder the audio thread uses, with a seek.
#include "fuzz_support.h"
#include "media/audio.h"

using namespace orpheus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  try {
    (void)media::probe_vorbis(bytes);
  } catch (const media::AudioError& e) {
    fuzz::refused(e);
    return 0;  // decode_vorbis and VorbisStream refuse what the probe refuses
  }
  try {
    (void)media::decode_vorbis(bytes);
  } catch (const media::AudioError& e) {
    fuzz::refused(e);
  }
  try {
    media::VorbisStream stream(std::make_shared<const std::vector<std::uint8_t>>(data, data + size));
    std::vector<std::int16_t> out(4096);
    for (int i = 0; i < 64 && stream.read(out) > 0; ++i) {
    }
    if (stream.seek(stream.frames() / 2))
      for (int i = 0; i < 8 && stream.read(out) > 0; ++i) {
      }
  } catch (const media::AudioError& e) {
    fuzz::refused(e);
  }
  return 0;
}
